using System.Collections.Generic;
using System.Linq;
using System.Threading;
using EcsPS.Engine.Ecs.Model;
using EcsPS.Engine.Runtime;

namespace EcsPS.Engine.Ecs
{
    /// <summary>A service's deployment history: service deployments and the revisions they name.</summary>
    public sealed partial class EcsClient
    {
        /// <summary>ListServiceDeployments takes 1 to 100 to a page (20 when not asked).</summary>
        public const int ServiceDeploymentsPageSize = 100;

        /// <summary>DescribeServiceDeployments and DescribeServiceRevisions take at most 20 ARNs.</summary>
        public const int ServiceDeploymentsBatchSize = 20;

        /// <summary>Every service deployment ECS still keeps for the service, page by page as they arrive.</summary>
        public IEnumerable<ServiceDeploymentBrief> ListAllServiceDeployments(string cluster, string service, IReadOnlyList<string> status, CancellationToken ct)
        {
            foreach (var page in Pager.Pages<ServiceDeploymentBrief>(token =>
            {
                var r = ListServiceDeployments(new ListServiceDeploymentsRequest
                {
                    Cluster = cluster,
                    Service = service,
                    Status = status == null || status.Count == 0 ? null : status.ToList(),
                    MaxResults = ServiceDeploymentsPageSize,
                    NextToken = token,
                }, ct);
                return (r.ServiceDeployments ?? new List<ServiceDeploymentBrief>(), r.NextToken);
            }))
                foreach (var brief in page) yield return brief;
        }

        /// <summary>The full service deployments, 20 ARNs to a request, in the order asked; ARNs ECS no longer knows are left out.</summary>
        public IReadOnlyList<ServiceDeployment> DescribeServiceDeploymentsBatched(IEnumerable<string> arns, CancellationToken ct)
        {
            var found = new Dictionary<string, ServiceDeployment>();
            var order = arns.Where(a => !string.IsNullOrEmpty(a)).Distinct().ToList();
            foreach (var batch in Pager.Chunk(order, ServiceDeploymentsBatchSize))
                foreach (var d in DescribeServiceDeployments(new DescribeServiceDeploymentsRequest { ServiceDeploymentArns = batch }, ct).ServiceDeployments
                    ?? new List<ServiceDeployment>())
                    if (d.ServiceDeploymentArn != null) found[d.ServiceDeploymentArn] = d;
            return order.Where(found.ContainsKey).Select(a => found[a]).ToList();
        }

        /// <summary>Task definition ARN of each service revision, 20 revisions to a request; unknown revisions are absent.</summary>
        public IReadOnlyDictionary<string, string> TaskDefinitionsOfRevisions(IEnumerable<string> revisionArns, CancellationToken ct)
        {
            var map = new Dictionary<string, string>();
            foreach (var batch in Pager.Chunk(revisionArns.Where(a => !string.IsNullOrEmpty(a)).Distinct(), ServiceDeploymentsBatchSize))
                foreach (var r in DescribeServiceRevisions(new DescribeServiceRevisionsRequest { ServiceRevisionArns = batch }, ct).ServiceRevisions
                    ?? new List<ServiceRevision>())
                    if (r.ServiceRevisionArn != null) map[r.ServiceRevisionArn] = r.TaskDefinition;
            return map;
        }

        /// <summary>
        /// The service's past and current service deployments, newest first, each with the task
        /// definitions it went from and to. Requests: the listing (100 to a page), then per 20
        /// deployments one DescribeServiceDeployments and one DescribeServiceRevisions for the
        /// revisions not read yet; written batch by batch, so Select-Object -First stops early.
        /// </summary>
        public IEnumerable<ServiceDeployment> ServiceDeploymentHistory(string cluster, string service, CancellationToken ct)
        {
            var briefs = ListAllServiceDeployments(cluster, service, null, ct)
                .OrderByDescending(b => b.StartedAt ?? b.CreatedAt ?? System.DateTime.MinValue).ToList();
            var taskDefinitions = new Dictionary<string, string>();
            foreach (var batch in Pager.Chunk(briefs.Select(b => b.ServiceDeploymentArn), ServiceDeploymentsBatchSize))
            {
                var deployments = DescribeServiceDeploymentsBatched(batch, ct);
                var unread = deployments
                    .SelectMany(d => (d.SourceServiceRevisions ?? new List<ServiceRevisionSummary>()).Append(d.TargetServiceRevision))
                    .Select(r => r?.Arn).Where(a => a != null && !taskDefinitions.ContainsKey(a)).Distinct().ToList();
                if (unread.Count > 0)
                    foreach (var pair in TaskDefinitionsOfRevisions(unread, ct)) taskDefinitions[pair.Key] = pair.Value;
                foreach (var d in deployments)
                {
                    d.TaskDefinition = Of(d.TargetServiceRevision);
                    d.SourceTaskDefinitions = (d.SourceServiceRevisions ?? new List<ServiceRevisionSummary>()).Select(Of).Where(t => t != null).ToList();
                    yield return d;
                }
            }

            string Of(ServiceRevisionSummary revision)
                => revision?.Arn != null && taskDefinitions.TryGetValue(revision.Arn, out var td) ? td : null;
        }
    }
}
