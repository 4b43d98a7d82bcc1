using System;
using System.Collections.Generic;
using System.Linq;
using System.Text.Json.Nodes;
using System.Threading;
using EcsPS.Engine.Ecs.Deployments;
using EcsPS.Engine.Ecs.Targets;
using EcsPS.Engine.ElasticLoadBalancingV2;
using EcsPS.Engine.ElasticLoadBalancingV2.Model;
using EcsPS.Engine.Tests.Fakes;
using EcsPS.Engine.Tests.Support;
using EcsPS.TestFakes;
using Xunit;
using static EcsPS.Engine.Tests.Services.EcsServiceJson;

namespace EcsPS.Engine.Tests.Services
{
    /// <summary>
    /// Target health of services (ServiceTargetHealthReader) and Wait -Condition TargetsHealthy,
    /// against the scripted fake speaking ECS (JSON) and ELBv2 (Query), on the virtual clock.
    /// What moto cannot show: unhealthy and draining targets with reasons, bridge-mode targets,
    /// targets turning healthy over time, and a wait that times out naming the failing targets.
    /// </summary>
    public sealed class ServiceTargetHealthTests
    {
        private const string DNew = "ecs-svc/8421036510391729447";
        private const string DOld = "ecs-svc/5471698372410986172";
        private const string Tg = "arn:aws:elasticloadbalancing:us-east-1:123456789012:targetgroup/web-tg/73e2d6bc24d8a067";
        private const string Tg2 = "arn:aws:elasticloadbalancing:us-east-1:123456789012:targetgroup/web-internal/0a1b2c3d4e5f6071";
        private const string Lb = "arn:aws:elasticloadbalancing:us-east-1:123456789012:loadbalancer/app/prod-alb/50dc6c495c0c9188";
        private const string TaskA = "1a2b3c4d5e6f47a8b9c0d1e2f3a4b5c6";
        private const string TaskB = "2b3c4d5e6f7a48b9c0d1e2f3a4b5c6d7";
        private const string TaskOld = "9f8e7d6c5b4a43210fedcba987654321";
        private const string Instance = "i-0abcdef1234567890";
        private const string ContainerInstanceId = "4f1a3c2b9d8e47f6a5b4c3d2e1f0a9b8";

        private static readonly string ContainerInstanceArn = $"arn:aws:ecs:us-east-1:123456789012:container-instance/prod/{ContainerInstanceId}";

        private static JsonObject WebService(string cluster = "prod", params string[] targetGroups)
        {
            var svc = Service("web", new[] { Deployment(DNew, "PRIMARY", "web:8", 2, 2, 0, "COMPLETED", createdAt: -300) }, cluster: cluster);
            svc["loadBalancers"] = new JsonArray((targetGroups.Length == 0 ? new[] { Tg } : targetGroups)
                .Select(t => (JsonNode)new JsonObject { ["targetGroupArn"] = t, ["containerName"] = "web", ["containerPort"] = 8080 }).ToArray());
            return svc;
        }

        private static JsonObject RunningTask(string id, string startedBy, string ip = null, string containerInstance = null, params int[] hostPorts)
        {
            var container = new JsonObject
            {
                ["containerArn"] = $"arn:aws:ecs:us-east-1:123456789012:container/prod/{id}/5d8f3c1e-0b6a-4d2e-9f71-3a6c2b8e4d10",
                ["taskArn"] = TaskArn("prod", id),
                ["name"] = "web",
                ["lastStatus"] = "RUNNING",
                ["healthStatus"] = "HEALTHY",
                ["networkBindings"] = new JsonArray(hostPorts.Select(p => (JsonNode)new JsonObject
                    { ["bindIP"] = "0.0.0.0", ["containerPort"] = 8080, ["hostPort"] = p, ["protocol"] = "tcp" }).ToArray()),
            };
            var task = new JsonObject
            {
                ["taskArn"] = TaskArn("prod", id),
                ["clusterArn"] = EcsResponses.ClusterArn("prod"),
                ["taskDefinitionArn"] = TaskDefinitionArn("web:8"),
                ["lastStatus"] = "RUNNING",
                ["desiredStatus"] = "RUNNING",
                ["startedBy"] = startedBy,
                ["group"] = "service:web",
                ["launchType"] = containerInstance != null ? "EC2" : "FARGATE",
                ["availabilityZone"] = "us-east-1a",
                ["healthStatus"] = "HEALTHY",
                ["containers"] = new JsonArray(container),
                ["attachments"] = new JsonArray(),
            };
            if (ip != null)
                task["attachments"] = new JsonArray(new JsonObject
                {
                    ["id"] = "c0ffee00-1234-4abc-8def-0123456789ab",
                    ["type"] = "ElasticNetworkInterface",
                    ["status"] = "ATTACHED",
                    ["details"] = new JsonArray(
                        new JsonObject { ["name"] = "subnetId", ["value"] = "subnet-0a1b2c3d4e5f60718" },
                        new JsonObject { ["name"] = "networkInterfaceId", ["value"] = "eni-0123456789abcdef0" },
                        new JsonObject { ["name"] = "privateIPv4Address", ["value"] = ip }),
                });
            if (containerInstance != null) task["containerInstanceArn"] = containerInstance;
            return task;
        }

        private static string Health(params (string Id, int Port, string State, string Reason, string Description)[] targets)
            => "<TargetHealthDescriptions>" + string.Concat(targets.Select(t =>
                   $"<member><Target><Id>{t.Id}</Id><Port>{t.Port}</Port><AvailabilityZone>us-east-1a</AvailabilityZone></Target>" +
                   $"<HealthCheckPort>{t.Port}</HealthCheckPort><TargetHealth><State>{t.State}</State>" +
                   (t.Reason != null ? $"<Reason>{t.Reason}</Reason>" : string.Empty) +
                   (t.Description != null ? $"<Description>{t.Description}</Description>" : string.Empty) +
                   "</TargetHealth></member>")) + "</TargetHealthDescriptions>";

        private static (string, int, string, string, string) Healthy(string id, int port) => (id, port, "healthy", null, null);

        private static (string, int, string, string, string) Mismatch(string id, int port)
            => (id, port, "unhealthy", "Target.ResponseCodeMismatch", "Health checks failed with these codes: [502]");

        /// <summary>The ECS side of a harness answers running tasks; ELBv2 answers from per-group timelines.</summary>
        private sealed class TargetsHarness : IDisposable
        {
            private readonly Dictionary<string, Func<int, string>> _health = new Dictionary<string, Func<int, string>>(StringComparer.Ordinal);
            private readonly Dictionary<string, int> _healthCalls = new Dictionary<string, int>(StringComparer.Ordinal);

            public TargetsHarness(params JsonObject[] runningTasks)
            {
                H = new WatcherHarness();
                Tasks = runningTasks.ToList();
                H.Fake.On("ListTasks", r => ScriptedResponse.Json(new JsonObject
                {
                    ["taskArns"] = new JsonArray(Tasks.Select(t => (JsonNode)JsonValue.Create((string)t["taskArn"])).ToArray()),
                }));
                H.Fake.On("DescribeTasks", r =>
                {
                    var wanted = r.Json.GetProperty("tasks").EnumerateArray().Select(x => x.GetString()).ToList();
                    return ScriptedResponse.Json(new JsonObject
                    {
                        ["tasks"] = new JsonArray(Tasks.Where(t => wanted.Contains((string)t["taskArn"])).Select(t => (JsonNode)t.DeepClone()).ToArray()),
                        ["failures"] = new JsonArray(),
                    });
                });
                H.Fake.On("DescribeContainerInstances", r => ScriptedResponse.Json(new JsonObject
                {
                    ["containerInstances"] = new JsonArray(new JsonObject
                    {
                        ["containerInstanceArn"] = ContainerInstanceArn,
                        ["ec2InstanceId"] = Instance,
                        ["status"] = "ACTIVE",
                        ["agentConnected"] = true,
                    }),
                    ["failures"] = new JsonArray(),
                }));
                H.Fake.On("DescribeTargetGroups", r =>
                {
                    var arns = r.Form.Where(p => p.Key.StartsWith("TargetGroupArns.member.", StringComparison.Ordinal)).Select(p => p.Value);
                    return ScriptedResponse.QueryResult("DescribeTargetGroups", "<TargetGroups>" + string.Concat(arns.Select(a =>
                        $"<member><TargetGroupArn>{a}</TargetGroupArn><TargetGroupName>{ElasticLoadBalancingV2Client.NameInArn(a)}</TargetGroupName>" +
                        $"<Protocol>HTTP</Protocol><Port>8080</Port><TargetType>ip</TargetType><LoadBalancerArns><member>{Lb}</member></LoadBalancerArns></member>")) +
                        "</TargetGroups>");
                });
                H.Fake.On("DescribeTargetHealth", r =>
                {
                    var group = r.FormValue("TargetGroupArn");
                    int n;
                    lock (_healthCalls) n = _healthCalls[group] = _healthCalls.TryGetValue(group, out var c) ? c + 1 : 1;
                    return _health.TryGetValue(group, out var timeline)
                        ? ScriptedResponse.QueryResult("DescribeTargetHealth", timeline(n))
                        : ScriptedResponse.XmlError("TargetGroupNotFound", $"Target groups '{group}' not found");
                });
                Elb = new ElasticLoadBalancingV2Client(H.Options, null);
                Reader = new ServiceTargetHealthReader(H.Client, Elb);
                Watcher = new ServiceDeploymentWatcher(H.Client, H.Clock, Reader);
            }

            public WatcherHarness H { get; }
            public List<JsonObject> Tasks { get; }
            public ElasticLoadBalancingV2Client Elb { get; }
            public ServiceTargetHealthReader Reader { get; }
            public ServiceDeploymentWatcher Watcher { get; }

            public TargetsHarness TargetHealth(string group, params string[] answers)
            {
                _health[group] = n => answers[Math.Min(n, answers.Length) - 1];
                return this;
            }

            public ServiceTargets Read(JsonObject service)
            {
                H.Script.Service("web", service);
                var described = H.Client.DescribeServices("prod", new[] { "web" }, false, CancellationToken.None).SelectMany(b => b.Items).Single();
                return Reader.Read(described, CancellationToken.None);
            }

            public ServiceWaitResult Wait(ServiceWaitOptions options)
                => Assert.Single(Watcher.Wait(new[] { new ServiceWaitTarget("prod", "web") }, ServiceWaitCondition.TargetsHealthy, options, H.Observer, CancellationToken.None));

            /// <summary>Every ECS request fits botocore's ECS model, every ELBv2 request is the form botocore sends for the same params.</summary>
            public void AssertRequestsFitBotocore()
            {
                H.AssertFakeHealthy();
                var query = new List<QueryExchange>();
                foreach (var r in H.Fake.Requests)
                {
                    if (r.Protocol == "query")
                    {
                        object request = r.Operation == "DescribeTargetHealth"
                            ? new DescribeTargetHealthRequest { TargetGroupArn = r.FormValue("TargetGroupArn") }
                            : (object)new DescribeTargetGroupsRequest
                            {
                                TargetGroupArns = r.Form.Where(p => p.Key.StartsWith("TargetGroupArns.member.", StringComparison.Ordinal)).Select(p => p.Value).ToList(),
                            };
                        query.Add(new QueryExchange(r.Operation, request, r));
                        continue;
                    }
                    ModelAssert.ValidRequest(ServiceModel.Ecs, r);
                    ModelAssert.ValidResponse(ServiceModel.Ecs, r);
                }
                Assert.NotEmpty(query);
                var verdicts = BotocoreQuery.Judge(query);
                for (var i = 0; i < query.Count; i++)
                {
                    Assert.True(verdicts[i].Validation.Length == 0, $"botocore rejects {query[i].Operation}: {verdicts[i].Validation}");
                    Assert.Empty(BotocoreQuery.FormDifferences(verdicts[i].BotocoreForm, verdicts[i].OurForm));
                }
            }

            public void Dispose() => H.Dispose();
        }

        private static ServiceWaitOptions Options(double timeoutMin = 5)
            => new ServiceWaitOptions { Timeout = TimeSpan.FromMinutes(timeoutMin), NoProgressTimeout = TimeSpan.FromMinutes(10), PollInterval = TimeSpan.FromSeconds(15) };

        [Fact]
        public void Awsvpc_targets_are_matched_to_their_tasks_by_ENI_address_with_state_reason_and_names()
        {
            using var t = new TargetsHarness(RunningTask(TaskA, DNew, ip: "10.0.12.34"), RunningTask(TaskB, DNew, ip: "10.0.40.7"));
            t.TargetHealth(Tg, Health(Mismatch("10.0.12.34", 8080),
                ("10.0.40.7", 8080, "initial", "Elb.InitialHealthChecking", "Initial health checks in progress."),
                ("10.0.99.1", 8080, "draining", "Target.DeregistrationInProgress", "Target deregistration is in progress")));

            var read = t.Read(WebService());

            Assert.Equal(3, read.Targets.Count);
            var bad = read.Targets.Single(x => x.TargetId == "10.0.12.34");
            Assert.Equal(("unhealthy", "Target.ResponseCodeMismatch", "Health checks failed with these codes: [502]", 8080),
                (bad.State, bad.Reason, bad.Description, bad.Port.Value));
            Assert.Equal(TaskA, bad.TaskId);
            Assert.Equal(("web-tg", "prod-alb", "web", "prod", Tg, "us-east-1a"),
                (bad.TargetGroupName, bad.LoadBalancerName, bad.ServiceName, bad.ClusterName, bad.TargetGroupArn, bad.AvailabilityZone));
            var initial = read.Targets.Single(x => x.TargetId == "10.0.40.7");
            Assert.Equal(("initial", "Elb.InitialHealthChecking", TaskB), (initial.State, initial.Reason, initial.TaskId));
            // A draining target whose task is gone has no owner among the running tasks.
            var draining = read.Targets.Single(x => x.TargetId == "10.0.99.1");
            Assert.Equal(("draining", "Target.DeregistrationInProgress"), (draining.State, draining.Reason));
            Assert.Null(draining.TaskId);

            // ListTasks, DescribeTasks, DescribeTargetGroups, DescribeTargetHealth: no container instances for Fargate.
            Assert.Equal(4, read.Requests);
            Assert.Empty(t.H.Requests("DescribeContainerInstances"));
            var list = Assert.Single(t.H.Requests("ListTasks")).Json;
            Assert.Equal("web", list.GetProperty("serviceName").GetString());
            Assert.Equal("RUNNING", list.GetProperty("desiredStatus").GetString());
            t.AssertRequestsFitBotocore();
        }

        [Fact]
        public void Bridge_targets_are_matched_by_instance_and_host_port()
        {
            using var t = new TargetsHarness(
                RunningTask(TaskA, DNew, containerInstance: ContainerInstanceArn, hostPorts: 32768),
                RunningTask(TaskB, DNew, containerInstance: ContainerInstanceArn, hostPorts: 32771));
            t.TargetHealth(Tg, Health(Healthy(Instance, 32771), Mismatch(Instance, 32768), Healthy(Instance, 40000)));

            var read = t.Read(WebService());

            Assert.Equal(TaskB, read.Targets.Single(x => x.Port == 32771).TaskId);
            Assert.Equal(TaskA, read.Targets.Single(x => x.Port == 32768).TaskId);
            Assert.Null(read.Targets.Single(x => x.Port == 40000).TaskId);
            var describe = Assert.Single(t.H.Requests("DescribeContainerInstances")).Json;
            Assert.Equal(new[] { ContainerInstanceArn }, describe.GetProperty("containerInstances").EnumerateArray().Select(x => x.GetString()));
            Assert.Equal(5, read.Requests);
            t.AssertRequestsFitBotocore();
        }

        [Fact]
        public void A_deleted_target_group_is_reported_and_the_other_groups_are_still_read()
        {
            using var t = new TargetsHarness(RunningTask(TaskA, DNew, ip: "10.0.12.34"));
            t.TargetHealth(Tg2, Health(Healthy("10.0.12.34", 8080)));

            var read = t.Read(WebService("prod", Tg, Tg2));

            Assert.Contains(Tg, read.TargetGroupErrors.Keys);
            var target = Assert.Single(read.Targets);
            Assert.Equal(("web-internal", TaskA), (target.TargetGroupName, target.TaskId));
            Assert.Equal(2, t.H.Requests("DescribeTargetHealth").Count);
            // Both groups in one DescribeTargetGroups.
            Assert.Single(t.H.Requests("DescribeTargetGroups"));
        }

        [Fact]
        public void TargetsHealthy_waits_through_initial_and_unhealthy_until_every_task_of_the_primary_deployment_is_healthy()
        {
            using var t = new TargetsHarness(RunningTask(TaskA, DNew, ip: "10.0.12.34"), RunningTask(TaskB, DNew, ip: "10.0.40.7"),
                RunningTask(TaskOld, DOld, ip: "10.0.77.7"));
            t.H.Script.Service("web", WebService());
            t.TargetHealth(Tg,
                Health(("10.0.12.34", 8080, "initial", "Elb.InitialHealthChecking", "Initial health checks in progress."),
                    ("10.0.40.7", 8080, "initial", "Elb.InitialHealthChecking", "Initial health checks in progress."), Healthy("10.0.77.7", 8080)),
                Health(Mismatch("10.0.12.34", 8080), Healthy("10.0.40.7", 8080), Healthy("10.0.77.7", 8080)),
                // The old deployment's task may be anything: only the PRIMARY deployment's tasks count.
                Health(Healthy("10.0.12.34", 8080), Healthy("10.0.40.7", 8080), Mismatch("10.0.77.7", 8080)));

            var result = t.Wait(Options());

            Assert.Equal(ServiceWaitOutcome.Succeeded, result.Outcome);
            Assert.Equal(TimeSpan.FromSeconds(30), t.H.Clock.Elapsed);
            Assert.Equal(3, t.H.Requests("DescribeTargetHealth").Count);
            Assert.Contains("All 2 running tasks of deployment " + DNew, result.Reason);
            Assert.Empty(result.UnhealthyTargets);
            Assert.Contains(t.H.Observer.Messages, m => m.Contains("Target.ResponseCodeMismatch") && m.Contains(TaskA));
            t.AssertRequestsFitBotocore();
        }

        [Fact]
        public void TargetsHealthy_times_out_naming_each_unhealthy_target_its_reason_and_its_task()
        {
            using var t = new TargetsHarness(RunningTask(TaskA, DNew, ip: "10.0.12.34"), RunningTask(TaskB, DNew, ip: "10.0.40.7"));
            t.H.Script.Service("web", WebService());
            t.TargetHealth(Tg, Health(Mismatch("10.0.12.34", 8080), Healthy("10.0.40.7", 8080)));

            var result = t.Wait(Options(timeoutMin: 2));

            Assert.Equal(ServiceWaitOutcome.TimedOut, result.Outcome);
            Assert.Equal(TimeSpan.FromMinutes(2), t.H.Clock.Elapsed);
            var bad = Assert.Single(result.UnhealthyTargets);
            Assert.Equal(TaskA, bad.TaskId);
            Assert.Contains("10.0.12.34:8080 in web-tg is unhealthy (Target.ResponseCodeMismatch: Health checks failed with these codes: [502]), task " + TaskA, result.Reason);
            Assert.DoesNotContain("10.0.40.7", result.Reason);
        }

        [Fact]
        public void TargetsHealthy_waits_for_a_task_that_is_not_registered_yet_and_says_so_at_the_timeout()
        {
            using var t = new TargetsHarness(RunningTask(TaskA, DNew, ip: "10.0.12.34"), RunningTask(TaskB, DNew, ip: "10.0.40.7"));
            t.H.Script.Service("web", WebService());
            t.TargetHealth(Tg, Health(Healthy("10.0.12.34", 8080)));

            var result = t.Wait(Options(timeoutMin: 1));

            Assert.Equal(ServiceWaitOutcome.TimedOut, result.Outcome);
            Assert.Contains($"task {TaskB} is not registered with web-tg", result.Reason);
        }

        [Fact]
        public void TargetsHealthy_fails_at_once_for_a_service_without_load_balancers_and_reads_no_targets()
        {
            using var t = new TargetsHarness();
            t.H.Script.Service("web", Service("web", new[] { Deployment(DNew, "PRIMARY", "web:8", 1, 1, 0, "COMPLETED") }));

            var result = t.Wait(Options());

            Assert.Equal(ServiceWaitOutcome.Failed, result.Outcome);
            Assert.Contains("has no load balancer target groups", result.Reason);
            Assert.Equal(TimeSpan.Zero, t.H.Clock.Elapsed);
            Assert.Empty(t.H.Requests("DescribeTargetHealth"));
        }

        [Fact]
        public void TargetsHealthy_rides_out_a_throttled_DescribeTargetHealth()
        {
            using var t = new TargetsHarness(RunningTask(TaskA, DNew, ip: "10.0.12.34"));
            var svc = WebService();
            svc["deployments"][0]["desiredCount"] = 1;
            svc["deployments"][0]["runningCount"] = 1;
            svc["desiredCount"] = 1;
            t.H.Script.Service("web", svc);
            t.TargetHealth(Tg, Health(Healthy("10.0.12.34", 8080)));
            t.H.Fake.Enqueue("DescribeTargetHealth", ScriptedResponse.QueryThrottling());

            var result = t.Wait(Options());

            Assert.Equal(ServiceWaitOutcome.Succeeded, result.Outcome);
            Assert.Equal(2, t.H.Requests("DescribeTargetHealth").Count);
            Assert.Contains(t.H.Observer.Messages, m => m.Contains("DescribeTargetHealth answered Throttling"));
        }

        [Fact]
        public void Status_batches_across_services_reads_scaling_and_names_the_part_it_could_not_read()
        {
            using var t = new TargetsHarness(RunningTask(TaskA, DNew, ip: "10.0.12.34"), RunningTask(TaskB, DNew, ip: "10.0.40.7"));
            t.TargetHealth(Tg, Health(Healthy("10.0.12.34", 8080), Mismatch("10.0.40.7", 8080),
                ("10.0.99.1", 8080, "draining", "Target.DeregistrationInProgress", "Target deregistration is in progress")));
            var aas = new ApplicationAutoScaling.ApplicationAutoScalingClient(t.H.Options, null);
            t.H.Fake.On("DescribeScalableTargets", r => ScriptedResponse.Json(new JsonObject
            {
                ["ScalableTargets"] = new JsonArray(new JsonObject
                {
                    ["ServiceNamespace"] = "ecs", ["ResourceId"] = "service/prod/web", ["ScalableDimension"] = "ecs:service:DesiredCount",
                    ["MinCapacity"] = 2, ["MaxCapacity"] = 10, ["RoleARN"] = "arn:aws:iam::123456789012:role/scaling", ["CreationTime"] = At(-86400),
                }),
            }));
            t.H.Fake.On("DescribeScalingActivities", r => ScriptedResponse.Json(new JsonObject
            {
                ["ScalingActivities"] = new JsonArray(new JsonObject
                {
                    ["ActivityId"] = "2c1a4f1e-0000-4000-8000-000000000002", ["ServiceNamespace"] = "ecs", ["ResourceId"] = "service/prod/web",
                    ["ScalableDimension"] = "ecs:service:DesiredCount", ["Description"] = "Setting desired count to 4.",
                    ["Cause"] = "monitor alarm cpu-high in state ALARM triggered policy cpu75", ["StartTime"] = At(-120), ["StatusCode"] = "Successful",
                }),
            }));
            var web = WebService();
            var api = Service("api", new[] { Deployment(DNew, "PRIMARY", "api:3", 1, 1, 0, "IN_PROGRESS") });
            t.H.Script.Service("web", web).Service("api", api);
            var services = t.H.Client.DescribeServices("prod", new[] { "web", "api" }, false, CancellationToken.None).SelectMany(b => b.Items).ToList();
            var reader = new ServiceStatusReader(t.H.Client, t.Elb, aas, () => VirtualWaitClock.T0);

            var statuses = reader.Read(services, CancellationToken.None);

            var w = statuses.Single(x => x.ServiceName == "web");
            Assert.Equal(("COMPLETED", "web:8", 2), (w.RolloutState, w.TaskDefinition, w.DesiredCount.Value));
            var group = Assert.Single(w.Targets);
            Assert.Equal((1, 1, 1), (group.Healthy, group.Unhealthy, group.Draining));
            Assert.Equal("Target.ResponseCodeMismatch: Health checks failed with these codes: [502]", group.FirstUnhealthyReason);
            Assert.Equal("1/3 healthy", w.TargetHealth);
            Assert.Equal((2, 10, "Successful"), (w.Scaling.MinCapacity.Value, w.Scaling.MaxCapacity.Value, w.Scaling.LastActivityStatus));
            Assert.Null(statuses.Single(x => x.ServiceName == "api").Scaling);
            // One DescribeScalableTargets for both services; activities only for the one that scales.
            var scalable = Assert.Single(t.H.Requests("DescribeScalableTargets")).Json;
            Assert.Equal(new[] { "service/prod/web", "service/prod/api" }, scalable.GetProperty("ResourceIds").EnumerateArray().Select(x => x.GetString()));
            Assert.Equal("service/prod/web", Assert.Single(t.H.Requests("DescribeScalingActivities")).Json.GetProperty("ResourceId").GetString());
            var model = ServiceModel.ForBotocore("application-autoscaling", "2016-02-06");
            foreach (var r in t.H.Requests("DescribeScalableTargets").Concat(t.H.Requests("DescribeScalingActivities")))
            {
                ModelAssert.ValidRequest(model, r);
                ModelAssert.ValidResponse(model, r);
            }

            // Without ELBv2 permission the rest is still read, and Unread says what was not.
            t.H.Fake.On("DescribeTargetHealth", r => ScriptedResponse.XmlError("AccessDenied", "not authorized to perform: elasticloadbalancing:DescribeTargetHealth", 403));
            var denied = reader.Read(services, CancellationToken.None).Single(x => x.ServiceName == "web");
            Assert.Empty(denied.Targets);
            Assert.Contains(denied.Unread, u => u.StartsWith("target health of web-tg (DescribeTargetHealth: AccessDenied", StringComparison.Ordinal));
            Assert.NotNull(denied.Scaling);
            Assert.Equal(2, denied.HealthyTasks);
        }

        [Fact]
        public void Names_come_from_the_ARNs()
        {
            Assert.Equal("prod-alb", ElasticLoadBalancingV2Client.NameInArn(Lb));
            Assert.Equal("web-tg", ElasticLoadBalancingV2Client.NameInArn(Tg));
            Assert.Null(ElasticLoadBalancingV2Client.NameInArn("web-tg"));
        }
    }
}
