using System;
using System.Collections.Generic;
using System.Linq;
using System.Text.Json;
using Amazon.Runtime.Endpoints;
using EcsPS.Engine.Runtime;
using EcsPS.Engine.Tests.Support;
using Xunit;

namespace EcsPS.Engine.Tests
{
    /// <summary>
    /// For every region botocore knows, each service's client goes where botocore (the AWS CLI)
    /// sends the same request: the regional URL, and the FIPS, dual-stack and FIPS dual-stack
    /// variants. botocore's answer is its endpoint ruleset, evaluated at test time.
    /// </summary>
    public sealed class EndpointTests
    {
        private static readonly string[] Variants = { "regional", "fips", "dualStack", "fipsDualStack" };

        private static JsonElement Resolved => Botocore.Endpoints(EngineServices.All.Select(s => s.Botocore));

        /// <summary>The regions of every partition botocore ships.</summary>
        private static IEnumerable<(string Partition, string Region)> Regions()
            => Resolved.GetProperty("partitions").EnumerateArray()
                .SelectMany(p => p.GetProperty("regions").EnumerateArray().Select(r => (p.GetProperty("id").GetString(), r.GetString())))
                .Where(r => !IsPseudoRegion(r.Item2));

        // botocore lists aws-global, aws-cn-global, aws-us-gov-global ... beside the regions: names the
        // rulesets of global services (IAM, STS) map to one endpoint. None of these services has a
        // global endpoint, and they are not region names anyone passes as -Region.
        private static bool IsPseudoRegion(string region)
            => region.StartsWith("aws-", StringComparison.Ordinal) && region.EndsWith("-global", StringComparison.Ordinal);

        /// <summary>
        /// The URL the Engine's pipeline would send to: a client made by AwsClientFactory for the
        /// region, asked as the SDK's endpoint handler asks it (DetermineServiceOperationEndpoint).
        /// </summary>
        private static string EngineUrl(AwsServiceClient client, string variant)
        {
            var config = (AwsServiceConfig)client.Config;
            config.UseFIPSEndpoint = variant == "fips" || variant == "fipsDualStack";
            config.UseDualstackEndpoint = variant == "dualStack" || variant == "fipsDualStack";
            var url = config.DetermineServiceOperationEndpoint(new ServiceOperationEndpointParameters(new OperationRequest(new OperationCall(config.Service, new AwsOperation("Probe"), null), null))).URL;
            // botocore writes the bare origin; the SDK may add the path's "/".
            return url.TrimEnd('/');
        }

        private static IReadOnlyList<string> Mismatches(EngineService service, IEnumerable<string> variants)
        {
            var expected = Resolved.GetProperty("services").GetProperty(service.Botocore);
            var problems = new List<string>();
            foreach (var (partition, region) in Regions())
            {
                using var client = AwsClientFactory.Create(service.Descriptor, new AwsConnectionOptions
                {
                    Region = region, AccessKey = TestConnections.AccessKey, SecretKey = TestConnections.SecretKey,
                });
                foreach (var variant in variants)
                {
                    var botocore = expected.GetProperty(region).GetProperty(variant).GetString();
                    if (botocore == null) continue; // the ruleset refuses the variant there; nothing to match
                    var engine = EngineUrl(client, variant);
                    if (engine != botocore)
                        problems.Add($"{partition} {region} {variant}: Engine {engine}, botocore {botocore}");
                }
            }
            return problems;
        }

        [Fact]
        public void Botocore_lists_the_partitions_and_regions_these_tests_rely_on()
        {
            var partitions = Resolved.GetProperty("partitions").EnumerateArray()
                .ToDictionary(p => p.GetProperty("id").GetString(), p => p.GetProperty("regions").EnumerateArray().Select(r => r.GetString()).ToList());
            foreach (var id in new[] { "aws", "aws-cn", "aws-us-gov" })
                Assert.True(partitions.ContainsKey(id) && partitions[id].Any(r => !IsPseudoRegion(r)),
                    $"botocore {Resolved.GetProperty("botocoreVersion").GetString()} has no regions for partition {id}.");
            var regions = Regions().Select(r => r.Region).ToList();
            foreach (var region in new[] { "us-east-1", "eu-west-2", "us-gov-west-1", "cn-north-1" })
                Assert.Contains(region, regions);
            // Every variant of the regions the brief names resolves in botocore, so none is skipped as refused.
            foreach (var service in EngineServices.All)
                foreach (var region in new[] { "us-east-1", "eu-west-2", "us-gov-west-1" })
                    foreach (var variant in Variants)
                        Assert.NotNull(Resolved.GetProperty("services").GetProperty(service.Botocore).GetProperty(region).GetProperty(variant).GetString());
        }

        [Fact]
        public void Every_botocore_region_passes_the_Engines_region_name_check()
        {
            // -Region rejects what IsRegionName rejects, so a region missing here is unreachable.
            var rejected = Regions().Where(r => !AwsClientFactory.IsRegionName(r.Region)).Select(r => r.Region).ToList();
            Assert.True(rejected.Count == 0, "rejected: " + string.Join(", ", rejected));
        }

        [Theory]
        [MemberData(nameof(EngineServices.Names), MemberType = typeof(EngineServices))]
        public void Every_region_gets_the_regional_URL_botocore_sends_to(string service)
        {
            var problems = Mismatches(EngineServices.Get(service), new[] { "regional" });
            Assert.True(problems.Count == 0, $"{problems.Count} region(s) differ:\n  " + string.Join("\n  ", problems));
        }

        [Theory]
        [MemberData(nameof(EngineServices.Names), MemberType = typeof(EngineServices))]
        public void Every_region_gets_botocores_FIPS_and_dual_stack_URLs(string service)
        {
            var problems = Mismatches(EngineServices.Get(service), new[] { "fips", "dualStack", "fipsDualStack" });
            Assert.True(problems.Count == 0, $"{problems.Count} variant(s) differ:\n  " + string.Join("\n  ", problems));
        }

        [Theory]
        [InlineData("us-east-1")]
        [InlineData("eu-west-2")]
        [InlineData("us-gov-west-1")]
        public void ECRs_variants_use_their_own_host_labels(string region)
        {
            // ECR is the one service here whose hosts are not {endpointPrefix}[-fips]: its API lives at
            // api.ecr, its dual-stack hosts drop the "api." label. Spelled out for the regions the
            // docs name, beside the all-region comparison above.
            var expected = Resolved.GetProperty("services").GetProperty("ecr").GetProperty(region);
            using var client = AwsClientFactory.Create(EngineServices.Get("ecr").Descriptor, new AwsConnectionOptions
            {
                Region = region, AccessKey = TestConnections.AccessKey, SecretKey = TestConnections.SecretKey,
            });
            foreach (var variant in Variants)
                Assert.Equal(expected.GetProperty(variant).GetString(), EngineUrl(client, variant));
            Assert.StartsWith("https://api.ecr.", EngineUrl(client, "regional"), StringComparison.Ordinal);
        }
    }
}
