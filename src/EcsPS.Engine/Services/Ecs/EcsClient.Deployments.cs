using System.Collections.Generic;
using System.Linq;
using System.Threading;
using EcsPS.Engine.Ecs.Model;

namespace EcsPS.Engine.Ecs
{
    /// <summary>A service's past deployments, as far as ECS keeps them.</summary>
    public sealed partial class EcsClient
    {
        /// <summary>ListServiceDeployments takes at most 100 to a page.</summary>
        public const int ServiceDeploymentsPageSize = 100;

        /// <summary>DescribeServiceDeployments takes at most 20 ARNs to a request.</summary>
        public const int DescribeServiceDeploymentsBatch = 20;

        /// <summary>Every page of ListServiceDeployments for one service, in the order ECS gives them (newest first).</summary>
        public IReadOnlyList<ServiceDeploymentBrief> ListAllServiceDeployments(string cluster, string service, CancellationToken ct)
        {
            var all = new List<ServiceDeploymentBrief>();
            string token = null;
            do
            {
                var page = ListServiceDeployments(new ListServiceDeploymentsRequest
                {
                    Cluster = cluster,
                    Service = service,
                    MaxResults = ServiceDeploymentsPageSize,
                    NextToken = token,
                }, ct);
                all.AddRange(page.ServiceDeployments ?? new List<ServiceDeploymentBrief>());
                token = page.NextToken;
            } while (!string.IsNullOrEmpty(token));
            return all;
        }

        /// <summary>
        /// The full records of service deployments, 20 ARNs to a request; an ARN ECS no longer
        /// knows is left out (the failures say MISSING), the rest keep the order asked for.
        /// </summary>
        public IReadOnlyList<ServiceDeployment> DescribeServiceDeploymentsBatched(IEnumerable<string> arns, CancellationToken ct)
        {
            var wanted = arns.Where(a => !string.IsNullOrEmpty(a)).Distinct().ToList();
            var found = new Dictionary<string, ServiceDeployment>();
            for (var i = 0; i < wanted.Count; i += DescribeServiceDeploymentsBatch)
            {
                var batch = wanted.Skip(i).Take(DescribeServiceDeploymentsBatch).ToList();
                var response = DescribeServiceDeployments(new DescribeServiceDeploymentsRequest { ServiceDeploymentArns = batch }, ct);
                foreach (var d in response.ServiceDeployments ?? new List<ServiceDeployment>())
                    if (d.ServiceDeploymentArn != null) found[d.ServiceDeploymentArn] = d;
            }
            return wanted.Where(found.ContainsKey).Select(a => found[a]).ToList();
        }
    }
}
