using System;
using System.Collections.Generic;
using System.Linq;
using System.Text.Json;
using System.Text.Json.Nodes;
using EcsPS.Engine.Protocols.Json;
using EcsPS.Engine.Ecs.Model;
using EcsPS.Engine.Ecs.TaskDefinitions;
using EcsPS.Engine.Runtime;
using EcsPS.Engine.Tests.Support;
using Xunit;
using static EcsPS.Engine.Tests.TaskDefinitions.TaskDefinitionFixtures;

namespace EcsPS.Engine.Tests.TaskDefinitions
{
    /// <summary>
    /// TaskDefinitionDocument: both JSON forms admins keep (the --cli-input-json input and the
    /// describe-task-definition output), what is dropped and kept, the messages for bad files, and
    /// the JSON it writes.
    /// </summary>
    public sealed class TaskDefinitionDocumentTests
    {
        private static string Wire(RegisterTaskDefinitionRequest request) => JsonSerializer.Serialize(request, EngineJson.Options);

        private static TaskDefinitionException Refused(string json, string source = "td.json")
            => Assert.Throws<TaskDefinitionException>(() => TaskDefinitionDocument.Parse(json, source));

        // ---- the register-task-definition form ------------------------------------------------

        [Fact]
        public void The_register_form_with_every_member_reads_without_losing_one()
        {
            var request = TaskDefinitionDocument.Parse(FullRegisterInput, "full.json");

            Assert.Equal(Canonical(FullRegisterInput), Canonical(Wire(request)));
            ModelAssert.CoversShape(ServiceModel.Ecs, "RegisterTaskDefinitionRequest", Element(Wire(request)));
        }

        [Fact]
        public void The_pester_fixtures_read_to_exactly_their_own_content()
        {
            foreach (var name in new[] { "fargate-web.json", "ec2-bridge.json" })
            {
                var text = PesterFixture(name);
                var request = TaskDefinitionDocument.Parse(text, name);
                Assert.Equal(Canonical(text), Canonical(Wire(request)));
                Assert.Empty(TaskDefinitionValidator.Validate(request));
            }
        }

        // ---- the describe-task-definition form ------------------------------------------------

        [Fact]
        public void The_describe_output_reads_as_the_registration_it_came_from()
        {
            var request = TaskDefinitionDocument.Parse(DescribeOutput, "describe.json");
            var json = JsonNode.Parse(Wire(request))!.AsObject();

            foreach (var readOnly in TaskDefinitionDocument.ReadOnlyMembers)
                Assert.False(json.ContainsKey(readOnly), readOnly + " must be dropped");
            Assert.Equal("web", request.Family);
            Assert.Equal("256", request.Cpu);
            Assert.Equal(new[] { "FARGATE" }, request.RequiresCompatibilities);
            Assert.Equal("team=web", Assert.Single(request.Tags).ToString());
            Assert.Equal(80, request.ContainerDefinitions[0].PortMappings[0].HostPort);
            Assert.Empty(TaskDefinitionValidator.Validate(request));
        }

        [Fact]
        public void The_describe_output_and_the_bare_definition_inside_it_read_the_same()
        {
            var wrapped = TaskDefinitionDocument.Parse(DescribeOutput, "describe.json");
            var inner = JsonNode.Parse(DescribeOutput)!["taskDefinition"]!.DeepClone().AsObject();
            inner["tags"] = JsonNode.Parse("""[ { "key": "team", "value": "web" } ]""");
            var bare = TaskDefinitionDocument.Parse(inner.ToJsonString(), "bare.json");

            Assert.Equal(TaskDefinitionDocument.ToJson(wrapped), TaskDefinitionDocument.ToJson(bare));
        }

        public static IEnumerable<object[]> ReadOnlyMemberValues()
        {
            yield return new object[] { "taskDefinitionArn", "\"arn:aws:ecs:us-east-1:123456789012:task-definition/web:3\"" };
            yield return new object[] { "revision", "3" };
            yield return new object[] { "status", "\"INACTIVE\"" };
            yield return new object[] { "requiresAttributes", "[ { \"name\": \"ecs.capability.execution-role-awslogs\" } ]" };
            yield return new object[] { "compatibilities", "[ \"EC2\", \"FARGATE\" ]" };
            yield return new object[] { "registeredAt", "\"2025-03-14T09:26:53.589000+00:00\"" };
            yield return new object[] { "registeredBy", "\"arn:aws:iam::123456789012:user/jane\"" };
            yield return new object[] { "deregisteredAt", "1741944413.589" };
            yield return new object[] { "deleteRequestedAt", "1741944413.589" };
            yield return new object[] { "RegisteredAt", "\"2025-03-14T09:26:53Z\"" };
        }

        [Theory]
        [MemberData(nameof(ReadOnlyMemberValues))]
        public void A_read_only_member_is_dropped_in_either_form(string member, string value)
        {
            var bare = JsonNode.Parse(SmallFargate)!.AsObject();
            bare[member] = JsonNode.Parse(value);
            var fromBare = TaskDefinitionDocument.Parse(bare.ToJsonString(), "bare.json");
            var fromWrapper = TaskDefinitionDocument.Parse(new JsonObject { ["taskDefinition"] = bare.DeepClone() }.ToJsonString(), "wrapped.json");

            var expected = TaskDefinitionDocument.ToJson(TaskDefinitionDocument.Parse(SmallFargate, "small.json"));
            Assert.Equal(expected, TaskDefinitionDocument.ToJson(fromBare));
            Assert.Equal(expected, TaskDefinitionDocument.ToJson(fromWrapper));
        }

        [Fact]
        public void Boto3_response_metadata_beside_the_definition_is_ignored()
        {
            var doc = JsonNode.Parse(DescribeOutput)!.AsObject();
            doc["ResponseMetadata"] = JsonNode.Parse("""{ "RequestId": "8f1c", "HTTPStatusCode": 200 }""");

            var request = TaskDefinitionDocument.Parse(doc.ToJsonString(), "boto3.json");
            Assert.Equal("web", request.Family);
        }

        [Fact]
        public void Another_member_beside_taskDefinition_is_refused_by_name()
        {
            var doc = JsonNode.Parse(DescribeOutput)!.AsObject();
            doc["failures"] = new JsonArray();

            var ex = Refused(doc.ToJsonString());
            Assert.Equal("UnknownTaskDefinitionMember", ex.ErrorId);
            Assert.Equal("failures: 'failures' is not expected beside taskDefinition and tags.", Assert.Single(ex.Problems));
        }

        // ---- tags -------------------------------------------------------------------------------

        public static IEnumerable<object[]> TagCases()
        {
            // The tags beside the definition count when the definition has none of its own.
            yield return new object[] { "{ \"taskDefinition\": %TD%, \"tags\": [ { \"key\": \"a\", \"value\": \"outer\" } ] }", "a=outer" };
            // A definition that carries tags itself (hand-edited describe output) keeps its own.
            yield return new object[] { "{ \"taskDefinition\": %TD_TAGGED%, \"tags\": [ { \"key\": \"a\", \"value\": \"outer\" } ] }", "b=inner" };
            // The register form's own tags.
            yield return new object[] { "%TD_TAGGED%", "b=inner" };
            // An empty list is an empty list.
            yield return new object[] { "{ \"taskDefinition\": %TD%, \"tags\": [] }", "" };
            // Member names in any case, as PowerShell users write them.
            yield return new object[] { "{ \"TaskDefinition\": %TD%, \"Tags\": [ { \"Key\": \"c\", \"Value\": \"pascal\" } ] }", "c=pascal" };
        }

        [Theory]
        [MemberData(nameof(TagCases))]
        public void Tags_come_from_the_definition_first_then_from_beside_it(string template, string expected)
        {
            var tagged = JsonNode.Parse(SmallFargate)!.AsObject();
            tagged["tags"] = JsonNode.Parse("""[ { "key": "b", "value": "inner" } ]""");
            var json = template.Replace("%TD_TAGGED%", tagged.ToJsonString()).Replace("%TD%", SmallFargate);

            var request = TaskDefinitionDocument.Parse(json, "tags.json");

            Assert.NotNull(request.Tags);
            Assert.Equal(expected, string.Join(",", request.Tags.Select(t => t.ToString())));
        }

        [Fact]
        public void No_tags_anywhere_sends_no_tags_member()
        {
            var request = TaskDefinitionDocument.Parse(SmallFargate, "small.json");
            Assert.Null(request.Tags);
            Assert.DoesNotContain("\"tags\"", Wire(request));
        }

        // ---- forgiving where intent is plain ----------------------------------------------------

        [Fact]
        public void Member_names_and_enum_values_are_read_in_any_case()
        {
            const string json = """
                {
                  "FAMILY": "web",
                  "NetworkMode": "AWSVPC",
                  "RequiresCompatibilities": [ "fargate" ],
                  "CPU": "256", "Memory": "512",
                  "ContainerDefinitions": [
                    { "Name": "web", "IMAGE": "nginx",
                      "PortMappings": [ { "ContainerPort": 80, "Protocol": "TCP", "AppProtocol": "HTTP" } ],
                      "LogConfiguration": { "LogDriver": "AwsLogs", "Options": { "awslogs-group": "/ecs/web" } },
                      "DependsOn": [ { "ContainerName": "web", "Condition": "healthy" } ] }
                  ]
                }
                """;
            var wire = JsonNode.Parse(Wire(TaskDefinitionDocument.Parse(json, "case.json")))!;

            Assert.Equal("web", (string)wire["family"]!);
            Assert.Equal("awsvpc", (string)wire["networkMode"]!);
            Assert.Equal("FARGATE", (string)wire["requiresCompatibilities"]![0]!);
            var container = wire["containerDefinitions"]![0]!;
            Assert.Equal("tcp", (string)container["portMappings"]![0]!["protocol"]!);
            Assert.Equal("http", (string)container["portMappings"]![0]!["appProtocol"]!);
            Assert.Equal("awslogs", (string)container["logConfiguration"]!["logDriver"]!);
            Assert.Equal("HEALTHY", (string)container["dependsOn"]![0]!["condition"]!);
            // Map keys are data, not member names: kept exactly as written.
            Assert.Equal("/ecs/web", (string)container["logConfiguration"]!["options"]!["awslogs-group"]!);
        }

        public static IEnumerable<object[]> Coercions()
        {
            yield return new object[] { "\"cpu\": 256, \"memory\": 512", "cpu", "\"256\"" };
            yield return new object[] { "\"cpu\": 256, \"memory\": 512", "memory", "\"512\"" };
            yield return new object[] { "\"cpu\": \"0.25 vCPU\", \"memory\": \"0.5 GB\"", "cpu", "\"0.25 vCPU\"" };
            yield return new object[] { "\"cpu\": \"256\", \"memory\": \"512\", \"ephemeralStorage\": { \"sizeInGiB\": \"30\" }", "ephemeralStorage", "{\"sizeInGiB\":30}" };
            yield return new object[] { "\"cpu\": \"256\", \"memory\": \"512\", \"enableFaultInjection\": \"true\"", "enableFaultInjection", "true" };
            yield return new object[] { "\"cpu\": \"256\", \"memory\": \"512\", \"requiresCompatibilities\": \"FARGATE\"", "requiresCompatibilities", "[\"FARGATE\"]" };
            yield return new object[] { "\"cpu\": \"256\", \"memory\": \"512\", \"taskRoleArn\": null", "taskRoleArn", null };
        }

        [Theory]
        [MemberData(nameof(Coercions))]
        public void Numbers_become_text_text_becomes_numbers_and_one_value_becomes_a_list(string members, string member, string expected)
        {
            var json = "{ \"family\": \"web\", \"networkMode\": \"awsvpc\", " + members +
                       ", \"containerDefinitions\": [ { \"name\": \"web\", \"image\": \"nginx\" } ] }";
            var wire = JsonNode.Parse(Wire(TaskDefinitionDocument.Parse(json, "coerce.json")))!.AsObject();

            if (expected == null) Assert.False(wire.ContainsKey(member));
            else Assert.Equal(expected, wire[member]!.ToJsonString());
        }

        [Fact]
        public void Container_numbers_written_as_text_and_option_values_written_as_numbers_are_read_as_meant()
        {
            const string json = """
                { "family": "api", "containerDefinitions": [ {
                    "name": "api", "image": "api:1", "memory": "512", "essential": "false",
                    "portMappings": [ { "containerPort": "8080", "hostPort": 0 } ],
                    "logConfiguration": { "logDriver": "json-file", "options": { "max-file": 3, "compress": true } } },
                  { "name": "proxy", "image": "envoy", "memory": 128 } ] }
                """;
            var container = TaskDefinitionDocument.Parse(json, "types.json").ContainerDefinitions[0];

            Assert.Equal(512, container.Memory);
            Assert.False(container.Essential);
            Assert.Equal(8080, container.PortMappings[0].ContainerPort);
            Assert.Equal("3", container.LogConfiguration.Options["max-file"]);
            Assert.Equal("true", container.LogConfiguration.Options["compress"]);
        }

        // ---- refusals ---------------------------------------------------------------------------

        public static IEnumerable<object[]> Malformed()
        {
            // json, where the error is: the first occurrence of 'at' moved 'offset' characters ('at' null: the end)
            yield return new object[] { "{\n  \"family\": \"web\",\n  \"containerDefinitions\": [ { \"name\": \"web\", }, ]\n}", ", }", 2 };
            yield return new object[] { "{\n  'family': 'web'\n}", "'family'", 0 };
            yield return new object[] { "{\n  \"family\": \"web\",\n  \"containerDefinitions\": [\n    { \"name\": \"web\"", null, 0 };
            yield return new object[] { "{\n  \"family\" \"web\"\n}", "\"web\"", 0 };
            yield return new object[] { "{\n  family: \"web\"\n}", "family:", 0 };
            yield return new object[] { "{\n  \"family\": \"web\" // the web tier\n}", "//", 0 };
            yield return new object[] { "{ \"family\": \"web\" }\n{ \"family\": \"api\" }", "{ \"family\": \"api\"", 0 };
            yield return new object[] { "{\r\n  \"family\": \"web\",\r\n  \"cpu\": 256,,\r\n}", ",,", 1 };
            // Non-ASCII text before the error: the position counts characters, as editors do.
            yield return new object[] { "{\n  \"family\": \"web\", \"containerDefinitions\": [ { \"name\": \"web\", \"environment\": [ { \"name\": \"GREETING\", \"value\": \"Grüße, señor\" }, ] } ]\n}", "}, ]", 3 };
            yield return new object[] { "{\n  \"family\": \"天気\", ]\n}", ", ]", 2 };
        }

        [Theory]
        [MemberData(nameof(Malformed))]
        public void Malformed_JSON_is_reported_with_the_line_and_position_of_the_fault(string json, string at, int offset)
        {
            var ex = Refused(json);

            Assert.Equal("InvalidTaskDefinitionJson", ex.ErrorId);
            Assert.IsAssignableFrom<JsonException>(ex.InnerException);
            var index = (at == null ? json.Length : json.IndexOf(at, StringComparison.Ordinal)) + offset;
            var before = json.Substring(0, index);
            var line = before.Count(c => c == '\n') + 1;
            var column = index - (before.LastIndexOf('\n') + 1) + 1;
            Assert.Contains($"it is not valid JSON: line {line}, position {column}: ", ex.Message);
            Assert.StartsWith("The task definition from td.json cannot be registered: it is not valid JSON", ex.Message);
            // The System.Text.Json internals (Path: $..., LineNumber: ...) are not repeated.
            Assert.DoesNotContain("LineNumber:", ex.Message);
            Assert.DoesNotContain("Path: $", ex.Message);
        }

        public static IEnumerable<object[]> Duplicates()
        {
            // json, the message expected (member, path, both places)
            yield return new object[] { "{\n  \"family\": \"web\",\n  \"family\": \"api\",\n  \"containerDefinitions\": []\n}",
                "the member 'family' is given twice in the same object (family): at line 2, position 3 and at line 3, position 3." };
            yield return new object[] { "{ \"family\": \"web\", \"containerDefinitions\": [ { \"name\": \"a\", \"image\": \"b\" },\n  { \"name\": \"c\", \"image\": \"d\", \"name\": \"e\" } ] }",
                "the member 'name' is given twice in the same object (containerDefinitions[1].name): at line 2, position 5 and at line 2, position 32." };
            yield return new object[] { "{ \"family\": \"web\", \"containerDefinitions\": [ { \"name\": \"a\", \"image\": \"b\", \"environment\": [ { \"name\": \"X\", \"value\": \"1\" }, { \"name\": \"Y\", \"value\": \"2\", \"value\": \"3\" } ] } ] }",
                "(containerDefinitions[0].environment[1].value)" };
            // Non-ASCII text before it: positions count characters, as editors do.
            yield return new object[] { "{ \"family\": \"天気\", \"family\": \"x\" }", "at line 1, position 3 and at line 1, position 19." };
        }

        [Theory]
        [MemberData(nameof(Duplicates))]
        public void A_member_given_twice_is_named_with_its_path_and_both_places(string json, string expected)
        {
            var ex = Refused(json);
            Assert.Equal("InvalidTaskDefinitionJson", ex.ErrorId);
            Assert.Contains(expected, ex.Message);
            Assert.Contains("A JSON object names each member once; keep one of them.", ex.Message);
            Assert.StartsWith("The task definition from td.json cannot be registered: the member '", ex.Message);
            Assert.DoesNotContain("An item with the same key", ex.Message);
        }

        [Fact]
        public void The_same_name_in_different_objects_is_not_a_duplicate()
        {
            var request = TaskDefinitionDocument.Parse("{ \"family\": \"web\", \"containerDefinitions\": [ { \"name\": \"a\", \"image\": \"b\", \"memory\": 64 }, { \"name\": \"c\", \"image\": \"d\", \"memory\": 64 } ] }", "td.json");
            Assert.Equal(new[] { "a", "c" }, request.ContainerDefinitions.Select(c => c.Name));
        }

        [Fact]
        public void A_syntax_error_before_a_duplicate_is_reported_as_the_syntax_error()
        {
            var ex = Refused("{ \"family\": \"web\",, \"family\": \"api\" }");
            Assert.Contains("it is not valid JSON: line 1, position 19", ex.Message);
        }

        [Theory]
        [InlineData("")]
        [InlineData("   ")]
        [InlineData("null")]
        [InlineData("\"web\"")]
        [InlineData("[]")]
        [InlineData("42")]
        public void Something_other_than_an_object_is_refused(string json)
        {
            var ex = Refused(json);
            Assert.Equal("InvalidTaskDefinitionJson", ex.ErrorId);
            Assert.True(ex.Message.Contains("not valid JSON", StringComparison.Ordinal) || ex.Message.Contains("expected a JSON object", StringComparison.Ordinal), ex.Message);
        }

        public static IEnumerable<object[]> UnknownMembers()
        {
            yield return new object[] { "\"famly\": \"web\", \"containerDefinitions\": []", "famly: 'famly' is not a member of RegisterTaskDefinitionRequest. Did you mean 'family'?" };
            yield return new object[] { "\"family\": \"web\", \"containerDefinition\": []", "containerDefinition: 'containerDefinition' is not a member of RegisterTaskDefinitionRequest. Did you mean 'containerDefinitions'?" };
            yield return new object[] { "\"family\": \"web\", \"containerDefinitions\": [ { \"name\": \"a\", \"image\": \"b\", \"enviroment\": [] } ]", "containerDefinitions[0].enviroment: 'enviroment' is not a member of ContainerDefinition. Did you mean 'environment'?" };
            yield return new object[] { "\"family\": \"web\", \"containerDefinitions\": [ { \"name\": \"a\", \"image\": \"b\" }, { \"name\": \"c\", \"image\": \"d\", \"portMappings\": [ { \"containerPort\": 80, \"hostport\": 80, \"protocl\": \"tcp\" } ] } ]", "containerDefinitions[1].portMappings[0].protocl: 'protocl' is not a member of PortMapping. Did you mean 'protocol'?" };
            yield return new object[] { "\"family\": \"web\", \"containerDefinitions\": [], \"volumes\": [ { \"name\": \"v\", \"efsVolumeConfiguration\": { \"fileSystemId\": \"fs-1\", \"authorizationConfig\": { \"accessPoint\": \"fsap-1\" } } } ]", "volumes[0].efsVolumeConfiguration.authorizationConfig.accessPoint: 'accessPoint' is not a member of EFSAuthorizationConfig. Did you mean 'accessPointId'?" };
            // Nothing close: the allowed names are listed instead of a guess.
            yield return new object[] { "\"family\": \"web\", \"containerDefinitions\": [ { \"name\": \"a\", \"image\": \"b\", \"healthCheck\": { \"command\": [\"CMD\"], \"zzzzzzzz\": 1 } } ]", "containerDefinitions[0].healthCheck.zzzzzzzz: 'zzzzzzzz' is not a member of HealthCheck. Allowed: command, interval, timeout, retries, startPeriod." };
        }

        [Theory]
        [MemberData(nameof(UnknownMembers))]
        public void An_unknown_member_is_named_with_its_path_and_a_suggestion(string members, string expected)
        {
            var ex = Refused("{ " + members + " }");
            Assert.Equal("UnknownTaskDefinitionMember", ex.ErrorId);
            Assert.Contains(expected, ex.Problems);
        }

        public static IEnumerable<object[]> WrongValues()
        {
            yield return new object[] { "\"containerDefinitions\": [ { \"name\": \"a\", \"image\": \"b\", \"memory\": \"lots\" } ]", "containerDefinitions[0].memory: expected a whole number, found the text \"lots\"." };
            yield return new object[] { "\"containerDefinitions\": [ { \"name\": \"a\", \"image\": \"b\", \"memory\": 512.5 } ]", "containerDefinitions[0].memory: expected a whole number, found 512.5." };
            yield return new object[] { "\"containerDefinitions\": [ { \"name\": \"a\", \"image\": \"b\", \"memory\": 99999999999 } ]", "containerDefinitions[0].memory: expected a whole number, found 99999999999." };
            yield return new object[] { "\"containerDefinitions\": [ { \"name\": \"a\", \"image\": \"b\", \"essential\": \"maybe\" } ]", "containerDefinitions[0].essential: expected true or false, found the text \"maybe\"." };
            yield return new object[] { "\"containerDefinitions\": [ { \"name\": \"a\", \"image\": \"b\", \"portMappings\": [ 8080 ] } ]", "containerDefinitions[0].portMappings[0]: expected an object with members, found 8080." };
            yield return new object[] { "\"containerDefinitions\": [ { \"name\": \"a\", \"image\": \"b\", \"portMappings\": \"8080:80\" } ]", "containerDefinitions[0].portMappings[0]: expected an object with members, found the text \"8080:80\"." };
            yield return new object[] { "\"containerDefinitions\": [ { \"name\": \"a\", \"image\": \"b\", \"dockerLabels\": [ \"a=b\" ] } ]", "containerDefinitions[0].dockerLabels: expected a set of name/value pairs, found a list." };
            yield return new object[] { "\"containerDefinitions\": [ { \"name\": \"a\", \"image\": { \"repo\": \"b\" } } ]", "containerDefinitions[0].image: expected text, found an object." };
            yield return new object[] { "\"containerDefinitions\": [ null ]", "containerDefinitions[0]: an empty (null) item is not allowed." };
            yield return new object[] { "\"containerDefinitions\": [], \"networkMode\": \"awsvpcc\"", "networkMode: 'awsvpcc' is not allowed. Use one of: bridge, host, awsvpc, none." };
            yield return new object[] { "\"containerDefinitions\": [], \"requiresCompatibilities\": [ \"FARGATE\", \"LAMBDA\" ]", "requiresCompatibilities[1]: 'LAMBDA' is not allowed. Use one of: EC2, FARGATE, EXTERNAL, MANAGED_INSTANCES." };
            yield return new object[] { "\"containerDefinitions\": [ { \"name\": \"a\", \"image\": \"b\", \"logConfiguration\": { \"logDriver\": \"cloudwatch\" } } ]", "containerDefinitions[0].logConfiguration.logDriver: 'cloudwatch' is not allowed. Use one of: json-file, syslog, journald, gelf, fluentd, awslogs, splunk, awsfirelens." };
            yield return new object[] { "\"containerDefinitions\": [ { \"name\": \"a\", \"image\": \"b\", \"logConfiguration\": { \"options\": {} } } ]", "containerDefinitions[0].logConfiguration.logDriver: this member is required in LogConfiguration." };
            yield return new object[] { "\"containerDefinitions\": [ { \"name\": \"a\", \"image\": \"b\", \"ulimits\": [ { \"name\": \"nofile\", \"softLimit\": 1 } ] } ]", "containerDefinitions[0].ulimits[0].hardLimit: this member is required in Ulimit." };
            yield return new object[] { "\"containerDefinitions\": [ { \"name\": \"a\", \"image\": \"b\", \"Name\": \"c\" } ]", "containerDefinitions[0].name: given twice (names are not case-sensitive here)." };
        }

        [Theory]
        [MemberData(nameof(WrongValues))]
        public void A_wrong_type_or_value_is_named_with_its_path_and_what_is_allowed(string members, string expected)
        {
            var ex = Refused("{ \"family\": \"web\", " + members + " }");
            Assert.Equal("InvalidTaskDefinition", ex.ErrorId);
            Assert.Contains(expected, ex.Problems);
        }

        [Fact]
        public void Every_problem_is_reported_at_once_with_a_count()
        {
            var ex = Refused("""{ "famly": "web", "networkMode": "awsvpcc", "containerDefinitions": [ { "name": "a", "image": "b", "memory": "lots" } ] }""", "/repo/web.json");

            Assert.Equal("UnknownTaskDefinitionMember", ex.ErrorId);
            Assert.Equal(4, ex.Problems.Count);
            Assert.Equal("/repo/web.json", ex.Origin);
            Assert.StartsWith("The task definition from /repo/web.json cannot be registered (4 problems):" + Environment.NewLine + "  - ", ex.Message);
            foreach (var p in ex.Problems) Assert.Contains(Environment.NewLine + "  - " + p, ex.Message);
            Assert.Contains("family: this member is required in RegisterTaskDefinitionRequest.", ex.Problems);
        }

        [Fact]
        public void A_single_problem_is_told_in_one_sentence()
        {
            var ex = Refused("""{ "family": "web" }""");
            Assert.Equal("The task definition from td.json cannot be registered: containerDefinitions: this member is required in RegisterTaskDefinitionRequest.", ex.Message);
        }

        // ---- from a registered TaskDefinition -----------------------------------------------------

        [Fact]
        public void A_registered_definition_becomes_a_registration_of_the_same_content_with_its_tags()
        {
            var described = JsonSerializer.Deserialize<TaskDefinition>(TaskDefinition("web", 7).ToJsonString(), EngineJson.Options)!;
            described.Tags = new List<Tag> { new Tag("team", "web") };

            var request = TaskDefinitionDocument.FromTaskDefinition(described);
            var wire = JsonNode.Parse(Wire(request))!.AsObject();

            foreach (var readOnly in TaskDefinitionDocument.ReadOnlyMembers) Assert.False(wire.ContainsKey(readOnly), readOnly);
            Assert.Equal("team=web", Assert.Single(request.Tags).ToString());
            Assert.Equal("web", request.Family);
            Assert.Equal("nginx:1.27", request.ContainerDefinitions[0].Image);
            Assert.Empty(ServiceModel.Ecs.ValidateInput("RegisterTaskDefinition", Element(Wire(request))));
        }

        [Fact]
        public void A_registered_definition_without_tags_sends_no_tags()
        {
            var described = JsonSerializer.Deserialize<TaskDefinition>(TaskDefinition("web", 7).ToJsonString(), EngineJson.Options)!;
            Assert.Null(TaskDefinitionDocument.FromTaskDefinition(described).Tags);
        }

        // ---- writing -------------------------------------------------------------------------------

        [Fact]
        public void ToJson_writes_the_model_order_two_space_indents_no_nulls_and_a_final_newline()
        {
            var request = new RegisterTaskDefinitionRequest
            {
                Memory = "512",
                ContainerDefinitions = new List<ContainerDefinition>
                {
                    new ContainerDefinition
                    {
                        Essential = true,
                        Image = "nginx:1.27",
                        Name = "web",
                        Environment = new List<Ecs.Model.KeyValuePair> { new Ecs.Model.KeyValuePair("URLS", "http://+:80") },
                    },
                },
                Cpu = "256",
                Family = "web",
                Tags = new List<Tag> { new Tag("owner", "Zoë <ops&dev>") },
            };

            var expected = string.Join("\n",
                "{",
                "  \"family\": \"web\",",
                "  \"containerDefinitions\": [",
                "    {",
                "      \"name\": \"web\",",
                "      \"image\": \"nginx:1.27\",",
                "      \"essential\": true,",
                "      \"environment\": [",
                "        {",
                "          \"name\": \"URLS\",",
                "          \"value\": \"http://+:80\"",
                "        }",
                "      ]",
                "    }",
                "  ],",
                "  \"cpu\": \"256\",",
                "  \"memory\": \"512\",",
                "  \"tags\": [",
                "    {",
                "      \"key\": \"owner\",",
                "      \"value\": \"Zoë <ops&dev>\"",
                "    }",
                "  ]",
                "}",
                "");
            Assert.Equal(expected, TaskDefinitionDocument.ToJson(request).Replace("\r\n", "\n"));
        }

        [Fact]
        public void ToJson_is_stable_through_a_read_and_write()
        {
            var once = TaskDefinitionDocument.ToJson(TaskDefinitionDocument.Parse(FullRegisterInput, "full.json"));
            var twice = TaskDefinitionDocument.ToJson(TaskDefinitionDocument.Parse(once, "once.json"));

            Assert.Equal(once, twice);
            Assert.DoesNotContain("null", once);
            Assert.DoesNotContain("\\u", once);
            Assert.EndsWith("}\n", once);
            Assert.Empty(ServiceModel.Ecs.ValidateInput("RegisterTaskDefinition", Element(once)));
        }

        [Fact]
        public void ToJson_keeps_the_member_order_of_the_model_not_of_the_file()
        {
            var shuffled = JsonNode.Parse(FullRegisterInput)!.AsObject();
            var reversed = new JsonObject();
            foreach (var p in shuffled.Reverse().ToList()) reversed[p.Key] = p.Value!.DeepClone();

            Assert.Equal(
                TaskDefinitionDocument.ToJson(TaskDefinitionDocument.Parse(FullRegisterInput, "a.json")),
                TaskDefinitionDocument.ToJson(TaskDefinitionDocument.Parse(reversed.ToJsonString(), "b.json")));

            // ...and that order is the service model's.
            var modelOrder = ServiceModel.Ecs.Shape("RegisterTaskDefinitionRequest").GetProperty("members").EnumerateObject().Select(m => m.Name).ToList();
            var written = JsonNode.Parse(TaskDefinitionDocument.ToJson(TaskDefinitionDocument.Parse(FullRegisterInput, "a.json")))!.AsObject().Select(p => p.Key).ToList();
            Assert.Equal(modelOrder, written);
        }
    }
}
