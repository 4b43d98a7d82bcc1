using System;
using System.Collections.Generic;
using System.Linq;
using System.Text.Json;
using System.Text.Json.Nodes;
using System.Threading;
using EcsPS.Engine.Protocols.Json;
using EcsPS.Engine.Ecs;
using EcsPS.Engine.Ecs.Model;
using EcsPS.Engine.Ecs.TaskDefinitions;
using EcsPS.Engine.Runtime;
using EcsPS.TestFakes;
using EcsPS.Engine.Tests.Support;
using Xunit;
using static EcsPS.Engine.Tests.TaskDefinitions.TaskDefinitionFixtures;

namespace EcsPS.Engine.Tests.TaskDefinitions
{
    /// <summary>
    /// The requests EcsClient sends for the task definition operations, captured at the scripted
    /// fake: each body validates against botocore's current ECS model, carries what was asked, and
    /// respects the API's limits; the fake's answers validate against the model too.
    /// </summary>
    public sealed class TaskDefinitionRequestTests
    {
        private static ServiceModel Model => ServiceModel.Ecs;

        private static (ScriptedAwsServer Fake, EcsClient Client) Start()
        {
            var fake = new ScriptedAwsServer("td-fake");
            return (fake, new EcsClient(TestConnections.For(fake, maxErrorRetry: 0), null));
        }

        /// <summary>Every request is a valid request of the model and every answer a valid answer.</summary>
        private static void AllValid(ScriptedAwsServer fake, string operation, int count)
        {
            var requests = fake.Requests;
            Assert.Equal(count, requests.Count);
            foreach (var r in requests)
            {
                Assert.Equal(operation, ModelAssert.ValidRequest(Model, r));
                if (r.Response.StatusCode < 300) ModelAssert.ValidResponse(Model, r);
            }
            Assert.Empty(fake.Unscripted);
            Assert.Empty(fake.ServerErrors);
        }

        // ---- RegisterTaskDefinition ------------------------------------------------------------

        [Fact]
        public void RegisterTaskDefinition_with_every_member_sends_a_valid_body_with_all_of_them()
        {
            var (fake, client) = Start();
            using (fake)
            {
                fake.Always("RegisterTaskDefinition", WithTags(TaskDefinition("shop-web", 1), Tags(("team", "shop"), ("cost-center", "4711"))));
                var request = TaskDefinitionDocument.Parse(FullRegisterInput, "full.json");

                var definition = client.RegisterTaskDefinitionRevision(request, CancellationToken.None);

                AllValid(fake, "RegisterTaskDefinition", 1);
                var body = fake.Requests[0].Json;
                ModelAssert.CoversShape(Model, "RegisterTaskDefinitionRequest", body);
                Assert.Equal(Canonical(FullRegisterInput), Canonical(body.GetRawText()));
                // The answer: the definition, with the tags that come beside it kept on it.
                Assert.Equal("shop-web:1", definition.FamilyRevision);
                Assert.Equal(new[] { "team=shop", "cost-center=4711" }, definition.Tags.Select(t => t.ToString()));
            }
        }

        [Fact]
        public void RegisterTaskDefinition_from_the_describe_form_sends_no_read_only_member()
        {
            var (fake, client) = Start();
            using (fake)
            {
                fake.Always("RegisterTaskDefinition", WithTags(TaskDefinition("web", 8), Tags(("team", "web"))));
                client.RegisterTaskDefinitionRevision(TaskDefinitionDocument.Parse(DescribeOutput, "describe.json"), CancellationToken.None);

                AllValid(fake, "RegisterTaskDefinition", 1);
                var sent = fake.Requests[0].Json.EnumerateObject().Select(p => p.Name).ToList();
                Assert.Equal(new[] { "family", "networkMode", "containerDefinitions", "volumes", "placementConstraints", "requiresCompatibilities", "cpu", "memory", "tags" }, sent);
            }
        }

        [Fact]
        public void RegisterTaskDefinition_of_a_minimal_definition_sends_only_what_was_given()
        {
            var (fake, client) = Start();
            using (fake)
            {
                fake.Always("RegisterTaskDefinition", WithTags(TaskDefinition("web", 1), null));
                var definition = client.RegisterTaskDefinitionRevision(new RegisterTaskDefinitionRequest
                {
                    Family = "web",
                    ContainerDefinitions = new List<ContainerDefinition> { new ContainerDefinition { Name = "web", Image = "nginx", Memory = 256 } },
                }, CancellationToken.None);

                AllValid(fake, "RegisterTaskDefinition", 1);
                Assert.Equal("""{"family":"web","containerDefinitions":[{"name":"web","image":"nginx","memory":256}]}""", fake.Requests[0].Body);
                Assert.Null(definition.Tags);
            }
        }

        // ---- DescribeTaskDefinition ------------------------------------------------------------

        [Theory]
        [InlineData("web", true)]
        [InlineData("web:7", false)]
        [InlineData("arn:aws:ecs:us-east-1:123456789012:task-definition/web:7", true)]
        public void DescribeTaskDefinition_sends_the_name_and_include_TAGS_only_when_asked(string name, bool tags)
        {
            var (fake, client) = Start();
            using (fake)
            {
                fake.Always("DescribeTaskDefinition", WithTags(TaskDefinition("web", 7), tags ? Tags(("team", "web")) : null));

                var definition = client.FindTaskDefinition(name, tags, CancellationToken.None);

                AllValid(fake, "DescribeTaskDefinition", 1);
                var body = fake.Requests[0].Json;
                Assert.Equal(name, body.GetProperty("taskDefinition").GetString());
                if (tags) Assert.Equal("[\"TAGS\"]", body.GetProperty("include").GetRawText());
                else Assert.False(body.TryGetProperty("include", out _));
                Assert.Equal("web:7", definition.FamilyRevision);
                Assert.Equal(tags ? "team=web" : null, definition.Tags == null ? null : string.Join(",", definition.Tags));
            }
        }

        [Theory]
        [InlineData("ClientException", "Unable to describe task definition.")]
        [InlineData("ClientException", "The specified task definition does not exist.")]
        public void DescribeTaskDefinition_of_a_missing_definition_returns_null(string code, string message)
        {
            var (fake, client) = Start();
            using (fake)
            {
                fake.Always("DescribeTaskDefinition", ScriptedResponse.Error(code, message));
                Assert.Null(client.FindTaskDefinition("nosuch:1", false, CancellationToken.None));
                AllValid(fake, "DescribeTaskDefinition", 1);
            }
        }

        [Fact]
        public void DescribeTaskDefinition_does_not_hide_other_client_errors()
        {
            var (fake, client) = Start();
            using (fake)
            {
                fake.Always("DescribeTaskDefinition", ScriptedResponse.Error("AccessDeniedException", "User is not authorized to perform: ecs:DescribeTaskDefinition"));
                var ex = Assert.Throws<AwsServiceException>(() => client.FindTaskDefinition("web", false, CancellationToken.None));
                Assert.Equal("AccessDeniedException", ex.ErrorCode);
            }
        }

        // ---- ListTaskDefinitions / ListTaskDefinitionFamilies ----------------------------------

        [Theory]
        [InlineData("web", "ACTIVE", true)]
        [InlineData("web", "INACTIVE", false)]
        [InlineData(null, "DELETE_IN_PROGRESS", false)]
        public void ListTaskDefinitions_pages_with_valid_requests(string family, string status, bool newestFirst)
        {
            var (fake, client) = Start();
            using (fake)
            {
                fake.Enqueue("ListTaskDefinitions",
                    ListArns("page-2", Arn("web:3"), Arn("web:2")),
                    ListArns("page-3", Arn("web:1")),
                    ListArns(null));

                var pages = client.ListTaskDefinitionArns(family, status, newestFirst, CancellationToken.None).ToList();

                AllValid(fake, "ListTaskDefinitions", 3);
                Assert.Equal(new[] { Arn("web:3"), Arn("web:2"), Arn("web:1") }, pages.SelectMany(p => p));
                var bodies = fake.Requests.Select(r => r.Json).ToList();
                Assert.Equal(new string[] { null, "page-2", "page-3" }, bodies.Select(b => b.TryGetProperty("nextToken", out var t) ? t.GetString() : null));
                foreach (var b in bodies)
                {
                    Assert.Equal(100, b.GetProperty("maxResults").GetInt32());
                    Assert.Equal(status, b.GetProperty("status").GetString());
                    Assert.Equal(newestFirst ? "DESC" : "ASC", b.GetProperty("sort").GetString());
                    Assert.Equal(family, b.TryGetProperty("familyPrefix", out var f) ? f.GetString() : null);
                }
            }
        }

        [Theory]
        [InlineData(null, "ACTIVE")]
        [InlineData("web-", "ALL")]
        [InlineData("web-", "INACTIVE")]
        public void ListTaskDefinitionFamilies_pages_with_valid_requests(string prefix, string status)
        {
            var (fake, client) = Start();
            using (fake)
            {
                fake.Enqueue("ListTaskDefinitionFamilies", ListFamilies("t2", "web-a", "web-b"), ListFamilies(null, "web-c"));

                var families = client.ListTaskDefinitionFamilies(prefix, status, CancellationToken.None).SelectMany(p => p).ToList();

                AllValid(fake, "ListTaskDefinitionFamilies", 2);
                Assert.Equal(new[] { "web-a", "web-b", "web-c" }, families);
                var second = fake.Requests[1].Json;
                Assert.Equal("t2", second.GetProperty("nextToken").GetString());
                Assert.Equal(status, second.GetProperty("status").GetString());
                Assert.Equal(100, second.GetProperty("maxResults").GetInt32());
                Assert.Equal(prefix, second.TryGetProperty("familyPrefix", out var f) ? f.GetString() : null);
            }
        }

        [Fact]
        public void A_list_stops_after_the_first_page_when_only_the_newest_is_wanted()
        {
            var (fake, client) = Start();
            using (fake)
            {
                fake.Always("ListTaskDefinitions", ListArns("more", Arn("web:9"), Arn("web:8")));
                var newest = client.ListTaskDefinitionArns("web", "ACTIVE", true, CancellationToken.None).SelectMany(p => p).First();

                Assert.Equal(Arn("web:9"), newest);
                AllValid(fake, "ListTaskDefinitions", 1);
            }
        }

        // ---- DeregisterTaskDefinition / DeleteTaskDefinitions --------------------------------

        [Fact]
        public void DeregisterTaskDefinition_sends_a_valid_body_and_returns_the_INACTIVE_revision()
        {
            var (fake, client) = Start();
            using (fake)
            {
                fake.Always("DeregisterTaskDefinition", WithTags(TaskDefinition("web", 3, "INACTIVE"), null));
                var definition = client.DeregisterTaskDefinition(new DeregisterTaskDefinitionRequest { TaskDefinition = "web:3" }, CancellationToken.None).TaskDefinition;

                AllValid(fake, "DeregisterTaskDefinition", 1);
                Assert.Equal("""{"taskDefinition":"web:3"}""", fake.Requests[0].Body);
                Assert.Equal("INACTIVE", definition.Status);
            }
        }

        [Fact]
        public void DeleteTaskDefinitions_sends_at_most_10_per_request_and_ties_failures_to_the_names_asked()
        {
            var names = Enumerable.Range(1, 23).Select(i => i % 2 == 0 ? $"web:{i}" : Arn($"web:{i}")).ToList();
            var (fake, client) = Start();
            using (fake)
            {
                fake.On("DeleteTaskDefinitions", request =>
                {
                    var deleted = new JsonArray();
                    var failures = new JsonArray();
                    foreach (var asked in request.Json.GetProperty("taskDefinitions").EnumerateArray().Select(e => e.GetString()))
                    {
                        var revision = int.Parse(asked.Substring(asked.LastIndexOf(':') + 1));
                        if (revision == 5)
                            failures.Add(new JsonObject { ["arn"] = Arn("web:5"), ["reason"] = "The specified task definition is still in ACTIVE status. Please deregister the target and try again." });
                        else if (revision != 17) // 17: neither deleted nor reported, as some implementations answer
                            deleted.Add(TaskDefinition("web", revision, "DELETE_IN_PROGRESS"));
                    }
                    return ScriptedResponse.Json(new JsonObject { ["taskDefinitions"] = deleted, ["failures"] = failures });
                });

                var results = client.DeleteTaskDefinitions(names, CancellationToken.None).ToList();

                AllValid(fake, "DeleteTaskDefinitions", 3);
                var batches = fake.Requests.Select(r => r.Json.GetProperty("taskDefinitions").EnumerateArray().Select(e => e.GetString()).ToList()).ToList();
                Assert.Equal(new[] { 10, 10, 3 }, batches.Select(b => b.Count));
                Assert.Equal(names, batches.SelectMany(b => b));

                Assert.Equal(21, results.SelectMany(r => r.Items).Count());
                Assert.All(results.SelectMany(r => r.Items), d => Assert.Equal("DELETE_IN_PROGRESS", d.Status));
                var failures = results.SelectMany(r => r.Failures).ToList();
                Assert.Equal(2, failures.Count);
                var active = Assert.Single(failures, f => !f.IsMissing);
                Assert.Equal(Arn("web:5"), active.Requested);
                Assert.Contains("ACTIVE", active.Reason);
                var missing = Assert.Single(failures, f => f.IsMissing);
                Assert.Equal(Arn("web:17"), missing.Requested);
            }
        }

        [Fact]
        public void DeleteTaskDefinitions_sends_nothing_for_nothing()
        {
            var (fake, client) = Start();
            using (fake)
            {
                Assert.Empty(client.DeleteTaskDefinitions(Array.Empty<string>(), CancellationToken.None).ToList());
                Assert.Empty(fake.Requests);
            }
        }

        // ---- the model knows these operations as the Engine calls them ---------------------------

        [Theory]
        [InlineData("RegisterTaskDefinition", typeof(RegisterTaskDefinitionRequest), typeof(RegisterTaskDefinitionResponse))]
        [InlineData("DescribeTaskDefinition", typeof(DescribeTaskDefinitionRequest), typeof(DescribeTaskDefinitionResponse))]
        [InlineData("ListTaskDefinitions", typeof(ListTaskDefinitionsRequest), typeof(ListTaskDefinitionsResponse))]
        [InlineData("ListTaskDefinitionFamilies", typeof(ListTaskDefinitionFamiliesRequest), typeof(ListTaskDefinitionFamiliesResponse))]
        [InlineData("DeregisterTaskDefinition", typeof(DeregisterTaskDefinitionRequest), typeof(DeregisterTaskDefinitionResponse))]
        [InlineData("DeleteTaskDefinitions", typeof(DeleteTaskDefinitionsRequest), typeof(DeleteTaskDefinitionsResponse))]
        public void The_request_and_response_types_match_the_model_shapes(string operation, Type request, Type response)
        {
            ModelAssert.Fail(Model.CompareWithType(Model.InputShapeOf(operation), request, EngineJson.Options), operation + " input");
            ModelAssert.Fail(Model.CompareWithType(Model.OutputShapeOf(operation), response, EngineJson.Options), operation + " output");
        }
    }
}
