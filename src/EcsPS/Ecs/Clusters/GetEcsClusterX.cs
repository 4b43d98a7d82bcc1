using System.Management.Automation;
using EcsPS.Common;
using EcsPS.Engine.Ecs.Model;

namespace EcsPS.Ecs.Clusters
{
    [Cmdlet(VerbsCommon.Get, "EcsClusterX")]
    [OutputType(typeof(Cluster))]
    public sealed class GetEcsClusterX : EcsCmdletBase
    {
        [Parameter(Position = 0, ValueFromPipeline = true, ValueFromPipelineByPropertyName = true)]
        [ValidateEcsName("cluster", AllowArn = true, AllowWildcards = true)]
        [SupportsWildcards]
        [Alias("Name", "Cluster", "ClusterArn")]
        [ArgumentCompleter(typeof(ClusterNameCompleter))]
        public string[] ClusterName { get; set; }

        /// <summary>Extra detail to ask for: statistics, tags, settings, attachments, configurations.</summary>
        [Parameter]
        [ValidateSet("ATTACHMENTS", "CONFIGURATIONS", "SETTINGS", "STATISTICS", "TAGS")]
        public string[] Include { get; set; }

        private NameResolver<Cluster> _clusters;

        protected override void Begin() => _clusters = new NameResolver<Cluster>(this, region => EcsResources.Clusters(EcsIn(region), Include), WriteObject);

        protected override void ProcessRecord()
        {
            foreach (var name in ClusterName ?? new string[0]) _clusters.Add(null, name);
        }

        protected override void EndProcessing() => _clusters.Complete(allWhenNoInput: true);
    }
}
