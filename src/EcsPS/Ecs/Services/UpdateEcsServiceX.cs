using System;
using System.Collections;
using System.Collections.Generic;
using System.Linq;
using System.Management.Automation;
using EcsPS.Engine.Ecs.Model;
using EcsPS.Engine.Ecs.Deployments;
using EcsPS.Engine.Ecs.TaskDefinitions;
using EcsPS.Common;

namespace EcsPS.Ecs.Services
{
    /// <summary>
    /// Changes a service. -Image is the one-line deploy: it registers a new revision of the
    /// service's current task definition with the given images and rolls it out; -Wait follows
    /// that deployment to the end (or to its failure).
    /// </summary>
    [Cmdlet(VerbsData.Update, "EcsServiceX", SupportsShouldProcess = true, ConfirmImpact = ConfirmImpact.Medium)]
    [OutputType(typeof(Service))]
    public sealed class UpdateEcsServiceX : ServiceSettingsCmdletBase
    {
        [Parameter(Mandatory = true, Position = 0, ValueFromPipelineByPropertyName = true)]
        [ValidateEcsName("service", AllowArn = true)]
        [Alias("Name", "Service", "ServiceArn")]
        [ArgumentCompleter(typeof(ServiceNameCompleter))]
        public string ServiceName { get; set; }

        [Parameter]
        [ValidateRange(0, 100000)]
        public int DesiredCount { get; set; }

        /// <summary>The task definition to deploy: family (latest ACTIVE), family:revision or ARN.</summary>
        [Parameter]
        [ValidateTaskDefinition]
        [ArgumentCompleter(typeof(TaskDefinitionFamilyCompleter))]
        public string TaskDefinition { get; set; }

        /// <summary>New images for containers of the service's current task definition: @{ web = 'repo/web:2.1' }.</summary>
        [Parameter]
        [ValidateNotNullOrEmpty]
        [ValidateImageMap]
        public IDictionary Image { get; set; }

        /// <summary>Looks each ECR image of -Image up and deploys it pinned to its digest.</summary>
        [Parameter]
        public SwitchParameter PinDigest { get; set; }

        /// <summary>Starts a new deployment even if nothing else changed (pulls images again, replaces every task).</summary>
        [Parameter]
        public SwitchParameter ForceNewDeployment { get; set; }

        [Parameter]
        public bool EnableExecuteCommand { get; set; }

        /// <summary>Checks the task definition the service would run (Test-EcsTaskDefinitionX's checks, and its load balancers) before
        /// anything is registered or updated; an Error finding stops that service.</summary>
        [Parameter]
        public SwitchParameter Verify { get; set; }

        // One per region, so that a revision registered for -Image lives where its service does.
        private EcsPS.Ecr.ImagePinning _pinning;
        private readonly Dictionary<string, ImageDeployer> _deployers = new Dictionary<string, ImageDeployer>(StringComparer.Ordinal);
        private DeploymentConfiguration _deployment;
        private NetworkConfiguration _network;
        private List<CapacityProviderStrategyItem> _strategy;

        protected override void Begin()
        {
            var b = MyInvocation.BoundParameters;
            var changes = new[]
            {
                nameof(DesiredCount), nameof(TaskDefinition), nameof(Image), nameof(ForceNewDeployment), nameof(MinimumHealthyPercent),
                nameof(MaximumPercent), nameof(CircuitBreaker), nameof(Alarm), nameof(Subnet), nameof(SecurityGroup), nameof(AssignPublicIp),
                nameof(CapacityProviderStrategy), nameof(HealthCheckGracePeriod), nameof(EnableExecuteCommand), nameof(PlatformVersion), nameof(PropagateTags),
            };
            if (!changes.Any(b.ContainsKey))
                ThrowArgumentError("Nothing to change: pass -DesiredCount, -TaskDefinition, -Image, -ForceNewDeployment, deployment, network or capacity settings.",
                    "NoServiceChange", null);
            if (PinDigest && Image == null)
                ThrowArgumentError("-PinDigest pins the images of -Image; pass -Image @{ <container> = '<repository>:<tag>' } with it.", "PinDigestWithoutImage", null);
            if (TaskDefinition != null && Image != null)
                ThrowArgumentError("Give -TaskDefinition or -Image, not both: -Image makes a new revision of the service's current task definition.",
                    "TaskDefinitionAndImage", null);
            // The settings are the same for every piped service: check them once, before the first
            // one is read, so that a bad one stops the command before anything is sent.
            try
            {
                _deployment = DeploymentSetting();
                _network = NetworkSetting();
                _strategy = StrategySetting();
            }
            catch (ArgumentException ex) { ThrowArgumentError(ex.Message, "InvalidServiceParameters", null); }
        }

        protected override void ProcessRecord()
        {
            EcsPS.Engine.Ecs.EcsClient ecs = null;
            string region = null;
            if (!Guard(() => ecs = EcsIn(region = RegionOfArns(ClusterFor(ServiceName), ServiceName, TaskDefinition)), ServiceName)) return;
            if (!_deployers.TryGetValue(region ?? string.Empty, out var deployer))
                _deployers[region ?? string.Empty] = deployer = new ImageDeployer(ecs);

            var request = BuildRequest();

            // Reading the service first lets -WhatIf and -Verbose say what would change, and
            // -Image find the task definition to build on.
            Service current = null;
            if (!Guard(() => current = DescribeNamed(new[] { ServiceName }).FirstOrDefault(), ServiceName)) return;
            if (current == null) return;

            ImageDeployPlan plan = null;
            if (Image != null)
            {
                try
                {
                    var images = Image;
                    // Pinned before the revision is planned, so a missing tag stops this service with nothing registered.
                    if (PinDigest && (images = (_pinning = _pinning ?? new EcsPS.Ecr.ImagePinning(this)).Pin(Image, region, ServiceName)) == null) return;
                    if (!Guard(() => plan = deployer.Plan(current, ImageMap.From(images), CancellationToken), current.TaskDefinition)) return;
                }
                catch (TaskDefinitionException ex)
                {
                    WriteError(new ErrorRecord(ex, ex.ErrorId, ErrorCategory.InvalidArgument, ServiceName));
                    return;
                }
                if (plan == null)
                {
                    WriteError(new ErrorRecord(new ItemNotFoundException($"The service's task definition {current.TaskDefinitionName} no longer exists, so -Image has nothing to build on. Pass -TaskDefinition instead."),
                        "TaskDefinitionNotFoundException", ErrorCategory.ObjectNotFound, current.TaskDefinition));
                    return;
                }
            }

            // Judged as the update leaves the service: -PlatformVersion LATEST may be the very fix a check asks for.
            if (Verify && !VerifyCandidate(ecs, region, current.AsUpdated(request.PlatformVersion, request.CapacityProviderStrategy), plan)) return;

            var summary = DescribeChange(current, request, plan?.Revision);
            var target = $"{current.ServiceName} (cluster {current.ClusterName})";
            var action = "Update ECS service: " + summary;
            // The first line is the one-line summary; then one line per setting that would change,
            // down to the task definition's own settings.
            var details = SettingChanges(current, request, plan?.Revision)
                .Concat(TaskDefinitionChanges(ecs, current, request, plan).Select(c => "  " + c)).ToList();
            var description = $"Performing the operation \"{action}\" on target \"{target}\"." +
                string.Concat(details.Select(d => Environment.NewLine + "  " + d));
            if (!ShouldProcess(description, $"Are you sure you want to perform this action?{Environment.NewLine}{description}", "Confirm")) return;
            WriteVerbose($"{current.ServiceName}: {summary}");

            if (plan != null)
            {
                TaskDefinition registered = null;
                var registeredNow = false;
                if (!Guard(() => registered = deployer.Register(plan, CancellationToken, out registeredNow), plan.Revision.Family)) return;
                if (registeredNow) WriteVerbose($"Registered {registered.FamilyRevision} for {current.ServiceName}.");
                request.TaskDefinition = registered.TaskDefinitionArn;
            }

            Service updated = null;
            if (!Guard(() => updated = ecs.UpdateService(request, CancellationToken).Service, ServiceName)) return;
            Started(updated, ServiceName);
        }

        private EcsPS.Ecs.TaskDefinitions.DeploymentChecks _checks;

        /// <summary>
        /// -Verify: the planned revision for -Image, the named one for -TaskDefinition, else the
        /// current one. Warnings go to the warning stream and Error findings are errors, so that the
        /// pipeline's output stays the updated services. False when this service must not go on.
        /// </summary>
        private bool VerifyCandidate(EcsPS.Engine.Ecs.EcsClient ecs, string region, Service current, ImageDeployPlan plan)
        {
            var candidate = plan?.Revision;
            var name = plan != null ? plan.Revision.Family + " (new revision)" : null;
            if (candidate == null)
            {
                var named = TaskDefinition ?? current.TaskDefinition;
                TaskDefinition found = null;
                if (!Guard(() => found = ecs.FindTaskDefinition(named, includeTags: false, CancellationToken), named)) return false;
                if (found == null)
                {
                    WriteError(new ErrorRecord(new ItemNotFoundException($"The task definition '{named}' does not exist, so it cannot be verified or deployed."),
                        "TaskDefinitionNotFoundException", ErrorCategory.ObjectNotFound, named));
                    return false;
                }
                candidate = TaskDefinitionDocument.FromTaskDefinition(found);
                name = found.FamilyRevision;
            }
            var findings = (_checks = _checks ?? new EcsPS.Ecs.TaskDefinitions.DeploymentChecks(this)).Run(region, candidate, name, current, CancellationToken);
            if (findings == null) return false;
            foreach (var warning in findings.Where(f => f.Severity == Engine.Ecs.Verification.FindingSeverity.Warning))
                WriteWarning($"{current.ServiceName}: {warning.Setting}: {warning.Problem} {warning.Fix}");
            if (_checks.Report(findings, quiet: false, writeObjects: false)) return true;
            WriteVerbose($"{current.ServiceName}: -Verify found errors; nothing was registered or updated.");
            return false;
        }

        private UpdateServiceRequest BuildRequest()
        {
            var b = MyInvocation.BoundParameters;
            return new UpdateServiceRequest
            {
                Cluster = ClusterFor(ServiceName),
                Service = ServiceName,
                DesiredCount = b.ContainsKey(nameof(DesiredCount)) ? DesiredCount : (int?)null,
                TaskDefinition = TaskDefinition,
                ForceNewDeployment = ForceNewDeployment.IsPresent ? true : (bool?)null,
                DeploymentConfiguration = _deployment,
                NetworkConfiguration = _network,
                CapacityProviderStrategy = _strategy,
                HealthCheckGracePeriodSeconds = GracePeriodSetting(),
                EnableExecuteCommand = b.ContainsKey(nameof(EnableExecuteCommand)) ? EnableExecuteCommand : (bool?)null,
                PlatformVersion = PlatformVersion,
                PropagateTags = PropagateTags,
            };
        }

        /// <summary>What each service setting of the request would change, old -> new.</summary>
        private static IEnumerable<string> SettingChanges(Service current, UpdateServiceRequest r, RegisterTaskDefinitionRequest newRevision)
        {
            string List(IEnumerable<object> items) => items == null || !items.Any() ? "(none)" : string.Join(", ", items);
            string Breaker(DeploymentCircuitBreaker b) => b == null ? "(not set)" : b.Enable != true ? "off" : b.Rollback == true ? "on with rollback" : "on without rollback";
            var d = r.DeploymentConfiguration;
            var was = current.DeploymentConfiguration;
            var vpc = current.NetworkConfiguration?.AwsvpcConfiguration;
            if (r.DesiredCount != null) yield return $"desired count: {current.DesiredCount} -> {r.DesiredCount}";
            if (r.TaskDefinition != null) yield return $"task definition: {current.TaskDefinitionName} -> {Engine.Runtime.Arn.NameOf(r.TaskDefinition)}";
            if (newRevision != null) yield return $"task definition: {current.TaskDefinitionName} -> a new revision of {newRevision.Family}";
            if (r.ForceNewDeployment == true) yield return "force a new deployment: every task is replaced";
            if (d?.MinimumHealthyPercent != null) yield return $"minimum healthy percent: {was?.MinimumHealthyPercent} -> {d.MinimumHealthyPercent}";
            if (d?.MaximumPercent != null) yield return $"maximum percent: {was?.MaximumPercent} -> {d.MaximumPercent}";
            if (d?.DeploymentCircuitBreaker != null) yield return $"circuit breaker: {Breaker(was?.DeploymentCircuitBreaker)} -> {Breaker(d.DeploymentCircuitBreaker)}";
            if (d?.Alarms != null) yield return $"deployment alarms: {List(was?.Alarms?.AlarmNames)} -> {List(d.Alarms.AlarmNames)}";
            var net = r.NetworkConfiguration?.AwsvpcConfiguration;
            if (net != null)
            {
                yield return $"subnets: {List(vpc?.Subnets)} -> {List(net.Subnets)}";
                if (net.SecurityGroups != null) yield return $"security groups: {List(vpc?.SecurityGroups)} -> {List(net.SecurityGroups)}";
                if (net.AssignPublicIp != null) yield return $"assign public IP: {vpc?.AssignPublicIp ?? "(not set)"} -> {net.AssignPublicIp}";
            }
            if (r.CapacityProviderStrategy != null) yield return $"capacity providers: {List(current.CapacityProviderStrategy)} -> {List(r.CapacityProviderStrategy)}";
            if (r.HealthCheckGracePeriodSeconds != null) yield return $"health check grace period: {current.HealthCheckGracePeriodSeconds ?? 0} s -> {r.HealthCheckGracePeriodSeconds} s";
            if (r.EnableExecuteCommand != null) yield return $"execute command: {(current.EnableExecuteCommand == true ? "on" : "off")} -> {(r.EnableExecuteCommand.Value ? "on" : "off")}";
            if (r.PlatformVersion != null) yield return $"platform version: {current.PlatformVersion ?? "(not set)"} -> {r.PlatformVersion}";
            if (r.PropagateTags != null) yield return $"propagate tags: {current.PropagateTags ?? "(not set)"} -> {r.PropagateTags}";
        }

        /// <summary>
        /// The task definition settings the update would change: the planned revision of -Image
        /// against the current one, or the -TaskDefinition target against it. The latter costs two
        /// reads, so it is made only when someone will see it (-WhatIf, -Verbose).
        /// </summary>
        private IEnumerable<TaskDefinitionChange> TaskDefinitionChanges(EcsPS.Engine.Ecs.EcsClient ecs, Service current, UpdateServiceRequest r, ImageDeployPlan plan)
        {
            if (plan != null) return TaskDefinitionDiff.Compare(TaskDefinitionDocument.FromTaskDefinition(plan.Current), plan.Revision);
            if (r.TaskDefinition == null || !(IsWhatIf() || IsVerbose())) return Enumerable.Empty<TaskDefinitionChange>();
            IReadOnlyList<TaskDefinitionChange> changes = null;
            // Only a preview: a definition that cannot be read here is a warning, not an error record
            // on an update that then succeeds; UpdateService itself has the last word on it.
            try
            {
                var from = ecs.FindTaskDefinition(current.TaskDefinition, includeTags: false, CancellationToken);
                var to = ecs.FindTaskDefinition(r.TaskDefinition, includeTags: false, CancellationToken);
                if (from != null && to != null)
                    changes = TaskDefinitionDiff.Compare(TaskDefinitionDocument.FromTaskDefinition(from), TaskDefinitionDocument.FromTaskDefinition(to));
            }
            catch (Exception ex) when (ex is Engine.Runtime.AwsServiceException || ex is Engine.Runtime.AwsTransportException)
            {
                WriteWarning($"{current.ServiceName}: the task definition changes are not shown: {ex.Message}");
            }
            return changes ?? (IReadOnlyList<TaskDefinitionChange>)new TaskDefinitionChange[0];
        }

        private bool IsVerbose()
        {
            if (MyInvocation.BoundParameters.TryGetValue("Verbose", out var bound))
                return bound is SwitchParameter s ? s.IsPresent : LanguagePrimitives.IsTrue(bound);
            return GetVariableValue("VerbosePreference") is ActionPreference p && p != ActionPreference.SilentlyContinue;
        }

        private static string DescribeChange(Service current, UpdateServiceRequest r, RegisterTaskDefinitionRequest newRevision)
        {
            var parts = new List<string>();
            if (r.DesiredCount != null) parts.Add($"desired count {current.DesiredCount} -> {r.DesiredCount}");
            if (r.TaskDefinition != null) parts.Add($"task definition {current.TaskDefinitionName} -> {Engine.Runtime.Arn.NameOf(r.TaskDefinition)}");
            if (newRevision != null)
                parts.Add($"new revision of {newRevision.Family} from {current.TaskDefinitionName} with " +
                    string.Join(", ", newRevision.ContainerDefinitions.Select(c => $"{c.Name}={c.Image}")));
            if (r.ForceNewDeployment == true) parts.Add("force a new deployment");
            var d = r.DeploymentConfiguration;
            if (d?.MinimumHealthyPercent != null) parts.Add($"minimum healthy {current.DeploymentConfiguration?.MinimumHealthyPercent}% -> {d.MinimumHealthyPercent}%");
            if (d?.MaximumPercent != null) parts.Add($"maximum {current.DeploymentConfiguration?.MaximumPercent}% -> {d.MaximumPercent}%");
            if (d?.DeploymentCircuitBreaker != null) parts.Add($"circuit breaker {(d.DeploymentCircuitBreaker.Enable == true ? (d.DeploymentCircuitBreaker.Rollback == true ? "on with rollback" : "on without rollback") : "off")}");
            if (d?.Alarms != null) parts.Add(d.Alarms.AlarmNames.Count == 0 ? "no deployment alarms" : "deployment alarms " + string.Join(", ", d.Alarms.AlarmNames));
            if (r.NetworkConfiguration != null) parts.Add("subnets " + string.Join(", ", r.NetworkConfiguration.AwsvpcConfiguration.Subnets));
            if (r.CapacityProviderStrategy != null) parts.Add("capacity providers " + string.Join(", ", r.CapacityProviderStrategy));
            if (r.HealthCheckGracePeriodSeconds != null) parts.Add($"health check grace period {current.HealthCheckGracePeriodSeconds ?? 0} s -> {r.HealthCheckGracePeriodSeconds} s");
            if (r.EnableExecuteCommand != null) parts.Add($"execute command {(r.EnableExecuteCommand.Value ? "on" : "off")}");
            if (r.PlatformVersion != null) parts.Add($"platform version {current.PlatformVersion} -> {r.PlatformVersion}");
            if (r.PropagateTags != null) parts.Add($"propagate tags {current.PropagateTags} -> {r.PropagateTags}");
            return string.Join("; ", parts);
        }
    }
}
