using System;
using System.Collections.Generic;
using System.Linq;
using System.Management.Automation;
using EcsPS.Common;
using EcsPS.Engine.Ecs;
using EcsPS.Engine.Ecs.Model;
using EcsPS.Engine.Ecs.Tasks;
using EcsPS.Engine.Runtime;

namespace EcsPS.Ecs.Tasks
{
    /// <summary>
    /// Stops tasks. Like Remove-EcsServiceX and Stop-Service it writes nothing unless -PassThru is
    /// given: a runbook that stops tasks rarely wants them back, and the stopped task is only
    /// "desired STOPPED" at that point anyway.
    /// </summary>
    [Cmdlet(VerbsLifecycle.Stop, "EcsTaskX", SupportsShouldProcess = true, ConfirmImpact = ConfirmImpact.Medium)]
    [OutputType(typeof(Task))]
    public sealed class StopEcsTaskX : EcsCmdletBase
    {
        /// <summary>The cluster's name or ARN; the cluster in a task ARN, else 'default', when omitted.</summary>
        [Parameter(ValueFromPipelineByPropertyName = true)]
        [ValidateEcsName("cluster", AllowArn = true)]
        [Alias("ClusterArn", "ClusterName")]
        [ArgumentCompleter(typeof(ClusterNameCompleter))]
        public string Cluster { get; set; }

        [Parameter(Mandatory = true, Position = 0, ValueFromPipeline = true, ValueFromPipelineByPropertyName = true)]
        [ValidateEcsResourceId("task")]
        [Alias("TaskArn", "TaskId")]
        [ArgumentCompleter(typeof(TaskIdCompleter))]
        public string[] Task { get; set; }

        /// <summary>Why, shown as the task's StoppedReason (at most 255 characters).</summary>
        [Parameter]
        [ValidateStopReason]
        public string Reason { get; set; }

        /// <summary>Writes each stopped task (desired status STOPPED; with -Wait, last status STOPPED) to the pipeline.</summary>
        [Parameter]
        public SwitchParameter PassThru { get; set; }

        /// <summary>Waits until the stopped tasks' last status is STOPPED (their containers have exited).</summary>
        [Parameter]
        public SwitchParameter Wait { get; set; }

        /// <summary>The longest -Wait may take in all (default 30 minutes).</summary>
        [Parameter]
        [Duration(Minimum = "00:00:01", Maximum = "2.00:00:00")]
        public TimeSpan Timeout { get; set; } = TimeSpan.FromMinutes(30);

        /// <summary>How often -Wait looks (default 6 seconds).</summary>
        [Parameter]
        [Duration(Minimum = "00:00:01", Maximum = "00:10:00")]
        public TimeSpan PollInterval { get; set; } = TimeSpan.FromSeconds(6);

        /// <summary>The ARNs of the tasks stopped, per region and cluster, in the order stopped:
        /// what a wait for them to reach STOPPED goes through, in DescribeTasks batches.</summary>
        private readonly Dictionary<(string Region, string Cluster), List<string>> _stopped = new Dictionary<(string, string), List<string>>();

        protected override void ProcessRecord()
        {
            foreach (var task in Task) StopOne(task);
        }

        private void StopOne(string task)
        {
            var cluster = Cluster ?? EcsArns.ClusterOf(task);
            EcsClient ecs = null;
            if (!Guard(() => ecs = EcsFor(cluster, task), task)) return;
            if (!ShouldProcess($"{Arn.NameOf(task)} (cluster {Arn.NameOf(cluster ?? "default")})", "Stop ECS task")) return;
            Guard(() =>
            {
                var stopped = ecs.StopTaskIfExists(cluster, task, Reason, CancellationToken);
                if (stopped == null)
                {
                    WriteFailure(new FailureRef(task, null, "MISSING", null), "task");
                    return;
                }
                var key = (ecs.RegionName, stopped.ClusterArn ?? cluster ?? "default");
                if (!_stopped.TryGetValue(key, out var arns)) _stopped[key] = arns = new List<string>();
                arns.Add(stopped.TaskArn ?? task);
                // With -Wait the task is written once it has stopped, not while it is stopping.
                if (PassThru && !Wait) WriteObject(stopped);
            }, task);
        }

        protected override void EndProcessing()
        {
            if (!Wait) return;
            var targets = _stopped.SelectMany(c => c.Value.Select(arn => new TaskWaitTarget(c.Key.Cluster, arn))).ToList();
            TaskWaitRunner.Run(this, targets, TaskWaitCondition.Stopped,
                new TaskWaitOptions { Timeout = Timeout, PollInterval = PollInterval }, writeTasks: PassThru);
        }
    }
}
