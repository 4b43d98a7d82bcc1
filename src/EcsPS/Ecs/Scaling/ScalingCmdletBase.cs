using System;
using System.Management.Automation;
using EcsPS.Ecs.Services;
using EcsPS.Engine.ApplicationAutoScaling;
using EcsPS.Engine.ElasticLoadBalancingV2;
using EcsPS.Engine.Runtime;

namespace EcsPS.Ecs.Scaling
{
    /// <summary>
    /// The service auto scaling cmdlets: a service named by -Cluster and -ServiceName (or piped from
    /// Get-EcsServiceX), and the Application Auto Scaling client of the service's region.
    /// </summary>
    public abstract class ScalingCmdletBase : ServiceCmdletBase
    {
        /// <summary>The service's name or ARN.</summary>
        [Parameter(Mandatory = true, Position = 0, ValueFromPipelineByPropertyName = true)]
        [ValidateEcsName("service", AllowArn = true)]
        [Alias("Service", "ServiceArn")]
        [ArgumentCompleter(typeof(ServiceNameCompleter))]
        public virtual string ServiceName { get; set; }

        /// <summary>Application Auto Scaling in a region (null: the command's).</summary>
        protected ApplicationAutoScalingClient ScalingIn(string region)
            => ClientIn(region, (options, log) => new ApplicationAutoScalingClient(options, log));

        protected ElasticLoadBalancingV2Client LoadBalancingIn(string region)
            => ClientIn(region, (options, log) => new ElasticLoadBalancingV2Client(options, log));

        protected override string ServiceAdvice(AwsServiceException ex) => ScalingErrorAdvice.For(ex) ?? base.ServiceAdvice(ex);

        /// <summary>The service this item names: its cluster and name (never ARNs, which the
        /// resource id does not take), and the region its ARNs name.</summary>
        protected ScaledService Named(string service)
        {
            var cluster = ClusterFor(service) ?? "default";
            return new ScaledService(NameOf(cluster), NameOf(service), RegionOfArns(cluster, service), service);
        }

        private static string NameOf(string nameOrArn) => Arn.TryParse(nameOrArn, out var arn) ? arn.Name : nameOrArn;
    }

    /// <summary>A service as Application Auto Scaling names it.</summary>
    public sealed class ScaledService
    {
        public ScaledService(string cluster, string service, string region, string given)
        {
            ClusterName = cluster;
            ServiceName = service;
            Region = region;
            Given = given;
        }

        public string ClusterName { get; }
        public string ServiceName { get; }
        public string Region { get; }
        /// <summary>The name or ARN as the user gave it (the error target).</summary>
        public string Given { get; }
        public string ResourceId => ApplicationAutoScalingClient.ResourceIdOf(ClusterName, ServiceName);
        public override string ToString() => $"{ServiceName} (cluster {ClusterName})";
    }
}
