# Helpers for Targets.Tests.ps1: Query-protocol (ELBv2) request bodies checked against botocore's
# elbv2 service model, the way Test-EcsRequestShape checks ECS's JSON bodies.
Set-StrictMode -Version Latest

$script:Models = @{}

Import-Module (Join-Path $PSScriptRoot 'ServiceHelpers.psm1')

function Get-QueryServiceModel([string] $Service) {
    # As a hashtable: the Query checks walk it by key.
    if (-not $script:Models.ContainsKey($Service)) {
        $script:Models[$Service] = Get-BotocoreModelText -Service $Service | ConvertFrom-Json -AsHashtable -Depth 100
    }
    $script:Models[$Service]
}

function Test-QueryRequestShape {
    <#
    .SYNOPSIS
    The problems of one Query request (a recorded request of the scripted server) against
    botocore's elbv2 model: the Action and Version, every key a member path of the input shape
    (Structure.Member, List.member.N), values of the member's type and enum, required members
    present. Returns nothing when the request fits.
    #>
    [CmdletBinding()]
    param([Parameter(Mandatory)] $Request, [string] $Service = 'elbv2')
    $model = Get-QueryServiceModel $Service
    $form = @{}
    foreach ($pair in $Request.Form) { $form[$pair.Key] = $pair.Value }
    $problems = [System.Collections.Generic.List[string]]::new()
    $action = $form['Action']
    if (-not $action -or -not $model.operations.ContainsKey($action)) { return "Action '$action' is not an operation of $Service." }
    if ($form['Version'] -ne $model.metadata.apiVersion) { $problems.Add("Version is '$($form['Version'])', not $($model.metadata.apiVersion).") }
    if (-not ($Request.Header('Content-Type') -like 'application/x-www-form-urlencoded*')) { $problems.Add("Content-Type is '$($Request.Header('Content-Type'))'.") }
    $inputShape = $model.operations[$action].input.shape
    $present = [System.Collections.Generic.HashSet[string]]::new()
    foreach ($key in $form.Keys) {
        if ($key -in 'Action', 'Version') { continue }
        $shape = $model.shapes[$inputShape]
        $steps = $key -split '\.'
        $i = 0
        $path = ''
        while ($i -lt $steps.Count) {
            if ($shape.type -eq 'structure') {
                $member = $steps[$i]
                if (-not $shape.members.ContainsKey($member)) { $problems.Add("$key`: '$member' is not a member of $path$($shape | ForEach-Object { '' })."); $shape = $null; break }
                if ($i -eq 0) { $null = $present.Add($member) }
                $path += "$member."
                $shape = $model.shapes[$shape.members[$member].shape]
                $i++
            } elseif ($shape.type -eq 'list') {
                if ($steps[$i] -ne 'member' -or $i + 1 -ge $steps.Count -or $steps[$i + 1] -notmatch '^[1-9]\d*$') {
                    $problems.Add("$key`: a list is written as .member.N."); $shape = $null; break
                }
                $shape = $model.shapes[$shape.member.shape]
                $i += 2
            } else {
                $problems.Add("$key`: nothing nests inside a $($shape.type)."); $shape = $null; break
            }
        }
        if ($null -eq $shape) { continue }
        $value = $form[$key]
        switch ($shape.type) {
            'string' {
                if ($shape.ContainsKey('enum') -and $value -notin $shape.enum) { $problems.Add("$key`: '$value' is not one of $($shape.enum -join ', ').") }
                if ($shape.ContainsKey('min') -and $value.Length -lt $shape.min) { $problems.Add("$key`: shorter than $($shape.min).") }
            }
            'integer' { if ($value -notmatch '^-?\d+$') { $problems.Add("$key`: '$value' is not an integer.") } }
            'boolean' { if ($value -notin 'true', 'false') { $problems.Add("$key`: '$value' is not true or false.") } }
            'structure' { $problems.Add("$key`: a structure needs member keys.") }
            'list' { $problems.Add("$key`: a list needs .member.N keys.") }
        }
    }
    foreach ($required in @($model.shapes[$inputShape]['required'])) {
        if ($required -and -not $present.Contains($required)) { $problems.Add("the required member $required is missing.") }
    }
    $problems
}

Export-ModuleMember -Function Test-QueryRequestShape
