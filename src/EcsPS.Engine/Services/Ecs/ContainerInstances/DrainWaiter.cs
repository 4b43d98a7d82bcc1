using System;
using System.Collections.Generic;
using System.Linq;
using System.Threading;
using EcsPS.Engine.Ecs.Deployments;
using EcsPS.Engine.Ecs.Model;
using EcsPS.Engine.Runtime;

namespace EcsPS.Engine.Ecs.ContainerInstances
{
    /// <summary>A container instance to wait for, in its cluster (null: 'default').</summary>
    public sealed class DrainTarget
    {
        public DrainTarget(string cluster, string containerInstance)
        {
            Cluster = cluster;
            ContainerInstance = containerInstance;
        }

        public string Cluster { get; }
        /// <summary>The instance's ARN or id.</summary>
        public string ContainerInstance { get; }
    }

    public sealed class DrainWaitOptions
    {
        public TimeSpan Timeout { get; set; } = TimeSpan.FromMinutes(30);
        public TimeSpan PollInterval { get; set; } = TimeSpan.FromSeconds(15);
        /// <summary>The longest interval that backing off from throttling stretches a poll to.</summary>
        public TimeSpan MaxBackoff { get; set; } = TimeSpan.FromSeconds(120);
    }

    /// <summary>Where a drain stands after one look at the instances.</summary>
    public sealed class DrainProgress
    {
        public int Instances { get; set; }
        /// <summary>Instances with no task left (or gone altogether).</summary>
        public int Drained { get; set; }
        public int RunningTasks { get; set; }
        public int PendingTasks { get; set; }
        public TimeSpan Elapsed { get; set; }
        /// <summary>"id: 2 running, 1 pending" for each instance that still holds tasks.</summary>
        public IReadOnlyList<string> Holding { get; set; } = new string[0];
        public bool Done { get; set; }

        public override string ToString()
            => $"{Drained} of {Instances} instance(s) drained; {RunningTasks} running and {PendingTasks} pending task(s) left";
    }

    public interface IDrainObserver
    {
        void OnProgress(DrainProgress progress);
        void OnMessage(string message);
    }

    public enum DrainOutcome
    {
        /// <summary>No task remains on any of the instances.</summary>
        Drained,
        TimedOut,
        /// <summary>An instance stopped draining (set back to ACTIVE, say) while tasks remained.</summary>
        Interrupted,
    }

    public sealed class DrainResult
    {
        public DrainOutcome Outcome { get; set; }
        public bool Succeeded => Outcome == DrainOutcome.Drained;
        public string Reason { get; set; }
        /// <summary>The instances as last seen (without those that went away).</summary>
        public IReadOnlyList<ContainerInstance> Instances { get; set; } = new ContainerInstance[0];
        /// <summary>The instances that still hold tasks (or stopped draining) when the wait ended unsuccessfully.</summary>
        public IReadOnlyList<ContainerInstance> StillHolding { get; set; } = new ContainerInstance[0];
        /// <summary>Instances that were not found (deregistered, or never there): nothing is left on them.</summary>
        public IReadOnlyList<string> Gone { get; set; } = new string[0];
    }

    /// <summary>
    /// Waits until drained container instances hold no task: running + pending == 0 for each, read
    /// with one DescribeContainerInstances per 100 instances per poll. An instance that is no longer
    /// there has nothing left on it. An instance that is no longer DRAINING while it still holds
    /// tasks ends the wait (ECS will not move those tasks any more). Throttling and transient
    /// failures stretch the interval, never fail the wait by themselves; -Timeout bounds it.
    /// </summary>
    public sealed class DrainWaiter
    {
        private readonly EcsClient _ecs;
        private readonly IWaitClock _clock;

        public DrainWaiter(EcsClient ecs, IWaitClock clock = null)
        {
            _ecs = ecs;
            _clock = clock ?? SystemWaitClock.Instance;
        }

        public DrainResult Wait(IReadOnlyList<DrainTarget> targets, DrainWaitOptions options, IDrainObserver observer, CancellationToken ct)
        {
            options = options ?? new DrainWaitOptions();
            var pacing = new WaitPacing(_clock, options.PollInterval, options.MaxBackoff, options.Timeout);
            var start = pacing.Start;
            var latest = new Dictionary<DrainTarget, ContainerInstance>();
            var gone = new HashSet<DrainTarget>();
            var everSeen = false;

            while (true)
            {
                ct.ThrowIfCancellationRequested();
                var troubled = false;
                foreach (var group in targets.Where(t => !gone.Contains(t) && !IsEmpty(latest, t)).GroupBy(t => t.Cluster ?? string.Empty))
                    troubled |= Poll(group.Key.Length == 0 ? null : group.Key, group.ToList(), latest, gone, observer, ct);
                if (!troubled) everSeen = true;

                var holding = targets.Where(t => !gone.Contains(t) && !IsEmpty(latest, t)).ToList();
                var progress = Progress(targets, latest, gone, holding, _clock.UtcNow - start, everSeen);
                if (everSeen && holding.Count == 0)
                {
                    progress.Done = true;
                    observer?.OnProgress(progress);
                    return Result(DrainOutcome.Drained, $"{Count(targets.Count)} drained: no task is left.", targets, latest, gone, holding);
                }
                observer?.OnProgress(progress);

                var stopped = holding.Where(t => latest.TryGetValue(t, out var ci) && ci != null && ci.Status != "DRAINING").ToList();
                if (stopped.Count > 0)
                {
                    progress.Done = true;
                    observer?.OnProgress(progress);
                    var which = string.Join(", ", stopped.Select(t => $"{Id(t, latest)} ({latest[t].Status})"));
                    return Result(DrainOutcome.Interrupted,
                        $"Stopped waiting: {which} no longer DRAINING while tasks remain on it, so ECS will not move them. " +
                        $"Still holding tasks: {string.Join("; ", progress.Holding)}.", targets, latest, gone, stopped);
                }

                var elapsed = _clock.UtcNow - start;
                if (elapsed >= options.Timeout)
                {
                    progress.Done = true;
                    observer?.OnProgress(progress);
                    var left = progress.Holding.Count > 0 ? string.Join("; ", progress.Holding) : "their counts could not be read";
                    return Result(DrainOutcome.TimedOut,
                        $"{Count(holding.Count)} still hold tasks after {Format(options.Timeout)}: {left}.", targets, latest, gone, holding);
                }

                pacing.Pause(troubled, ct);
            }
        }

        /// <summary>One look at a cluster's instances; true when AWS throttled or failed transiently.</summary>
        private bool Poll(string cluster, List<DrainTarget> targets, Dictionary<DrainTarget, ContainerInstance> latest,
            HashSet<DrainTarget> gone, IDrainObserver observer, CancellationToken ct)
        {
            try
            {
                foreach (var batch in _ecs.DescribeContainerInstances(cluster, targets.Select(t => t.ContainerInstance), includeTags: false, ct))
                {
                    foreach (var instance in batch.Items)
                    {
                        var target = targets.FirstOrDefault(t => Matches(t.ContainerInstance, instance));
                        if (target != null) latest[target] = instance;
                    }
                    foreach (var failure in batch.Failures)
                    {
                        var target = targets.FirstOrDefault(t => t.ContainerInstance == failure.Requested);
                        if (target == null) continue;
                        gone.Add(target);
                        latest.Remove(target);
                        observer?.OnMessage($"The container instance '{Arn.NameOf(target.ContainerInstance)}' is no longer there ({failure.Reason}); nothing is left on it.");
                    }
                }
                return false;
            }
            catch (Exception ex) when (WaitPacing.IsPassing(ex, "DescribeContainerInstances", m => observer?.OnMessage(m)))
            {
                return true;
            }
        }

        private static bool Matches(string asked, ContainerInstance instance)
            => asked == instance.ContainerInstanceArn || Arn.NameOf(asked) == instance.ContainerInstanceId;

        private static bool IsEmpty(Dictionary<DrainTarget, ContainerInstance> latest, DrainTarget t)
            => latest.TryGetValue(t, out var ci) && ci != null && (ci.RunningTasksCount ?? 0) + (ci.PendingTasksCount ?? 0) == 0;

        private static DrainProgress Progress(IReadOnlyList<DrainTarget> targets, Dictionary<DrainTarget, ContainerInstance> latest,
            HashSet<DrainTarget> gone, List<DrainTarget> holding, TimeSpan elapsed, bool seen)
        {
            var seenInstances = latest.Values.Where(ci => ci != null).ToList();
            return new DrainProgress
            {
                Instances = targets.Count,
                Drained = seen ? targets.Count - holding.Count : 0,
                RunningTasks = holding.Sum(t => latest.TryGetValue(t, out var ci) ? ci.RunningTasksCount ?? 0 : 0),
                PendingTasks = holding.Sum(t => latest.TryGetValue(t, out var ci) ? ci.PendingTasksCount ?? 0 : 0),
                Elapsed = elapsed,
                Holding = holding.Where(latest.ContainsKey)
                    .Select(t => $"{Id(t, latest)}: {latest[t].RunningTasksCount ?? 0} running, {latest[t].PendingTasksCount ?? 0} pending")
                    .ToList(),
            };
        }

        private static string Id(DrainTarget t, Dictionary<DrainTarget, ContainerInstance> latest)
        {
            var ci = latest.TryGetValue(t, out var found) ? found : null;
            var id = ci?.ContainerInstanceId ?? Arn.NameOf(t.ContainerInstance);
            return ci?.Ec2InstanceId != null ? $"{id} ({ci.Ec2InstanceId})" : id;
        }

        private static DrainResult Result(DrainOutcome outcome, string reason, IReadOnlyList<DrainTarget> targets,
            Dictionary<DrainTarget, ContainerInstance> latest, HashSet<DrainTarget> gone, List<DrainTarget> holding)
            => new DrainResult
            {
                Outcome = outcome,
                Reason = reason,
                Instances = targets.Where(latest.ContainsKey).Select(t => latest[t]).ToList(),
                StillHolding = holding.Where(latest.ContainsKey).Select(t => latest[t]).ToList(),
                Gone = targets.Where(gone.Contains).Select(t => t.ContainerInstance).ToList(),
            };

        private static string Count(int n) => n == 1 ? "1 container instance" : $"{n} container instances";

        private static string Format(TimeSpan span)
            => span.TotalHours >= 1 ? $"{(int)span.TotalHours} h {span.Minutes} min"
                : span.TotalMinutes >= 1 ? $"{(int)span.TotalMinutes} min {span.Seconds} s"
                : $"{(int)span.TotalSeconds} s";
    }
}
