using System.Collections.Generic;
using System.Management.Automation;
using EcsPS.Engine.CloudWatchLogs;
using EcsPS.Engine.Ecs.Logs;
using EcsPS.Engine.Ecs.Model;
using EcsPS.Engine.Runtime;
using EcsPS.Engine.Ecs.Tasks;

namespace EcsPS.Ecs.Tasks
{
    /// <summary>
    /// Runs tasks to their end, for runbooks and CI: starts them as Start-EcsTaskX does, waits
    /// until they stop, and returns a TaskRunResult per task (exit code, containers, stop reason,
    /// times). A non-zero exit code of an essential container, or a task that never started, is
    /// a non-terminating error written after its result, so $? is false and -ErrorAction Stop
    /// throws. With -Count above 1 there is one result per task, in the order they started.
    /// </summary>
    [Cmdlet(VerbsLifecycle.Invoke, "EcsTaskX", SupportsShouldProcess = true, ConfirmImpact = ConfirmImpact.Medium, DefaultParameterSetName = RunSet)]
    [OutputType(typeof(TaskRunResult))]
    public sealed class InvokeEcsTaskX : TaskRunCmdletBase
    {
        /// <summary>How many of the task's last awslogs lines the result carries (default 20; 0: none, and no Logs request).</summary>
        [Parameter]
        [ValidateRange(0, 10000)]
        public int LogLines { get; set; } = 20;

        private readonly List<(TaskWaitTarget Target, TaskDefinition Definition)> _started = new List<(TaskWaitTarget, TaskDefinition)>();

        protected override void ProcessRecord() => RunTasks();

        protected override void OnTaskStarted(Task task, StartedRun run)
        {
            _started.Add((new TaskWaitTarget(run.Cluster ?? task.ClusterArn, task.TaskArn), run.Definition));
            WriteVerbose($"Started task {task.TaskId} ({task.TaskDefinitionName}); waiting for it to stop.");
        }

        protected override void EndProcessing()
        {
            if (_started.Count == 0) return;
            var targets = new List<TaskWaitTarget>();
            foreach (var s in _started) targets.Add(s.Target);
            var results = TaskWaitRunner.Run(this, targets, TaskWaitCondition.Stopped, WaitOptions(), writeTasks: false);
            var byArn = new Dictionary<string, TaskWaitResult>(System.StringComparer.Ordinal);
            foreach (var r in results) if (r.Task?.TaskArn != null) byArn[r.Task.TaskArn] = r;
            // In the order the tasks started, whatever order the regions were waited in.
            foreach (var (target, definition) in _started)
            {
                if (!byArn.TryGetValue(target.Task, out var wait) || !wait.Succeeded) continue; // the runner has written its error
                var result = TaskRunResult.From(wait.Task, definition);
                if (LogLines > 0) result.LogLines = ReadLogLines(wait.Task, definition);
                WriteObject(result);
                if (result.Succeeded) continue;
                var id = result.Outcome == TaskRunOutcome.FailedToStart ? "TaskFailedToStart"
                    : result.Outcome == TaskRunOutcome.NonZeroExitCode ? "NonZeroExitCode" : "TaskNoExitCode";
                var message = result.FailureMessage();
                var record = new ErrorRecord(new TaskRunException(result, message), id,
                    result.Outcome == TaskRunOutcome.FailedToStart ? ErrorCategory.ResourceUnavailable : ErrorCategory.InvalidResult, result.TaskArn);
                record.ErrorDetails = new ErrorDetails(message) { RecommendedAction = result.FailureAdvice() };
                WriteError(record);
            }
        }

        // The logs explain a run; they never decide it: whatever goes wrong reading them is a warning.
        private List<string> ReadLogLines(Task task, TaskDefinition definition)
        {
            try
            {
                definition = definition?.ContainerDefinitions != null ? definition
                    : task.TaskDefinitionArn != null ? EcsFor(task.TaskDefinitionArn).FindTaskDefinition(task.TaskDefinitionArn, false, CancellationToken) : null;
                if (definition == null) return new List<string>();
                var reader = new TaskLogReader(region => ClientIn(region, (o, l) => new CloudWatchLogsClient(o, l)), this);
                var lines = TaskLogTail.LastLines(reader, task, definition, LogLines, CancellationToken, out var plan);
                foreach (var why in plan.Unreadable) WriteVerbose(why);
                return lines;
            }
            catch (System.Exception ex) when (ex is AwsServiceException || ex is AwsTransportException || ex is AwsConfigurationException || ex is AwsOutcomeUnknownException)
            {
                WriteWarning($"The log lines of task {task.TaskId} could not be read: {ex.Message}");
                return new List<string>();
            }
        }
    }

    /// <summary>A task that ran to its end without success; Result has its exit codes and reasons.</summary>
    public sealed class TaskRunException : System.Exception
    {
        public TaskRunException(TaskRunResult result, string message) : base(message) => Result = result;

        public TaskRunResult Result { get; }
    }
}
