using System;
using System.Collections.Generic;
using System.Linq;
using System.Text.Json;
using System.Threading;
using EcsPS.Engine.ApplicationAutoScaling;
using EcsPS.Engine.CloudWatchLogs;
using EcsPS.Engine.Ecr;
using EcsPS.Engine.Ecs;
using EcsPS.Engine.ElasticLoadBalancingV2;
using EcsPS.Engine.Runtime;
using EcsPS.Engine.Tests.Support;
using EcsPS.TestFakes;
using Xunit;

namespace EcsPS.Engine.Tests
{
    /// <summary>
    /// Which URL wins, as the AWS CLI decides it: -EndpointUrl (options.EndpointUrl) for every
    /// service, then the service's own AWS_ENDPOINT_URL_&lt;SERVICE_ID&gt;, then AWS_ENDPOINT_URL.
    /// Proved with real requests from all five clients to several fakes; the variable names and
    /// their precedence are botocore's, asked at test time.
    /// </summary>
    /// <remarks>
    /// AWS_IGNORE_CONFIGURED_ENDPOINT_URLS, which AwsClientFactory reads for every client (AWSSDK.Core
    /// reads it once per process), is tested in ResolutionTests with the other variables that may
    /// change during a session.
    /// </remarks>
    [Collection(EnvironmentCollection.Name)]
    public sealed class EndpointOverrideTests
    {
        private const string Region = "eu-west-1";

        private static readonly Lazy<JsonElement> Facts = new Lazy<JsonElement>(
            () => Botocore.Services(EngineServices.All.Select(s => s.Botocore)));

        /// <summary>The variable botocore reads for a service's endpoint.</summary>
        private static string VariableOf(EngineService service)
            => Facts.Value.GetProperty(service.Botocore).GetProperty("endpointVariable").GetString();

        // One cheap call per service, through its generated client.
        private static readonly Dictionary<string, Action<AwsConnectionOptions>> Calls = new Dictionary<string, Action<AwsConnectionOptions>>
        {
            ["ecs"] = o => new EcsClient(o, null).ListClusters(new Ecs.Model.ListClustersRequest(), CancellationToken.None),
            ["elbv2"] = o => new ElasticLoadBalancingV2Client(o, null).DescribeLoadBalancers(
                new ElasticLoadBalancingV2.Model.DescribeLoadBalancersRequest(), CancellationToken.None),
            ["application-autoscaling"] = o => new ApplicationAutoScalingClient(o, null).DescribeScalableTargets(
                new ApplicationAutoScaling.Model.DescribeScalableTargetsRequest { ServiceNamespace = "ecs" }, CancellationToken.None),
            ["ecr"] = o => new EcrClient(o, null).DescribeRepositories(new Ecr.Model.DescribeRepositoriesRequest(), CancellationToken.None),
            ["logs"] = o => new CloudWatchLogsClient(o, null).DescribeLogGroups(new CloudWatchLogs.Model.DescribeLogGroupsRequest(), CancellationToken.None),
            ["cloudwatch"] = o => new CloudWatch.CloudWatchClient(o, null).ListMetrics(new CloudWatch.Model.ListMetricsRequest(), CancellationToken.None),
        };

        /// <summary>A fake that gives any JSON or Query operation an empty, successful answer.</summary>
        private static ScriptedAwsServer NewFake(string name)
        {
            var fake = new ScriptedAwsServer(name);
            fake.OnAny(r => r.Protocol == "query" ? ScriptedResponse.QueryResult(r.Operation, string.Empty) : ScriptedResponse.Json("{}"));
            return fake;
        }

        private static AwsConnectionOptions Keys(string endpointUrl = null) => new AwsConnectionOptions
        {
            Region = Region, AccessKey = TestConnections.AccessKey, SecretKey = TestConnections.SecretKey,
            EndpointUrl = endpointUrl, MaxErrorRetry = 0,
        };

        /// <summary>Calls every service once; no request may reach the internet trap.</summary>
        private static void CallEveryService(AwsConnectionOptions options)
        {
            var trapBefore = TestEnvironment.StrayTrafficTrap.Requests.Count;
            foreach (var service in EngineServices.All)
                Calls[service.Botocore](options);
            Assert.Equal(trapBefore, TestEnvironment.StrayTrafficTrap.Requests.Count);
        }

        /// <summary>The services (by signing name in the SigV4 scope) a fake was called for.</summary>
        private static string[] ServicesAt(ScriptedAwsServer fake)
            => fake.Requests.Select(r => r.Service).OrderBy(s => s, StringComparer.Ordinal).ToArray();

        private static string[] SigningNames(IEnumerable<EngineService> services)
            => services.Select(s => s.Descriptor.SigningName).OrderBy(s => s, StringComparer.Ordinal).ToArray();

        [Fact]
        public void Every_service_has_a_call_here()
            => Assert.Equal(EngineServices.All.Select(s => s.Botocore).OrderBy(s => s), Calls.Keys.OrderBy(s => s));

        [Fact]
        public void The_Engines_variable_names_are_botocores_and_botocore_ranks_them_above_AWS_ENDPOINT_URL()
        {
            foreach (var service in EngineServices.All)
                Assert.Equal(VariableOf(service), service.Descriptor.EndpointVariable);

            // botocore itself, with the Engine's variable name for one service and AWS_ENDPOINT_URL set:
            // that service takes its own URL; with only the other services' variables, the global one.
            const string global = "http://127.0.0.1:1/global";
            string Own(EngineService s) => "http://127.0.0.1:1/" + s.Botocore;
            var probes = EngineServices.All.SelectMany(s => new (string, string, IDictionary<string, string>)[]
            {
                ("own:" + s.Botocore, s.Botocore, new Dictionary<string, string>
                {
                    [s.Descriptor.EndpointVariable] = Own(s), ["AWS_ENDPOINT_URL"] = global,
                }),
                ("others:" + s.Botocore, s.Botocore, EngineServices.All.Where(o => o != s)
                    .ToDictionary(o => o.Descriptor.EndpointVariable, Own)
                    .Concat(new[] { new KeyValuePair<string, string>("AWS_ENDPOINT_URL", global) })
                    .ToDictionary(kv => kv.Key, kv => kv.Value)),
            });
            var endpoints = Botocore.ConfiguredEndpoints(probes);
            foreach (var service in EngineServices.All)
            {
                Assert.Equal(Own(service), endpoints["own:" + service.Botocore]);
                Assert.Equal(global, endpoints["others:" + service.Botocore]);
            }
        }

        [Theory]
        [MemberData(nameof(EngineServices.Names), MemberType = typeof(EngineServices))]
        public void A_services_own_variable_beats_AWS_ENDPOINT_URL_for_that_service_only(string name)
        {
            var service = EngineServices.Get(name);
            using var specific = NewFake("specific");
            using var general = NewFake("general");
            using var env = new EnvironmentScope().Set("AWS_ENDPOINT_URL", general.Url).Set(VariableOf(service), specific.Url);

            CallEveryService(Keys());

            Assert.Equal(new[] { service.Descriptor.SigningName }, ServicesAt(specific));
            Assert.Equal(SigningNames(EngineServices.All.Where(s => s != service)), ServicesAt(general));
            // The URL came from the environment, the signature still from -Region, not from the host.
            Assert.All(specific.Requests.Concat(general.Requests), r => Assert.Equal(Region, r.Authorization.Region));
        }

        [Fact]
        public void With_every_services_variable_set_each_service_goes_to_its_own()
        {
            var fakes = EngineServices.All.ToDictionary(s => s.Botocore, s => NewFake(s.Botocore));
            using var general = NewFake("general");
            try
            {
                using var env = new EnvironmentScope().Set("AWS_ENDPOINT_URL", general.Url);
                foreach (var service in EngineServices.All)
                    env.Set(VariableOf(service), fakes[service.Botocore].Url);

                CallEveryService(Keys());

                foreach (var service in EngineServices.All)
                    Assert.Equal(new[] { service.Descriptor.SigningName }, ServicesAt(fakes[service.Botocore]));
                Assert.Empty(general.Requests);
            }
            finally
            {
                foreach (var fake in fakes.Values) fake.Dispose();
            }
        }

        [Fact]
        public void AWS_ENDPOINT_URL_alone_serves_every_service()
        {
            using var general = NewFake("general");
            using var env = new EnvironmentScope().Set("AWS_ENDPOINT_URL", general.Url);

            CallEveryService(Keys());

            Assert.Equal(SigningNames(EngineServices.All), ServicesAt(general));
        }

        [Fact]
        public void An_explicit_EndpointUrl_beats_both_variables_for_every_service()
        {
            var fakes = EngineServices.All.ToDictionary(s => s.Botocore, s => NewFake(s.Botocore));
            using var general = NewFake("general");
            using var explicitFake = NewFake("explicit");
            try
            {
                using var env = new EnvironmentScope().Set("AWS_ENDPOINT_URL", general.Url);
                foreach (var service in EngineServices.All)
                    env.Set(VariableOf(service), fakes[service.Botocore].Url);

                CallEveryService(Keys(explicitFake.Url));

                Assert.Equal(SigningNames(EngineServices.All), ServicesAt(explicitFake));
                Assert.Empty(general.Requests);
                Assert.All(fakes.Values, f => Assert.Empty(f.Requests));
            }
            finally
            {
                foreach (var fake in fakes.Values) fake.Dispose();
            }
        }
    }
}
