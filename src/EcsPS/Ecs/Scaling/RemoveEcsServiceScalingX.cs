using System.Management.Automation;
using EcsPS.Engine.ApplicationAutoScaling;
using EcsPS.Engine.ApplicationAutoScaling.Model;
using EcsPS.Engine.Runtime;

namespace EcsPS.Ecs.Scaling
{
    /// <summary>
    /// Stops auto scaling a service: deletes its scaling policies and scheduled actions, then
    /// deregisters its scalable target. The service keeps the desired count it has.
    /// </summary>
    [Cmdlet(VerbsCommon.Remove, "EcsServiceScalingX", SupportsShouldProcess = true, ConfirmImpact = ConfirmImpact.High)]
    [OutputType(typeof(ServiceScaling))]
    public sealed class RemoveEcsServiceScalingX : ScalingCmdletBase
    {
        /// <summary>Skips the confirmation prompts.</summary>
        [Parameter]
        public SwitchParameter Force { get; set; }

        /// <summary>Writes the scaling that was removed.</summary>
        [Parameter]
        public SwitchParameter PassThru { get; set; }

        protected override void ProcessRecord()
        {
            ScaledService service = null;
            ApplicationAutoScalingClient scaling = null;
            if (!Guard(() => { service = Named(ServiceName); scaling = ScalingIn(service.Region); }, ServiceName)) return;
            Guard(() =>
            {
                var target = scaling.DescribeServiceTarget(service.ResourceId, CancellationToken);
                if (target == null)
                {
                    WriteError(new ErrorRecord(new ItemNotFoundException($"Service {service} is not auto scaled: it has no scalable target. Get-EcsServiceScalingX lists the scaled services."),
                        "ServiceScalingNotFoundException", ErrorCategory.ObjectNotFound, ServiceName));
                    return;
                }
                var current = scaling.ReadServiceScaling(service.ClusterName, service.ServiceName, target, CancellationToken);
                var name = service.ToString();
                // Each change is asked for (and listed by -WhatIf); the target is deregistered
                // only when every policy and action went, since deregistering takes them along.
                var all = true;
                foreach (var policy in current.Policies)
                {
                    if (!ShouldProcessForce(Force, name, $"Delete scaling policy {policy.PolicyName}")) { all = false; continue; }
                    Gone(() => scaling.DeleteScalingPolicy(new DeleteScalingPolicyRequest
                    {
                        PolicyName = policy.PolicyName,
                        ServiceNamespace = ApplicationAutoScalingClient.EcsNamespace,
                        ScalableDimension = ApplicationAutoScalingClient.EcsDesiredCount,
                        ResourceId = service.ResourceId,
                    }, CancellationToken), $"policy {policy.PolicyName}");
                }
                foreach (var action in current.ScheduledActions)
                {
                    if (!ShouldProcessForce(Force, name, $"Delete scheduled action {action.Name}")) { all = false; continue; }
                    Gone(() => scaling.DeleteScheduledAction(new DeleteScheduledActionRequest
                    {
                        ScheduledActionName = action.Name,
                        ServiceNamespace = ApplicationAutoScalingClient.EcsNamespace,
                        ScalableDimension = ApplicationAutoScalingClient.EcsDesiredCount,
                        ResourceId = service.ResourceId,
                    }, CancellationToken), $"scheduled action {action.Name}");
                }
                if (!ShouldProcessForce(Force, name, $"Deregister scalable target (capacity {target.MinCapacity} to {target.MaxCapacity})") || !all) return;
                Gone(() => scaling.DeregisterScalableTarget(new DeregisterScalableTargetRequest
                {
                    ServiceNamespace = ApplicationAutoScalingClient.EcsNamespace,
                    ScalableDimension = ApplicationAutoScalingClient.EcsDesiredCount,
                    ResourceId = service.ResourceId,
                }, CancellationToken), "scalable target");
                if (PassThru) WriteObject(current);
            }, ServiceName);
        }

        // Something already gone (another admin, or a retried request whose first answer was lost)
        // is what was wanted.
        private void Gone(System.Action delete, string what)
        {
            try
            {
                delete();
            }
            catch (AwsServiceException e) when (e.ErrorCode == "ObjectNotFoundException")
            {
                WriteVerbose($"The {what} was already gone.");
            }
        }
    }
}
