using System;
using System.Collections.Generic;
using System.Linq;
using System.Management.Automation;
using System.Reflection;
using EcsPS.Tests.Support;
using Xunit;

namespace EcsPS.Tests
{
    public class CmdletConventionTests : IClassFixture<PowerShellHost>
    {
        public static readonly string[] CommonAwsParameters =
            { "Region", "ProfileName", "ProfileLocation", "AccessKey", "SecretKey", "SessionToken", "EndpointUrl", "TimeoutSec" };

        // Connection settings cross into the Engine as strings; the timeout is a number of seconds.
        private static Type CommonParameterType(string name) => name == "TimeoutSec" ? typeof(int) : typeof(string);

        // Verbs that only read: these cmdlets change nothing, so they need no -WhatIf.
        private static readonly HashSet<string> ReadOnlyVerbs = new HashSet<string>(StringComparer.OrdinalIgnoreCase)
        {
            "Get", "Find", "Search", "Test", "Measure", "Resolve", "Read", "Wait", "Watch", "Show", "Select", "Format", "Compare",
        };

        private readonly PowerShellHost _host;

        public CmdletConventionTests(PowerShellHost host) => _host = host;

        public static IEnumerable<object[]> Cmdlets => CmdletCatalog.CmdletTypeData();

        [Fact]
        public void The_assembly_defines_the_cluster_cmdlets()
        {
            var names = CmdletCatalog.CmdletTypes.Select(CmdletCatalog.CommandName).ToList();
            foreach (var expected in new[] { "New-EcsClusterX", "Get-EcsClusterX", "Update-EcsClusterX", "Remove-EcsClusterX", "Set-EcsClusterCapacityProviderX" })
                Assert.Contains(expected, names);
        }

        [Fact]
        public void The_AWS_call_detector_tells_cmdlets_that_call_AWS_from_code_that_does_not()
        {
            Assert.True(CmdletCatalog.CallsAws(CmdletCatalog.ByName("GetEcsClusterX")));
            Assert.True(CmdletCatalog.CallsAws(CmdletCatalog.ByName("NewEcsClusterX")));
            Assert.True(CmdletCatalog.CallsAws(CmdletCatalog.ByName("RemoveEcsClusterX")));
            Assert.False(CmdletCatalog.CallsAws(typeof(EcsPS.Ecs.ValidateEcsNameAttribute)));
            Assert.False(CmdletCatalog.CallsAws(typeof(EcsPS.Common.NameResolver<>)));
        }

        [Theory]
        [MemberData(nameof(Cmdlets))]
        public void Cmdlet_class_is_sealed(string cmdlet)
            => Assert.True(CmdletCatalog.ByName(cmdlet).IsSealed, $"{cmdlet} should be sealed.");

        [Theory]
        [MemberData(nameof(Cmdlets))]
        public void Cmdlet_declares_OutputType(string cmdlet)
        {
            var outputs = CmdletCatalog.ByName(cmdlet).GetCustomAttributes<OutputTypeAttribute>().SelectMany(a => a.Type).ToList();
            Assert.NotEmpty(outputs);
            Assert.All(outputs, o => Assert.NotNull(o.Type));
        }

        [Theory]
        [MemberData(nameof(Cmdlets))]
        public void Cmdlet_is_named_ApprovedVerb_EcsNounX(string cmdlet)
        {
            var type = CmdletCatalog.ByName(cmdlet);
            var attribute = type.GetCustomAttribute<CmdletAttribute>();
            Assert.Matches("^Ec[sr][A-Z][A-Za-z]*X$", attribute.NounName);
            var approved = new[] { typeof(VerbsCommon), typeof(VerbsData), typeof(VerbsLifecycle), typeof(VerbsDiagnostic),
                    typeof(VerbsCommunications), typeof(VerbsSecurity), typeof(VerbsOther) }
                .SelectMany(t => t.GetFields(BindingFlags.Public | BindingFlags.Static)).Select(f => (string)f.GetValue(null));
            Assert.Contains(attribute.VerbName, approved);
            Assert.Equal(attribute.VerbName + attribute.NounName, type.Name);
        }

        /// <summary>Every name a cmdlet's parameter answers to: its own and its aliases.</summary>
        private static IEnumerable<HashSet<string>> ParameterNames(Type cmdlet)
            => cmdlet.GetProperties(BindingFlags.Public | BindingFlags.Instance)
                .Where(p => p.GetCustomAttributes<ParameterAttribute>().Any())
                .Select(p => new HashSet<string>(new[] { p.Name }.Concat(p.GetCustomAttributes<AliasAttribute>().SelectMany(a => a.AliasNames)),
                    StringComparer.OrdinalIgnoreCase));

        [Theory]
        [MemberData(nameof(Cmdlets))]
        public void A_cmdlet_that_takes_a_cluster_answers_to_both_Cluster_and_ClusterName(string cmdlet)
        {
            // AWS.Tools says -ClusterName to create and -Cluster elsewhere; users type both.
            var type = CmdletCatalog.ByName(cmdlet);
            var cluster = ParameterNames(type).Where(n => n.Contains("Cluster") || n.Contains("ClusterName")).ToList();
            if (cluster.Count == 0) return;
            var parameter = Assert.Single(cluster);
            Assert.True(parameter.Contains("Cluster") && parameter.Contains("ClusterName"),
                $"{cmdlet}'s cluster parameter answers to {string.Join(", ", parameter)}; it needs both -Cluster and -ClusterName.");
        }

        [Theory]
        [MemberData(nameof(Cmdlets))]
        public void A_piped_object_binds_its_ClusterArn_before_its_ClusterName(string cmdlet)
        {
            // PowerShell binds the first alias a piped object has. Clusters, services and tasks
            // carry both; only the ARN keeps the Region, so a name first would send the request
            // to the session's Region instead of the object's.
            foreach (var property in CmdletCatalog.ByName(cmdlet).GetProperties(BindingFlags.Public | BindingFlags.Instance))
            {
                var parameter = property.GetCustomAttributes<ParameterAttribute>().FirstOrDefault(p => p.ValueFromPipelineByPropertyName);
                if (parameter == null) continue;
                var aliases = property.GetCustomAttributes<AliasAttribute>().SelectMany(a => a.AliasNames).ToList();
                int arn = aliases.IndexOf("ClusterArn"), name = aliases.IndexOf("ClusterName");
                if (arn < 0 || name < 0) continue;
                Assert.True(arn < name, $"{cmdlet} -{property.Name} lists ClusterName before ClusterArn: [Alias({string.Join(", ", aliases)})].");
            }
        }

        [Fact]
        public void The_cluster_parameter_check_sees_the_cmdlets_that_take_a_cluster()
        {
            var withCluster = CmdletCatalog.CmdletTypes.Where(t => ParameterNames(t).Any(n => n.Contains("Cluster"))).Select(t => t.Name).ToList();
            Assert.Contains("NewEcsClusterX", withCluster);
            Assert.Contains("GetEcsServiceX", withCluster);
            Assert.DoesNotContain("GetEcsTaskDefinitionX", withCluster);
        }

        [Theory]
        [MemberData(nameof(Cmdlets))]
        public void Destructive_Remove_and_Unregister_cmdlets_are_ConfirmImpact_High(string cmdlet)
        {
            var attribute = CmdletCatalog.ByName(cmdlet).GetCustomAttribute<CmdletAttribute>();
            if (attribute.VerbName != VerbsCommon.Remove && attribute.VerbName != VerbsLifecycle.Unregister) return;
            Assert.True(attribute.SupportsShouldProcess, $"{cmdlet} must support -WhatIf/-Confirm.");
            Assert.Equal(ConfirmImpact.High, attribute.ConfirmImpact);
        }

        [Theory]
        [MemberData(nameof(Cmdlets))]
        public void Cmdlets_that_change_AWS_resources_support_WhatIf_and_Confirm(string cmdlet)
        {
            var type = CmdletCatalog.ByName(cmdlet);
            var attribute = type.GetCustomAttribute<CmdletAttribute>();
            if (ReadOnlyVerbs.Contains(attribute.VerbName) || !CmdletCatalog.CallsAws(type)) return;
            Assert.True(attribute.SupportsShouldProcess, $"{cmdlet} changes AWS resources, so it must support -WhatIf/-Confirm.");
        }

        [Theory]
        [MemberData(nameof(Cmdlets))]
        public void Cmdlets_that_call_AWS_take_the_common_AWS_parameters(string cmdlet)
        {
            var type = CmdletCatalog.ByName(cmdlet);
            if (!CmdletCatalog.CallsAws(type)) return;

            var command = _host.ExportedCommands().OfType<CmdletInfo>().SingleOrDefault(c => c.ImplementingType == type);
            Assert.NotNull(command);
            foreach (var name in CommonAwsParameters)
            {
                Assert.True(command.Parameters.TryGetValue(name, out var parameter), $"{command.Name} lacks -{name}.");
                Assert.Equal(CommonParameterType(name), parameter.ParameterType);
                foreach (var set in parameter.ParameterSets)
                    Assert.False(set.Value.IsMandatory, $"{command.Name} -{name} must not be mandatory ({set.Key}).");
                // Usable in every parameter set of the cmdlet.
                Assert.All(command.ParameterSets, s => Assert.Contains(s.Parameters, p => p.Name == name));
            }
        }

        [Fact]
        public void The_runspace_exports_every_cmdlet_class()
        {
            var exported = _host.ExportedCommands().OfType<CmdletInfo>().Select(c => c.ImplementingType).ToList();
            Assert.All(CmdletCatalog.CmdletTypes, t => Assert.Contains(t, exported));
        }
    }
}
