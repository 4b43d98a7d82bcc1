using System.Collections.Generic;
using System.Linq;
using System.Management.Automation;
using EcsPS.Common;
using EcsPS.Engine.Ecs;
using EcsPS.Engine.Ecs.Model;

namespace EcsPS.Ecs.Tasks
{
    [Cmdlet(VerbsCommon.Get, "EcsTaskX")]
    [OutputType(typeof(Task))]
    public sealed class GetEcsTaskX : EcsCmdletBase
    {
        /// <summary>The cluster's name or ARN; the cluster named 'default' when omitted.</summary>
        [Parameter(ValueFromPipelineByPropertyName = true)]
        [ValidateEcsName("cluster", AllowArn = true)]
        [Alias("ClusterArn", "ClusterName")]
        [ArgumentCompleter(typeof(ClusterNameCompleter))]
        public string Cluster { get; set; }

        /// <summary>Task ids or ARNs; the tasks the filters select when omitted.</summary>
        [Parameter(Position = 0, ValueFromPipelineByPropertyName = true)]
        [ValidateEcsResourceId("task")]
        [Alias("TaskArn", "TaskId")]
        [ArgumentCompleter(typeof(TaskIdCompleter))]
        public string[] Task { get; set; }

        /// <summary>Only the tasks of this service (its name or ARN).</summary>
        [Parameter(ValueFromPipelineByPropertyName = true)]
        [ValidateEcsName("service", AllowArn = true)]
        [ArgumentCompleter(typeof(ServiceNameCompleter))]
        public string ServiceName { get; set; }

        /// <summary>Only the tasks of this task definition family.</summary>
        [Parameter]
        [ValidateEcsName("task definition family")]
        [ArgumentCompleter(typeof(TaskDefinitionFamilyCompleter))]
        public string Family { get; set; }

        /// <summary>RUNNING (what ECS lists when this is omitted), STOPPED or PENDING.</summary>
        [Parameter]
        [ValidateSet("RUNNING", "PENDING", "STOPPED")]
        public string DesiredStatus { get; set; }

        /// <summary>Only the tasks started with this startedBy value.</summary>
        [Parameter]
        [ValidateStartedBy]
        public string StartedBy { get; set; }

        /// <summary>Only the tasks on this container instance (its id or ARN).</summary>
        // A Fargate task piped in has a ContainerInstanceArn of null, which means "none" here.
        [Parameter(ValueFromPipelineByPropertyName = true)]
        [AllowNull]
        [ValidateContainerInstanceOrNull]
        [Alias("ContainerInstanceArn")]
        public string ContainerInstance { get; set; }

        [Parameter]
        [ValidateSet("EC2", "FARGATE", "EXTERNAL", "MANAGED_INSTANCES")]
        public string LaunchType { get; set; }

        [Parameter]
        [ValidateSet("TAGS")]
        public string[] Include { get; set; }

        private TaskFilter _filter;
        private NameResolver<Task> _named;
        // One listing resolver per service or container instance that came down the pipeline.
        private readonly Dictionary<(string, string), NameResolver<Task>> _listings = new Dictionary<(string, string), NameResolver<Task>>();
        private readonly HashSet<string> _written = new HashSet<string>(System.StringComparer.Ordinal);

        private bool IncludeTags => Include != null && Include.Contains("TAGS");

        protected override void Begin()
        {
            _filter = new TaskFilter
            {
                ServiceName = ServiceName,
                Family = Family,
                DesiredStatus = DesiredStatus,
                StartedBy = StartedBy,
                ContainerInstance = ContainerInstance,
                LaunchType = LaunchType,
            };
            var conflict = _filter.Conflict();
            if (conflict != null) ThrowArgumentError(conflict, "IncompatibleTaskFilters", null);
            // Named tasks are tested against the command line's filters only: a task piped in
            // carries its own container instance, which says nothing about what to select.
            _named = new NameResolver<Task>(this, region => EcsResources.Tasks(EcsIn(region), _filter, IncludeTags, filterNamed: true), Write);
        }

        protected override void ProcessRecord()
        {
            if (Task != null && Task.Length > 0)
            {
                foreach (var task in Task) _named.Add(Cluster ?? EcsArns.ClusterOf(task), task);
                return;
            }
            var filter = _filter.With(ServiceName, ContainerInstance);
            if (filter.Conflict() is string conflict)
            {
                // A piped service next to -Family on the command line: this item only.
                WriteError(new ErrorRecord(new System.ArgumentException(conflict), "IncompatibleTaskFilters", ErrorCategory.InvalidArgument, ServiceName));
                return;
            }
            var cluster = Cluster ?? EcsArns.ClusterOf(ServiceName) ?? EcsArns.ClusterOf(ContainerInstance);
            ListingFor(filter).AddAll(cluster);
        }

        protected override void EndProcessing() => _named.Complete();

        private NameResolver<Task> ListingFor(TaskFilter filter)
        {
            var key = (filter.ServiceName, filter.ContainerInstance);
            if (!_listings.TryGetValue(key, out var listing))
                _listings[key] = listing = new NameResolver<Task>(this,
                    region => EcsResources.Tasks(EcsIn(region), filter, IncludeTags, filterNamed: false), Write);
            return listing;
        }

        // A task reached through two inputs (two piped services cannot share one, but a cluster
        // and a service of it can) is written once.
        private void Write(Task task)
        {
            if (_written.Add(task.TaskArn ?? string.Empty)) WriteObject(task);
        }
    }
}
