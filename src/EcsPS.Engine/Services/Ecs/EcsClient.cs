using System;
using System.Collections.Generic;
using System.Linq;
using System.Threading;
using EcsPS.Engine.Ecs.Model;
using EcsPS.Engine.Runtime;

namespace EcsPS.Engine.Ecs
{
    /// <summary>
    /// What ECS needs beyond one request per call (the generated methods in EcsClient.g.cs):
    /// lists that page, describes that batch within the API's limits, and the answers of a
    /// describe tied back to the names that were asked for.
    /// </summary>
    public sealed partial class EcsClient
    {
        public const int DescribeClustersBatchSize = 100;
        public const int DescribeServicesBatchSize = 10;
        public const int DescribeTasksBatchSize = 100;
        public const int DeleteTaskDefinitionsBatchSize = 10;
        public const int ListPageSize = 100;

        // ---- clusters ----------------------------------------------------------------------

        /// <summary>Every cluster ARN in the account and region, a page at a time.</summary>
        public IEnumerable<IReadOnlyList<string>> ListClusterArns(CancellationToken ct)
            => Pager.Pages<string>(token =>
            {
                var page = ListClusters(new ListClustersRequest { NextToken = token, MaxResults = ListPageSize }, ct);
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
                var response = DescribeClusters(new DescribeClustersRequest { Clusters = batch, Include = includeList }, ct);
                var found = response.Clusters ?? new List<Cluster>();
                yield return new DescribeResult<Cluster>(found,
                    MatchFailures(batch, response.Failures, found, c => new[] { c.ClusterArn, c.ClusterName }));
            }
        }

        // ---- task definitions --------------------------------------------------------------

        /// <summary>
        /// Registers a revision and returns it with its tags, which the service answers beside it.
        ///
        /// RegisterTaskDefinition makes a new revision with every call and has no client token,
        /// so the transport never sends it twice once it may have reached ECS (it is generated
        /// <see cref="ResendSafety.AtMostOnce"/>). When the answer is lost, this finds out whether
        /// the registration took effect: if the family's newest revision is what was sent, that is
        /// the result; otherwise the outcome is reported as unknown, with what was found.
        /// </summary>
        public TaskDefinition RegisterTaskDefinitionRevision(RegisterTaskDefinitionRequest request, CancellationToken ct)
        {
            RegisterTaskDefinitionResponse response;
            try
            {
                response = RegisterTaskDefinition(request, ct);
            }
            catch (AwsTransportException lost) when (lost.OutcomeUnknown)
            {
                return SettleLostRegistration(request, lost, ct);
            }
            var definition = response.TaskDefinition;
            if (definition != null) definition.Tags = response.Tags;
            return definition;
        }

        private TaskDefinition SettleLostRegistration(RegisterTaskDefinitionRequest request, AwsTransportException lost, CancellationToken ct)
        {
            var family = request.Family;
            Log.Verbose($"ECS RegisterTaskDefinition: the answer was lost and the request was not sent again; reading family '{family}' to see whether it took effect.");
            TaskDefinition newest;
            try
            {
                newest = FindTaskDefinition(family, includeTags: request.Tags != null && request.Tags.Count > 0, ct);
            }
            catch (Exception ex) when (ex is AwsTransportException || ex is AwsServiceException)
            {
                throw new AwsOutcomeUnknownException(Service.ServiceId, lost.Operation, family,
                    $"{lost.Message} Reading family '{family}' to find out whether it took effect failed as well: {ex.Message}", lost);
            }
            string difference = null;
            if (newest != null && TaskDefinitions.RegistrationMatch.Matches(request, newest, newest.Tags, out difference))
            {
                var when = newest.RegisteredAt.HasValue ? ", registered " + newest.RegisteredAt.Value.ToUniversalTime().ToString("u", System.Globalization.CultureInfo.InvariantCulture) : string.Empty;
                Log.Verbose($"ECS RegisterTaskDefinition: the newest revision of '{family}', {newest.FamilyRevision}{when}, is what was sent; using it.");
                return newest;
            }
            var found = newest == null
                ? $"family '{family}' has no active revision"
                : $"the family's newest revision, {newest.FamilyRevision}, is not what was sent ({difference})";
            throw new AwsOutcomeUnknownException(Service.ServiceId, lost.Operation, family,
                $"{lost.Message} Whether a new revision of '{family}' was registered is unknown: {found}. " +
                "Look at the family's newest revisions before registering again, or a second revision may result.", lost);
        }

        /// <summary>A family (latest ACTIVE revision), family:revision or ARN, with its tags when asked;
        /// null when it does not exist.</summary>
        public TaskDefinition FindTaskDefinition(string taskDefinition, bool includeTags, CancellationToken ct)
        {
            DescribeTaskDefinitionResponse response;
            try
            {
                response = DescribeTaskDefinition(new DescribeTaskDefinitionRequest
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
               && SaysMissing(ex.ServiceMessage);

        private static bool SaysMissing(string message)
            => message != null
               && (message.IndexOf("Unable to describe task definition", StringComparison.OrdinalIgnoreCase) >= 0
                   || message.IndexOf("does not exist", StringComparison.OrdinalIgnoreCase) >= 0
                   || message.IndexOf("not found", StringComparison.OrdinalIgnoreCase) >= 0);

        /// <summary>Deregisters a revision (it becomes INACTIVE); null when there is no such revision,
        /// which ECS reports only as a ClientException with a message to that effect.</summary>
        public TaskDefinition DeregisterTaskDefinitionRevision(string taskDefinition, CancellationToken ct)
        {
            try
            {
                return DeregisterTaskDefinition(new DeregisterTaskDefinitionRequest { TaskDefinition = taskDefinition }, ct).TaskDefinition;
            }
            catch (AwsServiceException ex) when (IsMissingTaskDefinition(ex))
            {
                return null;
            }
        }

        public IEnumerable<IReadOnlyList<string>> ListTaskDefinitionArns(string familyPrefix, string status, bool newestFirst, CancellationToken ct)
            => Pager.Pages<string>(token =>
            {
                var page = ListTaskDefinitions(new ListTaskDefinitionsRequest
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
                var page = ListTaskDefinitionFamilies(new ListTaskDefinitionFamiliesRequest
                {
                    FamilyPrefix = familyPrefix,
                    Status = status,
                    NextToken = token,
                    MaxResults = ListPageSize,
                }, ct);
                return (page.Families ?? new List<string>(), page.NextToken);
            });

        /// <summary>Deletes INACTIVE revisions, 10 to a request, yielding each batch's results and failures.</summary>
        public IEnumerable<DescribeResult<TaskDefinition>> DeleteTaskDefinitions(IEnumerable<string> taskDefinitions, CancellationToken ct)
        {
            foreach (var batch in Pager.Chunk(taskDefinitions, DeleteTaskDefinitionsBatchSize))
            {
                var response = DeleteTaskDefinitions(new DeleteTaskDefinitionsRequest { TaskDefinitions = batch }, ct);
                var deleted = response.TaskDefinitions ?? new List<TaskDefinition>();
                // A revision that does not exist comes back as a failure with a sentence for a
                // reason; call it MISSING, as the describes do, so that it is a not-found error.
                var failures = MatchFailures(batch, response.Failures, deleted, d => new[] { d.TaskDefinitionArn, d.FamilyRevision })
                    .Select(f => !f.IsMissing && SaysMissing(f.Reason) ? new FailureRef(f.Requested, f.Arn, "MISSING", f.Reason) : f).ToList();
                yield return new DescribeResult<TaskDefinition>(deleted, failures);
            }
        }

        // ---- services ----------------------------------------------------------------------

        /// <summary>Every service ARN of a cluster, 100 to a page (the API's default is 10).</summary>
        public IEnumerable<IReadOnlyList<string>> ListServiceArns(string cluster, string launchType, string schedulingStrategy, CancellationToken ct)
            => Pager.Pages<string>(token =>
            {
                var page = ListServices(new ListServicesRequest
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
                var response = DescribeServices(new DescribeServicesRequest
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
                var page = ListTasks(filter, ct);
                return (page.TaskArns ?? new List<string>(), page.NextToken);
            });

        public IEnumerable<DescribeResult<Task>> DescribeTasks(string cluster, IEnumerable<string> tasks, bool includeTags, CancellationToken ct)
        {
            foreach (var batch in Pager.Chunk(tasks, DescribeTasksBatchSize))
            {
                var response = DescribeTasks(new DescribeTasksRequest
                {
                    Cluster = cluster,
                    Tasks = batch,
                    Include = includeTags ? new List<string> { "TAGS" } : null,
                }, ct);
                var found = response.Tasks ?? new List<Task>();
                yield return new DescribeResult<Task>(found,
                    MatchFailures(batch, response.Failures, found, t => new[] { t.TaskArn, Arn.NameOf(t.TaskArn) }));
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
                var asked = requested.FirstOrDefault(r => r == f.Arn || Arn.NameOf(f.Arn) == Arn.NameOf(r)) ?? f.Arn;
                failed.Add(asked);
                result.Add(new FailureRef(asked, f.Arn, f.Reason, f.Detail));
            }
            foreach (var r in requested)
            {
                if (failed.Contains(r) || foundKeys.Contains(r) || foundKeys.Contains(Arn.NameOf(r))) continue;
                result.Add(new FailureRef(r, null, "MISSING", null));
            }
            return result;
        }
    }
}
