# Tab completion of resource names, through PowerShell's own completion engine (TabExpansion2),
# against moto: what an admin gets when pressing Tab at the prompt.

BeforeAll {
    Import-Module (Join-Path $PSScriptRoot 'TestHelpers.psm1') -Force
    $Endpoint = Initialize-EcsTestEnvironment
    Reset-EcsTestState -Endpoint $Endpoint
    $aws = @{ Region = 'us-east-1'; EndpointUrl = $Endpoint }
    $suffix = [guid]::NewGuid().ToString('N').Substring(0, 6)
    $Alpha = "comp-alpha-$suffix"
    $Beta = "comp-beta-$suffix"
    $Family = "compfam-$suffix"
    New-EcsClusterX $Alpha @aws | Out-Null
    New-EcsClusterX $Beta @aws | Out-Null
    $container = New-EcsContainerDefinitionX web nginx:1.27 -Memory 128 -Port 80
    Register-EcsTaskDefinitionX -Family $Family -ContainerDefinition $container -NetworkMode bridge -RequiresCompatibility EC2 @aws | Out-Null
    New-EcsServiceX "web-$suffix" -Cluster $Alpha -TaskDefinition $Family -DesiredCount 0 -LaunchType EC2 @aws | Out-Null
    New-EcsServiceX "worker-$suffix" -Cluster $Alpha -TaskDefinition $Family -DesiredCount 0 -LaunchType EC2 @aws | Out-Null

    # The completion texts PowerShell offers for the last word of a command line.
    function Complete([string] $line) {
        @((TabExpansion2 -inputScript $line -cursorColumn $line.Length).CompletionMatches | ForEach-Object CompletionText)
    }
    $Common = "-Region us-east-1 -EndpointUrl $Endpoint"
}

AfterAll {
    Clear-EcsTestEnvironment
}

Describe 'Tab completion' {
    It 'completes cluster names from the account and region on the command line' {
        $found = Complete "Get-EcsClusterX $Common -ClusterName comp-a"
        $found | Should -Contain $Alpha
        $found | Should -Not -Contain $Beta
    }

    It 'completes service names within the -Cluster on the command line' {
        $found = Complete "Get-EcsServiceX $Common -Cluster $Alpha -ServiceName w"
        $found | Should -Contain "web-$suffix"
        $found | Should -Contain "worker-$suffix"
        (Complete "Update-EcsServiceX $Common -Cluster $Alpha -ServiceName wo") | Should -Be @("worker-$suffix")
    }

    It 'offers no services of another cluster' {
        Complete "Get-EcsServiceX $Common -Cluster $Beta -ServiceName w" | Should -BeNullOrEmpty
    }

    It 'completes task definition families' {
        Complete "Get-EcsTaskDefinitionX $Common -TaskDefinition compfam" | Should -Contain $Family
    }

    It 'completes regions without calling AWS' {
        $found = Complete 'Get-EcsClusterX -Region eu-west-'
        $found | Should -Contain 'eu-west-1'
        $found | Should -Contain 'eu-west-3'
        $found | Should -Not -Contain 'us-east-1'
    }

    It 'offers the built-in capacity providers' {
        Complete 'New-EcsClusterX x -CapacityProvider FARGATE_' | Should -Be @('FARGATE_SPOT')
    }

    It 'offers nothing, and writes no error, when AWS cannot be reached' {
        $Error.Clear()
        Complete 'Get-EcsClusterX -Region us-east-1 -EndpointUrl http://127.0.0.1:9 -ClusterName comp' | Should -BeNullOrEmpty
        $Error.Count | Should -Be 0
    }
}
