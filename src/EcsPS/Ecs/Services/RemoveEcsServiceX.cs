using System.Collections.Generic;
using System.Management.Automation;
using EcsPS.Engine.Ecs.Deployments;
using EcsPS.Common;
using EcsPS.Engine.Ecs.Model;

namespace EcsPS.Ecs.Services
{
    [Cmdlet(VerbsCommon.Remove, "EcsServiceX", SupportsShouldProcess = true, ConfirmImpact = ConfirmImpact.High)]
    [OutputType(typeof(Service))]
    public sealed class RemoveEcsServiceX : ServiceWaitCmdletBase
    {
        [Parameter(Mandatory = true, Position = 0, ValueFromPipelineByPropertyName = true)]
        [ValidateEcsName("service", AllowArn = true)]
        [Alias("Name", "Service", "ServiceArn")]
        [ArgumentCompleter(typeof(ServiceNameCompleter))]
        public string ServiceName { get; set; }

        /// <summary>Skips the prompt and deletes even a service that still runs tasks (ECS scales it to zero first).</summary>
        [Parameter]
        public SwitchParameter Force { get; set; }

        /// <summary>Waits until the service is INACTIVE (its tasks have stopped).</summary>
        [Parameter]
        public SwitchParameter Wait { get; set; }

        /// <summary>Writes the deleted service (DRAINING, or INACTIVE after -Wait).</summary>
        [Parameter]
        public SwitchParameter PassThru { get; set; }

        private readonly List<ServiceWaitTarget> _waits = new List<ServiceWaitTarget>();

        protected override void ProcessRecord()
        {
            var cluster = ClusterFor(ServiceName);
            EcsPS.Engine.Ecs.EcsClient ecs = null;
            if (!Guard(() => ecs = EcsFor(cluster, ServiceName), ServiceName)) return;
            var target = $"{ServiceName} (cluster {cluster ?? "default"})";
            var action = Force ? "Delete ECS service, stopping its running tasks" : "Delete ECS service";
            if (!ShouldProcessForce(Force, target, action)) return;
            Guard(() =>
            {
                var deleted = ecs.DeleteService(new DeleteServiceRequest { Cluster = cluster, Service = ServiceName, Force = Force ? true : (bool?)null }, CancellationToken).Service;
                if (Wait) _waits.Add(new ServiceWaitTarget(cluster ?? ClusterFor(deleted.ServiceArn), deleted.ServiceArn ?? ServiceName));
                else if (PassThru) WriteObject(deleted);
            }, ServiceName);
        }

        protected override void EndProcessing()
        {
            if (_waits.Count > 0)
                ServiceWaitRunner.Run(this, _waits, ServiceWaitCondition.Inactive, WaitOptions(), writeServices: PassThru);
        }
    }
}
