using System;
using System.Collections.Generic;
using System.Linq;
using System.Management.Automation;
using EcsPS.Common;
using EcsPS.Engine.ApplicationAutoScaling;
using EcsPS.Engine.ApplicationAutoScaling.Model;
using EcsPS.Engine.ElasticLoadBalancingV2.Model;

namespace EcsPS.Ecs.Scaling
{
    /// <summary>
    /// Registers a service's scalable target (its capacity range) and puts its target tracking
    /// policies, in one command; writes the service's scaling as it then is.
    /// </summary>
    [Cmdlet(VerbsCommon.Set, "EcsServiceScalingX", SupportsShouldProcess = true)]
    [OutputType(typeof(ServiceScaling))]
    public sealed class SetEcsServiceScalingX : ScalingCmdletBase
    {
        [Parameter(Mandatory = true)]
        [ValidateRange(0, ScalingValues.MaxCapacityLimit)]
        public int MinCapacity { get; set; }

        [Parameter(Mandatory = true)]
        [ValidateRange(0, ScalingValues.MaxCapacityLimit)]
        public int MaxCapacity { get; set; }

        /// <summary>Keep the service's average CPU utilization near this percentage.</summary>
        [Parameter]
        [ValidateRange(1.0, 100.0)]
        public double TargetCpuPercent { get; set; }

        /// <summary>Keep the service's average memory utilization near this percentage.</summary>
        [Parameter]
        [ValidateRange(1.0, 100.0)]
        public double TargetMemoryPercent { get; set; }

        /// <summary>Keep the requests per target of the service's target group near this number.</summary>
        [Parameter]
        [ValidateRange(1.0, 1000000.0)]
        public double TargetRequestsPerTarget { get; set; }

        /// <summary>How long after a scale-in before the next (seconds or a TimeSpan; default: the service's, 300 s).</summary>
        [Parameter]
        [Duration(Minimum = "00:00:00", Maximum = "1.00:00:00")]
        public TimeSpan ScaleInCooldown { get; set; }

        /// <summary>How long after a scale-out before the next (seconds or a TimeSpan; default: the service's, 300 s).</summary>
        [Parameter]
        [Duration(Minimum = "00:00:00", Maximum = "1.00:00:00")]
        public TimeSpan ScaleOutCooldown { get; set; }

        /// <summary>The policies only scale out; scaling in is left to you or to scheduled actions.</summary>
        [Parameter]
        public SwitchParameter DisableScaleIn { get; set; }

        /// <summary>The start of the policies' names (default: the service's name): &lt;name&gt;-cpu, &lt;name&gt;-memory, &lt;name&gt;-requests.</summary>
        [Parameter]
        [ValidateScalingName("policy", 246)]
        public string PolicyName { get; set; }

        private bool Given(string name) => MyInvocation.BoundParameters.ContainsKey(name);

        protected override void Begin()
        {
            if (MinCapacity > MaxCapacity)
                ThrowArgumentError($"-MinCapacity {MinCapacity} is above -MaxCapacity {MaxCapacity}: the minimum must be at most the maximum.", "MinAboveMax", MinCapacity);
            var tracking = Given(nameof(TargetCpuPercent)) || Given(nameof(TargetMemoryPercent)) || Given(nameof(TargetRequestsPerTarget));
            if (!tracking && (Given(nameof(ScaleInCooldown)) || Given(nameof(ScaleOutCooldown)) || DisableScaleIn))
                ThrowArgumentError("-ScaleInCooldown, -ScaleOutCooldown and -DisableScaleIn are settings of target tracking policies: give -TargetCpuPercent, -TargetMemoryPercent or -TargetRequestsPerTarget with them.", "PolicySettingWithoutTarget", null);
            if (!tracking && Given(nameof(PolicyName)))
                ThrowArgumentError("-PolicyName names target tracking policies: give -TargetCpuPercent, -TargetMemoryPercent or -TargetRequestsPerTarget with it.", "PolicySettingWithoutTarget", PolicyName);
        }

        protected override void ProcessRecord()
        {
            ScaledService service = null;
            ApplicationAutoScalingClient scaling = null;
            if (!Guard(() => { service = Named(ServiceName); scaling = ScalingIn(service.Region); }, ServiceName)) return;

            // Everything that can be refused is found out before the first change is sent.
            string label = null;
            if (Given(nameof(TargetRequestsPerTarget)) && !Guard(() => label = RequestCountLabel(service), ServiceName)) return;
            if (Given(nameof(TargetRequestsPerTarget)) && label == null) return;

            var policies = Policies(service.ServiceName, label);
            Guard(() =>
            {
                var target = $"{service}";
                var changed = false;
                if (ShouldProcess(target, $"Register scalable target: capacity {MinCapacity} to {MaxCapacity} tasks"))
                {
                    scaling.RegisterScalableTarget(new RegisterScalableTargetRequest
                    {
                        ServiceNamespace = ApplicationAutoScalingClient.EcsNamespace,
                        ScalableDimension = ApplicationAutoScalingClient.EcsDesiredCount,
                        ResourceId = service.ResourceId,
                        MinCapacity = MinCapacity,
                        MaxCapacity = MaxCapacity,
                    }, CancellationToken);
                    changed = true;
                }
                else if (policies.Count > 0 && !MyInvocation.BoundParameters.ContainsKey("WhatIf") && !LanguagePrimitives.IsTrue(GetVariableValue("WhatIfPreference")))
                {
                    // Declined at the prompt: policies on a target not (re)registered would be half of what was asked.
                    WriteVerbose($"The scalable target of {service} was not registered, so its policies are not put either.");
                    return;
                }
                foreach (var policy in policies)
                {
                    var config = policy.TargetTrackingScalingPolicyConfiguration;
                    if (!ShouldProcess(target, $"Put target tracking policy {policy.PolicyName}: {config.PredefinedMetricSpecification.PredefinedMetricType} at {config.TargetValue}"))
                        continue;
                    policy.ResourceId = service.ResourceId;
                    scaling.PutScalingPolicy(policy, CancellationToken);
                    changed = true;
                }
                if (!changed) return;
                var registered = scaling.DescribeServiceTarget(service.ResourceId, CancellationToken);
                if (registered != null) WriteObject(scaling.ReadServiceScaling(service.ClusterName, service.ServiceName, registered, CancellationToken));
            }, ServiceName);
        }

        private List<PutScalingPolicyRequest> Policies(string serviceName, string label)
        {
            var prefix = PolicyName ?? serviceName;
            var policies = new List<PutScalingPolicyRequest>();
            void Add(string suffix, string metric, double value, string resourceLabel = null) => policies.Add(new PutScalingPolicyRequest
            {
                PolicyName = $"{prefix}-{suffix}",
                ServiceNamespace = ApplicationAutoScalingClient.EcsNamespace,
                ScalableDimension = ApplicationAutoScalingClient.EcsDesiredCount,
                PolicyType = "TargetTrackingScaling",
                TargetTrackingScalingPolicyConfiguration = new TargetTrackingScalingPolicyConfiguration
                {
                    TargetValue = value,
                    PredefinedMetricSpecification = new PredefinedMetricSpecification { PredefinedMetricType = metric, ResourceLabel = resourceLabel },
                    ScaleInCooldown = Given(nameof(ScaleInCooldown)) ? (int)ScaleInCooldown.TotalSeconds : (int?)null,
                    ScaleOutCooldown = Given(nameof(ScaleOutCooldown)) ? (int)ScaleOutCooldown.TotalSeconds : (int?)null,
                    DisableScaleIn = DisableScaleIn ? true : (bool?)null,
                },
            });
            if (Given(nameof(TargetCpuPercent))) Add("cpu", "ECSServiceAverageCPUUtilization", TargetCpuPercent);
            if (Given(nameof(TargetMemoryPercent))) Add("memory", "ECSServiceAverageMemoryUtilization", TargetMemoryPercent);
            if (Given(nameof(TargetRequestsPerTarget))) Add("requests", "ALBRequestCountPerTarget", TargetRequestsPerTarget, label);
            return policies;
        }

        /// <summary>
        /// The ALBRequestCountPerTarget label of the service's own target group and its one load
        /// balancer, or null after writing why there is none.
        /// </summary>
        private string RequestCountLabel(ScaledService service)
        {
            var described = DescribeNamed(new[] { ServiceName }).FirstOrDefault();
            if (described == null) return null;
            var groups = (described.LoadBalancers ?? new List<Engine.Ecs.Model.LoadBalancer>())
                .Select(l => l.TargetGroupArn).Where(a => !string.IsNullOrEmpty(a)).Distinct(StringComparer.Ordinal).ToList();
            if (groups.Count != 1)
            {
                var why = groups.Count == 0
                    ? $"Service {service} has no load balancer target group, so there are no requests per target to track."
                    : $"Service {service} has {groups.Count} target groups ({string.Join(", ", groups)}), and one request count policy follows one of them.";
                WriteError(new ErrorRecord(new InvalidOperationException(why + " Use -TargetCpuPercent or -TargetMemoryPercent instead."),
                    groups.Count == 0 ? "ServiceHasNoTargetGroup" : "ServiceHasSeveralTargetGroups", ErrorCategory.InvalidOperation, ServiceName));
                return null;
            }
            var tg = LoadBalancingIn(service.Region).DescribeTargetGroups(new DescribeTargetGroupsRequest { TargetGroupArns = groups }, CancellationToken)
                .TargetGroups?.FirstOrDefault();
            var balancers = tg?.LoadBalancerArns ?? new List<string>();
            if (balancers.Count != 1)
            {
                var why = balancers.Count == 0
                    ? $"Target group {groups[0]} of service {service} is attached to no load balancer, so it counts no requests."
                    : $"Target group {groups[0]} of service {service} is attached to {balancers.Count} load balancers, and a request count policy follows one pair.";
                WriteError(new ErrorRecord(new InvalidOperationException(why),
                    balancers.Count == 0 ? "TargetGroupHasNoLoadBalancer" : "TargetGroupHasSeveralLoadBalancers", ErrorCategory.InvalidOperation, ServiceName));
                return null;
            }
            try
            {
                return ScalingResourceLabel.Of(balancers[0], groups[0]);
            }
            catch (ArgumentException e)
            {
                WriteError(new ErrorRecord(e, "NotAnApplicationLoadBalancer", ErrorCategory.InvalidOperation, ServiceName));
                return null;
            }
        }
    }
}
