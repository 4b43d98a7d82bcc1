# The tag and account setting cmdlets, run from the published module against moto_server on
# 127.0.0.1 through a recorder that forwards to it, so that every request is also checked against
# botocore's ECS model (the last Describe). moto tags clusters, services, task definitions and
# capacity providers; for tasks and container instances it answers a missing resource with HTTP
# 500, and it answers PutAccountSettingDefault with HTTP 500 and pages no account settings, so
# those are shown against the scripted loopback fake, with answers shaped as the model says.
# Only behaviour that real ECS also has is asserted (see shared/notes/moto.md).

BeforeAll {
    Import-Module (Join-Path $PSScriptRoot 'TestHelpers.psm1') -Force
    Import-Module (Join-Path $PSScriptRoot 'ServiceHelpers.psm1') -Force
    $Endpoint = Initialize-EcsTestEnvironment
    Reset-EcsTestState -Endpoint $Endpoint
    $Forward = Start-RequestRecorder -ForwardTo $Endpoint
    $Aws = @{ Region = 'us-east-1'; EndpointUrl = $Forward.Url }
    $TagType = 'EcsPS.Engine.Ecs.Model.ResourceTag'
    # The Engine's model types, for objects the cmdlets of other areas return (tasks, container
    # instances, capacity providers), built here as those cmdlets would write them.
    $Model = (Get-Command Get-EcsTagX).OutputType[0].Type.Assembly
    function New-ModelObject([string] $Name, [hashtable] $Properties) {
        $object = [Activator]::CreateInstance($Model.GetType("EcsPS.Engine.Ecs.Model.$Name"))
        foreach ($key in $Properties.Keys) { $object.$key = $Properties[$key] }
        $object
    }
    function Get-MotoTags([string] $Arn) {
        $table = @{}
        foreach ($tag in @((Invoke-MotoEcs -Endpoint $Endpoint -Operation ListTagsForResource -Body @{ resourceArn = $Arn }).tags)) {
            if ($tag) { $table[$tag.key] = $tag.value }
        }
        $table
    }
    function New-TaggedService([string] $Cluster, [string] $Service, [hashtable] $Tag) {
        $family = New-TestName 'tagfam'
        $web = New-EcsContainerDefinitionX -Name web -Image 'public.ecr.aws/nginx/nginx:1.27' -PortMapping @{ ContainerPort = 80; HostPort = 0 } -Memory 256
        $null = Register-EcsTaskDefinitionX -Family $family -ContainerDefinition $web -NetworkMode bridge -RequiresCompatibility EC2 @Aws
        New-EcsServiceX -ServiceName $Service -TaskDefinition $family -Cluster $Cluster -LaunchType EC2 -DesiredCount 0 -Tag $Tag @Aws
    }
    function New-Fake { [EcsPS.TestFakes.ScriptedAwsServer]::new('tags') }
    function Json([string] $Text) { [EcsPS.TestFakes.ScriptedResponse]::Json($Text) }
}

Describe 'Tags and account settings' {
    # Every request that reached moto, whatever the test, fits botocore's ECS model.
    AfterEach {
        foreach ($request in @($Forward.Requests | Where-Object Protocol -eq 'json')) {
            @(Test-EcsRequestShape -Operation $request.Operation -Body $request.Body) | Should -BeNullOrEmpty -Because "$($request.Operation) $($request.Body)"
        }
    }

    Describe 'Get-EcsTagX' {
        BeforeAll {
            $cluster = New-TestName 'tagc'
            $clusterObject = New-EcsClusterX $cluster -Tag @{ team = 'platform'; env = 'prod' } @Aws
            $web = New-TaggedService $cluster 'web' @{ owner = 'payments'; tier = 'front' }
            $worker = New-TaggedService $cluster 'worker' @{ owner = 'search' }
        }

        It 'writes one row per tag of the clusters piped from Get-EcsClusterX' {
            $rows = @(Get-EcsClusterX $cluster @Aws | Get-EcsTagX @Aws | Sort-Object Key)

            $rows.Count | Should -Be 2
            $rows[0].PSObject.TypeNames[0] | Should -Be $TagType
            @($rows.Key) | Should -Be @('env', 'team')
            $rows[1].Value | Should -Be 'platform'
            $rows[0].ResourceArn | Should -Be $clusterObject.ClusterArn
            $rows[0].ResourceType | Should -Be 'cluster'
            $rows[0].ResourceName | Should -Be $cluster
            $rows[0].Region | Should -Be 'us-east-1'
        }

        It 'reads a piped service''s own tags, not its cluster''s (a Service has a ClusterArn too)' {
            $Forward.Clear()
            $rows = @(Get-EcsServiceX -Cluster $cluster @Aws | Get-EcsTagX @Aws)

            @($rows.Key | Sort-Object -Unique) | Should -Be @('owner', 'tier')
            @($rows | Where-Object Key -eq owner | Sort-Object Value).Value | Should -Be @('payments', 'search')
            ($rows | Where-Object Value -eq payments).ResourceArn | Should -Be $web.ServiceArn
            ($rows | Where-Object Value -eq payments).ResourceName | Should -Be "$cluster/web"
            @($Forward.Requests | Where-Object Operation -eq ListTagsForResource | ForEach-Object { ($_.Body | ConvertFrom-Json).resourceArn }) |
                Should -Not -Contain $clusterObject.ClusterArn
        }

        It 'answers Where-Object Key -eq owner across a cluster''s services' {
            $owned = @(Get-EcsServiceX -Cluster $cluster @Aws | Get-EcsTagX @Aws | Where-Object Key -eq owner)
            @($owned.ResourceName | Sort-Object) | Should -Be @("$cluster/web", "$cluster/worker")
        }

        It 'reads the tags of task definition revisions piped from Get-EcsTaskDefinitionX' {
            $family = New-TestName 'tagtd'
            $web = New-EcsContainerDefinitionX -Name web -Image 'public.ecr.aws/nginx/nginx:1.27' -Memory 256
            $definition = Register-EcsTaskDefinitionX -Family $family -ContainerDefinition $web -RequiresCompatibility EC2 -Tag @{ app = 'web' } @Aws

            $rows = @(Get-EcsTaskDefinitionX $family @Aws | Get-EcsTagX @Aws)

            $rows.Count | Should -Be 1
            $rows[0].Key | Should -Be 'app'
            $rows[0].ResourceArn | Should -Be $definition.TaskDefinitionArn
            $rows[0].ResourceName | Should -Be "${family}:1"
        }

        It 'filters by -Key, with wildcards, and is quiet when nothing matches' {
            (Get-EcsTagX $clusterObject.ClusterArn -Key 'TE*' @Aws).Key | Should -Be 'team'
            $result = Invoke-Captured { Get-EcsTagX $clusterObject.ClusterArn -Key nothing -Verbose @Aws 4>&1 }
            @($result.Output | Where-Object { $_ -isnot [System.Management.Automation.VerboseRecord] }) | Should -BeNullOrEmpty
            @($result.Output | Where-Object { $_ -is [System.Management.Automation.VerboseRecord] }).Message -match 'has no tag with a key like nothing' |
                Should -Not -BeNullOrEmpty
            $result.Errors | Should -BeNullOrEmpty
        }

        It 'takes ARN strings and objects with a ResourceArn or Arn property from the pipeline' {
            $rows = @($clusterObject.ClusterArn, [pscustomobject]@{ ResourceArn = $web.ServiceArn }, [pscustomobject]@{ Arn = $worker.ServiceArn } | Get-EcsTagX @Aws)
            @($rows.ResourceArn | Sort-Object -Unique) | Should -Be @(@($clusterObject.ClusterArn, $web.ServiceArn, $worker.ServiceArn) | Sort-Object)
        }

        It 'reads each resource once when its own tag rows are piped back in' {
            $Forward.Clear()
            $rows = @(Get-EcsTagX $clusterObject.ClusterArn @Aws | Get-EcsTagX @Aws)
            $rows.Count | Should -Be 2
            @($Forward.Requests | Where-Object Operation -eq ListTagsForResource).Count | Should -Be 2
        }

        It 'reports a missing cluster, service and task definition with the ErrorId of each type, and goes on' {
            $missing = @(
                "arn:aws:ecs:us-east-1:123456789012:cluster/$(New-TestName 'gone')"
                "arn:aws:ecs:us-east-1:123456789012:service/$cluster/$(New-TestName 'gone')"
                "arn:aws:ecs:us-east-1:123456789012:task-definition/$(New-TestName 'gone'):1"
            )
            $result = Invoke-Captured { $missing[0], $missing[1], $clusterObject.ClusterArn, $missing[2] | Get-EcsTagX @Aws }

            @($result.Output.ResourceArn | Sort-Object -Unique) | Should -Be $clusterObject.ClusterArn
            @($result.Errors.FullyQualifiedErrorId | ForEach-Object { $_.Split(',')[0] }) |
                Should -Be @('ClusterNotFoundException', 'ServiceNotFoundException', 'TaskDefinitionNotFoundException')
            @($result.Errors | ForEach-Object { "$($_.CategoryInfo.Category)" } | Sort-Object -Unique) | Should -Be 'ObjectNotFound'
            @($result.Errors.TargetObject) | Should -Be $missing
        }

        It 'refuses a piped object with no ARN of its own, alone, and reads the next' {
            $result = Invoke-Captured { [pscustomobject]@{ ClusterName = $cluster }, $clusterObject | Get-EcsTagX @Aws }
            $result.Errors.Count | Should -Be 1
            $result.Errors[0].FullyQualifiedErrorId | Should -BeLike 'InvalidResourceArn,*'
            $result.Output.Count | Should -Be 2
        }

        It 'reads capacity providers by their CapacityProviderArn' {
            $name = New-TestName 'tagcp'
            $created = Invoke-MotoEcs -Endpoint $Endpoint -Operation CreateCapacityProvider -Body @{
                name = $name
                autoScalingGroupProvider = @{ autoScalingGroupArn = "arn:aws:autoscaling:us-east-1:123456789012:autoScalingGroup:0:autoScalingGroupName/$name" }
                tags = @(@{ key = 'pool'; value = 'spot' })
            }
            $provider = New-ModelObject CapacityProvider @{ CapacityProviderArn = $created.capacityProvider.capacityProviderArn; Name = $name }

            $rows = @($provider | Get-EcsTagX @Aws)

            $rows.Count | Should -Be 1
            $rows[0].Key | Should -Be 'pool'
            $rows[0].ResourceType | Should -Be 'capacity-provider'
        }
    }

    Describe 'Tasks and container instances (scripted ECS)' {
        BeforeAll {
            $fake = New-Fake
            $Via = @{ Region = 'us-east-1'; EndpointUrl = $fake.Url }
            $taskArn = 'arn:aws:ecs:us-east-1:123456789012:task/prod/0123456789abcdef0123456789abcdef'
            $instanceArn = 'arn:aws:ecs:us-east-1:123456789012:container-instance/prod/fedcba9876543210fedcba9876543210'
        }
        AfterAll { $fake.Dispose() }
        BeforeEach { $fake.Reset() }

        It 'reads a piped task by its TaskArn, not its cluster''s, definition''s or instance''s ARN' {
            $task = New-ModelObject Task @{
                TaskArn              = $taskArn
                ClusterArn           = 'arn:aws:ecs:us-east-1:123456789012:cluster/prod'
                TaskDefinitionArn    = 'arn:aws:ecs:us-east-1:123456789012:task-definition/web:3'
                ContainerInstanceArn = $instanceArn
            }
            $null = $fake.Enqueue('ListTagsForResource', (Json '{"tags":[{"key":"owner","value":"payments"}]}'))

            $rows = @($task | Get-EcsTagX @Via)

            ($fake.RequestsFor('ListTagsForResource')[0].Body | ConvertFrom-Json).resourceArn | Should -Be $taskArn
            $rows.Count | Should -Be 1
            $rows[0].ResourceType | Should -Be 'task'
            $rows[0].ResourceName | Should -Be 'prod/0123456789abcdef0123456789abcdef'
        }

        It 'tags a piped container instance by its ContainerInstanceArn' {
            $instance = New-ModelObject ContainerInstance @{ ContainerInstanceArn = $instanceArn; Ec2InstanceId = 'i-0123456789abcdef0' }
            $null = $fake.Enqueue('ListTagsForResource', (Json '{"tags":[]}'))
            $null = $fake.Enqueue('TagResource', (Json '{}'))

            $instance | Add-EcsTagX -Tag @{ rack = 'b2' } @Via

            $sent = $fake.RequestsFor('TagResource')[0].Body | ConvertFrom-Json
            $sent.resourceArn | Should -Be $instanceArn
            $sent.tags[0].key | Should -Be 'rack'
        }

        It 'reports ECS''s ResourceNotFoundException for a task as TaskNotFoundException' {
            $null = $fake.Enqueue('ListTagsForResource', [EcsPS.TestFakes.ScriptedResponse]::Error('InvalidParameterException', 'The specified task is not found.'))
            $null = $fake.Enqueue('UntagResource', [EcsPS.TestFakes.ScriptedResponse]::Error('ResourceNotFoundException', 'The specified resource could not be found.'))

            $read = Invoke-Captured { Get-EcsTagX $taskArn @Via }
            $removed = Invoke-Captured { Remove-EcsTagX $instanceArn -Key owner -Force @Via }

            $read.Errors[0].FullyQualifiedErrorId | Should -BeLike 'TaskNotFoundException,*'
            "$($read.Errors[0].CategoryInfo.Category)" | Should -Be 'ObjectNotFound'
            $removed.Errors[0].FullyQualifiedErrorId | Should -BeLike 'ContainerInstanceNotFoundException,*'
        }

        It 'keeps ECS''s own error when it is not about a missing resource' {
            $null = $fake.Enqueue('ListTagsForResource', [EcsPS.TestFakes.ScriptedResponse]::Error('InvalidParameterException', 'Long arn format must be used for tagging operations'))
            $result = Invoke-Captured { Get-EcsTagX $taskArn @Via }
            $result.Errors[0].FullyQualifiedErrorId | Should -BeLike 'InvalidParameterException,*'
            "$($result.Errors[0].CategoryInfo.Category)" | Should -Be 'InvalidArgument'
        }

        It 'says what to do when ECS still finds too many tags (another writer came between)' {
            $null = $fake.Enqueue('ListTagsForResource', (Json '{"tags":[]}'))
            $null = $fake.Enqueue('TagResource', [EcsPS.TestFakes.ScriptedResponse]::Error('LimitExceededException', 'The number of tags exceeds the limit.'))
            $result = Invoke-Captured { Add-EcsTagX $taskArn -Tag @{ owner = 'ops' } @Via }
            $result.Errors[0].FullyQualifiedErrorId | Should -BeLike 'LimitExceededException,*'
            $result.Errors[0].ErrorDetails.RecommendedAction | Should -Match 'Remove-EcsTagX'
        }

        It 'sends an ARN of another Region to that Region' {
            $null = $fake.Enqueue('ListTagsForResource', (Json '{"tags":[]}'))
            $arn = 'arn:aws:ecs:eu-west-1:123456789012:cluster/prod'
            Invoke-WithEnvironment @{ AWS_REGION = 'us-east-1' } { $null = Get-EcsTagX $arn -EndpointUrl $fake.Url }
            $fake.RequestsFor('ListTagsForResource')[0].Authorization.Region | Should -Be 'eu-west-1'
        }

        It 'fits the ECS model in every request it sent' {
            foreach ($request in @($fake.Requests)) {
                @(Test-EcsRequestShape -Operation $request.Operation -Body $request.Body) | Should -BeNullOrEmpty
            }
        }
    }

    Describe 'Add-EcsTagX' {
        BeforeAll {
            $cluster = New-TestName 'tagadd'
            $clusterObject = New-EcsClusterX $cluster -Tag @{ team = 'platform' } @Aws
            $web = New-TaggedService $cluster 'web' @{ tier = 'front' }
            $api = New-TaggedService $cluster 'api' @{}
        }
        BeforeEach { $Forward.Clear() }

        It 'tags every service piped from Get-EcsServiceX, and not their cluster' {
            Get-EcsServiceX -Cluster $cluster @Aws | Add-EcsTagX -Tag @{ owner = 'payments' } @Aws

            (Get-MotoTags $web.ServiceArn)['owner'] | Should -Be 'payments'
            (Get-MotoTags $web.ServiceArn)['tier'] | Should -Be 'front'
            (Get-MotoTags $api.ServiceArn)['owner'] | Should -Be 'payments'
            (Get-MotoTags $clusterObject.ClusterArn).ContainsKey('owner') | Should -BeFalse
        }

        It 'overwrites a value and, with -PassThru, writes every tag after the change' {
            $rows = @($clusterObject | Add-EcsTagX -Tag @{ team = 'payments'; 'cost-center' = 4711 } -PassThru @Aws | Sort-Object Key)

            @($rows.Key) | Should -Be @('cost-center', 'team')
            @($rows.Value) | Should -Be @('4711', 'payments')
            $rows[0].PSObject.TypeNames[0] | Should -Be $TagType
            (Get-MotoTags $clusterObject.ClusterArn)['team'] | Should -Be 'payments'
        }

        It 'tags task definition revisions piped from Get-EcsTaskDefinitionX' {
            $family = New-TestName 'tagaddtd'
            $container = New-EcsContainerDefinitionX -Name web -Image 'public.ecr.aws/nginx/nginx:1.27' -Memory 256
            $definition = Register-EcsTaskDefinitionX -Family $family -ContainerDefinition $container -RequiresCompatibility EC2 @Aws

            Get-EcsTaskDefinitionX $family @Aws | Add-EcsTagX -Tag @{ app = 'web' } @Aws

            (Get-MotoTags $definition.TaskDefinitionArn)['app'] | Should -Be 'web'
        }

        It 'tags a resource piped in twice once' {
            $clusterObject, $clusterObject.ClusterArn | Add-EcsTagX -Tag @{ twice = 'no' } @Aws
            @($Forward.Requests | Where-Object Operation -eq TagResource).Count | Should -Be 1
        }

        It 'sends nothing with -WhatIf' {
            $result = Get-WhatIfLine { Get-EcsServiceX -Cluster $cluster @Aws | Add-EcsTagX -Tag @{ owner = 'nobody' } -WhatIf @Aws }

            @($result.Lines).Count | Should -Be 2
            $result.Lines[0] | Should -Match 'Add or overwrite tags owner=nobody'
            @($Forward.Requests | Where-Object Operation -in 'TagResource', 'ListTagsForResource') | Should -BeNullOrEmpty
            (Get-MotoTags $web.ServiceArn)['owner'] | Should -Be 'payments'
        }

        It 'refuses tags that would take a resource past 50, sends no change, and takes exactly 50' {
            $full = New-EcsClusterX (New-TestName 'tagfull') @Aws
            $null = Invoke-MotoEcs -Endpoint $Endpoint -Operation TagResource -Body @{
                resourceArn = $full.ClusterArn; tags = @(1..45 | ForEach-Object { @{ key = "k$_"; value = 'v' } })
            }
            $six = @{}; 1..6 | ForEach-Object { $six["new$_"] = 'v' }
            $Forward.Clear()

            $result = Invoke-Captured { $full | Add-EcsTagX -Tag $six @Aws }

            $result.Errors.Count | Should -Be 1
            $result.Errors[0].FullyQualifiedErrorId | Should -BeLike 'TooManyTags,*'
            "$($result.Errors[0].CategoryInfo.Category)" | Should -Be 'LimitsExceeded'
            $result.Errors[0].Exception.Message | Should -Match 'has 45 tags; with these 6 it would have 51'
            @($Forward.Requests | Where-Object Operation -eq TagResource) | Should -BeNullOrEmpty

            # Overwriting keys it has does not count twice: 45 + 5 new = 50.
            $five = @{ k1 = 'changed' }; 1..5 | ForEach-Object { $five["new$_"] = 'v' }
            $full | Add-EcsTagX -Tag $five @Aws
            (Get-MotoTags $full.ClusterArn).Count | Should -Be 50
        }

        It 'refuses 51 tags at binding, before sending' {
            $many = @{}; 1..51 | ForEach-Object { $many["k$_"] = 'v' }
            $result = Invoke-Captured { Add-EcsTagX $clusterObject.ClusterArn -Tag $many @Aws }
            $result.Errors[0].FullyQualifiedErrorId | Should -BeLike 'ParameterArgumentValidationError,*'
            $result.Errors[0].Exception.Message | Should -Match 'at most 50'
            $Forward.Count | Should -Be 0
        }

        It 'reports a cluster that does not exist as ClusterNotFoundException and sends no change' {
            $gone = "arn:aws:ecs:us-east-1:123456789012:cluster/$(New-TestName 'gone')"
            $result = Invoke-Captured { Add-EcsTagX $gone -Tag @{ a = 'b' } @Aws }
            $result.Errors[0].FullyQualifiedErrorId | Should -BeLike 'ClusterNotFoundException,*'
            $result.Errors[0].TargetObject | Should -Be $gone
            @($Forward.Requests | Where-Object Operation -eq TagResource) | Should -BeNullOrEmpty
        }

        It 'refuses a bad ARN before sending' {
            $result = Invoke-Captured { Add-EcsTagX 'arn:aws:ecs:us-east-1:123456789012:task-definition/web' -Tag @{ a = 'b' } @Aws }
            $result.Errors[0].FullyQualifiedErrorId | Should -BeLike 'ParameterArgumentValidationError,*'
            $Forward.Count | Should -Be 0
        }
    }

    Describe 'Remove-EcsTagX' {
        BeforeAll {
            $cluster = New-TestName 'tagrm'
            $clusterObject = New-EcsClusterX $cluster -Tag @{ team = 'platform'; 'tmp-a' = '1'; 'tmp-b' = '2' } @Aws
            $other = New-EcsClusterX (New-TestName 'tagrm') -Tag @{ 'tmp-c' = '3'; keep = 'yes' } @Aws
        }
        BeforeEach { $Forward.Clear() }

        It 'sends nothing with -WhatIf' {
            $result = Get-WhatIfLine { $clusterObject | Remove-EcsTagX -Key team -WhatIf @Aws }
            $result.Lines | Should -Match 'Remove tags team'
            $Forward.Count | Should -Be 0
            (Get-MotoTags $clusterObject.ClusterArn).ContainsKey('team') | Should -BeTrue
        }

        It 'removes the tag rows of Get-EcsTagX piped in, one request per resource' {
            Get-EcsTagX $clusterObject.ClusterArn, $other.ClusterArn -Key 'tmp-*' @Aws | Remove-EcsTagX -Force @Aws

            $untag = @(Get-RequestBody $Forward 'UntagResource')
            $untag.Count | Should -Be 2
            @($untag[0].tagKeys | Sort-Object) | Should -Be @('tmp-a', 'tmp-b')
            @($untag[1].tagKeys) | Should -Be @('tmp-c')
            @((Get-MotoTags $clusterObject.ClusterArn).Keys) | Should -Be @('team')
            @((Get-MotoTags $other.ClusterArn).Keys) | Should -Be @('keep')
        }

        It 'removes keys from piped clusters and, with -PassThru, writes what is left; an absent key is no error' {
            $result = Invoke-Captured { $other | Remove-EcsTagX -Key keep, never-there -PassThru -Force @Aws }
            $result.Errors | Should -BeNullOrEmpty
            $result.Output | Should -BeNullOrEmpty
            (Get-MotoTags $other.ClusterArn).Count | Should -Be 0
        }

        It 'reports a service that does not exist as ServiceNotFoundException' {
            $gone = "arn:aws:ecs:us-east-1:123456789012:service/$cluster/$(New-TestName 'gone')"
            $result = Invoke-Captured { Remove-EcsTagX $gone -Key team -Force @Aws }
            $result.Errors[0].FullyQualifiedErrorId | Should -BeLike 'ServiceNotFoundException,*'
        }

        It 'refuses the reserved aws: prefix before sending' {
            $result = Invoke-Captured { $clusterObject | Remove-EcsTagX -Key 'aws:cloudformation:stack-name' -Force @Aws }
            $result.Errors[0].Exception.Message | Should -Match "reserved 'aws:' prefix"
            $Forward.Count | Should -Be 0
        }
    }

    Describe 'Get-EcsAccountSettingX and Set-EcsAccountSettingX' {
        BeforeAll { Reset-EcsTestState -Endpoint $Endpoint }
        BeforeEach { $Forward.Clear() }

        It 'sets a setting for the caller in ECS''s spelling and writes it; Get-EcsAccountSettingX reads it back' {
            $set = Set-EcsAccountSettingX -Name ContainerInsights -Value Enhanced @Aws

            $set.PSObject.TypeNames[0] | Should -Be 'EcsPS.Engine.Ecs.Model.Setting'
            $set.Name | Should -BeExactly 'containerInsights'
            $set.Value | Should -BeExactly 'enhanced'
            $body = (Get-RequestBody $Forward 'PutAccountSetting')[0]
            $body.name | Should -BeExactly 'containerInsights'
            $body.value | Should -BeExactly 'enhanced'
            $body.PSObject.Properties.Name | Should -Not -Contain 'principalArn'

            (Get-EcsAccountSettingX -Name containerInsights @Aws).Value | Should -Be 'enhanced'
        }

        It 'sends -PrincipalArn with the setting' {
            $role = 'arn:aws:iam::123456789012:role/deploy'
            $null = Set-EcsAccountSettingX awsvpcTrunking enabled -PrincipalArn $role @Aws
            (Get-RequestBody $Forward 'PutAccountSetting')[0].principalArn | Should -Be $role
        }

        It 'sends nothing with -WhatIf' {
            $result = Get-WhatIfLine { Set-EcsAccountSettingX containerInsights disabled -Default -WhatIf @Aws }
            $result.Lines | Should -Match 'Set ECS account setting containerInsights=disabled.*account default'
            $Forward.Count | Should -Be 0
        }

        It 'copies piped settings by their Name and Value' {
            $piped = [pscustomobject]@{ Name = 'taskLongArnFormat'; Value = 'enabled' }, [pscustomobject]@{ Name = 'fargateTaskRetirementWaitPeriod'; Value = 14 }
            $out = @($piped | Set-EcsAccountSettingX @Aws)
            @($out.Name) | Should -Be @('taskLongArnFormat', 'fargateTaskRetirementWaitPeriod')
            @((Get-RequestBody $Forward 'PutAccountSetting').value) | Should -Be @('enabled', '14')
        }

        It 'takes the setting names of botocore''s SettingName enum, no more and no fewer' {
            $python = (Get-Command python3 -CommandType Application | Select-Object -First 1).Source
            $enum = @((& $python -c "import botocore.session; print(' '.join(botocore.session.get_session().get_service_model('ecs').shape_for('SettingName').enum))").Trim().Split(' ') | Sort-Object)
            $enum.Count | Should -BeGreaterThan 5
            foreach ($name in 'Get-EcsAccountSettingX', 'Set-EcsAccountSettingX') {
                $set = (Get-Command $name).Parameters['Name'].Attributes | Where-Object { $_ -is [System.Management.Automation.ValidateSetAttribute] }
                @($set.ValidValues | Sort-Object) | Should -Be $enum
            }
        }

        It 'shows Name, Value, Type and PrincipalArn in its table' {
            $text = Get-EcsAccountSettingX @Aws | Format-Table | Out-String -Width 120 | Remove-Ansi
            $text | Should -Match 'Name\s+Value\s+Type\s+PrincipalArn'
            $text | Should -Match 'containerInsights\s+enhanced'
        }
    }

    Describe 'Account settings ECS pages and defaults (scripted ECS)' {
        BeforeAll {
            $fake = New-Fake
            $Via = @{ Region = 'us-east-1'; EndpointUrl = $fake.Url }
        }
        AfterAll { $fake.Dispose() }
        BeforeEach { $fake.Reset() }

        It 'pages ListAccountSettings 10 at a time and writes every setting' {
            $first = (1..10 | ForEach-Object { '{"name":"containerInsights","value":"enabled","principalArn":"arn:aws:iam::123456789012:user/u' + $_ + '","type":"user"}' }) -join ','
            $null = $fake.Enqueue('ListAccountSettings',
                (Json ('{"settings":[' + $first + '],"nextToken":"page-2"}')),
                (Json '{"settings":[{"name":"serviceLongArnFormat","value":"enabled","principalArn":"arn:aws:iam::123456789012:root","type":"aws_managed"}]}'))

            $settings = @(Get-EcsAccountSettingX -EffectiveSettings -PrincipalArn arn:aws:iam::123456789012:root @Via)

            $settings.Count | Should -Be 11
            $settings[10].Type | Should -Be 'aws_managed'
            $sent = @($fake.RequestsFor('ListAccountSettings') | ForEach-Object { $_.Body | ConvertFrom-Json })
            $sent.Count | Should -Be 2
            $sent[0].maxResults | Should -Be 10
            $sent[0].effectiveSettings | Should -BeTrue
            $sent[0].principalArn | Should -Be 'arn:aws:iam::123456789012:root'
            $sent[1].nextToken | Should -Be 'page-2'
        }

        It 'asks once per -Name' {
            $null = $fake.Always('ListAccountSettings', (Json '{"settings":[]}'))
            $null = Get-EcsAccountSettingX -Name containerInsights, awsvpcTrunking @Via
            @($fake.RequestsFor('ListAccountSettings') | ForEach-Object { ($_.Body | ConvertFrom-Json).name }) | Should -Be @('containerInsights', 'awsvpcTrunking')
        }

        It 'sets the account default with -Default (PutAccountSettingDefault, no principal)' {
            $null = $fake.Enqueue('PutAccountSettingDefault', (Json '{"setting":{"name":"containerInsights","value":"enhanced","principalArn":"arn:aws:iam::123456789012:root","type":"user"}}'))

            $setting = Set-EcsAccountSettingX -Name containerInsights -Value enhanced -Default @Via

            $setting.Value | Should -Be 'enhanced'
            $fake.Operations | Should -Be @('PutAccountSettingDefault')
            $body = $fake.RequestsFor('PutAccountSettingDefault')[0].Body | ConvertFrom-Json
            @($body.PSObject.Properties.Name | Sort-Object) | Should -Be @('name', 'value')
        }

        It 'fits the ECS model in every request it sent' {
            $null = $fake.Always('ListAccountSettings', (Json '{"settings":[]}'))
            $null = $fake.Always('PutAccountSettingDefault', (Json '{"setting":{"name":"fargateTaskRetirementWaitPeriod","value":"7"}}'))
            $null = Get-EcsAccountSettingX -Name fargateFIPSMode -EffectiveSettings @Via
            $null = Set-EcsAccountSettingX fargateTaskRetirementWaitPeriod 7 -Default @Via
            foreach ($request in @($fake.Requests)) {
                @(Test-EcsRequestShape -Operation $request.Operation -Body $request.Body) | Should -BeNullOrEmpty
            }
        }
    }
}
