using System;
using System.Collections;
using System.Collections.Generic;
using System.IO;
using System.Linq;
using System.Management.Automation;
using System.Text.Json.Nodes;
using EcsPS.Engine.Ecs.Model;
using EcsPS.Engine.Ecs.TaskDefinitions;
using EcsPS.Engine.Runtime;
using EcsPS.Common;

namespace EcsPS.Ecs.TaskDefinitions
{
    [Cmdlet(VerbsLifecycle.Register, "EcsTaskDefinitionX", SupportsShouldProcess = true, ConfirmImpact = ConfirmImpact.Medium,
        DefaultParameterSetName = ObjectSet)]
    [OutputType(typeof(TaskDefinition))]
    public sealed class RegisterEcsTaskDefinitionX : EcsCmdletBase
    {
        private const string FileSet = "FromFile";
        private const string ObjectSet = "FromObject";
        private const string ParametersSet = "FromParameters";

        /// <summary>A JSON file in the register-task-definition --cli-input-json form or the describe-task-definition output form.</summary>
        [Parameter(Mandatory = true, Position = 0, ParameterSetName = FileSet, ValueFromPipelineByPropertyName = true)]
        [ValidateNotNullOrEmpty]
        [Alias("FullName", "PSPath", "LiteralPath")]
        public string Path { get; set; }

        /// <summary>A TaskDefinition (from Get-EcsTaskDefinitionX) or a hashtable in the same shape.</summary>
        [Parameter(Mandatory = true, Position = 0, ParameterSetName = ObjectSet, ValueFromPipeline = true)]
        [ValidateNotNull]
        public object InputObject { get; set; }

        [Parameter(Mandatory = true, Position = 0, ParameterSetName = ParametersSet)]
        [Parameter(ParameterSetName = FileSet)]
        [Parameter(ParameterSetName = ObjectSet)]
        [ValidateEcsName("task definition family")]
        public string Family { get; set; }

        /// <summary>Containers: objects from New-EcsContainerDefinitionX or hashtables in the same shape.</summary>
        [Parameter(Mandatory = true, Position = 1, ParameterSetName = ParametersSet)]
        [ValidateNotNullOrEmpty]
        public object[] ContainerDefinition { get; set; }

        /// <summary>Task CPU: units ("256", "1024") or "0.5 vCPU".</summary>
        [Parameter(ParameterSetName = ParametersSet)]
        [ValidateNotNullOrEmpty]
        public string Cpu { get; set; }

        /// <summary>Task memory: MiB ("512", "2048") or "2 GB".</summary>
        [Parameter(ParameterSetName = ParametersSet)]
        [ValidateNotNullOrEmpty]
        public string Memory { get; set; }

        [Parameter(ParameterSetName = ParametersSet)]
        [ValidateSet("awsvpc", "bridge", "host", "none")]
        public string NetworkMode { get; set; }

        [Parameter(ParameterSetName = ParametersSet)]
        [ValidateSet("FARGATE", "EC2", "EXTERNAL", "MANAGED_INSTANCES")]
        [Alias("RequiresCompatibilities", "LaunchType")]
        public string[] RequiresCompatibility { get; set; }

        /// <summary>The task execution role, as an ARN only (ECS takes no role name here).</summary>
        [Parameter(ParameterSetName = ParametersSet)]
        [ValidateNotNullOrEmpty]
        [ValidateRoleArn("task execution role")]
        public string ExecutionRoleArn { get; set; }

        /// <summary>The task role: an ARN, or a role name (ECS takes either).</summary>
        [Parameter(ParameterSetName = ParametersSet)]
        [ValidateNotNullOrEmpty]
        [ValidateRoleArn("task role", AllowName = true)]
        public string TaskRoleArn { get; set; }

        /// <summary>Volumes: @{ Name = 'data'; Host = @{ SourcePath = '/data' } }, EFS, Docker volumes.</summary>
        [Parameter(ParameterSetName = ParametersSet)]
        [ValidateNotNull]
        public object[] Volume { get; set; }

        /// <summary>CPU architecture and OS: 'ARM64', 'LINUX/ARM64', or @{ CpuArchitecture = 'ARM64'; OperatingSystemFamily = 'LINUX' }.</summary>
        [Parameter(ParameterSetName = ParametersSet)]
        [ValidateNotNull]
        public object RuntimePlatform { get; set; }

        [Parameter(ParameterSetName = ParametersSet)]
        [ValidateSet("host", "task")]
        public string PidMode { get; set; }

        [Parameter(ParameterSetName = ParametersSet)]
        [ValidateSet("host", "task", "none")]
        public string IpcMode { get; set; }

        /// <summary>Fargate ephemeral storage in GiB (21-200).</summary>
        [Parameter(ParameterSetName = ParametersSet)]
        [ValidateRange(21, 200)]
        public int EphemeralStorageGiB { get; set; }

        /// <summary>Placement constraints: @{ Type = 'memberOf'; Expression = 'attribute:ecs.instance-type =~ t3.*' }.</summary>
        [Parameter(ParameterSetName = ParametersSet)]
        [ValidateNotNull]
        public object[] PlacementConstraint { get; set; }

        [Parameter(ParameterSetName = ParametersSet)]
        public SwitchParameter EnableFaultInjection { get; set; }

        /// <summary>New images for named containers before registering: @{ web = 'repo/web:2.1' }.</summary>
        [Parameter]
        [ValidateNotNullOrEmpty]
        [ValidateImageMap]
        public IDictionary Image { get; set; }

        /// <summary>Looks each ECR image of -Image up and registers it pinned to its digest.</summary>
        [Parameter]
        public SwitchParameter PinDigest { get; set; }

        private EcsPS.Ecr.ImagePinning _pinning;
        private IDictionary _images;

        /// <summary>Tags for the new revision; on top of any tags the file or object carries.</summary>
        [Parameter]
        [ValidateEcsTags]
        [Alias("Tags")]
        public Hashtable Tag { get; set; }

        protected override void Begin()
        {
            if (PinDigest && Image == null)
                ThrowArgumentError("-PinDigest pins the images of -Image; pass -Image @{ <container> = '<repository>:<tag>' } with it.", "PinDigestWithoutImage", null);
            if (!PinDigest) _images = Image;
        }

        protected override void ProcessRecord()
        {
            string source = null;
            RegisterTaskDefinitionRequest request;
            try
            {
                switch (ParameterSetName)
                {
                    case ObjectSet when IsJsonText(InputObject, out var json):
                        source = "the piped JSON text";
                        request = TaskDefinitionDocument.Parse(json, source);
                        break;
                    case ObjectSet when IsFile(InputObject, out var pipedPath):
                        // Files piped from Get-ChildItem (or paths as text) bind to -InputObject by
                        // value before -Path by property name; they mean "register this file".
                        source = pipedPath;
                        request = ReadFile(pipedPath);
                        if (request == null) return;
                        break;
                    case FileSet:
                        source = Path;
                        request = ReadFile(Path);
                        if (request == null) return;
                        break;
                    case ObjectSet:
                        source = "-InputObject";
                        var baseObject = InputObject is PSObject pso ? pso.BaseObject : InputObject;
                        request = baseObject is TaskDefinition definition
                            ? TaskDefinitionDocument.FromTaskDefinition(definition)
                            : TaskDefinitionDocument.FromNode(PlainData.ToJson(InputObject), source);
                        break;
                    default:
                        source = "the parameters";
                        request = TaskDefinitionDocument.FromNode(FromParameters(), source);
                        break;
                }
                // Looked up once the input has been read, and before anything is registered: a
                // missing tag stops here with nothing made.
                if (PinDigest && _images == null && (_images = (_pinning = _pinning ?? new EcsPS.Ecr.ImagePinning(this)).Pin(Image, null, request.Family)) == null) return;
                ApplyOverrides(request, source);
                var problems = TaskDefinitionValidator.Validate(request);
                if (problems.Count > 0) throw new TaskDefinitionException(source, "InvalidTaskDefinition", problems);
            }
            catch (TaskDefinitionException ex)
            {
                WriteError(new ErrorRecord(ex, ex.ErrorId,
                    ParameterSetName == ParametersSet ? ErrorCategory.InvalidArgument : ErrorCategory.InvalidData, source));
                return;
            }
            catch (ArgumentException ex)
            {
                WriteError(new ErrorRecord(ex, "InvalidTaskDefinition", ErrorCategory.InvalidArgument, source));
                return;
            }

            var images = string.Join(", ", request.ContainerDefinitions.Select(c => $"{c.Name}={c.Image}"));
            if (!ShouldProcess(request.Family, $"Register a new task definition revision ({images})")) return;
            Guard(() => WriteObject(Ecs.RegisterTaskDefinitionRevision(request, CancellationToken)), request.Family);
        }

        private static bool IsJsonText(object input, out string json)
        {
            var raw = input is PSObject pso ? pso.BaseObject : input;
            json = raw as string;
            return json != null && json.TrimStart().StartsWith("{", StringComparison.Ordinal);
        }

        private static bool IsFile(object input, out string path)
        {
            var raw = input is PSObject pso ? pso.BaseObject : input;
            path = raw is FileSystemInfo item ? item.FullName : raw as string;
            return path != null;
        }

        /// <summary>The parsed file, or null after reporting that it does not exist.</summary>
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
            if (Directory.Exists(path))
            {
                WriteError(new ErrorRecord(new ArgumentException(
                    $"'{given}' is a directory; give a JSON file, such as {System.IO.Path.Combine(given, "web.json")}, or register every file in it: Get-ChildItem '{given}' -Filter *.json | Register-EcsTaskDefinitionX."),
                    "TaskDefinitionPathIsDirectory", ErrorCategory.InvalidArgument, given));
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

        private JsonNode FromParameters()
        {
            var node = new JsonObject
            {
                ["family"] = Family,
                ["containerDefinitions"] = new JsonArray(ContainerDefinition.Select(PlainData.ToJson).ToArray()),
            };
            if (Cpu != null) node["cpu"] = Cpu;
            if (Memory != null) node["memory"] = Memory;
            if (NetworkMode != null) node["networkMode"] = NetworkMode;
            if (RequiresCompatibility != null) node["requiresCompatibilities"] = PlainData.ToJson(RequiresCompatibility);
            if (ExecutionRoleArn != null) node["executionRoleArn"] = ExecutionRoleArn;
            if (TaskRoleArn != null) node["taskRoleArn"] = TaskRoleArn;
            if (Volume != null) node["volumes"] = PlainData.ToJson(Volume);
            if (RuntimePlatform != null) node["runtimePlatform"] = ParseRuntimePlatform(RuntimePlatform);
            if (PidMode != null) node["pidMode"] = PidMode;
            if (IpcMode != null) node["ipcMode"] = IpcMode;
            if (MyInvocation.BoundParameters.ContainsKey(nameof(EphemeralStorageGiB)))
                node["ephemeralStorage"] = new JsonObject { ["sizeInGiB"] = EphemeralStorageGiB };
            if (PlacementConstraint != null) node["placementConstraints"] = PlainData.ToJson(PlacementConstraint);
            if (EnableFaultInjection.IsPresent) node["enableFaultInjection"] = true;
            return node;
        }

        private static JsonNode ParseRuntimePlatform(object value)
        {
            var raw = value is PSObject pso ? pso.BaseObject : value;
            if (!(raw is string text)) return PlainData.ToJson(value);
            var node = new JsonObject();
            foreach (var part in text.Split('/'))
            {
                var p = part.Trim().ToUpperInvariant();
                if (p == "X86_64" || p == "ARM64") node["cpuArchitecture"] = p;
                else if (p.Length > 0) node["operatingSystemFamily"] = p;
            }
            return node;
        }

        private void ApplyOverrides(RegisterTaskDefinitionRequest request, string source)
        {
            if (Family != null) request.Family = Family;
            if (Tag != null)
            {
                var tags = request.Tags ?? new List<Tag>();
                foreach (var tag in EcsNames.ToTags(Tag))
                {
                    tags.RemoveAll(t => t.Key == tag.Key);
                    tags.Add(tag);
                }
                request.Tags = tags;
            }
            if (_images != null)
                TaskDefinitionDocument.ApplyImages(request, ImageMap.From(_images), source);
            // The awslogs driver needs a region; the one being registered in is almost always meant.
            Guard(() => TaskDefinitionDocument.FillAwsLogsRegion(request, () => Ecs.RegionName), request.Family);
        }
    }
}
