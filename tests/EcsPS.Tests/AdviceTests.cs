using System;
using System.Collections.Generic;
using System.IO;
using System.Linq;
using System.Reflection;
using System.Reflection.Metadata;
using System.Reflection.Metadata.Ecma335;
using System.Reflection.PortableExecutable;
using System.Text.RegularExpressions;
using EcsPS.Tests.Support;
using Xunit;

namespace EcsPS.Tests
{
    /// <summary>
    /// Advice in errors, warnings and help text may only send users to commands that exist: a
    /// "run Stop-EcsTaskX first" before Stop-EcsTaskX ships is a dead end at 3 a.m.
    /// </summary>
    public class AdviceTests
    {
        private static readonly Regex CommandName = new Regex(@"\b[A-Z][a-z]+-Ec[sr][A-Z][A-Za-z]*X\b");

        /// <summary>Every string literal compiled into an assembly (the #US heap).</summary>
        internal static IReadOnlyList<string> StringLiterals(Assembly assembly)
        {
            using var pe = new PEReader(File.OpenRead(assembly.Location));
            var reader = pe.GetMetadataReader();
            var literals = new List<string>();
            var handle = MetadataTokens.UserStringHandle(1);
            while (!handle.IsNil)
            {
                literals.Add(reader.GetUserString(handle));
                handle = reader.GetNextHandle(handle);
            }
            return literals;
        }

        private static IEnumerable<(string Command, string Literal)> MentionedCommands(Assembly assembly)
            => StringLiterals(assembly).SelectMany(l => CommandName.Matches(l).Select(m => (m.Value, l)));

        private static HashSet<string> Shipped()
            => new HashSet<string>(CmdletCatalog.CmdletTypes.Select(CmdletCatalog.CommandName), StringComparer.OrdinalIgnoreCase);

        [Fact]
        public void The_cmdlet_and_Engine_assemblies_name_only_cmdlets_that_exist()
        {
            var shipped = Shipped();
            var dangling = new[] { CmdletCatalog.CmdletAssembly, CmdletCatalog.EngineAssembly }
                .SelectMany(MentionedCommands)
                .Where(m => !shipped.Contains(m.Command))
                .Select(m => $"{m.Command} in \"{m.Literal}\"")
                .Distinct().ToList();
            Assert.True(dangling.Count == 0, "Advice names cmdlets that do not exist:\n" + string.Join("\n", dangling));
        }

        [Fact]
        public void The_scan_finds_the_advice_that_is_there()
        {
            // Guards the test above against scanning nothing: the cluster advice names real cmdlets.
            var mentioned = MentionedCommands(CmdletCatalog.CmdletAssembly).Select(m => m.Command).ToList();
            Assert.Contains("Remove-EcsServiceX", mentioned);
            Assert.Matches(CommandName, "run Stop-EcsTaskX first");
            Assert.DoesNotMatch(CommandName, "Get-ECSClusterList");
        }

        [Fact]
        public void The_help_pages_send_readers_only_to_cmdlets_that_exist()
        {
            var shipped = Shipped();
            var docs = Path.Combine(RepoPaths.Root, "docs");
            var dangling = Directory.GetFiles(docs, "*.md", SearchOption.AllDirectories)
                .Concat(new[] { Path.Combine(RepoPaths.Root, "README.md") })
                .SelectMany(f => CommandName.Matches(File.ReadAllText(f)).Select(m => (File: Path.GetFileName(f), Command: m.Value)))
                .Where(m => !shipped.Contains(m.Command))
                .Select(m => $"{m.Command} in {m.File}").Distinct().ToList();
            Assert.True(dangling.Count == 0, "Docs name cmdlets that do not exist:\n" + string.Join("\n", dangling));
        }
    }
}
