using System;
using System.Collections.Generic;
using System.Linq;
using System.Threading;
using EcsPS.Engine.ApplicationAutoScaling.Model;
using EcsPS.Engine.Runtime;

namespace EcsPS.Engine.ApplicationAutoScaling
{
    /// <summary>
    /// Application Auto Scaling as ECS services use it: one scalable target per service
    /// (namespace ecs, dimension ecs:service:DesiredCount), read in batches and pages, with the
    /// service's policies and scheduled actions gathered into one <see cref="ServiceScaling"/>.
    /// </summary>
    public sealed partial class ApplicationAutoScalingClient
    {
        public const string EcsNamespace = "ecs";
        public const string EcsDesiredCount = "ecs:service:DesiredCount";

        /// <summary>DescribeScalableTargets takes at most 50 resource ids.</summary>
        public const int DescribeTargetsBatchSize = 50;

        /// <summary>The largest page DescribeScalingPolicies and DescribeScheduledActions give (50).</summary>
        public const int PageSize = 50;

        /// <summary>How many requests this client has sent for reads (for -Verbose summaries).</summary>
        public int ReadRequests { get; private set; }

        public static string ResourceIdOf(string cluster, string service) => $"service/{cluster}/{service}";

        /// <summary>The scalable targets of these resource ids, 50 to a request, pages followed.</summary>
        public List<ScalableTarget> DescribeServiceTargets(IEnumerable<string> resourceIds, CancellationToken ct)
        {
            var found = new List<ScalableTarget>();
            foreach (var batch in Pager.Chunk(resourceIds.Distinct(StringComparer.Ordinal), DescribeTargetsBatchSize))
            {
                foreach (var page in Pager.Pages<ScalableTarget>(token =>
                {
                    ReadRequests++;
                    var answer = DescribeScalableTargets(new DescribeScalableTargetsRequest
                    {
                        ServiceNamespace = EcsNamespace,
                        ScalableDimension = EcsDesiredCount,
                        ResourceIds = batch,
                        NextToken = token,
                    }, ct);
                    return (answer.ScalableTargets ?? new List<ScalableTarget>(), answer.NextToken);
                }))
                    found.AddRange(page);
            }
            return found;
        }

        /// <summary>Every ECS service scalable target of the account and region, a page at a time.</summary>
        public IEnumerable<ScalableTarget> DescribeAllServiceTargets(CancellationToken ct)
            => Pager.Pages<ScalableTarget>(token =>
            {
                ReadRequests++;
                var answer = DescribeScalableTargets(new DescribeScalableTargetsRequest
                {
                    ServiceNamespace = EcsNamespace,
                    ScalableDimension = EcsDesiredCount,
                    NextToken = token,
                }, ct);
                return (answer.ScalableTargets ?? new List<ScalableTarget>(), answer.NextToken);
            }).SelectMany(p => p);

        /// <summary>The scalable target of one service, or null when the service is not scaled.</summary>
        public ScalableTarget DescribeServiceTarget(string resourceId, CancellationToken ct)
            => DescribeServiceTargets(new[] { resourceId }, ct).FirstOrDefault(t => t.ResourceId == resourceId);

        /// <summary>Every scaling policy of one service (the API filters by one resource id at a time).</summary>
        public List<ScalingPolicy> DescribeServicePolicies(string resourceId, CancellationToken ct)
            => Pager.Pages<ScalingPolicy>(token =>
            {
                ReadRequests++;
                var answer = DescribeScalingPolicies(new DescribeScalingPoliciesRequest
                {
                    ServiceNamespace = EcsNamespace,
                    ScalableDimension = EcsDesiredCount,
                    ResourceId = resourceId,
                    MaxResults = PageSize,
                    NextToken = token,
                }, ct);
                return (answer.ScalingPolicies ?? new List<ScalingPolicy>(), answer.NextToken);
            }).SelectMany(p => p).ToList();

        /// <summary>Every scheduled action of one service.</summary>
        public List<ScheduledAction> DescribeServiceScheduledActions(string resourceId, CancellationToken ct)
            => Pager.Pages<ScheduledAction>(token =>
            {
                ReadRequests++;
                var answer = DescribeScheduledActions(new DescribeScheduledActionsRequest
                {
                    ServiceNamespace = EcsNamespace,
                    ScalableDimension = EcsDesiredCount,
                    ResourceId = resourceId,
                    MaxResults = PageSize,
                    NextToken = token,
                }, ct);
                return (answer.ScheduledActions ?? new List<ScheduledAction>(), answer.NextToken);
            }).SelectMany(p => p).ToList();

        /// <summary>
        /// A service's scaling activities a page at a time, newest first (the order the service
        /// answers in), including the ones where nothing was scaled when asked.
        /// </summary>
        public IEnumerable<IReadOnlyList<ScalingActivity>> DescribeServiceActivities(string resourceId, int? pageSize, bool includeNotScaled, CancellationToken ct)
            => Pager.Pages<ScalingActivity>(token =>
            {
                var answer = DescribeScalingActivities(new DescribeScalingActivitiesRequest
                {
                    ServiceNamespace = EcsNamespace,
                    ScalableDimension = EcsDesiredCount,
                    ResourceId = resourceId,
                    MaxResults = pageSize,
                    NextToken = token,
                    IncludeNotScaledActivities = includeNotScaled ? true : (bool?)null,
                }, ct);
                return (answer.ScalingActivities ?? new List<ScalingActivity>(), answer.NextToken);
            });

        /// <summary>One service's scaling as a whole: its target, policies and scheduled actions.</summary>
        public ServiceScaling ReadServiceScaling(string clusterName, string serviceName, ScalableTarget target, CancellationToken ct)
        {
            var resourceId = target.ResourceId;
            return ServiceScaling.From(clusterName, serviceName, target,
                DescribeServicePolicies(resourceId, ct), DescribeServiceScheduledActions(resourceId, ct));
        }
    }
}
