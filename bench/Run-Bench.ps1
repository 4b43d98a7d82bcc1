<#
.SYNOPSIS
EcsPS benchmarks: figures, not pass/fail. build.ps1 -Task Bench runs this against moto_server.

.DESCRIPTION
  import      Import-Module time in a fresh pwsh (median of several runs).
  list        Get-EcsClusterX over many clusters: wall time and managed memory allocated,
              which shows that describe batching and streaming keep cost flat per cluster.
Results go to -ResultPath as JSON, with the machine they were measured on.
#>
[CmdletBinding()]
param(
    [Parameter(Mandatory)] [string] $EndpointUrl,
    [Parameter(Mandatory)] [string] $ModulePath,
    [Parameter(Mandatory)] [string] $ResultPath,
    [int] $ImportRuns = 5,
    [int] $ClusterCount = 300
)
$ErrorActionPreference = 'Stop'

function Get-Median([double[]] $values) {
    $sorted = $values | Sort-Object
    $sorted[[int][math]::Floor($sorted.Count / 2)]
}

# Import time, each run in a new process so that nothing is already loaded.
$pwsh = [Environment]::ProcessPath
$pre = @(if (Test-Path (Join-Path $PSHOME 'pwsh.dll')) { Join-Path $PSHOME 'pwsh.dll' })
$importMs = foreach ($i in 1..$ImportRuns) {
    $out = & $pwsh @pre -NoProfile -NonInteractive -Command "`$sw=[Diagnostics.Stopwatch]::StartNew(); Import-Module '$ModulePath'; `$sw.Elapsed.TotalMilliseconds"
    [double]($out | Select-Object -Last 1)
}

Import-Module $ModulePath -Force
$aws = @{ Region = 'us-east-1'; EndpointUrl = $EndpointUrl; AccessKey = 'AKIDBENCH'; SecretKey = 'bench-secret' }
$null = Invoke-RestMethod -Method Post -Uri "$EndpointUrl/moto-api/reset"
1..$ClusterCount | ForEach-Object { 'bench-{0:d4}' -f $_ } | New-EcsClusterX @aws | Out-Null

# Warm up once (JIT, connection), then measure.
$null = Get-EcsClusterX 'bench-0001' @aws
[GC]::Collect()
$allocBefore = [GC]::GetTotalAllocatedBytes($true)
$sw = [Diagnostics.Stopwatch]::StartNew()
$count = 0
Get-EcsClusterX @aws | ForEach-Object { $count++ }
$sw.Stop()
$allocated = [GC]::GetTotalAllocatedBytes($true) - $allocBefore

$result = [ordered]@{
    measuredAt       = [DateTime]::UtcNow.ToString('o')
    machine          = @{ cores = [Environment]::ProcessorCount; os = [Runtime.InteropServices.RuntimeInformation]::OSDescription; pwsh = $PSVersionTable.PSVersion.ToString() }
    importModuleMs   = @{ median = [math]::Round((Get-Median $importMs), 1); runs = $importMs }
    listClusters     = @{
        clusters            = $count
        wallMs              = [math]::Round($sw.Elapsed.TotalMilliseconds, 1)
        msPerCluster        = [math]::Round($sw.Elapsed.TotalMilliseconds / [math]::Max($count, 1), 3)
        allocatedBytes      = $allocated
        allocatedPerCluster = [math]::Round($allocated / [math]::Max($count, 1))
        note                = 'against moto_server on loopback; moto dominates the wall time'
    }
}
$result | ConvertTo-Json -Depth 5 | Set-Content -Path $ResultPath -Encoding utf8
Get-Content $ResultPath
