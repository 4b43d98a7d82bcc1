using System.Collections;
using System.Management.Automation;
using EcsPS.Common;
using EcsPS.Engine.Ecs.Model;

namespace EcsPS.Ecs.CapacityProviders
{
    /// <summary>
    /// Creates a capacity provider for an EC2 Auto Scaling group. Any scaling number given without
    /// -ManagedScaling turns managed scaling on.
    /// </summary>
    [Cmdlet(VerbsCommon.New, "EcsCapacityProviderX", SupportsShouldProcess = true, ConfirmImpact = ConfirmImpact.Medium)]
    [OutputType(typeof(CapacityProvider))]
    public sealed class NewEcsCapacityProviderX : CapacityProviderSettingsCmdletBase
    {
        [Parameter(Mandatory = true, Position = 0, ValueFromPipelineByPropertyName = true)]
        [ValidateNewCapacityProviderName]
        [Alias("CapacityProvider")]
        public string Name { get; set; }

        /// <summary>The ARN of the Auto Scaling group whose instances the provider offers.</summary>
        [Parameter(Mandatory = true, Position = 1, ValueFromPipelineByPropertyName = true)]
        [ValidateAutoScalingGroupArn]
        public string AutoScalingGroupArn { get; set; }

        [Parameter]
        [ValidateEcsTags]
        [Alias("Tags")]
        public Hashtable Tag { get; set; }

        private ManagedScaling _scaling;

        protected override void Begin()
        {
            _scaling = ManagedScaling != null || AnyScalingNumber ? MergeScaling(null, impliedStatus: "ENABLED") : null;
            var problem = CheckCombination(_scaling, ManagedTerminationProtection);
            if (problem != null) ThrowArgumentError(problem, "InvalidCapacityProviderSettings", null);
        }

        protected override void ProcessRecord()
        {
            var settings = Describe(_scaling, ManagedTerminationProtection, ManagedDraining);
            var scalingFor = new ManagedScaling
            {
                Status = _scaling?.Status,
                TargetCapacity = _scaling?.TargetCapacity,
                MinimumScalingStepSize = _scaling?.MinimumScalingStepSize,
                MaximumScalingStepSize = _scaling?.MaximumScalingStepSize,
                InstanceWarmupPeriod = _scaling?.InstanceWarmupPeriod,
            };
            if (!ShouldProcess(Name, "Create ECS capacity provider for " + AutoScalingGroupArn + (settings.Length > 0 ? " (" + settings + ")" : string.Empty))) return;
            var request = new CreateCapacityProviderRequest
            {
                Name = Name,
                AutoScalingGroupProvider = new AutoScalingGroupProvider
                {
                    AutoScalingGroupArn = AutoScalingGroupArn,
                    ManagedScaling = _scaling == null ? null : scalingFor,
                    ManagedTerminationProtection = ManagedTerminationProtection,
                    ManagedDraining = ManagedDraining,
                },
                Tags = EcsNames.ToTags(Tag),
            };
            Guard(() => WriteObject(Ecs.CreateCapacityProviderSettled(request, CancellationToken)), Name);
        }
    }
}
