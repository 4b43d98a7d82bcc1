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

Describe 'Profiles that need other AWS SDK assemblies' {
    It 'assumes a role through a role_arn/source_profile profile (AWSSDK.SecurityToken loads in the private context)' {
        # A fresh process reads these shared files at its first use: AWSSDK.Core reads the paths once.
        $dir = Join-Path ([IO.Path]::GetTempPath()) ('ecsps-assume-' + [guid]::NewGuid().ToString('N'))
        $null = New-Item -ItemType Directory -Path $dir
        $recorder = Start-RequestRecorder -ForwardTo $Endpoint
        try {
            Set-Content (Join-Path $dir 'credentials') "[base]`naws_access_key_id = AKIAECSPSBASEPROFILE`naws_secret_access_key = base-secret`n"
            Set-Content (Join-Path $dir 'config') "[profile base]`nregion = us-east-1`n[profile deployer]`nrole_arn = arn:aws:iam::123456789012:role/deployer`nsource_profile = base`nregion = eu-west-1`n"
            $lines = Invoke-FreshPwsh @"
`$env:AWS_CONFIG_FILE = '$(Join-Path $dir 'config')'
`$env:AWS_SHARED_CREDENTIALS_FILE = '$(Join-Path $dir 'credentials')'
`$env:AWS_ENDPOINT_URL = '$($recorder.Url)'
Remove-Item Env:AWS_ACCESS_KEY_ID, Env:AWS_SECRET_ACCESS_KEY -ErrorAction Ignore
Import-Module `$module
New-EcsClusterX iso-assumed -ProfileName deployer | ForEach-Object { 'CLUSTER ' + `$_.ClusterArn }
[AppDomain]::CurrentDomain.GetAssemblies() | Where-Object { `$_.GetName().Name -eq 'AWSSDK.SecurityToken' } |
    ForEach-Object { 'LOADED AWSSDK.SecurityToken ' + [Runtime.Loader.AssemblyLoadContext]::GetLoadContext(`$_).Name }
"@
            $lines | Should -Contain 'CLUSTER arn:aws:ecs:eu-west-1:123456789012:cluster/iso-assumed'
            $lines | Should -Contain 'LOADED AWSSDK.SecurityToken EcsPS'
            $assume = @($recorder.Requests | Where-Object { $_.Body -match 'Action=AssumeRole' })
            $assume.Count | Should -Be 1
            $assume[0].Headers['Authorization'] | Should -Match 'Credential=AKIAECSPSBASEPROFILE/'
            $ecs = @($recorder.Requests | Where-Object { $_.Headers['X-Amz-Target'] -like '*CreateCluster' })
            $ecs.Count | Should -Be 1
            # Signed with the role's temporary keys, not the source profile's.
            $ecs[0].Headers['Authorization'] | Should -Not -Match 'AKIAECSPSBASEPROFILE'
            $ecs[0].Headers['X-Amz-Security-Token'] | Should -Not -BeNullOrEmpty
        } finally {
            $recorder.Dispose()
            Remove-Item $dir -Recurse -Force -ErrorAction Ignore
        }
    }
}
