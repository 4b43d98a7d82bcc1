# Get-EcsLogX (and Invoke-EcsTaskX's log lines) from the published module. Against moto: tasks
# run with a task definition that logs with awslogs, their streams seeded straight into moto's
# CloudWatch Logs, then read back through the module. What moto cannot show — a stream that grows
# while -Follow runs, FilterLogEvents paging, a stream that does not exist yet, a container with
# another log driver, a failed run's error ending with its log lines — against the scripted
# loopback fake. Every request is checked against botocore's ECS or CloudWatch Logs model.

BeforeAll {
    Import-Module (Join-Path $PSScriptRoot 'TestHelpers.psm1') -Force
    Import-Module (Join-Path $PSScriptRoot 'ServiceHelpers.psm1') -Force
    $Endpoint = Initialize-EcsTestEnvironment
    $Aws = @{ Region = 'us-east-1'; EndpointUrl = $Endpoint }
    $EventType = 'EcsPS.Engine.Ecs.Logs.TaskLogEvent'
    $Network = Get-DefaultVpcNetwork -Endpoint $Endpoint
    $Fargate = @{ LaunchType = 'FARGATE'; Subnet = $Network.SubnetIds[0]; SecurityGroup = $Network.SecurityGroupId }

    function Assert-FitsModels($Recorder) {
        $requests = @($Recorder.Requests | Where-Object Protocol -eq 'json')
        $requests.Count | Should -BeGreaterThan 0
        foreach ($request in $requests) {
            $service = if ($request.Target -like 'Logs_20140328.*') { 'logs' } else { 'ecs' }
            $problems = @(Test-EcsRequestShape -Service $service -Operation $request.Operation -Body $request.Body)
            $problems | Should -BeNullOrEmpty -Because "the $($request.Operation) request must fit the $service service model ($($request.Body))"
        }
    }

    function Invoke-MotoLogs([string] $Operation, [hashtable] $Body) {
        $date = [DateTime]::UtcNow.ToString('yyyyMMdd')
        $headers = @{
            'X-Amz-Target'  = "Logs_20140328.$Operation"
            'Authorization' = "AWS4-HMAC-SHA256 Credential=AKIAECSPSTESTDUMMY00/$date/us-east-1/logs/aws4_request, SignedHeaders=host, Signature=0"
        }
        $response = Invoke-WebRequest -Method Post -Uri "$Endpoint/" -Headers $headers -ContentType 'application/x-amz-json-1.1' -Body ($Body | ConvertTo-Json -Depth 10 -Compress) -SkipHttpErrorCheck
        if ([int]$response.StatusCode -ge 400) { throw "moto answered $Operation with HTTP $([int]$response.StatusCode)" }
    }

    function Add-MotoLogLines([string] $Group, [string] $Stream, [string[]] $Lines, [datetime] $Start) {
        try { Invoke-MotoLogs CreateLogGroup @{ logGroupName = $Group } } catch { }
        Invoke-MotoLogs CreateLogStream @{ logGroupName = $Group; logStreamName = $Stream }
        $ms = ([DateTimeOffset]$Start.ToUniversalTime()).ToUnixTimeMilliseconds()
        $i = 0
        $events = @($Lines | ForEach-Object { @{ timestamp = $ms + 1000 * ($i++); message = $_ } })
        Invoke-MotoLogs PutLogEvents @{ logGroupName = $Group; logStreamName = $Stream; logEvents = $events }
    }
}

AfterAll {
    Clear-EcsTestEnvironment
}

Describe 'Get-EcsLogX against moto' {
    BeforeAll {
        $cluster = New-TestName 'logs'
        $null = New-EcsClusterX $cluster @Aws
        $group = '/ecs/' + (New-TestName 'web')
        $app = New-EcsContainerDefinitionX -Name app -Image 'public.ecr.aws/docker/library/busybox:1.36' -Memory 256 -LogGroup $group -LogStreamPrefix 'ecs'
        $definition = Register-EcsTaskDefinitionX -Family (New-TestName 'logjob') -ContainerDefinition @($app) -Cpu 256 -Memory 512 -NetworkMode awsvpc -RequiresCompatibility FARGATE -ExecutionRoleArn 'arn:aws:iam::123456789012:role/ecsTaskExecutionRole' @Aws
        $tasks = @(Start-EcsTaskX -Cluster $cluster -TaskDefinition $definition.Family @Fargate -Count 2 @Aws)
        $tasks.Count | Should -Be 2
        $start = (Get-Date).AddMinutes(-5)
        Add-MotoLogLines $group "ecs/app/$($tasks[0].TaskId)" @('starting', 'ERROR db down', 'retrying', 'ready') $start
        Add-MotoLogLines $group "ecs/app/$($tasks[1].TaskId)" @('starting two', 'ready two') $start.AddSeconds(30)
        $forward = Start-RequestRecorder -ForwardTo $Endpoint
        $Via = @{ Region = 'us-east-1'; EndpointUrl = $forward.Url }
    }
    AfterAll { $forward.Dispose() }
    BeforeEach { $forward.Clear() }
    AfterEach { Assert-FitsModels $forward }

    It 'reads the awslogs stream of each task named by -Task, as TaskLogEvent objects' {
        $events = @(Get-EcsLogX -Cluster $cluster -Task $tasks[0].TaskId @Via)

        $events.Message | Should -Be @('starting', 'ERROR db down', 'retrying', 'ready')
        $events[0].PSObject.TypeNames[0] | Should -Be $EventType
        $events | ForEach-Object {
            $_.TaskId | Should -Be $tasks[0].TaskId
            $_.Container | Should -Be 'app'
            $_.LogGroup | Should -Be $group
            $_.LogStream | Should -Be "ecs/app/$($tasks[0].TaskId)"
            $_.Timestamp.Kind | Should -Be 'Local'
            $_.EventId | Should -Not -BeNullOrEmpty
        }
        $forward.Operations | Should -Be @('DescribeTasks', 'DescribeTaskDefinition', 'FilterLogEvents')
        $body = (Get-RequestBody $forward 'FilterLogEvents')[0]
        $body.logGroupName | Should -Be $group
        @($body.logStreamNames) | Should -Be @("ecs/app/$($tasks[0].TaskId)")
        # The default -Since: an hour ago.
        $body.startTime | Should -BeGreaterThan ([DateTimeOffset]::UtcNow.AddMinutes(-61).ToUnixTimeMilliseconds())
    }

    It 'takes tasks piped from Get-EcsTaskX, describes their shared task definition once and reads both streams in one request' {
        $events = @(Get-EcsTaskX -Cluster $cluster -Task $tasks.TaskId @Aws | Get-EcsLogX @Via)

        $events.Count | Should -Be 6
        @($events | Where-Object TaskId -eq $tasks[1].TaskId).Message | Should -Be @('starting two', 'ready two')
        @($forward.Operations | Where-Object { $_ -eq 'DescribeTaskDefinition' }).Count | Should -Be 1
        $body = @(Get-RequestBody $forward 'FilterLogEvents')
        $body.Count | Should -Be 1
        @($body[0].logStreamNames).Count | Should -Be 2
    }

    It '-Filter sends the pattern and returns only what matches' {
        $events = @(Get-EcsLogX -Cluster $cluster -Task $tasks[0].TaskId -Filter ERROR @Via)

        $events.Message | Should -Be @('ERROR db down')
        (Get-RequestBody $forward 'FilterLogEvents')[0].filterPattern | Should -BeExactly 'ERROR'
    }

    It '-Tail reads the last lines of each stream, oldest first, with GetLogEvents' {
        $events = @(Get-EcsLogX -Cluster $cluster -Task $tasks[0].TaskId -Tail 2 @Via)

        $events.Message | Should -Be @('retrying', 'ready')
        $body = (Get-RequestBody $forward 'GetLogEvents')[0]
        $body.startFromHead | Should -BeFalse
        $body.limit | Should -Be 2
    }

    It '-Since and -Until bound the range' {
        $events = @(Get-EcsLogX -Cluster $cluster -Task $tasks[0].TaskId -Since $start.AddSeconds(1) -Until $start.AddSeconds(2.5) @Via)

        $events.Message | Should -Be @('ERROR db down', 'retrying')
    }

    It '-Container with a name the task definition does not have warns with the names it has, and reads nothing' {
        $events = @(Get-EcsLogX -Cluster $cluster -Task $tasks[0].TaskId -Container nosuch -WarningVariable warned -WarningAction SilentlyContinue @Via)

        $events | Should -BeNullOrEmpty
        "$warned" | Should -Match "has no container 'nosuch'.*app"
        $forward.Operations | Should -Not -Contain 'FilterLogEvents'
    }

    It 'a task that does not exist is TaskNotFoundException' {
        $missing = '{0:x32}' -f 77
        $err = $null
        $null = Get-EcsLogX -Cluster $cluster -Task $missing -ErrorVariable err -ErrorAction SilentlyContinue @Via

        $err[0].FullyQualifiedErrorId | Should -BeLike 'TaskNotFoundException*'
        $err[0].CategoryInfo.Category | Should -Be 'ObjectNotFound'
    }

    It 'shows a table of time, task id, container and message within 120 columns' {
        $text = Get-EcsLogX -Cluster $cluster -Task $tasks[0].TaskId @Via | Format-Table | Out-String -Width 120
        $lines = $text -split "`r?`n" | Where-Object { $_.Trim() }

        $lines[0] | Should -Match '^Timestamp\s+TaskId\s+Container\s+Message'
        $lines | ForEach-Object { $_.Length | Should -BeLessOrEqual 120 }
        $text | Should -Match 'ERROR db down'
    }
}

Describe 'Get-EcsLogX against the scripted fake: what moto cannot show' {
    BeforeAll {
        $fake = [EcsPS.TestFakes.ScriptedAwsServer]::new('logs')
        $OnFake = @{ Region = 'us-east-1'; EndpointUrl = $fake.Url; Cluster = 'prod' }
        $Account = '123456789012'
        $Id = '0123456789abcdef0123456789abcdef'
        $TaskArn = "arn:aws:ecs:us-east-1:${Account}:task/prod/$Id"
        $DefinitionArn = "arn:aws:ecs:us-east-1:${Account}:task-definition/web:7"
        $Stream = "ecs/web/$Id"
        $T0 = [DateTimeOffset]::UtcNow.AddMinutes(-10).ToUnixTimeMilliseconds()

        function Json($Value) { [EcsPS.TestFakes.ScriptedResponse]::Json(($Value | ConvertTo-Json -Depth 20 -Compress)) }
        function Ev([int] $N, [string] $StreamName = $Stream) { @{ logStreamName = $StreamName; timestamp = $T0 + 1000 * $N; message = "line $N"; ingestionTime = $T0 + 1000 * $N + 50; eventId = "e$N" } }
        function Page([object[]] $Events, [string] $Token) {
            $body = @{ events = @($Events); searchedLogStreams = @() }
            if ($Token) { $body.nextToken = $Token }
            Json $body
        }
        $task = @{ taskArn = $TaskArn; clusterArn = "arn:aws:ecs:us-east-1:${Account}:cluster/prod"; taskDefinitionArn = $DefinitionArn; lastStatus = 'RUNNING'; desiredStatus = 'RUNNING'
            containers = @(@{ name = 'web'; lastStatus = 'RUNNING' }, @{ name = 'router'; lastStatus = 'RUNNING' }) }
        $definition = @{ taskDefinition = @{ taskDefinitionArn = $DefinitionArn; family = 'web'; revision = 7; containerDefinitions = @(
                    @{ name = 'web'; image = 'web:7'; logConfiguration = @{ logDriver = 'awslogs'; options = @{ 'awslogs-group' = '/ecs/web'; 'awslogs-region' = 'us-east-1'; 'awslogs-stream-prefix' = 'ecs' } } },
                    @{ name = 'router'; image = 'fluent-bit'; logConfiguration = @{ logDriver = 'awsfirelens'; options = @{ Name = 'datadog' } } }) } }
        function Reset-Fake {
            $fake.Reset()
            $null = $fake.Always('DescribeTasks', (Json @{ tasks = @($task); failures = @() }))
            $null = $fake.Always('DescribeTaskDefinition', (Json $definition))
        }
    }
    AfterAll { $fake.Dispose() }
    BeforeEach { Reset-Fake }
    AfterEach {
        $fake.Unscripted | Should -BeNullOrEmpty
        Assert-FitsModels $fake
    }

    It 'follows nextToken across pages, empty ones included' {
        $null = $fake.Enqueue('FilterLogEvents', (Page @((Ev 1), (Ev 2)) 't1'), (Page @() 't2'), (Page @((Ev 3)) $null))

        $events = @(Get-EcsLogX -Task $Id -WarningAction SilentlyContinue @OnFake)

        $events.Message | Should -Be @('line 1', 'line 2', 'line 3')
        $sent = @($fake.Requests | Where-Object Operation -eq 'FilterLogEvents' | ForEach-Object { $_.Body | ConvertFrom-Json })
        $sent.Count | Should -Be 3
        $sent[1].nextToken | Should -Be 't1'
        $sent[2].nextToken | Should -Be 't2'
    }

    It 'warns once, naming the log driver, for a container that does not log with awslogs' {
        $null = $fake.Enqueue('FilterLogEvents', (Page @((Ev 1)) $null))

        $events = @(Get-EcsLogX -Task $Id -WarningVariable warned -WarningAction SilentlyContinue @OnFake)

        $events.Count | Should -Be 1
        @($warned).Count | Should -Be 1
        "$warned" | Should -Match "'router'.*'awsfirelens'"
        $events[0].Container | Should -Be 'web'
    }

    It 'a stream that does not exist yet is quiet, with a verbose line' {
        $null = $fake.Always('FilterLogEvents', [EcsPS.TestFakes.ScriptedResponse]::Error('ResourceNotFoundException', 'The specified log stream does not exist.'))
        $err = $null

        $out = Get-EcsLogX -Task $Id -WarningAction SilentlyContinue -ErrorVariable err -Verbose @OnFake 4>&1

        $err | Should -BeNullOrEmpty
        @($out | Where-Object { $_ -is [System.Management.Automation.VerboseRecord] -and $_.Message -match 'does not exist' }).Count | Should -Be 1
        @($out | Where-Object { $_ -isnot [System.Management.Automation.VerboseRecord] }) | Should -BeNullOrEmpty
    }

    It '-Follow shows a growing stream once each line, without gaps, and stops cleanly when the pipeline does' {
        # Each poll sees the stream longer; each answer repeats what the overlap window already showed.
        $null = $fake.Enqueue('FilterLogEvents',
            (Page @((Ev 1), (Ev 2)) $null),
            (Page @((Ev 1), (Ev 2), (Ev 3)) $null),
            (Page @((Ev 2), (Ev 3), (Ev 4), (Ev 5)) $null))

        $events = @(Get-EcsLogX -Task $Id -Follow -PollInterval 1 -Since 15m -WarningAction SilentlyContinue @OnFake | Select-Object -First 5)

        $events.Message | Should -Be @('line 1', 'line 2', 'line 3', 'line 4', 'line 5')
        $sent = @($fake.Requests | Where-Object Operation -eq 'FilterLogEvents' | ForEach-Object { $_.Body | ConvertFrom-Json })
        $sent.Count | Should -Be 3
        # The later polls start one overlap (30 s) before the newest line shown, never before -Since.
        $sent[1].startTime | Should -Be ([Math]::Max($sent[0].startTime, $T0 + 2000 - 30000))
        $sent | ForEach-Object { $_.PSObject.Properties.Name | Should -Not -Contain 'endTime' }
    }

    It 'a service piped in stands for its running and recently stopped tasks; a task of another group is left out' {
        $other = $task.Clone(); $other.taskArn = "arn:aws:ecs:us-east-1:${Account}:task/prod/$('{0:x32}' -f 9)"; $other.group = 'family:batch'
        $mine = $task.Clone(); $mine.group = 'service:web'
        $null = $fake.Enqueue('ListTasks', (Json @{ taskArns = @($TaskArn) }), (Json @{ taskArns = @($other.taskArn) }))
        $null = $fake.Enqueue('DescribeTasks', (Json @{ tasks = @($mine); failures = @() }), (Json @{ tasks = @($other); failures = @() }))
        $null = $fake.Enqueue('FilterLogEvents', (Page @((Ev 1)) $null))

        $events = @([pscustomobject]@{ ServiceName = 'web'; ClusterArn = "arn:aws:ecs:us-east-1:${Account}:cluster/prod" } | Get-EcsLogX -Region us-east-1 -EndpointUrl $fake.Url -WarningAction SilentlyContinue)

        $events.Message | Should -Be @('line 1')
        $listed = @($fake.Requests | Where-Object Operation -eq 'ListTasks' | ForEach-Object { $_.Body | ConvertFrom-Json })
        $listed.serviceName | Should -Be @('web', 'web')
        $listed.desiredStatus | Should -Be @('RUNNING', 'STOPPED')
        $filtered = @($fake.Requests | Where-Object Operation -eq 'FilterLogEvents' | ForEach-Object { $_.Body | ConvertFrom-Json })
        @($filtered[0].logStreamNames) | Should -Be @($Stream)
    }

    It '-Follow with a service picks up a task the service starts during the follow' {
        $second = '{0:x32}' -f 2
        $mine = $task.Clone(); $mine.group = 'service:web'
        $new = $task.Clone(); $new.taskArn = "arn:aws:ecs:us-east-1:${Account}:task/prod/$second"; $new.group = 'service:web'
        $null = $fake.Enqueue('ListTasks', (Json @{ taskArns = @($TaskArn) }), (Json @{ taskArns = @() }), (Json @{ taskArns = @($TaskArn, $new.taskArn) }))
        $null = $fake.Always('ListTasks', (Json @{ taskArns = @($TaskArn, $new.taskArn) }))
        $null = $fake.Enqueue('DescribeTasks', (Json @{ tasks = @($mine); failures = @() }), (Json @{ tasks = @($mine, $new); failures = @() }))
        $null = $fake.Always('DescribeTasks', (Json @{ tasks = @($mine, $new); failures = @() }))
        # CloudWatch has a line in each stream; only the streams asked for are read.
        $null = $fake.Always('FilterLogEvents', (Page @((Ev 1), (Ev 2 "ecs/web/$second")) $null))

        $events = @(Get-EcsLogX -ServiceName web -Follow -PollInterval 1 -Since 15m -WarningAction SilentlyContinue @OnFake | Select-Object -First 2)

        $events.Message | Should -Be @('line 1', 'line 2')
        $events[1].TaskId | Should -Be $second
        $filtered = @($fake.Requests | Where-Object Operation -eq 'FilterLogEvents' | ForEach-Object { $_.Body | ConvertFrom-Json })
        @($filtered[0].logStreamNames) | Should -Be @($Stream)
        # The new task's stream is read from the start of the follow, not from the moving window.
        $late = @($filtered | Where-Object { @($_.logStreamNames) -contains "ecs/web/$second" })[0]
        $late.startTime | Should -Be $filtered[0].startTime
    }

    It 'Invoke-EcsTaskX puts the last log lines in the result and at the end of a failed run''s error' {
        $stopped = $task.Clone()
        $stopped.lastStatus = 'STOPPED'; $stopped.desiredStatus = 'STOPPED'; $stopped.stopCode = 'EssentialContainerExited'; $stopped.startedAt = 1740830430; $stopped.stoppedAt = 1740830490
        $stopped.containers = @(@{ name = 'web'; lastStatus = 'STOPPED'; exitCode = 3 }, @{ name = 'router'; lastStatus = 'STOPPED'; exitCode = 0 })
        $fake.Reset()
        $null = $fake.Always('DescribeTaskDefinition', (Json $definition))
        $null = $fake.Enqueue('RunTask', (Json @{ tasks = @($task); failures = @() }))
        $null = $fake.Always('DescribeTasks', (Json @{ tasks = @($stopped); failures = @() }))
        $lines = 1..8 | ForEach-Object { @{ timestamp = $T0 + $_; message = "step $_"; ingestionTime = $T0 + $_ + 1 } }
        $null = $fake.Always('GetLogEvents', (Json @{ events = @($lines | Select-Object -Last 6); nextForwardToken = 'f/1'; nextBackwardToken = 'b/1' }))
        $err = $null

        $r = Invoke-EcsTaskX -TaskDefinition web:7 -LaunchType FARGATE -Subnet subnet-0a1b2c3d4e5f60718 -SecurityGroup sg-0123456789abcdef0 -PollInterval 1 -LogLines 6 -ErrorVariable err -ErrorAction SilentlyContinue @OnFake

        $r.ExitCode | Should -Be 3
        $r.LogLines | Should -Be @('step 3', 'step 4', 'step 5', 'step 6', 'step 7', 'step 8')
        $err[0].FullyQualifiedErrorId | Should -BeLike 'NonZeroExitCode*'
        $err[0].Exception.Message | Should -Match 'Last 5 log lines:'
        $err[0].Exception.Message | Should -Match '(?s)step 4.*step 8$'
        $err[0].Exception.Message | Should -Not -Match 'step 3'
        ($fake.Requests | Where-Object Operation -eq 'GetLogEvents' | Select-Object -First 1).Body | ConvertFrom-Json |
            ForEach-Object { $_.logStreamName | Should -Be $Stream; $_.limit | Should -Be 6 }
    }

    It 'Invoke-EcsTaskX turns a log read that fails into a warning, never into a failure' {
        $stopped = $task.Clone()
        $stopped.lastStatus = 'STOPPED'; $stopped.desiredStatus = 'STOPPED'; $stopped.stopCode = 'EssentialContainerExited'; $stopped.startedAt = 1740830430; $stopped.stoppedAt = 1740830490
        $stopped.containers = @(@{ name = 'web'; lastStatus = 'STOPPED'; exitCode = 0 }, @{ name = 'router'; lastStatus = 'STOPPED'; exitCode = 0 })
        $fake.Reset()
        $null = $fake.Always('DescribeTaskDefinition', (Json $definition))
        $null = $fake.Enqueue('RunTask', (Json @{ tasks = @($task); failures = @() }))
        $null = $fake.Always('DescribeTasks', (Json @{ tasks = @($stopped); failures = @() }))
        $null = $fake.Always('GetLogEvents', [EcsPS.TestFakes.ScriptedResponse]::Error('AccessDeniedException', 'User is not authorized to perform: logs:GetLogEvents'))
        $err = $null

        $r = Invoke-EcsTaskX -TaskDefinition web:7 -LaunchType FARGATE -Subnet subnet-0a1b2c3d4e5f60718 -SecurityGroup sg-0123456789abcdef0 -PollInterval 1 -ErrorVariable err -WarningVariable warned -WarningAction SilentlyContinue @OnFake

        $err | Should -BeNullOrEmpty
        $r.Succeeded | Should -BeTrue
        @($r.LogLines).Count | Should -Be 0
        "$warned" | Should -Match 'could not be read.*AccessDenied|could not be read.*not authorized'
    }
}
