using System;
using System.Collections;
using System.Collections.Generic;
using System.IO;
using System.Linq;
using System.Management.Automation;
using EcsPS.Common;
using EcsPS.Ecs.Services;
using EcsPS.Engine.Ecs.Deployments;
using EcsPS.Engine.Ecs.Model;
using EcsPS.Engine.Ecs.TaskDefinitions;
using EcsPS.Engine.Runtime;

namespace EcsPS.Ecs.TaskDefinitions
{
    /// <summary>
    /// Compares two task definitions setting by setting: one TaskDefinitionChange per setting
    /// that differs, with containers, variables, secrets, ports and volumes matched by name.
    /// A service piped in compares the revision it runs with what -Image, -TaskDefinition or a
    /// file would give it.
    /// </summary>
    [Cmdlet(VerbsData.Compare, "EcsTaskDefinitionX", DefaultParameterSetName = ObjectsSet)]
    [OutputType(typeof(TaskDefinitionChange))]
    public sealed class CompareEcsTaskDefinitionX : ServiceCmdletBase
    {
        private const string ObjectsSet = "TwoDefinitions";
        private const string ImageSet = "ServiceWithImage";
        private const string TargetSet = "ServiceWithTaskDefinition";
        private const string FileSet = "ServiceWithFile";

        /// <summary>The definition compared against: family, family:revision or ARN; a TaskDefinition or an object in its shape; or a JSON file.</summary>
        [Parameter(Mandatory = true, Position = 0, ParameterSetName = ObjectsSet)]
        [ValidateNotNull]
        public object ReferenceObject { get; set; }

        /// <summary>The definition whose differences are shown, in any form -ReferenceObject takes.</summary>
        [Parameter(Mandatory = true, Position = 1, ParameterSetName = ObjectsSet)]
        [ValidateNotNull]
        public object DifferenceObject { get; set; }

        /// <summary>The service whose running task definition is the reference.</summary>
        [Parameter(Mandatory = true, Position = 0, ParameterSetName = ImageSet, ValueFromPipelineByPropertyName = true)]
        [Parameter(Mandatory = true, Position = 0, ParameterSetName = TargetSet, ValueFromPipelineByPropertyName = true)]
        [Parameter(Mandatory = true, Position = 0, ParameterSetName = FileSet, ValueFromPipelineByPropertyName = true)]
        [ValidateEcsName("service", AllowArn = true)]
        [Alias("Service", "ServiceArn")]
        [ArgumentCompleter(typeof(ServiceNameCompleter))]
        public string ServiceName { get; set; }

        /// <summary>New images for containers of the service's task definition: the revision Update-EcsServiceX -Image would register.</summary>
        [Parameter(Mandatory = true, ParameterSetName = ImageSet)]
        [ValidateNotNullOrEmpty]
        [ValidateImageMap]
        public IDictionary Image { get; set; }

        /// <summary>The task definition the service would move to: family (latest ACTIVE), family:revision or ARN.</summary>
        [Parameter(Mandatory = true, ParameterSetName = TargetSet)]
        [ValidateTaskDefinition]
        [ArgumentCompleter(typeof(TaskDefinitionFamilyCompleter))]
        public string TaskDefinition { get; set; }

        /// <summary>A task definition JSON file (either form Register-EcsTaskDefinitionX reads) to compare the service's revision with.</summary>
        [Parameter(Mandatory = true, ParameterSetName = FileSet)]
        [ValidateNotNullOrEmpty]
        [Alias("FullName", "LiteralPath")]
        public string Path { get; set; }

        private Source _reference;
        private Source _difference;
        private RegisterTaskDefinitionRequest _file;
        private readonly Dictionary<string, ImageDeployer> _deployers = new Dictionary<string, ImageDeployer>(StringComparer.Ordinal);

        // Two files or objects need no AWS at all.
        // (Asked after Begin, which has read the inputs by then.)
        protected override bool ResolveConnectionFirst => ParameterSetName != ObjectsSet || _reference?.Name != null || _difference?.Name != null;

        protected override void Begin()
        {
            if (ParameterSetName == ObjectsSet)
            {
                if (MyInvocation.BoundParameters.ContainsKey(nameof(Cluster)))
                    ThrowArgumentError("-Cluster goes with -ServiceName: it names the service's cluster. Task definitions belong to no cluster.", "ClusterWithoutService", Cluster);
                _reference = Read(ReferenceObject, "-ReferenceObject");
                _difference = Read(DifferenceObject, "-DifferenceObject");
            }
            else if (ParameterSetName == FileSet)
                _file = Read(Path, "-Path", fileOnly: true).Request;
        }

        protected override void ProcessRecord()
        {
            if (ParameterSetName == ObjectsSet)
            {
                var reference = Resolve(_reference);
                if (reference == null) return;
                var difference = Resolve(_difference);
                if (difference == null) return;
                Write(reference, difference, _reference.Label, _difference.Label);
                return;
            }

            EcsPS.Engine.Ecs.EcsClient ecs = null;
            string region = null;
            if (!Guard(() => ecs = EcsIn(region = RegionOfArns(ClusterFor(ServiceName), ServiceName, TaskDefinition)), ServiceName)) return;
            Service service = null;
            if (!Guard(() => service = DescribeNamed(new[] { ServiceName }).FirstOrDefault(), ServiceName)) return;
            if (service == null) return;

            RegisterTaskDefinitionRequest current = null, next = null;
            string nextLabel;
            switch (ParameterSetName)
            {
                case ImageSet:
                    if (!_deployers.TryGetValue(region ?? string.Empty, out var deployer))
                        _deployers[region ?? string.Empty] = deployer = new ImageDeployer(ecs);
                    ImageDeployPlan plan = null;
                    try
                    {
                        if (!Guard(() => plan = deployer.Plan(service, ImageMap.From(Image), CancellationToken), service.TaskDefinition)) return;
                    }
                    catch (TaskDefinitionException ex)
                    {
                        WriteError(new ErrorRecord(ex, ex.ErrorId, ErrorCategory.InvalidArgument, ServiceName));
                        return;
                    }
                    if (plan == null) { Missing(service.TaskDefinition); return; }
                    current = TaskDefinitionDocument.FromTaskDefinition(plan.Current);
                    next = plan.Revision;
                    nextLabel = $"the next revision of {plan.Revision.Family} (-Image)";
                    break;
                case TargetSet:
                    next = Find(ecs, TaskDefinition);
                    if (next == null) return;
                    nextLabel = TaskDefinition;
                    break;
                default:
                    next = _file;
                    nextLabel = Path;
                    break;
            }
            if (current == null)
            {
                current = Find(ecs, service.TaskDefinition);
                if (current == null) return;
            }
            Write(current, next, $"{service.TaskDefinitionName} ({service.ServiceName})", nextLabel);
        }

        private void Write(RegisterTaskDefinitionRequest reference, RegisterTaskDefinitionRequest difference, string referenceLabel, string differenceLabel)
        {
            var changes = TaskDefinitionDiff.Compare(reference, difference);
            if (changes.Count == 0)
            {
                WriteVerbose($"{referenceLabel} and {differenceLabel} have the same settings.");
                return;
            }
            WriteVerbose($"{changes.Count} setting(s) differ between {referenceLabel} and {differenceLabel}.");
            foreach (var change in changes)
            {
                change.Reference = referenceLabel;
                change.Difference = differenceLabel;
                WriteObject(change);
            }
        }

        private RegisterTaskDefinitionRequest Resolve(Source source)
            => source.Name == null ? source.Request : Find(EcsFor(source.Name), source.Name);

        private RegisterTaskDefinitionRequest Find(EcsPS.Engine.Ecs.EcsClient ecs, string name)
        {
            Engine.Ecs.Model.TaskDefinition found = null;
            if (!Guard(() => found = ecs.FindTaskDefinition(name, includeTags: true, CancellationToken), name)) return null;
            if (found == null) { Missing(name); return null; }
            try { return TaskDefinitionDocument.FromTaskDefinition(found); }
            catch (TaskDefinitionException ex)
            {
                WriteError(new ErrorRecord(ex, ex.ErrorId, ErrorCategory.InvalidData, name));
                return null;
            }
        }

        private void Missing(string name) => WriteFailure(new FailureRef(name, null, "MISSING", null), "task definition");

        /// <summary>One input as read in Begin: a name to look up later, or the registration it holds.</summary>
        private sealed class Source
        {
            public string Name;
            public RegisterTaskDefinitionRequest Request;
            public string Label;
        }

        // Reads what -ReferenceObject, -DifferenceObject or -Path holds; anything unreadable stops
        // the command here, before a request is sent.
        private Source Read(object input, string parameter, bool fileOnly = false)
        {
            var raw = input is PSObject pso ? pso.BaseObject : input;
            if (raw is FileSystemInfo item) return ReadFile(item.FullName, parameter);
            if (raw is string text)
            {
                if (!fileOnly && text.TrimStart().StartsWith("{", StringComparison.Ordinal))
                    return Parsed(() => TaskDefinitionDocument.Parse(text, parameter), parameter);
                if (fileOnly || LooksLikeFile(text)) return ReadFile(text, parameter);
                var problem = TaskDefinitionNames.Check(text, requireRevision: false);
                if (problem != null)
                    ThrowArgumentError($"{parameter}: {problem} Or give a path to a JSON file (such as ./web.json), or a task definition object.", "InvalidTaskDefinitionReference", text);
                return new Source { Name = text, Label = text };
            }
            if (raw is Engine.Ecs.Model.TaskDefinition definition)
                return Parsed(() => TaskDefinitionDocument.FromTaskDefinition(definition), definition.FamilyRevision ?? parameter);
            return Parsed(() => TaskDefinitionDocument.FromNode(PlainData.ToJson(input), parameter), parameter);
        }

        private Source Parsed(Func<RegisterTaskDefinitionRequest> read, string label)
        {
            RegisterTaskDefinitionRequest request = null;
            string errorId = null;
            Exception failure = null;
            var category = ErrorCategory.InvalidData;
            try { request = read(); }
            catch (TaskDefinitionException ex) { failure = ex; errorId = ex.ErrorId; }
            catch (ArgumentException ex) { failure = ex; errorId = "InvalidTaskDefinition"; category = ErrorCategory.InvalidArgument; }
            if (failure != null) ThrowTerminatingError(new ErrorRecord(failure, errorId, category, label));
            return new Source { Request = request, Label = label };
        }

        // A task definition is never named with a path separator or '.json' (an ARN has slashes but is an ARN).
        private bool LooksLikeFile(string text)
        {
            if (Arn.IsArn(text)) return false;
            if (text.IndexOfAny(new[] { '/', '\\' }) >= 0 || text.EndsWith(".json", StringComparison.OrdinalIgnoreCase)) return true;
            try { return File.Exists(GetUnresolvedProviderPathFromPSPath(text)); }
            catch (Exception ex) when (ex is ItemNotFoundException || ex is System.Management.Automation.DriveNotFoundException || ex is ProviderNotFoundException || ex is NotSupportedException)
            {
                return false;
            }
        }

        private Source ReadFile(string given, string parameter)
        {
            string path = null;
            try { path = GetUnresolvedProviderPathFromPSPath(given); }
            catch (Exception ex) when (ex is ItemNotFoundException || ex is System.Management.Automation.DriveNotFoundException || ex is ProviderNotFoundException || ex is NotSupportedException)
            {
                ThrowTerminatingError(new ErrorRecord(new FileNotFoundException($"{parameter}: '{given}' is not a path to a file: {ex.Message}", ex),
                    "TaskDefinitionFileNotFound", ErrorCategory.ObjectNotFound, given));
            }
            if (Directory.Exists(path))
                ThrowArgumentError($"{parameter}: '{given}' is a directory; give a task definition JSON file, such as {System.IO.Path.Combine(given, "web.json")}.", "TaskDefinitionPathIsDirectory", given);
            if (!File.Exists(path))
                ThrowTerminatingError(new ErrorRecord(new FileNotFoundException($"{parameter}: the file '{given}' does not exist. Give a task definition JSON file, or a family, family:revision or ARN.", path),
                    "TaskDefinitionFileNotFound", ErrorCategory.ObjectNotFound, given));
            return Parsed(() => TaskDefinitionDocument.Parse(File.ReadAllText(path), given), given);
        }
    }
}
