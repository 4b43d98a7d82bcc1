using System.Collections.Generic;
using System.Linq;
using System.Management.Automation;
using EcsPS.Common;
using EcsPS.Engine.Ecs.Model;
using EcsPS.Engine.Ecs.Targets;
using EcsPS.Engine.ElasticLoadBalancingV2;
using EcsPS.Engine.Runtime;

namespace EcsPS.Ecs.Services
{
    /// <summary>
    /// The load balancer targets of services: every target of every target group a service
    /// registers with, its health state and reason, and the ECS task that owns it. Services piped in
    /// are described 10 to a request and their target groups 20 to a request.
    /// </summary>
    [Cmdlet(VerbsCommon.Get, "EcsServiceTargetHealthX")]
    [OutputType(typeof(ServiceTarget))]
    public sealed class GetEcsServiceTargetHealthX : ServiceCmdletBase
    {
        [Parameter(Mandatory = true, Position = 0, ValueFromPipelineByPropertyName = true)]
        [ValidateEcsName("service", AllowArn = true)]
        [Alias("Name", "Service", "ServiceArn")]
        [ArgumentCompleter(typeof(ServiceNameCompleter))]
        public string[] ServiceName { get; set; }

        private NameResolver<Service> _resolver;
        private readonly List<Service> _found = new List<Service>();

        protected override void ProcessRecord()
        {
            if (_resolver == null)
                _resolver = new NameResolver<Service>(this, region => EcsResources.Services(EcsIn(region), includeTags: false), _found.Add);
            var resolver = _resolver;
            foreach (var name in ServiceName)
                if (Guard(() => RegionOfArns(ClusterFor(name), name), name)) resolver.Add(ClusterFor(name), name);
        }

        protected override void EndProcessing()
        {
            if (_resolver == null) return;
            _resolver.Complete();
            foreach (var inRegion in _found.GroupBy(s => Arn.RegionOf(s.ServiceArn) ?? string.Empty))
            {
                var region = inRegion.Key.Length == 0 ? null : inRegion.Key;
                var services = inRegion.ToList();
                ServiceTargetHealthReader reader = null;
                var prefetch = 0;
                Guard(() =>
                {
                    reader = new ServiceTargetHealthReader(EcsIn(region), ClientIn(region, (o, l) => new ElasticLoadBalancingV2Client(o, l)));
                    var withTargets = services.Where(s => ServiceTargetHealthReader.TargetGroupsOf(s).Count > 0).ToList();
                    prefetch = reader.Prefetch(withTargets, CancellationToken);
                    if (prefetch > 0)
                        WriteVerbose($"DescribeTargetGroups: {prefetch} request(s) for the target groups of {withTargets.Count} service(s).");
                }, null);
                if (reader == null) continue;
                foreach (var service in services) ReadOne(reader, service);
            }
        }

        private void ReadOne(ServiceTargetHealthReader reader, Service service)
        {
            if (ServiceTargetHealthReader.TargetGroupsOf(service).Count == 0)
            {
                WriteVerbose($"The service '{service.ServiceName}' in cluster '{service.ClusterName}' has no load balancer target groups; it has no targets.");
                return;
            }
            Guard(() =>
            {
                var read = reader.Read(service, CancellationToken);
                WriteVerbose($"{service.ServiceName}: {read.Requests} request(s) (ListTasks, DescribeTasks, DescribeContainerInstances for EC2 tasks, " +
                             $"DescribeTargetHealth for each of its {read.TargetGroupArns.Count} target group(s)); {read.Targets.Count} target(s).");
                foreach (var failed in read.TargetGroupErrors)
                    WriteError(new ErrorRecord(new ItemNotFoundException(
                            $"The target group {failed.Key} of the service '{service.ServiceName}' was not found: {failed.Value}"),
                        "TargetGroupNotFound", ErrorCategory.ObjectNotFound, failed.Key)
                    {
                        ErrorDetails = new ErrorDetails($"The target group {failed.Key} of the service '{service.ServiceName}' was not found.")
                        {
                            RecommendedAction = "The service points at a deleted target group; update or recreate the service with a target group that exists.",
                        },
                    });
                foreach (var target in read.Targets) WriteObject(target);
            }, service.ServiceName);
        }
    }
}
