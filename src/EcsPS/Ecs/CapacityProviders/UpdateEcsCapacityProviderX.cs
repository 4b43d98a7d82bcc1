using System.Collections.Generic;
using System.Management.Automation;
using EcsPS.Common;
using EcsPS.Engine.Ecs.Model;

namespace EcsPS.Ecs.CapacityProviders
{
    /// <summary>
    /// Changes a capacity provider's managed scaling, termination protection or managed draining.
    /// Scaling settings not given keep their current values; a provider that already has every
    /// setting given is left alone (nothing is sent) and written as it is.
    /// </summary>
    [Cmdlet(VerbsData.Update, "EcsCapacityProviderX", SupportsShouldProcess = true, ConfirmImpact = ConfirmImpact.Medium)]
    [OutputType(typeof(CapacityProvider))]
    public sealed class UpdateEcsCapacityProviderX : CapacityProviderSettingsCmdletBase
    {
        [Parameter(Mandatory = true, Position = 0, ValueFromPipeline = true, ValueFromPipelineByPropertyName = true)]
        [ValidateEcsName("capacity provider", AllowArn = true)]
        [Alias("CapacityProvider", "CapacityProviderArn")]
        [ArgumentCompleter(typeof(CapacityProviderCompleter))]
        public string[] Name { get; set; }

        private readonly List<string> _names = new List<string>();

        protected override void Begin()
        {
            if (ManagedScaling == null && !AnyScalingNumber && ManagedTerminationProtection == null && ManagedDraining == null)
                ThrowArgumentError("Nothing to change: pass -ManagedScaling, -TargetCapacity, -MinimumScalingStepSize, -MaximumScalingStepSize, " +
                    "-InstanceWarmupPeriod, -ManagedTerminationProtection or -ManagedDraining.", "NoCapacityProviderChange", null);
            if (Given(nameof(MinimumScalingStepSize)) && Given(nameof(MaximumScalingStepSize)) && MinimumScalingStepSize > MaximumScalingStepSize)
                ThrowArgumentError($"-MinimumScalingStepSize ({MinimumScalingStepSize}) is larger than -MaximumScalingStepSize ({MaximumScalingStepSize}).",
                    "InvalidCapacityProviderSettings", null);
            if (ManagedTerminationProtection == "ENABLED" && ManagedScaling == "DISABLED")
                ThrowArgumentError("Managed termination protection needs managed scaling: with -ManagedTerminationProtection ENABLED, use -ManagedScaling ENABLED too.",
                    "InvalidCapacityProviderSettings", null);
        }

        protected override void ProcessRecord()
        {
            foreach (var name in Name)
            {
                if (IsBuiltIn(name))
                {
                    WriteError(BuiltInError(name, "changed"));
                    continue;
                }
                _names.Add(name);
            }
        }

        protected override void EndProcessing()
        {
            var found = new List<CapacityProvider>();
            var resolver = new NameResolver<CapacityProvider>(this, region => EcsResources.CapacityProviders(EcsIn(region), includeTags: false), found.Add);
            foreach (var name in _names) resolver.Add(null, name);
            resolver.Complete();
            foreach (var provider in found) Update(provider);
        }

        private void Update(CapacityProvider provider)
        {
            var current = provider.AutoScalingGroupProvider;
            if (current == null)
            {
                WriteError(new ErrorRecord(new System.InvalidOperationException(
                        $"The capacity provider '{provider.Name}' has no Auto Scaling group ({provider.Type}); only Auto Scaling group providers have these settings."),
                    "NotAnAutoScalingGroupProvider", ErrorCategory.InvalidOperation, provider.Name));
                return;
            }
            var scalingGiven = ManagedScaling != null || AnyScalingNumber;
            var scaling = scalingGiven ? MergeScaling(current.ManagedScaling, impliedStatus: null) : null;
            var problem = CheckCombination(scaling ?? current.ManagedScaling, ManagedTerminationProtection ?? current.ManagedTerminationProtection);
            if (problem != null)
            {
                WriteError(new ErrorRecord(new System.ArgumentException($"'{provider.Name}': {problem}"), "InvalidCapacityProviderSettings",
                    ErrorCategory.InvalidArgument, provider.Name));
                return;
            }
            if ((scaling == null || SameScaling(scaling, current.ManagedScaling))
                && (ManagedTerminationProtection == null || ManagedTerminationProtection == current.ManagedTerminationProtection)
                && (ManagedDraining == null || ManagedDraining == current.ManagedDraining))
            {
                WriteVerbose($"The capacity provider '{provider.Name}' already has these settings; nothing was sent.");
                WriteObject(provider);
                return;
            }
            var change = Describe(scaling, ManagedTerminationProtection, ManagedDraining);
            if (!ShouldProcess(provider.Name, "Update ECS capacity provider (" + change + ")")) return;
            Guard(() =>
            {
                var ecs = EcsFor(provider.CapacityProviderArn);
                WriteObject(ecs.UpdateCapacityProvider(new UpdateCapacityProviderRequest
                {
                    Name = provider.Name,
                    AutoScalingGroupProvider = new AutoScalingGroupProviderUpdate
                    {
                        ManagedScaling = scaling,
                        ManagedTerminationProtection = ManagedTerminationProtection,
                        ManagedDraining = ManagedDraining,
                    },
                }, CancellationToken).CapacityProvider);
            }, provider.Name);
        }

        private static bool SameScaling(ManagedScaling a, ManagedScaling b)
            => b != null && a.Status == b.Status && a.TargetCapacity == b.TargetCapacity
               && a.MinimumScalingStepSize == b.MinimumScalingStepSize && a.MaximumScalingStepSize == b.MaximumScalingStepSize
               && a.InstanceWarmupPeriod == b.InstanceWarmupPeriod;

        internal static ErrorRecord BuiltInError(string name, string what)
            => new ErrorRecord(new System.ArgumentException(
                    $"'{name}' is one of the capacity providers ECS gives every account (FARGATE, FARGATE_SPOT); it cannot be {what}."),
                "BuiltInCapacityProvider", ErrorCategory.InvalidArgument, name);
    }
}
