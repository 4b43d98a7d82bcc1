# The ECR cmdlets and -PinDigest, run from the published module against moto_server through a
# recorder that forwards to it, so that every request is also checked against botocore's ECR (and
# ECS) model. moto has repositories, PutImage with a manifest, DescribeImages, BatchGetImage and
# GetAuthorizationToken; what it cannot show (scan findings, pages with nextToken, push times in
# a known order, a lost answer) is shown against the scripted loopback fake, with answers shaped
# as the model says. Only behaviour that real ECR also has is asserted (shared/notes/moto.md).

BeforeAll {
    Import-Module (Join-Path $PSScriptRoot 'TestHelpers.psm1') -Force
    Import-Module (Join-Path $PSScriptRoot 'ServiceHelpers.psm1') -Force
    $Endpoint = Initialize-EcsTestEnvironment
    Reset-EcsTestState -Endpoint $Endpoint
    $Forward = Start-RequestRecorder -ForwardTo $Endpoint
    $Aws = @{ Region = 'us-east-1'; EndpointUrl = $Forward.Url }
    $Registry = '123456789012.dkr.ecr.us-east-1.amazonaws.com'

    function Invoke-MotoEcr([string] $Operation, [hashtable] $Body) {
        $date = [DateTime]::UtcNow.ToString('yyyyMMdd')
        $headers = @{
            'X-Amz-Target'  = "AmazonEC2ContainerRegistry_V20150921.$Operation"
            'Authorization' = "AWS4-HMAC-SHA256 Credential=AKIAECSPSTESTDUMMY00/$date/us-east-1/ecr/aws4_request, SignedHeaders=host, Signature=0"
        }
        $response = Invoke-WebRequest -Method Post -Uri "$Endpoint/" -Headers $headers -ContentType 'application/x-amz-json-1.1' `
            -Body ($Body | ConvertTo-Json -Depth 20 -Compress) -SkipHttpErrorCheck
        $text = if ($response.Content -is [byte[]]) { [Text.Encoding]::UTF8.GetString($response.Content) } else { [string]$response.Content }
        if ([int]$response.StatusCode -ge 400) { throw "moto answered $Operation with HTTP $([int]$response.StatusCode): $text" }
        $text | ConvertFrom-Json -Depth 100
    }
    # An image pushed to moto: the manifest's own sha256 is its digest, as in ECR.
    function Push-TestImage([string] $Repository, [string] $Tag, [string] $Layer) {
        $manifest = [ordered]@{
            schemaVersion = 2
            mediaType     = 'application/vnd.docker.distribution.manifest.v2+json'
            config        = @{ mediaType = 'application/vnd.docker.container.image.v1+json'; size = 7023; digest = 'sha256:' + ('c' * 64) }
            layers        = @(@{ mediaType = 'application/vnd.docker.image.rootfs.diff.tar.gzip'; size = 32654; digest = 'sha256:' + $Layer })
        } | ConvertTo-Json -Depth 10 -Compress
        (Invoke-MotoEcr PutImage @{ repositoryName = $Repository; imageManifest = $manifest; imageTag = $Tag }).image.imageId.imageDigest
    }
    function New-Fake { [EcsPS.TestFakes.ScriptedAwsServer]::new('ecr') }
    function Json([string] $Text) { [EcsPS.TestFakes.ScriptedResponse]::Json($Text) }
    function Test-FakeRequests($Fake, [string] $Service = 'ecr') {
        foreach ($request in @($Fake.Requests | Where-Object Protocol -eq 'json')) {
            @(Test-EcsRequestShape -Service $Service -Operation $request.Operation -Body $request.Body) | Should -BeNullOrEmpty -Because "$($request.Operation) $($request.Body)"
        }
    }
    function Get-Digest([char] $c) { 'sha256:' + ([string]$c * 64) }

    $Web = New-TestName 'web'
    $Api = 'team/' + (New-TestName 'api')
    $null = Invoke-MotoEcr CreateRepository @{ repositoryName = $Web; imageScanningConfiguration = @{ scanOnPush = $true } }
    $null = Invoke-MotoEcr CreateRepository @{ repositoryName = $Api }
    $WebDigest = Push-TestImage $Web '1.4.2' ('a' * 64)
    $OldDigest = Push-TestImage $Web '1.4.1' ('b' * 64)
}

AfterAll {
    if ($Forward) { $Forward.Dispose() }
    Clear-EcsTestEnvironment
}

Describe 'ECR' {
    # Every request that reached moto fits botocore's model of its service.
    AfterEach {
        foreach ($request in @($Forward.Requests | Where-Object Protocol -eq 'json')) {
            @(Test-EcsRequestShape -Service $request.Service -Operation $request.Operation -Body $request.Body) |
                Should -BeNullOrEmpty -Because "$($request.Service) $($request.Operation) $($request.Body)"
        }
        $Forward.Clear()
    }

    Describe 'Get-EcrRepositoryX' {
        It 'gets a repository by name, with ScanOnPush as a property of its own' {
            $repository = Get-EcrRepositoryX $Web @Aws
            $repository.RepositoryName | Should -Be $Web
            $repository.RepositoryUri | Should -Be "$Registry/$Web"
            $repository.ScanOnPush | Should -BeTrue
            $repository.PSObject.TypeNames[0] | Should -Be 'EcsPS.Engine.Ecr.Model.Repository'
        }

        It 'matches a wildcard against every repository, including names with a slash' {
            $found = @(Get-EcrRepositoryX 'team/*' @Aws | Where-Object RepositoryName -eq $Api)
            $found.Count | Should -Be 1
        }

        It 'reports a missing name as RepositoryNotFoundException and still returns the others' {
            $run = Invoke-Captured { Get-EcrRepositoryX $Web, 'no-such-repo' @Aws }
            @($run.Output).RepositoryName | Should -Be $Web
            $run.Errors.Count | Should -Be 1
            $run.Errors[0].FullyQualifiedErrorId | Should -BeLike 'RepositoryNotFoundException*'
            $run.Errors[0].CategoryInfo.Category | Should -Be 'ObjectNotFound'
            $run.Errors[0].TargetObject | Should -Be 'no-such-repo'
        }

        It 'is quiet, with a verbose line, for a wildcard that matches nothing' {
            $run = Invoke-Captured { Get-EcrRepositoryX 'nothing-matches-*' -Verbose @Aws 4>&1 }
            $run.Errors | Should -BeNullOrEmpty
            @($run.Output | Where-Object { $_ -is [System.Management.Automation.VerboseRecord] -and $_.Message -like "No repository matches 'nothing-matches-*'*" }).Count | Should -Be 1
        }

        It 'completes repository names' {
            $line = "Get-EcrRepositoryX -Region us-east-1 -EndpointUrl $($Forward.Url) -RepositoryName team/"
            $completions = (TabExpansion2 -inputScript $line -cursorColumn $line.Length).CompletionMatches.CompletionText
            $completions | Should -Contain $Api
        }
    }

    Describe 'Get-EcrImageX' {
        It 'returns one object per image with its tags, digest, size in MB and pinned URI' {
            $images = @(Get-EcrImageX $Web @Aws)
            $images.Count | Should -Be 2
            $image = $images | Where-Object ImageDigest -eq $WebDigest
            $image.ImageTags | Should -Be @('1.4.2')
            $image.SizeMB | Should -BeOfType [double]
            $image.ImageUri | Should -Be "$Registry/$Web@$WebDigest"
        }

        It 'takes repositories piped from Get-EcrRepositoryX' {
            $images = @(Get-EcrRepositoryX $Web @Aws | Get-EcrImageX -Tag '1.4.*' @Aws)
            $images.ImageDigest | Sort-Object | Should -Be (@($WebDigest, $OldDigest) | Sort-Object)
        }

        It 'describes exact tags and reports a missing one as ImageNotFoundException' {
            $run = Invoke-Captured { Get-EcrImageX $Web -Tag '1.4.2', '9.9.9' @Aws }
            @($run.Output).ImageDigest | Should -Be $WebDigest
            $run.Errors.Count | Should -Be 1
            $run.Errors[0].FullyQualifiedErrorId | Should -BeLike 'ImageNotFoundException*'
            $run.Errors[0].TargetObject | Should -Be "${Web}:9.9.9"
            @($Forward.Requests | Where-Object Operation -eq 'DescribeImages' | Where-Object { $_.Body -like '*imageIds*' }).Count | Should -BeGreaterThan 0
        }

        It 'finds an image by digest' {
            (Get-EcrImageX $Web -Digest $OldDigest @Aws).ImageTags | Should -Be @('1.4.1')
        }

        It 'reports a repository that does not exist as RepositoryNotFoundException' {
            $run = Invoke-Captured { Get-EcrImageX 'no-such-repo' @Aws }
            $run.Errors[0].FullyQualifiedErrorId | Should -BeLike 'RepositoryNotFoundException*'
        }
    }

    Describe 'Resolve-EcrImageX' {
        It 'pins repo:tag to its digest' {
            Resolve-EcrImageX "${Web}:1.4.2" @Aws | Should -Be "$Registry/$Web@$WebDigest"
        }

        It 'pins a full URI, by value and by the Image property' {
            $uri = "$Registry/${Web}:1.4.1"
            $uri | Resolve-EcrImageX @Aws | Should -Be "$Registry/$Web@$OldDigest"
            [pscustomobject]@{ Image = $uri } | Resolve-EcrImageX @Aws | Should -Be "$Registry/$Web@$OldDigest"
        }

        It 'reports a tag that does not exist as ImageNotFoundException' {
            $run = Invoke-Captured { Resolve-EcrImageX "${Web}:nope" @Aws }
            $run.Output | Should -BeNullOrEmpty
            $run.Errors[0].FullyQualifiedErrorId | Should -BeLike 'ImageNotFoundException*'
            $run.Errors[0].CategoryInfo.Category | Should -Be 'ObjectNotFound'
            $run.Errors[0].Exception.Message | Should -BeLike "*has no image tagged 'nope'*"
        }

        It 'refuses an image of another registry, saying why, and sends nothing for it' {
            $run = Invoke-Captured { Resolve-EcrImageX 'public.ecr.aws/nginx/nginx:1.27', 'docker.io/library/nginx:1.27' @Aws }
            $run.Output | Should -BeNullOrEmpty
            $run.Errors.Count | Should -Be 2
            foreach ($record in $run.Errors) {
                $record.FullyQualifiedErrorId | Should -BeLike 'NotAnEcrImage*'
                $record.Exception.Message | Should -BeLike '*not in a private ECR registry*'
            }
            $Forward.Count | Should -Be 0
        }

        It 'takes an image with no host as a repository of the caller''s registry' {
            $run = Invoke-Captured { Resolve-EcrImageX 'nginx:1.27' @Aws }
            $run.Errors[0].FullyQualifiedErrorId | Should -BeLike 'RepositoryNotFoundException*'
        }

        It 'asks the region an ECR URI names' {
            $fake = New-Fake
            try {
                $null = $fake.Enqueue('DescribeImages', (Json ('{"imageDetails":[{"registryId":"210987654321","repositoryName":"base/nginx","imageDigest":"' + (Get-Digest 'd') + '","imageTags":["1.27"]}]}')))
                $pinned = Resolve-EcrImageX '210987654321.dkr.ecr.eu-west-1.amazonaws.com/base/nginx:1.27' -EndpointUrl $fake.Url -Region us-east-1
                $pinned | Should -Be ('210987654321.dkr.ecr.eu-west-1.amazonaws.com/base/nginx@' + (Get-Digest 'd'))
                $request = $fake.Requests[0]
                $request.Authorization.Region | Should -Be 'eu-west-1'
                ($request.Body | ConvertFrom-Json).registryId | Should -Be '210987654321'
                Test-FakeRequests $fake
            } finally { $fake.Dispose() }
        }
    }

    Describe 'Get-EcrImageX against the scripted fake' {
        It 'reads every page before writing, newest first, with the scan finding counts' {
            $fake = New-Fake
            try {
                $null = $fake.Enqueue('DescribeRepositories', (Json '{"repositories":[{"repositoryName":"web","repositoryUri":"123456789012.dkr.ecr.us-east-1.amazonaws.com/web","registryId":"123456789012"}]}'))
                $null = $fake.Enqueue('DescribeImages',
                    (Json ('{"imageDetails":[{"repositoryName":"web","imageDigest":"' + (Get-Digest '1') + '","imageTags":["old"],"imagePushedAt":1700000000,"imageSizeInBytes":52428800,' +
                        '"imageScanStatus":{"status":"COMPLETE"},"imageScanFindingsSummary":{"findingSeverityCounts":{"CRITICAL":2,"HIGH":5}}}],"nextToken":"page2"}')),
                    (Json ('{"imageDetails":[{"repositoryName":"web","imageDigest":"' + (Get-Digest '2') + '","imageTags":["new"],"imagePushedAt":1800000000,"imageSizeInBytes":1000000}]}')))
                $images = @(Get-EcrImageX web -EndpointUrl $fake.Url -Region us-east-1)
                $images.ImageTags | Should -Be @('new', 'old')
                $images[1].Critical | Should -Be 2
                $images[1].High | Should -Be 5
                $images[1].ScanStatus | Should -Be 'COMPLETE'
                $images[1].SizeMB | Should -Be 52.43
                $pages = @($fake.Requests | Where-Object Operation -eq 'DescribeImages')
                $pages.Count | Should -Be 2
                ($pages[1].Body | ConvertFrom-Json).nextToken | Should -Be 'page2'
                Test-FakeRequests $fake
            } finally { $fake.Dispose() }
        }

        It '-First keeps the newest; -TagStatus UNTAGGED is ECR''s filter' {
            $fake = New-Fake
            try {
                $null = $fake.Enqueue('DescribeImages', (Json ('{"imageDetails":[' +
                    '{"repositoryName":"web","imageDigest":"' + (Get-Digest '3') + '","imagePushedAt":1600000000},' +
                    '{"repositoryName":"web","imageDigest":"' + (Get-Digest '4') + '","imagePushedAt":1900000000}]}')))
                $image = @(Get-EcrImageX web -TagStatus UNTAGGED -First 1 -RepositoryUri "$Registry/web" -EndpointUrl $fake.Url -Region us-east-1)
                $image.Count | Should -Be 1
                $image[0].ImageDigest | Should -Be (Get-Digest '4')
                ($fake.Requests[0].Body | ConvertFrom-Json).filter.tagStatus | Should -Be 'UNTAGGED'
                Test-FakeRequests $fake
            } finally { $fake.Dispose() }
        }

        It 'asks a failed batch of tags again one by one, and reports only the missing one' {
            $fake = New-Fake
            try {
                $null = $fake.Enqueue('DescribeImages',
                    [EcsPS.TestFakes.ScriptedResponse]::Error('ImageNotFoundException', "The image with imageId {imageDigest:'null', imageTag:'gone'} does not exist"),
                    (Json ('{"imageDetails":[{"repositoryName":"web","imageDigest":"' + (Get-Digest '5') + '","imageTags":["1.0"]}]}')),
                    [EcsPS.TestFakes.ScriptedResponse]::Error('ImageNotFoundException', "The image with imageId {imageDigest:'null', imageTag:'gone'} does not exist"))
                $run = Invoke-Captured { Get-EcrImageX web -Tag '1.0', 'gone' -RepositoryUri "$Registry/web" -EndpointUrl $fake.Url -Region us-east-1 }
                @($run.Output).ImageDigest | Should -Be (Get-Digest '5')
                $run.Errors.Count | Should -Be 1
                $run.Errors[0].TargetObject | Should -Be 'web:gone'
                $fake.Count | Should -Be 3
                Test-FakeRequests $fake
            } finally { $fake.Dispose() }
        }

        It 'reads a page again after a lost answer (DescribeImages only reads)' {
            $fake = New-Fake
            try {
                $page = Json ('{"imageDetails":[{"repositoryName":"web","imageDigest":"' + (Get-Digest '6') + '"}]}')
                $null = $fake.Enqueue('DescribeImages', $page.CutShort(5), $page)
                $image = Get-EcrImageX web -RepositoryUri "$Registry/web" -EndpointUrl $fake.Url -Region us-east-1
                $image.ImageDigest | Should -Be (Get-Digest '6')
                $fake.Count | Should -Be 2
                Test-FakeRequests $fake
            } finally { $fake.Dispose() }
        }
    }

    Describe 'Get-EcrLoginPasswordX' {
        It 'returns a SecureString by default and the password with -AsPlainText' {
            $secure = Get-EcrLoginPasswordX @Aws
            $secure | Should -BeOfType [securestring]
            $plain = Get-EcrLoginPasswordX -AsPlainText @Aws
            $plain | Should -BeOfType [string]
            $plain | Should -Not -BeLike 'AWS:*'
            [pscredential]::new('AWS', $secure).GetNetworkCredential().Password | Should -Be $plain
        }

        It 'never writes the password in verbose or debug output' {
            $fake = New-Fake
            try {
                $token = [Convert]::ToBase64String([Text.Encoding]::UTF8.GetBytes('AWS:PASSWORDSENTINEL'))
                $null = $fake.Enqueue('GetAuthorizationToken', (Json ('{"authorizationData":[{"authorizationToken":"' + $token + '","expiresAt":1900000000,"proxyEndpoint":"https://210987654321.dkr.ecr.eu-west-1.amazonaws.com"}]}')))
                $DebugPreference = 'Continue'
                $streams = @(Get-EcrLoginPasswordX -Registry '210987654321.dkr.ecr.eu-west-1.amazonaws.com' -AsPlainText -Verbose -EndpointUrl $fake.Url -Region us-east-1 5>&1 4>&1)
                $DebugPreference = 'SilentlyContinue'
                @($streams | Where-Object { $_ -is [string] }) | Should -Be @('PASSWORDSENTINEL')
                $logged = @($streams | Where-Object { $_ -isnot [string] } | ForEach-Object Message) -join "`n"
                $logged | Should -Match 'GetAuthorizationToken response body'
                $logged | Should -Not -Match 'PASSWORDSENTINEL'
                $logged | Should -Not -Match ([regex]::Escape($token))
                $request = $fake.Requests[0]
                $request.Authorization.Region | Should -Be 'eu-west-1'
                ($request.Body | ConvertFrom-Json).registryIds | Should -Be @('210987654321')
                Test-FakeRequests $fake
            } finally { $fake.Dispose(); $DebugPreference = 'SilentlyContinue' }
        }

        It 'says a token that cannot be read without showing it' {
            $fake = New-Fake
            try {
                $null = $fake.Enqueue('GetAuthorizationToken', (Json '{"authorizationData":[{"authorizationToken":"TOKENSENTINEL","proxyEndpoint":"https://123456789012.dkr.ecr.us-east-1.amazonaws.com"}]}'))
                $run = Invoke-Captured { Get-EcrLoginPasswordX -EndpointUrl $fake.Url -Region us-east-1 }
                $run.Errors.Count | Should -Be 1
                ($run.Errors[0] | Out-String) | Should -Not -Match 'TOKENSENTINEL'
            } finally { $fake.Dispose() }
        }
    }

    Describe '-PinDigest' {
        BeforeAll {
            $cluster = New-TestName 'pin'
            $null = New-EcsClusterX $cluster @Aws
            $family = New-TestName 'pinfam'
            $container = New-EcsContainerDefinitionX -Name web -Image "${Web}:1.4.1" -Memory 256 -PortMapping @{ ContainerPort = 80; HostPort = 0 }
            $null = Register-EcsTaskDefinitionX -Family $family -ContainerDefinition $container -NetworkMode bridge -RequiresCompatibility EC2 @Aws
            $null = New-EcsServiceX -ServiceName web -TaskDefinition $family -Cluster $cluster -LaunchType EC2 -DesiredCount 0 @Aws
            function Get-Revisions { @(Get-EcsTaskDefinitionX -Family $family -AllRevisions @Aws) }
        }

        It 'Update-EcsServiceX -WhatIf shows the pinned URI and registers nothing' {
            $before = (Get-Revisions).Count
            $run = Get-WhatIfLine { Update-EcsServiceX -Cluster $cluster -ServiceName web -Image @{ web = "${Web}:1.4.2" } -PinDigest -WhatIf @Aws }
            ($run.Lines -join "`n") | Should -Match ([regex]::Escape("web=$Registry/$Web@$WebDigest"))
            (Get-Revisions).Count | Should -Be $before
        }

        It 'Update-EcsServiceX deploys the image pinned to its digest' {
            $service = Update-EcsServiceX -Cluster $cluster -ServiceName web -Image @{ web = "${Web}:1.4.2" } -PinDigest @Aws
            $definition = Get-EcsTaskDefinitionX $service.TaskDefinition @Aws
            $definition.ContainerDefinitions[0].Image | Should -Be "$Registry/$Web@$WebDigest"
        }

        It 'a tag that does not exist stops the deploy with nothing registered' {
            $before = (Get-Revisions).Count
            $run = Invoke-Captured { Update-EcsServiceX -Cluster $cluster -ServiceName web -Image @{ web = "${Web}:0.0.0" } -PinDigest @Aws }
            $run.Errors.Count | Should -Be 1
            $run.Errors[0].FullyQualifiedErrorId | Should -BeLike 'ImageNotFoundException*'
            $run.Errors[0].Exception.Message | Should -Match 'Nothing was registered'
            (Get-Revisions).Count | Should -Be $before
            @($Forward.Requests | Where-Object Operation -in 'RegisterTaskDefinition', 'UpdateService') | Should -BeNullOrEmpty
        }

        It 'leaves an image outside ECR as given, with a verbose line' {
            $run = Invoke-Captured { Register-EcsTaskDefinitionX -Family $family -ContainerDefinition $container -NetworkMode bridge -RequiresCompatibility EC2 -Image @{ web = 'public.ecr.aws/nginx/nginx:1.27' } -PinDigest -Verbose @Aws 4>&1 }
            $definition = $run.Output | Where-Object { $_ -isnot [System.Management.Automation.VerboseRecord] }
            $definition.ContainerDefinitions[0].Image | Should -Be 'public.ecr.aws/nginx/nginx:1.27'
            @($run.Output | Where-Object { $_ -is [System.Management.Automation.VerboseRecord] -and $_.Message -like '*not in a private ECR registry*' }).Count | Should -Be 1
        }

        It 'leaves an image with no host whose repository ECR does not have (Docker Hub) as given' {
            $run = Invoke-Captured { Register-EcsTaskDefinitionX -Family $family -ContainerDefinition $container -NetworkMode bridge -RequiresCompatibility EC2 -Image @{ web = 'nginx:1.27' } -PinDigest -Verbose @Aws 4>&1 }
            $run.Errors | Should -BeNullOrEmpty
            ($run.Output | Where-Object { $_ -isnot [System.Management.Automation.VerboseRecord] }).ContainerDefinitions[0].Image | Should -Be 'nginx:1.27'
            @($run.Output | Where-Object { $_ -is [System.Management.Automation.VerboseRecord] -and $_.Message -like '*taken as a Docker Hub image*' }).Count | Should -Be 1
        }

        It 'Register-EcsTaskDefinitionX -PinDigest registers the pinned image' {
            $definition = Register-EcsTaskDefinitionX -Family $family -ContainerDefinition $container -NetworkMode bridge -RequiresCompatibility EC2 -Image @{ web = "$Registry/${Web}:1.4.1" } -PinDigest @Aws
            $definition.ContainerDefinitions[0].Image | Should -Be "$Registry/$Web@$OldDigest"
        }
    }
}
