# The service cmdlets, run from the published module against moto_server on 127.0.0.1.
# Only behaviour that real ECS also has is asserted (see shared/notes/moto.md). moto stores less
# than ECS does on CreateService (no capacity provider strategy, placement, deployment
# configuration, ECS Exec or client token), so for those the request is checked at a loopback
# recorder that forwards to moto, against botocore's ECS service model; what must not reach the
# service at all is checked at a recorder that forwards nothing. moto's state is read and prepared
# (the default VPC's network, target groups behind a load balancer) with plain HTTP calls that do
# not go through the module under test.

BeforeAll {
    Import-Module (Join-Path $PSScriptRoot 'TestHelpers.psm1') -Force
    Import-Module (Join-Path $PSScriptRoot 'ServiceHelpers.psm1') -Force
    $Endpoint = Initialize-EcsTestEnvironment
    $Aws = @{ Region = 'us-east-1'; EndpointUrl = $Endpoint }
    $ServiceType = 'EcsPS.Engine.Ecs.Model.Service'
    Reset-EcsTestState -Endpoint $Endpoint
    # moto checks that subnets and security groups exist in its EC2, as ECS does.
    $Network = Get-DefaultVpcNetwork -Endpoint $Endpoint
    $Subnets = [string[]]@($Network.SubnetIds | Select-Object -First 2)
    $SecurityGroup = $Network.SecurityGroupId

    function New-FargateTaskDefinition([string] $Family) {
        $web = New-EcsContainerDefinitionX -Name web -Image 'public.ecr.aws/nginx/nginx:1.27' -Port 80 -Memory 256
        $sidecar = New-EcsContainerDefinitionX -Name log-router -Image 'public.ecr.aws/aws-observability/aws-for-fluent-bit:2.32.0' -Memory 128 -Essential $false
        Register-EcsTaskDefinitionX -Family $Family -ContainerDefinition $web, $sidecar -Cpu 256 -Memory 512 -NetworkMode awsvpc `
            -RequiresCompatibility FARGATE @Aws
    }
    function New-Ec2TaskDefinition([string] $Family) {
        $web = New-EcsContainerDefinitionX -Name web -Image 'public.ecr.aws/nginx/nginx:1.27' -PortMapping @{ ContainerPort = 80; HostPort = 0 } -Memory 256
        Register-EcsTaskDefinitionX -Family $Family -ContainerDefinition $web -NetworkMode bridge -RequiresCompatibility EC2 @Aws
    }
    function Get-TagTable($Service) {
        $table = @{}
        foreach ($tag in @($Service.Tags)) { if ($tag) { $table[$tag.Key] = $tag.Value } }
        $table
    }
    # A service as moto holds it, read past the module under test; $null when DescribeServices reports it MISSING.
    function Get-MotoService([string] $Cluster, [string] $Name) {
        $answer = Invoke-MotoEcs -Endpoint $Endpoint -Operation DescribeServices -Body @{ cluster = $Cluster; services = @($Name); include = @('TAGS') }
        @($answer.services) | Where-Object { $_ } | Select-Object -First 1
    }
    function Get-MotoRevisionArns([string] $Family) {
        @((Invoke-MotoEcs -Endpoint $Endpoint -Operation ListTaskDefinitions -Body @{ familyPrefix = $Family }).taskDefinitionArns |
                Where-Object { $_ -match ":task-definition/$([regex]::Escape($Family)):\d+$" })
    }
    function Assert-FitsEcsModel($Recorder, [string] $Operation) {
        $requests = @($Recorder.Requests | Where-Object Operation -eq $Operation)
        $requests.Count | Should -BeGreaterThan 0 -Because "a $Operation request was expected"
        foreach ($request in $requests) {
            $problems = @(Test-EcsRequestShape -Operation $Operation -Body $request.Body)
            $problems | Should -BeNullOrEmpty -Because "the $Operation request must fit the ECS service model ($($request.Body))"
        }
    }
}

AfterAll {
    Clear-EcsTestEnvironment
}

Describe 'New-EcsServiceX' {
    BeforeAll {
        $cluster = New-TestName 'svc-new'
        $null = New-EcsClusterX $cluster -CapacityProvider FARGATE, FARGATE_SPOT @Aws
        $fargate = New-FargateTaskDefinition (New-TestName 'fg')
        $ec2 = New-Ec2TaskDefinition (New-TestName 'ec2')
        $forward = Start-RequestRecorder -ForwardTo $Endpoint
        $Via = @{ Region = 'us-east-1'; EndpointUrl = $forward.Url }
    }
    AfterAll { $forward.Dispose() }
    BeforeEach { $forward.Clear() }

    It 'creates a Fargate service in the default VPC''s subnets with a security group' {
        $name = New-TestName 'fargate'
        $service = New-EcsServiceX $name $fargate.FamilyRevision -Cluster $cluster -LaunchType FARGATE -DesiredCount 0 `
            -Subnet $Subnets -SecurityGroup $SecurityGroup @Via

        @($service).Count | Should -Be 1
        $service.PSObject.TypeNames[0] | Should -Be $ServiceType
        $service.ServiceName | Should -Be $name
        $service.ClusterName | Should -Be $cluster
        $service.ServiceArn | Should -Match "^arn:aws:ecs:us-east-1:\d{12}:service/($cluster/)?$name$"
        $service.Status | Should -Be 'ACTIVE'
        $service.LaunchType | Should -Be 'FARGATE'
        $service.DesiredCount | Should -Be 0
        $service.TaskDefinitionName | Should -Be $fargate.FamilyRevision
        @($service.NetworkConfiguration.AwsvpcConfiguration.Subnets) | Should -Be $Subnets
        @($service.NetworkConfiguration.AwsvpcConfiguration.SecurityGroups) | Should -Be @($SecurityGroup)

        $forward.Operations | Should -Be @('CreateService')
        $body = (Get-RequestBody $forward 'CreateService')[0]
        $body.serviceName | Should -Be $name
        $body.cluster | Should -Be $cluster
        $body.taskDefinition | Should -Be $fargate.FamilyRevision
        $body.launchType | Should -Be 'FARGATE'
        $body.desiredCount | Should -Be 0
        @($body.networkConfiguration.awsvpcConfiguration.subnets) | Should -Be $Subnets
        @($body.networkConfiguration.awsvpcConfiguration.securityGroups) | Should -Be @($SecurityGroup)
        Assert-FitsEcsModel $forward 'CreateService'

        $stored = Get-MotoService $cluster $name
        $stored.status | Should -Be 'ACTIVE'
        $stored.launchType | Should -Be 'FARGATE'
        $stored.taskDefinition | Should -Be $fargate.TaskDefinitionArn
    }

    It 'sends -AssignPublicIp as ENABLED' {
        $name = New-TestName 'publicip'
        $null = New-EcsServiceX $name $fargate.FamilyRevision -Cluster $cluster -LaunchType FARGATE -DesiredCount 0 `
            -Subnet $Subnets[0] -SecurityGroup $SecurityGroup -AssignPublicIp @Via
        (Get-RequestBody $forward 'CreateService')[0].networkConfiguration.awsvpcConfiguration.assignPublicIp | Should -BeExactly 'ENABLED'
        Assert-FitsEcsModel $forward 'CreateService'
    }

    It 'creates an EC2 service for a bridge-mode task definition, with placement shorthands' {
        $name = New-TestName 'ec2'
        $service = New-EcsServiceX $name $ec2.FamilyRevision -Cluster $cluster -LaunchType EC2 -DesiredCount 0 `
            -PlacementStrategy 'spread:attribute:ecs.availability-zone', 'binpack:memory' `
            -PlacementConstraint 'distinctInstance', 'memberOf:attribute:ecs.instance-type =~ t3.*' @Via

        $service.ServiceName | Should -Be $name
        $service.LaunchType | Should -Be 'EC2'
        $service.TaskDefinitionName | Should -Be $ec2.FamilyRevision

        $body = (Get-RequestBody $forward 'CreateService')[0]
        $body.launchType | Should -Be 'EC2'
        $body.PSObject.Properties.Name | Should -Not -Contain 'networkConfiguration'
        $body.placementStrategy.Count | Should -Be 2
        $body.placementStrategy[0].type | Should -BeExactly 'spread'
        $body.placementStrategy[0].field | Should -BeExactly 'attribute:ecs.availability-zone'
        $body.placementStrategy[1].type | Should -BeExactly 'binpack'
        $body.placementStrategy[1].field | Should -BeExactly 'memory'
        $body.placementConstraints.Count | Should -Be 2
        $body.placementConstraints[0].type | Should -BeExactly 'distinctInstance'
        $body.placementConstraints[0].PSObject.Properties.Name | Should -Not -Contain 'expression'
        $body.placementConstraints[1].type | Should -BeExactly 'memberOf'
        $body.placementConstraints[1].expression | Should -BeExactly 'attribute:ecs.instance-type =~ t3.*'
        Assert-FitsEcsModel $forward 'CreateService'
    }

    It 'writes the placement strategy ''random'' and hashtable strategies through' {
        $name = New-TestName 'random'
        $null = New-EcsServiceX $name $ec2.FamilyRevision -Cluster $cluster -LaunchType EC2 -DesiredCount 0 `
            -PlacementStrategy 'random', @{ Type = 'spread'; Field = 'instanceId' } @Via
        $body = (Get-RequestBody $forward 'CreateService')[0]
        $body.placementStrategy[0].type | Should -BeExactly 'random'
        $body.placementStrategy[1].type | Should -BeExactly 'spread'
        $body.placementStrategy[1].field | Should -BeExactly 'instanceId'
        Assert-FitsEcsModel $forward 'CreateService'
    }

    It 'puts a Fargate service behind a target group written as targetGroupArn:container:port' {
        $targetGroup = New-TestTargetGroup -Endpoint $Endpoint -Name (New-TestName 'tgip') -Network $Network -TargetType ip
        $name = New-TestName 'lb'
        $service = New-EcsServiceX $name $fargate.FamilyRevision -Cluster $cluster -LaunchType FARGATE -DesiredCount 0 `
            -Subnet $Subnets -SecurityGroup $SecurityGroup -LoadBalancer "$($targetGroup):web:80" -HealthCheckGracePeriod 60 @Via

        $lb = @($service.LoadBalancers)
        $lb.Count | Should -Be 1
        $lb[0].TargetGroupArn | Should -Be $targetGroup
        $lb[0].ContainerName | Should -Be 'web'
        $lb[0].ContainerPort | Should -Be 80

        $body = (Get-RequestBody $forward 'CreateService')[0]
        $body.loadBalancers.Count | Should -Be 1
        $body.loadBalancers[0].targetGroupArn | Should -Be $targetGroup
        $body.loadBalancers[0].containerName | Should -Be 'web'
        $body.loadBalancers[0].containerPort | Should -Be 80
        $body.healthCheckGracePeriodSeconds | Should -Be 60
        Assert-FitsEcsModel $forward 'CreateService'

        $stored = Get-MotoService $cluster $name
        $stored.loadBalancers[0].targetGroupArn | Should -Be $targetGroup
    }

    It 'puts an EC2 bridge service behind a target group given as a hashtable' {
        $targetGroup = New-TestTargetGroup -Endpoint $Endpoint -Name (New-TestName 'tginst') -Network $Network -TargetType instance
        $name = New-TestName 'lbh'
        $service = New-EcsServiceX $name $ec2.FamilyRevision -Cluster $cluster -LaunchType EC2 -DesiredCount 0 `
            -LoadBalancer @{ TargetGroupArn = $targetGroup; ContainerName = 'web'; ContainerPort = 80 } @Via

        $lb = @($service.LoadBalancers)
        $lb.Count | Should -Be 1
        $lb[0].TargetGroupArn | Should -Be $targetGroup
        $lb[0].ContainerName | Should -Be 'web'
        $lb[0].ContainerPort | Should -Be 80
        $body = (Get-RequestBody $forward 'CreateService')[0]
        $body.loadBalancers[0].targetGroupArn | Should -Be $targetGroup
        $body.loadBalancers[0].containerPort | Should -Be 80
        Assert-FitsEcsModel $forward 'CreateService'
    }

    It 'runs on capacity providers with -CapacityProviderStrategy, sending no launch type' {
        $name = New-TestName 'cps'
        $service = New-EcsServiceX $name $fargate.FamilyRevision -Cluster $cluster -DesiredCount 0 -Subnet $Subnets -SecurityGroup $SecurityGroup `
            -CapacityProviderStrategy 'FARGATE:1:1', @{ CapacityProvider = 'FARGATE_SPOT'; Weight = 3 } @Via

        $service.ServiceName | Should -Be $name
        $body = (Get-RequestBody $forward 'CreateService')[0]
        # ECS refuses a request with both a launch type and a capacity provider strategy.
        $body.PSObject.Properties.Name | Should -Not -Contain 'launchType'
        $body.capacityProviderStrategy.Count | Should -Be 2
        $body.capacityProviderStrategy[0].capacityProvider | Should -BeExactly 'FARGATE'
        $body.capacityProviderStrategy[0].weight | Should -Be 1
        $body.capacityProviderStrategy[0].base | Should -Be 1
        $body.capacityProviderStrategy[1].capacityProvider | Should -BeExactly 'FARGATE_SPOT'
        $body.capacityProviderStrategy[1].weight | Should -Be 3
        [int]$body.capacityProviderStrategy[1].base | Should -Be 0
        Assert-FitsEcsModel $forward 'CreateService'
    }

    It 'tags the service with -Tag and -PropagateTags; Get -Include TAGS reads the tags back' {
        $name = New-TestName 'tags'
        $service = New-EcsServiceX $name $ec2.FamilyRevision -Cluster $cluster -LaunchType EC2 -DesiredCount 0 `
            -Tag @{ team = 'web'; 'cost-center' = 42 } -PropagateTags SERVICE @Via

        $service.PropagateTags | Should -Be 'SERVICE'
        $body = (Get-RequestBody $forward 'CreateService')[0]
        $body.propagateTags | Should -BeExactly 'SERVICE'
        @($body.tags).Count | Should -Be 2
        Assert-FitsEcsModel $forward 'CreateService'

        $tags = Get-TagTable (Get-EcsServiceX $name -Cluster $cluster -Include TAGS @Aws)
        $tags.Count | Should -Be 2
        $tags['team'] | Should -Be 'web'
        $tags['cost-center'] | Should -Be '42'
        (Get-MotoService $cluster $name).propagateTags | Should -Be 'SERVICE'
    }

    It 'turns on ECS Exec with -EnableExecuteCommand and leaves it unsent without it' {
        $on = New-TestName 'exec'
        $off = New-TestName 'noexec'
        $null = New-EcsServiceX $on $ec2.FamilyRevision -Cluster $cluster -LaunchType EC2 -DesiredCount 0 -EnableExecuteCommand @Via
        $null = New-EcsServiceX $off $ec2.FamilyRevision -Cluster $cluster -LaunchType EC2 -DesiredCount 0 @Via

        $bodies = Get-RequestBody $forward 'CreateService'
        $bodies[0].enableExecuteCommand | Should -BeTrue
        $bodies[1].PSObject.Properties.Name | Should -Not -Contain 'enableExecuteCommand'
        Assert-FitsEcsModel $forward 'CreateService'
    }

    It 'sends -CircuitBreaker <Setting> as deploymentCircuitBreaker enable=<Enable> rollback=<Rollback>' -ForEach @(
        @{ Setting = 'Rollback'; Enable = $true; Rollback = $true }
        @{ Setting = 'NoRollback'; Enable = $true; Rollback = $false }
        @{ Setting = 'Disabled'; Enable = $false; Rollback = $false }
    ) {
        $name = New-TestName 'cb'
        $null = New-EcsServiceX $name $ec2.FamilyRevision -Cluster $cluster -LaunchType EC2 -DesiredCount 0 -CircuitBreaker $Setting `
            -MinimumHealthyPercent 50 -MaximumPercent 200 @Via
        $config = (Get-RequestBody $forward 'CreateService')[0].deploymentConfiguration
        $config.deploymentCircuitBreaker.enable | Should -Be $Enable
        $config.deploymentCircuitBreaker.rollback | Should -Be $Rollback
        $config.minimumHealthyPercent | Should -Be 50
        $config.maximumPercent | Should -Be 200
        Assert-FitsEcsModel $forward 'CreateService'
    }

    It 'creates a DAEMON service without a desired count' {
        $name = New-TestName 'daemon'
        $service = New-EcsServiceX $name $ec2.FamilyRevision -Cluster $cluster -LaunchType EC2 -SchedulingStrategy DAEMON @Via
        $service.SchedulingStrategy | Should -Be 'DAEMON'
        $body = (Get-RequestBody $forward 'CreateService')[0]
        $body.schedulingStrategy | Should -BeExactly 'DAEMON'
        $body.PSObject.Properties.Name | Should -Not -Contain 'desiredCount'
        Assert-FitsEcsModel $forward 'CreateService'
    }

    It 'binds -TaskDefinition from a piped TaskDefinition object' {
        $name = New-TestName 'tdpipe'
        $service = Get-EcsTaskDefinitionX $fargate.FamilyRevision @Aws |
            New-EcsServiceX -ServiceName $name -Cluster $cluster -LaunchType FARGATE -DesiredCount 0 -Subnet $Subnets -SecurityGroup $SecurityGroup @Via

        @($service).Count | Should -Be 1
        $service.TaskDefinition | Should -Be $fargate.TaskDefinitionArn
        (Get-RequestBody $forward 'CreateService')[0].taskDefinition | Should -Be $fargate.TaskDefinitionArn
        (Get-MotoService $cluster $name).taskDefinition | Should -Be $fargate.TaskDefinitionArn
    }

    It 'binds -Cluster from a piped Cluster object' {
        $other = New-TestName 'svc-pipe'
        $null = New-EcsClusterX $other @Aws
        $name = New-TestName 'clpipe'
        $service = Get-EcsClusterX $other @Aws | New-EcsServiceX -ServiceName $name -TaskDefinition $ec2.FamilyRevision -LaunchType EC2 -DesiredCount 0 @Via

        $service.ClusterName | Should -Be $other
        (Get-RequestBody $forward 'CreateService')[0].cluster | Should -Match "(^|/)$other$"
        Get-MotoService $other $name | Should -Not -BeNullOrEmpty
        Get-MotoService $cluster $name | Should -BeNullOrEmpty
    }

    It 'reports a service error (unknown cluster) as a non-terminating error with the service''s code' {
        $missing = New-TestName 'nocluster'
        $out = New-EcsServiceX (New-TestName 'orphan') $ec2.FamilyRevision -Cluster $missing -LaunchType EC2 -DesiredCount 0 @Aws `
            -ErrorAction SilentlyContinue -ErrorVariable failures
        $out | Should -BeNullOrEmpty
        @($failures).Count | Should -Be 1
        $failures[0].FullyQualifiedErrorId | Should -Be 'ClusterNotFoundException,EcsPS.Ecs.Services.NewEcsServiceX'
        $failures[0].CategoryInfo.Category | Should -Be 'ObjectNotFound'
    }
}

Describe 'Idempotent create with -ClientToken' {
    BeforeAll {
        $cluster = New-TestName 'svc-idem'
        $null = New-EcsClusterX $cluster @Aws
        $td = New-Ec2TaskDefinition (New-TestName 'idem')
        $forward = Start-RequestRecorder -ForwardTo $Endpoint
        $Via = @{ Region = 'us-east-1'; EndpointUrl = $forward.Url }
    }
    AfterAll { $forward.Dispose() }
    BeforeEach { $forward.Clear() }

    It 'the same -ClientToken and parameters twice leave one service and return it both times' {
        # ECS: a repeated CreateService with the same client token and parameters returns the
        # service the first call made. (moto ignores the token; see the report of this suite.)
        $name = New-TestName 'idem'
        $token = [guid]::NewGuid().ToString()
        $first = New-EcsServiceX $name $td.FamilyRevision -Cluster $cluster -LaunchType EC2 -DesiredCount 0 -ClientToken $token @Via
        $second = New-EcsServiceX $name $td.FamilyRevision -Cluster $cluster -LaunchType EC2 -DesiredCount 0 -ClientToken $token @Via

        $second.ServiceArn | Should -Be $first.ServiceArn
        $bodies = Get-RequestBody $forward 'CreateService'
        $bodies.Count | Should -Be 2
        $bodies[0].clientToken | Should -BeExactly $token
        $bodies[1].clientToken | Should -BeExactly $token
        $listed = @((Invoke-MotoEcs -Endpoint $Endpoint -Operation ListServices -Body @{ cluster = $cluster }).serviceArns |
                Where-Object { $_ -match "/$name$" })
        $listed.Count | Should -Be 1
    }

    It 'sends a fresh client token of at most 36 characters on every create without -ClientToken' {
        $null = New-EcsServiceX (New-TestName 'tok') $td.FamilyRevision -Cluster $cluster -LaunchType EC2 -DesiredCount 0 @Via
        $null = New-EcsServiceX (New-TestName 'tok') $td.FamilyRevision -Cluster $cluster -LaunchType EC2 -DesiredCount 0 @Via
        $tokens = @((Get-RequestBody $forward 'CreateService').clientToken)
        $tokens.Count | Should -Be 2
        foreach ($t in $tokens) {
            $t | Should -Not -BeNullOrEmpty
            $t.Length | Should -BeLessOrEqual 36
        }
        $tokens[0] | Should -Not -Be $tokens[1]
        Assert-FitsEcsModel $forward 'CreateService'
    }
}

Describe 'Arguments are checked before anything is sent' {
    # The refusals themselves are cases of tests/bad-inputs.psd1 (BadInput.Tests.ps1); here, what
    # is let through at the edge of a rule.
    BeforeAll {
        # Forwards nothing: any request at all shows up in its count (and fails with a 500).
        $recorder = Start-RequestRecorder
        $refuse = @{ Region = 'us-east-1'; EndpointUrl = $recorder.Url }
    }
    AfterAll { $recorder.Dispose() }
    BeforeEach { $recorder.Clear() }

    It 'New-EcsServiceX takes a -ClientToken of exactly 36 characters' {
        { New-EcsServiceX (New-TestName 'tok') 'web:1' -LaunchType EC2 -ClientToken ('t' * 36) -WhatIf @refuse } | Should -Not -Throw
        $recorder.Count | Should -Be 0
    }

    It 'New-EcsServiceX takes subnet and security group ids of 8 and of 17 hex digits, and -Alarm @()' {
        { New-EcsServiceX (New-TestName 'ids') 'web:1' -LaunchType FARGATE -Subnet 'subnet-0123abcd', 'subnet-0123456789abcdef0' `
                -SecurityGroup 'sg-89abcdef', 'sg-0123456789abcdef0' -Alarm @() -PlatformVersion 1.4.0 -WhatIf @refuse } | Should -Not -Throw
        $recorder.Count | Should -Be 0
    }
}

Describe '-WhatIf' {
    BeforeAll {
        $cluster = New-TestName 'svc-whatif'
        $null = New-EcsClusterX $cluster @Aws
        $family = New-TestName 'whatif'
        $td = New-Ec2TaskDefinition $family
        $recorder = Start-RequestRecorder
        $refuse = @{ Region = 'us-east-1'; EndpointUrl = $recorder.Url }
        $forward = Start-RequestRecorder -ForwardTo $Endpoint
        $Via = @{ Region = 'us-east-1'; EndpointUrl = $forward.Url }
    }
    AfterAll { $recorder.Dispose(); $forward.Dispose() }
    BeforeEach { $recorder.Clear(); $forward.Clear() }

    It 'New-EcsServiceX -WhatIf sends nothing, creates nothing and says what it would create' {
        $name = New-TestName 'whatif'
        $run = Get-WhatIfLine { New-EcsServiceX $name $td.FamilyRevision -Cluster $cluster -LaunchType EC2 -DesiredCount 3 -WhatIf @refuse }
        $lines = $run.Lines
        $run.Output | Should -BeNullOrEmpty
        $recorder.Count | Should -Be 0
        @($lines).Count | Should -Be 1
        $lines[0] | Should -Match ([regex]::Escape("$name (cluster $cluster)"))
        $lines[0] | Should -Match ([regex]::Escape($td.FamilyRevision))
        $lines[0] | Should -Match 'x3'
        Get-MotoService $cluster $name | Should -BeNullOrEmpty
    }

    It 'New-EcsServiceX sends nothing under $WhatIfPreference' {
        $name = New-TestName 'whatif'
        $WhatIfPreference = $true
        try { $out = New-EcsServiceX $name $td.FamilyRevision -Cluster $cluster -LaunchType EC2 -DesiredCount 0 @refuse } finally { $WhatIfPreference = $false }
        $out | Should -BeNullOrEmpty
        $recorder.Count | Should -Be 0
        Get-MotoService $cluster $name | Should -BeNullOrEmpty
    }

    It 'Remove-EcsServiceX <Extra> -WhatIf sends nothing and the service stays ACTIVE' -ForEach @(
        @{ Extra = ''; Arguments = @{} }
        @{ Extra = '-Force'; Arguments = @{ Force = $true } }
        @{ Extra = '-Force -Wait'; Arguments = @{ Force = $true; Wait = $true; PollInterval = 1; Timeout = 5 } }
    ) {
        $name = New-TestName 'whatif'
        $null = New-EcsServiceX $name $td.FamilyRevision -Cluster $cluster -LaunchType EC2 -DesiredCount 1 @Aws
        $out = Remove-EcsServiceX $name -Cluster $cluster @Arguments -PassThru -WhatIf @refuse
        $out | Should -BeNullOrEmpty
        $recorder.Count | Should -Be 0
        (Get-MotoService $cluster $name).status | Should -Be 'ACTIVE'
    }

    It 'Update-EcsServiceX -WhatIf says "desired count 2 -> 3", reads only, and changes nothing' {
        $name = New-TestName 'whatif'
        $null = New-EcsServiceX $name $td.FamilyRevision -Cluster $cluster -LaunchType EC2 -DesiredCount 2 @Aws
        $run = Get-WhatIfLine { Update-EcsServiceX $name -Cluster $cluster -DesiredCount 3 -WhatIf @Via }
        $lines = $run.Lines

        $run.Output | Should -BeNullOrEmpty
        @($lines).Count | Should -Be 1
        $lines[0] | Should -Match 'desired count 2 -> 3'
        $lines[0] | Should -Match ([regex]::Escape("$name (cluster $cluster)"))
        # It reads the service to say what would change; it writes nothing.
        @($forward.Operations | Where-Object { $_ -notin 'DescribeServices' }) | Should -BeNullOrEmpty
        $after = Get-MotoService $cluster $name
        $after.desiredCount | Should -Be 2
        $after.taskDefinition | Should -Be $td.TaskDefinitionArn
    }

    It 'Update-EcsServiceX -Image -WhatIf registers no revision and leaves the service on its task definition' {
        $name = New-TestName 'whatif'
        $null = New-EcsServiceX $name $td.FamilyRevision -Cluster $cluster -LaunchType EC2 -DesiredCount 0 @Aws
        $before = Get-MotoRevisionArns $family
        $run = Get-WhatIfLine { Update-EcsServiceX $name -Cluster $cluster -Image @{ web = 'public.ecr.aws/nginx/nginx:1.28' } -WhatIf @Via }
        $lines = $run.Lines
        $run.Output | Should -BeNullOrEmpty

        @($lines).Count | Should -Be 1
        $lines[0] | Should -Match ([regex]::Escape('web=public.ecr.aws/nginx/nginx:1.28'))
        @($forward.Operations | Where-Object { $_ -notin 'DescribeServices', 'DescribeTaskDefinition' }) | Should -BeNullOrEmpty
        Get-MotoRevisionArns $family | Should -Be $before
        (Get-MotoService $cluster $name).taskDefinition | Should -Be $td.TaskDefinitionArn
    }
}

Describe 'Get-EcsServiceX' {
    BeforeAll {
        $cluster = New-TestName 'svc-get'
        $null = New-EcsClusterX $cluster @Aws
        $ec2 = New-Ec2TaskDefinition (New-TestName 'get')
        $fargate = New-FargateTaskDefinition (New-TestName 'getfg')
        $prefix = New-TestName 'bulk'
        # 23 services: more than ListServices' default page of 10 and more than 2 DescribeServices batches.
        $Names = @(1..23 | ForEach-Object { '{0}-{1:d2}' -f $prefix, $_ })
        $Created = @($Names | ForEach-Object { New-EcsServiceX $_ $ec2.FamilyRevision -Cluster $cluster -LaunchType EC2 -DesiredCount 0 -Tag @{ batch = $prefix } @Aws })

        $mixed = New-TestName 'svc-mixed'
        $null = New-EcsClusterX $mixed @Aws
        $FargateNames = @((New-TestName 'fg'), (New-TestName 'fg'))
        $Ec2Names = @((New-TestName 'ec'), (New-TestName 'ec'))
        foreach ($n in $FargateNames) {
            $null = New-EcsServiceX $n $fargate.FamilyRevision -Cluster $mixed -LaunchType FARGATE -DesiredCount 0 -Subnet $Subnets -SecurityGroup $SecurityGroup @Aws
        }
        foreach ($n in $Ec2Names) { $null = New-EcsServiceX $n $ec2.FamilyRevision -Cluster $mixed -LaunchType EC2 -DesiredCount 0 @Aws }

        $forward = Start-RequestRecorder -ForwardTo $Endpoint
        $Via = @{ Region = 'us-east-1'; EndpointUrl = $forward.Url }
    }
    AfterAll { $forward.Dispose() }
    BeforeEach { $forward.Clear() }

    It 'returns all 23 services of a cluster: ListServices asks for 100, DescribeServices takes 10 at a time' {
        $all = @(Get-EcsServiceX -Cluster $cluster @Via)

        $all.Count | Should -Be 23
        $all | ForEach-Object { $_.PSObject.TypeNames[0] | Should -Be $ServiceType }
        @($all.ServiceName | Sort-Object) | Should -Be $Names
        @($all | Where-Object ClusterName -ne $cluster) | Should -BeNullOrEmpty

        $lists = Get-RequestBody $forward 'ListServices'
        $lists.Count | Should -BeGreaterOrEqual 1
        foreach ($l in $lists) { $l.maxResults | Should -Be 100 }
        $describes = Get-RequestBody $forward 'DescribeServices'
        $describes.Count | Should -Be 3
        foreach ($d in $describes) { @($d.services).Count | Should -BeLessOrEqual 10 }
        @($describes | ForEach-Object { $_.services }).Count | Should -Be 23
        Assert-FitsEcsModel $forward 'ListServices'
        Assert-FitsEcsModel $forward 'DescribeServices'
    }

    It 'describes piped Service objects 10 to a call, without listing' {
        $all = @($Created | Get-EcsServiceX @Via)
        $all.Count | Should -Be 23
        $forward.Operations | Should -Not -Contain 'ListServices'
        $describes = Get-RequestBody $forward 'DescribeServices'
        $describes.Count | Should -Be 3
        @($describes | ForEach-Object { @($_.services).Count }) | Should -Be @(10, 10, 3)
    }

    It 'returns a service by name' {
        $service = Get-EcsServiceX $Names[4] -Cluster $cluster @Aws
        @($service).Count | Should -Be 1
        $service.ServiceName | Should -Be $Names[4]
        $service.Status | Should -Be 'ACTIVE'
        $service.TaskDefinitionName | Should -Be $ec2.FamilyRevision
    }

    It 'returns a service by ARN' {
        $arn = $Created[7].ServiceArn
        $service = Get-EcsServiceX -ServiceName $arn -Cluster $cluster @Aws
        @($service).Count | Should -Be 1
        $service.ServiceArn | Should -Be $arn
        $service.ServiceName | Should -Be $Names[7]
    }

    It 'returns the services a wildcard matches, and nothing (with no error) when it matches none' {
        $matched = @(Get-EcsServiceX "$prefix-1*" -Cluster $cluster @Aws)
        @($matched.ServiceName | Sort-Object) | Should -Be @($Names | Where-Object { $_ -like "$prefix-1*" })
        $matched.Count | Should -Be 10

        $none = @(Get-EcsServiceX "$prefix-9*" -Cluster $cluster @Aws -ErrorVariable problems)
        $none | Should -BeNullOrEmpty
        $problems | Should -BeNullOrEmpty
    }

    It 'reports a missing service as a non-terminating ObjectNotFound error and still returns the others' {
        $missing = New-TestName 'missing'
        $out = @(Get-EcsServiceX $Names[0], $missing, $Names[1] -Cluster $cluster @Aws -ErrorAction SilentlyContinue -ErrorVariable problems)

        @($out.ServiceName | Sort-Object) | Should -Be @($Names[0], $Names[1])
        @($problems).Count | Should -Be 1
        $problems[0].FullyQualifiedErrorId | Should -Be 'ServiceNotFoundException,EcsPS.Ecs.Services.GetEcsServiceX'
        $problems[0].CategoryInfo.Category | Should -Be 'ObjectNotFound'
        $problems[0].TargetObject | Should -Be $missing
        $problems[0].Exception.Message | Should -Match $missing
    }

    It 'stops at a missing service with -ErrorAction Stop' {
        { Get-EcsServiceX (New-TestName 'missing') -Cluster $cluster @Aws -ErrorAction Stop } |
            Should -Throw -ErrorId 'ServiceNotFoundException,EcsPS.Ecs.Services.GetEcsServiceX'
    }

    It 'reports an unknown cluster with the service''s error code' {
        $out = Get-EcsServiceX -Cluster (New-TestName 'nocluster') @Aws -ErrorAction SilentlyContinue -ErrorVariable problems
        $out | Should -BeNullOrEmpty
        @($problems).Count | Should -Be 1
        $problems[0].FullyQualifiedErrorId | Should -Be 'ClusterNotFoundException,EcsPS.Ecs.Services.GetEcsServiceX'
        $problems[0].CategoryInfo.Category | Should -Be 'ObjectNotFound'
    }

    It 'takes an inventory across clusters: Get-EcsClusterX | Get-EcsServiceX' {
        $inv = New-TestName 'inv'
        $a = "$inv-a"; $b = "$inv-b"
        $null = $a, $b | New-EcsClusterX @Aws
        $inA = @((New-TestName 'a'), (New-TestName 'a'))
        $inB = @((New-TestName 'b'), (New-TestName 'b'), (New-TestName 'b'))
        foreach ($n in $inA) { $null = New-EcsServiceX $n $ec2.FamilyRevision -Cluster $a -LaunchType EC2 -DesiredCount 0 @Aws }
        foreach ($n in $inB) { $null = New-EcsServiceX $n $ec2.FamilyRevision -Cluster $b -LaunchType EC2 -DesiredCount 0 @Aws }

        $inventory = @(Get-EcsClusterX "$inv-*" @Aws | Get-EcsServiceX @Aws)

        $inventory.Count | Should -Be 5
        @($inventory | Where-Object ClusterName -eq $a | ForEach-Object ServiceName | Sort-Object) | Should -Be @($inA | Sort-Object)
        @($inventory | Where-Object ClusterName -eq $b | ForEach-Object ServiceName | Sort-Object) | Should -Be @($inB | Sort-Object)
    }

    It 'reads tags only with -Include TAGS' {
        $plain = Get-EcsServiceX $Names[2] -Cluster $cluster @Via
        @($plain.Tags | Where-Object { $_ }) | Should -BeNullOrEmpty
        (Get-RequestBody $forward 'DescribeServices')[0].PSObject.Properties.Name | Should -Not -Contain 'include'

        $forward.Clear()
        $tagged = Get-EcsServiceX $Names[2] -Cluster $cluster -Include TAGS @Via
        (Get-TagTable $tagged)['batch'] | Should -Be $prefix
        @((Get-RequestBody $forward 'DescribeServices')[0].include) | Should -Be @('TAGS')
    }

    It 'lists only the services of one launch type with -LaunchType <LaunchType>' -ForEach @(
        @{ LaunchType = 'FARGATE' }, @{ LaunchType = 'EC2' }
    ) {
        $expected = if ($LaunchType -eq 'FARGATE') { $FargateNames } else { $Ec2Names }
        $found = @(Get-EcsServiceX -Cluster $mixed -LaunchType $LaunchType @Via)
        @($found.ServiceName | Sort-Object) | Should -Be @($expected | Sort-Object)
        @($found | Where-Object LaunchType -ne $LaunchType) | Should -BeNullOrEmpty
        (Get-RequestBody $forward 'ListServices')[0].launchType | Should -BeExactly $LaunchType
    }
}

Describe 'Update-EcsServiceX' {
    BeforeAll {
        $cluster = New-TestName 'svc-upd'
        $null = New-EcsClusterX $cluster @Aws
        $family = New-TestName 'upd'
        $td1 = New-FargateTaskDefinition $family
        $td2 = New-FargateTaskDefinition $family
        $forward = Start-RequestRecorder -ForwardTo $Endpoint
        $Via = @{ Region = 'us-east-1'; EndpointUrl = $forward.Url }
        function New-UpdateService([int] $DesiredCount = 0, [string] $TaskDefinition = $td1.FamilyRevision) {
            New-EcsServiceX (New-TestName 'upd') $TaskDefinition -Cluster $cluster -LaunchType FARGATE -DesiredCount $DesiredCount `
                -Subnet $Subnets -SecurityGroup $SecurityGroup @Aws
        }
        # A task definition as the AWS CLI reads it, without what ECS sets on registration.
        function Get-DefinitionContent([string] $Arn) {
            $definition = (Invoke-MotoEcs -Endpoint $Endpoint -Operation DescribeTaskDefinition -Body @{ taskDefinition = $Arn }).taskDefinition
            foreach ($name in 'taskDefinitionArn', 'revision', 'status', 'requiresAttributes', 'compatibilities', 'registeredAt', 'registeredBy', 'deregisteredAt') {
                $definition.PSObject.Properties.Remove($name)
            }
            $definition
        }
    }
    AfterAll { $forward.Dispose() }
    BeforeEach { $forward.Clear() }

    It 'changes the desired count with -DesiredCount' {
        $service = New-UpdateService -DesiredCount 0
        $updated = Update-EcsServiceX $service.ServiceName -Cluster $cluster -DesiredCount 3 @Via

        @($updated).Count | Should -Be 1
        $updated.PSObject.TypeNames[0] | Should -Be $ServiceType
        $updated.DesiredCount | Should -Be 3
        (Get-MotoService $cluster $service.ServiceName).desiredCount | Should -Be 3
        $body = (Get-RequestBody $forward 'UpdateService')[0]
        $body.desiredCount | Should -Be 3
        $body.service | Should -Be $service.ServiceName
        @($body.PSObject.Properties.Name | Sort-Object) | Should -Be @('cluster', 'desiredCount', 'service')
        Assert-FitsEcsModel $forward 'UpdateService'
    }

    It 'deploys another task definition with -TaskDefinition' {
        $service = New-UpdateService
        $updated = Update-EcsServiceX $service.ServiceName -Cluster $cluster -TaskDefinition $td2.FamilyRevision @Via

        $updated.TaskDefinitionName | Should -Be $td2.FamilyRevision
        (Get-EcsServiceX $service.ServiceName -Cluster $cluster @Aws).TaskDefinitionName | Should -Be $td2.FamilyRevision
        (Get-RequestBody $forward 'UpdateService')[0].taskDefinition | Should -Be $td2.FamilyRevision
        Assert-FitsEcsModel $forward 'UpdateService'
    }

    It 'registers a new revision with only the image changed and points the service at it, with -Image' {
        $imageFamily = New-TestName 'img'
        $base = New-FargateTaskDefinition $imageFamily
        $service = New-UpdateService -TaskDefinition $base.FamilyRevision
        $before = @(Get-MotoRevisionArns $imageFamily)
        $image = 'public.ecr.aws/nginx/nginx:1.28'

        $updated = Update-EcsServiceX $service.ServiceName -Cluster $cluster -Image @{ web = $image } @Via

        $after = @(Get-MotoRevisionArns $imageFamily)
        $after.Count | Should -Be ($before.Count + 1)
        $newArn = @($after | Where-Object { $_ -notin $before })[0]
        $newArn | Should -Match ":task-definition/$imageFamily`:$($base.Revision + 1)$"
        $updated.TaskDefinition | Should -Be $newArn
        (Get-MotoService $cluster $service.ServiceName).taskDefinition | Should -Be $newArn

        $old = Get-DefinitionContent $base.TaskDefinitionArn
        $new = Get-DefinitionContent $newArn
        ($new.containerDefinitions | Where-Object name -eq 'web').image | Should -Be $image
        ($new.containerDefinitions | Where-Object name -eq 'log-router').image | Should -Be ($old.containerDefinitions | Where-Object name -eq 'log-router').image
        ($old.containerDefinitions | Where-Object name -eq 'web').image = $image
        ConvertTo-SortedJson $new | Should -Be (ConvertTo-SortedJson $old)

        $forward.Operations | Should -Contain 'RegisterTaskDefinition'
        (Get-RequestBody $forward 'UpdateService')[0].taskDefinition | Should -Be $newArn
        Assert-FitsEcsModel $forward 'RegisterTaskDefinition'
        Assert-FitsEcsModel $forward 'UpdateService'
    }

    It 'refuses an -Image for a container the task definition does not have, registering nothing' {
        $service = New-UpdateService
        $before = @(Get-MotoRevisionArns $family)

        $out = Update-EcsServiceX $service.ServiceName -Cluster $cluster -Image @{ api = 'example/api:2' } @Via -ErrorAction SilentlyContinue -ErrorVariable problems

        $out | Should -BeNullOrEmpty
        @($problems).Count | Should -Be 1
        $problems[0].FullyQualifiedErrorId | Should -Be 'UnknownContainer,EcsPS.Ecs.Services.UpdateEcsServiceX'
        $problems[0].CategoryInfo.Category | Should -Be 'InvalidArgument'
        $problems[0].Exception.Message | Should -Match "'api'"
        $problems[0].Exception.Message | Should -Match 'web'
        $problems[0].Exception.Message | Should -Match 'log-router'
        $forward.Operations | Should -Not -Contain 'RegisterTaskDefinition'
        $forward.Operations | Should -Not -Contain 'UpdateService'
        @(Get-MotoRevisionArns $family) | Should -Be $before
        (Get-MotoService $cluster $service.ServiceName).taskDefinition | Should -Be $td1.TaskDefinitionArn
    }

    It 'records the circuit breaker and deployment limits in deploymentConfiguration' {
        $service = New-UpdateService
        $updated = Update-EcsServiceX $service.ServiceName -Cluster $cluster -CircuitBreaker Rollback -MinimumHealthyPercent 50 -MaximumPercent 150 @Via

        $updated.DeploymentConfiguration.DeploymentCircuitBreaker.Enable | Should -BeTrue
        $updated.DeploymentConfiguration.DeploymentCircuitBreaker.Rollback | Should -BeTrue
        $read = Get-EcsServiceX $service.ServiceName -Cluster $cluster @Aws
        $read.DeploymentConfiguration.DeploymentCircuitBreaker.Enable | Should -BeTrue
        $read.DeploymentConfiguration.DeploymentCircuitBreaker.Rollback | Should -BeTrue
        $read.DeploymentConfiguration.MinimumHealthyPercent | Should -Be 50
        $read.DeploymentConfiguration.MaximumPercent | Should -Be 150
        Assert-FitsEcsModel $forward 'UpdateService'
    }

    It 'sends -ForceNewDeployment, -EnableExecuteCommand and network changes as the model names them' {
        $service = New-UpdateService
        $null = Update-EcsServiceX $service.ServiceName -Cluster $cluster -ForceNewDeployment -EnableExecuteCommand $true `
            -Subnet $Subnets[1] -SecurityGroup $SecurityGroup -AssignPublicIp -PropagateTags SERVICE @Via
        $body = (Get-RequestBody $forward 'UpdateService')[0]
        $body.forceNewDeployment | Should -BeTrue
        $body.enableExecuteCommand | Should -BeTrue
        @($body.networkConfiguration.awsvpcConfiguration.subnets) | Should -Be @($Subnets[1])
        $body.networkConfiguration.awsvpcConfiguration.assignPublicIp | Should -BeExactly 'ENABLED'
        $body.propagateTags | Should -BeExactly 'SERVICE'
        Assert-FitsEcsModel $forward 'UpdateService'
    }

    It 'updates every service piped from Get-EcsServiceX' {
        $group = New-TestName 'grp'
        $names = @("$group-1", "$group-2", "$group-3")
        foreach ($n in $names) {
            $null = New-EcsServiceX $n $td1.FamilyRevision -Cluster $cluster -LaunchType FARGATE -DesiredCount 0 -Subnet $Subnets -SecurityGroup $SecurityGroup @Aws
        }

        $updated = @(Get-EcsServiceX "$group-*" -Cluster $cluster @Aws | Update-EcsServiceX -TaskDefinition $td2.FamilyRevision @Via)

        @($updated.ServiceName | Sort-Object) | Should -Be $names
        foreach ($n in $names) { (Get-MotoService $cluster $n).taskDefinition | Should -Match "$([regex]::Escape($td2.FamilyRevision))$" }
        foreach ($body in (Get-RequestBody $forward 'UpdateService')) { $body.cluster | Should -Match "(^|/)$cluster$" }
    }

    It 'reports a missing service as ServiceNotFoundException and carries on with the next' {
        $service = New-UpdateService
        $missing = New-TestName 'missing'
        $out = @([pscustomobject]@{ ServiceName = $missing; Cluster = $cluster }, [pscustomobject]@{ ServiceName = $service.ServiceName; Cluster = $cluster } |
                Update-EcsServiceX -DesiredCount 0 @Aws -ErrorAction SilentlyContinue -ErrorVariable problems)
        @($out.ServiceName) | Should -Be @($service.ServiceName)
        @($problems).Count | Should -Be 1
        $problems[0].FullyQualifiedErrorId | Should -Be 'ServiceNotFoundException,EcsPS.Ecs.Services.UpdateEcsServiceX'
        $problems[0].CategoryInfo.Category | Should -Be 'ObjectNotFound'
        $problems[0].TargetObject | Should -Match $missing
    }
}

Describe 'Remove-EcsServiceX' {
    BeforeAll {
        $cluster = New-TestName 'svc-rm'
        $null = New-EcsClusterX $cluster @Aws
        $td = New-Ec2TaskDefinition (New-TestName 'rm')
        $forward = Start-RequestRecorder -ForwardTo $Endpoint
        $Via = @{ Region = 'us-east-1'; EndpointUrl = $forward.Url }
        function New-RemoveService([int] $DesiredCount = 0) {
            New-EcsServiceX (New-TestName 'rm') $td.FamilyRevision -Cluster $cluster -LaunchType EC2 -DesiredCount $DesiredCount @Aws
        }
    }
    AfterAll { $forward.Dispose() }
    BeforeEach { $forward.Clear() }

    It 'is a ConfirmImpact High change that supports -WhatIf' {
        $attribute = (Get-Command Remove-EcsServiceX).ImplementingType.GetCustomAttributes([System.Management.Automation.CmdletAttribute], $false)[0]
        $attribute.ConfirmImpact | Should -Be 'High'
        $attribute.SupportsShouldProcess | Should -BeTrue
    }

    It 'deletes a service scaled to zero with -Confirm:$false, writing nothing and sending no force flag' {
        $service = New-RemoveService -DesiredCount 0
        $out = Remove-EcsServiceX $service.ServiceName -Cluster $cluster -Confirm:$false @Via

        $out | Should -BeNullOrEmpty
        $body = (Get-RequestBody $forward 'DeleteService')[0]
        $body.PSObject.Properties.Name | Should -Not -Contain 'force'
        (Get-MotoService $cluster $service.ServiceName).status | Should -BeIn 'DRAINING', 'INACTIVE'
        Assert-FitsEcsModel $forward 'DeleteService'
    }

    It 'leaves a service scaled above zero to ECS''s refusal without -Force' {
        $service = New-RemoveService -DesiredCount 2
        $out = Remove-EcsServiceX $service.ServiceName -Cluster $cluster -Confirm:$false @Aws -ErrorAction SilentlyContinue -ErrorVariable problems

        $out | Should -BeNullOrEmpty
        @($problems).Count | Should -Be 1
        $problems[0].FullyQualifiedErrorId | Should -Be 'InvalidParameterException,EcsPS.Ecs.Services.RemoveEcsServiceX'
        $problems[0].CategoryInfo.Category | Should -Be 'InvalidArgument'
        $problems[0].ErrorDetails.RecommendedAction | Should -Match 'Remove-EcsServiceX -Force'
        (Get-MotoService $cluster $service.ServiceName).status | Should -Be 'ACTIVE'
    }

    It 'deletes a service that still has a desired count with -Force, sending force=true' {
        $service = New-RemoveService -DesiredCount 2
        $out = Remove-EcsServiceX $service.ServiceName -Cluster $cluster -Force @Via

        $out | Should -BeNullOrEmpty
        (Get-RequestBody $forward 'DeleteService')[0].force | Should -BeTrue
        (Get-MotoService $cluster $service.ServiceName).status | Should -BeIn 'DRAINING', 'INACTIVE'
        Assert-FitsEcsModel $forward 'DeleteService'
    }

    It 'writes the deleted service with -PassThru' {
        $service = New-RemoveService
        $out = Remove-EcsServiceX $service.ServiceName -Cluster $cluster -Force -PassThru @Aws
        @($out).Count | Should -Be 1
        $out.PSObject.TypeNames[0] | Should -Be $ServiceType
        $out.ServiceArn | Should -Be $service.ServiceArn
        $out.Status | Should -BeIn 'DRAINING', 'INACTIVE'
    }

    It 'waits until the service is INACTIVE with -Wait' {
        $service = New-RemoveService -DesiredCount 1
        $out = Remove-EcsServiceX $service.ServiceName -Cluster $cluster -Force -Wait -PassThru -PollInterval 1 -Timeout 60 @Aws
        @($out).Count | Should -Be 1
        $out.ServiceName | Should -Be $service.ServiceName
        $out.Status | Should -Be 'INACTIVE'
        (Get-MotoService $cluster $service.ServiceName).status | Should -Be 'INACTIVE'
    }

    It 'deletes every service piped from Get-EcsServiceX' {
        $group = New-TestName 'grp'
        $names = @("$group-1", "$group-2")
        foreach ($n in $names) { $null = New-EcsServiceX $n $td.FamilyRevision -Cluster $cluster -LaunchType EC2 -DesiredCount 1 @Aws }
        $out = @(Get-EcsServiceX "$group-*" -Cluster $cluster @Aws | Remove-EcsServiceX -Force -PassThru @Via)
        @($out.ServiceName | Sort-Object) | Should -Be $names
        @(Get-RequestBody $forward 'DeleteService').Count | Should -Be 2
        foreach ($n in $names) { (Get-MotoService $cluster $n).status | Should -BeIn 'DRAINING', 'INACTIVE' }
    }

    It 'reports a missing service as a non-terminating ServiceNotFoundException' {
        $missing = New-TestName 'missing'
        $out = Remove-EcsServiceX $missing -Cluster $cluster -Force -PassThru @Aws -ErrorAction SilentlyContinue -ErrorVariable problems
        $out | Should -BeNullOrEmpty
        @($problems).Count | Should -Be 1
        $problems[0].FullyQualifiedErrorId | Should -Be 'ServiceNotFoundException,EcsPS.Ecs.Services.RemoveEcsServiceX'
        $problems[0].CategoryInfo.Category | Should -Be 'ObjectNotFound'
        $problems[0].TargetObject | Should -Be $missing
    }
}

Describe 'Wait-EcsServiceX' {
    BeforeAll {
        $cluster = New-TestName 'svc-wait'
        $null = New-EcsClusterX $cluster @Aws
        $td = New-Ec2TaskDefinition (New-TestName 'wait')
        # No container instances in the cluster: a service that wants tasks never gets them, as in
        # ECS. (moto's MOTO_ECS_SERVICE_RUNNING is 0, so its created services run nothing either.)
        $Stuck = New-EcsServiceX (New-TestName 'stuck') $td.FamilyRevision -Cluster $cluster -LaunchType EC2 -DesiredCount 2 @Aws
        function New-IdleService {
            New-EcsServiceX (New-TestName 'idle') $td.FamilyRevision -Cluster $cluster -LaunchType EC2 -DesiredCount 0 @Aws
        }
    }

    It 'outputs the service once a service with no tasks wanted is stable' {
        $service = New-IdleService
        $run = Invoke-Captured { Wait-EcsServiceX $service.ServiceName -Cluster $cluster -Condition Stable -PollInterval 1 -Timeout 30 @Aws }
        $run.Errors | Should -BeNullOrEmpty
        @($run.Output).Count | Should -Be 1
        $run.Output[0].PSObject.TypeNames[0] | Should -Be $ServiceType
        $run.Output[0].ServiceName | Should -Be $service.ServiceName
        $run.Output[0].RunningCount | Should -Be $run.Output[0].DesiredCount
    }

    It 'waits for services piped from New-EcsServiceX (deployment complete by default)' {
        $run = Invoke-Captured {
            New-EcsServiceX (New-TestName 'piped') $td.FamilyRevision -Cluster $cluster -LaunchType EC2 -DesiredCount 0 @Aws |
                Wait-EcsServiceX -PollInterval 1 -Timeout 30 @Aws
        }
        $run.Errors | Should -BeNullOrEmpty
        @($run.Output).Count | Should -Be 1
        $run.Output[0].Status | Should -Be 'ACTIVE'
    }

    It 'waits until a deleted service is INACTIVE with -Condition Inactive' {
        $service = New-IdleService
        $null = Remove-EcsServiceX $service.ServiceName -Cluster $cluster -Force @Aws
        $run = Invoke-Captured { Wait-EcsServiceX $service.ServiceName -Cluster $cluster -Condition Inactive -PollInterval 1 -Timeout 60 @Aws }
        $run.Errors | Should -BeNullOrEmpty
        @($run.Output).Count | Should -Be 1
        $run.Output[0].Status | Should -Be 'INACTIVE'
    }

    It 'fails with ServiceNotFoundException for a service that does not exist, at once (-Condition <Condition>)' -ForEach @(
        @{ Condition = 'Stable' }, @{ Condition = 'DeploymentComplete' }
    ) {
        $missing = New-TestName 'missing'
        $run = Invoke-Captured { Wait-EcsServiceX $missing -Cluster $cluster -Condition $Condition -PollInterval 1 -Timeout 60 @Aws }
        $run.Output | Should -BeNullOrEmpty
        @($run.Errors).Count | Should -Be 1
        # The ErrorId Get-EcsServiceX and Remove-EcsServiceX give a missing service, not a failed wait.
        $run.Errors[0].FullyQualifiedErrorId | Should -Be 'ServiceNotFoundException,EcsPS.Ecs.Services.WaitEcsServiceX'
        $run.Errors[0].CategoryInfo.Category | Should -Be 'ObjectNotFound'
        $run.Errors[0].TargetObject | Should -Be $missing
        $run.Errors[0].Exception.Message | Should -Match 'not found'
        $run.Elapsed.TotalSeconds | Should -BeLessThan 30
    }

    It 'reports each piped service on its own: one stable, one missing' {
        $service = New-IdleService
        $missing = New-TestName 'missing'
        $run = Invoke-Captured {
            [pscustomobject]@{ ServiceName = $service.ServiceName; Cluster = $cluster }, [pscustomobject]@{ ServiceName = $missing; Cluster = $cluster } |
                Wait-EcsServiceX -Condition Stable -PollInterval 1 -Timeout 30 @Aws
        }
        @($run.Output.ServiceName) | Should -Be @($service.ServiceName)
        @($run.Errors).Count | Should -Be 1
        $run.Errors[0].TargetObject | Should -Be $missing
    }

    It 'times out with ServiceWaitTimedOut on a service that never becomes stable' {
        $run = Invoke-Captured { Wait-EcsServiceX $Stuck.ServiceName -Cluster $cluster -Condition Stable -Timeout 2 -PollInterval 1 @Aws }
        $run.Output | Should -BeNullOrEmpty
        @($run.Errors).Count | Should -Be 1
        $run.Errors[0].FullyQualifiedErrorId | Should -Be 'ServiceWaitTimedOut,EcsPS.Ecs.Services.WaitEcsServiceX'
        $run.Errors[0].CategoryInfo.Category | Should -Be 'OperationTimeout'
        $run.Errors[0].TargetObject | Should -Be $Stuck.ServiceName
        $run.Errors[0].Exception.Message | Should -Match 'within 2 s'
        $run.Errors[0].Exception.Message | Should -Match '0 of 2 running'
        $run.Elapsed.TotalSeconds | Should -BeGreaterOrEqual 1.5
        $run.Elapsed.TotalSeconds | Should -BeLessThan 15
    }

    It 'times out following the deployment (the default condition) too' {
        $run = Invoke-Captured { Wait-EcsServiceX $Stuck.ServiceName -Cluster $cluster -Timeout 2 -PollInterval 1 @Aws }
        $run.Output | Should -BeNullOrEmpty
        @($run.Errors).Count | Should -Be 1
        $run.Errors[0].FullyQualifiedErrorId | Should -Be 'ServiceWaitTimedOut,EcsPS.Ecs.Services.WaitEcsServiceX'
        $run.Elapsed.TotalSeconds | Should -BeLessThan 15
    }

    It 'gives up with ServiceWaitNoProgress when the counts stop moving for -NoProgressTimeout' {
        $run = Invoke-Captured { Wait-EcsServiceX $Stuck.ServiceName -Cluster $cluster -Condition Stable -NoProgressTimeout 2 -Timeout 60 -PollInterval 1 @Aws }
        $run.Output | Should -BeNullOrEmpty
        @($run.Errors).Count | Should -Be 1
        $run.Errors[0].FullyQualifiedErrorId | Should -Be 'ServiceWaitNoProgress,EcsPS.Ecs.Services.WaitEcsServiceX'
        $run.Errors[0].Exception.Message | Should -Match 'no progress for 2 s'
        $run.Elapsed.TotalSeconds | Should -BeLessThan 15
    }

    It 'reads -Timeout <Shown> as <Seconds> seconds' -ForEach @(
        @{ Shown = '3 (a number)'; Value = 3; Seconds = 3 }
        @{ Shown = '''2'' (a string of seconds)'; Value = '2'; Seconds = 2 }
        @{ Shown = '''00:00:03'' (a TimeSpan string)'; Value = '00:00:03'; Seconds = 3 }
        @{ Shown = '[TimeSpan] 2 s'; Value = [TimeSpan]::FromSeconds(2); Seconds = 2 }
    ) {
        $run = Invoke-Captured { Wait-EcsServiceX $Stuck.ServiceName -Cluster $cluster -Condition Stable -Timeout $Value -PollInterval 1 @Aws }
        @($run.Errors).Count | Should -Be 1
        $run.Errors[0].FullyQualifiedErrorId | Should -Be 'ServiceWaitTimedOut,EcsPS.Ecs.Services.WaitEcsServiceX'
        $run.Errors[0].Exception.Message | Should -Match "within $Seconds s"
    }

    It 'New-EcsServiceX -Wait writes the service once its first deployment has completed' {
        $name = New-TestName 'neww'
        $run = Invoke-Captured { New-EcsServiceX $name $td.FamilyRevision -Cluster $cluster -LaunchType EC2 -DesiredCount 0 -Wait -PollInterval 1 -Timeout 30 @Aws }
        $run.Errors | Should -BeNullOrEmpty
        @($run.Output).Count | Should -Be 1
        $run.Output[0].PSObject.TypeNames[0] | Should -Be $ServiceType
        $run.Output[0].ServiceName | Should -Be $name
        $run.Output[0].RolloutState | Should -Be 'COMPLETED'
    }

    It 'New-EcsServiceX -Wait fails with ServiceWaitTimedOut when the tasks never come, leaving the service created' {
        $name = New-TestName 'newstuck'
        $run = Invoke-Captured { New-EcsServiceX $name $td.FamilyRevision -Cluster $cluster -LaunchType EC2 -DesiredCount 2 -Wait -PollInterval 1 -Timeout 2 @Aws }
        $run.Output | Should -BeNullOrEmpty
        @($run.Errors).Count | Should -Be 1
        $run.Errors[0].FullyQualifiedErrorId | Should -Be 'ServiceWaitTimedOut,EcsPS.Ecs.Services.NewEcsServiceX'
        $run.Errors[0].TargetObject | Should -Be $name
        (Get-MotoService $cluster $name).status | Should -Be 'ACTIVE'
    }

    It 'Update-EcsServiceX -ForceNewDeployment -Wait writes the service once the deployment has completed' {
        $service = New-IdleService
        $run = Invoke-Captured { Update-EcsServiceX $service.ServiceName -Cluster $cluster -ForceNewDeployment -Wait -PollInterval 1 -Timeout 30 @Aws }
        $run.Errors | Should -BeNullOrEmpty
        @($run.Output).Count | Should -Be 1
        $run.Output[0].ServiceName | Should -Be $service.ServiceName
    }

    It 'stops with -ErrorAction Stop when the wait fails' {
        { Wait-EcsServiceX $Stuck.ServiceName -Cluster $cluster -Condition Stable -Timeout 1 -PollInterval 1 @Aws -ErrorAction Stop } |
            Should -Throw -ErrorId 'ServiceWaitTimedOut,EcsPS.Ecs.Services.WaitEcsServiceX'
    }
}

Describe 'Get-EcsServiceEventX and Get-EcsServiceDeploymentX' {
    BeforeAll {
        $cluster = New-TestName 'svc-ev'
        $null = New-EcsClusterX $cluster @Aws
        $td = New-Ec2TaskDefinition (New-TestName 'ev')
        $Services = @(1..2 | ForEach-Object {
                New-EcsServiceX (New-TestName 'ev') $td.FamilyRevision -Cluster $cluster -LaunchType EC2 -DesiredCount 0 @Aws
            })
    }

    It 'writes one typed Deployment per deployment ECS reports, with ServiceName and ClusterName set' {
        $service = $Services[0]
        $raw = @((Get-MotoService $cluster $service.ServiceName).deployments)
        $deployments = @(Get-EcsServiceDeploymentX $service.ServiceName -Cluster $cluster @Aws)

        $raw.Count | Should -BeGreaterThan 0
        $deployments.Count | Should -Be $raw.Count
        @($deployments.Id) | Should -Be @($raw.id)
        foreach ($d in $deployments) {
            $d.PSObject.TypeNames[0] | Should -Be 'EcsPS.Engine.Ecs.Model.Deployment'
            $d.ServiceName | Should -Be $service.ServiceName
            $d.ClusterName | Should -Be $cluster
        }
        ($deployments | Where-Object Status -eq 'PRIMARY').TaskDefinitionName | Should -Be $td.FamilyRevision
    }

    It 'writes the deployments of every service piped from Get-EcsServiceX' {
        $deployments = @(Get-EcsServiceX -Cluster $cluster @Aws | Get-EcsServiceDeploymentX @Aws)
        @($deployments.ServiceName | Sort-Object -Unique) | Should -Be @($Services.ServiceName | Sort-Object)
    }

    It 'writes one typed ServiceEvent per event ECS reports, with ServiceName set' {
        $service = $Services[1]
        $raw = @((Get-MotoService $cluster $service.ServiceName).events | Where-Object { $_ })
        $events = @(Get-EcsServiceEventX $service.ServiceName -Cluster $cluster @Aws)

        $events.Count | Should -Be $raw.Count
        foreach ($e in $events) {
            $e.PSObject.TypeNames[0] | Should -Be 'EcsPS.Engine.Ecs.Model.ServiceEvent'
            $e.ServiceName | Should -Be $service.ServiceName
            $e.ClusterName | Should -Be $cluster
        }
        @($events.Id) | Should -Be @($raw | Sort-Object createdAt -Descending | ForEach-Object id)
        @(Get-EcsServiceEventX $service.ServiceName -Cluster $cluster -Last 1 @Aws).Count | Should -Be ([Math]::Min(1, $raw.Count))
    }

    It 'declares the types they write' {
        (Get-Command Get-EcsServiceEventX).OutputType.Name | Should -Contain 'EcsPS.Engine.Ecs.Model.ServiceEvent'
        (Get-Command Get-EcsServiceDeploymentX).OutputType.Name | Should -Contain 'EcsPS.Engine.Ecs.Model.Deployment'
        (Get-Command Get-EcsServiceX).OutputType.Name | Should -Contain $ServiceType
    }

    It '<Command> reports a missing service as ServiceNotFoundException' -ForEach @(
        @{ Command = 'Get-EcsServiceEventX' }, @{ Command = 'Get-EcsServiceDeploymentX' }
    ) {
        $missing = New-TestName 'missing'
        $out = & $Command $missing -Cluster $cluster @Aws -ErrorAction SilentlyContinue -ErrorVariable problems
        $out | Should -BeNullOrEmpty
        @($problems).Count | Should -Be 1
        $problems[0].FullyQualifiedErrorId | Should -BeLike 'ServiceNotFoundException,*'
        $problems[0].CategoryInfo.Category | Should -Be 'ObjectNotFound'
        $problems[0].TargetObject | Should -Be $missing
    }
}

Describe 'The Service table view' {
    BeforeAll {
        $cluster = New-TestName 'svc-view'
        $null = New-EcsClusterX $cluster @Aws
        $td = New-Ec2TaskDefinition (New-TestName 'view')
        $name = New-TestName 'view'
        $null = New-EcsServiceX $name $td.FamilyRevision -Cluster $cluster -LaunchType EC2 -DesiredCount 0 @Aws
        $Columns = 'Cluster', 'ServiceName', 'Status', 'Desired', 'Running', 'Pending', 'TaskDefinition', 'Rollout'
        function Get-HeaderLine([string] $Text) {
            $Text -split "`r?`n" | Where-Object { $_ -match '\bServiceName\b' } | Select-Object -First 1
        }
    }

    It 'has the headers <Columns> in that order' {
        $text = Get-EcsServiceX $name -Cluster $cluster @Aws | Format-Table | Out-String -Width 300 | Remove-Ansi
        $header = Get-HeaderLine $text
        $header | Should -Not -BeNullOrEmpty
        @($header.Trim() -split '\s+') | Should -Be $Columns
    }

    It 'is the default view, with a row per service' {
        $text = Get-EcsServiceX -Cluster $cluster @Aws | Out-String -Width 300 | Remove-Ansi
        Get-HeaderLine $text | Should -Not -BeNullOrEmpty
        $row = $text -split "`r?`n" | Where-Object { $_ -match "^$([regex]::Escape($cluster))\s+$([regex]::Escape($name))\s" }
        @($row).Count | Should -Be 1
        $row | Should -Match '\bACTIVE\b'
        $row | Should -Match ([regex]::Escape($td.FamilyRevision))
    }

    It 'shows desired, running and pending counts each in its own column' {
        # Known figures whatever moto reports: a real Service object from the module (its type lives
        # in the module's own load context, so it cannot be named here), with its counts set.
        $service = Get-EcsServiceX $name -Cluster $cluster @Aws
        $service.ServiceName = 'web'
        $service.ServiceArn = 'arn:aws:ecs:us-east-1:123456789012:service/prod/web'
        $service.ClusterArn = 'arn:aws:ecs:us-east-1:123456789012:cluster/prod'
        $service.Status = 'ACTIVE'
        $service.DesiredCount = 7
        $service.RunningCount = 5
        $service.PendingCount = 1
        $service.TaskDefinition = 'arn:aws:ecs:us-east-1:123456789012:task-definition/web:42'
        @($service.Deployments).Count | Should -Be 1
        $service.Deployments[0].Status = 'PRIMARY'
        $service.Deployments[0].RolloutState = 'IN_PROGRESS'

        $text = $service | Format-Table | Out-String -Width 300 | Remove-Ansi
        $row = $text -split "`r?`n" | Where-Object { $_ -match '^prod\s' }
        @($row).Count | Should -Be 1
        @($row.Trim() -split '\s+') | Should -Be @('prod', 'web', 'ACTIVE', '7', '5', '1', 'web:42', 'IN_PROGRESS')
    }
}

Describe 'Service and task definition ARNs of another region' {
    BeforeAll {
        # moto's own answer, past the module under test.
        function Get-MotoServiceIn([string] $Region, [string] $Cluster, [string] $Name) {
            $answer = Invoke-MotoEcs -Endpoint $Endpoint -Region $Region -Operation DescribeServices -Body @{ cluster = $Cluster; services = @($Name) }
            @($answer.services) | Where-Object { $_ } | Select-Object -First 1
        }
    }

    It 'are read and removed in the ARN''s region when -Region is not given' {
        # moto keeps regions apart: the same cluster, family and service names in two regions.
        $cluster = New-TestName 'arnsvc'
        $family = New-TestName 'arnfam'
        $service = New-TestName 'arnweb'
        $made = foreach ($region in 'us-east-1', 'eu-west-1') {
            $at = @{ Region = $region; EndpointUrl = $Endpoint }
            $null = New-EcsClusterX $cluster @at
            $web = New-EcsContainerDefinitionX -Name web -Image 'public.ecr.aws/nginx/nginx:1.27' -PortMapping @{ ContainerPort = 80; HostPort = 0 } -Memory 256
            $definition = Register-EcsTaskDefinitionX -Family $family -ContainerDefinition $web -NetworkMode bridge -RequiresCompatibility EC2 @at
            [pscustomobject]@{
                Region     = $region
                Definition = $definition
                Service    = New-EcsServiceX $service -Cluster $cluster -TaskDefinition $definition.TaskDefinitionArn -LaunchType EC2 -DesiredCount 0 @at
            }
        }
        $away = $made | Where-Object Region -eq 'eu-west-1'
        $away.Service.ServiceArn | Should -Match '^arn:aws:ecs:eu-west-1:'

        Invoke-WithEnvironment -Variables @{ AWS_REGION = 'us-east-1'; AWS_DEFAULT_REGION = $null } -ScriptBlock {
            (Get-EcsServiceX $away.Service.ServiceArn -EndpointUrl $Endpoint).ServiceArn | Should -Be $away.Service.ServiceArn
            (Get-EcsTaskDefinitionX $away.Definition.TaskDefinitionArn -EndpointUrl $Endpoint).TaskDefinitionArn |
                Should -Be $away.Definition.TaskDefinitionArn
            Remove-EcsServiceX $away.Service.ServiceArn -Force -EndpointUrl $Endpoint
        }

        (Get-MotoServiceIn -Region eu-west-1 -Cluster $cluster -Name $service).status | Should -Not -Be 'ACTIVE'
        (Get-MotoServiceIn -Region us-east-1 -Cluster $cluster -Name $service).status | Should -Be 'ACTIVE'
    }

    It 'are refused with ArnRegionMismatch when -Region is given and differs' {
        $arn = "arn:aws:ecs:eu-west-1:123456789012:service/any-cluster/any-service"
        $recorder = Start-RequestRecorder
        try {
            Remove-EcsServiceX $arn -Force -Region us-east-1 -EndpointUrl $recorder.Url -ErrorAction SilentlyContinue -ErrorVariable errors
            $errors.Count | Should -Be 1
            $errors[0].FullyQualifiedErrorId | Should -BeLike 'ArnRegionMismatch*'
            $errors[0].CategoryInfo.Category | Should -Be 'InvalidArgument'
            $recorder.Count | Should -Be 0
        } finally { $recorder.Dispose() }
    }
}
