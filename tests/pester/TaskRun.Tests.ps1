# Start-EcsTaskX, Invoke-EcsTaskX and Wait-EcsTaskX from the published module. Against moto
# where moto runs tasks (RunTask on Fargate in the default VPC; its tasks never go through a real
# lifecycle and always exit 0, so only the wiring is asserted there). What moto cannot show — the
# PROVISIONING → PENDING → RUNNING → STOPPED lifecycle with exit codes, a task that never starts,
# a capacity shortage in the RunTask answer, client tokens across a lost answer, -Count split into
# requests, StartTask not re-sent — against the scripted loopback fake (tests/EcsPS.TestFakes),
# answering as ECS does. Every request is checked against botocore's ECS model.

BeforeAll {
    Import-Module (Join-Path $PSScriptRoot 'TestHelpers.psm1') -Force
    Import-Module (Join-Path $PSScriptRoot 'ServiceHelpers.psm1') -Force
    $Endpoint = Initialize-EcsTestEnvironment
    $Aws = @{ Region = 'us-east-1'; EndpointUrl = $Endpoint }
    $TaskType = 'EcsPS.Engine.Ecs.Model.Task'
    $ResultType = 'EcsPS.Engine.Ecs.Tasks.TaskRunResult'
    $Network = Get-DefaultVpcNetwork -Endpoint $Endpoint
    $Subnet = $Network.SubnetIds[0]
    $SecurityGroup = $Network.SecurityGroupId

    function Assert-FitsEcsModel($Recorder) {
        $requests = @($Recorder.Requests | Where-Object Protocol -eq 'json')
        $requests.Count | Should -BeGreaterThan 0
        foreach ($request in $requests) {
            $problems = @(Test-EcsRequestShape -Operation $request.Operation -Body $request.Body)
            $problems | Should -BeNullOrEmpty -Because "the $($request.Operation) request must fit the ECS service model ($($request.Body))"
        }
    }
    function New-JobDefinition([string] $Family, [switch] $TwoContainers) {
        $app = New-EcsContainerDefinitionX -Name app -Image 'public.ecr.aws/docker/library/busybox:1.36' -Memory 256
        $containers = @($app)
        if ($TwoContainers) { $containers += New-EcsContainerDefinitionX -Name log-router -Image 'public.ecr.aws/aws-observability/aws-for-fluent-bit:2.32.0' -Memory 128 -Essential $false }
        Register-EcsTaskDefinitionX -Family $Family -ContainerDefinition $containers -Cpu 256 -Memory 512 -NetworkMode awsvpc -RequiresCompatibility FARGATE @Aws
    }
    # Runs a script block and returns everything it wrote, output and errors, in the order written.
    function Invoke-InOrder([scriptblock] $Script) {
        $ErrorActionPreference = 'Continue'
        @(& $Script 2>&1)
    }
}

AfterAll {
    Clear-EcsTestEnvironment
}

Describe 'Start-EcsTaskX against moto' {
    BeforeAll {
        $cluster = New-TestName 'run'
        $null = New-EcsClusterX $cluster @Aws
        $job = New-JobDefinition (New-TestName 'job')
        $pair = New-JobDefinition (New-TestName 'pair') -TwoContainers
        $forward = Start-RequestRecorder -ForwardTo $Endpoint
        $Via = @{ Region = 'us-east-1'; EndpointUrl = $forward.Url }
        $Fargate = @{ LaunchType = 'FARGATE'; Subnet = $Subnet; SecurityGroup = $SecurityGroup }
    }
    AfterAll { $forward.Dispose() }
    BeforeEach { $forward.Clear() }

    It 'describes the task definition, then runs it with the command override, and writes the tasks' {
        $tasks = @(Start-EcsTaskX -Cluster $cluster -TaskDefinition $job.Family @Fargate -Command 'echo', 'hello' -Count 2 -StartedBy 'ci/42' @Via)

        $tasks.Count | Should -Be 2
        $tasks[0].PSObject.TypeNames[0] | Should -Be $TaskType
        $tasks | ForEach-Object { $_.TaskDefinitionName | Should -Be $job.FamilyRevision; $_.ClusterName | Should -Be $cluster }
        $forward.Operations | Should -Be @('DescribeTaskDefinition', 'RunTask')
        $body = (Get-RequestBody $forward 'RunTask')[0]
        $body.cluster | Should -Be $cluster
        # The revision just described, by ARN, not the family name that was typed.
        $body.taskDefinition | Should -Be $job.TaskDefinitionArn
        $body.count | Should -Be 2
        $body.launchType | Should -BeExactly 'FARGATE'
        $body.startedBy | Should -Be 'ci/42'
        @($body.networkConfiguration.awsvpcConfiguration.subnets) | Should -Be @($Subnet)
        @($body.networkConfiguration.awsvpcConfiguration.securityGroups) | Should -Be @($SecurityGroup)
        $body.overrides.containerOverrides[0].name | Should -Be 'app'
        @($body.overrides.containerOverrides[0].command) | Should -Be @('echo', 'hello')
        $body.clientToken | Should -Not -BeNullOrEmpty
        Assert-FitsEcsModel $forward
    }

    It 'copies the network, launch type and platform version of -FromService; explicit parameters win' {
        $service = New-EcsServiceX (New-TestName 'web') $job.FamilyRevision -Cluster $cluster -LaunchType FARGATE -DesiredCount 0 `
            -Subnet $Network.SubnetIds[0], $Network.SubnetIds[1] -SecurityGroup $SecurityGroup -AssignPublicIp -PlatformVersion 1.4.0 @Aws
        $forward.Clear()

        $null = Start-EcsTaskX -Cluster $cluster -FromService $service.ServiceName -Environment @{ RAILS_ENV = 'production' } @Via

        $forward.Operations | Should -Be @('DescribeServices', 'DescribeTaskDefinition', 'RunTask')
        $body = (Get-RequestBody $forward 'RunTask')[0]
        $body.taskDefinition | Should -Be $job.TaskDefinitionArn
        $body.launchType | Should -BeExactly 'FARGATE'
        $body.platformVersion | Should -Be '1.4.0'
        @($body.networkConfiguration.awsvpcConfiguration.subnets) | Should -Be @($Network.SubnetIds[0], $Network.SubnetIds[1])
        @($body.networkConfiguration.awsvpcConfiguration.securityGroups) | Should -Be @($SecurityGroup)
        $body.networkConfiguration.awsvpcConfiguration.assignPublicIp | Should -BeExactly 'ENABLED'
        $body.overrides.containerOverrides[0].environment[0].name | Should -Be 'RAILS_ENV'
        $body.overrides.containerOverrides[0].environment[0].value | Should -Be 'production'
        Assert-FitsEcsModel $forward

        $forward.Clear()
        $null = Start-EcsTaskX -Cluster $cluster -TaskDefinition $job.FamilyRevision -FromService $service.ServiceName -Subnet $Network.SubnetIds[1] @Via
        $body = (Get-RequestBody $forward 'RunTask')[0]
        @($body.networkConfiguration.awsvpcConfiguration.subnets) | Should -Be @($Network.SubnetIds[1])
        @($body.networkConfiguration.awsvpcConfiguration.securityGroups) | Should -Be @($SecurityGroup)
    }

    It 'refuses a -Container the task definition does not have, naming its containers, and starts nothing' {
        $run = Invoke-Captured { Start-EcsTaskX -Cluster $cluster -TaskDefinition $pair.FamilyRevision @Fargate -Container web -Command 'x' @Via }
        $run.Output | Should -BeNullOrEmpty
        @($run.Errors).Count | Should -Be 1
        $run.Errors[0].FullyQualifiedErrorId | Should -Be 'InvalidTaskRunParameters,EcsPS.Ecs.Tasks.StartEcsTaskX'
        $run.Errors[0].Exception.Message | Should -Match "'web' is not a container of $([regex]::Escape($pair.FamilyRevision)). Its containers: app, log-router"
        $forward.Operations | Should -Not -Contain 'RunTask'
    }

    It 'asks for -Container when -Command could mean either of two containers' {
        $run = Invoke-Captured { Start-EcsTaskX -Cluster $cluster -TaskDefinition $pair.FamilyRevision @Fargate -Command 'x' @Via }
        $run.Errors[0].Exception.Message | Should -Match 'has 2 containers \(app, log-router\): name the one'
        $forward.Operations | Should -Not -Contain 'RunTask'
    }

    It 'refuses an -Override for a container the task definition does not have' {
        $run = Invoke-Captured { Start-EcsTaskX -Cluster $cluster -TaskDefinition $job.FamilyRevision @Fargate -Override @{ ContainerOverrides = @(@{ Name = 'worker'; Command = @('x') }) } @Via }
        $run.Errors[0].Exception.Message | Should -Match "names the container 'worker'"
        $forward.Operations | Should -Not -Contain 'RunTask'
    }

    It 'refuses an awsvpc task definition without a network before sending RunTask' {
        $run = Invoke-Captured { Start-EcsTaskX -Cluster $cluster -TaskDefinition $job.FamilyRevision -LaunchType FARGATE @Via }
        $run.Errors[0].FullyQualifiedErrorId | Should -Be 'InvalidTaskRunParameters,EcsPS.Ecs.Tasks.StartEcsTaskX'
        $run.Errors[0].Exception.Message | Should -Match 'uses awsvpc networking: give -Subnet and -SecurityGroup, or -FromService'
        $forward.Operations | Should -Be @('DescribeTaskDefinition')
    }

    It 'checks -Cpu/-Memory against the Fargate sizes with the task definition''s other half' {
        $run = Invoke-Captured { Start-EcsTaskX -Cluster $cluster -TaskDefinition $job.FamilyRevision @Fargate -Memory 4096 @Via }
        $run.Errors[0].Exception.Message | Should -Match 'Fargate does not offer 4096 MiB with 256 CPU units'
        $forward.Operations | Should -Not -Contain 'RunTask'
    }

    It 'reports a task definition or service that does not exist with the resource''s not-found id' {
        $run = Invoke-Captured { Start-EcsTaskX -Cluster $cluster -TaskDefinition (New-TestName 'nothere') @Fargate @Via }
        $run.Errors[0].FullyQualifiedErrorId | Should -BeLike 'TaskDefinitionNotFoundException,*'
        $run.Errors[0].CategoryInfo.Category | Should -Be 'ObjectNotFound'
        $run = Invoke-Captured { Start-EcsTaskX -Cluster $cluster -FromService (New-TestName 'nosvc') @Via }
        $run.Errors[0].FullyQualifiedErrorId | Should -BeLike 'ServiceNotFoundException,*'
        $forward.Operations | Should -Not -Contain 'RunTask'
    }

    It 'sends nothing that starts a task with -WhatIf' {
        $lines = Get-WhatIfLine { Start-EcsTaskX -Cluster $cluster -TaskDefinition $job.Family @Fargate -Command 'rails', 'db:migrate' -WhatIf @Via }
        $lines.Output | Should -BeNullOrEmpty
        $lines.Lines | Should -Be @("What if: Performing the operation ""Run 1 ECS task(s) on FARGATE with command override app: rails db:migrate"" on target ""$($job.FamilyRevision) (cluster $cluster)"".")
        $forward.Operations | Should -Be @('DescribeTaskDefinition')
    }

    It 'completes -Container from the -TaskDefinition on the command line' {
        $line = "Start-EcsTaskX -Region us-east-1 -EndpointUrl $Endpoint -TaskDefinition $($pair.Family) -Container l"
        @((TabExpansion2 -inputScript $line -cursorColumn $line.Length).CompletionMatches.CompletionText) | Should -Be @('log-router')
    }
}

Describe 'Invoke-EcsTaskX and Wait-EcsTaskX against moto' {
    BeforeAll {
        $cluster = New-TestName 'inv'
        $null = New-EcsClusterX $cluster @Aws
        $job = New-JobDefinition (New-TestName 'job')
        $Fargate = @{ LaunchType = 'FARGATE'; Subnet = $Subnet; SecurityGroup = $SecurityGroup }
    }

    It 'Invoke-EcsTaskX runs the task until it stops and returns its result' {
        $run = Invoke-Captured { Invoke-EcsTaskX -Cluster $cluster -TaskDefinition $job.FamilyRevision @Fargate -PollInterval 1 -Timeout 60 @Aws }
        $run.Errors | Should -BeNullOrEmpty
        @($run.Output).Count | Should -Be 1
        $r = $run.Output[0]
        $r.PSObject.TypeNames[0] | Should -Be $ResultType
        $r.ClusterName | Should -Be $cluster
        $r.TaskDefinitionName | Should -Be $job.FamilyRevision
        $r.TaskArn | Should -Match ":task/$cluster/"
        @($r.Containers.Name) | Should -Be @('app')
    }

    It 'Wait-EcsTaskX -Condition Stopped takes the tasks Start-EcsTaskX writes from the pipeline' {
        $run = Invoke-Captured { Start-EcsTaskX -Cluster $cluster -TaskDefinition $job.FamilyRevision @Fargate -Count 2 @Aws | Wait-EcsTaskX -Condition Stopped -PollInterval 1 -Timeout 60 @Aws }
        $run.Errors | Should -BeNullOrEmpty
        @($run.Output).Count | Should -Be 2
        $run.Output | ForEach-Object { $_.LastStatus | Should -Be 'STOPPED' }
    }
}

Describe 'Against the scripted fake: what moto cannot show' {
    BeforeAll {
        $fake = [EcsPS.TestFakes.ScriptedAwsServer]::new('ecs')
        $OnFake = @{ Region = 'us-east-1'; EndpointUrl = $fake.Url; Cluster = 'prod' }
        $Net = @{ LaunchType = 'FARGATE'; Subnet = 'subnet-0a1b2c3d4e5f60718'; SecurityGroup = 'sg-0123456789abcdef0' }
        $StartNet = @{ Subnet = 'subnet-0a1b2c3d4e5f60718'; SecurityGroup = 'sg-0123456789abcdef0' }
        $Account = '123456789012'
        $DefinitionArn = "arn:aws:ecs:us-east-1:${Account}:task-definition/migrate:31"
        $CannotPull = 'CannotPullContainerError: pull image manifest has been retried 5 time(s): failed to resolve ref 123456789012.dkr.ecr.us-east-1.amazonaws.com/migrate:31: not found'

        function Json($Value) { [EcsPS.TestFakes.ScriptedResponse]::Json(($Value | ConvertTo-Json -Depth 20 -Compress)) }
        function TaskId([int] $N) { '{0:x32}' -f $N }
        function New-FakeTask([int] $N, [string] $Last, [string] $Desired = 'RUNNING', $AppExit, $RouterExit, [string] $StopCode, [string] $Reason, [string] $AppReason, [switch] $NeverStarted) {
            $id = TaskId $N
            $arn = "arn:aws:ecs:us-east-1:${Account}:task/prod/$id"
            $containers = foreach ($name in 'app', 'log-router') {
                $c = [ordered]@{ containerArn = "arn:aws:ecs:us-east-1:${Account}:container/prod/$id/$([guid]::NewGuid())"; taskArn = $arn; name = $name; lastStatus = $Last }
                $exit = if ($name -eq 'app') { $AppExit } else { $RouterExit }
                if ($null -ne $exit) { $c.exitCode = [int]$exit }
                if ($name -eq 'app' -and $AppReason) { $c.reason = $AppReason }
                $c
            }
            $t = [ordered]@{ taskArn = $arn; clusterArn = "arn:aws:ecs:us-east-1:${Account}:cluster/prod"; taskDefinitionArn = $DefinitionArn
                lastStatus = $Last; desiredStatus = $Desired; launchType = 'FARGATE'; createdAt = 1740830400; containers = @($containers) }
            if ($Last -in 'RUNNING', 'STOPPED' -and -not $NeverStarted) { $t.startedAt = 1740830430 }
            if ($Last -eq 'STOPPED') { $t.stoppedAt = 1740830490 }
            if ($StopCode) { $t.stopCode = $StopCode }
            if ($Reason) { $t.stoppedReason = $Reason }
            $t
        }
        function Described([object[]] $Tasks) { Json @{ tasks = @($Tasks); failures = @() } }
        function RunAnswer([object[]] $Tasks, [object[]] $Failures = @()) { Json @{ tasks = @($Tasks); failures = @($Failures) } }
        $definition = @{ taskDefinition = @{ taskDefinitionArn = $DefinitionArn; family = 'migrate'; revision = 31; networkMode = 'awsvpc'; cpu = '256'; memory = '512'
                requiresCompatibilities = @('FARGATE'); containerDefinitions = @(@{ name = 'app'; image = 'migrate:31' }, @{ name = 'log-router'; image = 'fluent-bit'; essential = $false }) } }
        function Reset-Fake {
            $fake.Reset()
            $null = $fake.Always('DescribeTaskDefinition', (Json $definition))
        }
        function Get-Sent([string] $Operation) { @($fake.Requests | Where-Object Operation -eq $Operation) }
    }
    AfterAll { $fake.Dispose() }
    BeforeEach { Reset-Fake }
    AfterEach {
        $fake.Unscripted | Should -BeNullOrEmpty
        Assert-FitsEcsModel $fake
    }

    It 'follows PROVISIONING, PENDING, RUNNING, STOPPED and returns the essential container''s exit code (0)' {
        $null = $fake.Enqueue('RunTask', (RunAnswer @(New-FakeTask 1 PROVISIONING)))
        $null = $fake.Enqueue('DescribeTasks', (Described @(New-FakeTask 1 PROVISIONING)), (Described @(New-FakeTask 1 PENDING)), (Described @(New-FakeTask 1 RUNNING)),
            (Described @(New-FakeTask 1 STOPPED STOPPED -AppExit 0 -RouterExit 137 -StopCode EssentialContainerExited -Reason 'Essential container in task exited')))

        $all = @(Invoke-EcsTaskX -TaskDefinition migrate @Net -Container app -Command 'rails', 'db:migrate' -PollInterval 1 @OnFake -Verbose 4>&1)
        $verbose = @($all | Where-Object { $_ -is [System.Management.Automation.VerboseRecord] } | ForEach-Object Message)
        $r = @($all | Where-Object { $_ -isnot [System.Management.Automation.VerboseRecord] })

        $r.Count | Should -Be 1 -Because ($all | ForEach-Object { "$($_.GetType().Name): $_" } | Out-String)
        $r = $r[0]
        $r.PSObject.TypeNames[0] | Should -Be $ResultType
        $r.ExitCode | Should -Be 0
        $r.Outcome | Should -Be 'Succeeded'
        $r.StopCode | Should -Be 'EssentialContainerExited'
        $r.Duration | Should -Be ([timespan]::FromSeconds(60))
        @($r.Containers | ForEach-Object { "$($_.Name)=$($_.ExitCode)/$($_.Essential)" }) | Should -Be @('app=0/True', 'log-router=137/False')
        $id = TaskId 1
        $verbose | Should -Contain "[$id] PROVISIONING -> PENDING at 1 s"
        ($verbose | Where-Object { $_.StartsWith("[$id] PENDING -> RUNNING at ") }) | Should -Not -BeNullOrEmpty
        ($verbose | Where-Object { $_.StartsWith("[$id] RUNNING -> STOPPED at ") -and $_.Contains('EssentialContainerExited') }) | Should -Not -BeNullOrEmpty
        (Get-Sent 'DescribeTasks').Count | Should -Be 4
    }

    It 'writes the result of a non-zero exit first, then the error NonZeroExitCode; -ErrorAction Stop throws' {
        $failed = New-FakeTask 1 STOPPED STOPPED -AppExit 2 -RouterExit 0 -StopCode EssentialContainerExited -Reason 'Essential container in task exited'
        $null = $fake.Enqueue('RunTask', (RunAnswer @(New-FakeTask 1 PROVISIONING)))
        $null = $fake.Enqueue('DescribeTasks', (Described @($failed)))

        $written = Invoke-InOrder { Invoke-EcsTaskX -TaskDefinition migrate @Net -PollInterval 1 @OnFake }

        $written.Count | Should -Be 2
        $written[0].PSObject.TypeNames[0] | Should -Be $ResultType
        $written[0].ExitCode | Should -Be 2
        $written[1] | Should -BeOfType System.Management.Automation.ErrorRecord
        $written[1].FullyQualifiedErrorId | Should -Be 'NonZeroExitCode,EcsPS.Ecs.Tasks.InvokeEcsTaskX'
        $written[1].CategoryInfo.Category | Should -Be 'InvalidResult'
        $written[1].Exception.Message | Should -Match 'failed with exit code 2: app exited with 2'
        $written[1].Exception.Result.ExitCode | Should -Be 2

        $null = $fake.Enqueue('RunTask', (RunAnswer @(New-FakeTask 1 PROVISIONING)))
        $null = $fake.Enqueue('DescribeTasks', (Described @($failed)))
        { Invoke-EcsTaskX -TaskDefinition migrate @Net -PollInterval 1 @OnFake -ErrorAction Stop } | Should -Throw -ErrorId 'NonZeroExitCode,EcsPS.Ecs.Tasks.InvokeEcsTaskX'
    }

    It 'reports a task that never starts as TaskFailedToStart with the reason, and $? is false' {
        $null = $fake.Enqueue('RunTask', (RunAnswer @(New-FakeTask 1 PROVISIONING)))
        $null = $fake.Enqueue('DescribeTasks', (Described @(New-FakeTask 1 PENDING)),
            (Described @(New-FakeTask 1 STOPPED STOPPED -StopCode TaskFailedToStart -Reason $CannotPull -AppReason $CannotPull -NeverStarted)))

        $r = Invoke-EcsTaskX -TaskDefinition migrate @Net -PollInterval 1 @OnFake -ErrorAction SilentlyContinue -ErrorVariable failure
        $ok = $?

        $ok | Should -BeFalse
        $r.Outcome | Should -Be 'FailedToStart'
        $r.ExitCode | Should -BeNullOrEmpty
        $r.Duration | Should -BeNullOrEmpty
        @($failure).Count | Should -Be 1
        $failure[0].FullyQualifiedErrorId | Should -Be 'TaskFailedToStart,EcsPS.Ecs.Tasks.InvokeEcsTaskX'
        $failure[0].Exception.Message | Should -Match 'never started: TaskFailedToStart: CannotPullContainerError'
        $failure[0].ErrorDetails.RecommendedAction | Should -Match 'execution role'
    }

    It 'Start-EcsTaskX -Wait fails a task that stops before RUNNING with its stop code and container reasons, not a timeout' {
        $null = $fake.Enqueue('RunTask', (RunAnswer @(New-FakeTask 1 PROVISIONING)))
        $null = $fake.Enqueue('DescribeTasks', (Described @(New-FakeTask 1 PENDING)),
            (Described @(New-FakeTask 1 STOPPED STOPPED -StopCode TaskFailedToStart -Reason $CannotPull -AppReason $CannotPull -NeverStarted)))

        $run = Invoke-Captured { Start-EcsTaskX -TaskDefinition migrate @Net -Wait -PollInterval 1 -Timeout 60 @OnFake }

        $run.Output | Should -BeNullOrEmpty
        @($run.Errors).Count | Should -Be 1
        $run.Errors[0].FullyQualifiedErrorId | Should -Be 'TaskStopped,EcsPS.Ecs.Tasks.StartEcsTaskX'
        $run.Errors[0].Exception.Message | Should -Match "stopped before it was RUNNING: TaskFailedToStart: CannotPullContainerError.*Containers: app: CannotPullContainerError"
        $run.Errors[0].Exception.Result.Stop.StopCode | Should -Be 'TaskFailedToStart'
        $run.Elapsed.TotalSeconds | Should -BeLessThan 30
    }

    It 'Wait-EcsTaskX times out saying what was still not there' {
        $null = $fake.Always('DescribeTasks', (Described @(New-FakeTask 1 PENDING)))
        $run = Invoke-Captured { Wait-EcsTaskX -Task (TaskId 1) -Timeout 2 -PollInterval 1 @OnFake }
        @($run.Errors).Count | Should -Be 1
        $run.Errors[0].FullyQualifiedErrorId | Should -Be 'TaskWaitTimedOut,EcsPS.Ecs.Tasks.WaitEcsTaskX'
        $run.Errors[0].CategoryInfo.Category | Should -Be 'OperationTimeout'
        $run.Errors[0].Exception.Message | Should -Match 'was still PENDING after 2 s, not RUNNING'
    }

    It 'writes the tasks that started and an error saying what was short for the rest (RESOURCE:MEMORY)' {
        $null = $fake.Enqueue('RunTask', (RunAnswer @(New-FakeTask 1 PROVISIONING) @(@{ arn = "arn:aws:ecs:us-east-1:${Account}:container-instance/prod/0123456789abcdef0123456789abcdef"; reason = 'RESOURCE:MEMORY' })))

        $run = Invoke-Captured { Start-EcsTaskX -TaskDefinition migrate @Net -Count 2 @OnFake }

        @($run.Output).Count | Should -Be 1
        $run.Output[0].TaskId | Should -Be (TaskId 1)
        @($run.Errors).Count | Should -Be 1
        $run.Errors[0].FullyQualifiedErrorId | Should -Be 'TaskPlacementFailed,EcsPS.Ecs.Tasks.StartEcsTaskX'
        $run.Errors[0].CategoryInfo.Category | Should -Be 'ResourceUnavailable'
        $run.Errors[0].Exception.Message | Should -Match 'no container instance has enough memory left \(RESOURCE:MEMORY\)'
        $run.Errors[0].ErrorDetails.RecommendedAction | Should -Match 'Add capacity'
    }

    It 'keeps the client token across the retry after a lost answer: both attempts carry it, one set of tasks' {
        $answer = RunAnswer @((New-FakeTask 1 PROVISIONING), (New-FakeTask 2 PROVISIONING))
        $null = $fake.Enqueue('RunTask', $answer.CutShort(10), $answer)

        $tasks = @(Start-EcsTaskX -TaskDefinition migrate @Net -Count 2 @OnFake)

        $sent = Get-Sent 'RunTask'
        $sent.Count | Should -Be 2
        $tokens = @($sent | ForEach-Object { ($_.Body | ConvertFrom-Json).clientToken })
        $tokens[0] | Should -Not -BeNullOrEmpty
        $tokens[1] | Should -BeExactly $tokens[0]
        $sent[1].Body | Should -BeExactly $sent[0].Body
        $tasks.Count | Should -Be 2
        @($tasks.TaskId | Select-Object -Unique).Count | Should -Be 2
    }

    It 'splits -Count 25 into requests of 10, 10 and 5 with distinct tokens, derived from -ClientToken when given' {
        foreach ($token in $null, 'migrate-2025-03-01') {
            Reset-Fake
            $n = 0
            foreach ($size in 10, 10, 5) {
                $null = $fake.Enqueue('RunTask', (RunAnswer @(1..$size | ForEach-Object { New-FakeTask (++$n) PROVISIONING })))
            }
            $extra = if ($token) { @{ ClientToken = $token } } else { @{} }

            $tasks = @(Start-EcsTaskX -TaskDefinition migrate @Net -Count 25 @extra @OnFake)

            $tasks.Count | Should -Be 25
            $bodies = @(Get-Sent 'RunTask' | ForEach-Object { $_.Body | ConvertFrom-Json })
            @($bodies | ForEach-Object count) | Should -Be @(10, 10, 5)
            @($bodies.clientToken | Select-Object -Unique).Count | Should -Be 3
            @($bodies.taskDefinition | Select-Object -Unique) | Should -Be @($DefinitionArn)
            if ($token) { @($bodies.clientToken) | Should -Be @('migrate-2025-03-01-1of3-25', 'migrate-2025-03-01-2of3-25', 'migrate-2025-03-01-3of3-25') }
            Assert-FitsEcsModel $fake
        }
    }

    It 'never sends StartTask again after a lost answer, and says the outcome is unknown' {
        $null = $fake.Always('StartTask', (RunAnswer @(New-FakeTask 1 PENDING)).CutShort(8))
        $instances = 1..3 | ForEach-Object { '{0:x32}' -f (1000 + $_) }

        $run = Invoke-Captured { Start-EcsTaskX -TaskDefinition migrate -ContainerInstance $instances @StartNet @OnFake }

        (Get-Sent 'StartTask').Count | Should -Be 1
        @($run.Errors).Count | Should -Be 1
        $run.Errors[0].FullyQualifiedErrorId | Should -BeLike 'OutcomeUnknown,*'
        $run.Errors[0].Exception.Message | Should -Match 'StartTask has no client token, so it was not sent again'
        $run.Errors[0].Exception.Message | Should -Match $instances[0]
        $run.Errors[0].ErrorDetails.RecommendedAction | Should -Match 'Get-EcsTaskX -Cluster <cluster> -ContainerInstance'
        $body = (Get-Sent 'StartTask')[0].Body | ConvertFrom-Json
        @($body.containerInstances) | Should -Be $instances
    }

    It 'reports a container instance StartTask does not know as ContainerInstanceNotFoundException' {
        $missing = '{0:x32}' -f 4242
        $null = $fake.Enqueue('StartTask', (RunAnswer @() @(@{ arn = "arn:aws:ecs:us-east-1:${Account}:container-instance/prod/$missing"; reason = 'MISSING' })))
        $run = Invoke-Captured { Start-EcsTaskX -TaskDefinition migrate -ContainerInstance $missing @StartNet @OnFake }
        $run.Output | Should -BeNullOrEmpty
        $run.Errors[0].FullyQualifiedErrorId | Should -Be 'ContainerInstanceNotFoundException,EcsPS.Ecs.Tasks.StartEcsTaskX'
        $run.Errors[0].CategoryInfo.Category | Should -Be 'ObjectNotFound'
    }

    It 'runs beside the service a -FromService ARN names, in its cluster, without -Cluster' {
        $serviceArn = "arn:aws:ecs:us-east-1:${Account}:service/prod/web"
        $null = $fake.Enqueue('DescribeServices', (Json @{ failures = @(); services = @(@{ serviceArn = $serviceArn; serviceName = 'web'; status = 'ACTIVE'
                        clusterArn = "arn:aws:ecs:us-east-1:${Account}:cluster/prod"; taskDefinition = $DefinitionArn; launchType = 'FARGATE'; platformVersion = '1.4.0'
                        networkConfiguration = @{ awsvpcConfiguration = @{ subnets = @('subnet-0b2c3d4e5f6071829'); securityGroups = @('sg-0fedcba9876543210'); assignPublicIp = 'DISABLED' } } }) }))
        $null = $fake.Enqueue('RunTask', (RunAnswer @(New-FakeTask 1 PROVISIONING)))

        $tasks = @(Start-EcsTaskX -FromService $serviceArn -Region us-east-1 -EndpointUrl $fake.Url)

        $tasks.Count | Should -Be 1
        ((Get-Sent 'DescribeServices')[0].Body | ConvertFrom-Json).cluster | Should -Be 'prod'
        $body = (Get-Sent 'RunTask')[0].Body | ConvertFrom-Json
        $body.cluster | Should -Be 'prod'
        $body.taskDefinition | Should -Be $DefinitionArn
        $body.launchType | Should -BeExactly 'FARGATE'
        $body.platformVersion | Should -Be '1.4.0'
        @($body.networkConfiguration.awsvpcConfiguration.subnets) | Should -Be @('subnet-0b2c3d4e5f6071829')
        @($body.networkConfiguration.awsvpcConfiguration.securityGroups) | Should -Be @('sg-0fedcba9876543210')
        $body.networkConfiguration.awsvpcConfiguration.assignPublicIp | Should -BeExactly 'DISABLED'
    }

    It 'Invoke-EcsTaskX -WhatIf reads the task definition and starts nothing' {
        $run = Invoke-Captured { Invoke-EcsTaskX -TaskDefinition migrate @Net -WhatIf @OnFake }
        $run.Output | Should -BeNullOrEmpty
        $run.Errors | Should -BeNullOrEmpty
        @($fake.Operations) | Should -Be @('DescribeTaskDefinition')
    }

    It 'Stop-EcsTaskX -Wait returns once the task is STOPPED, and -PassThru writes it stopped, not stopping' {
        $null = $fake.Enqueue('StopTask', (Json @{ task = (New-FakeTask 1 RUNNING STOPPED) }))
        $null = $fake.Enqueue('DescribeTasks', (Described @(New-FakeTask 1 DEPROVISIONING STOPPED)),
            (Described @(New-FakeTask 1 STOPPED STOPPED -AppExit 143 -StopCode UserInitiated -Reason 'patching')))

        $run = Invoke-Captured { Stop-EcsTaskX -Task (TaskId 1) -Reason patching -Wait -PassThru -PollInterval 1 -Timeout 60 -Confirm:$false @OnFake }

        $run.Errors | Should -BeNullOrEmpty
        @($run.Output).Count | Should -Be 1
        $run.Output[0].LastStatus | Should -Be 'STOPPED'
        $run.Output[0].StopCode | Should -Be 'UserInitiated'
        @($fake.Operations) | Should -Be @('StopTask', 'DescribeTasks', 'DescribeTasks')
        ((Get-Sent 'DescribeTasks')[0].Body | ConvertFrom-Json).tasks | Should -Be @("arn:aws:ecs:us-east-1:${Account}:task/prod/$(TaskId 1)")
    }

    It 'Stop-EcsTaskX -Wait without -PassThru writes nothing and still reports a wait that times out' {
        $null = $fake.Enqueue('StopTask', (Json @{ task = (New-FakeTask 1 RUNNING STOPPED) }))
        $null = $fake.Always('DescribeTasks', (Described @(New-FakeTask 1 DEPROVISIONING STOPPED)))

        $run = Invoke-Captured { Stop-EcsTaskX -Task (TaskId 1) -Wait -PollInterval 1 -Timeout 2 -Confirm:$false @OnFake }

        $run.Output | Should -BeNullOrEmpty
        @($run.Errors).Count | Should -Be 1
        $run.Errors[0].FullyQualifiedErrorId | Should -Be 'TaskWaitTimedOut,EcsPS.Ecs.Tasks.StopEcsTaskX'
        $run.Errors[0].Exception.Message | Should -Match 'still DEPROVISIONING'
    }

    It 'Wait-EcsTaskX reports a task that does not exist as TaskNotFoundException' {
        $null = $fake.Always('DescribeTasks', (Json @{ tasks = @(); failures = @(@{ arn = "arn:aws:ecs:us-east-1:${Account}:task/prod/$(TaskId 9)"; reason = 'MISSING' }) }))
        $run = Invoke-Captured { Wait-EcsTaskX -Task (TaskId 9) -Condition Stopped -PollInterval 1 @OnFake }
        $run.Errors[0].FullyQualifiedErrorId | Should -Be 'TaskNotFoundException,EcsPS.Ecs.Tasks.WaitEcsTaskX'
        $run.Errors[0].CategoryInfo.Category | Should -Be 'ObjectNotFound'
        (Get-Sent 'DescribeTasks').Count | Should -Be 1
    }

    It 'shows a TaskRunResult in a table of 120 columns, a column per property' {
        $null = $fake.Enqueue('RunTask', (RunAnswer @(New-FakeTask 1 PROVISIONING)))
        $null = $fake.Enqueue('DescribeTasks', (Described @(New-FakeTask 1 STOPPED STOPPED -AppExit 1 -StopCode EssentialContainerExited -Reason 'Essential container in task exited')))
        $r = Invoke-EcsTaskX -TaskDefinition migrate @Net -PollInterval 1 @OnFake -ErrorAction SilentlyContinue

        $lines = @(($r | Format-Table | Out-String -Width 120) -split "`n" | Remove-Ansi | Where-Object { $_.Trim() })
        $lines[0] -split '\s+' | Where-Object { $_ } | Should -Be @('TaskId', 'TaskDefinitionName', 'ExitCode', 'Duration', 'StopCode', 'StoppedReason')
        $lines | ForEach-Object { $_.TrimEnd().Length | Should -BeLessOrEqual 120 }
        $lines[2] | Should -Match "$(TaskId 1) migrate:31\s+1 00:01:00\s+EssentialContainerExited Essential container"
    }
}
