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
    /// Calls that are safe to send again after a lost answer: those with an idempotency token
    /// (filled by the channel when the caller gives none: CreateService's, which the API documents,
    /// and RunTask's, which botocore marks) keep one token across every retry of a call, and
    /// changes that leave the same result are simply sent again. The fake applies each request and
    /// then loses its answer, as a real lost answer is.
    /// </summary>
    public sealed class IdempotencyTokenTests
    {
        private static readonly CancellationToken None = CancellationToken.None;

        private static void AssertValidTraffic(ScriptedAwsServer fake)
        {
            foreach (var request in fake.Requests) ModelAssert.ValidRequest(ServiceModel.Ecs, request);
            Assert.Empty(fake.Unscripted);
            Assert.Empty(fake.ServerErrors);
        }

        [Fact]
        public void The_operations_with_a_token_are_generated_with_it()
        {
            Assert.Equal("ClientToken", GeneratedOperations.Of(typeof(EcsClient), "CreateService").IdempotencyToken);
            Assert.Equal("ClientToken", GeneratedOperations.Of(typeof(EcsClient), "RunTask").IdempotencyToken);
            Assert.Null(GeneratedOperations.Of(typeof(EcsClient), "UpdateService").IdempotencyToken);
        }

        /// <summary>Services as ECS keeps them: a CreateService with a client token seen before
        /// answers the service that token made.</summary>
        private sealed class ServiceRegistry
        {
            private readonly Dictionary<string, JsonObject> _byToken = new Dictionary<string, JsonObject>(StringComparer.Ordinal);

            public int Created { get; private set; }

            public ServiceRegistry(ScriptedAwsServer fake, Func<int, ScriptedResponse, ScriptedResponse> answer)
            {
                var calls = 0;
                fake.On("CreateService", request =>
                {
                    var n = Interlocked.Increment(ref calls);
                    var token = request.Json.TryGetProperty("clientToken", out var t) ? t.GetString() : null;
                    JsonObject service;
                    lock (_byToken)
                    {
                        if (token == null || !_byToken.TryGetValue(token, out service))
                        {
                            Created++;
                            service = new JsonObject
                            {
                                ["serviceArn"] = $"arn:aws:ecs:us-east-1:123456789012:service/prod/web-{Created}",
                                ["serviceName"] = request.Json.GetProperty("serviceName").GetString(),
                                ["status"] = "ACTIVE",
                                ["desiredCount"] = 1,
                            };
                            if (token != null) _byToken[token] = service;
                        }
                    }
                    return answer(n, ScriptedResponse.Json(new JsonObject { ["service"] = service.DeepClone() }));
                });
            }
        }

        [Fact]
        public void CreateService_keeps_one_client_token_across_retries_so_a_lost_answer_makes_no_second_service()
        {
            using var fake = new ScriptedAwsServer();
            var services = new ServiceRegistry(fake, (n, answer) => n == 1 ? answer.CutShort(10) : answer);
            var log = new CapturingLog();
            var client = new EcsClient(TestConnections.For(fake, clock: new VirtualTransportClock()), log);
            var request = new CreateServiceRequest { Cluster = "prod", ServiceName = "web", TaskDefinition = "web:1", DesiredCount = 1 };

            var service = client.CreateService(request, None).Service;

            Assert.Equal("arn:aws:ecs:us-east-1:123456789012:service/prod/web-1", service.ServiceArn);
            Assert.Equal(1, services.Created);
            var sent = fake.RequestsFor("CreateService");
            Assert.Equal(2, sent.Count);
            var tokens = sent.Select(r => r.Json.GetProperty("clientToken").GetString()).ToList();
            Assert.Single(tokens.Distinct());
            Assert.True(Guid.TryParseExact(tokens[0], "D", out _), tokens[0]);
            Assert.InRange(tokens[0].Length, 1, 36); // ECS's limit for CreateService
            Assert.Single(sent.Select(r => r.Body).Distinct());
            Assert.Contains(log.DebugLines, l => l.Contains("idempotency token " + tokens[0], StringComparison.Ordinal));
            // The caller's request is left as it was: reusing it is a new call with a new token.
            Assert.Null(request.ClientToken);
            client.CreateService(request, None);
            Assert.Equal(2, services.Created);
            Assert.NotEqual(tokens[0], fake.RequestsFor("CreateService").Last().Json.GetProperty("clientToken").GetString());
            AssertValidTraffic(fake);
        }

        [Fact]
        public void A_client_token_the_caller_gives_is_sent_as_given()
        {
            using var fake = new ScriptedAwsServer();
            var services = new ServiceRegistry(fake, (n, answer) => n == 1 ? ScriptedResponse.Drop() : answer);
            var client = new EcsClient(TestConnections.For(fake, clock: new VirtualTransportClock()), null);

            client.CreateService(new CreateServiceRequest { ServiceName = "web", TaskDefinition = "web:1", ClientToken = "deploy-2025-03-01" }, None);

            Assert.Equal(new[] { "deploy-2025-03-01", "deploy-2025-03-01" },
                fake.RequestsFor("CreateService").Select(r => r.Json.GetProperty("clientToken").GetString()));
            Assert.Equal(1, services.Created);
        }

        [Fact]
        public void When_every_answer_is_lost_the_error_names_the_token_that_makes_a_repeat_safe()
        {
            using var fake = new ScriptedAwsServer();
            var services = new ServiceRegistry(fake, (_, answer) => answer.CutShort(5));
            var client = new EcsClient(TestConnections.For(fake, clock: new VirtualTransportClock()), null);

            var ex = Assert.Throws<AwsTransportException>(() =>
                client.CreateService(new CreateServiceRequest { ServiceName = "web", TaskDefinition = "web:1" }, None));

            Assert.Equal(3, fake.RequestsFor("CreateService").Count);
            Assert.Equal(1, services.Created);
            Assert.False(ex.OutcomeUnknown);
            Assert.NotNull(ex.IdempotencyToken);
            Assert.Contains($"It carried the idempotency token {ex.IdempotencyToken}: sending the same request again with that token cannot do it twice.", ex.Message);
        }

        [Fact]
        public void RunTask_whose_token_botocore_marks_gets_the_same_treatment()
        {
            using var fake = new ScriptedAwsServer();
            var started = new HashSet<string>();
            var calls = 0;
            fake.On("RunTask", request =>
            {
                lock (started) started.Add(request.Json.GetProperty("clientToken").GetString());
                var answer = ScriptedResponse.Json("{\"tasks\":[{\"taskArn\":\"arn:aws:ecs:us-east-1:123456789012:task/prod/0123456789abcdef0\"}],\"failures\":[]}");
                return Interlocked.Increment(ref calls) == 1 ? ScriptedResponse.Drop() : answer;
            });
            var client = new EcsClient(TestConnections.For(fake, clock: new VirtualTransportClock()), null);

            var response = client.RunTask(new RunTaskRequest { Cluster = "prod", TaskDefinition = "batch:3", Count = 1 }, None);

            Assert.Single(response.Tasks);
            Assert.Equal(2, fake.RequestsFor("RunTask").Count);
            var token = Assert.Single(started);
            Assert.InRange(token.Length, 1, 64);
            AssertValidTraffic(fake);
        }

        // ---- safe to repeat ------------------------------------------------------------------

        [Fact]
        public void A_change_that_is_safe_to_repeat_is_sent_again_after_a_lost_answer()
        {
            using var fake = new ScriptedAwsServer();
            var calls = 0;
            fake.On("UpdateService", _ =>
            {
                var answer = ScriptedResponse.Json("{\"service\":{\"serviceName\":\"web\",\"desiredCount\":4}}");
                return Interlocked.Increment(ref calls) == 1 ? answer.CutShort(8) : answer;
            });
            var client = new EcsClient(TestConnections.For(fake, clock: new VirtualTransportClock()), null);

            var service = client.UpdateService(new UpdateServiceRequest { Cluster = "prod", Service = "web", DesiredCount = 4 }, None).Service;

            Assert.Equal(4, service.DesiredCount);
            Assert.Equal(2, fake.Requests.Count);
            AssertValidTraffic(fake);
        }
    }
}
