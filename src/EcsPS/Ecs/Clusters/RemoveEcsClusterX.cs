using System.Management.Automation;
using EcsPS.Common;
using EcsPS.Engine.Ecs;
using EcsPS.Engine.Ecs.Model;

namespace EcsPS.Ecs.Clusters
{
    [Cmdlet(VerbsCommon.Remove, "EcsClusterX", SupportsShouldProcess = true, ConfirmImpact = ConfirmImpact.High)]
    [OutputType(typeof(Cluster))]
    public sealed class RemoveEcsClusterX : EcsCmdletBase
    {
        [Parameter(Mandatory = true, Position = 0, ValueFromPipeline = true, ValueFromPipelineByPropertyName = true)]
        [ValidateEcsName("cluster", AllowArn = true)]
        [Alias("ClusterArn", "ClusterName", "Name")]
        [ArgumentCompleter(typeof(ClusterNameCompleter))]
        public string Cluster { get; set; }

        /// <summary>Skips the confirmation prompt.</summary>
        [Parameter]
        public SwitchParameter Force { get; set; }

        /// <summary>Writes the deleted cluster (now INACTIVE) to the pipeline.</summary>
        [Parameter]
        public SwitchParameter PassThru { get; set; }

        protected override void ProcessRecord()
        {
            EcsClient ecs = null;
            if (!Guard(() => ecs = EcsFor(Cluster), Cluster)) return;
            if (!ShouldProcessForce(Force, Cluster, "Delete ECS cluster")) return;
            Guard(() =>
            {
                var deleted = ecs.DeleteCluster(new DeleteClusterRequest { Cluster = Cluster }, CancellationToken).Cluster;
                if (PassThru) WriteObject(deleted);
            }, Cluster);
        }
    }
}
