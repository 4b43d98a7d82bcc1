using System;
using System.Collections.Generic;
using System.Linq;
using System.Text.Json.Serialization;
using EcsPS.Engine.Ecs.Deployments;
using EcsPS.Engine.Ecs.Model;
using EcsPS.Engine.Runtime;

namespace EcsPS.Engine.Ecs.Tasks
{
    /// <summary>How a task that ran to its end went.</summary>
    public enum TaskRunOutcome
    {
        /// <summary>Every essential container exited with 0.</summary>
        Succeeded,
        /// <summary>An essential container exited with another code.</summary>
        NonZeroExitCode,
        /// <summary>The task never started: TaskFailedToStart, or no essential container ever ran
        /// (an image that could not be pulled, a secret that could not be read).</summary>
        FailedToStart,
        /// <summary>The task ran but its essential container reported no exit code.</summary>
        NoExitCode,
    }

    /// <summary>One container of a finished task.</summary>
    public sealed class TaskRunContainer
    {
        public string Name { get; set; }
        public int? ExitCode { get; set; }
        public string Reason { get; set; }
        /// <summary>From the task definition (true when it does not say).</summary>
        public bool Essential { get; set; } = true;
        public string LastStatus { get; set; }

        public override string ToString()
            => Name + (ExitCode.HasValue ? $"={ExitCode}" : string.Empty) + (Reason != null ? $" ({Reason})" : string.Empty);
    }

    /// <summary>
    /// What a one-off task did, for runbooks and CI: its exit code (the essential container's),
    /// each container's exit code and reason, why and when it stopped. Invoke-EcsTaskX returns it.
    /// </summary>
    public sealed class TaskRunResult
    {
        public string TaskArn { get; set; }
        public string TaskId => Arn.NameOf(TaskArn);
        public string ClusterArn { get; set; }
        public string ClusterName => Arn.NameOf(ClusterArn);
        public string TaskDefinitionArn { get; set; }
        public string TaskDefinitionName => Arn.NameOf(TaskDefinitionArn);
        /// <summary>The essential container's exit code (the first non-zero one when several are
        /// essential, or when the task definition is not known); null when none exited.</summary>
        public int? ExitCode { get; set; }
        public List<TaskRunContainer> Containers { get; set; } = new List<TaskRunContainer>();
        public string StopCode { get; set; }
        public string StoppedReason { get; set; }
        public DateTime? StartedAt { get; set; }
        public DateTime? StoppedAt { get; set; }
        /// <summary>From StartedAt to StoppedAt; null for a task that never started.</summary>
        public TimeSpan? Duration => StartedAt.HasValue && StoppedAt.HasValue ? StoppedAt - StartedAt : null;
        public TaskRunOutcome Outcome { get; set; }
        public bool Succeeded => Outcome == TaskRunOutcome.Succeeded;
        public string Region => Arn.RegionOf(TaskArn);
        /// <summary>The last lines the task's awslogs containers wrote, oldest first (empty when
        /// none log with awslogs, or the lines were not asked for or could not be read).</summary>
        public List<string> LogLines { get; set; } = new List<string>();
        /// <summary>How many of the last log lines a failure message ends with.</summary>
        public const int LogLinesInFailure = 5;
        /// <summary>The task as last described.</summary>
        [JsonIgnore]
        public Task Task { get; set; }

        public override string ToString() => TaskArn;

        /// <summary>
        /// The result of a STOPPED task. <paramref name="definition"/> says which containers are
        /// essential; without it every container counts as essential.
        /// </summary>
        public static TaskRunResult From(Task task, TaskDefinition definition)
        {
            var essential = new HashSet<string>(StringComparer.Ordinal);
            var known = definition?.ContainerDefinitions != null;
            foreach (var c in definition?.ContainerDefinitions ?? new List<ContainerDefinition>())
                if (c.Essential != false && c.Name != null) essential.Add(c.Name);
            var containers = (task.Containers ?? new List<Container>()).Select(c => new TaskRunContainer
            {
                Name = c.Name,
                ExitCode = c.ExitCode,
                Reason = c.Reason,
                Essential = !known || essential.Contains(c.Name),
                LastStatus = c.LastStatus,
            }).ToList();
            var main = containers.Where(c => c.Essential).ToList();
            if (main.Count == 0) main = containers;
            var exitCode = main.FirstOrDefault(c => c.ExitCode.HasValue && c.ExitCode != 0)?.ExitCode
                           ?? main.FirstOrDefault(c => c.ExitCode.HasValue)?.ExitCode;

            TaskRunOutcome outcome;
            if (task.StopCode == "TaskFailedToStart" || (task.StartedAt == null && main.All(c => !c.ExitCode.HasValue)))
                outcome = TaskRunOutcome.FailedToStart;
            else if (main.Any(c => c.ExitCode.HasValue && c.ExitCode != 0))
                outcome = TaskRunOutcome.NonZeroExitCode;
            else if (main.Count == 0 || main.Any(c => !c.ExitCode.HasValue))
                outcome = TaskRunOutcome.NoExitCode;
            else
                outcome = TaskRunOutcome.Succeeded;

            return new TaskRunResult
            {
                TaskArn = task.TaskArn,
                ClusterArn = task.ClusterArn,
                TaskDefinitionArn = task.TaskDefinitionArn,
                ExitCode = exitCode,
                Containers = containers,
                StopCode = task.StopCode,
                StoppedReason = task.StoppedReason,
                StartedAt = task.StartedAt,
                StoppedAt = task.StoppedAt,
                Outcome = outcome,
                Task = task,
            };
        }

        /// <summary>Why the run failed, in a sentence or two, and the last few log lines, so that
        /// a CI log shows why; null when it succeeded.</summary>
        public string FailureMessage()
        {
            var reason = FailureReason();
            if (reason == null || LogLines == null || LogLines.Count == 0) return reason;
            var last = LogLines.Skip(Math.Max(0, LogLines.Count - LogLinesInFailure)).ToList();
            return reason + Environment.NewLine + $"Last {(last.Count == 1 ? "log line" : last.Count + " log lines")}:" + Environment.NewLine
                   + string.Join(Environment.NewLine, last.Select(l => "  " + l));
        }

        private string FailureReason()
        {
            var what = $"The task {TaskId}" + (TaskDefinitionName != null ? $" ({TaskDefinitionName})" : string.Empty) + $" in cluster '{ClusterName ?? "default"}'";
            var stop = TaskWaiter.StopText(TaskWaiter.StopOf(Task ?? new Task { StopCode = StopCode, StoppedReason = StoppedReason }));
            switch (Outcome)
            {
                case TaskRunOutcome.FailedToStart:
                    return $"{what} never started: {stop}";
                case TaskRunOutcome.NonZeroExitCode:
                    var failed = Containers.Where(c => c.Essential && c.ExitCode.HasValue && c.ExitCode != 0)
                        .Select(c => $"{c.Name} exited with {c.ExitCode}" + (c.Reason != null ? $" ({c.Reason})" : string.Empty));
                    return $"{what} failed with exit code {ExitCode}: {string.Join("; ", failed)}." +
                           (StoppedReason != null ? $" Stopped: {StoppedReason.TrimEnd('.')}." : string.Empty);
                case TaskRunOutcome.NoExitCode:
                    return $"{what} stopped without an exit code from its essential container: {stop}";
                default:
                    return null;
            }
        }

        /// <summary>What to look at next for a failed run; null when it succeeded.</summary>
        public string FailureAdvice()
        {
            var reasons = string.Join(" ", new[] { StoppedReason }.Concat(Containers.Select(c => c.Reason)).Where(r => r != null));
            if (Outcome == TaskRunOutcome.Succeeded) return null;
            if (reasons.IndexOf("CannotPullContainerError", StringComparison.OrdinalIgnoreCase) >= 0)
                return "Check the image name and tag, the task execution role's permission to pull it (ecr:GetAuthorizationToken, ecr:BatchGetImage), and the subnets' route to the registry (a NAT gateway, a public IP with -AssignPublicIp, or VPC endpoints for ECR and S3).";
            if (reasons.IndexOf("ResourceInitializationError", StringComparison.OrdinalIgnoreCase) >= 0)
                return "The task could not fetch its secrets, logs or registry credentials: check the task execution role and the subnets' route to Secrets Manager, SSM, CloudWatch Logs and ECR.";
            if (Outcome == TaskRunOutcome.NonZeroExitCode)
                return ExitCode == 137
                    ? "Exit code 137 means the container was killed (out of memory, or stopped): check its memory limit (-Memory) and its logs."
                    : "Read the container's logs (the awslogs group of its task definition) for why it failed.";
            return "Read the stopped reason and the containers' reasons above.";
        }
    }
}
