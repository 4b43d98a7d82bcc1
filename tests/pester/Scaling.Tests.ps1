# Service auto scaling (Set-, Get-, Remove-EcsServiceScalingX, Add-/Remove-EcsServiceScheduledScalingX,
# Get-EcsServiceScalingActivityX), run from the published module against moto's Application Auto
# Scaling and ELBv2. moto checks that a registered service exists and keeps targets, target
# tracking policies and scheduled actions; it has no DescribeScalingActivities and never answers
# ConcurrentUpdateException, so those are played by the scripted fake. Every request the module
# sends is read at a recorder and checked against botocore's model of its service.

BeforeAll {
    Import-Module (Join-Path $PSScriptRoot 'TestHelpers.psm1') -Force
    Import-Module (Join-Path $PSScriptRoot 'ServiceHelpers.psm1') -Force
    $Endpoint = Initialize-EcsTestEnvironment
    Reset-EcsTestState -Endpoint $Endpoint
    $Network = Get-DefaultVpcNetwork -Endpoint $Endpoint

    # One Application Auto Scaling call straight to moto, to read its state without the module.
    function Invoke-MotoScaling([string] $Operation, [hashtable] $Body) {
        $date = [DateTime]::UtcNow.ToString('yyyyMMdd')
        $headers = @{
            'X-Amz-Target'  = "AnyScaleFrontendService.$Operation"
            'Authorization' = "AWS4-HMAC-SHA256 Credential=AKIAECSPSTESTDUMMY00/$date/us-east-1/application-autoscaling/aws4_request, SignedHeaders=host, Signature=0"
        }
        $response = Invoke-WebRequest -Method Post -Uri "$Endpoint/" -Headers $headers -ContentType 'application/x-amz-json-1.1' -Body ($Body | ConvertTo-Json -Depth 20 -Compress) -SkipHttpErrorCheck
        $text = if ($response.Content -is [byte[]]) { [Text.Encoding]::UTF8.GetString($response.Content) } else { [string]$response.Content }
        if ([int]$response.StatusCode -ge 400) { throw "moto answered $Operation with HTTP $([int]$response.StatusCode): $text" }
        $text | ConvertFrom-Json -Depth 50
    }
    function Get-MotoPolicies([string] $ResourceId) {
        @((Invoke-MotoScaling DescribeScalingPolicies @{ ServiceNamespace = 'ecs'; ResourceId = $ResourceId }).ScalingPolicies)
    }
    function Get-MotoTargets([string] $ResourceId) {
        @((Invoke-MotoScaling DescribeScalableTargets @{ ServiceNamespace = 'ecs'; ResourceIds = @($ResourceId) }).ScalableTargets)
    }
    # Every JSON request (Application Auto Scaling and ECS) a recorder saw, checked against botocore.
    function Assert-RequestsFitModels($Recorder) {
        foreach ($request in @($Recorder.Requests)) {
            $target = $request.Target
            if (-not $target) { continue }
            $service = if ($target -like 'AnyScaleFrontendService.*') { 'application-autoscaling' } elseif ($target -like 'AmazonEC2ContainerServiceV20141113.*') { 'ecs' } else { continue }
            @(Test-EcsRequestShape -Service $service -Operation $request.Operation -Body $request.Body) |
                Should -BeNullOrEmpty -Because "the $($request.Operation) request must fit botocore's $service model ($($request.Body))"
        }
    }
    function New-MotoService([string] $Cluster, [string] $Name, [string] $TargetGroup) {
        $body = @{
            cluster = $Cluster; serviceName = $Name; taskDefinition = $Family; desiredCount = 1; launchType = 'FARGATE'
            networkConfiguration = @{ awsvpcConfiguration = @{ subnets = @($Network.SubnetIds[0]); securityGroups = @($Network.SecurityGroupId) } }
        }
        if ($TargetGroup) { $body.loadBalancers = @(@{ targetGroupArn = $TargetGroup; containerName = 'web'; containerPort = 80 }) }
        $null = Invoke-MotoEcs -Endpoint $Endpoint -Operation CreateService -Body $body
    }

    $Cluster = New-TestName 'scale'
    $Family = New-TestName 'scalefam'
    $null = Invoke-MotoEcs -Endpoint $Endpoint -Operation CreateCluster -Body @{ clusterName = $Cluster }
    $null = Invoke-MotoEcs -Endpoint $Endpoint -Operation RegisterTaskDefinition -Body @{
        family = $Family; networkMode = 'awsvpc'; requiresCompatibilities = @('FARGATE'); cpu = '256'; memory = '512'
        containerDefinitions = @(@{ name = 'web'; image = 'public.ecr.aws/nginx/nginx:1.27'; memory = 256; portMappings = @(@{ containerPort = 80 }) })
    }
    $TargetGroup = New-TestTargetGroup -Endpoint $Endpoint -Name (New-TestName 'tgs') -Network $Network
    $Web = New-TestName 'web'
    $Plain = New-TestName 'plain'
    New-MotoService $Cluster $Web $TargetGroup
    New-MotoService $Cluster $Plain
    $WebId = "service/$Cluster/$Web"
    $PlainId = "service/$Cluster/$Plain"

    $forward = Start-RequestRecorder -ForwardTo $Endpoint
    $Via = @{ Region = 'us-east-1'; EndpointUrl = $forward.Url }
}

AfterAll {
    $forward.Dispose()
    Clear-EcsTestEnvironment
}

Describe 'Set-EcsServiceScalingX' {
    BeforeEach { $forward.Clear() }

    It 'registers the range and puts CPU and memory policies for a service piped from Get-EcsServiceX' {
        $result = Get-EcsServiceX -Cluster $Cluster -ServiceName $Web @Via |
            Set-EcsServiceScalingX -MinCapacity 2 -MaxCapacity 20 -TargetCpuPercent 60 -TargetMemoryPercent 75 -ScaleInCooldown 600 -ScaleOutCooldown 30 @Via

        $result.GetType().FullName | Should -Be 'EcsPS.Engine.ApplicationAutoScaling.ServiceScaling'
        $result.ClusterName | Should -Be $Cluster
        $result.ServiceName | Should -Be $Web
        $result.MinCapacity | Should -Be 2
        $result.MaxCapacity | Should -Be 20
        @($result.Policies.PolicyName) | Should -Be @("$Web-cpu", "$Web-memory")

        $target = Get-MotoTargets $WebId
        $target.Count | Should -Be 1
        $target[0].MinCapacity | Should -Be 2
        $target[0].MaxCapacity | Should -Be 20
        $cpu = Get-MotoPolicies $WebId | Where-Object PolicyName -eq "$Web-cpu"
        $cpu.PolicyType | Should -Be 'TargetTrackingScaling'
        $cpu.TargetTrackingScalingPolicyConfiguration.TargetValue | Should -Be 60
        $cpu.TargetTrackingScalingPolicyConfiguration.PredefinedMetricSpecification.PredefinedMetricType | Should -Be 'ECSServiceAverageCPUUtilization'
        $cpu.TargetTrackingScalingPolicyConfiguration.ScaleInCooldown | Should -Be 600
        $cpu.TargetTrackingScalingPolicyConfiguration.ScaleOutCooldown | Should -Be 30
        $memory = Get-MotoPolicies $WebId | Where-Object PolicyName -eq "$Web-memory"
        $memory.TargetTrackingScalingPolicyConfiguration.PredefinedMetricSpecification.PredefinedMetricType | Should -Be 'ECSServiceAverageMemoryUtilization'

        $register = Get-RequestBody -Recorder $forward -Operation RegisterScalableTarget
        $register.Count | Should -Be 1
        $register[0].ResourceId | Should -Be $WebId
        $register[0].ScalableDimension | Should -Be 'ecs:service:DesiredCount'
        $register[0].ServiceNamespace | Should -Be 'ecs'
        Assert-RequestsFitModels $forward
    }

    It 'derives the ALBRequestCountPerTarget label from the service''s own target group and load balancer' {
        $group = Invoke-MotoQuery -Endpoint $Endpoint -Service elasticloadbalancing -Action DescribeTargetGroups -Parameters @{ 'TargetGroupArns.member.1' = $TargetGroup }
        $lb = @($group.SelectNodes("//*[local-name()='LoadBalancerArns']/*[local-name()='member']") | ForEach-Object InnerText)[0]
        $expected = $lb.Substring($lb.IndexOf(':loadbalancer/') + ':loadbalancer/'.Length) + '/' + $TargetGroup.Substring($TargetGroup.LastIndexOf(':') + 1)
        $expected | Should -Match '^app/[^/]+/[^/]+/targetgroup/[^/]+/[^/]+$'

        $result = Set-EcsServiceScalingX -Cluster $Cluster -ServiceName $Web -MinCapacity 2 -MaxCapacity 20 -TargetRequestsPerTarget 1000 -PolicyName edge @Via

        $put = Get-RequestBody -Recorder $forward -Operation PutScalingPolicy
        $put.Count | Should -Be 1
        $put[0].PolicyName | Should -Be 'edge-requests'
        $put[0].TargetTrackingScalingPolicyConfiguration.PredefinedMetricSpecification.ResourceLabel | Should -Be $expected
        ($result.Policies | Where-Object PolicyName -eq 'edge-requests').ResourceLabel | Should -Be $expected
        @($forward.Operations) | Should -Contain 'DescribeTargetGroups'
        Assert-RequestsFitModels $forward
    }

    It 'refuses requests per target for a service without a target group, before changing anything' {
        $run = Invoke-Captured { Set-EcsServiceScalingX -Cluster $Cluster -ServiceName $Plain -MinCapacity 1 -MaxCapacity 3 -TargetRequestsPerTarget 500 @Via }
        $run.Errors.Count | Should -Be 1
        $run.Errors[0].FullyQualifiedErrorId | Should -BeLike 'ServiceHasNoTargetGroup,*'
        $run.Errors[0].Exception.Message | Should -Match '-TargetCpuPercent'
        @($forward.Operations) | Should -Not -Contain 'RegisterScalableTarget'
        @($forward.Operations) | Should -Not -Contain 'PutScalingPolicy'
        Get-MotoTargets $PlainId | Should -BeNullOrEmpty
    }

    It '-WhatIf lists the registration and each policy and sends no change' {
        $run = Get-WhatIfLine { Set-EcsServiceScalingX -Cluster $Cluster -ServiceName $Plain -MinCapacity 1 -MaxCapacity 4 -TargetCpuPercent 50 -TargetMemoryPercent 70 -WhatIf @Via }
        $run.Lines.Count | Should -Be 3
        $run.Lines[0] | Should -Match 'Register scalable target: capacity 1 to 4 tasks'
        $run.Lines[1] | Should -Match "Put target tracking policy $Plain-cpu: ECSServiceAverageCPUUtilization at 50"
        $run.Lines[2] | Should -Match "$Plain-memory"
        $run.Output | Should -BeNullOrEmpty
        @($forward.Operations | Where-Object { $_ -in 'RegisterScalableTarget', 'PutScalingPolicy' }) | Should -BeNullOrEmpty
    }

    It 'with only the range registers the target and puts no policy' {
        $result = Set-EcsServiceScalingX -Cluster $Cluster -ServiceName $Plain -MinCapacity 0 -MaxCapacity 3 @Via
        $result.MaxCapacity | Should -Be 3
        $result.Policies | Should -BeNullOrEmpty
        @($forward.Operations) | Should -Not -Contain 'PutScalingPolicy'
        (Get-MotoTargets $PlainId)[0].MaxCapacity | Should -Be 3
    }
}

Describe 'Get-EcsServiceScalingX and scheduled scaling' {
    BeforeEach { $forward.Clear() }

    It 'adds a scheduled action with a time zone and lists it with the service''s scaling' {
        $action = Add-EcsServiceScheduledScalingX -Cluster $Cluster -ServiceName $Web -Name night -Schedule 'cron(0 22 * * ? *)' -MinCapacity 1 -MaxCapacity 2 -TimeZone 'Europe/Berlin' @Via
        $action.Name | Should -Be 'night'
        $action.ServiceName | Should -Be $Web
        $put = Get-RequestBody -Recorder $forward -Operation PutScheduledAction
        $put[0].Schedule | Should -Be 'cron(0 22 * * ? *)'
        $put[0].Timezone | Should -Be 'Europe/Berlin'
        $put[0].ScalableTargetAction.MinCapacity | Should -Be 1
        Assert-RequestsFitModels $forward
    }

    It 'writes one object per scaled service, one DescribeScalableTargets for all, and passes over an unscaled one quietly' {
        $other = New-TestName 'unscaled'
        New-MotoService $Cluster $other
        $forward.Clear()
        $run = Invoke-Captured { Get-EcsServiceX -Cluster $Cluster -ServiceName $Web, $other @Via | Get-EcsServiceScalingX -Verbose @Via 4>&1 }
        $run.Errors | Should -BeNullOrEmpty
        $objects = @($run.Output | Where-Object { $_ -isnot [System.Management.Automation.VerboseRecord] })
        $verbose = @($run.Output | Where-Object { $_ -is [System.Management.Automation.VerboseRecord] } | ForEach-Object Message)
        $objects.Count | Should -Be 1
        $objects[0].ServiceName | Should -Be $Web
        $objects[0].ScheduledActions.Name | Should -Be 'night'
        $objects[0].ScheduledActions[0].Timezone | Should -Be 'Europe/Berlin'
        @($objects[0].Policies.PolicyName) | Should -Contain "$Web-cpu"
        ($objects[0].Policies | Where-Object PolicyName -eq "$Web-cpu").MetricType | Should -Be 'ECSServiceAverageCPUUtilization'
        ($verbose -join "`n") | Should -Match "$other.*not auto scaled"
        ($verbose -join "`n") | Should -Match 'in 3 Application Auto Scaling request'
        @($forward.Operations | Where-Object { $_ -eq 'DescribeScalableTargets' }).Count | Should -Be 1
        (Get-RequestBody -Recorder $forward -Operation DescribeScalableTargets)[0].ResourceIds.Count | Should -Be 2
        Assert-RequestsFitModels $forward
    }

    It 'an empty pipeline (a cluster without services) lists nothing rather than the whole Region' {
        $empty = New-TestName 'empty'
        $null = Invoke-MotoEcs -Endpoint $Endpoint -Operation CreateCluster -Body @{ clusterName = $empty }
        $forward.Clear()
        @(Get-EcsServiceX -Cluster $empty @Via | Get-EcsServiceScalingX @Via) | Should -BeNullOrEmpty
        @($forward.Operations) | Should -Not -Contain 'DescribeScalableTargets'
    }

    It 'lists every scaled service of a cluster without -ServiceName' {
        $all = @(Get-EcsServiceScalingX -Cluster $Cluster @Via)
        @($all.ServiceName | Sort-Object) | Should -Be @(@($Web, $Plain) | Sort-Object)
    }

    It 'removes a scheduled action piped from the listing' {
        (Get-EcsServiceScalingX -Cluster $Cluster -ServiceName $Web @Via).ScheduledActions | Remove-EcsServiceScheduledScalingX -Force @Via
        @((Invoke-MotoScaling DescribeScheduledActions @{ ServiceNamespace = 'ecs'; ResourceId = $WebId }).ScheduledActions) | Should -BeNullOrEmpty
        $delete = Get-RequestBody -Recorder $forward -Operation DeleteScheduledAction
        $delete.Count | Should -Be 1
        $delete[0].ScheduledActionName | Should -Be 'night'
        $delete[0].ResourceId | Should -Be $WebId
        Assert-RequestsFitModels $forward
    }
}

Describe 'Remove-EcsServiceScalingX' {
    BeforeEach { $forward.Clear() }

    It '-WhatIf lists each policy, scheduled action and the target, and deletes nothing' {
        $null = Add-EcsServiceScheduledScalingX -Cluster $Cluster -ServiceName $Web -Name weekend -Schedule 'rate(1 day)' -MaxCapacity 5 @Via
        $forward.Clear()
        $run = Get-WhatIfLine { Remove-EcsServiceScalingX -Cluster $Cluster -ServiceName $Web -WhatIf @Via }
        $policies = @(Get-MotoPolicies $WebId).Count
        $run.Lines.Count | Should -Be ($policies + 2)
        ($run.Lines -join "`n") | Should -Match "Delete scaling policy $Web-cpu"
        ($run.Lines -join "`n") | Should -Match 'Delete scheduled action weekend'
        $run.Lines[-1] | Should -Match 'Deregister scalable target \(capacity 2 to 20\)'
        @($forward.Operations | Where-Object { $_ -like 'Delete*' -or $_ -like 'Deregister*' }) | Should -BeNullOrEmpty
        Get-MotoTargets $WebId | Should -Not -BeNullOrEmpty
    }

    It '-Force deletes the policies and scheduled actions and deregisters the target' {
        Get-EcsServiceX -Cluster $Cluster -ServiceName $Web @Via | Remove-EcsServiceScalingX -Force @Via
        Get-MotoTargets $WebId | Should -BeNullOrEmpty
        Get-MotoPolicies $WebId | Should -BeNullOrEmpty
        @($forward.Operations | Where-Object { $_ -eq 'DeleteScalingPolicy' }).Count | Should -BeGreaterThan 0
        @($forward.Operations) | Should -Contain 'DeleteScheduledAction'
        @($forward.Operations)[-1] | Should -Be 'DeregisterScalableTarget'
        Assert-RequestsFitModels $forward
    }

    It 'reports a service that is not auto scaled as ServiceScalingNotFoundException' {
        $run = Invoke-Captured { Remove-EcsServiceScalingX -Cluster $Cluster -ServiceName $Web -Force @Via }
        $run.Errors.Count | Should -Be 1
        $run.Errors[0].FullyQualifiedErrorId | Should -BeLike 'ServiceScalingNotFoundException,*'
        $run.Errors[0].CategoryInfo.Category | Should -Be 'ObjectNotFound'
        $run.Errors[0].TargetObject | Should -Be $Web
    }
}

Describe 'Scaling against the scripted fake' {
    BeforeAll {
        $fake = [EcsPS.TestFakes.ScriptedAwsServer]::new('scaling')
        $At = @{ Region = 'us-east-1'; EndpointUrl = $fake.Url }
        function Json($Value) { [EcsPS.TestFakes.ScriptedResponse]::Json(($Value | ConvertTo-Json -Depth 20 -Compress)) }
        function Activity([string] $Id, [datetime] $Start, [string] $Status, [string] $Cause) {
            @{
                ActivityId = $Id; ServiceNamespace = 'ecs'; ResourceId = 'service/prod/web'; ScalableDimension = 'ecs:service:DesiredCount'
                Description = "Setting desired count to $($Id.Length)."; Cause = $Cause; StatusCode = $Status
                StartTime = [DateTimeOffset]::new($Start.ToUniversalTime()).ToUnixTimeSeconds(); EndTime = [DateTimeOffset]::new($Start.ToUniversalTime().AddMinutes(1)).ToUnixTimeSeconds()
            }
        }
    }
    AfterAll { $fake.Dispose() }
    BeforeEach { $fake.Reset() }

    It 'writes activities newest first across pages and stops at the first one older than -Since' {
        $now = [DateTime]::UtcNow
        $null = $fake.Enqueue('DescribeScalingActivities',
            (Json @{ ScalingActivities = @((Activity 'a1' $now.AddMinutes(-5) 'Successful' 'monitor alarm TargetTracking-web-AlarmHigh in state ALARM triggered policy web-cpu'),
                        (Activity 'a2' $now.AddMinutes(-50) 'Failed' 'scheduled action night')); NextToken = 'page2' }),
            (Json @{ ScalingActivities = @((Activity 'a3' $now.AddHours(-3) 'Successful' 'old'), (Activity 'a4' $now.AddHours(-4) 'Successful' 'older')) }))

        $activities = @(Get-EcsServiceScalingActivityX -Cluster prod -ServiceName web -Since '2h' @At)

        @($activities.ActivityId) | Should -Be @('a1', 'a2')
        $activities[0].GetType().FullName | Should -Be 'EcsPS.Engine.ApplicationAutoScaling.ServiceScalingActivity'
        $activities[0].Cause | Should -Match 'triggered policy web-cpu'
        $activities[1].StatusCode | Should -Be 'Failed'
        $activities[0].ServiceName | Should -Be 'web'
        $requests = @($fake.RequestsFor('DescribeScalingActivities'))
        $requests.Count | Should -Be 2
        ($requests[1].Body | ConvertFrom-Json).NextToken | Should -Be 'page2'
        ($requests[0].Body | ConvertFrom-Json).ResourceId | Should -Be 'service/prod/web'
        foreach ($r in $requests) { @(Test-EcsRequestShape -Service application-autoscaling -Operation DescribeScalingActivities -Body $r.Body) | Should -BeNullOrEmpty }
    }

    It '-MaxRecords stops after that many and asks for no more than it needs' {
        $now = [DateTime]::UtcNow
        $null = $fake.Enqueue('DescribeScalingActivities',
            (Json @{ ScalingActivities = @((Activity 'b1' $now 'Successful' 'x'), (Activity 'b2' $now.AddMinutes(-1) 'Successful' 'y')); NextToken = 'more' }))
        $activities = @(Get-EcsServiceScalingActivityX -Cluster prod -ServiceName web -MaxRecords 2 @At)
        $activities.Count | Should -Be 2
        @($fake.RequestsFor('DescribeScalingActivities')).Count | Should -Be 1
        ($fake.RequestsFor('DescribeScalingActivities')[0].Body | ConvertFrom-Json).MaxResults | Should -Be 2
    }

    # moto accepts both of these; Application Auto Scaling answers ObjectNotFoundException.
    It 'a scheduled action for a service that is not registered gets advice to register it first' {
        $null = $fake.Enqueue('PutScheduledAction', [EcsPS.TestFakes.ScriptedResponse]::Error('ObjectNotFoundException', 'No scalable target registered for service namespace: ecs, resource ID: service/prod/web, scalable dimension: ecs:service:DesiredCount'))
        $run = Invoke-Captured { Add-EcsServiceScheduledScalingX -Cluster prod -ServiceName web -Name early -Schedule 'cron(0 6 * * ? *)' -MinCapacity 1 @At }
        $run.Errors.Count | Should -Be 1
        $run.Errors[0].FullyQualifiedErrorId | Should -BeLike 'ObjectNotFoundException,*'
        $run.Errors[0].ErrorDetails.RecommendedAction | Should -Match 'Set-EcsServiceScalingX -MinCapacity'
        @($fake.Operations) | Should -Be @('PutScheduledAction')
        @(Test-EcsRequestShape -Service application-autoscaling -Operation PutScheduledAction -Body $fake.Requests[0].Body) | Should -BeNullOrEmpty
    }

    It 'a scheduled action name the service does not have is ScheduledActionNotFoundException' {
        $null = $fake.Enqueue('DeleteScheduledAction', [EcsPS.TestFakes.ScriptedResponse]::Error('ObjectNotFoundException', 'No scheduled action found for service namespace: ecs, resource ID: service/prod/web, scheduled action name: night'))
        $run = Invoke-Captured { Remove-EcsServiceScheduledScalingX -Cluster prod -ServiceName web -Name night -Force @At }
        $run.Errors.Count | Should -Be 1
        $run.Errors[0].FullyQualifiedErrorId | Should -BeLike 'ScheduledActionNotFoundException,*'
        $run.Errors[0].CategoryInfo.Category | Should -Be 'ObjectNotFound'
        $run.Errors[0].TargetObject | Should -Be 'night'
        $run.Errors[0].Exception.Message | Should -Match 'Get-EcsServiceScalingX lists'
    }

    It 'a ConcurrentUpdateException is the error code with advice to run again' {
        $null = $fake.Enqueue('RegisterScalableTarget', (Json @{ ScalableTargetARN = 'arn:aws:application-autoscaling:us-east-1:123456789012:scalable-target/0ec1' }))
        $null = $fake.Enqueue('PutScalingPolicy', [EcsPS.TestFakes.ScriptedResponse]::Error('ConcurrentUpdateException', 'There is already a pending update to an Auto Scaling resource.'))
        $run = Invoke-Captured { Set-EcsServiceScalingX -Cluster prod -ServiceName web -MinCapacity 1 -MaxCapacity 4 -TargetCpuPercent 50 @At }
        $run.Errors.Count | Should -Be 1
        $run.Errors[0].FullyQualifiedErrorId | Should -BeLike 'ConcurrentUpdateException,*'
        ($run.Errors[0].ErrorDetails.RecommendedAction + ' ' + $run.Errors[0].Exception.Message + ' ' + $run.Errors[0].ErrorDetails.Message) | Should -Match 'Run the command again'
        @($fake.RequestsFor('PutScalingPolicy')).Count | Should -Be 1
        foreach ($r in @($fake.Requests)) { @(Test-EcsRequestShape -Service application-autoscaling -Operation $r.Operation -Body $r.Body) | Should -BeNullOrEmpty }
    }
}
