# Starts and stops moto_server, the local AWS stand-in used by the tests and the demo.
Set-StrictMode -Version Latest

function Get-FreeTcpPort {
    $listener = [System.Net.Sockets.TcpListener]::new([System.Net.IPAddress]::Loopback, 0)
    $listener.Start()
    try { $listener.LocalEndpoint.Port } finally { $listener.Stop() }
}

function Start-LocalAws {
    <#
    .SYNOPSIS
    Starts moto_server on a free 127.0.0.1 port and waits until it answers.
    #>
    [CmdletBinding()]
    param([string] $LogPath)

    $moto = Get-Command moto_server -CommandType Application -ErrorAction Ignore | Select-Object -First 1
    if (-not $moto) {
        throw ("moto_server was not found on PATH. EcsPS's tests and demo run against moto, a local AWS stand-in. " +
            "Install it with:  python3 -m pip install 'moto[server]'  (then make sure its scripts folder is on PATH).")
    }
    $port = Get-FreeTcpPort
    if (-not $LogPath) { $LogPath = Join-Path ([IO.Path]::GetTempPath()) "ecsps-moto-$port.log" }
    $info = [System.Diagnostics.ProcessStartInfo]::new($moto.Source)
    foreach ($a in @('-H', '127.0.0.1', '-p', "$port")) { $info.ArgumentList.Add($a) }
    $info.UseShellExecute = $false
    $info.RedirectStandardOutput = $true
    $info.RedirectStandardError = $true
    $process = [System.Diagnostics.Process]::new()
    $process.StartInfo = $info
    $log = [System.IO.StreamWriter]::new($LogPath, $false)
    $log.AutoFlush = $true
    $handler = { if ($null -ne $EventArgs.Data) { $Event.MessageData.WriteLine($EventArgs.Data) } }
    $null = Register-ObjectEvent -InputObject $process -EventName OutputDataReceived -Action $handler -MessageData $log
    $null = Register-ObjectEvent -InputObject $process -EventName ErrorDataReceived -Action $handler -MessageData $log
    $null = $process.Start()
    $process.BeginOutputReadLine()
    $process.BeginErrorReadLine()

    $url = "http://127.0.0.1:$port"
    $deadline = [DateTime]::UtcNow.AddSeconds(30)
    $http = [System.Net.Http.HttpClient]::new()
    $http.Timeout = [TimeSpan]::FromSeconds(2)
    try {
        while ($true) {
            if ($process.HasExited) { throw "moto_server exited at start (code $($process.ExitCode)); see $LogPath" }
            try {
                $answer = $http.GetAsync("$url/moto-api/").GetAwaiter().GetResult()
                if ([int]$answer.StatusCode -lt 500) { break }
            } catch { }
            if ([DateTime]::UtcNow -gt $deadline) {
                $process.Kill($true)
                throw "moto_server did not answer on $url within 30 seconds; see $LogPath"
            }
            Start-Sleep -Milliseconds 100
        }
    } finally { $http.Dispose() }

    [pscustomobject]@{ Url = $url; Port = $port; Process = $process; LogPath = $LogPath; Log = $log }
}

function Stop-LocalAws {
    [CmdletBinding()]
    param([Parameter(Mandatory)] $Server)
    if ($Server.Process -and -not $Server.Process.HasExited) {
        $Server.Process.Kill($true)
        $null = $Server.Process.WaitForExit(10000)
    }
    Get-EventSubscriber | Where-Object SourceObject -eq $Server.Process | Unregister-Event -ErrorAction Ignore
    if ($Server.Log) { $Server.Log.Dispose() }
}

function Reset-LocalAws {
    [CmdletBinding()]
    param([Parameter(Mandatory)] [string] $Url)
    $null = Invoke-RestMethod -Method Post -Uri "$Url/moto-api/reset"
}

function Get-LocalAwsNetwork {
    <#
    .SYNOPSIS
    The default VPC's subnets and security group in moto, for awsvpc services and tasks.
    .DESCRIPTION
    moto routes requests by the credential scope in the Authorization header and, by default,
    does not check signatures, so a scoped header is enough for these two read-only EC2 calls.
    (Against real AWS, pass your own subnets and security groups instead.)
    #>
    [CmdletBinding()]
    param([Parameter(Mandatory)] [string] $Url, [string] $Region = 'us-east-1')
    $date = [DateTime]::UtcNow.ToString('yyyyMMdd')
    $headers = @{ Authorization = "AWS4-HMAC-SHA256 Credential=AKIDLOCAL/$date/$Region/ec2/aws4_request, SignedHeaders=host, Signature=0" }
    $subnets = Invoke-RestMethod -Method Post -Uri $Url -Headers $headers -Body @{ Action = 'DescribeSubnets'; Version = '2016-11-15' }
    $groups = Invoke-RestMethod -Method Post -Uri $Url -Headers $headers -Body @{ Action = 'DescribeSecurityGroups'; Version = '2016-11-15' }
    [pscustomobject]@{
        SubnetIds       = @($subnets.SelectNodes("//*[local-name()='subnetSet']/*[local-name()='item']/*[local-name()='subnetId']") | ForEach-Object InnerText)
        SecurityGroupId = @($groups.SelectNodes("//*[local-name()='securityGroupInfo']/*[local-name()='item']/*[local-name()='groupId']") | ForEach-Object InnerText)[0]
    }
}

Export-ModuleMember -Function Get-FreeTcpPort, Start-LocalAws, Stop-LocalAws, Reset-LocalAws, Get-LocalAwsNetwork
