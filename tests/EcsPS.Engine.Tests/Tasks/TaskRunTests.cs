using System;
using System.Collections.Generic;
using System.Diagnostics;
using System.Linq;
using System.Text.Json.Nodes;
using System.Threading;
using EcsPS.Engine.Ecs;
using EcsPS.Engine.Ecs.Model;
using EcsPS.Engine.Ecs.Tasks;
using EcsPS.Engine.Runtime;
using EcsPS.Engine.Tests.Fakes;
using EcsPS.Engine.Tests.Services;
using EcsPS.Engine.Tests.Support;
using EcsPS.TestFakes;
using Xunit;
using static EcsPS.Engine.Tests.Services.EcsServiceJson;

namespace EcsPS.Engine.Tests.Tasks
{
    /// <summary>
    /// Tasks as DescribeTasks reports them over a lifecycle: the Nth describe of a task answers its
    /// Nth state (the last repeats); a null state is reported MISSING. Shaped like the ECS model.
    /// </summary>
    internal sealed class TaskScript
    {
        private readonly Dictionary<string, JsonObject[]> _states = new Dictionary<string, JsonObject[]>(StringComparer.Ordinal);
        private readonly Dictionary<string, int> _described = new Dictionary<string, int>(StringComparer.Ordinal);

        public Func<int, ScriptedResponse> Interrupt { get; set; }
        public int Calls { get; private set; }

        public TaskScript(ScriptedAwsServer fake) => fake.On("DescribeTasks", Answer);

        public TaskScript Task(string id, params JsonObject[] states)
        {
            lock (_states) _states[id] = states;
            return this;
        }

        private ScriptedResponse Answer(RecordedRequest request)
        {
            int call;
            lock (_states) call = ++Calls;
            if (call > 500) return ScriptedResponse.Error("ScriptExhausted", "More than 500 DescribeTasks calls: the wait does not end.");
            var interrupt = Interrupt?.Invoke(call);
            if (interrupt != null) return interrupt;
            var tasks = new JsonArray();
            var failures = new JsonArray();
            foreach (var wanted in request.Json.GetProperty("tasks").EnumerateArray().Select(t => t.GetString()))
            {
                var id = Arn.NameOf(wanted);
                JsonObject state;
                lock (_states)
                {
                    var states = _states[id];
                    _described[id] = _described.TryGetValue(id, out var n) ? n + 1 : 1;
                    state = states[Math.Min(_described[id], states.Length) - 1];
                }
                if (state == null) failures.Add(new JsonObject { ["arn"] = TaskArn("prod", id), ["reason"] = "MISSING" });
                else tasks.Add(state.DeepClone());
            }
            return ScriptedResponse.Json(new JsonObject { ["tasks"] = tasks, ["failures"] = failures });
        }
    }

    internal static class TaskJson
    {
        public const string Migrate = "migrate:31";

        /// <summary>A task of migrate:31 in prod with an app container (essential) and a log router.</summary>
        public static JsonObject Task(string id, string lastStatus, string desiredStatus = "RUNNING", int? appExit = null, int? routerExit = null,
            string stopCode = null, string stoppedReason = null, string appReason = null, bool started = true, double at = 0)
        {
            JsonObject Container(string name, int? exit, string reason)
            {
                var c = new JsonObject
                {
                    ["containerArn"] = $"arn:aws:ecs:{Region}:{Account}:container/prod/{id}/{Guid.NewGuid():D}",
                    ["taskArn"] = TaskArn("prod", id),
                    ["name"] = name,
                    ["image"] = $"{Account}.dkr.ecr.{Region}.amazonaws.com/{name}:31",
                    ["lastStatus"] = lastStatus == "STOPPED" ? "STOPPED" : lastStatus == "RUNNING" ? "RUNNING" : "PENDING",
                    ["healthStatus"] = "UNKNOWN",
                };
                if (exit.HasValue) c["exitCode"] = exit.Value;
                if (reason != null) c["reason"] = reason;
                return c;
            }
            var task = new JsonObject
            {
                ["taskArn"] = TaskArn("prod", id),
                ["clusterArn"] = EcsResponses.ClusterArn("prod"),
                ["taskDefinitionArn"] = TaskDefinitionArn(Migrate),
                ["lastStatus"] = lastStatus,
                ["desiredStatus"] = desiredStatus,
                ["launchType"] = "FARGATE",
                ["cpu"] = "256",
                ["memory"] = "512",
                ["group"] = "family:migrate",
                ["createdAt"] = At(at - 60),
                ["containers"] = new JsonArray(Container("app", appExit, appReason), Container("log-router", routerExit, null)),
            };
            if (started && (lastStatus == "RUNNING" || lastStatus == "STOPPED" || lastStatus == "DEPROVISIONING")) task["startedAt"] = At(at - 30);
            if (stopCode != null) task["stopCode"] = stopCode;
            if (stoppedReason != null) task["stoppedReason"] = stoppedReason;
            if (lastStatus == "STOPPED") task["stoppedAt"] = At(at);
            return task;
        }

        public static TaskDefinition Definition() => new TaskDefinition
        {
            Family = "migrate",
            Revision = 31,
            ContainerDefinitions = new List<ContainerDefinition>
            {
                new ContainerDefinition { Name = "app" },
                new ContainerDefinition { Name = "log-router", Essential = false },
            },
        };
    }

    /// <summary>Everything a TaskWaiter test sees: status changes, progress, messages, results.</summary>
    internal sealed class TaskObserver : ITaskWaitObserver
    {
        public List<string> Changes { get; } = new List<string>();
        public List<TaskWaitProgress> Progress { get; } = new List<TaskWaitProgress>();
        public List<string> Messages { get; } = new List<string>();
        public List<TaskWaitResult> Finished { get; } = new List<TaskWaitResult>();

        public void OnProgress(TaskWaitProgress progress) => Progress.Add(progress);
        public void OnStatusChange(Task task, string from, string to, TimeSpan elapsed) => Changes.Add($"{task.TaskId} {from ?? "-"}>{to} @{elapsed.TotalSeconds}");
        public void OnMessage(string message) => Messages.Add(message);
        public void OnFinished(TaskWaitResult result) => Finished.Add(result);
    }

    /// <summary>
    /// TaskWaiter on a virtual clock against the scripted loopback fake (nothing sleeps), the run
    /// planner and the RunTask/StartTask client methods under lost answers, and TaskRunResult's
    /// reading of exit codes. Every request is checked against botocore's ECS model.
    /// </summary>
    public sealed class TaskRunTests : IDisposable
    {
        private const string A = "0a1b2c3d4e5f40718293a4b5c6d7e8f9";
        private const string B = "1b2c3d4e5f6a47b8c9d0e1f2a3b4c5d6";
        private const string CannotPull =
            "CannotPullContainerError: pull image manifest has been retried 5 time(s): failed to resolve ref 123456789012.dkr.ecr.us-east-1.amazonaws.com/app:31: not found";

        private readonly ScriptedAwsServer _fake = new ScriptedAwsServer("ecs");
        private readonly VirtualWaitClock _clock = new VirtualWaitClock();
        private readonly TaskObserver _observer = new TaskObserver();
        private readonly TaskScript _script;

        public TaskRunTests() => _script = new TaskScript(_fake);

        public void Dispose() => _fake.Dispose();

        private EcsClient Client(int? maxErrorRetry = 0) => new EcsClient(TestConnections.For(_fake, maxErrorRetry, new VirtualTransportClock()), null);

        private IReadOnlyList<TaskWaitResult> Wait(TaskWaitCondition condition, TaskWaitOptions options = null, params string[] ids)
        {
            var watch = Stopwatch.StartNew();
            var results = new TaskWaiter(Client(), _clock).Wait("prod", ids.Select(id => TaskArn("prod", id)), condition,
                options ?? new TaskWaitOptions(), _observer, CancellationToken.None);
            Assert.True(watch.Elapsed < TimeSpan.FromSeconds(10), "The wait slept in real time.");
            return results;
        }

        private void AssertValidTraffic()
        {
            foreach (var request in _fake.Requests) ModelAssert.ValidRequest(ServiceModel.Ecs, request);
            Assert.Empty(_fake.Unscripted);
            Assert.Empty(_fake.ServerErrors);
        }

        // ---- the lifecycle ---------------------------------------------------------------------

        [Fact]
        public void Running_follows_PROVISIONING_PENDING_RUNNING_and_reports_each_change_once()
        {
            _script.Task(A, TaskJson.Task(A, "PROVISIONING"), TaskJson.Task(A, "PENDING"), TaskJson.Task(A, "PENDING"), TaskJson.Task(A, "RUNNING"));

            var result = Assert.Single(Wait(TaskWaitCondition.Running, null, A));

            Assert.Equal(TaskWaitOutcome.Succeeded, result.Outcome);
            Assert.Equal("RUNNING", result.Task.LastStatus);
            Assert.Equal(TaskArn("prod", A), result.TaskArn);
            Assert.Equal(new[] { $"{A} ->PROVISIONING @0", $"{A} PROVISIONING>PENDING @6", $"{A} PENDING>RUNNING @18" }, _observer.Changes);
            Assert.Equal(new[] { 6.0, 6, 6 }, _clock.Delays.Select(d => d.TotalSeconds));
            Assert.Equal(4, _fake.RequestsFor("DescribeTasks").Count);
            Assert.Equal("1 PROVISIONING", _observer.Progress[0].ToString());
            Assert.True(_observer.Progress.Last().Done);
            Assert.Equal(1, _observer.Progress.Last().Finished);
            AssertValidTraffic();
        }

        [Fact]
        public void Stopped_waits_through_RUNNING_to_STOPPED_and_the_result_reads_the_essential_exit_code()
        {
            _script.Task(A, TaskJson.Task(A, "PROVISIONING"), TaskJson.Task(A, "PENDING"), TaskJson.Task(A, "RUNNING"),
                TaskJson.Task(A, "DEPROVISIONING", "STOPPED", appExit: 3, stopCode: "EssentialContainerExited", stoppedReason: "Essential container in task exited"),
                TaskJson.Task(A, "STOPPED", "STOPPED", appExit: 3, routerExit: 0, stopCode: "EssentialContainerExited", stoppedReason: "Essential container in task exited"));

            var wait = Assert.Single(Wait(TaskWaitCondition.Stopped, null, A));

            Assert.Equal(TaskWaitOutcome.Succeeded, wait.Outcome);
            Assert.Equal(5, _fake.RequestsFor("DescribeTasks").Count);
            Assert.Contains(_observer.Messages, m => m.Contains("ECS is stopping the task: Essential container in task exited"));
            var run = TaskRunResult.From(wait.Task, TaskJson.Definition());
            Assert.Equal(TaskRunOutcome.NonZeroExitCode, run.Outcome);
            Assert.Equal(3, run.ExitCode);
            Assert.Equal("EssentialContainerExited", run.StopCode);
            Assert.Equal(TimeSpan.FromSeconds(30), run.Duration);
            Assert.Equal(new[] { "app=3", "log-router=0" }, run.Containers.Select(c => c.ToString()));
            Assert.False(run.Containers[1].Essential);
            Assert.Contains("failed with exit code 3: app exited with 3", run.FailureMessage());
            AssertValidTraffic();
        }

        [Fact]
        public void A_task_that_never_starts_fails_a_wait_for_RUNNING_with_its_stop_code_and_container_reasons_not_a_timeout()
        {
            _script.Task(A, TaskJson.Task(A, "PROVISIONING"), TaskJson.Task(A, "PENDING"),
                TaskJson.Task(A, "STOPPED", "STOPPED", stopCode: "TaskFailedToStart", stoppedReason: CannotPull, appReason: CannotPull, started: false));

            var result = Assert.Single(Wait(TaskWaitCondition.Running, null, A));

            Assert.Equal(TaskWaitOutcome.Failed, result.Outcome);
            Assert.StartsWith($"The task {A} (migrate:31) in cluster 'prod' stopped before it was RUNNING: TaskFailedToStart: CannotPullContainerError", result.Reason);
            Assert.Contains("Containers: app: CannotPullContainerError", result.Reason);
            Assert.Equal("TaskFailedToStart", result.Stop.StopCode);
            Assert.Equal(TimeSpan.FromSeconds(12), result.Elapsed);
            var run = TaskRunResult.From(result.Task, TaskJson.Definition());
            Assert.Equal(TaskRunOutcome.FailedToStart, run.Outcome);
            Assert.Null(run.ExitCode);
            Assert.Null(run.Duration);
            Assert.Contains("never started", run.FailureMessage());
            Assert.Contains("execution role", run.FailureAdvice());
            AssertValidTraffic();
        }

        [Fact]
        public void A_timeout_says_which_tasks_were_still_not_there_and_where_they_were()
        {
            _script.Task(A, TaskJson.Task(A, "RUNNING"));
            _script.Task(B, TaskJson.Task(B, "PROVISIONING"), TaskJson.Task(B, "PENDING"));

            var results = Wait(TaskWaitCondition.Running, new TaskWaitOptions { Timeout = TimeSpan.FromSeconds(30) }, A, B);

            Assert.Equal(TaskWaitOutcome.Succeeded, results[0].Outcome);
            Assert.Equal(TaskWaitOutcome.TimedOut, results[1].Outcome);
            Assert.Equal($"The task {B} (migrate:31) in cluster 'prod' was still PENDING after 30 s, not RUNNING. (1 of 2 tasks were not RUNNING in time.)", results[1].Reason);
            Assert.Equal(TimeSpan.FromSeconds(30), results[1].Elapsed);
            // Only B is described once A has succeeded.
            Assert.All(_fake.RequestsFor("DescribeTasks").Skip(1), r => Assert.Single(r.Json.GetProperty("tasks").EnumerateArray()));
            AssertValidTraffic();
        }

        [Fact]
        public void A_task_reported_missing_at_first_is_given_the_grace_a_new_task_needs()
        {
            _script.Task(A, null, null, TaskJson.Task(A, "RUNNING"));

            var result = Assert.Single(Wait(TaskWaitCondition.Running, new TaskWaitOptions { MissingGrace = TimeSpan.FromSeconds(30) }, A));

            Assert.Equal(TaskWaitOutcome.Succeeded, result.Outcome);
            Assert.Equal(3, _fake.RequestsFor("DescribeTasks").Count);
            AssertValidTraffic();
        }

        [Fact]
        public void A_task_that_does_not_exist_is_TaskNotFoundException_at_once_without_grace()
        {
            _script.Task(A, (JsonObject)null);

            var result = Assert.Single(Wait(TaskWaitCondition.Stopped, null, A));

            Assert.Equal(TaskWaitOutcome.NotFound, result.Outcome);
            Assert.Equal("TaskNotFoundException", result.NotFoundError);
            Assert.Contains($"'{TaskArn("prod", A)}' was not found in cluster 'prod'", result.Reason);
            Assert.Single(_fake.RequestsFor("DescribeTasks"));
            Assert.Empty(_clock.Delays);
            AssertValidTraffic();
        }

        [Fact]
        public void Throttling_doubles_the_interval_and_never_fails_the_wait_by_itself()
        {
            _script.Task(A, TaskJson.Task(A, "PENDING"), TaskJson.Task(A, "RUNNING"));
            _script.Interrupt = n => n == 2 || n == 3 ? ScriptedResponse.Throttling() : null;

            var result = Assert.Single(Wait(TaskWaitCondition.Running, null, A));

            Assert.Equal(TaskWaitOutcome.Succeeded, result.Outcome);
            Assert.Equal(new[] { 6.0, 12, 24 }, _clock.Delays.Select(d => d.TotalSeconds));
            Assert.Equal(2, _observer.Messages.Count(m => m.Contains("backing off")));
            AssertValidTraffic();
        }

        [Fact]
        public void Tasks_are_described_100_to_a_request()
        {
            var ids = Enumerable.Range(0, 150).Select(i => i.ToString("x32")).ToArray();
            foreach (var id in ids) _script.Task(id, TaskJson.Task(id, "STOPPED", "STOPPED", appExit: 0));

            var results = Wait(TaskWaitCondition.Stopped, null, ids);

            Assert.All(results, r => Assert.Equal(TaskWaitOutcome.Succeeded, r.Outcome));
            Assert.Equal(new[] { 100, 50 }, _fake.RequestsFor("DescribeTasks").Select(r => r.Json.GetProperty("tasks").GetArrayLength()));
            AssertValidTraffic();
        }

        // ---- exit codes ---------------------------------------------------------------------------

        [Fact]
        public void A_sidecar_that_exits_non_zero_does_not_fail_a_run_whose_essential_container_exited_0()
        {
            var task = ModelTask(TaskJson.Task(A, "STOPPED", "STOPPED", appExit: 0, routerExit: 137, stopCode: "EssentialContainerExited"));
            var run = TaskRunResult.From(task, TaskJson.Definition());
            Assert.Equal(TaskRunOutcome.Succeeded, run.Outcome);
            Assert.Equal(0, run.ExitCode);
            Assert.Null(run.FailureMessage());

            // Without the task definition every container counts: the first non-zero one decides.
            var unknown = TaskRunResult.From(task, null);
            Assert.Equal(137, unknown.ExitCode);
            Assert.Equal(TaskRunOutcome.NonZeroExitCode, unknown.Outcome);
        }

        private static Task ModelTask(JsonObject json)
        {
            var problems = new List<string>();
            var task = ModelReader.Read<Task>(json, "task", problems);
            Assert.Empty(problems);
            return task;
        }

        // ---- RunTask: split, tokens, lost answers ---------------------------------------------------

        /// <summary>RunTask as ECS answers it: a request with a client token seen before returns the
        /// tasks that token started, and starts none.</summary>
        private sealed class RunTaskService
        {
            private readonly Dictionary<string, JsonArray> _byToken = new Dictionary<string, JsonArray>(StringComparer.Ordinal);
            private int _next;

            public int Started { get; private set; }

            public RunTaskService(ScriptedAwsServer fake, Func<int, ScriptedResponse, ScriptedResponse> answer = null)
            {
                var calls = 0;
                fake.On("RunTask", request =>
                {
                    var n = Interlocked.Increment(ref calls);
                    var token = request.Json.GetProperty("clientToken").GetString();
                    var count = request.Json.TryGetProperty("count", out var c) ? c.GetInt32() : 1;
                    JsonArray tasks;
                    lock (_byToken)
                    {
                        if (!_byToken.TryGetValue(token, out tasks))
                        {
                            tasks = new JsonArray();
                            for (var i = 0; i < count; i++)
                            {
                                var id = (++_next).ToString("x32");
                                tasks.Add(TaskJson.Task(id, "PROVISIONING"));
                            }
                            Started += count;
                            _byToken[token] = tasks;
                        }
                    }
                    var response = ScriptedResponse.Json(new JsonObject { ["tasks"] = tasks.DeepClone(), ["failures"] = new JsonArray() });
                    return answer == null ? response : answer(n, response);
                });
            }
        }

        private static RunTaskRequest Template() => new RunTaskRequest
        {
            Cluster = "prod",
            TaskDefinition = TaskDefinitionArn(TaskJson.Migrate),
            LaunchType = "FARGATE",
            NetworkConfiguration = new NetworkConfiguration
            {
                AwsvpcConfiguration = new AwsVpcConfiguration
                {
                    Subnets = new List<string> { "subnet-0a1b2c3d4e5f60718" },
                    SecurityGroups = new List<string> { "sg-0123456789abcdef0" },
                },
            },
        };

        [Fact]
        public void Count_25_is_sent_as_10_10_and_5_each_with_its_own_token()
        {
            var service = new RunTaskService(_fake);
            var template = Template();

            var answers = Client().RunTasks(template, TaskRunPlanner.Plan(25, null), CancellationToken.None).ToList();

            var sent = _fake.RequestsFor("RunTask");
            Assert.Equal(new[] { 10, 10, 5 }, sent.Select(r => r.Json.GetProperty("count").GetInt32()));
            var tokens = sent.Select(r => r.Json.GetProperty("clientToken").GetString()).ToList();
            Assert.Equal(3, tokens.Distinct().Count());
            Assert.All(tokens, t => Assert.InRange(t.Length, 1, 64));
            Assert.Equal(25, answers.Sum(a => a.Response.Tasks.Count));
            Assert.Equal(25, answers.SelectMany(a => a.Response.Tasks).Select(t => t.TaskArn).Distinct().Count());
            Assert.Equal(25, service.Started);
            // The caller's template is left as it was.
            Assert.Null(template.Count);
            Assert.Null(template.ClientToken);
            AssertValidTraffic();
        }

        [Fact]
        public void A_lost_RunTask_answer_is_retried_with_the_same_token_and_starts_the_tasks_once()
        {
            var service = new RunTaskService(_fake, (n, answer) => n == 2 ? answer.CutShort(10) : answer);

            var answers = Client(maxErrorRetry: null).RunTasks(Template(), TaskRunPlanner.Plan(25, null), CancellationToken.None).ToList();

            var sent = _fake.RequestsFor("RunTask");
            Assert.Equal(4, sent.Count); // the second request twice
            var tokens = sent.Select(r => r.Json.GetProperty("clientToken").GetString()).ToList();
            Assert.Equal(tokens[1], tokens[2]);
            Assert.Equal(sent[1].Body, sent[2].Body);
            Assert.Equal(3, tokens.Distinct().Count());
            Assert.Equal(25, service.Started);
            Assert.Equal(25, answers.SelectMany(a => a.Response.Tasks).Select(t => t.TaskArn).Distinct().Count());
            AssertValidTraffic();
        }

        [Fact]
        public void A_callers_token_becomes_a_distinct_deterministic_token_per_request()
        {
            var plan = TaskRunPlanner.Plan(25, "migrate-2025-03-01");
            Assert.Equal(new[] { "migrate-2025-03-01-1of3-25", "migrate-2025-03-01-2of3-25", "migrate-2025-03-01-3of3-25" }, plan.Select(b => b.ClientToken));
            Assert.Equal(new[] { 10, 10, 5 }, plan.Select(b => b.Count));
            Assert.Equal(plan.Select(b => b.ClientToken), TaskRunPlanner.Plan(25, "migrate-2025-03-01").Select(b => b.ClientToken));
            Assert.Empty(TaskRunPlanner.Plan(30, "migrate-2025-03-01").Select(b => b.ClientToken).Intersect(plan.Select(b => b.ClientToken)));
            // One request keeps the token as given.
            Assert.Equal("migrate-2025-03-01", Assert.Single(TaskRunPlanner.Plan(7, "migrate-2025-03-01")).ClientToken);

            // Too long to append to: shortened, with a hash that keeps two such tokens apart.
            var long1 = new string('a', 60) + "-one";
            var long2 = new string('a', 60) + "-two";
            var t1 = TaskRunPlanner.Plan(100, long1).Select(b => b.ClientToken).ToList();
            var t2 = TaskRunPlanner.Plan(100, long2).Select(b => b.ClientToken).ToList();
            Assert.All(t1.Concat(t2), t => Assert.InRange(t.Length, 1, 64));
            Assert.Equal(10, t1.Distinct().Count());
            Assert.Empty(t1.Intersect(t2));
            Assert.EndsWith("-10of10-100", t1.Last());
        }

        [Fact]
        public void The_callers_token_goes_on_every_attempt_of_its_request()
        {
            var service = new RunTaskService(_fake, (n, answer) => n == 1 ? ScriptedResponse.Drop() : answer);

            Client(maxErrorRetry: null).RunTasks(Template(), TaskRunPlanner.Plan(12, "nightly"), CancellationToken.None).ToList();

            Assert.Equal(new[] { "nightly-1of2-12", "nightly-1of2-12", "nightly-2of2-12" },
                _fake.RequestsFor("RunTask").Select(r => r.Json.GetProperty("clientToken").GetString()));
            Assert.Equal(12, service.Started);
            AssertValidTraffic();
        }

        // ---- StartTask: at most once -----------------------------------------------------------------

        [Fact]
        public void A_lost_StartTask_answer_is_never_sent_again_and_the_outcome_is_unknown()
        {
            var started = 0;
            _fake.On("StartTask", request =>
            {
                var instances = request.Json.GetProperty("containerInstances").GetArrayLength();
                Interlocked.Add(ref started, instances);
                var tasks = new JsonArray(Enumerable.Range(0, instances).Select(i => (JsonNode)TaskJson.Task(Guid.NewGuid().ToString("N"), "PENDING")).ToArray());
                return ScriptedResponse.Json(new JsonObject { ["tasks"] = tasks, ["failures"] = new JsonArray() }).CutShort(6);
            });
            var instances = Enumerable.Range(0, 12).Select(i => i.ToString("x32")).ToList();
            var template = new StartTaskRequest { Cluster = "prod", TaskDefinition = TaskDefinitionArn(TaskJson.Migrate) };

            var ex = Assert.Throws<AwsOutcomeUnknownException>(() =>
                Client(maxErrorRetry: null).StartTasks(template, instances, CancellationToken.None).ToList());

            Assert.Single(_fake.RequestsFor("StartTask"));
            Assert.Equal(10, started);
            Assert.Equal(10, _fake.RequestsFor("StartTask")[0].Json.GetProperty("containerInstances").GetArrayLength());
            Assert.Contains("StartTask has no client token, so it was not sent again", ex.Message);
            Assert.Contains("The 2 container instance(s) after them were not asked", ex.Message);
            Assert.Contains(instances[0], ex.Message);
            Assert.Null(template.ContainerInstances);
            AssertValidTraffic();
        }

        // ---- failures in the answer ------------------------------------------------------------------

        [Theory]
        [InlineData("RESOURCE:MEMORY", TaskRunFailureKind.Capacity, "no container instance has enough memory left (RESOURCE:MEMORY)", "Add capacity")]
        [InlineData("RESOURCE:PORTS", TaskRunFailureKind.Capacity, "free host ports", "dynamic host ports")]
        [InlineData("AGENT", TaskRunFailureKind.Agent, "ECS agent is not connected", "ecs-agent.log")]
        [InlineData("ATTRIBUTE", TaskRunFailureKind.Attribute, "an attribute the task needs", "requiresAttributes")]
        [InlineData("MISSING", TaskRunFailureKind.Missing, "was not found in cluster 'prod'", "Get-EcsContainerInstanceX")]
        [InlineData("Capacity is unavailable at this time. Please try again later or in a different availability zone", TaskRunFailureKind.Capacity, "Capacity is unavailable", "FARGATE instead of FARGATE_SPOT")]
        public void Each_RunTask_failure_says_what_was_short_and_what_to_do(string reason, TaskRunFailureKind kind, string says, string advice)
        {
            var failure = TaskRunFailure.Explain(new Failure { Arn = "arn:aws:ecs:us-east-1:123456789012:container-instance/prod/0123456789abcdef0123456789abcdef", Reason = reason },
                "prod", TaskDefinitionArn(TaskJson.Migrate));
            Assert.Equal(kind, failure.Kind);
            Assert.Contains(says, failure.Message);
            Assert.Contains(advice, failure.Advice);
        }
    }
}
