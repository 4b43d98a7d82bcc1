using System.Collections.Generic;
using System.Text;
using System.Text.Json.Nodes;
using EcsPS.Engine.Ecs.Model;
using EcsPS.Engine.Ecs.TaskDefinitions;
using EcsPS.Engine.Protocols.Json;
using Xunit;

namespace EcsPS.Engine.Tests.TaskDefinitions
{
    /// <summary>
    /// The test that settles a registration whose answer was lost: the revision holds everything
    /// sent, as sent; what ECS adds (defaults, read-only members) does not count against it, and
    /// anything that differs does.
    /// </summary>
    public sealed class RegistrationMatchTests
    {
        private const string Sent = """
            {
              "family": "web",
              "networkMode": "awsvpc",
              "cpu": "256", "memory": "512",
              "containerDefinitions": [
                { "name": "web", "image": "nginx:1.27", "command": [ "nginx", "-g", "daemon off;" ],
                  "portMappings": [ { "containerPort": 80 } ],
                  "environment": [ { "name": "A", "value": "1" }, { "name": "B", "value": "2" } ],
                  "privileged": false, "mountPoints": [] }
              ],
              "tags": [ { "key": "team", "value": "shop" } ]
            }
            """;

        // As ECS describes it: defaults added, environment in another order, read-only members.
        private const string Described = """
            {
              "taskDefinitionArn": "arn:aws:ecs:us-east-1:123456789012:task-definition/web:7",
              "family": "web", "revision": 7, "status": "ACTIVE",
              "networkMode": "awsvpc",
              "cpu": "256", "memory": "512",
              "containerDefinitions": [
                { "name": "web", "image": "nginx:1.27", "cpu": 0, "essential": true, "command": [ "nginx", "-g", "daemon off;" ],
                  "portMappings": [ { "containerPort": 80, "hostPort": 80, "protocol": "tcp" } ],
                  "environment": [ { "name": "B", "value": "2" }, { "name": "A", "value": "1" } ],
                  "volumesFrom": [], "systemControls": [] }
              ],
              "volumes": [], "placementConstraints": [], "requiresAttributes": [], "compatibilities": [ "EC2", "FARGATE" ],
              "registeredAt": 1740830400.5, "registeredBy": "arn:aws:iam::123456789012:user/someone"
            }
            """;

        private static RegisterTaskDefinitionRequest Request(string json) => EngineJson.Deserialize<RegisterTaskDefinitionRequest>(Encoding.UTF8.GetBytes(json));

        private static TaskDefinition Revision(string json) => EngineJson.Deserialize<TaskDefinition>(Encoding.UTF8.GetBytes(json));

        private static readonly List<Tag> Tags = new List<Tag> { new Tag("team", "shop") };

        private static string Edit(string json, System.Action<JsonObject> edit)
        {
            var node = JsonNode.Parse(json).AsObject();
            edit(node);
            return node.ToJsonString();
        }

        [Fact]
        public void The_revision_ECS_made_of_the_request_matches_it()
        {
            Assert.True(RegistrationMatch.Matches(Request(Sent), Revision(Described), Tags, out var difference), difference);
        }

        [Theory]
        [InlineData("image", "containerDefinitions[0].image: sent \"nginx:1.27\", the revision has \"nginx:1.28\"")]
        [InlineData("command order", "containerDefinitions[0].command[1]: sent \"-g\", the revision has \"daemon off;\"")]
        [InlineData("extra container", "containerDefinitions: sent 1 item(s), the revision has 2")]
        [InlineData("memory", "memory: sent \"512\", the revision has \"1024\"")]
        [InlineData("missing member", "networkMode: sent \"awsvpc\", the revision has nothing")]
        [InlineData("privileged", "containerDefinitions[0].privileged: sent false, the revision has true")]
        public void A_revision_that_differs_in_anything_sent_does_not_match_and_says_where(string change, string expected)
        {
            var described = Edit(Described, d =>
            {
                var container = d["containerDefinitions"][0].AsObject();
                switch (change)
                {
                    case "image": container["image"] = "nginx:1.28"; break;
                    case "command order": container["command"] = new JsonArray("nginx", "daemon off;", "-g"); break;
                    case "extra container": d["containerDefinitions"].AsArray().Add(new JsonObject { ["name"] = "sidecar", ["image"] = "envoy" }); break;
                    case "memory": d["memory"] = "1024"; break;
                    case "missing member": d.Remove("networkMode"); break;
                    case "privileged": container["privileged"] = true; break;
                }
            });

            Assert.False(RegistrationMatch.Matches(Request(Sent), Revision(described), Tags, out var difference));
            Assert.Equal(expected, difference);
        }

        [Fact]
        public void Tags_sent_must_be_on_the_revision()
        {
            Assert.False(RegistrationMatch.Matches(Request(Sent), Revision(Described), new List<Tag> { new Tag("team", "ops") }, out var difference));
            Assert.Equal("tag 'team': sent 'shop', the revision has 'ops'", difference);
            Assert.False(RegistrationMatch.Matches(Request(Sent), Revision(Described), null, out difference));
            Assert.Equal("tag 'team': sent 'shop', the revision has no such tag", difference);
        }

        [Fact]
        public void The_full_register_document_matches_the_revision_registered_from_it()
        {
            var request = Request(TaskDefinitionFixtures.FullRegisterInput);
            var described = Edit(TaskDefinitionFixtures.FullRegisterInput, d =>
            {
                d.Remove("tags");
                d["revision"] = 1;
                d["status"] = "ACTIVE";
                d["taskDefinitionArn"] = TaskDefinitionFixtures.Arn("shop-web:1");
            });
            Assert.True(RegistrationMatch.Matches(request, Revision(described), request.Tags, out var difference), difference);
        }
    }
}
