using System.Collections.Generic;
using System.Linq;
using System.Text.Json.Nodes;
using EcsPS.Engine.Ecs;
using EcsPS.Engine.Ecs.Model;
using EcsPS.Engine.Ecs.TaskDefinitions;
using Xunit;
using static EcsPS.Engine.Tests.TaskDefinitions.TaskDefinitionFixtures;

namespace EcsPS.Engine.Tests.TaskDefinitions
{
    /// <summary>
    /// TaskDefinitionValidator and EcsRules: the registration rules ECS enforces, each checked
    /// with a definition that breaks exactly that rule, and the message that names the fix.
    /// </summary>
    public sealed class TaskDefinitionValidatorTests
    {
        private static List<string> Problems(string json) => TaskDefinitionValidator.Validate(TaskDefinitionDocument.Parse(json, "test.json"));

        /// <summary>SmallFargate with changes: members set (JSON values) or removed (null).</summary>
        private static string Fargate(params (string Member, string Json)[] changes) => Change(SmallFargate, changes);

        private static string Ec2(string containers, params (string Member, string Json)[] changes)
            => Change("{ \"family\": \"api\", \"networkMode\": \"bridge\", \"containerDefinitions\": " + containers + " }", changes);

        private static string Change(string json, (string Member, string Json)[] changes)
        {
            var doc = JsonNode.Parse(json)!.AsObject();
            foreach (var (member, value) in changes)
            {
                if (value == null) doc.Remove(member);
                else doc[member] = JsonNode.Parse(value);
            }
            return doc.ToJsonString();
        }

        private static string Containers(params string[] containers) => "[ " + string.Join(", ", containers) + " ]";

        [Fact]
        public void Valid_definitions_have_no_problems()
        {
            Assert.Empty(Problems(SmallFargate));
            Assert.Empty(Problems(FullRegisterInputWithoutConflicts()));
            Assert.Empty(Problems(Ec2(Containers("""{ "name": "api", "image": "api:1", "memoryReservation": 256 }"""))));
            Assert.Empty(Problems(Ec2(Containers("""{ "name": "api", "image": "api:1" }"""), ("memory", "\"1 GB\""))));
        }

        // The full fixture sets every member, some of which contradict each other on purpose
        // (links with awsvpc, a GPU on Fargate); this keeps the rest of it.
        private static string FullRegisterInputWithoutConflicts()
        {
            var doc = JsonNode.Parse(FullRegisterInput)!.AsObject();
            var c = doc["containerDefinitions"]![0]!.AsObject();
            foreach (var m in new[] { "links", "dependsOn", "volumesFrom", "resourceRequirements" }) c.Remove(m);
            c["portMappings"]![0]!.AsObject().Remove("containerPortRange");
            return doc.ToJsonString();
        }

        public static IEnumerable<object[]> Broken()
        {
            // names
            yield return Case("family with a space", Fargate(("family", "\"web app\"")),
                "family: 'web app' is not a valid task definition family name. Use 1 to 255 letters (A-Z, a-z), digits, hyphens (-) and underscores (_).");
            yield return Case("family of 256 characters", Fargate(("family", "\"" + new string('a', 256) + "\"")), "family: '" + new string('a', 256) + "' is not a valid task definition family name.");
            yield return Case("empty family", Fargate(("family", "\"\"")), "family: An empty name is not a valid task definition family name.");
            yield return Case("container name with a dot", Fargate(("containerDefinitions", Containers("""{ "name": "web.1", "image": "nginx" }"""))),
                "containerDefinitions[0].name: 'web.1' is not a valid container name.");
            yield return Case("container without a name", Fargate(("containerDefinitions", Containers("""{ "image": "nginx" }"""))),
                "containerDefinitions[0].name: every container needs a name.");
            yield return Case("duplicate container names", Fargate(("containerDefinitions", Containers("""{ "name": "web", "image": "a" }""", """{ "name": "web", "image": "b" }"""))),
                "containerDefinitions[1].name: the container name 'web' is used twice.");
            // containers
            yield return Case("no containers", Fargate(("containerDefinitions", "[]")), "containerDefinitions: a task definition needs at least one container.");
            yield return Case("no essential container", Fargate(("containerDefinitions", Containers("""{ "name": "a", "image": "x", "essential": false }""", """{ "name": "b", "image": "y", "essential": false }"""))),
                "containerDefinitions: at least one container must be essential (every container here has essential = false).");
            yield return Case("no image", Fargate(("containerDefinitions", Containers("""{ "name": "web" }"""))), "containerDefinitions[0] (web).image: every container needs an image.");
            yield return Case("blank image", Fargate(("containerDefinitions", Containers("""{ "name": "web", "image": "  " }"""))), "containerDefinitions[0] (web).image: every container needs an image.");
            yield return Case("5 MiB container", Ec2(Containers("""{ "name": "api", "image": "x", "memory": 5 }""")), "containerDefinitions[0] (api).memory: 5 MiB is below the 6 MiB minimum.");
            yield return Case("reservation above memory", Ec2(Containers("""{ "name": "api", "image": "x", "memory": 512, "memoryReservation": 513 }""")),
                "containerDefinitions[0] (api).memoryReservation: 513 MiB is more than the container's memory limit of 512 MiB; the reservation (soft limit) must be at most the memory (hard limit).");
            yield return Case("container memory above task memory", Fargate(("containerDefinitions", Containers("""{ "name": "web", "image": "x", "memory": 1024 }"""))),
                "containerDefinitions[0] (web).memory: 1024 MiB is more than the task's 512 MiB.");
            yield return Case("no memory anywhere", Ec2(Containers("""{ "name": "api", "image": "x" }""")),
                "containerDefinitions[0] (api): give the container memory or memoryReservation, or the task a memory size.");
            yield return Case("container cpu above task cpu", Fargate(("containerDefinitions", Containers("""{ "name": "a", "image": "x", "cpu": 200 }""", """{ "name": "b", "image": "y", "cpu": 100 }"""))),
                "containerDefinitions: the containers ask for 300 CPU units together, more than the task's 256.");
            yield return Case("negative container cpu", Ec2(Containers("""{ "name": "api", "image": "x", "memory": 64, "cpu": -1 }""")), "containerDefinitions[0] (api).cpu: -1 is negative.");
            // ports
            yield return Case("container port 0", Fargate(("containerDefinitions", Containers("""{ "name": "web", "image": "x", "portMappings": [ { "containerPort": 0 } ] }"""))),
                "containerDefinitions[0] (web).portMappings: container port 0 is outside 1 to 65535.");
            yield return Case("host port 70000", Ec2(Containers("""{ "name": "api", "image": "x", "memory": 64, "portMappings": [ { "containerPort": 80, "hostPort": 70000 } ] }""")),
                "containerDefinitions[0] (api).portMappings: host port 70000 is outside 0 to 65535.");
            yield return Case("port mapping without a container port", Fargate(("containerDefinitions", Containers("""{ "name": "web", "image": "x", "portMappings": [ { "protocol": "tcp" } ] }"""))),
                "containerDefinitions[0] (web).portMappings: each port mapping needs a containerPort (or containerPortRange).");
            yield return Case("awsvpc host port unlike container port", Fargate(("containerDefinitions", Containers("""{ "name": "web", "image": "x", "portMappings": [ { "containerPort": 8080, "hostPort": 80 } ] }"""))),
                "containerDefinitions[0] (web).portMappings: with awsvpc networking the host port must equal the container port (8080), or be left out.");
            // environment, dependencies, logging, health, ulimits
            yield return Case("variable without a name", Fargate(("containerDefinitions", Containers("""{ "name": "web", "image": "x", "environment": [ { "value": "1" } ] }"""))),
                "containerDefinitions[0] (web).environment: a variable has no name.");
            yield return Case("variable in environment and secrets", Fargate(("containerDefinitions", Containers("""{ "name": "web", "image": "x", "environment": [ { "name": "TOKEN", "value": "1" } ], "secrets": [ { "name": "TOKEN", "valueFrom": "arn:aws:ssm:us-east-1:123456789012:parameter/t" } ] }"""))),
                "containerDefinitions[0] (web): the variable 'TOKEN' is set more than once (environment and secrets share one namespace).");
            yield return Case("dependsOn a missing container", Fargate(("containerDefinitions", Containers("""{ "name": "web", "image": "x", "dependsOn": [ { "containerName": "db", "condition": "HEALTHY" } ] }"""))),
                "containerDefinitions[0] (web).dependsOn: 'db' is not a container of this task definition.");
            yield return Case("dependsOn itself", Fargate(("containerDefinitions", Containers("""{ "name": "web", "image": "x", "dependsOn": [ { "containerName": "web", "condition": "START" } ] }"""))),
                "containerDefinitions[0] (web).dependsOn: a container cannot depend on itself.");
            yield return Case("awslogs without a group", Fargate(("containerDefinitions", Containers("""{ "name": "web", "image": "x", "logConfiguration": { "logDriver": "awslogs", "options": { "awslogs-region": "us-east-1" } } }"""))),
                "containerDefinitions[0] (web).logConfiguration: the awslogs driver needs the option awslogs-group.");
            yield return Case("awslogs without options", Fargate(("containerDefinitions", Containers("""{ "name": "web", "image": "x", "logConfiguration": { "logDriver": "awslogs" } }"""))),
                "containerDefinitions[0] (web).logConfiguration: the awslogs driver needs the option awslogs-group.");
            yield return Case("health check without a command", Fargate(("containerDefinitions", Containers("""{ "name": "web", "image": "x", "healthCheck": { "command": [] } }"""))),
                "containerDefinitions[0] (web).healthCheck: a health check needs a command");
            yield return Case("health check interval 1", Fargate(("containerDefinitions", Containers("""{ "name": "web", "image": "x", "healthCheck": { "command": ["CMD", "true"], "interval": 1 } }"""))),
                "containerDefinitions[0] (web).healthCheck.interval: 1 s is outside 5 to 300.");
            yield return Case("health check timeout 121", Fargate(("containerDefinitions", Containers("""{ "name": "web", "image": "x", "healthCheck": { "command": ["CMD", "true"], "timeout": 121 } }"""))),
                "containerDefinitions[0] (web).healthCheck.timeout: 121 s is outside 2 to 120.");
            yield return Case("health check retries 11", Fargate(("containerDefinitions", Containers("""{ "name": "web", "image": "x", "healthCheck": { "command": ["CMD", "true"], "retries": 11 } }"""))),
                "containerDefinitions[0] (web).healthCheck.retries: 11 is outside 1 to 10.");
            yield return Case("health check start period 301", Fargate(("containerDefinitions", Containers("""{ "name": "web", "image": "x", "healthCheck": { "command": ["CMD", "true"], "startPeriod": 301 } }"""))),
                "containerDefinitions[0] (web).healthCheck.startPeriod: 301 s is outside 0 to 300.");
            yield return Case("soft ulimit above hard", Fargate(("containerDefinitions", Containers("""{ "name": "web", "image": "x", "ulimits": [ { "name": "nofile", "softLimit": 4096, "hardLimit": 1024 } ] }"""))),
                "containerDefinitions[0] (web).ulimits: the soft limit of nofile (4096) is above its hard limit (1024).");
            // volumes
            yield return Case("mount point on an undefined volume", Fargate(("containerDefinitions", Containers("""{ "name": "web", "image": "x", "mountPoints": [ { "sourceVolume": "data", "containerPath": "/data" } ] }"""))),
                "containerDefinitions[0] (web).mountPoints: the volume 'data' is not defined in volumes.");
            yield return Case("mount point without a path", Fargate(("containerDefinitions", Containers("""{ "name": "web", "image": "x", "mountPoints": [ { "sourceVolume": "data" } ] }""")), ("volumes", """[ { "name": "data" } ]""")),
                "containerDefinitions[0] (web).mountPoints: each mount point needs a containerPath.");
            yield return Case("volume without a name", Fargate(("volumes", """[ { "host": { "sourcePath": "/srv" } } ]""")), "volumes: every volume needs a name.");
            yield return Case("volume name twice", Fargate(("volumes", """[ { "name": "data" }, { "name": "data" } ]""")), "volumes: the volume name 'data' is used twice.");
            // Fargate
            yield return Case("Fargate bridge", Fargate(("networkMode", "\"bridge\"")), "networkMode: Fargate tasks need networkMode awsvpc, not bridge.");
            yield return Case("Fargate without networkMode", Fargate(("networkMode", null)), "networkMode: Fargate tasks need networkMode awsvpc (none was given).");
            yield return Case("Fargate without cpu", Fargate(("cpu", null)), "cpu/memory: Fargate tasks need both a task cpu and a task memory size");
            yield return Case("Fargate without memory", Fargate(("memory", null)), "cpu/memory: Fargate tasks need both a task cpu and a task memory size");
            yield return Case("Fargate with links", Fargate(("containerDefinitions", Containers("""{ "name": "web", "image": "x", "links": [ "db" ] }""", """{ "name": "db", "image": "y" }"""))),
                "containerDefinitions[0].links: links work only with networkMode bridge, not awsvpc.");
            yield return Case("cpu as words", Ec2(Containers("""{ "name": "api", "image": "x", "memory": 64 }"""), ("cpu", "\"lots\"")),
                "cpu: 'lots' is not a CPU size. Use CPU units such as \"256\" or \"1024\", or \"0.25 vCPU\".");
            yield return Case("memory as words", Ec2(Containers("""{ "name": "api", "image": "x" }"""), ("memory", "\"plenty\"")),
                "memory: 'plenty' is not a memory size. Use MiB such as \"512\" or \"2048\", or \"2 GB\".");
            // tags and limits
            yield return Case("aws: tag", Fargate(("tags", """[ { "key": "aws:owner", "value": "me" } ]""")), "tags: The tag key 'aws:owner' uses the reserved 'aws:' prefix.");
            yield return Case("AWS: tag", Fargate(("tags", """[ { "key": "AWS:owner", "value": "me" } ]""")), "tags: The tag key 'AWS:owner' uses the reserved 'aws:' prefix.");
            yield return Case("tag key twice", Fargate(("tags", """[ { "key": "a", "value": "1" }, { "key": "a", "value": "2" } ]""")), "tags: The tag key 'a' is given twice.");
            yield return Case("tag value of 257", Fargate(("tags", "[ { \"key\": \"a\", \"value\": \"" + new string('v', 257) + "\" } ]")), "tags: The value of tag 'a' is 257 characters long; the limit is 256.");
            yield return Case("tag with a character tags do not allow", Fargate(("tags", """[ { "key": "a#b", "value": "1" } ]""")), "tags: The tag 'a#b' has a character that tags do not allow.");
            yield return Case("51 tags", Fargate(("tags", "[ " + string.Join(", ", Enumerable.Range(1, 51).Select(i => $"{{ \"key\": \"k{i}\", \"value\": \"v\" }}")) + " ]")), "tags: 51 tags were given; a resource takes at most 50.");
            yield return Case("ephemeral storage 20 GiB", Fargate(("ephemeralStorage", """{ "sizeInGiB": 20 }""")), "ephemeralStorage.sizeInGiB: 20 is outside 21 to 200 GiB.");
            yield return Case("ephemeral storage 201 GiB", Fargate(("ephemeralStorage", """{ "sizeInGiB": 201 }""")), "ephemeralStorage.sizeInGiB: 201 is outside 21 to 200 GiB.");
            yield return Case("11 placement constraints", Ec2(Containers("""{ "name": "api", "image": "x", "memory": 64 }"""),
                ("placementConstraints", "[ " + string.Join(", ", Enumerable.Repeat("""{ "type": "memberOf", "expression": "attribute:ecs.os-type == linux" }""", 11)) + " ]")),
                "placementConstraints: at most 10 are allowed; 11 were given.");
        }

        private static object[] Case(string name, string json, string expected) => new object[] { name, json, expected };

        [Theory]
        [MemberData(nameof(Broken))]
        public void A_broken_rule_is_reported_with_what_to_do(string name, string json, string expected)
        {
            var problems = Problems(json);
            Assert.True(problems.Any(p => p.StartsWith(expected, System.StringComparison.Ordinal)),
                $"{name}: expected a problem starting with\n  {expected}\nfound:\n  {string.Join("\n  ", problems)}");
        }

        [Fact]
        public void Every_problem_is_found_in_one_pass()
        {
            var problems = Problems(Fargate(
                ("family", "\"bad name\""),
                ("networkMode", "\"bridge\""),
                ("memory", "\"4096\""),
                ("containerDefinitions", Containers("""{ "name": "web", "essential": false, "healthCheck": { "command": ["CMD", "x"], "interval": 1 } }""")),
                ("tags", """[ { "key": "aws:x", "value": "y" } ]""")));

            var expected = new[]
            {
                "family: 'bad name'", "networkMode: Fargate tasks need networkMode awsvpc, not bridge",
                "cpu/memory: Fargate does not offer 4096 MiB with 256 CPU units", "containerDefinitions: at least one container must be essential",
                "containerDefinitions[0] (web).image:", "containerDefinitions[0] (web).healthCheck.interval:", "tags: The tag key 'aws:x'",
            };
            Assert.Equal(expected.Length, problems.Count);
            foreach (var e in expected) Assert.Contains(problems, p => p.StartsWith(e, System.StringComparison.Ordinal));
        }

        // ---- Fargate sizes (the table in the ECS documentation) ---------------------------------

        public static IEnumerable<object[]> FargateSizes()
        {
            var valid = new Dictionary<int, int[]>
            {
                [256] = new[] { 512, 1024, 2048 },
                [512] = Enumerable.Range(1, 4).Select(g => g * 1024).ToArray(),
                [1024] = Enumerable.Range(2, 7).Select(g => g * 1024).ToArray(),
                [2048] = Enumerable.Range(4, 13).Select(g => g * 1024).ToArray(),
                [4096] = Enumerable.Range(8, 23).Select(g => g * 1024).ToArray(),
                [8192] = Enumerable.Range(4, 12).Select(g => g * 4096).ToArray(),
                [16384] = Enumerable.Range(4, 12).Select(g => g * 8192).ToArray(),
            };
            foreach (var pair in valid)
            {
                foreach (var memory in pair.Value) yield return new object[] { pair.Key, memory, true };
                // Just outside the range at both ends, and off the step inside it.
                yield return new object[] { pair.Key, pair.Value.Min() - (pair.Key == 256 ? 256 : 1024), false };
                yield return new object[] { pair.Key, pair.Value.Max() + 1024, false };
                if (pair.Key != 256) yield return new object[] { pair.Key, pair.Value.Min() + 512, false };
            }
            yield return new object[] { 256, 1536, false };
            yield return new object[] { 8192, 18432, false };   // 18 GiB: between the 4 GiB steps
            yield return new object[] { 16384, 36864, false };  // 36 GiB: between the 8 GiB steps
            yield return new object[] { 333, 512, false };
            yield return new object[] { 128, 512, false };
            yield return new object[] { 32768, 65536, false };
        }

        [Theory]
        [MemberData(nameof(FargateSizes))]
        public void Fargate_cpu_and_memory_must_be_a_pair_Fargate_offers(int cpu, int memory, bool offered)
        {
            var problems = Problems(Fargate(("cpu", $"\"{cpu}\""), ("memory", $"\"{memory}\"")));
            var sizeProblems = problems.Where(p => p.StartsWith("cpu/memory:", System.StringComparison.Ordinal)).ToList();

            if (offered)
            {
                Assert.Empty(sizeProblems);
                Assert.Null(EcsRules.CheckFargateSize(cpu, memory));
            }
            else
            {
                var problem = Assert.Single(sizeProblems);
                var offersCpu = new[] { 256, 512, 1024, 2048, 4096, 8192, 16384 }.Contains(cpu);
                Assert.Contains(offersCpu ? $"Fargate does not offer {memory} MiB with {cpu} CPU units. With {cpu} CPU units use "
                                          : $"Fargate does not offer {cpu} CPU units. Use one of: 256, 512, 1024, 2048, 4096, 8192, 16384", problem);
                Assert.NotNull(EcsRules.CheckFargateSize(cpu, memory));
            }
        }

        [Theory]
        [InlineData("0.25 vCPU", "0.5 GB")]
        [InlineData("0.5 vcpu", "1GB")]
        [InlineData("1 vCPU", "2 GB")]
        [InlineData("1024", "2048")]
        [InlineData("4 vCPU", "30 GB")]
        public void Fargate_sizes_may_be_written_in_vCPU_and_GB(string cpu, string memory)
        {
            Assert.Empty(Problems(Fargate(("cpu", $"\"{cpu}\""), ("memory", $"\"{memory}\""))));
        }

        // The Fargate task size table: Windows is offered at 1, 2 and 4 vCPU with the same memory
        // ranges as Linux; 0.25, 0.5, 8 and 16 vCPU are Linux only.
        [Theory]
        [InlineData(1024, 2048, true)]
        [InlineData(1024, 8192, true)]
        [InlineData(2048, 16384, true)]
        [InlineData(4096, 30720, true)]
        [InlineData(256, 512, false)]
        [InlineData(512, 1024, false)]
        [InlineData(8192, 16384, false)]
        [InlineData(16384, 32768, false)]
        [InlineData(1024, 1024, false)]
        public void Windows_on_Fargate_needs_at_least_1_vCPU(int cpu, int memory, bool offered)
        {
            var problems = Problems(Fargate(("cpu", $"\"{cpu}\""), ("memory", $"\"{memory}\""),
                ("runtimePlatform", """{ "operatingSystemFamily": "WINDOWS_SERVER_2022_CORE", "cpuArchitecture": "X86_64" }""")));
            var sizeProblems = problems.Where(p => p.StartsWith("cpu/memory:", System.StringComparison.Ordinal)).ToList();
            if (offered) { Assert.Empty(sizeProblems); return; }
            var problem = Assert.Single(sizeProblems);
            Assert.Contains(new[] { 1024, 2048, 4096 }.Contains(cpu)
                ? $"With {cpu} CPU units use"
                : $"Windows containers on Fargate need at least 1 vCPU: use 1024, 2048 or 4096 CPU units, not {cpu}.", problem);
        }

        [Fact]
        public void The_Linux_sizes_still_hold_for_a_Linux_runtime_platform()
        {
            Assert.Empty(Problems(Fargate(("runtimePlatform", """{ "operatingSystemFamily": "LINUX", "cpuArchitecture": "ARM64" }"""))));
            Assert.Empty(Problems(Fargate(("cpu", "\"16384\""), ("memory", "\"32768\""), ("runtimePlatform", """{ "operatingSystemFamily": "LINUX" }"""))));
        }

        // ---- images -----------------------------------------------------------------------------

        [Theory]
        [InlineData("nginx")]
        [InlineData("nginx:1.27")]
        [InlineData("library/nginx:latest")]
        [InlineData("public.ecr.aws/nginx/nginx:1.27")]
        [InlineData("123456789012.dkr.ecr.us-east-1.amazonaws.com/shop/web:4.2.0")]
        [InlineData("localhost:5000/web")]
        [InlineData("registry.example.com:8443/team/web-api_v2:2025.03.14-rc.1")]
        [InlineData("mcr.microsoft.com/windows/servercore/iis:windowsservercore-ltsc2019")]
        [InlineData("Registry.Example.COM/web:1")]          // host names are not case-sensitive
        [InlineData("my__image:V1_ALPHA")]                    // tags may be upper case
        [InlineData("nginx@sha256:0123456789abcdef0123456789abcdef0123456789abcdef0123456789abcdef")]
        [InlineData("nginx:1.27@sha256:0123456789ABCDEF0123456789abcdef0123456789abcdef0123456789abcdef")]
        [InlineData("[::1]:5000/web:1")]
        public void Image_references_a_runtime_can_pull_are_accepted(string image)
            => Assert.Null(EcsRules.CheckImage(image));

        [Theory]
        [InlineData("nginx :1.27", "'nginx :1.27' has white space in it")]
        [InlineData("nginx\t", "has white space in it")]
        [InlineData("registry.example.com/Web:1", "upper-case letters in the repository path ('Web')")]
        [InlineData("MyApp", "upper-case letters in the repository path ('MyApp')")]
        [InlineData("nginx:", "has the tag '', which is not a tag")]
        [InlineData("nginx:-1", "has the tag '-1'")]
        [InlineData("nginx:1.27#prod", "has the tag '1.27#prod'")]
        [InlineData("nginx@sha256:abc", "has the digest 'sha256:abc', and ECS takes only sha256: followed by 64 hex digits")]
        [InlineData("nginx@md5:0123456789abcdef0123456789abcdef", "ECS takes only sha256")]
        [InlineData("team//web", "an empty repository path component")]
        [InlineData("/web", "an empty repository path component")]
        [InlineData("web-:1", "has 'web-' in its repository path")]
        [InlineData("reg_istry.example.com/web", "names the registry 'reg_istry.example.com'")]
        [InlineData("{{image}}", "has '{{image}}' in its repository path")]
        public void Image_references_that_cannot_be_pulled_are_refused_with_the_grammar(string image, string expected)
        {
            var problem = EcsRules.CheckImage(image);
            Assert.NotNull(problem);
            Assert.Contains(expected, problem);
            Assert.Contains("[registry/]repository[:tag][@sha256:digest]", problem);
        }

        [Fact]
        public void An_image_reference_has_at_most_255_characters_before_the_digest()
        {
            Assert.Null(EcsRules.CheckImage(new string('a', 255)));
            Assert.Contains("256 characters long", EcsRules.CheckImage(new string('a', 256)));
        }

        [Fact]
        public void The_validator_checks_every_containers_image()
        {
            var problems = Problems(Fargate(("containerDefinitions", Containers("""{ "name": "web", "image": "nginx:1.27" }""", """{ "name": "log", "image": "fluent bit:3", "essential": false }"""))));
            var problem = Assert.Single(problems);
            Assert.StartsWith("containerDefinitions[1] (log).image: 'fluent bit:3' has white space in it.", problem);
        }

        // ---- roles ------------------------------------------------------------------------------

        [Theory]
        [InlineData("arn:aws:iam::123456789012:role/ecsTaskExecutionRole")]
        [InlineData("arn:aws-cn:iam::123456789012:role/service-role/ecs.exec+role=1,a@b")]
        [InlineData("arn:aws-us-gov:iam::123456789012:role/a/b/c/name")]
        public void Role_ARNs_are_accepted_for_both_roles(string arn)
        {
            Assert.Empty(Problems(Fargate(("executionRoleArn", $"\"{arn}\""), ("taskRoleArn", $"\"{arn}\""))));
        }

        [Fact]
        public void The_task_role_may_be_a_role_name_but_the_execution_role_must_be_an_ARN()
        {
            // botocore's ECS model: taskRoleArn is "the short name or full ARN" of the role,
            // executionRoleArn "the Amazon Resource Name (ARN)".
            Assert.Empty(Problems(Fargate(("taskRoleArn", "\"shop-web-task\""))));
            var problem = Assert.Single(Problems(Fargate(("executionRoleArn", "\"ecsTaskExecutionRole\""))));
            Assert.StartsWith("executionRoleArn: 'ecsTaskExecutionRole' is a role name, but ECS takes the task execution role only as an ARN: arn:aws:iam::<account>:role/ecsTaskExecutionRole", problem);
        }

        [Theory]
        [InlineData("executionRoleArn", "not-an-arn!", "executionRoleArn: 'not-an-arn!' is not an IAM role ARN. Give the task execution role as an ARN, such as arn:aws:iam::123456789012:role/ecsTaskExecutionRole")]
        [InlineData("executionRoleArn", "arn:aws:iam::123456789012:user/jane", "executionRoleArn: 'arn:aws:iam::123456789012:user/jane' is not an IAM role ARN.")]
        [InlineData("executionRoleArn", "arn:aws:iam:us-east-1:123456789012:role/x", "is not an IAM role ARN")]
        [InlineData("executionRoleArn", "arn:aws:iam::1234:role/x", "is not an IAM role ARN")]
        [InlineData("executionRoleArn", "", "executionRoleArn: An empty string is not an IAM role ARN.")]
        [InlineData("taskRoleArn", "arn:aws:s3:::bucket", "taskRoleArn: 'arn:aws:s3:::bucket' is not an IAM role ARN or role name. Give the ARN, such as arn:aws:iam::123456789012:role/")]
        [InlineData("taskRoleArn", "my role", "or the role name alone (1 to 64 letters, digits and + = , . @ _ -)")]
        public void Role_values_that_are_not_roles_are_refused_with_the_ARN_form(string member, string value, string expected)
        {
            var problems = Problems(Fargate((member, $"\"{value}\"")));
            Assert.Contains(problems, p => p.Contains(expected, System.StringComparison.Ordinal));
        }

        // ---- the task execution role --------------------------------------------------------------

        [Theory]
        [InlineData("secrets", """{ "name": "web", "image": "nginx", "secrets": [ { "name": "T", "valueFrom": "arn:aws:ssm:us-east-1:123456789012:parameter/t" } ] }""", "inject the secrets of web")]
        [InlineData("awslogs", """{ "name": "web", "image": "nginx", "logConfiguration": { "logDriver": "awslogs", "options": { "awslogs-group": "/ecs/web" } } }""", "send the awslogs output of web to CloudWatch Logs")]
        [InlineData("a private ECR image", """{ "name": "web", "image": "123456789012.dkr.ecr.eu-west-1.amazonaws.com/web:1" }""", "pull the image of web from Amazon ECR")]
        [InlineData("private registry credentials", """{ "name": "web", "image": "registry.example.com/web:1", "repositoryCredentials": { "credentialsParameter": "arn:aws:secretsmanager:us-east-1:123456789012:secret:reg-AbCdEf" } }""", "read the private registry credentials of web")]
        [InlineData("log secretOptions", """{ "name": "web", "image": "nginx", "logConfiguration": { "logDriver": "splunk", "secretOptions": [ { "name": "splunk-token", "valueFrom": "arn:aws:ssm:us-east-1:123456789012:parameter/s" } ] } }""", "read the log driver secretOptions of web")]
        public void Fargate_refuses_what_needs_an_execution_role_without_one(string what, string container, string reason)
        {
            var problems = Problems(Fargate(("containerDefinitions", Containers(container))));
            Assert.True(problems.Count == 1, $"{what}: expected one problem, found:\n  {string.Join("\n  ", problems)}");
            var problem = problems[0];
            Assert.StartsWith("executionRoleArn: this Fargate task needs a task execution role to " + reason, problem);
            Assert.Contains("Add executionRoleArn (Register-EcsTaskDefinitionX -ExecutionRoleArn)", problem);
            Assert.Contains("arn:aws:iam::123456789012:role/ecsTaskExecutionRole", problem);

            Assert.Empty(Problems(Fargate(("containerDefinitions", Containers(container)),
                ("executionRoleArn", "\"arn:aws:iam::123456789012:role/ecsTaskExecutionRole\""))));
        }

        [Fact]
        public void Every_reason_for_the_execution_role_is_named_in_one_problem()
        {
            var problems = Problems(Fargate(("containerDefinitions", Containers(
                """{ "name": "web", "image": "123456789012.dkr.ecr.us-east-1.amazonaws.com/web:1", "logConfiguration": { "logDriver": "awslogs", "options": { "awslogs-group": "/ecs/web" } } }""",
                """{ "name": "db", "image": "postgres:16", "essential": false, "secrets": [ { "name": "P", "valueFrom": "arn:aws:ssm:us-east-1:123456789012:parameter/p" } ] }"""))));
            var problem = Assert.Single(problems);
            Assert.Contains("send the awslogs output of web to CloudWatch Logs, pull the image of web from Amazon ECR, inject the secrets of db", problem);
        }

        [Fact]
        public void On_EC2_the_instance_role_pulls_from_ECR_and_writes_awslogs_but_secrets_still_need_the_execution_role()
        {
            Assert.Empty(Problems(Ec2(Containers("""{ "name": "api", "image": "123456789012.dkr.ecr.us-east-1.amazonaws.com/api:1", "memory": 256, "logConfiguration": { "logDriver": "awslogs", "options": { "awslogs-group": "/ecs/api" } } }"""))));
            var problem = Assert.Single(Problems(Ec2(Containers("""{ "name": "api", "image": "api:1", "memory": 256, "secrets": [ { "name": "T", "valueFrom": "arn:aws:ssm:us-east-1:123456789012:parameter/t" } ] }"""))));
            Assert.StartsWith("executionRoleArn: this task needs a task execution role to inject the secrets of api", problem);
        }

        [Fact]
        public void Public_registries_need_no_execution_role_on_Fargate()
        {
            Assert.Empty(Problems(Fargate(("containerDefinitions", Containers("""{ "name": "web", "image": "public.ecr.aws/nginx/nginx:1.27" }""")))));
        }

        // ---- one container on its own -------------------------------------------------------------

        [Fact]
        public void A_container_alone_is_checked_without_a_task_around_it()
        {
            var container = new ContainerDefinition { Name = "web", Image = "nginx:1.27", Memory = 512, MemoryReservation = 1024 };
            var problem = Assert.Single(TaskDefinitionValidator.ValidateContainer(container));
            Assert.Equal("memoryReservation: 1024 MiB is more than the container's memory limit of 512 MiB; the reservation (soft limit) must be at most the memory (hard limit).", problem);

            Assert.Empty(TaskDefinitionValidator.ValidateContainer(new ContainerDefinition { Name = "web", Image = "nginx", MemoryReservation = 128 }));
            Assert.Equal(new[] { "name: 'web.1' is not a valid container name. Use 1 to 255 letters (A-Z, a-z), digits, hyphens (-) and underscores (_).", "image: every container needs an image." },
                TaskDefinitionValidator.ValidateContainer(new ContainerDefinition { Name = "web.1" }));
        }

        [Theory]
        [InlineData("256", 256)]
        [InlineData(" 1024 ", 1024)]
        [InlineData("0.25 vCPU", 256)]
        [InlineData(".5 vcpu", 512)]
        [InlineData("2vCPU", 2048)]
        [InlineData("-256", null)]
        [InlineData("1e3", null)]
        [InlineData("lots", null)]
        [InlineData("", null)]
        public void Cpu_sizes_read_as_units(string text, int? units) => Assert.Equal(units, EcsRules.ParseCpuUnits(text));

        [Theory]
        [InlineData("512", 512)]
        [InlineData("0.5 GB", 512)]
        [InlineData("2GB", 2048)]
        [InlineData("3 gb", 3072)]
        [InlineData("1536 MB", null)]  // ECS takes MiB as a bare number or GB with a unit, not MB
        [InlineData("2 GiB", null)]
        [InlineData("plenty", null)]
        public void Memory_sizes_read_as_MiB(string text, int? mib) => Assert.Equal(mib, EcsRules.ParseMemoryMiB(text));

        // ---- rules ECS applies that the validator does not check (yet) ----------------------------

        [Theory]
        [InlineData("awsvpc")]
        [InlineData("host")]
        public void Links_are_refused_outside_bridge_networking_on_EC2_too(string networkMode)
        {
            // botocore's ECS model, ContainerDefinition.links: "This parameter is only supported
            // if the network mode of a task definition is bridge." — not only on Fargate.
            var problems = Problems(Ec2(Containers("""{ "name": "api", "image": "x", "memory": 64, "links": [ "db" ] }""", """{ "name": "db", "image": "y", "memory": 64 }"""),
                ("networkMode", "\"" + networkMode + "\"")));
            Assert.Contains(problems, p => p.Contains("links", System.StringComparison.Ordinal));
        }

        [Fact]
        public void Host_networking_needs_the_host_port_to_equal_the_container_port_too()
        {
            // PortMapping.hostPort: "If you use containers in a task with the awsvpc or host network
            // mode, the hostPort can either be left blank or set to the same value as the containerPort."
            var problems = Problems(Ec2(Containers("""{ "name": "api", "image": "x", "memory": 64, "portMappings": [ { "containerPort": 8080, "hostPort": 80 } ] }"""),
                ("networkMode", "\"host\"")));
            Assert.Contains(problems, p => p.Contains("host port must equal the container port", System.StringComparison.Ordinal));
        }
    }
}
