using System.Collections.Generic;
using System.Linq;
using System.Management.Automation;
using EcsPS.Common;
using EcsPS.Engine.Ecs.Deployments;
using EcsPS.Engine.Ecs.Model;

namespace EcsPS.Ecs.Services
{
    /// <summary>-ToRevision: family:revision, or a bare revision number of the service's current family.</summary>
    public sealed class ValidateRollbackRevisionAttribute : ValidateArgumentsAttribute
    {
        protected override void Validate(object arguments, EngineIntrinsics engineIntrinsics)
        {
            var value = arguments is PSObject pso ? pso.BaseObject : arguments;
            var message = RollbackPlanner.CheckToRevision(value?.ToString());
            if (message != null) throw new ValidationMetadataException(message);
        }
    }

    /// <summary>
    /// Puts a service back on the task definition it ran before the current deployment (the
    /// ACTIVE deployment a rollout in flight is replacing), or on -ToRevision; -Wait follows the
    /// rollback's deployment as Update-EcsServiceX -Wait does.
    /// </summary>
    [Cmdlet(VerbsCommon.Undo, "EcsServiceDeploymentX", SupportsShouldProcess = true, ConfirmImpact = ConfirmImpact.Medium)]
    [OutputType(typeof(Service))]
    public sealed class UndoEcsServiceDeploymentX : ServiceWaitCmdletBase
    {
        [Parameter(Mandatory = true, Position = 0, ValueFromPipelineByPropertyName = true)]
        [ValidateEcsName("service", AllowArn = true)]
        [Alias("Name", "Service", "ServiceArn")]
        [ArgumentCompleter(typeof(ServiceNameCompleter))]
        public string ServiceName { get; set; }

        /// <summary>The revision to go back to: family:revision (web:11) or a revision number of the current family (11).</summary>
        [Parameter(Position = 1)]
        [ValidateRollbackRevision]
        [Alias("Revision")]
        public string ToRevision { get; set; }

        /// <summary>Waits until the rollback's deployment has completed, failing if it fails or is rolled back itself.</summary>
        [Parameter]
        public SwitchParameter Wait { get; set; }

        private readonly List<ServiceWaitTarget> _waits = new List<ServiceWaitTarget>();

        protected override void ProcessRecord()
        {
            EcsPS.Engine.Ecs.EcsClient ecs = null;
            if (!Guard(() => ecs = EcsIn(RegionOfArns(ClusterFor(ServiceName), ServiceName)), ServiceName)) return;

            Service current = null;
            if (!Guard(() => current = DescribeNamed(new[] { ServiceName }).FirstOrDefault(), ServiceName)) return;
            if (current == null) return;

            var plan = RollbackPlanner.Plan(current, ToRevision);
            switch (plan.Decision)
            {
                case RollbackDecision.NothingToDo:
                    WriteWarning(plan.Message);
                    WriteObject(current);
                    return;
                case RollbackDecision.AlreadyRollingBack:
                    WriteError(new ErrorRecord(new System.InvalidOperationException(plan.Message), "ServiceRollbackInProgress",
                        ErrorCategory.ResourceBusy, current.ServiceName));
                    return;
                case RollbackDecision.NoEarlierRevision:
                    WriteError(new ErrorRecord(new System.InvalidOperationException(plan.Message), "NoEarlierTaskDefinition",
                        ErrorCategory.ObjectNotFound, current.ServiceName));
                    return;
            }

            if (!ShouldProcess($"{current.ServiceName} (cluster {current.ClusterName})",
                $"Roll back {current.ServiceName} (cluster {current.ClusterName}) from {plan.From} to {plan.TargetName}")) return;
            WriteVerbose($"{plan.Message} (chosen from {plan.Source}).");
            WriteInformation(new InformationRecord(plan.Message, current.ServiceName) { Tags = { "EcsServiceRollback" } });

            // A new task definition always starts a deployment, so forceNewDeployment is not needed.
            var request = new UpdateServiceRequest
            {
                Cluster = ClusterFor(ServiceName),
                Service = ServiceName,
                TaskDefinition = plan.Target,
            };
            Service updated = null;
            if (!Guard(() => updated = ecs.UpdateService(request, CancellationToken).Service, plan.Target)) return;
            if (!Wait)
            {
                WriteObject(updated);
                return;
            }
            var name = updated.ServiceArn ?? ServiceName;
            _waits.Add(new ServiceWaitTarget(ClusterFor(name), name, updated.PrimaryDeployment?.Id));
        }

        protected override void EndProcessing()
        {
            if (_waits.Count > 0)
                ServiceWaitRunner.Run(this, _waits, ServiceWaitCondition.DeploymentComplete, WaitOptions(), writeServices: true);
        }
    }
}
