# Invoke-EcsCommandX in the published module. moto has no ExecuteCommand, so ECS is the scripted
# loopback fake (answers from EcsPS.TestFakes.ExecAnswers, which the Engine suite holds to
# botocore's model) and session-manager-plugin is a stand-in shell script that records what it
# was given. Every request sent is checked against botocore's model of ECS.

BeforeAll {
    Import-Module (Join-Path $PSScriptRoot 'TestHelpers.psm1') -Force
    Import-Module (Join-Path $PSScriptRoot 'TaskDefinitionHelpers.psm1') -Force
    Initialize-EcsTestEnvironment -NoServer
    $script:SavedPlugin = $env:ECSPS_SESSION_MANAGER_PLUGIN
    $script:PluginDirs = [System.Collections.Generic.List[string]]::new()
    $script:Answers = [EcsPS.TestFakes.ExecAnswers]
    $script:TaskId = $Answers::TaskId
    $script:Target = '{"Target":"ecs:prod_' + $TaskId + '_' + $Answers::RuntimeId + '"}'
    $script:SessionJson = '{"sessionId":"' + $Answers::SessionId + '","streamUrl":"' + $Answers::StreamUrl + '","tokenValue":"' + $Answers::Token + '"}'

    function New-StandInPlugin {
        # A session-manager-plugin that answers --version and otherwise records its arguments
        # (one file each), the session variable and AWS_PROFILE, prints -Output and exits -ExitCode.
        param([string] $Version = '1.2.707.0', [int] $ExitCode = 0, [string] $Output = '')
        $dir = Join-Path ([IO.Path]::GetTempPath()) ('ecsps-plugin-' + [guid]::NewGuid().ToString('N'))
        $null = New-Item -ItemType Directory -Path $dir
        $script:PluginDirs.Add($dir)
        $path = Join-Path $dir 'session-manager-plugin'
        $script = @"
#!/bin/sh
if [ "`$1" = "--version" ]; then echo '$Version'; exit 0; fi
n=0
for a in "`$@"; do n=`$((n+1)); printf '%s' "`$a" > '$dir/arg'`$n; done
printf '%s' "`$AWS_SSM_START_SESSION_RESPONSE" > '$dir/session'
printf '%s' "`$AWS_PROFILE" > '$dir/profile'
printf '$Output'
exit $ExitCode
"@
        [IO.File]::WriteAllText($path, $script.Replace("`r`n", "`n"))
        & chmod +x $path
        $env:ECSPS_SESSION_MANAGER_PLUGIN = $path
        [pscustomobject]@{ Path = $path; Directory = $dir }
    }

    function Get-PluginArgument {
        param([Parameter(Mandatory)] $Plugin)
        @(1..6 | ForEach-Object {
            $file = Join-Path $Plugin.Directory "arg$_"
            if (Test-Path $file) { [IO.File]::ReadAllText($file) } else { $null }
        })
    }

    function New-ExecFake {
        param([string] $Described = $Answers::DescribedTask('RUNNING', $true, [string[]]@('web')))
        $fake = [EcsPS.TestFakes.ScriptedAwsServer]::new('exec')
        $null = $fake.Always('DescribeTasks', [EcsPS.TestFakes.ScriptedResponse]::Json($Described))
        $null = $fake.Always('ExecuteCommand', [EcsPS.TestFakes.ScriptedResponse]::Json($Answers::Session('web')))
        $fake
    }
}

AfterAll {
    Set-EnvironmentValue ECSPS_SESSION_MANAGER_PLUGIN $script:SavedPlugin
    foreach ($dir in $script:PluginDirs) { Remove-Item $dir -Recurse -Force -ErrorAction Ignore }
    Clear-EcsTestEnvironment
}

Describe 'Invoke-EcsCommandX' {
    It 'gives the plugin the session, region, StartSession, profile, target and SSM endpoint, and passes its exit code on' {
        $plugin = New-StandInPlugin -ExitCode 0
        $fake = New-ExecFake
        try {
            Invoke-EcsCommandX -Cluster prod -Task $TaskId -Command /bin/sh -Region us-east-1 -EndpointUrl $fake.Url | Should -BeNullOrEmpty
            $LASTEXITCODE | Should -Be 0

            Get-PluginArgument $plugin | Should -Be @('AWS_SSM_START_SESSION_RESPONSE', 'us-east-1', 'StartSession', '', $Target, 'https://ssm.us-east-1.amazonaws.com')
            [IO.File]::ReadAllText((Join-Path $plugin.Directory 'session')) | Should -BeExactly $SessionJson
            $fake.Operations | Should -Be @('DescribeTasks', 'ExecuteCommand')
            Test-BotocoreRequest -Request $fake.Requests | Should -BeNullOrEmpty
            $execute = $fake.RequestsFor('ExecuteCommand')[0].Body | ConvertFrom-Json
            $execute.interactive | Should -BeTrue
            $execute.container | Should -Be 'web'
        } finally { $fake.Dispose() }
    }

    It 'passes the profile in force, and a non-zero exit code as $LASTEXITCODE and SessionManagerPluginFailed' {
        $plugin = New-StandInPlugin -ExitCode 5
        $fake = New-ExecFake
        $credentials = New-EmptyTempFile 'exec-credentials'
        [IO.File]::WriteAllText($credentials, "[ops]`naws_access_key_id = AKIAECSPSTESTOPS0001`naws_secret_access_key = ops-secret`n")
        try {
            Invoke-WithEnvironment @{ AWS_SHARED_CREDENTIALS_FILE = $credentials; AWS_ACCESS_KEY_ID = $null; AWS_SECRET_ACCESS_KEY = $null } {
                $run = Invoke-Captured { Invoke-EcsCommandX -Cluster prod -Task $TaskId -Command /bin/sh -ProfileName ops -Region us-east-1 -EndpointUrl $fake.Url -PassThru }
                $LASTEXITCODE | Should -Be 5
                $run.Errors.Count | Should -Be 1
                $run.Errors[0].FullyQualifiedErrorId | Should -BeLike 'SessionManagerPluginFailed,*'
                $run.Output.ExitCode | Should -Be 5
                (Get-PluginArgument $plugin)[3] | Should -BeExactly 'ops'
            }
            { Invoke-EcsCommandX -Cluster prod -Task $TaskId -Command /bin/sh -Region us-east-1 -EndpointUrl $fake.Url -ErrorAction Stop } |
                Should -Throw -ErrorId 'SessionManagerPluginFailed,EcsPS.Ecs.Tasks.InvokeEcsCommandX'
        } finally { $fake.Dispose() }
    }

    It 'returns the output of a -NonInteractive command without the plugin banners' {
        $null = New-StandInPlugin -Output ('\r\nStarting session with SessionId: ' + $Answers::SessionId + '\r\n3 files\r\n\r\n\r\nExiting session with sessionId: ' + $Answers::SessionId + '.\r\n\r\n')
        $fake = New-ExecFake
        try {
            $result = Invoke-EcsCommandX -Cluster prod -Task $TaskId -Command "sh -c 'ls /app | wc -l'" -NonInteractive -Region us-east-1 -EndpointUrl $fake.Url
            $result.Output | Should -Be @('3 files')
            $result.ExitCode | Should -Be 0
            $result.PSObject.TypeNames[0] | Should -Be 'EcsPS.Ecs.Tasks.EcsCommandResult'
            ($result | Format-Table | Out-String -Width 120) | Should -Match "$TaskId\s+web\s+0 sh -c 'ls /app \| wc -l'"
        } finally { $fake.Dispose() }
    }

    It 'without session-manager-plugin on PATH says how to install it and sends nothing' {
        $recorder = Start-RequestRecorder
        $empty = Join-Path ([IO.Path]::GetTempPath()) ('ecsps-empty-' + [guid]::NewGuid().ToString('N'))
        $null = New-Item -ItemType Directory -Path $empty
        try {
            Invoke-WithEnvironment @{ PATH = $empty; ECSPS_SESSION_MANAGER_PLUGIN = $null } {
                $thrown = { Invoke-EcsCommandX -Cluster prod -Task $TaskId -Command /bin/sh -Region us-east-1 -EndpointUrl $recorder.Url } | Should -Throw -PassThru
                $thrown.FullyQualifiedErrorId | Should -Be 'SessionManagerPluginNotFound,EcsPS.Ecs.Tasks.InvokeEcsCommandX'
                $thrown.Exception.Message | Should -Match 'not on PATH'
                $thrown.ErrorDetails.RecommendedAction | Should -Match ([regex]::Escape('https://docs.aws.amazon.com/systems-manager/latest/userguide/session-manager-working-with-install-plugin.html'))
            }
            $recorder.Count | Should -Be 0
        } finally {
            $recorder.Dispose()
            Remove-Item $empty -Force -Recurse
        }
    }

    It 'finds the plugin on PATH' {
        $plugin = New-StandInPlugin
        $fake = New-ExecFake
        try {
            Invoke-WithEnvironment @{ PATH = "$($plugin.Directory)$([IO.Path]::PathSeparator)$env:PATH"; ECSPS_SESSION_MANAGER_PLUGIN = $null } {
                Invoke-EcsCommandX -Task $Answers::TaskArn -Command /bin/sh -Region us-east-1 -EndpointUrl $fake.Url
            }
            (Get-PluginArgument $plugin)[4] | Should -BeExactly $Target
            ($fake.RequestsFor('DescribeTasks')[0].Body | ConvertFrom-Json).cluster | Should -Be 'prod'
        } finally { $fake.Dispose() }
    }

    It 'checks the task first: <Case> sends no ExecuteCommand' -ForEach @(
        @{ Case = 'several containers and no -Container'; ErrorId = 'ContainerNameRequired'; Message = 'has 2 containers (web, log-router)'; Containers = @('web', 'log-router'); Exec = $true }
        @{ Case = 'ECS Exec off'; ErrorId = 'ExecuteCommandNotEnabled'; Message = 'was started without ECS Exec'; Containers = @('web'); Exec = $false }
    ) {
        $plugin = New-StandInPlugin
        $fake = New-ExecFake -Described $Answers::DescribedTask('RUNNING', $Exec, [string[]]$Containers)
        try {
            $run = Invoke-Captured { Invoke-EcsCommandX -Cluster prod -Task $TaskId -Command /bin/sh -Region us-east-1 -EndpointUrl $fake.Url }
            $run.Errors.Count | Should -Be 1
            $run.Errors[0].FullyQualifiedErrorId | Should -Be "$ErrorId,EcsPS.Ecs.Tasks.InvokeEcsCommandX"
            $run.Errors[0].Exception.Message | Should -BeLike "*$Message*"
            $fake.Operations | Should -Be @('DescribeTasks')
            Test-Path (Join-Path $plugin.Directory 'arg1') | Should -BeFalse
        } finally { $fake.Dispose() }
    }

    It 'with -WhatIf says what would run and opens no session' {
        $plugin = New-StandInPlugin
        $fake = New-ExecFake
        try {
            $lines = Get-WhatIfLine { Invoke-EcsCommandX -Cluster prod -Task $TaskId -Command /bin/sh -WhatIf -Region us-east-1 -EndpointUrl $fake.Url }
            $lines | Should -Be @("What if: Performing the operation ""Run '/bin/sh' in an ECS Exec session ($($plugin.Path))"" on target ""container web of task $TaskId (cluster prod)"".")
            $fake.Operations | Should -Be @('DescribeTasks')
            Test-Path (Join-Path $plugin.Directory 'arg1') | Should -BeFalse
        } finally { $fake.Dispose() }
    }

    It 'completes -Container from the -Task on the command line' {
        $null = New-StandInPlugin
        $fake = New-ExecFake -Described $Answers::DescribedTask('RUNNING', $true, [string[]]@('web', 'log-router'))
        try {
            $line = "Invoke-EcsCommandX -Region us-east-1 -EndpointUrl $($fake.Url) -Cluster prod -Task $TaskId -Container l"
            (TabExpansion2 -inputScript $line -cursorColumn $line.Length).CompletionMatches.CompletionText | Should -Be @('log-router')
        } finally { $fake.Dispose() }
    }
}
