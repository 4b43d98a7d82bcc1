using System.Collections.Generic;
using System.Linq;
using System.Management.Automation;
using EcsPS.Common;
using EcsPS.Engine.ApplicationAutoScaling;
using EcsPS.Engine.CloudWatch;
using EcsPS.Engine.Ecs.Metrics;
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
                ReadMetrics(region, statuses);
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

        /// <summary>
        /// Cpu and Memory of every service of the region in one GetMetricData request (500 series to
        /// a request): the last hour in 5-minute averages, a 12-character sparkline each.
        /// </summary>
        private void ReadMetrics(string region, List<ServiceStatus> statuses)
        {
            var reader = new EcsMetricReader(r => ClientIn(r ?? region, (o, l) => new CloudWatchClient(o, l)));
            var now = System.DateTime.UtcNow;
            try
            {
                var series = reader.Read(statuses.Select(s => new MetricTarget(s.ClusterName, s.ServiceName, region)), MetricRules.EcsNamespace,
                    new[] { "CPUUtilization", "MemoryUtilization" }, new[] { "Average" }, now.AddHours(-1), now, System.TimeSpan.FromMinutes(5), CancellationToken);
                foreach (var status in statuses)
                {
                    status.Cpu = series.FirstOrDefault(s => s.ClusterName == status.ClusterName && s.ServiceName == status.ServiceName && s.Metric == "CPUUtilization");
                    status.Memory = series.FirstOrDefault(s => s.ClusterName == status.ClusterName && s.ServiceName == status.ServiceName && s.Metric == "MemoryUtilization");
                }
                WriteVerbose($"Cpu and Memory of {statuses.Count} service(s): {reader.Requests} GetMetricData request(s).");
            }
            catch (System.Exception ex) when (ex is AwsServiceException || ex is AwsTransportException)
            {
                foreach (var status in statuses) status.Unread.Add("CPU and memory metrics (" + ex.Message + ")");
            }
        }
    }
}
