using System;
using System.Collections.Generic;
using System.Linq;
using System.Management.Automation;
using EcsPS.Engine.ApplicationAutoScaling;
using EcsPS.Engine.ApplicationAutoScaling.Model;

namespace EcsPS.Ecs.Scaling
{
    /// <summary>
    /// How services scale: one object per scaled service, with its range, policies, scheduled
    /// actions and suspended state. Without -ServiceName, every scaled service of -Cluster (or
    /// of the account and region).
    /// </summary>
    [Cmdlet(VerbsCommon.Get, "EcsServiceScalingX")]
    [OutputType(typeof(ServiceScaling))]
    public sealed class GetEcsServiceScalingX : ScalingCmdletBase
    {
        [Parameter(Position = 0, ValueFromPipelineByPropertyName = true)]
        [ValidateEcsName("service", AllowArn = true)]
        [Alias("Service", "ServiceArn")]
        [ArgumentCompleter(typeof(ServiceNameCompleter))]
        public override string ServiceName { get; set; }

        private readonly List<ScaledService> _services = new List<ScaledService>();
        private bool _listAll = true;

        protected override void ProcessRecord()
        {
            if (ServiceName == null) return;
            _listAll = false;
            Guard(() => _services.Add(Named(ServiceName)), ServiceName);
        }

        protected override void EndProcessing()
        {
            // Services piped in that turned out to be none (an empty cluster) list nothing, not the Region.
            if (_listAll && !MyInvocation.ExpectingInput)
            {
                ListAll();
                return;
            }
            if (_services.Count == 0) WriteVerbose("No service came down the pipeline.");
            // One DescribeScalableTargets per 50 services of a region; then each scaled
            // service's policies and scheduled actions (the API filters by one resource id).
            foreach (var region in _services.GroupBy(s => s.Region))
            {
                var scaling = ScalingIn(region.Key);
                var before = scaling.ReadRequests;
                List<ScalableTarget> targets = null;
                if (!Guard(() => targets = scaling.DescribeServiceTargets(region.Select(s => s.ResourceId), CancellationToken), null)) continue;
                var byId = targets.ToDictionary(t => t.ResourceId, StringComparer.Ordinal);
                foreach (var service in region.GroupBy(s => s.ResourceId).Select(g => g.First()))
                {
                    if (!byId.TryGetValue(service.ResourceId, out var target))
                    {
                        WriteVerbose($"Service {service} has no scalable target: it is not auto scaled.");
                        continue;
                    }
                    Guard(() => WriteObject(scaling.ReadServiceScaling(service.ClusterName, service.ServiceName, target, CancellationToken)), service.Given);
                }
                WriteVerbose($"Read the scaling of {region.Count()} service(s) in {scaling.ReadRequests - before} Application Auto Scaling request(s).");
            }
        }

        private void ListAll()
        {
            string cluster = null;
            if (Cluster != null) cluster = Engine.Runtime.Arn.TryParse(Cluster, out var arn) ? arn.Name : Cluster;
            Guard(() =>
            {
                var scaling = ScalingIn(RegionOfArns(Cluster ?? string.Empty));
                var before = scaling.ReadRequests;
                var found = 0;
                foreach (var target in scaling.DescribeAllServiceTargets(CancellationToken))
                {
                    var parts = target.ResourceId.Split('/');
                    if (parts.Length != 3 || (cluster != null && !string.Equals(parts[1], cluster, StringComparison.Ordinal))) continue;
                    found++;
                    WriteObject(scaling.ReadServiceScaling(parts[1], parts[2], target, CancellationToken));
                }
                if (found == 0) WriteVerbose(cluster == null ? "No ECS service is auto scaled in this region." : $"No service of cluster {cluster} is auto scaled.");
                WriteVerbose($"Read the scaling of {found} service(s) in {scaling.ReadRequests - before} Application Auto Scaling request(s).");
            }, Cluster);
        }
    }
}
