using System;
using System.Collections.Generic;
using System.Linq;
using System.Text;
using System.Text.Json;
using System.Threading;
using EcsPS.Engine.Ecs;
using EcsPS.Engine.Ecs.Model;
using EcsPS.Engine.Runtime;
using EcsPS.Engine.Tests.Support;
using EcsPS.TestFakes;
using Xunit;

namespace EcsPS.Engine.Tests.Exec
{
    /// <summary>
    /// The token of an ECS Exec session lets whoever holds it into the container: it reaches the
    /// plugin and nothing else — no Verbose or Debug line, no exception. The same holds for every
    /// member botocore marks sensitive (container environment, repository credentials).
    /// </summary>
    [Collection(EnvironmentCollection.Name)]
    public sealed class ExecSecretsTests
    {
        private static void AssertClean(string where, string text, params string[] secrets)
        {
            foreach (var secret in secrets)
                Assert.False(text != null && text.Contains(secret, StringComparison.Ordinal), $"{where} contains '{secret}':\n{text}");
        }

        [Fact]
        public void The_session_token_stays_out_of_logs_and_exceptions()
        {
            using var env = new EnvironmentScope();
            using var fake = new ScriptedAwsServer();
            fake.Always("DescribeTasks", ScriptedResponse.Json(ExecAnswers.Described(ExecAnswers.Task())));
            fake.Enqueue("ExecuteCommand",
                ScriptedResponse.Json(ExecAnswers.Session()),
                ScriptedResponse.Error("TargetNotConnectedException", "The execute command failed due to an internal error. Try again later."));
            var log = new CapturingLog();
            var client = new EcsClient(TestConnections.For(fake, maxErrorRetry: 0), log);

            var session = client.OpenExecSession("prod", ExecAnswers.TaskId, "web", "/bin/sh", CancellationToken.None);
            var failed = Assert.Throws<AwsServiceException>(() => client.OpenExecSession("prod", ExecAnswers.TaskId, "web", "/bin/sh", CancellationToken.None));

            // The token was really in the answer, and the answer really was logged.
            Assert.Equal(ExecAnswers.Token, session.Session.TokenValue);
            var body = Assert.Single(log.DebugLines, l => l.StartsWith("DEBUG: ECS ExecuteCommand response body: ", StringComparison.Ordinal));
            Assert.Contains($"\"sessionId\":\"{ExecAnswers.SessionId}\"", body);
            Assert.Contains("\"tokenValue\":\"(redacted)\"", body);
            Assert.Contains(log.Lines, l => l.Contains("TargetNotConnectedException"));

            foreach (var line in log.Lines) AssertClean("log line", line, ExecAnswers.Token, "TOKENSENTINEL");
            AssertClean("exception", failed.ToString(), ExecAnswers.Token, "TOKENSENTINEL");
        }

        [Fact]
        public void Environment_values_in_a_request_are_left_out_and_the_rest_is_shown()
        {
            using var env = new EnvironmentScope();
            using var fake = new ScriptedAwsServer();
            fake.Always("RegisterTaskDefinition", ScriptedResponse.Json("{\"taskDefinition\":{\"family\":\"web\",\"revision\":1}}"));
            var log = new CapturingLog();
            var client = new EcsClient(TestConnections.For(fake), log);

            client.RegisterTaskDefinition(new RegisterTaskDefinitionRequest
            {
                Family = "web",
                ContainerDefinitions = new List<ContainerDefinition>
                {
                    new ContainerDefinition { Name = "web", Image = "nginx", Environment = new List<Ecs.Model.KeyValuePair> { new Ecs.Model.KeyValuePair("DB_PASSWORD", "hunter2-SENTINEL") } },
                },
            }, CancellationToken.None);

            Assert.Contains("hunter2-SENTINEL", fake.RequestsFor("RegisterTaskDefinition").Single().Body);
            var line = Assert.Single(log.DebugLines, l => l.Contains("RegisterTaskDefinition request body"));
            Assert.Contains("\"family\":\"web\"", line);
            Assert.Contains("\"environment\":\"(redacted)\"", line);
            foreach (var l in log.Lines) AssertClean("log line", l, "hunter2", "DB_PASSWORD");
        }

        [Fact]
        public void A_body_that_names_a_secret_but_is_not_readable_JSON_is_not_shown()
        {
            var cut = Encoding.UTF8.GetBytes("{\"session\":{\"sessionId\":\"s\",\"tokenValue\":\"AAEAA-TOKENSENTINEL");
            var text = LogRedaction.ForLog("ECS", cut, 4096);
            AssertClean("log text", text, "TOKENSENTINEL");
            Assert.StartsWith("(not shown:", text);

            // Bodies without a sensitive member are shown as they are, cut to the limit.
            var plain = Encoding.UTF8.GetBytes("{\"clusters\":[],\"failures\":[]}");
            Assert.Equal("{\"clusters\":[],\"failures\":[]}", LogRedaction.ForLog("ECS", plain, 4096));
            Assert.Equal("{\"clusters\"... (29 bytes)", LogRedaction.ForLog("ECS", plain, 11));
        }

        public static IEnumerable<object[]> Services => EngineServices.Names;

        [Theory]
        [MemberData(nameof(Services))]
        public void The_redacted_members_are_exactly_the_ones_botocore_marks_sensitive(string botocore)
        {
            var service = EngineServices.Get(botocore);
            var model = service.Model;
            var sensitiveShapes = new HashSet<string>(StringComparer.Ordinal);
            var all = AllShapes(model);
            foreach (var (name, shape) in all)
                if (shape.TryGetProperty("sensitive", out var s) && s.GetBoolean()) sensitiveShapes.Add(name);
            var expected = new SortedSet<string>(StringComparer.Ordinal);
            foreach (var (_, shape) in all)
            {
                if (!shape.TryGetProperty("members", out var members)) continue;
                foreach (var member in members.EnumerateObject())
                {
                    var sensitive = sensitiveShapes.Contains(member.Value.GetProperty("shape").GetString())
                                    || (member.Value.TryGetProperty("sensitive", out var flag) && flag.GetBoolean());
                    if (sensitive) expected.Add(member.Value.TryGetProperty("locationName", out var wire) ? wire.GetString() : member.Name);
                }
            }
            if (LogRedaction.SecretsBotocoreDoesNotMark.TryGetValue(service.Descriptor.ServiceId, out var extra))
                foreach (var member in extra) Assert.True(expected.Add(member), $"botocore now marks {member} sensitive; drop it from SecretsBotocoreDoesNotMark");
            Assert.Equal(expected, new SortedSet<string>(LogRedaction.SensitiveMembersOf(service.Descriptor.ServiceId), StringComparer.Ordinal));
            if (botocore == "ecs") Assert.Contains("tokenValue", expected);
            if (botocore == "ecr") Assert.Contains("authorizationToken", expected);
        }

        private static List<(string Name, JsonElement Shape)> AllShapes(ServiceModel model)
        {
            var list = new List<(string, JsonElement)>();
            foreach (var name in ShapeNames(model)) list.Add((name, model.Shape(name)));
            return list;
        }

        private static IEnumerable<string> ShapeNames(ServiceModel model)
        {
            var raw = model.Path.EndsWith(".gz", StringComparison.Ordinal)
                ? new System.IO.StreamReader(new System.IO.Compression.GZipStream(System.IO.File.OpenRead(model.Path), System.IO.Compression.CompressionMode.Decompress)).ReadToEnd()
                : System.IO.File.ReadAllText(model.Path);
            using var doc = JsonDocument.Parse(raw);
            return doc.RootElement.GetProperty("shapes").EnumerateObject().Select(p => p.Name).ToList();
        }
    }
}
