using System;
using System.Collections.Generic;
using System.Linq;
using System.Management.Automation;
using EcsPS.Engine.Ecs.Model;
using EcsPS.Engine.Ecs.Tasks;

namespace EcsPS.Ecs.Tasks
{
    /// <summary>A task wait that ended without success; Result has the task as last seen and why it stopped.</summary>
    public sealed class TaskWaitException : Exception
    {
        public TaskWaitException(TaskWaitResult result) : base(result.Reason) => Result = result;

        public TaskWaitResult Result { get; }
    }

    /// <summary>
    /// Runs a task wait for a cmdlet: one progress bar for all the tasks, a verbose line whenever
    /// a task's status changes (what a CI log needs to show where a task got stuck), the tasks
    /// on success when asked, and an ErrorRecord for every task whose wait failed.
    ///
    /// Another cmdlet waits with one line, e.g. Stop-EcsTaskX -Wait:
    /// <c>TaskWaitRunner.Run(this, Cluster, stoppedArns, TaskWaitCondition.Stopped, new TaskWaitOptions { Timeout = Timeout });</c>
    /// </summary>
    internal sealed class TaskWaitRunner : ITaskWaitObserver
    {
        private const int ProgressId = 4300;
        private readonly EcsCmdletBase _cmdlet;
        private readonly string _activity;

        private TaskWaitRunner(EcsCmdletBase cmdlet, string activity)
        {
            _cmdlet = cmdlet;
            _activity = activity;
        }

        /// <summary>Waits for tasks of one cluster (null: 'default').</summary>
        public static IReadOnlyList<TaskWaitResult> Run(EcsCmdletBase cmdlet, string cluster, IEnumerable<string> tasks,
            TaskWaitCondition condition, TaskWaitOptions options = null, bool writeTasks = true)
            => Run(cmdlet, tasks.Select(t => new TaskWaitTarget(cluster, t)).ToList(), condition, options, writeTasks);

        public static IReadOnlyList<TaskWaitResult> Run(EcsCmdletBase cmdlet, IReadOnlyList<TaskWaitTarget> targets,
            TaskWaitCondition condition, TaskWaitOptions options, bool writeTasks)
        {
            if (targets.Count == 0) return new TaskWaitResult[0];
            var wanted = condition == TaskWaitCondition.Running ? "RUNNING" : "STOPPED";
            var runner = new TaskWaitRunner(cmdlet, $"Waiting for {targets.Count} ECS task(s) to be {wanted}");
            IReadOnlyList<TaskWaitResult> results = null;
            cmdlet.GuardWork(() =>
            {
                // Each region's tasks through that region's client (an ARN names the region).
                var all = new List<TaskWaitResult>();
                foreach (var inRegion in targets.GroupBy(t => cmdlet.RegionOfArns(t.Cluster, t.Task) ?? string.Empty))
                    all.AddRange(new TaskWaiter(cmdlet.EcsClientIn(inRegion.Key.Length == 0 ? null : inRegion.Key))
                        .Wait(inRegion.ToList(), condition, options ?? new TaskWaitOptions(), runner, cmdlet.Cancellation));
                results = all;
            }, null);
            if (results == null) return new TaskWaitResult[0];
            foreach (var result in results)
            {
                if (result.Succeeded)
                {
                    if (writeTasks && result.Task != null) cmdlet.WriteObject(result.Task);
                    continue;
                }
                cmdlet.WriteError(ErrorFor(result));
            }
            return results;
        }

        /// <summary>The error for a task whose wait did not succeed.</summary>
        public static ErrorRecord ErrorFor(TaskWaitResult result)
        {
            string id;
            ErrorCategory category;
            string advice;
            switch (result.Outcome)
            {
                case TaskWaitOutcome.NotFound:
                    id = result.NotFoundError ?? "TaskNotFoundException";
                    category = ErrorCategory.ObjectNotFound;
                    advice = "Check the task id and the cluster (-Cluster), or pass -Region for the region the task is in.";
                    break;
                case TaskWaitOutcome.TimedOut:
                    id = "TaskWaitTimedOut";
                    category = ErrorCategory.OperationTimeout;
                    advice = "The task goes on regardless of the wait: raise -Timeout if it is only slow, or stop it with Stop-EcsTaskX.";
                    break;
                default:
                    id = result.Stop != null ? "TaskStopped" : "TaskWaitFailed";
                    category = ErrorCategory.InvalidResult;
                    advice = result.Task != null ? TaskRunResult.From(result.Task, null).FailureAdvice() : null;
                    break;
            }
            var record = new ErrorRecord(new TaskWaitException(result), id, category, result.TaskArn ?? result.Requested);
            record.ErrorDetails = new ErrorDetails(result.Reason) { RecommendedAction = advice };
            return record;
        }

        public void OnProgress(TaskWaitProgress p)
        {
            var record = new ProgressRecord(ProgressId, _activity, $"{p} ({(int)p.Elapsed.TotalSeconds} s)")
            {
                PercentComplete = p.Total == 0 ? 100 : Math.Min(100, 100 * p.Finished / p.Total),
            };
            if (p.Done) record.RecordType = ProgressRecordType.Completed;
            _cmdlet.WriteProgress(record);
        }

        public void OnStatusChange(Task task, string from, string to, TimeSpan elapsed)
            => _cmdlet.WriteVerbose($"[{task.TaskId}] {(from == null ? "is" : from + " ->")} {to ?? "(no status)"} at {(int)elapsed.TotalSeconds} s" +
                                    (to == "STOPPED" && (task.StopCode != null || task.StoppedReason != null) ? $": {task.StopCode} {task.StoppedReason}".TrimEnd() : string.Empty));

        public void OnMessage(string message) => _cmdlet.WriteVerbose(message);

        public void OnFinished(TaskWaitResult result)
            => _cmdlet.WriteVerbose($"{result.TaskArn ?? result.Requested}: {result.Outcome} after {(int)result.Elapsed.TotalSeconds} s. {result.Reason}");
    }
}
