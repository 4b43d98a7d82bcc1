using System;
using System.Linq;
using System.Threading;
using EcsPS.Engine.Ecs;
using EcsPS.Engine.Ecs.Model;
using EcsPS.Engine.Runtime;
using EcsPS.Engine.Tests.Fakes;
using EcsPS.TestFakes;
using EcsPS.Engine.Tests.Support;
using Xunit;

namespace EcsPS.Engine.Tests
{
    /// <summary>
    /// The Engine's retry policy (TransportRetryPolicy, RetryRules) as a client sees it: which
    /// failures are sent again, how often, after how long, and that none of it outlives a call.
    /// Backoff runs on a virtual clock, so counts and asked-for waits are asserted, never times.
    /// </summary>
    public sealed class RetryTests
    {
        private static int MaxErrorRetryOf(AwsConnectionOptions options)
            => AwsClientFactory.GetClient(EcsClient.Descriptor, options).Config.MaxErrorRetry;

        [Fact]
        public void Throttled_twice_then_answered_succeeds_on_the_third_request()
        {
            using var fake = new ScriptedAwsServer();
            fake.Enqueue("ListClusters", ScriptedResponse.Throttling(), ScriptedResponse.Throttling(),
                EcsResponses.ListClusters(null, EcsResponses.ClusterArn("a")));
            var clock = new VirtualTransportClock();
            var client = new EcsClient(TestConnections.For(fake, clock: clock), null);

            var arns = client.ListClusterArns(CancellationToken.None).SelectMany(p => p).ToList();

            Assert.Equal(new[] { EcsResponses.ClusterArn("a") }, arns);
            var requests = fake.Requests;
            Assert.Equal(3, requests.Count);
            // One invocation, retried: the same invocation id, attempts numbered 1..3, same body.
            Assert.Single(requests.Select(r => r.Header("amz-sdk-invocation-id")).Distinct());
            Assert.Equal(new[] { "attempt=1", "attempt=2", "attempt=3" },
                requests.Select(r => r.Header("amz-sdk-request")?.Split(';')[0]));
            Assert.Single(requests.Select(r => r.Body).Distinct());
            Assert.Equal(0, fake.Pending("ListClusters"));
        }

        [Fact]
        public void Throttling_is_retried_longer_than_server_errors()
        {
            using var fake = new ScriptedAwsServer();
            // Five throttled answers: more than the three attempts a server error gets.
            fake.Enqueue("ListClusters", Enumerable.Repeat(ScriptedResponse.Throttling(), 5)
                .Append(EcsResponses.ListClusters(null, EcsResponses.ClusterArn("a"))).ToArray());
            var client = new EcsClient(TestConnections.For(fake, clock: new VirtualTransportClock()), null);

            Assert.Single(client.ListClusterArns(CancellationToken.None).SelectMany(p => p));
            Assert.Equal(6, fake.Requests.Count);
        }

        [Fact]
        public void Always_throttled_fails_after_the_throttling_attempts_with_backoff_that_grows_to_its_cap()
        {
            using var fake = new ScriptedAwsServer();
            fake.Always("DescribeClusters", ScriptedResponse.Throttling("Rate exceeded"));
            var clock = new VirtualTransportClock();
            var log = new CapturingLog();
            var options = TestConnections.For(fake, clock: clock); // the default attempts
            var rules = new RetryRules(MaxErrorRetryOf(options) + 1);
            Assert.Equal(RetryRules.DefaultMaxAttempts, rules.MaxAttempts);
            Assert.Equal(RetryRules.MinThrottleAttempts, rules.ThrottleAttempts);
            var client = new EcsClient(options, log);

            var ex = Assert.Throws<AwsServiceException>(() =>
                client.DescribeClusters(new[] { "prod" }, null, CancellationToken.None).ToList());

            Assert.Equal(rules.ThrottleAttempts, fake.Requests.Count);
            Assert.Equal($"attempt={rules.ThrottleAttempts}; max={rules.MostAttempts}", fake.Requests.Last().Header("amz-sdk-request"));
            Assert.Equal("ThrottlingException", ex.ErrorCode);
            Assert.True(ex.IsThrottling);
            Assert.Equal(400, ex.StatusCode);
            Assert.Equal("Rate exceeded", ex.ServiceMessage);
            Assert.Equal("DescribeClusters", ex.Operation);
            // The error reported is the last answer's.
            Assert.Equal(fake.Requests.Last().ResponseRequestId, ex.RequestId);
            // Retry n waits a random share of 2^(n-1) s, capped at 20 s: about a minute at most in all.
            var waits = log.VerboseLines.Where(l => l.Contains("retrying in")).Select(l => double.Parse(
                System.Text.RegularExpressions.Regex.Match(l, @"retrying in (\S+) s").Groups[1].Value, System.Globalization.CultureInfo.InvariantCulture)).ToList();
            Assert.Equal(rules.ThrottleAttempts - 1, waits.Count);
            for (var retry = 1; retry <= waits.Count; retry++)
                Assert.InRange(waits[retry - 1], 0, Math.Min(20, Math.Pow(2, retry - 1)) + 0.5);
            Assert.Equal(TimeSpan.FromSeconds(1), RetryRules.Backoff(1, 1.0));
            Assert.Equal(TimeSpan.FromSeconds(16), RetryRules.Backoff(5, 1.0));
            Assert.Equal(RetryRules.MaxDelay, RetryRules.Backoff(7, 1.0));
            Assert.Equal(TimeSpan.Zero, RetryRules.Backoff(3, 0.0));
        }

        [Fact]
        public void With_one_attempt_allowed_nothing_is_retried_not_even_throttling()
        {
            using var fake = new ScriptedAwsServer();
            fake.Always("ListClusters", ScriptedResponse.Throttling());
            var client = new EcsClient(TestConnections.For(fake, maxErrorRetry: 0, clock: new VirtualTransportClock()), null);

            Assert.Throws<AwsServiceException>(() => client.ListClusterArns(CancellationToken.None).ToList());
            Assert.Single(fake.Requests);
        }

        [Fact]
        public void Server_errors_are_retried()
        {
            using var fake = new ScriptedAwsServer();
            fake.Enqueue("DeleteCluster", ScriptedResponse.ServerError(), ScriptedResponse.Raw(503, null, ""),
                EcsResponses.ClusterResponse(EcsResponses.BasicCluster("old")));
            var client = new EcsClient(TestConnections.For(fake, maxErrorRetry: 2, clock: new VirtualTransportClock()), null);

            var cluster = client.DeleteCluster(new DeleteClusterRequest { Cluster = "old" }, CancellationToken.None).Cluster;

            Assert.Equal("old", cluster.ClusterName);
            Assert.Equal(3, fake.Requests.Count);
        }

        [Theory]
        [InlineData("ClusterNotFoundException", "Cluster not found.")]
        [InlineData("InvalidParameterException", "The specified capacity provider strategy cannot contain a capacity provider that is not associated with the cluster.")]
        [InlineData("AccessDeniedException", "User is not authorized to perform: ecs:DeleteCluster")]
        public void Client_errors_are_not_retried(string code, string message)
        {
            using var fake = new ScriptedAwsServer();
            fake.Always("DeleteCluster", ScriptedResponse.Error(code, message));
            var client = new EcsClient(TestConnections.For(fake, maxErrorRetry: 4, clock: new VirtualTransportClock()), null);

            var ex = Assert.Throws<AwsServiceException>(() => client.DeleteCluster(new DeleteClusterRequest { Cluster = "prod" }, CancellationToken.None));

            Assert.Equal(code, ex.ErrorCode);
            Assert.False(ex.IsThrottling);
            Assert.Single(fake.Requests);
        }

        [Fact]
        public void A_dropped_connection_is_retried_on_a_new_connection()
        {
            using var fake = new ScriptedAwsServer();
            fake.Enqueue("ListClusters", ScriptedResponse.Drop(), EcsResponses.ListClusters(null, EcsResponses.ClusterArn("a")));
            var client = new EcsClient(TestConnections.For(fake, maxErrorRetry: 2, clock: new VirtualTransportClock()), null);

            Assert.Single(client.ListClusterArns(CancellationToken.None).SelectMany(p => p));
            Assert.Equal(2, fake.Requests.Count);
            Assert.NotEqual(fake.Requests[0].Connection, fake.Requests[1].Connection);
        }

        [Theory]
        [InlineData(0)]
        [InlineData(1)]
        [InlineData(2)]
        public void Lost_connections_are_sent_exactly_as_often_as_the_attempt_limit_allows_each_after_a_backoff(int maxErrorRetry)
        {
            // The SDK used to re-send a request whose connection broke ten more times, at once
            // and uncounted: 11 sends with one attempt allowed, 13 with three, in 0.4 s.
            using var fake = new ScriptedAwsServer();
            fake.Always("ListClusters", ScriptedResponse.Drop());
            var clock = new VirtualTransportClock();
            var client = new EcsClient(TestConnections.For(fake, maxErrorRetry: maxErrorRetry, clock: clock), null);

            var ex = Assert.Throws<AwsTransportException>(() => client.ListClusterArns(CancellationToken.None).ToList());

            var attempts = maxErrorRetry + 1;
            Assert.Equal(attempts, fake.Requests.Count);
            Assert.Equal(Enumerable.Range(1, attempts).Select(n => $"attempt={n}"),
                fake.Requests.Select(r => r.Header("amz-sdk-request")?.Split(';')[0]));
            // A backoff before every retry (ListClusters is paced, but 3 requests are well in its burst).
            Assert.Equal(maxErrorRetry, clock.Delays.Count);
            Assert.Equal(attempts, ex.Attempts);
            Assert.Equal(AwsTransportException.Reasons.ConnectionLost, ex.Reason);
            Assert.Equal("ListClusters", ex.Operation);
            Assert.Equal("ECS", ex.ServiceId);
            Assert.Contains(fake.Url, ex.Message);
            Assert.Contains(attempts == 1 ? "1 attempt" : $"{attempts} attempts", ex.Message);
            Assert.False(ex.OutcomeUnknown); // ListClusters only reads
        }

        [Fact]
        public void A_5xx_storm_does_not_use_up_retries_for_the_rest_of_the_session()
        {
            // Two 503s before every answer, for 100 calls on one cached client: the SDK's shared
            // retry quota (500 tokens, 5 a retry, a few back per success) ran dry after ~35 such
            // calls, and every later call failed on its first 503, for good.
            using var fake = new ScriptedAwsServer();
            var calls = 0;
            fake.On("DescribeClusters", _ =>
            {
                var n = Interlocked.Increment(ref calls);
                return n % 3 == 0
                    ? EcsResponses.DescribeClusters(new System.Text.Json.Nodes.JsonArray(EcsResponses.BasicCluster("prod")))
                    : ScriptedResponse.Raw(503, "application/json", "{\"__type\":\"ServerException\",\"message\":\"Service Unavailable\"}");
            });
            var clock = new VirtualTransportClock();
            var options = TestConnections.For(fake, clock: clock);
            var sdkClient = AwsClientFactory.GetClient(EcsClient.Descriptor, options);

            for (var i = 0; i < 100; i++)
            {
                // A new Engine client per call, as each cmdlet invocation makes; the SDK client under it is the cached one.
                var client = new EcsClient(options, null);
                var result = client.DescribeClusters(new[] { "prod" }, null, CancellationToken.None).Single();
                Assert.Equal("prod", Assert.Single(result.Items).ClusterName);
            }

            Assert.Same(sdkClient, AwsClientFactory.GetClient(EcsClient.Descriptor, options));
            Assert.Equal(300, fake.Requests.Count);
            Assert.Equal(200, fake.Requests.Count(r => r.Response.StatusCode == 503));

            // And once the endpoint is healthy, calls succeed at once.
            fake.Always("DescribeClusters", EcsResponses.DescribeClusters(new System.Text.Json.Nodes.JsonArray(EcsResponses.BasicCluster("prod"))));
            fake.Clear();
            new EcsClient(options, null).DescribeClusters(new[] { "prod" }, null, CancellationToken.None).ToList();
            Assert.Single(fake.Requests);
        }

        [Fact]
        public void Every_retry_is_logged_with_its_reason_and_delay()
        {
            using var fake = new ScriptedAwsServer();
            fake.Enqueue("ListClusters", ScriptedResponse.ServerError(), ScriptedResponse.Throttling(), ScriptedResponse.Drop(),
                EcsResponses.ListClusters(null));
            var log = new CapturingLog();
            var clock = new VirtualTransportClock();
            var client = new EcsClient(TestConnections.For(fake, maxErrorRetry: 3, clock: clock), log);

            client.ListClusterArns(CancellationToken.None).ToList();

            var retries = log.VerboseLines.Where(l => l.Contains("retrying in")).ToList();
            Assert.Equal(3, retries.Count);
            Assert.Matches(@"^VERBOSE: ECS ListClusters: attempt 1 of 4 failed: ServerException \(HTTP 500, request id fake-0001\); retrying in \d+(\.\d+)? s\.$", retries[0]);
            Assert.Matches(@"^VERBOSE: ECS ListClusters: attempt 2 of 8 failed: ThrottlingException \(HTTP 400, request id fake-0002\); retrying in \d+(\.\d+)? s\.$", retries[1]);
            Assert.Matches(@"^VERBOSE: ECS ListClusters: attempt 3 of 4 failed: connection lost before the answer: .+; retrying in \d+(\.\d+)? s\.$", retries[2]);
            // The delays logged are the ones waited.
            var logged = retries.Select(l => double.Parse(System.Text.RegularExpressions.Regex.Match(l, @"retrying in (\S+) s").Groups[1].Value,
                System.Globalization.CultureInfo.InvariantCulture)).ToList();
            Assert.All(logged, s => Assert.Contains(clock.Delays, d => Math.Abs(d.TotalSeconds - s) < 0.01));
            Assert.Contains(log.VerboseLines, l => l.StartsWith("VERBOSE: ECS ListClusters: answered in ", StringComparison.Ordinal) && l.EndsWith("(attempt 4)", StringComparison.Ordinal));
        }
    }
}
