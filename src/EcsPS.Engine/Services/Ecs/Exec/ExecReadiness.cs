using System;
using System.Collections.Generic;
using System.Linq;
using EcsPS.Engine.Ecs.Model;

namespace EcsPS.Engine.Ecs.Exec
{
    /// <summary>Why ECS Exec cannot reach a container now (each has its own ErrorId).</summary>
    public enum ExecProblem
    {
        None,
        /// <summary>The task is not RUNNING (still starting, or stopping or stopped).</summary>
        TaskNotRunning,
        /// <summary>The task was started without enableExecuteCommand; only a new task can have it.</summary>
        ExecuteCommandNotEnabled,
        /// <summary>The task has several containers and none was named.</summary>
        ContainerNameRequired,
        /// <summary>No container of that name in the task.</summary>
        ContainerNotFound,
        /// <summary>The container itself is not RUNNING (a non-essential container that exited).</summary>
        ContainerNotRunning,
        /// <summary>The container's ExecuteCommandAgent is not RUNNING (or not reported at all).</summary>
        ExecuteCommandAgentNotRunning,
    }

    /// <summary>The outcome of <see cref="ExecReadiness.Check"/>: the container to open, or the problem.</summary>
    public sealed class ExecCheck
    {
        internal ExecCheck(Container container) { Container = container; Problem = ExecProblem.None; }

        internal ExecCheck(ExecProblem problem, string message, string advice)
        {
            Problem = problem;
            Message = message;
            Advice = advice;
        }

        public ExecProblem Problem { get; }
        public bool Ready => Problem == ExecProblem.None;
        /// <summary>The container the session will open in (when ready).</summary>
        public Container Container { get; }
        public string Message { get; }
        /// <summary>What to do about it; names only cmdlets that exist.</summary>
        public string Advice { get; }
    }

    /// <summary>
    /// What DescribeTasks shows about whether ExecuteCommand can work, checked before asking for a
    /// session, so that the user learns which precondition failed instead of ECS's generic
    /// InvalidParameterException or TargetNotConnectedException.
    /// </summary>
    public static class ExecReadiness
    {
        public const string AgentName = "ExecuteCommandAgent";

        public static ExecCheck Check(Task task, string container)
        {
            if (task == null) throw new ArgumentNullException(nameof(task));
            var id = task.TaskId;
            if (task.LastStatus != "RUNNING")
            {
                var stopped = string.IsNullOrEmpty(task.StoppedReason) ? string.Empty : $" Stopped reason: {task.StoppedReason.TrimEnd('.')}.";
                var desired = task.DesiredStatus != null && task.DesiredStatus != task.LastStatus ? $" (desired {task.DesiredStatus})" : string.Empty;
                var advice = task.DesiredStatus == "RUNNING"
                    ? "Wait until the task is RUNNING, then run the command again."
                    : "Pick a task that is RUNNING: Get-EcsTaskX -Cluster <cluster> lists them (-ServiceName for a service's tasks).";
                return new ExecCheck(ExecProblem.TaskNotRunning,
                    $"The task {id} is {task.LastStatus ?? "in an unknown state"}{desired}: ECS Exec needs a RUNNING task.{stopped}", advice);
            }
            if (task.EnableExecuteCommand != true)
            {
                var service = task.Group != null && task.Group.StartsWith("service:", StringComparison.Ordinal) ? task.Group.Substring("service:".Length) : null;
                var advice = service != null
                    ? $"Turn it on for the service and roll its tasks: Update-EcsServiceX -Cluster {task.ClusterName} -ServiceName {service} -EnableExecuteCommand $true -ForceNewDeployment, then use one of the new tasks."
                    : "Start a new task with ECS Exec turned on (Start-EcsTaskX ... -EnableExecuteCommand) and use that one.";
                return new ExecCheck(ExecProblem.ExecuteCommandNotEnabled,
                    $"The task {id} was started without ECS Exec (enableExecuteCommand is off), and it cannot be turned on for a running task.", advice);
            }
            var containers = task.Containers ?? new List<Container>();
            var names = string.Join(", ", containers.Select(c => c.Name));
            Container chosen;
            if (string.IsNullOrEmpty(container))
            {
                if (containers.Count != 1)
                    return new ExecCheck(ExecProblem.ContainerNameRequired,
                        $"The task {id} has {containers.Count} containers ({names}): say which one with -Container.",
                        $"Run it again with -Container and one of: {names}.");
                chosen = containers[0];
            }
            else
            {
                chosen = containers.FirstOrDefault(c => string.Equals(c.Name, container, StringComparison.Ordinal));
                if (chosen == null)
                    return new ExecCheck(ExecProblem.ContainerNotFound,
                        $"The task {id} has no container named '{container}'. Its containers: {names}.",
                        $"Use one of: {names} (names are case-sensitive).");
            }
            if (chosen.LastStatus != "RUNNING")
            {
                var exit = chosen.ExitCode.HasValue ? $", exit code {chosen.ExitCode}" : string.Empty;
                var reason = string.IsNullOrEmpty(chosen.Reason) ? string.Empty : $": {chosen.Reason.TrimEnd('.')}";
                return new ExecCheck(ExecProblem.ContainerNotRunning,
                    $"The container '{chosen.Name}' of task {id} is {chosen.LastStatus ?? "in an unknown state"}{exit}{reason}. ECS Exec needs a running container.",
                    containers.Count > 1 ? $"Pick a running container of the task with -Container ({names})." : "Pick another task.");
            }
            var agent = chosen.ManagedAgents?.FirstOrDefault(a => a.Name == AgentName);
            if (agent == null || agent.LastStatus != "RUNNING")
            {
                var status = agent == null ? "not reported" : agent.LastStatus ?? "of unknown status";
                var reason = string.IsNullOrEmpty(agent?.Reason) ? string.Empty : $" (reason: {agent.Reason.TrimEnd('.')})";
                return new ExecCheck(ExecProblem.ExecuteCommandAgentNotRunning,
                    $"The ECS Exec agent ({AgentName}) of container '{chosen.Name}' in task {id} is {status}{reason}, so no session can reach it.",
                    agent != null && agent.LastStatus == "PENDING"
                        ? "The agent is still starting: wait a few seconds and run the command again."
                        : "Check that the task role allows ssmmessages:CreateControlChannel, CreateDataChannel, OpenControlChannel and OpenDataChannel, and that the task can reach the ssmmessages endpoint (a VPC endpoint or a route out); then start a new task.");
            }
            if (string.IsNullOrEmpty(chosen.RuntimeId))
                return new ExecCheck(ExecProblem.ContainerNotRunning,
                    $"ECS reports no runtime id for container '{chosen.Name}' of task {id}, which the session needs to find it.",
                    "Wait a few seconds and run the command again.");
            return new ExecCheck(chosen);
        }
    }
}
