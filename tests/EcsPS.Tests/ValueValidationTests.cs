using System.Linq;
using EcsPS.Ecs;
using EcsPS.Tests.Support;
using EcsPS.TestFakes;
using Xunit;

namespace EcsPS.Tests
{
    /// <summary>
    /// The rules for values ECS hands to other services (EC2 ids, CloudWatch alarms, platform
    /// versions): what passes at the edges of each rule, and what does not. The refusals of every
    /// cmdlet are in tests/bad-inputs.psd1; these pin the rules themselves.
    /// </summary>
    public class ValueValidationTests : IClassFixture<PowerShellHost>
    {
        private readonly PowerShellHost _host;

        public ValueValidationTests(PowerShellHost host) => _host = host;

        [Theory]
        [InlineData("subnet", "subnet-0123abcd", true)]                  // the old 8-digit ids
        [InlineData("subnet", "subnet-0123456789abcdef0", true)]         // the 17-digit ids
        [InlineData("subnet", "subnet-0123456", false)]                  // 7 digits
        [InlineData("subnet", "subnet-0123456789abcdef01", false)]       // 18 digits
        [InlineData("subnet", "subnet-", false)]
        [InlineData("subnet", "subnet-0123ABCD", false)]                 // EC2 ids are lower case
        [InlineData("subnet", "subnet-0123abcg", false)]                 // not hex
        [InlineData("subnet", " subnet-0123abcd", false)]
        [InlineData("subnet", "sg-0123abcd", false)]                     // an id of another kind
        [InlineData("subnet", "", false)]
        [InlineData("security group", "sg-89abcdef", true)]
        [InlineData("security group", "sg-0123456789abcdef0", true)]
        [InlineData("security group", "sg- 123", false)]
        [InlineData("security group", "default", false)]                // a group name, not its id
        [InlineData("security group", "subnet-0123abcd", false)]
        public void Ec2_ids_are_the_prefix_and_8_to_17_lower_case_hex_digits(string kind, string value, bool valid)
        {
            var problem = EcsValues.CheckEc2Id(kind, value);
            if (valid) { Assert.Null(problem); return; }
            Assert.NotNull(problem);
            Assert.Contains($"is not a {kind} id. A {kind} id is", problem);
            Assert.Contains("followed by 8 to 17 lower-case hex digits (0-9, a-f)", problem);
        }

        [Theory]
        [InlineData("cpu-high", true)]
        [InlineData("Prod: 5xx > 1% (web)", true)]                      // CloudWatch takes any UTF-8 but control characters
        [InlineData("a", true)]
        [InlineData("", false)]
        [InlineData("   ", false)]
        [InlineData("cpu\thigh", false)]
        [InlineData("cpu\nhigh", false)]
        public void Alarm_names_are_1_to_255_characters_and_not_blank(string value, bool valid)
        {
            var problem = EcsValues.CheckAlarmName(value);
            if (valid) { Assert.Null(problem); return; }
            Assert.Contains("A CloudWatch alarm name is 1 to 255 characters, not only spaces, with no control characters", problem);
        }

        [Fact]
        public void Alarm_names_stop_at_255_characters()
        {
            Assert.Null(EcsValues.CheckAlarmName(new string('a', 255)));
            Assert.Contains("is 256 characters long", EcsValues.CheckAlarmName(new string('a', 256)));
        }

        [Theory]
        [InlineData("LATEST", true)]
        [InlineData("1.4.0", true)]
        [InlineData("1.0.0", true)]                                      // Windows on Fargate
        [InlineData("1.4", false)]
        [InlineData("v1.4.0", false)]
        [InlineData("latest ", false)]
        public void Platform_versions_are_LATEST_or_a_version_number(string value, bool valid)
            => Assert.Equal(valid, EcsValues.CheckPlatformVersion(value) == null);

        [Fact]
        public void An_empty_alarm_list_still_turns_alarms_off_and_sends_it()
        {
            // -Alarm @() is how alarms are removed; only an empty name inside the list is refused.
            using (var server = new ScriptedAwsServer())
            {
                var result = _host.Run(
                    "Update-EcsServiceX web -Cluster prod -Alarm @() -WhatIf -Region us-east-1 -EndpointUrl $url -AccessKey AKIAECSPSXUNIT000001 -SecretKey s",
                    Variables.Of(("url", server.Url)));
                Assert.Null(result.Terminating);
                Assert.DoesNotContain(result.Errors, e => e.FullyQualifiedErrorId.StartsWith("ParameterArgumentValidationError"));
            }
        }

        [Fact]
        public void A_bad_value_in_a_piped_object_is_refused_for_that_object_alone()
        {
            // Three piped services, the second with a name ECS cannot have: PowerShell's binding
            // refuses that one as a non-terminating error, and the first and third are deleted.
            using (var server = new ScriptedAwsServer().On("DeleteService", r =>
            {
                var name = r.Json.GetProperty("service").GetString();
                return ScriptedResponse.Json($"{{\"service\":{{\"serviceName\":\"{name}\",\"status\":\"DRAINING\"}}}}");
            }))
            {
                var result = _host.Run(
                    "[pscustomobject]@{ ServiceName = 'web' }, [pscustomobject]@{ ServiceName = 'api v2' }, [pscustomobject]@{ ServiceName = 'worker' } | " +
                    "Remove-EcsServiceX -Cluster prod -Force -PassThru -Region us-east-1 -EndpointUrl $url -AccessKey AKIAECSPSXUNIT000001 -SecretKey s",
                    Variables.Of(("url", server.Url)));
                Assert.Null(result.Terminating);
                var refused = Assert.Single(result.Errors);
                Assert.StartsWith("ParameterArgumentValidationError,", refused.FullyQualifiedErrorId);
                Assert.Contains("'api v2' is not a valid service name", refused.Exception.Message);
                Assert.Equal(new[] { "web", "worker" },
                    server.RequestsFor("DeleteService").Select(r => r.Json.GetProperty("service").GetString()));
                Assert.Equal(2, result.Output.Count);
            }
        }
    }
}
