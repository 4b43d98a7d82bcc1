using System.Collections.Generic;
using System.Linq;
using System.Management.Automation;
using EcsPS.Engine.Ecs.Model;
using EcsPS.Common;
using EcsPS.Engine.Ecs;

namespace EcsPS.Ecs.Clusters
{
    [Cmdlet(VerbsCommon.Set, "EcsClusterCapacityProviderX", SupportsShouldProcess = true, ConfirmImpact = ConfirmImpact.Medium)]
    [OutputType(typeof(Cluster))]
    public sealed class SetEcsClusterCapacityProviderX : EcsCmdletBase
    {
        [Parameter(Mandatory = true, Position = 0, ValueFromPipeline = true, ValueFromPipelineByPropertyName = true)]
        [ValidateEcsName("cluster", AllowArn = true)]
        [Alias("ClusterArn", "ClusterName", "Name")]
        [ArgumentCompleter(typeof(ClusterNameCompleter))]
        public string Cluster { get; set; }

        /// <summary>The complete list of capacity providers for the cluster; an empty list removes them all.</summary>
        [Parameter(Mandatory = true, Position = 1)]
        [AllowEmptyCollection]
        [ArgumentCompleter(typeof(CapacityProviderCompleter))]
        public string[] CapacityProvider { get; set; }

        [Parameter(Position = 2)]
        [AllowEmptyCollection]
        public object[] DefaultCapacityProviderStrategy { get; set; }

        private List<CapacityProviderStrategyItem> _strategy;

        protected override void Begin()
        {
            try { _strategy = CapacityProviderStrategy.Parse(DefaultCapacityProviderStrategy) ?? new List<CapacityProviderStrategyItem>(); }
            catch (System.ArgumentException ex) { ThrowArgumentError(ex.Message, "InvalidCapacityProviderStrategy", DefaultCapacityProviderStrategy); }

            var problem = EcsPS.Ecs.CapacityProviderStrategy.CheckAgainst(_strategy, CapacityProvider);
            if (problem != null) ThrowArgumentError(problem, "InvalidCapacityProviders", CapacityProvider);
        }

        protected override void ProcessRecord()
        {
            var action = (CapacityProvider.Length == 0
                ? "Remove every capacity provider"
                : "Set capacity providers to " + string.Join(", ", CapacityProvider))
                + (_strategy.Count == 0
                    ? " and clear the default capacity provider strategy"
                    : "; default strategy " + string.Join(", ", _strategy));
            EcsClient ecs = null;
            if (!Guard(() => ecs = EcsFor(Cluster), Cluster)) return;
            if (!ShouldProcess(Cluster, action)) return;
            var request = new PutClusterCapacityProvidersRequest
            {
                Cluster = Cluster,
                CapacityProviders = CapacityProvider.ToList(),
                DefaultCapacityProviderStrategy = _strategy,
            };
            Guard(() => WriteObject(ecs.PutClusterCapacityProviders(request, CancellationToken).Cluster), Cluster);
        }
    }
}
