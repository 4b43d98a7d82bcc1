using System;
using System.Linq;
using System.Management.Automation;
using System.Threading;
using System.Threading.Tasks;
using EcsPS.Common;
using EcsPS.Engine.Runtime;
using EcsPS.Tests.Support;
using EcsPS.TestFakes;
using Xunit;

namespace EcsPS.Tests
{
    /// <summary>
    /// The transport as a PowerShell user meets it: -TimeoutSec on every AWS cmdlet, a hung
    /// endpoint as AwsConnectionFailure/ConnectionError, retries on -Verbose, and a registration
    /// whose outcome is unknown as OutcomeUnknown with how to check. Against a loopback fake; no
    /// sleeps, one-second timeouts and generous bounds on real time.
    /// </summary>
    public class TransportCmdletTests : IClassFixture<PowerShellHost>
    {
        private const string Connection = " -Region us-east-1 -EndpointUrl $url -AccessKey AKIAECSPSXUNIT000001 -SecretKey xunit-secret";
        private readonly PowerShellHost _host;

        public TransportCmdletTests(PowerShellHost host) => _host = host;

        [Fact]
        public void A_hung_endpoint_stops_the_command_with_AwsConnectionFailure_naming_operation_endpoint_and_wait()
        {
            using var release = new CancellationTokenSource();
            using var server = new ScriptedAwsServer().OnAny(_ => ScriptedResponse.Json("{}").Held(Task.Delay(Timeout.Infinite, release.Token)));
            var watch = System.Diagnostics.Stopwatch.StartNew();

            var result = _host.Run("Get-EcsClusterX -ClusterName hung -TimeoutSec 1" + Connection, Variables.Of(("url", server.Url)));

            watch.Stop();
            release.Cancel();
            var error = result.Terminating;
            Assert.NotNull(error);
            Assert.StartsWith("AwsConnectionFailure", error.FullyQualifiedErrorId);
            Assert.Equal(ErrorCategory.ConnectionError, error.CategoryInfo.Category);
            var ex = Assert.IsType<AwsTransportException>(error.Exception);
            Assert.Equal(AwsTransportException.Reasons.TimedOut, ex.Reason);
            Assert.StartsWith($"ECS DescribeClusters got no answer from {server.Url}/ within 1 s (2 attempts, ", ex.Message);
            Assert.Contains("-TimeoutSec", error.ErrorDetails.RecommendedAction);
            Assert.Equal(2, server.Count);
            Assert.True(watch.Elapsed < TimeSpan.FromSeconds(20), $"took {watch.Elapsed.TotalSeconds:F1} s");
        }

        [Fact]
        public void Verbose_shows_each_retry_with_its_reason_and_delay()
        {
            var calls = 0;
            using var server = new ScriptedAwsServer().OnAny(_ => Interlocked.Increment(ref calls) == 1
                ? ScriptedResponse.ServerError()
                : ScriptedResponse.Json("{\"clusters\":[{\"clusterName\":\"web\",\"clusterArn\":\"arn:aws:ecs:us-east-1:123456789012:cluster/web\"}],\"failures\":[]}"));
            using var ps = PowerShell.Create();
            ps.Runspace = _host.Runspace;
            ps.AddScript("Get-EcsClusterX -ClusterName web -Verbose" + Connection.Replace("$url", "'" + server.Url + "'"));

            var output = ps.Invoke();

            Assert.False(ps.HadErrors, string.Join("\n", ps.Streams.Error.Select(e => e.ToString())));
            Assert.Single(output);
            Assert.Contains(ps.Streams.Verbose, v => System.Text.RegularExpressions.Regex.IsMatch(v.Message,
                @"^ECS DescribeClusters: attempt 1 of 3 failed: ServerException \(HTTP 500, request id fake-0001\); retrying in \d+(\.\d+)? s\.$"));
        }

        [Fact]
        public void A_registration_whose_answer_is_lost_and_cannot_be_found_stops_with_OutcomeUnknown_and_says_how_to_check()
        {
            using var server = new ScriptedAwsServer();
            server.Always("RegisterTaskDefinition", ScriptedResponse.Drop());
            server.Always("DescribeTaskDefinition", ScriptedResponse.Error("ClientException", "Unable to describe task definition."));

            var result = _host.Run(
                "Register-EcsTaskDefinitionX -Family web -ContainerDefinition @{ name = 'web'; image = 'nginx:1.27'; memory = 256 }" + Connection,
                Variables.Of(("url", server.Url)));

            var error = result.Terminating;
            Assert.NotNull(error);
            Assert.StartsWith("OutcomeUnknown", error.FullyQualifiedErrorId);
            Assert.Equal(ErrorCategory.ConnectionError, error.CategoryInfo.Category);
            Assert.Equal("web", error.TargetObject);
            Assert.IsType<AwsOutcomeUnknownException>(error.Exception);
            Assert.Contains("Whether a new revision of 'web' was registered is unknown", error.Exception.Message);
            Assert.Equal("Run Get-EcsTaskDefinitionX web to see the family's newest revision; register again only if it is not the one you meant.",
                error.ErrorDetails.RecommendedAction);
            Assert.Single(server.RequestsFor("RegisterTaskDefinition"));
        }

        [Theory]
        [InlineData("TimedOut", false, "AwsConnectionFailure", "-TimeoutSec")]
        [InlineData("Unreachable", false, "AwsConnectionFailure", "-EndpointUrl")]
        [InlineData("ConnectionLost", false, "AwsConnectionFailure", "run again")]
        [InlineData("ConnectionLost", true, "OutcomeUnknown", "check before running the command again")]
        public void Transport_failures_become_connection_errors_with_the_next_step_for_how_they_failed(string reason, bool outcomeUnknown, string errorId, string advice)
        {
            var ex = new AwsTransportException("ECS", "DeleteService", "ECS DeleteService lost the connection.", null);
            typeof(AwsTransportException).GetProperty(nameof(AwsTransportException.Reason)).SetValue(ex, reason);
            typeof(AwsTransportException).GetProperty(nameof(AwsTransportException.OutcomeUnknown)).SetValue(ex, outcomeUnknown);

            var record = ErrorRecords.FromTransport(ex, "web");

            Assert.Equal(errorId, record.FullyQualifiedErrorId);
            Assert.Equal(ErrorCategory.ConnectionError, record.CategoryInfo.Category);
            Assert.Equal("web", record.TargetObject);
            Assert.Contains(advice, record.ErrorDetails.RecommendedAction);
        }

        [Fact]
        public void TimeoutSec_must_be_a_whole_number_of_seconds_from_0_to_a_day()
        {
            using var server = new ScriptedAwsServer();
            var result = _host.Run("Get-EcsClusterX -ClusterName x -TimeoutSec -1" + Connection, Variables.Of(("url", server.Url)));
            Assert.NotNull(result.Terminating);
            Assert.StartsWith("ParameterArgumentValidationError", result.Terminating.FullyQualifiedErrorId);
            Assert.Equal(0, server.Count);
        }
    }
}
