using System;
using System.Management.Automation;
using EcsPS.Engine.ApplicationAutoScaling;

namespace EcsPS.Ecs.Scaling
{
    /// <summary>What Application Auto Scaling did to a service's desired count, newest first.</summary>
    [Cmdlet(VerbsCommon.Get, "EcsServiceScalingActivityX")]
    [OutputType(typeof(ServiceScalingActivity))]
    public sealed class GetEcsServiceScalingActivityX : ScalingCmdletBase
    {
        /// <summary>Only activities that started after this: a duration back from now ('2h', '7d', 3600) or a date.</summary>
        [Parameter]
        [Since]
        public DateTime Since { get; set; }

        /// <summary>At most this many activities per service (default: all).</summary>
        [Parameter]
        [ValidateRange(1, 100000)]
        [Alias("First")]
        public int MaxRecords { get; set; }

        /// <summary>Also the evaluations where nothing was scaled, with the reason (at the maximum, at the minimum, ...).</summary>
        [Parameter]
        public SwitchParameter IncludeNotScaled { get; set; }

        protected override void ProcessRecord()
        {
            ScaledService service = null;
            ApplicationAutoScalingClient scaling = null;
            if (!Guard(() => { service = Named(ServiceName); scaling = ScalingIn(service.Region); }, ServiceName)) return;
            var limit = MyInvocation.BoundParameters.ContainsKey(nameof(MaxRecords)) ? MaxRecords : int.MaxValue;
            var since = MyInvocation.BoundParameters.ContainsKey(nameof(Since)) ? Since.ToUniversalTime() : (DateTime?)null;
            Guard(() =>
            {
                var written = 0;
                foreach (var page in scaling.DescribeServiceActivities(service.ResourceId, Math.Min(limit, ApplicationAutoScalingClient.PageSize), IncludeNotScaled, CancellationToken))
                {
                    foreach (var activity in page)
                    {
                        // Newest first: the first one older than -Since ends the walk.
                        if (since.HasValue && activity.StartTime.HasValue && activity.StartTime.Value.ToUniversalTime() < since.Value) { Done(written, service); return; }
                        WriteObject(ServiceScalingActivity.From(activity, service.ClusterName, service.ServiceName));
                        if (++written >= limit) return;
                    }
                }
                Done(written, service);
            }, ServiceName);
        }

        private void Done(int written, ScaledService service)
        {
            if (written == 0) WriteVerbose($"No scaling activity of service {service}{(MyInvocation.BoundParameters.ContainsKey(nameof(Since)) ? " since " + Since.ToUniversalTime().ToString("u") : "")}.");
        }
    }
}
