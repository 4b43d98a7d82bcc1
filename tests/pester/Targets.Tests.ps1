# Load balancer targets of services and the service status view: Get-EcsServiceTargetHealthX,
# Get-EcsServiceStatusX and Wait-EcsServiceX -Condition TargetsHealthy, run from the published
# module. Against moto_server: services behind real ELBv2 target groups with targets registered by
# hand (moto's services register none), every request checked at a forwarding recorder against
# botocore's ECS and elbv2 models. What moto cannot show (unhealthy and draining targets with
# reasons, bridge-mode targets matched by instance and host port, scaling activities, a part of
# the status that cannot be read) runs against the scripted loopback fake with answers shaped like
# the services' own. Waits that take time are tested on a virtual clock in
# tests/EcsPS.Engine.Tests (ServiceTargetHealthTests); here only a wait that is done at its first look.

BeforeAll {
    Import-Module (Join-Path $PSScriptRoot 'TestHelpers.psm1') -Force
    Import-Module (Join-Path $PSScriptRoot 'ServiceHelpers.psm1') -Force
    Import-Module (Join-Path $PSScriptRoot 'TargetHelpers.psm1') -Force
    $Endpoint = Initialize-EcsTestEnvironment
    $Aws = @{ Region = 'us-east-1'; EndpointUrl = $Endpoint }
    Reset-EcsTestState -Endpoint $Endpoint
    $Network = Get-DefaultVpcNetwork -Endpoint $Endpoint
    $Subnets = [string[]]@($Network.SubnetIds | Select-Object -First 2)
    $SecurityGroup = $Network.SecurityGroupId
    $TargetType = 'EcsPS.Engine.Ecs.Targets.ServiceTarget'
    $StatusType = 'EcsPS.Engine.Ecs.Targets.ServiceStatus'

    function Assert-RequestsFitModels($Recorder) {
        $Recorder.Requests.Count | Should -BeGreaterThan 0
        foreach ($request in $Recorder.Requests) {
            if ($request.Protocol -eq 'query') {
                $problems = @(Test-QueryRequestShape -Request $request)
                $problems | Should -BeNullOrEmpty -Because "the $($request.Operation) request must fit botocore's elbv2 model ($($request.Body))"
            } else {
                # ECS, Application Auto Scaling and CloudWatch (GetMetricData for Cpu and Memory), each by its own model.
                $problems = @(Test-EcsRequestShape -Service $request.Service -Operation $request.Operation -Body $request.Body)
                $problems | Should -BeNullOrEmpty -Because "the $($request.Service) $($request.Operation) request must fit its model ($($request.Body))"
            }
        }
    }
    function Register-MotoTargets([string] $TargetGroup, [string[]] $Ips, [int] $Port = 80) {
        $parameters = [ordered]@{ TargetGroupArn = $TargetGroup }
        $i = 1
        foreach ($ip in $Ips) { $parameters["Targets.member.$i.Id"] = $ip; $parameters["Targets.member.$i.Port"] = $Port; $i++ }
        $null = Invoke-MotoQuery -Endpoint $Endpoint -Service elasticloadbalancing -Action RegisterTargets -Parameters $parameters
    }
    function ConvertTo-Body($Value) { $Value | ConvertTo-Json -Depth 30 -Compress }

    # ---- scripted answers, shaped like ECS (JSON), ELBv2 (Query) and Application Auto Scaling (JSON)
    $Account = '123456789012'
    $Tg = "arn:aws:elasticloadbalancing:us-east-1:$($Account):targetgroup/web-tg/73e2d6bc24d8a067"
    $Lb = "arn:aws:elasticloadbalancing:us-east-1:$($Account):loadbalancer/app/prod-alb/50dc6c495c0c9188"
    $Ci = "arn:aws:ecs:us-east-1:$($Account):container-instance/prod/4f1a3c2b9d8e47f6a5b4c3d2e1f0a9b8"
    $Now = [DateTimeOffset]::UtcNow.ToUnixTimeSeconds()
    function New-FakeService([string] $Name = 'web', [int] $Desired = 2, [string] $Rollout = 'COMPLETED') {
        @{
            serviceArn = "arn:aws:ecs:us-east-1:$($Account):service/prod/$Name"; serviceName = $Name
            clusterArn = "arn:aws:ecs:us-east-1:$($Account):cluster/prod"; status = 'ACTIVE'
            desiredCount = $Desired; runningCount = $Desired; pendingCount = 0; launchType = 'EC2'
            taskDefinition = "arn:aws:ecs:us-east-1:$($Account):task-definition/$($Name):8"
            loadBalancers = @(@{ targetGroupArn = $Tg; containerName = 'web'; containerPort = 8080 })
            deployments = @(@{ id = 'ecs-svc/8421036510391729447'; status = 'PRIMARY'; taskDefinition = "arn:aws:ecs:us-east-1:$($Account):task-definition/$($Name):8"
                    desiredCount = $Desired; runningCount = $Desired; pendingCount = 0; rolloutState = $Rollout; rolloutStateReason = "ECS deployment $Rollout."
                    createdAt = $Now - 600; updatedAt = $Now - 300 })
            events = @(
                @{ id = 'e1000000-0000-4000-8000-000000000002'; createdAt = $Now - 60; message = "(service $Name) has reached a steady state." },
                @{ id = 'e1000000-0000-4000-8000-000000000001'; createdAt = $Now - 400; message = "(service $Name) registered 1 targets in (target-group $Tg)" })
        }
    }
    function New-FakeTask([string] $Id, [int] $HostPort, [string] $Health = 'HEALTHY', [string] $Status = 'RUNNING', [string] $StopCode, [string] $Reason) {
        $task = @{
            taskArn = "arn:aws:ecs:us-east-1:$($Account):task/prod/$Id"; clusterArn = "arn:aws:ecs:us-east-1:$($Account):cluster/prod"
            taskDefinitionArn = "arn:aws:ecs:us-east-1:$($Account):task-definition/web:8"; lastStatus = $Status; desiredStatus = $Status
            startedBy = 'ecs-svc/8421036510391729447'; group = 'service:web'; launchType = 'EC2'; healthStatus = $Health
            containerInstanceArn = $Ci
            containers = @(@{ name = 'web'; lastStatus = $Status; networkBindings = @(@{ bindIP = '0.0.0.0'; containerPort = 8080; hostPort = $HostPort; protocol = 'tcp' }) })
        }
        if ($Status -eq 'STOPPED') { $task.stopCode = $StopCode; $task.stoppedReason = $Reason; $task.stoppedAt = $Now - 900 }
        $task
    }
    function New-ScriptedFake([object[]] $Tasks, [string] $Health, [switch] $ForStatus) {
        $fake = [EcsPS.TestFakes.ScriptedAwsServer]::new('targets')
        $null = $fake.Always('DescribeServices', [EcsPS.TestFakes.ScriptedResponse]::Json((ConvertTo-Body @{ services = @(New-FakeService); failures = @() })))
        # Handlers run on the server's thread, where no runspace is: the answers are made here.
        $running = [EcsPS.TestFakes.ScriptedResponse]::Json((ConvertTo-Body @{ taskArns = @($Tasks | Where-Object lastStatus -ne 'STOPPED' | ForEach-Object taskArn) }))
        if ($ForStatus) {
            # Get-EcsServiceStatusX lists the RUNNING tasks first, then the STOPPED ones.
            $stopped = [EcsPS.TestFakes.ScriptedResponse]::Json((ConvertTo-Body @{ taskArns = @($Tasks | Where-Object lastStatus -eq 'STOPPED' | ForEach-Object taskArn) }))
            $null = $fake.Enqueue('ListTasks', [EcsPS.TestFakes.ScriptedResponse[]]@($running, $stopped))
        } else {
            $null = $fake.Always('ListTasks', $running)
        }
        $null = $fake.Always('DescribeTasks', [EcsPS.TestFakes.ScriptedResponse]::Json((ConvertTo-Body @{ tasks = @($Tasks); failures = @() })))
        $null = $fake.Always('DescribeContainerInstances', [EcsPS.TestFakes.ScriptedResponse]::Json((ConvertTo-Body @{
                        containerInstances = @(@{ containerInstanceArn = $Ci; ec2InstanceId = 'i-0abcdef1234567890'; status = 'ACTIVE' }); failures = @() })))
        $null = $fake.Always('DescribeTargetGroups', [EcsPS.TestFakes.ScriptedResponse]::QueryResult('DescribeTargetGroups',
                "<TargetGroups><member><TargetGroupArn>$Tg</TargetGroupArn><TargetGroupName>web-tg</TargetGroupName><TargetType>instance</TargetType><LoadBalancerArns><member>$Lb</member></LoadBalancerArns></member></TargetGroups>"))
        $null = $fake.Always('DescribeTargetHealth', [EcsPS.TestFakes.ScriptedResponse]::QueryResult('DescribeTargetHealth', $Health))
        $fake
    }
    function Get-TargetHealthXml([object[]] $Targets) {
        $members = foreach ($t in $Targets) {
            $reason = if ($t.Reason) { "<Reason>$($t.Reason)</Reason><Description>$($t.Description)</Description>" } else { '' }
            "<member><Target><Id>$($t.Id)</Id><Port>$($t.Port)</Port></Target><HealthCheckPort>$($t.Port)</HealthCheckPort><TargetHealth><State>$($t.State)</State>$reason</TargetHealth></member>"
        }
        "<TargetHealthDescriptions>$($members -join '')</TargetHealthDescriptions>"
    }
}

AfterAll {
    Clear-EcsTestEnvironment
}

Describe 'Get-EcsServiceTargetHealthX against moto' {
    BeforeAll {
        $cluster = New-TestName 'tgt'
        $null = New-EcsClusterX $cluster @Aws
        $web = New-EcsContainerDefinitionX -Name web -Image 'public.ecr.aws/nginx/nginx:1.27' -Port 80 -Memory 256
        $td = Register-EcsTaskDefinitionX -Family (New-TestName 'tgt') -ContainerDefinition $web -Cpu 256 -Memory 512 -NetworkMode awsvpc -RequiresCompatibility FARGATE @Aws
        $tgName = New-TestName 'tgh'
        $targetGroup = New-TestTargetGroup -Endpoint $Endpoint -Name $tgName -Network $Network -TargetType ip
        Register-MotoTargets $targetGroup @('172.31.0.10', '172.31.16.20')
        $withLb = New-TestName 'lbsvc'
        $null = New-EcsServiceX $withLb $td.FamilyRevision -Cluster $cluster -LaunchType FARGATE -DesiredCount 0 `
            -Subnet $Subnets -SecurityGroup $SecurityGroup -LoadBalancer "$($targetGroup):web:80" @Aws
        $plain = New-TestName 'nolb'
        $null = New-EcsServiceX $plain $td.FamilyRevision -Cluster $cluster -LaunchType FARGATE -DesiredCount 0 -Subnet $Subnets -SecurityGroup $SecurityGroup @Aws
        $forward = Start-RequestRecorder -ForwardTo $Endpoint
        $Via = @{ Region = 'us-east-1'; EndpointUrl = $forward.Url }
    }
    AfterAll { $forward.Dispose() }
    BeforeEach { $forward.Clear() }

    It 'writes one object per registered target with its state, port, target group and load balancer' {
        $targets = @(Get-EcsServiceTargetHealthX -Cluster $cluster -ServiceName $withLb @Via)
        $targets.Count | Should -Be 2
        $targets[0].PSObject.TypeNames[0] | Should -Be $TargetType
        ($targets.TargetId | Sort-Object) | Should -Be @('172.31.0.10', '172.31.16.20')
        $targets | ForEach-Object {
            $_.Port | Should -Be 80
            $_.State | Should -Be 'healthy'
            $_.TargetGroupName | Should -Be $tgName
            $_.LoadBalancerName | Should -Be "$tgName-lb"
            $_.TargetGroupArn | Should -Be $targetGroup
            $_.ServiceName | Should -Be $withLb
            $_.ClusterName | Should -Be $cluster
        }
        @($forward.RequestsFor('DescribeTargetHealth')).Count | Should -Be 1
        $forward.RequestsFor('DescribeTargetHealth')[0].FormValue('TargetGroupArn') | Should -Be $targetGroup
        Assert-RequestsFitModels $forward
    }

    It 'is quiet for a service without load balancers and says so on the Verbose stream' {
        $verbose = @(Get-EcsServiceTargetHealthX -Cluster $cluster -ServiceName $plain -Verbose @Via 4>&1)
        @($verbose | Where-Object { $_ -isnot [System.Management.Automation.VerboseRecord] }) | Should -BeNullOrEmpty
        ($verbose | Where-Object { $_ -is [System.Management.Automation.VerboseRecord] }).Message -join "`n" | Should -Match 'has no load balancer target groups'
        @($forward.RequestsFor('DescribeTargetHealth')).Count | Should -Be 0
    }

    It 'takes services from Get-EcsServiceX, describes them in one request and states the requests per service' {
        $output = @(Get-EcsServiceX -Cluster $cluster -ServiceName $withLb, $plain @Via | Get-EcsServiceTargetHealthX -Verbose @Via 4>&1)
        $targets = @($output | Where-Object { $_ -isnot [System.Management.Automation.VerboseRecord] })
        $targets.Count | Should -Be 2
        $lines = ($output | Where-Object { $_ -is [System.Management.Automation.VerboseRecord] }).Message -join "`n"
        $lines | Should -Match ([regex]::Escape($withLb) + ': \d+ request\(s\)')
        # One DescribeServices for Get-EcsServiceX and one for the two piped services together.
        @($forward.RequestsFor('DescribeServices')).Count | Should -Be 2
        @($forward.RequestsFor('DescribeTargetGroups')).Count | Should -Be 1
        Assert-RequestsFitModels $forward
    }

    It 'reports a service that does not exist as ServiceNotFoundException and sends no ELBv2 request' {
        $err = $null
        $out = @(Get-EcsServiceTargetHealthX -Cluster $cluster -ServiceName 'no-such-service' -ErrorVariable err -ErrorAction SilentlyContinue @Via)
        $out | Should -BeNullOrEmpty
        $err[0].FullyQualifiedErrorId | Should -BeLike 'ServiceNotFoundException*'
        $err[0].CategoryInfo.Category | Should -Be 'ObjectNotFound'
        @($forward.Requests | Where-Object Protocol -eq 'query').Count | Should -Be 0
    }

    It 'has a table view of at most 120 columns' {
        $text = Get-EcsServiceTargetHealthX -Cluster $cluster -ServiceName $withLb @Via | Format-Table | Out-String -Width 120
        $text | Should -Match 'TargetId\s+Port\s+State\s+Reason\s+TargetGroupName\s+TaskId'
        ($text -split "`n" | Measure-Object -Property Length -Maximum).Maximum | Should -BeLessOrEqual 120
    }

    It 'Get-EcsServiceStatusX counts the healthy targets of each target group and leaves Scaling empty without a scalable target' {
        $output = @(Get-EcsServiceStatusX -Cluster $cluster -ServiceName $withLb, $plain -Verbose @Via 4>&1)
        $statuses = @($output | Where-Object { $_ -isnot [System.Management.Automation.VerboseRecord] })
        $statuses.Count | Should -Be 2
        $statuses[0].PSObject.TypeNames[0] | Should -Be $StatusType
        $lb = $statuses | Where-Object ServiceName -eq $withLb
        $lb.ClusterName | Should -Be $cluster
        $lb.TaskDefinition | Should -Be $td.FamilyRevision
        $group = @($lb.Targets)
        $group.Count | Should -Be 1
        $group[0].TargetGroupName | Should -Be $tgName
        $group[0].Healthy | Should -Be 2
        $group[0].Unhealthy | Should -Be 0
        $lb.TargetHealth | Should -Be '2/2 healthy'
        $lb.Scaling | Should -BeNullOrEmpty
        @($lb.Unread) | Should -BeNullOrEmpty
        ($statuses | Where-Object ServiceName -eq $plain).Targets | Should -BeNullOrEmpty
        # One DescribeServices for both, one DescribeScalableTargets for both.
        @($forward.RequestsFor('DescribeServices')).Count | Should -Be 1
        @($forward.RequestsFor('DescribeScalableTargets')).Count | Should -Be 1
        # Cpu and Memory of both in one GetMetricData: moto has no datapoints, so the series are empty, not errors.
        @($forward.RequestsFor('GetMetricData')).Count | Should -Be 1
        @(($forward.RequestsFor('GetMetricData')[0].Body | ConvertFrom-Json).MetricDataQueries).Count | Should -Be 4
        $lb.Cpu.Metric | Should -Be 'CPUUtilization'
        $lb.Memory.Metric | Should -Be 'MemoryUtilization'
        @($lb.Cpu.Values) | Should -BeNullOrEmpty
        ($output | Where-Object { $_ -is [System.Management.Automation.VerboseRecord] }).Message -join "`n" | Should -Match ([regex]::Escape($plain) + ': \d+ request\(s\)')
        Assert-RequestsFitModels $forward
        $text = $statuses | Format-Table | Out-String -Width 120
        ($text -split "`n" | Measure-Object -Property Length -Maximum).Maximum | Should -BeLessOrEqual 120
    }
}

Describe 'Targets against the scripted fake' {
    It 'matches bridge-mode targets to their tasks by instance and host port, with unhealthy and draining reasons' {
        $health = Get-TargetHealthXml @(
            @{ Id = 'i-0abcdef1234567890'; Port = 32768; State = 'unhealthy'; Reason = 'Target.ResponseCodeMismatch'; Description = 'Health checks failed with these codes: [502]' },
            @{ Id = 'i-0abcdef1234567890'; Port = 32771; State = 'initial'; Reason = 'Elb.InitialHealthChecking'; Description = 'Initial health checks in progress.' },
            @{ Id = 'i-0abcdef1234567890'; Port = 32790; State = 'draining'; Reason = 'Target.DeregistrationInProgress'; Description = 'Target deregistration is in progress' })
        $fake = New-ScriptedFake -Tasks @((New-FakeTask 'aaaa1111bbbb2222cccc3333dddd4444' 32768), (New-FakeTask 'eeee5555ffff6666aaaa7777bbbb8888' 32771)) -Health $health
        try {
            $targets = @(Get-EcsServiceTargetHealthX -Cluster prod -ServiceName web -Region us-east-1 -EndpointUrl $fake.Url)
            $targets.Count | Should -Be 3
            $bad = $targets | Where-Object Port -eq 32768
            $bad.State | Should -Be 'unhealthy'
            $bad.Reason | Should -Be 'Target.ResponseCodeMismatch'
            $bad.Description | Should -Be 'Health checks failed with these codes: [502]'
            $bad.TaskId | Should -Be 'aaaa1111bbbb2222cccc3333dddd4444'
            $bad.LoadBalancerName | Should -Be 'prod-alb'
            ($targets | Where-Object Port -eq 32771).TaskId | Should -Be 'eeee5555ffff6666aaaa7777bbbb8888'
            $draining = $targets | Where-Object Port -eq 32790
            $draining.State | Should -Be 'draining'
            $draining.TaskId | Should -BeNullOrEmpty
            @($targets | Where-Object State -ne healthy).Count | Should -Be 3
            @($fake.RequestsFor('DescribeContainerInstances')).Count | Should -Be 1
            $fake.Unscripted | Should -BeNullOrEmpty
            Assert-RequestsFitModels $fake
        } finally { $fake.Dispose() }
    }

    It 'Wait-EcsServiceX -Condition TargetsHealthy returns the service when every task of the primary deployment is healthy' {
        $health = Get-TargetHealthXml @(
            @{ Id = 'i-0abcdef1234567890'; Port = 32768; State = 'healthy' },
            @{ Id = 'i-0abcdef1234567890'; Port = 32771; State = 'healthy' })
        $fake = New-ScriptedFake -Tasks @((New-FakeTask 'aaaa1111bbbb2222cccc3333dddd4444' 32768), (New-FakeTask 'eeee5555ffff6666aaaa7777bbbb8888' 32771)) -Health $health
        try {
            $service = Wait-EcsServiceX -Cluster prod -ServiceName web -Condition TargetsHealthy -Region us-east-1 -EndpointUrl $fake.Url
            $service.ServiceName | Should -Be 'web'
            @($fake.RequestsFor('DescribeTargetHealth')).Count | Should -Be 1
            Assert-RequestsFitModels $fake
        } finally { $fake.Dispose() }
    }

    It 'Wait-EcsServiceX -Condition TargetsHealthy fails at once for a service without load balancers' {
        $fake = [EcsPS.TestFakes.ScriptedAwsServer]::new('targets')
        $svc = New-FakeService
        $svc.loadBalancers = @()
        $null = $fake.Always('DescribeServices', [EcsPS.TestFakes.ScriptedResponse]::Json((ConvertTo-Body @{ services = @($svc); failures = @() })))
        $null = $fake.Always('ListTasks', [EcsPS.TestFakes.ScriptedResponse]::Json('{"taskArns":[]}'))
        try {
            $err = $null
            $out = Wait-EcsServiceX -Cluster prod -ServiceName web -Condition TargetsHealthy -Region us-east-1 -EndpointUrl $fake.Url -ErrorVariable err -ErrorAction SilentlyContinue
            $out | Should -BeNullOrEmpty
            $err[0].FullyQualifiedErrorId | Should -BeLike 'ServiceWaitFailed*'
            $err[0].Exception.Message | Should -Match 'no load balancer target groups'
            @($fake.RequestsFor('DescribeTargetHealth')).Count | Should -Be 0
        } finally { $fake.Dispose() }
    }

    It 'Get-EcsServiceStatusX fills task health, stopped tasks and scaling activities, and names target health it could not read' {
        $tasks = @(
            (New-FakeTask 'aaaa1111bbbb2222cccc3333dddd4444' 32768 -Health HEALTHY),
            (New-FakeTask 'eeee5555ffff6666aaaa7777bbbb8888' 32771 -Health UNHEALTHY),
            (New-FakeTask '99998888777766665555444433332222' 32775 -Status STOPPED -StopCode 'TaskFailedToStart' -Reason 'Task failed ELB health checks in (target-group web-tg)'))
        $fake = New-ScriptedFake -Tasks $tasks -Health (Get-TargetHealthXml @()) -ForStatus
        $null = $fake.Always('DescribeTargetHealth', [EcsPS.TestFakes.ScriptedResponse]::XmlError('AccessDenied', 'User: arn:aws:iam::123456789012:user/ops is not authorized to perform: elasticloadbalancing:DescribeTargetHealth', 403))
        $null = $fake.Always('DescribeScalableTargets', [EcsPS.TestFakes.ScriptedResponse]::Json((ConvertTo-Body @{ ScalableTargets = @(@{
                            ServiceNamespace = 'ecs'; ResourceId = 'service/prod/web'; ScalableDimension = 'ecs:service:DesiredCount'; MinCapacity = 2; MaxCapacity = 10
                            RoleARN = "arn:aws:iam::$($Account):role/aws-service-role/ecs.application-autoscaling.amazonaws.com/AWSServiceRoleForApplicationAutoScaling_ECSService"
                            CreationTime = $Now - 86400 }) })))
        $null = $fake.Always('DescribeScalingActivities', [EcsPS.TestFakes.ScriptedResponse]::Json((ConvertTo-Body @{ ScalingActivities = @(
                        @{ ActivityId = '2c1a4f1e-0000-4000-8000-000000000002'; ServiceNamespace = 'ecs'; ResourceId = 'service/prod/web'; ScalableDimension = 'ecs:service:DesiredCount'
                            Description = 'Setting desired count to 4.'; Cause = 'monitor alarm TargetTracking-service/prod/web-AlarmHigh in state ALARM triggered policy cpu75'
                            StartTime = $Now - 120; EndTime = $Now - 60; StatusCode = 'Successful' },
                        @{ ActivityId = '2c1a4f1e-0000-4000-8000-000000000001'; ServiceNamespace = 'ecs'; ResourceId = 'service/prod/web'; ScalableDimension = 'ecs:service:DesiredCount'
                            Description = 'Setting desired count to 2.'; Cause = 'scheduled action name nightly'; StartTime = $Now - 7200; StatusCode = 'Successful' }) })))
        # CloudWatch's answer for the last hour: CPU rising over three 5-minute periods, memory flat, a gap between.
        $period = 300
        $aligned = [long]([math]::Floor($Now / $period) * $period)
        $null = $fake.Always('GetMetricData', [EcsPS.TestFakes.ScriptedResponse]::Json((ConvertTo-Body @{ MetricDataResults = @(
                        @{ Id = 'm0'; Label = 'CPUUtilization'; StatusCode = 'Complete'; Timestamps = @(($aligned - 3 * $period), ($aligned - 2 * $period), ($aligned - $period)); Values = @(20.0, 50.0, 80.0) },
                        @{ Id = 'm1'; Label = 'MemoryUtilization'; StatusCode = 'Complete'; Timestamps = @(($aligned - 5 * $period), ($aligned - $period)); Values = @(40.0, 40.0) }) })))
        try {
            $warnings = $null
            $status = Get-EcsServiceStatusX -Cluster prod -ServiceName web -Region us-east-1 -EndpointUrl $fake.Url -WarningVariable warnings -WarningAction SilentlyContinue
            $status.Cpu.Latest | Should -Be 80
            $status.Cpu.Maximum | Should -Be 80
            "$($status.Cpu)" | Should -BeLike '80% *▁▅█*'
            $status.Cpu.Sparkline.TrimEnd() | Should -Match '▁▅█$'
            $status.Memory.Sparkline | Should -Match '▄ +▄'
            $metrics = $fake.RequestsFor('GetMetricData')[0].Body | ConvertFrom-Json
            @($metrics.MetricDataQueries.MetricStat.Metric.MetricName) | Should -Be @('CPUUtilization', 'MemoryUtilization')
            $metrics.MetricDataQueries[0].MetricStat.Period | Should -Be 300
            @($metrics.MetricDataQueries[0].MetricStat.Metric.Dimensions.Name) | Should -Be @('ClusterName', 'ServiceName')
            $status.RolloutState | Should -Be 'COMPLETED'
            $status.TaskDefinition | Should -Be 'web:8'
            $status.HealthyTasks | Should -Be 1
            $status.UnhealthyTasks | Should -Be 1
            $status.UnknownHealthTasks | Should -Be 0
            $stopped = @($status.StoppedTasks)
            $stopped.Count | Should -Be 1
            $stopped[0].StopCode | Should -Be 'TaskFailedToStart'
            $stopped[0].StoppedReason | Should -Match 'ELB health checks'
            $status.Scaling | Should -Not -BeNullOrEmpty -Because "Unread: $(@($status.Unread) -join "; ")"
            $status.Scaling.MinCapacity | Should -Be 2
            $status.Scaling.MaxCapacity | Should -Be 10
            $status.Scaling.LastActivityStatus | Should -Be 'Successful'
            $status.Scaling.LastActivityCause | Should -Match 'policy cpu75'
            @($status.Events).Count | Should -Be 2
            $status.Targets | Should -BeNullOrEmpty
            @($status.Unread) -join ' ' | Should -Match 'target health of web-tg \(DescribeTargetHealth: AccessDenied'
            @($warnings).Count | Should -Be 1
            $warnings[0].Message | Should -Match 'Could not read target health of web-tg'
            $activities = $fake.RequestsFor('DescribeScalingActivities')[0].Body | ConvertFrom-Json
            $activities.ResourceId | Should -Be 'service/prod/web'
            $activities.MaxResults | Should -BeLessOrEqual 5
            $scalable = $fake.RequestsFor('DescribeScalableTargets')[0].Body | ConvertFrom-Json
            $scalable.ResourceIds | Should -Be @('service/prod/web')
            $scalable.ServiceNamespace | Should -Be 'ecs'
            Assert-RequestsFitModels $fake
        } finally { $fake.Dispose() }
    }
}
