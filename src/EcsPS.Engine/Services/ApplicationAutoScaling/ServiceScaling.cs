using System;
using System.Collections.Generic;
using System.Linq;
using EcsPS.Engine.ApplicationAutoScaling.Model;

namespace EcsPS.Engine.ApplicationAutoScaling
{
    /// <summary>How one ECS service scales: its capacity range, its target tracking (and other)
    /// policies, its scheduled actions and what is suspended.</summary>
    public sealed class ServiceScaling
    {
        public string ClusterName { get; set; }
        public string ServiceName { get; set; }
        public string ResourceId { get; set; }
        public int? MinCapacity { get; set; }
        public int? MaxCapacity { get; set; }
        public List<ServiceScalingPolicy> Policies { get; set; } = new List<ServiceScalingPolicy>();
        public List<ServiceScheduledAction> ScheduledActions { get; set; } = new List<ServiceScheduledAction>();
        public SuspendedState SuspendedState { get; set; }
        public string ScalableTargetARN { get; set; }
        public string RoleARN { get; set; }
        public DateTime? CreationTime { get; set; }

        /// <summary>The policy names, for the table view.</summary>
        public string PolicyNames => string.Join(", ", Policies.Select(p => p.PolicyName));

        /// <summary>True when scale-in, scale-out or scheduled scaling is suspended.</summary>
        public bool Suspended => SuspendedState != null &&
            (SuspendedState.DynamicScalingInSuspended == true || SuspendedState.DynamicScalingOutSuspended == true || SuspendedState.ScheduledScalingSuspended == true);

        public static ServiceScaling From(string clusterName, string serviceName, ScalableTarget target,
            IEnumerable<ScalingPolicy> policies, IEnumerable<ScheduledAction> actions) => new ServiceScaling
            {
                ClusterName = clusterName,
                ServiceName = serviceName,
                ResourceId = target.ResourceId,
                MinCapacity = target.MinCapacity,
                MaxCapacity = target.MaxCapacity,
                SuspendedState = target.SuspendedState,
                ScalableTargetARN = target.ScalableTargetARN,
                RoleARN = target.RoleARN,
                CreationTime = target.CreationTime,
                Policies = policies.Select(ServiceScalingPolicy.From).OrderBy(p => p.PolicyName, StringComparer.Ordinal).ToList(),
                ScheduledActions = actions.Select(a => ServiceScheduledAction.From(a, clusterName, serviceName)).OrderBy(a => a.Name, StringComparer.Ordinal).ToList(),
            };
    }

    /// <summary>One scaling policy of a service, flattened for reading.</summary>
    public sealed class ServiceScalingPolicy
    {
        public string PolicyName { get; set; }
        public string PolicyType { get; set; }
        /// <summary>The predefined metric (ECSServiceAverageCPUUtilization, ...), "Customized", or null for step and predictive policies.</summary>
        public string MetricType { get; set; }
        public string ResourceLabel { get; set; }
        public double? TargetValue { get; set; }
        public int? ScaleInCooldown { get; set; }
        public int? ScaleOutCooldown { get; set; }
        public bool DisableScaleIn { get; set; }
        public string PolicyARN { get; set; }
        public List<string> Alarms { get; set; } = new List<string>();

        public override string ToString() => TargetValue.HasValue ? $"{PolicyName} ({MetricType} {TargetValue})" : PolicyName;

        public static ServiceScalingPolicy From(ScalingPolicy policy)
        {
            var tracking = policy.TargetTrackingScalingPolicyConfiguration;
            return new ServiceScalingPolicy
            {
                PolicyName = policy.PolicyName,
                PolicyType = policy.PolicyType,
                MetricType = tracking?.PredefinedMetricSpecification?.PredefinedMetricType
                    ?? (tracking?.CustomizedMetricSpecification != null ? "Customized" : null),
                ResourceLabel = tracking?.PredefinedMetricSpecification?.ResourceLabel,
                TargetValue = tracking?.TargetValue,
                ScaleInCooldown = tracking?.ScaleInCooldown,
                ScaleOutCooldown = tracking?.ScaleOutCooldown,
                DisableScaleIn = tracking?.DisableScaleIn == true,
                PolicyARN = policy.PolicyARN,
                Alarms = policy.Alarms?.Select(a => a.AlarmName).ToList() ?? new List<string>(),
            };
        }
    }

    /// <summary>One scheduled action of a service.</summary>
    public sealed class ServiceScheduledAction
    {
        public string ClusterName { get; set; }
        public string ServiceName { get; set; }
        public string Name { get; set; }
        public string Schedule { get; set; }
        public string Timezone { get; set; }
        public int? MinCapacity { get; set; }
        public int? MaxCapacity { get; set; }
        public DateTime? StartTime { get; set; }
        public DateTime? EndTime { get; set; }
        public string ScheduledActionARN { get; set; }

        public override string ToString() => $"{Name} ({Schedule}: {MinCapacity}-{MaxCapacity})";

        public static ServiceScheduledAction From(ScheduledAction action, string clusterName, string serviceName) => new ServiceScheduledAction
        {
            ClusterName = clusterName,
            ServiceName = serviceName,
            Name = action.ScheduledActionName,
            Schedule = action.Schedule,
            Timezone = action.Timezone,
            MinCapacity = action.ScalableTargetAction?.MinCapacity,
            MaxCapacity = action.ScalableTargetAction?.MaxCapacity,
            StartTime = action.StartTime,
            EndTime = action.EndTime,
            ScheduledActionARN = action.ScheduledActionARN,
        };
    }

    /// <summary>
    /// The ResourceLabel of ALBRequestCountPerTarget: the load balancer ARN's part after
    /// "loadbalancer/" joined to the target group ARN's resource part, which is what CloudWatch's
    /// LoadBalancer and TargetGroup dimensions hold.
    /// </summary>
    public static class ScalingResourceLabel
    {
        public static string Of(string loadBalancerArn, string targetGroupArn)
        {
            const string lbMarker = ":loadbalancer/";
            var lb = loadBalancerArn?.IndexOf(lbMarker, StringComparison.Ordinal) ?? -1;
            var tg = targetGroupArn?.LastIndexOf(':') ?? -1;
            if (lb < 0 || tg < 0 || !targetGroupArn.Substring(tg + 1).StartsWith("targetgroup/", StringComparison.Ordinal))
                throw new ArgumentException($"'{loadBalancerArn}' and '{targetGroupArn}' are not a load balancer and a target group ARN.");
            var lbPart = loadBalancerArn.Substring(lb + lbMarker.Length);
            if (!lbPart.StartsWith("app/", StringComparison.Ordinal))
                throw new ArgumentException($"'{loadBalancerArn}' is not an application load balancer: request counts per target come only from application load balancers.");
            return lbPart + "/" + targetGroupArn.Substring(tg + 1);
        }
    }
}

namespace EcsPS.Engine.ApplicationAutoScaling
{
    /// <summary>One scaling activity of a service: what was changed, why, and how it went.</summary>
    public sealed class ServiceScalingActivity
    {
        public string ClusterName { get; set; }
        public string ServiceName { get; set; }
        public System.DateTime? StartTime { get; set; }
        public System.DateTime? EndTime { get; set; }
        /// <summary>Pending, InProgress, Successful, Overridden, Unfulfilled or Failed.</summary>
        public string StatusCode { get; set; }
        public string StatusMessage { get; set; }
        public string Description { get; set; }
        public string Cause { get; set; }
        public string Details { get; set; }
        public string ActivityId { get; set; }
        /// <summary>Why nothing was scaled, for activities with -IncludeNotScaled.</summary>
        public System.Collections.Generic.List<string> NotScaledReasons { get; set; } = new System.Collections.Generic.List<string>();

        public static ServiceScalingActivity From(Model.ScalingActivity activity, string clusterName, string serviceName) => new ServiceScalingActivity
        {
            ClusterName = clusterName,
            ServiceName = serviceName,
            StartTime = activity.StartTime,
            EndTime = activity.EndTime,
            StatusCode = activity.StatusCode,
            StatusMessage = activity.StatusMessage,
            Description = activity.Description,
            Cause = activity.Cause,
            Details = activity.Details,
            ActivityId = activity.ActivityId,
            NotScaledReasons = activity.NotScaledReasons == null ? new System.Collections.Generic.List<string>()
                : System.Linq.Enumerable.ToList(System.Linq.Enumerable.Select(activity.NotScaledReasons, r => r.Code)),
        };
    }
}
