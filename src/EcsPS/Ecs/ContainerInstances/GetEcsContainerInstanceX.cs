using System.Management.Automation;
using EcsPS.Common;
using EcsPS.Engine.Ecs.Model;

namespace EcsPS.Ecs.ContainerInstances
{
    /// <summary>
    /// Container instances of a cluster (every one, or those of a status or matching a cluster
    /// query language filter), or named ones by id or ARN. Clusters piped in select their instances.
    /// </summary>
    [Cmdlet(VerbsCommon.Get, "EcsContainerInstanceX")]
    [OutputType(typeof(ContainerInstance))]
    public sealed class GetEcsContainerInstanceX : ContainerInstanceCmdletBase
    {
        /// <summary>Container instance ids or ARNs; every instance of the cluster when omitted.</summary>
        [Parameter(Position = 0, ValueFromPipelineByPropertyName = true)]
        [ValidateEcsResourceId("container instance")]
        [Alias("ContainerInstanceArn")]
        public string[] ContainerInstance { get; set; }

        /// <summary>Only instances of this status.</summary>
        [Parameter]
        [ValidateSet("ACTIVE", "DRAINING", "REGISTERING", "DEREGISTERING", "REGISTRATION_FAILED")]
        public string Status { get; set; }

        /// <summary>A cluster query language expression the listing must match, such as
        /// "attribute:ecs.instance-type == t3.large" or "ec2InstanceId == i-0abc".</summary>
        [Parameter]
        [ValidateNotNullOrEmpty]
        [ValidateLength(1, 2048)]
        public string Filter { get; set; }

        /// <summary>Reads the instances' tags too.</summary>
        [Parameter]
        public SwitchParameter IncludeTags { get; set; }

        private NameResolver<ContainerInstance> _instances;

        protected override void Begin()
            => _instances = new NameResolver<ContainerInstance>(this,
                region => EcsResources.ContainerInstances(EcsIn(region), Status, Filter, IncludeTags), WriteObject);

        protected override void ProcessRecord()
        {
            // Each input (a cluster piped in, or the one command line) without ids means all its instances.
            if (ContainerInstance == null || ContainerInstance.Length == 0)
            {
                _instances.AddAll(Cluster);
                return;
            }
            if (Filter != null)
                ThrowArgumentError("-Filter narrows the listing of a cluster's instances; it does not apply to instances named by id. " +
                    "Leave out -ContainerInstance to filter, or -Filter to read the named instances.", "FilterWithContainerInstance", Filter);
            foreach (var id in ContainerInstance) _instances.Add(ClusterFor(id), id);
        }

        protected override void EndProcessing() => _instances.Complete();
    }
}
