# EC2 capacity: the container instance and capacity provider cmdlets, run from the published module.
# Against moto_server: container instances registered as an ECS agent would (an EC2 instance of
# moto's EC2 and RegisterContainerInstance), capacity providers. Every request is checked at a
# recorder that forwards to moto, against botocore's ECS model. What moto cannot show (tasks that
# leave a draining instance over several polls, a drain that times out, per-instance failures of
# UpdateContainerInstancesState, a create whose answer is lost, listing every capacity provider)
# runs against the scripted loopback fake with answers shaped like ECS's.

BeforeAll {
    Import-Module (Join-Path $PSScriptRoot 'TestHelpers.psm1') -Force
    Import-Module (Join-Path $PSScriptRoot 'ServiceHelpers.psm1') -Force
    Import-Module (Join-Path $PSScriptRoot 'CapacityHelpers.psm1') -Force
    $Endpoint = Initialize-EcsTestEnvironment
    $Aws = @{ Region = 'us-east-1'; EndpointUrl = $Endpoint }
    Reset-EcsTestState -Endpoint $Endpoint
    $InstanceType = 'EcsPS.Engine.Ecs.Model.ContainerInstance'
    $ProviderType = 'EcsPS.Engine.Ecs.Model.CapacityProvider'
    $Asg = 'arn:aws:autoscaling:us-east-1:123456789012:autoScalingGroup:0a1b2c3d-4e5f-6a7b-8c9d-0e1f2a3b4c5d:autoScalingGroupName/ecs-prod'

    function Assert-FitsEcsModel($Recorder, [string] $Operation) {
        $requests = @($Recorder.Requests | Where-Object Operation -eq $Operation)
        $requests.Count | Should -BeGreaterThan 0 -Because "a $Operation request was expected"
        foreach ($request in $requests) {
            $problems = @(Test-EcsRequestShape -Operation $Operation -Body $request.Body)
            $problems | Should -BeNullOrEmpty -Because "the $Operation request must fit the ECS service model ($($request.Body))"
        }
    }
    function Assert-AllFitEcsModel($Recorder) {
        foreach ($operation in @($Recorder.Requests.Operation | Sort-Object -Unique)) { Assert-FitsEcsModel $Recorder $operation }
    }
    function Get-MotoInstance([string] $Cluster, [string] $Arn) {
        @((Invoke-MotoEcs -Endpoint $Endpoint -Operation DescribeContainerInstances -Body @{ cluster = $Cluster; containerInstances = @($Arn) }).containerInstances)[0]
    }
    function Get-MotoProvider([string] $Name) {
        @((Invoke-MotoEcs -Endpoint $Endpoint -Operation DescribeCapacityProviders -Body @{ capacityProviders = @($Name) }).capacityProviders) | Where-Object { $_ }
    }
    function ConvertTo-Body($Value) { $Value | ConvertTo-Json -Depth 20 -Compress }
    function New-Fake {
        $fake = [EcsPS.TestFakes.ScriptedAwsServer]::new('capacity')
        $fake
    }
}

AfterAll {
    Clear-EcsTestEnvironment
}

Describe 'Get-EcsContainerInstanceX' {
    BeforeAll {
        $Cluster = New-TestName 'ci'
        $Other = New-TestName 'ci-other'
        $null = New-EcsClusterX $Cluster @Aws
        $null = New-EcsClusterX $Other @Aws
        $Arns = @(New-MotoContainerInstance -Endpoint $Endpoint -Cluster $Cluster -Count 2)
        $OtherArns = @(New-MotoContainerInstance -Endpoint $Endpoint -Cluster $Other -Count 1)
        $forward = Start-RequestRecorder -ForwardTo $Endpoint
        $Via = @{ Region = 'us-east-1'; EndpointUrl = $forward.Url }
    }
    AfterAll { $forward.Dispose() }
    BeforeEach { $forward.Clear() }

    It 'lists a cluster''s instances as ContainerInstance objects with their cluster, id and capacity as numbers' {
        $instances = @(Get-EcsContainerInstanceX -Cluster $Cluster @Via)

        $instances.Count | Should -Be 2
        $instances[0].PSObject.TypeNames[0] | Should -Be $InstanceType
        @($instances.ContainerInstanceArn | Sort-Object) | Should -Be @($Arns | Sort-Object)
        $moto = Get-MotoInstance $Cluster $instances[0].ContainerInstanceArn
        $instances[0].ContainerInstanceId | Should -Be ($moto.containerInstanceArn -split '/')[-1]
        $instances[0].ClusterName | Should -Be $Cluster
        $instances[0].ClusterArn | Should -Be "arn:aws:ecs:us-east-1:123456789012:cluster/$Cluster"
        $instances[0].Ec2InstanceId | Should -Be $moto.ec2InstanceId
        $instances[0].RegisteredCpu | Should -BeOfType [int]
        $instances[0].RegisteredCpu | Should -Be (@($moto.registeredResources | Where-Object name -eq 'CPU')[0].integerValue)
        $instances[0].RegisteredMemory | Should -Be (@($moto.registeredResources | Where-Object name -eq 'MEMORY')[0].integerValue)
        $instances[0].RemainingCpu | Should -Be (@($moto.remainingResources | Where-Object name -eq 'CPU')[0].integerValue)
        $instances[0].RemainingMemory | Should -Be (@($moto.remainingResources | Where-Object name -eq 'MEMORY')[0].integerValue)
        $instances[0].Region | Should -Be 'us-east-1'
        @($forward.Operations) | Should -Be @('ListContainerInstances', 'DescribeContainerInstances')
        Assert-AllFitEcsModel $forward
    }

    It 'reads the instances of each cluster piped in' {
        $instances = @(Get-EcsClusterX $Cluster, $Other @Aws | Get-EcsContainerInstanceX @Via)

        @($instances.ContainerInstanceArn | Sort-Object) | Should -Be @(($Arns + $OtherArns) | Sort-Object)
        @($instances | Where-Object ClusterName -eq $Other).Count | Should -Be 1
        # Piped clusters bind their ARN (it keeps their Region).
        @((Get-RequestBody $forward 'ListContainerInstances').cluster | ForEach-Object { ($_ -split '/')[-1] } | Sort-Object) | Should -Be @($Cluster, $Other | Sort-Object)
    }

    It 'finds an instance by its ARN alone (the ARN names the cluster) and by id with -Cluster, in one describe' {
        $byArn = Get-EcsContainerInstanceX $Arns[0] @Via
        $byArn.ContainerInstanceArn | Should -Be $Arns[0]
        (Get-RequestBody $forward 'DescribeContainerInstances')[0].cluster | Should -Be $Cluster

        $forward.Clear()
        $ids = @($Arns | ForEach-Object { ($_ -split '/')[-1] })
        $byId = @(Get-EcsContainerInstanceX -ContainerInstance $ids -Cluster $Cluster @Via)
        @($byId.ContainerInstanceArn | Sort-Object) | Should -Be @($Arns | Sort-Object)
        @($forward.Operations) | Should -Be @('DescribeContainerInstances')
        Assert-FitsEcsModel $forward 'DescribeContainerInstances'
    }

    It 'sends -Status and -Filter to the listing, in the service''s spelling' {
        $null = Get-EcsContainerInstanceX -Cluster $Cluster -Status active -Filter 'attribute:ecs.instance-type == t3.medium' @Via

        $list = (Get-RequestBody $forward 'ListContainerInstances')[0]
        $list.status | Should -BeExactly 'ACTIVE'
        $list.filter | Should -Be 'attribute:ecs.instance-type == t3.medium'
        $list.maxResults | Should -Be 100
        Assert-FitsEcsModel $forward 'ListContainerInstances'
    }

    It 'shows a table that fits 120 columns, each column a property' {
        $instances = @(Get-EcsContainerInstanceX -Cluster $Cluster @Aws)
        $lines = @(($instances | Format-Table | Out-String -Width 200) -split "`r?`n" | Where-Object { $_.Trim() })
        $lines | ForEach-Object { $_.TrimEnd().Length | Should -BeLessOrEqual 120 }
        $header = $lines[0] -split '\s+' | Where-Object { $_ }
        foreach ($column in $header) { $instances[0].PSObject.Properties.Name | Should -Contain $column }
        $lines[2] | Should -Match ([regex]::Escape($instances[0].ContainerInstanceId))
    }
}

Describe 'Set-EcsContainerInstanceStateX' {
    BeforeAll {
        $Cluster = New-TestName 'drain'
        $null = New-EcsClusterX $Cluster @Aws
        $Arns = @(New-MotoContainerInstance -Endpoint $Endpoint -Cluster $Cluster -Count 12)
        $forward = Start-RequestRecorder -ForwardTo $Endpoint
        $Via = @{ Region = 'us-east-1'; EndpointUrl = $forward.Url }
    }
    AfterAll { $forward.Dispose() }
    BeforeEach { $forward.Clear() }

    It 'drains the instances piped in, 10 to a request, and writes them DRAINING' {
        $drained = @(Get-EcsContainerInstanceX -Cluster $Cluster @Aws | Set-EcsContainerInstanceStateX -Status DRAINING @Via)

        $drained.Count | Should -Be 12
        $drained | ForEach-Object { $_.Status | Should -Be 'DRAINING' }
        (Get-MotoInstance $Cluster $Arns[11]).status | Should -Be 'DRAINING'
        $bodies = @(Get-RequestBody $forward 'UpdateContainerInstancesState')
        @($bodies | ForEach-Object { @($_.containerInstances).Count }) | Should -Be @(10, 2)
        $bodies[0].status | Should -BeExactly 'DRAINING'
        Assert-FitsEcsModel $forward 'UpdateContainerInstancesState'
    }

    It 'puts them back to ACTIVE' {
        $null = Set-EcsContainerInstanceStateX $Arns[0] -Status ACTIVE @Via
        (Get-MotoInstance $Cluster $Arns[0]).status | Should -Be 'ACTIVE'
    }

    It 'with -Wait, returns the instances once no task is left on them (none here)' {
        $done = @(Set-EcsContainerInstanceStateX $Arns[0], $Arns[1] -Status DRAINING -Wait -PollInterval 1 @Via)

        @($done.ContainerInstanceArn | Sort-Object) | Should -Be @($Arns[0], $Arns[1] | Sort-Object)
        @($forward.Operations) | Should -Be @('UpdateContainerInstancesState', 'DescribeContainerInstances')
        Assert-AllFitEcsModel $forward
    }

    It 'changes nothing under -WhatIf' {
        $null = Set-EcsContainerInstanceStateX $Arns[2] -Status ACTIVE -WhatIf @Via
        @($forward.Operations) | Should -Not -Contain 'UpdateContainerInstancesState'
        (Get-MotoInstance $Cluster $Arns[2]).status | Should -Be 'DRAINING'
    }
}

Describe 'Remove-EcsContainerInstanceX' {
    BeforeAll {
        $Cluster = New-TestName 'dereg'
        $null = New-EcsClusterX $Cluster @Aws
        $forward = Start-RequestRecorder -ForwardTo $Endpoint
        $Via = @{ Region = 'us-east-1'; EndpointUrl = $forward.Url }
        # A task placed on an instance, as ECS would: RunTask with launch type EC2.
        $null = Invoke-MotoEcs -Endpoint $Endpoint -Operation RegisterTaskDefinition -Body @{
            family = 'dereg-web'; requiresCompatibilities = @('EC2'); networkMode = 'bridge'
            containerDefinitions = @(@{ name = 'web'; image = 'nginx:1.27'; memory = 128; essential = $true })
        }
    }
    AfterAll { $forward.Dispose() }
    BeforeEach { $forward.Clear() }

    It 'deregisters an idle instance with -Force -PassThru' {
        $arn = @(New-MotoContainerInstance -Endpoint $Endpoint -Cluster $Cluster)[0]
        $removed = Remove-EcsContainerInstanceX $arn -Force -PassThru @Via

        $removed.ContainerInstanceArn | Should -Be $arn
        @((Invoke-MotoEcs -Endpoint $Endpoint -Operation ListContainerInstances -Body @{ cluster = $Cluster }).containerInstanceArns) | Should -Not -Contain $arn
        Assert-AllFitEcsModel $forward
    }

    It 'refuses an instance that still runs tasks, pointing at draining, and sends no deregistration' {
        $arn = @(New-MotoContainerInstance -Endpoint $Endpoint -Cluster $Cluster)[0]
        $null = Invoke-MotoEcs -Endpoint $Endpoint -Operation StartTask -Body @{ cluster = $Cluster; taskDefinition = 'dereg-web'; containerInstances = @($arn) }
        (Get-MotoInstance $Cluster $arn).runningTasksCount | Should -BeGreaterThan 0

        $run = Invoke-Captured { Remove-EcsContainerInstanceX $arn -Confirm:$false @Via }

        $run.Output | Should -BeNullOrEmpty
        @($run.Errors).Count | Should -Be 1
        $run.Errors[0].FullyQualifiedErrorId | Should -BeLike 'ContainerInstanceHasTasks,*'
        "$($run.Errors[0].CategoryInfo.Category)" | Should -Be 'ResourceBusy'
        $run.Errors[0].ErrorDetails.RecommendedAction | Should -BeLike '*Set-EcsContainerInstanceStateX*-Status DRAINING -Wait*'
        @($forward.Operations) | Should -Not -Contain 'DeregisterContainerInstance'

        # -Force deregisters it anyway, with the API's force flag.
        $null = Remove-EcsContainerInstanceX $arn -Force @Via
        (Get-RequestBody $forward 'DeregisterContainerInstance')[0].force | Should -BeTrue
        Assert-FitsEcsModel $forward 'DeregisterContainerInstance'
    }

    It 'deregisters nothing under -WhatIf' {
        $arn = @(New-MotoContainerInstance -Endpoint $Endpoint -Cluster $Cluster)[0]
        $null = Remove-EcsContainerInstanceX $arn -WhatIf @Via
        @($forward.Operations) | Should -Not -Contain 'DeregisterContainerInstance'
        (Get-MotoInstance $Cluster $arn).containerInstanceArn | Should -Be $arn
    }
}

Describe 'Capacity providers against moto' {
    BeforeAll {
        $forward = Start-RequestRecorder -ForwardTo $Endpoint
        $Via = @{ Region = 'us-east-1'; EndpointUrl = $forward.Url }
    }
    AfterAll { $forward.Dispose() }
    BeforeEach { $forward.Clear() }

    It 'New-EcsCapacityProviderX creates a provider; scaling numbers without -ManagedScaling turn managed scaling on' {
        $name = New-TestName 'cp'
        $provider = New-EcsCapacityProviderX $name $Asg -TargetCapacity 90 -InstanceWarmupPeriod 120 -ManagedDraining enabled -Tag @{ team = 'platform' } @Via

        $provider.PSObject.TypeNames[0] | Should -Be $ProviderType
        $provider.Name | Should -Be $name
        $provider.AutoScalingGroupName | Should -Be 'ecs-prod'
        $provider.ManagedScalingStatus | Should -Be 'ENABLED'
        $provider.TargetCapacity | Should -Be 90
        $provider.ManagedScaling | Should -Be 'ENABLED 90%'
        $sent = (Get-RequestBody $forward 'CreateCapacityProvider')[0]
        $sent.autoScalingGroupProvider.managedScaling.status | Should -BeExactly 'ENABLED'
        $sent.autoScalingGroupProvider.managedScaling.instanceWarmupPeriod | Should -Be 120
        $sent.autoScalingGroupProvider.managedDraining | Should -BeExactly 'ENABLED'
        @($sent.tags).Count | Should -Be 1
        @($forward.Operations) | Should -Be @('CreateCapacityProvider')
        Assert-FitsEcsModel $forward 'CreateCapacityProvider'
        (Get-MotoProvider $name).autoScalingGroupProvider.autoScalingGroupArn | Should -Be $Asg
    }

    It 'a new provider is attached to a cluster with Set-EcsClusterCapacityProviderX' {
        $name = New-TestName 'cp-attach'
        $cluster = New-TestName 'cp-cluster'
        $null = New-EcsClusterX $cluster @Aws
        $provider = New-EcsCapacityProviderX $name $Asg @Aws
        $null = Set-EcsClusterCapacityProviderX -Cluster $cluster -CapacityProvider $provider.Name, FARGATE -DefaultCapacityProviderStrategy "$($provider.Name):1" @Aws

        @((Get-EcsClusterX $cluster @Aws).CapacityProviders) | Should -Contain $name
    }

    It 'Get-EcsCapacityProviderX reads named providers in one request, and a provider by its ARN' {
        $a = New-EcsCapacityProviderX (New-TestName 'cp-get') $Asg @Aws
        $b = New-EcsCapacityProviderX (New-TestName 'cp-get') $Asg @Aws

        $read = @(Get-EcsCapacityProviderX $a.Name, $b.Name @Via)
        $byArn = Get-EcsCapacityProviderX $b.CapacityProviderArn @Via

        @($read.Name | Sort-Object) | Should -Be @($a.Name, $b.Name | Sort-Object)
        $byArn.Name | Should -Be $b.Name
        @($forward.Operations) | Should -Be @('DescribeCapacityProviders', 'DescribeCapacityProviders')
        @((Get-RequestBody $forward 'DescribeCapacityProviders')[0].capacityProviders).Count | Should -Be 2
        Assert-FitsEcsModel $forward 'DescribeCapacityProviders'
    }

    It 'Update-EcsCapacityProviderX changes what is given and keeps the other scaling settings' {
        $provider = New-EcsCapacityProviderX (New-TestName 'cp-upd') $Asg -TargetCapacity 90 -MaximumScalingStepSize 5 @Aws

        $updated = $provider | Update-EcsCapacityProviderX -TargetCapacity 70 -ManagedTerminationProtection ENABLED @Via

        $updated.TargetCapacity | Should -Be 70
        $updated.TerminationProtection | Should -Be 'ENABLED'
        $sent = (Get-RequestBody $forward 'UpdateCapacityProvider')[0]
        $sent.name | Should -Be $provider.Name
        $sent.autoScalingGroupProvider.managedScaling.targetCapacity | Should -Be 70
        $sent.autoScalingGroupProvider.managedScaling.maximumScalingStepSize | Should -Be 5
        $sent.autoScalingGroupProvider.managedScaling.status | Should -Be 'ENABLED'
        Assert-FitsEcsModel $forward 'UpdateCapacityProvider'
    }

    It 'Update-EcsCapacityProviderX sends nothing when the provider already has the settings, and -WhatIf changes nothing' {
        $provider = New-EcsCapacityProviderX (New-TestName 'cp-same') $Asg -TargetCapacity 90 @Aws

        $run = Invoke-Captured { Update-EcsCapacityProviderX $provider.Name -TargetCapacity 90 -Verbose @Via 4>&1 }
        $null = Update-EcsCapacityProviderX $provider.Name -TargetCapacity 50 -WhatIf @Via

        @($forward.Operations) | Should -Not -Contain 'UpdateCapacityProvider'
        @($run.Output | Where-Object { $_ -is [System.Management.Automation.VerboseRecord] }).Message | Should -Contain "The capacity provider '$($provider.Name)' already has these settings; nothing was sent."
        @($run.Output | Where-Object { $_ -isnot [System.Management.Automation.VerboseRecord] })[0].Name | Should -Be $provider.Name
        (Get-MotoProvider $provider.Name).autoScalingGroupProvider.managedScaling.targetCapacity | Should -Be 90
    }

    It 'Remove-EcsCapacityProviderX deletes piped providers with -Force, and nothing under -WhatIf' {
        $keep = New-EcsCapacityProviderX (New-TestName 'cp-keep') $Asg @Aws
        $gone = New-EcsCapacityProviderX (New-TestName 'cp-gone') $Asg @Aws

        $null = $keep | Remove-EcsCapacityProviderX -WhatIf @Via
        @($forward.Operations) | Should -Not -Contain 'DeleteCapacityProvider'
        $deleted = $gone | Remove-EcsCapacityProviderX -Force -PassThru @Via

        $deleted.Name | Should -Be $gone.Name
        Get-MotoProvider $gone.Name | Should -BeNullOrEmpty
        (Get-MotoProvider $keep.Name).name | Should -Be $keep.Name
        Assert-AllFitEcsModel $forward
    }

    It 'shows a table that fits 120 columns, each column a property' {
        $provider = New-EcsCapacityProviderX (New-TestName 'cp-view') $Asg -TargetCapacity 100 @Aws
        $lines = @(($provider | Format-Table | Out-String -Width 200) -split "`r?`n" | Where-Object { $_.Trim() })
        $lines | ForEach-Object { $_.TrimEnd().Length | Should -BeLessOrEqual 120 }
        foreach ($column in ($lines[0] -split '\s+' | Where-Object { $_ })) { $provider.PSObject.Properties.Name | Should -Contain $column }
        $lines[2] | Should -Match 'ENABLED 100%'
    }
}

Describe 'What moto cannot show, against the scripted fake' {
    BeforeEach {
        $fake = New-Fake
        $Fk = @{ Region = 'us-east-1'; EndpointUrl = $fake.Url }
        $Id = '0123456789abcdef0123456789abcdea'
        $Arn = "arn:aws:ecs:us-east-1:123456789012:container-instance/prod/$Id"
    }
    AfterEach {
        Assert-AllFitEcsModel $fake
        @($fake.Unscripted) | Should -BeNullOrEmpty
        $fake.Dispose()
    }

    It 'a drain with -Wait follows the tasks leaving, 3 then 1 then 0, and returns the empty instance' {
        $null = $fake.Enqueue('UpdateContainerInstancesState', [EcsPS.TestFakes.ScriptedResponse]::Json((ConvertTo-Body @{
                        containerInstances = @(New-ContainerInstanceJson -Id $Id -Running 3 -Status DRAINING); failures = @() })))
        $null = $fake.Enqueue('DescribeContainerInstances',
            [EcsPS.TestFakes.ScriptedResponse]::Json((ConvertTo-Body @{ containerInstances = @(New-ContainerInstanceJson -Id $Id -Running 2 -Pending 1 -Status DRAINING); failures = @() })),
            [EcsPS.TestFakes.ScriptedResponse]::Json((ConvertTo-Body @{ containerInstances = @(New-ContainerInstanceJson -Id $Id -Running 1 -Status DRAINING); failures = @() })),
            [EcsPS.TestFakes.ScriptedResponse]::Json((ConvertTo-Body @{ containerInstances = @(New-ContainerInstanceJson -Id $Id -Running 0 -Status DRAINING); failures = @() })))

        $run = Invoke-Captured { Set-EcsContainerInstanceStateX $Arn -Status DRAINING -Wait -PollInterval 1 -Verbose @Fk 4>&1 }

        $run.Errors | Should -BeNullOrEmpty
        $verbose = @($run.Output | Where-Object { $_ -is [System.Management.Automation.VerboseRecord] } | ForEach-Object Message)
        $objects = @($run.Output | Where-Object { $_ -isnot [System.Management.Automation.VerboseRecord] })
        $objects.Count | Should -Be 1
        $objects[0].RunningTasksCount | Should -Be 0
        @($verbose | Where-Object { $_ -like '*0 of 1 instance(s) drained; 2 running and 1 pending task(s) left*' }).Count | Should -Be 1
        @($verbose | Where-Object { $_ -like '*0 of 1 instance(s) drained; 1 running and 0 pending task(s) left*' }).Count | Should -Be 1
        $verbose | Should -Contain '1 container instance drained: no task is left.'
        @($fake.Operations) | Should -Be @('UpdateContainerInstancesState', 'DescribeContainerInstances', 'DescribeContainerInstances', 'DescribeContainerInstances')
    }

    It 'a drain that outlasts -Timeout is an error naming the instance still holding tasks' {
        $null = $fake.Always('UpdateContainerInstancesState', [EcsPS.TestFakes.ScriptedResponse]::Json((ConvertTo-Body @{
                        containerInstances = @(New-ContainerInstanceJson -Id $Id -Running 2 -Status DRAINING); failures = @() })))
        $null = $fake.Always('DescribeContainerInstances', [EcsPS.TestFakes.ScriptedResponse]::Json((ConvertTo-Body @{
                        containerInstances = @(New-ContainerInstanceJson -Id $Id -Running 2 -Status DRAINING -Ec2InstanceId 'i-0fff0000aaaa11112'); failures = @() })))

        $run = Invoke-Captured { Set-EcsContainerInstanceStateX $Arn -Status DRAINING -Wait -Timeout 2 -PollInterval 1 @Fk }

        $run.Output | Should -BeNullOrEmpty
        @($run.Errors).Count | Should -Be 1
        $run.Errors[0].FullyQualifiedErrorId | Should -BeLike 'ContainerInstanceDrainTimedOut,*'
        "$($run.Errors[0].CategoryInfo.Category)" | Should -Be 'OperationTimeout'
        $run.Errors[0].Exception.Message | Should -BeLike "*still hold tasks after 2 s: $Id (i-0fff0000aaaa11112): 2 running, 0 pending*"
        @($run.Errors[0].TargetObject) | Should -Be @($Arn)
    }

    It 'UpdateContainerInstancesState failures are errors for those instances, and the others are written' {
        $missing = '0123456789abcdef0123456789abcdeb'
        $inactive = '0123456789abcdef0123456789abcdec'
        $null = $fake.Enqueue('UpdateContainerInstancesState', [EcsPS.TestFakes.ScriptedResponse]::Json((ConvertTo-Body @{
                        containerInstances = @(New-ContainerInstanceJson -Id $Id -Status DRAINING)
                        failures           = @(
                            @{ arn = "arn:aws:ecs:us-east-1:123456789012:container-instance/prod/$missing"; reason = 'MISSING' }
                            @{ arn = "arn:aws:ecs:us-east-1:123456789012:container-instance/prod/$inactive"; reason = 'INACTIVE'; detail = 'The container instance is deregistered.' }
                        )
                    })))

        $run = Invoke-Captured { Set-EcsContainerInstanceStateX $Id, $missing, $inactive -Cluster prod -Status DRAINING @Fk }

        @($run.Output).Count | Should -Be 1
        $run.Output[0].ContainerInstanceId | Should -Be $Id
        @($run.Errors).Count | Should -Be 2
        $notFound = $run.Errors | Where-Object TargetObject -eq $missing
        $notFound.FullyQualifiedErrorId | Should -BeLike 'ContainerInstanceNotFoundException,*'
        $failed = $run.Errors | Where-Object TargetObject -eq $inactive
        $failed.FullyQualifiedErrorId | Should -BeLike 'INACTIVE,*'
        $failed.Exception.Message | Should -BeLike "*could not be set to DRAINING: INACTIVE (The container instance is deregistered)*"
        @($fake.Operations) | Should -Be @('UpdateContainerInstancesState')
    }

    It 'a create whose answer is lost is sent again, and the "already exists" answer is settled by reading the provider back' {
        $provider = @{
            name = 'prod-ec2'; capacityProviderArn = 'arn:aws:ecs:us-east-1:123456789012:capacity-provider/prod-ec2'; status = 'ACTIVE'; type = 'EC2_AUTOSCALING'
            autoScalingGroupProvider = @{ autoScalingGroupArn = $Asg; managedScaling = @{ status = 'ENABLED'; targetCapacity = 90 }; managedTerminationProtection = 'DISABLED' }
        }
        $null = $fake.Enqueue('CreateCapacityProvider',
            [EcsPS.TestFakes.ScriptedResponse]::Json((ConvertTo-Body @{ capacityProvider = $provider })).CutShort(20),
            [EcsPS.TestFakes.ScriptedResponse]::Error('ClientException', 'The specified capacity provider already exists. To change the configuration of an existing capacity provider, update the capacity provider.'))
        $null = $fake.Enqueue('DescribeCapacityProviders', [EcsPS.TestFakes.ScriptedResponse]::Json((ConvertTo-Body @{ capacityProviders = @($provider); failures = @() })))

        $run = Invoke-Captured { New-EcsCapacityProviderX prod-ec2 $Asg -TargetCapacity 90 @Fk }

        $run.Errors | Should -BeNullOrEmpty
        @($run.Output).Count | Should -Be 1
        $run.Output[0].Name | Should -Be 'prod-ec2'
        $run.Output[0].AutoScalingGroupName | Should -Be 'ecs-prod'
        @($fake.Operations) | Should -Be @('CreateCapacityProvider', 'CreateCapacityProvider', 'DescribeCapacityProviders')
    }

    It 'a name taken before is the service''s error, with advice' {
        $null = $fake.Enqueue('CreateCapacityProvider', [EcsPS.TestFakes.ScriptedResponse]::Error('ClientException', 'The specified capacity provider already exists.'))

        $run = Invoke-Captured { New-EcsCapacityProviderX prod-ec2 $Asg @Fk }

        @($run.Errors).Count | Should -Be 1
        $run.Errors[0].FullyQualifiedErrorId | Should -BeLike 'ClientException,*'
        $run.Errors[0].ErrorDetails.RecommendedAction | Should -BeLike '*Get-EcsCapacityProviderX*Update-EcsCapacityProviderX*'
        @($fake.Operations) | Should -Be @('CreateCapacityProvider')
    }

    It 'Get-EcsCapacityProviderX without a name reads every provider, 10 to a page, FARGATE and FARGATE_SPOT included; two wildcards share one listing and what it found is not described again' {
        function Provider($Name) { @{ name = $Name; capacityProviderArn = "arn:aws:ecs:us-east-1:123456789012:capacity-provider/$Name"; status = 'ACTIVE' } }
        $first = @('FARGATE', 'FARGATE_SPOT') + @(1..8 | ForEach-Object { "ec2-$_" })
        $null = $fake.Enqueue('DescribeCapacityProviders',
            [EcsPS.TestFakes.ScriptedResponse]::Json((ConvertTo-Body @{ capacityProviders = @($first | ForEach-Object { Provider $_ }); nextToken = 'page2' })),
            [EcsPS.TestFakes.ScriptedResponse]::Json((ConvertTo-Body @{ capacityProviders = @(Provider 'ec2-9') })),
            [EcsPS.TestFakes.ScriptedResponse]::Json((ConvertTo-Body @{ capacityProviders = @($first | ForEach-Object { Provider $_ }) })))

        $all = @(Get-EcsCapacityProviderX @Fk)
        $matched = @(Get-EcsCapacityProviderX 'ec2-1*', 'nomatch-*' -Verbose @Fk 4>&1)

        $all.Count | Should -Be 11
        @($all.Name) | Should -Contain 'FARGATE_SPOT'
        $bodies = @(Get-RequestBody $fake 'DescribeCapacityProviders')
        $bodies.Count | Should -Be 3
        $bodies | ForEach-Object { $_.maxResults | Should -Be 10 }
        $bodies[1].nextToken | Should -Be 'page2'
        @($matched | Where-Object { $_ -isnot [System.Management.Automation.VerboseRecord] }).Name | Should -Be @('ec2-1')
        @($matched | Where-Object { $_ -is [System.Management.Automation.VerboseRecord] }).Message | Should -Contain "No capacity provider matches 'nomatch-*'."
    }

    It 'tab completion of -Name lists the account''s providers and the built-in ones' {
        $page = @{ capacityProviders = @(@{ name = 'prod-ec2' }, @{ name = 'FARGATE' }) }
        $null = $fake.Always('DescribeCapacityProviders', [EcsPS.TestFakes.ScriptedResponse]::Json((ConvertTo-Body $page)))
        $line = "Get-EcsCapacityProviderX -Region us-east-1 -EndpointUrl $($fake.Url) -Name "

        $all = @((TabExpansion2 -inputScript $line -cursorColumn $line.Length).CompletionMatches.CompletionText)
        $pr = @((TabExpansion2 -inputScript "${line}pr" -cursorColumn ($line.Length + 2)).CompletionMatches.CompletionText)

        $all | Should -Be @('FARGATE', 'FARGATE_SPOT', 'prod-ec2')
        $pr | Should -Be @('prod-ec2')
    }
}
