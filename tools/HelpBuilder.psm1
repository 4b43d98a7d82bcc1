<#
HelpBuilder: turns the markdown help pages in docs/ into the help files Get-Help reads.

  ConvertTo-MamlHelp -DocsPath docs -OutputPath out/EcsPS -ModuleName EcsPS

writes <OutputPath>/en-US/EcsPS.dll-Help.xml (MAML, for the binary cmdlets) and
<OutputPath>/en-US/about_*.help.txt (plain text about topics). It throws, listing every problem
at once, when the pages and the built cmdlets disagree, so stale help fails the build.

The cmdlets themselves are the truth for everything a page must not restate: parameter types,
Mandatory, Position, pipeline input, aliases, wildcards, accepted values, parameter sets and
syntax. They are read from the built module in a child pwsh, so the build process never loads
(and locks, or keeps a stale copy of) the assembly it has just produced.

MARKDOWN FORMAT (also in docs/README.md)

Cmdlet pages: docs/<Verb-Noun>.md, one per exported cmdlet. Files named README.md,
CONTRIBUTING.md, about_*.md or starting with '_' are not cmdlet pages.

  # Verb-Noun                      first line; must equal the file name and the cmdlet name
  ## SYNOPSIS                      required: exactly one paragraph
  ## DESCRIPTION                   required: paragraphs, lists, code blocks
  ## EXAMPLES                      required: at least two examples
  ### Example 1: What it shows     any title
  ```powershell                    first thing under the title: the code (powershell, pwsh,
  code                             ps1 or no language)
  ```
  remarks                          everything after the code; further fenced blocks (sample
                                   output) are kept verbatim
  ## PARAMETERS
  ### -Name                        one per parameter; body = description (Get-Help lists
                                   them in syntax order, whatever the order here)
  Default value: text              optional paragraph of its own: the default Get-Help shows
                                   (otherwise None, or False for a switch)
  ## INPUTS                        ### <type name> + description, per type (### None allowed)
  ## OUTPUTS                       same; must name every [OutputType] the cmdlet declares
  ## NOTES                         paragraphs
  ## RELATED LINKS                 list items: - [Text](https://url), - [Get-X](Get-X.md), - Text

Level-2 headings are matched case-insensitively; any other level-2 heading, a level-3 heading
outside EXAMPLES/PARAMETERS/INPUTS/OUTPUTS, text in those four sections that is not under a
level-3 heading, or a level-4 heading is an error. There is no SYNTAX section: syntax comes
from the cmdlet.

Text: blank lines separate paragraphs; lines within a paragraph are joined (soft wrap); lines
starting with '- ', '* ', '+ ' or '1. ' are list items; ``` or ~~~ fences are kept verbatim;
lines starting with '|' (table rows) are kept verbatim. Inline markup is reduced to plain text:
`code` and **bold** lose their markers, [text](https://url) becomes "text (https://url)",
[text](Page.md) becomes "text", and a backslash escapes the next punctuation character.

Every parameter of the cmdlet must be documented, except the PowerShell common parameters and
-WhatIf/-Confirm (which fall back to a stock sentence). docs/_CommonParameters.md holds ### -Name sections (same rules; anything
before the first ### is ignored) merged into every page whose cmdlet has that parameter; a page
that documents the parameter itself overrides the shared text. Every section there must match a
parameter of at least one exported cmdlet.

About topics: docs/about_<Topic>.md (about_<ModuleName>.md is required) becomes
en-US/about_<Topic>.help.txt, wrapped at 80 columns:

  # about_Topic                    -> TOPIC / about_Topic
  ## SHORT DESCRIPTION             required, first, one paragraph
  ## LONG DESCRIPTION              required
  ## ANY HEADING                   -> upper-case heading at column 0, text indented 4
  ### Sub heading                  -> indented 4 and underlined with dashes
  code fences                      -> indented 8, never wrapped: lines over 72 are an error
#>
Set-StrictMode -Version Latest

$script:NsMaml = 'http://schemas.microsoft.com/maml/2004/10'
$script:NsCommand = 'http://schemas.microsoft.com/maml/dev/command/2004/10'
$script:NsDev = 'http://schemas.microsoft.com/maml/dev/2004/10'
$script:PageSections = 'SYNOPSIS', 'DESCRIPTION', 'EXAMPLES', 'PARAMETERS', 'INPUTS', 'OUTPUTS', 'NOTES', 'RELATED LINKS'
$script:CodeLanguages = '', 'powershell', 'pwsh', 'ps1', 'ps'
$script:AboutWidth = 80

# Used only when neither the page nor _CommonParameters.md describes them.
$script:BuiltInText = @{
    WhatIf  = 'Shows what would happen if the cmdlet runs. The cmdlet is not run.'
    Confirm = 'Prompts you for confirmation before running the cmdlet.'
}

#region Markdown reading

function Read-MarkdownBlock {
    # One pass over the file: headings, paragraphs, list items, table rows and fenced code,
    # each with its line number so that problems can point at the line.
    param([string] $Path, [System.Collections.Generic.List[string]] $Problems, [string] $Display)

    $blocks = [System.Collections.Generic.List[object]]::new()
    $lines = [System.IO.File]::ReadAllLines($Path)
    $open = $null
    $fence = $null

    for ($i = 0; $i -lt $lines.Length; $i++) {
        $line = $lines[$i]
        $number = $i + 1
        if ($fence) {
            if ($line.Trim() -eq $fence.Marker) {
                $blocks.Add([pscustomobject]@{ Kind = 'Code'; Lang = $fence.Lang; Text = ($fence.Lines -join "`n"); Line = $fence.Line })
                $fence = $null
            } else {
                # Strip the fence's own indentation so that code inside a list item stays flush.
                $fence.Lines.Add($(if ($line.StartsWith($fence.Indent)) { $line.Substring($fence.Indent.Length) } else { $line.TrimStart() }))
            }
            continue
        }
        if ($line -match '^(\s*)(`{3,}|~{3,})\s*([\w+-]*)\s*$') {
            if ($open) { $blocks.Add($open); $open = $null }
            $fence = @{ Indent = $Matches[1]; Marker = $Matches[2]; Lang = $Matches[3].ToLowerInvariant(); Lines = [System.Collections.Generic.List[string]]::new(); Line = $number }
            continue
        }
        if ($line.Trim().Length -eq 0) {
            if ($open) { $blocks.Add($open); $open = $null }
            continue
        }
        if ($line -match '^(#{1,6})\s+(.*?)\s*$') {
            if ($open) { $blocks.Add($open); $open = $null }
            $blocks.Add([pscustomobject]@{ Kind = 'Heading'; Level = $Matches[1].Length; Text = $Matches[2]; Line = $number })
            continue
        }
        if ($line -match '^\s*\|') {
            if ($open) { $blocks.Add($open); $open = $null }
            $blocks.Add([pscustomobject]@{ Kind = 'Row'; Text = $line.TrimEnd(); Line = $number })
            continue
        }
        if ($line -match '^(\s*)([-*+]|\d+[.)])\s+(.*)$') {
            if ($open) { $blocks.Add($open) }
            $open = [pscustomobject]@{ Kind = 'Item'; Indent = $Matches[1].Length; Marker = $Matches[2]; Text = $Matches[3].Trim(); Line = $number }
            continue
        }
        if ($open) {
            $open.Text = $open.Text + ' ' + $line.Trim()
        } else {
            $open = [pscustomobject]@{ Kind = 'Para'; Text = $line.Trim(); Line = $number }
        }
    }
    if ($open) { $blocks.Add($open) }
    if ($fence) { $Problems.Add("${Display}:$($fence.Line): the code fence opened here is never closed.") }
    , $blocks
}

function ConvertFrom-InlineMarkdown {
    param([string] $Text)
    # Most text has no markup at all, and this runs for every paragraph.
    if ($Text.IndexOfAny([char[]]'[`*\') -lt 0) { return $Text }
    # Links first, while their brackets are still intact; web links keep their address.
    $Text = $Text -replace '\[([^\]]+)\]\((https?://[^)\s]+)\)', '$1 ($2)' -replace '\[([^\]]+)\]\(([^)\s]+)\)', '$1'
    $Text = $Text -replace '`([^`]+)`', '$1'
    $Text = $Text.Replace('**', '')
    $Text -replace '\\([\\`*_{}\[\]()#+\-.!|<>])', '$1'
}

function ConvertTo-Paragraph {
    # MAML paragraphs keep their line breaks in Get-Help, so a run of list items or table rows,
    # and a code block, each become one paragraph with its lines intact.
    param($Blocks)
    $paras = [System.Collections.Generic.List[string]]::new()
    $run = $null
    $runKind = $null
    foreach ($b in $Blocks) {
        if ($b.Kind -ne $runKind -and $run) { $paras.Add(($run -join "`n")); $run = $null; $runKind = $null }
        switch ($b.Kind) {
            'Para' { $paras.Add((ConvertFrom-InlineMarkdown $b.Text)) }
            'Code' { $paras.Add($b.Text) }
            'Item' {
                if (-not $run) { $run = [System.Collections.Generic.List[string]]::new(); $runKind = 'Item' }
                $marker = if ($b.Marker -match '^\d') { $b.Marker } else { '-' }
                $run.Add((' ' * [Math]::Min($b.Indent, 8)) + $marker + ' ' + (ConvertFrom-InlineMarkdown $b.Text))
            }
            'Row' {
                if (-not $run) { $run = [System.Collections.Generic.List[string]]::new(); $runKind = 'Row' }
                $run.Add($b.Text)
            }
        }
    }
    if ($run) { $paras.Add(($run -join "`n")) }
    # The comma keeps an empty or one-item result an array; callers must not wrap it in @().
    , $paras.ToArray()
}

function Split-Section {
    # Groups blocks under the headings of one level: the blocks before the first such heading
    # (Preamble), then one section (Title, Line, Blocks) per heading.
    param($Blocks, [int] $Level)
    $sections = [System.Collections.Generic.List[object]]::new()
    $current = $null
    $preamble = [System.Collections.Generic.List[object]]::new()
    foreach ($b in $Blocks) {
        if ($b.Kind -eq 'Heading' -and $b.Level -eq $Level) {
            $current = [pscustomobject]@{ Title = $b.Text; Line = $b.Line; Blocks = [System.Collections.Generic.List[object]]::new() }
            $sections.Add($current)
        } elseif ($current) {
            $current.Blocks.Add($b)
        } else {
            $preamble.Add($b)
        }
    }
    [pscustomobject]@{ Preamble = $preamble; Sections = $sections }
}

function Read-ParameterSection {
    # '### -Name' sections (a page's PARAMETERS, or _CommonParameters.md) -> name -> description.
    param($Sections, [string] $Display, [System.Collections.Generic.List[string]] $Problems)
    $result = [ordered]@{}
    foreach ($s in $Sections) {
        if ($s.Title -notmatch '^-([A-Za-z][\w]*)$') {
            $Problems.Add("${Display}:$($s.Line): '### $($s.Title)' is not a parameter heading; write '### -ParameterName'.")
            continue
        }
        $name = $Matches[1]
        if ($result.Contains($name)) {
            $Problems.Add("${Display}:$($s.Line): -$name is documented twice.")
            continue
        }
        $default = $null
        $body = [System.Collections.Generic.List[object]]::new()
        foreach ($b in $s.Blocks) {
            if ($b.Kind -eq 'Para' -and $b.Text -match '^Default value:\s*(.*)$') { $default = ConvertFrom-InlineMarkdown $Matches[1]; continue }
            if ($b.Kind -eq 'Heading') { $Problems.Add("${Display}:$($b.Line): headings are not allowed inside a parameter's description."); continue }
            $body.Add($b)
        }
        $paras = ConvertTo-Paragraph $body
        if ($paras.Count -eq 0) { $Problems.Add("${Display}:$($s.Line): -$name has no description.") }
        $result[$name] = [pscustomobject]@{ Name = $name; Paras = $paras; Default = $default; Source = $Display }
    }
    $result
}

function Read-CmdletPage {
    param([string] $Path, [string] $Display, [string] $CommandName, [System.Collections.Generic.List[string]] $Problems)

    $blocks = Read-MarkdownBlock -Path $Path -Problems $Problems -Display $Display
    $top = Split-Section $blocks 1
    $page = [pscustomobject]@{
        Synopsis = $null; Description = @(); Examples = [System.Collections.Generic.List[object]]::new()
        Parameters = [ordered]@{}; Inputs = @(); Outputs = @(); Notes = @(); Links = [System.Collections.Generic.List[object]]::new()
    }
    if ($top.Sections.Count -ne 1 -or $top.Preamble.Count -gt 0 -or $top.Sections[0].Title -cne $CommandName) {
        $Problems.Add("${Display}: the page must start with '# $CommandName' and have no other level-1 heading.")
        if ($top.Sections.Count -eq 0) { return $page }
    }
    $sections = Split-Section $top.Sections[0].Blocks 2
    if ($sections.Preamble.Count -gt 0) {
        $Problems.Add("${Display}:$($sections.Preamble[0].Line): text before the first '## ' section; put it under ## DESCRIPTION.")
    }
    $seen = @{}
    foreach ($s in $sections.Sections) {
        $name = $s.Title.ToUpperInvariant()
        if ($name -notin $script:PageSections) {
            $Problems.Add("${Display}:$($s.Line): unknown section '## $($s.Title)'. Allowed: $($script:PageSections -join ', ') (syntax is generated from the cmdlet).")
            continue
        }
        if ($seen[$name]) { $Problems.Add("${Display}:$($s.Line): '## $name' appears twice."); continue }
        $seen[$name] = $true
        $sub = Split-Section $s.Blocks 3
        $deep = @($s.Blocks | Where-Object { $_.Kind -eq 'Heading' -and $_.Level -ne 3 })
        foreach ($h in $deep) { $Problems.Add("${Display}:$($h.Line): only '###' headings may appear inside '## $name'.") }
        $flat = $name -in 'SYNOPSIS', 'DESCRIPTION', 'NOTES', 'RELATED LINKS'
        if ($flat -and $sub.Sections.Count -gt 0) {
            $Problems.Add("${Display}:$($sub.Sections[0].Line): '## $name' cannot have '###' sub-headings.")
        }
        if (-not $flat -and $sub.Preamble.Count -gt 0) {
            $Problems.Add("${Display}:$($sub.Preamble[0].Line): text under '## $name' must sit below a '### ' heading.")
        }
        switch ($name) {
            'SYNOPSIS' {
                $paras = ConvertTo-Paragraph $sub.Preamble
                if ($paras.Count -ne 1 -or @($sub.Preamble | Where-Object Kind -ne 'Para').Count -gt 0) {
                    $Problems.Add("${Display}:$($s.Line): ## SYNOPSIS must be exactly one paragraph of plain text.")
                }
                if ($paras.Count -gt 0) { $page.Synopsis = $paras[0] }
            }
            'DESCRIPTION' { $page.Description = ConvertTo-Paragraph $sub.Preamble }
            'NOTES' { $page.Notes = ConvertTo-Paragraph $sub.Preamble }
            'RELATED LINKS' {
                foreach ($b in $sub.Preamble) {
                    if ($b.Kind -notin 'Item', 'Para') { $Problems.Add("${Display}:$($b.Line): ## RELATED LINKS takes list items such as '- [Get-Thing](Get-Thing.md)'."); continue }
                    if ($b.Text -match '^\[([^\]]+)\]\(([^)\s]+)\)$') {
                        $text = $Matches[1]; $target = $Matches[2]
                        if ($target -match '^https?://') {
                            $page.Links.Add([pscustomobject]@{ Text = $text; Uri = $target })
                        } else {
                            if (-not (Test-Path -LiteralPath (Join-Path (Split-Path $Path) $target))) {
                                $Problems.Add("${Display}:$($b.Line): the link target '$target' does not exist in the docs folder.")
                            }
                            $page.Links.Add([pscustomobject]@{ Text = $text; Uri = '' })
                        }
                    } else {
                        $page.Links.Add([pscustomobject]@{ Text = (ConvertFrom-InlineMarkdown $b.Text); Uri = '' })
                    }
                }
            }
            'EXAMPLES' {
                foreach ($ex in $sub.Sections) {
                    $first = if ($ex.Blocks.Count -gt 0) { $ex.Blocks[0] } else { $null }
                    if (-not $first -or $first.Kind -ne 'Code' -or $first.Lang -notin $script:CodeLanguages) {
                        $Problems.Add("${Display}:$($ex.Line): example '$($ex.Title)' must start with a " + '```powershell code block (explanations go after the code).')
                        continue
                    }
                    if ($first.Text.Trim().Length -eq 0) {
                        $Problems.Add("${Display}:$($ex.Line): example '$($ex.Title)' has an empty code block.")
                        continue
                    }
                    $rest = [System.Collections.Generic.List[object]]::new()
                    for ($k = 1; $k -lt $ex.Blocks.Count; $k++) { $rest.Add($ex.Blocks[$k]) }
                    $page.Examples.Add([pscustomobject]@{ Title = (ConvertFrom-InlineMarkdown $ex.Title); Code = $first.Text; Remarks = (ConvertTo-Paragraph $rest) })
                }
            }
            'PARAMETERS' { $page.Parameters = Read-ParameterSection -Sections $sub.Sections -Display $Display -Problems $Problems }
            { $_ -in 'INPUTS', 'OUTPUTS' } {
                $types = foreach ($t in $sub.Sections) {
                    [pscustomobject]@{ Type = (ConvertFrom-InlineMarkdown $t.Title); Paras = (ConvertTo-Paragraph $t.Blocks) }
                }
                if ($name -eq 'INPUTS') { $page.Inputs = @($types) } else { $page.Outputs = @($types) }
            }
        }
    }
    foreach ($required in 'SYNOPSIS', 'DESCRIPTION', 'EXAMPLES') {
        if (-not $seen[$required]) { $Problems.Add("${Display}: the '## $required' section is missing.") }
    }
    if ($seen['DESCRIPTION'] -and $page.Description.Count -eq 0) { $Problems.Add("${Display}: ## DESCRIPTION is empty.") }
    if ($seen['EXAMPLES'] -and $page.Examples.Count -lt 2) {
        $Problems.Add("${Display}: has $($page.Examples.Count) usable example(s); every cmdlet needs at least 2 " + '(''### Example N: title'' followed by a ```powershell block).')
    }
    $page
}

#endregion

#region Cmdlet metadata

function Start-CmdletMetadata {
    # A child pwsh imports the built module and reports what Get-Command knows, as JSON. It
    # starts first and the pages are parsed while it loads, which hides most of its start-up.
    param([string] $ManifestPath)

    $jsonPath = [System.IO.Path]::GetTempFileName()
    $quote = { param($s) "'" + $s.Replace("'", "''") + "'" }
    # Plain loops rather than pipelines: this runs in a cold process, where every cmdlet used
    # for the first time costs start-up time.
    $script = @'
$ErrorActionPreference = 'Stop'
$module = Import-Module -Name @@MANIFEST@@ -PassThru -DisableNameChecking
$skip = [System.Collections.Generic.HashSet[string]]::new(
    [string[]]([System.Management.Automation.PSCmdlet]::CommonParameters + 'UseTransaction'), [StringComparer]::OrdinalIgnoreCase)
$commands = [System.Collections.Generic.SortedDictionary[string, object]]::new([StringComparer]::Ordinal)
foreach ($c in $module.ExportedCmdlets.Values) {
    $parameters = foreach ($p in $c.Parameters.Values) {
        if ($skip.Contains($p.Name)) { continue }
        $t = $p.ParameterType
        $element = if ($t.IsArray) { $t.GetElementType() } else { $t }
        $valid = [System.Collections.Generic.List[string]]::new()
        if ($element.IsEnum) { $valid.AddRange([string[]][enum]::GetNames($element)) }
        $wildcards = $false
        foreach ($a in $p.Attributes) {
            if ($a -is [System.Management.Automation.ValidateSetAttribute]) { $valid.AddRange([string[]]$a.ValidValues) }
            elseif ($a -is [System.Management.Automation.SupportsWildcardsAttribute]) { $wildcards = $true }
        }
        [pscustomobject]@{
            Name = $p.Name; Type = $t.FullName; IsSwitch = $p.SwitchParameter; IsArray = $t.IsArray
            ShortType = if ($t.IsGenericType) { [Microsoft.PowerShell.ToStringCodeMethods]::Type($t) } else { $t.Name }
            Aliases = @($p.Aliases); Wildcards = $wildcards; ValidValues = @($valid)
            Sets = @(foreach ($kv in $p.ParameterSets.GetEnumerator()) {
                [pscustomobject]@{ SetName = $kv.Key; Mandatory = $kv.Value.IsMandatory; Position = $kv.Value.Position
                    ByValue = $kv.Value.ValueFromPipeline; ByPropertyName = $kv.Value.ValueFromPipelineByPropertyName }
            })
        }
    }
    $sets = foreach ($s in $c.ParameterSets) {
        # PowerShell's own syntax order: positional parameters by position, then the rest as declared.
        $positional = [System.Collections.Generic.SortedDictionary[int, object]]::new()
        $named = [System.Collections.Generic.List[object]]::new()
        foreach ($sp in $s.Parameters) {
            if ($skip.Contains($sp.Name)) { continue }
            $entry = [pscustomobject]@{ Name = $sp.Name; Mandatory = $sp.IsMandatory; Position = $sp.Position }
            if ($sp.Position -ge 0) { $positional[$sp.Position] = $entry } else { $named.Add($entry) }
        }
        [pscustomobject]@{ Name = $s.Name; IsDefault = $s.IsDefault; Parameters = @(@($positional.Values) + $named) }
    }
    $commands[$c.Name] = [pscustomobject]@{
        Name = $c.Name; Verb = $c.Verb; Noun = $c.Noun; HelpFile = $c.HelpFile
        OutputTypes = @(foreach ($o in $c.OutputType) { $o.Name })
        Parameters = @($parameters); Sets = @($sets)
    }
}
[System.IO.File]::WriteAllText(@@JSON@@, (ConvertTo-Json -InputObject @($commands.Values) -Depth 8 -Compress))
'@.Replace('@@MANIFEST@@', (& $quote $ManifestPath)).Replace('@@JSON@@', (& $quote $jsonPath))
    $exe = [Environment]::ProcessPath
    $pre = @()
    if ([System.IO.Path]::GetFileNameWithoutExtension($exe) -eq 'dotnet') {
        # Running as 'dotnet pwsh': the child is the same pwsh.dll under the same host.
        $pre = @(Join-Path $PSHOME 'pwsh.dll')
    } elseif ([System.IO.Path]::GetFileNameWithoutExtension($exe) -ne 'pwsh') {
        $exe = Join-Path $PSHOME $(if ($IsWindows) { 'pwsh.exe' } else { 'pwsh' })
    }
    $info = [System.Diagnostics.ProcessStartInfo]::new($exe)
    foreach ($a in $pre + @('-NoProfile', '-NonInteractive', '-EncodedCommand',
            [Convert]::ToBase64String([System.Text.Encoding]::Unicode.GetBytes($script)))) { $info.ArgumentList.Add($a) }
    $info.UseShellExecute = $false
    $info.RedirectStandardOutput = $true
    $info.RedirectStandardError = $true
    $process = [System.Diagnostics.Process]::Start($info)
    [pscustomobject]@{
        Process = $process; JsonPath = $jsonPath; Manifest = $ManifestPath
        # Both pipes are drained in the background so that a chatty child can never block on them.
        Output = $process.StandardOutput.ReadToEndAsync(); Errors = $process.StandardError.ReadToEndAsync()
    }
}

function Receive-CmdletMetadata {
    param($Handle)
    try {
        $Handle.Process.WaitForExit()
        if ($Handle.Process.ExitCode -ne 0) {
            $detail = ($Handle.Errors.GetAwaiter().GetResult() + $Handle.Output.GetAwaiter().GetResult()).Trim()
            throw "HelpBuilder could not read the cmdlets of the built module '$($Handle.Manifest)' (child pwsh exited with $($Handle.Process.ExitCode)): $detail"
        }
        , @(ConvertFrom-Json -InputObject ([System.IO.File]::ReadAllText($Handle.JsonPath)))
    } finally {
        $Handle.Process.Dispose()
        Remove-Item -LiteralPath $Handle.JsonPath -ErrorAction Ignore
    }
}

#endregion

#region MAML writing

function Write-Para {
    param([System.Xml.XmlWriter] $W, [string] $Element, $Paras)
    $prefix, $local = $Element.Split(':')
    $W.WriteStartElement($prefix, $local, $(if ($prefix -eq 'dev') { $script:NsDev } else { $script:NsMaml }))
    foreach ($p in $Paras) { $W.WriteElementString('maml', 'para', $script:NsMaml, $p) }
    $W.WriteEndElement()
}

function Write-Type {
    param([System.Xml.XmlWriter] $W, [string] $Name)
    $W.WriteStartElement('dev', 'type', $script:NsDev)
    $W.WriteElementString('maml', 'name', $script:NsMaml, $Name)
    $W.WriteEndElement()
}

function Get-PipelineText {
    param($Sets)
    $how = @()
    if (@($Sets | Where-Object ByValue).Count) { $how += 'ByValue' }
    if (@($Sets | Where-Object ByPropertyName).Count) { $how += 'ByPropertyName' }
    if ($how) { "True ($($how -join ', '))" } else { 'False' }
}

function Get-PositionText([int] $Position) {
    if ($Position -ge 0) { "$Position" } else { 'named' }
}

function Write-ParameterElement {
    # The attributes Get-Help prints (Required?, Position?, Accept pipeline input?, Aliases,
    # Accept wildcard characters?) all live on command:parameter.
    param([System.Xml.XmlWriter] $W, $Meta, [bool] $Required, [string] $Position, $Sets, $Doc, [switch] $InSyntax)
    $W.WriteStartElement('command', 'parameter', $script:NsCommand)
    $W.WriteAttributeString('required', $Required.ToString().ToLowerInvariant())
    $W.WriteAttributeString('variableLength', $Meta.IsArray.ToString().ToLowerInvariant())
    $W.WriteAttributeString('globbing', $Meta.Wildcards.ToString().ToLowerInvariant())
    $W.WriteAttributeString('pipelineInput', (Get-PipelineText $Sets))
    $W.WriteAttributeString('position', $Position)
    $W.WriteAttributeString('aliases', $(if ($Meta.Aliases.Count) { $Meta.Aliases -join ', ' } else { 'none' }))
    $W.WriteElementString('maml', 'name', $script:NsMaml, $Meta.Name)
    if ($InSyntax) {
        if ($Meta.ValidValues.Count) {
            $W.WriteStartElement('command', 'parameterValueGroup', $script:NsCommand)
            foreach ($v in $Meta.ValidValues) {
                $W.WriteStartElement('command', 'parameterValue', $script:NsCommand)
                $W.WriteAttributeString('required', 'false')
                $W.WriteAttributeString('variableLength', 'false')
                $W.WriteString($v)
                $W.WriteEndElement()
            }
            $W.WriteEndElement()
        }
    } else {
        $paras = [System.Collections.Generic.List[string]]::new()
        foreach ($p in $Doc.Paras) { $paras.Add($p) }
        if ($Meta.ValidValues.Count) { $paras.Add('Accepted values: ' + ($Meta.ValidValues -join ', ')) }
        Write-Para $W 'maml:description' $paras
    }
    # A switch shows as [-Name] in syntax; elsewhere Get-Help prints [<SwitchParameter>].
    if (-not ($InSyntax -and $Meta.IsSwitch)) {
        $W.WriteStartElement('command', 'parameterValue', $script:NsCommand)
        $W.WriteAttributeString('required', (-not $Meta.IsSwitch).ToString().ToLowerInvariant())
        $W.WriteAttributeString('variableLength', $Meta.IsArray.ToString().ToLowerInvariant())
        $W.WriteString($Meta.ShortType)
        $W.WriteEndElement()
    }
    if (-not $InSyntax) {
        Write-Type $W $Meta.Type
        $default = if ($Doc.Default) { $Doc.Default } elseif ($Meta.IsSwitch) { 'False' } else { 'None' }
        $W.WriteElementString('dev', 'defaultValue', $script:NsDev, $default)
    }
    $W.WriteEndElement()
}

function Write-MamlCommand {
    param([System.Xml.XmlWriter] $W, $Meta, $Page, $Docs)

    $W.WriteStartElement('command', 'command', $script:NsCommand)
    $W.WriteAttributeString('xmlns', 'maml', $null, $script:NsMaml)
    $W.WriteAttributeString('xmlns', 'command', $null, $script:NsCommand)
    $W.WriteAttributeString('xmlns', 'dev', $null, $script:NsDev)

    $W.WriteStartElement('command', 'details', $script:NsCommand)
    $W.WriteElementString('command', 'name', $script:NsCommand, $Meta.Name)
    $W.WriteElementString('command', 'verb', $script:NsCommand, $Meta.Verb)
    $W.WriteElementString('command', 'noun', $script:NsCommand, $Meta.Noun)
    Write-Para $W 'maml:description' @($Page.Synopsis)
    $W.WriteEndElement()

    Write-Para $W 'maml:description' $Page.Description

    $byName = @{}
    foreach ($p in $Meta.Parameters) { $byName[$p.Name] = $p }

    $W.WriteStartElement('command', 'syntax', $script:NsCommand)
    foreach ($set in ($Meta.Sets | Sort-Object -Stable { -not $_.IsDefault })) {
        $W.WriteStartElement('command', 'syntaxItem', $script:NsCommand)
        $W.WriteElementString('maml', 'name', $script:NsMaml, $Meta.Name)
        foreach ($sp in $set.Parameters) {
            $pm = $byName[$sp.Name]
            $inSet = @($pm.Sets | Where-Object { $_.SetName -eq $set.Name -or $_.SetName -eq '__AllParameterSets' })
            Write-ParameterElement $W $pm $sp.Mandatory (Get-PositionText $sp.Position) $inSet $null -InSyntax
        }
        $W.WriteEndElement()
    }
    $W.WriteEndElement()

    $W.WriteStartElement('command', 'parameters', $script:NsCommand)
    foreach ($name in (Get-ParameterOrder $Meta)) {
        $pm = $byName[$name]
        $required = @($pm.Sets | Where-Object { -not $_.Mandatory }).Count -eq 0
        $positions = @($pm.Sets | ForEach-Object Position | Sort-Object -Unique)
        $position = if ($positions.Count -eq 1) { Get-PositionText $positions[0] } else { 'named' }
        $doc = $Docs[$name]
        $note = Get-ParameterSetNote $Meta $pm
        if ($note) { $doc = [pscustomobject]@{ Paras = @($doc.Paras) + $note; Default = $doc.Default } }
        Write-ParameterElement $W $pm $required $position $pm.Sets $doc
    }
    $W.WriteEndElement()

    $W.WriteStartElement('command', 'inputTypes', $script:NsCommand)
    foreach ($t in $Page.Inputs) {
        $W.WriteStartElement('command', 'inputType', $script:NsCommand)
        Write-Type $W $t.Type
        Write-Para $W 'maml:description' $t.Paras
        $W.WriteEndElement()
    }
    $W.WriteEndElement()

    $W.WriteStartElement('command', 'returnValues', $script:NsCommand)
    foreach ($t in $Page.Outputs) {
        $W.WriteStartElement('command', 'returnValue', $script:NsCommand)
        Write-Type $W $t.Type
        Write-Para $W 'maml:description' $t.Paras
        $W.WriteEndElement()
    }
    $W.WriteEndElement()

    # One alert holding every note: several alerts print run together in Get-Help.
    $W.WriteStartElement('maml', 'alertSet', $script:NsMaml)
    if ($Page.Notes.Count) { Write-Para $W 'maml:alert' $Page.Notes }
    $W.WriteEndElement()

    $W.WriteStartElement('command', 'examples', $script:NsCommand)
    foreach ($ex in $Page.Examples) {
        $W.WriteStartElement('command', 'example', $script:NsCommand)
        $dashes = '-' * [Math]::Max(3, [int]((64 - $ex.Title.Length) / 2))
        $W.WriteElementString('maml', 'title', $script:NsMaml, "$dashes $($ex.Title) $dashes")
        $W.WriteElementString('dev', 'code', $script:NsDev, $ex.Code)
        # A trailing empty paragraph leaves a blank line before the next example's title.
        Write-Para $W 'dev:remarks' (@($ex.Remarks) + '')
        $W.WriteEndElement()
    }
    $W.WriteEndElement()

    $W.WriteStartElement('command', 'relatedLinks', $script:NsCommand)
    foreach ($l in $Page.Links) {
        $W.WriteStartElement('maml', 'navigationLink', $script:NsMaml)
        $W.WriteElementString('maml', 'linkText', $script:NsMaml, $l.Text)
        $W.WriteElementString('maml', 'uri', $script:NsMaml, $l.Uri)
        $W.WriteEndElement()
    }
    $W.WriteEndElement()

    $W.WriteEndElement()
}

function Get-ParameterSetNote {
    # Get-Help's Required?/Position? lines can hold one value only. When a parameter is not in
    # every set, or is mandatory or positional in some sets only, a line spells it out per set.
    param($Meta, $Parameter)
    if ($Meta.Sets.Count -lt 2) { return $null }
    $sets = @($Parameter.Sets)
    $inAll = $sets.SetName -contains '__AllParameterSets' -or $sets.Count -eq $Meta.Sets.Count
    $shapes = @($sets | ForEach-Object { "$($_.Mandatory)/$($_.Position)" } | Sort-Object -Unique)
    if ($inAll -and $shapes.Count -eq 1) { return $null }
    $parts = foreach ($set in ($Meta.Sets | Sort-Object -Stable { -not $_.IsDefault })) {
        $entry = $sets | Where-Object { $_.SetName -eq $set.Name -or $_.SetName -eq '__AllParameterSets' } | Select-Object -First 1
        if (-not $entry) { continue }
        $traits = @()
        if ($entry.Mandatory) { $traits += 'required' }
        if ($entry.Position -ge 0) { $traits += "position $($entry.Position)" }
        if ($traits) { "$($set.Name) ($($traits -join ', '))" } else { $set.Name }
    }
    "Parameter sets: $($parts -join '; ')"
}

function Get-ParameterOrder {
    # The order of the default parameter set's syntax, then anything only other sets have.
    param($Meta)
    $order = [System.Collections.Generic.List[string]]::new()
    foreach ($set in ($Meta.Sets | Sort-Object -Stable { -not $_.IsDefault })) {
        foreach ($p in $set.Parameters) { if (-not $order.Contains($p.Name)) { $order.Add($p.Name) } }
    }
    , $order
}

#endregion

#region About topics

function Format-Wrapped {
    param([string] $Text, [int] $Indent, [int] $Hanging = $Indent)
    $lines = [System.Collections.Generic.List[string]]::new()
    $current = [System.Text.StringBuilder]::new(' ' * $Indent)
    $empty = $true
    foreach ($word in ($Text -split '\s+')) {
        if ($word.Length -eq 0) { continue }
        if (-not $empty -and $current.Length + 1 + $word.Length -gt $script:AboutWidth) {
            $lines.Add($current.ToString())
            $current = [System.Text.StringBuilder]::new(' ' * $Hanging)
            $empty = $true
        }
        if (-not $empty) { [void]$current.Append(' ') }
        [void]$current.Append($word)
        $empty = $false
    }
    if (-not $empty) { $lines.Add($current.ToString()) }
    $lines
}

function ConvertTo-AboutText {
    param([string] $Path, [string] $Display, [string] $Topic, [System.Collections.Generic.List[string]] $Problems)

    $blocks = Read-MarkdownBlock -Path $Path -Problems $Problems -Display $Display
    $top = Split-Section $blocks 1
    if ($top.Sections.Count -ne 1 -or $top.Preamble.Count -gt 0 -or $top.Sections[0].Title -cne $Topic) {
        $Problems.Add("${Display}: the page must start with '# $Topic' and have no other level-1 heading.")
        return $null
    }
    $sections = Split-Section $top.Sections[0].Blocks 2
    $titles = @($sections.Sections | ForEach-Object { $_.Title.ToUpperInvariant() })
    if ($titles.Count -lt 2 -or $titles[0] -ne 'SHORT DESCRIPTION' -or $titles[1] -ne 'LONG DESCRIPTION') {
        $Problems.Add("${Display}: the first two sections must be '## SHORT DESCRIPTION' (one paragraph) and '## LONG DESCRIPTION'.")
    } elseif (@($sections.Sections[0].Blocks).Count -ne 1 -or $sections.Sections[0].Blocks[0].Kind -ne 'Para') {
        $Problems.Add("${Display}:$($sections.Sections[0].Line): ## SHORT DESCRIPTION must be exactly one paragraph.")
    }
    if ($sections.Preamble.Count -gt 0) { $Problems.Add("${Display}:$($sections.Preamble[0].Line): text before the first '## ' section.") }

    $out = [System.Collections.Generic.List[string]]::new()
    $out.Add('TOPIC')
    $out.Add("    $Topic")
    foreach ($s in $sections.Sections) {
        $out.Add('')
        $out.Add($s.Title.ToUpperInvariant())
        $previous = 'Heading'
        foreach ($b in $s.Blocks) {
            # Consecutive list items and table rows stay together; everything else is spaced.
            if (-not ($b.Kind -eq $previous -and $b.Kind -in 'Item', 'Row') -and $previous -ne 'Heading') { $out.Add('') }
            switch ($b.Kind) {
                'Heading' {
                    if ($b.Level -ne 3) { $Problems.Add("${Display}:$($b.Line): only '##' and '###' headings are allowed here."); break }
                    $title = ConvertFrom-InlineMarkdown $b.Text
                    $out.Add("    $title")
                    $out.Add('    ' + ('-' * $title.Length))
                }
                'Para' { foreach ($l in (Format-Wrapped (ConvertFrom-InlineMarkdown $b.Text) 4)) { $out.Add($l) } }
                'Item' {
                    $indent = 4 + 2 * [Math]::Min([int]($b.Indent / 2), 3)
                    $marker = if ($b.Marker -match '^\d') { $b.Marker } else { '-' }
                    $text = "$marker " + (ConvertFrom-InlineMarkdown $b.Text)
                    foreach ($l in (Format-Wrapped $text $indent ($indent + $marker.Length + 1))) { $out.Add($l) }
                }
                { $_ -in 'Code', 'Row' } {
                    $pad = if ($b.Kind -eq 'Code') { ' ' * 8 } else { ' ' * 4 }
                    $n = $b.Line
                    foreach ($l in ($b.Text -split "`n")) {
                        $n++
                        $line = if ($l.Length) { $pad + $l } else { '' }
                        if ($line.Length -gt $script:AboutWidth) {
                            $Problems.Add("${Display}:$($n - [int]($b.Kind -eq 'Row')): this line would be $($line.Length) columns in the about topic (limit $($script:AboutWidth)); shorten it.")
                        }
                        $out.Add($line)
                    }
                }
            }
            $previous = $b.Kind
        }
    }
    ($out -join "`n") + "`n"
}

#endregion

function ConvertTo-MamlHelp {
    <#
    .SYNOPSIS
    Builds MAML cmdlet help and about topics from the markdown pages in a docs folder.
    .DESCRIPTION
    Reads docs/<Verb-Noun>.md for every cmdlet the built module exports, checks each page against
    the cmdlet, and writes <OutputPath>/en-US/<Assembly>.dll-Help.xml and about_*.help.txt.
    Throws, listing every problem, if any page is missing, incomplete or out of date.
    The markdown format is described at the top of this file and in docs/README.md.
    #>
    [CmdletBinding()]
    param(
        [Parameter(Mandatory)] [string] $DocsPath,
        [Parameter(Mandatory)] [string] $OutputPath,
        [Parameter(Mandatory)] [string] $ModuleName
    )
    $watch = [System.Diagnostics.Stopwatch]::StartNew()
    $DocsPath = (Resolve-Path -LiteralPath $DocsPath).ProviderPath
    $OutputPath = (Resolve-Path -LiteralPath $OutputPath).ProviderPath
    $docsLeaf = Split-Path $DocsPath -Leaf
    $problems = [System.Collections.Generic.List[string]]::new()

    $manifest = Join-Path $OutputPath "$ModuleName.psd1"
    if (-not (Test-Path -LiteralPath $manifest)) { throw "HelpBuilder: the built module manifest '$manifest' does not exist; build the module first." }
    $metadata = Start-CmdletMetadata -ManifestPath $manifest

    # Everything that needs only the markdown happens while the child pwsh starts.
    $common = [ordered]@{}
    $commonDisplay = "$docsLeaf/_CommonParameters.md"
    $commonPath = Join-Path $DocsPath '_CommonParameters.md'
    if (Test-Path -LiteralPath $commonPath) {
        $split = Split-Section (Read-MarkdownBlock -Path $commonPath -Problems $problems -Display $commonDisplay) 3
        $common = Read-ParameterSection -Sections $split.Sections -Display $commonDisplay -Problems $problems
    }
    $pages = @{}
    $about = @{}
    foreach ($file in Get-ChildItem -LiteralPath $DocsPath -Filter *.md -File) {
        $base = $file.BaseName
        $display = "$docsLeaf/$($file.Name)"
        if ($base.StartsWith('about_')) {
            $about[$base] = ConvertTo-AboutText -Path $file.FullName -Display $display -Topic $base -Problems $problems
        } elseif ($base -notin 'README', 'CONTRIBUTING' -and -not $base.StartsWith('_')) {
            $pages[$base] = Read-CmdletPage -Path $file.FullName -Display $display -CommandName $base -Problems $problems
        }
    }
    if (-not $about.ContainsKey("about_$ModuleName")) {
        $problems.Add("$docsLeaf/about_$ModuleName.md: missing; the module's about topic is required.")
    }

    $commands = Receive-CmdletMetadata $metadata
    $known = @{}
    foreach ($cmd in $commands) { foreach ($p in $cmd.Parameters) { $known[$p.Name] = $true } }
    foreach ($name in $common.Keys) {
        if (-not $known.ContainsKey($name)) { $problems.Add("${commonDisplay}: -$name is not a parameter of any exported cmdlet; remove it.") }
    }
    $exported = @{}
    foreach ($cmd in $commands) { $exported[$cmd.Name] = $true }
    foreach ($name in $pages.Keys) {
        if (-not $exported.ContainsKey($name)) { $problems.Add("$docsLeaf/${name}.md: documents '$name', which $ModuleName does not export.") }
    }

    # Each cmdlet's parameter descriptions: its own page first, then the shared file.
    $docsByCommand = @{}
    foreach ($cmd in $commands) {
        $display = "$docsLeaf/$($cmd.Name).md"
        $page = $pages[$cmd.Name]
        if (-not $page) {
            $problems.Add("${display}: missing. Every exported cmdlet needs a help page (format: $docsLeaf/README.md).")
            continue
        }
        $docs = @{}
        $actual = @{}
        foreach ($p in $cmd.Parameters) { $actual[$p.Name] = $p.Name }
        foreach ($name in $page.Parameters.Keys) {
            if ($actual.ContainsKey($name)) { $docs[$actual[$name]] = $page.Parameters[$name] }
            else { $problems.Add("${display}: documents -$name, which $($cmd.Name) does not have.") }
        }
        foreach ($name in $actual.Values) {
            if ($docs.ContainsKey($name)) { continue }
            if ($common.Contains($name)) { $docs[$name] = $common[$name]; continue }
            if ($script:BuiltInText.ContainsKey($name)) { $docs[$name] = [pscustomobject]@{ Paras = @($script:BuiltInText[$name]); Default = $null }; continue }
            $problems.Add("${display}: -$name is not documented (add '### -$name' under ## PARAMETERS).")
        }
        $listed = @(foreach ($o in $page.Outputs) { $o.Type })
        foreach ($type in $cmd.OutputTypes) {
            if ($type -notin $listed) {
                $problems.Add("${display}: ## OUTPUTS does not list '### $type', which $($cmd.Name) declares with [OutputType].")
            }
        }
        $docsByCommand[$cmd.Name] = $docs
    }

    if ($problems.Count) {
        # PowerShell's error view folds a multi-line message into one run-on line, so the list
        # goes to the host one problem per line and the exception carries a short summary.
        Write-Host "The help for $ModuleName has $($problems.Count) problem(s):" -ForegroundColor Red
        foreach ($p in $problems) { Write-Host "  $p" -ForegroundColor Red }
        throw "The help for $ModuleName is incomplete or out of date: $($problems.Count) problem(s), listed above. The page format is described in $docsLeaf/README.md."
    }

    # en-US is where Get-Help looks for a binary module's help, and where it falls back to
    # from any other UI culture.
    $culture = Join-Path $OutputPath 'en-US'
    $null = New-Item -ItemType Directory -Path $culture -Force
    $settings = [System.Xml.XmlWriterSettings]::new()
    $settings.Indent = $true
    $settings.Encoding = [System.Text.UTF8Encoding]::new($false)
    foreach ($group in ($commands | Group-Object HelpFile)) {
        $file = Join-Path $culture $group.Name
        $writer = [System.Xml.XmlWriter]::Create($file, $settings)
        try {
            $writer.WriteStartDocument()
            $writer.WriteStartElement('helpItems', 'http://msh')
            $writer.WriteAttributeString('schema', 'maml')
            foreach ($cmd in $group.Group) {
                try { Write-MamlCommand $writer $cmd $pages[$cmd.Name] $docsByCommand[$cmd.Name] }
                catch { throw "HelpBuilder could not write the help for $($cmd.Name): $($_.Exception.Message)" }
            }
            $writer.WriteEndElement()
            $writer.WriteEndDocument()
        } finally {
            $writer.Dispose()
        }
    }
    foreach ($topic in $about.Keys) {
        [System.IO.File]::WriteAllText((Join-Path $culture "$topic.help.txt"), $about[$topic], [System.Text.UTF8Encoding]::new($false))
    }
    Write-Host ("Help: {0} cmdlet page(s), {1} about topic(s) -> {2} ({3:N1} s)" -f $commands.Count, $about.Count, $culture, $watch.Elapsed.TotalSeconds)
}

Export-ModuleMember -Function ConvertTo-MamlHelp
