# The cluster cmdlets, run from the published module against moto_server on 127.0.0.1.
# Only behaviour that real ECS also has is asserted (see shared/notes/moto.md). Whatever must not
# reach the service is checked at a loopback request recorder, not inferred from moto's state.

BeforeAll {
    Import-Module (Join-Path $PSScriptRoot 'TestHelpers.psm1') -Force
    $Endpoint = Initialize-EcsTestEnvironment
    $Aws = @{ Region = 'us-east-1'; EndpointUrl = $Endpoint }
    $ClusterType = 'EcsPS.Engine.Ecs.Model.Cluster'
    function Get-TagTable($Cluster) {
        $table = @{}
        foreach ($tag in @($Cluster.Tags)) { if ($tag) { $table[$tag.Key] = $tag.Value } }
        $table
    }
    function Get-RequestBody($Recorder, [string] $Operation) {
        @($Recorder.Requests | Where-Object Operation -eq $Operation | ForEach-Object { $_.Body | ConvertFrom-Json })
    }
}

AfterAll {
    Clear-EcsTestEnvironment
}

Describe 'New-EcsClusterX' {
    BeforeAll {
        Reset-EcsTestState -Endpoint $Endpoint
    }

    It 'creates a cluster from a positional name and writes a Cluster object' {
        $name = New-TestName 'new'
        $cluster = New-EcsClusterX $name @Aws

        @($cluster).Count | Should -Be 1
        $cluster.PSObject.TypeNames[0] | Should -Be $ClusterType
        $cluster.ClusterName | Should -Be $name
        $cluster.Status | Should -Be 'ACTIVE'
        $cluster.ClusterArn | Should -Match "^arn:aws:ecs:us-east-1:\d{12}:cluster/$name$"
        (Get-EcsClusterX $name @Aws).ClusterArn | Should -Be $cluster.ClusterArn
    }

    It 'creates one cluster per name piped in by value' {
        $names = @((New-TestName 'pipe'), (New-TestName 'pipe'))
        $created = $names | New-EcsClusterX @Aws

        @($created.ClusterName) | Should -Be $names
        @((Get-EcsClusterX $names @Aws).ClusterName | Sort-Object) | Should -Be @($names | Sort-Object)
    }

    It 'binds ClusterName (and its alias Name) from piped objects by property name' {
        $byName = New-TestName 'prop'
        $byAlias = New-TestName 'prop'
        $created = @([pscustomobject]@{ ClusterName = $byName }, [pscustomobject]@{ Name = $byAlias }) | New-EcsClusterX @Aws

        @($created.ClusterName) | Should -Be @($byName, $byAlias)
        @(Get-EcsClusterX $byName, $byAlias @Aws).Count | Should -Be 2
    }

    It 'tags the cluster with -Tag' {
        $name = New-TestName 'tag'
        $null = New-EcsClusterX $name -Tag @{ team = 'platform'; 'cost-center' = 42 } @Aws

        $tags = Get-TagTable (Get-EcsClusterX $name -Include TAGS @Aws)
        $tags.Count | Should -Be 2
        $tags['team'] | Should -Be 'platform'
        $tags['cost-center'] | Should -Be '42'
    }

    It 'sets Container Insights with -ContainerInsights' {
        $name = New-TestName 'ci'
        $cluster = New-EcsClusterX $name -ContainerInsights enabled @Aws

        $cluster.ContainerInsights | Should -Be 'enabled'
        $read = Get-EcsClusterX $name -Include SETTINGS @Aws
        ($read.Settings | Where-Object Name -eq 'containerInsights').Value | Should -Be 'enabled'
    }

    It 'sets capacity providers and a default strategy written as NAME:WEIGHT:BASE strings' {
        $name = New-TestName 'cp'
        $cluster = New-EcsClusterX $name -CapacityProvider FARGATE, FARGATE_SPOT -DefaultCapacityProviderStrategy 'FARGATE:1:1', 'FARGATE_SPOT:3' @Aws

        @($cluster.CapacityProviders) | Should -Be @('FARGATE', 'FARGATE_SPOT')
        $strategy = @((Get-EcsClusterX $name @Aws).DefaultCapacityProviderStrategy)
        $strategy.Count | Should -Be 2
        $fargate = $strategy | Where-Object CapacityProvider -eq 'FARGATE'
        $spot = $strategy | Where-Object CapacityProvider -eq 'FARGATE_SPOT'
        $fargate.Weight | Should -Be 1
        $fargate.Base | Should -Be 1
        $spot.Weight | Should -Be 3
        [int]$spot.Base | Should -Be 0
    }

    It 'takes a default strategy written as hashtables' {
        $name = New-TestName 'cph'
        $null = New-EcsClusterX $name -CapacityProvider FARGATE, FARGATE_SPOT -DefaultCapacityProviderStrategy @(
            @{ CapacityProvider = 'FARGATE'; Weight = 2; Base = 5 }
            @{ CapacityProvider = 'FARGATE_SPOT'; Weight = 7 }
        ) @Aws

        $strategy = @((Get-EcsClusterX $name @Aws).DefaultCapacityProviderStrategy)
        $fargate = $strategy | Where-Object CapacityProvider -eq 'FARGATE'
        $spot = $strategy | Where-Object CapacityProvider -eq 'FARGATE_SPOT'
        $fargate.Weight | Should -Be 2
        $fargate.Base | Should -Be 5
        $spot.Weight | Should -Be 7
    }

    It 'sets the Service Connect default namespace with -ServiceConnectNamespace' {
        $name = New-TestName 'sc'
        $namespace = 'arn:aws:servicediscovery:us-east-1:123456789012:namespace/ns-' + [guid]::NewGuid().ToString('N').Substring(0, 16)
        $cluster = New-EcsClusterX $name -ServiceConnectNamespace $namespace @Aws

        $cluster.ServiceConnectDefaults.Namespace | Should -Be $namespace
    }

    It 'sends -ContainerInsights in the service''s spelling, whatever the case typed' {
        $recorder = Start-RequestRecorder -ForwardTo $Endpoint
        try {
            $cluster = New-EcsClusterX (New-TestName 'case') -ContainerInsights Enabled -Region us-east-1 -EndpointUrl $recorder.Url
            # ECS's setting values are lower case; 'Enabled' is not one of them.
            (Get-RequestBody $recorder 'CreateCluster')[0].settings[0].value | Should -BeExactly 'enabled'
            $cluster.ContainerInsights | Should -BeExactly 'enabled'
        } finally { $recorder.Dispose() }
    }

    It 'sends CreateCluster shaped as the ECS service model names it' {
        $recorder = Start-RequestRecorder -ForwardTo $Endpoint
        try {
            $name = New-TestName 'wire'
            $null = New-EcsClusterX $name -Tag @{ env = 'test' } -ContainerInsights enhanced -CapacityProvider FARGATE, FARGATE_SPOT `
                -DefaultCapacityProviderStrategy 'FARGATE_SPOT:4:2' -ServiceConnectNamespace 'my-namespace' -Region us-east-1 -EndpointUrl $recorder.Url

            $recorder.Operations | Should -Be @('CreateCluster')
            $recorder.Requests[0].Headers['X-Amz-Target'] | Should -Be 'AmazonEC2ContainerServiceV20141113.CreateCluster'
            $recorder.Requests[0].Headers['Content-Type'] | Should -Be 'application/x-amz-json-1.1'
            $body = Get-RequestBody $recorder 'CreateCluster'
            $body.clusterName | Should -Be $name
            $body.tags[0].key | Should -Be 'env'
            $body.tags[0].value | Should -Be 'test'
            $body.settings[0].name | Should -Be 'containerInsights'
            $body.settings[0].value | Should -Be 'enhanced'
            @($body.capacityProviders) | Should -Be @('FARGATE', 'FARGATE_SPOT')
            $body.defaultCapacityProviderStrategy[0].capacityProvider | Should -Be 'FARGATE_SPOT'
            $body.defaultCapacityProviderStrategy[0].weight | Should -Be 4
            $body.defaultCapacityProviderStrategy[0].base | Should -Be 2
            $body.serviceConnectDefaults.namespace | Should -Be 'my-namespace'
        } finally { $recorder.Dispose() }
    }
}

Describe 'Get-EcsClusterX' {
    BeforeAll {
        Reset-EcsTestState -Endpoint $Endpoint
        $prefix = New-TestName 'get'
        $web1 = "$prefix-web-1"
        $web2 = "$prefix-web-2"
        $db = "$prefix-db"
        $created = @($web1, $web2, $db) | New-EcsClusterX -Tag @{ owner = 'get-tests' } -ContainerInsights enabled @Aws
        $missing = New-TestName 'missing'
    }

    It 'returns every cluster in the account and region when no name is given' {
        $all = @(Get-EcsClusterX @Aws)
        $all | ForEach-Object { $_.PSObject.TypeNames[0] | Should -Be $ClusterType }
        $names = $all.ClusterName
        $names | Should -Contain $web1
        $names | Should -Contain $web2
        $names | Should -Contain $db
    }

    It 'returns a cluster by name' {
        $cluster = Get-EcsClusterX $db @Aws
        @($cluster).Count | Should -Be 1
        $cluster.ClusterName | Should -Be $db
        $cluster.Status | Should -Be 'ACTIVE'
    }

    It 'returns a cluster by ARN' {
        $arn = ($created | Where-Object ClusterName -eq $web2).ClusterArn
        $cluster = Get-EcsClusterX -ClusterName $arn @Aws
        $cluster.ClusterName | Should -Be $web2
        $cluster.ClusterArn | Should -Be $arn
    }

    It 'expands wildcards against the cluster list' {
        @(Get-EcsClusterX "$prefix-web-*" @Aws).ClusterName | Sort-Object | Should -Be @($web1, $web2)
        @(Get-EcsClusterX "$prefix-WEB-?" @Aws).Count | Should -Be 2
    }

    It 'returns nothing, and no error, for a wildcard that matches no cluster' {
        $out = Get-EcsClusterX "$missing*" @Aws -ErrorVariable errors
        $out | Should -BeNullOrEmpty
        $errors | Should -BeNullOrEmpty
    }

    It 'returns each cluster once when names and wildcards overlap' {
        $out = @(Get-EcsClusterX $web1, "$prefix-web-*", $web1 @Aws)
        $out.Count | Should -Be 2
    }

    It 'reports a missing name as a non-terminating ObjectNotFound error and still returns the others' {
        $out = @(Get-EcsClusterX $db, $missing, $web1 @Aws -ErrorVariable errors -ErrorAction SilentlyContinue)

        @($out.ClusterName) | Sort-Object | Should -Be @($db, $web1 | Sort-Object)
        $errors.Count | Should -Be 1
        $errors[0].FullyQualifiedErrorId | Should -BeLike 'ClusterNotFoundException*'
        $errors[0].CategoryInfo.Category | Should -Be 'ObjectNotFound'
        $errors[0].TargetObject | Should -Be $missing
        $errors[0].Exception.Message | Should -Match ([regex]::Escape($missing))
    }

    It 'reports a missing ARN with the ARN as the target' {
        $arn = "arn:aws:ecs:us-east-1:123456789012:cluster/$missing"
        $out = Get-EcsClusterX $arn @Aws -ErrorVariable errors -ErrorAction SilentlyContinue
        $out | Should -BeNullOrEmpty
        $errors.Count | Should -Be 1
        $errors[0].FullyQualifiedErrorId | Should -BeLike 'ClusterNotFoundException*'
        $errors[0].TargetObject | Should -Be $arn
    }

    It 'makes a missing name terminating with -ErrorAction Stop' {
        $thrown = { Get-EcsClusterX $missing @Aws -ErrorAction Stop } | Should -Throw -PassThru
        $thrown.FullyQualifiedErrorId | Should -BeLike 'ClusterNotFoundException*'
        $thrown.CategoryInfo.Category | Should -Be 'ObjectNotFound'

        $caught = $null
        try { $null = Get-EcsClusterX $missing @Aws -ErrorAction Stop } catch { $caught = $_ }
        $caught | Should -Not -BeNullOrEmpty
        $caught.TargetObject | Should -Be $missing
    }

    It 'asks for -Include <Include> and still returns the cluster' -ForEach @(
        @{ Include = 'ATTACHMENTS' }, @{ Include = 'CONFIGURATIONS' }, @{ Include = 'SETTINGS' },
        @{ Include = 'STATISTICS' }, @{ Include = 'TAGS' }
    ) {
        $recorder = Start-RequestRecorder -ForwardTo $Endpoint
        try {
            $cluster = Get-EcsClusterX $db -Include $Include -Region us-east-1 -EndpointUrl $recorder.Url
            $cluster.ClusterName | Should -Be $db
            $body = Get-RequestBody $recorder 'DescribeClusters'
            $body.Count | Should -Be 1
            @($body[0].include) | Should -Be @($Include)
        } finally { $recorder.Dispose() }
    }

    It 'sends -Include in the service''s spelling, whatever the case typed' {
        $recorder = Start-RequestRecorder -ForwardTo $Endpoint
        try {
            $cluster = Get-EcsClusterX $web1 -Include tags, Settings -Region us-east-1 -EndpointUrl $recorder.Url
            $cluster.ClusterName | Should -Be $web1
            # ECS's include values are the upper-case enum names.
            @((Get-RequestBody $recorder 'DescribeClusters')[0].include) | Should -BeExactly @('TAGS', 'SETTINGS')
        } finally { $recorder.Dispose() }
    }

    It 'returns the tags with -Include TAGS and the settings with -Include SETTINGS' {
        (Get-TagTable (Get-EcsClusterX $web1 -Include TAGS @Aws))['owner'] | Should -Be 'get-tests'
        $settings = (Get-EcsClusterX $web1 -Include SETTINGS @Aws).Settings
        ($settings | Where-Object Name -eq 'containerInsights').Value | Should -Be 'enabled'
    }

    It 'takes several -Include values in one call' {
        $cluster = Get-EcsClusterX $web2 -Include TAGS, SETTINGS @Aws
        (Get-TagTable $cluster)['owner'] | Should -Be 'get-tests'
        ($cluster.Settings | Where-Object Name -eq 'containerInsights').Value | Should -Be 'enabled'
    }

    It 'takes names from the pipeline, by value and from Cluster objects' {
        @($web1, $db | Get-EcsClusterX @Aws).ClusterName | Sort-Object | Should -Be @($web1, $db | Sort-Object)
        @(Get-EcsClusterX $web2 @Aws | Get-EcsClusterX @Aws).ClusterName | Should -Be @($web2)
        @([pscustomobject]@{ ClusterArn = ($created | Where-Object ClusterName -eq $web1).ClusterArn } | Get-EcsClusterX @Aws).ClusterName |
            Should -Be @($web1)
    }
}

Describe 'Get-EcsClusterX with more clusters than one DescribeClusters call takes' {
    BeforeAll {
        Reset-EcsTestState -Endpoint $Endpoint
        $prefix = New-TestName 'bulk'
        $names = @(1..105 | ForEach-Object { '{0}-{1:d3}' -f $prefix, $_ })
        $null = $names | New-EcsClusterX @Aws
        $recorder = Start-RequestRecorder -ForwardTo $Endpoint
        $via = @{ Region = 'us-east-1'; EndpointUrl = $recorder.Url }
    }
    AfterAll { $recorder.Dispose() }
    BeforeEach { $recorder.Clear() }

    It 'returns all 105 clusters when listing, describing at most 100 per request' {
        $out = @(Get-EcsClusterX @via)
        @($out.ClusterName | Where-Object { $_ -like "$prefix-*" } | Sort-Object) | Should -Be $names

        $describes = Get-RequestBody $recorder 'DescribeClusters'
        $describes.Count | Should -BeGreaterOrEqual 2
        foreach ($d in $describes) { @($d.clusters).Count | Should -BeLessOrEqual 100 }
        ($describes | ForEach-Object { @($_.clusters).Count } | Measure-Object -Sum).Sum | Should -Be $out.Count
    }

    It 'batches 105 piped names into two DescribeClusters requests' {
        $out = @($names | Get-EcsClusterX @via)
        @($out.ClusterName | Sort-Object) | Should -Be $names

        $describes = Get-RequestBody $recorder 'DescribeClusters'
        $describes.Count | Should -Be 2
        @($describes[0].clusters).Count | Should -Be 100
        @($describes[1].clusters).Count | Should -Be 5
    }

    It 'returns all 105 clusters for a wildcard' {
        @(Get-EcsClusterX "$prefix-*" @via).Count | Should -Be 105
        foreach ($d in (Get-RequestBody $recorder 'DescribeClusters')) { @($d.clusters).Count | Should -BeLessOrEqual 100 }
    }
}

Describe 'Update-EcsClusterX' {
    BeforeAll {
        Reset-EcsTestState -Endpoint $Endpoint
    }

    It 'turns Container Insights on for a cluster piped from Get-EcsClusterX' {
        $name = New-TestName 'upd'
        $null = New-EcsClusterX $name -ContainerInsights disabled @Aws

        $updated = Get-EcsClusterX $name @Aws | Update-EcsClusterX -ContainerInsights enabled @Aws

        @($updated).Count | Should -Be 1
        $updated.PSObject.TypeNames[0] | Should -Be $ClusterType
        $updated.ContainerInsights | Should -Be 'enabled'
        $settings = (Get-EcsClusterX $name -Include SETTINGS @Aws).Settings
        ($settings | Where-Object Name -eq 'containerInsights').Value | Should -Be 'enabled'
    }

    It 'sends ECS Exec output to a log group with -ExecuteCommandLogging OVERRIDE' {
        $name = New-TestName 'exec'
        $null = New-EcsClusterX $name @Aws
        $updated = Update-EcsClusterX $name -ExecuteCommandLogging OVERRIDE -ExecuteCommandLogGroupName '/ecs/exec-audit' -ExecuteCommandLogEncryption @Aws

        $exec = $updated.Configuration.ExecuteCommandConfiguration
        $exec.Logging | Should -Be 'OVERRIDE'
        $exec.LogConfiguration.CloudWatchLogGroupName | Should -Be '/ecs/exec-audit'
        $exec.LogConfiguration.CloudWatchEncryptionEnabled | Should -BeTrue

        $read = (Get-EcsClusterX $name -Include CONFIGURATIONS @Aws).Configuration.ExecuteCommandConfiguration
        $read.Logging | Should -Be 'OVERRIDE'
        $read.LogConfiguration.CloudWatchLogGroupName | Should -Be '/ecs/exec-audit'
    }

    It 'sends the ECS Exec S3 target, its encryption and the KMS key' {
        $name = New-TestName 'execs3'
        $null = New-EcsClusterX $name @Aws
        $forward = Start-RequestRecorder -ForwardTo $Endpoint
        try {
            $updated = Update-EcsClusterX $name -ExecuteCommandLogging OVERRIDE -ExecuteCommandS3BucketName 'exec-audit-bucket' `
                -ExecuteCommandS3KeyPrefix 'sessions/' -ExecuteCommandS3Encryption -ExecuteCommandKmsKeyId 'alias/exec' `
                -Region us-east-1 -EndpointUrl $forward.Url

            $exec = (Get-RequestBody $forward 'UpdateCluster')[0].configuration.executeCommandConfiguration
            $exec.logging | Should -BeExactly 'OVERRIDE'
            $exec.kmsKeyId | Should -Be 'alias/exec'
            $exec.logConfiguration.s3BucketName | Should -Be 'exec-audit-bucket'
            $exec.logConfiguration.s3KeyPrefix | Should -Be 'sessions/'
            $exec.logConfiguration.s3EncryptionEnabled | Should -BeTrue

            $read = $updated.Configuration.ExecuteCommandConfiguration
            $read.KmsKeyId | Should -Be 'alias/exec'
            $read.LogConfiguration.S3BucketName | Should -Be 'exec-audit-bucket'
            $read.LogConfiguration.S3KeyPrefix | Should -Be 'sessions/'
        } finally { $forward.Dispose() }
    }

    It 'accepts -ExecuteCommandLogging in any case and sends the service''s spelling' {
        $name = New-TestName 'execcase'
        $null = New-EcsClusterX $name @Aws
        $forward = Start-RequestRecorder -ForwardTo $Endpoint
        try {
            $updated = Update-EcsClusterX $name -ExecuteCommandLogging override -ExecuteCommandLogGroupName '/ecs/exec' -Region us-east-1 -EndpointUrl $forward.Url
            $exec = (Get-RequestBody $forward 'UpdateCluster')[0].configuration.executeCommandConfiguration
            $exec.logging | Should -BeExactly 'OVERRIDE'
            $exec.logConfiguration.cloudWatchLogGroupName | Should -Be '/ecs/exec'
            $updated.Configuration.ExecuteCommandConfiguration.LogConfiguration.CloudWatchLogGroupName | Should -Be '/ecs/exec'
        } finally { $forward.Dispose() }
    }

    It 'sends -ContainerInsights in the service''s spelling, whatever the case typed' {
        $name = New-TestName 'cicase'
        $null = New-EcsClusterX $name @Aws
        $forward = Start-RequestRecorder -ForwardTo $Endpoint
        try {
            $null = Update-EcsClusterX $name -ContainerInsights ENHANCED -Region us-east-1 -EndpointUrl $forward.Url
            (Get-RequestBody $forward 'UpdateCluster')[0].settings[0].value | Should -BeExactly 'enhanced'
        } finally { $forward.Dispose() }
    }

    It 'sets the Service Connect default namespace with -ServiceConnectNamespace' {
        $name = New-TestName 'updsc'
        $null = New-EcsClusterX $name @Aws
        $namespace = 'arn:aws:servicediscovery:us-east-1:123456789012:namespace/ns-' + [guid]::NewGuid().ToString('N').Substring(0, 16)
        $updated = Update-EcsClusterX $name -ServiceConnectNamespace $namespace @Aws
        $updated.ServiceConnectDefaults.Namespace | Should -Be $namespace
    }

    It 'reports a missing cluster as ClusterNotFoundException' {
        $missing = New-TestName 'missing'
        $out = Update-EcsClusterX $missing -ContainerInsights enabled @Aws -ErrorVariable errors -ErrorAction SilentlyContinue
        $out | Should -BeNullOrEmpty
        $errors.Count | Should -Be 1
        $errors[0].FullyQualifiedErrorId | Should -BeLike 'ClusterNotFoundException*'
        $errors[0].CategoryInfo.Category | Should -Be 'ObjectNotFound'
        $errors[0].TargetObject | Should -Be $missing
    }
}

Describe 'Remove-EcsClusterX' {
    BeforeAll {
        Reset-EcsTestState -Endpoint $Endpoint
    }

    It 'deletes with -Force and shows the INACTIVE cluster with -PassThru' {
        $name = New-TestName 'rm'
        $null = New-EcsClusterX $name @Aws
        $deleted = Remove-EcsClusterX $name -Force -PassThru @Aws

        @($deleted).Count | Should -Be 1
        $deleted.PSObject.TypeNames[0] | Should -Be $ClusterType
        $deleted.ClusterName | Should -Be $name
        $deleted.Status | Should -Be 'INACTIVE'
        (Get-EcsClusterX $name @Aws).Status | Should -Be 'INACTIVE'
    }

    It 'writes nothing without -PassThru' {
        $name = New-TestName 'rm'
        $null = New-EcsClusterX $name @Aws
        Remove-EcsClusterX $name -Force @Aws | Should -BeNullOrEmpty
        (Get-EcsClusterX $name @Aws).Status | Should -Be 'INACTIVE'
    }

    It 'deletes without -Force when -Confirm:$false is given' {
        $name = New-TestName 'rm'
        $null = New-EcsClusterX $name @Aws
        (Remove-EcsClusterX $name -Confirm:$false -PassThru @Aws).Status | Should -Be 'INACTIVE'
    }

    It 'deletes by ARN' {
        $name = New-TestName 'rm'
        $arn = (New-EcsClusterX $name @Aws).ClusterArn
        (Remove-EcsClusterX $arn -Force -PassThru @Aws).Status | Should -Be 'INACTIVE'
    }

    It 'reports a missing cluster as a non-terminating ClusterNotFoundException' {
        $missing = New-TestName 'missing'
        $out = Remove-EcsClusterX $missing -Force -PassThru @Aws -ErrorVariable errors -ErrorAction SilentlyContinue
        $out | Should -BeNullOrEmpty
        $errors.Count | Should -Be 1
        $errors[0].FullyQualifiedErrorId | Should -BeLike 'ClusterNotFoundException*'
        $errors[0].CategoryInfo.Category | Should -Be 'ObjectNotFound'
        $errors[0].TargetObject | Should -Be $missing
    }

    It 'goes on with the next piped cluster after one is missing' {
        $name = New-TestName 'rm'
        $missing = New-TestName 'missing'
        $null = New-EcsClusterX $name @Aws
        $out = @($missing, $name | Remove-EcsClusterX -Force -PassThru @Aws -ErrorVariable errors -ErrorAction SilentlyContinue)
        $out.ClusterName | Should -Be @($name)
        $errors.Count | Should -Be 1
        $errors[0].TargetObject | Should -Be $missing
    }

    It 'removes what Get-EcsClusterX pipes to it' {
        Reset-EcsTestState -Endpoint $Endpoint
        $names = @((New-TestName 'all'), (New-TestName 'all'), (New-TestName 'all'))
        $null = $names | New-EcsClusterX @Aws

        $deleted = @(Get-EcsClusterX @Aws | Remove-EcsClusterX -Force -PassThru @Aws)

        foreach ($n in $names) { $deleted.ClusterName | Should -Contain $n }
        $deleted | ForEach-Object { $_.Status | Should -Be 'INACTIVE' }
        @(Get-EcsClusterX $names @Aws | Where-Object Status -eq 'ACTIVE') | Should -BeNullOrEmpty
    }
}

Describe 'Set-EcsClusterCapacityProviderX' {
    BeforeAll {
        Reset-EcsTestState -Endpoint $Endpoint
    }

    It 'sets the capacity providers and the default strategy' {
        $name = New-TestName 'set'
        $null = New-EcsClusterX $name @Aws
        $cluster = Set-EcsClusterCapacityProviderX $name FARGATE, FARGATE_SPOT 'FARGATE:1:2', 'FARGATE_SPOT:4' @Aws

        $cluster.PSObject.TypeNames[0] | Should -Be $ClusterType
        @($cluster.CapacityProviders) | Should -Be @('FARGATE', 'FARGATE_SPOT')
        $read = Get-EcsClusterX $name @Aws
        @($read.CapacityProviders) | Should -Be @('FARGATE', 'FARGATE_SPOT')
        $strategy = @($read.DefaultCapacityProviderStrategy)
        ($strategy | Where-Object CapacityProvider -eq 'FARGATE').Base | Should -Be 2
        ($strategy | Where-Object CapacityProvider -eq 'FARGATE_SPOT').Weight | Should -Be 4
    }

    It 'takes the cluster from the pipeline' {
        $name = New-TestName 'set'
        $null = New-EcsClusterX $name @Aws
        $cluster = Get-EcsClusterX $name @Aws | Set-EcsClusterCapacityProviderX -CapacityProvider FARGATE_SPOT -DefaultCapacityProviderStrategy @{ CapacityProvider = 'FARGATE_SPOT'; Weight = 1 } @Aws
        @($cluster.CapacityProviders) | Should -Be @('FARGATE_SPOT')
    }

    It 'removes every capacity provider when given an empty list' {
        $name = New-TestName 'set'
        $null = New-EcsClusterX $name -CapacityProvider FARGATE @Aws
        $cluster = Set-EcsClusterCapacityProviderX $name @() @Aws
        @($cluster.CapacityProviders | Where-Object { $_ }) | Should -BeNullOrEmpty
        @((Get-EcsClusterX $name @Aws).CapacityProviders | Where-Object { $_ }) | Should -BeNullOrEmpty
    }

    It 'reports a missing cluster as ClusterNotFoundException' {
        $missing = New-TestName 'missing'
        $null = Set-EcsClusterCapacityProviderX $missing FARGATE @Aws -ErrorVariable errors -ErrorAction SilentlyContinue
        $errors.Count | Should -Be 1
        $errors[0].FullyQualifiedErrorId | Should -BeLike 'ClusterNotFoundException*'
        $errors[0].TargetObject | Should -Be $missing
    }
}

Describe 'Bad input is refused before anything is sent' {
    BeforeAll {
        Reset-EcsTestState -Endpoint $Endpoint
        $recorder = Start-RequestRecorder
        $refuse = @{ Region = 'us-east-1'; EndpointUrl = $recorder.Url }
    }
    AfterAll { $recorder.Dispose() }
    BeforeEach { $recorder.Clear() }

    # Bad ECS input (names, tags, strategies...) is in tests/bad-inputs.psd1, run by BadInput.Tests.ps1;
    # these are the connection settings, which fail before any ECS input is read.
    It '<Command> refuses -Region nowhere' -ForEach @(
        @{ Command = 'New-EcsClusterX'; Arguments = @{ ClusterName = 'region-test' } }
        @{ Command = 'Get-EcsClusterX'; Arguments = @{} }
        @{ Command = 'Update-EcsClusterX'; Arguments = @{ Cluster = 'region-test'; ContainerInsights = 'enabled' } }
        @{ Command = 'Remove-EcsClusterX'; Arguments = @{ Cluster = 'region-test'; Force = $true } }
        @{ Command = 'Set-EcsClusterCapacityProviderX'; Arguments = @{ Cluster = 'region-test'; CapacityProvider = 'FARGATE' } }
    ) {
        $thrown = { & $Command @Arguments -Region nowhere -EndpointUrl $recorder.Url } | Should -Throw -PassThru
        $thrown.FullyQualifiedErrorId | Should -BeLike 'AwsInvalidRegion*'
        $thrown.CategoryInfo.Category | Should -Be 'InvalidArgument'
        $thrown.Exception.Message | Should -Match 'nowhere'
        $thrown.Exception.Message | Should -Match 'us-east-1'
        $recorder.Count | Should -Be 0
    }

    It 'refuses an -EndpointUrl that is not an http(s) URL' {
        $thrown = { Get-EcsClusterX -Region us-east-1 -EndpointUrl 'ftp://127.0.0.1/' } | Should -Throw -PassThru
        $thrown.FullyQualifiedErrorId | Should -BeLike 'AwsInvalidEndpoint*'
        $thrown.CategoryInfo.Category | Should -Be 'InvalidArgument'
    }

    It 'refuses -SecretKey without -AccessKey' {
        $thrown = { Get-EcsClusterX -SecretKey 'abc' @refuse } | Should -Throw -PassThru
        $thrown.FullyQualifiedErrorId | Should -BeLike 'AwsInvalidCredentials*'
        $thrown.Exception.Message | Should -Match '-AccessKey'
        $recorder.Count | Should -Be 0
    }
}

Describe '-WhatIf sends nothing' {
    BeforeAll {
        Reset-EcsTestState -Endpoint $Endpoint
        $recorder = Start-RequestRecorder
        $refuse = @{ Region = 'us-east-1'; EndpointUrl = $recorder.Url }
    }
    AfterAll { $recorder.Dispose() }
    BeforeEach { $recorder.Clear() }

    It 'New-EcsClusterX -WhatIf creates nothing' {
        $name = New-TestName 'whatif'
        $out = New-EcsClusterX $name -Tag @{ a = 'b' } -CapacityProvider FARGATE -WhatIf @refuse
        $out | Should -BeNullOrEmpty
        $recorder.Count | Should -Be 0
        Get-EcsClusterX $name @Aws -ErrorAction SilentlyContinue | Should -BeNullOrEmpty
    }

    It 'New-EcsClusterX creates nothing under $WhatIfPreference' {
        $name = New-TestName 'whatif'
        $WhatIfPreference = $true
        try { $out = $name | New-EcsClusterX @refuse } finally { $WhatIfPreference = $false }
        $out | Should -BeNullOrEmpty
        $recorder.Count | Should -Be 0
        Get-EcsClusterX $name @Aws -ErrorAction SilentlyContinue | Should -BeNullOrEmpty
    }

    It '<Command> -WhatIf <Extra> leaves the cluster as it was' -ForEach @(
        @{ Command = 'Update-EcsClusterX'; Arguments = @{ ContainerInsights = 'enabled' }; Extra = '' }
        @{ Command = 'Remove-EcsClusterX'; Arguments = @{}; Extra = '' }
        @{ Command = 'Remove-EcsClusterX'; Arguments = @{ Force = $true }; Extra = '-Force' }
        @{ Command = 'Set-EcsClusterCapacityProviderX'; Arguments = @{ CapacityProvider = 'FARGATE'; DefaultCapacityProviderStrategy = 'FARGATE:1' }; Extra = '' }
    ) {
        $name = New-TestName 'whatif'
        $null = New-EcsClusterX $name -ContainerInsights disabled @Aws

        $out = & $Command $name @Arguments -WhatIf @refuse
        $out | Should -BeNullOrEmpty
        $recorder.Count | Should -Be 0

        $after = Get-EcsClusterX $name -Include SETTINGS @Aws
        $after.Status | Should -Be 'ACTIVE'
        ($after.Settings | Where-Object Name -eq 'containerInsights').Value | Should -Not -Be 'enabled'
        @($after.CapacityProviders | Where-Object { $_ }) | Should -BeNullOrEmpty
    }

    It 'Remove-EcsClusterX -Force deletes nothing under $WhatIfPreference' {
        $name = New-TestName 'whatif'
        $null = New-EcsClusterX $name @Aws
        $WhatIfPreference = $true
        try { $null = Remove-EcsClusterX $name -Force @refuse } finally { $WhatIfPreference = $false }
        $recorder.Count | Should -Be 0
        (Get-EcsClusterX $name @Aws).Status | Should -Be 'ACTIVE'
    }
}

Describe 'Configuration errors' {
    BeforeAll {
        $recorder = Start-RequestRecorder
    }
    AfterAll { $recorder.Dispose() }
    BeforeEach { $recorder.Clear() }

    It '<Command> fails at once when no region is set anywhere' -ForEach @(
        @{ Command = 'New-EcsClusterX'; Arguments = @{ ClusterName = 'no-region' } }
        @{ Command = 'Get-EcsClusterX'; Arguments = @{} }
        @{ Command = 'Update-EcsClusterX'; Arguments = @{ Cluster = 'no-region'; ContainerInsights = 'enabled' } }
        @{ Command = 'Remove-EcsClusterX'; Arguments = @{ Cluster = 'no-region'; Force = $true } }
        @{ Command = 'Set-EcsClusterCapacityProviderX'; Arguments = @{ Cluster = 'no-region'; CapacityProvider = 'FARGATE' } }
    ) {
        $environment = @{
            AWS_REGION                  = $null
            AWS_DEFAULT_REGION          = $null
            AWS_PROFILE                 = $null
            AWS_DEFAULT_PROFILE         = $null
            AWS_CONFIG_FILE             = (New-EmptyTempFile 'config')
            AWS_SHARED_CREDENTIALS_FILE = (New-EmptyTempFile 'credentials')
            AWS_EC2_METADATA_DISABLED   = 'true'
        }
        $before = [Environment]::GetEnvironmentVariable('AWS_CONFIG_FILE')
        $thrown = Invoke-WithEnvironment -Variables $environment -ScriptBlock {
            { & $Command @Arguments -EndpointUrl $recorder.Url } | Should -Throw -PassThru
        }
        [Environment]::GetEnvironmentVariable('AWS_CONFIG_FILE') | Should -Be $before

        $thrown.FullyQualifiedErrorId | Should -BeLike 'AwsNoRegion*'
        $thrown.Exception.Message | Should -Match '-Region'
        $thrown.Exception.Message | Should -Match 'AWS_REGION'
        $recorder.Count | Should -Be 0
    }

    It 'takes the region from $env:AWS_REGION when -Region is not given' {
        Reset-EcsTestState -Endpoint $Endpoint
        $name = New-TestName 'envregion'
        $cluster = Invoke-WithEnvironment -Variables @{ AWS_REGION = 'eu-west-1'; AWS_DEFAULT_REGION = $null } -ScriptBlock {
            New-EcsClusterX $name -EndpointUrl $Endpoint
        }
        $cluster.ClusterArn | Should -Match '^arn:aws:ecs:eu-west-1:'
        $cluster.Region | Should -Be 'eu-west-1'
    }

    It 'signs with -AccessKey/-SecretKey and sends -SessionToken' {
        $forward = Start-RequestRecorder -ForwardTo $Endpoint
        try {
            $null = Get-EcsClusterX -AccessKey 'AKIAECSPSEXPLICIT001' -SecretKey 'explicit-secret' -SessionToken 'explicit-token' -Region eu-west-2 -EndpointUrl $forward.Url
            $forward.Count | Should -BeGreaterThan 0
            foreach ($request in $forward.Requests) {
                $request.Headers['Authorization'] | Should -Match '^AWS4-HMAC-SHA256 Credential=AKIAECSPSEXPLICIT001/\d{8}/eu-west-2/ecs/aws4_request'
                $request.Headers['X-Amz-Security-Token'] | Should -Be 'explicit-token'
            }
        } finally { $forward.Dispose() }
    }

    It 'uses -ProfileName from the credentials file named by -ProfileLocation' {
        $dir = Join-Path ([IO.Path]::GetTempPath()) ('ecsps-profile-' + [guid]::NewGuid().ToString('N'))
        $null = New-Item -ItemType Directory -Path $dir
        $forward = Start-RequestRecorder -ForwardTo $Endpoint
        try {
            Set-Content -Path (Join-Path $dir 'credentials') -Value "[ecsps-pester]`naws_access_key_id = AKIAECSPSPROFILE0001`naws_secret_access_key = profile-secret`n"
            $null = Get-EcsClusterX -ProfileName ecsps-pester -ProfileLocation (Join-Path $dir 'credentials') -Region ap-southeast-2 -EndpointUrl $forward.Url
            $forward.Count | Should -BeGreaterThan 0
            $forward.Requests[0].Headers['Authorization'] | Should -Match 'Credential=AKIAECSPSPROFILE0001/\d{8}/ap-southeast-2/ecs/aws4_request'
        } finally {
            $forward.Dispose()
            Remove-Item $dir -Recurse -Force -ErrorAction Ignore
        }
    }

    It 'follows $env:AWS_PROFILE, $env:AWS_CONFIG_FILE and $env:AWS_SHARED_CREDENTIALS_FILE as they are when called' {
        # A session that switches profiles (one per customer, per CI job...) or a runbook that
        # points the variables at its own files after import must get the key and region named
        # now, not those of the first call (AWSSDK.Core alone reads the two paths once per process).
        $forward = Start-RequestRecorder -ForwardTo $Endpoint
        $dir = Join-Path ([IO.Path]::GetTempPath()) ('ecsps-files-' + [guid]::NewGuid().ToString('N'))
        $null = New-Item -ItemType Directory -Path $dir
        try {
            foreach ($set in 'one', 'two') {
                $config = Join-Path $dir "config-$set"
                $credentials = Join-Path $dir "credentials-$set"
                Set-Content $credentials "[ecsps-$set]`naws_access_key_id = AKIAECSPSFILES$($set.ToUpper())00`naws_secret_access_key = $set`n"
                Set-Content $config "[profile ecsps-$set]`nregion = $(@{ one = 'eu-west-3'; two = 'sa-east-1' }[$set])`n"
            }
            foreach ($set in 'one', 'two', 'one') {
                $forward.Clear()
                $environment = @{
                    AWS_PROFILE                 = "ecsps-$set"
                    AWS_CONFIG_FILE             = (Join-Path $dir "config-$set")
                    AWS_SHARED_CREDENTIALS_FILE = (Join-Path $dir "credentials-$set")
                    AWS_ACCESS_KEY_ID           = $null
                    AWS_SECRET_ACCESS_KEY       = $null
                    AWS_REGION                  = $null
                    AWS_DEFAULT_REGION          = $null
                }
                $failure = Invoke-WithEnvironment -Variables $environment -ScriptBlock {
                    try { $null = Get-EcsClusterX -EndpointUrl $forward.Url; $null } catch { $_ }
                }
                $failure | Should -BeNullOrEmpty -Because "the profile ecsps-$set in its own files has a key and a region"
                $expected = @{ one = 'AKIAECSPSFILESONE00/\d{8}/eu-west-3/'; two = 'AKIAECSPSFILESTWO00/\d{8}/sa-east-1/' }[$set]
                $forward.Requests[0].Headers['Authorization'] | Should -Match "Credential=$expected"
            }
        } finally {
            $forward.Dispose()
            Remove-Item $dir -Recurse -Force -ErrorAction Ignore
        }
    }

    It 'reads a profile again after the file was edited' {
        $forward = Start-RequestRecorder -ForwardTo $Endpoint
        $credentials = New-EmptyTempFile 'credentials'
        try {
            foreach ($key in 'AKIAECSPSEDITBEFORE1', 'AKIAECSPSEDITEDAFTER2') {
                $forward.Clear()
                Set-Content $credentials "[ecsps-edit]`naws_access_key_id = $key`naws_secret_access_key = edit-secret`n"
                $null = Get-EcsClusterX -ProfileName ecsps-edit -ProfileLocation $credentials -Region us-east-1 -EndpointUrl $forward.Url
                $forward.Requests[0].Headers['Authorization'] | Should -Match "Credential=$key/"
            }
        } finally { $forward.Dispose() }
    }

    It 'reports a bad $env:<Variable> as InvalidArgument naming the variable, before sending' -ForEach @(
        @{ Variable = 'AWS_REGION'; Value = 'us-east-1 '; ErrorId = 'AwsInvalidRegion'; Says = 'is not a region name' }
        @{ Variable = 'AWS_DEFAULT_REGION'; Value = 'Ireland'; ErrorId = 'AwsInvalidRegion'; Says = 'is not a region name' }
        @{ Variable = 'AWS_ENDPOINT_URL'; Value = '127.0.0.1:5000'; ErrorId = 'AwsInvalidEndpoint'; Says = 'is not an http or https URL' }
        @{ Variable = 'AWS_ENDPOINT_URL_ECS'; Value = 'not a url'; ErrorId = 'AwsInvalidEndpoint'; Says = 'is not an http or https URL' }
    ) {
        $environment = @{ AWS_REGION = $null; AWS_DEFAULT_REGION = $null }
        $environment[$Variable] = $Value
        # A region from the environment needs no -Region; an endpoint from it no -EndpointUrl.
        $connection = if ($Variable -like 'AWS_ENDPOINT_URL*') { @{ Region = 'us-east-1' } } else { @{ EndpointUrl = $recorder.Url } }
        $thrown = Invoke-WithEnvironment -Variables $environment -ScriptBlock {
            { Get-EcsClusterX @connection } | Should -Throw -PassThru
        }
        $thrown.FullyQualifiedErrorId | Should -BeLike "$ErrorId*"
        $thrown.CategoryInfo.Category | Should -Be 'InvalidArgument'
        $thrown.Exception.Message | Should -BeLike "*$Variable='$Value' (from the environment) $Says*"
        $thrown.Exception.GetType().FullName | Should -Be 'EcsPS.Engine.Runtime.AwsConfigurationException'
        $recorder.Count | Should -Be 0
    }

    It 'reports a bad region in a profile as InvalidArgument naming the profile and its file' {
        $config = New-EmptyTempFile 'config'
        Set-Content $config "[profile ecsps-badregion]`nregion = xx`n"
        $thrown = Invoke-WithEnvironment -Variables @{ AWS_CONFIG_FILE = $config; AWS_REGION = $null; AWS_DEFAULT_REGION = $null } -ScriptBlock {
            { Get-EcsClusterX -ProfileName ecsps-badregion -EndpointUrl $recorder.Url } | Should -Throw -PassThru
        }
        $thrown.FullyQualifiedErrorId | Should -BeLike 'AwsInvalidRegion*'
        $thrown.CategoryInfo.Category | Should -Be 'InvalidArgument'
        $thrown.Exception.Message | Should -BeLike "*region 'xx' in profile 'ecsps-badregion' of $config*"
        $recorder.Count | Should -Be 0
    }

    It 'reports a failing credential_process as an AuthenticationError with its exit code, its stderr only with -Debug' {
        $secretLine = 'token=wJalrXUtnFEMIK7MDENGbPxRfiCYPESTERSECRET1'
        $dir = Join-Path ([IO.Path]::GetTempPath()) ('ecsps-proc-' + [guid]::NewGuid().ToString('N'))
        $null = New-Item -ItemType Directory -Path $dir
        try {
            if ($IsWindows) {
                $script = Join-Path $dir 'fail.cmd'
                Set-Content $script "@echo $secretLine 1>&2`r`n@exit /b 42`r`n"
            } else {
                $script = Join-Path $dir 'fail.sh'
                Set-Content $script "#!/bin/sh`necho '$secretLine' >&2`nexit 42`n"
                chmod +x $script
            }
            $config = Join-Path $dir 'config'
            Set-Content $config "[profile ecsps-proc]`nregion = us-east-1`ncredential_process = $script`n"
            $environment = @{ AWS_CONFIG_FILE = $config; AWS_PROFILE = 'ecsps-proc'; AWS_ACCESS_KEY_ID = $null; AWS_SECRET_ACCESS_KEY = $null }
            $debug = Invoke-WithEnvironment -Variables $environment -ScriptBlock {
                $thrown = $null
                # $DebugPreference rather than -Debug: in a non-interactive pwsh, -Debug on these
                # cmdlets asks "Continue?" at the first debug line (see the secrets test below).
                $DebugPreference = 'Continue'
                $lines = & { try { Get-EcsClusterX -EndpointUrl $recorder.Url } catch { Set-Variable thrown $_ -Scope 1 } } 5>&1 | ForEach-Object { "$_" }
                $DebugPreference = 'SilentlyContinue'
                $thrown | Should -Not -BeNullOrEmpty
                $thrown.FullyQualifiedErrorId | Should -BeLike 'AwsCredentialProcessFailed*'
                $thrown.CategoryInfo.Category | Should -Be 'AuthenticationError'
                $thrown.Exception.GetType().FullName | Should -Be 'EcsPS.Engine.Runtime.AwsConfigurationException'
                $thrown.Exception.InnerException | Should -BeNullOrEmpty
                $thrown.Exception.Message | Should -Match 'exit code 42'
                $thrown.Exception.Message | Should -Match "profile 'ecsps-proc'"
                ($thrown | Out-String) | Should -Not -Match 'PESTERSECRET'
                $lines
            }
            ($debug -join "`n") | Should -Match 'PESTERSECRET'
            $recorder.Count | Should -Be 0
        } finally { Remove-Item $dir -Recurse -Force -ErrorAction Ignore }
    }

    It 'reports an unknown -ProfileName as ObjectNotFound, before sending' {
        $thrown = { Get-EcsClusterX -ProfileName 'ecsps-no-such-profile' -ProfileLocation (New-EmptyTempFile 'credentials') -Region us-east-1 -EndpointUrl $recorder.Url } |
            Should -Throw -PassThru
        $thrown.FullyQualifiedErrorId | Should -BeLike 'AwsProfileNotFound*'
        $thrown.CategoryInfo.Category | Should -Be 'ObjectNotFound'
        $thrown.Exception.Message | Should -Match 'ecsps-no-such-profile'
        $recorder.Count | Should -Be 0
    }

    It 'sends to $env:<Variable> when -EndpointUrl is not given' -ForEach @(
        @{ Variable = 'AWS_ENDPOINT_URL_ECS' }, @{ Variable = 'AWS_ENDPOINT_URL' }
    ) {
        $forward = Start-RequestRecorder -ForwardTo $Endpoint
        try {
            $out = Invoke-WithEnvironment -Variables @{ $Variable = $forward.Url } -ScriptBlock {
                Get-EcsClusterX -Region us-east-1
            }
            $forward.Operations | Should -Contain 'ListClusters'
        } finally { $forward.Dispose() }
    }

    It 'fails with a terminating ConnectionError when nothing answers at the endpoint' {
        $listener = [System.Net.Sockets.TcpListener]::new([System.Net.IPAddress]::Loopback, 0)
        $listener.Start(); $port = $listener.LocalEndpoint.Port; $listener.Stop()
        $thrown = { Get-EcsClusterX 'any' -Region us-east-1 -EndpointUrl "http://127.0.0.1:$port" } | Should -Throw -PassThru
        $thrown.FullyQualifiedErrorId | Should -BeLike 'AwsConnectionFailure*'
        $thrown.CategoryInfo.Category | Should -Be 'ConnectionError'
    }
}

Describe 'An ARN of another region' {
    BeforeAll {
        # moto keeps regions apart, like AWS: a cluster x in each of two regions.
        Reset-EcsTestState -Endpoint $Endpoint
    }

    It 'Remove-EcsClusterX deletes the cluster of the ARN''s region when -Region is not given' {
        $name = New-TestName 'arnregion'
        $home_ = New-EcsClusterX $name -Region us-east-1 -EndpointUrl $Endpoint
        $away = New-EcsClusterX $name -Region eu-west-1 -EndpointUrl $Endpoint
        $away.ClusterArn | Should -Match '^arn:aws:ecs:eu-west-1:'

        Invoke-WithEnvironment -Variables @{ AWS_REGION = 'us-east-1'; AWS_DEFAULT_REGION = $null } -ScriptBlock {
            Remove-EcsClusterX $away.ClusterArn -Force -EndpointUrl $Endpoint
        }

        (Get-EcsClusterX $name -Region eu-west-1 -EndpointUrl $Endpoint).Status | Should -Be 'INACTIVE'
        (Get-EcsClusterX $name -Region us-east-1 -EndpointUrl $Endpoint).ClusterArn | Should -Be $home_.ClusterArn
        (Get-EcsClusterX $name -Region us-east-1 -EndpointUrl $Endpoint).Status | Should -Be 'ACTIVE'
    }

    It 'refuses with ArnRegionMismatch, sending nothing, when -Region is given and differs' {
        $name = New-TestName 'arnmismatch'
        $away = New-EcsClusterX $name -Region eu-west-1 -EndpointUrl $Endpoint
        $recorder = Start-RequestRecorder -ForwardTo $Endpoint
        try {
            $errors = @()
            Remove-EcsClusterX $away.ClusterArn -Force -Region us-east-1 -EndpointUrl $recorder.Url -ErrorAction SilentlyContinue -ErrorVariable errors
            $errors.Count | Should -Be 1
            $errors[0].FullyQualifiedErrorId | Should -BeLike 'ArnRegionMismatch*'
            $errors[0].CategoryInfo.Category | Should -Be 'InvalidArgument'
            $errors[0].TargetObject | Should -Be $away.ClusterArn
            $recorder.Count | Should -Be 0
        } finally { $recorder.Dispose() }
        (Get-EcsClusterX $name -Region eu-west-1 -EndpointUrl $Endpoint).Status | Should -Be 'ACTIVE'
    }

    It 'Get-EcsClusterX finds each name or ARN in its own region' {
        $name = New-TestName 'arnget'
        $null = New-EcsClusterX $name -Region us-east-1 -EndpointUrl $Endpoint
        $away = New-EcsClusterX $name -Region ap-southeast-2 -EndpointUrl $Endpoint
        $found = Get-EcsClusterX $name, $away.ClusterArn -Region us-east-1 -EndpointUrl $Endpoint -ErrorAction SilentlyContinue -ErrorVariable errors
        # -Region us-east-1 was given: the ap-southeast-2 ARN is refused, the name is found.
        @($found).Count | Should -Be 1
        $errors[0].FullyQualifiedErrorId | Should -BeLike 'ArnRegionMismatch*'

        $found = Invoke-WithEnvironment -Variables @{ AWS_REGION = 'us-east-1' } -ScriptBlock {
            Get-EcsClusterX $name, $away.ClusterArn -EndpointUrl $Endpoint
        }
        @($found.ClusterArn | ForEach-Object { ($_ -split ':')[3] } | Sort-Object) | Should -Be @('ap-southeast-2', 'us-east-1')
    }
}

Describe 'Credentials never show in output' {
    BeforeAll {
        Reset-EcsTestState -Endpoint $Endpoint
    }

    It 'keeps -SecretKey and -SessionToken out of every stream and error record' {
        $secret = 'SECRETabc' + [guid]::NewGuid().ToString('N')
        $token = 'TOKENxyz' + [guid]::NewGuid().ToString('N')
        # Passed through a variable: a literal on the command line would be echoed by PowerShell
        # itself (InvocationInfo.Line), which no module can prevent.
        $credentials = @{ AccessKey = 'AKIAECSPSSECRETTEST0'; SecretKey = $secret; SessionToken = $token }
        $name = New-TestName 'secret'
        $missing = New-TestName 'missing'
        $listener = [System.Net.Sockets.TcpListener]::new([System.Net.IPAddress]::Loopback, 0)
        $listener.Start(); $deadPort = $listener.LocalEndpoint.Port; $listener.Stop()

        $Error.Clear()
        $ErrorActionPreference = 'Continue'
        $DebugPreference = 'Continue'
        $records = @(& {
                New-EcsClusterX $name -Tag @{ purpose = 'secret-test' } @credentials @Aws -Verbose -Debug
                Get-EcsClusterX $name, $missing -Include TAGS @credentials @Aws -Verbose -Debug
                Update-EcsClusterX $missing -ContainerInsights enabled @credentials @Aws -Verbose -Debug
                Remove-EcsClusterX $missing -Force @credentials @Aws -Verbose -Debug
                try { Get-EcsClusterX $name @credentials -Region us-east-1 -EndpointUrl "http://127.0.0.1:$deadPort" -Verbose -Debug }
                catch { $_ }
                try { Get-EcsClusterX $name @credentials -Region nowhere -EndpointUrl $Endpoint -Verbose -Debug }
                catch { $_ }
            } *>&1)
        $DebugPreference = 'SilentlyContinue'

        # The calls really ran, with verbose and debug output and errors to search.
        @($records | Where-Object { $_ -is [System.Management.Automation.DebugRecord] }).Count | Should -BeGreaterThan 0
        @($records | Where-Object { $_ -is [System.Management.Automation.VerboseRecord] }).Count | Should -BeGreaterThan 0
        @($records | Where-Object { $_ -is [System.Management.Automation.ErrorRecord] }).Count | Should -BeGreaterOrEqual 5
        @($records | Where-Object { $_.PSObject.TypeNames[0] -eq $ClusterType }).Count | Should -BeGreaterOrEqual 2
        $Error.Count | Should -BeGreaterOrEqual 5

        $texts = [System.Collections.Generic.List[string]]::new()
        foreach ($record in @($records) + @($Error)) {
            $texts.Add(($record | Out-String -Width 4096))
            $texts.Add(($record | Format-List * -Force | Out-String -Width 4096))
            $texts.Add("$record")
            if ($record -is [System.Management.Automation.ErrorRecord]) {
                $texts.Add($record.ToString())
                $texts.Add($record.Exception.ToString())
                if ($record.ErrorDetails) { $texts.Add("$($record.ErrorDetails.Message) $($record.ErrorDetails.RecommendedAction)") }
                $texts.Add("$($record.TargetObject) $($record.CategoryInfo) $($record.FullyQualifiedErrorId)")
                $texts.Add(($record.Exception | Format-List * -Force | Out-String -Width 4096))
            } elseif ($record -is [Exception]) {
                $texts.Add($record.ToString())
            } elseif ($record -is [System.Management.Automation.InformationalRecord]) {
                $texts.Add($record.Message)
            }
        }
        $all = $texts -join "`n"

        $all | Should -Match 'request body'    # debug output really is in what was searched
        $all | Should -Match $missing          # and so are the errors
        $all | Should -Not -Match $secret
        $all | Should -Not -Match $token
        $all | Should -Not -Match 'SECRETabc'
        $all | Should -Not -Match 'TOKENxyz'
    }
}

Describe 'The Cluster table view' {
    BeforeAll {
        Reset-EcsTestState -Endpoint $Endpoint
        $name = New-TestName 'view'
        $null = New-EcsClusterX $name -CapacityProvider FARGATE, FARGATE_SPOT @Aws
    }

    It 'shows the columns an admin scans for and a row per cluster' {
        $text = Get-EcsClusterX @Aws | Format-Table | Out-String -Width 300 | Remove-Ansi
        $lines = $text -split "`r?`n"
        $header = $lines | Where-Object { $_ -match '\bClusterName\b' } | Select-Object -First 1
        $header | Should -Not -BeNullOrEmpty
        foreach ($column in 'ClusterName', 'Status', 'Services', 'Running', 'Pending', 'Instances', 'CapacityProviders') {
            $header | Should -Match "\b$column\b"
        }
        $row = $lines | Where-Object { $_ -match "^$([regex]::Escape($name))\s" }
        @($row).Count | Should -Be 1
        $row | Should -Match '\bACTIVE\b'
        $row | Should -Match 'FARGATE, FARGATE_SPOT'
    }

    It 'is the default view, without Format-Table' {
        $text = Get-EcsClusterX $name @Aws | Out-String -Width 300 | Remove-Ansi
        $text | Should -Match '\bCapacityProviders\b'
        $text | Should -Match "$([regex]::Escape($name))\s+ACTIVE"
    }
}
