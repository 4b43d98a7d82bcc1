using System;
using System.Collections.Generic;
using EcsPS.Engine.Runtime;

namespace EcsPS.Ecs
{
    /// <summary>The next step for ECS errors that have an obvious one. Only cmdlets that exist
    /// may be named here (a test reads every cmdlet name in the assembly's messages).</summary>
    internal static class EcsErrorAdvice
    {
        internal static readonly IReadOnlyDictionary<string, string> ByCode = new Dictionary<string, string>(StringComparer.Ordinal)
        {
            ["ClusterNotFoundException"] = "Check the cluster name with Get-EcsClusterX, or pass -Region for the region the cluster is in.",
            ["ClusterContainsServicesException"] = "Delete the cluster's services first (Get-EcsServiceX -Cluster <name> | Remove-EcsServiceX -Force).",
            ["ClusterContainsTasksException"] = "Stop the cluster's tasks first: scale its services to zero (Get-EcsServiceX -Cluster <name> | Update-EcsServiceX -DesiredCount 0), and stop stand-alone tasks (Get-EcsTaskX -Cluster <name> | Stop-EcsTaskX).",
            ["ClusterContainsContainerInstancesException"] = "Deregister the cluster's container instances first.",
        };

        // ---- ECS Exec (Invoke-EcsCommandX) ----
        internal const string ExecTargetNotConnected =
            "The container's ECS Exec agent could not be reached. Check that the task role (not the execution role) allows " +
            "ssmmessages:CreateControlChannel, CreateDataChannel, OpenControlChannel and OpenDataChannel, that the task can reach " +
            "the region's ssmmessages endpoint (a VPC endpoint, a NAT gateway or a public IP), and that the container has a shell " +
            "and is not read-only where the agent needs to write; then start a new task. The amazon-ecs-exec-checker script checks all of this.";

        internal const string ExecAccessDenied =
            "The identity in use needs ecs:ExecuteCommand on the task and cluster (a policy condition on ecs:container or the cluster " +
            "must match too); if the message names ssmmessages or kms, it is the task role that needs those permissions.";

        internal const string ExecInvalidParameter =
            "Check that the task was started with ECS Exec on (Update-EcsServiceX -EnableExecuteCommand $true -ForceNewDeployment for a " +
            "service's tasks), that it is RUNNING, and that -Container names one of its containers.";

        private static string ForExecuteCommand(AwsServiceException ex)
        {
            switch (ex.ErrorCode)
            {
                case "TargetNotConnectedException":
                    return ExecTargetNotConnected;
                case "AccessDeniedException":
                    return ExecAccessDenied;
                case "InvalidParameterException":
                case "ClientException":
                    return ExecInvalidParameter;
                default:
                    return null;
            }
        }

        internal const string ScaleToZero = "Scale the service to zero first (Update-EcsServiceX -DesiredCount 0), or delete it with Remove-EcsServiceX -Force.";

        /// <summary>How to check a change whose answer was lost.</summary>
        public static string ForOutcomeUnknown(AwsOutcomeUnknownException ex)
        {
            if (ex.ServiceId == "ECS" && ex.Operation == "RegisterTaskDefinition")
                return $"Run Get-EcsTaskDefinitionX {ex.Resource} to see the family's newest revision; register again only if it is not the one you meant.";
            if (ex.ServiceId == "ECS" && ex.Operation == "CreateCapacityProvider")
                return $"Run Get-EcsCapacityProviderX {ex.Resource} to see the provider of that name and its Auto Scaling group; choose another name if it is not the one you meant.";
            if (ex.ServiceId == "ECS" && ex.Operation == "StartTask")
                return "List the tasks on those container instances (Get-EcsTaskX -Cluster <cluster> -ContainerInstance <id>) and start again only where none is running.";
            return null;
        }

        public static string For(AwsServiceException ex)
        {
            if (ex.ServiceId != "ECS") return null;
            if (ex.Operation == "ExecuteCommand" && ForExecuteCommand(ex) is string exec) return exec;
            if (ByCode.TryGetValue(ex.ErrorCode ?? string.Empty, out var advice)) return advice;
            // Add-EcsTagX checks the 50-tag limit first; ECS can still say it when another writer got there between.
            if (ex.ErrorCode == "LimitExceededException" && ex.Operation == "TagResource")
                return "A resource takes at most 50 tags: remove the ones it no longer needs with Remove-EcsTagX (Get-EcsTagX lists them), then add these.";
            if (ex.ServiceMessage != null && ex.ServiceMessage.IndexOf("scaled above 0", StringComparison.OrdinalIgnoreCase) >= 0)
                return ScaleToZero;
            return CapacityAdvice(ex);
        }

        // ---- container instances and capacity providers -------------------------------------

        private static string CapacityAdvice(AwsServiceException ex)
        {
            var message = ex.ServiceMessage ?? string.Empty;
            bool Says(string words) => message.IndexOf(words, StringComparison.OrdinalIgnoreCase) >= 0;
            switch (ex.Operation)
            {
                case "CreateCapacityProvider" when Says("already exist"):
                    return "A capacity provider of that name exists: Get-EcsCapacityProviderX <name> shows it, and Update-EcsCapacityProviderX changes its settings.";
                case "DeleteCapacityProvider" when ex.ErrorCode == "ResourceInUseException" || Says("in use") || Says("associated"):
                    return "Take it off the clusters that use it first: Set-EcsClusterCapacityProviderX -Cluster <cluster> -CapacityProvider <the providers to keep>.";
                case "DeregisterContainerInstance" when Says("running tasks"):
                    return "Drain the instance first (Set-EcsContainerInstanceStateX -Status DRAINING -Wait), or pass -Force to deregister it with its tasks left running, orphaned.";
                case "UpdateContainerInstancesState":
                case "DescribeContainerInstances":
                case "ListContainerInstances":
                    return Says("filter") ? "Check the -Filter expression: it is the cluster query language, such as \"attribute:ecs.instance-type == t3.large\" or \"ec2InstanceId == i-0123456789abcdef0\"." : null;
                default:
                    return null;
            }
        }
    }
}
