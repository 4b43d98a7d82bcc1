using System.Collections.Generic;
using System.Management.Automation;
using EcsPS.Common;
using EcsPS.Engine.Ecs.Model;

namespace EcsPS.Ecs.CapacityProviders
{
    /// <summary>Deletes capacity providers (they go to DEPROVISIONING, then INACTIVE). A provider a
    /// cluster still uses must be taken off the cluster first.</summary>
    [Cmdlet(VerbsCommon.Remove, "EcsCapacityProviderX", SupportsShouldProcess = true, ConfirmImpact = ConfirmImpact.High)]
    [OutputType(typeof(CapacityProvider))]
    public sealed class RemoveEcsCapacityProviderX : EcsCmdletBase
    {
        [Parameter(Mandatory = true, Position = 0, ValueFromPipeline = true, ValueFromPipelineByPropertyName = true)]
        [ValidateEcsName("capacity provider", AllowArn = true)]
        [Alias("CapacityProvider", "CapacityProviderArn")]
        [ArgumentCompleter(typeof(CapacityProviderCompleter))]
        public string[] Name { get; set; }

        /// <summary>Skips the confirmation prompt.</summary>
        [Parameter]
        public SwitchParameter Force { get; set; }

        /// <summary>Writes each deleted provider (DEPROVISIONING) to the pipeline.</summary>
        [Parameter]
        public SwitchParameter PassThru { get; set; }

        private readonly List<string> _names = new List<string>();

        protected override void ProcessRecord()
        {
            foreach (var name in Name)
            {
                if (CapacityProviderSettingsCmdletBase.IsBuiltIn(name))
                {
                    WriteError(UpdateEcsCapacityProviderX.BuiltInError(name, "deleted"));
                    continue;
                }
                _names.Add(name);
            }
        }

        protected override void EndProcessing()
        {
            // Read first: a name that does not exist is the same CapacityProviderNotFoundException as in Get.
            var found = new List<CapacityProvider>();
            var resolver = new NameResolver<CapacityProvider>(this, region => EcsResources.CapacityProviders(EcsIn(region), includeTags: false), found.Add);
            foreach (var name in _names) resolver.Add(null, name);
            resolver.Complete();
            foreach (var provider in found)
            {
                if (!ShouldProcessForce(Force, provider.Name, "Delete ECS capacity provider")) continue;
                Guard(() =>
                {
                    var deleted = EcsFor(provider.CapacityProviderArn).DeleteCapacityProvider(
                        new DeleteCapacityProviderRequest { CapacityProvider = provider.CapacityProviderArn ?? provider.Name }, CancellationToken).CapacityProvider;
                    if (PassThru) WriteObject(deleted ?? provider);
                }, provider.Name);
            }
        }
    }
}
