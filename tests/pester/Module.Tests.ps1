# The published module as a whole: its manifest, its exported commands and their help.
# No AWS calls here, so no moto is needed; the environment is isolated all the same.

BeforeDiscovery {
    Import-Module (Join-Path $PSScriptRoot 'TestHelpers.psm1') -Force
    $manifest = Import-PowerShellDataFile (Get-EcsTestModulePath)
    $Exported = @($manifest.CmdletsToExport | ForEach-Object { @{ Name = $_ } })
}

BeforeAll {
    Import-Module (Join-Path $PSScriptRoot 'TestHelpers.psm1') -Force
    $null = Initialize-EcsTestEnvironment -NoServer
    $ModulePath = Get-EcsTestModulePath
    $Module = Get-Module EcsPS
    # Parameters every cmdlet gets from PowerShell itself; their help comes from about_CommonParameters.
    $CommonParameters = [System.Management.Automation.PSCmdlet]::CommonParameters +
        [System.Management.Automation.PSCmdlet]::OptionalCommonParameters
}

AfterAll {
    Clear-EcsTestEnvironment
}

Describe 'The module manifest' {
    It 'passes Test-ModuleManifest' {
        $info = Test-ModuleManifest -Path $ModulePath -ErrorAction Stop
        $info.Name | Should -Be 'EcsPS'
        $info.Version | Should -BeGreaterThan ([version]'0.0')
    }

    It 'is the module that was imported' {
        $Module | Should -Not -BeNullOrEmpty
        $Module.Path | Should -Not -BeNullOrEmpty
        (Split-Path $Module.ModuleBase -Leaf) | Should -Be (Split-Path (Split-Path $ModulePath -Parent) -Leaf)
    }

    It 'exports exactly the cmdlets the assembly defines' {
        $defined = @($Module.ImplementingAssembly.GetTypes() |
                Where-Object { $_.IsPublic -and -not $_.IsAbstract -and $_.GetCustomAttributes([System.Management.Automation.CmdletAttribute], $false) } |
                ForEach-Object {
                    $attribute = $_.GetCustomAttributes([System.Management.Automation.CmdletAttribute], $false)[0]
                    "$($attribute.VerbName)-$($attribute.NounName)"
                } | Sort-Object)
        $defined.Count | Should -BeGreaterThan 0
        @($Module.ExportedCmdlets.Keys | Sort-Object) | Should -Be $defined
    }

    It 'has a help page only for cmdlets it exports' {
        $repo = (Resolve-Path (Join-Path $PSScriptRoot '../..')).Path
        $pages = @(Get-ChildItem (Join-Path $repo 'docs') -Filter '*-Ec*X.md' | ForEach-Object BaseName)
        $pages.Count | Should -BeGreaterThan 0
        @($pages | Where-Object { $_ -notin $Module.ExportedCmdlets.Keys }) | Should -BeNullOrEmpty -Because 'a page for a cmdlet that is not exported documents nothing'
    }

    It 'exports no functions or variables' {
        $Module.ExportedFunctions.Count | Should -Be 0
        $Module.ExportedVariables.Count | Should -Be 0
    }
}

Describe 'Exported cmdlet <Name>' -ForEach $Exported {
    BeforeAll {
        $command = Get-Command -Name $Name -Module EcsPS -ErrorAction Stop
        $repo = (Resolve-Path (Join-Path $PSScriptRoot '../..')).Path
    }

    # The steps of "adding a cmdlet" in docs/CONTRIBUTING.md that a build would not notice.
    It 'has its help page, docs/<Name>.md (CONTRIBUTING: help page)' {
        Join-Path $repo "docs/$Name.md" | Should -Exist
    }

    It 'has its row in the README cmdlet table (CONTRIBUTING: README row)' {
        Get-Content (Join-Path $repo 'README.md') | Where-Object { $_.StartsWith("| ``$Name`` |") } | Should -Not -BeNullOrEmpty
    }

    It 'is run by at least one Pester test against the published module (CONTRIBUTING: tests)' {
        $uses = Get-ChildItem (Join-Path $repo 'tests/pester') -Filter '*.Tests.ps1' |
            Where-Object Name -ne 'Module.Tests.ps1' |
            Select-String -Pattern "\b$([regex]::Escape($Name))\b" -List
        $uses | Should -Not -BeNullOrEmpty
    }

    It 'has at least 3 cases in tests/bad-inputs.psd1, the table of input refused before sending (CONTRIBUTING: tests)' {
        $cases = @((Import-PowerShellDataFile -SkipLimitCheck (Join-Path $repo 'tests/bad-inputs.psd1')).Cases | Where-Object { $_.Cmdlet -eq $Name })
        $cases.Count | Should -BeGreaterOrEqual 3 -Because "every cmdlet shows that it refuses bad input before sending (BadInput.Tests.ps1 runs the table)"
    }

    It 'is named Verb-EcsNounX with an approved verb' {
        $Name | Should -MatchExactly '^[A-Z][a-z]+-Ec[sr][A-Za-z]+X$'
        (Get-Verb).Verb | Should -Contain $command.Verb
    }

    It 'declares its OutputType' {
        @($command.OutputType).Count | Should -BeGreaterThan 0
        foreach ($output in $command.OutputType) { $output.Type | Should -Not -BeNullOrEmpty }
    }

    It 'has a table view for each type it outputs' {
        # Views are for the module's own types; a plain string or SecureString (Resolve-EcrImageX,
        # Get-EcrLoginPasswordX) keeps PowerShell's own display.
        foreach ($output in @($command.OutputType | Where-Object { $_.Type.FullName -like 'EcsPS.*' })) {
            $views = @(Get-FormatData -TypeName $output.Type.FullName -PowerShellVersion $PSVersionTable.PSVersion)
            $views.Count | Should -BeGreaterThan 0 -Because "$($output.Type.FullName) needs a view in EcsPS.Format.ps1xml"
            @($views.FormatViewDefinition.Control | Where-Object { $_ -is [System.Management.Automation.TableControl] }).Count |
                Should -BeGreaterThan 0
        }
    }
}

Describe 'Help for <Name>' -ForEach $Exported {
    BeforeAll {
        $command = Get-Command -Name $Name -Module EcsPS -ErrorAction Stop
        $help = Get-Help -Name $Name -Full -ErrorAction Stop
        $documented = @{}
        foreach ($parameter in @($help.parameters.parameter)) {
            if ($parameter) { $documented[[string]$parameter.name] = $parameter }
        }
        $ownParameters = @($command.Parameters.Keys | Where-Object { $_ -notin $CommonParameters })
    }

    It 'has a synopsis' {
        $synopsis = ([string]$help.Synopsis).Trim()
        $synopsis | Should -Not -BeNullOrEmpty
        # With no help file PowerShell puts the syntax in the synopsis; that is not a synopsis.
        $synopsis | Should -Not -Match "^$([regex]::Escape($Name))\b"
        $synopsis | Should -Not -Match '\[-\w+\]|<\w+(\[\])?>'
    }

    It 'has a description' {
        (@($help.description | ForEach-Object { $_.Text }) -join '').Trim() | Should -Not -BeNullOrEmpty
    }

    It 'has at least two examples that use it, with code and an explanation' {
        $examples = @($help.examples.example | Where-Object { $_ })
        foreach ($example in $examples) {
            ([string]$example.code).Trim() | Should -Not -BeNullOrEmpty
        }
        $explained = @($examples | Where-Object {
                ([string]$_.code) -match [regex]::Escape($Name) -and
                (@($_.remarks | ForEach-Object { $_.Text }) -join '').Trim()
            })
        $explained.Count | Should -BeGreaterOrEqual 2
    }

    It 'describes every parameter' {
        $ownParameters.Count | Should -BeGreaterThan 0
        $undocumented = foreach ($parameter in $ownParameters) {
            $entry = $documented[$parameter]
            $text = if ($entry) { (@($entry.description | ForEach-Object { $_.Text }) -join '').Trim() } else { '' }
            if (-not $text) { $parameter }
        }
        $undocumented | Should -BeNullOrEmpty -Because 'every parameter needs a description in the help'
    }

    It 'documents no parameter the cmdlet does not have' {
        $extra = @($documented.Keys | Where-Object { $_ -notin $command.Parameters.Keys })
        $extra | Should -BeNullOrEmpty
    }
}
