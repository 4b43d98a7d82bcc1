using System;
using System.Management.Automation;
using EcsPS.Engine.ApplicationAutoScaling;
using EcsPS.Engine.ApplicationAutoScaling.Model;
using EcsPS.Engine.Runtime;

namespace EcsPS.Ecs.Scaling
{
    /// <summary>
    /// Adds (or replaces, by name) a scheduled action that sets a service's capacity range at
    /// the times a cron, rate or at expression gives.
    /// </summary>
    [Cmdlet(VerbsCommon.Add, "EcsServiceScheduledScalingX", SupportsShouldProcess = true)]
    [OutputType(typeof(ServiceScheduledAction))]
    public sealed class AddEcsServiceScheduledScalingX : ScalingCmdletBase
    {
        [Parameter(Mandatory = true)]
        [ValidateScalingName("scheduled action", 256)]
        [Alias("ScheduledActionName")]
        public string Name { get; set; }

        /// <summary>cron(m h dom mon dow year), rate(n unit) or at(yyyy-mm-ddThh:mm:ss).</summary>
        [Parameter(Mandatory = true)]
        [ValidateSchedule]
        public string Schedule { get; set; }

        [Parameter]
        [ValidateRange(0, ScalingValues.MaxCapacityLimit)]
        public int MinCapacity { get; set; }

        [Parameter]
        [ValidateRange(0, ScalingValues.MaxCapacityLimit)]
        public int MaxCapacity { get; set; }

        /// <summary>The IANA time zone the schedule is read in (default UTC).</summary>
        [Parameter]
        [ValidateTimeZoneName]
        public string TimeZone { get; set; }

        /// <summary>When the action starts to apply.</summary>
        [Parameter]
        public DateTime StartTime { get; set; }

        /// <summary>When the action stops applying.</summary>
        [Parameter]
        public DateTime EndTime { get; set; }

        private bool Given(string name) => MyInvocation.BoundParameters.ContainsKey(name);

        protected override void Begin()
        {
            if (!Given(nameof(MinCapacity)) && !Given(nameof(MaxCapacity)))
                ThrowArgumentError("Give -MinCapacity, -MaxCapacity or both: a scheduled action sets the service's capacity range.", "NoCapacityGiven", Name);
            if (Given(nameof(MinCapacity)) && Given(nameof(MaxCapacity)) && MinCapacity > MaxCapacity)
                ThrowArgumentError($"-MinCapacity {MinCapacity} is above -MaxCapacity {MaxCapacity}: the minimum must be at most the maximum.", "MinAboveMax", MinCapacity);
            if (Given(nameof(StartTime)) && Given(nameof(EndTime)) && StartTime.ToUniversalTime() >= EndTime.ToUniversalTime())
                ThrowArgumentError($"-StartTime {StartTime:u} is not before -EndTime {EndTime:u}.", "StartNotBeforeEnd", StartTime);
        }

        protected override void ProcessRecord()
        {
            ScaledService service = null;
            ApplicationAutoScalingClient scaling = null;
            if (!Guard(() => { service = Named(ServiceName); scaling = ScalingIn(service.Region); }, ServiceName)) return;
            var range = $"{(Given(nameof(MinCapacity)) ? MinCapacity.ToString() : "(min unchanged)")} to {(Given(nameof(MaxCapacity)) ? MaxCapacity.ToString() : "(max unchanged)")}";
            if (!ShouldProcess(service.ToString(), $"Put scheduled action {Name}: {Schedule}{(TimeZone != null ? " " + TimeZone : "")}, capacity {range}")) return;
            Guard(() =>
            {
                scaling.PutScheduledAction(new PutScheduledActionRequest
                {
                    ServiceNamespace = ApplicationAutoScalingClient.EcsNamespace,
                    ScalableDimension = ApplicationAutoScalingClient.EcsDesiredCount,
                    ResourceId = service.ResourceId,
                    ScheduledActionName = Name,
                    Schedule = Schedule,
                    Timezone = TimeZone,
                    StartTime = Given(nameof(StartTime)) ? StartTime.ToUniversalTime() : (DateTime?)null,
                    EndTime = Given(nameof(EndTime)) ? EndTime.ToUniversalTime() : (DateTime?)null,
                    ScalableTargetAction = new ScalableTargetAction
                    {
                        MinCapacity = Given(nameof(MinCapacity)) ? MinCapacity : (int?)null,
                        MaxCapacity = Given(nameof(MaxCapacity)) ? MaxCapacity : (int?)null,
                    },
                }, CancellationToken);
                foreach (var action in scaling.DescribeServiceScheduledActions(service.ResourceId, CancellationToken))
                    if (action.ScheduledActionName == Name)
                        WriteObject(ServiceScheduledAction.From(action, service.ClusterName, service.ServiceName));
            }, ServiceName);
        }
    }
}
