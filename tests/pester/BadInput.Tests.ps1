# Every case of tests/bad-inputs.psd1, run from the published module against a recorder that
# answers nothing: the input is refused with its error id, category and a message that says what
# is allowed, nothing is written, and not one request is sent. (Module.Tests.ps1 checks that
# every exported cmdlet has cases here.)

BeforeDiscovery {
    # -SkipLimitCheck: the table has outgrown the 500 hashtable keys a data file may hold by default.
    $table = Import-PowerShellDataFile -SkipLimitCheck (Join-Path $PSScriptRoot '../bad-inputs.psd1')
    $Cases = @($table.Cases)
}

BeforeAll {
    Import-Module (Join-Path $PSScriptRoot 'TestHelpers.psm1') -Force
    $null = Initialize-EcsTestEnvironment -NoServer
    $Recorder = Start-RequestRecorder
    $WorkDir = Join-Path ([IO.Path]::GetTempPath()) ('ecsps-bad-input-' + [guid]::NewGuid().ToString('N'))
    $null = New-Item -ItemType Directory -Path $WorkDir

    # The stand-ins of the table: '__FILE__', '__DIR__', '__NOFILE__' and '__<n>x<text>__'.
    function Expand-Value($Value, [hashtable] $Tokens) {
        if ($Value -is [string]) {
            if ($Tokens.ContainsKey($Value)) { return $Tokens[$Value] }
            if ($Value -match '^__(\d+)x(.+)__$') { return $Matches[2] * [int]$Matches[1] }
            return $Value
        }
        if ($Value -is [hashtable]) {
            $copy = @{}
            foreach ($key in $Value.Keys) { $copy[(Expand-Value $key $Tokens)] = Expand-Value $Value[$key] $Tokens }
            return $copy
        }
        if ($Value -is [array]) { return , @($Value | ForEach-Object { Expand-Value $_ $Tokens }) }
        $Value
    }
}

AfterAll {
    if ($Recorder) { $Recorder.Dispose() }
    if ($WorkDir) { Remove-Item $WorkDir -Recurse -Force -ErrorAction Ignore }
    Clear-EcsTestEnvironment
}

Describe 'Bad input is refused before anything is sent' {
    It '<Cmdlet> refuses <Case>' -ForEach $Cases {
        $caseDir = Join-Path $WorkDir ([guid]::NewGuid().ToString('N'))
        $null = New-Item -ItemType Directory -Path $caseDir
        $tokens = @{
            '__FILE__'   = Join-Path $caseDir 'td.json'
            '__DIR__'    = Join-Path $caseDir 'empty'
            '__NOFILE__' = Join-Path $caseDir 'nothing-here.json'
        }
        $null = New-Item -ItemType Directory -Path $tokens['__DIR__']
        if ($_.ContainsKey('File')) { [IO.File]::WriteAllText($tokens['__FILE__'], $File) }

        $splat = Expand-Value $Arguments $tokens
        $command = Get-Command $Cmdlet -Module EcsPS -ErrorAction Stop
        if ($command.Parameters.ContainsKey('EndpointUrl')) {
            $splat.Region = 'us-east-1'
            $splat.EndpointUrl = $Recorder.Url
        }
        $hasPipeline = $_.ContainsKey('Pipeline')
        # Piped hashtables stand for objects whose properties bind by name.
        $piped = if ($hasPipeline) {
            @(foreach ($item in $Pipeline) {
                    $value = Expand-Value $item $tokens
                    if ($value -is [hashtable]) { [pscustomobject]$value } else { $value }
                })
        }

        $Recorder.Clear()
        $ConfirmPreference = 'None'
        $result = Invoke-Captured { if ($hasPipeline) { $piped | & $Cmdlet @splat } else { & $Cmdlet @splat } }

        $Recorder.Count | Should -Be 0 -Because "nothing may be sent (sent: $($Recorder.Operations -join ', '))"
        @($result.Output).Count | Should -Be 0
        @($result.Errors).Count | Should -Be 1 -Because ($result.Errors | ForEach-Object { "$($_.FullyQualifiedErrorId): $($_.Exception.Message)" } | Out-String)
        $e = $result.Errors[0]
        $e.FullyQualifiedErrorId | Should -BeLike "$([WildcardPattern]::Escape($ErrorId)),*"
        "$($e.CategoryInfo.Category)" | Should -Be $Category
        foreach ($text in @($Message)) {
            $e.Exception.Message | Should -BeLike "*$([WildcardPattern]::Escape($text))*"
        }
        if ($_.ContainsKey('Target')) { $e.TargetObject | Should -Be (Expand-Value $Target $tokens) }
    }
}

Describe 'The bad-input table' {
    It 'names only cmdlets the module exports, and every case says what it expects' {
        $table = Import-PowerShellDataFile -SkipLimitCheck (Join-Path $PSScriptRoot '../bad-inputs.psd1')
        $exported = @((Get-Module EcsPS).ExportedCmdlets.Keys)
        foreach ($case in $table.Cases) {
            $case.Cmdlet | Should -BeIn $exported
            foreach ($key in 'Case', 'Arguments', 'ErrorId', 'Category', 'Message') {
                $case.ContainsKey($key) | Should -BeTrue -Because "the case '$($case.Case)' of $($case.Cmdlet) needs $key"
            }
            [System.Management.Automation.ErrorCategory] $case.Category | Should -Not -BeNullOrEmpty
        }
        @($table.Cases | Group-Object { "$($_.Cmdlet) $($_.Case)" } | Where-Object Count -gt 1).Name | Should -BeNullOrEmpty -Because 'each case is listed once'
    }

    It 'has at least 150 cases' {
        @((Import-PowerShellDataFile -SkipLimitCheck (Join-Path $PSScriptRoot '../bad-inputs.psd1')).Cases).Count | Should -BeGreaterOrEqual 150
    }
}

Describe 'A bad piped item is refused alone, and the others go on' {
    # PowerShell's own binding refuses a piped value that fails validation as a non-terminating
    # error for that item and goes on with the next; the module's own per-item checks do the same.
    # What is the same for every item (a bad -Subnet, a bad strategy) stops the command before the
    # first one, as a terminating error.
    BeforeAll {
        $Endpoint = Initialize-EcsTestEnvironment
        $Aws = @{ Region = 'us-east-1'; EndpointUrl = $Endpoint }
        $Forward = Start-RequestRecorder -ForwardTo $Endpoint
        $Via = @{ Region = 'us-east-1'; EndpointUrl = $Forward.Url }
    }
    AfterAll { if ($Forward) { $Forward.Dispose() } }
    BeforeEach { $Forward.Clear() }

    It 'New-EcsClusterX creates the 1st, 2nd, 4th and 5th of five piped names and refuses the 3rd' {
        $names = @(1..5 | ForEach-Object { New-TestName "pipe$_" })
        $names[2] = 'not valid!'
        $result = Invoke-Captured { $names | New-EcsClusterX @Via }

        @($result.Output.ClusterName) | Should -Be @($names[0], $names[1], $names[3], $names[4])
        @($result.Errors).Count | Should -Be 1
        $result.Errors[0].FullyQualifiedErrorId | Should -BeLike 'ParameterArgumentValidationError,*'
        $result.Errors[0].Exception.Message | Should -BeLike "*'not valid!' is not a valid cluster name*"
        @($Forward.Operations) | Should -Be @('CreateCluster', 'CreateCluster', 'CreateCluster', 'CreateCluster')
    }

    It 'Get-EcsClusterX describes the other four in one request, the 3rd refused' {
        $names = @(1..5 | ForEach-Object { New-TestName "pipeget$_" })
        foreach ($n in $names) { $null = New-EcsClusterX $n @Aws -ErrorAction Stop }
        $piped = $names.Clone()
        $piped[2] = 'team/web'
        $Forward.Clear()

        $result = Invoke-Captured { $piped | Get-EcsClusterX @Via }

        @($result.Output.ClusterName) | Should -Be @($names[0], $names[1], $names[3], $names[4])
        @($result.Errors).Count | Should -Be 1
        $result.Errors[0].Exception.Message | Should -BeLike "*'team/web' is not a valid cluster name*"
        # Batching goes on across the refused item: one DescribeClusters for the four.
        @($Forward.Operations) | Should -Be @('DescribeClusters')
        @(($Forward.Requests[0].Body | ConvertFrom-Json).clusters) | Should -Be @($names[0], $names[1], $names[3], $names[4])
    }

    It 'Unregister-EcsTaskDefinitionX deregisters four piped revisions and refuses a bare family among them' {
        $family = New-TestName 'pipe-td'
        1..4 | ForEach-Object { $null = Register-EcsTaskDefinitionX -Family $family -ContainerDefinition @{ name = 'web'; image = "nginx:1.$_"; memory = 64 } @Aws -ErrorAction Stop }
        $piped = @("${family}:1", "${family}:2", $family, "${family}:3", "${family}:4")

        $result = Invoke-Captured { $piped | Unregister-EcsTaskDefinitionX -Force -PassThru @Via }

        @($result.Output.Revision) | Should -Be @(1, 2, 3, 4)
        @($result.Errors).Count | Should -Be 1
        $result.Errors[0].Exception.Message | Should -BeLike "*names a whole family, not one revision*"
        @($Forward.Operations | Where-Object { $_ -eq 'DeregisterTaskDefinition' }).Count | Should -Be 4
    }

    It 'Register-EcsTaskDefinitionX registers four piped files and refuses the 3rd (Fargate awslogs without an execution role)' {
        $folder = Join-Path $WorkDir ('pipe-' + [guid]::NewGuid().ToString('N'))
        $null = New-Item -ItemType Directory -Path $folder
        $families = @(1..5 | ForEach-Object { New-TestName "pipefile$_" })
        foreach ($i in 0..4) {
            $log = if ($i -eq 2) { ', "logConfiguration": { "logDriver": "awslogs", "options": { "awslogs-group": "/ecs/x", "awslogs-region": "us-east-1" } }' } else { '' }
            $json = '{ "family": "' + $families[$i] + '", "networkMode": "awsvpc", "requiresCompatibilities": ["FARGATE"], "cpu": "256", "memory": "512", "containerDefinitions": [ { "name": "web", "image": "nginx:1.27"' + $log + ' } ] }'
            [IO.File]::WriteAllText((Join-Path $folder "$i.json"), $json)
        }

        $result = Invoke-Captured { Get-ChildItem $folder -Filter *.json | Sort-Object Name | Register-EcsTaskDefinitionX @Via }

        @($result.Output.Family) | Should -Be @($families[0], $families[1], $families[3], $families[4])
        @($result.Errors).Count | Should -Be 1
        $result.Errors[0].FullyQualifiedErrorId | Should -BeLike 'InvalidTaskDefinition,*'
        $result.Errors[0].TargetObject | Should -Be (Join-Path $folder '2.json')
        @($Forward.Operations | Where-Object { $_ -eq 'RegisterTaskDefinition' }).Count | Should -Be 4
    }

    It 'Update-EcsServiceX stops before the first piped service when a setting for all of them is bad' {
        $services = @([pscustomobject]@{ ServiceName = 'web'; Cluster = 'prod' }, [pscustomobject]@{ ServiceName = 'api'; Cluster = 'prod' })
        $result = Invoke-Captured { $services | Update-EcsServiceX -CapacityProviderStrategy 'FARGATE:heavy' @Via }
        @($result.Errors).Count | Should -Be 1
        $result.Errors[0].FullyQualifiedErrorId | Should -BeLike 'InvalidServiceParameters,*'
        $Forward.Count | Should -Be 0
    }
}
