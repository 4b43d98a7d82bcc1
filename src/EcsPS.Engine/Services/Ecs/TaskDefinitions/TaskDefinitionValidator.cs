using System;
using System.Collections.Generic;
using System.Linq;
using EcsPS.Engine.Ecs.Model;

namespace EcsPS.Engine.Ecs.TaskDefinitions
{
    /// <summary>
    /// The registration rules the service enforces (and some it enforces only when a task is
    /// started, which is a worse time to find out), checked before any request is sent.
    /// </summary>
    public static class TaskDefinitionValidator
    {
        public static List<string> Validate(RegisterTaskDefinitionRequest td)
        {
            var problems = new List<string>();
            var nameProblem = EcsRules.CheckName("task definition family", td.Family);
            if (nameProblem != null) problems.Add("family: " + nameProblem);

            var containers = td.ContainerDefinitions ?? new List<ContainerDefinition>();
            if (containers.Count == 0)
                problems.Add("containerDefinitions: a task definition needs at least one container.");
            else if (containers.All(c => c.Essential == false))
                problems.Add("containerDefinitions: at least one container must be essential (every container here has essential = false).");

            var fargate = td.RequiresCompatibilities?.Contains("FARGATE") == true;
            var cpu = EcsRules.ParseCpuUnits(td.Cpu);
            var memory = EcsRules.ParseMemoryMiB(td.Memory);
            if (td.Cpu != null && cpu == null)
                problems.Add($"cpu: '{td.Cpu}' is not a CPU size. Use CPU units such as \"256\" or \"1024\", or \"0.25 vCPU\".");
            if (td.Memory != null && memory == null)
                problems.Add($"memory: '{td.Memory}' is not a memory size. Use MiB such as \"512\" or \"2048\", or \"2 GB\".");

            if (fargate)
            {
                if (td.NetworkMode != "awsvpc")
                    problems.Add(td.NetworkMode == null
                        ? "networkMode: Fargate tasks need networkMode awsvpc (none was given)."
                        : $"networkMode: Fargate tasks need networkMode awsvpc, not {td.NetworkMode}.");
                if (td.Cpu == null || td.Memory == null)
                    problems.Add("cpu/memory: Fargate tasks need both a task cpu and a task memory size (for example cpu \"256\", memory \"512\").");
                else if (cpu != null && memory != null)
                {
                    var size = EcsRules.CheckFargateSize(cpu.Value, memory.Value, windows: IsWindows(td));
                    if (size != null) problems.Add("cpu/memory: " + size);
                }
            }
            CheckRoles(td, containers, fargate, problems);
            // Links are a Docker bridge feature; ECS refuses them in every other network mode.
            if (td.NetworkMode != null && td.NetworkMode != "bridge")
                foreach (var c in containers.Where(c => c.Links != null && c.Links.Count > 0))
                    problems.Add($"containerDefinitions[{containers.IndexOf(c)}].links: links work only with networkMode bridge, not {td.NetworkMode}.");

            CheckContainers(td, containers, memory, cpu, problems);
            CheckVolumes(td, containers, problems);

            var tagProblem = EcsRules.CheckTags(td.Tags);
            if (tagProblem != null) problems.Add("tags: " + tagProblem);
            if (td.EphemeralStorage?.SizeInGiB is int gib && (gib < 21 || gib > 200))
                problems.Add($"ephemeralStorage.sizeInGiB: {gib} is outside 21 to 200 GiB.");
            if (td.PlacementConstraints != null && td.PlacementConstraints.Count > 10)
                problems.Add($"placementConstraints: at most 10 are allowed; {td.PlacementConstraints.Count} were given.");
            return problems;
        }

        private static bool IsWindows(RegisterTaskDefinitionRequest td)
            => td.RuntimePlatform?.OperatingSystemFamily?.StartsWith("WINDOWS", StringComparison.Ordinal) == true;

        /// <summary>
        /// The rules one container definition must keep on its own, before it is part of a task
        /// definition (New-EcsContainerDefinitionX checks them when the container is made). Problems
        /// name the JSON member they are about.
        /// </summary>
        public static List<string> ValidateContainer(ContainerDefinition container)
        {
            var problems = new List<string>();
            if (container.Name == null) problems.Add("name: every container needs a name.");
            else
            {
                var nameProblem = EcsRules.CheckName("container", container.Name);
                if (nameProblem != null) problems.Add("name: " + nameProblem);
            }
            CheckContainer(container, string.Empty, problems);
            return problems;
        }

        /// <summary>
        /// The task execution role is what the ECS agent (and Fargate) act as before the task's own
        /// code runs. ECS refuses a definition with secrets without one at registration; on Fargate
        /// a missing role shows only when a task starts and cannot pull from ECR or start awslogs,
        /// which is a worse time to find out.
        /// </summary>
        private static void CheckRoles(RegisterTaskDefinitionRequest td, List<ContainerDefinition> containers, bool fargate, List<string> problems)
        {
            if (td.ExecutionRoleArn != null)
            {
                var roleProblem = EcsRules.CheckRoleArn("task execution role", td.ExecutionRoleArn, allowName: false);
                if (roleProblem != null) problems.Add("executionRoleArn: " + roleProblem);
            }
            if (td.TaskRoleArn != null)
            {
                var roleProblem = EcsRules.CheckRoleArn("task role", td.TaskRoleArn, allowName: true);
                if (roleProblem != null) problems.Add("taskRoleArn: " + roleProblem);
            }
            if (!string.IsNullOrEmpty(td.ExecutionRoleArn)) return;

            var needs = new List<string>();
            foreach (var c in containers)
            {
                var name = c.Name ?? "(unnamed)";
                if (c.Secrets != null && c.Secrets.Count > 0) needs.Add($"inject the secrets of {name}");
                if (c.LogConfiguration?.SecretOptions != null && c.LogConfiguration.SecretOptions.Count > 0)
                    needs.Add($"read the log driver secretOptions of {name}");
                if (c.RepositoryCredentials?.CredentialsParameter != null) needs.Add($"read the private registry credentials of {name}");
                if (!fargate) continue;
                // On EC2 the container instance's role pulls from ECR and writes awslogs; on Fargate
                // there is no instance, only the execution role.
                if (c.LogConfiguration?.LogDriver == "awslogs") needs.Add($"send the awslogs output of {name} to CloudWatch Logs");
                if (EcsRules.IsPrivateEcrImage(c.Image)) needs.Add($"pull the image of {name} from Amazon ECR");
            }
            if (needs.Count == 0) return;
            problems.Add($"executionRoleArn: {(fargate ? "this Fargate task needs" : "this task needs")} a task execution role to " +
                string.Join(", ", needs) + ", and none is given. Add executionRoleArn (Register-EcsTaskDefinitionX -ExecutionRoleArn) " +
                $"with a role that has the AmazonECSTaskExecutionRolePolicy, such as {EcsRules.RoleArnForm}.");
        }

        private static void CheckContainers(RegisterTaskDefinitionRequest td, List<ContainerDefinition> containers,
            int? taskMemory, int? taskCpu, List<string> problems)
        {
            var names = new HashSet<string>(StringComparer.Ordinal);
            // In awsvpc and host mode the container owns the port on the network interface itself.
            var portMustMatch = td.NetworkMode == "awsvpc" || td.NetworkMode == "host";
            for (var i = 0; i < containers.Count; i++)
            {
                var c = containers[i];
                var at = $"containerDefinitions[{i}]";
                if (c.Name == null) problems.Add($"{at}.name: every container needs a name.");
                else
                {
                    var nameProblem = EcsRules.CheckName("container", c.Name);
                    if (nameProblem != null) problems.Add($"{at}.name: {nameProblem}");
                    else if (!names.Add(c.Name)) problems.Add($"{at}.name: the container name '{c.Name}' is used twice.");
                    at = $"containerDefinitions[{i}] ({c.Name})";
                }
                CheckContainer(c, at, problems);

                // What depends on the task around the container.
                if (taskMemory is int tm && c.Memory is int cm && cm > tm)
                    problems.Add($"{at}.memory: {cm} MiB is more than the task's {tm} MiB.");
                if (taskMemory == null && c.Memory == null && c.MemoryReservation == null)
                    problems.Add($"{at}: give the container memory or memoryReservation, or the task a memory size.");
                foreach (var p in c.PortMappings ?? new List<PortMapping>())
                    if (portMustMatch && p.HostPort is int h && p.ContainerPort is int cport && h != cport)
                        problems.Add($"{at}.portMappings: with {td.NetworkMode} networking the host port must equal the container port ({cport}), or be left out.");
                foreach (var d in c.DependsOn ?? new List<ContainerDependency>())
                    if (d.ContainerName != null && !containers.Any(o => o.Name == d.ContainerName))
                        problems.Add($"{at}.dependsOn: '{d.ContainerName}' is not a container of this task definition.");
                    else if (d.ContainerName == c.Name)
                        problems.Add($"{at}.dependsOn: a container cannot depend on itself.");
            }

            var cpuSum = containers.Sum(c => c.Cpu ?? 0);
            if (taskCpu is int tc && cpuSum > tc)
                problems.Add($"containerDefinitions: the containers ask for {cpuSum} CPU units together, more than the task's {tc}.");
        }

        /// <summary>The rules of one container that hold whatever task it is in; <paramref name="at"/>
        /// prefixes each problem ("containerDefinitions[0] (web)", or empty for a container alone).</summary>
        private static void CheckContainer(ContainerDefinition c, string at, List<string> problems)
        {
            string At(string member) => at.Length == 0 ? member : at + "." + member;
            string Whole() => at.Length == 0 ? string.Empty : at + ": ";

            if (string.IsNullOrWhiteSpace(c.Image)) problems.Add($"{At("image")}: every container needs an image.");
            else
            {
                var imageProblem = EcsRules.CheckImage(c.Image);
                if (imageProblem != null) problems.Add($"{At("image")}: {imageProblem}");
            }

            if (c.Memory is int m && m < 6) problems.Add($"{At("memory")}: {m} MiB is below the 6 MiB minimum.");
            if (c.MemoryReservation is int r && c.Memory is int hard && r > hard)
                problems.Add($"{At("memoryReservation")}: {r} MiB is more than the container's memory limit of {hard} MiB; the reservation (soft limit) must be at most the memory (hard limit).");
            if (c.Cpu is int ccpu && ccpu < 0) problems.Add($"{At("cpu")}: {ccpu} is negative.");

            foreach (var p in c.PortMappings ?? new List<PortMapping>())
            {
                if (p.ContainerPort is int cp && (cp < 1 || cp > 65535))
                    problems.Add($"{At("portMappings")}: container port {cp} is outside 1 to 65535.");
                if (p.HostPort is int hp && (hp < 0 || hp > 65535))
                    problems.Add($"{At("portMappings")}: host port {hp} is outside 0 to 65535.");
                if (p.ContainerPort == null && p.ContainerPortRange == null)
                    problems.Add($"{At("portMappings")}: each port mapping needs a containerPort (or containerPortRange).");
            }

            foreach (var env in c.Environment ?? new List<Model.KeyValuePair>())
                if (string.IsNullOrEmpty(env.Name)) problems.Add($"{At("environment")}: a variable has no name.");
            var envNames = (c.Environment ?? new List<Model.KeyValuePair>()).Select(e => e.Name)
                .Concat((c.Secrets ?? new List<Secret>()).Select(s => s.Name)).Where(n => n != null)
                .GroupBy(n => n).Where(g => g.Count() > 1).Select(g => g.Key).ToList();
            foreach (var dup in envNames)
                problems.Add($"{Whole()}the variable '{dup}' is set more than once (environment and secrets share one namespace).");

            var log = c.LogConfiguration;
            if (log?.LogDriver == "awslogs")
            {
                string group = null;
                if (log.Options == null || !log.Options.TryGetValue("awslogs-group", out group) || string.IsNullOrEmpty(group))
                    problems.Add($"{At("logConfiguration")}: the awslogs driver needs the option awslogs-group.");
            }
            if (c.HealthCheck != null)
            {
                var hc = c.HealthCheck;
                if (hc.Command == null || hc.Command.Count == 0)
                    problems.Add($"{At("healthCheck")}: a health check needs a command, such as [\"CMD-SHELL\", \"curl -f http://localhost/ || exit 1\"].");
                if (hc.Interval is int iv && (iv < 5 || iv > 300)) problems.Add($"{At("healthCheck.interval")}: {iv} s is outside 5 to 300.");
                if (hc.Timeout is int to && (to < 2 || to > 120)) problems.Add($"{At("healthCheck.timeout")}: {to} s is outside 2 to 120.");
                if (hc.Retries is int re && (re < 1 || re > 10)) problems.Add($"{At("healthCheck.retries")}: {re} is outside 1 to 10.");
                if (hc.StartPeriod is int sp && (sp < 0 || sp > 300)) problems.Add($"{At("healthCheck.startPeriod")}: {sp} s is outside 0 to 300.");
            }
            foreach (var u in c.Ulimits ?? new List<Ulimit>())
                if (u.SoftLimit is int soft && u.HardLimit is int hardLimit && soft > hardLimit)
                    problems.Add($"{At("ulimits")}: the soft limit of {u.Name} ({soft}) is above its hard limit ({hardLimit}).");
        }

        private static void CheckVolumes(RegisterTaskDefinitionRequest td, List<ContainerDefinition> containers, List<string> problems)
        {
            var volumes = td.Volumes ?? new List<Volume>();
            var names = new HashSet<string>(StringComparer.Ordinal);
            foreach (var v in volumes)
            {
                if (string.IsNullOrEmpty(v.Name)) problems.Add("volumes: every volume needs a name.");
                else if (!names.Add(v.Name)) problems.Add($"volumes: the volume name '{v.Name}' is used twice.");
            }
            for (var i = 0; i < containers.Count; i++)
                foreach (var mp in containers[i].MountPoints ?? new List<MountPoint>())
                {
                    if (mp.SourceVolume != null && !names.Contains(mp.SourceVolume))
                        problems.Add($"containerDefinitions[{i}] ({containers[i].Name}).mountPoints: the volume '{mp.SourceVolume}' is not defined in volumes.");
                    if (string.IsNullOrEmpty(mp.ContainerPath))
                        problems.Add($"containerDefinitions[{i}] ({containers[i].Name}).mountPoints: each mount point needs a containerPath.");
                }
        }
    }
}
