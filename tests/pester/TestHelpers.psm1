# Shared plumbing for the Pester suite: the module under test, a moto_server to run against,
# an isolated AWS environment, and a loopback request recorder that proves what was (not) sent.
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
    'AWS_WEB_IDENTITY_TOKEN_FILE', 'AWS_CONTAINER_CREDENTIALS_RELATIVE_URI', 'AWS_CONTAINER_CREDENTIALS_FULL_URI'
)

if (-not ('EcsPSTests.RequestRecorder' -as [type])) {
    Add-Type -TypeDefinition @'
using System;
using System.Collections.Concurrent;
using System.Collections.Generic;
using System.IO;
using System.Linq;
using System.Net;
using System.Net.Http;
using System.Net.Sockets;
using System.Text;
using System.Threading;
using System.Threading.Tasks;

namespace EcsPSTests
{
    public sealed class RecordedRequest
    {
        public string Method { get; set; }
        public string Path { get; set; }
        /// <summary>The operation from X-Amz-Target without its prefix, e.g. DescribeClusters.</summary>
        public string Operation { get; set; }
        public string Body { get; set; }
        public Dictionary<string, string> Headers { get; set; }
    }

    /// <summary>
    /// An HTTP listener on 127.0.0.1 that records every request it gets. With a forward URL it
    /// passes each request on (to moto) and relays the answer; without one it answers 500, so a
    /// request that should never have been sent both shows up here and fails loudly.
    /// </summary>
    public sealed class RequestRecorder : IDisposable
    {
        private readonly HttpListener _listener;
        private readonly string _forward;
        private readonly HttpClient _http;
        private readonly ConcurrentQueue<RecordedRequest> _requests = new ConcurrentQueue<RecordedRequest>();
        private readonly CancellationTokenSource _stop = new CancellationTokenSource();
        private readonly Task _loop;

        public RequestRecorder(string forwardTo)
        {
            _forward = string.IsNullOrEmpty(forwardTo) ? null : forwardTo.TrimEnd('/');
            _http = new HttpClient(new HttpClientHandler { UseProxy = false, AllowAutoRedirect = false });
            Exception last = null;
            for (var attempt = 0; attempt < 10; attempt++)
            {
                var port = FreePort();
                var listener = new HttpListener();
                listener.Prefixes.Add("http://127.0.0.1:" + port + "/");
                try
                {
                    listener.Start();
                    _listener = listener;
                    Url = "http://127.0.0.1:" + port;
                    break;
                }
                catch (HttpListenerException ex) { last = ex; listener.Close(); }
            }
            if (_listener == null) throw new InvalidOperationException("No free loopback port for the request recorder.", last);
            _loop = Task.Run(Loop);
        }

        public string Url { get; }
        public RecordedRequest[] Requests => _requests.ToArray();
        public int Count => _requests.Count;
        public string[] Operations => _requests.Select(r => r.Operation).ToArray();
        public void Clear() { while (_requests.TryDequeue(out _)) { } }

        private static int FreePort()
        {
            var l = new TcpListener(IPAddress.Loopback, 0);
            l.Start();
            try { return ((IPEndPoint)l.LocalEndpoint).Port; } finally { l.Stop(); }
        }

        private async Task Loop()
        {
            while (!_stop.IsCancellationRequested)
            {
                HttpListenerContext context;
                try { context = await _listener.GetContextAsync().ConfigureAwait(false); }
                catch (Exception) { if (_stop.IsCancellationRequested) return; continue; }
                _ = Task.Run(() => Handle(context));
            }
        }

        private async Task Handle(HttpListenerContext context)
        {
            var request = context.Request;
            var response = context.Response;
            try
            {
                byte[] body;
                using (var buffer = new MemoryStream())
                {
                    await request.InputStream.CopyToAsync(buffer).ConfigureAwait(false);
                    body = buffer.ToArray();
                }
                var headers = new Dictionary<string, string>(StringComparer.OrdinalIgnoreCase);
                foreach (string name in request.Headers.AllKeys) headers[name] = request.Headers[name];
                var target = request.Headers["X-Amz-Target"];
                _requests.Enqueue(new RecordedRequest
                {
                    Method = request.HttpMethod,
                    Path = request.RawUrl,
                    Operation = target == null ? null : target.Substring(target.LastIndexOf('.') + 1),
                    Body = Encoding.UTF8.GetString(body),
                    Headers = headers,
                });

                if (_forward == null)
                {
                    var refusal = Encoding.UTF8.GetBytes("{\"__type\":\"RecorderRefused\",\"message\":\"The request recorder forwards nothing.\"}");
                    response.StatusCode = 500;
                    response.ContentType = "application/x-amz-json-1.1";
                    await response.OutputStream.WriteAsync(refusal, 0, refusal.Length).ConfigureAwait(false);
                    return;
                }

                using (var forward = new HttpRequestMessage(new HttpMethod(request.HttpMethod), _forward + request.RawUrl))
                {
                    forward.Content = new ByteArrayContent(body);
                    foreach (string name in request.Headers.AllKeys)
                    {
                        if (string.Equals(name, "Host", StringComparison.OrdinalIgnoreCase)
                            || string.Equals(name, "Content-Length", StringComparison.OrdinalIgnoreCase)
                            || string.Equals(name, "Connection", StringComparison.OrdinalIgnoreCase)
                            || string.Equals(name, "Expect", StringComparison.OrdinalIgnoreCase)
                            || string.Equals(name, "Transfer-Encoding", StringComparison.OrdinalIgnoreCase)) continue;
                        if (!forward.Headers.TryAddWithoutValidation(name, request.Headers[name]))
                            forward.Content.Headers.TryAddWithoutValidation(name, request.Headers[name]);
                    }
                    using (var answer = await _http.SendAsync(forward).ConfigureAwait(false))
                    {
                        var bytes = await answer.Content.ReadAsByteArrayAsync().ConfigureAwait(false);
                        response.StatusCode = (int)answer.StatusCode;
                        foreach (var h in answer.Headers.Concat(answer.Content.Headers))
                        {
                            if (string.Equals(h.Key, "Content-Length", StringComparison.OrdinalIgnoreCase)
                                || string.Equals(h.Key, "Transfer-Encoding", StringComparison.OrdinalIgnoreCase)
                                || string.Equals(h.Key, "Connection", StringComparison.OrdinalIgnoreCase)
                                || string.Equals(h.Key, "Server", StringComparison.OrdinalIgnoreCase)
                                || string.Equals(h.Key, "Date", StringComparison.OrdinalIgnoreCase)) continue;
                            response.Headers[h.Key] = string.Join(",", h.Value);
                        }
                        response.ContentLength64 = bytes.Length;
                        await response.OutputStream.WriteAsync(bytes, 0, bytes.Length).ConfigureAwait(false);
                    }
                }
            }
            catch (Exception ex)
            {
                try
                {
                    var text = Encoding.UTF8.GetBytes("{\"__type\":\"RecorderFailure\",\"message\":\"" + ex.GetType().Name + "\"}");
                    response.StatusCode = 502;
                    await response.OutputStream.WriteAsync(text, 0, text.Length).ConfigureAwait(false);
                }
                catch (Exception) { }
            }
            finally
            {
                try { response.Close(); } catch (Exception) { }
            }
        }

        public void Dispose()
        {
            _stop.Cancel();
            try { _listener.Stop(); _listener.Close(); } catch (Exception) { }
            try { _loop.Wait(TimeSpan.FromSeconds(5)); } catch (Exception) { }
            _http.Dispose();
        }
    }
}
'@
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
    #>
    [CmdletBinding()]
    param([string] $ForwardTo)
    [EcsPSTests.RequestRecorder]::new($ForwardTo)
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

function Remove-Ansi {
    param([Parameter(ValueFromPipeline)] [string] $Text)
    process { $Text -replace "`e\[[0-9;?]*[A-Za-z]", '' }
}

Export-ModuleMember -Function Get-EcsTestModulePath, Set-EnvironmentValue, Initialize-EcsTestEnvironment, Clear-EcsTestEnvironment,
    New-EmptyTempFile, Reset-EcsTestState, New-TestName, Start-RequestRecorder, Invoke-WithEnvironment, Remove-Ansi
