using System;
using System.Collections.Generic;
using System.Diagnostics;
using System.Linq;
using System.Text.Json;
using System.Text.Json.Nodes;
using System.Threading;
using EcsPS.Engine.Ecs;
using EcsPS.Engine.Runtime;
using EcsPS.Engine.Ecs.Model;
using EcsPS.Engine.Ecs.Deployments;
using EcsPS.Engine.Tests.Fakes;
using EcsPS.TestFakes;
using EcsPS.Engine.Tests.Support;
using Xunit;

namespace EcsPS.Engine.Tests.Services
{
    /// <summary>
    /// An IWaitClock on virtual time: Delay advances the clock at once (no real sleeping) and
    /// records what the watcher asked for. Behaves like SystemWaitClock on cancellation unless
    /// told not to (to prove the watcher checks the token itself).
    /// </summary>
    public sealed class VirtualWaitClock : IWaitClock
    {
        /// <summary>When every wait in these tests begins (the fake's event times are relative to it).</summary>
        public static readonly DateTime T0 = new DateTime(2025, 3, 1, 12, 0, 0, DateTimeKind.Utc);

        private readonly object _gate = new object();
        private readonly List<TimeSpan> _delays = new List<TimeSpan>();
        private DateTime _now = T0;
        private int _zeroInARow;

        public DateTime UtcNow { get { lock (_gate) return _now; } }
        public TimeSpan Elapsed => UtcNow - T0;
        public IReadOnlyList<TimeSpan> Delays { get { lock (_gate) return _delays.ToList(); } }

        /// <summary>Called after each Delay has advanced the clock: (1-based delay number, delay).</summary>
        public Action<int, TimeSpan> OnDelay { get; set; }

        /// <summary>Throw OperationCanceledException from Delay when the token is cancelled, as
        /// SystemWaitClock does. False models a clock that returns regardless.</summary>
        public bool ThrowWhenCancelled { get; set; } = true;

        /// <summary>A wait that asks for more delays than this is looping for ever: fail it.</summary>
        public int MaxDelays { get; set; } = 2000;

        public void Delay(TimeSpan delay, CancellationToken cancellationToken)
        {
            int number;
            lock (_gate)
            {
                _delays.Add(delay);
                number = _delays.Count;
                if (delay > TimeSpan.Zero) _now += delay;
                _zeroInARow = delay > TimeSpan.Zero ? 0 : _zeroInARow + 1;
                if (_zeroInARow > 10)
                    throw new InvalidOperationException($"The watcher asked for {_zeroInARow} zero delays in a row at {Elapsed}: it spins without time passing.");
                if (number > MaxDelays)
                    throw new InvalidOperationException($"The watcher asked for more than {MaxDelays} delays: it does not end.");
            }
            OnDelay?.Invoke(number, delay);
            if (ThrowWhenCancelled && delay > TimeSpan.Zero) cancellationToken.ThrowIfCancellationRequested();
        }
    }

    /// <summary>Keeps everything a wait reported to its observer, in order.</summary>
    public sealed class RecordingObserver : IServiceWaitObserver
    {
        public List<ServiceWaitProgress> Progress { get; } = new List<ServiceWaitProgress>();
        public List<(string Cluster, string Service, ServiceEvent Event)> Events { get; } = new List<(string, string, ServiceEvent)>();
        public List<string> Messages { get; } = new List<string>();
        public List<ServiceWaitResult> Finished { get; } = new List<ServiceWaitResult>();

        public void OnProgress(ServiceWaitProgress progress) { lock (this) Progress.Add(progress); }
        public void OnEvent(string cluster, string service, ServiceEvent serviceEvent) { lock (this) Events.Add((cluster, service, serviceEvent)); }
        public void OnMessage(string message) { lock (this) Messages.Add(message); }
        public void OnFinished(ServiceWaitResult result) { lock (this) Finished.Add(result); }
    }

    /// <summary>JSON shaped like the ECS model (2014-11-13): Service, Deployment, ServiceEvent, Task, Container.</summary>
    public static class EcsServiceJson
    {
        public const string Account = EcsResponses.Account;
        public const string Region = "us-east-1";

        public static string ServiceArn(string cluster, string name) => $"arn:aws:ecs:{Region}:{Account}:service/{cluster}/{name}";
        public static string TaskDefinitionArn(string familyRevision) => $"arn:aws:ecs:{Region}:{Account}:task-definition/{familyRevision}";
        public static string TaskArn(string cluster, string id) => $"arn:aws:ecs:{Region}:{Account}:task/{cluster}/{id}";

        /// <summary>Epoch seconds of T0 + offset, as awsJson sends timestamps.</summary>
        public static double At(double secondsFromT0)
            => (VirtualWaitClock.T0 - DateTime.UnixEpoch).TotalSeconds + secondsFromT0;

        public static JsonObject Deployment(string id, string status, string taskDefinition, int desired, int running, int pending = 0,
            string rolloutState = "IN_PROGRESS", string rolloutStateReason = null, int failedTasks = 0, double createdAt = -120, double? updatedAt = null)
        {
            var d = new JsonObject
            {
                ["id"] = id,
                ["status"] = status,
                ["taskDefinition"] = TaskDefinitionArn(taskDefinition),
                ["desiredCount"] = desired,
                ["pendingCount"] = pending,
                ["runningCount"] = running,
                ["failedTasks"] = failedTasks,
                ["createdAt"] = At(createdAt),
                ["updatedAt"] = At(updatedAt ?? createdAt),
                ["launchType"] = "FARGATE",
                ["platformVersion"] = "1.4.0",
                ["platformFamily"] = "Linux",
                ["networkConfiguration"] = new JsonObject
                {
                    ["awsvpcConfiguration"] = new JsonObject
                    {
                        ["subnets"] = new JsonArray("subnet-0a1b2c3d4e5f60718"),
                        ["securityGroups"] = new JsonArray("sg-0123456789abcdef0"),
                        ["assignPublicIp"] = "DISABLED",
                    },
                },
            };
            if (rolloutState != null)
            {
                d["rolloutState"] = rolloutState;
                d["rolloutStateReason"] = rolloutStateReason ?? rolloutState switch
                {
                    "COMPLETED" => $"ECS deployment {id} completed.",
                    "IN_PROGRESS" => $"ECS deployment {id} in progress.",
                    _ => "ECS deployment failed.",
                };
            }
            return d;
        }

        public static JsonObject Event(string id, double secondsFromT0, string message)
            => new JsonObject { ["id"] = id, ["createdAt"] = At(secondsFromT0), ["message"] = message };

        /// <summary>
        /// A Service as DescribeServices returns it. Counts and taskDefinition default to what ECS
        /// shows: the PRIMARY deployment's desired count and task definition, the sum of the
        /// deployments' running and pending counts. Events are sent newest first, as ECS does.
        /// </summary>
        public static JsonObject Service(string name, IEnumerable<JsonObject> deployments, IEnumerable<JsonObject> events = null,
            string status = "ACTIVE", int? desired = null, int? running = null, int? pending = null, string cluster = "prod")
        {
            var deps = (deployments ?? Enumerable.Empty<JsonObject>()).Select(d => (JsonObject)d.DeepClone()).ToList();
            var primary = deps.FirstOrDefault(d => (string)d["status"] == "PRIMARY");
            var evs = (events ?? Enumerable.Empty<JsonObject>()).Select(e => (JsonObject)e.DeepClone())
                .OrderByDescending(e => (double)e["createdAt"]).ToList();
            return new JsonObject
            {
                ["serviceArn"] = ServiceArn(cluster, name),
                ["serviceName"] = name,
                ["clusterArn"] = EcsResponses.ClusterArn(cluster),
                ["loadBalancers"] = new JsonArray(),
                ["serviceRegistries"] = new JsonArray(),
                ["status"] = status,
                ["desiredCount"] = desired ?? (primary != null ? (int)primary["desiredCount"] : 0),
                ["runningCount"] = running ?? deps.Sum(d => (int)d["runningCount"]),
                ["pendingCount"] = pending ?? deps.Sum(d => (int)d["pendingCount"]),
                ["launchType"] = "FARGATE",
                ["platformVersion"] = "LATEST",
                ["platformFamily"] = "Linux",
                ["taskDefinition"] = primary?["taskDefinition"]?.DeepClone() ?? TaskDefinitionArn(name + ":1"),
                ["deploymentConfiguration"] = new JsonObject
                {
                    ["deploymentCircuitBreaker"] = new JsonObject { ["enable"] = true, ["rollback"] = true },
                    ["maximumPercent"] = 200,
                    ["minimumHealthyPercent"] = 100,
                },
                ["deployments"] = new JsonArray(deps.Cast<JsonNode>().ToArray()),
                ["roleArn"] = $"arn:aws:iam::{Account}:role/aws-service-role/ecs.amazonaws.com/AWSServiceRoleForECS",
                ["events"] = new JsonArray(evs.Cast<JsonNode>().ToArray()),
                ["createdAt"] = At(-86400),
                ["placementConstraints"] = new JsonArray(),
                ["placementStrategy"] = new JsonArray(),
                ["schedulingStrategy"] = "REPLICA",
                ["deploymentController"] = new JsonObject { ["type"] = "ECS" },
                ["createdBy"] = $"arn:aws:iam::{Account}:role/deployer",
                ["enableECSManagedTags"] = true,
                ["propagateTags"] = "NONE",
                ["enableExecuteCommand"] = false,
            };
        }

        public static JsonObject Container(string cluster, string taskId, string name, string reason = null, int? exitCode = null)
        {
            var c = new JsonObject
            {
                ["containerArn"] = $"arn:aws:ecs:{Region}:{Account}:container/{cluster}/{taskId}/{Guid.NewGuid():D}",
                ["taskArn"] = TaskArn(cluster, taskId),
                ["name"] = name,
                ["image"] = $"{Account}.dkr.ecr.{Region}.amazonaws.com/{name}:latest",
                ["lastStatus"] = "STOPPED",
                ["healthStatus"] = "UNKNOWN",
            };
            if (exitCode.HasValue) c["exitCode"] = exitCode.Value;
            if (reason != null) c["reason"] = reason;
            return c;
        }

        public static JsonObject StoppedTask(string cluster, string taskId, string startedBy, string taskDefinition, string stoppedReason,
            string stopCode, double stoppedAt, params JsonObject[] containers)
            => new JsonObject
            {
                ["taskArn"] = TaskArn(cluster, taskId),
                ["clusterArn"] = EcsResponses.ClusterArn(cluster),
                ["taskDefinitionArn"] = TaskDefinitionArn(taskDefinition),
                ["lastStatus"] = "STOPPED",
                ["desiredStatus"] = "STOPPED",
                ["startedBy"] = startedBy,
                ["group"] = "service:web",
                ["launchType"] = "FARGATE",
                ["cpu"] = "256",
                ["memory"] = "512",
                ["createdAt"] = At(stoppedAt - 40),
                ["stoppingAt"] = At(stoppedAt - 5),
                ["stoppedAt"] = At(stoppedAt),
                ["stopCode"] = stopCode,
                ["stoppedReason"] = stoppedReason,
                ["containers"] = new JsonArray(containers.Select(c => (JsonNode)c.DeepClone()).ToArray()),
            };
    }

    /// <summary>
    /// Answers DescribeServices from a timeline per service: the Nth time a service is described
    /// (in an answered, non-interrupted call) it is in state N (the last state repeats). A null
    /// state answers failures[] {arn, reason: MISSING}. Calls can be interrupted (throttled) by
    /// number. Each call is logged with the virtual time it arrived at.
    /// </summary>
    public sealed class DescribeServicesScript
    {
        private readonly object _gate = new object();
        private readonly VirtualWaitClock _clock;
        private readonly Dictionary<string, Func<int, JsonObject>> _timelines = new Dictionary<string, Func<int, JsonObject>>(StringComparer.Ordinal);
        private readonly Dictionary<string, int> _described = new Dictionary<string, int>(StringComparer.Ordinal);
        private readonly List<DescribeCall> _calls = new List<DescribeCall>();

        public DescribeServicesScript(VirtualWaitClock clock) => _clock = clock;

        /// <summary>What to answer instead of the script for a call (1-based), or null to follow the script.</summary>
        public Func<int, ScriptedResponse> Interrupt { get; set; }

        /// <summary>Runs on the server thread as each call arrives (1-based call number).</summary>
        public Action<int> OnCall { get; set; }

        /// <summary>Beyond this many calls the fake answers a (non-retryable) error, so a wait that never ends fails instead of hanging.</summary>
        public int MaxCalls { get; set; } = 2000;

        public IReadOnlyList<DescribeCall> Calls { get { lock (_gate) return _calls.ToList(); } }

        public DescribeServicesScript Service(string name, params JsonObject[] states)
            => Timeline(name, n => states[Math.Min(n, states.Length) - 1]);

        public DescribeServicesScript Timeline(string name, Func<int, JsonObject> stateAtDescribe)
        {
            lock (_gate) _timelines[name] = stateAtDescribe;
            return this;
        }

        public ScriptedResponse Answer(RecordedRequest request)
        {
            var body = request.Json;
            var cluster = body.TryGetProperty("cluster", out var c) ? c.GetString() : "default";
            var names = body.GetProperty("services").EnumerateArray().Select(s => s.GetString()).ToArray();
            int number;
            lock (_gate)
            {
                number = _calls.Count + 1;
                _calls.Add(new DescribeCall(number, _clock.Elapsed, cluster, names));
            }
            if (number > MaxCalls)
                return ScriptedResponse.Error("ScriptExhausted", $"More than {MaxCalls} DescribeServices calls: the wait does not end.");
            OnCall?.Invoke(number);
            var interrupt = Interrupt?.Invoke(number);
            if (interrupt != null) return interrupt;

            var services = new JsonArray();
            var failures = new JsonArray();
            foreach (var requested in names)
            {
                var name = Arn.NameOf(requested);
                JsonObject state;
                lock (_gate)
                {
                    if (!_timelines.TryGetValue(name, out var timeline))
                        throw new InvalidOperationException($"No timeline scripted for service '{name}'.");
                    _described[name] = _described.TryGetValue(name, out var n) ? n + 1 : 1;
                    state = timeline(_described[name]);
                }
                if (state == null)
                    failures.Add(new JsonObject { ["arn"] = EcsServiceJson.ServiceArn(Arn.NameOf(cluster), name), ["reason"] = "MISSING" });
                else
                    services.Add(state.DeepClone());
            }
            return ScriptedResponse.Json(new JsonObject { ["services"] = services, ["failures"] = failures });
        }
    }

    public sealed class DescribeCall
    {
        public DescribeCall(int number, TimeSpan at, string cluster, IReadOnlyList<string> services)
        {
            Number = number;
            At = at;
            Cluster = cluster;
            Services = services;
        }

        public int Number { get; }
        /// <summary>Virtual time since the wait began.</summary>
        public TimeSpan At { get; }
        public string Cluster { get; }
        public IReadOnlyList<string> Services { get; }
        public override string ToString() => $"#{Number} @{At.TotalSeconds}s {Cluster}: {string.Join(",", Services)}";
    }

    /// <summary>
    /// A real EcsClient on the loopback fake, a virtual clock, a recording observer and a
    /// DescribeServices script: everything one watcher test needs.
    /// </summary>
    public sealed class WatcherHarness : IDisposable
    {
        /// <summary>Real time a whole wait may take: nothing here sleeps, so anything near this is a bug.</summary>
        public static readonly TimeSpan RealTimeBudget = TimeSpan.FromSeconds(10);

        private readonly Dictionary<string, List<JsonObject>> _stoppedTasks = new Dictionary<string, List<JsonObject>>(StringComparer.Ordinal);

        public WatcherHarness(int maxErrorRetry = 0)
        {
            Fake = new ScriptedAwsServer("ecs");
            Clock = new VirtualWaitClock();
            Observer = new RecordingObserver();
            Script = new DescribeServicesScript(Clock);
            Fake.On("DescribeServices", Script.Answer);
            Fake.On("ListTasks", ListTasks);
            Fake.On("DescribeTasks", DescribeTasks);
            Options = TestConnections.For(Fake, maxErrorRetry);
            Client = new EcsClient(Options, null);
            Watcher = new ServiceDeploymentWatcher(Client, Clock);
        }

        public ScriptedAwsServer Fake { get; }
        public VirtualWaitClock Clock { get; }
        public RecordingObserver Observer { get; }
        public DescribeServicesScript Script { get; }
        public Runtime.AwsConnectionOptions Options { get; }
        public EcsClient Client { get; }
        public ServiceDeploymentWatcher Watcher { get; }
        public TimeSpan LastRealTime { get; private set; }

        /// <summary>Tasks that ListTasks(startedBy=deploymentId, desiredStatus=STOPPED) finds.</summary>
        public WatcherHarness StoppedTasks(string deploymentId, params JsonObject[] tasks)
        {
            lock (_stoppedTasks) _stoppedTasks[deploymentId] = tasks.ToList();
            return this;
        }

        public ServiceWaitResult WaitOne(string service, ServiceWaitCondition condition, ServiceWaitOptions options = null,
            string deploymentId = null, string cluster = "prod", CancellationToken ct = default)
            => Assert.Single(Wait(new[] { new ServiceWaitTarget(cluster, service, deploymentId) }, condition, options, ct));

        public IReadOnlyList<ServiceWaitResult> Wait(IReadOnlyList<ServiceWaitTarget> targets, ServiceWaitCondition condition,
            ServiceWaitOptions options = null, CancellationToken ct = default)
        {
            var watch = Stopwatch.StartNew();
            try
            {
                return Watcher.Wait(targets, condition, options ?? new ServiceWaitOptions(), Observer, ct);
            }
            finally
            {
                LastRealTime = watch.Elapsed;
                Assert.True(LastRealTime < RealTimeBudget, $"The wait took {LastRealTime.TotalSeconds:F1} s of real time; it should not sleep.");
            }
        }

        public IReadOnlyList<RecordedRequest> Requests(string operation) => Fake.RequestsFor(operation);

        /// <summary>No request went unscripted and no handler failed.</summary>
        public void AssertFakeHealthy()
        {
            Assert.Empty(Fake.Unscripted);
            Assert.Empty(Fake.ServerErrors);
        }

        private ScriptedResponse ListTasks(RecordedRequest request)
        {
            var body = request.Json;
            var startedBy = body.TryGetProperty("startedBy", out var s) ? s.GetString() : null;
            var desired = body.TryGetProperty("desiredStatus", out var d) ? d.GetString() : "RUNNING";
            List<JsonObject> tasks;
            lock (_stoppedTasks)
                tasks = desired == "STOPPED" && startedBy != null && _stoppedTasks.TryGetValue(startedBy, out var t) ? t : new List<JsonObject>();
            return ScriptedResponse.Json(new JsonObject
            {
                ["taskArns"] = new JsonArray(tasks.Select(x => (JsonNode)JsonValue.Create((string)x["taskArn"])).ToArray()),
            });
        }

        private ScriptedResponse DescribeTasks(RecordedRequest request)
        {
            var wanted = request.Json.GetProperty("tasks").EnumerateArray().Select(x => x.GetString()).ToList();
            List<JsonObject> all;
            lock (_stoppedTasks) all = _stoppedTasks.Values.SelectMany(x => x).ToList();
            var found = new JsonArray();
            var failures = new JsonArray();
            foreach (var arn in wanted)
            {
                var task = all.FirstOrDefault(t => (string)t["taskArn"] == arn);
                if (task != null) found.Add(task.DeepClone());
                else failures.Add(new JsonObject { ["arn"] = arn, ["reason"] = "MISSING" });
            }
            return ScriptedResponse.Json(new JsonObject { ["tasks"] = found, ["failures"] = failures });
        }

        public void Dispose() => Fake.Dispose();
    }
}
