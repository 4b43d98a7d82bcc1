using System;
using System.Linq;
using System.Management.Automation;
using EcsPS.Engine.Ecs.Model;
using EcsPS.Common;

namespace EcsPS.Ecs.Services
{
    /// <summary>A service's events (the last 100 ECS keeps), newest first.</summary>
    [Cmdlet(VerbsCommon.Get, "EcsServiceEventX")]
    [OutputType(typeof(ServiceEvent))]
    public sealed class GetEcsServiceEventX : ServiceCmdletBase
    {
        [Parameter(Mandatory = true, Position = 0, ValueFromPipelineByPropertyName = true)]
        [ValidateEcsName("service", AllowArn = true)]
        [Alias("Name", "Service", "ServiceArn")]
        [ArgumentCompleter(typeof(ServiceNameCompleter))]
        public string[] ServiceName { get; set; }

        /// <summary>Only events at or after this time.</summary>
        [Parameter]
        public DateTime Since { get; set; }

        /// <summary>Only the newest N events of each service.</summary>
        [Parameter]
        [ValidateRange(1, 100)]
        public int Last { get; set; }

        protected override void ProcessRecord()
        {
            Guard(() =>
            {
                foreach (var service in DescribeNamed(ServiceName))
                {
                    var events = (service.Events ?? new System.Collections.Generic.List<ServiceEvent>())
                        .OrderByDescending(e => e.CreatedAt ?? DateTime.MinValue).AsEnumerable();
                    if (MyInvocation.BoundParameters.ContainsKey(nameof(Since)))
                    {
                        var since = Since.ToUniversalTime();
                        events = events.Where(e => e.CreatedAt != null && e.CreatedAt.Value.ToUniversalTime() >= since);
                    }
                    if (MyInvocation.BoundParameters.ContainsKey(nameof(Last))) events = events.Take(Last);
                    foreach (var e in events)
                    {
                        e.ServiceName = service.ServiceName;
                        e.ClusterName = service.ClusterName;
                        WriteObject(e);
                    }
                }
            }, ServiceName.Length == 1 ? ServiceName[0] : null);
        }
    }
}
