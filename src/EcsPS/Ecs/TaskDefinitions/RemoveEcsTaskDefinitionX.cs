using System.Collections.Generic;
using System.Management.Automation;
using EcsPS.Engine.Ecs.Model;
using EcsPS.Engine.Ecs;
using EcsPS.Common;

namespace EcsPS.Ecs.TaskDefinitions
{
    /// <summary>
    /// Deletes INACTIVE task definition revisions for good (DeleteTaskDefinitions), sending
    /// them 10 to a request however they arrive.
    /// </summary>
    [Cmdlet(VerbsCommon.Remove, "EcsTaskDefinitionX", SupportsShouldProcess = true, ConfirmImpact = ConfirmImpact.High)]
    [OutputType(typeof(TaskDefinition))]
    public sealed class RemoveEcsTaskDefinitionX : EcsCmdletBase
    {
        [Parameter(Mandatory = true, Position = 0, ValueFromPipeline = true, ValueFromPipelineByPropertyName = true)]
        [ValidateTaskDefinition(RequireRevision = true)]
        [Alias("TaskDefinitionArn")]
        public string TaskDefinition { get; set; }

        /// <summary>Bound from piped TaskDefinition objects, so ACTIVE revisions are refused before sending.</summary>
        [Parameter(ValueFromPipelineByPropertyName = true, DontShow = true)]
        public string Status { get; set; }

        [Parameter]
        public SwitchParameter Force { get; set; }

        /// <summary>Writes the revisions whose deletion started (status DELETE_IN_PROGRESS).</summary>
        [Parameter]
        public SwitchParameter PassThru { get; set; }

        private readonly List<string> _pending = new List<string>();

        protected override void ProcessRecord()
        {
            if (Status == "ACTIVE")
            {
                WriteError(new ErrorRecord(new System.InvalidOperationException(
                    $"{TaskDefinition} is ACTIVE; only INACTIVE revisions can be deleted. Deregister it first: Unregister-EcsTaskDefinitionX {TaskDefinition}."),
                    "TaskDefinitionStillActive", ErrorCategory.InvalidOperation, TaskDefinition));
                return;
            }
            if (!ShouldProcessForce(Force, TaskDefinition, "Delete task definition revision permanently")) return;
            _pending.Add(TaskDefinition);
            if (_pending.Count >= EcsClient.DeleteTaskDefinitionsBatchSize) Flush();
        }

        protected override void EndProcessing() => Flush();

        private void Flush()
        {
            if (_pending.Count == 0) return;
            var batch = new List<string>(_pending);
            _pending.Clear();
            Guard(() =>
            {
                foreach (var result in Ecs.DeleteTaskDefinitions(batch, CancellationToken))
                {
                    if (PassThru) foreach (var deleted in result.Items) WriteObject(deleted);
                    foreach (var failure in result.Failures) WriteFailure(failure, "task definition", failedTo: "deleted");
                }
            }, batch.Count == 1 ? batch[0] : null);
        }
    }
}
