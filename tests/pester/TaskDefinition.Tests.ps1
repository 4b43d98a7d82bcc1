# The task definition cmdlets, run from the published module against moto_server on 127.0.0.1,
# with the AWS CLI (on a moto of its own) as the reference client for the JSON files admins keep.
# Only behaviour that real ECS also has is asserted (shared/notes/moto.md). Where moto differs
# from ECS in a way these cmdlets would show (ListTaskDefinitions ignores 'sort'; describing a
# bare family returns its highest revision even when that one is INACTIVE), the tests use data on
# which both agree. Whatever must not reach the service is checked at a loopback request
# recorder, not inferred from moto's state.

BeforeDiscovery {
    # Files that are not JSON, each with where the error must be reported: the first occurrence of
    # Find, moved Offset characters (no Find: the end of the text). Every other refusal of bad input
    # is a case of tests/bad-inputs.psd1, run by BadInput.Tests.ps1.
    $BadCases = @(
        @{ Name = 'truncated JSON'; ErrorId = 'InvalidTaskDefinitionJson'; Category = 'InvalidData'
            Json = "{`n  ""family"": ""__FAMILY__"",`n  ""containerDefinitions"": [`n    { ""name"": ""web"", ""image"": ""nginx"""
            Words = @('not valid JSON'); At = @{ Find = $null; Offset = 0 } }
        @{ Name = 'a trailing comma'; ErrorId = 'InvalidTaskDefinitionJson'; Category = 'InvalidData'
            Json = "{`n  ""family"": ""__FAMILY__"",`n  ""containerDefinitions"": [`n    { ""name"": ""web"", ""image"": ""nginx"", ""memory"": 512, }`n  ]`n}"
            Words = @('not valid JSON', 'trailing comma'); At = @{ Find = ', }'; Offset = 2 } }
        @{ Name = 'single-quoted names and values'; ErrorId = 'InvalidTaskDefinitionJson'; Category = 'InvalidData'
            Json = "{`n  ""family"": ""__FAMILY__"",`n  'containerDefinitions': [ { 'name': 'web' } ]`n}"
            Words = @('not valid JSON', "'"); At = @{ Find = "'containerDefinitions'"; Offset = 0 } }
    )
}

BeforeAll {
    Import-Module (Join-Path $PSScriptRoot 'TestHelpers.psm1') -Force
    Import-Module (Join-Path $PSScriptRoot 'TaskDefinitionHelpers.psm1') -Force
    $Endpoint = Initialize-EcsTestEnvironment
    $Aws = @{ Region = 'us-east-1'; EndpointUrl = $Endpoint }
    $TdType = 'EcsPS.Engine.Ecs.Model.TaskDefinition'
    $WorkDir = Join-Path ([IO.Path]::GetTempPath()) ('ecsps-td-tests-' + [guid]::NewGuid().ToString('N'))
    $null = New-Item -ItemType Directory -Path $WorkDir
    Reset-EcsTestState -Endpoint $Endpoint

    # A small EC2 task registered from parameters: one revision per call.
    function Register-Small([string] $Family, [string] $Image = 'nginx:1.27', [hashtable] $Tag) {
        $extra = @{}
        if ($Tag) { $extra.Tag = $Tag }
        Register-EcsTaskDefinitionX -Family $Family -ContainerDefinition @{ name = 'web'; image = $Image; memory = 256 } @extra @Aws -ErrorAction Stop
    }
    function Get-DescribeJson([string] $Url, [string] $TaskDefinition) {
        Invoke-AwsCli -Endpoint $Url -Arguments @('ecs', 'describe-task-definition', '--task-definition', $TaskDefinition, '--include', 'TAGS')
    }
    # What the service fills in and the clock decides; everything else must match.
    $Volatile = @('registeredAt', 'registeredBy', 'deregisteredAt')
}

AfterAll {
    if ($WorkDir) { Remove-Item $WorkDir -Recurse -Force -ErrorAction Ignore }
    Clear-EcsTestEnvironment
}

Describe 'Task definition files: parity with the AWS CLI' {
    BeforeAll {
        # The CLI side runs against a moto of its own, so both sides start from the same state.
        $CliMoto = Start-SecondMoto
        $Cli = $CliMoto.Url
    }
    AfterAll {
        Stop-SecondMoto $CliMoto
    }

    It 'registers <Fixture> to the same describe-task-definition result as aws ecs register-task-definition' -ForEach @(
        @{ Fixture = 'fargate-web.json'; Prefix = 'parity-web' }
        @{ Fixture = 'ec2-bridge.json'; Prefix = 'parity-api' }
    ) {
        $family = New-TestName $Prefix
        $file = Copy-FixtureWithFamily -Fixture $Fixture -Family $family -Directory $WorkDir

        $null = Invoke-AwsCli -Endpoint $Cli -Arguments @('ecs', 'register-task-definition', '--cli-input-json', "file://$file")
        $registered = Register-EcsTaskDefinitionX -Path $file @Aws -ErrorAction Stop
        $registered.PSObject.TypeNames[0] | Should -Be $TdType
        $registered.FamilyRevision | Should -Be "${family}:1"

        $viaCli = Get-DescribeJson $Cli "${family}:1"
        $viaModule = Get-DescribeJson $Endpoint "${family}:1"
        ($viaModule | ConvertTo-CanonicalJson -Drop $Volatile -DropUnder taskDefinition) |
            Should -Be ($viaCli | ConvertTo-CanonicalJson -Drop $Volatile -DropUnder taskDefinition)

        # Both sides must really carry the file's content (two equally empty answers prove nothing).
        $source = Get-Content $file -Raw | ConvertFrom-Json
        $described = $viaModule | ConvertFrom-Json
        # (The service does not promise an order for tags.)
        ($described.tags | Sort-Object key | ConvertTo-Json -Depth 5 -Compress) | Should -Be ($source.tags | Sort-Object key | ConvertTo-Json -Depth 5 -Compress)
        @($described.taskDefinition.containerDefinitions.name) | Should -Be @($source.containerDefinitions.name)
        foreach ($i in 0..($source.containerDefinitions.Count - 1)) {
            $want = $source.containerDefinitions[$i]
            $got = $described.taskDefinition.containerDefinitions[$i]
            $got.image | Should -Be $want.image
            foreach ($member in 'secrets', 'environment', 'logConfiguration', 'mountPoints', 'healthCheck', 'ulimits', 'dependsOn', 'links') {
                if ($want.PSObject.Properties[$member]) {
                    ($got.$member | ConvertTo-Json -Depth 10 -Compress) | ConvertTo-CanonicalJson |
                        Should -Be (($want.$member | ConvertTo-Json -Depth 10 -Compress) | ConvertTo-CanonicalJson) -Because "containerDefinitions[$i].$member"
                }
            }
        }
        if ($source.PSObject.Properties['volumes']) {
            ($described.taskDefinition.volumes | ConvertTo-Json -Depth 10 -Compress) | ConvertTo-CanonicalJson |
                Should -Be (($source.volumes | ConvertTo-Json -Depth 10 -Compress) | ConvertTo-CanonicalJson)
        }
    }

    It 'registers the CLI''s describe-task-definition output of <Fixture> as the same definition, one revision on' -ForEach @(
        @{ Fixture = 'fargate-web.json'; Prefix = 'describe-web' }
        @{ Fixture = 'ec2-bridge.json'; Prefix = 'describe-api' }
    ) {
        $family = New-TestName $Prefix
        $file = Copy-FixtureWithFamily -Fixture $Fixture -Family $family -Directory $WorkDir
        $null = Invoke-AwsCli -Endpoint $Cli -Arguments @('ecs', 'register-task-definition', '--cli-input-json', "file://$file")
        $null = Register-EcsTaskDefinitionX -Path $file @Aws -ErrorAction Stop

        # What an admin keeps: the describe output as the CLI prints it, read-only members and all.
        $describeText = Get-DescribeJson $Cli "${family}:1"
        $describeFile = New-TaskDefinitionFile -Json $describeText -Directory $WorkDir
        ($describeText | ConvertFrom-Json).taskDefinition.PSObject.Properties.Name | Should -Contain 'taskDefinitionArn'

        $second = Register-EcsTaskDefinitionX -Path $describeFile @Aws -ErrorAction Stop
        $second.Revision | Should -Be 2

        $again = Get-DescribeJson $Endpoint "${family}:2"
        ($again | ConvertFrom-Json).taskDefinition.taskDefinitionArn | Should -BeLike "*:task-definition/${family}:2"
        $normalize = @('revision', 'taskDefinitionArn') + $Volatile
        ($again | ConvertTo-CanonicalJson -Drop $normalize -DropUnder taskDefinition) |
            Should -Be ($describeText | ConvertTo-CanonicalJson -Drop $normalize -DropUnder taskDefinition)
    }

    Context 'Export-EcsTaskDefinitionX round trip' {
        It 'registers its own export of <Fixture> as revision 2 with the same definition' -ForEach @(
            @{ Fixture = 'fargate-web.json'; Prefix = 'trip-web' }
            @{ Fixture = 'ec2-bridge.json'; Prefix = 'trip-api' }
        ) {
            $family = New-TestName $Prefix
            $null = Register-EcsTaskDefinitionX -Path (Copy-FixtureWithFamily -Fixture $Fixture -Family $family -Directory $WorkDir) @Aws -ErrorAction Stop

            $first = Export-EcsTaskDefinitionX "${family}:1" -Path (Join-Path $WorkDir "$family-1.json") -PassThru @Aws
            $first | Should -BeOfType ([IO.FileInfo])
            $second = Register-EcsTaskDefinitionX -Path $first.FullName @Aws -ErrorAction Stop
            $second.Revision | Should -Be 2
            $secondFile = Export-EcsTaskDefinitionX "${family}:2" -Path (Join-Path $WorkDir "$family-2.json") -PassThru @Aws

            Get-Content $secondFile.FullName -Raw | Should -Be (Get-Content $first.FullName -Raw)

            $exported = Get-Content $first.FullName -Raw | ConvertFrom-Json
            $exported.family | Should -Be $family
            $members = $exported.PSObject.Properties.Name
            foreach ($readOnly in 'taskDefinitionArn', 'revision', 'status', 'requiresAttributes', 'compatibilities', 'registeredAt', 'registeredBy') {
                $members | Should -Not -Contain $readOnly
            }
            $source = Get-Content (Join-Path $PSScriptRoot "fixtures/$Fixture") -Raw | ConvertFrom-Json
            ($exported.tags | Sort-Object key | ConvertTo-Json -Compress) | Should -Be ($source.tags | Sort-Object key | ConvertTo-Json -Compress)
        }

        It 'writes a file that aws ecs register-task-definition --cli-input-json accepts as the same definition (<Fixture>)' -ForEach @(
            @{ Fixture = 'fargate-web.json'; Prefix = 'cli-web' }
            @{ Fixture = 'ec2-bridge.json'; Prefix = 'cli-api' }
        ) {
            $family = New-TestName $Prefix
            $null = Register-EcsTaskDefinitionX -Path (Copy-FixtureWithFamily -Fixture $Fixture -Family $family -Directory $WorkDir) @Aws -ErrorAction Stop
            $export = Export-EcsTaskDefinitionX $family -Path (Join-Path $WorkDir "$family-export.json") -PassThru @Aws

            $answer = Invoke-AwsCli -Endpoint $Cli -Arguments @('ecs', 'register-task-definition', '--cli-input-json', "file://$($export.FullName)") | ConvertFrom-Json
            $answer.taskDefinition.revision | Should -Be 1

            ((Get-DescribeJson $Cli "${family}:1") | ConvertTo-CanonicalJson -Drop $Volatile -DropUnder taskDefinition) |
                Should -Be ((Get-DescribeJson $Endpoint "${family}:1") | ConvertTo-CanonicalJson -Drop $Volatile -DropUnder taskDefinition)
        }

        It 'writes a file named after the family into a folder, and -NoClobber leaves an existing file alone' {
            $family = New-TestName 'export-dir'
            $null = Register-Small $family
            $folder = Join-Path $WorkDir $family
            $null = New-Item -ItemType Directory -Path $folder

            $written = Export-EcsTaskDefinitionX $family -Path $folder -PassThru @Aws
            $written.FullName | Should -Be (Join-Path $folder "$family.json")
            (Get-Content $written.FullName -Raw | ConvertFrom-Json).containerDefinitions[0].image | Should -Be 'nginx:1.27'

            Set-Content -Path $written.FullName -Value 'keep me'
            $result = Invoke-Captured { Export-EcsTaskDefinitionX $family -Path $folder -NoClobber -PassThru @Aws }
            @($result.Output).Count | Should -Be 0
            @($result.Errors).Count | Should -Be 1
            $result.Errors[0].FullyQualifiedErrorId | Should -BeLike 'NoClobber,*'
            $result.Errors[0].CategoryInfo.Category | Should -Be 'ResourceExists'
            (Get-Content $written.FullName -Raw).Trim() | Should -Be 'keep me'
        }

        It 'exports objects piped from Get-EcsTaskDefinitionX, one file per family' {
            $families = @((New-TestName 'export-pipe'), (New-TestName 'export-pipe'))
            foreach ($f in $families) { $null = Register-Small $f -Image "registry.example.com/${f}:3" }
            $folder = Join-Path $WorkDir ('pipe-' + [guid]::NewGuid().ToString('N'))
            $null = New-Item -ItemType Directory -Path $folder

            $files = Get-EcsTaskDefinitionX $families @Aws | Export-EcsTaskDefinitionX -Path $folder -PassThru @Aws
            @($files.Name | Sort-Object) | Should -Be @($families | ForEach-Object { "$_.json" } | Sort-Object)
            foreach ($f in $families) {
                (Get-Content (Join-Path $folder "$f.json") -Raw | ConvertFrom-Json).containerDefinitions[0].image | Should -Be "registry.example.com/${f}:3"
            }
        }

        It 'refuses to overwrite a file it wrote in the same run, and -WhatIf writes nothing' {
            $family = New-TestName 'export-twice'
            1..2 | ForEach-Object { $null = Register-Small $family -Image "nginx:1.$_" }
            $folder = Join-Path $WorkDir $family
            $null = New-Item -ItemType Directory -Path $folder

            $lines = @(Get-WhatIfLine { Export-EcsTaskDefinitionX "${family}:1" -Path $folder -WhatIf @Aws })
            $lines.Count | Should -Be 1
            $lines[0] | Should -BeLike "*${family}:1*$family.json*"
            @(Get-ChildItem $folder).Count | Should -Be 0

            $result = Invoke-Captured { Get-EcsTaskDefinitionX -Family $family -AllRevisions @Aws | Export-EcsTaskDefinitionX -Path $folder -PassThru @Aws }
            @($result.Output).Count | Should -Be 1
            @($result.Errors).Count | Should -Be 1
            $result.Errors[0].FullyQualifiedErrorId | Should -BeLike 'ExportTargetReused,*'
            $result.Errors[0].Exception.Message | Should -BeLike "*${family}:2*"
            (Get-Content (Join-Path $folder "$family.json") -Raw | ConvertFrom-Json).containerDefinitions[0].image | Should -Be 'nginx:1.1'
        }

        It 'writes an object given to -InputObject as it is, without calling AWS or needing a region' {
            $family = New-TestName 'export-offline'
            $definition = Get-EcsTaskDefinitionX (Register-Small $family -Image 'nginx:1.29' -Tag @{ team = 'offline' }).FamilyRevision -Include TAGS @Aws
            $viaStub = Join-Path $WorkDir "$family-stub.json"
            $noRegion = Join-Path $WorkDir "$family-noregion.json"

            $stub = Start-RequestRecorder
            try {
                $result = Invoke-Captured { Export-EcsTaskDefinitionX -InputObject $definition -Path $viaStub -PassThru -Region us-east-1 -EndpointUrl $stub.Url }
                $sent = @($stub.Operations)
            } finally { $stub.Dispose() }
            $offline = Invoke-Captured { Export-EcsTaskDefinitionX -InputObject $definition -Path $noRegion }

            $sent | Should -BeNullOrEmpty
            @($result.Errors) + @($offline.Errors) | ForEach-Object { $_.Exception.Message } | Should -BeNullOrEmpty
            @($result.Output.FullName) | Should -Be @($viaStub)
            $written = Get-Content $viaStub -Raw | ConvertFrom-Json
            $written.containerDefinitions[0].image | Should -Be 'nginx:1.29'
            @($written.tags | ForEach-Object { "$($_.key)=$($_.value)" }) | Should -Be @('team=offline')
            Get-Content $noRegion -Raw | Should -Be (Get-Content $viaStub -Raw)
        }

        It 'reads piped task definition objects again from ECS, tags included' {
            $family = New-TestName 'export-reread'
            $null = Register-Small $family -Image 'nginx:1.30' -Tag @{ team = 'reread' }
            $target = Join-Path $WorkDir "$family.json"

            # Read without -Include TAGS: the export still carries the tags.
            $null = Get-EcsTaskDefinitionX $family @Aws | Export-EcsTaskDefinitionX -Path $target @Aws

            $written = Get-Content $target -Raw | ConvertFrom-Json
            $written.containerDefinitions[0].image | Should -Be 'nginx:1.30'
            @($written.tags | ForEach-Object { "$($_.key)=$($_.value)" }) | Should -Be @('team=reread')
        }
    }
}

Describe 'Register-EcsTaskDefinitionX' {
    It 'clones a revision with a new image: revision+1, nothing else changed' {
        $family = New-TestName 'clone'
        $web = New-EcsContainerDefinitionX web 'registry.example.com/web:1' -Port 8080 -Environment ([ordered]@{ MODE = 'prod' })
        $side = New-EcsContainerDefinitionX envoy 'envoyproxy/envoy:v1.31' -Essential $false
        $old = Register-EcsTaskDefinitionX -Family $family -ContainerDefinition $web, $side -RequiresCompatibility FARGATE -NetworkMode awsvpc -Cpu 512 -Memory 1024 @Aws -ErrorAction Stop

        $new = Get-EcsTaskDefinitionX $family @Aws | Register-EcsTaskDefinitionX -Image @{ web = 'registry.example.com/web:2' } @Aws -ErrorAction Stop

        $new.Family | Should -Be $family
        $new.Revision | Should -Be ($old.Revision + 1)
        @($new.Images) | Should -Be @('registry.example.com/web:2', 'envoyproxy/envoy:v1.31')

        $before = Export-EcsTaskDefinitionX $old.FamilyRevision -Path (Join-Path $WorkDir "$family-old.json") -PassThru @Aws
        $after = Export-EcsTaskDefinitionX $new.FamilyRevision -Path (Join-Path $WorkDir "$family-new.json") -PassThru @Aws
        $expected = Get-Content $before.FullName -Raw | ConvertFrom-Json
        $expected.containerDefinitions[0].image = 'registry.example.com/web:2'
        (Get-Content $after.FullName -Raw | ConvertTo-CanonicalJson) | Should -Be ($expected | ConvertTo-Json -Depth 20 | ConvertTo-CanonicalJson)
    }

    It 'keeps the source''s tags on a clone read with -Include TAGS' {
        $family = New-TestName 'clone-tags'
        $null = Register-Small $family -Tag @{ team = 'web'; 'cost-center' = '4711' }

        $new = Get-EcsTaskDefinitionX $family -Include TAGS @Aws | Register-EcsTaskDefinitionX -Image @{ web = 'nginx:1.28' } @Aws -ErrorAction Stop

        $new.Revision | Should -Be 2
        $tags = @{}
        foreach ($t in @((Get-EcsTaskDefinitionX "${family}:2" -Include TAGS @Aws).Tags)) { $tags[$t.Key] = $t.Value }
        $tags.Count | Should -Be 2
        $tags['team'] | Should -Be 'web'
        $tags['cost-center'] | Should -Be '4711'
    }

    It 'refuses -Image for a missing container, naming the real containers, and registers nothing' {
        $family = New-TestName 'clone-miss'
        $null = Register-EcsTaskDefinitionX -Family $family -ContainerDefinition @{ name = 'web'; image = 'nginx'; memory = 256 }, @{ name = 'worker'; image = 'busybox'; memory = 128; essential = $false } @Aws -ErrorAction Stop
        $source = Get-EcsTaskDefinitionX $family @Aws

        $result = Invoke-Captured { $source | Register-EcsTaskDefinitionX -Image @{ api = 'nginx:2' } @Aws }

        @($result.Output).Count | Should -Be 0
        @($result.Errors).Count | Should -Be 1
        $result.Errors[0].FullyQualifiedErrorId | Should -Be 'UnknownContainer,EcsPS.Ecs.TaskDefinitions.RegisterEcsTaskDefinitionX'
        $result.Errors[0].Exception.Message | Should -BeLike "*'api'*web, worker*"
        @(Get-MotoTaskDefinitionArn -Endpoint $Endpoint -Family $family).Count | Should -Be 1
    }

    It 'registers containers from New-EcsContainerDefinitionX and fills in the awslogs region it registers in' {
        $family = New-TestName 'params'
        $web = New-EcsContainerDefinitionX web 'nginx:1.27' -Port 80 -LogGroup '/ecs/params' -Secret @{ TOKEN = 'arn:aws:ssm:us-east-1:123456789012:parameter/token' }
        $td = Register-EcsTaskDefinitionX -Family $family -ContainerDefinition $web -RequiresCompatibility FARGATE -NetworkMode awsvpc -Cpu 256 -Memory 512 -Tag @{ app = 'params' } `
            -ExecutionRoleArn arn:aws:iam::123456789012:role/ecsTaskExecutionRole @Aws -ErrorAction Stop

        $td.Revision | Should -Be 1
        $described = (Get-DescribeJson $Endpoint $td.FamilyRevision) | ConvertFrom-Json
        $container = $described.taskDefinition.containerDefinitions[0]
        $container.logConfiguration.logDriver | Should -Be 'awslogs'
        $container.logConfiguration.options.'awslogs-group' | Should -Be '/ecs/params'
        $container.logConfiguration.options.'awslogs-stream-prefix' | Should -Be 'web'
        $container.logConfiguration.options.'awslogs-region' | Should -Be 'us-east-1'
        $container.secrets[0].valueFrom | Should -Be 'arn:aws:ssm:us-east-1:123456789012:parameter/token'
        $described.taskDefinition.cpu | Should -Be '256'
        $described.taskDefinition.memory | Should -Be '512'
        @($described.tags | ForEach-Object { "$($_.key)=$($_.value)" }) | Should -Be @('app=params')
    }

    It 'adds -Tag to the tags in the file, the parameter winning for a key in both' {
        $family = New-TestName 'tag-merge'
        $file = New-TaskDefinitionFile -Family $family -Directory $WorkDir -Json '{ "family": "__FAMILY__", "containerDefinitions": [ { "name": "web", "image": "nginx", "memory": 256 } ], "tags": [ { "key": "team", "value": "old" }, { "key": "app", "value": "shop" } ] }'

        $null = Register-EcsTaskDefinitionX -Path $file -Tag @{ team = 'new'; env = 'prod' } @Aws -ErrorAction Stop

        $tags = @{}
        foreach ($t in @((Get-EcsTaskDefinitionX $family -Include TAGS @Aws).Tags)) { $tags[$t.Key] = $t.Value }
        $tags.Count | Should -Be 3
        $tags['team'] | Should -Be 'new'
        $tags['app'] | Should -Be 'shop'
        $tags['env'] | Should -Be 'prod'
    }

    It 'registers a hashtable given as -InputObject, member names in any case' {
        $family = New-TestName 'hashtable'
        $td = Register-EcsTaskDefinitionX -InputObject @{
            Family = $family
            NetworkMode = 'BRIDGE'
            ContainerDefinitions = @(@{ Name = 'web'; Image = 'nginx:1.27'; Memory = 256; PortMappings = @(@{ ContainerPort = 80; HostPort = 0 }) })
        } @Aws -ErrorAction Stop

        $td.Family | Should -Be $family
        $td.NetworkMode | Should -Be 'bridge'
        $td.ContainerDefinitions[0].PortMappings[0].ContainerPort | Should -Be 80
    }

    It '-WhatIf names the family and images and sends nothing' {
        $family = New-TestName 'reg-whatif'
        $file = Copy-FixtureWithFamily -Fixture 'ec2-bridge.json' -Family $family -Directory $WorkDir
        $recorder = Start-RequestRecorder
        try {
            $lines = @(Get-WhatIfLine { Register-EcsTaskDefinitionX -Path $file -WhatIf -Region us-east-1 -EndpointUrl $recorder.Url })
            $recorder.Count | Should -Be 0
        } finally { $recorder.Dispose() }
        $lines.Count | Should -Be 1
        $lines[0] | Should -BeLike "*api=123456789012.dkr.ecr.us-east-1.amazonaws.com/api:2.7.0, redis=public.ecr.aws/docker/library/redis:7.2-alpine*$family*"
    }

    It 'registers the PSCustomObject ConvertFrom-Json makes of a describe output, after an edit' {
        $family = New-TestName 'fromjson'
        $file = Copy-FixtureWithFamily -Fixture 'ec2-bridge.json' -Family $family -Directory $WorkDir
        $null = Register-EcsTaskDefinitionX -Path $file @Aws -ErrorAction Stop
        $describe = Get-DescribeJson $Endpoint "${family}:1" | ConvertFrom-Json

        $describe.taskDefinition.containerDefinitions[0].image = 'registry.example.com/api:2.8.0'
        $second = $describe | Register-EcsTaskDefinitionX @Aws -ErrorAction Stop

        $second.Revision | Should -Be 2
        @($second.Images) | Should -Be @('registry.example.com/api:2.8.0', 'public.ecr.aws/docker/library/redis:7.2-alpine')
        $before = (Get-DescribeJson $Endpoint "${family}:1") | ConvertTo-CanonicalJson -Drop (@('revision', 'taskDefinitionArn') + $Volatile) -DropUnder taskDefinition
        $after = (Get-DescribeJson $Endpoint "${family}:2") | ConvertTo-CanonicalJson -Drop (@('revision', 'taskDefinitionArn') + $Volatile) -DropUnder taskDefinition
        $after | Should -Be ($before.Replace('"image":"123456789012.dkr.ecr.us-east-1.amazonaws.com/api:2.7.0"', '"image":"registry.example.com/api:2.8.0"'))
        $after | Should -Not -Be $before
    }

    It 'goes on to the next file after a bad one' {
        $folder = Join-Path $WorkDir ('mixed-' + [guid]::NewGuid().ToString('N'))
        $null = New-Item -ItemType Directory -Path $folder
        $good = New-TestName 'mixed'
        Set-Content -Path (Join-Path $folder 'a-bad.json') -Value '{ "family": "x", '
        $null = Copy-FixtureWithFamily -Fixture 'fargate-web.json' -Family $good -Directory $folder
        Set-Content -Path (Join-Path $folder 'z-bad.json') -Value '{ "family": "y y", "containerDefinitions": [ { "name": "web", "image": "nginx", "memory": 64 } ] }'

        $result = Invoke-Captured { Get-ChildItem -Path $folder -Filter *.json | Sort-Object Name | Register-EcsTaskDefinitionX @Aws }

        @($result.Output.Family) | Should -Be @($good)
        @($result.Errors.FullyQualifiedErrorId -replace ',.*') | Should -Be @('InvalidTaskDefinitionJson', 'InvalidTaskDefinition')
        @($result.Errors.TargetObject | Split-Path -Leaf) | Should -Be @('a-bad.json', 'z-bad.json')
    }

    It 'registers JSON files piped from Get-ChildItem' {
        $families = @((New-TestName 'files'), (New-TestName 'files'))
        $folder = Join-Path $WorkDir ('files-' + [guid]::NewGuid().ToString('N'))
        $null = New-Item -ItemType Directory -Path $folder
        foreach ($f in $families) {
            $null = New-TaskDefinitionFile -Family $f -Directory $folder -Json '{ "family": "__FAMILY__", "containerDefinitions": [ { "name": "web", "image": "nginx", "memory": 256 } ] }'
        }

        $result = Invoke-Captured { Get-ChildItem -Path $folder -Filter *.json | Register-EcsTaskDefinitionX @Aws }

        $result.Errors | ForEach-Object { $_.Exception.Message } | Should -BeNullOrEmpty
        @($result.Output.Family | Sort-Object) | Should -Be @($families | Sort-Object)
    }
}

Describe 'Requests on the wire' {
    It 'every request the task definition cmdlets send validates against botocore''s ECS model' {
        $family = New-TestName 'wire'
        $recorder = Start-RequestRecorder -ForwardTo $Endpoint
        try {
            $via = @{ Region = 'us-east-1'; EndpointUrl = $recorder.Url }
            foreach ($fixture in 'fargate-web.json', 'ec2-bridge.json') {
                $null = Register-EcsTaskDefinitionX -Path (Copy-FixtureWithFamily -Fixture $fixture -Family $family -Directory $WorkDir) @via -ErrorAction Stop
            }
            $null = Register-EcsTaskDefinitionX -Family $family -ContainerDefinition (New-EcsContainerDefinitionX web nginx -Port 80 -LogGroup /ecs/wire -Ulimit 'nofile=1024:4096' -HealthCheckCommand 'curl -f http://localhost/') `
                -RequiresCompatibility FARGATE -NetworkMode awsvpc -Cpu 256 -Memory 512 -EphemeralStorageGiB 30 -RuntimePlatform 'LINUX/ARM64' -Tag @{ team = 'wire' } `
                -ExecutionRoleArn arn:aws:iam::123456789012:role/ecsTaskExecutionRole -TaskRoleArn web-task @via -ErrorAction Stop
            $null = Get-EcsTaskDefinitionX $family -Include TAGS @via
            $null = Get-EcsTaskDefinitionX -Family "$family*" -AllRevisions @via
            $null = Get-EcsTaskDefinitionX @via
            $null = Export-EcsTaskDefinitionX "${family}:1" -Path (Join-Path $WorkDir "$family-wire.json") @via
            $null = Get-EcsTaskDefinitionX -Family $family -AllRevisions @via | Unregister-EcsTaskDefinitionX -Force @via
            $null = Get-EcsTaskDefinitionX -Family $family -Status INACTIVE -AllRevisions @via | Remove-EcsTaskDefinitionX -Force @via
            $requests = @($recorder.Requests)
        } finally { $recorder.Dispose() }

        @($requests.Operation | Sort-Object -Unique) | Should -Be @('DeleteTaskDefinitions', 'DeregisterTaskDefinition', 'DescribeTaskDefinition',
            'ListTaskDefinitionFamilies', 'ListTaskDefinitions', 'RegisterTaskDefinition')
        Test-BotocoreRequest -Request $requests | Should -BeNullOrEmpty
        foreach ($r in $requests) {
            $r.Headers['Content-Type'] | Should -Be 'application/x-amz-json-1.1'
            $r.Headers['X-Amz-Target'] | Should -Be "AmazonEC2ContainerServiceV20141113.$($r.Operation)"
        }
    }

    It 'botocore''s validator does catch a bad body (the check above can fail)' {
        $bad = [pscustomobject]@{ Operation = 'RegisterTaskDefinition'; Body = '{"family": "x", "containerDefinitions": [{"name": "a", "memory": "lots"}], "cpu": 256}' }
        $problems = @(Test-BotocoreRequest -Request $bad)
        $problems.Count | Should -Be 1
        $problems[0] | Should -BeLike 'RegisterTaskDefinition:*memory*'
        $problems[0] | Should -BeLike '*cpu*'
    }
}

Describe 'Get-EcsTaskDefinitionX' {
    BeforeAll {
        # $FamA: three ACTIVE revisions (the last one tagged). $FamB: one revision. $FamC: three
        # revisions of which only the last is ACTIVE. $FamB and $FamC share a stem for -Family wildcards.
        $FamA = New-TestName 'get-a'
        $Stem = New-TestName 'getw'
        $FamB = "$Stem-b"
        $FamC = "$Stem-c"
        $ArnA = @{}
        foreach ($i in 1..3) {
            $tags = if ($i -eq 3) { @{ owner = 'team-a' } } else { $null }
            $ArnA[$i] = (Register-Small $FamA -Image "nginx:1.$i" -Tag $tags).TaskDefinitionArn
        }
        $null = Register-Small $FamB -Image 'redis:7'
        foreach ($i in 1..3) { $null = Register-Small $FamC -Image "busybox:1.3$i" }
        $null = "${FamC}:1", "${FamC}:2" | Unregister-EcsTaskDefinitionX -Force @Aws -ErrorAction Stop
    }

    It 'returns the latest ACTIVE revision for a family' {
        $td = Get-EcsTaskDefinitionX $FamA @Aws
        @($td).Count | Should -Be 1
        $td.PSObject.TypeNames[0] | Should -Be $TdType
        $td.FamilyRevision | Should -Be "${FamA}:3"
        $td.Status | Should -Be 'ACTIVE'
        $td.ContainerDefinitions[0].Image | Should -Be 'nginx:1.3'
    }

    It 'returns the revision named by family:revision or by ARN' {
        (Get-EcsTaskDefinitionX "${FamA}:2" @Aws).Images | Should -Be @('nginx:1.2')
        (Get-EcsTaskDefinitionX $ArnA[1] @Aws).FamilyRevision | Should -Be "${FamA}:1"
    }

    It 'returns several task definitions in the order they were named' {
        @((Get-EcsTaskDefinitionX "${FamA}:2", $FamB, $ArnA[1] @Aws).FamilyRevision) | Should -Be @("${FamA}:2", "${FamB}:1", "${FamA}:1")
    }

    It 'reports a missing one as a non-terminating ObjectNotFound error and still returns the others' {
        $missing = New-TestName 'nosuch'
        $result = Invoke-Captured { Get-EcsTaskDefinitionX "${FamA}:1", $missing, "${FamA}:99", $FamB @Aws }

        @($result.Output.FamilyRevision) | Should -Be @("${FamA}:1", "${FamB}:1")
        @($result.Errors).Count | Should -Be 2
        foreach ($e in $result.Errors) {
            $e.FullyQualifiedErrorId | Should -BeLike 'TaskDefinitionNotFoundException*'
            $e.CategoryInfo.Category | Should -Be 'ObjectNotFound'
        }
        @($result.Errors.TargetObject) | Should -Be @($missing, "${FamA}:99")
        $result.Errors[0].Exception.Message | Should -BeLike "*'$missing'*"
    }

    It 'takes TaskDefinitionArn by property name from the pipeline' {
        @(([pscustomobject]@{ TaskDefinitionArn = $ArnA[2] }, [pscustomobject]@{ TaskDefinitionArn = "${FamB}:1" } | Get-EcsTaskDefinitionX @Aws).FamilyRevision) |
            Should -Be @("${FamA}:2", "${FamB}:1")
        (Get-EcsTaskDefinitionX "${FamA}:1" @Aws | Get-EcsTaskDefinitionX @Aws).FamilyRevision | Should -Be "${FamA}:1"
        @(("${FamA}:2", $FamB) | Get-EcsTaskDefinitionX @Aws).Count | Should -Be 2
    }

    It '-Family returns the latest ACTIVE revision, passing over INACTIVE ones, and asks for it newest first' {
        $recorder = Start-RequestRecorder -ForwardTo $Endpoint
        try {
            $td = Get-EcsTaskDefinitionX -Family $FamC -Region us-east-1 -EndpointUrl $recorder.Url
            @($td.FamilyRevision) | Should -Be @("${FamC}:3")
            $list = @($recorder.Requests | Where-Object Operation -eq 'ListTaskDefinitions' | ForEach-Object { $_.Body | ConvertFrom-Json })
            $list.Count | Should -BeGreaterThan 0
            $list[0].familyPrefix | Should -Be $FamC
            $list[0].status | Should -Be 'ACTIVE'
            $list[0].sort | Should -Be 'DESC'
        } finally { $recorder.Dispose() }
    }

    It '-Family with a wildcard returns the latest ACTIVE revision of each matching family' {
        $td = Get-EcsTaskDefinitionX -Family "$Stem-*" @Aws
        @($td.FamilyRevision | Sort-Object) | Should -Be @("${FamB}:1", "${FamC}:3")
        @(Get-EcsTaskDefinitionX -Family "$Stem-?" @Aws).Count | Should -Be 2
        @(Get-EcsTaskDefinitionX -Family "$Stem-[c]" @Aws).FamilyRevision | Should -Be @("${FamC}:3")
        @(Get-EcsTaskDefinitionX -Family "$Stem-zz*" @Aws).Count | Should -Be 0
    }

    It '-AllRevisions returns every ACTIVE revision, oldest first' {
        @((Get-EcsTaskDefinitionX -Family $FamA -AllRevisions @Aws).Revision) | Should -Be @(1, 2, 3)
        @((Get-EcsTaskDefinitionX -Family $FamC -AllRevisions @Aws).Revision) | Should -Be @(3)
    }

    It '-Status INACTIVE lists the deregistered revisions' {
        $inactive = Get-EcsTaskDefinitionX -Family $FamC -Status INACTIVE -AllRevisions @Aws
        @($inactive.Revision) | Should -Be @(1, 2)
        @($inactive.Status | Select-Object -Unique) | Should -Be @('INACTIVE')
    }

    It '-Include TAGS adds each revision''s tags' {
        $tagged = Get-EcsTaskDefinitionX "${FamA}:3" -Include TAGS @Aws
        @($tagged.Tags | ForEach-Object { "$($_.Key)=$($_.Value)" }) | Should -Be @('owner=team-a')
        $all = @(Get-EcsTaskDefinitionX -Family $FamA -AllRevisions -Include TAGS @Aws)
        $all.Count | Should -Be 3
        @($all[2].Tags.Key) | Should -Be @('owner')
        $all[0].Tags | Should -BeNullOrEmpty
        (Get-EcsTaskDefinitionX "${FamA}:3" @Aws).Tags | Should -BeNullOrEmpty
    }

    It 'reports a -Family with no ACTIVE revision as ObjectNotFound' {
        $missing = New-TestName 'nofamily'
        $result = Invoke-Captured { Get-EcsTaskDefinitionX -Family $missing, $FamB @Aws }
        @($result.Output.FamilyRevision) | Should -Be @("${FamB}:1")
        @($result.Errors).Count | Should -Be 1
        $result.Errors[0].CategoryInfo.Category | Should -Be 'ObjectNotFound'
        $result.Errors[0].FullyQualifiedErrorId | Should -BeLike 'TaskDefinition*NotFoundException,*'
        $result.Errors[0].TargetObject | Should -Be $missing
    }

    It 'returns nothing, and asks nothing, for an empty pipeline' {
        $stub = Start-RequestRecorder
        try {
            $result = Invoke-Captured { @() | Get-EcsTaskDefinitionX -Region us-east-1 -EndpointUrl $stub.Url }
            $stub.Count | Should -Be 0
        } finally { $stub.Dispose() }
        @($result.Output).Count | Should -Be 0
        @($result.Errors).Count | Should -Be 0
    }

    It 'returns the latest revision of every family when given no names' {
        $all = @(Get-EcsTaskDefinitionX @Aws)
        $mine = @($all | Where-Object { $_.Family -in @($FamA, $FamB, $FamC) })
        @($mine.FamilyRevision | Sort-Object) | Should -Be @("${FamA}:3", "${FamB}:1", "${FamC}:3" | Sort-Object)
        @($all | Group-Object TaskDefinitionArn | Where-Object Count -gt 1).Count | Should -Be 0
    }

    It 'shows a table with Family, Revision, Status, Cpu, Memory, Compatibilities and Images' {
        $family = New-TestName 'table'
        $null = Register-EcsTaskDefinitionX -Family $family -ContainerDefinition (New-EcsContainerDefinitionX web 'nginx:1.27'), (New-EcsContainerDefinitionX log 'fluent-bit:3' -Essential $false) `
            -RequiresCompatibility FARGATE -NetworkMode awsvpc -Cpu 512 -Memory 1024 @Aws -ErrorAction Stop
        $lines = @((Get-EcsTaskDefinitionX $family @Aws | Format-Table | Out-String -Width 250) -split "`r?`n" | Remove-Ansi | Where-Object { $_.Trim() })

        $headerIndex = [array]::FindIndex([string[]]$lines, [Predicate[string]] { param($l) $l -match '^\s*Family\s' })
        $headerIndex | Should -BeGreaterOrEqual 0
        @($lines[$headerIndex].Trim() -split '\s+') | Should -Be @('Family', 'Revision', 'Status', 'Cpu', 'Memory', 'Compatibilities', 'Images')
        $lines[$headerIndex + 1] | Should -Match '^[\s-]+$'
        $row = $lines[$headerIndex + 2]
        $row | Should -Match ("^\s*" + [regex]::Escape($family) + '\s+1\s+ACTIVE\s+512\s+1024\s+FARGATE\s+nginx:1\.27, fluent-bit:3\s*$')
    }
}

Describe 'Unregister-EcsTaskDefinitionX and Remove-EcsTaskDefinitionX' {
    It 'deregisters every revision piped from Get-EcsTaskDefinitionX -AllRevisions' {
        $family = New-TestName 'unreg'
        1..3 | ForEach-Object { $null = Register-Small $family -Image "nginx:1.$_" }

        $gone = Get-EcsTaskDefinitionX -Family $family -AllRevisions @Aws | Unregister-EcsTaskDefinitionX -Force -PassThru @Aws

        @($gone.Revision) | Should -Be @(1, 2, 3)
        @($gone.Status | Select-Object -Unique) | Should -Be @('INACTIVE')
        @(Get-MotoTaskDefinitionArn -Endpoint $Endpoint -Family $family).Count | Should -Be 0
        @(Get-MotoTaskDefinitionArn -Endpoint $Endpoint -Family $family -Status INACTIVE).Count | Should -Be 3
    }

    It 'Unregister -WhatIf lists each revision and sends nothing' {
        $family = New-TestName 'unreg-whatif'
        1..2 | ForEach-Object { $null = Register-Small $family }
        $revisions = @(Get-EcsTaskDefinitionX -Family $family -AllRevisions @Aws)
        $recorder = Start-RequestRecorder
        try {
            $lines = @(Get-WhatIfLine { $revisions | Unregister-EcsTaskDefinitionX -WhatIf -Region us-east-1 -EndpointUrl $recorder.Url })
            $recorder.Count | Should -Be 0
        } finally { $recorder.Dispose() }
        $lines.Count | Should -Be 2
        foreach ($r in $revisions) { @($lines -like "*Deregister*$($r.TaskDefinitionArn)*").Count | Should -Be 1 }
        @(Get-MotoTaskDefinitionArn -Endpoint $Endpoint -Family $family).Count | Should -Be 2
    }

    It 'Remove refuses ACTIVE revisions piped from Get-EcsTaskDefinitionX before sending anything' {
        $family = New-TestName 'rm-active'
        1..2 | ForEach-Object { $null = Register-Small $family }
        $revisions = @(Get-EcsTaskDefinitionX -Family $family -AllRevisions @Aws)
        $recorder = Start-RequestRecorder -ForwardTo $Endpoint
        try {
            $result = Invoke-Captured { $revisions | Remove-EcsTaskDefinitionX -Force -PassThru -Region us-east-1 -EndpointUrl $recorder.Url }
            $recorder.Count | Should -Be 0
        } finally { $recorder.Dispose() }

        @($result.Output).Count | Should -Be 0
        @($result.Errors).Count | Should -Be 2
        foreach ($e in $result.Errors) {
            $e.FullyQualifiedErrorId | Should -BeLike 'TaskDefinitionStillActive,*'
            $e.CategoryInfo.Category | Should -Be 'InvalidOperation'
            $e.Exception.Message | Should -BeLike '*is ACTIVE*only INACTIVE revisions can be deleted*Unregister-EcsTaskDefinitionX*'
        }
        @($result.Errors.TargetObject) | Should -Be @($revisions.TaskDefinitionArn)
        @(Get-MotoTaskDefinitionArn -Endpoint $Endpoint -Family $family).Count | Should -Be 2
    }

    It 'Remove -WhatIf lists each revision and sends nothing' {
        $family = New-TestName 'rm-whatif'
        1..2 | ForEach-Object { $null = Register-Small $family }
        $null = Get-EcsTaskDefinitionX -Family $family -AllRevisions @Aws | Unregister-EcsTaskDefinitionX -Force @Aws
        $inactive = @(Get-EcsTaskDefinitionX -Family $family -Status INACTIVE -AllRevisions @Aws)
        $inactive.Count | Should -Be 2
        $recorder = Start-RequestRecorder
        try {
            $lines = @(Get-WhatIfLine { $inactive | Remove-EcsTaskDefinitionX -WhatIf -Region us-east-1 -EndpointUrl $recorder.Url })
            $recorder.Count | Should -Be 0
        } finally { $recorder.Dispose() }
        $lines.Count | Should -Be 2
        foreach ($r in $inactive) { @($lines -like "*Delete*$($r.TaskDefinitionArn)*").Count | Should -Be 1 }
        @(Get-MotoTaskDefinitionArn -Endpoint $Endpoint -Family $family -Status INACTIVE).Count | Should -Be 2
    }

    It 'Remove deletes 12 INACTIVE revisions in requests of at most 10' {
        $family = New-TestName 'rm-batch'
        1..12 | ForEach-Object { $null = Register-Small $family -Image "nginx:1.$_" }
        $null = Get-EcsTaskDefinitionX -Family $family -AllRevisions @Aws | Unregister-EcsTaskDefinitionX -Force @Aws
        $inactive = @(Get-EcsTaskDefinitionX -Family $family -Status INACTIVE -AllRevisions @Aws)
        $inactive.Count | Should -Be 12

        $recorder = Start-RequestRecorder -ForwardTo $Endpoint
        try {
            $deleted = @($inactive | Remove-EcsTaskDefinitionX -Force -PassThru -Region us-east-1 -EndpointUrl $recorder.Url)
            $batches = @($recorder.Requests | Where-Object Operation -eq 'DeleteTaskDefinitions' | ForEach-Object { , @(($_.Body | ConvertFrom-Json).taskDefinitions) })
        } finally { $recorder.Dispose() }

        $batches.Count | Should -Be 2
        @($batches | ForEach-Object { $_.Count }) | Should -Be @(10, 2)
        @($batches | ForEach-Object { $_ }) | Should -Be @($inactive.TaskDefinitionArn)
        $deleted.Count | Should -Be 12
        @($deleted.Status | Select-Object -Unique) | Should -Be @('DELETE_IN_PROGRESS')
        @($deleted.TaskDefinitionArn | Sort-Object) | Should -Be @($inactive.TaskDefinitionArn | Sort-Object)
        @(Get-MotoTaskDefinitionArn -Endpoint $Endpoint -Family $family -Status INACTIVE).Count | Should -Be 0
    }

    It '<Command> is ConfirmImpact High' -ForEach @(
        @{ Command = 'Unregister-EcsTaskDefinitionX' }
        @{ Command = 'Remove-EcsTaskDefinitionX' }
    ) {
        $type = (Get-Command $Command).ImplementingType
        $attribute = $type.GetCustomAttributes([System.Management.Automation.CmdletAttribute], $false)[0]
        $attribute.ConfirmImpact | Should -Be 'High'
        $attribute.SupportsShouldProcess | Should -BeTrue
    }
}

Describe 'New-EcsContainerDefinitionX' {
    It 'builds a container with the defaults: essential, no ports' {
        $c = New-EcsContainerDefinitionX web 'nginx:1.27'
        $c.PSObject.TypeNames[0] | Should -Be 'EcsPS.Engine.Ecs.Model.ContainerDefinition'
        $c.Name | Should -Be 'web'
        $c.Image | Should -Be 'nginx:1.27'
        $c.Essential | Should -BeTrue
        $c.PortMappings | Should -BeNullOrEmpty
        $c.LogConfiguration | Should -BeNullOrEmpty
    }

    It '-Port maps each port over TCP; -PortMapping takes full mappings' {
        $c = New-EcsContainerDefinitionX web nginx -Port 80, 443 -PortMapping @{ ContainerPort = 9090; HostPort = 0; Protocol = 'udp'; Name = 'metrics' }
        @($c.PortMappings.ContainerPort) | Should -Be @(80, 443, 9090)
        @($c.PortMappings.Protocol) | Should -Be @('tcp', 'tcp', 'udp')
        $c.PortMappings[0].HostPort | Should -BeNullOrEmpty
        $c.PortMappings[2].HostPort | Should -Be 0
        $c.PortMappings[2].Name | Should -Be 'metrics'
    }

    It '-Environment and -Secret become name/value and name/valueFrom pairs' {
        $c = New-EcsContainerDefinitionX web nginx -Environment ([ordered]@{ LOG_LEVEL = 'info'; WORKERS = 4 }) `
            -Secret ([ordered]@{ DB_PASSWORD = 'arn:aws:secretsmanager:us-east-1:123456789012:secret:db-AbCdEf'; API_KEY = 'arn:aws:ssm:us-east-1:123456789012:parameter/api-key' })
        @($c.Environment | ForEach-Object { "$($_.Name)=$($_.Value)" }) | Should -Be @('LOG_LEVEL=info', 'WORKERS=4')
        @($c.Secrets.Name) | Should -Be @('DB_PASSWORD', 'API_KEY')
        @($c.Secrets.ValueFrom) | Should -Be @('arn:aws:secretsmanager:us-east-1:123456789012:secret:db-AbCdEf', 'arn:aws:ssm:us-east-1:123456789012:parameter/api-key')
    }

    It '-LogGroup alone gives awslogs with the container name as stream prefix' {
        $c = New-EcsContainerDefinitionX api nginx -LogGroup '/ecs/api'
        $c.LogConfiguration.LogDriver | Should -Be 'awslogs'
        $c.LogConfiguration.Options['awslogs-group'] | Should -Be '/ecs/api'
        $c.LogConfiguration.Options['awslogs-stream-prefix'] | Should -Be 'api'
        $c.LogConfiguration.Options.ContainsKey('awslogs-region') | Should -BeFalse
        $c.LogConfiguration.Options.ContainsKey('awslogs-create-group') | Should -BeFalse
    }

    It '-LogGroup, -LogStreamPrefix, -LogRegion and -CreateLogGroup fill the awslogs options' {
        $c = New-EcsContainerDefinitionX api nginx -LogGroup '/ecs/api' -LogStreamPrefix app -LogRegion eu-west-1 -CreateLogGroup
        $o = $c.LogConfiguration.Options
        $o.Count | Should -Be 4
        $o['awslogs-group'] | Should -Be '/ecs/api'
        $o['awslogs-stream-prefix'] | Should -Be 'app'
        $o['awslogs-region'] | Should -Be 'eu-west-1'
        $o['awslogs-create-group'] | Should -Be 'true'
    }

    It '-DependsOn becomes containerName/condition pairs, conditions in any case' {
        $c = New-EcsContainerDefinitionX app nginx -DependsOn ([ordered]@{ db = 'HEALTHY'; init = 'success' })
        @($c.DependsOn | ForEach-Object { "$($_.ContainerName)=$($_.Condition)" }) | Should -Be @('db=HEALTHY', 'init=SUCCESS')
    }

    It '-Ulimit reads name=soft:hard, and name=value for both' {
        $c = New-EcsContainerDefinitionX app nginx -Ulimit 'nofile=1024:4096', 'nproc=2048'
        $c.Ulimits[0].Name | Should -Be 'nofile'
        $c.Ulimits[0].SoftLimit | Should -Be 1024
        $c.Ulimits[0].HardLimit | Should -Be 4096
        $c.Ulimits[1].Name | Should -Be 'nproc'
        $c.Ulimits[1].SoftLimit | Should -Be 2048
        $c.Ulimits[1].HardLimit | Should -Be 2048
    }

    It '-MountPoint reads volume:/path with an optional :ro' {
        $c = New-EcsContainerDefinitionX app nginx -MountPoint 'data:/d:ro', 'cache:/var/cache'
        $c.MountPoints[0].SourceVolume | Should -Be 'data'
        $c.MountPoints[0].ContainerPath | Should -Be '/d'
        $c.MountPoints[0].ReadOnly | Should -BeTrue
        $c.MountPoints[1].SourceVolume | Should -Be 'cache'
        $c.MountPoints[1].ContainerPath | Should -Be '/var/cache'
        $c.MountPoints[1].ReadOnly | Should -BeFalse
    }

    It '-HealthCheckCommand with one shell line becomes CMD-SHELL; a CMD list is kept' {
        $shell = New-EcsContainerDefinitionX app nginx -HealthCheckCommand 'curl -f http://localhost/ || exit 1' -HealthCheckInterval 10 -HealthCheckRetries 5
        @($shell.HealthCheck.Command) | Should -Be @('CMD-SHELL', 'curl -f http://localhost/ || exit 1')
        $shell.HealthCheck.Interval | Should -Be 10
        $shell.HealthCheck.Retries | Should -Be 5
        $shell.HealthCheck.Timeout | Should -BeNullOrEmpty

        $exec = New-EcsContainerDefinitionX app nginx -HealthCheckCommand 'CMD', '/bin/check', '--quick'
        @($exec.HealthCheck.Command) | Should -Be @('CMD', '/bin/check', '--quick')
    }

    It '-Essential $false, -Cpu, -Memory and -MemoryReservation are set as given' {
        $c = New-EcsContainerDefinitionX sidecar envoy -Essential $false -Cpu 128 -Memory 512 -MemoryReservation 256
        $c.Essential | Should -BeFalse
        $c.Cpu | Should -Be 128
        $c.Memory | Should -Be 512
        $c.MemoryReservation | Should -Be 256
    }
}

Describe 'Bad input is refused with a clear error and no request' {
    BeforeAll {
        $Stub = Start-RequestRecorder
        $RegisterId = 'EcsPS.Ecs.TaskDefinitions.RegisterEcsTaskDefinitionX'
    }
    AfterAll {
        if ($Stub) { $Stub.Dispose() }
    }

    It '<Name> is reported at its line and position' -ForEach $BadCases {
        $family = New-TestName 'bad'
        $text = $Json.Replace('__FAMILY__', $family)
        $file = New-TaskDefinitionFile -Json $text -Directory $WorkDir
        $action = { param($Endpoint) Register-EcsTaskDefinitionX -Path $file -Region us-east-1 -EndpointUrl $Endpoint }

        # 1. Against the counting stub: the error, and not one request.
        $Stub.Clear()
        $result = Invoke-Captured { & $action $Stub.Url }
        $Stub.Count | Should -Be 0 -Because "nothing may be sent for $Name (sent: $($Stub.Operations -join ', '))"
        @($result.Output).Count | Should -Be 0
        @($result.Errors).Count | Should -Be 1 -Because ($result.Errors | ForEach-Object { $_.Exception.Message } | Out-String)
        $e = $result.Errors[0]
        $e.FullyQualifiedErrorId | Should -Be "$ErrorId,$RegisterId"
        "$($e.CategoryInfo.Category)" | Should -Be $Category
        foreach ($w in $Words) { $e.Exception.Message | Should -BeLike "*$([WildcardPattern]::Escape($w))*" }
        $e.TargetObject | Should -Be $file
        $where = Get-TextPosition -Text $text -Find $At.Find -Offset $At.Offset
        $e.Exception.Message | Should -Match "line $($where.Line), position $($where.Column)\b"

        # 2. Against moto: the same refusal, and moto has no new revision.
        $before = @(Get-MotoTaskDefinitionArn -Endpoint $Endpoint).Count
        $again = Invoke-Captured { & $action $Endpoint }
        @($again.Errors).Count | Should -Be 1
        $again.Errors[0].FullyQualifiedErrorId | Should -Be $e.FullyQualifiedErrorId
        @(Get-MotoTaskDefinitionArn -Endpoint $Endpoint).Count | Should -Be $before
        @(Get-MotoTaskDefinitionArn -Endpoint $Endpoint -Family $family).Count | Should -Be 0
    }

    It 'reports the position of a syntax error in characters, also after non-ASCII text' {
        $family = New-TestName 'bad-utf8'
        $text = "{`n  ""family"": ""$family"",`n  ""containerDefinitions"": [ { ""name"": ""web"", ""image"": ""nginx"", ""environment"": [ { ""name"": ""GREETING"", ""value"": ""Grüße, señor"" }, ] } ]`n}"
        $file = New-TaskDefinitionFile -Json $text -Directory $WorkDir
        $Stub.Clear()
        $result = Invoke-Captured { Register-EcsTaskDefinitionX -Path $file -Region us-east-1 -EndpointUrl $Stub.Url }
        $Stub.Count | Should -Be 0
        $where = Get-TextPosition -Text $text -Find '}, ]' -Offset 3
        $result.Errors[0].Exception.Message | Should -Match "line $($where.Line), position $($where.Column)\b"
    }
}
