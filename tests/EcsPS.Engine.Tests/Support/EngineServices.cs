using System;
using System.Collections.Generic;
using System.IO;
using System.Linq;
using EcsPS.Engine.ApplicationAutoScaling;
using EcsPS.Engine.CloudWatch;
using EcsPS.Engine.CloudWatchLogs;
using EcsPS.Engine.Ecr;
using EcsPS.Engine.Ecs;
using EcsPS.Engine.ElasticLoadBalancingV2;
using EcsPS.Engine.Runtime;

namespace EcsPS.Engine.Tests.Support
{
    /// <summary>One AWS service the Engine speaks: its botocore name, generated client and descriptor.</summary>
    public sealed class EngineService
    {
        public EngineService(string botocore, Type client, ServiceDescriptor descriptor)
        {
            Botocore = botocore;
            Client = client;
            Descriptor = descriptor;
        }

        /// <summary>The name botocore (and tools/services/&lt;name&gt;.json) knows it by.</summary>
        public string Botocore { get; }
        public Type Client { get; }
        public ServiceDescriptor Descriptor { get; }

        public ServiceModel Model => ServiceModel.ForBotocore(Botocore, Descriptor.ApiVersion);

        /// <summary>A fresh client of this service, through its public constructor.</summary>
        public AwsClient Create(AwsConnectionOptions options)
            => (AwsClient)Activator.CreateInstance(Client, options, (IEngineLog)null);

        public override string ToString() => Botocore;
    }

    public static class EngineServices
    {
        // Listed by hand on purpose: GeneratorTests proves this list and tools/services/*.json agree,
        // so a service added to the generator fails the suite until it is added here and tested.
        public static readonly IReadOnlyList<EngineService> All = new[]
        {
            new EngineService("ecs", typeof(EcsClient), EcsClient.Descriptor),
            new EngineService("elbv2", typeof(ElasticLoadBalancingV2Client), ElasticLoadBalancingV2Client.Descriptor),
            new EngineService("application-autoscaling", typeof(ApplicationAutoScalingClient), ApplicationAutoScalingClient.Descriptor),
            new EngineService("ecr", typeof(EcrClient), EcrClient.Descriptor),
            new EngineService("logs", typeof(CloudWatchLogsClient), CloudWatchLogsClient.Descriptor),
            new EngineService("cloudwatch", typeof(CloudWatchClient), CloudWatchClient.Descriptor),
        };

        public static EngineService Get(string botocore)
            => All.SingleOrDefault(s => s.Botocore == botocore) ?? throw new ArgumentException($"No Engine service '{botocore}'.");

        /// <summary>For [MemberData]: one row per service, by botocore name.</summary>
        public static IEnumerable<object[]> Names => All.Select(s => new object[] { s.Botocore });
    }

    /// <summary>The checkout the tests were built from.</summary>
    public static class Repository
    {
        private static readonly Lazy<string> RootPath = new Lazy<string>(() =>
        {
            for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir != null; dir = dir.Parent)
                if (File.Exists(Path.Combine(dir.FullName, "EcsPS.sln")))
                    return dir.FullName;
            throw new InvalidOperationException($"No EcsPS.sln above {AppContext.BaseDirectory}: the tests must run from a build inside the repository.");
        });

        /// <summary>The folder holding EcsPS.sln, found by walking up from the test assembly.</summary>
        public static string Root => RootPath.Value;
    }
}
