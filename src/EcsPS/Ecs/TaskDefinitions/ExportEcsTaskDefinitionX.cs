using System;
using System.Collections.Generic;
using System.IO;
using System.Management.Automation;
using System.Text;
using EcsPS.Engine.Ecs.Model;
using EcsPS.Engine.Ecs.TaskDefinitions;
using EcsPS.Common;

namespace EcsPS.Ecs.TaskDefinitions
{
    /// <summary>
    /// Writes task definitions as the JSON that both Register-EcsTaskDefinitionX -Path and
    /// 'aws ecs register-task-definition --cli-input-json' accept: read-only members dropped,
    /// the service model's member order, indented, tags included.
    /// </summary>
    [Cmdlet(VerbsData.Export, "EcsTaskDefinitionX", SupportsShouldProcess = true, ConfirmImpact = ConfirmImpact.Low,
        DefaultParameterSetName = ByNameSet)]
    [OutputType(typeof(FileInfo))]
    public sealed class ExportEcsTaskDefinitionX : EcsCmdletBase
    {
        private const string ByNameSet = "ByTaskDefinition";
        private const string ByObjectSet = "ByInputObject";

        [Parameter(Mandatory = true, Position = 0, ParameterSetName = ByNameSet, ValueFromPipelineByPropertyName = true)]
        [ValidateTaskDefinition]
        [Alias("TaskDefinitionArn")]
        [ArgumentCompleter(typeof(TaskDefinitionFamilyCompleter))]
        public string TaskDefinition { get; set; }

        [Parameter(Mandatory = true, ParameterSetName = ByObjectSet, ValueFromPipeline = true)]
        [ValidateNotNull]
        public TaskDefinition InputObject { get; set; }

        /// <summary>The file to write, or an existing folder to write &lt;family&gt;.json into.</summary>
        [Parameter(Mandatory = true, Position = 1)]
        [ValidateNotNullOrEmpty]
        public string Path { get; set; }

        /// <summary>Refuses to overwrite an existing file.</summary>
        [Parameter]
        public SwitchParameter NoClobber { get; set; }

        /// <summary>Writes the FileInfo of each file written.</summary>
        [Parameter]
        public SwitchParameter PassThru { get; set; }

        private readonly HashSet<string> _written = new HashSet<string>(StringComparer.Ordinal);

        // Exporting piped objects needs no AWS call, so no region either.
        protected override bool ResolveConnectionFirst => false;

        protected override void ProcessRecord()
        {
            var definition = InputObject;
            if (ParameterSetName == ByNameSet)
            {
                if (!Guard(() => definition = EcsFor(TaskDefinition).FindTaskDefinition(TaskDefinition, includeTags: true, CancellationToken), TaskDefinition))
                    return;
                if (definition == null)
                {
                    WriteFailure(new Engine.Runtime.FailureRef(TaskDefinition, null, "MISSING", null), "task definition");
                    return;
                }
            }

            string json;
            try { json = TaskDefinitionDocument.ToJson(TaskDefinitionDocument.FromTaskDefinition(definition)); }
            catch (TaskDefinitionException ex)
            {
                WriteError(new ErrorRecord(ex, ex.ErrorId, ErrorCategory.InvalidData, definition.FamilyRevision));
                return;
            }

            var target = GetUnresolvedProviderPathFromPSPath(Path);
            if (Directory.Exists(target)) target = System.IO.Path.Combine(target, definition.Family + ".json");
            if (!_written.Add(target))
            {
                WriteError(new ErrorRecord(new IOException(
                    $"'{target}' was already written by this command; {definition.FamilyRevision} would overwrite it. Export to a folder, which gets one <family>.json per family, or one revision at a time."),
                    "ExportTargetReused", ErrorCategory.ResourceExists, definition.FamilyRevision));
                return;
            }
            if (NoClobber && File.Exists(target))
            {
                WriteError(new ErrorRecord(new IOException($"'{target}' exists and -NoClobber was given."),
                    "NoClobber", ErrorCategory.ResourceExists, target));
                return;
            }
            if (!ShouldProcess(target, $"Write task definition {definition.FamilyRevision}")) return;
            try
            {
                File.WriteAllText(target, json, new UTF8Encoding(false));
            }
            catch (Exception ex) when (ex is IOException || ex is UnauthorizedAccessException)
            {
                WriteError(new ErrorRecord(ex, "ExportWriteFailed", ErrorCategory.WriteError, target));
                return;
            }
            if (PassThru) WriteObject(new FileInfo(target));
        }
    }
}
