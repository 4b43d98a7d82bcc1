using System.Collections;
using System.Collections.Generic;
using System.Management.Automation;
using EcsPS.Engine.Ecs.Model;
using EcsPS.Common;

namespace EcsPS.Ecs.Clusters
{
    [Cmdlet(VerbsCommon.New, "EcsClusterX", SupportsShouldProcess = true, ConfirmImpact = ConfirmImpact.Medium)]
    [OutputType(typeof(Cluster))]
    public sealed class NewEcsClusterX : EcsCmdletBase
    {
        [Parameter(Mandatory = true, Position = 0, ValueFromPipeline = true, ValueFromPipelineByPropertyName = true)]
        [ValidateEcsName("cluster")]
        [Alias("Name", "Cluster")]
        public string ClusterName { get; set; }

        [Parameter]
        [ValidateEcsTags]
        [Alias("Tags")]
        public Hashtable Tag { get; set; }

        [Parameter]
        [ValidateSet("enabled", "disabled", "enhanced")]
        public string ContainerInsights { get; set; }

        [Parameter]
        [ValidateNotNull]
        [ArgumentCompleter(typeof(CapacityProviderCompleter))]
        public string[] CapacityProvider { get; set; }

        [Parameter]
        [ValidateNotNull]
        public object[] DefaultCapacityProviderStrategy { get; set; }

        /// <summary>The Cloud Map namespace that Service Connect services in this cluster use by default.</summary>
        [Parameter]
        [ValidateNotNullOrEmpty]
        public string ServiceConnectNamespace { get; set; }

        private List<CapacityProviderStrategyItem> _strategy;

        protected override void Begin()
        {
            try { _strategy = CapacityProviderStrategy.Parse(DefaultCapacityProviderStrategy); }
            catch (System.ArgumentException ex) { ThrowArgumentError(ex.Message, "InvalidCapacityProviderStrategy", DefaultCapacityProviderStrategy); }
            var problem = CapacityProviderStrategy.CheckAgainst(_strategy, CapacityProvider);
            if (problem != null) ThrowArgumentError(problem, "InvalidCapacityProviders", CapacityProvider);
        }

        protected override void ProcessRecord()
        {
            if (!ShouldProcess(ClusterName, "Create ECS cluster")) return;

            var request = new CreateClusterRequest
            {
                ClusterName = ClusterName,
                Tags = EcsNames.ToTags(Tag),
                Settings = ContainerInsights is null ? null : new List<ClusterSetting> { new ClusterSetting("containerInsights", ContainerInsights) },
                CapacityProviders = CapacityProvider is null ? null : new List<string>(CapacityProvider),
                DefaultCapacityProviderStrategy = _strategy,
                ServiceConnectDefaults = ServiceConnectNamespace is null ? null : new ClusterServiceConnectDefaultsRequest { Namespace = ServiceConnectNamespace },
            };
            Guard(() => WriteObject(Ecs.CreateCluster(request, CancellationToken).Cluster), ClusterName);
        }
    }
}
