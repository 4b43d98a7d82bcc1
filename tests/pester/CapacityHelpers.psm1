# Helpers for the capacity tests: EC2 container instances seeded in moto (an EC2 instance made by
# RunInstances, registered with RegisterContainerInstance and its identity document, as an ECS
# agent would), and scripted answers shaped like ECS's for what moto cannot show.
Set-StrictMode -Version Latest

Import-Module (Join-Path $PSScriptRoot 'ServiceHelpers.psm1')

function New-MotoContainerInstance {
    <#
    .SYNOPSIS
    Registers <Count> container instances in a cluster of moto's ECS, each backed by an EC2
    instance of moto's EC2; returns their container instance ARNs. Goes straight to moto, not
    through the module under test.
    #>
    [CmdletBinding()]
    param(
        [Parameter(Mandatory)] [string] $Endpoint,
        [Parameter(Mandatory)] [string] $Cluster,
        [int] $Count = 1
    )
    $answer = Invoke-MotoQuery -Endpoint $Endpoint -Service ec2 -Action RunInstances -Parameters ([ordered]@{
            ImageId = 'ami-12c6146b'; MinCount = $Count; MaxCount = $Count; InstanceType = 't3.medium'
        })
    $ids = @($answer.SelectNodes("//*[local-name()='instancesSet']/*[local-name()='item']/*[local-name()='instanceId']") | ForEach-Object InnerText)
    if ($ids.Count -ne $Count) { throw "RunInstances made $($ids.Count) instances, not $Count." }
    foreach ($id in $ids) {
        $document = @{ instanceId = $id; region = 'us-east-1'; instanceType = 't3.medium' } | ConvertTo-Json -Compress
        (Invoke-MotoEcs -Endpoint $Endpoint -Operation RegisterContainerInstance -Body @{ cluster = $Cluster; instanceIdentityDocument = $document }).containerInstance.containerInstanceArn
    }
}

function New-ContainerInstanceJson {
    <# A container instance as DescribeContainerInstances returns it (the long ARN form). #>
    param(
        [Parameter(Mandatory)] [string] $Id,
        [string] $Cluster = 'prod',
        [int] $Running = 0,
        [int] $Pending = 0,
        [string] $Status = 'ACTIVE',
        [string] $Ec2InstanceId = 'i-0abc1234def567890'
    )
    [ordered]@{
        containerInstanceArn = "arn:aws:ecs:us-east-1:123456789012:container-instance/$Cluster/$Id"
        ec2InstanceId        = $Ec2InstanceId
        status               = $Status
        agentConnected       = $true
        runningTasksCount    = $Running
        pendingTasksCount    = $Pending
        registeredResources  = @(@{ name = 'CPU'; type = 'INTEGER'; integerValue = 2048 }, @{ name = 'MEMORY'; type = 'INTEGER'; integerValue = 3904 })
        remainingResources   = @(@{ name = 'CPU'; type = 'INTEGER'; integerValue = 1024 }, @{ name = 'MEMORY'; type = 'INTEGER'; integerValue = 1856 })
        registeredAt         = 1740830400.0
    }
}

Export-ModuleMember -Function New-MotoContainerInstance, New-ContainerInstanceJson
