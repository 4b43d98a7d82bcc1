using System;
using System.Collections.Generic;
using System.Linq;
using System.Management.Automation;
using EcsPS.Engine.Ecs;
using EcsPS.Engine.Ecs.Model;

namespace EcsPS.Ecs.CapacityProviders
{
    /// <summary>Validates the name of a new capacity provider (the ECS name rule, no aws/ecs/fargate prefix).</summary>
    [AttributeUsage(AttributeTargets.Property | AttributeTargets.Field)]
    public sealed class ValidateNewCapacityProviderNameAttribute : ValidateEnumeratedArgumentsAttribute
    {
        protected override void ValidateElement(object element)
        {
            var message = EcsRules.CheckNewCapacityProviderName(Elements.Text(element));
            if (message != null) throw new ValidationMetadataException(message);
        }
    }

    /// <summary>Validates Auto Scaling group ARNs at parameter binding.</summary>
    [AttributeUsage(AttributeTargets.Property | AttributeTargets.Field)]
    public sealed class ValidateAutoScalingGroupArnAttribute : ValidateEnumeratedArgumentsAttribute
    {
        protected override void ValidateElement(object element)
        {
            var message = EcsRules.CheckAutoScalingGroupArn(Elements.Text(element));
            if (message != null) throw new ValidationMetadataException(message);
        }
    }

    /// <summary>The managed scaling, termination protection and draining parameters, shared by New and Update.</summary>
    public abstract class CapacityProviderSettingsCmdletBase : EcsCmdletBase
    {
        /// <summary>ENABLED: ECS scales the Auto Scaling group to fit the tasks; DISABLED: you do.</summary>
        [Parameter]
        [ValidateSet("ENABLED", "DISABLED")]
        public string ManagedScaling { get; set; }

        /// <summary>The utilization of the group's instances, in percent, that managed scaling aims at (100: no spare instances).</summary>
        [Parameter]
        [ValidateRange(1, 100)]
        public int TargetCapacity { get; set; }

        /// <summary>The fewest instances managed scaling adds or removes at once.</summary>
        [Parameter]
        [ValidateRange(1, 10000)]
        public int MinimumScalingStepSize { get; set; }

        /// <summary>The most instances managed scaling adds or removes at once.</summary>
        [Parameter]
        [ValidateRange(1, 10000)]
        public int MaximumScalingStepSize { get; set; }

        /// <summary>Seconds a new instance needs before its metrics count for scaling.</summary>
        [Parameter]
        [ValidateRange(0, 10000)]
        public int InstanceWarmupPeriod { get; set; }

        /// <summary>ENABLED: ECS keeps the group from terminating instances that run tasks (needs managed scaling).</summary>
        [Parameter]
        [ValidateSet("ENABLED", "DISABLED")]
        public string ManagedTerminationProtection { get; set; }

        /// <summary>ENABLED: ECS drains an instance before the group terminates it.</summary>
        [Parameter]
        [ValidateSet("ENABLED", "DISABLED")]
        public string ManagedDraining { get; set; }

        protected bool Given(string parameter) => MyInvocation.BoundParameters.ContainsKey(parameter);

        protected bool AnyScalingNumber => Given(nameof(TargetCapacity)) || Given(nameof(MinimumScalingStepSize))
            || Given(nameof(MaximumScalingStepSize)) || Given(nameof(InstanceWarmupPeriod));

        /// <summary>The given managed scaling settings laid over <paramref name="current"/> (null: none yet).</summary>
        protected ManagedScaling MergeScaling(ManagedScaling current, string impliedStatus)
        {
            var merged = new ManagedScaling
            {
                Status = current?.Status,
                TargetCapacity = current?.TargetCapacity,
                MinimumScalingStepSize = current?.MinimumScalingStepSize,
                MaximumScalingStepSize = current?.MaximumScalingStepSize,
                InstanceWarmupPeriod = current?.InstanceWarmupPeriod,
            };
            if (ManagedScaling != null) merged.Status = ManagedScaling;
            else if (merged.Status == null) merged.Status = impliedStatus;
            if (Given(nameof(TargetCapacity))) merged.TargetCapacity = TargetCapacity;
            if (Given(nameof(MinimumScalingStepSize))) merged.MinimumScalingStepSize = MinimumScalingStepSize;
            if (Given(nameof(MaximumScalingStepSize))) merged.MaximumScalingStepSize = MaximumScalingStepSize;
            if (Given(nameof(InstanceWarmupPeriod))) merged.InstanceWarmupPeriod = InstanceWarmupPeriod;
            return merged;
        }

        /// <summary>What ECS would refuse about a combination of settings; null when it holds together.</summary>
        protected static string CheckCombination(ManagedScaling scaling, string terminationProtection)
        {
            if (scaling?.MinimumScalingStepSize != null && scaling.MaximumScalingStepSize != null
                && scaling.MinimumScalingStepSize > scaling.MaximumScalingStepSize)
                return $"-MinimumScalingStepSize ({scaling.MinimumScalingStepSize}) is larger than -MaximumScalingStepSize ({scaling.MaximumScalingStepSize}).";
            if (terminationProtection == "ENABLED" && scaling?.Status == "DISABLED")
                return "Managed termination protection needs managed scaling: with -ManagedTerminationProtection ENABLED, use -ManagedScaling ENABLED too.";
            return null;
        }

        protected static string Describe(ManagedScaling s, string terminationProtection, string draining)
        {
            var parts = new List<string>();
            if (s != null)
            {
                parts.Add("managed scaling " + s.Status);
                if (s.TargetCapacity != null) parts.Add($"target capacity {s.TargetCapacity}%");
                if (s.MinimumScalingStepSize != null || s.MaximumScalingStepSize != null)
                    parts.Add($"step {s.MinimumScalingStepSize?.ToString() ?? "-"} to {s.MaximumScalingStepSize?.ToString() ?? "-"}");
                if (s.InstanceWarmupPeriod != null) parts.Add($"warm-up {s.InstanceWarmupPeriod} s");
            }
            if (terminationProtection != null) parts.Add("termination protection " + terminationProtection);
            if (draining != null) parts.Add("managed draining " + draining);
            return string.Join(", ", parts);
        }

        internal static bool IsBuiltIn(string nameOrArn)
            => EcsClient.BuiltInCapacityProviders.Contains(EcsPS.Engine.Runtime.Arn.NameOf(nameOrArn), StringComparer.OrdinalIgnoreCase);
    }
}
