using System;
using System.Collections.Generic;
using System.Linq;
using System.Text.RegularExpressions;
using System.Threading;
using EcsPS.Engine.CloudWatchLogs;
using EcsPS.Engine.CloudWatchLogs.Model;
using EcsPS.Engine.Ecr;
using EcsPS.Engine.Ecr.Model;
using EcsPS.Engine.Ecs.Model;
using EcsPS.Engine.ElasticLoadBalancingV2;
using EcsPS.Engine.ElasticLoadBalancingV2.Model;
using EcsPS.Engine.Runtime;

namespace EcsPS.Engine.Ecs.Verification
{
    /// <summary>
    /// Checks, without changing anything, what makes a deploy fail after it has started: images
    /// and tags that ECR does not have, awslogs groups that do not exist, a missing execution
    /// role, Fargate sizes and platforms Fargate does not offer, ports the network mode or the
    /// load balancer cannot use, and secrets that are not ARNs or parameter names. ECS accepts
    /// most of these at registration and UpdateService, and the deployment then fails task by
    /// task (CannotPullContainerError, ResourceInitializationError) until the circuit breaker,
    /// or someone, notices.
    ///
    /// Requests are batched: one BatchGetImage per repository with every tag asked of it, one
    /// DescribeLogGroups per distinct group, one DescribeTargetGroups for all target groups of a
    /// Region. A request that fails (access denied, no answer) becomes a Warning saying what could
    /// not be checked: a verifier that crashes on a missing permission would be skipped in CI.
    /// </summary>
    public sealed class DeploymentVerifier
    {
        // The manifest kinds ECS pulls; BatchGetImage without them answers with a schema 1
        // conversion, which images pushed as OCI cannot give.
        private static readonly List<string> ManifestTypes = new List<string>
        {
            "application/vnd.docker.distribution.manifest.v2+json",
            "application/vnd.docker.distribution.manifest.list.v2+json",
            "application/vnd.oci.image.manifest.v1+json",
            "application/vnd.oci.image.index.v1+json",
        };

        private static readonly Regex SecretsManagerArn = new Regex(
            @"^arn:aws[a-z-]*:secretsmanager:[a-z]{2}(?:-[a-z]+)+-\d+:\d{12}:secret:[A-Za-z0-9/_+=.@-]+(?::[^:]*:[^:]*:[^:]*)?$", RegexOptions.CultureInvariant);
        private static readonly Regex ParameterArn = new Regex(
            @"^arn:aws[a-z-]*:ssm:[a-z]{2}(?:-[a-z]+)+-\d+:\d{12}:parameter/[A-Za-z0-9_.\-/]{1,2048}$", RegexOptions.CultureInvariant);
        private static readonly Regex ParameterName = new Regex(@"^[A-Za-z0-9_.\-/]{1,2048}$", RegexOptions.CultureInvariant);

        private const string SecretForms =
            "a Secrets Manager secret ARN (arn:aws:secretsmanager:us-east-1:123456789012:secret:db-password-AbCdEf, " +
            "with :json-key:version-stage:version-id for one key of it), an SSM parameter ARN " +
            "(arn:aws:ssm:us-east-1:123456789012:parameter/prod/db-password) or the name of a parameter of the task's Region (/prod/db-password)";

        private readonly Func<string, EcrClient> _ecrIn;
        private readonly Func<string, CloudWatchLogsClient> _logsIn;
        private readonly Func<string, ElasticLoadBalancingV2Client> _elbIn;

        /// <param name="ecrIn">The ECR client of a Region (null: the command's).</param>
        /// <param name="logsIn">The CloudWatch Logs client of a Region (null: the command's).</param>
        /// <param name="elbIn">The ELBv2 client of a Region (null: the command's).</param>
        public DeploymentVerifier(Func<string, EcrClient> ecrIn, Func<string, CloudWatchLogsClient> logsIn, Func<string, ElasticLoadBalancingV2Client> elbIn)
        {
            _ecrIn = ecrIn ?? throw new ArgumentNullException(nameof(ecrIn));
            _logsIn = logsIn ?? throw new ArgumentNullException(nameof(logsIn));
            _elbIn = elbIn ?? throw new ArgumentNullException(nameof(elbIn));
        }

        /// <summary>Requests sent by this verifier so far (for -Verbose).</summary>
        public int Requests { get; private set; }

        /// <summary>
        /// The findings about <paramref name="definition"/>, run by <paramref name="service"/> when
        /// one is given (its launch type, network configuration and load balancers then count).
        /// <paramref name="name"/> is how findings name the task definition (family:revision).
        /// </summary>
        public List<DeploymentFinding> Verify(RegisterTaskDefinitionRequest definition, string name, Service service, CancellationToken ct)
        {
            if (definition == null) throw new ArgumentNullException(nameof(definition));
            var findings = new List<DeploymentFinding>();
            var containers = (definition.ContainerDefinitions ?? new List<ContainerDefinition>()).Where(c => c != null).ToList();
            var fargate = RunsOnFargate(definition, service);

            CheckPlatform(definition, service, fargate, findings);
            CheckPorts(definition, containers, findings);
            CheckExecutionRole(definition, containers, fargate, findings);
            CheckSecrets(containers, findings);
            CheckImages(containers, findings, ct);
            CheckLogGroups(containers, findings, ct);
            if (service != null)
            {
                CheckServiceNetwork(definition, service, findings);
                CheckLoadBalancers(definition, containers, service, findings, ct);
            }

            foreach (var f in findings)
            {
                f.TaskDefinition = name ?? definition.Family;
                f.Service = service?.ServiceName;
                f.Cluster = service?.ClusterName;
            }
            // Errors first: what stops the deploy is what a reader needs to see first.
            return findings.Select((f, i) => (f, i)).OrderBy(x => x.f.Severity).ThenBy(x => x.i).Select(x => x.f).ToList();
        }

        private static string At(ContainerDefinition c, string member) => $"containerDefinitions[{c.Name ?? "?"}].{member}";

        private static string NetworkMode(RegisterTaskDefinitionRequest td, bool fargate)
            => td.NetworkMode ?? (fargate ? "awsvpc" : "bridge");

        /// <summary>The service decides when there is one (a definition compatible with both runs
        /// on what the service asks for); alone, a definition made for Fargate is checked as Fargate.</summary>
        private static bool RunsOnFargate(RegisterTaskDefinitionRequest td, Service service)
        {
            if (service != null)
            {
                if (service.LaunchType != null) return service.LaunchType == "FARGATE";
                if (service.CapacityProviderStrategy != null && service.CapacityProviderStrategy.Count > 0)
                    return service.CapacityProviderStrategy.Any(s => s.CapacityProvider == "FARGATE" || s.CapacityProvider == "FARGATE_SPOT");
            }
            return td.RequiresCompatibilities?.Contains("FARGATE") == true;
        }

        // ---- platform ------------------------------------------------------------------------

        private static void CheckPlatform(RegisterTaskDefinitionRequest td, Service service, bool fargate, List<DeploymentFinding> findings)
        {
            if (!fargate) return;
            if (service != null && td.RequiresCompatibilities?.Contains("FARGATE") != true)
                findings.Add(new DeploymentFinding(FindingSeverity.Error, "requiresCompatibilities",
                    $"The service runs on Fargate, but the task definition is not marked compatible with it ({Join(td.RequiresCompatibilities, "none given")}).",
                    "Register a revision with requiresCompatibilities FARGATE (Register-EcsTaskDefinitionX -RequiresCompatibility FARGATE), networkMode awsvpc and a task cpu and memory."));
            if (td.NetworkMode != null && td.NetworkMode != "awsvpc")
                findings.Add(new DeploymentFinding(FindingSeverity.Error, "networkMode",
                    $"Fargate tasks run only with networkMode awsvpc, not {td.NetworkMode}.",
                    "Set networkMode to awsvpc (and give the service subnets with -Subnet)."));

            var cpu = EcsRules.ParseCpuUnits(td.Cpu);
            var memory = EcsRules.ParseMemoryMiB(td.Memory);
            var windows = td.RuntimePlatform?.OperatingSystemFamily?.StartsWith("WINDOWS", StringComparison.Ordinal) == true;
            if (cpu == null || memory == null)
                findings.Add(new DeploymentFinding(FindingSeverity.Error, "cpu/memory",
                    $"Fargate tasks need a task cpu and memory size; this one has cpu {td.Cpu ?? "(none)"} and memory {td.Memory ?? "(none)"}.",
                    "Give the task both, for example cpu \"256\" and memory \"512\" (1024 CPU units = 1 vCPU)."));
            else
            {
                var size = EcsRules.CheckFargateSize(cpu.Value, memory.Value, windows);
                if (size != null)
                    findings.Add(new DeploymentFinding(FindingSeverity.Error, "cpu/memory", size, "Choose a cpu and memory pair from the Fargate task size table."));
            }
            if (windows && td.RuntimePlatform?.CpuArchitecture == "ARM64")
                findings.Add(new DeploymentFinding(FindingSeverity.Error, "runtimePlatform",
                    "Fargate runs Windows containers on X86_64 only, not ARM64.",
                    "Set runtimePlatform.cpuArchitecture to X86_64, or use a Linux image for ARM64."));
            if (td.PlacementConstraints != null && td.PlacementConstraints.Count > 0)
                findings.Add(new DeploymentFinding(FindingSeverity.Error, "placementConstraints",
                    "Fargate tasks take no placement constraints: there are no container instances to place them on.",
                    "Remove placementConstraints from the task definition, or run the service on EC2."));
        }

        private static void CheckServiceNetwork(RegisterTaskDefinitionRequest td, Service service, List<DeploymentFinding> findings)
        {
            var fargate = RunsOnFargate(td, service);
            var mode = NetworkMode(td, fargate);
            var hasVpc = service.NetworkConfiguration?.AwsvpcConfiguration != null;
            if (mode == "awsvpc" && !hasVpc)
                findings.Add(new DeploymentFinding(FindingSeverity.Error, "networkConfiguration",
                    $"The task definition uses networkMode awsvpc, and the service {service.ServiceName} has no network configuration (subnets) for its tasks.",
                    "Update-EcsServiceX -Subnet <subnet ids> [-SecurityGroup <ids>], or use a task definition with networkMode bridge or host."));
            else if (mode != "awsvpc" && hasVpc)
                findings.Add(new DeploymentFinding(FindingSeverity.Error, "networkMode",
                    $"The service {service.ServiceName} has an awsvpc network configuration, and the task definition uses networkMode {mode}: ECS refuses the pair.",
                    "Register the revision with networkMode awsvpc, or recreate the service without subnets."));
        }

        // ---- ports ---------------------------------------------------------------------------

        private static void CheckPorts(RegisterTaskDefinitionRequest td, List<ContainerDefinition> containers, List<DeploymentFinding> findings)
        {
            var fargate = td.RequiresCompatibilities?.Contains("FARGATE") == true;
            var mode = NetworkMode(td, fargate);
            var owners = new Dictionary<string, string>(StringComparer.Ordinal);
            foreach (var c in containers)
            {
                var mappings = c.PortMappings ?? new List<PortMapping>();
                if (mode == "none" && mappings.Count > 0)
                {
                    findings.Add(new DeploymentFinding(FindingSeverity.Error, At(c, "portMappings"),
                        "With networkMode none a task has no network interface, so its containers cannot map ports.",
                        "Remove the port mappings, or use networkMode awsvpc, bridge or host."));
                    continue;
                }
                if (mode != "awsvpc" && mode != "host") continue;
                foreach (var p in mappings)
                {
                    if (p.ContainerPort is int cp && p.HostPort is int hp && hp != cp)
                        findings.Add(new DeploymentFinding(FindingSeverity.Error, At(c, "portMappings"),
                            $"With networkMode {mode} the host port is the container port: hostPort {hp} cannot map containerPort {cp}.",
                            $"Set hostPort to {cp} or leave it out."));
                    if (p.ContainerPort is int port)
                    {
                        // In awsvpc and host mode every container of a task shares one network
                        // namespace: a port can be bound once, and the second container fails to start.
                        var key = port + "/" + (p.Protocol ?? "tcp");
                        if (owners.TryGetValue(key, out var owner) && owner != c.Name)
                            findings.Add(new DeploymentFinding(FindingSeverity.Error, At(c, "portMappings"),
                                $"Port {key} is mapped by containers {owner} and {c.Name}; with networkMode {mode} they share one network interface and only one can bind it.",
                                "Give each container its own port."));
                        else owners[key] = c.Name;
                    }
                }
            }
        }

        // ---- execution role and secrets ------------------------------------------------------

        private static void CheckExecutionRole(RegisterTaskDefinitionRequest td, List<ContainerDefinition> containers, bool fargate, List<DeploymentFinding> findings)
        {
            if (!string.IsNullOrEmpty(td.ExecutionRoleArn))
            {
                var problem = EcsRules.CheckRoleArn("task execution role", td.ExecutionRoleArn, allowName: false);
                if (problem != null)
                    findings.Add(new DeploymentFinding(FindingSeverity.Error, "executionRoleArn", problem, "Give the role's full ARN (Get-IAMRole shows it as Arn)."));
                return;
            }
            var needs = new List<string>();
            foreach (var c in containers)
            {
                if (c.Secrets != null && c.Secrets.Count > 0) needs.Add($"inject the secrets of {c.Name}");
                if (c.LogConfiguration?.SecretOptions != null && c.LogConfiguration.SecretOptions.Count > 0) needs.Add($"read the log secretOptions of {c.Name}");
                if (c.RepositoryCredentials?.CredentialsParameter != null) needs.Add($"read the registry credentials of {c.Name}");
                // On EC2 the container instance's role pulls from ECR and writes awslogs; Fargate has no instance.
                if (!fargate) continue;
                if (EcsRules.IsPrivateEcrImage(c.Image)) needs.Add($"pull the image of {c.Name} from ECR");
                if (c.LogConfiguration?.LogDriver == "awslogs") needs.Add($"send the awslogs output of {c.Name}");
            }
            if (needs.Count == 0) return;
            findings.Add(new DeploymentFinding(FindingSeverity.Error, "executionRoleArn",
                $"No task execution role is set, and {(fargate ? "this Fargate task" : "this task")} needs one to {string.Join(", ", needs)}.",
                $"Set executionRoleArn to a role with the AmazonECSTaskExecutionRolePolicy (and read access to the secrets), such as {EcsRules.RoleArnForm}."));
        }

        private static void CheckSecrets(List<ContainerDefinition> containers, List<DeploymentFinding> findings)
        {
            foreach (var c in containers)
            {
                foreach (var s in c.Secrets ?? new List<Secret>())
                    CheckSecret(At(c, $"secrets[{s.Name ?? "?"}]"), s, findings);
                foreach (var s in c.LogConfiguration?.SecretOptions ?? new List<Secret>())
                    CheckSecret(At(c, $"logConfiguration.secretOptions[{s.Name ?? "?"}]"), s, findings);
            }
        }

        private static void CheckSecret(string setting, Secret secret, List<DeploymentFinding> findings)
        {
            if (string.IsNullOrEmpty(secret.Name))
                findings.Add(new DeploymentFinding(FindingSeverity.Error, setting, "A secret has no name (the variable or option it sets).", "Give every secret a name."));
            var value = secret.ValueFrom;
            if (string.IsNullOrEmpty(value))
            {
                findings.Add(new DeploymentFinding(FindingSeverity.Error, setting, "The secret has no valueFrom.", "Set valueFrom to " + SecretForms + "."));
                return;
            }
            var ok = value.StartsWith("arn:", StringComparison.Ordinal)
                ? SecretsManagerArn.IsMatch(value) || ParameterArn.IsMatch(value)
                : ParameterName.IsMatch(value);
            if (!ok)
                findings.Add(new DeploymentFinding(FindingSeverity.Error, setting,
                    $"valueFrom '{value}' is not a secret ECS can read: tasks fail with ResourceInitializationError when they start.",
                    "Use " + SecretForms + "."));
        }

        // ---- images --------------------------------------------------------------------------

        private void CheckImages(List<ContainerDefinition> containers, List<DeploymentFinding> findings, CancellationToken ct)
        {
            var inEcr = new List<(ContainerDefinition Container, EcrImageReference Reference)>();
            foreach (var c in containers)
            {
                if (string.IsNullOrWhiteSpace(c.Image))
                {
                    findings.Add(new DeploymentFinding(FindingSeverity.Error, At(c, "image"), "The container has no image.", "Give it an image: repository:tag."));
                    continue;
                }
                var reference = EcrImageReference.TryParse(c.Image, out var problem);
                // A task definition's image without a registry host is Docker Hub's, whatever ECR has.
                if (reference != null && (!reference.IsEcr || reference.Host == null))
                {
                    findings.Add(new DeploymentFinding(FindingSeverity.Information, At(c, "image"),
                        $"'{c.Image}' is not in a private ECR registry; whether it exists was not checked.", null));
                    continue;
                }
                if (reference == null)
                {
                    findings.Add(new DeploymentFinding(FindingSeverity.Error, At(c, "image"), problem, EcsRules.ImageRule + "."));
                    continue;
                }
                inEcr.Add((c, reference));
            }

            foreach (var repository in inEcr.GroupBy(x => (x.Reference.Region, x.Reference.RegistryId, x.Reference.RepositoryName)))
            {
                var ids = repository.Select(x => Id(x.Reference)).GroupBy(Key).Select(g => g.First()).ToList();
                var (region, registry, name) = repository.Key;
                BatchGetImageResponse answer;
                try
                {
                    Requests++;
                    answer = _ecrIn(region).BatchGetImage(new BatchGetImageRequest
                    {
                        RegistryId = registry,
                        RepositoryName = name,
                        ImageIds = ids,
                        AcceptedMediaTypes = ManifestTypes,
                    }, ct);
                }
                catch (AwsServiceException ex) when (ex.ErrorCode == "RepositoryNotFoundException")
                {
                    foreach (var x in repository)
                        findings.Add(new DeploymentFinding(FindingSeverity.Error, At(x.Container, "image"),
                            $"ECR registry {registry} ({region}) has no repository '{name}', so '{x.Container.Image}' cannot be pulled.",
                            $"Create the repository and push the image (New-EcrRepositoryX {name}), or correct the image name."));
                    continue;
                }
                catch (Exception ex) when (ex is AwsServiceException || ex is AwsTransportException || ex is AwsConfigurationException)
                {
                    foreach (var x in repository)
                        findings.Add(NotChecked(At(x.Container, "image"), $"whether '{x.Container.Image}' exists", "ecr:BatchGetImage", ex));
                    continue;
                }
                var failures = (answer.Failures ?? new List<ImageFailure>()).Where(f => f.ImageId != null).ToList();
                foreach (var x in repository)
                {
                    var key = Key(Id(x.Reference));
                    var failure = failures.FirstOrDefault(f => Key(f.ImageId) == key)
                                  // ECR may answer a tag's failure with only the tag, or a digest's with only the digest.
                                  ?? failures.FirstOrDefault(f => (f.ImageId.ImageTag != null && f.ImageId.ImageTag == x.Reference.ImageTag)
                                                                  || (f.ImageId.ImageDigest != null && f.ImageId.ImageDigest == x.Reference.ImageDigest));
                    if (failure == null) continue;
                    var what = x.Reference.ImageDigest != null && x.Reference.ImageTag != null
                        ? $"the tag '{x.Reference.ImageTag}' at digest {x.Reference.ImageDigest}"
                        : x.Reference.ImageDigest != null ? "digest " + x.Reference.ImageDigest : $"the tag '{x.Reference.ImageTag}'";
                    switch (failure.FailureCode)
                    {
                        case "ImageNotFound":
                        case "ImageTagDoesNotMatchDigest":
                            findings.Add(new DeploymentFinding(FindingSeverity.Error, At(x.Container, "image"),
                                $"Repository '{name}' ({registry}, {region}) has no image with {what}: tasks would stop with CannotPullContainerError.",
                                $"Push the image, or use a tag the repository has (Get-EcrImageX -RepositoryName {name})."));
                            break;
                        default:
                            findings.Add(new DeploymentFinding(FindingSeverity.Warning, At(x.Container, "image"),
                                $"ECR could not say whether {what} of '{name}' can be pulled: {failure.FailureCode} {failure.FailureReason}".TrimEnd() + ".",
                                "Check the image in ECR (Get-EcrImageX) before deploying."));
                            break;
                    }
                }
            }
        }

        private static ImageIdentifier Id(EcrImageReference r) => new ImageIdentifier { ImageTag = r.ImageTag, ImageDigest = r.ImageDigest };

        private static string Key(ImageIdentifier id) => (id.ImageTag ?? string.Empty) + "@" + (id.ImageDigest ?? string.Empty);

        // ---- log groups ----------------------------------------------------------------------

        private void CheckLogGroups(List<ContainerDefinition> containers, List<DeploymentFinding> findings, CancellationToken ct)
        {
            var wanted = new List<(ContainerDefinition Container, string Group, string Region)>();
            foreach (var c in containers.Where(c => c.LogConfiguration?.LogDriver == "awslogs"))
            {
                var options = c.LogConfiguration.Options ?? new Dictionary<string, string>();
                options.TryGetValue("awslogs-group", out var group);
                options.TryGetValue("awslogs-region", out var region);
                if (string.IsNullOrEmpty(group))
                {
                    findings.Add(new DeploymentFinding(FindingSeverity.Error, At(c, "logConfiguration.options"),
                        "The awslogs driver has no awslogs-group option.", "Add awslogs-group (and awslogs-stream-prefix) to the options."));
                    continue;
                }
                if (options.TryGetValue("awslogs-create-group", out var create) && string.Equals(create, "true", StringComparison.OrdinalIgnoreCase))
                {
                    findings.Add(new DeploymentFinding(FindingSeverity.Information, At(c, "logConfiguration.options"),
                        $"awslogs-create-group is set, so the group '{group}' is not looked up; the execution role (or instance role) needs logs:CreateLogGroup.", null));
                    continue;
                }
                wanted.Add((c, group, string.IsNullOrEmpty(region) ? null : region));
            }

            foreach (var byGroup in wanted.GroupBy(w => (w.Region, w.Group)))
            {
                var (region, group) = byGroup.Key;
                bool exists;
                try
                {
                    exists = LogGroupExists(_logsIn(region), group, ct);
                }
                catch (Exception ex) when (ex is AwsServiceException || ex is AwsTransportException || ex is AwsConfigurationException)
                {
                    foreach (var w in byGroup)
                        findings.Add(NotChecked(At(w.Container, "logConfiguration.options"), $"whether the log group '{group}' exists", "logs:DescribeLogGroups", ex));
                    continue;
                }
                if (exists) continue;
                foreach (var w in byGroup)
                    findings.Add(new DeploymentFinding(FindingSeverity.Error, At(w.Container, "logConfiguration.options"),
                        $"The log group '{group}' does not exist{(region != null ? " in " + region : string.Empty)}: tasks would stop with ResourceInitializationError.",
                        $"Create it (aws logs create-log-group --log-group-name {group}), or add the option awslogs-create-group \"true\" and allow the execution role logs:CreateLogGroup."));
            }
        }

        private bool LogGroupExists(CloudWatchLogsClient logs, string group, CancellationToken ct)
        {
            string token = null;
            do
            {
                Requests++;
                var page = logs.DescribeLogGroups(new DescribeLogGroupsRequest { LogGroupNamePrefix = group, NextToken = token }, ct);
                var groups = page.LogGroups ?? new List<LogGroup>();
                if (groups.Any(g => g.LogGroupName == group)) return true;
                // Names come sorted, so a page whose last name is past the group has said no.
                if (groups.Count > 0 && string.CompareOrdinal(groups[groups.Count - 1].LogGroupName, group) > 0 && !groups[groups.Count - 1].LogGroupName.StartsWith(group, StringComparison.Ordinal))
                    return false;
                token = string.IsNullOrEmpty(page.NextToken) || page.NextToken == token ? null : page.NextToken;
            } while (token != null);
            return false;
        }

        // ---- load balancers ------------------------------------------------------------------

        private void CheckLoadBalancers(RegisterTaskDefinitionRequest td, List<ContainerDefinition> containers, Service service, List<DeploymentFinding> findings, CancellationToken ct)
        {
            var balancers = (service.LoadBalancers ?? new List<LoadBalancer>()).ToList();
            if (balancers.Count == 0) return;
            var mode = NetworkMode(td, RunsOnFargate(td, service));
            var groups = new Dictionary<string, TargetGroup>(StringComparer.Ordinal);
            var unread = new Dictionary<string, Exception>(StringComparer.Ordinal);
            foreach (var inRegion in balancers.Where(b => !string.IsNullOrEmpty(b.TargetGroupArn)).Select(b => b.TargetGroupArn)
                         .Distinct(StringComparer.Ordinal).GroupBy(a => Arn.RegionOf(a) ?? string.Empty))
                ReadTargetGroups(inRegion.Key.Length == 0 ? null : inRegion.Key, inRegion.ToList(), groups, unread, ct);

            for (var i = 0; i < balancers.Count; i++)
            {
                var lb = balancers[i];
                var setting = $"loadBalancers[{i}]";
                var container = containers.FirstOrDefault(c => c.Name == lb.ContainerName);
                if (container == null)
                {
                    findings.Add(new DeploymentFinding(FindingSeverity.Error, setting,
                        $"The service sends load balancer traffic to container '{lb.ContainerName}', which the task definition does not have ({Join(containers.Select(c => c.Name), "no containers")}).",
                        $"Keep a container named {lb.ContainerName} in the task definition."));
                    continue;
                }
                var mappings = container.PortMappings ?? new List<PortMapping>();
                var mapping = mappings.FirstOrDefault(p => p.ContainerPort == lb.ContainerPort);
                if (mapping == null)
                    findings.Add(new DeploymentFinding(FindingSeverity.Error, At(container, "portMappings"),
                        $"The service's load balancer sends traffic to port {lb.ContainerPort} of {container.Name}, and the container maps no such port " +
                        $"({Join(mappings.Where(p => p.ContainerPort != null).Select(p => p.ContainerPort.Value.ToString()), "no ports")}).",
                        $"Add a port mapping with containerPort {lb.ContainerPort} to {container.Name}."));
                if (string.IsNullOrEmpty(lb.TargetGroupArn)) continue;
                if (unread.TryGetValue(lb.TargetGroupArn, out var failure))
                {
                    findings.Add(NotChecked(setting, $"the target group {ElasticLoadBalancingV2Client.NameInArn(lb.TargetGroupArn) ?? lb.TargetGroupArn}", "elasticloadbalancing:DescribeTargetGroups", failure));
                    continue;
                }
                if (!groups.TryGetValue(lb.TargetGroupArn, out var tg))
                {
                    findings.Add(new DeploymentFinding(FindingSeverity.Error, setting,
                        $"The target group {lb.TargetGroupArn} does not exist.",
                        "Recreate the target group, or recreate the service with one that exists (a service's target groups change only through UpdateService -LoadBalancers)."));
                    continue;
                }
                var wantType = mode == "awsvpc" ? "ip" : "instance";
                if (tg.TargetType != null && tg.TargetType != wantType && (tg.TargetType == "ip" || tg.TargetType == "instance"))
                    findings.Add(new DeploymentFinding(FindingSeverity.Error, setting,
                        $"Target group {tg.TargetGroupName} takes targets of type {tg.TargetType}; tasks with networkMode {mode} register as {wantType} targets.",
                        $"Use a target group with target type {wantType}."));
                var udp = tg.Protocol == "UDP";
                if (mapping != null && (tg.Protocol == "UDP" || tg.Protocol == "TCP" || tg.Protocol == "HTTP" || tg.Protocol == "HTTPS" || tg.Protocol == "TLS")
                    && (udp ? "udp" : "tcp") != (mapping.Protocol ?? "tcp"))
                    findings.Add(new DeploymentFinding(FindingSeverity.Error, At(container, "portMappings"),
                        $"Target group {tg.TargetGroupName} speaks {tg.Protocol}, and port {mapping.ContainerPort} of {container.Name} is mapped as {mapping.Protocol ?? "tcp"}.",
                        $"Map the port with protocol {(udp ? "udp" : "tcp")}."));
                if (tg.Port is int tgPort && !mappings.Any(p => p.ContainerPort == tgPort) && mode == "awsvpc")
                    findings.Add(new DeploymentFinding(FindingSeverity.Warning, setting,
                        $"Target group {tg.TargetGroupName} is on port {tgPort}, which {container.Name} does not map; ECS registers the tasks on port {lb.ContainerPort}, " +
                        "so health checks on a fixed port (not traffic-port) would miss them.",
                        $"Make the target group's port {lb.ContainerPort}, or map {tgPort} in the container."));
            }
        }

        private void ReadTargetGroups(string region, List<string> arns, Dictionary<string, TargetGroup> groups, Dictionary<string, Exception> unread, CancellationToken ct)
        {
            var elb = _elbIn(region);
            try
            {
                Requests += (arns.Count + ElasticLoadBalancingV2Client.DescribeTargetGroupsBatchSize - 1) / ElasticLoadBalancingV2Client.DescribeTargetGroupsBatchSize;
                foreach (var tg in elb.DescribeTargetGroupsByArn(arns, ct)) groups[tg.TargetGroupArn] = tg;
                return;
            }
            catch (AwsServiceException ex) when (ex.ErrorCode == "TargetGroupNotFound" && arns.Count > 1)
            {
                // One missing group fails the whole request; asked one by one, the rest still answer.
            }
            catch (Exception ex) when (ex is AwsServiceException || ex is AwsTransportException || ex is AwsConfigurationException)
            {
                if (!(ex is AwsServiceException s && s.ErrorCode == "TargetGroupNotFound"))
                    foreach (var arn in arns) unread[arn] = ex;
                return;
            }
            foreach (var arn in arns)
            {
                try
                {
                    Requests++;
                    foreach (var tg in elb.DescribeTargetGroupsByArn(new[] { arn }, ct)) groups[tg.TargetGroupArn] = tg;
                }
                catch (AwsServiceException ex) when (ex.ErrorCode == "TargetGroupNotFound")
                {
                }
                catch (Exception ex) when (ex is AwsServiceException || ex is AwsTransportException || ex is AwsConfigurationException)
                {
                    unread[arn] = ex;
                }
            }
        }

        // ---- helpers -------------------------------------------------------------------------

        private static DeploymentFinding NotChecked(string setting, string what, string permission, Exception ex)
        {
            var reason = ex is AwsServiceException s ? $"{s.ErrorCode}: {s.ServiceMessage ?? s.Message}" : ex.Message;
            return new DeploymentFinding(FindingSeverity.Warning, setting, $"Could not check {what}: {reason}",
                $"Allow {permission} to whoever runs the check, or check it by hand.");
        }

        private static string Join(IEnumerable<string> values, string none)
        {
            var list = values?.Where(v => !string.IsNullOrEmpty(v)).ToList() ?? new List<string>();
            return list.Count == 0 ? none : string.Join(", ", list);
        }
    }
}
