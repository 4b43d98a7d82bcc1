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
            var message = RollbackPlanner.CheckRevision(value?.ToString());
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

            RollbackPlan plan = null;
            try
            {
                if (!Guard(() => plan = new RollbackPlanner(ecs).Plan(current, ToRevision, CancellationToken), current.ServiceName)) return;
            }
            catch (RollbackPlanningException ex)
            {
                WriteError(new ErrorRecord(ex, ex.ErrorId, ex.ErrorId == "InvalidRevision" ? ErrorCategory.InvalidArgument : ErrorCategory.ObjectNotFound,
                    current.ServiceName));
                return;
            }
            if (plan.AlreadyRollingBack)
            {
                // What was asked for is under way: a second UpdateService would only start a rollout on
                // top of ECS's own, so nothing is sent, and -Wait follows ECS's rollback instead. Not an
                // error: a runbook's catch block calling this after a circuit-breaker rollback has
                // nothing to report as failed.
                WriteWarning($"ECS's deployment circuit breaker is already rolling {current.ServiceName} back to {plan.ToName}; nothing is sent. " +
                    (Wait ? "Waiting for that rollback to complete." : $"Follow it with Wait-EcsServiceX -Cluster {current.ClusterName} -ServiceName {current.ServiceName}."));
                if (!Wait) WriteObject(current);
                else _waits.Add(new ServiceWaitTarget(ClusterFor(current.ServiceArn ?? ServiceName), current.ServiceArn ?? ServiceName, current.PrimaryDeployment?.Id));
                return;
            }

            if (plan.NothingToDo)
            {
                WriteWarning(plan.ToString());
                WriteObject(current);
                return;
            }
            // The target must still be registered and ACTIVE: ECS will not start a deployment on a
            // deregistered revision, and saying so now beats a ClientException after the prompt.
            TaskDefinition target = null;
            if (!Guard(() => target = ecs.FindTaskDefinition(plan.To, includeTags: false, CancellationToken), plan.To)) return;
            if (target == null || target.Status == "INACTIVE" || target.Status == "DELETE_IN_PROGRESS")
            {
                var state = target == null ? "does not exist" : $"is {target.Status} (deregistered)";
                WriteError(new ErrorRecord(new ItemNotFoundException(
                        $"The task definition {plan.ToName} {state}, so {current.ServiceName} cannot go back to it. " +
                        "Pass -ToRevision with a registered revision (Get-EcsTaskDefinitionX -Family " + plan.ToName.Split(':')[0] + " lists them)."),
                    "TaskDefinitionNotFoundException", ErrorCategory.ObjectNotFound, plan.To));
                return;
            }

            var description = plan.ToString();
            if (!ShouldProcess(description, $"Are you sure you want to perform this action?{System.Environment.NewLine}{description}", "Confirm")) return;
            WriteVerbose(plan.SourceDeploymentArn == null ? description : $"{description} Read from {plan.SourceDeploymentArn}.");
            WriteInformation(new InformationRecord(description, current.ServiceName) { Tags = { "EcsServiceRollback" } });

            // A new task definition always starts a deployment, so forceNewDeployment is not needed.
            var request = new UpdateServiceRequest
            {
                Cluster = ClusterFor(ServiceName),
                Service = ServiceName,
                TaskDefinition = target.TaskDefinitionArn ?? plan.To,
            };
            Service updated = null;
            if (!Guard(() => updated = ecs.UpdateService(request, CancellationToken).Service, request.TaskDefinition)) return;
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
