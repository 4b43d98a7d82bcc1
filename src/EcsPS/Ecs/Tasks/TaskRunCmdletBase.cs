using System;
using System.Collections;
using System.Collections.Generic;
using System.Globalization;
using System.Linq;
using System.Management.Automation;
using EcsPS.Common;
using EcsPS.Ecs.Services;
using EcsPS.Engine.Ecs;
using EcsPS.Engine.Ecs.Model;
using EcsPS.Engine.Ecs.Tasks;
using EcsPS.Engine.Runtime;

namespace EcsPS.Ecs.Tasks
{
    /// <summary>
    /// The run parameters Start-EcsTaskX and Invoke-EcsTaskX share, and the one place that turns
    /// them into RunTask (or, with -ContainerInstance, StartTask) requests: checked before
    /// anything is sent, the task definition described first so that overrides name its
    /// containers, -FromService filling in the service's network and capacity, -Count split into
    /// requests of 10 with a client token each. Derived cmdlets decide what to do with the tasks.
    /// </summary>
    public abstract class TaskRunCmdletBase : EcsCmdletBase
    {
        protected const string RunSet = "RunTask";
        protected const string StartSet = "StartTask";

        /// <summary>The cluster's name or ARN; the cluster named 'default' when omitted.</summary>
        [Parameter(ValueFromPipelineByPropertyName = true)]
        [ValidateEcsName("cluster", AllowArn = true)]
        [Alias("ClusterArn", "ClusterName")]
        [ArgumentCompleter(typeof(ClusterNameCompleter))]
        public string Cluster { get; set; }

        /// <summary>family (its latest ACTIVE revision), family:revision or ARN; with -FromService, the service's when omitted.</summary>
        [Parameter(Position = 0, ValueFromPipelineByPropertyName = true)]
        [ValidateTaskDefinition]
        [Alias("TaskDefinitionArn")]
        [ArgumentCompleter(typeof(TaskDefinitionFamilyCompleter))]
        public string TaskDefinition { get; set; }

        /// <summary>How many tasks to run (1 to 1000); more than 10 are started 10 to a request.</summary>
        [Parameter(ParameterSetName = RunSet)]
        [ValidateRange(1, TaskRunPlanner.MaxCount)]
        public int Count { get; set; } = 1;

        [Parameter(ParameterSetName = RunSet)]
        [ValidateSet("FARGATE", "EC2", "EXTERNAL", "MANAGED_INSTANCES")]
        public string LaunchType { get; set; }

        /// <summary>'FARGATE:1:1', 'FARGATE_SPOT:3', or @{ CapacityProvider = 'FARGATE'; Weight = 1; Base = 1 }.</summary>
        [Parameter(ParameterSetName = RunSet)]
        [ValidateNotNull]
        public object[] CapacityProviderStrategy { get; set; }

        /// <summary>StartTask: the container instances (ids or ARNs) to start one task on each, 10 to a request.</summary>
        [Parameter(Mandatory = true, ParameterSetName = StartSet)]
        [ValidateNotNullOrEmpty]
        [ValidateEcsResourceId("container instance")]
        [Alias("ContainerInstanceArn")]
        public string[] ContainerInstance { get; set; }

        /// <summary>Subnet ids for awsvpc tasks (at most 16).</summary>
        [Parameter]
        [ValidateNotNullOrEmpty]
        [ValidateEc2Id("subnet")]
        [Alias("Subnets")]
        public string[] Subnet { get; set; }

        /// <summary>Security group ids for awsvpc tasks (at most 5).</summary>
        [Parameter]
        [ValidateNotNullOrEmpty]
        [ValidateEc2Id("security group")]
        [Alias("SecurityGroups")]
        public string[] SecurityGroup { get; set; }

        [Parameter]
        public SwitchParameter AssignPublicIp { get; set; }

        /// <summary>Copies the network (subnets, security groups, public IP), launch type or capacity
        /// provider strategy and platform version of this service in -Cluster; explicit parameters win.</summary>
        [Parameter]
        [ValidateEcsName("service", AllowArn = true)]
        [ArgumentCompleter(typeof(ServiceNameCompleter))]
        public string FromService { get; set; }

        /// <summary>The whole overrides structure (TaskOverride) as a hashtable or object:
        /// @{ ContainerOverrides = @(@{ Name = 'app'; Command = 'x' }); TaskRoleArn = '...' }.</summary>
        [Parameter]
        [ValidateNotNull]
        [Alias("Overrides")]
        public object Override { get; set; }

        /// <summary>The command of the container -Container names (or of the only container).</summary>
        [Parameter]
        [ValidateNotNullOrEmpty]
        public string[] Command { get; set; }

        /// <summary>Environment variables of the container -Container names (or of the only container), added to or replacing the task definition's.</summary>
        [Parameter]
        [ValidateNotNull]
        public IDictionary Environment { get; set; }

        /// <summary>The container that -Command and -Environment override; completes from -TaskDefinition.</summary>
        [Parameter]
        [ValidateEcsName("container")]
        [Alias("ContainerName")]
        [ArgumentCompleter(typeof(ContainerNameCompleter))]
        public string Container { get; set; }

        /// <summary>Task CPU override: units (256, 1024) or '0.5 vCPU'.</summary>
        [Parameter]
        [ValidateNotNullOrEmpty]
        public string Cpu { get; set; }

        /// <summary>Task memory override: MiB (512, 2048) or '2 GB'.</summary>
        [Parameter]
        [ValidateNotNullOrEmpty]
        public string Memory { get; set; }

        /// <summary>Up to 128 letters, digits, hyphens, underscores and slashes; ListTasks can filter by it.</summary>
        [Parameter]
        [ValidateLength(1, 128)]
        [ValidatePattern("^[A-Za-z0-9/_-]+$")]
        public string StartedBy { get; set; }

        /// <summary>The task group (default: family:&lt;family&gt;).</summary>
        [Parameter]
        [ValidateLength(1, 255)]
        public string Group { get; set; }

        [Parameter]
        [ValidateEcsTags]
        [Alias("Tags")]
        public Hashtable Tag { get; set; }

        /// <summary>Copies the task definition's tags to the tasks (RunTask cannot propagate a service's).</summary>
        [Parameter]
        [ValidateSet("TASK_DEFINITION", "NONE")]
        public string PropagateTags { get; set; }

        [Parameter]
        public SwitchParameter EnableExecuteCommand { get; set; }

        /// <summary>Fargate platform version (default LATEST).</summary>
        [Parameter(ParameterSetName = RunSet)]
        [ValidateNotNullOrEmpty]
        [ValidatePlatformVersion]
        public string PlatformVersion { get; set; }

        /// <summary>'distinctInstance', 'memberOf:expression', or hashtables (EC2 only).</summary>
        [Parameter(ParameterSetName = RunSet)]
        [ValidateNotNull]
        public object[] PlacementConstraint { get; set; }

        /// <summary>'spread:attribute:ecs.availability-zone', 'binpack:memory', 'random', or hashtables (EC2 only).</summary>
        [Parameter(ParameterSetName = RunSet)]
        [ValidateNotNull]
        public object[] PlacementStrategy { get; set; }

        /// <summary>Makes a repeated run idempotent (up to 64 ASCII characters). With more than 10
        /// tasks each request gets '&lt;token&gt;-&lt;n&gt;of&lt;requests&gt;-&lt;count&gt;' (shortened with a hash past 64).</summary>
        [Parameter(ParameterSetName = RunSet)]
        [ValidateLength(1, TaskRunPlanner.MaxClientTokenLength)]
        [ValidatePattern("^[\\x20-\\x7E]+$")]
        public string ClientToken { get; set; }

        /// <summary>The longest the wait may take in all (default 30 minutes).</summary>
        [Parameter]
        [Duration(Minimum = "00:00:01", Maximum = "2.00:00:00")]
        public TimeSpan Timeout { get; set; } = TimeSpan.FromMinutes(30);

        /// <summary>How often to look (default 6 seconds, as the AWS CLI's task waiters).</summary>
        [Parameter]
        [Duration(Minimum = "00:00:01", Maximum = "00:10:00")]
        public TimeSpan PollInterval { get; set; } = TimeSpan.FromSeconds(6);

        private bool Given(string name) => MyInvocation.BoundParameters.ContainsKey(name);

        private bool StartTaskSet => ParameterSetName == StartSet;

        // What Begin read once for every pipeline item.
        private List<CapacityProviderStrategyItem> _strategy;
        private List<PlacementConstraint> _constraints;
        private List<PlacementStrategy> _placement;
        private TaskOverride _override;
        private string _cpu, _memory;

        protected override void Begin()
        {
            try { CheckArguments(); }
            catch (ArgumentException ex) { ThrowArgumentError(ex.Message, "InvalidTaskRunParameters", TaskDefinition); }
            if (TaskDefinition == null && FromService == null && !MyInvocation.ExpectingInput)
                ThrowArgumentError(TaskDefinitionMissing, "TaskDefinitionMissing", null);
        }

        private const string TaskDefinitionMissing =
            "-TaskDefinition is required: give a family, family:revision or ARN, pipe a task definition in, or give -FromService to run the service's.";

        private void CheckArguments()
        {
            if (LaunchType != null && CapacityProviderStrategy != null)
                throw new ArgumentException("Give -LaunchType or -CapacityProviderStrategy, not both.");
            _strategy = EcsPS.Ecs.CapacityProviderStrategy.Parse(CapacityProviderStrategy);
            _constraints = ServiceOptions.PlacementConstraints(PlacementConstraint);
            _placement = ServiceOptions.PlacementStrategies(PlacementStrategy);
            if (IsFargate(LaunchType, _strategy) && (_constraints != null || _placement != null))
                throw new ArgumentException("-PlacementConstraint and -PlacementStrategy apply to EC2 container instances; Fargate places tasks itself.");
            if (FromService == null)
            {
                // The same rules as for services (a security group needs a subnet), checked now.
                ServiceOptions.Network(Subnet, SecurityGroup, Given(nameof(AssignPublicIp)) ? AssignPublicIp.IsPresent : (bool?)null);
                if (Subnet != null && SecurityGroup == null)
                    throw new ArgumentException("-Subnet needs -SecurityGroup: without one ECS puts the task in the VPC's default security group, " +
                                                "which is rarely what a one-off task should have. Give the group ids (pass the default group's id to mean it), or -FromService <service> to use the service's.");
            }
            if (Container != null && Command == null && Environment == null)
                throw new ArgumentException("-Container names the container that -Command and -Environment override; give one of them too, or put the container's overrides in -Override.");
            if (Override != null)
            {
                var problems = new List<string>();
                var raw = Override is PSObject pso ? pso.BaseObject : Override;
                _override = raw as TaskOverride ?? ModelReader.Read<TaskOverride>(PlainData.ToJson(Override), "-Override", problems);
                if (problems.Count > 0) throw new ArgumentException(string.Join(" ", problems) + " -Override takes the RunTask overrides: ContainerOverrides, Cpu, Memory, TaskRoleArn, ExecutionRoleArn, EphemeralStorage.");
                foreach (var c in _override?.ContainerOverrides ?? new List<ContainerOverride>())
                {
                    var message = c.Name == null ? "-Override: every entry of ContainerOverrides needs the Name of its container." : EcsNames.CheckName("container", c.Name, false, false);
                    if (message != null) throw new ArgumentException(message);
                }
            }
            if (Cpu != null)
            {
                var units = EcsRules.ParseCpuUnits(Cpu);
                if (units == null || units < 128)
                    throw new ArgumentException($"-Cpu '{Cpu}' is not a task CPU size. Write CPU units, at least 128 (256, 512, 1024 = 1 vCPU), or vCPUs such as '0.5 vCPU'.");
                _cpu = units.Value.ToString(CultureInfo.InvariantCulture);
            }
            if (Memory != null)
            {
                var mib = EcsRules.ParseMemoryMiB(Memory);
                if (mib == null || mib < 128)
                    throw new ArgumentException($"-Memory '{Memory}' is not a task memory size. Write MiB, at least 128 (512, 2048), or GB such as '2 GB'.");
                _memory = mib.Value.ToString(CultureInfo.InvariantCulture);
            }
            if (_cpu != null && _memory != null && IsFargate(LaunchType, _strategy))
            {
                var message = EcsRules.CheckFargateSize(int.Parse(_cpu, CultureInfo.InvariantCulture), int.Parse(_memory, CultureInfo.InvariantCulture));
                if (message != null) throw new ArgumentException(message);
            }
        }

        private static bool IsFargate(string launchType, IEnumerable<CapacityProviderStrategyItem> strategy)
            => launchType == "FARGATE" || strategy?.Any(s => s.CapacityProvider == "FARGATE" || s.CapacityProvider == "FARGATE_SPOT") == true;

        /// <summary>The tasks one pipeline item started, and the task definition they run.</summary>
        protected sealed class StartedRun
        {
            public string Cluster { get; set; }
            public TaskDefinition Definition { get; set; }
            public List<Task> Tasks { get; } = new List<Task>();
        }

        /// <summary>Writes (or keeps) each task as the answer that started it arrives.</summary>
        protected abstract void OnTaskStarted(Task task, StartedRun run);

        /// <summary>Runs the tasks this pipeline item asks for; null when nothing was started.</summary>
        protected StartedRun RunTasks()
        {
            var target = TaskDefinition ?? FromService;
            // A service ARN names its cluster: without -Cluster the task runs beside that service.
            var cluster = Cluster ?? EcsArns.ClusterOf(FromService);
            EcsClient ecs = null;
            if (!Guard(() => ecs = EcsFor(cluster, TaskDefinition, FromService), target)) return null;

            Service service = null;
            if (FromService != null)
            {
                if (!Guard(() => service = ecs.FindService(cluster, FromService, CancellationToken), FromService)) return null;
                if (service == null)
                {
                    WriteFailure(new FailureRef(FromService, null, "MISSING", null), "service");
                    return null;
                }
            }
            var taskDefinition = TaskDefinition ?? service?.TaskDefinition;
            if (taskDefinition == null)
            {
                WriteError(new ErrorRecord(new ArgumentException(TaskDefinitionMissing), "TaskDefinitionMissing", ErrorCategory.InvalidArgument, null));
                return null;
            }
            TaskDefinition definition = null;
            if (!Guard(() => definition = ecs.FindTaskDefinition(taskDefinition, includeTags: false, CancellationToken), taskDefinition)) return null;
            if (definition == null)
            {
                WriteFailure(new FailureRef(taskDefinition, null, "MISSING", null), "task definition");
                return null;
            }

            TaskOverride overrides;
            NetworkConfiguration network;
            string launchType, platformVersion;
            List<CapacityProviderStrategyItem> strategy;
            try
            {
                overrides = Overrides(definition);
                network = NetworkFor(service);
                (launchType, strategy, platformVersion) = CapacityFor(service);
                CheckAgainst(definition, network, launchType, strategy);
            }
            catch (ArgumentException ex)
            {
                WriteError(new ErrorRecord(ex, "InvalidTaskRunParameters", ErrorCategory.InvalidArgument, taskDefinition));
                return null;
            }

            var run = new StartedRun { Cluster = cluster, Definition = definition };
            var where = cluster ?? "default";
            var name = definition.FamilyRevision ?? taskDefinition;
            if (StartTaskSet)
            {
                var instances = ContainerInstance.Distinct(StringComparer.Ordinal).ToList();
                if (!ShouldProcess($"{name} (cluster {where})", $"Start {instances.Count} ECS task(s), one on each container instance {string.Join(", ", instances.Select(Arn.NameOf))}")) return null;
                var request = new StartTaskRequest
                {
                    Cluster = cluster,
                    TaskDefinition = definition.TaskDefinitionArn ?? taskDefinition,
                    NetworkConfiguration = network,
                    Overrides = overrides,
                    StartedBy = StartedBy,
                    Group = Group,
                    Tags = EcsNames.ToTags(Tag),
                    PropagateTags = PropagateTags,
                    EnableExecuteCommand = EnableExecuteCommand.IsPresent ? true : (bool?)null,
                };
                Guard(() =>
                {
                    foreach (var (_, response) in ecs.StartTasks(request, instances, CancellationToken))
                        Answered(run, response.Tasks, response.Failures, where, name);
                }, name);
                return run;
            }

            var how = launchType ?? (strategy != null ? "capacity providers " + string.Join(", ", strategy.Select(s => s.CapacityProvider)) : "the cluster's default capacity");
            if (!ShouldProcess($"{name} (cluster {where})", $"Run {Count} ECS task(s) on {how}" + (overrides?.ContainerOverrides?.Any(c => c.Command != null) == true
                    ? " with command override " + string.Join("; ", overrides.ContainerOverrides.Where(c => c.Command != null).Select(c => $"{c.Name}: {string.Join(" ", c.Command)}"))
                    : string.Empty))) return null;
            var template = new RunTaskRequest
            {
                Cluster = cluster,
                // The revision just described, so that every request of a split run starts the same one.
                TaskDefinition = definition.TaskDefinitionArn ?? taskDefinition,
                LaunchType = launchType,
                CapacityProviderStrategy = strategy,
                NetworkConfiguration = network,
                Overrides = overrides,
                PlatformVersion = platformVersion,
                PlacementConstraints = _constraints,
                PlacementStrategy = _placement,
                StartedBy = StartedBy,
                Group = Group,
                Tags = EcsNames.ToTags(Tag),
                PropagateTags = PropagateTags,
                EnableExecuteCommand = EnableExecuteCommand.IsPresent ? true : (bool?)null,
            };
            var plan = TaskRunPlanner.Plan(Count, ClientToken);
            if (plan.Count > 1)
                WriteVerbose($"Running {Count} tasks in {plan.Count} RunTask requests of at most {TaskRunPlanner.MaxTasksPerRunTask}" +
                             (ClientToken != null ? $", client tokens {string.Join(", ", plan.Select(b => b.ClientToken))}." : ", each with its own client token."));
            Guard(() =>
            {
                foreach (var (_, response) in ecs.RunTasks(template, plan, CancellationToken))
                    Answered(run, response.Tasks, response.Failures, where, name);
            }, name);
            return run;
        }

        private void Answered(StartedRun run, List<Task> tasks, List<Failure> failures, string cluster, string taskDefinition)
        {
            foreach (var task in tasks ?? new List<Task>())
            {
                run.Tasks.Add(task);
                OnTaskStarted(task, run);
            }
            foreach (var failure in failures ?? new List<Failure>())
                WriteError(FailureRecord(TaskRunFailure.Explain(failure, cluster, taskDefinition), taskDefinition));
        }

        private static ErrorRecord FailureRecord(TaskRunFailure failure, string taskDefinition)
        {
            string id;
            ErrorCategory category;
            switch (failure.Kind)
            {
                case TaskRunFailureKind.Missing:
                    id = "ContainerInstanceNotFoundException";
                    category = ErrorCategory.ObjectNotFound;
                    break;
                case TaskRunFailureKind.Capacity:
                case TaskRunFailureKind.Agent:
                case TaskRunFailureKind.Attribute:
                    id = "TaskPlacementFailed";
                    category = ErrorCategory.ResourceUnavailable;
                    break;
                default:
                    id = "TaskStartFailed";
                    category = ErrorCategory.InvalidResult;
                    break;
            }
            var record = new ErrorRecord(new InvalidOperationException(failure.Message), id, category, failure.Arn ?? taskDefinition);
            record.ErrorDetails = new ErrorDetails(failure.Message) { RecommendedAction = failure.Advice };
            return record;
        }

        /// <summary>-Override, then -Cpu/-Memory and -Command/-Environment on top, checked against the definition's containers.</summary>
        private TaskOverride Overrides(TaskDefinition definition)
        {
            var names = (definition.ContainerDefinitions ?? new List<ContainerDefinition>()).Select(c => c.Name).Where(n => n != null).ToList();
            var list = names.Count == 0 ? "none" : string.Join(", ", names);
            var overrides = _override == null ? null : new TaskOverride
            {
                ContainerOverrides = _override.ContainerOverrides?.ToList(),
                Cpu = _override.Cpu,
                Memory = _override.Memory,
                TaskRoleArn = _override.TaskRoleArn,
                ExecutionRoleArn = _override.ExecutionRoleArn,
                EphemeralStorage = _override.EphemeralStorage,
                InferenceAcceleratorOverrides = _override.InferenceAcceleratorOverrides,
            };
            foreach (var c in overrides?.ContainerOverrides ?? new List<ContainerOverride>())
                if (!names.Contains(c.Name))
                    throw new ArgumentException($"-Override names the container '{c.Name}', which {definition.FamilyRevision} does not have. Its containers: {list}.");
            if (_cpu != null || _memory != null)
            {
                overrides = overrides ?? new TaskOverride();
                if (_cpu != null) overrides.Cpu = _cpu;
                if (_memory != null) overrides.Memory = _memory;
            }
            if (Command != null || Environment != null)
            {
                string container;
                if (Container != null)
                {
                    if (!names.Contains(Container))
                        throw new ArgumentException($"-Container '{Container}' is not a container of {definition.FamilyRevision}. Its containers: {list}.");
                    container = Container;
                }
                else if (names.Count == 1) container = names[0];
                else throw new ArgumentException($"{definition.FamilyRevision} has {names.Count} containers ({list}): name the one -Command and -Environment override with -Container.");
                overrides = overrides ?? new TaskOverride();
                overrides.ContainerOverrides = overrides.ContainerOverrides ?? new List<ContainerOverride>();
                var entry = overrides.ContainerOverrides.FirstOrDefault(c => c.Name == container);
                if (entry == null) overrides.ContainerOverrides.Add(entry = new ContainerOverride { Name = container });
                if (Command != null) entry.Command = Command.ToList();
                if (Environment != null)
                {
                    var env = entry.Environment?.ToList() ?? new List<KeyValuePair>();
                    foreach (DictionaryEntry e in Environment)
                    {
                        var key = e.Key?.ToString();
                        if (string.IsNullOrEmpty(key)) throw new ArgumentException("-Environment: every variable needs a name.");
                        env.RemoveAll(x => x.Name == key);
                        env.Add(new KeyValuePair(key, PlainData.Unwrap(e.Value)?.ToString() ?? string.Empty));
                    }
                    entry.Environment = env;
                }
            }
            return overrides;
        }

        /// <summary>Explicit network parameters, each filling in over what the service uses.</summary>
        private NetworkConfiguration NetworkFor(Service service)
        {
            var from = service?.NetworkConfiguration?.AwsvpcConfiguration;
            var subnets = Subnet ?? from?.Subnets?.ToArray();
            var groups = SecurityGroup ?? from?.SecurityGroups?.ToArray();
            bool? publicIp = Given(nameof(AssignPublicIp)) ? AssignPublicIp.IsPresent
                : from?.AssignPublicIp == null ? (bool?)null : from.AssignPublicIp == "ENABLED";
            if (service != null)
                WriteVerbose(from == null
                    ? $"The service {service.ServiceName} has no awsvpc network configuration to copy."
                    : $"Network from the service {service.ServiceName}: subnets {string.Join(", ", subnets ?? new string[0])}; security groups {string.Join(", ", groups ?? new string[0])}; public IP {(publicIp == true ? "ENABLED" : "DISABLED")}.");
            return ServiceOptions.Network(subnets, groups, publicIp);
        }

        private (string LaunchType, List<CapacityProviderStrategyItem> Strategy, string PlatformVersion) CapacityFor(Service service)
        {
            if (StartTaskSet) return (null, null, null);
            var launchType = LaunchType;
            var strategy = _strategy;
            if (service != null && launchType == null && strategy == null)
            {
                if (service.CapacityProviderStrategy != null && service.CapacityProviderStrategy.Count > 0) strategy = service.CapacityProviderStrategy;
                else launchType = service.LaunchType;
                WriteVerbose($"Capacity from the service {service.ServiceName}: " +
                             (strategy != null ? "capacity providers " + string.Join(", ", strategy) : "launch type " + (launchType ?? "(the cluster default)")) + ".");
            }
            var platform = PlatformVersion ?? (service != null && IsFargate(launchType, strategy) ? service.PlatformVersion : null);
            return (launchType, strategy, platform);
        }

        private void CheckAgainst(TaskDefinition definition, NetworkConfiguration network, string launchType, List<CapacityProviderStrategyItem> strategy)
        {
            var fargate = IsFargate(launchType, strategy);
            if (definition.NetworkMode == "awsvpc" && network == null)
                throw new ArgumentException($"{definition.FamilyRevision} uses awsvpc networking: give -Subnet and -SecurityGroup, or -FromService <service> to use a service's network.");
            if (fargate && definition.NetworkMode != null && definition.NetworkMode != "awsvpc")
                throw new ArgumentException($"{definition.FamilyRevision} uses {definition.NetworkMode} networking; Fargate runs awsvpc task definitions only. Use -LaunchType EC2, or a revision with network mode awsvpc.");
            if (fargate && (_cpu != null || _memory != null))
            {
                var cpu = EcsRules.ParseCpuUnits(_cpu ?? definition.Cpu);
                var memory = EcsRules.ParseMemoryMiB(_memory ?? definition.Memory);
                var windows = definition.RuntimePlatform?.OperatingSystemFamily?.StartsWith("WINDOWS", StringComparison.Ordinal) == true;
                if (cpu != null && memory != null)
                {
                    var message = EcsRules.CheckFargateSize(cpu.Value, memory.Value, windows);
                    if (message != null) throw new ArgumentException($"-Cpu/-Memory with {definition.FamilyRevision}'s {(Cpu == null ? "CPU " + definition.Cpu : "memory " + definition.Memory)}: {message}");
                }
            }
        }

        /// <summary>The wait's limits from -Timeout and -PollInterval; tasks just started get a moment
        /// to appear in DescribeTasks, which is eventually consistent.</summary>
        protected TaskWaitOptions WaitOptions() => new TaskWaitOptions
        {
            Timeout = Timeout,
            PollInterval = PollInterval,
            MissingGrace = TimeSpan.FromSeconds(30),
        };
    }
}
