# The admin flows through a relay in front of moto that throttles, answers 5xx, loses answers to
# requests that took effect, and adds latency (bench/faults/FaultSuite.psm1; the bench runs a
# bigger version and prints the table). Nothing may be done twice, hang, or fail unclearly.

BeforeAll {
    Import-Module (Join-Path $PSScriptRoot 'TestHelpers.psm1') -Force
    Import-Module (Join-Path $PSScriptRoot 'ServiceHelpers.psm1') -Force
    Import-Module (Join-Path $PSScriptRoot '../../bench/faults/FaultSuite.psm1') -Force
    $Endpoint = Initialize-EcsTestEnvironment
}

AfterAll {
    Clear-EcsTestEnvironment
}

Describe 'Admin flows under injected faults' {
    BeforeAll {
        # A fixed seed: the same requests meet the same faults on every run.
        $Result = Invoke-EcsFaultSuite -Endpoint $Endpoint -Flows 4 -Seed 11 -ThrottleRate 0.15 -ServerErrorRate 0.1 -LostAnswerRate 0.1
        $Table = @(Format-EcsFaultTable $Result)
        Write-Host ($Table | Format-Table -AutoSize | Out-String)
    }

    It 'met every kind of fault' {
        $Result.Faults.Throttled | Should -BeGreaterThan 0
        $Result.Faults.ServerError | Should -BeGreaterThan 0
        $Result.Faults.LostAnswer | Should -BeGreaterThan 0
    }

    It 'did nothing twice' {
        $Result.Duplicated | Should -Be 0
    }

    It 'stopped every task it said it stopped' {
        @($Result.Steps | Where-Object Command -eq 'Stop-EcsTaskX').Count | Should -BeGreaterThan 0
        $Result.Unstopped | Should -Be 0
    }

    It 'left the tags as Add-EcsTagX and Remove-EcsTagX asked, where both were done' {
        $Result.TagMismatch | Should -Be 0
        @($Result.Steps | Where-Object { $_.Command -eq 'Add-EcsTagX' -and $_.Outcome -eq 'Done' }).Count | Should -BeGreaterThan 0
    }

    It 'hung nowhere and failed only with clear errors' {
        @($Result.Steps | Where-Object Outcome -in 'Hung', 'FailedUnclearly') | Should -BeNullOrEmpty
    }

    It 'completed nearly every step (throttling and 5xx are retried, lost answers resolved)' {
        $done = @($Result.Steps | Where-Object Outcome -eq 'Done').Count
        $done / $Result.Steps.Count | Should -BeGreaterOrEqual 0.9 -Because (($Result.Steps | Where-Object Outcome -ne 'Done' | Out-String))
    }

    It 'left the scaling as Set- and Remove-EcsServiceScalingX asked, where they were done' {
        @($Result.Steps | Where-Object { $_.Command -eq 'Set-EcsServiceScalingX' -and $_.Outcome -eq 'Done' }).Count | Should -BeGreaterThan 0
        @($Result.Steps | Where-Object { $_.Command -eq 'Remove-EcsServiceScalingX' -and $_.Outcome -eq 'Done' }).Count | Should -BeGreaterThan 0
        $Result.ScalingMismatch | Should -Be 0
    }

    It 'sent only requests that fit the ECS model (and Application Auto Scaling''s, for its requests)' {
        foreach ($request in @($Result.Recorded | Where-Object Protocol -eq 'json')) {
            if ($request.Target -like 'AnyScaleFrontendService.*') {
                @(Test-EcsRequestShape -Service application-autoscaling -Operation $request.Operation -Body $request.Body) | Should -BeNullOrEmpty
                continue
            }
            @(Test-EcsRequestShape -Operation $request.Operation -Body $request.Body) | Should -BeNullOrEmpty
        }
    }
}

Describe 'Register-EcsTaskDefinitionX and Start-EcsTaskX when every other answer is lost' {
    It 'registers one revision per call and starts each task once' {
        $result = Invoke-EcsFaultSuite -Endpoint $Endpoint -Flows 3 -Seed 5 -ThrottleRate 0 -ServerErrorRate 0 -LostAnswerRate 0.5 -Latency 0 -LoseFirstAnswerOf RunTask
        $result.Faults.LostAnswer | Should -BeGreaterThan 0
        $result.Duplicated | Should -Be 0
        # Retries after lost answers came back with the client token of their first attempt
        # (CreateService, RunTask), which the relay answers as ECS would.
        $result.Deduplicated | Should -BeGreaterThan 0
        # Every RunTask lost its first answer, so each token was sent at least twice (the same
        # token each time), and moto still holds only the tasks asked for (Duplicated above).
        $byToken = @($result.Recorded | Where-Object Operation -eq 'RunTask' | Group-Object { ($_.Body | ConvertFrom-Json).clientToken })
        $byToken.Count | Should -BeGreaterThan 0
        $byToken | ForEach-Object { $_.Name | Should -Not -BeNullOrEmpty; $_.Count | Should -BeGreaterOrEqual 2 }
        @($result.Steps | Where-Object Outcome -in 'Hung', 'FailedUnclearly') | Should -BeNullOrEmpty
    }
}
