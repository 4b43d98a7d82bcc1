using System;
using System.Collections.Generic;
using System.Linq;
using System.Text.Json;
using System.Text.Json.Nodes;
using System.Threading;
using EcsPS.Engine.Ecs;
using EcsPS.Engine.Ecs.ContainerInstances;
using EcsPS.Engine.Ecs.Model;
using EcsPS.Engine.Runtime;
using EcsPS.Engine.Tests.Support;
using EcsPS.TestFakes;
using Xunit;

namespace EcsPS.Engine.Tests.Services
{
    /// <summary>
    /// EC2 capacity against the scripted loopback fake, with answers shaped like ECS's and every
    /// request and answer checked against botocore's model: the drain wait on a virtual clock (no
    /// real sleeping), per-instance failures of UpdateContainerInstancesState, and a
    /// CreateCapacityProvider whose answer is lost.
    /// </summary>
    public sealed class CapacityTests
    {
        private static readonly CancellationToken None = CancellationToken.None;
        private const string A = "0123456789abcdef0123456789abcdea";
        private const string B = "0123456789abcdef0123456789abcdeb";
        private const string Asg = "arn:aws:autoscaling:us-east-1:123456789012:autoScalingGroup:0a1b2c3d-4e5f-6a7b-8c9d-0e1f2a3b4c5d:autoScalingGroupName/ecs-prod";

        private static string InstanceArn(string id, string cluster = "prod") => $"arn:aws:ecs:us-east-1:123456789012:container-instance/{cluster}/{id}";

        private static JsonObject Instance(string id, int running, int pending = 0, string status = "DRAINING", string ec2 = "i-0abc1234def567890")
            => new JsonObject
            {
                ["containerInstanceArn"] = InstanceArn(id),
                ["ec2InstanceId"] = ec2,
                ["status"] = status,
                ["agentConnected"] = true,
                ["runningTasksCount"] = running,
                ["pendingTasksCount"] = pending,
                ["registeredResources"] = new JsonArray(
                    new JsonObject { ["name"] = "CPU", ["type"] = "INTEGER", ["integerValue"] = 2048 },
                    new JsonObject { ["name"] = "MEMORY", ["type"] = "INTEGER", ["integerValue"] = 3904 }),
                ["remainingResources"] = new JsonArray(
                    new JsonObject { ["name"] = "CPU", ["type"] = "INTEGER", ["integerValue"] = 512 },
                    new JsonObject { ["name"] = "MEMORY", ["type"] = "INTEGER", ["integerValue"] = 1024 }),
            };

        private static ScriptedResponse Described(params JsonObject[] instances)
            => ScriptedResponse.Json(new JsonObject { ["containerInstances"] = new JsonArray(instances.Select(i => (JsonNode)i.DeepClone()).ToArray()), ["failures"] = new JsonArray() });

        private static void AssertValidTraffic(ScriptedAwsServer fake)
        {
            foreach (var request in fake.Requests)
            {
                ModelAssert.ValidRequest(ServiceModel.Ecs, request);
                if (request.Response != null && request.Response.StatusCode < 300 && request.Response.CutAfterBodyBytes == null && !request.Response.DropConnection)
                    ModelAssert.ValidResponse(ServiceModel.Ecs, request);
            }
            Assert.Empty(fake.Unscripted);
            Assert.Empty(fake.ServerErrors);
        }

        private sealed class Observer : IDrainObserver
        {
            public List<DrainProgress> Progress { get; } = new List<DrainProgress>();
            public List<string> Messages { get; } = new List<string>();
            public void OnProgress(DrainProgress progress) => Progress.Add(progress);
            public void OnMessage(string message) => Messages.Add(message);
        }

        private static (ScriptedAwsServer Fake, EcsClient Client, VirtualWaitClock Clock, Observer Observer) Harness(int maxErrorRetry = 0)
        {
            var fake = new ScriptedAwsServer("ecs");
            return (fake, new EcsClient(TestConnections.For(fake, maxErrorRetry), null), new VirtualWaitClock(), new Observer());
        }

        private static DrainWaitOptions Options(double timeoutMin = 30, double pollSec = 15)
            => new DrainWaitOptions { Timeout = TimeSpan.FromMinutes(timeoutMin), PollInterval = TimeSpan.FromSeconds(pollSec) };

        // ---- the drain wait ------------------------------------------------------------------

        [Fact]
        public void A_drain_ends_when_the_tasks_have_left_counts_going_3_then_1_then_0_across_polls()
        {
            var (fake, client, clock, observer) = Harness();
            using (fake)
            {
                fake.Enqueue("DescribeContainerInstances",
                    Described(Instance(A, 2, 1)),
                    Described(Instance(A, 1)),
                    Described(Instance(A, 0)));

                var result = new DrainWaiter(client, clock).Wait(new[] { new DrainTarget("prod", InstanceArn(A)) }, Options(), observer, None);

                Assert.Equal(DrainOutcome.Drained, result.Outcome);
                Assert.Equal(3, fake.RequestsFor("DescribeContainerInstances").Count);
                // Two waits of the poll interval between three looks; nothing slept for real.
                Assert.Equal(new[] { TimeSpan.FromSeconds(15), TimeSpan.FromSeconds(15) }, clock.Delays);
                Assert.Equal(new[] { 3, 1, 0 }, observer.Progress.Select(p => p.RunningTasks + p.PendingTasks).ToArray());
                Assert.Equal("0123456789abcdef0123456789abcdea (i-0abc1234def567890): 2 running, 1 pending", observer.Progress[0].Holding.Single());
                Assert.True(observer.Progress.Last().Done);
                var drained = Assert.Single(result.Instances);
                Assert.Equal(0, drained.RunningTasksCount);
                Assert.Equal("prod", drained.ClusterName);
                var sent = fake.RequestsFor("DescribeContainerInstances")[0].Json;
                Assert.Equal("prod", sent.GetProperty("cluster").GetString());
                Assert.Equal(InstanceArn(A), sent.GetProperty("containerInstances")[0].GetString());
                AssertValidTraffic(fake);
            }
        }

        [Fact]
        public void An_instance_already_empty_is_not_asked_about_again_while_another_drains()
        {
            var (fake, client, clock, observer) = Harness();
            using (fake)
            {
                fake.Enqueue("DescribeContainerInstances",
                    Described(Instance(A, 0), Instance(B, 2)),
                    Described(Instance(B, 0)));

                var result = new DrainWaiter(client, clock).Wait(new[] { new DrainTarget("prod", A), new DrainTarget("prod", B) }, Options(), observer, None);

                Assert.True(result.Succeeded);
                var second = fake.RequestsFor("DescribeContainerInstances")[1].Json.GetProperty("containerInstances");
                Assert.Equal(new[] { B }, second.EnumerateArray().Select(e => e.GetString()).ToArray());
                Assert.Equal(2, result.Instances.Count);
                Assert.Equal(1, observer.Progress[0].Drained);
            }
        }

        [Fact]
        public void A_drain_that_outlasts_the_timeout_fails_naming_the_instances_still_holding_tasks()
        {
            var (fake, client, clock, observer) = Harness();
            using (fake)
            {
                fake.Always("DescribeContainerInstances", Described(Instance(A, 0), Instance(B, 2, 1, ec2: "i-0fff0000aaaa11112")));

                var result = new DrainWaiter(client, clock).Wait(new[] { new DrainTarget("prod", A), new DrainTarget("prod", B) },
                    Options(timeoutMin: 1, pollSec: 25), observer, None);

                Assert.Equal(DrainOutcome.TimedOut, result.Outcome);
                Assert.Equal(TimeSpan.FromMinutes(1), clock.Elapsed);
                // 25 s, 25 s, then only the 10 s left of the minute: the wait never overshoots its bound.
                Assert.Equal(new[] { 25.0, 25.0, 10.0 }, clock.Delays.Select(d => d.TotalSeconds).ToArray());
                Assert.Equal("1 container instance still hold tasks after 1 min 0 s: 0123456789abcdef0123456789abcdeb (i-0fff0000aaaa11112): 2 running, 1 pending.", result.Reason);
                Assert.Equal(InstanceArn(B), Assert.Single(result.StillHolding).ContainerInstanceArn);
                AssertValidTraffic(fake);
            }
        }

        [Fact]
        public void An_instance_set_back_to_active_while_tasks_remain_ends_the_wait()
        {
            var (fake, client, clock, observer) = Harness();
            using (fake)
            {
                fake.Enqueue("DescribeContainerInstances", Described(Instance(A, 3)), Described(Instance(A, 2, status: "ACTIVE")));

                var result = new DrainWaiter(client, clock).Wait(new[] { new DrainTarget("prod", A) }, Options(), observer, None);

                Assert.Equal(DrainOutcome.Interrupted, result.Outcome);
                Assert.Contains("no longer DRAINING", result.Reason);
                Assert.Contains("(ACTIVE)", result.Reason);
                Assert.Single(clock.Delays);
            }
        }

        [Fact]
        public void An_instance_deregistered_while_draining_has_nothing_left_on_it()
        {
            var (fake, client, clock, observer) = Harness();
            using (fake)
            {
                fake.Enqueue("DescribeContainerInstances",
                    Described(Instance(A, 1)),
                    ScriptedResponse.Json(new JsonObject
                    {
                        ["containerInstances"] = new JsonArray(),
                        ["failures"] = new JsonArray(new JsonObject { ["arn"] = InstanceArn(A), ["reason"] = "MISSING" }),
                    }));

                var result = new DrainWaiter(client, clock).Wait(new[] { new DrainTarget("prod", InstanceArn(A)) }, Options(), observer, None);

                Assert.True(result.Succeeded);
                Assert.Equal(new[] { InstanceArn(A) }, result.Gone);
                Assert.Contains(observer.Messages, m => m.Contains("is no longer there (MISSING)"));
                AssertValidTraffic(fake);
            }
        }

        [Fact]
        public void Throttling_stretches_the_interval_and_does_not_fail_or_count_as_drained()
        {
            var (fake, client, clock, observer) = Harness();
            using (fake)
            {
                fake.Enqueue("DescribeContainerInstances",
                    ScriptedResponse.Throttling(),
                    ScriptedResponse.Throttling(),
                    Described(Instance(A, 0)));

                var result = new DrainWaiter(client, clock).Wait(new[] { new DrainTarget("prod", A) }, Options(pollSec: 10), observer, None);

                Assert.True(result.Succeeded);
                // Each troubled round doubles the interval; a clean one goes back to -PollInterval.
                Assert.Equal(new[] { 20.0, 40.0 }, clock.Delays.Select(d => d.TotalSeconds).ToArray());
                Assert.All(observer.Progress.Take(2), p => Assert.Equal(0, p.Drained));
                Assert.Equal(2, observer.Messages.Count(m => m.Contains("ThrottlingException")));
            }
        }

        [Fact]
        public void Cancelling_stops_the_wait()
        {
            var (fake, client, clock, observer) = Harness();
            using (fake)
            using (var cts = new CancellationTokenSource())
            {
                fake.Always("DescribeContainerInstances", Described(Instance(A, 1)));
                clock.OnDelay = (n, _) => { if (n == 2) cts.Cancel(); };

                Assert.ThrowsAny<OperationCanceledException>(() =>
                    new DrainWaiter(client, clock).Wait(new[] { new DrainTarget("prod", A) }, Options(), observer, cts.Token));
                Assert.Equal(2, clock.Delays.Count);
            }
        }

        // ---- UpdateContainerInstancesState ---------------------------------------------------

        [Fact]
        public void State_changes_go_10_to_a_request_and_each_failure_is_tied_to_the_instance_asked_for()
        {
            using var fake = new ScriptedAwsServer("ecs");
            var ids = Enumerable.Range(0, 12).Select(i => $"0123456789abcdef0123456789ab{i:x4}").ToList();
            fake.On("UpdateContainerInstancesState", request =>
            {
                var asked = request.Json.GetProperty("containerInstances").EnumerateArray().Select(e => e.GetString()).ToList();
                var ok = asked.Where(id => id != ids[3]).Select(id => (JsonNode)Instance(id, 0)).ToArray();
                var failures = asked.Contains(ids[3])
                    ? new JsonArray(new JsonObject { ["arn"] = InstanceArn(ids[3]), ["reason"] = "MISSING" })
                    : new JsonArray();
                return ScriptedResponse.Json(new JsonObject { ["containerInstances"] = new JsonArray(ok), ["failures"] = failures });
            });
            var client = new EcsClient(TestConnections.For(fake), null);

            var results = client.UpdateContainerInstancesState("prod", ids, "DRAINING", None).ToList();

            var requests = fake.RequestsFor("UpdateContainerInstancesState");
            Assert.Equal(new[] { 10, 2 }, requests.Select(r => r.Json.GetProperty("containerInstances").GetArrayLength()).ToArray());
            Assert.All(requests, r => Assert.Equal("DRAINING", r.Json.GetProperty("status").GetString()));
            Assert.Equal(11, results.Sum(r => r.Items.Count));
            var failure = Assert.Single(results.SelectMany(r => r.Failures));
            Assert.Equal(ids[3], failure.Requested);
            Assert.True(failure.IsMissing);
            AssertValidTraffic(fake);
        }

        [Fact]
        public void Container_instances_carry_their_cluster_and_resources_as_numbers()
        {
            using var fake = new ScriptedAwsServer("ecs");
            var legacy = new JsonObject
            {
                ["containerInstanceArn"] = "arn:aws:ecs:us-east-1:123456789012:container-instance/5e8f5a2c-1d2b-4c3d-9e8f-0a1b2c3d4e5f",
                ["status"] = "ACTIVE",
            };
            fake.Enqueue("DescribeContainerInstances", Described(Instance(A, 1, status: "ACTIVE"), legacy));
            var client = new EcsClient(TestConnections.For(fake), null);

            var found = client.DescribeContainerInstances("batch", new[] { A, "5e8f5a2c-1d2b-4c3d-9e8f-0a1b2c3d4e5f" }, includeTags: false, None).Single();

            Assert.Empty(found.Failures);
            var modern = found.Items[0];
            Assert.Equal((A, "prod", 2048, 512, 3904, 1024, "us-east-1"),
                (modern.ContainerInstanceId, modern.ClusterName, modern.RegisteredCpu, modern.RemainingCpu, modern.RegisteredMemory, modern.RemainingMemory, modern.Region));
            // The older ARN form names no cluster: the cluster asked about stands in.
            Assert.Equal("batch", found.Items[1].ClusterName);
            Assert.Equal("arn:aws:ecs:us-east-1:123456789012:cluster/batch", found.Items[1].ClusterArn);
            Assert.Null(found.Items[1].RegisteredCpu);
        }

        // ---- capacity providers --------------------------------------------------------------

        private static CreateCapacityProviderRequest CreateRequest(string asg = Asg) => new CreateCapacityProviderRequest
        {
            Name = "prod-ec2",
            AutoScalingGroupProvider = new AutoScalingGroupProvider
            {
                AutoScalingGroupArn = asg,
                ManagedScaling = new ManagedScaling { Status = "ENABLED", TargetCapacity = 90 },
                ManagedDraining = "ENABLED",
            },
        };

        /// <summary>ECS's capacity providers as far as these tests need them: names are unique.</summary>
        private sealed class ProviderRegistry
        {
            private readonly Dictionary<string, JsonObject> _providers = new Dictionary<string, JsonObject>(StringComparer.Ordinal);
            public int Created { get; private set; }

            public ProviderRegistry(ScriptedAwsServer fake, Func<int, JsonObject, ScriptedResponse> answer)
            {
                var calls = 0;
                fake.On("CreateCapacityProvider", request =>
                {
                    var n = Interlocked.Increment(ref calls);
                    var sent = JsonNode.Parse(request.Body).AsObject();
                    var name = (string)sent["name"];
                    lock (_providers)
                    {
                        if (_providers.ContainsKey(name))
                            return ScriptedResponse.Error("ClientException", "The specified capacity provider already exists. To change the configuration of an existing capacity provider, update the capacity provider.");
                        var provider = Provider(name, (string)sent["autoScalingGroupProvider"]["autoScalingGroupArn"]);
                        _providers[name] = provider;
                        Created++;
                        return answer(n, new JsonObject { ["capacityProvider"] = provider.DeepClone() });
                    }
                });
                fake.On("DescribeCapacityProviders", request =>
                {
                    var names = request.Json.GetProperty("capacityProviders").EnumerateArray().Select(e => e.GetString()).ToList();
                    lock (_providers)
                        return ScriptedResponse.Json(new JsonObject
                        {
                            ["capacityProviders"] = new JsonArray(names.Where(_providers.ContainsKey).Select(n => _providers[n].DeepClone()).ToArray()),
                            ["failures"] = new JsonArray(names.Where(n => !_providers.ContainsKey(n))
                                .Select(n => (JsonNode)new JsonObject { ["arn"] = n, ["reason"] = "MISSING" }).ToArray()),
                        });
                });
            }

            public void Add(string name, string asg) { lock (_providers) _providers[name] = Provider(name, asg); }

            private static JsonObject Provider(string name, string asg) => new JsonObject
            {
                ["capacityProviderArn"] = $"arn:aws:ecs:us-east-1:123456789012:capacity-provider/{name}",
                ["name"] = name,
                ["status"] = "ACTIVE",
                ["type"] = "EC2_AUTOSCALING",
                ["autoScalingGroupProvider"] = new JsonObject
                {
                    ["autoScalingGroupArn"] = asg,
                    ["managedScaling"] = new JsonObject { ["status"] = "ENABLED", ["targetCapacity"] = 90, ["minimumScalingStepSize"] = 1, ["maximumScalingStepSize"] = 10000, ["instanceWarmupPeriod"] = 300 },
                    ["managedTerminationProtection"] = "DISABLED",
                    ["managedDraining"] = "ENABLED",
                },
            };
        }

        [Fact]
        public void A_create_whose_answer_is_lost_is_sent_again_and_the_already_exists_answer_is_settled_by_reading_it_back()
        {
            using var fake = new ScriptedAwsServer("ecs");
            var registry = new ProviderRegistry(fake, (n, body) => ScriptedResponse.Json(body).CutShort(30));
            var log = new CapturingLog();
            var client = new EcsClient(TestConnections.For(fake, clock: new VirtualTransportClock()), log);

            var provider = client.CreateCapacityProviderSettled(CreateRequest(), None);

            Assert.Equal("prod-ec2", provider.Name);
            Assert.Equal("ecs-prod", provider.AutoScalingGroupName);
            Assert.Equal("ENABLED 90%", provider.ManagedScaling);
            Assert.Equal(1, registry.Created);
            Assert.Equal(new[] { "CreateCapacityProvider", "CreateCapacityProvider", "DescribeCapacityProviders" }, fake.Operations);
            // The same request both times (it is safe to repeat: names are unique).
            Assert.Equal(fake.RequestsFor("CreateCapacityProvider")[0].Body, fake.RequestsFor("CreateCapacityProvider")[1].Body);
            Assert.Contains(log.VerboseLines, l => l.Contains("uses the Auto Scaling group that was sent"));
            AssertValidTraffic(fake);
        }

        [Fact]
        public void A_name_taken_before_this_call_is_the_service_error_not_a_reconciliation()
        {
            using var fake = new ScriptedAwsServer("ecs");
            var registry = new ProviderRegistry(fake, (n, body) => ScriptedResponse.Json(body));
            registry.Add("prod-ec2", Asg);
            var client = new EcsClient(TestConnections.For(fake, clock: new VirtualTransportClock()), null);

            var ex = Assert.Throws<AwsServiceException>(() => client.CreateCapacityProviderSettled(CreateRequest(), None));

            Assert.Equal("ClientException", ex.ErrorCode);
            Assert.False(ex.FollowsLostAttempt);
            Assert.Equal(new[] { "CreateCapacityProvider" }, fake.Operations);
        }

        [Fact]
        public void After_a_lost_answer_a_provider_of_that_name_on_another_group_is_reported_as_an_unknown_outcome()
        {
            using var fake = new ScriptedAwsServer("ecs");
            const string otherAsg = "arn:aws:autoscaling:us-east-1:123456789012:autoScalingGroup:99999999-4e5f-6a7b-8c9d-0e1f2a3b4c5d:autoScalingGroupName/someone-else";
            // The first attempt loses its answer; by the repeat, the name belongs to a provider on another group.
            fake.Enqueue("CreateCapacityProvider",
                ScriptedResponse.Drop(),
                ScriptedResponse.Error("ClientException", "The specified capacity provider already exists."));
            fake.On("DescribeCapacityProviders", _ => ScriptedResponse.Json(new JsonObject
            {
                ["capacityProviders"] = new JsonArray(new JsonObject
                {
                    ["name"] = "prod-ec2",
                    ["capacityProviderArn"] = "arn:aws:ecs:us-east-1:123456789012:capacity-provider/prod-ec2",
                    ["autoScalingGroupProvider"] = new JsonObject { ["autoScalingGroupArn"] = otherAsg },
                }),
                ["failures"] = new JsonArray(),
            }));
            var client = new EcsClient(TestConnections.For(fake, clock: new VirtualTransportClock()), null);

            var ex = Assert.Throws<AwsOutcomeUnknownException>(() => client.CreateCapacityProviderSettled(CreateRequest(), None));

            Assert.Equal(("ECS", "CreateCapacityProvider", "prod-ec2"), (ex.ServiceId, ex.Operation, ex.Resource));
            Assert.Contains("someone-else", ex.Message);
            Assert.Contains("it is not the one this call asked for", ex.Message);
            AssertValidTraffic(fake);
        }

        [Fact]
        public void Listing_every_provider_pages_10_at_a_time()
        {
            using var fake = new ScriptedAwsServer("ecs");
            JsonObject Page(IEnumerable<string> names, string next)
            {
                var page = new JsonObject
                {
                    ["capacityProviders"] = new JsonArray(names.Select(n => (JsonNode)new JsonObject { ["name"] = n, ["capacityProviderArn"] = $"arn:aws:ecs:us-east-1:123456789012:capacity-provider/{n}", ["status"] = "ACTIVE" }).ToArray()),
                };
                if (next != null) page["nextToken"] = next;
                return page;
            }
            fake.Enqueue("DescribeCapacityProviders",
                ScriptedResponse.Json(Page(new[] { "FARGATE", "FARGATE_SPOT" }.Concat(Enumerable.Range(1, 8).Select(i => $"ec2-{i}")), "t1")),
                ScriptedResponse.Json(Page(new[] { "ec2-9" }, null)));
            var client = new EcsClient(TestConnections.For(fake), null);

            var names = client.ListCapacityProviders(includeTags: false, None).SelectMany(p => p).Select(p => p.Name).ToList();

            Assert.Equal(11, names.Count);
            Assert.Contains("FARGATE_SPOT", names);
            var requests = fake.RequestsFor("DescribeCapacityProviders");
            Assert.All(requests, r => Assert.Equal(10, r.Json.GetProperty("maxResults").GetInt32()));
            Assert.False(requests[0].Json.TryGetProperty("capacityProviders", out _));
            Assert.Equal("t1", requests[1].Json.GetProperty("nextToken").GetString());
            AssertValidTraffic(fake);
        }
    }
}
