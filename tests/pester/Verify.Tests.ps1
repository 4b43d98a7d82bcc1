# Test-EcsTaskDefinitionX and Update-EcsServiceX -Verify, run from the published module against
# moto_server through a recorder that forwards to it, so that every request is also checked
# against botocore's models (ECS, ECR and CloudWatch Logs JSON; ELBv2 Query). moto has what the
# checks read: ECR repositories and images (DescribeImages, which fails the request for a missing tag), log groups, and
# ELBv2 target groups. The check-by-check behaviour (access denied, protocols, target types) is
# shown in tests/EcsPS.Engine.Tests (DeploymentVerifierTests) against the scripted fake.

BeforeAll {
    Import-Module (Join-Path $PSScriptRoot 'TestHelpers.psm1') -Force
    Import-Module (Join-Path $PSScriptRoot 'ServiceHelpers.psm1') -Force
    Import-Module (Join-Path $PSScriptRoot 'TargetHelpers.psm1') -Force
    $Endpoint = Initialize-EcsTestEnvironment
    Reset-EcsTestState -Endpoint $Endpoint
    $Forward = Start-RequestRecorder -ForwardTo $Endpoint
    $Aws = @{ Region = 'us-east-1'; EndpointUrl = $Forward.Url }
    $Registry = '123456789012.dkr.ecr.us-east-1.amazonaws.com'
    $Role = 'arn:aws:iam::123456789012:role/ecsTaskExecutionRole'
    $FindingType = 'EcsPS.Engine.Ecs.Verification.DeploymentFinding'

    function Invoke-MotoJson([string] $Target, [string] $Scope, [hashtable] $Body) {
        $date = [DateTime]::UtcNow.ToString('yyyyMMdd')
        $headers = @{
            'X-Amz-Target'  = $Target
            'Authorization' = "AWS4-HMAC-SHA256 Credential=AKIAECSPSTESTDUMMY00/$date/us-east-1/$Scope/aws4_request, SignedHeaders=host, Signature=0"
        }
        $response = Invoke-WebRequest -Method Post -Uri "$Endpoint/" -Headers $headers -ContentType 'application/x-amz-json-1.1' `
            -Body ($Body | ConvertTo-Json -Depth 20 -Compress) -SkipHttpErrorCheck
        $text = if ($response.Content -is [byte[]]) { [Text.Encoding]::UTF8.GetString($response.Content) } else { [string]$response.Content }
        if ([int]$response.StatusCode -ge 400) { throw "moto answered $Target with HTTP $([int]$response.StatusCode): $text" }
        $text | ConvertFrom-Json -Depth 100
    }
    function Assert-RequestsFitModels {
        $Forward.Requests.Count | Should -BeGreaterThan 0
        foreach ($request in $Forward.Requests) {
            if ($request.Protocol -eq 'query') {
                @(Test-QueryRequestShape -Request $request) | Should -BeNullOrEmpty -Because "$($request.Operation) must fit botocore's elbv2 model ($($request.Body))"
            } else {
                @(Test-EcsRequestShape -Service $request.Service -Operation $request.Operation -Body $request.Body) |
                    Should -BeNullOrEmpty -Because "$($request.Service) $($request.Operation) $($request.Body)"
            }
        }
    }
    function New-Definition([string] $Family, [string] $Image, [string] $Group) {
        @{
            family = $Family; cpu = '256'; memory = '512'; networkMode = 'awsvpc'; requiresCompatibilities = @('FARGATE'); executionRoleArn = $Role
            containerDefinitions = @(@{
                    name = 'web'; image = $Image; essential = $true; portMappings = @(@{ containerPort = 80 })
                    logConfiguration = @{ logDriver = 'awslogs'; options = @{ 'awslogs-group' = $Group; 'awslogs-region' = 'us-east-1'; 'awslogs-stream-prefix' = 'web' } }
                })
        }
    }

    $Repository = New-TestName 'verify'
    $null = Invoke-MotoJson 'AmazonEC2ContainerRegistry_V20150921.CreateRepository' 'ecr' @{ repositoryName = $Repository }
    $manifest = [ordered]@{
        schemaVersion = 2
        mediaType     = 'application/vnd.docker.distribution.manifest.v2+json'
        config        = @{ mediaType = 'application/vnd.docker.container.image.v1+json'; size = 7023; digest = 'sha256:' + ('c' * 64) }
        layers        = @(@{ mediaType = 'application/vnd.docker.image.rootfs.diff.tar.gzip'; size = 32654; digest = 'sha256:' + ('d' * 64) })
    } | ConvertTo-Json -Depth 10 -Compress
    $null = Invoke-MotoJson 'AmazonEC2ContainerRegistry_V20150921.PutImage' 'ecr' @{ repositoryName = $Repository; imageManifest = $manifest; imageTag = '1.0' }
    $Group = '/ecs/' + (New-TestName 'verify')
    $null = Invoke-MotoJson 'Logs_20140328.CreateLogGroup' 'logs' @{ logGroupName = $Group }
    $Good = "$Registry/$($Repository):1.0"
    $Missing = "$Registry/$($Repository):9.9"
}

AfterAll {
    if ($Forward) { $Forward.Dispose() }
    Clear-EcsTestEnvironment
}

Describe 'Test-EcsTaskDefinitionX' {
    BeforeEach { $Forward.Clear() }

    It 'finds nothing wrong with a registered revision whose image, tag and log group exist' {
        $td = Register-EcsTaskDefinitionX -InputObject (New-Definition (New-TestName 'good') $Good $Group) @Aws
        $Forward.Clear()
        $findings = @(Test-EcsTaskDefinitionX $td.FamilyRevision @Aws -ErrorVariable failed)
        $failed | Should -BeNullOrEmpty
        @($findings | Where-Object Severity -ne 'Information') | Should -BeNullOrEmpty
        @($Forward.RequestsFor('DescribeImages')).Count | Should -Be 1
        @($Forward.RequestsFor('BatchGetImage')).Count | Should -Be 0
        @($Forward.RequestsFor('DescribeLogGroups')).Count | Should -Be 1
        Test-EcsTaskDefinitionX $td.FamilyRevision -Quiet @Aws | Should -BeExactly $true
        Assert-RequestsFitModels
    }

    It 'reports a missing tag and a missing log group of a file as findings and as errors' {
        $path = Join-Path $TestDrive 'bad.json'
        New-Definition 'bad-file' $Missing '/ecs/never-made' | ConvertTo-Json -Depth 10 | Set-Content $path
        $findings = @(Test-EcsTaskDefinitionX -Path $path @Aws -ErrorVariable failed -ErrorAction SilentlyContinue)
        $errors = @($findings | Where-Object Severity -eq 'Error')
        $errors.Count | Should -Be 2
        $findings[0].PSObject.TypeNames[0] | Should -Be $FindingType
        ($errors.Setting | Sort-Object) | Should -Be @('containerDefinitions[web].image', 'containerDefinitions[web].logConfiguration.options.awslogs-group')
        ($errors | Where-Object Setting -like '*.image').Problem | Should -Match "tagged '9.9'"
        $failed.Count | Should -Be 2
        $failed[0].FullyQualifiedErrorId | Should -BeLike 'DeploymentVerificationFailed,*'
        $failed[0].CategoryInfo.Category | Should -Be 'InvalidData'
        $failed[0].TargetObject.PSObject.TypeNames[0] | Should -Be $FindingType
        $failed[0].ErrorDetails.RecommendedAction | Should -Not -BeNullOrEmpty
        Assert-RequestsFitModels
    }

    It 'shows findings grouped by task definition, in a table that fits 80 and 120 columns, each column a property' {
        $findings = @(Test-EcsTaskDefinitionX -InputObject (New-Definition 'bad-view' $Missing '/ecs/never-made') @Aws -ErrorAction SilentlyContinue)
        foreach ($width in 80, 120) {
            $lines = @(($findings | Format-Table | Out-String -Width $width) -split "`r?`n" | Where-Object { $_.Trim() })
            $lines | ForEach-Object { $_.TrimEnd().Length | Should -BeLessOrEqual $width }
            $lines[0].Trim() | Should -Be 'TaskDefinition: bad-view'
            $header = $lines[1] -split '\s+' | Where-Object { $_ }
            $header | Should -Be @('Severity', 'Setting', 'Problem')
            foreach ($column in $header) { $findings[0].PSObject.Properties.Name | Should -Contain $column }
        }
    }

    It 'is only $false with -Quiet, and stops a pipeline with -ErrorAction Stop' {
        $bad = New-Definition 'bad-object' $Missing $Group
        $quiet = @(Test-EcsTaskDefinitionX -InputObject $bad -Quiet @Aws -ErrorVariable failed)
        $quiet | Should -Be @($false)
        $failed | Should -BeNullOrEmpty
        { Test-EcsTaskDefinitionX -InputObject $bad -ErrorAction Stop @Aws } | Should -Throw -ErrorId 'DeploymentVerificationFailed*'
    }

    It 'with -Quiet answers $false for a definition it cannot check, beside the error that says why' {
        $answers = @(Test-EcsTaskDefinitionX 'never-registered:1' -Quiet @Aws -ErrorVariable failed -ErrorAction SilentlyContinue)
        $answers | Should -Be @($false)
        $failed[0].FullyQualifiedErrorId | Should -BeLike 'TaskDefinitionNotFoundException,*'
    }

    It 'says an image outside ECR was not checked' {
        $info = @(Test-EcsTaskDefinitionX -InputObject (New-Definition 'hub' 'public.ecr.aws/nginx/nginx:1.27' $Group) @Aws) |
            Where-Object Setting -eq 'containerDefinitions[web].image'
        $info.Severity | Should -Be 'Information'
        $info.Problem | Should -Match 'not checked'
        @($Forward.RequestsFor('DescribeImages')).Count | Should -Be 0
    }

    It 'reports a task definition that does not exist as ObjectNotFound' {
        Test-EcsTaskDefinitionX 'never-registered:1' @Aws -ErrorVariable failed -ErrorAction SilentlyContinue
        $failed[0].FullyQualifiedErrorId | Should -BeLike 'TaskDefinitionNotFoundException,*'
        $failed[0].CategoryInfo.Category | Should -Be 'ObjectNotFound'
    }
}

Describe 'Update-EcsServiceX -Verify' {
    BeforeAll {
        $Network = Get-DefaultVpcNetwork -Endpoint $Endpoint
        $cluster = New-TestName 'verify'
        $null = New-EcsClusterX $cluster @Aws
        $family = New-TestName 'vsvc'
        $td = Register-EcsTaskDefinitionX -InputObject (New-Definition $family $Good $Group) @Aws
        $targetGroup = New-TestTargetGroup -Endpoint $Endpoint -Name (New-TestName 'vtg') -Network $Network -TargetType ip -Port 80
        $service = New-TestName 'vweb'
        $null = New-EcsServiceX $service $td.FamilyRevision -Cluster $cluster -LaunchType FARGATE -DesiredCount 0 `
            -Subnet @($Network.SubnetIds | Select-Object -First 2) -SecurityGroup $Network.SecurityGroupId -LoadBalancer "$($targetGroup):web:80" @Aws
    }
    BeforeEach { $Forward.Clear() }

    It 'registers nothing and updates nothing when -Image names a tag that does not exist' {
        $updated = @(Update-EcsServiceX $service -Cluster $cluster -Image @{ web = $Missing } -Verify @Aws -ErrorVariable failed -ErrorAction SilentlyContinue)
        $updated | Should -BeNullOrEmpty
        $failed.Count | Should -Be 1
        $failed[0].FullyQualifiedErrorId | Should -BeLike 'DeploymentVerificationFailed,*'
        $failed[0].TargetObject.Setting | Should -Be 'containerDefinitions[web].image'
        @($Forward.RequestsFor('RegisterTaskDefinition')).Count | Should -Be 0
        @($Forward.RequestsFor('UpdateService')).Count | Should -Be 0
        @($Forward.RequestsFor('DescribeTargetGroups')).Count | Should -Be 1
        (Get-EcsTaskDefinitionX $family @Aws).Revision | Should -Be $td.Revision
        Assert-RequestsFitModels
    }

    It 'goes on to update a service whose candidate passes' {
        $updated = Update-EcsServiceX $service -Cluster $cluster -Image @{ web = $Good } -Verify @Aws
        $updated.ServiceName | Should -Be $service
        @($Forward.RequestsFor('RegisterTaskDefinition')).Count | Should -Be 1
        Assert-RequestsFitModels
    }

    It 'Test-EcsServiceX checks the running definition, and a candidate from -Image, with the target group' {
        Test-EcsServiceX $service -Cluster $cluster -Quiet @Aws | Should -BeExactly $true
        $Forward.Clear()
        $findings = @(Test-EcsServiceX $service -Cluster $cluster -Image @{ web = $Missing } @Aws -ErrorVariable failed -ErrorAction SilentlyContinue)
        $error1 = @($findings | Where-Object Severity -eq 'Error')
        $error1.Count | Should -Be 1
        $error1[0].Service | Should -Be $service
        $error1[0].Cluster | Should -Be $cluster
        $failed.Count | Should -Be 1
        @($Forward.RequestsFor('DescribeTargetGroups')).Count | Should -Be 1
        @($Forward.RequestsFor('RegisterTaskDefinition')).Count | Should -Be 0
        Assert-RequestsFitModels
    }

    It 'Test-EcsServiceX finds a load balancer port that no container port maps' {
        $other = Register-EcsTaskDefinitionX -InputObject (New-Definition (New-TestName 'vport') $Good $Group) @Aws
        $tg8080 = New-TestTargetGroup -Endpoint $Endpoint -Name (New-TestName 'v8080') -Network $Network -TargetType ip -Port 8080
        $svc = New-TestName 'vport'
        $null = New-EcsServiceX $svc $other.FamilyRevision -Cluster $cluster -LaunchType FARGATE -DesiredCount 0 `
            -Subnet @($Network.SubnetIds | Select-Object -First 2) -SecurityGroup $Network.SecurityGroupId -LoadBalancer "$($tg8080):web:8080" @Aws
        $port = @(@(Test-EcsServiceX $svc -Cluster $cluster @Aws -ErrorAction SilentlyContinue) | Where-Object Setting -like 'loadBalancers*')
        $port.Severity | Should -Be @('Error', 'Error')
        ($port.Problem -join ' | ') | Should -Match 'registers port 8080 of .web. with the target group, but the container maps only 80'
        ($port.Problem -join ' | ') | Should -Match 'listens on port 8080'
    }
}
