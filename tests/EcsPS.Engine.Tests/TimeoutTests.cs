using System;
using System.Diagnostics;
using System.Linq;
using System.Threading;
using System.Threading.Tasks;
using EcsPS.Engine.Ecs;
using EcsPS.Engine.Runtime;
using EcsPS.Engine.Tests.Fakes;
using EcsPS.Engine.Tests.Support;
using EcsPS.TestFakes;
using Xunit;

namespace EcsPS.Engine.Tests
{
    /// <summary>
    /// Each attempt is bounded (-TimeoutSec, $env:ECSPS_TIMEOUT, the profile's cli_read_timeout,
    /// 10 s), and a hung endpoint is reported as a transport failure that says what was waited
    /// for, where and how long. Nothing here sleeps to measure: a held fake and a 1 s timeout, and
    /// the number of attempts is asserted; the real time only against a generous bound.
    /// </summary>
    [Collection(EnvironmentCollection.Name)]
    public sealed class TimeoutTests
    {
        private static TimeSpan? TimeoutOf(AwsConnectionOptions options)
            => AwsClientFactory.GetClient(EcsClient.Descriptor, options).Config.Timeout;

        private static AwsConnectionOptions Options(double? timeoutSec = null, string profile = null) => new AwsConnectionOptions
        {
            EndpointUrl = "http://127.0.0.1:9", Region = "us-east-1",
            AccessKey = profile == null ? TestConnections.AccessKey : null, SecretKey = profile == null ? TestConnections.SecretKey : null,
            ProfileName = profile, TimeoutSec = timeoutSec,
        };

        [Fact]
        public void A_hung_endpoint_ends_after_two_attempts_in_a_transport_error_that_names_operation_endpoint_and_wait()
        {
            using var env = new EnvironmentScope();
            using var fake = new ScriptedAwsServer();
            using var release = new CancellationTokenSource();
            fake.Always("ListClusters", EcsResponses.ListClusters(null).Held(Task.Delay(Timeout.Infinite, release.Token)));
            var log = new CapturingLog();
            var client = new EcsClient(TestConnections.For(fake, clock: new VirtualTransportClock(), timeoutSec: 1), log);
            var watch = Stopwatch.StartNew();

            var ex = Assert.Throws<AwsTransportException>(() => client.ListClusterArns(CancellationToken.None).ToList());

            watch.Stop();
            release.Cancel();
            Assert.Equal(AwsTransportException.Reasons.TimedOut, ex.Reason);
            Assert.Equal(2, ex.Attempts);
            Assert.True(fake.WaitForArrivals(2, TimeSpan.FromSeconds(5)));
            Assert.Equal(2, fake.Count);
            Assert.Equal(TimeSpan.FromSeconds(1), ex.AttemptTimeout);
            Assert.Equal(fake.Url + "/", ex.Endpoint);
            Assert.Matches($@"^ECS ListClusters got no answer from {System.Text.RegularExpressions.Regex.Escape(fake.Url)}/ within 1 s \(2 attempts, \d+(\.\d+)? s in all\)\.$", ex.Message);
            Assert.InRange(ex.Elapsed, TimeSpan.FromSeconds(1.5), TimeSpan.FromSeconds(20)); // two timeouts of 1 s, generously
            Assert.True(watch.Elapsed < TimeSpan.FromSeconds(20), $"took {watch.Elapsed.TotalSeconds:F1} s");
            Assert.Contains(log.VerboseLines, l => l.StartsWith("VERBOSE: ECS ListClusters: attempt 1 of 2 failed: no answer within the timeout; retrying in ", StringComparison.Ordinal));
            // What reaches the caller is the Engine's exception, never the SDK's or the runtime's.
            Assert.IsNotType<TimeoutException>(ex);
        }

        [Fact]
        public void The_default_timeout_finds_a_dead_endpoint_within_30_seconds()
        {
            using var env = new EnvironmentScope();
            var timeout = TimeoutOf(Options());
            Assert.Equal(RetryRules.DefaultAttemptTimeout, timeout);
            var rules = new RetryRules(RetryRules.DefaultMaxAttempts);
            Assert.Equal(2, rules.TimeoutAttempts);
            // Worst case: every attempt waits the whole timeout, and the one backoff its whole ceiling.
            var worst = TimeSpan.FromTicks(timeout.Value.Ticks * rules.TimeoutAttempts) + RetryRules.Backoff(1, 1.0);
            Assert.True(worst <= TimeSpan.FromSeconds(30), $"{worst.TotalSeconds} s");
        }

        [Fact]
        public void TimeoutSec_wins_over_ECSPS_TIMEOUT_which_wins_over_the_profile_which_wins_over_the_default()
        {
            using var env = new EnvironmentScope();
            using var files = new SharedAwsFiles(
                config: "[profile slow]\nregion = us-east-1\ncli_read_timeout = 40\n",
                credentials: "[slow]\naws_access_key_id = AKIDSLOW\naws_secret_access_key = x\n");

            Assert.Equal(TimeSpan.FromSeconds(40), TimeoutOf(Options(profile: "slow")));
            env.Set("ECSPS_TIMEOUT", "2.5");
            Assert.Equal(TimeSpan.FromSeconds(2.5), TimeoutOf(Options(profile: "slow")));
            Assert.Equal(TimeSpan.FromSeconds(2.5), TimeoutOf(Options()));
            Assert.Equal(TimeSpan.FromSeconds(7), TimeoutOf(Options(timeoutSec: 7, profile: "slow")));
        }

        [Fact]
        public void The_profile_that_AWS_PROFILE_selects_gives_its_cli_read_timeout_too()
        {
            using var env = new EnvironmentScope().Set("AWS_PROFILE", "slow");
            using var files = new SharedAwsFiles(config: "[profile slow]\nregion = us-east-1\ncli_read_timeout = 25\n");

            Assert.Equal(TimeSpan.FromSeconds(25), TimeoutOf(Options()));
        }

        [Fact]
        public void Zero_waits_for_ever_as_the_AWS_CLI_and_Invoke_RestMethod_have_it()
        {
            using var env = new EnvironmentScope();
            Assert.Equal(Timeout.InfiniteTimeSpan, TimeoutOf(Options(timeoutSec: 0)));
            env.Set("ECSPS_TIMEOUT", "0");
            Assert.Equal(Timeout.InfiniteTimeSpan, TimeoutOf(Options()));
        }

        [Theory]
        [InlineData("soon")]
        [InlineData("-5")]
        [InlineData("1e12")]
        public void A_timeout_that_is_not_a_number_of_seconds_is_a_configuration_error(string value)
        {
            using var env = new EnvironmentScope().Set("ECSPS_TIMEOUT", value);

            var ex = Assert.Throws<AwsConfigurationException>(() => new EcsClient(Options(), null).EnsureConfigured());

            Assert.Equal("InvalidTimeout", ex.Reason);
            Assert.Contains("$env:ECSPS_TIMEOUT", ex.Message);
        }

        [Fact]
        public void Changing_ECSPS_TIMEOUT_in_a_session_takes_effect_for_the_next_command()
        {
            using var env = new EnvironmentScope().Set("ECSPS_TIMEOUT", "3");
            Assert.Equal(TimeSpan.FromSeconds(3), TimeoutOf(Options()));
            env.Set("ECSPS_TIMEOUT", "4");
            Assert.Equal(TimeSpan.FromSeconds(4), TimeoutOf(Options()));
        }
    }
}
