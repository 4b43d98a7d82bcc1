# Helpers for Service.Tests.ps1: direct calls to moto (to read and prepare its state without going
# through the module under test), the default VPC's network, load balancer target groups, request
# bodies checked against botocore's ECS service model, What-if lines read back from a transcript,
# and errors captured whatever their kind.
Set-StrictMode -Version Latest

# botocore service models by signing name, read once each (Get-EcsServiceModel).
$script:ServiceModels = @{}

function Invoke-MotoEcs {
    <#
    .SYNOPSIS
    One ECS call straight to moto, not through the module under test (and much quicker than
    starting the AWS CLI). moto does not check signatures by default; it only needs the
    credential scope in the Authorization header to route the request to ECS in the region.
    #>
    [CmdletBinding()]
    param(
        [Parameter(Mandatory)] [string] $Endpoint,
        [Parameter(Mandatory)] [string] $Operation,
        [hashtable] $Body = @{},
        [string] $Region = 'us-east-1'
    )
    $date = [DateTime]::UtcNow.ToString('yyyyMMdd')
    $headers = @{
        'X-Amz-Target'  = "AmazonEC2ContainerServiceV20141113.$Operation"
        'Authorization' = "AWS4-HMAC-SHA256 Credential=AKIAECSPSTESTDUMMY00/$date/$Region/ecs/aws4_request, SignedHeaders=host, Signature=0"
    }
    $json = $Body | ConvertTo-Json -Depth 20 -Compress
    $response = Invoke-WebRequest -Method Post -Uri "$Endpoint/" -Headers $headers -ContentType 'application/x-amz-json-1.1' -Body $json -SkipHttpErrorCheck
    # application/x-amz-json-1.1 is not a type PowerShell knows as text: Content comes as bytes.
    $text = if ($response.Content -is [byte[]]) { [Text.Encoding]::UTF8.GetString($response.Content) } else { [string]$response.Content }
    if ([int]$response.StatusCode -ge 400) { throw "moto answered $Operation with HTTP $([int]$response.StatusCode): $text" }
    $text | ConvertFrom-Json -Depth 100
}

function Invoke-MotoQuery {
    <#
    .SYNOPSIS
    One call to a Query-protocol service of moto (EC2, ELBv2), answered as XML. Like
    Invoke-MotoEcs it goes straight to moto with a credential scope and no real signature.
    #>
    [CmdletBinding()]
    param(
        [Parameter(Mandatory)] [string] $Endpoint,
        [Parameter(Mandatory)] [ValidateSet('ec2', 'elasticloadbalancing')] [string] $Service,
        [Parameter(Mandatory)] [string] $Action,
        [System.Collections.IDictionary] $Parameters = @{}
    )
    $date = [DateTime]::UtcNow.ToString('yyyyMMdd')
    $headers = @{ Authorization = "AWS4-HMAC-SHA256 Credential=AKIAECSPSTESTDUMMY00/$date/us-east-1/$Service/aws4_request, SignedHeaders=host, Signature=0" }
    $form = [ordered]@{ Action = $Action; Version = $(if ($Service -eq 'ec2') { '2016-11-15' } else { '2015-12-01' }) }
    foreach ($key in $Parameters.Keys) { $form[$key] = [string]$Parameters[$key] }
    $response = Invoke-WebRequest -Method Post -Uri "$Endpoint/" -Headers $headers -Body $form -SkipHttpErrorCheck
    $text = if ($response.Content -is [byte[]]) { [Text.Encoding]::UTF8.GetString($response.Content) } else { [string]$response.Content }
    if ([int]$response.StatusCode -ge 400) { throw "moto answered $Service $Action with HTTP $([int]$response.StatusCode): $text" }
    [xml]$text
}

function Select-XmlText([xml] $Document, [string] $Path) {
    # Namespace-blind XPath: each step matched by local name.
    $xpath = '/' + (($Path -split '/' | ForEach-Object { "/*[local-name()='$_']" }) -join '')
    @($Document.SelectNodes($xpath) | ForEach-Object InnerText)
}

function Get-DefaultVpcNetwork {
    <#
    .SYNOPSIS
    moto's default VPC in us-east-1: its id, its subnets (one per availability zone) and its
    default security group, read from moto's EC2.
    #>
    [CmdletBinding()]
    param([Parameter(Mandatory)] [string] $Endpoint)
    $vpcs = Invoke-MotoQuery -Endpoint $Endpoint -Service ec2 -Action DescribeVpcs -Parameters @{ 'Filter.1.Name' = 'is-default'; 'Filter.1.Value.1' = 'true' }
    $vpc = @(Select-XmlText $vpcs 'vpcSet/item/vpcId')[0]
    if (-not $vpc) { throw 'moto has no default VPC in us-east-1.' }
    $subnets = Invoke-MotoQuery -Endpoint $Endpoint -Service ec2 -Action DescribeSubnets -Parameters @{ 'Filter.1.Name' = 'vpc-id'; 'Filter.1.Value.1' = $vpc }
    $subnetIds = @(Select-XmlText $subnets 'subnetSet/item/subnetId')
    $groups = Invoke-MotoQuery -Endpoint $Endpoint -Service ec2 -Action DescribeSecurityGroups -Parameters ([ordered]@{
            'Filter.1.Name' = 'vpc-id'; 'Filter.1.Value.1' = $vpc; 'Filter.2.Name' = 'group-name'; 'Filter.2.Value.1' = 'default'
        })
    $groupIds = @(Select-XmlText $groups 'securityGroupInfo/item/groupId')
    if ($subnetIds.Count -lt 2) { throw "moto's default VPC $vpc has $($subnetIds.Count) subnets; the tests need two." }
    if ($groupIds.Count -lt 1) { throw "moto's default VPC $vpc has no default security group." }
    [pscustomobject]@{
        VpcId           = $vpc
        SubnetIds       = [string[]]$subnetIds
        SecurityGroupId = [string]$groupIds[0]
    }
}

function New-TestTargetGroup {
    <#
    .SYNOPSIS
    An ELBv2 target group that ECS can use: created in moto's ELBv2 and attached to an
    application load balancer through a listener (ECS refuses a target group without a load
    balancer). Returns the target group's ARN.
    #>
    [CmdletBinding()]
    param(
        [Parameter(Mandatory)] [string] $Endpoint,
        [Parameter(Mandatory)] [string] $Name,
        [Parameter(Mandatory)] $Network,
        [ValidateSet('ip', 'instance')] [string] $TargetType = 'ip',
        [int] $Port = 80
    )
    $created = Invoke-MotoQuery -Endpoint $Endpoint -Service elasticloadbalancing -Action CreateTargetGroup -Parameters ([ordered]@{
            Name = $Name; Protocol = 'HTTP'; Port = $Port; VpcId = $Network.VpcId; TargetType = $TargetType
        })
    $tg = @(Select-XmlText $created 'CreateTargetGroupResponse/CreateTargetGroupResult/TargetGroups/member/TargetGroupArn')[0]
    if (-not $tg) { throw "CreateTargetGroup gave no ARN: $($created.OuterXml)" }
    $lbParameters = [ordered]@{ Name = "$Name-lb"; Type = 'application'; 'SecurityGroups.member.1' = $Network.SecurityGroupId }
    $i = 1
    foreach ($subnet in @($Network.SubnetIds | Select-Object -First 2)) { $lbParameters["Subnets.member.$i"] = $subnet; $i++ }
    $lbAnswer = Invoke-MotoQuery -Endpoint $Endpoint -Service elasticloadbalancing -Action CreateLoadBalancer -Parameters $lbParameters
    $lb = @(Select-XmlText $lbAnswer 'CreateLoadBalancerResponse/CreateLoadBalancerResult/LoadBalancers/member/LoadBalancerArn')[0]
    if (-not $lb) { throw "CreateLoadBalancer gave no ARN: $($lbAnswer.OuterXml)" }
    $null = Invoke-MotoQuery -Endpoint $Endpoint -Service elasticloadbalancing -Action CreateListener -Parameters ([ordered]@{
            LoadBalancerArn = $lb; Protocol = 'HTTP'; Port = $Port
            'DefaultActions.member.1.Type' = 'forward'; 'DefaultActions.member.1.TargetGroupArn' = $tg
        })
    $tg
}

function Get-RequestBody {
    <# The JSON bodies of the recorded requests for one operation, parsed, in the order sent. #>
    param([Parameter(Mandatory)] $Recorder, [Parameter(Mandatory)] [string] $Operation)
    @($Recorder.Requests | Where-Object Operation -eq $Operation | ForEach-Object { $_.Body | ConvertFrom-Json -Depth 100 })
}

function Get-BotocoreModelText {
    <# The text of botocore's service model of an AWS service by its botocore name (ecs, ecr, logs,
    elbv2, application-autoscaling, ...): the newest API version botocore has. #>
    param([Parameter(Mandatory)] [string] $Service)
    $python = Get-Command python3 -CommandType Application -ErrorAction Ignore | Select-Object -First 1
    if (-not $python) { throw "python3 (with botocore) is needed to read the $Service service model." }
    $root = (& $python.Source -c 'import botocore, os; print(os.path.dirname(botocore.__file__))').Trim()
    # One API version per service in botocore's data; its folder is named by the version.
    $dir = @(Get-ChildItem -Directory (Join-Path $root "data/$Service") | Sort-Object Name)[-1].FullName
    $plain = Join-Path $dir 'service-2.json'
    if (Test-Path $plain) { return Get-Content -Raw $plain }
    $stream = [IO.File]::OpenRead((Join-Path $dir 'service-2.json.gz'))
    try {
        $gzip = [IO.Compression.GZipStream]::new($stream, [IO.Compression.CompressionMode]::Decompress)
        [IO.StreamReader]::new($gzip).ReadToEnd()
    } finally { $stream.Dispose() }
}

function Get-EcsServiceModel {
    <# botocore's service model of an AWS service by its botocore name (ecs, ecr, logs, ...), read once. #>
    param([string] $Service = 'ecs')
    # Requests name their service by signing name; CloudWatch signs as monitoring.
    if ($Service -eq 'monitoring') { $Service = 'cloudwatch' }
    if (-not $script:ServiceModels.ContainsKey($Service)) {
        $script:ServiceModels[$Service] = [System.Text.Json.Nodes.JsonNode]::Parse((Get-BotocoreModelText -Service $Service))
    }
    # The comma keeps the pipeline from enumerating the JsonObject into its members.
    , $script:ServiceModels[$Service]
}

function Test-EcsRequestShape {
    <#
    .SYNOPSIS
    Checks a request body against botocore's model of the operation (ECS unless -Service names
    another service by its signing name, such as ecr): every member name must exist in its shape
    (case-sensitively), lists must be lists, structures objects, enums one of their values, and
    list and string lengths within the model's bounds. Returns the problems found, one string
    each; nothing when the body fits the model.
    #>
    [CmdletBinding()]
    param(
        [Parameter(Mandatory)] [string] $Operation,
        [Parameter(Mandatory)] [string] $Body,
        [string] $Service = 'ecs'
    )
    $model = Get-EcsServiceModel -Service $Service
    if ($null -eq $model['operations'][$Operation]) { return , @("$Operation is not an operation of $Service") }
    $inputShape = $model['operations'][$Operation]['input']['shape'].GetValue[string]()
    $problems = [System.Collections.Generic.List[string]]::new()
    Test-NodeShape -Model $model -Node ([System.Text.Json.Nodes.JsonNode]::Parse($Body)) -ShapeName $inputShape -Path $Operation -Problems $problems
    , $problems.ToArray()
}

function Test-NodeShape($Model, $Node, [string] $ShapeName, [string] $Path, $Problems) {
    $shape = $Model['shapes'][$ShapeName]
    $type = $shape['type'].GetValue[string]()
    if ($null -eq $Node) { $Problems.Add("${Path}: null"); return }
    switch ($type) {
        'structure' {
            if ($Node -isnot [System.Text.Json.Nodes.JsonObject]) { $Problems.Add("${Path}: expected an object for $ShapeName"); return }
            $members = $shape['members'].AsObject()
            foreach ($pair in @($Node.AsObject())) {
                $member = $null
                if (-not $members.TryGetPropertyValue($pair.Key, [ref]$member)) {
                    $Problems.Add("${Path}: '$($pair.Key)' is not a member of $ShapeName")
                    continue
                }
                Test-NodeShape -Model $Model -Node $pair.Value -ShapeName ($member['shape'].GetValue[string]()) -Path "$Path.$($pair.Key)" -Problems $Problems
            }
            $required = $shape['required']
            if ($null -ne $required) {
                foreach ($name in @($required.AsArray() | ForEach-Object { $_.GetValue[string]() })) {
                    if (-not $Node.AsObject().ContainsKey($name)) { $Problems.Add("${Path}: required member '$name' is missing") }
                }
            }
        }
        'list' {
            if ($Node -isnot [System.Text.Json.Nodes.JsonArray]) { $Problems.Add("${Path}: expected a list for $ShapeName"); return }
            $i = 0
            foreach ($item in @($Node.AsArray())) {
                Test-NodeShape -Model $Model -Node $item -ShapeName ($shape['member']['shape'].GetValue[string]()) -Path "$($Path)[$i]" -Problems $Problems
                $i++
            }
        }
        'map' {
            if ($Node -isnot [System.Text.Json.Nodes.JsonObject]) { $Problems.Add("${Path}: expected a map for $ShapeName"); return }
            foreach ($pair in @($Node.AsObject())) {
                Test-NodeShape -Model $Model -Node $pair.Value -ShapeName ($shape['value']['shape'].GetValue[string]()) -Path "$($Path)[$($pair.Key)]" -Problems $Problems
            }
        }
        'string' {
            $kind = $Node.GetValueKind()
            if ($kind -ne [System.Text.Json.JsonValueKind]::String) { $Problems.Add("${Path}: expected a string, got $kind"); return }
            $value = $Node.GetValue[string]()
            $enum = $shape['enum']
            if ($null -ne $enum) {
                $allowed = @($enum.AsArray() | ForEach-Object { $_.GetValue[string]() })
                if ($allowed -cnotcontains $value) { $Problems.Add("${Path}: '$value' is not one of $($allowed -join ', ')") }
            }
            if ($null -ne $shape['max'] -and $value.Length -gt $shape['max'].GetValue[int]()) { $Problems.Add("${Path}: longer than $($shape['max'])") }
            if ($null -ne $shape['min'] -and $value.Length -lt $shape['min'].GetValue[int]()) { $Problems.Add("${Path}: shorter than $($shape['min'])") }
        }
        { $_ -in 'integer', 'long', 'double', 'float' } {
            if ($Node.GetValueKind() -ne [System.Text.Json.JsonValueKind]::Number) { $Problems.Add("${Path}: expected a number, got $($Node.GetValueKind())") }
        }
        'boolean' {
            if ($Node.GetValueKind() -notin [System.Text.Json.JsonValueKind]::True, [System.Text.Json.JsonValueKind]::False) {
                $Problems.Add("${Path}: expected a boolean, got $($Node.GetValueKind())")
            }
        }
    }
}

function Get-WhatIfLine {
    <#
    .SYNOPSIS
    Runs a script block and returns the "What if:" lines it wrote (Lines) and its output (Output).
    PowerShell sends What-if messages to the host, not to a stream, so they are read back from a
    transcript of the run.
    #>
    [CmdletBinding()]
    param([Parameter(Mandatory)] [scriptblock] $ScriptBlock)
    $path = Join-Path ([IO.Path]::GetTempPath()) ("ecsps-svc-whatif-" + [guid]::NewGuid().ToString('N') + '.txt')
    $null = Start-Transcript -Path $path -Force
    try {
        $output = @(& $ScriptBlock)
    } finally {
        $null = Stop-Transcript
    }
    try {
        $lines = @(Get-Content $path | ForEach-Object { $_ -replace "`e\[[0-9;?]*[A-Za-z]", '' } | Where-Object { $_ -match '^What if: ' })
    } finally { Remove-Item $path -ErrorAction Ignore }
    [pscustomobject]@{ Lines = $lines; Output = $output }
}

function ConvertTo-SortedJson {
    <#
    .SYNOPSIS
    JSON text with every object's members sorted by name and no whitespace, so two documents
    with the same content compare equal as strings. Array order is kept.
    #>
    param([Parameter(Mandatory, ValueFromPipeline)] $InputObject)
    process {
        $json = if ($InputObject -is [string]) { $InputObject } else { $InputObject | ConvertTo-Json -Depth 100 -Compress }
        (Get-SortedJsonNode ([System.Text.Json.Nodes.JsonNode]::Parse($json))).ToJsonString()
    }
}

function Get-SortedJsonNode($Node) {
    if ($null -eq $Node) { return $null }
    if ($Node -is [System.Text.Json.Nodes.JsonObject]) {
        $sorted = [System.Text.Json.Nodes.JsonObject]::new()
        foreach ($name in @($Node | ForEach-Object Key | Sort-Object -CaseSensitive)) { $sorted[$name] = Get-SortedJsonNode $Node[$name] }
        return , $sorted
    }
    if ($Node -is [System.Text.Json.Nodes.JsonArray]) {
        $array = [System.Text.Json.Nodes.JsonArray]::new()
        foreach ($item in @($Node)) { $array.Add((Get-SortedJsonNode $item)) }
        return , $array
    }
    , $Node.DeepClone()
}

Export-ModuleMember -Function Invoke-MotoEcs, Invoke-MotoQuery, Get-DefaultVpcNetwork, New-TestTargetGroup, Get-RequestBody, Test-EcsRequestShape,
    Get-WhatIfLine, ConvertTo-SortedJson, Get-BotocoreModelText
