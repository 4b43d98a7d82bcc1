using System;
using System.Collections.Generic;
using System.Linq;
using System.Text.RegularExpressions;
using System.Threading;
using EcsPS.Engine.CloudWatchLogs;
using EcsPS.Engine.Ecr;
using EcsPS.Engine.Ecs.Model;
using EcsPS.Engine.ElasticLoadBalancingV2;
using EcsPS.Engine.Runtime;

namespace EcsPS.Engine.Ecs.Verification
{
    /// <summary>
    /// Checks a candidate task definition (and the service that would run it) against what ECR,
    /// CloudWatch Logs and ELBv2 hold now, changing nothing. Each check is one that ECS does not
    /// make at registration or UpdateService but that fails the deployment once tasks start: a tag
    /// that was never pushed, a log group that does not exist, a role that is not there to pull.
    /// Requests are batched: one DescribeImages per repository, one DescribeLogGroups per group,
    /// DescribeTargetGroups 20 at a time. A check the caller may not make (access denied, a
    /// transport failure) becomes a Warning that says what was not checked.
    /// </summary>
    public sealed class DeploymentVerifier
    {
        private readonly Func<string, EcrClient> _ecrIn;
        private readonly Func<string, CloudWatchLogsClient> _logsIn;
        private readonly Func<string, ElasticLoadBalancingV2Client> _elbIn;
        private readonly string _region;

        /// <param name="ecrIn">The ECR client of a region (null: the command's), and likewise for Logs and ELBv2.</param>
        /// <param name="region">The region the task would run in (awslogs-region defaults to it).</param>
        public DeploymentVerifier(Func<string, EcrClient> ecrIn, Func<string, CloudWatchLogsClient> logsIn,
            Func<string, ElasticLoadBalancingV2Client> elbIn, string region)
        {
            _ecrIn = ecrIn;
            _logsIn = logsIn;
            _elbIn = elbIn;
            _region = region;
        }

        /// <summary>Requests sent by the last Verify (for -Verbose and the batching tests).</summary>
        public int Requests { get; private set; }

        public List<DeploymentFinding> Verify(RegisterTaskDefinitionRequest td, string taskDefinitionName, Service service, CancellationToken ct)
        {
            Requests = 0;
            var findings = new List<DeploymentFinding>();
            void Add(FindingSeverity severity, string setting, string problem, string fix)
                => findings.Add(new DeploymentFinding(severity, setting, problem, fix)
                {
                    TaskDefinition = taskDefinitionName ?? td.Family,
                    Service = service?.ServiceName,
                    Cluster = service?.ClusterName,
                });
            var containers = (td.ContainerDefinitions ?? new List<ContainerDefinition>()).Where(c => c != null).ToList();
            var fargate = IsFargate(td, service);

            CheckPlatform(td, service, fargate, Add);
            CheckExecutionRole(td, containers, fargate, Add);
            CheckPorts(td, containers, Add);
            CheckSecrets(containers, Add);
            CheckImages(containers, ct, Add);
            CheckLogGroups(containers, ct, Add);
            if (service != null) CheckLoadBalancers(td, containers, service, ct, Add);
            return findings;
        }

        private delegate void AddFinding(FindingSeverity severity, string setting, string problem, string fix);

        private static string At(ContainerDefinition c) => $"containerDefinitions[{c.Name ?? "(unnamed)"}]";

        /// <summary>A service's launch type or capacity providers decide Fargate as much as the definition does.</summary>
        private static bool IsFargate(RegisterTaskDefinitionRequest td, Service service)
        {
            if (service?.LaunchType != null) return service.LaunchType == "FARGATE";
            if (service?.CapacityProviderStrategy != null && service.CapacityProviderStrategy.Count > 0)
                return service.CapacityProviderStrategy.Any(s => s.CapacityProvider == "FARGATE" || s.CapacityProvider == "FARGATE_SPOT");
            return td.RequiresCompatibilities?.Contains("FARGATE") == true;
        }

        // ---- settings that need no request ----------------------------------------------------

        private static void CheckPlatform(RegisterTaskDefinitionRequest td, Service service, bool fargate, AddFinding add)
        {
            if (!fargate) return;
            if (service != null && td.RequiresCompatibilities != null && td.RequiresCompatibilities.Count > 0 && !td.RequiresCompatibilities.Contains("FARGATE"))
                add(FindingSeverity.Error, "requiresCompatibilities",
                    $"the service runs on Fargate, but the task definition is compatible with {string.Join(", ", td.RequiresCompatibilities)} only.",
                    "Add FARGATE to requiresCompatibilities and register a new revision.");
            if (td.NetworkMode != "awsvpc")
                add(FindingSeverity.Error, "networkMode", $"Fargate tasks need networkMode awsvpc, not {td.NetworkMode ?? "the default (bridge)"}.",
                    "Set networkMode to awsvpc.");
            var cpu = EcsRules.ParseCpuUnits(td.Cpu);
            var memory = EcsRules.ParseMemoryMiB(td.Memory);
            var windows = td.RuntimePlatform?.OperatingSystemFamily?.StartsWith("WINDOWS", StringComparison.Ordinal) == true;
            if (cpu == null || memory == null)
                add(FindingSeverity.Error, "cpu/memory", "Fargate tasks need a task cpu and memory size, and " +
                    (td.Cpu == null || td.Memory == null ? "one or both are missing." : $"'{td.Cpu}'/'{td.Memory}' cannot be read as one."),
                    "Set cpu and memory to a Fargate size, such as cpu \"256\" with memory \"512\".");
            else
            {
                var problem = EcsRules.CheckFargateSize(cpu.Value, memory.Value, windows);
                if (problem != null) add(FindingSeverity.Error, "cpu/memory", problem, "Choose a cpu and memory pair from the Fargate task sizes.");
            }
            var version = service?.PlatformVersion;
            if (version != null && version != "LATEST")
            {
                // Windows Fargate has only 1.0.0; Linux features such as ARM64 and ephemeral storage need 1.4.0.
                if (windows && version != "1.0.0")
                    add(FindingSeverity.Error, "platformVersion", $"Windows tasks on Fargate run on platform version 1.0.0 (or LATEST), not {version}.",
                        "Update the service with -PlatformVersion LATEST.");
                else if (!windows && string.CompareOrdinal(version, "1.4.0") < 0
                         && (td.RuntimePlatform?.CpuArchitecture == "ARM64" || td.EphemeralStorage != null))
                    add(FindingSeverity.Error, "platformVersion",
                        $"{(td.RuntimePlatform?.CpuArchitecture == "ARM64" ? "ARM64 tasks" : "ephemeralStorage")} need Fargate platform version 1.4.0 or later; the service uses {version}.",
                        "Update the service with -PlatformVersion LATEST (or 1.4.0).");
            }
        }

        /// <summary>
        /// The execution role acts for the task before its code runs: it injects secrets and, on
        /// Fargate (no instance role to fall back on), pulls from ECR and writes awslogs. Without
        /// it the task stops with CannotPullContainerError or ResourceInitializationError.
        /// </summary>
        private static void CheckExecutionRole(RegisterTaskDefinitionRequest td, List<ContainerDefinition> containers, bool fargate, AddFinding add)
        {
            if (!string.IsNullOrEmpty(td.ExecutionRoleArn))
            {
                var roleProblem = EcsRules.CheckRoleArn("task execution role", td.ExecutionRoleArn, allowName: false);
                if (roleProblem != null) add(FindingSeverity.Error, "executionRoleArn", roleProblem, "Give the role's full ARN.");
                return;
            }
            var needs = new List<string>();
            foreach (var c in containers)
            {
                if (c.Secrets != null && c.Secrets.Count > 0) needs.Add($"inject the secrets of {c.Name}");
                if (c.LogConfiguration?.SecretOptions != null && c.LogConfiguration.SecretOptions.Count > 0) needs.Add($"read the log secretOptions of {c.Name}");
                if (c.RepositoryCredentials?.CredentialsParameter != null) needs.Add($"read the registry credentials of {c.Name}");
                if (!fargate) continue;
                if (EcsRules.IsPrivateEcrImage(c.Image)) needs.Add($"pull the ECR image of {c.Name}");
                if (c.LogConfiguration?.LogDriver == "awslogs") needs.Add($"send the awslogs output of {c.Name}");
            }
            if (needs.Count == 0) return;
            add(FindingSeverity.Error, "executionRoleArn",
                $"no task execution role is set, and one is needed to {string.Join(", ", needs)}.",
                $"Set executionRoleArn to a role with the AmazonECSTaskExecutionRolePolicy, such as {EcsRules.RoleArnForm}.");
        }

        private static void CheckPorts(RegisterTaskDefinitionRequest td, List<ContainerDefinition> containers, AddFinding add)
        {
            var mode = td.NetworkMode ?? "bridge";
            foreach (var c in containers)
                foreach (var p in c.PortMappings ?? new List<PortMapping>())
                {
                    if ((mode == "awsvpc" || mode == "host") && p.HostPort is int h && p.ContainerPort is int cp && h != cp)
                        add(FindingSeverity.Error, At(c) + ".portMappings",
                            $"with networkMode {mode} the host port is the container port; hostPort {h} differs from containerPort {cp}.",
                            $"Leave hostPort out or set it to {cp}.");
                    if (mode == "none")
                        add(FindingSeverity.Error, At(c) + ".portMappings", "networkMode none gives containers no network, so port mappings cannot apply.",
                            "Remove the port mappings or choose another network mode.");
                }
        }

        // Secrets Manager: arn:...:secretsmanager:<region>:<account>:secret:<name>[:json-key:stage:version];
        // Parameter Store: the parameter's ARN, or its name when it is in the task's region.
        private static readonly Regex SecretsManagerArn = new Regex(@"^arn:aws[a-z-]*:secretsmanager:[a-z0-9-]+:\d{12}:secret:[A-Za-z0-9/_+=.@-]+(?::[^:\s]*){0,3}$", RegexOptions.CultureInvariant);
        private static readonly Regex ParameterArn = new Regex(@"^arn:aws[a-z-]*:ssm:[a-z0-9-]+:\d{12}:parameter/[A-Za-z0-9/_.-]+$", RegexOptions.CultureInvariant);
        private static readonly Regex SecretName = new Regex(@"^[A-Za-z0-9/_+=.@-]{1,512}$", RegexOptions.CultureInvariant);
        private static readonly Regex ParameterName = new Regex(@"^/?[A-Za-z0-9_.-]+(?:/[A-Za-z0-9_.-]+)*$", RegexOptions.CultureInvariant);

        public const string SecretForms = "a Secrets Manager secret ARN (arn:aws:secretsmanager:us-east-1:123456789012:secret:db-password-AbCdEf), " +
                                          "a Parameter Store ARN (arn:aws:ssm:us-east-1:123456789012:parameter/prod/db-password) or, in the task's region, a parameter name";

        /// <summary>Null when the value is a form ECS reads a secret from; otherwise why not.</summary>
        public static string CheckSecretReference(string value)
        {
            if (string.IsNullOrWhiteSpace(value)) return "the secret has no valueFrom.";
            if (value.StartsWith("arn:", StringComparison.Ordinal))
                return SecretsManagerArn.IsMatch(value) || ParameterArn.IsMatch(value) ? null
                    : $"'{value}' is not a Secrets Manager secret ARN or a Parameter Store parameter ARN.";
            return ParameterName.IsMatch(value) ? null : $"'{value}' is neither an ARN nor a Parameter Store parameter name.";
        }

        private static void CheckSecrets(List<ContainerDefinition> containers, AddFinding add)
        {
            foreach (var c in containers)
            {
                foreach (var s in c.Secrets ?? new List<Secret>())
                {
                    var problem = CheckSecretReference(s.ValueFrom);
                    if (problem != null) add(FindingSeverity.Error, $"{At(c)}.secrets[{s.Name}]", problem, "Set valueFrom to " + SecretForms + ".");
                }
                foreach (var s in c.LogConfiguration?.SecretOptions ?? new List<Secret>())
                {
                    var problem = CheckSecretReference(s.ValueFrom);
                    if (problem != null) add(FindingSeverity.Error, $"{At(c)}.logConfiguration.secretOptions[{s.Name}]", problem, "Set valueFrom to " + SecretForms + ".");
                }
                var credentials = c.RepositoryCredentials?.CredentialsParameter;
                // A secret's name serves too when the secret is in the task's region.
                if (credentials != null && !SecretsManagerArn.IsMatch(credentials) && !SecretName.IsMatch(credentials))
                    add(FindingSeverity.Error, At(c) + ".repositoryCredentials.credentialsParameter",
                        $"'{credentials}' is not a Secrets Manager secret ARN or name; registry credentials are read only from Secrets Manager.",
                        "Store the registry credentials as a secret and give its ARN (or, in the task's region, its name).");
            }
        }

        // ---- ECR ------------------------------------------------------------------------------

        private void CheckImages(List<ContainerDefinition> containers, CancellationToken ct, AddFinding add)
        {
            var ecr = new List<(ContainerDefinition Container, EcrImageReference Reference)>();
            foreach (var c in containers.Where(c => !string.IsNullOrWhiteSpace(c.Image)))
            {
                // ECS pulls an image with no registry host from Docker Hub, so only images that name
                // a private ECR host are ECR's to answer for.
                var reference = EcsRules.IsPrivateEcrImage(c.Image) ? EcrImageReference.TryParse(c.Image, out _) : null;
                if (reference == null || !reference.IsEcr)
                {
                    add(FindingSeverity.Information, At(c) + ".image", $"'{c.Image}' is not in a private ECR registry; whether it exists was not checked.",
                        "Make sure the registry serves it to the task (and, for a private registry, set repositoryCredentials).");
                    continue;
                }
                ecr.Add((c, reference));
            }
            foreach (var repository in ecr.GroupBy(e => (e.Reference.Region, e.Reference.RegistryId, e.Reference.RepositoryName)))
            {
                var entries = repository.ToList();
                var ids = entries.Select(e => Id(e.Reference)).GroupBy(EcrClient.Describe).Select(g => g.First()).ToList();
                // DescribeImages, not BatchGetImage: BatchGetImage is the pull itself (it records a
                // pull time, and a pull-through cache fetches from upstream), and a check changes nothing.
                var missing = new HashSet<string>(StringComparer.Ordinal);
                try
                {
                    var asked = 0;
                    foreach (var result in _ecrIn(repository.Key.Region).DescribeImages(repository.Key.RegistryId, repository.Key.RepositoryName, ids, ct))
                    {
                        asked++;
                        foreach (var failure in result.Failures) missing.Add(failure.Requested);
                    }
                    // One request per 100 ids, plus one per id of a batch that had a missing image.
                    Requests += missing.Count == 0 ? Math.Max(1, (ids.Count + EcrClient.DescribeImagesBatchSize - 1) / EcrClient.DescribeImagesBatchSize) : 1 + asked;
                }
                catch (AwsServiceException ex) when (ex.ErrorCode == "RepositoryNotFoundException")
                {
                    Requests++;
                    foreach (var e in entries)
                        add(FindingSeverity.Error, At(e.Container) + ".image",
                            $"the repository '{repository.Key.RepositoryName}' does not exist in registry {repository.Key.RegistryId} ({repository.Key.Region}), so '{e.Container.Image}' cannot be pulled.",
                            "Create the repository and push the image, or correct the image URI.");
                    continue;
                }
                catch (Exception ex) when (ex is AwsServiceException || ex is AwsTransportException || ex is AwsConfigurationException)
                {
                    Requests++;
                    foreach (var e in entries)
                        add(FindingSeverity.Warning, At(e.Container) + ".image", $"whether '{e.Container.Image}' exists could not be checked: {ex.Message}",
                            "Allow ecr:DescribeImages on the repository to the caller, or check the image yourself.");
                    continue;
                }
                foreach (var e in entries.Where(e => missing.Contains(EcrClient.Describe(Id(e.Reference)))))
                    add(FindingSeverity.Error, At(e.Container) + ".image",
                        $"repository '{repository.Key.RepositoryName}' has no image {(e.Reference.ImageDigest != null ? "with digest " + e.Reference.ImageDigest : "tagged '" + e.Reference.ImageTag + "'")}; " +
                        "tasks would stop with CannotPullContainerError.",
                        "Push the image with that tag, or point the container at a tag that exists (Get-EcrImageX lists them).");
            }
        }

        private static Ecr.Model.ImageIdentifier Id(EcrImageReference reference)
            => reference.ImageDigest != null
                ? new Ecr.Model.ImageIdentifier { ImageDigest = reference.ImageDigest }
                : new Ecr.Model.ImageIdentifier { ImageTag = reference.ImageTag };

        // ---- CloudWatch Logs ------------------------------------------------------------------

        private void CheckLogGroups(List<ContainerDefinition> containers, CancellationToken ct, AddFinding add)
        {
            var wanted = new List<(ContainerDefinition Container, string Group, string Region)>();
            foreach (var c in containers.Where(c => c.LogConfiguration?.LogDriver == "awslogs"))
            {
                var options = c.LogConfiguration.Options ?? new Dictionary<string, string>();
                if (!options.TryGetValue("awslogs-group", out var group) || string.IsNullOrEmpty(group))
                {
                    add(FindingSeverity.Error, At(c) + ".logConfiguration", "the awslogs driver has no awslogs-group option.", "Add the option awslogs-group.");
                    continue;
                }
                if (options.TryGetValue("awslogs-create-group", out var create) && string.Equals(create, "true", StringComparison.OrdinalIgnoreCase))
                {
                    add(FindingSeverity.Information, At(c) + ".logConfiguration.options.awslogs-group",
                        $"'{group}' is created when the first task starts (awslogs-create-group), so whether it exists was not checked.",
                        "Make sure the task execution role allows logs:CreateLogGroup.");
                    continue;
                }
                options.TryGetValue("awslogs-region", out var region);
                wanted.Add((c, group, string.IsNullOrEmpty(region) ? _region : region));
            }
            foreach (var group in wanted.GroupBy(w => (w.Region, w.Group)))
            {
                bool exists;
                try
                {
                    exists = LogGroupExists(group.Key.Region, group.Key.Group, ct);
                }
                catch (Exception ex) when (ex is AwsServiceException || ex is AwsTransportException || ex is AwsConfigurationException)
                {
                    foreach (var w in group)
                        add(FindingSeverity.Warning, At(w.Container) + ".logConfiguration.options.awslogs-group",
                            $"whether the log group '{w.Group}' exists could not be checked: {ex.Message}",
                            "Allow logs:DescribeLogGroups to the caller, or check the group yourself.");
                    continue;
                }
                if (exists) continue;
                foreach (var w in group)
                    add(FindingSeverity.Error, At(w.Container) + ".logConfiguration.options.awslogs-group",
                        $"the log group '{w.Group}' does not exist{(w.Region != null ? " in " + w.Region : string.Empty)} and awslogs-create-group is not set; tasks would stop with ResourceInitializationError.",
                        $"Create the group (aws logs create-log-group --log-group-name {w.Group}) or set the option awslogs-create-group to \"true\".");
            }
        }

        /// <summary>
        /// The group by name. DescribeLogGroups takes a prefix and answers in name order, so the exact
        /// name, when it exists, is the first of its prefix matches: one group of one page answers it.
        /// </summary>
        private bool LogGroupExists(string region, string group, CancellationToken ct)
        {
            Requests++;
            var page = _logsIn(region).DescribeLogGroups(new CloudWatchLogs.Model.DescribeLogGroupsRequest { LogGroupNamePrefix = group, Limit = 1 }, ct);
            return (page.LogGroups ?? new List<CloudWatchLogs.Model.LogGroup>()).Any(g => g.LogGroupName == group);
        }

        // ---- ELBv2 ----------------------------------------------------------------------------

        private void CheckLoadBalancers(RegisterTaskDefinitionRequest td, List<ContainerDefinition> containers, Service service, CancellationToken ct, AddFinding add)
        {
            var balancers = (service.LoadBalancers ?? new List<LoadBalancer>()).Where(l => !string.IsNullOrEmpty(l.TargetGroupArn)).ToList();
            if (balancers.Count == 0) return;
            var groups = new Dictionary<string, ElasticLoadBalancingV2.Model.TargetGroup>(StringComparer.Ordinal);
            var unreadable = new Dictionary<string, string>(StringComparer.Ordinal);
            foreach (var inRegion in balancers.Select(l => l.TargetGroupArn).Distinct(StringComparer.Ordinal).GroupBy(a => Arn.RegionOf(a)))
            {
                var arns = inRegion.ToList();
                try
                {
                    ReadTargetGroups(_elbIn(inRegion.Key), arns, groups, ct);
                }
                catch (Exception ex) when (ex is AwsServiceException || ex is AwsTransportException || ex is AwsConfigurationException)
                {
                    foreach (var a in arns) unreadable[a] = ex.Message;
                }
            }
            var mode = td.NetworkMode ?? "bridge";
            foreach (var lb in balancers)
            {
                var name = ElasticLoadBalancingV2Client.NameInArn(lb.TargetGroupArn) ?? lb.TargetGroupArn;
                var setting = $"loadBalancers[{name}]";
                var container = containers.FirstOrDefault(c => c.Name == lb.ContainerName);
                if (container == null)
                {
                    add(FindingSeverity.Error, setting, $"the service sends the target group's traffic to the container '{lb.ContainerName}', which this task definition does not have.",
                        $"Name the container '{lb.ContainerName}' in the task definition, or recreate the service's load balancer settings for a container it has.");
                    continue;
                }
                var mappings = container.PortMappings ?? new List<PortMapping>();
                var mapping = mappings.FirstOrDefault(p => p.ContainerPort == lb.ContainerPort);
                if (mapping == null)
                    add(FindingSeverity.Error, setting,
                        $"the service registers port {lb.ContainerPort} of '{container.Name}' with the target group, but the container maps " +
                        (mappings.Count == 0 ? "no ports." : "only " + string.Join(", ", mappings.Select(p => p.ContainerPort)) + "."),
                        $"Add a port mapping for containerPort {lb.ContainerPort} to '{container.Name}'.");
                if (unreadable.TryGetValue(lb.TargetGroupArn, out var why))
                {
                    add(FindingSeverity.Warning, setting, $"the target group could not be read, so its port, protocol and target type were not checked: {why}",
                        "Allow elasticloadbalancing:DescribeTargetGroups to the caller.");
                    continue;
                }
                if (!groups.TryGetValue(lb.TargetGroupArn, out var group))
                {
                    add(FindingSeverity.Error, setting, $"the target group {lb.TargetGroupArn} does not exist.",
                        "Create the target group again, or recreate the service with one that exists.");
                    continue;
                }
                if (group.TargetType == "instance" && mode == "awsvpc")
                    add(FindingSeverity.Error, setting, $"the target group '{name}' has target type instance, which awsvpc tasks cannot register with.",
                        "Use a target group with target type ip.");
                else if (group.TargetType == "ip" && mode != "awsvpc")
                    add(FindingSeverity.Error, setting, $"the target group '{name}' has target type ip, which only awsvpc tasks can register with; this task uses {mode}.",
                        "Use a target group with target type instance, or networkMode awsvpc.");
                if (mapping != null)
                {
                    var wantsUdp = group.Protocol == "UDP";
                    var mapped = (mapping.Protocol ?? "tcp").ToLowerInvariant();
                    if (group.Protocol != null && group.Protocol != "TCP_UDP" && (wantsUdp ? mapped != "udp" : mapped != "tcp"))
                        add(FindingSeverity.Error, setting, $"the target group '{name}' speaks {group.Protocol}, but port {mapping.ContainerPort} of '{container.Name}' is mapped as {mapped}.",
                            $"Map the port as {(wantsUdp ? "udp" : "tcp")}, or use a target group of a matching protocol.");
                }
                if (mapping == null && group.Port is int port && !mappings.Any(p => p.ContainerPort == port))
                    add(FindingSeverity.Error, setting,
                        $"the target group '{name}' listens on port {port}, which no port mapping of '{container.Name}' has.",
                        $"Map containerPort {port} in '{container.Name}', or use a target group on the container's port.");
                // The group's own port is only a default: ECS registers each task at its container port,
                // and a traffic-port health check follows it. Only a health check on a fixed port can miss.
                if (mapping != null && int.TryParse(group.HealthCheckPort, out var checkPort) && !mappings.Any(p => p.ContainerPort == checkPort))
                    add(FindingSeverity.Warning, setting,
                        $"the target group '{name}' health-checks port {checkPort}, which no port mapping of '{container.Name}' has; its targets would never turn healthy.",
                        $"Set the target group's health check port to traffic-port, or map containerPort {checkPort} in '{container.Name}'.");
            }
        }

        /// <summary>
        /// The groups 20 to a request; one missing ARN fails ELBv2's whole request (TargetGroupNotFound),
        /// so such a batch is asked again ARN by ARN to tell the missing ones from the rest.
        /// </summary>
        private void ReadTargetGroups(ElasticLoadBalancingV2Client elb, List<string> arns, Dictionary<string, ElasticLoadBalancingV2.Model.TargetGroup> found, CancellationToken ct)
        {
            foreach (var batch in Pager.Chunk(arns, ElasticLoadBalancingV2Client.DescribeTargetGroupsBatchSize))
            {
                try
                {
                    Requests++;
                    foreach (var g in elb.DescribeTargetGroupsByArn(batch, ct)) found[g.TargetGroupArn] = g;
                }
                catch (AwsServiceException ex) when (ex.ErrorCode == "TargetGroupNotFound" && batch.Count > 1)
                {
                    foreach (var one in batch)
                    {
                        try
                        {
                            Requests++;
                            foreach (var g in elb.DescribeTargetGroupsByArn(new[] { one }, ct)) found[g.TargetGroupArn] = g;
                        }
                        catch (AwsServiceException missing) when (missing.ErrorCode == "TargetGroupNotFound")
                        {
                        }
                    }
                }
                catch (AwsServiceException ex) when (ex.ErrorCode == "TargetGroupNotFound")
                {
                }
            }
        }
    }
}
