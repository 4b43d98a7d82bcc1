using System.Collections.Generic;
using System.Linq;
using System.Threading;
using EcsPS.Engine.ApplicationAutoScaling.Model;
using EcsPS.Engine.Runtime;

namespace EcsPS.Engine.ApplicationAutoScaling
{
    public sealed partial class ApplicationAutoScalingClient
    {
        /// <summary>DescribeScalableTargets takes at most 50 resource ids per request.</summary>
        public const int DescribeScalableTargetsBatchSize = 50;

        /// <summary>"service/CLUSTER/SERVICE": how Application Auto Scaling names an ECS service.</summary>
        public static string EcsServiceResourceId(string clusterName, string serviceName) => $"service/{clusterName}/{serviceName}";

        /// <summary>The desired-count scalable targets of ECS services, 50 resource ids to a request; returns them and the number of requests.</summary>
        public (List<ScalableTarget> Targets, int Requests) DescribeEcsServiceScalableTargets(IEnumerable<string> resourceIds, CancellationToken ct)
        {
            var found = new List<ScalableTarget>();
            var requests = 0;
            foreach (var batch in Pager.Chunk(resourceIds.Distinct(), DescribeScalableTargetsBatchSize))
            {
                string token = null;
                do
                {
                    requests++;
                    var page = DescribeScalableTargets(new DescribeScalableTargetsRequest
                    {
                        ServiceNamespace = "ecs",
                        ScalableDimension = "ecs:service:DesiredCount",
                        ResourceIds = batch,
                        NextToken = token,
                    }, ct);
                    found.AddRange(page.ScalableTargets ?? new List<ScalableTarget>());
                    token = string.IsNullOrEmpty(page.NextToken) || page.NextToken == token ? null : page.NextToken;
                } while (token != null);
            }
            return (found, requests);
        }

        /// <summary>The newest scaling activities of one ECS service (one request, at most <paramref name="max"/>).</summary>
        public List<ScalingActivity> LatestEcsServiceScalingActivities(string resourceId, int max, CancellationToken ct)
            => (DescribeScalingActivities(new DescribeScalingActivitiesRequest
            {
                ServiceNamespace = "ecs",
                ScalableDimension = "ecs:service:DesiredCount",
                ResourceId = resourceId,
                MaxResults = max,
            }, ct).ScalingActivities ?? new List<ScalingActivity>()).OrderByDescending(a => a.StartTime).ToList();
    }
}
