using System;
using System.Collections.Generic;
using System.Linq;
using System.Text.Json;
using System.Text.Json.Nodes;
using System.Threading;
using EcsPS.Engine.Protocols.Json;
using EcsPS.Engine.Ecs;
using EcsPS.Engine.Ecs.Model;
using EcsPS.Engine.Runtime;
using EcsPS.Engine.Tests.Fakes;
using EcsPS.TestFakes;
using EcsPS.Engine.Tests.Support;
using Xunit;

namespace EcsPS.Engine.Tests
{
    /// <summary>
    /// Every request the Engine builds is valid against botocore's current ECS model, and every
    /// answer the model describes parses into the Engine's models without losing a member.
    /// </summary>
    public sealed class ModelValidationTests
    {
        private static ServiceModel Model => ServiceModel.Ecs;
        private static readonly string[] AllClusterFields = { "ATTACHMENTS", "CONFIGURATIONS", "SETTINGS", "STATISTICS", "TAGS" };

        internal static ClusterConfiguration FullConfiguration() => new ClusterConfiguration
        {
            ExecuteCommandConfiguration = new ExecuteCommandConfiguration
            {
                KmsKeyId = "arn:aws:kms:us-east-1:123456789012:key/1234abcd-12ab-34cd-56ef-1234567890ab",
                Logging = "OVERRIDE",
                LogConfiguration = new ExecuteCommandLogConfiguration
                {
                    CloudWatchLogGroupName = "/ecs/exec/prod-web",
                    CloudWatchEncryptionEnabled = true,
                    S3BucketName = "exec-audit-123456789012",
                    S3EncryptionEnabled = false,
                    S3KeyPrefix = "exec/prod-web/",
                },
            },
            ManagedStorageConfiguration = new ManagedStorageConfiguration
            {
                KmsKeyId = "arn:aws:kms:us-east-1:123456789012:key/abcd1234-ab12-cd34-ef56-abcdef123456",
                FargateEphemeralStorageKmsKeyId = "arn:aws:kms:us-east-1:123456789012:key/ffff1234-ab12-cd34-ef56-abcdef123456",
            },
        };

        internal static List<CapacityProviderStrategyItem> FullStrategy() => new List<CapacityProviderStrategyItem>
        {
            new CapacityProviderStrategyItem { CapacityProvider = "FARGATE", Weight = 1, Base = 2 },
            new CapacityProviderStrategyItem { CapacityProvider = "FARGATE_SPOT", Weight = 4, Base = 0 },
        };

        internal static CreateClusterRequest FullCreateClusterRequest(string name = "prod-web") => new CreateClusterRequest
        {
            ClusterName = name,
            Tags = new List<Tag> { new Tag("team", "platform"), new Tag("cost-centre", "4711") },
            Settings = new List<ClusterSetting> { new ClusterSetting("containerInsights", "enhanced") },
            Configuration = FullConfiguration(),
            CapacityProviders = new List<string> { "FARGATE", "FARGATE_SPOT" },
            DefaultCapacityProviderStrategy = FullStrategy(),
            ServiceConnectDefaults = new ClusterServiceConnectDefaultsRequest { Namespace = "prod.internal" },
        };

        private static (ScriptedAwsServer Fake, EcsClient Client) Start()
        {
            var fake = new ScriptedAwsServer();
            foreach (var op in new[] { "CreateCluster", "UpdateCluster", "DeleteCluster", "PutClusterCapacityProviders" })
                fake.Always(op, EcsResponses.ClusterResponse(EcsResponses.FullCluster()));
            return (fake, new EcsClient(TestConnections.For(fake), null));
        }

        private static RecordedRequest OnlyRequest(ScriptedAwsServer fake, string operation)
        {
            var request = Assert.Single(fake.Requests);
            Assert.Equal(operation, ModelAssert.ValidRequest(Model, request));
            ModelAssert.ValidResponse(Model, request);
            return request;
        }

        [Fact]
        public void CreateCluster_with_every_option_is_valid()
        {
            var (fake, client) = Start();
            using (fake)
            {
                var cluster = client.CreateCluster(FullCreateClusterRequest(), CancellationToken.None).Cluster;
                Assert.Equal("prod-web", cluster.ClusterName);

                var body = OnlyRequest(fake, "CreateCluster").Json;
                Assert.Equal("enhanced", body.GetProperty("settings")[0].GetProperty("value").GetString());
                Assert.Equal("FARGATE_SPOT", body.GetProperty("defaultCapacityProviderStrategy")[1].GetProperty("capacityProvider").GetString());
                Assert.False(body.GetProperty("configuration").GetProperty("executeCommandConfiguration")
                    .GetProperty("logConfiguration").GetProperty("s3EncryptionEnabled").GetBoolean());
                Assert.Equal("prod.internal", body.GetProperty("serviceConnectDefaults").GetProperty("namespace").GetString());
            }
        }

        [Fact]
        public void CreateCluster_with_a_name_alone_sends_only_the_name()
        {
            var (fake, client) = Start();
            using (fake)
            {
                client.CreateCluster(new CreateClusterRequest { ClusterName = "bare" }, CancellationToken.None);
                var body = OnlyRequest(fake, "CreateCluster").Json;
                Assert.Equal(new[] { "clusterName" }, body.EnumerateObject().Select(p => p.Name));
            }
        }

        [Fact]
        public void UpdateCluster_with_every_option_is_valid()
        {
            var (fake, client) = Start();
            using (fake)
            {
                client.UpdateCluster(new UpdateClusterRequest
                {
                    Cluster = EcsResponses.ClusterArn("prod-web"),
                    Settings = new List<ClusterSetting> { new ClusterSetting("containerInsights", "disabled") },
                    Configuration = FullConfiguration(),
                    ServiceConnectDefaults = new ClusterServiceConnectDefaultsRequest { Namespace = "arn:aws:servicediscovery:us-east-1:123456789012:namespace/ns-abc" },
                }, CancellationToken.None);
                var body = OnlyRequest(fake, "UpdateCluster").Json;
                Assert.Equal(EcsResponses.ClusterArn("prod-web"), body.GetProperty("cluster").GetString());
            }
        }

        [Fact]
        public void DeleteCluster_is_valid()
        {
            var (fake, client) = Start();
            using (fake)
            {
                client.DeleteCluster(new DeleteClusterRequest { Cluster = "prod-web" }, CancellationToken.None);
                var body = OnlyRequest(fake, "DeleteCluster").Json;
                Assert.Equal("prod-web", body.GetProperty("cluster").GetString());
            }
        }

        [Fact]
        public void PutClusterCapacityProviders_is_valid_including_an_empty_strategy()
        {
            var (fake, client) = Start();
            using (fake)
            {
                client.PutClusterCapacityProviders(new PutClusterCapacityProvidersRequest
                {
                    Cluster = "prod-web",
                    CapacityProviders = new List<string> { "FARGATE", "FARGATE_SPOT" },
                    DefaultCapacityProviderStrategy = FullStrategy(),
                }, CancellationToken.None);
                // Removing every capacity provider: both lists are required, so they go out empty.
                client.PutClusterCapacityProviders(new PutClusterCapacityProvidersRequest
                {
                    Cluster = "prod-web",
                    CapacityProviders = new List<string>(),
                    DefaultCapacityProviderStrategy = new List<CapacityProviderStrategyItem>(),
                }, CancellationToken.None);

                Assert.Equal(2, fake.Requests.Count);
                foreach (var request in fake.Requests)
                {
                    Assert.Equal("PutClusterCapacityProviders", ModelAssert.ValidRequest(Model, request));
                    ModelAssert.ValidResponse(Model, request);
                }
                Assert.Equal(0, fake.Requests[1].Json.GetProperty("capacityProviders").GetArrayLength());
            }
        }

        [Fact]
        public void DescribeClusters_with_include_is_valid_and_batches_within_the_limit()
        {
            using var fake = new ScriptedAwsServer();
            fake.On("DescribeClusters", r =>
            {
                var names = r.Json.GetProperty("clusters").EnumerateArray().Select(e => e.GetString());
                return EcsResponses.DescribeClusters(new JsonArray(names.Select(n => (JsonNode)EcsResponses.BasicCluster(n)).ToArray()));
            });
            var client = new EcsClient(TestConnections.For(fake), null);
            var names = Enumerable.Range(1, 150).Select(i => "cluster-" + i).ToList();

            var results = client.DescribeClusters(names, AllClusterFields.Concat(new[] { "TAGS" }), CancellationToken.None).ToList();

            Assert.Equal(150, results.Sum(r => r.Items.Count));
            Assert.All(results, r => Assert.Empty(r.Failures));
            Assert.Equal(new[] { 100, 50 }, fake.Requests.Select(r => r.Json.GetProperty("clusters").GetArrayLength()));
            foreach (var request in fake.Requests)
            {
                Assert.Equal("DescribeClusters", ModelAssert.ValidRequest(Model, request));
                ModelAssert.ValidResponse(Model, request);
                ModelAssert.CoversShape(Model, "DescribeClustersRequest", request.Json);
                Assert.Equal(AllClusterFields, request.Json.GetProperty("include").EnumerateArray().Select(e => e.GetString()));
            }
        }

        [Fact]
        public void ListClusters_pages_are_valid_and_carry_the_token()
        {
            using var fake = new ScriptedAwsServer();
            fake.Enqueue("ListClusters",
                EcsResponses.ListClusters("token-2", EcsResponses.ClusterArn("a"), EcsResponses.ClusterArn("b")),
                EcsResponses.ListClusters(null, EcsResponses.ClusterArn("c")));
            var client = new EcsClient(TestConnections.For(fake), null);

            var pages = client.ListClusterArns(CancellationToken.None).ToList();

            Assert.Equal(new[] { 2, 1 }, pages.Select(p => p.Count));
            Assert.Equal(2, fake.Requests.Count);
            foreach (var request in fake.Requests)
            {
                Assert.Equal("ListClusters", ModelAssert.ValidRequest(Model, request));
                ModelAssert.ValidResponse(Model, request);
                Assert.Equal(EcsClient.ListPageSize, request.Json.GetProperty("maxResults").GetInt32());
            }
            Assert.False(fake.Requests[0].Json.TryGetProperty("nextToken", out _));
            Assert.Equal("token-2", fake.Requests[1].Json.GetProperty("nextToken").GetString());
            ModelAssert.CoversShape(Model, "ListClustersRequest", fake.Requests[1].Json);
        }

        [Fact]
        public void Fully_populated_requests_cover_every_member_of_their_input_shapes()
        {
            // A member of the current model that the Engine cannot send shows up here by name.
            var (fake, client) = Start();
            using (fake)
            {
                client.CreateCluster(FullCreateClusterRequest(), CancellationToken.None);
                client.UpdateCluster(new UpdateClusterRequest
                {
                    Cluster = "prod-web",
                    Settings = new List<ClusterSetting> { new ClusterSetting("containerInsights", "enabled") },
                    Configuration = FullConfiguration(),
                    ServiceConnectDefaults = new ClusterServiceConnectDefaultsRequest { Namespace = "prod.internal" },
                }, CancellationToken.None);
                client.DeleteCluster(new DeleteClusterRequest { Cluster = "prod-web" }, CancellationToken.None);
                client.PutClusterCapacityProviders(new PutClusterCapacityProvidersRequest
                {
                    Cluster = "prod-web",
                    CapacityProviders = new List<string> { "FARGATE" },
                    DefaultCapacityProviderStrategy = FullStrategy(),
                }, CancellationToken.None);

                foreach (var request in fake.Requests)
                {
                    var operation = ModelAssert.ValidRequest(Model, request);
                    ModelAssert.CoversShape(Model, Model.InputShapeOf(operation), request.Json);
                }
            }
        }

        [Fact]
        public void A_full_DescribeClusters_answer_fills_every_property_of_Cluster()
        {
            var fixture = EcsResponses.FullCluster();
            using (var doc = JsonDocument.Parse(fixture.ToJsonString()))
            {
                // The fixture itself is what the model describes, and all of it.
                ModelAssert.Fail(Model.Validate("Cluster", doc.RootElement), "the Cluster fixture");
                ModelAssert.CoversShape(Model, "Cluster", doc.RootElement);
            }

            using var fake = new ScriptedAwsServer();
            var missingArn = EcsResponses.ClusterArn("gone");
            fake.Enqueue("DescribeClusters", EcsResponses.DescribeClusters(
                new JsonArray(fixture.DeepClone()), new JsonArray(EcsResponses.MissingFailure(missingArn))));
            var client = new EcsClient(TestConnections.For(fake), null);

            var result = Assert.Single(client.DescribeClusters(new[] { "prod-web", "gone" }, AllClusterFields, CancellationToken.None));
            ModelAssert.ValidResponse(Model, Assert.Single(fake.Requests));

            var cluster = Assert.Single(result.Items);
            ModelAssert.Fail(ObjectCoverage.UnsetProperties(cluster, EngineJson.Options), "properties of the parsed Cluster");
            // Written back with the Engine's own settings, it is the fixture again: every member was
            // read into a property and every property writes the member's name.
            var roundTrip = JsonNode.Parse(EngineJson.Serialize(cluster));
            Assert.True(JsonNode.DeepEquals(fixture, roundTrip), $"expected {fixture.ToJsonString()}\nactual   {roundTrip.ToJsonString()}");
            Assert.Equal("enhanced", cluster.ContainerInsights);
            Assert.Equal("us-east-1", cluster.Region);

            var failure = Assert.Single(result.Failures);
            Assert.Equal("gone", failure.Requested);
            Assert.Equal(missingArn, failure.Arn);
            Assert.True(failure.IsMissing);
        }

        /// <summary>Every Engine model type named after a shape of the model (the generated ones,
        /// and any hand-written one that claims a shape's name).</summary>
        private static List<Type> EngineModelTypes()
            => typeof(Cluster).Assembly.GetExportedTypes()
                .Where(t => t.Namespace == typeof(Cluster).Namespace && t.IsClass && Model.HasShape(t.Name))
                .OrderBy(t => t.Name, StringComparer.Ordinal)
                .ToList();

        [Fact]
        public void Engine_model_types_match_their_shapes_member_for_member()
        {
            var types = EngineModelTypes();
            Assert.Contains(typeof(Cluster), types);
            Assert.Contains(typeof(CreateClusterRequest), types);
            var problems = types.SelectMany(t => Model.CompareWithType(t.Name, t, EngineJson.Options)).Distinct().ToList();
            ModelAssert.Fail(problems, $"{types.Count} Engine model types against the shapes of the same name");
        }

        [Theory]
        [InlineData("CreateCluster")]
        [InlineData("UpdateCluster")]
        [InlineData("DeleteCluster")]
        [InlineData("PutClusterCapacityProviders")]
        [InlineData("DescribeClusters")]
        [InlineData("ListClusters")]
        public void The_cluster_operations_have_request_and_response_types(string operation)
        {
            var types = EngineModelTypes().Select(t => t.Name).ToList();
            Assert.Contains(Model.InputShapeOf(operation), types);
            Assert.Contains(Model.OutputShapeOf(operation), types);
        }
    }

    /// <summary>The validator rejects what the service would reject (so a pass above means something).</summary>
    public sealed class ServiceModelValidatorTests
    {
        private static ServiceModel Model => ServiceModel.Ecs;

        private static IReadOnlyList<string> ValidateInput(string operation, string json)
        {
            using var doc = JsonDocument.Parse(json);
            return Model.ValidateInput(operation, doc.RootElement);
        }

        [Fact]
        public void A_valid_body_passes()
            => Assert.Empty(ValidateInput("PutClusterCapacityProviders",
                "{\"cluster\":\"c\",\"capacityProviders\":[\"FARGATE\"],\"defaultCapacityProviderStrategy\":[{\"capacityProvider\":\"FARGATE\",\"weight\":1}]}"));

        [Fact]
        public void An_unknown_member_is_rejected()
        {
            var errors = ValidateInput("CreateCluster", "{\"clusterName\":\"c\",\"tags\":[{\"key\":\"k\",\"value\":\"v\",\"colour\":\"red\"}]}");
            var error = Assert.Single(errors);
            Assert.Contains("unknown member 'colour'", error);
            Assert.Contains("tags[0]", error);
        }

        [Fact]
        public void A_misspelled_top_level_member_is_rejected()
            => Assert.Contains("unknown member 'ClusterName'", Assert.Single(ValidateInput("CreateCluster", "{\"ClusterName\":\"c\"}")));

        [Fact]
        public void A_missing_required_member_is_rejected()
        {
            var errors = ValidateInput("PutClusterCapacityProviders", "{\"cluster\":\"c\",\"capacityProviders\":[]}");
            Assert.Contains("required member 'defaultCapacityProviderStrategy'", Assert.Single(errors));

            var nested = ValidateInput("CreateCluster", "{\"defaultCapacityProviderStrategy\":[{\"weight\":1}]}");
            Assert.Contains("required member 'capacityProvider'", Assert.Single(nested));
        }

        [Theory]
        [InlineData("{\"clusterName\":5}", "expected String")]
        [InlineData("{\"tags\":{\"key\":\"k\"}}", "expected Array")]
        [InlineData("{\"defaultCapacityProviderStrategy\":[{\"capacityProvider\":\"F\",\"weight\":\"1\"}]}", "expected Number")]
        [InlineData("{\"defaultCapacityProviderStrategy\":[{\"capacityProvider\":\"F\",\"weight\":1.5}]}", "not a whole number")]
        [InlineData("{\"defaultCapacityProviderStrategy\":[{\"capacityProvider\":\"F\",\"weight\":1001}]}", "above")]
        [InlineData("{\"configuration\":{\"executeCommandConfiguration\":{\"logConfiguration\":{\"s3EncryptionEnabled\":\"true\"}}}}", "expected a boolean")]
        [InlineData("{\"settings\":[{\"name\":\"containerinsights\",\"value\":\"enabled\"}]}", "not one of ClusterSettingName's values")]
        [InlineData("{\"clusterName\":null}", "null is sent")]
        public void Wrong_types_enums_bounds_and_nulls_are_rejected(string body, string expected)
            => Assert.Contains(expected, Assert.Single(ValidateInput("CreateCluster", body)));

        [Fact]
        public void Outputs_are_checked_too()
        {
            using var doc = JsonDocument.Parse("{\"clusters\":[{\"clusterName\":\"c\",\"runningTasksCount\":\"3\"}],\"failures\":[]}");
            Assert.Contains("runningTasksCount", Assert.Single(Model.ValidateOutput("DescribeClusters", doc.RootElement)));
        }

        [Fact]
        public void Coverage_names_the_members_left_out()
        {
            using var doc = JsonDocument.Parse("{\"clusterName\":\"c\",\"configuration\":{\"managedStorageConfiguration\":{\"kmsKeyId\":\"k\"}}}");
            var missing = Model.MissingMembers("CreateClusterRequest", doc.RootElement);
            Assert.Contains("CreateClusterRequest.tags", missing);
            Assert.Contains("CreateClusterRequest.configuration.executeCommandConfiguration", missing);
            Assert.Contains("CreateClusterRequest.configuration.managedStorageConfiguration.fargateEphemeralStorageKmsKeyId", missing);
            Assert.DoesNotContain("CreateClusterRequest.clusterName", missing);
        }

        private sealed class Misnamed
        {
            public string ClusterArn { get; set; }
            public string ClusterNmae { get; set; }
            public string RunningTasksCount { get; set; }
        }

        [Fact]
        public void A_type_whose_property_misses_its_json_name_is_reported()
        {
            var problems = Model.CompareWithType("Cluster", typeof(Misnamed), EngineJson.Options, allowPartial: true);
            Assert.Contains(problems, p => p.Contains("'clusterNmae' is not a member of Cluster"));
            Assert.Contains(problems, p => p.Contains("RunningTasksCount") && p.Contains("cannot carry"));
            Assert.Equal(2, problems.Count);
            Assert.Contains(Model.CompareWithType("Cluster", typeof(Misnamed), EngineJson.Options),
                p => p.Contains("member 'status' has no property"));
        }
    }
}
