# The transport of the published module (which loads AWSSDK.Core's netstandard2.0 build, not the
# one the xunit suites run on): attempts, timeouts, retries on -Verbose, and a registration whose
# answer is lost with moto behind the fake, so that the request really takes effect. The fake
# relays to moto and loses answers (ScriptedAwsServer.LoseAnswers), or holds and drops requests;
# no test sleeps, and real time is held only to generous bounds.

BeforeAll {
    Import-Module (Join-Path $PSScriptRoot 'TestHelpers.psm1') -Force
    $Endpoint = Initialize-EcsTestEnvironment
    Reset-EcsTestState -Endpoint $Endpoint

    function New-Fake {
        param([switch] $ToMoto)
        $fake = [EcsPS.TestFakes.ScriptedAwsServer]::new('transport')
        if ($ToMoto) { $null = $fake.ForwardTo($Endpoint) }
        $fake
    }
}

AfterAll {
    Clear-EcsTestEnvironment
}

Describe 'Attempts and timeouts' {
    It 'reports a hung endpoint as AwsConnectionFailure after two attempts of -TimeoutSec each' {
        $fake = New-Fake
        $hold = [System.Threading.Tasks.TaskCompletionSource[bool]]::new()
        try {
            $null = $fake.Always('DescribeClusters', [EcsPS.TestFakes.ScriptedResponse]::Json('{}').Held($hold.Task))
            $watch = [Diagnostics.Stopwatch]::StartNew()
            $thrown = { Get-EcsClusterX hung -TimeoutSec 1 -Region us-east-1 -EndpointUrl $fake.Url } | Should -Throw -PassThru
            $watch.Stop()

            $thrown.FullyQualifiedErrorId | Should -BeLike 'AwsConnectionFailure*'
            $thrown.CategoryInfo.Category | Should -Be 'ConnectionError'
            $thrown.Exception.GetType().FullName | Should -Be 'EcsPS.Engine.Runtime.AwsTransportException'
            $thrown.Exception.Message | Should -BeLike "ECS DescribeClusters got no answer from $($fake.Url)/ within 1 s (2 attempts, *"
            $thrown.ErrorDetails.RecommendedAction | Should -Match 'TimeoutSec'
            $fake.Count | Should -Be 2
            $watch.Elapsed.TotalSeconds | Should -BeLessThan 20
        } finally {
            $null = $hold.TrySetResult($true)
            $fake.Dispose()
        }
    }

    It 'sends a request whose connection drops exactly as often as AWS_MAX_ATTEMPTS allows' -ForEach @(
        @{ Attempts = 1 }, @{ Attempts = 2 }
    ) {
        $fake = New-Fake
        try {
            $null = $fake.Always('DescribeClusters', [EcsPS.TestFakes.ScriptedResponse]::Drop())
            Invoke-WithEnvironment @{ AWS_MAX_ATTEMPTS = "$Attempts" } {
                $thrown = { Get-EcsClusterX dropped -Region us-east-1 -EndpointUrl $fake.Url } | Should -Throw -PassThru
                $thrown.FullyQualifiedErrorId | Should -BeLike 'AwsConnectionFailure*'
            }
            $fake.Count | Should -Be $Attempts
        } finally { $fake.Dispose() }
    }

    It 'shows each retry on -Verbose with its reason and delay' {
        $fake = New-Fake -ToMoto
        try {
            $name = New-TestName 'retry'
            $null = New-EcsClusterX $name -Region us-east-1 -EndpointUrl $Endpoint
            $null = $fake.Enqueue('DescribeClusters', [EcsPS.TestFakes.ScriptedResponse]::ServerError())
            $lines = @(Get-EcsClusterX $name -Verbose -Region us-east-1 -EndpointUrl $fake.Url 4>&1)

            $clusters = @($lines | Where-Object { $_ -isnot [System.Management.Automation.VerboseRecord] })
            $clusters.Count | Should -Be 1
            $clusters[0].ClusterName | Should -Be $name
            $verbose = @($lines | Where-Object { $_ -is [System.Management.Automation.VerboseRecord] } | ForEach-Object Message)
            $pattern = '^ECS DescribeClusters: attempt 1 of 3 failed: ServerException \(HTTP 500, request id transport-0001\); retrying in \d+(\.\d+)? s\.$'
            @($verbose | Where-Object { $_ -match $pattern }).Count | Should -Be 1 -Because ($verbose -join "`n")
        } finally { $fake.Dispose() }
    }

    It 'takes its default timeout from ECSPS_TIMEOUT' {
        $fake = New-Fake
        $hold = [System.Threading.Tasks.TaskCompletionSource[bool]]::new()
        try {
            $null = $fake.Always('DescribeClusters', [EcsPS.TestFakes.ScriptedResponse]::Json('{}').Held($hold.Task))
            Invoke-WithEnvironment @{ ECSPS_TIMEOUT = '1' } {
                $thrown = { Get-EcsClusterX hung -Region us-east-1 -EndpointUrl $fake.Url } | Should -Throw -PassThru
                $thrown.Exception.Message | Should -BeLike '* within 1 s (2 attempts, *'
            }
        } finally {
            $null = $hold.TrySetResult($true)
            $fake.Dispose()
        }
    }
}

Describe 'A registration whose answer is lost' {
    It 'is sent once, and the revision it made is found and returned' {
        $fake = New-Fake -ToMoto
        try {
            $family = New-TestName 'lost'
            # Every answer to RegisterTaskDefinition is lost; moto registers each request it gets.
            $null = $fake.LoseAnswers('RegisterTaskDefinition')
            $container = New-EcsContainerDefinitionX -Name web -Image nginx:1.27 -Memory 256 -Port 80
            $revision = Register-EcsTaskDefinitionX -Family $family -ContainerDefinition $container -Region us-east-1 -EndpointUrl $fake.Url

            $revision.Family | Should -Be $family
            $revision.Revision | Should -Be 1
            @($fake.RequestsFor('RegisterTaskDefinition')).Count | Should -Be 1
            @(Get-EcsTaskDefinitionX -Family $family -AllRevisions -Region us-east-1 -EndpointUrl $Endpoint).Count | Should -Be 1
        } finally { $fake.Dispose() }
    }

    It 'stops with OutcomeUnknown and says how to check when looking does not settle it' {
        $fake = New-Fake -ToMoto
        try {
            $family = New-TestName 'unknown'
            $null = $fake.Always('RegisterTaskDefinition', [EcsPS.TestFakes.ScriptedResponse]::Drop())
            $null = $fake.Always('DescribeTaskDefinition', [EcsPS.TestFakes.ScriptedResponse]::Drop())
            $container = New-EcsContainerDefinitionX -Name web -Image nginx:1.27 -Memory 256
            $thrown = { Register-EcsTaskDefinitionX -Family $family -ContainerDefinition $container -Region us-east-1 -EndpointUrl $fake.Url } |
                Should -Throw -PassThru

            $thrown.FullyQualifiedErrorId | Should -BeLike 'OutcomeUnknown*'
            $thrown.CategoryInfo.Category | Should -Be 'ConnectionError'
            $thrown.ErrorDetails.RecommendedAction | Should -BeLike "Run Get-EcsTaskDefinitionX $family *"
            @($fake.RequestsFor('RegisterTaskDefinition')).Count | Should -Be 1
        } finally { $fake.Dispose() }
    }
}
