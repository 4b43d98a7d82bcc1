# Get-EcsMetricX, run from the published module. Against moto_server on 127.0.0.1: datapoints put
# with PutMetricData (as ECS would publish them) are read back through a recorder that forwards to
# moto and checks each request against botocore's CloudWatch model. What moto does not show
# (gaps between datapoints, a paged answer, a Forbidden series) runs against the scripted fake.

BeforeAll {
    Import-Module (Join-Path $PSScriptRoot 'TestHelpers.psm1') -Force
    Import-Module (Join-Path $PSScriptRoot 'ServiceHelpers.psm1') -Force
    $Endpoint = Initialize-EcsTestEnvironment
    $Aws = @{ Region = 'us-east-1'; EndpointUrl = $Endpoint }
    Reset-EcsTestState -Endpoint $Endpoint
    $Forward = Start-RequestRecorder -ForwardTo $Endpoint
    $Via = @{ Region = 'us-east-1'; EndpointUrl = $Forward.Url }
    $SeriesType = 'EcsPS.Engine.Ecs.Metrics.EcsMetricSeries'

    # PutMetricData straight to moto, in the JSON 1.0 CloudWatch speaks.
    function Send-MotoMetric([string] $Namespace = 'AWS/ECS', [string] $Metric, [hashtable] $Dimensions, [object[]] $Points) {
        $date = [DateTime]::UtcNow.ToString('yyyyMMdd')
        $headers = @{
            'X-Amz-Target'  = 'GraniteServiceVersion20100801.PutMetricData'
            'Authorization' = "AWS4-HMAC-SHA256 Credential=AKIAECSPSTESTDUMMY00/$date/us-east-1/monitoring/aws4_request, SignedHeaders=host, Signature=0"
        }
        $data = @(foreach ($p in $Points) {
                @{ MetricName = $Metric; Value = $p.Value; Timestamp = $p.Time.ToUnixTimeSeconds()
                    Dimensions = @($Dimensions.GetEnumerator() | Sort-Object Key | ForEach-Object { @{ Name = $_.Key; Value = $_.Value } }) }
            })
        $response = Invoke-WebRequest -Method Post -Uri "$Endpoint/" -Headers $headers -ContentType 'application/x-amz-json-1.0' `
            -Body (@{ Namespace = $Namespace; MetricData = $data } | ConvertTo-Json -Depth 10 -Compress) -SkipHttpErrorCheck
        if ([int]$response.StatusCode -ge 400) { throw "moto answered PutMetricData with HTTP $([int]$response.StatusCode): $($response.Content)" }
    }
    function Assert-FitsCloudWatchModel($Requests) {
        @($Requests).Count | Should -BeGreaterThan 0
        foreach ($request in @($Requests)) {
            $request.Target | Should -Be "GraniteServiceVersion20100801.$($request.Operation)"
            $request.Service | Should -Be 'monitoring'
            $problems = @(Test-EcsRequestShape -Service cloudwatch -Operation $request.Operation -Body $request.Body)
            $problems | Should -BeNullOrEmpty -Because "the $($request.Operation) request must fit botocore's CloudWatch model ($($request.Body))"
        }
    }
    function ConvertTo-Body($Value) { $Value | ConvertTo-Json -Depth 20 -Compress }

    # Five-minute datapoints of the last half hour, aligned as CloudWatch aligns them.
    $Step = 300
    $Aligned = [DateTimeOffset]::FromUnixTimeSeconds([long]([math]::Floor([DateTimeOffset]::UtcNow.ToUnixTimeSeconds() / $Step) * $Step))
    function Get-Points([double[]] $Values) {
        $n = $Values.Count
        for ($i = 0; $i -lt $n; $i++) { @{ Time = $Aligned.AddSeconds(- ($n - $i) * $Step); Value = $Values[$i] } }
    }

    $Cluster = New-TestName 'metrics'
    $null = New-EcsClusterX $Cluster @Aws
    $Td = Register-EcsTaskDefinitionX -Family (New-TestName 'mweb') -ContainerDefinition @{ name = 'web'; image = 'public.ecr.aws/nginx/nginx:1.27'; memory = 128 } @Aws
    $Web = New-TestName 'web'
    $Api = New-TestName 'api'
    foreach ($name in $Web, $Api) { $null = New-EcsServiceX $name $Td.FamilyRevision -Cluster $Cluster -LaunchType EC2 -DesiredCount 0 @Aws }
    Send-MotoMetric -Metric CPUUtilization -Dimensions @{ ClusterName = $Cluster; ServiceName = $Web } -Points @(Get-Points 10, 20, 40, 80)
    Send-MotoMetric -Metric MemoryUtilization -Dimensions @{ ClusterName = $Cluster; ServiceName = $Web } -Points @(Get-Points 55, 55, 55, 55)
    Send-MotoMetric -Metric CPUUtilization -Dimensions @{ ClusterName = $Cluster; ServiceName = $Api } -Points @(Get-Points 5, 7)
    Send-MotoMetric -Metric CPUReservation -Dimensions @{ ClusterName = $Cluster } -Points @(Get-Points 25, 50)
}

AfterAll {
    if ($Forward) { $Forward.Dispose() }
    Clear-EcsTestEnvironment
}

Describe 'Get-EcsMetricX against moto' {
    BeforeEach { $Forward.Clear() }

    It 'reads CPU and memory of every service piped in from one GetMetricData request, in the order piped' {
        $run = Invoke-Captured { Get-EcsServiceX -Cluster $Cluster -ServiceName $Web, $Api @Aws | Get-EcsMetricX -Since 1h -Verbose @Via 4>&1 }
        $series = @($run.Output | Where-Object { $_ -isnot [System.Management.Automation.VerboseRecord] })
        $verbose = @($run.Output | Where-Object { $_ -is [System.Management.Automation.VerboseRecord] }).Message

        $run.Errors | Should -BeNullOrEmpty
        $series.Count | Should -Be 4
        $series[0].PSObject.TypeNames[0] | Should -Be $SeriesType
        @($series | ForEach-Object { "$($_.ServiceName)/$($_.Metric)" }) | Should -Be @("$Web/CPUUtilization", "$Web/MemoryUtilization", "$Api/CPUUtilization", "$Api/MemoryUtilization")
        $cpu = $series[0]
        $cpu.ClusterName | Should -Be $Cluster
        $cpu.Namespace | Should -Be 'AWS/ECS'
        $cpu.Statistic | Should -Be 'Average'
        $cpu.Period | Should -Be ([TimeSpan]::FromMinutes(5))
        $cpu.Values | Should -Be @(10, 20, 40, 80)
        $cpu.Timestamps[0].ToUniversalTime() | Should -Be $Aligned.AddSeconds(-4 * $Step).UtcDateTime
        $cpu.Latest | Should -Be 80
        $cpu.Maximum | Should -Be 80
        $cpu.Minimum | Should -Be 10
        $cpu.Average | Should -Be 37.5
        $cpu.Unit | Should -Be 'Percent'
        $cpu.Region | Should -Be 'us-east-1'
        # One character per 5 minutes of the hour; the last four periods hold the datapoints.
        $cpu.Sparkline.TrimEnd() | Should -Match '▁▂▄█$'
        $cpu.Sparkline.Length | Should -BeIn 12, 13
        $series[1].Sparkline.Trim() | Should -Be '▄▄▄▄'
        # No datapoints is an empty series, not an error, and -Verbose says so.
        @($series[3].Values) | Should -BeNullOrEmpty
        $series[3].Latest | Should -BeNullOrEmpty
        $verbose | Should -Contain "${Api}: MemoryUtilization has no datapoint from $($series[3].Since.ToString('yyyy-MM-dd HH:mm')) to $($series[3].Until.ToString('yyyy-MM-dd HH:mm'))."
        $verbose | Should -Contain 'Read 4 series (2 metric(s) x 1 statistic(s) of 2 target(s)) in 1 GetMetricData request(s).'

        @($Forward.Operations) | Should -Be @('GetMetricData')
        $body = $Forward.Requests[0].Body | ConvertFrom-Json
        @($body.MetricDataQueries).Count | Should -Be 4
        @($body.MetricDataQueries[0].MetricStat.Metric.Dimensions | ForEach-Object { "$($_.Name)=$($_.Value)" }) | Should -Be @("ClusterName=$Cluster", "ServiceName=$Web")
        $body.MetricDataQueries[0].MetricStat.Period | Should -Be 300
        $body.MetricDataQueries[0].MetricStat.Stat | Should -Be 'Average'
        Assert-FitsCloudWatchModel $Forward.Requests
    }

    It 'reads a cluster''s own metrics for a cluster piped in, with several statistics' {
        $series = @(Get-EcsClusterX $Cluster @Aws | Get-EcsMetricX -Metric CPUReservation -Statistic Maximum, SampleCount -Since 2h -Period 5m @Via)

        $series.Count | Should -Be 2
        $series.Name | Should -Be @($Cluster, $Cluster)
        $series[0].ServiceName | Should -BeNullOrEmpty
        $series.Statistic | Should -Be @('Maximum', 'SampleCount')
        $series[0].Values | Should -Be @(25, 50)
        $series[1].Unit | Should -Be 'Count'
        $query = ($Forward.Requests[0].Body | ConvertFrom-Json).MetricDataQueries[0]
        @($query.MetricStat.Metric.Dimensions.Name) | Should -Be @('ClusterName')
        Assert-FitsCloudWatchModel $Forward.Requests
    }

    It 'asks Container Insights in its namespace with its metric names' {
        $series = @(Get-EcsMetricX -Cluster $Cluster -ServiceName $Web -Namespace ContainerInsights -Metric runningtaskcount -Statistic p90 @Via)

        $series.Metric | Should -Be 'RunningTaskCount'
        $series.Namespace | Should -Be 'ECS/ContainerInsights'
        $series.Statistic | Should -Be 'p90'
        $metric = ($Forward.Requests[0].Body | ConvertFrom-Json).MetricDataQueries[0].MetricStat
        $metric.Metric.Namespace | Should -Be 'ECS/ContainerInsights'
        $metric.Stat | Should -Be 'p90'
        Assert-FitsCloudWatchModel $Forward.Requests
    }

    It 'sorts as the help says and shows a table of properties within 120 columns, percentages with %' {
        $hottest = @(Get-EcsServiceX -Cluster $Cluster @Aws | Get-EcsMetricX -Metric CPUUtilization -Since 6h @Via | Sort-Object Maximum -Descending | Select-Object -First 1)
        $hottest[0].ServiceName | Should -Be $Web

        $series = @(Get-EcsMetricX -Cluster $Cluster -ServiceName $Web -Since 3h @Via)
        $lines = @(($series | Format-Table | Out-String -Width 120) -split "`r?`n" | Where-Object { $_.Trim() })
        $lines | ForEach-Object { $_.TrimEnd().Length | Should -BeLessOrEqual 120 }
        $header = $lines[0] -split '\s+' | Where-Object { $_ }
        $header | Should -Be @('Name', 'Metric', 'Latest', 'Maximum', 'Sparkline')
        foreach ($column in $header) { $series[0].PSObject.Properties.Name | Should -Contain $column }
        $lines[2] | Should -Match ("^{0}\s+CPUUtilization\s+80%\s+80%\s+\s*▁▂▄█" -f [regex]::Escape($Web))
        "$($series[0])" | Should -BeLike '80% *▁▂▄█'
    }

    It 'reads nothing for an empty pipeline' {
        $out = @(Get-EcsServiceX -Cluster $Cluster -ServiceName 'nothing-*' @Aws | Get-EcsMetricX @Via)
        $out | Should -BeNullOrEmpty
        $Forward.Requests.Count | Should -Be 0
    }
}

Describe 'Get-EcsMetricX against the scripted fake' {
    It 'joins a paged answer and leaves a space for every period without a datapoint' {
        $fake = [EcsPS.TestFakes.ScriptedAwsServer]::new('metrics')
        try {
            $until = [DateTimeOffset]::UtcNow
            $base = [long]([math]::Floor($until.ToUnixTimeSeconds() / 60) * 60)
            # -Since 10m at one minute: ten periods; datapoints in the first two, then a gap, then the last one.
            $null = $fake.Enqueue('GetMetricData',
                [EcsPS.TestFakes.ScriptedResponse]::Json((ConvertTo-Body @{ NextToken = 'more'; MetricDataResults = @(
                            @{ Id = 'm0'; Label = 'CPUUtilization'; StatusCode = 'PartialData'; Timestamps = @(($base - 600), ($base - 540)); Values = @(10.0, 90.0) }) })),
                [EcsPS.TestFakes.ScriptedResponse]::Json((ConvertTo-Body @{ MetricDataResults = @(
                            @{ Id = 'm0'; Label = 'CPUUtilization'; StatusCode = 'Complete'; Timestamps = @(($base - 60)); Values = @(50.0) }) })))
            $s = Get-EcsMetricX -Cluster prod -ServiceName web -Metric CPUUtilization -Since 10m -Period 1m -Region us-east-1 -EndpointUrl $fake.Url

            $s.Values | Should -Be @(10, 90, 50)
            $s.StatusCode | Should -Be 'Complete'
            $s.Sparkline.Substring(0, 2) | Should -Be '▁█'
            $s.Sparkline.Substring(2, 7) | Should -Be '       '
            $s.Sparkline[9] | Should -Be '▅'
            @($fake.Operations) | Should -Be @('GetMetricData', 'GetMetricData')
            ($fake.Requests[1].Body | ConvertFrom-Json).NextToken | Should -Be 'more'
            @($fake.Unscripted) | Should -BeNullOrEmpty
            Assert-FitsCloudWatchModel $fake.Requests
        }
        finally { $fake.Dispose() }
    }

    It 'says what to allow when CloudWatch refuses' {
        $fake = [EcsPS.TestFakes.ScriptedAwsServer]::new('metrics')
        try {
            $null = $fake.Always('GetMetricData', [EcsPS.TestFakes.ScriptedResponse]::Json((ConvertTo-Body @{ __type = 'AccessDenied'; message = 'User is not authorized to perform: cloudwatch:GetMetricData' }), 400))
            $run = Invoke-Captured { Get-EcsMetricX -Cluster prod -ServiceName web -Region us-east-1 -EndpointUrl $fake.Url }
            $run.Output | Should -BeNullOrEmpty
            $run.Errors.Count | Should -Be 1
            $run.Errors[0].FullyQualifiedErrorId | Should -BeLike 'AccessDenied*,EcsPS.Ecs.Metrics.GetEcsMetricX'
            $run.Errors[0].ErrorDetails.RecommendedAction + $run.Errors[0].Exception.Message | Should -Match 'cloudwatch:GetMetricData'
        }
        finally { $fake.Dispose() }
    }
}
