# What the cmdlets say when something is not there, run from the published module against moto:
# an exact name that does not exist is an ObjectNotFound error whose ErrorId is the same for a
# resource type whichever cmdlet meets it (Get, Update, Remove, Unregister, Wait); a wildcard, a
# filter or a listing that finds nothing returns nothing, says so on the Verbose stream, and
# raises no error, so that a cleanup runbook under $ErrorActionPreference = 'Stop' goes on.

BeforeAll {
    Import-Module (Join-Path $PSScriptRoot 'TestHelpers.psm1') -Force
    $Endpoint = Initialize-EcsTestEnvironment
    $Aws = @{ Region = 'us-east-1'; EndpointUrl = $Endpoint }
    Reset-EcsTestState -Endpoint $Endpoint

    $Cluster = New-TestName 'nf'
    $null = New-EcsClusterX $Cluster @Aws
    $Family = New-TestName 'nf-td'
    $Revision = Register-EcsTaskDefinitionX -Family $Family -ContainerDefinition @{ name = 'web'; image = 'nginx:1.27'; memory = 128 } -NetworkMode bridge @Aws -ErrorAction Stop
    $Service = New-EcsServiceX (New-TestName 'nf-svc') $Revision.FamilyRevision -Cluster $Cluster -LaunchType EC2 -DesiredCount 0 @Aws -ErrorAction Stop

    # Output, errors and verbose lines of a run, whatever $ErrorActionPreference says.
    function Invoke-Observed([scriptblock] $ScriptBlock) {
        $output = [System.Collections.Generic.List[object]]::new()
        $errors = [System.Collections.Generic.List[System.Management.Automation.ErrorRecord]]::new()
        $verbose = [System.Collections.Generic.List[string]]::new()
        try {
            & $ScriptBlock 2>&1 4>&1 | ForEach-Object {
                if ($_ -is [System.Management.Automation.ErrorRecord]) { $errors.Add($_) }
                elseif ($_ -is [System.Management.Automation.VerboseRecord]) { $verbose.Add($_.Message) }
                else { $output.Add($_) }
            }
        } catch {
            $errors.Add($_)
        }
        [pscustomobject]@{ Output = $output.ToArray(); Errors = $errors.ToArray(); Verbose = $verbose.ToArray() }
    }
}

AfterAll {
    Clear-EcsTestEnvironment
}

Describe 'Not found is one ErrorId per resource type, in every cmdlet' {
    It '<Command> reports a cluster that does not exist as ClusterNotFoundException' -ForEach @(
        @{ Command = 'Get-EcsClusterX'; Arguments = @{ ClusterName = 'nf-nosuch-cluster' } }
        @{ Command = 'Update-EcsClusterX'; Arguments = @{ Cluster = 'nf-nosuch-cluster'; ContainerInsights = 'enabled' } }
        @{ Command = 'Remove-EcsClusterX'; Arguments = @{ Cluster = 'nf-nosuch-cluster'; Force = $true } }
        @{ Command = 'Set-EcsClusterCapacityProviderX'; Arguments = @{ Cluster = 'nf-nosuch-cluster'; CapacityProvider = @('FARGATE') } }
        @{ Command = 'Get-EcsServiceX'; Arguments = @{ Cluster = 'nf-nosuch-cluster' } }
        @{ Command = 'Wait-EcsServiceX'; Arguments = @{ ServiceName = 'web'; Cluster = 'nf-nosuch-cluster'; PollInterval = 1; Timeout = 30 } }
    ) {
        $run = Invoke-Observed { & $Command @Arguments @Aws }
        $run.Output | Should -BeNullOrEmpty
        @($run.Errors).Count | Should -Be 1
        $run.Errors[0].FullyQualifiedErrorId | Should -BeLike 'ClusterNotFoundException,*'
        "$($run.Errors[0].CategoryInfo.Category)" | Should -Be 'ObjectNotFound'
    }

    It '<Command> reports a service that does not exist as ServiceNotFoundException' -ForEach @(
        @{ Command = 'Get-EcsServiceX'; Arguments = @{} }
        @{ Command = 'Update-EcsServiceX'; Arguments = @{ DesiredCount = 1 } }
        @{ Command = 'Remove-EcsServiceX'; Arguments = @{ Force = $true } }
        @{ Command = 'Wait-EcsServiceX'; Arguments = @{ Condition = 'Stable'; PollInterval = 1; Timeout = 30 } }
        @{ Command = 'Wait-EcsServiceX'; Arguments = @{ Condition = 'DeploymentComplete'; PollInterval = 1; Timeout = 30 } }
        @{ Command = 'Get-EcsServiceEventX'; Arguments = @{} }
        @{ Command = 'Get-EcsServiceDeploymentX'; Arguments = @{} }
    ) {
        $missing = New-TestName 'nf-nosuch'
        $run = Invoke-Observed { & $Command -ServiceName $missing -Cluster $Cluster @Arguments @Aws }
        $run.Output | Should -BeNullOrEmpty
        @($run.Errors).Count | Should -Be 1
        $run.Errors[0].FullyQualifiedErrorId | Should -BeLike 'ServiceNotFoundException,*'
        "$($run.Errors[0].CategoryInfo.Category)" | Should -Be 'ObjectNotFound'
        $run.Errors[0].TargetObject | Should -Be $missing
    }

    It '<Command> reports a revision that does not exist as TaskDefinitionNotFoundException' -ForEach @(
        @{ Command = 'Get-EcsTaskDefinitionX'; Arguments = @{} }
        @{ Command = 'Export-EcsTaskDefinitionX'; Arguments = @{ Path = ([IO.Path]::GetTempPath()) } }
        @{ Command = 'Unregister-EcsTaskDefinitionX'; Arguments = @{ Force = $true } }
        @{ Command = 'Remove-EcsTaskDefinitionX'; Arguments = @{ Force = $true } }
    ) {
        # ECS itself answers DeregisterTaskDefinition for a missing revision with a ClientException
        # and DeleteTaskDefinitions with a failure sentence; the cmdlets say the same as Get does.
        $missing = "${Family}:999"
        $run = Invoke-Observed { & $Command -TaskDefinition $missing @Arguments @Aws }
        $run.Output | Should -BeNullOrEmpty
        @($run.Errors).Count | Should -Be 1
        $run.Errors[0].FullyQualifiedErrorId | Should -BeLike 'TaskDefinitionNotFoundException,*'
        "$($run.Errors[0].CategoryInfo.Category)" | Should -Be 'ObjectNotFound'
        $run.Errors[0].TargetObject | Should -Be $missing
        $run.Errors[0].Exception.Message | Should -BeLike "*'$missing' was not found*"
        # And the revision that does exist is untouched.
        (Get-EcsTaskDefinitionX $Revision.FamilyRevision @Aws).Status | Should -Be 'ACTIVE'
    }

    It 'Get-EcsTaskDefinitionX -Family reports a family with no revision at all as TaskDefinitionNotFoundException, under any -Status' {
        foreach ($status in 'ACTIVE', 'INACTIVE') {
            $run = Invoke-Observed { Get-EcsTaskDefinitionX -Family 'nf-nosuch-family' -Status $status -AllRevisions @Aws }
            @($run.Errors).Count | Should -Be 1
            $run.Errors[0].FullyQualifiedErrorId | Should -BeLike 'TaskDefinitionNotFoundException,*'
            "$($run.Errors[0].CategoryInfo.Category)" | Should -Be 'ObjectNotFound'
            $run.Errors[0].TargetObject | Should -Be 'nf-nosuch-family'
        }
    }

    It '<Command> reports a task that does not exist as TaskNotFoundException<With>' -ForEach @(
        @{ Command = 'Get-EcsTaskX'; With = ''; Arguments = @{} }
        @{ Command = 'Get-EcsTaskX'; With = ', with a filter too'; Arguments = @{ DesiredStatus = 'STOPPED' } }
    ) {
        # A task id as ECS writes them, and no task has it.
        $missing = [guid]::NewGuid().ToString('N')
        $run = Invoke-Observed { & $Command -Task $missing -Cluster $Cluster @Arguments @Aws }
        $run.Output | Should -BeNullOrEmpty
        @($run.Errors).Count | Should -Be 1
        $run.Errors[0].FullyQualifiedErrorId | Should -BeLike 'TaskNotFoundException,*'
        "$($run.Errors[0].CategoryInfo.Category)" | Should -Be 'ObjectNotFound'
        $run.Errors[0].TargetObject | Should -Be $missing
        $run.Errors[0].Exception.Message | Should -BeLike "*'$missing' was not found*"
    }

    It 'a missing exact name stops a command under $ErrorActionPreference = ''Stop''' {
        $ErrorActionPreference = 'Stop'
        { Get-EcsClusterX 'nf-nosuch-cluster' @Aws } | Should -Throw -ErrorId 'ClusterNotFoundException,EcsPS.Ecs.Clusters.GetEcsClusterX'
    }
}

Describe 'Not found: container instances and capacity providers' {
    BeforeAll {
        Import-Module (Join-Path $PSScriptRoot 'CapacityHelpers.psm1') -Force
        # moto answers DescribeContainerInstances only for a cluster that has had an instance.
        $InstanceCluster = New-TestName 'nf-ci'
        $null = New-EcsClusterX $InstanceCluster @Aws
        $null = New-MotoContainerInstance -Endpoint $Endpoint -Cluster $InstanceCluster
    }

    It '<Command> reports a container instance that does not exist as ContainerInstanceNotFoundException' -ForEach @(
        @{ Command = 'Get-EcsContainerInstanceX'; Arguments = @{} }
        @{ Command = 'Set-EcsContainerInstanceStateX'; Arguments = @{ Status = 'DRAINING' } }
        @{ Command = 'Remove-EcsContainerInstanceX'; Arguments = @{ Force = $true } }
    ) {
        $missing = [guid]::NewGuid().ToString('N')
        $run = Invoke-Observed { & $Command -ContainerInstance $missing -Cluster $InstanceCluster @Arguments @Aws }
        $run.Output | Should -BeNullOrEmpty
        @($run.Errors).Count | Should -Be 1
        $run.Errors[0].FullyQualifiedErrorId | Should -BeLike 'ContainerInstanceNotFoundException,*'
        "$($run.Errors[0].CategoryInfo.Category)" | Should -Be 'ObjectNotFound'
        $run.Errors[0].TargetObject | Should -Be $missing
    }

    It '<Command> reports a capacity provider that does not exist as CapacityProviderNotFoundException' -ForEach @(
        @{ Command = 'Get-EcsCapacityProviderX'; Arguments = @{} }
        @{ Command = 'Update-EcsCapacityProviderX'; Arguments = @{ TargetCapacity = 80 } }
        @{ Command = 'Remove-EcsCapacityProviderX'; Arguments = @{ Force = $true } }
    ) {
        $missing = New-TestName 'nf-cp'
        $run = Invoke-Observed { & $Command -Name $missing @Arguments @Aws }
        $run.Output | Should -BeNullOrEmpty
        @($run.Errors).Count | Should -Be 1
        $run.Errors[0].FullyQualifiedErrorId | Should -BeLike 'CapacityProviderNotFoundException,*'
        "$($run.Errors[0].CategoryInfo.Category)" | Should -Be 'ObjectNotFound'
        $run.Errors[0].TargetObject | Should -Be $missing
    }

    It 'a named container instance that -Status excludes is skipped quietly, with a verbose line' {
        $ErrorActionPreference = 'Stop'
        $arn = @(Get-EcsContainerInstanceX -Cluster $InstanceCluster @Aws)[0].ContainerInstanceArn
        $run = Invoke-Observed { Get-EcsContainerInstanceX $arn -Status DRAINING @Aws -Verbose }
        $run.Errors | Should -BeNullOrEmpty
        $run.Output | Should -BeNullOrEmpty
        $run.Verbose | Should -Contain "Skipped the container instance '$($arn.Split('/')[-1])': it is not in status DRAINING."
    }
}

Describe 'Quiet when there is nothing' {
    It '<What> returns nothing, raises no error under Stop, and says so on Verbose' -ForEach @(
        @{ What = 'a cluster wildcard that matches nothing'; Run = { Get-EcsClusterX 'nf-nomatch-*' @Aws -Verbose }; Says = { "No cluster matches 'nf-nomatch-*'." } }
        @{ What = 'a service wildcard that matches nothing'; Run = { Get-EcsServiceX 'nomatch-*' -Cluster $Cluster @Aws -Verbose }; Says = { "No service in cluster '$Cluster' matches 'nomatch-*'." } }
        @{ What = 'a family wildcard that matches nothing'; Run = { Get-EcsTaskDefinitionX -Family 'nf-nomatch-*' @Aws -Verbose }; Says = { "No task definition family matches 'nf-nomatch-*'." } }
        @{ What = 'a named service that the -LaunchType filter excludes'; Run = { Get-EcsServiceX $Service.ServiceName -Cluster $Cluster -LaunchType FARGATE @Aws -Verbose }
            Says = { "Skipped the service '$($Service.ServiceName)': it is not of launch type FARGATE." } }
        @{ What = 'a family with no INACTIVE revisions, filtered by -Status INACTIVE'; Run = { Get-EcsTaskDefinitionX -Family $Family -Status INACTIVE -AllRevisions @Aws -Verbose }
            Says = { "The task definition family '$Family' has nothing with status INACTIVE; nothing to return for it." } }
    ) {
        $ErrorActionPreference = 'Stop'
        $run = Invoke-Observed $Run
        $run.Errors | ForEach-Object { "$($_.FullyQualifiedErrorId): $($_.Exception.Message)" } | Should -BeNullOrEmpty
        $run.Output | Should -BeNullOrEmpty
        # (The data is built at discovery, before BeforeAll made the cluster and family: Says runs late.)
        $run.Verbose | Should -Contain (& $Says)
    }

    It 'a cluster with no tasks lists nothing and says so, under any filter' {
        $ErrorActionPreference = 'Stop'
        foreach ($filter in @{}, @{ DesiredStatus = 'STOPPED' }, @{ Family = $Family }) {
            $run = Invoke-Observed { Get-EcsTaskX -Cluster $Cluster @filter @Aws -Verbose }
            $run.Errors | Should -BeNullOrEmpty
            $run.Output | Should -BeNullOrEmpty
            $run.Verbose | Should -Contain "There is no task in cluster '$Cluster' to return."
        }
    }

    It 'a cluster with no services lists nothing and says so' {
        $empty = New-TestName 'nf-empty'
        $null = New-EcsClusterX $empty @Aws
        $run = Invoke-Observed { Get-EcsServiceX -Cluster $empty @Aws -Verbose }
        $run.Errors | Should -BeNullOrEmpty
        $run.Output | Should -BeNullOrEmpty
        $run.Verbose | Should -Contain "There is no service in cluster '$empty' to return."
    }

    It 'a cleanup runbook under Stop goes on when there are no INACTIVE revisions to delete' {
        # The runbook of the issue: delete what was deregistered, when nothing was.
        $ErrorActionPreference = 'Stop'
        $recorder = Start-RequestRecorder -ForwardTo $Endpoint
        try {
            $deleted = Get-EcsTaskDefinitionX -Family $Family -Status INACTIVE -AllRevisions -Region us-east-1 -EndpointUrl $recorder.Url |
                Remove-EcsTaskDefinitionX -Force -PassThru -Region us-east-1 -EndpointUrl $recorder.Url
            $reached = $true
            $sent = @($recorder.Operations)
        } finally { $recorder.Dispose() }
        $reached | Should -BeTrue
        $deleted | Should -BeNullOrEmpty
        $sent | Should -Not -Contain 'DeleteTaskDefinitions'
    }

    It 'a family whose revisions are all INACTIVE has no ACTIVE revision to return, and that is not an error' {
        $retired = New-TestName 'nf-retired'
        $null = Register-EcsTaskDefinitionX -Family $retired -ContainerDefinition @{ name = 'web'; image = 'nginx'; memory = 64 } @Aws -ErrorAction Stop
        $null = Unregister-EcsTaskDefinitionX "${retired}:1" -Force @Aws -ErrorAction Stop

        $run = Invoke-Observed { Get-EcsTaskDefinitionX -Family $retired @Aws -Verbose }
        $run.Errors | Should -BeNullOrEmpty
        $run.Output | Should -BeNullOrEmpty
        $run.Verbose | Should -Contain "The task definition family '$retired' has nothing with status ACTIVE; nothing to return for it."
        @((Get-EcsTaskDefinitionX -Family $retired -Status INACTIVE -AllRevisions @Aws).FamilyRevision) | Should -Be @("${retired}:1")
    }
}
