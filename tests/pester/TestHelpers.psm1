# Shared plumbing for the Pester suite: the module under test, a moto_server to run against,
# an isolated AWS environment, and the shared loopback fake that proves what was (not) sent.
Set-StrictMode -Version Latest

$script:RepoRoot = (Resolve-Path (Join-Path $PSScriptRoot '../..')).Path
$script:OwnServer = $null
$script:SavedEnvironment = $null
$script:TempFiles = @()

# Every variable that steers the AWS chain. The suite runs with all of them under its control so
# that nothing from the caller's shell (a profile, a real key, an endpoint override) leaks in.
$script:AwsVariables = @(
    'AWS_ACCESS_KEY_ID', 'AWS_SECRET_ACCESS_KEY', 'AWS_SESSION_TOKEN', 'AWS_PROFILE', 'AWS_DEFAULT_PROFILE',
    'AWS_REGION', 'AWS_DEFAULT_REGION', 'AWS_CONFIG_FILE', 'AWS_SHARED_CREDENTIALS_FILE',
    'AWS_ENDPOINT_URL', 'AWS_ENDPOINT_URL_ECS', 'AWS_IGNORE_CONFIGURED_ENDPOINT_URLS',
    'AWS_EC2_METADATA_DISABLED', 'AWS_MAX_ATTEMPTS', 'AWS_RETRY_MODE', 'AWS_ROLE_ARN',
    'AWS_WEB_IDENTITY_TOKEN_FILE', 'AWS_CONTAINER_CREDENTIALS_RELATIVE_URI', 'AWS_CONTAINER_CREDENTIALS_FULL_URI',
    'ECSPS_TIMEOUT'
)

# The loopback fake shared with the xunit suites (tests/EcsPS.TestFakes): build.ps1 -Task Test
# builds it and says where through $env:ECSPS_TEST_FAKES.
if (-not ('EcsPS.TestFakes.ScriptedAwsServer' -as [type])) {
    $fakes = if ($env:ECSPS_TEST_FAKES) { $env:ECSPS_TEST_FAKES } else { Join-Path $script:RepoRoot 'out/test-fakes/EcsPS.TestFakes.dll' }
    if (-not (Test-Path $fakes)) {
        throw "The test fake was not found at '$fakes'. Build it first: dotnet pwsh ./build.ps1 -Task Test (or dotnet build tests/EcsPS.TestFakes -o out/test-fakes)"
    }
    Add-Type -Path $fakes
}

function Get-EcsTestModulePath {
    <# The module under test: $env:ECSPS_TEST_MODULE (set by build.ps1) or the published out/EcsPS. #>
    $path = if ($env:ECSPS_TEST_MODULE) { $env:ECSPS_TEST_MODULE } else { Join-Path $script:RepoRoot 'out/EcsPS/EcsPS.psd1' }
    if (-not (Test-Path $path)) {
        throw "The module under test was not found at '$path'. Build it first: dotnet pwsh ./build.ps1"
    }
    (Resolve-Path $path).Path
}

function Initialize-EcsTestEnvironment {
    <#
    .SYNOPSIS
    Imports the published module, isolates the AWS environment and returns the moto endpoint URL.
    .DESCRIPTION
    Uses $env:ECSPS_TEST_ENDPOINT when build.ps1 set it; otherwise starts a moto_server of its own
    (stopped again by Clear-EcsTestEnvironment). Sets dummy credentials and empty shared config
    files, switches off instance metadata, and leaves the region unset: tests pass -Region.
    #>
    [CmdletBinding()]
    param(
        # Only the module and the environment: for tests that never call AWS. Returns nothing.
        [switch] $NoServer
    )

    if ($null -eq $script:SavedEnvironment) {
        $saved = @{}
        foreach ($name in $script:AwsVariables) { $saved[$name] = [Environment]::GetEnvironmentVariable($name) }
        $script:SavedEnvironment = $saved
    }
    foreach ($name in $script:AwsVariables) { Set-EnvironmentValue $name $null }

    $config = New-EmptyTempFile 'config'
    $credentials = New-EmptyTempFile 'credentials'
    $env:AWS_CONFIG_FILE = $config
    $env:AWS_SHARED_CREDENTIALS_FILE = $credentials
    $env:AWS_ACCESS_KEY_ID = 'AKIAECSPSTESTDUMMY00'
    $env:AWS_SECRET_ACCESS_KEY = 'ecsps-test-dummy-secret'
    $env:AWS_EC2_METADATA_DISABLED = 'true'

    if (-not (Get-Module EcsPS)) {
        Import-Module (Get-EcsTestModulePath) -Global -ErrorAction Stop
    }

    if ($NoServer) { return }
    if ($env:ECSPS_TEST_ENDPOINT) { return $env:ECSPS_TEST_ENDPOINT.TrimEnd('/') }
    if (-not $script:OwnServer) {
        # No -Force: another helper module may hold LocalAws already, and a reload would pull it from under it.
        Import-Module (Join-Path $script:RepoRoot 'tools/LocalAws.psm1')
        $script:OwnServer = Start-LocalAws
    }
    $script:OwnServer.Url
}

function Clear-EcsTestEnvironment {
    <# Restores the AWS variables as they were and stops the moto_server this module started. #>
    [CmdletBinding()]
    param()
    if ($script:OwnServer) {
        Stop-LocalAws $script:OwnServer
        $script:OwnServer = $null
    }
    if ($null -ne $script:SavedEnvironment) {
        foreach ($name in $script:SavedEnvironment.Keys) {
            Set-EnvironmentValue $name $script:SavedEnvironment[$name]
        }
        $script:SavedEnvironment = $null
    }
    foreach ($file in $script:TempFiles) { Remove-Item $file -Force -ErrorAction Ignore }
    $script:TempFiles = @()
}

function Set-EnvironmentValue {
    <# Sets a process environment variable, or removes it for $null. (A $null passed straight to
    [Environment]::SetEnvironmentVariable from PowerShell arrives as '' and leaves an empty
    variable behind, which AWS tools read as "set to nothing".) #>
    param([Parameter(Mandatory)] [string] $Name, [AllowNull()] [AllowEmptyString()] $Value)
    if ($null -eq $Value) {
        Remove-Item "Env:$Name" -ErrorAction Ignore
    } else {
        Set-Item "Env:$Name" -Value ([string]$Value)
    }
}

function New-EmptyTempFile {
    param([string] $Hint = 'file')
    $path = Join-Path ([IO.Path]::GetTempPath()) ("ecsps-test-$Hint-" + [guid]::NewGuid().ToString('N'))
    [IO.File]::WriteAllText($path, '')
    $script:TempFiles += $path
    $path
}

function Reset-EcsTestState {
    <# Forgets every resource moto holds (POST /moto-api/reset). #>
    [CmdletBinding()]
    param([Parameter(Mandatory)] [string] $Endpoint)
    $null = Invoke-RestMethod -Method Post -Uri "$Endpoint/moto-api/reset"
}

function New-TestName {
    <# A name no other test uses: prefix-<12 hex>. #>
    param([string] $Prefix = 'test')
    "$Prefix-" + [guid]::NewGuid().ToString('N').Substring(0, 12)
}

function Start-RequestRecorder {
    <#
    .SYNOPSIS
    A loopback HTTP endpoint that records every request; with -ForwardTo it relays them (to moto).
    .DESCRIPTION
    Without -ForwardTo every request is answered with an UnscriptedOperation error (400, so the
    SDK does not retry it): a request that should never have been sent shows up and fails loudly.
    #>
    [CmdletBinding()]
    param([string] $ForwardTo)
    $server = [EcsPS.TestFakes.ScriptedAwsServer]::new('recorder')
    if ($ForwardTo) { $null = $server.ForwardTo($ForwardTo) }
    $server
}

function Invoke-WithEnvironment {
    <#
    .SYNOPSIS
    Runs a script block with some environment variables set (or removed, with $null) and puts
    them back afterwards, whatever happens.
    #>
    [CmdletBinding()]
    param(
        [Parameter(Mandatory)] [hashtable] $Variables,
        [Parameter(Mandatory)] [scriptblock] $ScriptBlock
    )
    $before = @{}
    foreach ($name in $Variables.Keys) { $before[$name] = [Environment]::GetEnvironmentVariable($name) }
    try {
        foreach ($name in $Variables.Keys) { Set-EnvironmentValue $name $Variables[$name] }
        & $ScriptBlock
    } finally {
        foreach ($name in $before.Keys) { Set-EnvironmentValue $name $before[$name] }
    }
}

function Invoke-Captured {
    <#
    .SYNOPSIS
    Runs a script block and returns what it wrote (Output), every error it raised (Errors:
    non-terminating ones and a terminating one alike) and how long it took (Elapsed).
    #>
    [CmdletBinding()]
    param([Parameter(Mandatory)] [scriptblock] $ScriptBlock)
    $ErrorActionPreference = 'Continue'
    $output = [System.Collections.Generic.List[object]]::new()
    $errors = [System.Collections.Generic.List[System.Management.Automation.ErrorRecord]]::new()
    $watch = [System.Diagnostics.Stopwatch]::StartNew()
    try {
        & $ScriptBlock 2>&1 | ForEach-Object {
            if ($_ -is [System.Management.Automation.ErrorRecord]) { $errors.Add($_) } else { $output.Add($_) }
        }
    } catch {
        $errors.Add($_)
    }
    $watch.Stop()
    [pscustomobject]@{ Output = $output.ToArray(); Errors = $errors.ToArray(); Elapsed = $watch.Elapsed }
}

function Remove-Ansi {
    param([Parameter(ValueFromPipeline)] [string] $Text)
    process { $Text -replace "`e\[[0-9;?]*[A-Za-z]", '' }
}

Export-ModuleMember -Function Get-EcsTestModulePath, Set-EnvironmentValue, Initialize-EcsTestEnvironment, Clear-EcsTestEnvironment,
    New-EmptyTempFile, Reset-EcsTestState, New-TestName, Start-RequestRecorder, Invoke-WithEnvironment, Invoke-Captured, Remove-Ansi
