using System;
using System.Collections.Generic;
using System.Linq;
using System.Text;
using System.Text.Json.Nodes;
using System.Threading;
using EcsPS.Engine.CloudWatchLogs;
using EcsPS.Engine.CloudWatchLogs.Model;
using EcsPS.Engine.Ecs;
using EcsPS.Engine.Ecs.Model;
using EcsPS.Engine.Protocols.Json;
using EcsPS.Engine.Runtime;
using EcsPS.Engine.Tests.Support;
using EcsPS.Engine.Tests.TaskDefinitions;
using EcsPS.TestFakes;
using Xunit;

namespace EcsPS.Engine.Tests
{
    /// <summary>
    /// No call that makes something is sent twice unless a token makes the repeat harmless. Each
    /// operation class against a loopback fake that applies the request and then loses the answer
    /// (cuts it short, drops the connection, or never sends it), which is what a real lost answer
    /// is: the service did the work and the client never heard.
    /// - at most once, reconciled: RegisterTaskDefinition;
    /// - at most once, reported: PutLogEvents (the generic case, no reconciliation);
    /// - idempotency tokens and operations safe to repeat: IdempotencyTokenTests.
    /// </summary>
    public sealed class AtMostOnceTests
    {
        private static readonly CancellationToken None = CancellationToken.None;

        // ---- RegisterTaskDefinition: never re-sent, a lost answer is reconciled ----------------

        /// <summary>ECS's task definition registry as far as these tests need it: registers
        /// revisions (adding the defaults ECS adds) and describes a family's newest one.</summary>
        private sealed class TaskDefinitionRegistry
        {
            private readonly List<JsonObject> _revisions = new List<JsonObject>();
            private readonly Dictionary<int, JsonArray> _tags = new Dictionary<int, JsonArray>();

            public Func<int, JsonObject, ScriptedResponse> Answer { get; set; } = (_, body) => ScriptedResponse.Json(body);

            /// <summary>When false, a RegisterTaskDefinition is read but not applied.</summary>
            public Func<int, bool> Applies { get; set; } = _ => true;

            public int Registered { get { lock (_revisions) return _revisions.Count; } }

            public TaskDefinitionRegistry(ScriptedAwsServer fake)
            {
                var calls = 0;
                fake.On("RegisterTaskDefinition", request =>
                {
                    var n = Interlocked.Increment(ref calls);
                    var sent = JsonNode.Parse(request.Body).AsObject();
                    if (!Applies(n)) return Answer(n, new JsonObject());
                    var (definition, tags) = Register(sent);
                    return Answer(n, new JsonObject { ["taskDefinition"] = definition.DeepClone(), ["tags"] = tags?.DeepClone() });
                });
                fake.On("DescribeTaskDefinition", request =>
                {
                    var family = request.Json.GetProperty("taskDefinition").GetString();
                    JsonObject newest;
                    lock (_revisions) newest = _revisions.LastOrDefault(r => (string)r["family"] == family);
                    if (newest == null)
                        return ScriptedResponse.Error("ClientException", "Unable to describe task definition.");
                    var body = new JsonObject { ["taskDefinition"] = newest.DeepClone() };
                    if (request.Json.TryGetProperty("include", out _) && _tags.TryGetValue((int)newest["revision"], out var tags))
                        body["tags"] = tags.DeepClone();
                    return ScriptedResponse.Json(body);
                });
            }

            /// <summary>Registers as ECS does: the revision holds what was sent, with the defaults
            /// ECS fills in and its read-only members.</summary>
            public (JsonObject Definition, JsonArray Tags) Register(JsonObject sent)
            {
                var definition = (JsonObject)sent.DeepClone();
                var tags = definition["tags"] as JsonArray;
                definition.Remove("tags");
                foreach (var container in definition["containerDefinitions"]?.AsArray() ?? new JsonArray())
                {
                    var c = container.AsObject();
                    c["essential"] ??= true;
                    c["mountPoints"] ??= new JsonArray();
                    c["volumesFrom"] ??= new JsonArray();
                    c["environment"] ??= new JsonArray();
                    foreach (var port in c["portMappings"]?.AsArray() ?? new JsonArray())
                        port.AsObject()["protocol"] ??= "tcp";
                }
                definition["volumes"] ??= new JsonArray();
                definition["placementConstraints"] ??= new JsonArray();
                lock (_revisions)
                {
                    var family = (string)definition["family"];
                    var revision = _revisions.Count(r => (string)r["family"] == family) + 1;
                    definition["revision"] = revision;
                    definition["taskDefinitionArn"] = TaskDefinitionFixtures.Arn($"{family}:{revision}");
                    definition["status"] = "ACTIVE";
                    definition["compatibilities"] = new JsonArray("EC2", "FARGATE");
                    definition["requiresAttributes"] = new JsonArray();
                    definition["registeredAt"] = 1740830400.5;
                    definition["registeredBy"] = "arn:aws:iam::123456789012:user/someone";
                    _revisions.Add(definition);
                    if (tags != null) _tags[revision] = (JsonArray)tags.DeepClone();
                }
                return (definition, tags);
            }
        }

        private static RegisterTaskDefinitionRequest Request(string json)
            => EngineJson.Deserialize<RegisterTaskDefinitionRequest>(Encoding.UTF8.GetBytes(json));

        private static RegisterTaskDefinitionRequest WebRequest(string image = "nginx:1.27") => Request($$"""
            {
              "family": "web",
              "networkMode": "awsvpc",
              "requiresCompatibilities": [ "FARGATE" ],
              "cpu": "256",
              "memory": "512",
              "containerDefinitions": [
                { "name": "web", "image": "{{image}}", "portMappings": [ { "containerPort": 80 } ],
                  "environment": [ { "name": "B", "value": "2" }, { "name": "A", "value": "1" } ] }
              ],
              "tags": [ { "key": "team", "value": "shop" } ]
            }
            """);

        internal static void AssertValidTraffic(ScriptedAwsServer fake)
        {
            foreach (var request in fake.Requests) ModelAssert.ValidRequest(ServiceModel.Ecs, request);
            Assert.Empty(fake.Unscripted);
            Assert.Empty(fake.ServerErrors);
        }

        public static IEnumerable<object[]> LostAnswers => new[]
        {
            new object[] { "cut short" },
            new object[] { "dropped" },
            new object[] { "timed out" },
        };

        [Theory]
        [MemberData(nameof(LostAnswers))]
        public void A_registration_whose_answer_is_lost_is_sent_once_and_its_revision_is_found_and_returned(string how)
        {
            using var fake = new ScriptedAwsServer();
            using var release = new CancellationTokenSource();
            var registry = new TaskDefinitionRegistry(fake)
            {
                Answer = (_, body) => how switch
                {
                    "cut short" => ScriptedResponse.Json(body).CutShort(40),
                    "dropped" => ScriptedResponse.Drop(),
                    _ => ScriptedResponse.Json(body).Held(System.Threading.Tasks.Task.Delay(Timeout.Infinite, release.Token)),
                },
            };
            var log = new CapturingLog();
            // 3 s, not 1: the same bound covers the DescribeTaskDefinition that settles the outcome,
            // whose first answer is the first large model the process reads (JIT) and on a loaded
            // two-core machine took over a second.
            var client = new EcsClient(TestConnections.For(fake, clock: new VirtualTransportClock(), timeoutSec: how == "timed out" ? 3 : (double?)null), log);
            try
            {
                var definition = client.RegisterTaskDefinitionRevision(WebRequest(), None);

                Assert.Equal("web:1", definition.FamilyRevision);
                Assert.Equal("nginx:1.27", definition.ContainerDefinitions.Single().Image);
                Assert.Equal(("team", "shop"), (definition.Tags.Single().Key, definition.Tags.Single().Value));
                Assert.Equal(1, registry.Registered);
                Assert.Equal(new[] { "RegisterTaskDefinition", "DescribeTaskDefinition" }, fake.Operations);
                var describe = fake.RequestsFor("DescribeTaskDefinition").Single().Json;
                Assert.Equal("web", describe.GetProperty("taskDefinition").GetString());
                Assert.Equal("TAGS", describe.GetProperty("include")[0].GetString());
                Assert.Contains(log.VerboseLines, l => l.Contains("the newest revision of 'web', web:1", StringComparison.Ordinal));
                AssertValidTraffic(fake);
            }
            finally
            {
                release.Cancel();
            }
        }

        [Fact]
        public void The_whole_model_survives_the_comparison_a_full_document_registered_and_lost_is_still_recognised()
        {
            using var fake = new ScriptedAwsServer();
            var registry = new TaskDefinitionRegistry(fake) { Answer = (_, body) => ScriptedResponse.Json(body).CutShort(1) };
            var client = new EcsClient(TestConnections.For(fake, clock: new VirtualTransportClock()), null);

            var definition = client.RegisterTaskDefinitionRevision(Request(TaskDefinitionFixtures.FullRegisterInput), None);

            Assert.Equal("shop-web:1", definition.FamilyRevision);
            Assert.Equal(1, registry.Registered);
            AssertValidTraffic(fake);
        }

        [Fact]
        public void When_the_newest_revision_is_not_what_was_sent_the_outcome_is_unknown_and_says_what_was_found()
        {
            using var fake = new ScriptedAwsServer();
            TaskDefinitionRegistry registry = null;
            registry = new TaskDefinitionRegistry(fake)
            {
                // Ours is applied and its answer lost; before we look, someone registers another.
                Answer = (_, body) =>
                {
                    registry.Register(JsonNode.Parse(EngineJson.Serialize(WebRequest("nginx:1.28"))).AsObject());
                    return ScriptedResponse.Drop();
                },
            };
            var client = new EcsClient(TestConnections.For(fake, clock: new VirtualTransportClock()), null);

            var ex = Assert.Throws<AwsOutcomeUnknownException>(() => client.RegisterTaskDefinitionRevision(WebRequest(), None));

            Assert.Single(fake.RequestsFor("RegisterTaskDefinition"));
            Assert.Equal(2, registry.Registered); // ours and theirs; none of them twice
            Assert.Equal(("ECS", "RegisterTaskDefinition", "web"), (ex.ServiceId, ex.Operation, ex.Resource));
            Assert.Contains("ECS RegisterTaskDefinition lost the connection to " + fake.Url, ex.Message);
            Assert.Contains("it was not sent again", ex.Message);
            Assert.Contains("Whether a new revision of 'web' was registered is unknown", ex.Message);
            Assert.Contains("web:2, is not what was sent (containerDefinitions[0].image: sent \"nginx:1.27\", the revision has \"nginx:1.28\")", ex.Message);
            var lost = Assert.IsType<AwsTransportException>(ex.InnerException);
            Assert.True(lost.OutcomeUnknown);
            Assert.Equal(1, lost.Attempts);
            AssertValidTraffic(fake);
        }

        [Fact]
        public void When_nothing_was_registered_the_outcome_is_still_reported_as_unknown_not_guessed()
        {
            using var fake = new ScriptedAwsServer();
            var registry = new TaskDefinitionRegistry(fake) { Applies = _ => false, Answer = (_, __) => ScriptedResponse.Drop() };
            var client = new EcsClient(TestConnections.For(fake, clock: new VirtualTransportClock()), null);

            var ex = Assert.Throws<AwsOutcomeUnknownException>(() => client.RegisterTaskDefinitionRevision(WebRequest(), None));

            Assert.Contains("family 'web' has no active revision", ex.Message);
            Assert.Single(fake.RequestsFor("RegisterTaskDefinition"));
            Assert.Equal(0, registry.Registered);
        }

        [Fact]
        public void When_looking_fails_too_the_outcome_is_unknown_and_both_failures_are_told()
        {
            using var fake = new ScriptedAwsServer();
            var registry = new TaskDefinitionRegistry(fake) { Answer = (_, __) => ScriptedResponse.Drop() };
            fake.Always("DescribeTaskDefinition", ScriptedResponse.Drop());
            var client = new EcsClient(TestConnections.For(fake, maxErrorRetry: 1, clock: new VirtualTransportClock()), null);

            var ex = Assert.Throws<AwsOutcomeUnknownException>(() => client.RegisterTaskDefinitionRevision(WebRequest(), None));

            Assert.Contains("Reading family 'web' to find out whether it took effect failed as well: ECS DescribeTaskDefinition lost the connection", ex.Message);
            Assert.Single(fake.RequestsFor("RegisterTaskDefinition"));
            Assert.Equal(2, fake.RequestsFor("DescribeTaskDefinition").Count); // a read may be retried
            Assert.Equal(1, registry.Registered);
        }

        [Fact]
        public void Throttled_and_server_error_answers_prove_nothing_was_registered_so_they_are_retried()
        {
            using var fake = new ScriptedAwsServer();
            var registry = new TaskDefinitionRegistry(fake)
            {
                Applies = n => n == 3,
                Answer = (n, body) => n == 1 ? ScriptedResponse.Throttling() : n == 2 ? ScriptedResponse.ServerError() : ScriptedResponse.Json(body),
            };
            var client = new EcsClient(TestConnections.For(fake, clock: new VirtualTransportClock()), null);

            var definition = client.RegisterTaskDefinitionRevision(WebRequest(), None);

            Assert.Equal("web:1", definition.FamilyRevision);
            Assert.Equal(3, fake.RequestsFor("RegisterTaskDefinition").Count);
            Assert.Empty(fake.RequestsFor("DescribeTaskDefinition"));
            Assert.Equal(1, registry.Registered);
            AssertValidTraffic(fake);
        }

        [Fact]
        public void The_operations_that_make_something_without_a_token_are_marked_at_most_once()
        {
            Assert.Equal(ResendSafety.AtMostOnce, GeneratedOperations.Of(typeof(EcsClient), "RegisterTaskDefinition").Resend);
            Assert.Equal(ResendSafety.AtMostOnce, GeneratedOperations.Of(typeof(CloudWatchLogsClient), "PutLogEvents").Resend);
            Assert.Equal(ResendSafety.Safe, GeneratedOperations.Of(typeof(EcsClient), "DescribeServices").Resend);
            Assert.Equal("ClientToken", GeneratedOperations.Of(typeof(EcsClient), "CreateService").IdempotencyToken);
            Assert.Equal("ClientToken", GeneratedOperations.Of(typeof(EcsClient), "RunTask").IdempotencyToken);
        }

        // ---- the generic at-most-once case: reported, not reconciled ----------------------------

        [Fact]
        public void An_at_most_once_operation_without_reconciliation_is_sent_once_and_reported_as_outcome_unknown()
        {
            using var fake = new ScriptedAwsServer("logs");
            var appended = 0;
            fake.On("PutLogEvents", _ =>
            {
                Interlocked.Increment(ref appended);
                return ScriptedResponse.Json("{\"nextSequenceToken\":\"1\"}").CutShort(3);
            });
            var client = new CloudWatchLogsClient(TestConnections.For(fake, clock: new VirtualTransportClock()), null);

            var ex = Assert.Throws<AwsTransportException>(() => client.PutLogEvents(new PutLogEventsRequest
            {
                LogGroupName = "/ecs/web",
                LogStreamName = "web/1",
                LogEvents = new List<InputLogEvent> { new InputLogEvent { Timestamp = 1740830400000, Message = "hello" } },
            }, None));

            Assert.Equal(1, appended);
            Assert.Single(fake.Requests);
            ModelAssert.ValidRequest(ServiceModel.ForBotocore("logs", "2014-03-28"), fake.Requests[0]);
            Assert.True(ex.OutcomeUnknown);
            Assert.Contains("The request may have taken effect, so it was not sent again: PutLogEvents makes something new with every call.", ex.Message);
        }

    }
}
