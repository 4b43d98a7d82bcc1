using System;
using EcsPS.Engine.Ecs.Model;
using EcsPS.Engine.Runtime;
using Runtime = EcsPS.Engine.Runtime;

namespace EcsPS.Engine.Ecs.Tasks
{
    /// <summary>What kind of shortfall a RunTask/StartTask failure is.</summary>
    public enum TaskRunFailureKind
    {
        /// <summary>No container instance (or capacity provider) had room: RESOURCE:*, capacity unavailable.</summary>
        Capacity,
        /// <summary>The ECS agent of the instance is not connected (AGENT).</summary>
        Agent,
        /// <summary>No instance has an attribute the task needs (ATTRIBUTE).</summary>
        Attribute,
        /// <summary>A container instance named for StartTask does not exist (MISSING).</summary>
        Missing,
        Other,
    }

    /// <summary>One entry of a RunTask or StartTask answer's failures[], explained.</summary>
    public sealed class TaskRunFailure
    {
        public TaskRunFailureKind Kind { get; set; }
        /// <summary>The service's reason code (RESOURCE:MEMORY, AGENT, ...).</summary>
        public string Reason { get; set; }
        public string Detail { get; set; }
        /// <summary>The container instance (or other resource) the failure names, if any.</summary>
        public string Arn { get; set; }
        /// <summary>What was short, in a sentence.</summary>
        public string Message { get; set; }
        /// <summary>What to do about it.</summary>
        public string Advice { get; set; }

        /// <summary>
        /// Explains a failure of starting <paramref name="taskDefinition"/> in <paramref name="cluster"/>.
        /// The reasons are those the ECS API reference lists for RunTask and StartTask failures.
        /// </summary>
        public static TaskRunFailure Explain(Failure failure, string cluster, string taskDefinition)
        {
            var reason = failure?.Reason ?? "(no reason given)";
            var where = $"cluster '{Runtime.Arn.NameOf(cluster) ?? "default"}'";
            var what = $"a task of {Runtime.Arn.NameOf(taskDefinition)}";
            var instance = failure?.Arn != null && failure.Arn.IndexOf(":container-instance/", StringComparison.Ordinal) > 0
                ? $" on container instance {Runtime.Arn.NameOf(failure.Arn)}" : string.Empty;
            var detail = string.IsNullOrEmpty(failure?.Detail) ? string.Empty : $" ({failure.Detail})";
            var result = new TaskRunFailure { Reason = reason, Detail = failure?.Detail, Arn = failure?.Arn };
            if (reason.StartsWith("RESOURCE:", StringComparison.OrdinalIgnoreCase))
            {
                var resource = reason.Substring("RESOURCE:".Length).ToUpperInvariant();
                var words = resource switch
                {
                    "CPU" => "CPU",
                    "MEMORY" => "memory",
                    "PORTS" => "free host ports (another task holds the port the task definition maps)",
                    "PORTS_TCP" => "free TCP host ports",
                    "PORTS_UDP" => "free UDP host ports",
                    "ENI" => "elastic network interfaces for awsvpc tasks",
                    "GPU" => "GPUs",
                    _ => resource.ToLowerInvariant(),
                };
                result.Kind = TaskRunFailureKind.Capacity;
                result.Message = $"ECS could not place {what} in {where}{instance}: no container instance has enough {words} left ({reason}){detail}.";
                result.Advice = resource == "ENI"
                    ? "Add container instances or use a larger instance type (or turn on awsvpcTrunking), stop tasks you no longer need, or run on Fargate."
                    : resource.StartsWith("PORTS", StringComparison.Ordinal)
                        ? "Use dynamic host ports (hostPort 0) or awsvpc networking in the task definition, stop the task holding the port, or add container instances."
                        : "Add capacity (scale the cluster's Auto Scaling group or capacity provider out), stop tasks you no longer need, or ask for less with -Cpu/-Memory.";
            }
            else if (reason.Equals("AGENT", StringComparison.OrdinalIgnoreCase))
            {
                result.Kind = TaskRunFailureKind.Agent;
                result.Message = $"ECS could not start {what} in {where}{instance}: the container instance's ECS agent is not connected (AGENT){detail}.";
                result.Advice = "Check the ECS agent on the instance (systemctl status ecs; /var/log/ecs/ecs-agent.log) or start the task on another instance.";
            }
            else if (reason.Equals("ATTRIBUTE", StringComparison.OrdinalIgnoreCase))
            {
                result.Kind = TaskRunFailureKind.Attribute;
                result.Message = $"ECS could not place {what} in {where}{instance}: no container instance has an attribute the task needs (ATTRIBUTE){detail}.";
                result.Advice = "Compare the task definition's requiresAttributes and your placement constraints with the instances' attributes; update the ECS agent or the AMI if the instances are too old for the task definition.";
            }
            else if (reason.Equals("MISSING", StringComparison.OrdinalIgnoreCase))
            {
                result.Kind = TaskRunFailureKind.Missing;
                result.Message = $"The container instance '{Runtime.Arn.NameOf(failure?.Arn) ?? failure?.Arn}' was not found in {where}{detail}.";
                result.Advice = "Check the container instance id or ARN and the cluster (Get-EcsContainerInstanceX -Cluster <cluster>).";
            }
            else if (reason.IndexOf("Capacity is unavailable", StringComparison.OrdinalIgnoreCase) >= 0
                     || reason.IndexOf("capacity", StringComparison.OrdinalIgnoreCase) >= 0 && reason.IndexOf("unavailable", StringComparison.OrdinalIgnoreCase) >= 0)
            {
                result.Kind = TaskRunFailureKind.Capacity;
                result.Message = $"ECS could not start {what} in {where}: {reason.TrimEnd('.')}{detail}.";
                result.Advice = "Try again later, give subnets in more Availability Zones, or use another capacity provider (FARGATE instead of FARGATE_SPOT).";
            }
            else
            {
                result.Kind = TaskRunFailureKind.Other;
                result.Message = $"ECS could not start {what} in {where}{instance}: {reason}{detail}.";
                result.Advice = "Read the reason above; the ECS API reference lists what each RunTask failure means.";
            }
            return result;
        }
    }
}
