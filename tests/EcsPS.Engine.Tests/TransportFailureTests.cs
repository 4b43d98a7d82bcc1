using System;
using System.Linq;
using System.Net;
using System.Net.Http;
using System.Net.Sockets;
using System.Text;
using System.Threading;
using EcsPS.Engine.Ecs;
using EcsPS.Engine.Ecs.Model;
using EcsPS.Engine.Protocols.Json;
using EcsPS.Engine.Runtime;
using EcsPS.Engine.Tests.Fakes;
using EcsPS.Engine.Tests.Support;
using EcsPS.TestFakes;
using Xunit;

namespace EcsPS.Engine.Tests
{
    /// <summary>
    /// What a failure says about the request decides whether even an at-most-once call may be sent
    /// again (TransportFailure): a connection that never opened carried nothing, a broken or
    /// silent one may have delivered it. And whatever the failure, what leaves the Engine is one of
    /// its own exceptions.
    /// </summary>
    public sealed class TransportFailureTests
    {
        private static int ClosedPort()
        {
            var listener = new TcpListener(IPAddress.Loopback, 0);
            listener.Start();
            var port = ((IPEndPoint)listener.LocalEndpoint).Port;
            listener.Stop();
            return port;
        }

        private static Exception Failure(Func<HttpClient, HttpResponseMessage> send)
        {
            using var http = new HttpClient(new SocketsHttpHandler { UseProxy = false }) { Timeout = TimeSpan.FromSeconds(1) };
            return Record.Exception(() => send(http));
        }

        [Fact]
        public void A_refused_connection_carried_nothing_a_dropped_or_silent_one_may_have()
        {
            var refused = Failure(http => http.Send(new HttpRequestMessage(HttpMethod.Post, $"http://127.0.0.1:{ClosedPort()}/")));
            Assert.Equal(FailureKind.NotSent, TransportFailure.Classify(refused, cancelledByCaller: false));

            using var fake = new ScriptedAwsServer();
            fake.Enqueue("ListClusters", ScriptedResponse.Drop());
            var dropped = Failure(http =>
            {
                var message = new HttpRequestMessage(HttpMethod.Post, fake.Url + "/") { Content = new StringContent("{}") };
                message.Headers.TryAddWithoutValidation("X-Amz-Target", "AmazonEC2ContainerServiceV20141113.ListClusters");
                return http.Send(message);
            });
            Assert.Equal(FailureKind.ConnectionLost, TransportFailure.Classify(dropped, cancelledByCaller: false));

            Assert.Equal(FailureKind.TimedOut, TransportFailure.Classify(new TimeoutException("The operation was canceled."), false));
            Assert.Equal(FailureKind.TimedOut, TransportFailure.Classify(new System.Threading.Tasks.TaskCanceledException(), false));
            Assert.Equal(FailureKind.Final, TransportFailure.Classify(new OperationCanceledException(), cancelledByCaller: true));
            Assert.True(TransportFailure.MayHaveTakenEffect(FailureKind.ConnectionLost));
            Assert.True(TransportFailure.MayHaveTakenEffect(FailureKind.TimedOut));
            Assert.False(TransportFailure.MayHaveTakenEffect(FailureKind.NotSent));
        }

        [Fact]
        public void An_at_most_once_call_is_retried_when_the_connection_never_opened()
        {
            var options = new AwsConnectionOptions
            {
                EndpointUrl = $"http://127.0.0.1:{ClosedPort()}", Region = "us-east-1",
                AccessKey = TestConnections.AccessKey, SecretKey = TestConnections.SecretKey, Clock = new VirtualTransportClock(),
            };
            var request = EngineJson.Deserialize<RegisterTaskDefinitionRequest>(Encoding.UTF8.GetBytes(
                "{\"family\":\"web\",\"containerDefinitions\":[{\"name\":\"web\",\"image\":\"nginx\"}]}"));

            var ex = Assert.Throws<AwsTransportException>(() => new EcsClient(options, null).RegisterTaskDefinitionRevision(request, CancellationToken.None));

            Assert.Equal(AwsTransportException.Reasons.Unreachable, ex.Reason);
            Assert.Equal(RetryRules.DefaultMaxAttempts, ex.Attempts);
            Assert.False(ex.OutcomeUnknown);
            Assert.StartsWith($"ECS RegisterTaskDefinition could not connect to {options.EndpointUrl}/ (3 attempts, ", ex.Message);
        }

        public static TheoryData<string> Failures => new TheoryData<string> { "drop", "cut short", "timeout", "refused" };

        [Theory]
        [MemberData(nameof(Failures))]
        public void Whatever_the_failure_the_exception_that_leaves_the_Engine_is_its_own(string how)
        {
            using var fake = new ScriptedAwsServer();
            using var release = new CancellationTokenSource();
            var response = how switch
            {
                "drop" => ScriptedResponse.Drop(),
                "cut short" => EcsResponses.ListClusters(null, EcsResponses.ClusterArn("a")).CutShort(4),
                "timeout" => EcsResponses.ListClusters(null).Held(System.Threading.Tasks.Task.Delay(Timeout.Infinite, release.Token)),
                _ => null,
            };
            if (response != null) fake.Always("ListClusters", response);
            var options = TestConnections.For(fake, maxErrorRetry: 0, timeoutSec: 1);
            if (how == "refused") options.EndpointUrl = $"http://127.0.0.1:{ClosedPort()}";

            var ex = Record.Exception(() => new EcsClient(options, null).ListClusterArns(CancellationToken.None).ToList());
            release.Cancel();

            Assert.NotNull(ex);
            Assert.True(ex is AwsTransportException || ex is AwsServiceException, $"{how}: {ex.GetType().FullName}: {ex.Message}");
            Assert.Equal("EcsPS.Engine.Runtime", ex.GetType().Namespace);
        }
    }
}
