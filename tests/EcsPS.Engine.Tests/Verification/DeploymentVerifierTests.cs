using System;
using System.Collections.Generic;
using System.Linq;
using System.Text.Json.Nodes;
using System.Threading;
using EcsPS.Engine.CloudWatchLogs;
using EcsPS.Engine.Ecr;
using EcsPS.Engine.Ecs.Model;
using EcsPS.Engine.Ecs.Verification;
using EcsPS.Engine.ElasticLoadBalancingV2;
using DescribeTargetGroupsRequest = EcsPS.Engine.ElasticLoadBalancingV2.Model.DescribeTargetGroupsRequest;
using EcsPS.Engine.Tests.Support;
using EcsPS.TestFakes;
using Xunit;

namespace EcsPS.Engine.Tests.Verification
{
    /// <summary>
    /// DeploymentVerifier against the scripted fake answering ECR, CloudWatch Logs and ELBv2: each
    /// check's finding, the batching (one request per repository, per log group, per 20 target
    /// groups), and a refused request turned into a Warning. Every request is held to botocore.
    /// </summary>
    public sealed class DeploymentVerifierTests : IDisposable
    {
        private const string Registry = "123456789012.dkr.ecr.us-east-1.amazonaws.com";
        private const string Role = "arn:aws:iam::123456789012:role/ecsTaskExecutionRole";
        private const string Tg = "arn:aws:elasticloadbalancing:us-east-1:123456789012:targetgroup/web-tg/73e2d6bc24d8a067";
        private static readonly string Digest = "sha256:" + new string('a', 64);

        private readonly ScriptedAwsServer _fake = new ScriptedAwsServer("verify");
        private readonly DeploymentVerifier _verifier;

        public DeploymentVerifierTests()
        {
            var options = TestConnections.For(_fake, maxErrorRetry: 0, clock: new VirtualTransportClock());
            _verifier = new DeploymentVerifier(r => new EcrClient(options, null), r => new CloudWatchLogsClient(options, null),
                r => new ElasticLoadBalancingV2Client(options, null), TestConnections.Region);
        }

        public void Dispose() => _fake.Dispose();

        private static ContainerDefinition Container(string name, string image, int port = 8080)
            => new ContainerDefinition
            {
                Name = name,
                Image = image,
                Essential = true,
                PortMappings = new List<PortMapping> { new PortMapping { ContainerPort = port, Protocol = "tcp" } },
            };

        private static RegisterTaskDefinitionRequest Fargate(params ContainerDefinition[] containers)
            => new RegisterTaskDefinitionRequest
            {
                Family = "web",
                RequiresCompatibilities = new List<string> { "FARGATE" },
                NetworkMode = "awsvpc",
                Cpu = "256",
                Memory = "512",
                ExecutionRoleArn = Role,
                ContainerDefinitions = containers.ToList(),
            };

        private List<DeploymentFinding> Verify(RegisterTaskDefinitionRequest td, Service service = null)
        {
            var findings = _verifier.Verify(td, "web:3", service, CancellationToken.None);
            AssertTrafficFitsBotocore();
            return findings;
        }

        private void AssertTrafficFitsBotocore()
        {
            Assert.Empty(_fake.Unscripted);
            var query = new List<QueryExchange>();
            foreach (var r in _fake.Requests)
            {
                if (r.Protocol == "query")
                {
                    query.Add(new QueryExchange(r.Operation, new DescribeTargetGroupsRequest
                    {
                        TargetGroupArns = r.Form.Where(p => p.Key.StartsWith("TargetGroupArns.member.", StringComparison.Ordinal)).Select(p => p.Value).ToList(),
                    }, r));
                    continue;
                }
                var model = r.Operation == "DescribeLogGroups" ? ServiceModel.ForBotocore("logs", "2014-03-28") : ServiceModel.ForBotocore("ecr", "2015-09-21");
                ModelAssert.ValidRequest(model, r);
                if (r.Response?.StatusCode < 300) ModelAssert.ValidResponse(model, r);
            }
            if (query.Count == 0) return;
            var verdicts = BotocoreQuery.Judge(query);
            for (var i = 0; i < query.Count; i++)
            {
                Assert.True(verdicts[i].Validation.Length == 0, $"botocore rejects {query[i].Operation}: {verdicts[i].Validation}");
                Assert.Empty(BotocoreQuery.FormDifferences(verdicts[i].BotocoreForm, verdicts[i].OurForm));
            }
        }

        /// <summary>
        /// DescribeImages answered from the tags a repository has, as ECR does: every id found, or
        /// the whole request failed with ImageNotFoundException.
        /// </summary>
        private void Repository(params string[] tags)
            => _fake.On("DescribeImages", r =>
            {
                var asked = r.Json.GetProperty("imageIds").EnumerateArray().Select(id => id.GetProperty("imageTag").GetString()).ToList();
                var absent = asked.FirstOrDefault(t => !tags.Contains(t));
                if (absent != null)
                    return ScriptedResponse.Error("ImageNotFoundException",
                        $"The image with imageId {{imageDigest:'null', imageTag:'{absent}'}} does not exist within the repository with name 'web' in the registry with id '123456789012'");
                var details = new JsonArray();
                foreach (var tag in asked)
                    details.Add(new JsonObject
                    {
                        ["registryId"] = "123456789012",
                        ["repositoryName"] = r.Json.GetProperty("repositoryName").GetString(),
                        ["imageDigest"] = Digest,
                        ["imageTags"] = new JsonArray(tag),
                    });
                return ScriptedResponse.Json(new JsonObject { ["imageDetails"] = details });
            });

        [Fact]
        public void A_missing_tag_is_an_error_and_one_request_asks_for_every_tag_of_a_repository()
        {
            Repository("2.1");
            var td = Fargate(Container("web", $"{Registry}/web:2.1"), Container("worker", $"{Registry}/web:2.2", 9000), Container("proxy", "nginx:1.27", 80));

            var findings = Verify(td);

            // One request for both tags; ECR fails it for the missing one, so each is asked alone. Never
            // BatchGetImage, which is a pull: it records a pull time and fills pull-through caches.
            Assert.Equal(3, _fake.RequestsFor("DescribeImages").Count);
            Assert.Equal(2, _fake.RequestsFor("DescribeImages")[0].Json.GetProperty("imageIds").GetArrayLength());
            Assert.Empty(_fake.RequestsFor("BatchGetImage"));
            Assert.Equal(3, _verifier.Requests);
            var missing = Assert.Single(findings, f => f.Severity == FindingSeverity.Error);
            Assert.Equal("containerDefinitions[worker].image", missing.Setting);
            Assert.Contains("tagged '2.2'", missing.Problem);
            Assert.Equal("web:3", missing.TaskDefinition);
            var hub = Assert.Single(findings, f => f.Severity == FindingSeverity.Information);
            Assert.Equal("containerDefinitions[proxy].image", hub.Setting);
            Assert.Contains("not checked", hub.Problem);
        }

        [Fact]
        public void A_missing_repository_is_an_error_for_each_of_its_images()
        {
            _fake.Always("DescribeImages", ScriptedResponse.Error("RepositoryNotFoundException", "The repository with name 'gone' does not exist"));
            var findings = Verify(Fargate(Container("web", $"{Registry}/gone:1")));
            var error = Assert.Single(findings);
            Assert.Equal(FindingSeverity.Error, error.Severity);
            Assert.Contains("'gone' does not exist", error.Problem);
        }

        [Fact]
        public void An_ECR_request_refused_is_a_warning_saying_what_was_not_checked()
        {
            _fake.Always("DescribeImages", ScriptedResponse.Error("AccessDeniedException", "User is not authorized to perform: ecr:DescribeImages"));
            var findings = Verify(Fargate(Container("web", $"{Registry}/web:1")));
            var warning = Assert.Single(findings);
            Assert.Equal(FindingSeverity.Warning, warning.Severity);
            Assert.Contains("could not be checked", warning.Problem);
            Assert.Contains("ecr:DescribeImages", warning.Fix);
        }

        [Fact]
        public void A_missing_log_group_is_an_error_unless_awslogs_creates_it()
        {
            // A prefix answer: only an exact name counts.
            _fake.Always("DescribeLogGroups", ScriptedResponse.Json(new JsonObject
            {
                ["logGroups"] = new JsonArray(new JsonObject { ["logGroupName"] = "/ecs/web-old", ["arn"] = "arn:aws:logs:us-east-1:123456789012:log-group:/ecs/web-old:*" }),
            }));
            var web = Container("web", "nginx:1.27");
            web.LogConfiguration = new LogConfiguration { LogDriver = "awslogs", Options = new Dictionary<string, string> { ["awslogs-group"] = "/ecs/web", ["awslogs-stream-prefix"] = "web" } };
            var side = Container("side", "nginx:1.27", 81);
            side.LogConfiguration = new LogConfiguration { LogDriver = "awslogs", Options = new Dictionary<string, string> { ["awslogs-group"] = "/ecs/web", ["awslogs-stream-prefix"] = "side" } };
            var made = Container("made", "nginx:1.27", 82);
            made.LogConfiguration = new LogConfiguration { LogDriver = "awslogs", Options = new Dictionary<string, string> { ["awslogs-group"] = "/ecs/new", ["awslogs-create-group"] = "true" } };

            var findings = Verify(Fargate(web, side, made));

            // Names come back in ASCII order, so the exact name would be the first of its prefix: one of one.
            var request = Assert.Single(_fake.RequestsFor("DescribeLogGroups"));
            Assert.Equal("/ecs/web", request.Json.GetProperty("logGroupNamePrefix").GetString());
            Assert.Equal(1, request.Json.GetProperty("limit").GetInt32());
            var errors = findings.Where(f => f.Severity == FindingSeverity.Error).ToList();
            Assert.Equal(new[] { "containerDefinitions[web].logConfiguration.options.awslogs-group", "containerDefinitions[side].logConfiguration.options.awslogs-group" },
                errors.Select(f => f.Setting));
            Assert.Contains("awslogs-create-group", errors[0].Fix);
            Assert.Contains(findings, f => f.Severity == FindingSeverity.Information && f.Setting == "containerDefinitions[made].logConfiguration.options.awslogs-group");
        }

        [Fact]
        public void A_Fargate_task_without_an_execution_role_for_its_ECR_image_and_secrets_is_an_error()
        {
            Repository("1");
            var web = Container("web", $"{Registry}/web:1");
            web.Secrets = new List<Secret> { new Secret { Name = "DB_PASSWORD", ValueFrom = "arn:aws:secretsmanager:us-east-1:123456789012:secret:db-AbCdEf" } };
            var td = Fargate(web);
            td.ExecutionRoleArn = null;

            var error = Assert.Single(Verify(td));
            Assert.Equal(("executionRoleArn", FindingSeverity.Error), (error.Setting, error.Severity));
            Assert.Contains("inject the secrets of web", error.Problem);
            Assert.Contains("pull the ECR image of web", error.Problem);
        }

        [Fact]
        public void A_service_on_Fargate_makes_a_size_that_Fargate_lacks_an_error_before_any_request()
        {
            var td = Fargate(Container("web", "nginx:1.27"));
            td.Cpu = "512";
            td.Memory = "512";
            td.RequiresCompatibilities = null;

            var findings = Verify(td, new Service { ServiceName = "web", LaunchType = "FARGATE" });

            var size = Assert.Single(findings, f => f.Setting == "cpu/memory");
            Assert.Equal(FindingSeverity.Error, size.Severity);
            Assert.Contains("512 MiB with 512 CPU units", size.Problem);
            Assert.Equal("web", size.Service);
            Assert.Empty(_fake.Requests);
        }

        [Fact]
        public void Port_mappings_must_fit_the_network_mode()
        {
            var web = Container("web", "nginx:1.27");
            web.PortMappings[0].HostPort = 80;
            var error = Assert.Single(Verify(Fargate(web)), f => f.Severity == FindingSeverity.Error);
            Assert.Equal("containerDefinitions[web].portMappings", error.Setting);
            Assert.Contains("hostPort 80 differs from containerPort 8080", error.Problem);

            var none = new RegisterTaskDefinitionRequest { Family = "batch", NetworkMode = "none", ContainerDefinitions = new List<ContainerDefinition> { Container("job", "busybox:1") } };
            Assert.Contains("networkMode none", Assert.Single(Verify(none), f => f.Severity == FindingSeverity.Error).Problem);

            var bridge = new RegisterTaskDefinitionRequest { Family = "web", NetworkMode = "bridge", ContainerDefinitions = new List<ContainerDefinition> { web } };
            Assert.DoesNotContain(Verify(bridge), f => f.Severity == FindingSeverity.Error);
            Assert.Empty(_fake.Requests);
        }

        [Fact]
        public void Fargate_platform_settings_are_checked_against_the_service()
        {
            var ec2Only = Fargate(Container("web", "nginx:1.27"));
            ec2Only.RequiresCompatibilities = new List<string> { "EC2" };
            ec2Only.NetworkMode = "bridge";
            var settings = Verify(ec2Only, new Service { ServiceName = "web", LaunchType = "FARGATE" })
                .Where(f => f.Severity == FindingSeverity.Error).Select(f => f.Setting).ToList();
            Assert.Contains("requiresCompatibilities", settings);
            Assert.Contains("networkMode", settings);

            var windows = Fargate(Container("web", "mcr.microsoft.com/windows/servercore/iis"));
            windows.Cpu = "1024";
            windows.Memory = "2048";
            windows.RuntimePlatform = new RuntimePlatform { OperatingSystemFamily = "WINDOWS_SERVER_2022_CORE", CpuArchitecture = "X86_64" };
            var version = Assert.Single(Verify(windows, new Service { ServiceName = "web", LaunchType = "FARGATE", PlatformVersion = "1.4.0" }),
                f => f.Setting == "platformVersion");
            Assert.Contains("1.0.0", version.Problem);
        }

        [Fact]
        public void On_Fargate_awslogs_needs_the_execution_role_and_on_EC2_the_instance_role_serves()
        {
            var web = Container("web", "nginx:1.27");
            web.LogConfiguration = new LogConfiguration { LogDriver = "awslogs", Options = new Dictionary<string, string> { ["awslogs-group"] = "/ecs/web", ["awslogs-create-group"] = "true" } };
            var fargate = Fargate(web);
            fargate.ExecutionRoleArn = null;
            Assert.Contains("send the awslogs output of web", Assert.Single(Verify(fargate), f => f.Setting == "executionRoleArn").Problem);

            var ec2 = new RegisterTaskDefinitionRequest { Family = "web", NetworkMode = "bridge", RequiresCompatibilities = new List<string> { "EC2" }, ContainerDefinitions = new List<ContainerDefinition> { web } };
            Assert.DoesNotContain(Verify(ec2), f => f.Setting == "executionRoleArn");
        }

        [Theory]
        [InlineData("arn:aws:secretsmanager:us-east-1:123456789012:secret:db-AbCdEf", true)]
        [InlineData("arn:aws:secretsmanager:us-east-1:123456789012:secret:db-AbCdEf:password::", true)]
        [InlineData("arn:aws:ssm:us-east-1:123456789012:parameter/prod/db", true)]
        [InlineData("/prod/db", true)]
        [InlineData("arn:aws:kms:us-east-1:123456789012:key/1234", false)]
        [InlineData("arn:aws:secretsmanager:us-east-1:1234:secret:db", false)]
        [InlineData("my secret", false)]
        public void Secret_references_must_be_an_ARN_or_a_parameter_name(string valueFrom, bool ok)
        {
            var web = Container("web", "nginx:1.27");
            web.Secrets = new List<Secret> { new Secret { Name = "DB", ValueFrom = valueFrom } };
            var findings = Verify(Fargate(web));
            if (ok) Assert.DoesNotContain(findings, f => f.Severity == FindingSeverity.Error);
            else Assert.Equal("containerDefinitions[web].secrets[DB]", Assert.Single(findings, f => f.Severity == FindingSeverity.Error).Setting);
        }

        [Theory]
        [InlineData("arn:aws:secretsmanager:us-east-1:123456789012:secret:registry-AbCdEf", true)]
        [InlineData("registry/dockerhub", true)]
        [InlineData("arn:aws:ssm:us-east-1:123456789012:parameter/registry", false)]
        [InlineData("my registry", false)]
        public void Registry_credentials_are_a_secret_ARN_or_name(string parameter, bool ok)
        {
            var web = Container("web", "registry.example.com/web:1");
            web.RepositoryCredentials = new RepositoryCredentials { CredentialsParameter = parameter };
            var findings = Verify(Fargate(web));
            var errors = findings.Where(f => f.Severity == FindingSeverity.Error).ToList();
            if (ok) Assert.Empty(errors);
            else Assert.Equal("containerDefinitions[web].repositoryCredentials.credentialsParameter", Assert.Single(errors).Setting);
        }

        [Fact]
        public void The_service_is_judged_as_the_update_leaves_it()
        {
            // ARM64 needs platform 1.4.0: an error on a 1.3.0 service, none once the update sets LATEST.
            var td = Fargate(Container("web", "nginx:1.27"));
            td.RuntimePlatform = new RuntimePlatform { CpuArchitecture = "ARM64", OperatingSystemFamily = "LINUX" };
            var service = new Service { ServiceName = "web", LaunchType = "FARGATE", PlatformVersion = "1.3.0" };

            Assert.Contains(Verify(td, service), f => f.Setting == "platformVersion" && f.Severity == FindingSeverity.Error);
            Assert.DoesNotContain(Verify(td, service.AsUpdated("LATEST", null)), f => f.Severity == FindingSeverity.Error);
            Assert.Equal("1.3.0", service.PlatformVersion);

            // A capacity provider strategy replaces the launch type: EC2 providers make it no Fargate task.
            var onEc2 = service.AsUpdated(null, new List<CapacityProviderStrategyItem> { new CapacityProviderStrategyItem { CapacityProvider = "asg-web", Weight = 1 } });
            Assert.Null(onEc2.LaunchType);
            Assert.DoesNotContain(Verify(td, onEc2), f => f.Setting == "platformVersion");
        }

        private void TargetGroups(int port, string protocol = "HTTP", string targetType = "ip", string healthCheckPort = "traffic-port")
            => _fake.On("DescribeTargetGroups", r =>
            {
                var arns = r.Form.Where(p => p.Key.StartsWith("TargetGroupArns.member.", StringComparison.Ordinal)).Select(p => p.Value).ToList();
                return ScriptedResponse.QueryResult("DescribeTargetGroups", "<TargetGroups>" + string.Concat(arns.Select(a =>
                    $"<member><TargetGroupArn>{a}</TargetGroupArn><TargetGroupName>{ElasticLoadBalancingV2Client.NameInArn(a)}</TargetGroupName>" +
                    $"<Protocol>{protocol}</Protocol><Port>{port}</Port><TargetType>{targetType}</TargetType><HealthCheckPort>{healthCheckPort}</HealthCheckPort></member>")) + "</TargetGroups>");
            });

        private static Service WebService(int containerPort)
            => new Service
            {
                ServiceName = "web",
                LaunchType = "FARGATE",
                LoadBalancers = new List<LoadBalancer> { new LoadBalancer { TargetGroupArn = Tg, ContainerName = "web", ContainerPort = containerPort } },
            };

        [Fact]
        public void A_target_group_port_that_no_container_port_matches_is_an_error()
        {
            TargetGroups(8080);
            var findings = Verify(Fargate(Container("web", "nginx:1.27", port: 80)), WebService(8080));

            Assert.Single(_fake.RequestsFor("DescribeTargetGroups"));
            var errors = findings.Where(f => f.Severity == FindingSeverity.Error).ToList();
            Assert.Equal(2, errors.Count);
            Assert.All(errors, e => Assert.Equal("loadBalancers[web-tg]", e.Setting));
            Assert.Contains(errors, e => e.Problem.Contains("maps only 80"));
            Assert.Contains(errors, e => e.Problem.Contains("listens on port 8080"));
        }

        [Fact]
        public void A_matching_target_group_gives_no_finding_and_an_instance_group_for_awsvpc_is_an_error()
        {
            TargetGroups(8080);
            Assert.DoesNotContain(Verify(Fargate(Container("web", "nginx:1.27")), WebService(8080)), f => f.Severity != FindingSeverity.Information);

            _fake.Reset();
            TargetGroups(8080, targetType: "instance");
            var error = Assert.Single(Verify(Fargate(Container("web", "nginx:1.27")), WebService(8080)), f => f.Severity == FindingSeverity.Error);
            Assert.Contains("target type instance", error.Problem);
        }

        [Fact]
        public void A_group_port_other_than_the_container_port_is_fine_unless_the_health_check_is_fixed_there()
        {
            // ECS registers the task at 8080 whatever port the group was created with.
            TargetGroups(80);
            Assert.DoesNotContain(Verify(Fargate(Container("web", "nginx:1.27")), WebService(8080)), f => f.Severity != FindingSeverity.Information);

            _fake.Reset();
            TargetGroups(80, healthCheckPort: "9000");
            var warning = Assert.Single(Verify(Fargate(Container("web", "nginx:1.27")), WebService(8080)), f => f.Severity == FindingSeverity.Warning);
            Assert.Contains("health-checks port 9000", warning.Problem);
            Assert.Contains("traffic-port", warning.Fix);
        }

        [Fact]
        public void A_target_group_protocol_the_port_mapping_does_not_speak_is_an_error()
        {
            TargetGroups(8080, protocol: "UDP");
            var error = Assert.Single(Verify(Fargate(Container("web", "nginx:1.27")), WebService(8080)), f => f.Severity == FindingSeverity.Error);
            Assert.Contains("speaks UDP", error.Problem);
            Assert.Contains("mapped as tcp", error.Problem);
        }

        [Fact]
        public void A_deleted_target_group_is_an_error()
        {
            _fake.Always("DescribeTargetGroups", ScriptedResponse.XmlError("TargetGroupNotFound", "One or more target groups not found"));
            var error = Assert.Single(Verify(Fargate(Container("web", "nginx:1.27")), WebService(8080)), f => f.Severity == FindingSeverity.Error);
            Assert.Contains("does not exist", error.Problem);
        }
    }
}
