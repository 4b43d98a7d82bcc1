using System;
using System.Collections.Generic;
using System.Linq;
using System.Threading;
using EcsPS.Engine.Ecs.Deployments;
using EcsPS.Engine.Ecs.Model;
using EcsPS.Engine.Runtime;

namespace EcsPS.Engine.Ecs.Tasks
{
    public enum TaskWaitCondition
    {
        /// <summary>lastStatus RUNNING; a task that stops first fails the wait.</summary>
        Running,
        /// <summary>lastStatus STOPPED, whatever the exit codes.</summary>
        Stopped,
    }

    public enum TaskWaitOutcome
    {
        Succeeded,
        /// <summary>The task stopped while the wait was for RUNNING, or could not be read.</summary>
        Failed,
        /// <summary>DescribeTasks reports the task MISSING (past the grace a new task gets).</summary>
        NotFound,
        TimedOut,
    }

    public sealed class TaskWaitTarget
    {
        public TaskWaitTarget(string cluster, string task)
        {
            Cluster = cluster;
            Task = task;
        }

        /// <summary>The cluster's name or ARN; null for 'default'.</summary>
        public string Cluster { get; }
        /// <summary>The task's id or ARN.</summary>
        public string Task { get; }
    }

    public sealed class TaskWaitOptions
    {
        public TimeSpan Timeout { get; set; } = TimeSpan.FromMinutes(30);
        /// <summary>6 s, as the AWS CLI's tasks-running and tasks-stopped waiters.</summary>
        public TimeSpan PollInterval { get; set; } = TimeSpan.FromSeconds(6);
        /// <summary>The longest interval that backing off from throttling stretches a poll to.</summary>
        public TimeSpan MaxBackoff { get; set; } = TimeSpan.FromSeconds(60);
        /// <summary>How long a task may be reported MISSING before the wait calls it not found:
        /// DescribeTasks is eventually consistent, so a task RunTask has just started can be
        /// missing for a moment. Zero for tasks the caller names (a wrong id fails at once).</summary>
        public TimeSpan MissingGrace { get; set; } = TimeSpan.Zero;
    }

    public sealed class TaskWaitResult
    {
        public string Cluster { get; set; }
        /// <summary>The task as the caller named it.</summary>
        public string Requested { get; set; }
        public string TaskArn { get; set; }
        public TaskWaitCondition Condition { get; set; }
        public TaskWaitOutcome Outcome { get; set; }
        /// <summary>What happened, in words fit for an error message.</summary>
        public string Reason { get; set; }
        /// <summary>The task as last seen (null if it was never found).</summary>
        public Task Task { get; set; }
        /// <summary>Why the task stopped, when it did.</summary>
        public StoppedTaskInfo Stop { get; set; }
        public TimeSpan Elapsed { get; set; }
        /// <summary>For NotFound: the error code ECS uses (TaskNotFoundException, ClusterNotFoundException).</summary>
        public string NotFoundError { get; set; }
        public bool Succeeded => Outcome == TaskWaitOutcome.Succeeded;
    }

    /// <summary>Where the tasks of a wait stand after one poll.</summary>
    public sealed class TaskWaitProgress
    {
        public TaskWaitCondition Condition { get; set; }
        public int Total { get; set; }
        /// <summary>Tasks whose wait has ended (either way).</summary>
        public int Finished { get; set; }
        /// <summary>How many tasks are in each lastStatus, in the order of the task lifecycle.</summary>
        public IReadOnlyList<KeyValuePair<string, int>> ByStatus { get; set; } = new KeyValuePair<string, int>[0];
        public TimeSpan Elapsed { get; set; }
        public bool Done { get; set; }

        public override string ToString()
            => ByStatus.Count == 0 ? "not seen yet" : string.Join(", ", ByStatus.Select(s => $"{s.Value} {s.Key}"));
    }

    /// <summary>What a task wait reports while it runs; called on the waiting thread.</summary>
    public interface ITaskWaitObserver
    {
        void OnProgress(TaskWaitProgress progress);
        /// <summary>A task's lastStatus changed (from is null the first time it is seen).</summary>
        void OnStatusChange(Task task, string from, string to, TimeSpan elapsed);
        void OnMessage(string message);
        void OnFinished(TaskWaitResult result);
    }

    /// <summary>
    /// Waits for tasks to be RUNNING or STOPPED, polling DescribeTasks (100 tasks to a call, per
    /// cluster). Unlike the AWS CLI's tasks-running, a task that stops first ends its wait at once
    /// with its stop code, stopped reason and the containers' reasons, the things an admin would
    /// look up next; a timeout says which tasks were still not there and where they were.
    /// Throttling stretches the poll interval but never fails a wait by itself. Time comes from
    /// an <see cref="IWaitClock"/>, so the decisions are tested without sleeping.
    /// </summary>
    public sealed class TaskWaiter
    {
        // The lifecycle order, for progress lines that read left to right.
        private static readonly string[] Lifecycle =
            { "PROVISIONING", "PENDING", "ACTIVATING", "RUNNING", "DEACTIVATING", "STOPPING", "DEPROVISIONING", "STOPPED", "DELETED" };

        private readonly EcsClient _ecs;
        private readonly IWaitClock _clock;

        public TaskWaiter(EcsClient ecs, IWaitClock clock = null)
        {
            _ecs = ecs;
            _clock = clock ?? SystemWaitClock.Instance;
        }

        /// <summary>Waits for tasks of one cluster (null: 'default').</summary>
        public IReadOnlyList<TaskWaitResult> Wait(string cluster, IEnumerable<string> tasks, TaskWaitCondition condition,
            TaskWaitOptions options, ITaskWaitObserver observer, CancellationToken ct)
            => Wait(tasks.Select(t => new TaskWaitTarget(cluster, t)).ToList(), condition, options, observer, ct);

        /// <summary>Waits for tasks, each in its own cluster; one result per target, in order.</summary>
        public IReadOnlyList<TaskWaitResult> Wait(IReadOnlyList<TaskWaitTarget> targets, TaskWaitCondition condition,
            TaskWaitOptions options, ITaskWaitObserver observer, CancellationToken ct)
        {
            options = options ?? new TaskWaitOptions();
            var pacing = new WaitPacing(_clock, options.PollInterval, options.MaxBackoff, options.Timeout);
            var start = pacing.Start;
            var trackers = targets.Select(t => new Tracker(t)).ToList();
            while (true)
            {
                ct.ThrowIfCancellationRequested();
                var pending = trackers.Where(t => t.Result == null).ToList();
                if (pending.Count == 0) break;

                var troubled = false;
                foreach (var group in pending.GroupBy(t => t.Target.Cluster ?? string.Empty))
                    troubled |= Poll(group.Key.Length == 0 ? null : group.Key, group.ToList(), condition, start, options, observer, ct);

                var now = _clock.UtcNow;
                if (now - start >= options.Timeout)
                {
                    var late = trackers.Where(t => t.Result == null).ToList();
                    foreach (var t in late)
                        Finish(t, TaskWaitOutcome.TimedOut, TimeoutReason(t, late.Count, trackers.Count, condition, options), condition, start, observer);
                }
                var done = trackers.All(t => t.Result != null);
                observer?.OnProgress(ProgressOf(trackers, condition, start, done));
                if (done) break;

                pacing.Pause(troubled, ct);
            }
            return trackers.Select(t => t.Result).ToList();
        }

        /// <summary>One DescribeTasks round for a cluster; true when AWS throttled or failed transiently.</summary>
        private bool Poll(string cluster, List<Tracker> trackers, TaskWaitCondition condition, DateTime start,
            TaskWaitOptions options, ITaskWaitObserver observer, CancellationToken ct)
        {
            try
            {
                foreach (var batch in _ecs.DescribeTasks(cluster, trackers.Select(t => t.Target.Task), includeTags: false, ct))
                {
                    foreach (var task in batch.Items)
                    {
                        var tracker = trackers.FirstOrDefault(t => t.Result == null && Matches(t.Target.Task, task));
                        if (tracker != null) Evaluate(tracker, task, condition, start, observer);
                    }
                    foreach (var failure in batch.Failures)
                    {
                        var tracker = trackers.FirstOrDefault(t => t.Result == null && t.Target.Task == failure.Requested);
                        if (tracker == null) continue;
                        if (failure.IsMissing && tracker.Last == null && _clock.UtcNow - start < options.MissingGrace)
                            continue; // a task just started may not be visible yet
                        Finish(tracker, failure.IsMissing ? TaskWaitOutcome.NotFound : TaskWaitOutcome.Failed, failure.IsMissing
                                ? $"The task '{failure.Requested}' was not found in cluster '{ClusterName(cluster)}'" + (tracker.Last != null ? " (it was there before; stopped tasks are kept for about an hour)." : ".")
                                : $"The task '{failure.Requested}' could not be read: {failure.Reason} {failure.Detail}".TrimEnd(),
                            condition, start, observer);
                    }
                }
                return false;
            }
            catch (Exception ex) when (WaitPacing.IsPassing(ex, "DescribeTasks", m => observer?.OnMessage(m)))
            {
                return true;
            }
            catch (AwsServiceException ex) when (ex.ErrorCode == "ClusterNotFoundException")
            {
                foreach (var t in trackers.Where(t => t.Result == null))
                    Finish(t, TaskWaitOutcome.NotFound, $"The cluster '{ClusterName(cluster)}' of task '{t.Target.Task}' was not found ({ex.ServiceMessage}).",
                        condition, start, observer, clusterMissing: true);
                return false;
            }
        }

        private void Evaluate(Tracker t, Task task, TaskWaitCondition condition, DateTime start, ITaskWaitObserver observer)
        {
            var previous = t.Last;
            t.Last = task;
            var elapsed = _clock.UtcNow - start;
            if (previous == null || previous.LastStatus != task.LastStatus)
                observer?.OnStatusChange(task, previous?.LastStatus, task.LastStatus, elapsed);
            if (task.DesiredStatus == "STOPPED" && previous?.DesiredStatus != "STOPPED" && task.LastStatus != "STOPPED")
                observer?.OnMessage($"[{task.TaskId}] ECS is stopping the task: {task.StoppedReason ?? task.StopCode ?? "no reason given yet"}.");

            if (task.LastStatus == "STOPPED")
            {
                t.Stop = StopOf(task);
                if (condition == TaskWaitCondition.Stopped)
                    Finish(t, TaskWaitOutcome.Succeeded, $"{Describe(task)} stopped" + ((t.Stop.StoppedReason ?? t.Stop.StopCode) is string why ? $": {why.TrimEnd('.')}." : "."), condition, start, observer);
                else
                    Finish(t, TaskWaitOutcome.Failed, $"{Describe(task)} stopped before it was RUNNING: {StopText(t.Stop)}", condition, start, observer);
                return;
            }
            // A task ECS is already stopping is not what a wait for RUNNING wants; the wait goes on
            // until it is STOPPED, when its containers' reasons are there to report.
            if (condition == TaskWaitCondition.Running && task.LastStatus == "RUNNING" && task.DesiredStatus != "STOPPED")
                Finish(t, TaskWaitOutcome.Succeeded, $"{Describe(task)} is RUNNING.", condition, start, observer);
        }

        /// <summary>The stop code, stopped reason and each container's reason and exit code.</summary>
        public static StoppedTaskInfo StopOf(Task task) => new StoppedTaskInfo
        {
            TaskArn = task.TaskArn,
            StopCode = task.StopCode,
            StoppedReason = task.StoppedReason,
            ContainerReasons = (task.Containers ?? new List<Container>())
                .Where(c => c.Reason != null || (c.ExitCode.HasValue && c.ExitCode != 0))
                .Select(c => $"{c.Name}: {c.Reason ?? "exited"}" + (c.ExitCode.HasValue ? $" (exit code {c.ExitCode})" : string.Empty))
                .ToList(),
        };

        /// <summary>"TaskFailedToStart: CannotPullContainerError: ... Containers: web: ... (exit code 1)."</summary>
        public static string StopText(StoppedTaskInfo stop)
        {
            var head = stop.StopCode != null && stop.StoppedReason != null ? $"{stop.StopCode}: {stop.StoppedReason.TrimEnd('.')}"
                : stop.StoppedReason?.TrimEnd('.') ?? stop.StopCode ?? "no reason given";
            return stop.ContainerReasons.Count == 0 ? head + "." : $"{head}. Containers: {string.Join("; ", stop.ContainerReasons)}.";
        }

        private string TimeoutReason(Tracker t, int late, int total, TaskWaitCondition condition, TaskWaitOptions options)
        {
            var wanted = condition == TaskWaitCondition.Running ? "RUNNING" : "STOPPED";
            var where = t.Last == null ? "was never seen" : $"was still {t.Last.LastStatus}";
            var what = t.Last != null ? Describe(t.Last) : $"The task '{t.Target.Task}' in cluster '{ClusterName(t.Target.Cluster)}'";
            var others = total > 1 ? $" ({late} of {total} tasks were not {wanted} in time.)" : string.Empty;
            var stopping = t.Last?.DesiredStatus == "STOPPED" && t.Last.LastStatus != "STOPPED"
                ? $" ECS is stopping it: {t.Last.StoppedReason ?? t.Last.StopCode}." : string.Empty;
            return $"{what} {where} after {Format(options.Timeout)}, not {wanted}.{stopping}{others}";
        }

        private void Finish(Tracker t, TaskWaitOutcome outcome, string reason, TaskWaitCondition condition, DateTime start,
            ITaskWaitObserver observer, bool clusterMissing = false)
        {
            t.Result = new TaskWaitResult
            {
                Cluster = t.Target.Cluster,
                Requested = t.Target.Task,
                TaskArn = t.Last?.TaskArn ?? (Arn.IsArn(t.Target.Task) ? t.Target.Task : null),
                Condition = condition,
                Outcome = outcome,
                Reason = reason,
                Task = t.Last,
                Stop = t.Stop,
                Elapsed = _clock.UtcNow - start,
                NotFoundError = outcome != TaskWaitOutcome.NotFound ? null : clusterMissing ? "ClusterNotFoundException" : "TaskNotFoundException",
            };
            observer?.OnFinished(t.Result);
        }

        private TaskWaitProgress ProgressOf(List<Tracker> trackers, TaskWaitCondition condition, DateTime start, bool done)
        {
            var counts = trackers.Where(t => t.Last != null).GroupBy(t => t.Last.LastStatus ?? "UNKNOWN")
                .OrderBy(g => Array.IndexOf(Lifecycle, g.Key) < 0 ? int.MaxValue : Array.IndexOf(Lifecycle, g.Key))
                .Select(g => new KeyValuePair<string, int>(g.Key, g.Count())).ToList();
            var unseen = trackers.Count(t => t.Last == null && t.Result == null);
            if (unseen > 0) counts.Add(new KeyValuePair<string, int>("not seen yet", unseen));
            return new TaskWaitProgress
            {
                Condition = condition,
                Total = trackers.Count,
                Finished = trackers.Count(t => t.Result != null),
                ByStatus = counts,
                Elapsed = _clock.UtcNow - start,
                Done = done,
            };
        }

        private static bool Matches(string requested, Task task)
            => requested == task.TaskArn || requested == task.TaskId;

        /// <summary>"The task 0123... (migrate:3) in cluster 'prod'", to begin a sentence.</summary>
        private static string Describe(Task task)
            => $"The task {task.TaskId}" + (task.TaskDefinitionName != null ? $" ({task.TaskDefinitionName})" : string.Empty) +
               $" in cluster '{task.ClusterName ?? "default"}'";

        private static string ClusterName(string cluster) => Arn.NameOf(cluster) ?? "default";

        private static string Format(TimeSpan span)
            => span.TotalMinutes >= 1 && span.Seconds == 0 ? $"{(int)span.TotalMinutes} min" : $"{(int)span.TotalSeconds} s";

        private sealed class Tracker
        {
            public Tracker(TaskWaitTarget target) => Target = target;
            public TaskWaitTarget Target { get; }
            public Task Last { get; set; }
            public StoppedTaskInfo Stop { get; set; }
            public TaskWaitResult Result { get; set; }
        }
    }
}
