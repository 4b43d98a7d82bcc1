<#
.SYNOPSIS
Runs the Pester suite against the published module and reports the counts.

.DESCRIPTION
build.ps1 -Task Test calls this in a fresh pwsh with $env:ECSPS_TEST_ENDPOINT (a moto_server it
started) and $env:ECSPS_TEST_MODULE (out/EcsPS/EcsPS.psd1). Run by hand without them, each test
file starts a moto_server of its own through TestHelpers.psm1 and tests out/EcsPS.

Exit code: 0 when every test passed, 1 otherwise. (Never the failed count: it wraps to 0 at 256.)

.EXAMPLE
dotnet pwsh ./tests/pester/Run-Pester.ps1 -Filter 'Cluster*'
#>
[CmdletBinding()]
param(
    # Pester.psd1 to import; defaults to the copy build.ps1 restores under out/tools/packages.
    [string] $PesterPath,
    # Which test files to run, as a wildcard on the file name ('Cluster*' runs Cluster.Tests.ps1).
    [string] $Filter = '*',
    # NUnit XML result file.
    [string] $ResultPath,
    # JSON file for {Passed, Failed, Skipped, Total}.
    [string] $SummaryPath
)

$ErrorActionPreference = 'Stop'
Set-StrictMode -Version Latest
$root = (Resolve-Path (Join-Path $PSScriptRoot '../..')).Path

if (-not $PesterPath) {
    $PesterPath = Join-Path $root 'out/tools/packages/pester/5.7.1/tools/Pester.psd1'
    if (-not (Test-Path $PesterPath)) {
        throw "Pester was not found at '$PesterPath'. Pass -PesterPath, or run 'dotnet pwsh ./build.ps1 -Task Test' once to restore it."
    }
}
if (-not $ResultPath) { $ResultPath = Join-Path $root 'out/test-results/pester.xml' }

Import-Module $PesterPath -Force

$files = @(Get-ChildItem -Path $PSScriptRoot -Filter '*.Tests.ps1' -File | Where-Object {
        $_.Name -like $Filter -or ($_.Name -replace '\.Tests\.ps1$', '') -like $Filter
    } | Sort-Object Name)
if ($files.Count -eq 0) {
    # No summary is written: the caller counts that as a failure rather than as "nothing failed".
    throw "No Pester test file under $PSScriptRoot matches '$Filter'."
}

foreach ($path in @($ResultPath, $SummaryPath)) {
    if ($path) {
        $dir = Split-Path -Parent ([IO.Path]::GetFullPath($path))
        if (-not (Test-Path $dir)) { $null = New-Item -ItemType Directory -Path $dir -Force }
    }
}

$config = New-PesterConfiguration
$config.Run.Path = @($files.FullName)
$config.Run.PassThru = $true
$config.Run.Exit = $false
$config.Run.Throw = $false
$config.Output.Verbosity = 'Detailed'
$config.TestResult.Enabled = $true
$config.TestResult.OutputFormat = 'NUnitXml'
$config.TestResult.OutputPath = [IO.Path]::GetFullPath($ResultPath)

# The tests run as they would under a plain Invoke-Pester: they must not inherit this script's
# 'Stop' error action or its strict mode.
$ErrorActionPreference = 'Continue'
Set-StrictMode -Off
$result = Invoke-Pester -Configuration $config
Set-StrictMode -Version Latest
$ErrorActionPreference = 'Stop'

# A file that fails to load, or a BeforeAll/AfterAll that throws outside any test, is a failure
# too even though no single test is counted as failed for it.
$failed = [int]$result.FailedCount + [int]$result.FailedBlocksCount + [int]$result.FailedContainersCount
$summary = [ordered]@{
    Passed  = [int]$result.PassedCount
    Failed  = $failed
    Skipped = [int]$result.SkippedCount
    Total   = [int]$result.TotalCount
}
if ($SummaryPath) {
    $summary | ConvertTo-Json | Set-Content -Path $SummaryPath -Encoding utf8
}
Write-Host "Pester: $($summary.Passed) passed, $($summary.Failed) failed, $($summary.Skipped) skipped"

exit [int]($result.Result -ne 'Passed')
