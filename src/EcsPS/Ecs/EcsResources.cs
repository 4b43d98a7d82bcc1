using System;
using System.Collections.Generic;
using System.Linq;
using EcsPS.Common;
using EcsPS.Engine.Ecs;
using EcsPS.Engine.Ecs.Model;
using EcsPS.Engine.Runtime;

namespace EcsPS.Ecs
{
    /// <summary>How the Get-* cmdlets list and describe each kind of ECS resource (see NameResolver).</summary>
    internal static class EcsResources
    {
        public static ResourceKind<Cluster> Clusters(EcsClient ecs, IEnumerable<string> include) => new ResourceKind<Cluster>
        {
            Noun = "cluster",
            BatchSize = EcsClient.DescribeClustersBatchSize,
            List = (scope, key, ct) => ecs.ListClusterArns(ct),
            Describe = (scope, names, ct) => ecs.DescribeClusters(names, include, ct),
            Key = c => c.ClusterArn ?? c.ClusterName,
        };

        /// <summary>Services of the cluster given as the scope (null: the cluster named 'default').</summary>
        public static ResourceKind<Service> Services(EcsClient ecs, bool includeTags, string launchType = null, string schedulingStrategy = null)
            => new ResourceKind<Service>
            {
                Noun = "service",
                DefaultScope = "default",
                ScopeNoun = "cluster",
                BatchSize = EcsClient.DescribeServicesBatchSize,
                List = (cluster, key, ct) => ecs.ListServiceArns(cluster, launchType, schedulingStrategy, ct),
                Describe = (cluster, names, ct) => ecs.DescribeServices(cluster, names, includeTags, ct),
                Key = s => s.ServiceArn ?? s.ServiceName,
                // ListServices filters what it lists; named services get the same filters here.
                Filter = s => (launchType == null || s.LaunchType == launchType)
                              && (schedulingStrategy == null || s.SchedulingStrategy == schedulingStrategy),
                FilterDescription = launchType == null && schedulingStrategy == null ? null : string.Join(" and ", new[]
                {
                    launchType == null ? null : "of launch type " + launchType,
                    schedulingStrategy == null ? null : "of scheduling strategy " + schedulingStrategy,
                }.Where(x => x != null)),
            };

        /// <summary>Task definitions by family (its latest ACTIVE revision), family:revision or ARN;
        /// "all" is the latest ACTIVE revision of every ACTIVE family.</summary>
        public static ResourceKind<TaskDefinition> TaskDefinitions(EcsClient ecs, bool includeTags) => new ResourceKind<TaskDefinition>
        {
            Noun = "task definition",
            List = (scope, key, ct) => ecs.ListTaskDefinitionFamilies(null, "ACTIVE", ct),
            Describe = (scope, names, ct) => names.Select(name => Found(name, ecs.FindTaskDefinition(name, includeTags, ct))),
            Key = d => d.TaskDefinitionArn ?? d.FamilyRevision,
        };

        /// <summary>
        /// Task definition families by name or wildcard: each family's latest revision of a status,
        /// or all its revisions oldest first. A wildcard lists only the families that start with
        /// its literal prefix.
        /// </summary>
        public static ResourceKind<TaskDefinition> Families(EcsClient ecs, string status, bool allRevisions, bool includeTags) => new ResourceKind<TaskDefinition>
        {
            Noun = "task definition family",
            ErrorNoun = "task definition",
            // The status is a filter: a family with revisions, none of them of this status, is
            // "nothing to return", not "not found" (say, no INACTIVE revisions left to delete).
            FilterDescription = $"with status {status}",
            ExistsUnfiltered = (scope, family, ct) => ecs.ListTaskDefinitionFamilies(family, "ALL", ct).SelectMany(p => p).Any(f => f == family),
            ListKey = pattern => pattern.Substring(0, pattern.IndexOfAny(new[] { '*', '?', '[' })),
            List = (scope, prefix, ct) => ecs.ListTaskDefinitionFamilies(string.IsNullOrEmpty(prefix) ? null : prefix,
                status == "ACTIVE" ? "ACTIVE" : "ALL", ct),
            Describe = (scope, families, ct) => families.Select(family =>
            {
                // familyPrefix is a prefix match ("web" also lists "web-api"), so keep exact family names only.
                var arns = ecs.ListTaskDefinitionArns(family, status, newestFirst: !allRevisions, ct)
                    .SelectMany(p => p).Where(arn => FamilyOf(arn) == family);
                var found = (allRevisions ? arns : arns.Take(1))
                    .Select(arn => ecs.FindTaskDefinition(arn, includeTags, ct)).Where(d => d != null).ToList();
                return new DescribeResult<TaskDefinition>(found,
                    found.Count > 0 ? new FailureRef[0] : new[] { new FailureRef(family, null, "MISSING", null) });
            }),
            Key = d => d.TaskDefinitionArn ?? d.FamilyRevision,
        };

        /// <summary>
        /// Tasks of the cluster given as the scope (null: the cluster named 'default'), listed with
        /// ListTasks's filters. Named tasks get the same filters on what DescribeTasks says of them
        /// (<paramref name="filterNamed"/>); listed ones were filtered by ECS already.
        /// </summary>
        public static ResourceKind<Task> Tasks(EcsClient ecs, Tasks.TaskFilter filter, bool includeTags, bool filterNamed) => new ResourceKind<Task>
        {
            Noun = "task",
            DefaultScope = "default",
            ScopeNoun = "cluster",
            BatchSize = EcsClient.DescribeTasksBatchSize,
            List = (cluster, key, ct) => ecs.ListTaskArns(filter.ListRequest(cluster), ct),
            Describe = (cluster, tasks, ct) => ecs.DescribeTasks(cluster, tasks, includeTags, ct),
            Key = t => t.TaskArn,
            Filter = filterNamed && !filter.IsEmpty ? filter.Matches : (Func<Task, bool>)null,
            FilterDescription = filterNamed ? filter.Description() : null,
        };

        /// <summary>Container instances of the cluster given as the scope (null: 'default'). Status and
        /// filter narrow the listing; named instances are held to the status too.</summary>
        public static ResourceKind<ContainerInstance> ContainerInstances(EcsClient ecs, string status, string filter, bool includeTags)
            => new ResourceKind<ContainerInstance>
            {
                Noun = "container instance",
                DefaultScope = "default",
                ScopeNoun = "cluster",
                BatchSize = EcsClient.DescribeContainerInstancesBatchSize,
                List = (cluster, key, ct) => ecs.ListContainerInstanceArns(cluster, status, filter, ct),
                Describe = (cluster, ids, ct) => ecs.DescribeContainerInstances(cluster, ids, includeTags, ct),
                Key = ci => ci.ContainerInstanceArn,
                Filter = status == null ? (Func<ContainerInstance, bool>)null : ci => ci.Status == status,
                FilterDescription = status == null ? null : "in status " + status,
            };

        /// <summary>
        /// Capacity providers by name or ARN; a wildcard or "all" reads every provider of the
        /// account (DescribeCapacityProviders without names, which pages). What a listing has read
        /// is kept, so that the providers it found are not described a second time.
        /// </summary>
        public static ResourceKind<CapacityProvider> CapacityProviders(EcsClient ecs, bool includeTags)
        {
            var listed = new Dictionary<string, CapacityProvider>(StringComparer.Ordinal);
            return new ResourceKind<CapacityProvider>
            {
                Noun = "capacity provider",
                BatchSize = EcsClient.DescribeCapacityProvidersBatchSize,
                List = (scope, key, ct) => ecs.ListCapacityProviders(includeTags, ct).Select(page =>
                {
                    foreach (var p in page) if (p.Name != null) listed[p.Name] = p;
                    return (IReadOnlyList<string>)page.Select(p => p.Name).Where(n => n != null).ToList();
                }),
                Describe = (scope, names, ct) => names.All(listed.ContainsKey)
                    ? new[] { new DescribeResult<CapacityProvider>(names.Select(n => listed[n]).ToList(), new FailureRef[0]) }
                    : ecs.DescribeCapacityProviders(names, includeTags, ct),
                Key = p => p.CapacityProviderArn ?? p.Name,
            };
        }

        private static DescribeResult<TaskDefinition> Found(string name, TaskDefinition definition)
            => definition != null
                ? new DescribeResult<TaskDefinition>(new[] { definition }, new FailureRef[0])
                : new DescribeResult<TaskDefinition>(new TaskDefinition[0], new[] { new FailureRef(name, null, "MISSING", null) });

        /// <summary>The family of a task definition ARN or family:revision.</summary>
        public static string FamilyOf(string taskDefinition)
        {
            var name = Arn.NameOf(taskDefinition);
            var colon = name.LastIndexOf(':');
            return colon > 0 ? name.Substring(0, colon) : name;
        }
    }
}
