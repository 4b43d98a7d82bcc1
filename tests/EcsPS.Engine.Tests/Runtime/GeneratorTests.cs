using System;
using System.Collections.Generic;
using System.IO;
using System.Linq;
using System.Reflection;
using System.Text.Json;
using System.Threading;
using EcsPS.Engine.Runtime;
using EcsPS.Engine.Tests.Support;
using Xunit;

namespace EcsPS.Engine.Tests
{
    /// <summary>
    /// The generated clients are what tools/generate-models.py makes of botocore today: the
    /// committed files are current, each listed operation is one client method, and each
    /// descriptor says what botocore's model metadata says.
    /// </summary>
    public sealed class GeneratorTests
    {
        private static string Generator => Path.Combine(Repository.Root, "tools", "generate-models.py");

        private sealed class ServiceList
        {
            public string File { get; set; }
            public string Botocore { get; set; }
            public string ApiVersion { get; set; }
            public string Name { get; set; }
            public string[] Operations { get; set; }
        }

        private static IReadOnlyList<ServiceList> Lists()
            => Directory.GetFiles(Path.Combine(Repository.Root, "tools", "services"), "*.json").OrderBy(f => f, StringComparer.Ordinal).Select(path =>
            {
                using var doc = JsonDocument.Parse(File.ReadAllText(path));
                var root = doc.RootElement;
                return new ServiceList
                {
                    File = Path.GetFileName(path),
                    Botocore = root.GetProperty("botocore").GetString(),
                    ApiVersion = root.GetProperty("apiVersion").GetString(),
                    Name = root.GetProperty("name").GetString(),
                    Operations = root.GetProperty("operations").EnumerateArray().Select(o => o.GetString()).ToArray(),
                };
            }).ToList();

        public static IEnumerable<object[]> ListFiles => Lists().Select(l => new object[] { l.File });

        [Fact]
        public void The_committed_generated_files_are_what_the_generator_makes_of_botocore_now()
        {
            var (exitCode, stdout, stderr) = Botocore.RunScript(Generator, new[] { "--check" }, Repository.Root);
            Assert.True(exitCode == 0,
                $"generate-models.py --check exited {exitCode}; run python3 tools/generate-models.py and commit the result.\n{stdout}\n{stderr}");
            Assert.Contains("up to date with botocore " + Botocore.Version, stdout);
        }

        [Fact]
        public void The_check_fails_when_a_generated_file_is_edited()
        {
            // On a copy of the generator's inputs and outputs, so the checkout stays as it is.
            using var copy = new TempFolder();
            foreach (var file in Directory.GetFiles(Path.Combine(Repository.Root, "tools", "services"), "*.json")
                         .Append(Generator)
                         .Concat(Directory.GetFiles(Path.Combine(Repository.Root, "src", "EcsPS.Engine", "Services"), "*.g.cs", SearchOption.AllDirectories)))
            {
                var target = Path.Combine(copy.Path, Path.GetRelativePath(Repository.Root, file));
                Directory.CreateDirectory(Path.GetDirectoryName(target));
                File.Copy(file, target);
            }
            var script = Path.Combine(copy.Path, "tools", "generate-models.py");
            var edited = Path.Combine(copy.Path, "src", "EcsPS.Engine", "Services", "Ecr", "EcrClient.g.cs");
            File.WriteAllText(edited, File.ReadAllText(edited).Replace("\"DescribeRepositories\"", "\"DescribeRepository\""));
            var (exitCode, stdout, stderr) = Botocore.RunScript(script, new[] { "--check" }, copy.Path);

            Assert.True(exitCode == 1, $"exit code {exitCode}\n{stdout}\n{stderr}");
            // Only the edited file is stale: the copy is otherwise complete, and the verdict is about the edit.
            var verdict = stdout.Split('\n').Single(l => l.StartsWith("out of date: ", StringComparison.Ordinal)).Trim();
            Assert.Equal("out of date: " + Path.Combine("src", "EcsPS.Engine", "Services", "Ecr", "EcrClient.g.cs") +
                ". Run python3 tools/generate-models.py and commit the result.", verdict);
        }

        [Fact]
        public void The_tests_know_every_service_the_generator_makes()
        {
            // EngineServices is the table the endpoint and wire tests run over; a service added to
            // tools/services must be added there too.
            Assert.Equal(Lists().Select(l => l.Botocore).OrderBy(s => s, StringComparer.Ordinal),
                EngineServices.All.Select(s => s.Botocore).OrderBy(s => s, StringComparer.Ordinal));
            foreach (var list in Lists())
            {
                var service = EngineServices.Get(list.Botocore);
                Assert.Equal($"EcsPS.Engine.{list.Name}.{list.Name}Client", service.Client.FullName);
                Assert.Equal(list.ApiVersion, service.Descriptor.ApiVersion);
            }
        }

        [Theory]
        [MemberData(nameof(ListFiles))]
        public void Each_listed_operation_is_exactly_one_client_method(string file)
        {
            var list = Lists().Single(l => l.File == file);
            var service = EngineServices.Get(list.Botocore);
            var client = service.Client;
            var modelNamespace = client.Namespace + ".Model";
            Assert.Equal(list.Operations.Length, list.Operations.Distinct().Count());

            foreach (var operation in list.Operations)
            {
                var request = client.Assembly.GetType(modelNamespace + "." + operation + "Request", throwOnError: false);
                var response = client.Assembly.GetType(modelNamespace + "." + operation + "Response", throwOnError: false);
                Assert.True(request != null && response != null, $"{client.Name}: no {operation}Request/{operation}Response in {modelNamespace}.");
                var methods = client.GetMethods(BindingFlags.Public | BindingFlags.Instance | BindingFlags.DeclaredOnly)
                    .Where(m => m.Name == operation && m.GetParameters().Select(p => p.ParameterType).SequenceEqual(new[] { request, typeof(CancellationToken) }))
                    .ToList();
                var method = Assert.Single(methods);
                Assert.Equal(response, method.ReturnType);
            }

            // Conversely, no method of the generated form (Op(OpRequest, CancellationToken)) is for an
            // operation no longer listed, and the AwsOperation fields name exactly the listed ones.
            // Hand-written helpers (ListTaskArns(ListTasksRequest, ...)) have other names.
            var stray = client.GetMethods(BindingFlags.Public | BindingFlags.Instance | BindingFlags.DeclaredOnly)
                .Where(m => m.GetParameters().Length == 2 && m.GetParameters()[1].ParameterType == typeof(CancellationToken)
                            && m.GetParameters()[0].ParameterType.Namespace == modelNamespace
                            && m.GetParameters()[0].ParameterType.Name == m.Name + "Request"
                            && !list.Operations.Contains(m.Name))
                .Select(m => m.Name).ToList();
            Assert.True(stray.Count == 0, $"{client.Name} has methods for unlisted operations: {string.Join(", ", stray)}");
            var operations = client.GetFields(BindingFlags.NonPublic | BindingFlags.Static)
                .Where(f => f.FieldType == typeof(AwsOperation)).Select(f => ((AwsOperation)f.GetValue(null)).Name).ToList();
            Assert.Equal(list.Operations.OrderBy(o => o, StringComparer.Ordinal), operations.OrderBy(o => o, StringComparer.Ordinal));
        }

        [Theory]
        [MemberData(nameof(EngineServices.Names), MemberType = typeof(EngineServices))]
        public void Each_descriptor_says_what_botocores_metadata_says(string name)
        {
            var service = EngineServices.Get(name);
            var facts = Botocore.Services(EngineServices.All.Select(s => s.Botocore)).GetProperty(name);
            var descriptor = service.Descriptor;

            Assert.Equal(facts.GetProperty("serviceId").GetString(), descriptor.ServiceId);
            Assert.Equal(facts.GetProperty("protocol").GetString(), descriptor.Protocol switch
            {
                WireProtocol.Json => "json",
                WireProtocol.Query => "query",
                _ => descriptor.Protocol.ToString(),
            });
            Assert.Equal(facts.GetProperty("signingName").GetString(), descriptor.SigningName);
            Assert.Equal(facts.GetProperty("endpointPrefix").GetString(), descriptor.EndpointPrefix);
            Assert.Equal(facts.GetProperty("apiVersion").GetString(), descriptor.ApiVersion);
            // Query services have neither; JSON services need both.
            Assert.Equal(facts.GetProperty("targetPrefix").GetString(), descriptor.TargetPrefix);
            Assert.Equal(facts.GetProperty("jsonVersion").GetString(), descriptor.JsonVersion);
            Assert.Equal(facts.GetProperty("endpointVariable").GetString(), descriptor.EndpointVariable);
        }

        private static IEnumerable<AwsOperation> OperationsOf(Type client)
            => client.GetFields(BindingFlags.NonPublic | BindingFlags.Static)
                .Where(f => f.FieldType == typeof(AwsOperation)).Select(f => (AwsOperation)f.GetValue(null));

        [Theory]
        [MemberData(nameof(EngineServices.Names), MemberType = typeof(EngineServices))]
        public void Each_operation_carries_the_idempotency_token_and_resend_rule_botocore_implies(string name)
        {
            var service = EngineServices.Get(name);
            var model = service.Model;
            foreach (var operation in OperationsOf(service.Client))
            {
                var input = model.InputShapeOf(operation.Name);
                var marked = input == null ? new List<string>() : model.Shape(input).TryGetProperty("members", out var members)
                    ? members.EnumerateObject().Where(m => m.Value.TryGetProperty("idempotencyToken", out var t) && t.GetBoolean())
                        .Select(m => char.ToUpperInvariant(m.Name[0]) + m.Name.Substring(1)).ToList()
                    : new List<string>();
                if (marked.Count > 0)
                    Assert.Equal(marked.Single(), operation.IdempotencyToken);
                if (operation.IdempotencyToken != null)
                {
                    // A token makes a repeat safe; the property exists on the request model as a string.
                    Assert.Equal(ResendSafety.Safe, operation.Resend);
                    var request = service.Client.Assembly.GetType(service.Client.Namespace + ".Model." + operation.Name + "Request");
                    Assert.Equal(typeof(string), request.GetProperty(operation.IdempotencyToken)?.PropertyType);
                }
            }
        }

        [Fact]
        public void An_operation_that_makes_something_must_say_whether_it_may_be_sent_twice()
        {
            // On a copy: drop the decision about CreateCluster from the ECS operation list.
            using var copy = new TempFolder();
            foreach (var file in Directory.GetFiles(Path.Combine(Repository.Root, "tools", "services"), "*.json").Append(Generator))
            {
                var target = Path.Combine(copy.Path, Path.GetRelativePath(Repository.Root, file));
                Directory.CreateDirectory(Path.GetDirectoryName(target));
                File.Copy(file, target);
            }
            var ecs = Path.Combine(copy.Path, "tools", "services", "ecs.json");
            var text = File.ReadAllText(ecs);
            var line = text.Split('\n').Single(l => l.TrimStart().StartsWith("\"CreateCluster\": \"cluster names are unique", StringComparison.Ordinal));
            File.WriteAllText(ecs, text.Replace(line + "\n", string.Empty));

            var (exitCode, stdout, stderr) = Botocore.RunScript(Path.Combine(copy.Path, "tools", "generate-models.py"), new[] { "--check", "--service", "ecs" }, copy.Path);

            Assert.True(exitCode == 2, $"exit code {exitCode}\n{stdout}\n{stderr}");
            Assert.Contains("CreateCluster makes something and has no idempotency token: list it in tools/services/ecs.json under " +
                            "\"resend\": \"atMostOnce\" (never sent twice) or \"safe\"", stderr);
        }
    }
}
