using System;
using System.Management.Automation;
using EcsPS.Engine.ApplicationAutoScaling;
using EcsPS.Engine.ApplicationAutoScaling.Model;
using EcsPS.Engine.Runtime;

namespace EcsPS.Ecs.Scaling
{
    /// <summary>Deletes a service's scheduled action by name.</summary>
    [Cmdlet(VerbsCommon.Remove, "EcsServiceScheduledScalingX", SupportsShouldProcess = true, ConfirmImpact = ConfirmImpact.High)]
    [OutputType(typeof(ServiceScheduledAction))]
    public sealed class RemoveEcsServiceScheduledScalingX : ScalingCmdletBase
    {
        [Parameter(Mandatory = true, ValueFromPipelineByPropertyName = true)]
        [ValidateScalingName("scheduled action", 256)]
        [Alias("ScheduledActionName")]
        public string Name { get; set; }

        /// <summary>Skips the confirmation prompt.</summary>
        [Parameter]
        public SwitchParameter Force { get; set; }

        /// <summary>Writes the deleted scheduled action.</summary>
        [Parameter]
        public SwitchParameter PassThru { get; set; }

        protected override void ProcessRecord()
        {
            ScaledService service = null;
            ApplicationAutoScalingClient scaling = null;
            if (!Guard(() => { service = Named(ServiceName); scaling = ScalingIn(service.Region); }, ServiceName)) return;
            if (!ShouldProcessForce(Force, service.ToString(), $"Delete scheduled action {Name}")) return;
            Guard(() =>
            {
                ServiceScheduledAction deleted = null;
                if (PassThru)
                    foreach (var action in scaling.DescribeServiceScheduledActions(service.ResourceId, CancellationToken))
                        if (action.ScheduledActionName == Name) deleted = ServiceScheduledAction.From(action, service.ClusterName, service.ServiceName);
                try
                {
                    scaling.DeleteScheduledAction(new DeleteScheduledActionRequest
                    {
                        ServiceNamespace = ApplicationAutoScalingClient.EcsNamespace,
                        ScalableDimension = ApplicationAutoScalingClient.EcsDesiredCount,
                        ResourceId = service.ResourceId,
                        ScheduledActionName = Name,
                    }, CancellationToken);
                    if (deleted != null) WriteObject(deleted);
                }
                catch (AwsServiceException e) when (e.ErrorCode == "ObjectNotFoundException")
                {
                    WriteError(new ErrorRecord(new ItemNotFoundException($"Service {service} has no scheduled action named '{Name}'. Get-EcsServiceScalingX lists its scheduled actions. ({e.Message})"),
                        "ScheduledActionNotFoundException", ErrorCategory.ObjectNotFound, Name));
                }
            }, Name);
        }
    }
}
