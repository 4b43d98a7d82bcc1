# Helpers for TaskDefinition.Tests.ps1: the AWS CLI as the reference client, JSON compared by
# content, What-if lines read back from a transcript, errors captured whatever their kind, and a
# look at moto's state that does not go through the module under test.
Set-StrictMode -Version Latest

$script:RepoRoot = (Resolve-Path (Join-Path $PSScriptRoot '../..')).Path

function Start-SecondMoto {
    <# A moto_server of its own (tools/LocalAws.psm1) for the AWS CLI side of the parity tests. #>
    [CmdletBinding()]
    param()
    # No -Force: TestHelpers.psm1 may hold this module already, and a forced reload would pull it
    # from under it.
    Import-Module (Join-Path $script:RepoRoot 'tools/LocalAws.psm1')
    Start-LocalAws -LogPath (Join-Path ([IO.Path]::GetTempPath()) ("ecsps-td-cli-moto-" + [guid]::NewGuid().ToString('N') + '.log'))
}

function Stop-SecondMoto {
    [CmdletBinding()]
    param($Server)
    if ($Server) {
        Stop-LocalAws $Server
        Remove-Item $Server.LogPath -ErrorAction Ignore
    }
}

function Invoke-AwsCli {
    <#
    .SYNOPSIS
    Runs 'aws <arguments> --endpoint-url <endpoint> --region us-east-1 --output json' and returns its
    standard output as text; throws with the CLI's standard error when it exits non-zero.
    .DESCRIPTION
    The CLI reads the dummy credentials and empty config files that Initialize-EcsTestEnvironment
    put in the environment, so it talks to nothing but the loopback endpoint given.
    #>
    [CmdletBinding()]
    param(
        [Parameter(Mandatory)] [string] $Endpoint,
        [Parameter(Mandatory)] [string[]] $Arguments
    )
    $aws = Get-Command aws -CommandType Application -ErrorAction Ignore | Select-Object -First 1
    if (-not $aws) { throw 'The AWS CLI (aws) is not on PATH; the parity tests compare the module with it.' }
    $info = [System.Diagnostics.ProcessStartInfo]::new($aws.Source)
    foreach ($a in $Arguments) { $info.ArgumentList.Add($a) }
    foreach ($a in @('--endpoint-url', $Endpoint, '--region', 'us-east-1', '--output', 'json')) { $info.ArgumentList.Add($a) }
    $info.UseShellExecute = $false
    $info.RedirectStandardOutput = $true
    $info.RedirectStandardError = $true
    $info.Environment['AWS_ACCESS_KEY_ID'] = 'AKIAECSPSTESTDUMMY00'
    $info.Environment['AWS_SECRET_ACCESS_KEY'] = 'ecsps-test-dummy-secret'
    $info.Environment['AWS_PAGER'] = ''
    $info.Environment.Remove('AWS_PROFILE') | Out-Null
    $info.Environment.Remove('AWS_ENDPOINT_URL') | Out-Null
    $info.Environment.Remove('AWS_ENDPOINT_URL_ECS') | Out-Null
    $process = [System.Diagnostics.Process]::Start($info)
    try {
        $stdout = $process.StandardOutput.ReadToEndAsync()
        $stderr = $process.StandardError.ReadToEndAsync()
        if (-not $process.WaitForExit(120000)) { $process.Kill($true); throw "aws $($Arguments -join ' ') did not finish within 120 s." }
        $process.WaitForExit()
        if ($process.ExitCode -ne 0) {
            throw "aws $($Arguments -join ' ') failed with exit code $($process.ExitCode): $($stderr.Result)"
        }
        $stdout.Result
    } finally { $process.Dispose() }
}

function ConvertTo-CanonicalJson {
    <#
    .SYNOPSIS
    JSON text with every object's members sorted by name and no whitespace: two documents with
    the same content give the same string whatever their member order and layout. Array order
    is kept (it is content). Members named in -Drop are removed wherever they occur at the top
    level of an object reached through -DropUnder (e.g. taskDefinition).
    #>
    [CmdletBinding()]
    param(
        [Parameter(Mandatory, ValueFromPipeline)] [string] $Json,
        [string[]] $Drop = @(),
        [string] $DropUnder
    )
    process {
        $node = [System.Text.Json.Nodes.JsonNode]::Parse($Json)
        if ($Drop.Count -gt 0) {
            # Plain assignments: a JsonObject written to the pipeline would be enumerated.
            $target = $node
            if ($DropUnder) { $target = $node[$DropUnder] }
            if ($null -eq $target) { throw "The JSON has no member '$DropUnder'." }
            foreach ($name in $Drop) { $null = $target.AsObject().Remove($name) }
        }
        (Get-SortedNode $node).ToJsonString()
    }
}

function Get-SortedNode($Node) {
    if ($Node -is [System.Text.Json.Nodes.JsonObject]) {
        $sorted = [System.Text.Json.Nodes.JsonObject]::new()
        foreach ($name in @($Node | ForEach-Object Key | Sort-Object -CaseSensitive)) {
            $child = $Node[$name]
            $sorted[$name] = if ($null -eq $child) { $null } else { Get-SortedNode $child }
        }
        return , $sorted
    }
    if ($Node -is [System.Text.Json.Nodes.JsonArray]) {
        $array = [System.Text.Json.Nodes.JsonArray]::new()
        foreach ($item in @($Node)) { $array.Add($(if ($null -eq $item) { $null } else { Get-SortedNode $item })) }
        return , $array
    }
    , $Node.DeepClone()
}

function Get-WhatIfLine {
    <#
    .SYNOPSIS
    The "What if:" lines a script block writes. PowerShell sends them to the host, not to a
    stream, so they are read back from a transcript of the run.
    #>
    [CmdletBinding()]
    param([Parameter(Mandatory)] [scriptblock] $ScriptBlock)
    $path = Join-Path ([IO.Path]::GetTempPath()) ("ecsps-whatif-" + [guid]::NewGuid().ToString('N') + '.txt')
    $null = Start-Transcript -Path $path -Force
    try {
        $null = & $ScriptBlock
    } finally {
        $null = Stop-Transcript
    }
    try {
        @(Get-Content $path | ForEach-Object { $_ -replace "`e\[[0-9;?]*[A-Za-z]", '' } | Where-Object { $_ -match '^What if: ' })
    } finally { Remove-Item $path -ErrorAction Ignore }
}

function Get-MotoTaskDefinitionArn {
    <#
    .SYNOPSIS
    The task definition ARNs moto holds, read straight from moto (ListTaskDefinitions), not
    through the module under test. moto does not check signatures by default; it only needs the
    credential scope to route the request to ECS.
    #>
    [CmdletBinding()]
    param(
        [Parameter(Mandatory)] [string] $Endpoint,
        [string] $Family,
        [ValidateSet('ACTIVE', 'INACTIVE')] [string] $Status = 'ACTIVE'
    )
    $body = @{ status = $Status }
    if ($Family) { $body.familyPrefix = $Family }
    $date = [DateTime]::UtcNow.ToString('yyyyMMdd')
    $headers = @{
        'X-Amz-Target' = 'AmazonEC2ContainerServiceV20141113.ListTaskDefinitions'
        'Authorization' = "AWS4-HMAC-SHA256 Credential=AKIAECSPSTESTDUMMY00/$date/us-east-1/ecs/aws4_request, SignedHeaders=host, Signature=0"
    }
    $answer = Invoke-RestMethod -Method Post -Uri "$Endpoint/" -Headers $headers -ContentType 'application/x-amz-json-1.1' -Body ($body | ConvertTo-Json -Compress)
    @($answer.taskDefinitionArns)
}

function Test-BotocoreRequest {
    <#
    .SYNOPSIS
    Validates request bodies against botocore's current model of the service (its own
    ParamValidator: unknown and missing members, types, minimums) and returns one line per
    problem, prefixed with the operation; nothing when every body is valid.
    #>
    [CmdletBinding()]
    param(
        # Objects with Operation and Body (RecordedRequest from Start-RequestRecorder).
        [Parameter(Mandatory)] [object[]] $Request,
        [string] $Service = 'ecs'
    )
    $script = @'
import sys, json, botocore.session
from botocore.validate import ParamValidator
model = botocore.session.get_session().get_service_model(sys.argv[1])
problems = []
for item in json.load(sys.stdin):
    op = model.operation_model(item['operation'])
    report = ParamValidator().validate(json.loads(item['body'] or '{}'), op.input_shape)
    if report.has_errors():
        problems.append(item['operation'] + ': ' + ' | '.join(report.generate_report().splitlines()))
print(json.dumps({'botocore': __import__('botocore').__version__, 'problems': problems}))
'@
    $payload = ConvertTo-Json -Depth 3 -Compress -InputObject @($Request | ForEach-Object { @{ operation = $_.Operation; body = $_.Body } })
    $python = if ($env:ECSPS_PYTHON) { $env:ECSPS_PYTHON } else { 'python3' }
    $output = $payload | & $python -c $script $Service
    if ($LASTEXITCODE -ne 0) { throw "$python could not run botocore's validator (exit code $LASTEXITCODE). Install botocore: python3 -m pip install botocore" }
    $answer = $output | ConvertFrom-Json
    @($answer.problems)
}

function New-TaskDefinitionFile {
    <#
    .SYNOPSIS
    Writes JSON text to a new temporary .json file (UTF-8, no BOM) and returns its path.
    '__FAMILY__' in the text becomes -Family.
    #>
    [CmdletBinding()]
    param(
        [Parameter(Mandatory)] [AllowEmptyString()] [string] $Json,
        [string] $Family,
        [string] $Directory = [IO.Path]::GetTempPath()
    )
    if ($Family) { $Json = $Json.Replace('__FAMILY__', $Family) }
    $path = Join-Path $Directory ("ecsps-td-" + [guid]::NewGuid().ToString('N') + '.json')
    [IO.File]::WriteAllText($path, $Json, [System.Text.UTF8Encoding]::new($false))
    $path
}

function Copy-FixtureWithFamily {
    <#
    .SYNOPSIS
    A temporary copy of a fixture whose top-level family is replaced (text only, layout kept),
    so every test registers under a name no other test uses.
    #>
    [CmdletBinding()]
    param(
        [Parameter(Mandatory)] [string] $Fixture,
        [Parameter(Mandatory)] [string] $Family,
        [string] $Directory = [IO.Path]::GetTempPath()
    )
    $text = Get-Content -Raw -Path (Join-Path $PSScriptRoot "fixtures/$Fixture")
    $count = ([regex]::Matches($text, '"family"\s*:')).Count
    if ($count -ne 1) { throw "The fixture $Fixture must have exactly one ""family"" member (found $count)." }
    $text = [regex]::Replace($text, '"family"\s*:\s*"[^"]*"', '"family": "' + $Family + '"')
    New-TaskDefinitionFile -Json $text -Directory $Directory
}

function Get-TextPosition {
    <#
    .SYNOPSIS
    The 1-based line and character column of the first occurrence of -Find in -Text, moved
    -Offset characters on (an offset of -1 with no -Find means just past the last character).
    #>
    param([Parameter(Mandatory)] [string] $Text, [string] $Find, [int] $Offset = 0)
    $index = if ($Find) { $Text.IndexOf($Find, [StringComparison]::Ordinal) } else { $Text.Length }
    if ($index -lt 0) { throw "'$Find' does not occur in the text." }
    $index += $Offset
    $before = $Text.Substring(0, $index)
    $line = $before.Split("`n").Count
    $lineStart = $before.LastIndexOf("`n") + 1
    [pscustomobject]@{ Line = $line; Column = $index - $lineStart + 1 }
}

Export-ModuleMember -Function Start-SecondMoto, Stop-SecondMoto, Invoke-AwsCli, ConvertTo-CanonicalJson,
    Get-WhatIfLine, Get-MotoTaskDefinitionArn, Test-BotocoreRequest, New-TaskDefinitionFile, Copy-FixtureWithFamily, Get-TextPosition
