using System.Collections.Generic;
using System.Linq;
using System.Text.Json;
using System.Text.Json.Nodes;
using System.Threading;
using EcsPS.Engine.CloudWatchLogs;
using EcsPS.Engine.Ecs.Logs;
using EcsPS.Engine.Ecs.Model;
using EcsPS.Engine.Tests.Support;
using EcsPS.TestFakes;
using Xunit;

namespace EcsPS.Engine.Tests.TaskLogs
{
    /// <summary>
    /// Reading container streams against the scripted fake, answered as CloudWatch Logs answers
    /// and every request checked against botocore's logs model: paging, streams in requests of
    /// 100, a stream that does not exist yet, -Tail through GetLogEvents; and where the streams
    /// are, from task definitions with and without awslogs.
    /// </summary>
    public sealed class TaskLogReaderTests
    {
        private static readonly ServiceModel Logs = ServiceModel.ForBotocore("logs", "2014-03-28");
        private const string Id = "0123456789abcdef0123456789abcdef";
        private const string TaskArn = "arn:aws:ecs:us-east-1:123456789012:task/prod/" + Id;

        private static ContainerLogSource Source(string container, string taskId = Id) => new ContainerLogSource
        {
            TaskArn = "arn:aws:ecs:us-east-1:123456789012:task/prod/" + taskId,
            Container = container,
            LogGroup = "/ecs/web",
            LogStream = $"ecs/{container}/{taskId}",
            Region = "us-east-1",
        };

        private static TaskLogReader Reader(ScriptedAwsServer fake)
        {
            var client = new CloudWatchLogsClient(TestConnections.For(fake, clock: new VirtualTransportClock()), null);
            return new TaskLogReader(_ => client, null);
        }

        private static JsonObject Event(string stream, long ts, string message, string id)
            => new JsonObject { ["logStreamName"] = stream, ["timestamp"] = ts, ["message"] = message, ["ingestionTime"] = ts + 5, ["eventId"] = id };

        private static ScriptedResponse Page(string token, params JsonObject[] events)
        {
            var body = new JsonObject { ["events"] = new JsonArray(events.Cast<JsonNode>().ToArray()), ["searchedLogStreams"] = new JsonArray() };
            if (token != null) body["nextToken"] = token;
            return ScriptedResponse.Json(body.ToJsonString());
        }

        private static void AllValid(ScriptedAwsServer fake)
        {
            foreach (var r in fake.Requests)
            {
                ModelAssert.ValidRequest(Logs, r);
                if (r.Response?.StatusCode < 300) ModelAssert.ValidResponse(Logs, r);
            }
        }

        [Fact]
        public void Filter_follows_nextToken_through_empty_pages_and_names_task_and_container()
        {
            var web = Source("web");
            using var fake = new ScriptedAwsServer().Enqueue("FilterLogEvents",
                Page("t1", Event(web.LogStream, 1000, "one\n", "e1")),
                Page("t2"),
                Page(null, Event(web.LogStream, 2000, "two", "e2")));

            var events = Reader(fake).Read(new[] { web }, new LogQuery { StartMs = 500, EndMs = 5000, FilterPattern = "ERROR" }, CancellationToken.None).ToList();

            Assert.Equal(new[] { "one", "two" }, events.Select(e => e.Message));
            Assert.All(events, e => { Assert.Equal(Id, e.TaskId); Assert.Equal("web", e.Container); Assert.Equal("/ecs/web", e.LogGroup); });
            Assert.Equal("e2", events[1].EventId);
            var requests = fake.RequestsFor("FilterLogEvents");
            Assert.Equal(3, requests.Count);
            Assert.False(requests[0].Json.TryGetProperty("nextToken", out _));
            Assert.Equal("t1", requests[1].Json.GetProperty("nextToken").GetString());
            Assert.Equal("t2", requests[2].Json.GetProperty("nextToken").GetString());
            Assert.All(requests, r =>
            {
                Assert.Equal("/ecs/web", r.Json.GetProperty("logGroupName").GetString());
                Assert.Equal(500, r.Json.GetProperty("startTime").GetInt64());
                Assert.Equal(5000, r.Json.GetProperty("endTime").GetInt64());
                Assert.Equal("ERROR", r.Json.GetProperty("filterPattern").GetString());
            });
            AllValid(fake);
        }

        [Fact]
        public void More_than_100_streams_of_a_group_go_in_requests_of_at_most_100()
        {
            var sources = Enumerable.Range(0, 150).Select(i => Source("c" + i)).ToList();
            using var fake = new ScriptedAwsServer().Always("FilterLogEvents", Page(null));

            Assert.Empty(Reader(fake).Read(sources, new LogQuery(), CancellationToken.None).ToList());

            var sizes = fake.RequestsFor("FilterLogEvents").Select(r => r.Json.GetProperty("logStreamNames").GetArrayLength()).ToList();
            Assert.Equal(new[] { 100, 50 }, sizes);
            AllValid(fake);
        }

        [Fact]
        public void A_stream_that_does_not_exist_yet_is_quiet_and_the_other_streams_are_still_read()
        {
            var ready = Source("web");
            var starting = Source("sidecar");
            using var fake = new ScriptedAwsServer().On("FilterLogEvents", r =>
            {
                var names = r.Json.GetProperty("logStreamNames").EnumerateArray().Select(n => n.GetString()).ToList();
                return names.Contains(starting.LogStream)
                    ? ScriptedResponse.Error("ResourceNotFoundException", "The specified log stream does not exist.")
                    : Page(null, Event(ready.LogStream, 1000, "up", "e1"));
            });
            var log = new RecordingLog();
            var client = new CloudWatchLogsClient(TestConnections.For(fake, clock: new VirtualTransportClock()), null);

            var events = new TaskLogReader(_ => client, log).Read(new[] { ready, starting }, new LogQuery(), CancellationToken.None).ToList();

            Assert.Equal("up", Assert.Single(events).Message);
            Assert.Contains(log.Lines, l => l.Contains(starting.LogStream) && l.Contains("does not exist"));
            AllValid(fake);
        }

        [Fact]
        public void A_missing_log_group_is_one_request_and_a_verbose_line()
        {
            using var fake = new ScriptedAwsServer().Always("FilterLogEvents",
                ScriptedResponse.Error("ResourceNotFoundException", "The specified log group does not exist."));
            var log = new RecordingLog();
            var client = new CloudWatchLogsClient(TestConnections.For(fake, clock: new VirtualTransportClock()), null);

            Assert.Empty(new TaskLogReader(_ => client, log).Read(new[] { Source("web"), Source("sidecar") }, new LogQuery(), CancellationToken.None).ToList());

            Assert.Single(fake.Requests);
            Assert.Contains(log.Lines, l => l.Contains("/ecs/web") && l.Contains("does not exist"));
        }

        [Fact]
        public void Tail_reads_the_end_of_each_stream_with_GetLogEvents()
        {
            var web = Source("web");
            using var fake = new ScriptedAwsServer().Always("GetLogEvents", ScriptedResponse.Json(new JsonObject
            {
                ["events"] = new JsonArray(new JsonObject { ["timestamp"] = 1000, ["message"] = "a", ["ingestionTime"] = 1001 },
                                           new JsonObject { ["timestamp"] = 2000, ["message"] = "b", ["ingestionTime"] = 2001 }),
                ["nextForwardToken"] = "f/1",
                ["nextBackwardToken"] = "b/1",
            }.ToJsonString()));

            var events = Reader(fake).Read(new[] { web }, new LogQuery { Tail = 2 }, CancellationToken.None).ToList();

            Assert.Equal(new[] { "a", "b" }, events.Select(e => e.Message));
            var request = Assert.Single(fake.Requests);
            Assert.Equal("GetLogEvents", request.Operation);
            Assert.False(request.Json.GetProperty("startFromHead").GetBoolean());
            Assert.Equal(2, request.Json.GetProperty("limit").GetInt32());
            Assert.Equal(web.LogStream, request.Json.GetProperty("logStreamName").GetString());
            AllValid(fake);
        }

        [Fact]
        public void Tail_with_a_pattern_keeps_the_last_matches_of_each_stream()
        {
            var web = Source("web");
            var side = Source("side");
            using var fake = new ScriptedAwsServer().Always("FilterLogEvents", Page(null,
                Event(web.LogStream, 1, "w1", "1"), Event(side.LogStream, 2, "s1", "2"), Event(web.LogStream, 3, "w2", "3"),
                Event(web.LogStream, 4, "w3", "4")));

            var events = Reader(fake).Read(new[] { web, side }, new LogQuery { Tail = 2, FilterPattern = "w" }, CancellationToken.None).ToList();

            Assert.Equal(new[] { "w2", "w3", "s1" }, events.Select(e => e.Message));
        }

        [Fact]
        public void The_plan_reads_awslogs_containers_and_names_the_driver_of_the_others()
        {
            var task = new Task { TaskArn = TaskArn };
            var definition = new TaskDefinition
            {
                ContainerDefinitions = new List<ContainerDefinition>
                {
                    new ContainerDefinition { Name = "web", LogConfiguration = new LogConfiguration { LogDriver = "awslogs",
                        Options = new Dictionary<string, string> { ["awslogs-group"] = "/ecs/web", ["awslogs-stream-prefix"] = "ecs", ["awslogs-region"] = "eu-west-1" } } },
                    new ContainerDefinition { Name = "router", LogConfiguration = new LogConfiguration { LogDriver = "awsfirelens" } },
                    new ContainerDefinition { Name = "legacy", LogConfiguration = new LogConfiguration { LogDriver = "awslogs",
                        Options = new Dictionary<string, string> { ["awslogs-group"] = "/ecs/legacy" } } },
                    new ContainerDefinition { Name = "quiet" },
                },
            };

            var plan = TaskLogPlan.For(task, definition, null);

            var source = Assert.Single(plan.Sources);
            Assert.Equal("ecs/web/" + Id, source.LogStream);
            Assert.Equal("eu-west-1", source.Region);
            Assert.Equal(3, plan.Unreadable.Count);
            Assert.Contains(plan.Unreadable, l => l.Contains("'router'") && l.Contains("awsfirelens"));
            Assert.Contains(plan.Unreadable, l => l.Contains("'legacy'") && l.Contains("awslogs-stream-prefix"));
            Assert.Contains(plan.Unreadable, l => l.Contains("'quiet'") && l.Contains("no log configuration"));
            Assert.Empty(TaskLogPlan.For(task, definition, new[] { "router" }).Sources);
            Assert.Equal("us-east-1", TaskLogPlan.For(task, new TaskDefinition { ContainerDefinitions = new List<ContainerDefinition> { new ContainerDefinition { Name = "a",
                LogConfiguration = new LogConfiguration { LogDriver = "awslogs", Options = new Dictionary<string, string> { ["awslogs-group"] = "g", ["awslogs-stream-prefix"] = "p" } } } } }, null).Sources[0].Region);
        }

        [Fact]
        public void A_run_result_keeps_the_last_lines_of_all_its_containers_in_time_order_and_its_failure_ends_with_five()
        {
            var task = new Task { TaskArn = TaskArn };
            LogConfiguration Awslogs() => new LogConfiguration { LogDriver = "awslogs",
                Options = new Dictionary<string, string> { ["awslogs-group"] = "/ecs/web", ["awslogs-stream-prefix"] = "ecs" } };
            var definition = new TaskDefinition { ContainerDefinitions = new List<ContainerDefinition>
            {
                new ContainerDefinition { Name = "web", LogConfiguration = Awslogs() },
                new ContainerDefinition { Name = "side", LogConfiguration = Awslogs() },
            } };
            using var fake = new ScriptedAwsServer().On("GetLogEvents", r =>
            {
                var side = r.Json.GetProperty("logStreamName").GetString().Contains("/side/");
                var events = new JsonArray((side ? new[] { 2, 5 } : new[] { 1, 3, 4, 6, 7 })
                    .Select(t => (JsonNode)new JsonObject { ["timestamp"] = t, ["message"] = $"{(side ? "s" : "w")}{t}", ["ingestionTime"] = t }).ToArray());
                return ScriptedResponse.Json(new JsonObject { ["events"] = events }.ToJsonString());
            });

            var lines = TaskLogTail.LastLines(Reader(fake), task, definition, 6, CancellationToken.None, out _);

            Assert.Equal(new[] { "side: s2", "web: w3", "web: w4", "side: s5", "web: w6", "web: w7" }, lines);
            var result = new EcsPS.Engine.Ecs.Tasks.TaskRunResult { TaskArn = TaskArn, Outcome = EcsPS.Engine.Ecs.Tasks.TaskRunOutcome.NonZeroExitCode, ExitCode = 1, LogLines = lines };
            var message = result.FailureMessage();
            Assert.Contains("Last 5 log lines:", message);
            Assert.DoesNotContain("s2", message);
            Assert.EndsWith("  web: w7", message);
            AllValid(fake);
        }

        [Theory]
        [InlineData("15m", 15 * 60)]
        [InlineData("2h", 2 * 3600)]
        [InlineData("90s", 90)]
        [InlineData("1d", 86400)]
        [InlineData("00:10:00", 600)]
        public void Since_durations_count_back_from_now(string text, int seconds)
        {
            var now = new System.DateTime(2026, 3, 1, 12, 0, 0, System.DateTimeKind.Utc);
            Assert.True(LogTimes.TryParse(text, now, out var utc));
            Assert.Equal(now.AddSeconds(-seconds), utc);
        }

        [Theory]
        [InlineData("yesterdayish")]
        [InlineData("15x")]
        [InlineData("")]
        public void Since_refuses_what_is_not_a_time(string text)
            => Assert.False(LogTimes.TryParse(text, System.DateTime.UtcNow, out _));

        [Theory]
        [InlineData("ERROR", true)]
        [InlineData("\"connection refused\"", true)]
        [InlineData("{ $.level = \"error\" }", true)]
        [InlineData("[ip, user, status=5*]", true)]
        [InlineData("\"unclosed", false)]
        [InlineData("{ $.level = 1", false)]
        [InlineData("[a, b", false)]
        public void Filter_patterns_with_unbalanced_quotes_or_brackets_are_caught(string pattern, bool fine)
            => Assert.Equal(fine, LogTimes.FilterPatternProblem(pattern) == null);

        private sealed class RecordingLog : Runtime.IEngineLog
        {
            public List<string> Lines { get; } = new List<string>();
            public void Verbose(string message) => Lines.Add(message);
            public void Debug(string message) { }
        }
    }
}
