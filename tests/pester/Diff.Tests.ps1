# Compare-EcsTaskDefinitionX and the diff of Update-EcsServiceX -WhatIf, run from the published
# module against moto_server on 127.0.0.1. Revisions are registered through the module, and the
# requests the comparisons send pass a recorder that forwards to moto, so each is checked against
# botocore's ECS model and nothing but reads is sent.

BeforeAll {
    Import-Module (Join-Path $PSScriptRoot 'TestHelpers.psm1') -Force
    Import-Module (Join-Path $PSScriptRoot 'ServiceHelpers.psm1') -Force
    $Endpoint = Initialize-EcsTestEnvironment
    $Aws = @{ Region = 'us-east-1'; EndpointUrl = $Endpoint }
    Reset-EcsTestState -Endpoint $Endpoint
    $WorkDir = Join-Path ([IO.Path]::GetTempPath()) ('ecsps-diff-tests-' + [guid]::NewGuid().ToString('N'))
    $null = New-Item -ItemType Directory -Path $WorkDir
    $forward = Start-RequestRecorder -ForwardTo $Endpoint
    $Via = @{ Region = 'us-east-1'; EndpointUrl = $forward.Url }

    # The registration as a file holds it: bridge networking, environment in a given order.
    function New-Definition([string] $Family, [string] $Image, [object[]] $Environment) {
        [ordered]@{
            family                  = $Family
            networkMode             = 'bridge'
            requiresCompatibilities = @('EC2')
            containerDefinitions    = @(
                [ordered]@{
                    name         = 'web'
                    image        = $Image
                    memory       = 256
                    portMappings = @(@{ containerPort = 80; hostPort = 0 })
                    environment  = @($Environment)
                }
            )
        }
    }
    function Register-Definition($Definition) {
        $path = Join-Path $WorkDir ("{0}-{1}.json" -f $Definition.family, [guid]::NewGuid().ToString('N'))
        $Definition | ConvertTo-Json -Depth 10 | Set-Content -Path $path -Encoding utf8NoBOM
        [pscustomobject]@{ Path = $path; Revision = (Register-EcsTaskDefinitionX -Path $path @Aws -ErrorAction Stop) }
    }
    function Assert-OnlyReads {
        $sent = @($forward.Requests)
        $sent.Count | Should -BeGreaterThan 0
        @($sent.Operation | Where-Object { $_ -notin 'DescribeServices', 'DescribeTaskDefinition' }) | Should -BeNullOrEmpty
        foreach ($request in $sent) {
            $problems = @(Test-EcsRequestShape -Operation $request.Operation -Body $request.Body)
            $problems | Should -BeNullOrEmpty -Because "the $($request.Operation) request must fit the ECS service model ($($request.Body))"
        }
    }
    # The whole What-if message, continuation lines included (the host writes it; a transcript reads it back).
    function Get-WhatIfText([scriptblock] $ScriptBlock) {
        $path = Join-Path $WorkDir ('whatif-' + [guid]::NewGuid().ToString('N') + '.txt')
        $null = Start-Transcript -Path $path -Force
        try { $output = @(& $ScriptBlock) } finally { $null = Stop-Transcript }
        $lines = @(Get-Content $path | ForEach-Object { $_ -replace "`e\[[0-9;?]*[A-Za-z]", '' })
        $start = [array]::FindIndex([string[]]$lines, [Predicate[string]] { param($l) $l -like 'What if: *' })
        $text = if ($start -ge 0) { @($lines[$start..($lines.Count - 1)] | Where-Object { $_ -like 'What if: *' -or $_ -like '  *' }) } else { @() }
        [pscustomobject]@{ Lines = $text; Output = $output }
    }

    $family = New-TestName 'diff'
    $first = Register-Definition (New-Definition $family 'public.ecr.aws/nginx/nginx:1.27' @(
            @{ name = 'LOG_LEVEL'; value = 'info' }, @{ name = 'REGION'; value = 'us-east-1' }))
    # The same variables in the other order, one of them changed, a new image.
    $second = Register-Definition (New-Definition $family 'public.ecr.aws/nginx/nginx:1.28' @(
            @{ name = 'REGION'; value = 'us-east-1' }, @{ name = 'LOG_LEVEL'; value = 'debug' }))
    $cluster = New-TestName 'diff'
    $null = New-EcsClusterX $cluster @Aws
    $serviceName = New-TestName 'diffsvc'
    $null = New-EcsServiceX $serviceName $first.Revision.FamilyRevision -Cluster $cluster -LaunchType EC2 -DesiredCount 0 @Aws
}

AfterAll {
    if ($forward) { $forward.Dispose() }
    if ($WorkDir) { Remove-Item $WorkDir -Recurse -Force -ErrorAction Ignore }
    Clear-EcsTestEnvironment
}

Describe 'Compare-EcsTaskDefinitionX' {
    BeforeEach { $forward.Clear() }

    It 'reports the image and the one variable that changed, matched by name, between two revisions' {
        $changes = @(Compare-EcsTaskDefinitionX -ReferenceObject $first.Revision.FamilyRevision -DifferenceObject $second.Revision.FamilyRevision @Via)

        $changes.Count | Should -Be 2
        $changes[0].GetType().FullName | Should -Be 'EcsPS.Engine.Ecs.TaskDefinitions.TaskDefinitionChange'
        $image = $changes | Where-Object Path -eq 'containerDefinitions[web].image'
        $image.Change | Should -Be 'Modified'
        $image.ReferenceValue | Should -Be 'public.ecr.aws/nginx/nginx:1.27'
        $image.DifferenceValue | Should -Be 'public.ecr.aws/nginx/nginx:1.28'
        $variable = $changes | Where-Object Path -eq 'containerDefinitions[web].environment[LOG_LEVEL]'
        $variable.ReferenceValue | Should -Be 'info'
        $variable.DifferenceValue | Should -Be 'debug'
        $variable.Reference | Should -Be $first.Revision.FamilyRevision
        $variable.Difference | Should -Be $second.Revision.FamilyRevision
        Assert-OnlyReads
    }

    It 'finds no change between a file and the revision registered from it, and says so with -Verbose' {
        $out = Compare-EcsTaskDefinitionX $first.Path $first.Revision.TaskDefinitionArn -Verbose @Via 4>&1
        @($out | Where-Object { $_ -isnot [System.Management.Automation.VerboseRecord] }) | Should -BeNullOrEmpty
        ($out | Where-Object { $_ -is [System.Management.Automation.VerboseRecord] }).Message | Should -Contain "$($first.Path) and $($first.Revision.TaskDefinitionArn) have the same settings."
    }

    It 'compares two files and an object from ConvertFrom-Json without sending anything' {
        $edited = Get-Content $first.Path -Raw | ConvertFrom-Json
        $edited.containerDefinitions[0].memory = 512
        $changes = @(Compare-EcsTaskDefinitionX $first.Path $edited @Via)
        $forward.Requests.Count | Should -Be 0
        $changes.Count | Should -Be 1
        $changes[0].Path | Should -Be 'containerDefinitions[web].memory'
        $changes[0].ToString() | Should -Be 'containerDefinitions[web].memory: 256 -> 512'

        @(Compare-EcsTaskDefinitionX $first.Path (Get-Item $second.Path) @Via).Path | Should -Be @('containerDefinitions[web].image', 'containerDefinitions[web].environment[LOG_LEVEL]')
        $forward.Requests.Count | Should -Be 0
    }

    It 'compares a piped service with the revision -Image would register, and registers nothing' {
        $before = @(Get-EcsTaskDefinitionX -Family $family -AllRevisions @Aws).Count
        $changes = @(Get-EcsServiceX $serviceName -Cluster $cluster @Aws | Compare-EcsTaskDefinitionX -Image @{ web = 'public.ecr.aws/nginx/nginx:1.29' } @Via)

        $changes.Count | Should -Be 1
        $changes[0].Path | Should -Be 'containerDefinitions[web].image'
        $changes[0].ReferenceValue | Should -Be 'public.ecr.aws/nginx/nginx:1.27'
        $changes[0].DifferenceValue | Should -Be 'public.ecr.aws/nginx/nginx:1.29'
        $changes[0].Reference | Should -Match ([regex]::Escape($first.Revision.FamilyRevision))
        Assert-OnlyReads
        @(Get-EcsTaskDefinitionX -Family $family -AllRevisions @Aws).Count | Should -Be $before
    }

    It 'compares a service with -TaskDefinition and with a -Path file' {
        $byName = @(Compare-EcsTaskDefinitionX -ServiceName $serviceName -Cluster $cluster -TaskDefinition $second.Revision.FamilyRevision @Via)
        $byFile = @(Compare-EcsTaskDefinitionX -ServiceName $serviceName -Cluster $cluster -Path $second.Path @Via)

        $byName.Path | Should -Be @('containerDefinitions[web].image', 'containerDefinitions[web].environment[LOG_LEVEL]')
        $byFile.Path | Should -Be $byName.Path
        $byFile[1].DifferenceValue | Should -Be 'debug'
        Assert-OnlyReads
    }

    It 'reports a revision that does not exist as TaskDefinitionNotFoundException' {
        $out = Compare-EcsTaskDefinitionX "$family-missing:1" $first.Revision.FamilyRevision @Via -ErrorVariable failures -ErrorAction SilentlyContinue
        $out | Should -BeNullOrEmpty
        $failures.Count | Should -Be 1
        $failures[0].FullyQualifiedErrorId | Should -BeLike 'TaskDefinitionNotFoundException*'
        $failures[0].CategoryInfo.Category | Should -Be 'ObjectNotFound'
    }

    It 'shows the changes in a table that fits 120 columns' {
        $table = Compare-EcsTaskDefinitionX $first.Revision.FamilyRevision $second.Revision.FamilyRevision @Via | Format-Table | Out-String -Width 120
        $table | Should -Match 'Path\s+Change\s+ReferenceValue\s+DifferenceValue'
        $table | Should -Match 'containerDefinitions\[web\]\.environment\[LOG_LEVEL\]\s+Modified\s+info\s+debug'
    }
}

Describe 'Update-EcsServiceX -WhatIf' {
    BeforeEach { $forward.Clear() }

    It 'lists each task definition setting that -TaskDefinition would change, and changes nothing' {
        $run = Get-WhatIfText { Update-EcsServiceX $serviceName -Cluster $cluster -TaskDefinition $second.Revision.FamilyRevision -DesiredCount 2 -WhatIf @Via }

        $run.Output | Should -BeNullOrEmpty
        $run.Lines[0] | Should -Match ([regex]::Escape("task definition $($first.Revision.FamilyRevision) -> $($second.Revision.FamilyRevision)"))
        $run.Lines | Should -Contain '  desired count: 0 -> 2'
        $run.Lines | Should -Contain "  task definition: $($first.Revision.FamilyRevision) -> $($second.Revision.FamilyRevision)"
        $run.Lines | Should -Contain '    containerDefinitions[web].environment[LOG_LEVEL]: info -> debug'
        $run.Lines | Should -Contain '    containerDefinitions[web].image: public.ecr.aws/nginx/nginx:1.27 -> public.ecr.aws/nginx/nginx:1.28'
        Assert-OnlyReads
        (Get-EcsServiceX $serviceName -Cluster $cluster @Aws).TaskDefinition | Should -Be $first.Revision.TaskDefinitionArn
    }

    It 'lists the image change of -Image' {
        $run = Get-WhatIfText { Update-EcsServiceX $serviceName -Cluster $cluster -Image @{ web = 'public.ecr.aws/nginx/nginx:1.29' } -WhatIf @Via }

        $run.Lines | Should -Contain "  task definition: $($first.Revision.FamilyRevision) -> a new revision of $family"
        $run.Lines | Should -Contain '    containerDefinitions[web].image: public.ecr.aws/nginx/nginx:1.27 -> public.ecr.aws/nginx/nginx:1.29'
        @($run.Lines | Where-Object { $_ -like '    *' }).Count | Should -Be 1
        Assert-OnlyReads
    }
}
