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
    /// The SDK's retry policy as the Engine configures it: throttling and server errors are retried
    /// (with the SDK's own jittered backoff — a throttled retry waits up to about 2 s here, so
    /// these tests stay at two retries), client errors are not. Counts are asserted, never times.
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
            // Room for more attempts than needed: the third request ends it because it succeeded.
            var client = new EcsClient(TestConnections.For(fake, maxErrorRetry: 4), null);

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
        public void Always_throttled_fails_after_the_SDKs_attempts_with_a_throttling_error()
        {
            using var fake = new ScriptedAwsServer();
            fake.Always("DescribeClusters", ScriptedResponse.Throttling("Rate exceeded"));
            var options = TestConnections.For(fake); // the SDK's default attempts
            var attempts = MaxErrorRetryOf(options) + 1;
            Assert.True(attempts > 1, "the SDK should retry by default");
            var client = new EcsClient(options, null);

            var ex = Assert.Throws<AwsServiceException>(() =>
                client.DescribeClusters(new[] { "prod" }, null, CancellationToken.None).ToList());

            Assert.Equal(attempts, fake.Requests.Count);
            Assert.Equal("ThrottlingException", ex.ErrorCode);
            Assert.True(ex.IsThrottling);
            Assert.Equal(400, ex.StatusCode);
            Assert.Equal("Rate exceeded", ex.ServiceMessage);
            Assert.Equal("DescribeClusters", ex.Operation);
            // The error reported is the last answer's.
            Assert.Equal(fake.Requests.Last().ResponseRequestId, ex.RequestId);
        }

        [Fact]
        public void Server_errors_are_retried()
        {
            using var fake = new ScriptedAwsServer();
            fake.Enqueue("DeleteCluster", ScriptedResponse.ServerError(), ScriptedResponse.Raw(503, null, ""),
                EcsResponses.ClusterResponse(EcsResponses.BasicCluster("old")));
            var client = new EcsClient(TestConnections.For(fake, maxErrorRetry: 2), null);

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
            var client = new EcsClient(TestConnections.For(fake, maxErrorRetry: 4), null);

            var ex = Assert.Throws<AwsServiceException>(() => client.DeleteCluster(new DeleteClusterRequest { Cluster = "prod" }, CancellationToken.None));

            Assert.Equal(code, ex.ErrorCode);
            Assert.False(ex.IsThrottling);
            Assert.Single(fake.Requests);
        }

        [Fact]
        public void A_dropped_connection_is_retried()
        {
            using var fake = new ScriptedAwsServer();
            fake.Enqueue("ListClusters", ScriptedResponse.Drop(), EcsResponses.ListClusters(null, EcsResponses.ClusterArn("a")));
            var client = new EcsClient(TestConnections.For(fake, maxErrorRetry: 2), null);

            Assert.Single(client.ListClusterArns(CancellationToken.None).SelectMany(p => p));
            Assert.Equal(2, fake.Requests.Count);
            Assert.NotEqual(fake.Requests[0].Connection, fake.Requests[1].Connection);
        }

        [Fact]
        public void Connections_that_always_drop_end_in_a_transport_exception_after_every_SDK_attempt()
        {
            using var fake = new ScriptedAwsServer();
            fake.Always("ListClusters", ScriptedResponse.Drop());
            var client = new EcsClient(TestConnections.For(fake, maxErrorRetry: 1), null);

            var ex = Assert.Throws<AwsTransportException>(() => client.ListClusterArns(CancellationToken.None).ToList());

            Assert.Equal("ListClusters", ex.Operation);
            Assert.Equal("ECS", ex.ServiceId);
            Assert.Contains(fake.Url, ex.Message);
            // HttpClient itself re-sends a request whose connection closes before any answer (up to
            // 10 times, below the SDK: the same amz-sdk-request attempt number each time), so only
            // the SDK's attempt numbers are asserted: 1 and 2 for one retry.
            Assert.Equal(new[] { "attempt=1; max=2", "attempt=2; max=2" },
                fake.Requests.Select(r => r.Header("amz-sdk-request")).Distinct());
        }
    }
}
