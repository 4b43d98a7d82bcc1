using System.Management.Automation;
using EcsPS.Common;
using EcsPS.Engine.Ecs.Model;

namespace EcsPS.Ecs.CapacityProviders
{
    /// <summary>Capacity providers by name, ARN or wildcard; every one of the account (FARGATE and FARGATE_SPOT too) when none is named.</summary>
    [Cmdlet(VerbsCommon.Get, "EcsCapacityProviderX")]
    [OutputType(typeof(CapacityProvider))]
    public sealed class GetEcsCapacityProviderX : EcsCmdletBase
    {
        [Parameter(Position = 0, ValueFromPipeline = true, ValueFromPipelineByPropertyName = true)]
        [ValidateEcsName("capacity provider", AllowArn = true, AllowWildcards = true)]
        [SupportsWildcards]
        [Alias("CapacityProvider", "CapacityProviderArn")]
        [ArgumentCompleter(typeof(CapacityProviderCompleter))]
        public string[] Name { get; set; }

        /// <summary>Reads the providers' tags too.</summary>
        [Parameter]
        public SwitchParameter IncludeTags { get; set; }

        private NameResolver<CapacityProvider> _providers;

        protected override void Begin()
            => _providers = new NameResolver<CapacityProvider>(this, region => EcsResources.CapacityProviders(EcsIn(region), IncludeTags), WriteObject);

        protected override void ProcessRecord()
        {
            foreach (var name in Name ?? new string[0]) _providers.Add(null, name);
        }

        protected override void EndProcessing() => _providers.Complete(allWhenNoInput: true);
    }
}
