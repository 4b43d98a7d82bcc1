# The admin flows of EcsPS run through a fault-injecting relay in front of moto: throttling and
# 5xx answers (nothing happened), lost answers (it happened, the caller never heard), latency.
# Used by tests/pester/Faults.Tests.ps1 (small, asserted) and bench/faults/Run-Faults.ps1 (larger,
# a table). Needs the EcsPS module imported and EcsPS.TestFakes loaded.
Set-StrictMode -Version Latest
# moto's default VPC network and direct ECS calls, shared with the Pester suite.
Import-Module (Join-Path $PSScriptRoot '../../tests/pester/ServiceHelpers.psm1')
Import-Module (Join-Path $PSScriptRoot '../../tests/pester/CapacityHelpers.psm1')

function Invoke-EcsFaultSuite {
    <#
    .SYNOPSIS
    Runs -Flows admin flows through faults and returns one row per step plus what was duplicated.
    .DESCRIPTION
    Each flow: New-EcsClusterX, Register-EcsTaskDefinitionX, New-EcsServiceX, Update-EcsServiceX,
    Get-EcsServiceX, Set-EcsServiceScalingX (range and a CPU policy), Add-EcsTagX and
    Remove-EcsTagX on the service, Set-EcsAccountSettingX,
    a Fargate task definition and Start-EcsTaskX -Count 2 (RunTask in the default VPC),
    Get-EcsTaskX and Stop-EcsTaskX (of a task started in moto directly),
    New-/Update-EcsCapacityProviderX, Set-EcsContainerInstanceStateX -Wait,
    Remove-EcsCapacityProviderX -Force, Remove-EcsServiceScalingX -Force, Remove-EcsServiceX -Force,
    Remove-EcsClusterX -Force. Before the removals it
    counts, straight from moto, the revisions of the flow's families, the services of its cluster
    and its tasks: more than one revision or service, or more tasks than were started, is work
    done twice. moto ignores client tokens, so the relay plays ECS's rule
    (FaultPlan.HonourClientTokens): a retry that kept its token is answered what the first
    attempt got; one with a new token would start tasks again at moto, and be counted.
    #>
    [CmdletBinding()]
    param(
        [Parameter(Mandatory)] [string] $Endpoint,
        [int] $Flows = 4,
        [int] $Seed = 1,
        [double] $ThrottleRate = 0.15,
        [double] $ServerErrorRate = 0.1,
        [double] $LostAnswerRate = 0.1,
        # Operations whose first attempt under each client token always loses its answer.
        [string[]] $LoseFirstAnswerOf = @(),
        [timespan] $Latency = [timespan]::FromMilliseconds(20),
        # A step that takes longer than this counts as hung.
        [double] $HangSeconds = 60,
        [string] $Prefix = ('fault-' + [guid]::NewGuid().ToString('N').Substring(0, 6))
    )

    $plan = [EcsPS.TestFakes.FaultPlan]::new($Seed)
    $plan.ThrottleRate = $ThrottleRate
    $plan.ServerErrorRate = $ServerErrorRate
    $plan.LostAnswerRate = $LostAnswerRate
    foreach ($operation in $LoseFirstAnswerOf) { $null = $plan.LoseFirstAnswer.Add($operation) }
    $plan.Latency = $Latency
    $relay = [EcsPS.TestFakes.ScriptedAwsServer]::new('faults')
    $null = $relay.OnAny($plan.Handler($Endpoint))
    $faulty = @{ Region = 'us-east-1'; EndpointUrl = $relay.Url; AccessKey = 'AKIDFAULTSUITE000001'; SecretKey = 'fault-suite-secret' }
    # RunTask on Fargate needs subnets and a security group that moto's EC2 knows.
    $network = Get-DefaultVpcNetwork -Endpoint $Endpoint
    $direct = @{ Region = 'us-east-1'; EndpointUrl = $Endpoint; AccessKey = 'AKIDFAULTSUITE000001'; SecretKey = 'fault-suite-secret' }

    $steps = [System.Collections.Generic.List[object]]::new()
    $duplicated = 0
    # Stop-EcsTaskX steps that reported success for a task moto does not have as stopped.
    $unstopped = 0
    # Flows whose tag steps were done but whose service did not end as asked (owner kept, flow removed).
    $tagMismatch = 0
    # Flows whose scaling step was done but moto does not hold what it asked (range, one policy), or
    # whose removal was done but left the target behind.
    $scalingMismatch = 0
    try {
        foreach ($i in 1..$Flows) {
            $cluster = '{0}-c{1}' -f $Prefix, $i
            $family = '{0}-f{1}' -f $Prefix, $i
            $service = '{0}-s{1}' -f $Prefix, $i
            $web = New-EcsContainerDefinitionX -Name web -Image 'public.ecr.aws/nginx/nginx:1.27' -PortMapping @{ ContainerPort = 80; HostPort = 0 } -Memory 256

            $steps.Add((Invoke-FaultStep 'New-EcsClusterX' $HangSeconds { New-EcsClusterX -ClusterName $cluster @faulty }))
            $steps.Add((Invoke-FaultStep 'Register-EcsTaskDefinitionX' $HangSeconds {
                Register-EcsTaskDefinitionX -Family $family -ContainerDefinition $web -NetworkMode bridge -RequiresCompatibility EC2 @faulty }))
            $steps.Add((Invoke-FaultStep 'New-EcsServiceX' $HangSeconds {
                New-EcsServiceX -ServiceName $service -TaskDefinition $family -Cluster $cluster -LaunchType EC2 -DesiredCount 0 @faulty }))
            $steps.Add((Invoke-FaultStep 'Update-EcsServiceX' $HangSeconds {
                Update-EcsServiceX -ServiceName $service -Cluster $cluster -DesiredCount 1 @faulty }))
            $steps.Add((Invoke-FaultStep 'Get-EcsServiceX' $HangSeconds { Get-EcsServiceX -ServiceName $service -Cluster $cluster @faulty }))
            # Auto scaling: RegisterScalableTarget and PutScalingPolicy set values under a name, so a
            # resend after a lost answer changes nothing; the deletes of the removal meet an
            # ObjectNotFoundException after one and take it as done.
            $scaled = Invoke-FaultStep 'Set-EcsServiceScalingX' $HangSeconds {
                Set-EcsServiceScalingX -Cluster $cluster -ServiceName $service -MinCapacity 0 -MaxCapacity 3 -TargetCpuPercent 60 @faulty }
            $steps.Add($scaled)
            if ($scaled.Outcome -eq 'Done') {
                $scaling = @(Get-EcsServiceScalingX -Cluster $cluster -ServiceName $service -ErrorAction SilentlyContinue @direct)
                $scalingMismatch += [int]($scaling.Count -ne 1 -or $scaling[0].MaxCapacity -ne 3 -or @($scaling[0].Policies).Count -ne 1)
            }
            $job = '{0}-j{1}' -f $Prefix, $i
            $app = New-EcsContainerDefinitionX -Name app -Image 'public.ecr.aws/docker/library/busybox:1.36' -Memory 256
            $steps.Add((Invoke-FaultStep 'Register-EcsTaskDefinitionX' $HangSeconds {
                Register-EcsTaskDefinitionX -Family $job -ContainerDefinition $app -Cpu 256 -Memory 512 -NetworkMode awsvpc -RequiresCompatibility FARGATE @faulty }))
            $steps.Add((Invoke-FaultStep 'Start-EcsTaskX' $HangSeconds {
                Start-EcsTaskX -Cluster $cluster -TaskDefinition $job -Count 2 -LaunchType FARGATE -Subnet $network.SubnetIds[0] -SecurityGroup $network.SecurityGroupId @faulty }))

            # Tags and account settings: TagResource, UntagResource and PutAccountSetting set values,
            # so sending one again after a lost answer does no harm; what is checked is that they end
            # as asked, not hung or unclear.
            $serviceArn = 'arn:aws:ecs:us-east-1:123456789012:service/{0}/{1}' -f $cluster, $service
            $added = Invoke-FaultStep 'Add-EcsTagX' $HangSeconds { Add-EcsTagX -ResourceArn $serviceArn -Tag @{ flow = "$i"; owner = 'faults' } @faulty }
            $removed = Invoke-FaultStep 'Remove-EcsTagX' $HangSeconds { Remove-EcsTagX -ResourceArn $serviceArn -Key flow -Force @faulty }
            $steps.Add($added)
            $steps.Add($removed)
            $steps.Add((Invoke-FaultStep 'Set-EcsAccountSettingX' $HangSeconds { Set-EcsAccountSettingX -Name containerInsights -Value enabled @faulty }))
            if ($added.Outcome -eq 'Done' -and $removed.Outcome -eq 'Done') {
                $tagged = @(Get-EcsTagX -ResourceArn $serviceArn -ErrorAction SilentlyContinue @direct)
                $tagMismatch += [int](@($tagged | Where-Object Key -eq flow).Count -ne 0 -or @($tagged | Where-Object Key -eq owner).Value -ne 'faults')
            }

            # A running task to read and stop, started straight in moto (Fargate: moto's RunTask
            # needs a security group and a container-level memory).
            # (None when the cluster step failed: there is nothing to run it in.)
            $task = try { Start-FaultSuiteTask -Endpoint $Endpoint -Cluster $cluster -Family ('{0}-t{1}' -f $Prefix, $i) -Network $network } catch { $null }
            if ($task) {
                $steps.Add((Invoke-FaultStep 'Get-EcsTaskX' $HangSeconds { Get-EcsTaskX -Cluster $cluster -Task $task @faulty }))
                # StopTask is safe to send again (stopping a stopped task changes nothing), so a
                # lost answer is retried like a throttled one.
                $stop = Invoke-FaultStep 'Stop-EcsTaskX' $HangSeconds { Stop-EcsTaskX -Cluster $cluster -Task $task -Reason 'fault suite' -Confirm:$false @faulty }
                $steps.Add($stop)
                if ($stop.Outcome -eq 'Done' -and (Get-EcsTaskX -Cluster $cluster -Task $task -ErrorAction SilentlyContinue @direct).DesiredStatus -ne 'STOPPED') { $unstopped++ }
            }

            # EC2 capacity: a provider made, changed and deleted, and a container instance (registered
            # straight in moto, as an ECS agent would) drained. moto replaces a provider created twice
            # under one name, so a repeat cannot show as a second one; names are unique in ECS too.
            $provider = '{0}-p{1}' -f $Prefix, $i
            $asg = 'arn:aws:autoscaling:us-east-1:123456789012:autoScalingGroup:0a1b2c3d-4e5f-6a7b-8c9d-0e1f2a3b4c5d:autoScalingGroupName/{0}' -f $provider
            $instance = New-MotoContainerInstance -Endpoint $Endpoint -Cluster $cluster
            $made = Invoke-FaultStep 'New-EcsCapacityProviderX' $HangSeconds { New-EcsCapacityProviderX -Name $provider -AutoScalingGroupArn $asg -TargetCapacity 90 @faulty }
            $steps.Add($made)
            # A provider that was not made cannot be changed or deleted: those steps would only
            # repeat the create's failure as "not found".
            if ($made.Outcome -eq 'Done') {
                $steps.Add((Invoke-FaultStep 'Update-EcsCapacityProviderX' $HangSeconds { Update-EcsCapacityProviderX -Name $provider -TargetCapacity 80 @faulty }))
            }
            $steps.Add((Invoke-FaultStep 'Set-EcsContainerInstanceStateX' $HangSeconds {
                Set-EcsContainerInstanceStateX -ContainerInstance $instance -Status DRAINING -Wait -PollInterval 1 -Timeout 60 @faulty }))
            if ($made.Outcome -eq 'Done') {
                $steps.Add((Invoke-FaultStep 'Remove-EcsCapacityProviderX' $HangSeconds { Remove-EcsCapacityProviderX -Name $provider -Force @faulty }))
            }

            $revisions = @(Get-EcsTaskDefinitionX -Family $family -AllRevisions -ErrorAction SilentlyContinue @direct).Count
            $jobRevisions = @(Get-EcsTaskDefinitionX -Family $job -AllRevisions -ErrorAction SilentlyContinue @direct).Count
            $services = @(Get-EcsServiceX -Cluster $cluster -ErrorAction SilentlyContinue @direct).Count
            $tasks = @((Invoke-MotoEcs -Endpoint $Endpoint -Operation ListTasks -Body @{ cluster = $cluster }).taskArns).Count
            $duplicated += [math]::Max(0, $revisions - 1) + [math]::Max(0, $jobRevisions - 1) + [math]::Max(0, $services - 1) + [math]::Max(0, $tasks - 2 - [int][bool]$task)

            if ($scaled.Outcome -eq 'Done') {
                $unscaled = Invoke-FaultStep 'Remove-EcsServiceScalingX' $HangSeconds { Remove-EcsServiceScalingX -Cluster $cluster -ServiceName $service -Force @faulty }
                $steps.Add($unscaled)
                if ($unscaled.Outcome -eq 'Done') {
                    $scalingMismatch += [int](@(Get-EcsServiceScalingX -Cluster $cluster -ServiceName $service -ErrorAction SilentlyContinue @direct).Count -ne 0)
                }
            }
            $steps.Add((Invoke-FaultStep 'Remove-EcsServiceX' $HangSeconds { Remove-EcsServiceX -ServiceName $service -Cluster $cluster -Force @faulty }))
            $steps.Add((Invoke-FaultStep 'Remove-EcsClusterX' $HangSeconds { Remove-EcsClusterX -Cluster $cluster -Force @faulty }))
        }
        [pscustomobject]@{
            Steps      = $steps.ToArray()
            Duplicated = $duplicated
            Unstopped  = $unstopped
            TagMismatch = $tagMismatch
            ScalingMismatch = $scalingMismatch
            Requests   = $relay.Count
            # Retries the relay answered from a client token it had seen (ECS's rule, which moto lacks).
            Deduplicated = $plan.Deduplicated
            Faults     = [pscustomobject]@{
                Throttled   = $plan.Count([EcsPS.TestFakes.FaultKind]::Throttled)
                ServerError = $plan.Count([EcsPS.TestFakes.FaultKind]::ServerError)
                LostAnswer  = $plan.Count([EcsPS.TestFakes.FaultKind]::LostAnswer)
            }
            Recorded   = $relay.Requests
        }
    } finally {
        $relay.Dispose()
    }
}

function Start-FaultSuiteTask([string] $Endpoint, [string] $Cluster, [string] $Family, $Network) {
    # Returns the task's ARN.
    $null = Invoke-MotoEcs -Endpoint $Endpoint -Operation RegisterTaskDefinition -Body @{
        family = $Family; networkMode = 'awsvpc'; requiresCompatibilities = @('FARGATE'); cpu = '256'; memory = '512'
        containerDefinitions = @(@{ name = 'app'; image = 'public.ecr.aws/nginx/nginx:1.27'; memory = 256 })
    }
    $run = Invoke-MotoEcs -Endpoint $Endpoint -Operation RunTask -Body @{
        cluster = $Cluster; taskDefinition = $Family; launchType = 'FARGATE'; count = 1
        networkConfiguration = @{ awsvpcConfiguration = @{ subnets = @($Network.SubnetIds[0]); securityGroups = @($Network.SecurityGroupId) } }
    }
    @($run.tasks)[0].taskArn
}

function Invoke-FaultStep([string] $Command, [double] $HangSeconds, [scriptblock] $Step) {
    # Stop: the first error, terminating or not, ends the step and is the one judged.
    $ErrorActionPreference = 'Stop'
    $first = $null
    $clock = [Diagnostics.Stopwatch]::StartNew()
    try {
        $null = & $Step
    } catch {
        $first = $_
    }
    $clock.Stop()
    $outcome = if ($clock.Elapsed.TotalSeconds -gt $HangSeconds) { 'Hung' }
        elseif (-not $first) { 'Done' }
        elseif (Test-ClearError $first) { 'FailedClearly' }
        else { 'FailedUnclearly' }
    [pscustomobject]@{
        Command = $Command
        Outcome = $outcome
        Seconds = [math]::Round($clock.Elapsed.TotalSeconds, 2)
        ErrorId = if ($first) { $first.FullyQualifiedErrorId } else { $null }
        Message = if ($first) { $first.Exception.Message } else { $null }
    }
}

function Test-ClearError([System.Management.Automation.ErrorRecord] $Record) {
    # Clear: an EcsPS error id, a category that says what kind of failure, a message, and no
    # exception type of the SDK or the runtime standing in for an explanation.
    $type = $Record.Exception.GetType().FullName
    $Record.CategoryInfo.Category -ne 'NotSpecified' -and
        -not [string]::IsNullOrWhiteSpace($Record.Exception.Message) -and
        $type -notlike 'Amazon.*' -and $type -notin 'System.TimeoutException', 'System.Threading.Tasks.TaskCanceledException', 'System.OperationCanceledException'
}

function Format-EcsFaultTable {
    <# One row per command: how many steps were done, failed clearly, failed unclearly, hung. #>
    param([Parameter(Mandatory)] $Result)
    foreach ($command in @($Result.Steps.Command | Select-Object -Unique)) {
        $g = @($Result.Steps | Where-Object Command -eq $command)
        [pscustomobject]@{
            Command         = $command
            Steps           = $g.Count
            Done            = @($g | Where-Object Outcome -eq 'Done').Count
            FailedClearly   = @($g | Where-Object Outcome -eq 'FailedClearly').Count
            FailedUnclearly = @($g | Where-Object Outcome -eq 'FailedUnclearly').Count
            Hung            = @($g | Where-Object Outcome -eq 'Hung').Count
            MaxSeconds      = ($g | Measure-Object Seconds -Maximum).Maximum
        }
    }
}

Export-ModuleMember -Function Invoke-EcsFaultSuite, Format-EcsFaultTable
