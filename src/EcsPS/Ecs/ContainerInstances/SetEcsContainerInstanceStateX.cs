using System;
using System.Collections.Generic;
using System.Linq;
using System.Management.Automation;
using EcsPS.Common;
using EcsPS.Engine.Ecs.ContainerInstances;
using EcsPS.Engine.Ecs.Model;

namespace EcsPS.Ecs.ContainerInstances
{
    /// <summary>
    /// Sets container instances to DRAINING (ECS moves their service tasks elsewhere and places no
    /// new ones) or back to ACTIVE, 10 to a request; with -Wait, returns when no task is left on the
    /// drained instances.
    /// </summary>
    [Cmdlet(VerbsCommon.Set, "EcsContainerInstanceStateX", SupportsShouldProcess = true, ConfirmImpact = ConfirmImpact.Medium)]
    [OutputType(typeof(ContainerInstance))]
    public sealed class SetEcsContainerInstanceStateX : ContainerInstanceCmdletBase
    {
        [Parameter(Mandatory = true, Position = 0, ValueFromPipeline = true, ValueFromPipelineByPropertyName = true)]
        [ValidateEcsResourceId("container instance")]
        [Alias("ContainerInstanceArn")]
        public string[] ContainerInstance { get; set; }

        [Parameter(Mandatory = true)]
        [ValidateSet("DRAINING", "ACTIVE")]
        public string Status { get; set; }

        /// <summary>With -Status DRAINING: wait until no running or pending task is left on the instances.</summary>
        [Parameter]
        public SwitchParameter Wait { get; set; }

        /// <summary>The longest -Wait may take (default 30 minutes).</summary>
        [Parameter]
        [Duration(Minimum = "00:00:01", Maximum = "2.00:00:00")]
        public TimeSpan Timeout { get; set; } = TimeSpan.FromMinutes(30);

        /// <summary>How often -Wait looks (default 15 seconds).</summary>
        [Parameter]
        [Duration(Minimum = "00:00:01", Maximum = "00:10:00")]
        public TimeSpan PollInterval { get; set; } = TimeSpan.FromSeconds(15);

        private const int ProgressId = 4300;
        private readonly List<(string Region, string Cluster, string Instance)> _targets = new List<(string, string, string)>();
        private readonly HashSet<string> _seen = new HashSet<string>(StringComparer.Ordinal);

        protected override void Begin()
        {
            if (Wait && Status != "DRAINING")
                ThrowArgumentError("-Wait waits for drained instances to empty; it goes with -Status DRAINING only.", "WaitNeedsDraining", Status);
            var bound = MyInvocation.BoundParameters;
            if (!Wait && (bound.ContainsKey(nameof(Timeout)) || bound.ContainsKey(nameof(PollInterval))))
                ThrowArgumentError("-Timeout and -PollInterval bound the wait: they go with -Wait.", "WaitSettingWithoutWait", null);
        }

        protected override void ProcessRecord()
        {
            foreach (var id in ContainerInstance)
            {
                var cluster = ClusterFor(id);
                string region = null;
                if (!Guard(() => region = RegionOfArns(cluster, id), id)) continue;
                if (!_seen.Add((region ?? string.Empty) + "\n" + (cluster ?? "default") + "\n" + id)) continue;
                if (!ShouldProcess($"{EcsPS.Engine.Runtime.Arn.NameOf(id)} (cluster {EcsPS.Engine.Runtime.Arn.NameOf(cluster) ?? "default"})", $"Set container instance state to {Status}")) continue;
                _targets.Add((region, cluster, id));
            }
        }

        protected override void EndProcessing()
        {
            var updated = new List<(string Region, ContainerInstance Instance)>();
            foreach (var group in _targets.GroupBy(t => (t.Region, t.Cluster)))
            {
                Guard(() =>
                {
                    var ecs = EcsIn(group.Key.Region);
                    foreach (var result in ecs.UpdateContainerInstancesState(group.Key.Cluster, group.Select(t => t.Instance), Status, CancellationToken))
                    {
                        foreach (var instance in result.Items)
                        {
                            if (Wait) updated.Add((group.Key.Region, instance));
                            else WriteObject(instance);
                        }
                        foreach (var failure in result.Failures)
                            WriteFailure(failure, "container instance", failedTo: "set to " + Status);
                    }
                }, group.Count() == 1 ? group.First().Instance : null);
            }
            if (Wait && updated.Count > 0) WaitForDrain(updated);
        }

        private void WaitForDrain(List<(string Region, ContainerInstance Instance)> drained)
        {
            var options = new DrainWaitOptions { Timeout = Timeout, PollInterval = PollInterval };
            var observer = new ProgressObserver(this);
            foreach (var inRegion in drained.GroupBy(d => d.Region ?? string.Empty))
            {
                var targets = inRegion.Select(d => new DrainTarget(d.Instance.ClusterArn ?? d.Instance.ClusterName, d.Instance.ContainerInstanceArn)).ToList();
                DrainResult result = null;
                Guard(() => result = new DrainWaiter(EcsIn(inRegion.Key.Length == 0 ? null : inRegion.Key))
                    .Wait(targets, options, observer, CancellationToken), null);
                if (result == null) continue;
                foreach (var gone in result.Gone) WriteVerbose($"The container instance '{EcsPS.Engine.Runtime.Arn.NameOf(gone)}' went away while draining.");
                if (result.Succeeded)
                {
                    WriteVerbose(result.Reason);
                    foreach (var instance in result.Instances) WriteObject(instance);
                    continue;
                }
                var id = result.Outcome == DrainOutcome.TimedOut ? "ContainerInstanceDrainTimedOut" : "ContainerInstanceDrainInterrupted";
                var category = result.Outcome == DrainOutcome.TimedOut ? ErrorCategory.OperationTimeout : ErrorCategory.InvalidResult;
                var record = new ErrorRecord(new TimeoutException(result.Reason), id, category,
                    result.StillHolding.Select(ci => ci.ContainerInstanceArn).ToArray());
                record.ErrorDetails = new ErrorDetails(result.Reason)
                {
                    RecommendedAction = result.Outcome == DrainOutcome.TimedOut
                        ? "See what still runs there (Get-EcsTaskX -Cluster <cluster> -ContainerInstance <id>): draining moves service tasks but not stand-alone ones, which must be stopped (Stop-EcsTaskX); raise -Timeout if the services are slow to move."
                        : "Set the instances to DRAINING again if they should empty.",
                };
                WriteError(record);
            }
        }

        /// <summary>Progress bar and verbose lines of the counts, on the cmdlet's thread (the waiter calls back on it).</summary>
        private sealed class ProgressObserver : IDrainObserver
        {
            private readonly SetEcsContainerInstanceStateX _cmdlet;

            public ProgressObserver(SetEcsContainerInstanceStateX cmdlet) => _cmdlet = cmdlet;

            public void OnProgress(DrainProgress p)
            {
                var record = new ProgressRecord(ProgressId, "Draining ECS container instances", p.ToString());
                if (p.Instances > 0) record.PercentComplete = Math.Min(100, 100 * p.Drained / p.Instances);
                if (p.Holding.Count > 0) record.CurrentOperation = string.Join("; ", p.Holding);
                if (p.Done) record.RecordType = ProgressRecordType.Completed;
                _cmdlet.WriteProgress(record);
                if (!p.Done)
                    _cmdlet.WriteVerbose($"[{(int)p.Elapsed.TotalSeconds} s] {p}" + (p.Holding.Count > 0 ? ": " + string.Join("; ", p.Holding) : "."));
            }

            public void OnMessage(string message) => _cmdlet.WriteVerbose(message);
        }
    }
}
