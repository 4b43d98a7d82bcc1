using System.Collections.Generic;
using System.Management.Automation;
using EcsPS.Engine.Ecs.Model;
using EcsPS.Engine.Ecs.Deployments;
using EcsPS.Common;

namespace EcsPS.Ecs.Services
{
    /// <summary>
    /// Waits for services: DeploymentComplete (default) follows each service's PRIMARY deployment
    /// and fails when it fails or rolls back; Stable is the AWS CLI's services-stable; Inactive
    /// waits for deletion; TargetsHealthy waits until each task of the PRIMARY deployment is
    /// healthy in every target group (ELBv2). Piped services are waited for together.
    /// </summary>
    [Cmdlet(VerbsLifecycle.Wait, "EcsServiceX")]
    [OutputType(typeof(Service))]
    public sealed class WaitEcsServiceX : ServiceWaitCmdletBase
    {
        [Parameter(Mandatory = true, Position = 0, ValueFromPipelineByPropertyName = true)]
        [ValidateEcsName("service", AllowArn = true)]
        [Alias("Name", "Service", "ServiceArn")]
        [ArgumentCompleter(typeof(ServiceNameCompleter))]
        public string[] ServiceName { get; set; }

        [Parameter(Position = 1)]
        public ServiceWaitCondition Condition { get; set; } = ServiceWaitCondition.DeploymentComplete;

        private readonly List<ServiceWaitTarget> _targets = new List<ServiceWaitTarget>();
        private readonly HashSet<string> _seen = new HashSet<string>();

        protected override void ProcessRecord()
        {
            foreach (var name in ServiceName)
            {
                var cluster = ClusterFor(name);
                // Refused here, before the wait starts, when an ARN contradicts -Region.
                if (!Guard(() => RegionOfArns(cluster, name), name)) continue;
                if (_seen.Add((cluster ?? string.Empty) + "\n" + name))
                    _targets.Add(new ServiceWaitTarget(cluster, name));
            }
        }

        protected override void EndProcessing()
            => ServiceWaitRunner.Run(this, _targets, Condition, WaitOptions(), writeServices: true);
    }
}
