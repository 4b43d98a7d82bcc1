using System.Collections.Generic;
using System.Linq;
using EcsPS.Engine.Ecs.Model;
using EcsPS.Engine.Runtime;

namespace EcsPS.Ecs.Tasks
{
    /// <summary>
    /// What Get-EcsTaskX selects tasks by: ListTasks's own filters when it lists a cluster, and the
    /// same tests on the described task when tasks are named, so that -Task with a filter means
    /// "these tasks, if they match" either way.
    /// </summary>
    internal sealed class TaskFilter
    {
        public string ServiceName { get; set; }
        public string Family { get; set; }
        public string DesiredStatus { get; set; }
        public string StartedBy { get; set; }
        public string ContainerInstance { get; set; }
        public string LaunchType { get; set; }

        public bool IsEmpty => ServiceName == null && Family == null && DesiredStatus == null && StartedBy == null
                               && ContainerInstance == null && LaunchType == null;

        /// <summary>
        /// The combinations ListTasks refuses, said before anything is sent; null when there is
        /// none. serviceName and family each pick a group of tasks, and a task belongs to one
        /// group only; startedBy, ECS documents, must be the only filter of its request. The
        /// desired status is not counted: ECS applies one to every listing (RUNNING when none is
        /// sent), so it evidently goes with startedBy, and "stopped tasks started by X" is the
        /// question a runbook asks after a failure.
        /// </summary>
        public string Conflict()
        {
            if (ServiceName != null && Family != null)
                return "-ServiceName and -Family cannot be used together: ListTasks selects tasks by service or by task definition family, not both. " +
                       "Use one of them and filter the rest, for example: Get-EcsTaskX -ServiceName web | Where-Object TaskDefinitionName -like 'web:*'.";
            if (StartedBy != null)
            {
                var others = new[]
                {
                    ServiceName != null ? "-ServiceName" : null,
                    Family != null ? "-Family" : null,
                    ContainerInstance != null ? "-ContainerInstance" : null,
                    LaunchType != null ? "-LaunchType" : null,
                }.Where(o => o != null).ToList();
                if (others.Count > 0)
                    return $"-StartedBy cannot be used together with {string.Join(", ", others)}: ListTasks takes startedBy only as its sole filter. " +
                           "Use -StartedBy alone (or with -DesiredStatus) and filter the rest, for example: Get-EcsTaskX -StartedBy deploy-42 | Where-Object LaunchType -eq FARGATE.";
            }
            return null;
        }

        /// <summary>The ListTasks request for a cluster (null: the cluster named 'default').</summary>
        public ListTasksRequest ListRequest(string cluster) => new ListTasksRequest
        {
            Cluster = cluster,
            ServiceName = ServiceName == null ? null : Arn.NameOf(ServiceName),
            Family = Family,
            DesiredStatus = DesiredStatus,
            StartedBy = StartedBy,
            ContainerInstance = ContainerInstance,
            LaunchType = LaunchType,
        };

        /// <summary>Whether a described task passes the filters, as ListTasks would have decided.</summary>
        public bool Matches(Task task)
            => (ServiceName == null || task.Group == "service:" + Arn.NameOf(ServiceName))
               && (Family == null || EcsResources.FamilyOf(task.TaskDefinitionArn ?? string.Empty) == Family)
               && (DesiredStatus == null || task.DesiredStatus == DesiredStatus)
               && (StartedBy == null || task.StartedBy == StartedBy)
               && (ContainerInstance == null || Arn.NameOf(task.ContainerInstanceArn ?? string.Empty) == Arn.NameOf(ContainerInstance))
               && (LaunchType == null || task.LaunchType == LaunchType);

        /// <summary>The filters in words, for the verbose line about a named task they leave out.</summary>
        public string Description()
        {
            var parts = new List<string>();
            if (ServiceName != null) parts.Add($"of service '{Arn.NameOf(ServiceName)}'");
            if (Family != null) parts.Add($"of task definition family '{Family}'");
            if (DesiredStatus != null) parts.Add($"with desired status {DesiredStatus}");
            if (StartedBy != null) parts.Add($"started by '{StartedBy}'");
            if (ContainerInstance != null) parts.Add($"on container instance '{Arn.NameOf(ContainerInstance)}'");
            if (LaunchType != null) parts.Add($"of launch type {LaunchType}");
            return parts.Count == 0 ? null : string.Join(" and ", parts);
        }

        public TaskFilter With(string serviceName, string containerInstance) => new TaskFilter
        {
            ServiceName = serviceName ?? ServiceName,
            Family = Family,
            DesiredStatus = DesiredStatus,
            StartedBy = StartedBy,
            ContainerInstance = containerInstance ?? ContainerInstance,
            LaunchType = LaunchType,
        };
    }
}
