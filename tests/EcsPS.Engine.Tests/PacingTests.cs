using System;
using System.Collections.Generic;
using System.Linq;
using System.Text.Json.Nodes;
using System.Threading;
using EcsPS.Engine.Ecs;
using EcsPS.Engine.Ecs.Model;
using EcsPS.Engine.Runtime;
using EcsPS.Engine.Tests.Support;
using EcsPS.TestFakes;
using Xunit;

namespace EcsPS.Engine.Tests
{
    /// <summary>
    /// Client-side pacing (RequestPacer) against a fake that throttles the way ECS does: a token
    /// bucket per action category with ECS's documented burst and refill, on the same virtual
    /// clock as the Engine, so hundreds of paced requests run in milliseconds of real time.
    /// </summary>
    public sealed class PacingTests
    {
        private static readonly CancellationToken None = CancellationToken.None;

        /// <summary>ECS's side of the bargain: a bucket that answers ThrottlingException when empty.</summary>
        private sealed class ServiceBucket
        {
            private readonly VirtualTransportClock _clock;
            private readonly int _burst;
            private readonly double _perSecond;
            private TimeSpan _at;
            private double _tokens;

            public ServiceBucket(VirtualTransportClock clock, int burst, double perSecond, double takenByOthers = 0)
            {
                _clock = clock;
                _burst = burst;
                _perSecond = perSecond;
                _at = clock.Now;
                _tokens = burst - takenByOthers;
            }

            public int Throttled { get; private set; }
            public int Allowed { get; private set; }

            public bool TryTake()
            {
                lock (this)
                {
                    var now = _clock.Now;
                    _tokens = Math.Min(_burst, _tokens + (now - _at).TotalSeconds * _perSecond);
                    _at = now;
                    if (_tokens >= 1 - 1e-9)
                    {
                        _tokens -= 1;
                        Allowed++;
                        return true;
                    }
                    Throttled++;
                    return false;
                }
            }
        }

        private static readonly RateLimit ServiceModify = GeneratedOperations.Of(typeof(EcsClient), "UpdateService").RateLimit;

        [Fact]
        public void The_generated_limits_are_ECSs_documented_buckets()
        {
            Assert.Equal(("service modify", 50, 5.0), (ServiceModify.Name, ServiceModify.Burst, ServiceModify.PerSecond));
            var read = GeneratedOperations.Of(typeof(EcsClient), "DescribeServices").RateLimit;
            Assert.Equal(("service read", 100, 20.0), (read.Name, read.Burst, read.PerSecond));
            Assert.Same(read, GeneratedOperations.Of(typeof(EcsClient), "ListServices").RateLimit);
            var register = GeneratedOperations.Of(typeof(EcsClient), "RegisterTaskDefinition").RateLimit;
            Assert.Equal(("task definition modify", 20, 1.0), (register.Name, register.Burst, register.PerSecond));
            Assert.Equal(5, GeneratedOperations.Of(typeof(EcsClient), "DeleteTaskDefinitions").RateLimit.Burst);
            Assert.Null(GeneratedOperations.Of(typeof(EcsClient), "DescribeCapacityProviders").RateLimit); // not documented: not paced
        }

        [Fact]
        public void A_bucket_lets_its_burst_go_at_once_then_spaces_requests_at_its_rate()
        {
            var clock = new VirtualTransportClock();
            var pacer = new RequestPacer(clock);
            var limit = new RateLimit("test", burst: 3, perSecond: 2);

            Assert.Equal(new[] { 0.0, 0.0, 0.0, 0.5, 1.0, 1.5 }, Enumerable.Range(0, 6).Select(_ => pacer.Reserve(limit).TotalSeconds));
            clock.Advance(TimeSpan.FromSeconds(10));
            Assert.Equal(3, pacer.Available(limit), 3); // full again, never more than the burst
        }

        [Fact]
        public void A_throttled_answer_empties_the_bucket_and_halves_its_rate_and_answers_bring_the_rate_back()
        {
            var clock = new VirtualTransportClock();
            var pacer = new RequestPacer(clock);
            var limit = new RateLimit("test", burst: 10, perSecond: 4);

            pacer.Throttled(limit);
            Assert.Equal(0, pacer.Available(limit), 3);
            Assert.Equal(2, pacer.Rate(limit), 3);
            Assert.Equal(0.5, pacer.Reserve(limit).TotalSeconds, 3);
            for (var i = 0; i < 10; i++) pacer.Throttled(limit);
            Assert.Equal(4.0 / 16, pacer.Rate(limit), 3); // never slower than a sixteenth
            for (var i = 0; i < 100; i++) pacer.Answered(limit);
            Assert.Equal(4, pacer.Rate(limit), 3); // never faster than documented
        }

        private static (ScriptedAwsServer Fake, HashSet<string> Updated, Dictionary<string, int> Applied) UpdateServiceFake(ServiceBucket bucket)
        {
            var fake = new ScriptedAwsServer();
            var updated = new HashSet<string>();
            var applied = new Dictionary<string, int>();
            fake.On("UpdateService", request =>
            {
                if (!bucket.TryTake()) return ScriptedResponse.Throttling("Rate exceeded");
                var name = request.Json.GetProperty("service").GetString();
                lock (applied) applied[name] = applied.TryGetValue(name, out var n) ? n + 1 : 1;
                return ScriptedResponse.Json(new JsonObject { ["service"] = new JsonObject { ["serviceName"] = name, ["desiredCount"] = 2 } });
            });
            return (fake, updated, applied);
        }

        [Fact]
        public void Three_hundred_UpdateService_calls_against_ECSs_bucket_all_complete_with_few_throttled_answers()
        {
            var clock = new VirtualTransportClock();
            // Something else in the account took 20 of the 50 tokens just before.
            var bucket = new ServiceBucket(clock, burst: 50, perSecond: 5, takenByOthers: 20);
            var (fake, _, applied) = UpdateServiceFake(bucket);
            using (fake)
            {
                var options = TestConnections.For(fake, clock: clock);
                var started = clock.Now;

                for (var i = 0; i < 300; i++)
                {
                    // A new Engine client per item, as a pipeline into separate commands would; one cached SDK client and pacer under them.
                    var client = new EcsClient(options, null);
                    var service = client.UpdateService(new UpdateServiceRequest { Cluster = "prod", Service = $"svc-{i:D3}", DesiredCount = 2 }, None).Service;
                    Assert.Equal($"svc-{i:D3}", service.ServiceName);
                }

                Assert.Equal(300, applied.Count);
                Assert.All(applied.Values, n => Assert.Equal(1, n));
                Assert.InRange(bucket.Throttled, 1, 5);
                // The physics: 30 tokens at hand, then 5 a second for the other 270.
                Assert.True(clock.Now - started >= TimeSpan.FromSeconds(270 / 5.0 - 1), $"took {(clock.Now - started).TotalSeconds:F1} s of virtual time");
                foreach (var request in fake.Requests.Take(3)) ModelAssert.ValidRequest(ServiceModel.Ecs, request);
                Assert.Empty(fake.ServerErrors);
            }
        }

        [Fact]
        public void When_others_use_half_the_accounts_rate_a_bulk_change_still_completes_and_settles_near_its_share()
        {
            var clock = new VirtualTransportClock();
            // The account's bucket refills at 5 a second, but a CI job spends 2.5 of them: what is
            // left for this session is a bucket that refills at 2.5.
            var bucket = new ServiceBucket(clock, burst: 50, perSecond: 2.5);
            var (fake, _, applied) = UpdateServiceFake(bucket);
            using (fake)
            {
                var client = new EcsClient(TestConnections.For(fake, clock: clock), null);

                for (var i = 0; i < 300; i++)
                    client.UpdateService(new UpdateServiceRequest { Cluster = "prod", Service = $"svc-{i:D3}", DesiredCount = 2 }, None);

                Assert.Equal(300, applied.Count);
                Assert.All(applied.Values, n => Assert.Equal(1, n));
                // Pacing at the documented 5 a second alone is throttled 170 times here (measured with
                // the halving switched off); slowing down on each throttle keeps it to about 15.
                Assert.True(bucket.Throttled <= 40, $"{bucket.Throttled} throttled answers");
            }
        }

        [Fact]
        public void A_fan_out_of_describes_stays_inside_the_read_bucket()
        {
            var clock = new VirtualTransportClock();
            var bucket = new ServiceBucket(clock, burst: 100, perSecond: 20);
            using var fake = new ScriptedAwsServer();
            fake.On("DescribeServices", request => bucket.TryTake()
                ? ScriptedResponse.Json("{\"services\":[],\"failures\":[]}")
                : ScriptedResponse.Throttling());
            var client = new EcsClient(TestConnections.For(fake, clock: clock), null);

            // 4,000 services in batches of ten: 400 requests.
            var names = Enumerable.Range(0, 4000).Select(i => $"svc-{i}").ToList();
            var batches = client.DescribeServices("prod", names, false, None).Count();

            Assert.Equal(400, batches);
            Assert.Equal(0, bucket.Throttled);
            Assert.Equal(400, fake.Requests.Count);
        }
    }
}
