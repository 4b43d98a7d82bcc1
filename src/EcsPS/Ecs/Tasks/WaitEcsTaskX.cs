using System;
using System.Collections.Generic;
using System.Management.Automation;
using EcsPS.Common;
using EcsPS.Engine.Ecs;
using EcsPS.Engine.Ecs.Model;
using EcsPS.Engine.Ecs.Tasks;

namespace EcsPS.Ecs.Tasks
{
    /// <summary>
    /// Waits until tasks are RUNNING (default) or STOPPED. A task that stops while the wait is
    /// for RUNNING fails at once with its stop code and reasons. Piped tasks are waited for
    /// together, one DescribeTasks per 100 per poll.
    /// </summary>
    [Cmdlet(VerbsLifecycle.Wait, "EcsTaskX")]
    [OutputType(typeof(Task))]
    public sealed class WaitEcsTaskX : EcsCmdletBase
    {
        /// <summary>The cluster's name or ARN; the cluster in a task ARN, or 'default', when omitted.</summary>
        [Parameter(ValueFromPipelineByPropertyName = true)]
        [ValidateEcsName("cluster", AllowArn = true)]
        [Alias("ClusterArn", "ClusterName")]
        [ArgumentCompleter(typeof(ClusterNameCompleter))]
        public string Cluster { get; set; }

        /// <summary>Task ids or ARNs; also bound from piped tasks (TaskArn).</summary>
        [Parameter(Mandatory = true, Position = 0, ValueFromPipelineByPropertyName = true)]
        [ValidateNotNullOrEmpty]
        [ValidateEcsResourceId("task")]
        [Alias("TaskArn", "TaskId")]
        public string[] Task { get; set; }

        [Parameter(Position = 1)]
        public TaskWaitCondition Condition { get; set; } = TaskWaitCondition.Running;

        /// <summary>The longest the wait may take in all (default 30 minutes).</summary>
        [Parameter]
        [Duration(Minimum = "00:00:01", Maximum = "2.00:00:00")]
        public TimeSpan Timeout { get; set; } = TimeSpan.FromMinutes(30);

        /// <summary>How often to look (default 6 seconds, as the AWS CLI's task waiters).</summary>
        [Parameter]
        [Duration(Minimum = "00:00:01", Maximum = "00:10:00")]
        public TimeSpan PollInterval { get; set; } = TimeSpan.FromSeconds(6);

        private readonly List<TaskWaitTarget> _targets = new List<TaskWaitTarget>();
        private readonly HashSet<string> _seen = new HashSet<string>();

        protected override void ProcessRecord()
        {
            foreach (var task in Task)
            {
                // A task ARN of the current form names its cluster; a bare id is in -Cluster or 'default'.
                var cluster = Cluster ?? EcsArns.ClusterOf(task);
                if (!Guard(() => RegionOfArns(cluster, task), task)) continue;
                if (_seen.Add((cluster ?? string.Empty) + "\n" + task))
                    _targets.Add(new TaskWaitTarget(cluster, task));
            }
        }

        protected override void EndProcessing()
            => TaskWaitRunner.Run(this, _targets, Condition, new TaskWaitOptions { Timeout = Timeout, PollInterval = PollInterval }, writeTasks: true);
    }
}
