using System.Linq;
using System.Management.Automation;
using EcsPS.Common;
using EcsPS.Engine.Ecs.Model;

namespace EcsPS.Ecs.Services
{
    [Cmdlet(VerbsCommon.Get, "EcsServiceX")]
    [OutputType(typeof(Service))]
    public sealed class GetEcsServiceX : ServiceCmdletBase
    {
        /// <summary>Service names, ARNs or wildcards; every service of the cluster when omitted.</summary>
        [Parameter(Position = 0, ValueFromPipelineByPropertyName = true)]
        [ValidateEcsName("service", AllowArn = true, AllowWildcards = true)]
        [SupportsWildcards]
        [Alias("Name", "Service", "ServiceArn")]
        [ArgumentCompleter(typeof(ServiceNameCompleter))]
        public string[] ServiceName { get; set; }

        [Parameter]
        [ValidateSet("FARGATE", "EC2", "EXTERNAL", "MANAGED_INSTANCES")]
        public string LaunchType { get; set; }

        [Parameter]
        [ValidateSet("REPLICA", "DAEMON")]
        public string SchedulingStrategy { get; set; }

        [Parameter]
        [ValidateSet("TAGS")]
        public string[] Include { get; set; }

        private NameResolver<Service> _services;

        protected override void Begin()
            => _services = new NameResolver<Service>(this,
                region => EcsResources.Services(EcsIn(region), Include != null && Include.Contains("TAGS"), LaunchType, SchedulingStrategy), WriteObject);

        protected override void ProcessRecord()
        {
            // Each input (a cluster piped in, or the one command line) without names means all its services.
            if (ServiceName == null || ServiceName.Length == 0)
            {
                _services.AddAll(Cluster);
                return;
            }
            foreach (var name in ServiceName) _services.Add(ClusterFor(name), name);
        }

        protected override void EndProcessing() => _services.Complete();
    }
}
