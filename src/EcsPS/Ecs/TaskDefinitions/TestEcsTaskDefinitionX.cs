using System;
using System.IO;
using System.Management.Automation;
using EcsPS.Common;
using EcsPS.Engine.Ecs.Model;
using EcsPS.Engine.Ecs.TaskDefinitions;
using EcsPS.Engine.Ecs.Verification;

namespace EcsPS.Ecs.TaskDefinitions
{
    /// <summary>
    /// Checks, changing nothing, what would make a deploy of a task definition fail once its tasks
    /// start: ECR images and tags, awslogs groups, the execution role, Fargate sizes and platform,
    /// port mappings, secret references. A registered revision (family:revision, ARN, piped object)
    /// or one not registered yet (-Path, a hashtable or JSON text).
    /// </summary>
    [Cmdlet(VerbsDiagnostic.Test, "EcsTaskDefinitionX", DefaultParameterSetName = NameSet)]
    [OutputType(typeof(DeploymentFinding), typeof(bool))]
    public sealed class TestEcsTaskDefinitionX : EcsCmdletBase
    {
        private const string NameSet = "ByName";
        private const string FileSet = "FromFile";
        private const string ObjectSet = "FromObject";

        /// <summary>A registered task definition: family (latest ACTIVE revision), family:revision or ARN.</summary>
        [Parameter(Mandatory = true, Position = 0, ParameterSetName = NameSet)]
        [ValidateTaskDefinition]
        [Alias("TaskDefinitionArn")]
        [ArgumentCompleter(typeof(TaskDefinitionFamilyCompleter))]
        public string TaskDefinition { get; set; }

        /// <summary>A JSON file in the register-task-definition --cli-input-json or describe-task-definition form.</summary>
        [Parameter(Mandatory = true, ParameterSetName = FileSet, ValueFromPipelineByPropertyName = true)]
        [ValidateNotNullOrEmpty]
        [Alias("FullName", "PSPath", "LiteralPath")]
        public string Path { get; set; }

        /// <summary>A TaskDefinition (from Get-EcsTaskDefinitionX), a hashtable in the same shape, or JSON text.</summary>
        [Parameter(Mandatory = true, ParameterSetName = ObjectSet, ValueFromPipeline = true)]
        [ValidateNotNull]
        public object InputObject { get; set; }

        /// <summary>Returns only $true (no Error finding) or $false; findings are not written as errors.</summary>
        [Parameter]
        public SwitchParameter Quiet { get; set; }

        private DeploymentChecks _checks;

        protected override void ProcessRecord()
        {
            // -Quiet answers for every input: one that cannot be checked (not found, unreadable) is
            // $false, beside the error that says why.
            if (CheckOne() == null && Quiet) WriteObject(false);
        }

        /// <summary>The verdict when the checks ran (findings or $true/$false written), null when they could not.</summary>
        private bool? CheckOne()
        {
            _checks = _checks ?? new DeploymentChecks(this);
            RegisterTaskDefinitionRequest candidate = null;
            string name = null, region = null, source = null;
            try
            {
                switch (ParameterSetName)
                {
                    case NameSet:
                        TaskDefinition found = null;
                        if (!Guard(() => found = EcsIn(region = RegionOfArns(TaskDefinition)).FindTaskDefinition(TaskDefinition, includeTags: false, CancellationToken), TaskDefinition)) return null;
                        if (found == null)
                        {
                            WriteError(new ErrorRecord(new ItemNotFoundException($"The task definition '{TaskDefinition}' does not exist."),
                                "TaskDefinitionNotFoundException", ErrorCategory.ObjectNotFound, TaskDefinition));
                            return null;
                        }
                        candidate = TaskDefinitionDocument.FromTaskDefinition(found);
                        name = found.FamilyRevision;
                        region = Engine.Runtime.Arn.RegionOf(found.TaskDefinitionArn) ?? region;
                        break;
                    case FileSet:
                        source = Path;
                        if ((candidate = ReadFile(Path)) == null) return null;
                        break;
                    default:
                        var raw = InputObject is PSObject pso ? pso.BaseObject : InputObject;
                        source = "-InputObject";
                        if (raw is TaskDefinition definition)
                        {
                            candidate = TaskDefinitionDocument.FromTaskDefinition(definition);
                            name = definition.FamilyRevision;
                            region = Engine.Runtime.Arn.RegionOf(definition.TaskDefinitionArn);
                        }
                        else if (raw is FileInfo file)
                        {
                            source = file.FullName;
                            if ((candidate = ReadFile(file.FullName)) == null) return null;
                        }
                        else if (raw is string text && text.TrimStart().StartsWith("{", StringComparison.Ordinal))
                            candidate = TaskDefinitionDocument.Parse(text, "the piped JSON text");
                        else
                            candidate = TaskDefinitionDocument.FromNode(PlainData.ToJson(InputObject), source);
                        break;
                }
            }
            catch (TaskDefinitionException ex)
            {
                WriteError(new ErrorRecord(ex, ex.ErrorId, ErrorCategory.InvalidData, source));
                return null;
            }
            var findings = _checks.Run(region, candidate, name, null, CancellationToken);
            return findings == null ? (bool?)null : _checks.Report(findings, Quiet);
        }

        /// <summary>The parsed file, or null after reporting that it is not there.</summary>
        private RegisterTaskDefinitionRequest ReadFile(string given)
        {
            string path;
            try { path = GetUnresolvedProviderPathFromPSPath(given); }
            catch (Exception ex) when (ex is ItemNotFoundException || ex is System.Management.Automation.DriveNotFoundException || ex is ProviderNotFoundException || ex is NotSupportedException)
            {
                WriteError(new ErrorRecord(new FileNotFoundException($"'{given}' is not a path to a file: {ex.Message}", ex),
                    "TaskDefinitionFileNotFound", ErrorCategory.ObjectNotFound, given));
                return null;
            }
            if (!File.Exists(path))
            {
                WriteError(new ErrorRecord(new FileNotFoundException($"The file '{given}' does not exist.", path),
                    "TaskDefinitionFileNotFound", ErrorCategory.ObjectNotFound, given));
                return null;
            }
            return TaskDefinitionDocument.Parse(File.ReadAllText(path), given);
        }
    }
}
