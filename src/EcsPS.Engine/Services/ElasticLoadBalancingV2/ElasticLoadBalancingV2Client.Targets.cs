using System;
using System.Collections.Generic;
using System.Linq;
using System.Threading;
using EcsPS.Engine.ElasticLoadBalancingV2.Model;
using EcsPS.Engine.Runtime;

namespace EcsPS.Engine.ElasticLoadBalancingV2
{
    public sealed partial class ElasticLoadBalancingV2Client
    {
        /// <summary>DescribeTargetGroups takes at most 20 target group ARNs per request.</summary>
        public const int DescribeTargetGroupsBatchSize = 20;

        /// <summary>
        /// The target groups behind <paramref name="targetGroupArns"/>, 20 to a request (the API's
        /// limit), following NextMarker; each ARN is asked about once however often it is given.
        /// </summary>
        public List<TargetGroup> DescribeTargetGroupsByArn(IEnumerable<string> targetGroupArns, CancellationToken ct)
        {
            var found = new List<TargetGroup>();
            var distinct = targetGroupArns.Where(a => !string.IsNullOrEmpty(a)).Distinct(StringComparer.Ordinal);
            foreach (var batch in Pager.Chunk(distinct, DescribeTargetGroupsBatchSize))
            {
                string marker = null;
                do
                {
                    var page = DescribeTargetGroups(new DescribeTargetGroupsRequest { TargetGroupArns = batch, Marker = marker }, ct);
                    found.AddRange(page.TargetGroups ?? new List<TargetGroup>());
                    marker = string.IsNullOrEmpty(page.NextMarker) || page.NextMarker == marker ? null : page.NextMarker;
                } while (marker != null);
            }
            return found;
        }

        /// <summary>Every target registered with one target group and its health (one request: the API takes one group per call).</summary>
        public List<TargetHealthDescription> DescribeTargetHealthOf(string targetGroupArn, CancellationToken ct)
            => DescribeTargetHealth(new DescribeTargetHealthRequest { TargetGroupArn = targetGroupArn }, ct).TargetHealthDescriptions
               ?? new List<TargetHealthDescription>();

        /// <summary>
        /// The name inside a load balancer or target group ARN (…:loadbalancer/app/NAME/id,
        /// …:targetgroup/NAME/id), so that names need no request of their own; null for anything else.
        /// </summary>
        public static string NameInArn(string arn)
        {
            if (!Arn.TryParse(arn, out var parsed)) return null;
            var parts = parsed.Resource.Split('/');
            return parts.Length >= 3 ? parts[parts.Length - 2] : null;
        }
    }
}
