using System;
using System.Linq;
using System.Threading;
using EcsPS.Engine.Ecs;
using EcsPS.Engine.Ecs.Model;
using EcsPS.Engine.Runtime;
using EcsPS.Engine.Tests.Support;
using Xunit;

namespace EcsPS.Engine.Tests
{
    /// <summary>
    /// Every HTTP(S) request for anything but 127.0.0.1 goes to a loopback trap (the test process
    /// sets HTTP(S)_PROXY to it, NO_PROXY to 127.0.0.1). These run in the serial collection, after
    /// every parallel test.
    /// </summary>
    [Collection(EnvironmentCollection.Name)]
    public sealed class StrayTrafficTests
    {
        // Loopback too, but not exempt from the proxy: a safe stand-in for a real AWS host.
        private const string Probe = "http://127.0.0.2:9/";

        [Fact]
        public void The_trap_receives_what_is_not_for_127_0_0_1()
        {
            using var env = new EnvironmentScope();
            var client = new EcsClient(new AwsConnectionOptions
            {
                EndpointUrl = Probe, Region = "us-east-1", AccessKey = "AKIDEXAMPLE", SecretKey = "x", MaxErrorRetry = 0,
            }, null);

            var ex = Assert.Throws<AwsServiceException>(() => client.DeleteCluster(new DeleteClusterRequest { Cluster = "x" }, CancellationToken.None));

            Assert.Equal(502, ex.StatusCode);
            Assert.Contains(TestEnvironment.StrayTrafficTrap.Requests, r => r.Path.StartsWith(Probe, StringComparison.Ordinal));
        }

        [Fact]
        public void No_request_left_the_loopback_fakes()
        {
            var stray = TestEnvironment.StrayTrafficTrap.Requests.Where(r => !r.Path.StartsWith(Probe, StringComparison.Ordinal)).ToList();
            Assert.True(stray.Count == 0, "requests went past the fakes: " + string.Join("; ", stray.Select(r => r.Method + " " + r.Path)));
        }
    }
}
