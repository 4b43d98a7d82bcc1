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

        // Queued per region (the ARN's, or the command's under ""): one request cannot span two.
        private readonly Dictionary<string, List<string>> _pending = new Dictionary<string, List<string>>(System.StringComparer.Ordinal);

        protected override void ProcessRecord()
        {
            if (Status == "ACTIVE")
            {
                WriteError(new ErrorRecord(new System.InvalidOperationException(
                    $"{TaskDefinition} is ACTIVE; only INACTIVE revisions can be deleted. Deregister it first: Unregister-EcsTaskDefinitionX {TaskDefinition}."),
                    "TaskDefinitionStillActive", ErrorCategory.InvalidOperation, TaskDefinition));
                return;
            }
            string region = null;
            if (!Guard(() => region = RegionOfArns(TaskDefinition), TaskDefinition)) return;
            if (!ShouldProcessForce(Force, TaskDefinition, "Delete task definition revision permanently")) return;
            var key = region ?? string.Empty;
            if (!_pending.TryGetValue(key, out var pending)) _pending[key] = pending = new List<string>();
            pending.Add(TaskDefinition);
            if (pending.Count >= EcsClient.DeleteTaskDefinitionsBatchSize) Flush(key);
        }

        protected override void EndProcessing()
        {
            foreach (var key in new List<string>(_pending.Keys)) Flush(key);
        }

        private void Flush(string key)
        {
            var pending = _pending[key];
            if (pending.Count == 0) return;
            var batch = new List<string>(pending);
            pending.Clear();
            Guard(() =>
            {
                foreach (var result in EcsIn(key.Length == 0 ? null : key).DeleteTaskDefinitions(batch, CancellationToken))
                {
                    if (PassThru) foreach (var deleted in result.Items) WriteObject(deleted);
                    foreach (var failure in result.Failures) WriteFailure(failure, "task definition", failedTo: "deleted");
                }
            }, batch.Count == 1 ? batch[0] : null);
        }
    }
}
