<#
.SYNOPSIS
The one entry point for building, testing and trying EcsPS.

.DESCRIPTION
  Build  (default) publishes the module to out/EcsPS (dlls, manifest, formats, MAML help).
  Test   builds, then runs every xunit test and every Pester test (against moto_server on
         127.0.0.1), prints "N passed, N failed" and exits non-zero on any failure.
  Demo   builds, starts moto_server and runs examples/quickstart.ps1 against it.
  Bench  builds and runs the benchmarks under bench/, writing figures to out/bench/results.json,
         and the fault suite (bench/faults), writing out/bench/faults.json.
  Package builds and zips out/EcsPS into out/EcsPS-<version>.zip.
  Clean  removes out/ and every bin/obj folder.

.EXAMPLE
  dotnet tool restore && dotnet pwsh ./build.ps1 -Task Test
#>
[CmdletBinding()]
param(
    [ValidateSet('Build', 'Test', 'Demo', 'Bench', 'Package', 'Clean')]
    [string] $Task = 'Build',
    [ValidateSet('Debug', 'Release')]
    [string] $Configuration = 'Release',
    # Runs only the Pester files whose names match (Test task).
    [string] $PesterFilter = '*'
)

$ErrorActionPreference = 'Stop'
Set-StrictMode -Version Latest
$Root = $PSScriptRoot
$Out = Join-Path $Root 'out'
$ModuleOut = Join-Path $Out 'EcsPS'
$PesterVersion = '5.7.1'
Import-Module (Join-Path $Root 'tools/LocalAws.psm1') -Force

function Invoke-Native {
    param([string] $What, [scriptblock] $Command)
    & $Command
    if ($LASTEXITCODE -ne 0) { throw "$What failed (exit code $LASTEXITCODE)." }
}

function Get-DotNet {
    # Inside 'dotnet pwsh' the process is the dotnet host itself.
    $self = [Environment]::ProcessPath
    if ($self -and [IO.Path]::GetFileNameWithoutExtension($self) -eq 'dotnet') { return $self }
    $cmd = Get-Command dotnet -CommandType Application -ErrorAction Ignore | Select-Object -First 1
    if (-not $cmd) { throw 'The .NET SDK (dotnet) was not found. Install .NET SDK 10 from your package manager.' }
    $cmd.Source
}

function Get-ChildPwsh {
    # A fresh pwsh process from the same installation that runs this script.
    $pwshDll = Join-Path $PSHOME 'pwsh.dll'
    if (Test-Path $pwshDll) { return , @((Get-DotNet), $pwshDll) }
    return , @((Join-Path $PSHOME 'pwsh'))
}

function Invoke-Build {
    $dotnet = Get-DotNet
    $publish = Join-Path $Out 'publish'
    Write-Host "Building EcsPS ($Configuration)..."
    Invoke-Native 'dotnet publish' { & $dotnet publish (Join-Path $Root 'src/EcsPS/EcsPS.csproj') -c $Configuration -o $publish --nologo -v quiet }

    Invoke-Native 'dotnet publish (isolation)' { & $dotnet publish (Join-Path $Root 'src/EcsPS.Isolation/EcsPS.Isolation.csproj') -c $Configuration -o $publish --nologo -v quiet }

    if (Test-Path $ModuleOut) { Remove-Item $ModuleOut -Recurse -Force }
    $deps = Join-Path $ModuleOut 'deps'
    $null = New-Item -ItemType Directory -Path $deps -Force
    # The cmdlet assembly and its loader sit at the top; the Engine and everything it needs from
    # outside pwsh (AWSSDK.*, System.IO.Hashing) go to deps/, which EcsPS loads into a private
    # AssemblyLoadContext so that another module's AWS SDK cannot clash with it. The netstandard
    # polyfills (System.Text.Json, System.Memory, ...) resolve to pwsh's own newer copies.
    Copy-Item (Join-Path $publish 'EcsPS.dll'), (Join-Path $publish 'EcsPS.Isolation.dll') -Destination $ModuleOut
    Get-ChildItem $publish -Filter *.dll | Where-Object {
        $_.Name -eq 'EcsPS.Engine.dll' -or $_.Name -like 'AWSSDK.*.dll' -or $_.Name -eq 'System.IO.Hashing.dll'
    } | Copy-Item -Destination $deps
    Copy-Item (Join-Path $Root 'EcsPS.psd1') $ModuleOut
    Copy-Item (Join-Path $Root 'src/EcsPS/EcsPS.Format.ps1xml') $ModuleOut
    if (Test-Path (Join-Path $Root 'LICENSE')) { Copy-Item (Join-Path $Root 'LICENSE') $ModuleOut }

    $helpBuilder = Join-Path $Root 'tools/HelpBuilder.psm1'
    if (Test-Path $helpBuilder) {
        Import-Module $helpBuilder -Force
        ConvertTo-MamlHelp -DocsPath (Join-Path $Root 'docs') -OutputPath $ModuleOut -ModuleName 'EcsPS'
    }
    Write-Host "Module published to $ModuleOut"
}

function Get-PesterModulePath {
    $restoreDir = Join-Path $Out 'tools/packages'
    $psd1 = Join-Path $restoreDir "pester/$PesterVersion/tools/Pester.psd1"
    if (-not (Test-Path $psd1) -or -not (Test-Path (Join-Path $restoreDir 'awssdk.core'))) {
        Write-Host "Restoring Pester $PesterVersion from NuGet..."
        $dotnet = Get-DotNet
        Invoke-Native 'Pester restore' {
            & $dotnet restore (Join-Path $Root 'tests/pester/PesterRestore.csproj') --packages $restoreDir -p:PesterVersion=$PesterVersion --nologo -v quiet
        }
    }
    if (-not (Test-Path $psd1)) { throw "Pester $PesterVersion was restored but $psd1 is missing." }
    $psd1
}

function Invoke-XunitTests {
    $dotnet = Get-DotNet
    $results = Join-Path $Out 'test-results'
    $passed = 0; $failed = 0
    foreach ($project in Get-ChildItem (Join-Path $Root 'tests') -Recurse -Filter *.Tests.csproj) {
        $name = $project.BaseName
        $trx = "$name.trx"
        Write-Host "`n=== xunit: $name"
        # Out-Host: the runners' own output is for the reader, not part of this function's result.
        & $dotnet test $project.FullName -c $Configuration --nologo --logger "trx;LogFileName=$trx" --logger 'console;verbosity=minimal' --results-directory $results | Out-Host
        $file = Join-Path $results $trx
        if (-not (Test-Path $file)) {
            Write-Host "xunit: $name produced no results (build or run failure)." -ForegroundColor Red
            $failed++
            continue
        }
        [xml] $doc = Get-Content $file -Raw
        $counters = $doc.TestRun.ResultSummary.Counters
        $passed += [int]$counters.passed
        $failed += [int]$counters.failed + [int]$counters.error + [int]$counters.timeout + [int]$counters.aborted
        if ($LASTEXITCODE -ne 0 -and ([int]$counters.failed -eq 0)) { $failed++ }
    }
    [pscustomobject]@{ Passed = $passed; Failed = $failed }
}

function Get-TestFakesPath {
    # The xunit suites reference tests/EcsPS.TestFakes; the Pester suite loads the same build.
    $dotnet = Get-DotNet
    $dir = Join-Path $Out 'test-fakes'
    Invoke-Native 'dotnet build (test fakes)' { & $dotnet build (Join-Path $Root 'tests/EcsPS.TestFakes/EcsPS.TestFakes.csproj') -c $Configuration -o $dir --nologo -v quiet | Out-Host }
    Join-Path $dir 'EcsPS.TestFakes.dll'
}

function Invoke-PesterTests {
    $pester = Get-PesterModulePath
    $server = Start-LocalAws -LogPath (Join-Path $Out 'moto.log')
    $resultFile = Join-Path $Out 'test-results/pester.xml'
    $summaryFile = Join-Path $Out 'test-results/pester-summary.json'
    try {
        Write-Host "`n=== Pester (moto_server at $($server.Url))"
        $runner = Join-Path $Root 'tests/pester/Run-Pester.ps1'
        $child = Get-ChildPwsh
        $exe = $child[0]; $pre = @($child | Select-Object -Skip 1)
        $env:ECSPS_TEST_ENDPOINT = $server.Url
        $env:ECSPS_TEST_MODULE = Join-Path $ModuleOut 'EcsPS.psd1'
        $env:ECSPS_TEST_PACKAGES = Join-Path $Out 'tools/packages'
        $env:ECSPS_TEST_FAKES = Get-TestFakesPath
        # Quoted: on Linux/macOS pwsh glob-expands a bare variable holding '*' when it passes it to
        # a native program, so the child would get the folder's file names instead of the filter.
        & $exe @pre -NoProfile -NonInteractive -File $runner -PesterPath $pester -Filter "$PesterFilter" -ResultPath $resultFile -SummaryPath $summaryFile | Out-Host
        if (-not (Test-Path $summaryFile)) { return [pscustomobject]@{ Passed = 0; Failed = 1 } }
        $summary = Get-Content $summaryFile -Raw | ConvertFrom-Json
        [pscustomobject]@{ Passed = [int]$summary.Passed; Failed = [int]$summary.Failed }
    } finally {
        Remove-Item Env:ECSPS_TEST_ENDPOINT, Env:ECSPS_TEST_MODULE, Env:ECSPS_TEST_PACKAGES, Env:ECSPS_TEST_FAKES -ErrorAction Ignore
        Stop-LocalAws $server
    }
}

function Invoke-Test {
    Invoke-Build
    $resultsDir = Join-Path $Out 'test-results'
    if (Test-Path $resultsDir) { Remove-Item $resultsDir -Recurse -Force }
    $null = New-Item -ItemType Directory $resultsDir
    # Never let a test reach instance metadata or a real account: everything runs against loopback.
    $env:AWS_EC2_METADATA_DISABLED = 'true'
    $x = Invoke-XunitTests
    $p = Invoke-PesterTests
    $passed = $x.Passed + $p.Passed
    $failed = $x.Failed + $p.Failed
    Write-Host ''
    Write-Host "xunit: $($x.Passed) passed, $($x.Failed) failed; Pester: $($p.Passed) passed, $($p.Failed) failed"
    Write-Host "$passed passed, $failed failed"
    if ($failed -gt 0 -or $passed -eq 0) { exit 1 }
    exit 0
}

function Invoke-Demo {
    Invoke-Build
    $server = Start-LocalAws -LogPath (Join-Path $Out 'moto-demo.log')
    try {
        $env:AWS_EC2_METADATA_DISABLED = 'true'
        $child = Get-ChildPwsh
        $exe = $child[0]; $pre = @($child | Select-Object -Skip 1)
        $script = Join-Path $Root 'examples/quickstart.ps1'
        $network = Get-LocalAwsNetwork -Url $server.Url
        & $exe @pre -NoProfile -NonInteractive -File $script -EndpointUrl $server.Url -ModulePath (Join-Path $ModuleOut 'EcsPS.psd1') `
            -Subnet $network.SubnetIds[0] -SecurityGroup $network.SecurityGroupId
        if ($LASTEXITCODE -ne 0) { throw "The quickstart failed (exit code $LASTEXITCODE)." }
    } finally {
        Stop-LocalAws $server
    }
}

function Invoke-Bench {
    Invoke-Build
    $server = Start-LocalAws -LogPath (Join-Path $Out 'moto-bench.log')
    try {
        $child = Get-ChildPwsh
        $exe = $child[0]; $pre = @($child | Select-Object -Skip 1)
        $resultDir = Join-Path $Out 'bench'
        $null = New-Item -ItemType Directory $resultDir -Force
        & $exe @pre -NoProfile -NonInteractive -File (Join-Path $Root 'bench/Run-Bench.ps1') -EndpointUrl $server.Url `
            -ModulePath (Join-Path $ModuleOut 'EcsPS.psd1') -ResultPath (Join-Path $resultDir 'results.json')
        if ($LASTEXITCODE -ne 0) { throw "The benchmarks failed (exit code $LASTEXITCODE)." }
        $fakes = Get-TestFakesPath
        $null = Invoke-RestMethod -Method Post -Uri "$($server.Url)/moto-api/reset"
        & $exe @pre -NoProfile -NonInteractive -File (Join-Path $Root 'bench/faults/Run-Faults.ps1') -EndpointUrl $server.Url `
            -ModulePath (Join-Path $ModuleOut 'EcsPS.psd1') -TestFakesPath $fakes -ResultPath (Join-Path $resultDir 'faults.json')
        if ($LASTEXITCODE -ne 0) { throw "The fault suite failed (exit code $LASTEXITCODE)." }
    } finally {
        Stop-LocalAws $server
    }
}

function Invoke-Package {
    Invoke-Build
    $version = (Import-PowerShellDataFile (Join-Path $Root 'EcsPS.psd1')).ModuleVersion
    $zip = Join-Path $Out "EcsPS-$version.zip"
    if (Test-Path $zip) { Remove-Item $zip }
    Compress-Archive -Path $ModuleOut -DestinationPath $zip
    Write-Host "Packaged $zip"
}

function Invoke-Clean {
    if (Test-Path $Out) { Remove-Item $Out -Recurse -Force }
    Get-ChildItem $Root -Recurse -Directory -Include bin, obj | Where-Object FullName -notmatch '[\\/]\.git[\\/]' |
        Remove-Item -Recurse -Force
}

switch ($Task) {
    'Build'   { Invoke-Build }
    'Test'    { Invoke-Test }
    'Demo'    { Invoke-Demo }
    'Bench'   { Invoke-Bench }
    'Package' { Invoke-Package }
    'Clean'   { Invoke-Clean }
}
