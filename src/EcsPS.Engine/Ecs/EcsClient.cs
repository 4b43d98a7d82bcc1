using System;
using System.Collections.Generic;
using System.Linq;
using System.Threading;
using EcsPS.Engine.Ecs.Model;
using EcsPS.Engine.Paging;
using EcsPS.Engine.Paging.Model;
using EcsPS.Engine.Runtime;

namespace EcsPS.Engine.Ecs
{
    /// <summary>
    /// Amazon ECS operations. Each method is one request/response model pair plus one call through
    /// the shared channel; list and describe methods page and batch within the API's limits.
    /// </summary>
    public sealed class EcsClient
    {
        public const int DescribeClustersBatchSize = 100;
        public const int ListPageSize = 100;

        private readonly ServiceChannel _channel;

        public EcsClient(AwsConnectionOptions options, IEngineLog log)
        {
            _channel = new ServiceChannel(ServiceDescriptor.Ecs, options, log);
        }

        public void EnsureConfigured() => _channel.EnsureConfigured();

        // ---- clusters ----------------------------------------------------------------------

        public Cluster CreateCluster(CreateClusterRequest request, CancellationToken ct)
            => _channel.Invoke<CreateClusterResponse>("CreateCluster", request, ct).Cluster;

        public Cluster UpdateCluster(UpdateClusterRequest request, CancellationToken ct)
            => _channel.Invoke<UpdateClusterResponse>("UpdateCluster", request, ct).Cluster;

        public Cluster DeleteCluster(string cluster, CancellationToken ct)
            => _channel.Invoke<DeleteClusterResponse>("DeleteCluster", new DeleteClusterRequest { Cluster = cluster }, ct).Cluster;

        public Cluster PutClusterCapacityProviders(PutClusterCapacityProvidersRequest request, CancellationToken ct)
            => _channel.Invoke<PutClusterCapacityProvidersResponse>("PutClusterCapacityProviders", request, ct).Cluster;

        /// <summary>Every cluster ARN in the account and region, a page at a time.</summary>
        public IEnumerable<IReadOnlyList<string>> ListClusterArns(CancellationToken ct)
            => Pager.Pages<string>(token =>
            {
                var page = _channel.Invoke<ListClustersResponse>("ListClusters",
                    new ListClustersRequest { NextToken = token, MaxResults = ListPageSize }, ct);
                return (page.ClusterArns ?? new List<string>(), page.NextToken);
            });

        /// <summary>Describes clusters by name or ARN, 100 to a request, yielding each batch's
        /// clusters and failures as it arrives.</summary>
        public IEnumerable<DescribeResult<Cluster>> DescribeClusters(IEnumerable<string> clusters, IEnumerable<string> include, CancellationToken ct)
        {
            var includeList = include?.Distinct(StringComparer.Ordinal).ToList();
            if (includeList != null && includeList.Count == 0) includeList = null;
            foreach (var batch in Pager.Chunk(clusters, DescribeClustersBatchSize))
            {
                var response = _channel.Invoke<DescribeClustersResponse>("DescribeClusters",
                    new DescribeClustersRequest { Clusters = batch, Include = includeList }, ct);
                var found = response.Clusters ?? new List<Cluster>();
                yield return new DescribeResult<Cluster>(found,
                    MatchFailures(batch, response.Failures, found, c => new[] { c.ClusterArn, c.ClusterName }));
            }
        }

        // ---- task definitions --------------------------------------------------------------

        public const int DeleteTaskDefinitionsBatchSize = 10;

        /// <summary>The region requests go to (for defaults such as the awslogs region).</summary>
        public string RegionName => _channel.RegionName;

        public TaskDefinition RegisterTaskDefinition(RegisterTaskDefinitionRequest request, CancellationToken ct)
        {
            var response = _channel.Invoke<RegisterTaskDefinitionResponse>("RegisterTaskDefinition", request, ct);
            var definition = response.TaskDefinition;
            if (definition != null) definition.Tags = response.Tags;
            return definition;
        }

        /// <summary>A family (latest ACTIVE revision), family:revision or ARN; null when it does not exist.</summary>
        public TaskDefinition DescribeTaskDefinition(string taskDefinition, bool includeTags, CancellationToken ct)
        {
            DescribeTaskDefinitionResponse response;
            try
            {
                response = _channel.Invoke<DescribeTaskDefinitionResponse>("DescribeTaskDefinition", new DescribeTaskDefinitionRequest
                {
                    TaskDefinition = taskDefinition,
                    Include = includeTags ? new List<string> { "TAGS" } : null,
                }, ct);
            }
            catch (AwsServiceException ex) when (IsMissingTaskDefinition(ex))
            {
                return null;
            }
            var definition = response.TaskDefinition;
            if (definition != null) definition.Tags = response.Tags;
            return definition;
        }

        // ECS reports an unknown task definition as a generic ClientException; only its message
        // tells "does not exist" apart from other client errors.
        private static bool IsMissingTaskDefinition(AwsServiceException ex)
            => (ex.ErrorCode == "ClientException" || ex.ErrorCode == "ResourceNotFoundException" || ex.ErrorCode == "InvalidParameterException")
               && ex.ServiceMessage != null
               && (ex.ServiceMessage.IndexOf("Unable to describe task definition", StringComparison.OrdinalIgnoreCase) >= 0
                   || ex.ServiceMessage.IndexOf("does not exist", StringComparison.OrdinalIgnoreCase) >= 0
                   || ex.ServiceMessage.IndexOf("not found", StringComparison.OrdinalIgnoreCase) >= 0);

        public IEnumerable<IReadOnlyList<string>> ListTaskDefinitionArns(string familyPrefix, string status, bool newestFirst, CancellationToken ct)
            => Pager.Pages<string>(token =>
            {
                var page = _channel.Invoke<ListTaskDefinitionsResponse>("ListTaskDefinitions", new ListTaskDefinitionsRequest
                {
                    FamilyPrefix = familyPrefix,
                    Status = status,
                    Sort = newestFirst ? "DESC" : "ASC",
                    NextToken = token,
                    MaxResults = ListPageSize,
                }, ct);
                return (page.TaskDefinitionArns ?? new List<string>(), page.NextToken);
            });

        public IEnumerable<IReadOnlyList<string>> ListTaskDefinitionFamilies(string familyPrefix, string status, CancellationToken ct)
            => Pager.Pages<string>(token =>
            {
                var page = _channel.Invoke<ListTaskDefinitionFamiliesResponse>("ListTaskDefinitionFamilies", new ListTaskDefinitionFamiliesRequest
                {
                    FamilyPrefix = familyPrefix,
                    Status = status,
                    NextToken = token,
                    MaxResults = ListPageSize,
                }, ct);
                return (page.Families ?? new List<string>(), page.NextToken);
            });

        public TaskDefinition DeregisterTaskDefinition(string taskDefinition, CancellationToken ct)
            => _channel.Invoke<DeregisterTaskDefinitionResponse>("DeregisterTaskDefinition",
                new DeregisterTaskDefinitionRequest { TaskDefinition = taskDefinition }, ct).TaskDefinition;

        /// <summary>Deletes INACTIVE revisions, 10 to a request, yielding each batch's results and failures.</summary>
        public IEnumerable<DescribeResult<TaskDefinition>> DeleteTaskDefinitions(IEnumerable<string> taskDefinitions, CancellationToken ct)
        {
            foreach (var batch in Pager.Chunk(taskDefinitions, DeleteTaskDefinitionsBatchSize))
            {
                var response = _channel.Invoke<DeleteTaskDefinitionsResponse>("DeleteTaskDefinitions",
                    new DeleteTaskDefinitionsRequest { TaskDefinitions = batch }, ct);
                var deleted = response.TaskDefinitions ?? new List<TaskDefinition>();
                yield return new DescribeResult<TaskDefinition>(deleted,
                    MatchFailures(batch, response.Failures, deleted, d => new[] { d.TaskDefinitionArn, d.FamilyRevision }));
            }
        }

        // ---- services ----------------------------------------------------------------------

        public const int DescribeServicesBatchSize = 10;
        public const int DescribeTasksBatchSize = 100;

        public Service CreateService(CreateServiceRequest request, CancellationToken ct)
            => _channel.Invoke<CreateServiceResponse>("CreateService", request, ct).Service;

        public Service UpdateService(UpdateServiceRequest request, CancellationToken ct)
            => _channel.Invoke<UpdateServiceResponse>("UpdateService", request, ct).Service;

        public Service DeleteService(string cluster, string service, bool force, CancellationToken ct)
            => _channel.Invoke<DeleteServiceResponse>("DeleteService",
                new DeleteServiceRequest { Cluster = cluster, Service = service, Force = force ? true : (bool?)null }, ct).Service;

        /// <summary>Every service ARN of a cluster, 100 to a page (the API's default is 10).</summary>
        public IEnumerable<IReadOnlyList<string>> ListServiceArns(string cluster, string launchType, string schedulingStrategy, CancellationToken ct)
            => Pager.Pages<string>(token =>
            {
                var page = _channel.Invoke<ListServicesResponse>("ListServices", new ListServicesRequest
                {
                    Cluster = cluster,
                    LaunchType = launchType,
                    SchedulingStrategy = schedulingStrategy,
                    NextToken = token,
                    MaxResults = ListPageSize,
                }, ct);
                return (page.ServiceArns ?? new List<string>(), page.NextToken);
            });

        /// <summary>Describes services of one cluster, 10 to a request, yielding each batch as it arrives.</summary>
        public IEnumerable<DescribeResult<Service>> DescribeServices(string cluster, IEnumerable<string> services, bool includeTags, CancellationToken ct)
        {
            foreach (var batch in Pager.Chunk(services, DescribeServicesBatchSize))
            {
                var response = _channel.Invoke<DescribeServicesResponse>("DescribeServices", new DescribeServicesRequest
                {
                    Cluster = cluster,
                    Services = batch,
                    Include = includeTags ? new List<string> { "TAGS" } : null,
                }, ct);
                var found = response.Services ?? new List<Service>();
                yield return new DescribeResult<Service>(found,
                    MatchFailures(batch, response.Failures, found, svc => new[] { svc.ServiceArn, svc.ServiceName }));
            }
        }

        // ---- tasks -------------------------------------------------------------------------

        public IEnumerable<IReadOnlyList<string>> ListTaskArns(ListTasksRequest filter, CancellationToken ct)
            => Pager.Pages<string>(token =>
            {
                filter.NextToken = token;
                filter.MaxResults = ListPageSize;
                var page = _channel.Invoke<ListTasksResponse>("ListTasks", filter, ct);
                return (page.TaskArns ?? new List<string>(), page.NextToken);
            });

        public IEnumerable<DescribeResult<Task>> DescribeTasks(string cluster, IEnumerable<string> tasks, bool includeTags, CancellationToken ct)
        {
            foreach (var batch in Pager.Chunk(tasks, DescribeTasksBatchSize))
            {
                var response = _channel.Invoke<DescribeTasksResponse>("DescribeTasks", new DescribeTasksRequest
                {
                    Cluster = cluster,
                    Tasks = batch,
                    Include = includeTags ? new List<string> { "TAGS" } : null,
                }, ct);
                var found = response.Tasks ?? new List<Task>();
                yield return new DescribeResult<Task>(found,
                    MatchFailures(batch, response.Failures, found, t => new[] { t.TaskArn, Arns.NameOf(t.TaskArn) }));
            }
        }

        /// <summary>
        /// Ties each failure back to the name the caller asked for. A name or ARN that came back
        /// neither as a result nor as a failure is reported MISSING too: some implementations
        /// leave such names out silently.
        /// </summary>
        private static IReadOnlyList<FailureRef> MatchFailures<T>(IReadOnlyList<string> requested, List<Failure> failures,
            IReadOnlyList<T> found, Func<T, IEnumerable<string>> keys)
        {
            var result = new List<FailureRef>();
            var foundKeys = new HashSet<string>(found.SelectMany(keys).Where(k => k != null), StringComparer.Ordinal);
            var failed = new HashSet<string>(StringComparer.Ordinal);
            foreach (var f in failures ?? new List<Failure>())
            {
                var asked = requested.FirstOrDefault(r => r == f.Arn || Arns.NameOf(f.Arn) == Arns.NameOf(r)) ?? f.Arn;
                failed.Add(asked);
                result.Add(new FailureRef(asked, f.Arn, f.Reason, f.Detail));
            }
            foreach (var r in requested)
            {
                if (failed.Contains(r) || foundKeys.Contains(r) || foundKeys.Contains(Arns.NameOf(r))) continue;
                result.Add(new FailureRef(r, null, "MISSING", null));
            }
            return result;
        }
    }
}
