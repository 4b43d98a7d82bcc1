using System;
using System.Collections.Generic;
using System.Linq;
using System.Management.Automation;
using EcsPS.Common;
using EcsPS.Engine.CloudWatchLogs;
using EcsPS.Engine.Ecs;
using EcsPS.Engine.Ecs.Logs;
using EcsPS.Engine.Ecs.Model;
using EcsPS.Engine.Runtime;

namespace EcsPS.Ecs.Logs
{
    /// <summary>
    /// Reads what the containers of tasks wrote to CloudWatch Logs through the awslogs driver: the
    /// group and stream come from each task's task definition (described once per revision), the
    /// events come back as TaskLogEvent objects. Tasks come by id/ARN or piped from Get-EcsTaskX;
    /// a service stands for its running and recently stopped tasks, and with -Follow for the
    /// tasks it starts later too.
    /// </summary>
    [Cmdlet(VerbsCommon.Get, "EcsLogX", DefaultParameterSetName = TaskSet)]
    [OutputType(typeof(TaskLogEvent))]
    public sealed class GetEcsLogX : EcsCmdletBase
    {
        private const string TaskSet = "Task";
        private const string ServiceSet = "Service";

        /// <summary>The cluster's name or ARN; the cluster named 'default' when omitted.</summary>
        [Parameter(ValueFromPipelineByPropertyName = true)]
        [ValidateEcsName("cluster", AllowArn = true)]
        [Alias("ClusterArn", "ClusterName")]
        [ArgumentCompleter(typeof(ClusterNameCompleter))]
        public string Cluster { get; set; }

        /// <summary>Task ids or ARNs.</summary>
        [Parameter(Mandatory = true, Position = 0, ParameterSetName = TaskSet, ValueFromPipelineByPropertyName = true)]
        [ValidateNotNullOrEmpty]
        [ValidateEcsResourceId("task")]
        [Alias("TaskArn", "TaskId")]
        [ArgumentCompleter(typeof(TaskIdCompleter))]
        public string[] Task { get; set; }

        /// <summary>A service (name or ARN): its running and recently stopped tasks.</summary>
        [Parameter(Mandatory = true, ParameterSetName = ServiceSet, ValueFromPipelineByPropertyName = true)]
        [ValidateEcsName("service", AllowArn = true)]
        [ArgumentCompleter(typeof(ServiceNameCompleter))]
        public string ServiceName { get; set; }

        /// <summary>Only these containers (names from the task definition).</summary>
        [Parameter]
        [ValidateNotNullOrEmpty]
        [ValidateEcsName("container")]
        [Alias("ContainerName")]
        [ArgumentCompleter(typeof(ContainerNameCompleter))]
        public string[] Container { get; set; }

        /// <summary>From when: '15m', '2h', '1d', a TimeSpan (that long ago) or a date. Default: 1 hour ago (with -Tail: the start of the streams).</summary>
        [Parameter]
        [ValidateNotNull]
        public object Since { get; set; }

        /// <summary>Up to when (same forms as -Since); not with -Follow.</summary>
        [Parameter]
        [ValidateNotNull]
        public object Until { get; set; }

        /// <summary>Only the last N events of each container of each task, oldest first.</summary>
        [Parameter]
        public int Tail { get; set; }

        /// <summary>A CloudWatch Logs filter pattern: 'ERROR', '"connection refused"', '?ERROR ?WARN', '{ $.level = "error" }'.</summary>
        [Parameter]
        [ValidateNotNullOrEmpty]
        [Alias("FilterPattern")]
        public string Filter { get; set; }

        /// <summary>Keep reading new events until Ctrl+C; with a service, follows the tasks it starts too.</summary>
        [Parameter]
        public SwitchParameter Follow { get; set; }

        /// <summary>How often -Follow polls (default 2 seconds; at least 1).</summary>
        [Parameter]
        [Duration(Minimum = "00:00:01", Maximum = "00:10:00")]
        public TimeSpan PollInterval { get; set; } = TimeSpan.FromSeconds(2);

        private readonly List<(string Cluster, string Task)> _tasks = new List<(string, string)>();
        private readonly List<(string Cluster, string Service)> _services = new List<(string, string)>();
        private readonly Dictionary<string, TaskDefinition> _definitions = new Dictionary<string, TaskDefinition>(StringComparer.Ordinal);
        private readonly HashSet<string> _warned = new HashSet<string>(StringComparer.Ordinal);
        private LogQuery _query;

        private bool Given(string name) => MyInvocation.BoundParameters.ContainsKey(name);

        protected override void Begin()
        {
            var now = DateTime.UtcNow;
            DateTime? since = null, until = null;
            if (Given(nameof(Since)))
            {
                if (!LogTimes.TryParse(Unwrap(Since), now, out var s))
                    ThrowArgumentError($"-Since '{Since}' is not a time: give a duration ago ('90s', '15m', '2h', '1d') or a date ('2026-01-31 14:00').", "InvalidLogTimeRange", Since);
                since = s;
            }
            if (Given(nameof(Until)))
            {
                if (Follow) ThrowArgumentError("-Follow reads until you stop it: leave out -Until, or leave out -Follow to read up to -Until.", "InvalidLogTimeRange", Until);
                if (!LogTimes.TryParse(Unwrap(Until), now, out var u))
                    ThrowArgumentError($"-Until '{Until}' is not a time: give a duration ago ('5m') or a date ('2026-01-31 15:00').", "InvalidLogTimeRange", Until);
                until = u;
            }
            if (since.HasValue && until.HasValue && since.Value >= until.Value)
                ThrowArgumentError($"-Since ({since.Value.ToLocalTime():yyyy-MM-dd HH:mm:ss}) is not before -Until ({until.Value.ToLocalTime():yyyy-MM-dd HH:mm:ss}): give a range that starts before it ends.", "InvalidLogTimeRange", Since);
            if (Given(nameof(Tail)) && (Tail < 1 || Tail > CloudWatchLogsClient.MaxGetLogEventsLimit))
                ThrowArgumentError($"-Tail {Tail} is not allowed: give the number of last events to show, 1 to {CloudWatchLogsClient.MaxGetLogEventsLimit}.", "InvalidLogTail", Tail);
            if (LogTimes.FilterPatternProblem(Filter) is string problem)
                ThrowArgumentError(problem + " See 'Filter pattern syntax' in the CloudWatch Logs documentation.", "InvalidLogFilterPattern", Filter);
            if (!since.HasValue && !Given(nameof(Tail))) since = now.AddHours(-1);
            _query = new LogQuery
            {
                StartMs = since.HasValue ? LogTimes.ToMs(since.Value) : (long?)null,
                EndMs = until.HasValue ? LogTimes.ToMs(until.Value) : (long?)null,
                FilterPattern = Filter,
                Tail = Given(nameof(Tail)) ? Tail : (int?)null,
            };
        }

        private static object Unwrap(object value) => value is PSObject pso ? pso.BaseObject : value;

        protected override void ProcessRecord()
        {
            if (ParameterSetName == TaskSet)
                foreach (var task in Task) _tasks.Add((Cluster ?? EcsArns.ClusterOf(task), task));
            else
                _services.Add((Cluster ?? EcsArns.ClusterOf(ServiceName), ServiceName));
        }

        protected override void EndProcessing()
        {
            var sources = new List<ContainerLogSource>();
            foreach (var group in _tasks.GroupBy(t => t.Cluster))
            {
                var names = group.Select(t => t.Task).Distinct(StringComparer.Ordinal).ToList();
                Guard(() =>
                {
                    foreach (var result in EcsFor(names.Concat(new[] { group.Key }).ToArray()).DescribeTasks(group.Key, names, false, CancellationToken))
                    {
                        foreach (var failure in result.Failures) WriteFailure(failure, "task");
                        foreach (var task in result.Items) sources.AddRange(SourcesOf(task));
                    }
                }, group.Key);
            }
            foreach (var (cluster, service) in _services.Distinct())
                Guard(() => sources.AddRange(ServiceSources(cluster, service, includeStopped: true)), service);
            sources = sources.GroupBy(s => s.Region + "\n" + s.LogGroup + "\n" + s.LogStream).Select(g => g.First()).ToList();

            var reader = new TaskLogReader(region => ClientIn(region, (o, l) => new CloudWatchLogsClient(o, l)), this);
            if (sources.Count == 0 && (!Follow || _services.Count == 0))
            {
                WriteVerbose("No container of these tasks logs with awslogs; nothing to read.");
                return;
            }
            long? newestShown = null;
            if (!Follow || _query.Tail.HasValue)
                Guard(() =>
                {
                    foreach (var e in reader.Read(sources, _query, CancellationToken))
                    {
                        if (!newestShown.HasValue || e.TimestampMs > newestShown) newestShown = e.TimestampMs;
                        WriteObject(e);
                    }
                }, null);
            if (!Follow) return;

            // After -Tail, the follow starts just past the newest line shown (GetLogEvents gives no
            // event ids to dedupe on); otherwise at -Since.
            var start = _query.Tail.HasValue ? (newestShown + 1 ?? LogTimes.ToMs(DateTime.UtcNow)) : _query.StartMs ?? LogTimes.ToMs(DateTime.UtcNow);
            var options = new LogFollowOptions { PollInterval = PollInterval, RelistInterval = _services.Count > 0 ? TimeSpan.FromTicks(PollInterval.Ticks * 5) : (TimeSpan?)null };
            var follower = new LogFollower(reader, options, say: WriteVerbose);
            Func<IReadOnlyList<ContainerLogSource>> relist = null;
            if (_services.Count > 0)
                relist = () => _services.Distinct().SelectMany(s => ServiceSources(s.Cluster, s.Service, includeStopped: false)).ToList();
            WriteVerbose($"Following {sources.Count} log stream(s); press Ctrl+C to stop.");
            Guard(() =>
            {
                foreach (var e in follower.Follow(sources, relist, start, Filter, CancellationToken)) WriteObject(e);
            }, null);
        }

        private List<ContainerLogSource> ServiceSources(string cluster, string service, bool includeStopped)
        {
            var ecs = EcsFor(service, cluster);
            var serviceName = Arn.NameOf(service);
            var sources = new List<ContainerLogSource>();
            foreach (var status in includeStopped ? new[] { "RUNNING", "STOPPED" } : new[] { "RUNNING" })
            {
                var arns = ecs.ListTaskArns(new ListTasksRequest { Cluster = cluster, ServiceName = serviceName, DesiredStatus = status }, CancellationToken)
                    .SelectMany(p => p).ToList();
                if (arns.Count == 0) continue;
                foreach (var result in ecs.DescribeTasks(cluster, arns, false, CancellationToken))
                    foreach (var task in result.Items)
                        // ListTasks' serviceName is a filter some implementations ignore; the task's group says for sure.
                        if (task.Group == null || task.Group == "service:" + serviceName) sources.AddRange(SourcesOf(task));
            }
            if (sources.Count == 0 && includeStopped) WriteVerbose($"Service '{serviceName}' has no running or recently stopped tasks with awslogs containers.");
            return sources;
        }

        private IEnumerable<ContainerLogSource> SourcesOf(Task task)
        {
            var arn = task.TaskDefinitionArn;
            if (arn == null) return Enumerable.Empty<ContainerLogSource>();
            if (!_definitions.TryGetValue(arn, out var definition))
            {
                _definitions[arn] = definition = EcsFor(arn).FindTaskDefinition(arn, false, CancellationToken);
                if (definition == null) WriteWarning($"Task definition {Arn.NameOf(arn)} of task {task.TaskId} cannot be described, so where its containers log is unknown.");
            }
            if (definition == null) return Enumerable.Empty<ContainerLogSource>();
            var plan = TaskLogPlan.For(task, definition, Container);
            foreach (var line in plan.Unreadable)
            {
                // Once per task definition and container, not once per task of a service.
                var key = arn + "\n" + line.Substring(0, line.IndexOf(" of task ", StringComparison.Ordinal) is int i && i > 0 ? i : line.Length);
                if (_warned.Add(key)) WriteWarning(line);
            }
            if (Container != null && definition.ContainerDefinitions != null)
                foreach (var name in Container)
                    if (!definition.ContainerDefinitions.Any(c => c.Name == name) && _warned.Add(arn + "\nmissing " + name))
                        WriteWarning($"Task definition {Arn.NameOf(arn)} has no container '{name}'; its containers are {string.Join(", ", definition.ContainerDefinitions.Select(c => c.Name))}.");
            return plan.Sources;
        }
    }
}
