using System;
using System.IO;
using System.Linq;
using System.Management.Automation;
using System.Text.Json.Nodes;
using EcsPS.TestFakes;
using EcsPS.Tests.Support;
using Xunit;

namespace EcsPS.Tests
{
    /// <summary>
    /// An ARN's region is where its resource lives: a cmdlet given the ARN of another region than
    /// the command's sends the request there (the SigV4 scope the fake records says so), and
    /// refuses before sending anything when an explicit -Region, or another ARN, contradicts it.
    /// The command's region comes from a profile here (us-east-1), as it would from a user's
    /// config, so that -Region is not given unless a test gives it.
    /// </summary>
    public sealed class ArnRegionTests : IClassFixture<PowerShellHost>, IDisposable
    {
        private const string Account = "123456789012";
        private readonly PowerShellHost _host;
        private readonly string _folder;
        private readonly string _credentials;

        public ArnRegionTests(PowerShellHost host)
        {
            _host = host;
            _folder = Path.Combine(Path.GetTempPath(), "ecsps-arn-region-" + Guid.NewGuid().ToString("N"));
            Directory.CreateDirectory(_folder);
            // A -ProfileLocation file of its own, so the test process's environment is not touched.
            _credentials = Path.Combine(_folder, "credentials");
            File.WriteAllText(_credentials, "[home]\naws_access_key_id = AKIAECSPSARNREGION01\naws_secret_access_key = arn-region-secret\nregion = us-east-1\n");
        }

        public void Dispose()
        {
            try { Directory.Delete(_folder, true); } catch (IOException) { }
        }

        private static string ClusterArn(string region, string name) => $"arn:aws:ecs:{region}:{Account}:cluster/{name}";
        private static string ServiceArn(string region, string cluster, string name) => $"arn:aws:ecs:{region}:{Account}:service/{cluster}/{name}";

        /// <summary>An ECS that knows every cluster and service it is asked about, in the region it is asked in.</summary>
        private static ScriptedAwsServer Ecs()
            => new ScriptedAwsServer().OnAny(request =>
            {
                var region = request.Authorization.Region;
                var body = JsonNode.Parse(string.IsNullOrEmpty(request.Body) ? "{}" : request.Body).AsObject();
                JsonObject Cluster(string name) => new JsonObject { ["clusterArn"] = ClusterArn(region, name), ["clusterName"] = name, ["status"] = "ACTIVE" };
                switch (request.Operation)
                {
                    case "DeleteCluster":
                    case "UpdateCluster":
                        return ScriptedResponse.Json(new JsonObject { ["cluster"] = Cluster(Name(body["cluster"])) }.ToJsonString());
                    case "DescribeClusters":
                        var clusters = new JsonArray(body["clusters"].AsArray().Select(c => (JsonNode)Cluster(Name(c))).ToArray());
                        return ScriptedResponse.Json(new JsonObject { ["clusters"] = clusters, ["failures"] = new JsonArray() }.ToJsonString());
                    case "DescribeServices":
                        var cluster = Name(body["cluster"]) ?? "default";
                        var services = new JsonArray(body["services"].AsArray().Select(s => (JsonNode)new JsonObject
                        {
                            ["serviceArn"] = ServiceArn(region, cluster, Name(s)), ["serviceName"] = Name(s),
                            ["clusterArn"] = ClusterArn(region, cluster), ["status"] = "ACTIVE",
                        }).ToArray());
                        return ScriptedResponse.Json(new JsonObject { ["services"] = services, ["failures"] = new JsonArray() }.ToJsonString());
                    case "DeregisterTaskDefinition":
                        return ScriptedResponse.Json(new JsonObject { ["taskDefinition"] = new JsonObject
                        {
                            ["taskDefinitionArn"] = body["taskDefinition"].GetValue<string>(), ["family"] = "web", ["revision"] = 3, ["status"] = "INACTIVE",
                        } }.ToJsonString());
                    default:
                        return ScriptedResponse.Error("InvalidParameterException", "Unexpected operation " + request.Operation);
                }
            });

        private static string Name(JsonNode value)
        {
            var text = value?.GetValue<string>();
            return text == null ? null : text.Substring(text.LastIndexOf('/') + 1);
        }

        private RunResult Run(ScriptedAwsServer server, string command)
            => _host.Run(command + " -ProfileName home -ProfileLocation $credentials -EndpointUrl $url",
                Variables.Of(("url", server.Url), ("credentials", _credentials)));

        private static string[] RegionsSigned(ScriptedAwsServer server, string operation)
            => server.RequestsFor(operation).Select(r => r.Authorization.Region).ToArray();

        [Fact]
        public void A_cluster_ARN_of_another_region_is_deleted_in_that_region()
        {
            using var server = Ecs();
            var result = Run(server, $"Remove-EcsClusterX '{ClusterArn("eu-west-1", "x")}' -Force");

            Assert.Null(result.Terminating);
            Assert.Empty(result.Errors);
            Assert.Equal(new[] { "eu-west-1" }, RegionsSigned(server, "DeleteCluster"));
        }

        [Fact]
        public void A_name_stays_in_the_commands_region()
        {
            using var server = Ecs();
            Assert.Null(Run(server, "Remove-EcsClusterX x -Force").Terminating);
            Assert.Equal(new[] { "us-east-1" }, RegionsSigned(server, "DeleteCluster"));
        }

        [Fact]
        public void An_explicit_Region_that_contradicts_the_ARN_is_refused_before_anything_is_sent()
        {
            using var server = Ecs();
            var arn = ClusterArn("eu-west-1", "x");
            var result = Run(server, $"Remove-EcsClusterX '{arn}' -Force -Region us-east-1 -ErrorAction Continue");

            var error = Assert.Single(result.Errors);
            Assert.Equal("ArnRegionMismatch", error.FullyQualifiedErrorId.Split(',')[0]);
            Assert.Equal(ErrorCategory.InvalidArgument, error.CategoryInfo.Category);
            Assert.Equal(arn, error.TargetObject);
            Assert.Contains("eu-west-1", error.Exception.Message);
            Assert.Contains("-Region is us-east-1", error.Exception.Message);
            Assert.Equal(0, server.Count);
        }

        [Fact]
        public void An_explicit_Region_that_agrees_with_the_ARN_is_used()
        {
            using var server = Ecs();
            Assert.Empty(Run(server, $"Remove-EcsClusterX '{ClusterArn("eu-west-1", "x")}' -Force -Region eu-west-1").Errors);
            Assert.Equal(new[] { "eu-west-1" }, RegionsSigned(server, "DeleteCluster"));
        }

        [Fact]
        public void Get_EcsClusterX_describes_names_and_ARNs_each_in_their_region_in_batches_per_region()
        {
            using var server = Ecs();
            var result = Run(server, $"Get-EcsClusterX a, '{ClusterArn("eu-west-1", "b")}', c, '{ClusterArn("eu-west-1", "d")}'");

            Assert.Empty(result.Errors);
            Assert.Equal(4, result.Output.Count);
            var describes = server.RequestsFor("DescribeClusters");
            Assert.Equal(new[] { "eu-west-1", "us-east-1" }, describes.Select(r => r.Authorization.Region).OrderBy(r => r, StringComparer.Ordinal));
            var inIreland = describes.Single(r => r.Authorization.Region == "eu-west-1");
            Assert.Equal(2, JsonNode.Parse(inIreland.Body)["clusters"].AsArray().Count);
        }

        [Fact]
        public void A_cluster_ARN_takes_the_services_of_Get_EcsServiceX_to_its_region()
        {
            using var server = Ecs();
            var result = Run(server, $"Get-EcsServiceX -Cluster '{ClusterArn("ap-south-1", "prod")}' -ServiceName web");

            Assert.Empty(result.Errors);
            Assert.Single(result.Output);
            Assert.Equal(new[] { "ap-south-1" }, RegionsSigned(server, "DescribeServices"));
        }

        [Fact]
        public void A_cluster_and_a_service_ARN_of_different_regions_are_refused_as_a_conflict()
        {
            using var server = Ecs();
            var result = Run(server, $"Remove-EcsServiceX -Cluster '{ClusterArn("eu-west-1", "prod")}' " +
                $"-ServiceName '{ServiceArn("us-west-2", "prod", "web")}' -Force -ErrorAction Continue");

            var error = Assert.Single(result.Errors);
            Assert.Equal("ArnRegionConflict", error.FullyQualifiedErrorId.Split(',')[0]);
            Assert.Equal(ErrorCategory.InvalidArgument, error.CategoryInfo.Category);
            Assert.Equal(0, server.Count);
        }

        [Fact]
        public void A_task_definition_ARN_is_deregistered_in_its_region()
        {
            using var server = Ecs();
            var result = Run(server, $"Unregister-EcsTaskDefinitionX 'arn:aws:ecs:eu-central-1:{Account}:task-definition/web:3' -Force");

            Assert.Empty(result.Errors);
            Assert.Equal(new[] { "eu-central-1" }, RegionsSigned(server, "DeregisterTaskDefinition"));
        }

        [Fact]
        public void Piped_ARNs_that_contradict_Region_fail_one_by_one_and_the_others_go_through()
        {
            using var server = Ecs();
            var result = Run(server, $"'a', '{ClusterArn("eu-west-1", "b")}', '{ClusterArn("us-east-1", "c")}' | " +
                "Remove-EcsClusterX -Force -Region us-east-1 -ErrorAction Continue");

            Assert.Equal("ArnRegionMismatch", Assert.Single(result.Errors).FullyQualifiedErrorId.Split(',')[0]);
            Assert.Equal(new[] { "us-east-1", "us-east-1" }, RegionsSigned(server, "DeleteCluster"));
        }
    }
}
