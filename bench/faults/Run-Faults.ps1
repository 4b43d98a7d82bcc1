<#
.SYNOPSIS
The fault suite at bench size: admin flows through throttling, 5xx, lost answers and latency in
front of moto; prints what was done, failed clearly, duplicated and hung. build.ps1 -Task Bench
runs it; figures go to out/bench/faults.json.
#>
[CmdletBinding()]
param(
    [Parameter(Mandatory)] [string] $EndpointUrl,
    [Parameter(Mandatory)] [string] $ModulePath,
    [Parameter(Mandatory)] [string] $TestFakesPath,
    [Parameter(Mandatory)] [string] $ResultPath,
    [int] $Flows = 20,
    [int] $Seed = 7
)
$ErrorActionPreference = 'Stop'
Add-Type -Path $TestFakesPath
Import-Module $ModulePath -Force
Import-Module (Join-Path $PSScriptRoot 'FaultSuite.psm1') -Force

$clock = [Diagnostics.Stopwatch]::StartNew()
$result = Invoke-EcsFaultSuite -Endpoint $EndpointUrl -Flows $Flows -Seed $Seed
$clock.Stop()
$table = @(Format-EcsFaultTable $result)
$table | Format-Table -AutoSize | Out-Host
"Requests: $($result.Requests); injected: $($result.Faults.Throttled) throttled, $($result.Faults.ServerError) 5xx, " +
"$($result.Faults.LostAnswer) lost answers; duplicated: $($result.Duplicated); hung: $(@($result.Steps | Where-Object Outcome -eq 'Hung').Count); " +
"$([math]::Round($clock.Elapsed.TotalSeconds, 1)) s" | Out-Host
@($result.Steps | Where-Object Outcome -ne 'Done') | Format-List Command, Outcome, ErrorId, Message | Out-Host

[ordered]@{
    measuredAt = [DateTime]::UtcNow.ToString('o')
    flows      = $Flows
    seed       = $Seed
    requests   = $result.Requests
    injected   = $result.Faults
    duplicated = $result.Duplicated
    wallSeconds = [math]::Round($clock.Elapsed.TotalSeconds, 1)
    commands   = $table
} | ConvertTo-Json -Depth 5 | Set-Content -Path $ResultPath -Encoding utf8
