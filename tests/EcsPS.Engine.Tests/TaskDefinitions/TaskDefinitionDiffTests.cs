using System.Linq;
using EcsPS.Engine.Ecs.Model;
using EcsPS.Engine.Ecs.TaskDefinitions;
using Xunit;
using static EcsPS.Engine.Tests.TaskDefinitions.TaskDefinitionFixtures;

namespace EcsPS.Engine.Tests.TaskDefinitions
{
    /// <summary>
    /// TaskDefinitionDiff: items matched by name, not position; what ECS adds on register and what
    /// it fills in by default is no change; paths name the item and the member.
    /// </summary>
    public sealed class TaskDefinitionDiffTests
    {
        private const string Base = """
            {
              "family": "shop-web",
              "networkMode": "awsvpc",
              "cpu": "256", "memory": "512",
              "containerDefinitions": [
                {
                  "name": "web", "image": "repo/web:1.0",
                  "portMappings": [ { "name": "http", "containerPort": 8080 }, { "containerPort": 9090 } ],
                  "environment": [ { "name": "LOG_LEVEL", "value": "info" }, { "name": "REGION", "value": "eu-west-1" } ],
                  "secrets": [ { "name": "DB_PASSWORD", "valueFrom": "arn:aws:ssm:eu-west-1:123456789012:parameter/db" } ],
                  "mountPoints": [ { "sourceVolume": "data", "containerPath": "/data" } ],
                  "logConfiguration": { "logDriver": "awslogs", "options": { "awslogs-group": "/ecs/web" } }
                },
                { "name": "sidecar", "image": "repo/sidecar:3", "essential": false }
              ],
              "volumes": [ { "name": "data" }, { "name": "cache" } ],
              "tags": [ { "key": "team", "value": "shop" } ]
            }
            """;

        private static RegisterTaskDefinitionRequest Read(string json) => TaskDefinitionDocument.Parse(json, "test");

        private static TaskDefinitionChange[] Diff(string reference, string difference)
            => TaskDefinitionDiff.Compare(Read(reference), Read(difference)).ToArray();

        [Fact]
        public void The_same_definition_has_no_changes()
            => Assert.Empty(Diff(Base, Base));

        [Fact]
        public void Reordered_containers_variables_ports_volumes_and_tags_are_no_change()
        {
            var reordered = """
                {
                  "family": "shop-web", "networkMode": "awsvpc", "memory": "512", "cpu": "256",
                  "tags": [ { "key": "team", "value": "shop" } ],
                  "volumes": [ { "name": "cache" }, { "name": "data" } ],
                  "containerDefinitions": [
                    { "name": "sidecar", "image": "repo/sidecar:3", "essential": false },
                    {
                      "image": "repo/web:1.0", "name": "web",
                      "logConfiguration": { "options": { "awslogs-group": "/ecs/web" }, "logDriver": "awslogs" },
                      "mountPoints": [ { "containerPath": "/data", "sourceVolume": "data" } ],
                      "secrets": [ { "valueFrom": "arn:aws:ssm:eu-west-1:123456789012:parameter/db", "name": "DB_PASSWORD" } ],
                      "environment": [ { "name": "REGION", "value": "eu-west-1" }, { "name": "LOG_LEVEL", "value": "info" } ],
                      "portMappings": [ { "containerPort": 9090 }, { "containerPort": 8080, "name": "http" } ]
                    }
                  ]
                }
                """;
            Assert.Empty(Diff(Base, reordered));
        }

        [Fact]
        public void A_changed_variable_is_named_by_container_and_variable_whatever_their_positions()
        {
            var changed = Base.Replace("\"value\": \"info\"", "\"value\": \"debug\"")
                .Replace("""{ "name": "LOG_LEVEL", "value": "debug" }, { "name": "REGION", "value": "eu-west-1" }""",
                         """{ "name": "REGION", "value": "eu-west-1" }, { "name": "LOG_LEVEL", "value": "debug" }""");

            var change = Assert.Single(Diff(Base, changed));

            Assert.Equal("containerDefinitions[web].environment[LOG_LEVEL]", change.Path);
            Assert.Equal(TaskDefinitionChangeKind.Modified, change.Change);
            Assert.Equal("info", change.ReferenceValue);
            Assert.Equal("debug", change.DifferenceValue);
            Assert.Equal("containerDefinitions[web].environment[LOG_LEVEL]: info -> debug", change.ToString());
        }

        [Fact]
        public void Added_and_removed_items_carry_their_value_as_json()
        {
            var changed = Base
                .Replace("""{ "name": "REGION", "value": "eu-west-1" }""", """{ "name": "FEATURE_X", "value": "on" }""")
                .Replace("""{ "name": "sidecar", "image": "repo/sidecar:3", "essential": false }""", """{ "name": "proxy", "image": "envoy:1" }""");

            var changes = Diff(Base, changed).ToDictionary(c => c.Path);

            Assert.Equal(TaskDefinitionChangeKind.Removed, changes["containerDefinitions[web].environment[REGION]"].Change);
            Assert.Equal("eu-west-1", changes["containerDefinitions[web].environment[REGION]"].ReferenceValue);
            Assert.Null(changes["containerDefinitions[web].environment[REGION]"].DifferenceValue);
            Assert.Equal(TaskDefinitionChangeKind.Added, changes["containerDefinitions[web].environment[FEATURE_X]"].Change);
            Assert.Equal("on", changes["containerDefinitions[web].environment[FEATURE_X]"].DifferenceValue);
            Assert.Equal(TaskDefinitionChangeKind.Removed, changes["containerDefinitions[sidecar]"].Change);
            Assert.Equal("""{"name":"sidecar","image":"repo/sidecar:3","essential":false}""", changes["containerDefinitions[sidecar]"].ReferenceValue);
            Assert.Equal("""{"name":"proxy","image":"envoy:1","essential":true}""", changes["containerDefinitions[proxy]"].DifferenceValue);
            Assert.Equal(4, changes.Count);
        }

        [Fact]
        public void Nested_members_get_dotted_paths_and_odd_keys_brackets()
        {
            var changed = Base.Replace("/ecs/web", "/ecs/web-2").Replace("repo/web:1.0", "repo/web:1.1")
                .Replace("\"containerPort\": 9090 }", "\"containerPort\": 9090, \"appProtocol\": \"grpc\" }")
                .Replace("\"memory\": \"512\"", "\"memory\": \"1024\"");

            var paths = Diff(Base, changed).Select(c => c.Path + "=" + c.DifferenceValue).ToArray();

            // In the service model's member order, whatever the file's order.
            Assert.Equal(new[]
            {
                "containerDefinitions[web].image=repo/web:1.1",
                "containerDefinitions[web].portMappings[9090/tcp].appProtocol=grpc",
                "containerDefinitions[web].logConfiguration.options[awslogs-group]=/ecs/web-2",
                "memory=1024",
            }, paths);
        }

        [Fact]
        public void What_ecs_adds_on_register_and_fills_in_by_default_is_no_change()
        {
            // The describe-task-definition form of Base, as ECS answers after registering it.
            var described = """
                {
                  "taskDefinition": {
                    "taskDefinitionArn": "arn:aws:ecs:eu-west-1:123456789012:task-definition/shop-web:7",
                    "family": "shop-web", "revision": 7, "status": "ACTIVE", "networkMode": "awsvpc",
                    "cpu": "256", "memory": "512",
                    "requiresAttributes": [ { "name": "com.amazonaws.ecs.capability.logging-driver.awslogs" } ],
                    "compatibilities": [ "EC2", "FARGATE" ],
                    "registeredAt": 1733300000.0, "registeredBy": "arn:aws:iam::123456789012:user/admin",
                    "placementConstraints": [],
                    "containerDefinitions": [
                      {
                        "name": "web", "image": "repo/web:1.0", "cpu": 0, "essential": true,
                        "portMappings": [ { "name": "http", "containerPort": 8080, "hostPort": 8080, "protocol": "tcp" },
                                          { "containerPort": 9090, "hostPort": 9090, "protocol": "tcp" } ],
                        "environment": [ { "name": "LOG_LEVEL", "value": "info" }, { "name": "REGION", "value": "eu-west-1" } ],
                        "secrets": [ { "name": "DB_PASSWORD", "valueFrom": "arn:aws:ssm:eu-west-1:123456789012:parameter/db" } ],
                        "mountPoints": [ { "sourceVolume": "data", "containerPath": "/data", "readOnly": false } ],
                        "volumesFrom": [], "systemControls": [],
                        "logConfiguration": { "logDriver": "awslogs", "options": { "awslogs-group": "/ecs/web" }, "secretOptions": [] }
                      },
                      { "name": "sidecar", "image": "repo/sidecar:3", "cpu": 0, "essential": false, "environment": [], "mountPoints": [] }
                    ],
                    "volumes": [ { "name": "data", "host": {} }, { "name": "cache" } ]
                  },
                  "tags": [ { "key": "team", "value": "shop" } ]
                }
                """;
            Assert.Empty(Diff(Base, described));
        }

        [Fact]
        public void An_essential_flag_left_out_reads_as_on_which_is_what_ecs_makes_it()
        {
            var changed = Base.Replace(", \"essential\": false", "");

            var change = Assert.Single(Diff(Base, changed));
            Assert.Equal("containerDefinitions[sidecar].essential", change.Path);
            Assert.Equal(TaskDefinitionChangeKind.Modified, change.Change);
            Assert.Equal("false", change.ReferenceValue);
            Assert.Equal("true", change.DifferenceValue);
        }

        [Fact]
        public void Ordered_lists_of_values_compare_as_one_value_and_sets_ignore_order()
        {
            var reference = Base.Replace("\"image\": \"repo/web:1.0\",", "\"image\": \"repo/web:1.0\", \"command\": [\"serve\", \"--port\", \"8080\"],")
                .Replace("\"networkMode\": \"awsvpc\",", "\"networkMode\": \"awsvpc\", \"requiresCompatibilities\": [\"FARGATE\", \"EC2\"],");
            var difference = Base.Replace("\"image\": \"repo/web:1.0\",", "\"image\": \"repo/web:1.0\", \"command\": [\"--port\", \"8080\", \"serve\"],")
                .Replace("\"networkMode\": \"awsvpc\",", "\"networkMode\": \"awsvpc\", \"requiresCompatibilities\": [\"EC2\", \"FARGATE\"],");

            var change = Assert.Single(Diff(reference, difference));
            Assert.Equal("containerDefinitions[web].command", change.Path);
            Assert.Equal("""["serve","--port","8080"]""", change.ReferenceValue);
            Assert.Equal("""["--port","8080","serve"]""", change.DifferenceValue);
        }

        [Fact]
        public void Items_without_a_key_compare_by_position()
        {
            var reference = Base.Replace("\"volumes\":", "\"placementConstraints\": [ { \"type\": \"memberOf\", \"expression\": \"attribute:a == 1\" } ], \"volumes\":");
            var difference = Base.Replace("\"volumes\":", "\"placementConstraints\": [ { \"type\": \"memberOf\", \"expression\": \"attribute:a == 2\" } ], \"volumes\":");

            var change = Assert.Single(Diff(reference, difference));
            Assert.Equal("placementConstraints[0].expression", change.Path);
        }

        [Fact]
        public void A_tag_and_a_secret_change_under_their_keys()
        {
            var changed = Base.Replace("\"value\": \"shop\"", "\"value\": \"payments\"").Replace("parameter/db", "parameter/db-v2");

            var changes = Diff(Base, changed).Select(c => c.ToString()).ToArray();

            Assert.Equal(new[]
            {
                "containerDefinitions[web].secrets[DB_PASSWORD]: arn:aws:ssm:eu-west-1:123456789012:parameter/db -> arn:aws:ssm:eu-west-1:123456789012:parameter/db-v2",
                "tags[team]: shop -> payments",
            }, changes);
        }

        [Fact]
        public void A_registered_revision_with_a_new_image_differs_in_the_image_alone()
        {
            var current = Read(DescribeOutput);
            var next = Read(DescribeOutput);
            var container = next.ContainerDefinitions.First();
            TaskDefinitionDocument.ApplyImages(next, new[] { new System.Collections.Generic.KeyValuePair<string, string>(container.Name, "nginx:9.9") }, "test");

            var change = Assert.Single(TaskDefinitionDiff.Compare(current, next));
            Assert.Equal($"containerDefinitions[{container.Name}].image", change.Path);
            Assert.Equal("nginx:9.9", change.DifferenceValue);
        }
    }
}
