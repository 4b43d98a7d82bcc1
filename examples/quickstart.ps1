<#
.SYNOPSIS
A first tour of EcsPS: clusters, task definitions and a Fargate service, from creation to removal.

.DESCRIPTION
Runs against real AWS with your usual credentials and region, or against a local stand-in
such as moto_server when -EndpointUrl is given (build.ps1 -Task Demo does that for you).
Everything it creates is named quickstart-* and removed at the end.

.EXAMPLE
./examples/quickstart.ps1 -EndpointUrl http://127.0.0.1:5000
#>
[CmdletBinding()]
param(
    [string] $EndpointUrl,
    [string] $Region = 'us-east-1',
    [string] $ModulePath = (Join-Path $PSScriptRoot '../out/EcsPS/EcsPS.psd1'),
    # A subnet and security group for the Fargate service (build.ps1 -Task Demo finds moto's own).
    [string] $Subnet,
    [string] $SecurityGroup,
    # The task execution role the Fargate task needs for its awslogs output (moto's account by
    # default; pass your own against real AWS).
    [string] $ExecutionRoleArn = 'arn:aws:iam::123456789012:role/ecsTaskExecutionRole'
)

$ErrorActionPreference = 'Stop'
Import-Module $ModulePath -Force

# Every EcsPS cmdlet takes the same connection parameters; splatting them keeps the tour short.
$aws = @{ Region = $Region }
if ($EndpointUrl) {
    $aws.EndpointUrl = $EndpointUrl
    # A local stand-in accepts any keys; real AWS uses your profile or environment instead.
    if (-not $env:AWS_ACCESS_KEY_ID -and -not $env:AWS_PROFILE) {
        $aws.AccessKey = 'AKIDQUICKSTART'
        $aws.SecretKey = 'quickstart-secret'
    }
}

Write-Host "`n1. Create two clusters, one with Container Insights and a Fargate strategy" -ForegroundColor Cyan
$web = New-EcsClusterX -ClusterName quickstart-web -ContainerInsights enabled -Tag @{ team = 'web'; env = 'demo' } `
    -CapacityProvider FARGATE, FARGATE_SPOT -DefaultCapacityProviderStrategy 'FARGATE:1:1', 'FARGATE_SPOT:3' @aws
'quickstart-batch' | New-EcsClusterX -Tag @{ team = 'batch' } @aws | Out-Null
"Created {0} ({1})" -f $web.ClusterName, $web.ClusterArn

Write-Host "`n2. List them as a table" -ForegroundColor Cyan
Get-EcsClusterX -ClusterName 'quickstart-*' @aws | Format-Table | Out-String | Write-Host

Write-Host "3. Look closer: settings and tags" -ForegroundColor Cyan
Get-EcsClusterX quickstart-web -Include SETTINGS, TAGS @aws |
    Format-List ClusterName, Status, ContainerInsights, Tags, DefaultCapacityProviderStrategy | Out-String | Write-Host

Write-Host "4. Turn Container Insights on for every quickstart cluster (through the pipeline)" -ForegroundColor Cyan
Get-EcsClusterX 'quickstart-*' @aws | Update-EcsClusterX -ContainerInsights enabled @aws |
    Format-Table ClusterName, ContainerInsights | Out-String | Write-Host

Write-Host "5. Define a Fargate web task, register it, then roll a new image in one line" -ForegroundColor Cyan
# A container-level -Memory is optional on Fargate, but moto's RunTask needs one (step 8).
$container = New-EcsContainerDefinitionX -Name web -Image public.ecr.aws/nginx/nginx:1.27 -Port 80 -Memory 512 `
    -Environment @{ LOG_LEVEL = 'info' } -LogGroup /ecs/quickstart-web -HealthCheckCommand 'curl -f http://localhost/ || exit 1'
Register-EcsTaskDefinitionX -Family quickstart-web -ContainerDefinition $container -Cpu 256 -Memory 512 `
    -NetworkMode awsvpc -RequiresCompatibility FARGATE -ExecutionRoleArn $ExecutionRoleArn -Tag @{ team = 'web' } @aws | Out-Null
Get-EcsTaskDefinitionX quickstart-web @aws | Register-EcsTaskDefinitionX -Image @{ web = 'public.ecr.aws/nginx/nginx:1.28' } @aws | Out-Null
Get-EcsTaskDefinitionX -Family quickstart-web -AllRevisions @aws | Format-Table | Out-String | Write-Host
# Before deploying it: what changed, setting by setting, and what would make the deploy fail.
$revisions = @(Get-EcsTaskDefinitionX -Family quickstart-web -AllRevisions @aws | Sort-Object Revision)
Compare-EcsTaskDefinitionX $revisions[0] $revisions[-1] @aws | Format-Table | Out-String | Write-Host
# Error findings are also non-terminating errors (so -ErrorAction Stop fails a pipeline); here they are only shown.
Test-EcsTaskDefinitionX $revisions[-1].FamilyRevision -ErrorAction SilentlyContinue @aws | Format-Table | Out-String | Write-Host

Write-Host "6. Keep it in git: export the latest revision as JSON the AWS CLI accepts too" -ForegroundColor Cyan
$file = Join-Path ([IO.Path]::GetTempPath()) 'quickstart-web.json'
Export-EcsTaskDefinitionX quickstart-web -Path $file @aws
"Wrote $file ({0} lines); Register-EcsTaskDefinitionX -Path $file registers it again." -f (Get-Content $file).Count
Remove-Item $file

if ($Subnet) {
    Write-Host "`n7. Run it as a Fargate service (behind no load balancer), scale it, look at it" -ForegroundColor Cyan
    $svc = Get-EcsTaskDefinitionX quickstart-web @aws |
        New-EcsServiceX -ServiceName quickstart-web -Cluster quickstart-web -DesiredCount 0 -LaunchType FARGATE `
            -Subnet $Subnet -SecurityGroup $SecurityGroup -CircuitBreaker Rollback -Tag @{ team = 'web' } @aws
    $svc | Format-Table | Out-String | Write-Host
    Update-EcsServiceX -Cluster quickstart-web -ServiceName quickstart-web -DesiredCount 2 @aws | Out-Null
    Get-EcsClusterX quickstart-web @aws | Get-EcsServiceX @aws | Format-Table | Out-String | Write-Host
    Get-EcsServiceDeploymentX -Cluster quickstart-web -ServiceName quickstart-web @aws |
        Format-Table ServiceName, Status, TaskDefinitionName, DesiredCount, RunningCount, RolloutState | Out-String | Write-Host
    # Undo: back to the first revision, waiting for that deployment as Update-EcsServiceX -Wait would.
    # Without -ToRevision it goes back to what ran before (the deployment in flight, or the history).
    Undo-EcsServiceDeploymentX -Cluster quickstart-web -ServiceName quickstart-web -ToRevision $revisions[0].Revision `
        -Wait -PollInterval 2 -Timeout 60 -InformationAction Continue @aws |
        Format-Table ServiceName, TaskDefinitionName, RunningCount, RolloutState | Out-String | Write-Host

    Write-Host "8. Run a one-off task in the service's network (-FromService), wait for it to end, read its exit code" -ForegroundColor Cyan
    $run = Invoke-EcsTaskX -Cluster quickstart-web -TaskDefinition quickstart-web -FromService quickstart-web `
        -Command 'nginx', '-t' -StartedBy quickstart -PollInterval 2 -Timeout 120 @aws
    $run | Format-Table | Out-String | Write-Host
    "Exit code {0}; in a runbook, -ErrorAction Stop turns a non-zero one into an exception." -f $run.ExitCode
    Get-EcsTaskX -Cluster quickstart-web -Task $run.TaskArn @aws | Format-List TaskId, Status, StartedBy, Containers | Out-String | Write-Host
    # The container logs with awslogs, so its last lines are in $run.LogLines and Get-EcsLogX reads
    # them (and with -ServiceName quickstart-web -Follow, the service's). moto runs no containers,
    # so nothing has been written there: this shows an empty result (with -Verbose, why).
    Get-EcsLogX -Cluster quickstart-web -Task $run.TaskArn -Tail 20 @aws | Format-Table | Out-String | Write-Host

    Write-Host "`nAuto scaling on CPU, and the service's status in one object" -ForegroundColor Cyan
    Get-EcsServiceX -Cluster quickstart-web -ServiceName quickstart-web @aws |
        Set-EcsServiceScalingX -MinCapacity 1 -MaxCapacity 4 -TargetCpuPercent 60 @aws | Format-Table | Out-String | Write-Host
    # Against moto, the status warns that it could not read the scaling activities (moto answers
    # DescribeScalingActivities for ECS with HTTP 500): a part that cannot be read is named, and the
    # rest is still filled in.
    Get-EcsServiceX -Cluster quickstart-web -ServiceName quickstart-web @aws | Get-EcsServiceStatusX @aws |
        Format-List ServiceName, RolloutState, TaskDefinition, DesiredCount, RunningCount, Scaling, Cpu, Memory, Events | Out-String | Write-Host
    # Is it hot? CPU and memory of every service piped in, from one GetMetricData request; moto
    # has no datapoints for a service that runs nothing, so the series here are empty.
    Get-EcsServiceX -Cluster quickstart-web @aws | Get-EcsMetricX -Since 3h @aws | Format-Table | Out-String | Write-Host
    Remove-EcsServiceScalingX -Cluster quickstart-web -ServiceName quickstart-web -Force @aws

    Write-Host "9. Scale to zero, wait until stable, and remove it (waiting until it is INACTIVE)" -ForegroundColor Cyan
    Update-EcsServiceX -Cluster quickstart-web -ServiceName quickstart-web -DesiredCount 0 @aws |
        Wait-EcsServiceX -Condition Stable -PollInterval 2 -Timeout 60 @aws | Out-Null
    Remove-EcsServiceX -Cluster quickstart-web -ServiceName quickstart-web -Force -Wait -PassThru -PollInterval 2 -Timeout 120 @aws |
        Format-Table ClusterName, ServiceName, Status | Out-String | Write-Host
}
else {
    Write-Host "`n7-9. (Pass -Subnet and -SecurityGroup to also run the task definition as a Fargate service and a one-off task.)" -ForegroundColor DarkGray
}

Write-Host "`n10. Retire the old revisions: deregister, then delete" -ForegroundColor Cyan
Get-EcsTaskDefinitionX -Family quickstart-web -AllRevisions @aws | Unregister-EcsTaskDefinitionX -Force -PassThru @aws |
    Remove-EcsTaskDefinitionX -Force -PassThru @aws | Format-Table Family, Revision, Status | Out-String | Write-Host

Write-Host "11. What would cluster removal do? (-WhatIf sends nothing)" -ForegroundColor Cyan
Get-EcsClusterX 'quickstart-*' @aws | Remove-EcsClusterX -WhatIf @aws

Write-Host "`n12. Remove them for real (-Force skips the confirmation prompt)" -ForegroundColor Cyan
Get-EcsClusterX 'quickstart-*' @aws | Remove-EcsClusterX -Force -PassThru @aws |
    Format-Table ClusterName, Status | Out-String | Write-Host

Write-Host "13. Asking for a cluster that is gone is a non-terminating, catchable error" -ForegroundColor Cyan
Get-EcsClusterX no-such-cluster @aws -ErrorAction SilentlyContinue -ErrorVariable missing
"ErrorId: {0}  Category: {1}" -f $missing[0].FullyQualifiedErrorId, $missing[0].CategoryInfo.Category

Write-Host "`nQuickstart finished." -ForegroundColor Green
