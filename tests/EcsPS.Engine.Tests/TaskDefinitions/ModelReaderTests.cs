using System;
using System.Collections;
using System.Collections.Generic;
using System.Text.Json.Nodes;
using EcsPS.Engine.Protocols.Json;
using EcsPS.Engine.Ecs.Model;
using EcsPS.Engine.Runtime;
using Xunit;
using static EcsPS.Engine.Tests.TaskDefinitions.TaskDefinitionFixtures;

namespace EcsPS.Engine.Tests.TaskDefinitions
{
    /// <summary>
    /// ModelReader on its own: plain .NET data (what PowerShell hashtables and arrays become)
    /// read strictly into model objects, table-driven on ContainerDefinition.
    /// </summary>
    public sealed class ModelReaderTests
    {
        private static (ContainerDefinition Value, List<string> Problems) Read(string json)
        {
            var problems = new List<string>();
            var value = ModelReader.Read<ContainerDefinition>(JsonNode.Parse(json), "c", problems);
            return (value, problems);
        }

        public static IEnumerable<object[]> Accepted()
        {
            // input, the canonical JSON it reads as
            yield return new object[] { """{ "name": "a", "image": "b" }""", """{"image":"b","name":"a"}""" };
            yield return new object[] { """{ "NAME": "a", "Image": "b", "CPU": "128" }""", """{"cpu":128,"image":"b","name":"a"}""" };
            yield return new object[] { """{ "name": "a", "image": "b", "command": "run" }""", """{"command":["run"],"image":"b","name":"a"}""" };
            yield return new object[] { """{ "name": "a", "image": "b", "essential": "FALSE" }""", """{"essential":false,"image":"b","name":"a"}""" };
            yield return new object[] { """{ "name": "a", "image": "b", "user": 1000 }""", """{"image":"b","name":"a","user":"1000"}""" };
            yield return new object[] { """{ "name": "a", "image": "b", "memory": 512.0 }""", """{"image":"b","memory":512,"name":"a"}""" };
            yield return new object[] { """{ "name": "a", "image": "b", "hostname": null }""", """{"image":"b","name":"a"}""" };
            yield return new object[] { """{ "name": "a", "image": "b", "dockerLabels": { "Team": 7, "on": true } }""", """{"dockerLabels":{"Team":"7","on":"true"},"image":"b","name":"a"}""" };
            yield return new object[] { """{ "name": "a", "image": "b", "ulimits": { "name": "NOFILE", "softLimit": "1", "hardLimit": 2 } }""", """{"image":"b","name":"a","ulimits":[{"hardLimit":2,"name":"nofile","softLimit":1}]}""" };
            yield return new object[] { """{ "name": "a", "image": "b", "linuxParameters": { "capabilities": { "add": "SYS_PTRACE" } } }""", """{"image":"b","linuxParameters":{"capabilities":{"add":["SYS_PTRACE"]}},"name":"a"}""" };
        }

        [Theory]
        [MemberData(nameof(Accepted))]
        public void Reads_what_is_meant(string input, string expected)
        {
            var (value, problems) = Read(input);
            Assert.Empty(problems);
            Assert.Equal(expected, Canonical(System.Text.Json.JsonSerializer.Serialize(value, EngineJson.Options)));
        }

        public static IEnumerable<object[]> Refused()
        {
            yield return new object[] { """{ "name": "a", "image": "b", "cpu": "half" }""", "c.cpu: expected a whole number, found the text \"half\"." };
            yield return new object[] { """{ "name": "a", "image": "b", "cpu": true }""", "c.cpu: expected a whole number, found true." };
            yield return new object[] { """{ "name": "a", "image": "b", "essential": 1 }""", "c.essential: expected true or false, found 1." };
            yield return new object[] { """{ "name": "a", "image": "b", "command": [ ["x"] ] }""", "c.command[0]: expected text, found a list." };
            yield return new object[] { """{ "name": "a", "image": "b", "healthCheck": "CMD true" }""", "c.healthCheck: expected an object with members, found the text \"CMD true\"." };
            yield return new object[] { """{ "name": "a", "image": "b", "ulimits": [ { "name": "files", "softLimit": 1, "hardLimit": 1 } ] }""", "c.ulimits[0].name: 'files' is not allowed. Use one of: core, cpu, data, fsize, locks, memlock, msgqueue, nice, nofile, nproc, rss, rtprio, rttime, sigpending, stack." };
            yield return new object[] { """{ "name": "a", "image": "b", "dependsOn": [ { "containerName": "x" } ] }""", "c.dependsOn[0].condition: this member is required in ContainerDependency." };
            yield return new object[] { """{ "name": "a", "image": "b", "secrets": [ { "name": "x", "value": "y" } ] }""", "c.secrets[0].value: 'value' is not a member of Secret. Did you mean 'valueFrom'?" };
        }

        [Theory]
        [MemberData(nameof(Refused))]
        public void Refuses_with_the_path_and_the_reason(string input, string expected)
        {
            var (_, problems) = Read(input);
            Assert.Contains(expected, problems);
        }

        [Fact]
        public void Plain_data_becomes_the_same_JSON_a_file_would_be()
        {
            var plain = new Dictionary<string, object>
            {
                ["Name"] = "web",
                ["Image"] = "nginx",
                ["Memory"] = 512,
                ["Essential"] = false,
                ["PortMappings"] = new ArrayList { new Hashtable { ["ContainerPort"] = 80L, ["HostPort"] = (short)0 } },
                ["Environment"] = new object[] { new Dictionary<string, object> { ["Name"] = "A", ["Value"] = 1.5 } },
                ["DockerLabels"] = new Hashtable { ["k"] = 'c' },
            };
            var problems = new List<string>();
            var container = ModelReader.Read<ContainerDefinition>(ModelReader.FromPlain(plain), "c", problems);

            Assert.Empty(problems);
            Assert.Equal(
                """{"dockerLabels":{"k":"c"},"environment":[{"name":"A","value":"1.5"}],"essential":false,"image":"nginx","memory":512,"name":"web","portMappings":[{"containerPort":80,"hostPort":0}]}""",
                Canonical(System.Text.Json.JsonSerializer.Serialize(container, EngineJson.Options)));
        }

        [Fact]
        public void Plain_data_takes_model_objects_as_their_JSON()
        {
            var node = ModelReader.FromPlain(new ArrayList { new ContainerDefinition { Name = "web", Image = "nginx", Memory = 64 } });
            Assert.Equal("""[{"name":"web","image":"nginx","memory":64}]""", node.ToJsonString());
        }

        [Fact]
        public void Plain_data_with_one_key_twice_is_refused()
        {
            // A case-insensitive PowerShell hashtable cannot hold both, but a case-sensitive
            // dictionary converted to text keys can.
            var table = new Hashtable { [1] = "a", ["1"] = "b" };
            var ex = Assert.Throws<ArgumentException>(() => ModelReader.FromPlain(table));
            Assert.Contains("'1' appears twice", ex.Message);
        }
    }
}
