using System;
using System.Linq;
using System.Management.Automation;
using EcsPS.Common;
using EcsPS.Ecs;
using EcsPS.Tests.Support;
using EcsPS.TestFakes;
using Xunit;

namespace EcsPS.Tests
{
    /// <summary>The ECS naming rules, before any request: names, ARNs and wildcards.</summary>
    public class NameValidationTests : IClassFixture<PowerShellHost>
    {
        private const string ClusterArn = "arn:aws:ecs:us-east-1:123456789012:cluster/prod-web";

        private readonly PowerShellHost _host;

        public NameValidationTests(PowerShellHost host) => _host = host;

        public static TheoryData<string, bool, bool, bool> Cases => new TheoryData<string, bool, bool, bool>
        {
            // value, allowArn, allowWildcards, valid
            { "prod-web", false, false, true },
            { "Prod_Web_01", false, false, true },
            { "a", false, false, true },
            { new string('a', 255), false, false, true },
            { new string('a', 256), false, false, false },
            { "", false, false, false },
            { "my cluster", false, false, false },
            { "bad/name", false, false, false },
            { "dots.not.allowed", false, false, false },
            { "colon:name", false, false, false },
            { "ünïcode", false, false, false },
            { "trailing-space ", false, false, false },
            // ARNs
            { ClusterArn, true, false, true },
            { ClusterArn, false, false, false },
            { "arn:aws-cn:ecs:cn-north-1:123456789012:cluster/prod", true, false, true },
            { "arn:aws-us-gov:ecs:us-gov-west-1:123456789012:cluster/prod", true, false, true },
            { "arn:aws:ecs:us-east-1:12345:cluster/prod", true, false, false },            // account must be 12 digits
            { "arn:aws:s3:::my-bucket", true, false, false },                               // not ECS
            { "arn:aws:ecs:us-east-1:123456789012:cluster/", true, false, false },          // no name
            { "arn:aws:ecs:us-east-1:123456789012:cluster/bad name", true, false, false },
            { "arn:aws:ecs:us-east-1:123456789012:service/prod/web", true, false, false },  // a service ARN is not a cluster ARN
            { "arn:aws:ecs:us-east-1:123456789012:task-definition/web:3", true, false, false },
            // wildcards
            { "prod-*", false, true, true },
            { "*", false, true, true },
            { "web-?", false, true, true },
            { "[pq]rod*", false, true, true },
            { "prod-*", false, false, false },
            { "bad name*", false, true, false },
            { "bad/*", false, true, false },
        };

        [Theory]
        [MemberData(nameof(Cases))]
        public void CheckName_accepts_exactly_the_names_ECS_allows(string value, bool allowArn, bool allowWildcards, bool valid)
        {
            var message = EcsNames.CheckName("cluster", value, allowArn, allowWildcards);
            if (valid)
            {
                Assert.Null(message);
                return;
            }
            Assert.NotNull(message);
            if (!value.StartsWith("arn:", StringComparison.Ordinal) || !allowArn)
            {
                // The message says what is allowed.
                foreach (var word in new[] { "1 to 255", "letters", "digits", "hyphens", "underscores" })
                    Assert.Contains(word, message);
            }
            else
            {
                Assert.Contains("arn:aws:ecs:", message);
            }
        }

        [Fact]
        public void The_message_names_the_kind_and_mentions_ARNs_only_where_they_are_allowed()
        {
            Assert.Contains("capacity provider name", EcsNames.CheckName("capacity provider", "x y", false, false));
            Assert.DoesNotContain("ARN", EcsNames.CheckName("cluster", "x y", false, false));
            Assert.Contains("ARN", EcsNames.CheckName("cluster", "x y", true, false));
            Assert.Contains("empty", EcsNames.CheckName("cluster", "", false, false), StringComparison.OrdinalIgnoreCase);
            Assert.NotNull(EcsNames.CheckName("cluster", null, true, true));
        }

        [Theory]
        [MemberData(nameof(Cases))]
        public void ValidateEcsName_applies_the_same_rules_at_parameter_binding(string value, bool allowArn, bool allowWildcards, bool valid)
        {
            var script = "function Test-Name { param([EcsPS.Ecs.ValidateEcsName('cluster', AllowArn = $" + allowArn + ", AllowWildcards = $" +
                         allowWildcards + ")] [AllowEmptyString()] [string[]] $Name) $Name }\nTest-Name -Name $value";
            var result = _host.Run(script, Variables.Of(("value", value)));
            if (valid)
            {
                Assert.Null(result.Terminating);
                Assert.Equal(value, Assert.Single(result.BaseObjects));
                return;
            }
            Assert.NotNull(result.Terminating);
            Assert.StartsWith("ParameterArgumentValidationError", result.Terminating.FullyQualifiedErrorId);
            Assert.Equal(EcsNames.CheckName("cluster", value, allowArn, allowWildcards),
                ((ParameterBindingException)result.Terminating.Exception).InnerException?.Message);
        }

        [Fact]
        public void ValidateEcsName_checks_every_element_of_an_array()
        {
            var result = _host.Run("function Test-Name { param([EcsPS.Ecs.ValidateEcsName('cluster')] [string[]] $Name) $Name }\nTest-Name -Name 'good', 'bad name'");
            Assert.NotNull(result.Terminating);
            Assert.Contains("'bad name'", result.Terminating.Exception.Message);
        }

        [Theory]
        [InlineData("New-EcsClusterX -ClusterName $value", "my cluster")]
        [InlineData("New-EcsClusterX -ClusterName $value", "")]
        [InlineData("Get-EcsClusterX -ClusterName $value", "bad/name")]
        [InlineData("Update-EcsClusterX -Cluster $value -ContainerInsights enabled", "bad name")]
        [InlineData("Remove-EcsClusterX -Cluster $value -Force", "x.y")]
        [InlineData("Set-EcsClusterCapacityProviderX -Cluster $value -CapacityProvider FARGATE", "a b")]
        public void The_cluster_cmdlets_refuse_a_bad_name_before_sending(string command, string value)
        {
            using (var server = new ScriptedAwsServer())
            {
                var result = _host.Run(command + " -Region us-east-1 -EndpointUrl $url -AccessKey AKIAECSPSXUNIT000001 -SecretKey s",
                    Variables.Of(("value", value), ("url", server.Url)));
                Assert.NotNull(result.Terminating);
                Assert.StartsWith("ParameterArgumentValidationError", result.Terminating.FullyQualifiedErrorId);
                Assert.Contains("letters", result.Terminating.Exception.Message);
                Assert.Equal(0, server.Count);
            }
        }
    }
}
