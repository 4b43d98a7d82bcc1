using System.Management.Automation;
using EcsPS.Engine.Ecs.Model;
using EcsPS.Common;

namespace EcsPS.Ecs.TaskDefinitions
{
    [Cmdlet(VerbsLifecycle.Unregister, "EcsTaskDefinitionX", SupportsShouldProcess = true, ConfirmImpact = ConfirmImpact.High)]
    [OutputType(typeof(TaskDefinition))]
    public sealed class UnregisterEcsTaskDefinitionX : EcsCmdletBase
    {
        /// <summary>family:revision or ARN of the revision to retire (marks it INACTIVE).</summary>
        [Parameter(Mandatory = true, Position = 0, ValueFromPipeline = true, ValueFromPipelineByPropertyName = true)]
        [ValidateTaskDefinition(RequireRevision = true)]
        [Alias("TaskDefinitionArn")]
        public string TaskDefinition { get; set; }

        [Parameter]
        public SwitchParameter Force { get; set; }

        /// <summary>Writes the deregistered revision (now INACTIVE).</summary>
        [Parameter]
        public SwitchParameter PassThru { get; set; }

        protected override void ProcessRecord()
        {
            Engine.Ecs.EcsClient ecs = null;
            if (!Guard(() => ecs = EcsFor(TaskDefinition), TaskDefinition)) return;
            if (!ShouldProcessForce(Force, TaskDefinition, "Deregister task definition (it can no longer start new tasks or services)")) return;
            Guard(() =>
            {
                var definition = ecs.DeregisterTaskDefinitionRevision(TaskDefinition, CancellationToken);
                // The same TaskDefinitionNotFoundException as Get-EcsTaskDefinitionX, not ECS's ClientException.
                if (definition == null) WriteFailure(new Engine.Runtime.FailureRef(TaskDefinition, null, "MISSING", null), "task definition");
                else if (PassThru) WriteObject(definition);
            }, TaskDefinition);
        }
    }
}
