using System.Collections.Generic;
using System.Linq;
using System.Management.Automation;
using EcsPS.Common;
using EcsPS.Engine.ApplicationAutoScaling;
using EcsPS.Engine.Ecs.Model;
using EcsPS.Engine.Ecs.Targets;
using EcsPS.Engine.ElasticLoadBalancingV2;
using EcsPS.Engine.Runtime;

namespace EcsPS.Ecs.Services
{
    /// <summary>
    /// One status object per service: rollout, counts, task health, target health per target group,
    /// scaling, recent events and recently stopped tasks, read for all the services piped in together
    /// so that each request serves as many services as the API allows.
    /// </summary>
    [Cmdlet(VerbsCommon.Get, "EcsServiceStatusX")]
    [OutputType(typeof(ServiceStatus))]
    public sealed class GetEcsServiceStatusX : ServiceCmdletBase
    {
        [Parameter(Position = 0, ValueFromPipelineByPropertyName = true)]
        [ValidateEcsName("service", AllowArn = true, AllowWildcards = true)]
        [SupportsWildcards]
        [Alias("Name", "Service", "ServiceArn")]
        [ArgumentCompleter(typeof(ServiceNameCompleter))]
        public string[] ServiceName { get; set; }

        private NameResolver<Service> _services;
        private readonly List<Service> _found = new List<Service>();

        protected override void Begin()
            => _services = new NameResolver<Service>(this, region => EcsResources.Services(EcsIn(region), includeTags: false), _found.Add);

        protected override void ProcessRecord()
        {
            if (ServiceName == null || ServiceName.Length == 0)
            {
                _services.AddAll(Cluster);
                return;
            }
            foreach (var name in ServiceName) _services.Add(ClusterFor(name), name);
        }

        protected override void EndProcessing()
        {
            _services.Complete();
            foreach (var inRegion in _found.GroupBy(s => Arn.RegionOf(s.ServiceArn) ?? string.Empty))
            {
                var region = inRegion.Key.Length == 0 ? null : inRegion.Key;
                var services = inRegion.ToList();
                List<ServiceStatus> statuses = null;
                ServiceStatusReader reader = null;
                Guard(() =>
                {
                    reader = new ServiceStatusReader(EcsIn(region),
                        ClientIn(region, (o, l) => new ElasticLoadBalancingV2Client(o, l)),
                        ClientIn(region, (o, l) => new ApplicationAutoScalingClient(o, l)));
                    statuses = reader.Read(services, CancellationToken);
                }, null);
                if (statuses == null) continue;
                WriteVerbose($"{services.Count} service(s): DescribeServices {(services.Count + 9) / 10}+ request(s), " +
                             $"{reader.SharedRequests} shared DescribeTargetGroups/DescribeScalableTargets request(s).");
                // One warning per part that could not be read, not one per service.
                foreach (var part in statuses.SelectMany(s => s.Unread.Select(u => (Service: s.ServiceName, Part: u))).GroupBy(x => x.Part))
                    WriteWarning($"Could not read {part.Key} for {string.Join(", ", part.Select(x => x.Service).Distinct())}; the rest of the status is filled.");
                foreach (var status in statuses)
                {
                    WriteVerbose($"{status.ServiceName}: {status.Requests} request(s) of its own (ListTasks RUNNING and STOPPED, its share of DescribeTasks, " +
                                 $"DescribeTargetHealth for {status.Targets.Count} target group(s), DescribeScalingActivities when it scales).");
                    WriteObject(status);
                }
            }
        }
    }
}
