using System.Collections.Generic;
using System.Management.Automation;
using EcsPS.Common;
using EcsPS.Engine.Ecs;
using EcsPS.Engine.Ecs.Model;

namespace EcsPS.Ecs.ContainerInstances
{
    /// <summary>Container instance cmdlets share -Cluster, bound by property name from clusters and container instances.</summary>
    public abstract class ContainerInstanceCmdletBase : EcsCmdletBase
    {
        /// <summary>The cluster's name or ARN; the cluster named in an instance ARN, else 'default', when omitted.</summary>
        [Parameter(ValueFromPipelineByPropertyName = true)]
        [ValidateEcsName("cluster", AllowArn = true)]
        [Alias("ClusterArn", "ClusterName")]
        [ArgumentCompleter(typeof(ClusterNameCompleter))]
        public string Cluster { get; set; }

        /// <summary>
        /// The cluster to ask about an instance: -Cluster, or else the cluster its ARN names
        /// (container-instance/cluster/id), so that an ARN alone finds its instance.
        /// </summary>
        protected string ClusterFor(string instance) => Cluster ?? EcsArns.ClusterOf(instance);

        /// <summary>Describes instances, each in its own cluster, 100 to a request; missing ones are
        /// ContainerInstanceNotFoundException errors.</summary>
        protected List<ContainerInstance> DescribeNamed(IEnumerable<(string Cluster, string Instance)> instances)
        {
            var found = new List<ContainerInstance>();
            var resolver = new NameResolver<ContainerInstance>(this,
                region => EcsResources.ContainerInstances(EcsIn(region), null, null, includeTags: false), found.Add);
            foreach (var (cluster, instance) in instances) resolver.Add(cluster, instance);
            resolver.Complete();
            return found;
        }

        /// <summary>"0123abcd... (i-0abc...) in cluster prod": how messages name an instance.</summary>
        internal static string Describe(ContainerInstance ci)
            => ci.ContainerInstanceId + (ci.Ec2InstanceId != null ? $" ({ci.Ec2InstanceId})" : string.Empty) + $" in cluster {ci.ClusterName}";
    }
}
