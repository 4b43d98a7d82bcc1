<#
.SYNOPSIS
Deploys a new image to one container of an ECS service and waits until the deployment has
completed; exits 1 with the reason when it fails, is rolled back or takes too long.

.DESCRIPTION
Meant as the deploy step of a CI/CD pipeline. It registers a new revision of the service's
current task definition with the new image, rolls it out, and follows that deployment to its
end. The exit code is 0 when the new revision runs on every desired task, and 1 otherwise, with
the reason on standard error: ECS's rollout reason, the stopped tasks of the deployment with
their exit codes, and the service's latest events.

With -RollbackOnFailure, a deployment that fails or times out is undone before the script exits
1: Undo-EcsServiceDeploymentX -Wait puts the service back on the task definition it ran before
(or only says so when ECS's circuit breaker has already done it) and waits for that to roll out.

Credentials, Region and endpoint come from the usual AWS settings (environment variables,
~/.aws/config, an instance or task role) unless -Region, -ProfileName or -EndpointUrl say
otherwise.

.EXAMPLE
./examples/deploy-service.ps1 -Cluster prod -ServiceName web -Container web -Image 123456789012.dkr.ecr.us-east-1.amazonaws.com/web:2.1.0

.EXAMPLE
# A CI step in bash; the step fails when the script exits 1.
pwsh -NoProfile -File ./examples/deploy-service.ps1 -Cluster prod -ServiceName web -Container web -Image "$ECR_REPO:$GIT_SHA" -Timeout 1200 -Region eu-west-1

.EXAMPLE
# Undo a failed deploy before failing the step.
./examples/deploy-service.ps1 -Cluster prod -ServiceName web -Container web -Image "$repo:$tag" -RollbackOnFailure
#>
[CmdletBinding()]
param(
    [Parameter(Mandatory)] [string] $Cluster,
    [Parameter(Mandatory)] [string] $ServiceName,
    # The container (by its name in the task definition) that gets the new image.
    [Parameter(Mandatory)] [string] $Container,
    [Parameter(Mandatory)] [string] $Image,
    # Seconds the whole deployment may take before the step fails.
    [ValidateRange(1, 172800)] [int] $Timeout = 900,
    # Roll the service back (and wait for it) when the deployment fails or times out.
    [switch] $RollbackOnFailure,
    [string] $Region,
    [string] $ProfileName,
    [string] $EndpointUrl
)

# A deploy step must never half-succeed: any error that is not handled below ends the script
# with a non-zero exit code instead of carrying on.
$ErrorActionPreference = 'Stop'
# Progress bars only clutter CI logs; the service events below say more.
$ProgressPreference = 'SilentlyContinue'

try {
    # Prefer a module loaded by the caller, then this repository's build, then an installed one.
    if (-not (Get-Module EcsPS)) {
        $repoBuild = Join-Path $PSScriptRoot '../out/EcsPS/EcsPS.psd1'
        if (Test-Path $repoBuild) { Import-Module $repoBuild } else { Import-Module EcsPS }
    }

    # Only what was given is passed on, so that unset values fall back to the AWS defaults.
    $aws = @{}
    if ($Region) { $aws.Region = $Region }
    if ($ProfileName) { $aws.ProfileName = $ProfileName }
    if ($EndpointUrl) { $aws.EndpointUrl = $EndpointUrl }

    # -Wait follows the very deployment this update starts, so a circuit-breaker rollback is a
    # failure here, where `aws ecs wait services-stable` would report success. The events go to
    # the Information stream; showing them gives the job log a live account of the rollout.
    $service = Update-EcsServiceX -Cluster $Cluster -ServiceName $ServiceName -Image @{ $Container = $Image } `
        -Wait -Timeout $Timeout -InformationAction Continue -ErrorAction Stop @aws
}
catch {
    # The message of a failed wait already holds the reason, the stopped tasks and the latest
    # events. Standard error keeps it apart from normal output, and avoids Write-Error, which
    # would throw again under ErrorActionPreference Stop before 'exit 1' is reached.
    $failedDeployment = [bool] $_.Exception.Result
    $what = if ($failedDeployment) { "Deployment of $Image to $ServiceName failed" } else { "Could not deploy $Image to $ServiceName" }
    [Console]::Error.WriteLine("${what} [$(($_.FullyQualifiedErrorId -split ',')[0])]: $($_.Exception.Message)")
    # Only a deployment that started is undone: an error before it (a bad image map, a missing
    # service) changed nothing. The step still fails after a rollback that worked.
    if ($RollbackOnFailure -and $failedDeployment) {
        try {
            $back = Undo-EcsServiceDeploymentX -Cluster $Cluster -ServiceName $ServiceName -Wait -Timeout $Timeout `
                -InformationAction Continue -WarningAction Continue -ErrorAction Stop @aws
            [Console]::Error.WriteLine("Rolled $ServiceName back: it runs $($back.TaskDefinitionName) again.")
        }
        catch {
            [Console]::Error.WriteLine("Rollback of $ServiceName failed too [$(($_.FullyQualifiedErrorId -split ',')[0])]: $($_.Exception.Message)")
        }
    }
    exit 1
}

"Deployed $Image to $ServiceName in cluster $($service.ClusterName): $($service.TaskDefinitionName), " +
    "$($service.RunningCount) of $($service.DesiredCount) tasks running."
exit 0
