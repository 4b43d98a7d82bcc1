# Undo-EcsServiceDeploymentX and Get-EcsServiceDeploymentX -History, run from the published module.
# Against moto_server on 127.0.0.1 for what moto shows (revisions, services, UpdateService and the
# wait), every request passing a recorder that checks it against botocore's ECS model. moto keeps
# no service deployment history (ListServiceDeployments, DescribeServiceDeployments and
# DescribeServiceRevisions are not implemented), so those come from the scripted loopback fake,
# which relays everything else to the same moto: the rollback it plans is carried out for real.

BeforeAll {
    Import-Module (Join-Path $PSScriptRoot 'TestHelpers.psm1') -Force
    Import-Module (Join-Path $PSScriptRoot 'ServiceHelpers.psm1') -Force
    $Endpoint = Initialize-EcsTestEnvironment
    $Aws = @{ Region = 'us-east-1'; EndpointUrl = $Endpoint }
    Reset-EcsTestState -Endpoint $Endpoint
    $forward = Start-RequestRecorder -ForwardTo $Endpoint
    $Via = @{ Region = 'us-east-1'; EndpointUrl = $forward.Url }
    $Prefix = 'arn:aws:ecs:us-east-1:123456789012:'

    function Assert-FitsModel($Requests) {
        foreach ($request in @($Requests)) {
            $problems = @(Test-EcsRequestShape -Operation $request.Operation -Body $request.Body)
            $problems | Should -BeNullOrEmpty -Because "the $($request.Operation) request must fit the ECS service model ($($request.Body))"
        }
    }
    function New-Revisions([string] $Family, [int] $Count) {
        foreach ($n in 1..$Count) {
            Register-EcsTaskDefinitionX -Family $Family -ContainerDefinition @{ name = 'web'; image = "public.ecr.aws/nginx/nginx:1.$n"; memory = 128 } @Aws -ErrorAction Stop
        }
    }
    # A cluster, three revisions and a service on the newest; each test gets its own.
    function New-RollbackSubject {
        $cluster = New-TestName 'rb'
        $null = New-EcsClusterX $cluster @Aws
        $family = New-TestName 'rbweb'
        $revisions = @(New-Revisions $family 3)
        $name = New-TestName 'rbsvc'
        $null = New-EcsServiceX $name $revisions[2].FamilyRevision -Cluster $cluster -LaunchType EC2 -DesiredCount 0 @Aws
        [pscustomobject]@{ Cluster = $cluster; Family = $family; Revisions = $revisions; ServiceName = $name }
    }
    function Get-MotoTaskDefinition($Subject) {
        @((Invoke-MotoEcs -Endpoint $Endpoint -Operation DescribeServices -Body @{ cluster = $Subject.Cluster; services = @($Subject.ServiceName) }).services)[0].taskDefinition
    }
    # ECS's answers for the history calls, shaped as botocore's model has them.
    function ConvertTo-Body($Value) { $Value | ConvertTo-Json -Depth 20 -Compress }
    function New-HistoryFake($Subject, [object[]] $Deployments) {
        $fake = [EcsPS.TestFakes.ScriptedAwsServer]::new('rollback')
        $serviceArn = "${Prefix}service/$($Subject.Cluster)/$($Subject.ServiceName)"
        $briefs = @(foreach ($d in $Deployments) {
                @{ serviceDeploymentArn = "${Prefix}service-deployment/$($Subject.Cluster)/$($Subject.ServiceName)/$($d.Id)"; serviceArn = $serviceArn
                    clusterArn = "${Prefix}cluster/$($Subject.Cluster)"; startedAt = $d.Started; status = $d.Status
                    targetServiceRevisionArn = "${Prefix}service-revision/$($Subject.Cluster)/$($Subject.ServiceName)/r$($d.To)" }
            })
        $full = @(foreach ($d in $Deployments) {
                $one = @{ serviceDeploymentArn = "${Prefix}service-deployment/$($Subject.Cluster)/$($Subject.ServiceName)/$($d.Id)"; serviceArn = $serviceArn
                    clusterArn = "${Prefix}cluster/$($Subject.Cluster)"; startedAt = $d.Started; finishedAt = $d.Started + 90; status = $d.Status
                    targetServiceRevision = @{ arn = "${Prefix}service-revision/$($Subject.Cluster)/$($Subject.ServiceName)/r$($d.To)"; requestedTaskCount = 1; runningTaskCount = 1; pendingTaskCount = 0 } }
                if ($d.From) { $one.sourceServiceRevisions = @(@{ arn = "${Prefix}service-revision/$($Subject.Cluster)/$($Subject.ServiceName)/r$($d.From)"; requestedTaskCount = 0; runningTaskCount = 0; pendingTaskCount = 0 }) }
                $one
            })
        $revisions = @(foreach ($n in 1..$Subject.Revisions.Count) {
                @{ serviceRevisionArn = "${Prefix}service-revision/$($Subject.Cluster)/$($Subject.ServiceName)/r$n"; serviceArn = $serviceArn
                    taskDefinition = $Subject.Revisions[$n - 1].TaskDefinitionArn }
            })
        $null = $fake.Always('ListServiceDeployments', [EcsPS.TestFakes.ScriptedResponse]::Json((ConvertTo-Body @{ serviceDeployments = $briefs })))
        # Whole answers, not handlers: the fake answers on its own threads, where no script can run.
        # The client maps what it gets by ARN, so answering with every item is what ECS would send for "all of them".
        $null = $fake.Always('DescribeServiceDeployments', [EcsPS.TestFakes.ScriptedResponse]::Json((ConvertTo-Body @{ serviceDeployments = $full; failures = @() })))
        $null = $fake.Always('DescribeServiceRevisions', [EcsPS.TestFakes.ScriptedResponse]::Json((ConvertTo-Body @{ serviceRevisions = $revisions; failures = @() })))
        $fake.ForwardTo($Endpoint)
    }
    function Assert-FakeTraffic($Fake) {
        @($Fake.Unscripted) | Should -BeNullOrEmpty
        Assert-FitsModel $Fake.Requests
    }
}

AfterAll {
    if ($forward) { $forward.Dispose() }
    Clear-EcsTestEnvironment
}

Describe 'Undo-EcsServiceDeploymentX -ToRevision' {
    BeforeEach { $forward.Clear() }

    It 'puts the service back on a bare revision of its own family, says from and to, and sends one UpdateService' {
        $s = New-RollbackSubject
        $run = Invoke-Captured { Undo-EcsServiceDeploymentX -Cluster $s.Cluster -ServiceName $s.ServiceName -ToRevision 1 @Via 6>&1 }
        $said = @($run.Output | Where-Object { $_ -is [System.Management.Automation.InformationRecord] })
        $run.Output = @($run.Output | Where-Object { $_ -isnot [System.Management.Automation.InformationRecord] })

        $run.Errors | Should -BeNullOrEmpty
        $run.Output.Count | Should -Be 1
        $said[0].Tags | Should -Contain 'EcsServiceRollback'
        $run.Output[0].TaskDefinition | Should -Be $s.Revisions[0].TaskDefinitionArn
        Get-MotoTaskDefinition $s | Should -Be $s.Revisions[0].TaskDefinitionArn
        "$said" | Should -Be "Roll back $($s.ServiceName) (cluster $($s.Cluster)) from $($s.Revisions[2].FamilyRevision) to $($s.Family):1 (as requested)."
        @($forward.Operations) | Should -Be @('DescribeServices', 'DescribeTaskDefinition', 'UpdateService')
        $update = (Get-RequestBody $forward 'UpdateService')[0]
        $update.taskDefinition | Should -Be $s.Revisions[0].TaskDefinitionArn
        $update.PSObject.Properties.Name | Should -Not -Contain 'forceNewDeployment'
        Assert-FitsModel $forward.Requests
    }

    It 'takes family:revision and a service piped from Get-EcsServiceX, and with -Wait writes the service once it has rolled out' {
        $s = New-RollbackSubject
        $run = Invoke-Captured {
            Get-EcsServiceX $s.ServiceName -Cluster $s.Cluster @Aws |
                Undo-EcsServiceDeploymentX -ToRevision $s.Revisions[1].FamilyRevision -Wait -PollInterval 1 -Timeout 60 @Via
        }

        $run.Errors | Should -BeNullOrEmpty
        @($run.Output).Count | Should -Be 1
        $run.Output[0].TaskDefinition | Should -Be $s.Revisions[1].TaskDefinitionArn
        $run.Output[0].PrimaryDeployment.RolloutState | Should -Be 'COMPLETED'
        @($forward.Operations | Where-Object { $_ -eq 'UpdateService' }).Count | Should -Be 1
        Assert-FitsModel $forward.Requests
    }

    It 'with -WhatIf says what it would roll back and sends no UpdateService' {
        $s = New-RollbackSubject
        $out = Undo-EcsServiceDeploymentX -Cluster $s.Cluster -ServiceName $s.ServiceName -ToRevision 2 -WhatIf @Via

        $out | Should -BeNullOrEmpty
        @($forward.Operations) | Should -Not -Contain 'UpdateService'
        Get-MotoTaskDefinition $s | Should -Be $s.Revisions[2].TaskDefinitionArn
    }

    It 'refuses a revision that is not registered, before any UpdateService' {
        $s = New-RollbackSubject
        $run = Invoke-Captured { Undo-EcsServiceDeploymentX -Cluster $s.Cluster -ServiceName $s.ServiceName -ToRevision 9 @Via }

        $run.Output | Should -BeNullOrEmpty
        $run.Errors.Count | Should -Be 1
        $run.Errors[0].FullyQualifiedErrorId | Should -Be 'TaskDefinitionNotFoundException,EcsPS.Ecs.Services.UndoEcsServiceDeploymentX'
        $run.Errors[0].CategoryInfo.Category | Should -Be 'ObjectNotFound'
        $run.Errors[0].Exception.Message | Should -BeLike "*$($s.Family):9 does not exist*Get-EcsTaskDefinitionX -Family $($s.Family)*"
        @($forward.Operations) | Should -Not -Contain 'UpdateService'
    }

    It 'refuses a deregistered revision' {
        $s = New-RollbackSubject
        $null = Unregister-EcsTaskDefinitionX $s.Revisions[0].FamilyRevision -Confirm:$false @Aws
        $run = Invoke-Captured { Undo-EcsServiceDeploymentX -Cluster $s.Cluster -ServiceName $s.ServiceName -ToRevision 1 @Via }

        $run.Errors[0].FullyQualifiedErrorId | Should -BeLike 'TaskDefinitionNotFoundException,*'
        $run.Errors[0].Exception.Message | Should -BeLike '*is INACTIVE (deregistered)*'
        @($forward.Operations) | Should -Not -Contain 'UpdateService'
    }

    It 'warns and sends nothing when the service already runs the revision' {
        $s = New-RollbackSubject
        $out = Undo-EcsServiceDeploymentX -Cluster $s.Cluster -ServiceName $s.ServiceName -ToRevision 3 -WarningVariable warned @Via 3>$null

        $out.ServiceName | Should -Be $s.ServiceName
        "$warned" | Should -Be "$($s.ServiceName) already runs $($s.Family):3: nothing to roll back."
        @($forward.Operations) | Should -Be @('DescribeServices')
    }

    It 'reports a service that does not exist as ServiceNotFoundException and sends nothing more' {
        $s = New-RollbackSubject
        $missing = New-TestName 'nosvc'
        $run = Invoke-Captured { Undo-EcsServiceDeploymentX $missing -Cluster $s.Cluster -ToRevision 2 @Via }

        $run.Output | Should -BeNullOrEmpty
        $run.Errors.Count | Should -Be 1
        $run.Errors[0].FullyQualifiedErrorId | Should -Be 'ServiceNotFoundException,EcsPS.Ecs.Services.UndoEcsServiceDeploymentX'
        @($forward.Operations) | Should -Be @('DescribeServices')
    }
}

Describe 'Undo-EcsServiceDeploymentX from the deployment history (scripted fake relaying to moto)' {
    It 'goes back to the last successful deployment of another revision, skipping failed ones' {
        $s = New-RollbackSubject
        $fake = New-HistoryFake $s @(
            @{ Id = 'd1'; Started = 1700000000; Status = 'SUCCESSFUL'; To = 1 }
            @{ Id = 'd2'; Started = 1700000600; Status = 'STOPPED'; To = 2; From = 1 }
            @{ Id = 'd3'; Started = 1700001200; Status = 'SUCCESSFUL'; To = 3; From = 1 })
        try {
            $run = Invoke-Captured { Undo-EcsServiceDeploymentX -Cluster $s.Cluster -ServiceName $s.ServiceName -Region us-east-1 -EndpointUrl $fake.Url -Verbose 4>&1 }

            @($run.Errors) | Should -BeNullOrEmpty
            Get-MotoTaskDefinition $s | Should -Be $s.Revisions[0].TaskDefinitionArn
            $verbose = @($run.Output | Where-Object { $_ -is [System.Management.Automation.VerboseRecord] }).Message
            $verbose | Should -Contain ("Roll back $($s.ServiceName) (cluster $($s.Cluster)) from $($s.Family):3 to $($s.Family):1 " +
                "(the last successful deployment before this one). Read from ${Prefix}service-deployment/$($s.Cluster)/$($s.ServiceName)/d1.")
            # Revisions of SUCCESSFUL deployments only: d2 rolled out a revision that never ran stably.
            @($fake.Operations) | Should -Be @('DescribeServices', 'ListServiceDeployments', 'DescribeServiceRevisions', 'DescribeTaskDefinition', 'UpdateService')
            ($fake.RequestsFor('DescribeServiceRevisions')[0].Body | ConvertFrom-Json).serviceRevisionArns.Count | Should -Be 2
            Assert-FakeTraffic $fake
        }
        finally { $fake.Dispose() }
    }

    It 'in a runbook''s catch, does not roll back again what the circuit breaker already rolled back' {
        $s = New-RollbackSubject
        # web:3 was rolled back by ECS to web:2; the service runs web:2 again.
        $null = Update-EcsServiceX $s.ServiceName -Cluster $s.Cluster -TaskDefinition $s.Revisions[1].FamilyRevision @Aws
        $fake = New-HistoryFake $s @(
            @{ Id = 'd2'; Started = 1700000000; Status = 'SUCCESSFUL'; To = 2; From = 1 }
            @{ Id = 'd3'; Started = 1700000600; Status = 'ROLLBACK_SUCCESSFUL'; To = 3; From = 2 })
        try {
            $run = Invoke-Captured { Undo-EcsServiceDeploymentX -Cluster $s.Cluster -ServiceName $s.ServiceName -Region us-east-1 -EndpointUrl $fake.Url 3>&1 }
            $warned = @($run.Output | Where-Object { $_ -is [System.Management.Automation.WarningRecord] }).Message
            $run.Output = @($run.Output | Where-Object { $_ -isnot [System.Management.Automation.WarningRecord] })

            @($run.Errors) | Should -BeNullOrEmpty
            "$warned" | Should -Be "ECS already rolled $($s.ServiceName) back to $($s.Family):2 (service deployment d3): nothing to roll back."
            ($run.Output.TaskDefinition -split "/")[-1] | Should -Be "$($s.Family):2"
            @($fake.Operations) | Should -Be @('DescribeServices', 'ListServiceDeployments')
            Assert-FakeTraffic $fake
        }
        finally { $fake.Dispose() }
    }

    It 'sends no second rollback while ECS''s own is in progress, and with -Wait follows that one' {
        $s = New-RollbackSubject
        # While ECS rolls web:3 back, the service's PRIMARY deployment already runs web:2.
        $null = Update-EcsServiceX $s.ServiceName -Cluster $s.Cluster -TaskDefinition $s.Revisions[1].FamilyRevision @Aws
        $fake = New-HistoryFake $s @(
            @{ Id = 'd2'; Started = 1700000000; Status = 'SUCCESSFUL'; To = 2; From = 1 }
            @{ Id = 'd3'; Started = 1700000600; Status = 'ROLLBACK_IN_PROGRESS'; To = 3; From = 2 })
        try {
            $run = Invoke-Captured { Undo-EcsServiceDeploymentX -Cluster $s.Cluster -ServiceName $s.ServiceName -Region us-east-1 -EndpointUrl $fake.Url 3>&1 }
            $warned = @($run.Output | Where-Object { $_ -is [System.Management.Automation.WarningRecord] }).Message

            @($run.Errors) | Should -BeNullOrEmpty
            "$warned" | Should -BeLike "ECS's deployment circuit breaker is already rolling $($s.ServiceName) back to $($s.Family):2; nothing is sent. Follow it with Wait-EcsServiceX -Cluster $($s.Cluster) -ServiceName $($s.ServiceName)."
            @($fake.Operations) | Should -Be @('DescribeServices', 'ListServiceDeployments')

            $fake.Clear()
            $run = Invoke-Captured { Undo-EcsServiceDeploymentX -Cluster $s.Cluster -ServiceName $s.ServiceName -Wait -PollInterval 1 -Timeout 60 -Region us-east-1 -EndpointUrl $fake.Url 3>$null }
            @($run.Errors) | Should -BeNullOrEmpty
            @($run.Output).Count | Should -Be 1
            $run.Output[0].PrimaryDeployment.RolloutState | Should -Be 'COMPLETED'
            @($fake.Operations) | Should -Not -Contain 'UpdateService'
            @($fake.Operations | Select-Object -Last 1) | Should -Be 'DescribeServices'
            Assert-FakeTraffic $fake
        }
        finally { $fake.Dispose() }
    }

    It 'says to pass -ToRevision when ECS keeps no earlier deployment, and sends no update' {
        $s = New-RollbackSubject
        $fake = New-HistoryFake $s @(@{ Id = 'd3'; Started = 1700000000; Status = 'SUCCESSFUL'; To = 3 })
        try {
            $run = Invoke-Captured { Undo-EcsServiceDeploymentX -Cluster $s.Cluster -ServiceName $s.ServiceName -Region us-east-1 -EndpointUrl $fake.Url }

            $run.Errors.Count | Should -Be 1
            $run.Errors[0].FullyQualifiedErrorId | Should -Be 'RollbackTargetUnknown,EcsPS.Ecs.Services.UndoEcsServiceDeploymentX'
            $run.Errors[0].Exception.Message | Should -BeLike "*Pass -ToRevision (for example -ToRevision $($s.Family):2)*"
            @($fake.Operations) | Should -Not -Contain 'UpdateService'
            Assert-FakeTraffic $fake
        }
        finally { $fake.Dispose() }
    }
}

Describe 'Get-EcsServiceDeploymentX -History' {
    It 'lists past deployments newest first with the revisions they went from and to, and how each ended' {
        $s = New-RollbackSubject
        $fake = New-HistoryFake $s @(
            @{ Id = 'd1'; Started = 1700000000; Status = 'SUCCESSFUL'; To = 1 }
            @{ Id = 'd3'; Started = 1700001200; Status = 'ROLLBACK_SUCCESSFUL'; To = 3; From = 2 }
            @{ Id = 'd2'; Started = 1700000600; Status = 'SUCCESSFUL'; To = 2; From = 1 })
        try {
            $history = @(Get-EcsServiceX $s.ServiceName -Cluster $s.Cluster @Aws | Get-EcsServiceDeploymentX -History -Region us-east-1 -EndpointUrl $fake.Url)

            $history.Count | Should -Be 3
            $history[0].PSObject.TypeNames[0] | Should -Be 'EcsPS.Engine.Ecs.Model.ServiceDeployment'
            $history.Id | Should -Be @('d3', 'd2', 'd1')
            $history.Status | Should -Be @('ROLLBACK_SUCCESSFUL', 'SUCCESSFUL', 'SUCCESSFUL')
            $history.TaskDefinitionName | Should -Be @("$($s.Family):3", "$($s.Family):2", "$($s.Family):1")
            $history[0].SourceTaskDefinitionName | Should -Be "$($s.Family):2"
            $history[0].TaskDefinition | Should -Be $s.Revisions[2].TaskDefinitionArn
            $history[0].StartedAt | Should -Be ([DateTimeOffset]::FromUnixTimeSeconds(1700001200).LocalDateTime)
            $history[0].Duration | Should -Be ([TimeSpan]::FromSeconds(90))
            $history[0].ServiceName | Should -Be $s.ServiceName
            $history[0].ClusterName | Should -Be $s.Cluster
            @($fake.Operations) | Should -Be @('DescribeServices', 'ListServiceDeployments', 'DescribeServiceDeployments', 'DescribeServiceRevisions')
            Assert-FakeTraffic $fake

            $lines = @(($history | Format-Table | Out-String -Width 200) -split "`r?`n" | Where-Object { $_.Trim() })
            $lines | ForEach-Object { $_.TrimEnd().Length | Should -BeLessOrEqual 120 }
            $header = $lines[0] -split '\s+' | Where-Object { $_ }
            foreach ($column in $header) { $history[0].PSObject.Properties.Name | Should -Contain $column }
            $lines[2] | Should -Match "ROLLBACK_SUCCESSFUL\s+$([regex]::Escape("$($s.Family):3"))\s+$([regex]::Escape("$($s.Family):2"))\s+\S+ \S+\s+0:01:30"
        }
        finally { $fake.Dispose() }
    }

    It 'without -History still lists the current deployments from moto' {
        $s = New-RollbackSubject
        $current = @(Get-EcsServiceDeploymentX $s.ServiceName -Cluster $s.Cluster @Via)
        $current.Count | Should -Be 1
        $current[0].Status | Should -Be 'PRIMARY'
        @($forward.Operations | Select-Object -Last 1) | Should -Be 'DescribeServices'
    }
}

Describe 'examples/deploy-service.ps1' {
    BeforeAll {
        $Script = Join-Path $PSScriptRoot '../../examples/deploy-service.ps1'
        $ModulePath = Get-EcsTestModulePath
        # The script runs as a CI step would: a fresh pwsh, its exit code and its output lines.
        function Invoke-DeployStep([string] $EndpointUrl, [string] $Arguments) {
            $pwshDll = Join-Path $PSHOME 'pwsh.dll'
            $exe = if (Test-Path $pwshDll) { [Environment]::ProcessPath } else { Join-Path $PSHOME 'pwsh' }
            $pre = @(if (Test-Path $pwshDll) { $pwshDll })
            $command = "Import-Module '$ModulePath'; & '$Script' $Arguments -Region us-east-1 -EndpointUrl $EndpointUrl; exit `$LASTEXITCODE"
            $lines = @(& $exe @pre -NoProfile -NonInteractive -Command $command 2>&1 | ForEach-Object { "$_" })
            [pscustomobject]@{ ExitCode = $LASTEXITCODE; Lines = $lines; Text = $lines -join "`n" }
        }

        # A service on web:2 whose deployment of web:3 fails (circuit breaker on, its rollback off),
        # in ECS's shapes: the failure moto cannot produce.
        function J($Value) { [EcsPS.TestFakes.ScriptedResponse]::Json(($Value | ConvertTo-Json -Depth 20 -Compress)) }
        function Td([int] $N, [string] $Image) {
            @{ taskDefinitionArn = "${Prefix}task-definition/web:$N"; family = 'web'; revision = $N; status = 'ACTIVE'; networkMode = 'bridge'
                requiresCompatibilities = @('EC2'); compatibilities = @('EC2')
                containerDefinitions = @(@{ name = 'web'; image = $Image; memory = 128; essential = $true }) }
        }
        function Dep([string] $Id, [int] $Td, [string] $Status, [string] $Rollout, [int] $Running, [string] $Reason) {
            $d = @{ id = $Id; status = $Status; taskDefinition = "${Prefix}task-definition/web:$Td"; desiredCount = 1; runningCount = $Running
                pendingCount = 0; failedTasks = 0; rolloutState = $Rollout; createdAt = 1700000000 + [int]($Id -replace '\D'); updatedAt = 1700000100; launchType = 'EC2' }
            if ($Reason) { $d.rolloutStateReason = $Reason; $d.failedTasks = 3 }
            $d
        }
        function Svc([int] $Td, [object[]] $Deployments) {
            @{ serviceArn = "${Prefix}service/prod/web"; serviceName = 'web'; clusterArn = "${Prefix}cluster/prod"; status = 'ACTIVE'
                desiredCount = 1; runningCount = 1; pendingCount = 0; launchType = 'EC2'; taskDefinition = "${Prefix}task-definition/web:$Td"
                deploymentConfiguration = @{ deploymentCircuitBreaker = @{ enable = $true; rollback = $false }; maximumPercent = 200; minimumHealthyPercent = 100 }
                deployments = @($Deployments); events = @() }
        }
        function New-FailingDeployFake {
            $fake = [EcsPS.TestFakes.ScriptedAwsServer]::new('deploy')
            $before = Svc 2 @(Dep 'ecs-svc/1' 2 'PRIMARY' 'COMPLETED' 1)
            $failed = Svc 3 @((Dep 'ecs-svc/2' 3 'PRIMARY' 'FAILED' 0 'ECS deployment circuit breaker: tasks failed to start.'), (Dep 'ecs-svc/1' 2 'ACTIVE' 'COMPLETED' 1))
            $back = Svc 2 @(Dep 'ecs-svc/3' 2 'PRIMARY' 'COMPLETED' 1)
            $null = $fake.Enqueue('DescribeServices', (J @{ services = @($before); failures = @() }), (J @{ services = @($failed); failures = @() }),
                (J @{ services = @($failed); failures = @() }), (J @{ services = @($back); failures = @() }))
            $null = $fake.Enqueue('DescribeTaskDefinition', (J @{ taskDefinition = (Td 2 'nginx:1.2'); tags = @() }), (J @{ taskDefinition = (Td 2 'nginx:1.2') }))
            $null = $fake.Enqueue('RegisterTaskDefinition', (J @{ taskDefinition = (Td 3 'nginx:bad'); tags = @() }))
            $null = $fake.Enqueue('UpdateService',
                (J @{ service = (Svc 3 @((Dep 'ecs-svc/2' 3 'PRIMARY' 'IN_PROGRESS' 0), (Dep 'ecs-svc/1' 2 'ACTIVE' 'COMPLETED' 1))) }),
                (J @{ service = (Svc 2 @((Dep 'ecs-svc/3' 2 'PRIMARY' 'IN_PROGRESS' 0), (Dep 'ecs-svc/2' 3 'ACTIVE' 'FAILED' 0 'tasks failed to start'))) }))
            $null = $fake.Always('ListTasks', (J @{ taskArns = @() }))
            $fake
        }
    }

    It 'with -RollbackOnFailure puts a failed deployment back on the revision before it, then still exits 1' {
        $fake = New-FailingDeployFake
        try {
            $run = Invoke-DeployStep $fake.Url '-Cluster prod -ServiceName web -Container web -Image nginx:bad -RollbackOnFailure'

            $run.ExitCode | Should -Be 1
            $run.Text | Should -BeLike '*Deployment of nginx:bad to web failed `[ServiceDeploymentFailed`]: *tasks failed to start*'
            $run.Text | Should -BeLike '*Roll back web (cluster prod) from web:3 to web:2*'
            $run.Text | Should -BeLike '*Rolled web back: it runs web:2 again.*'
            $updates = @($fake.RequestsFor('UpdateService'))
            $updates.Count | Should -Be 2
            ($updates[1].Body | ConvertFrom-Json).taskDefinition | Should -Be "${Prefix}task-definition/web:2"
            @($fake.Operations | Select-Object -Last 1) | Should -Be 'DescribeServices'
            Assert-FakeTraffic $fake
        }
        finally { $fake.Dispose() }
    }

    It 'without -RollbackOnFailure leaves the failed deployment as ECS has it and exits 1' {
        $fake = New-FailingDeployFake
        try {
            $run = Invoke-DeployStep $fake.Url '-Cluster prod -ServiceName web -Container web -Image nginx:bad'

            $run.ExitCode | Should -Be 1
            $run.Text | Should -BeLike '*Deployment of nginx:bad to web failed*'
            $run.Text | Should -Not -BeLike '*Roll*back web*'
            @($fake.RequestsFor('UpdateService')).Count | Should -Be 1
            Assert-FakeTraffic $fake
        }
        finally { $fake.Dispose() }
    }

    It 'deploys against moto and exits 0 with what now runs' {
        $s = New-RollbackSubject
        $run = Invoke-DeployStep $Endpoint "-Cluster $($s.Cluster) -ServiceName $($s.ServiceName) -Container web -Image public.ecr.aws/nginx/nginx:1.29 -RollbackOnFailure"

        $run.ExitCode | Should -Be 0 -Because $run.Text
        $run.Lines[-1] | Should -BeLike "Deployed public.ecr.aws/nginx/nginx:1.29 to $($s.ServiceName) in cluster $($s.Cluster): $($s.Family):4, * tasks running."
    }
}
