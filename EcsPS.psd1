@{
    RootModule           = 'EcsPS.dll'
    ModuleVersion        = '0.1.0'
    GUID                 = '5b0f7c3e-2d0c-4a5e-9a43-6f3f1e2b9c41'
    Author               = 'EcsPS contributors'
    CompanyName          = 'EcsPS'
    Copyright            = '(c) EcsPS contributors. Apache-2.0.'
    Description          = 'Amazon ECS from PowerShell: clusters, task definitions, services, deployments and tasks as real objects, with pipelines, deployment-aware waits and clear errors. Binary cmdlets on AWSSDK.Core.'
    PowerShellVersion    = '7.4'
    CompatiblePSEditions = @('Core')
    # Imported first: it puts deps/ (the Engine and AWSSDK.*) in a private load context before
    # PowerShell reads the cmdlet types, so EcsPS never clashes with another module's AWS SDK.
    NestedModules        = @('EcsPS.Isolation.dll')
    FormatsToProcess     = @('EcsPS.Format.ps1xml')
    CmdletsToExport      = @(
        'New-EcsClusterX'
        'Get-EcsClusterX'
        'Update-EcsClusterX'
        'Remove-EcsClusterX'
        'Set-EcsClusterCapacityProviderX'
        'Register-EcsTaskDefinitionX'
        'Get-EcsTaskDefinitionX'
        'Export-EcsTaskDefinitionX'
        'Unregister-EcsTaskDefinitionX'
        'Remove-EcsTaskDefinitionX'
        'New-EcsContainerDefinitionX'
        'New-EcsServiceX'
        'Get-EcsServiceX'
        'Update-EcsServiceX'
        'Remove-EcsServiceX'
        'Wait-EcsServiceX'
        'Get-EcsServiceEventX'
        'Get-EcsServiceTargetHealthX'
        'Get-EcsServiceStatusX'
        'Get-EcsServiceDeploymentX'
        'Get-EcsTaskX'
        'Stop-EcsTaskX'
        'Get-EcsContainerInstanceX'
        'Set-EcsContainerInstanceStateX'
        'Remove-EcsContainerInstanceX'
        'New-EcsCapacityProviderX'
        'Get-EcsCapacityProviderX'
        'Update-EcsCapacityProviderX'
        'Remove-EcsCapacityProviderX'
        'Get-EcsTagX'
        'Add-EcsTagX'
        'Remove-EcsTagX'
        'Get-EcsAccountSettingX'
        'Set-EcsAccountSettingX'
        'Invoke-EcsCommandX'
        'Start-EcsTaskX'
        'Invoke-EcsTaskX'
        'Get-EcsLogX'
        'Wait-EcsTaskX'
        'Get-EcrRepositoryX'
        'Get-EcrImageX'
        'Resolve-EcrImageX'
        'Get-EcrLoginPasswordX'
        'Set-EcsServiceScalingX'
        'Get-EcsServiceScalingX'
        'Remove-EcsServiceScalingX'
        'Get-EcsServiceScalingActivityX'
        'Add-EcsServiceScheduledScalingX'
        'Remove-EcsServiceScheduledScalingX'
        'Undo-EcsServiceDeploymentX'
        'Get-EcsMetricX'
        'Test-EcsTaskDefinitionX'
        'Test-EcsServiceX'
        'Compare-EcsTaskDefinitionX'
    )
    FunctionsToExport    = @()
    AliasesToExport      = @()
    VariablesToExport    = @()
    PrivateData          = @{
        PSData = @{
            Tags         = @('AWS', 'ECS', 'Fargate', 'Containers', 'Cloud', 'PSEdition_Core', 'Linux', 'Windows', 'MacOS')
            LicenseUri   = 'https://www.apache.org/licenses/LICENSE-2.0'
            ReleaseNotes = 'Clusters: New, Get, Update, Remove, Set-EcsClusterCapacityProviderX.'
        }
    }
}
