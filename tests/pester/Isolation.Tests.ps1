# EcsPS beside other AWS SDK builds in one session: what happens when AWS.Tools (or any module
# with its own AWSSDK.Core) is loaded before or after EcsPS. Each case runs in a fresh pwsh,
# because assemblies cannot be unloaded from the default load context.

BeforeAll {
    Import-Module (Join-Path $PSScriptRoot 'TestHelpers.psm1') -Force
    $Endpoint = Initialize-EcsTestEnvironment
    $ModulePath = Get-EcsTestModulePath
    $packages = if ($env:ECSPS_TEST_PACKAGES) { $env:ECSPS_TEST_PACKAGES } else { Join-Path $PSScriptRoot '../../out/tools/packages' }
    $Sdk37 = Join-Path $packages 'awssdk.core/3.7.402/lib/net8.0/AWSSDK.Core.dll'
    $Sdk40 = Join-Path $packages 'awssdk.core/4.0.3.3/lib/net8.0/AWSSDK.Core.dll'
    foreach ($sdk in $Sdk37, $Sdk40) {
        if (-not (Test-Path $sdk)) { throw "The other AWS SDK build '$sdk' is missing; build.ps1 -Task Test restores it (tests/pester/PesterRestore.csproj)." }
    }

    # Runs a script in a new pwsh with the test environment, returning its output lines; fails on a non-zero exit.
    function Invoke-FreshPwsh([string] $Script) {
        $pwshDll = Join-Path $PSHOME 'pwsh.dll'
        $exe = if (Test-Path $pwshDll) { [Environment]::ProcessPath } else { Join-Path $PSHOME 'pwsh' }
        $pre = @(if (Test-Path $pwshDll) { $pwshDll })
        $prelude = "`$ErrorActionPreference = 'Stop'; `$module = '$ModulePath'; `$endpoint = '$Endpoint'; " +
            "`$aws = @{ Region = 'us-east-1'; EndpointUrl = `$endpoint }`n"
        $output = & $exe @pre -NoProfile -NonInteractive -Command ($prelude + $Script) 2>&1
        if ($LASTEXITCODE -ne 0) { throw "The child pwsh failed (exit $LASTEXITCODE): $($output -join [Environment]::NewLine)" }
        @($output | ForEach-Object { "$_" })
    }

    $WhereIsCore = @'
[AppDomain]::CurrentDomain.GetAssemblies() | Where-Object { $_.GetName().Name -in 'AWSSDK.Core', 'EcsPS.Engine' } |
    ForEach-Object { 'LOADED {0} {1} {2}' -f $_.GetName().Name, $_.GetName().Version, [Runtime.Loader.AssemblyLoadContext]::GetLoadContext($_).Name }
'@
}

AfterAll {
    Clear-EcsTestEnvironment
}

Describe 'EcsPS beside another AWSSDK.Core' {
    BeforeEach {
        Reset-EcsTestState -Endpoint $Endpoint
    }

    It 'works when an AWS SDK 3.7 (AWS.Tools 4) was loaded first' {
        $lines = Invoke-FreshPwsh @"
Add-Type -Path '$Sdk37'
Import-Module `$module
New-EcsClusterX iso-first @aws | ForEach-Object { 'CLUSTER ' + `$_.ClusterName }
$WhereIsCore
"@
        $lines | Should -Contain 'CLUSTER iso-first'
        $lines | Should -Contain 'LOADED AWSSDK.Core 3.3.0.0 Default'
        $lines | Should -Contain 'LOADED AWSSDK.Core 4.0.0.0 EcsPS'
        $lines | Should -Contain 'LOADED EcsPS.Engine 0.1.0.0 EcsPS'
    }

    It 'leaves room for an AWS SDK 3.7 loaded after EcsPS has run' {
        $lines = Invoke-FreshPwsh @"
Import-Module `$module
Get-EcsClusterX -ClusterName iso-none @aws -ErrorAction SilentlyContinue
Add-Type -Path '$Sdk37'
'CREDENTIALS ' + [Amazon.Runtime.BasicAWSCredentials]::new('AKIDOTHER', 'other').GetCredentials().AccessKey
$WhereIsCore
"@
        $lines | Should -Contain 'CREDENTIALS AKIDOTHER'
        $lines | Should -Contain 'LOADED AWSSDK.Core 3.3.0.0 Default'
        $lines | Should -Contain 'LOADED AWSSDK.Core 4.0.0.0 EcsPS'
    }

    It 'uses its own AWSSDK.Core even when another 4.x build (same assembly version) was loaded first' {
        $lines = Invoke-FreshPwsh @"
Add-Type -Path '$Sdk40'
Import-Module `$module
New-EcsClusterX iso-same @aws | ForEach-Object { 'CLUSTER ' + `$_.ClusterName }
$WhereIsCore
"@
        $lines | Should -Contain 'CLUSTER iso-same'
        $lines | Should -Contain 'LOADED AWSSDK.Core 4.0.0.0 Default'
        $lines | Should -Contain 'LOADED AWSSDK.Core 4.0.0.0 EcsPS'
    }
}
