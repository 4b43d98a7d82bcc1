using System;
using System.Collections.Generic;
using System.Linq;
using System.Threading;
using EcsPS.Engine.ApplicationAutoScaling;
using EcsPS.Engine.ApplicationAutoScaling.Model;
using EcsPS.Engine.Ecs.Deployments;
using EcsPS.Engine.Ecs.Model;
using EcsPS.Engine.ElasticLoadBalancingV2;
using EcsPS.Engine.ElasticLoadBalancingV2.Model;
using EcsPS.Engine.Runtime;
using EcsTask = EcsPS.Engine.Ecs.Model.Task;

namespace EcsPS.Engine.Ecs.Targets
{
    /// <summary>How the targets of one target group of a service stand.</summary>
    public sealed class TargetGroupHealth
    {
        public string TargetGroupName { get; set; }
        public string TargetGroupArn { get; set; }
        public int Healthy { get; set; }
        public int Unhealthy { get; set; }
        public int Draining { get; set; }
        /// <summary>initial, unused, unavailable: neither healthy nor failing.</summary>
        public int Other { get; set; }
        /// <summary>"Target.ResponseCodeMismatch: Health checks failed with these codes: [502]" for the first unhealthy target.</summary>
        public string FirstUnhealthyReason { get; set; }

        public override string ToString()
            => $"{TargetGroupName}: {Healthy} healthy, {Unhealthy} unhealthy, {Draining} draining" +
               (Other > 0 ? $", {Other} other" : string.Empty) + (FirstUnhealthyReason != null ? $" ({FirstUnhealthyReason})" : string.Empty);
    }

    /// <summary>The service's Application Auto Scaling target and its latest scaling activity.</summary>
    public sealed class ServiceScalingStatus
    {
        public int? MinCapacity { get; set; }
        public int? MaxCapacity { get; set; }
        public string LastActivityStatus { get; set; }
        public DateTime? LastActivityTime { get; set; }
        public string LastActivityCause { get; set; }
        public string LastActivityDescription { get; set; }

        public override string ToString()
            => $"{MinCapacity}..{MaxCapacity}" + (LastActivityStatus != null ? $", last {LastActivityStatus} {LastActivityTime:yyyy-MM-dd HH:mm}: {LastActivityDescription}" : string.Empty);
    }

    /// <summary>One service at a glance: rollout, counts, task and target health, scaling, events, stopped tasks.</summary>
    public sealed class ServiceStatus
    {
        public string ClusterName { get; set; }
        public string ServiceName { get; set; }
        public string RolloutState { get; set; }
        public int? DesiredCount { get; set; }
        public int? RunningCount { get; set; }
        public int? PendingCount { get; set; }
        /// <summary>family:revision of the service's task definition.</summary>
        public string TaskDefinition { get; set; }
        public int HealthyTasks { get; set; }
        public int UnhealthyTasks { get; set; }
        public int UnknownHealthTasks { get; set; }
        public List<TargetGroupHealth> Targets { get; set; } = new List<TargetGroupHealth>();
        /// <summary>"3/4 healthy" over all target groups, empty without load balancers: one sortable column.</summary>
        public string TargetHealth => Targets.Count == 0 ? null
            : $"{Targets.Sum(t => t.Healthy)}/{Targets.Sum(t => t.Healthy + t.Unhealthy + t.Draining + t.Other)} healthy";
        /// <summary>Null when the service has no scalable target (or it could not be read).</summary>
        public ServiceScalingStatus Scaling { get; set; }
        /// <summary>CPUUtilization of the last hour (average of each 5 minutes): Latest and Sparkline; null when it could not be read.</summary>
        public Metrics.EcsMetricSeries Cpu { get; set; }
        /// <summary>MemoryUtilization of the last hour, as Cpu.</summary>
        public Metrics.EcsMetricSeries Memory { get; set; }
        public List<ServiceEvent> Events { get; set; } = new List<ServiceEvent>();
        public List<StoppedTaskInfo> StoppedTasks { get; set; } = new List<StoppedTaskInfo>();
        /// <summary>The parts that could not be read, with why; empty when everything was.</summary>
        public List<string> Unread { get; set; } = new List<string>();
        /// <summary>Requests made for this service alone (DescribeServices, DescribeTargetGroups and
        /// DescribeScalableTargets are shared by all the services read together and not counted here).</summary>
        public int Requests { get; set; }
        public string ServiceArn { get; set; }

        public override string ToString() => $"{ClusterName}/{ServiceName}";
    }

    /// <summary>
    /// Reads the status of many services at once, batching what the APIs let one batch: the
    /// services' tasks are described 100 to a request per cluster, target groups 20 to a request,
    /// scalable targets 50 resource ids to a request. A part that cannot be read (no permission for
    /// ELBv2 or Application Auto Scaling, say) is named in Unread and the rest still filled.
    /// </summary>
    public sealed class ServiceStatusReader
    {
        public const int EventCount = 5;
        public const int ActivityCount = 5;
        /// <summary>Only so many stopped tasks of a service are described: the newest are what matter.</summary>
        public const int StoppedTaskLimit = 100;

        private readonly EcsClient _ecs;
        private readonly ElasticLoadBalancingV2Client _elb;
        private readonly ApplicationAutoScalingClient _aas;
        private readonly Func<DateTime> _utcNow;

        public ServiceStatusReader(EcsClient ecs, ElasticLoadBalancingV2Client elb, ApplicationAutoScalingClient aas, Func<DateTime> utcNow = null)
        {
            _ecs = ecs;
            _elb = elb;
            _aas = aas;
            _utcNow = utcNow ?? (() => DateTime.UtcNow);
        }

        /// <summary>Requests shared by all services of the last Read: DescribeTargetGroups and DescribeScalableTargets.</summary>
        public int SharedRequests { get; private set; }

        public List<ServiceStatus> Read(IReadOnlyList<Service> services, CancellationToken ct)
        {
            SharedRequests = 0;
            var statuses = services.Select(Basics).ToList();
            foreach (var inCluster in statuses.GroupBy(s => s.Service.ClusterArn ?? string.Empty))
                ReadTasks(inCluster.Key.Length == 0 ? null : inCluster.Key, inCluster.ToList(), ct);
            ReadTargets(statuses, ct);
            ReadScaling(statuses, ct);
            return statuses.Select(s => s.Status).ToList();
        }

        private sealed class Work
        {
            public Service Service;
            public ServiceStatus Status;
            public List<string> Running = new List<string>();
            public List<string> Stopped = new List<string>();
        }

        private static Work Basics(Service service)
        {
            var primary = service.PrimaryDeployment;
            // The service's own field: what it is being moved to (the PRIMARY deployment's, in ECS; moto leaves that one stale).
            var taskDefinition = service.TaskDefinition ?? primary?.TaskDefinition;
            return new Work
            {
                Service = service,
                Status = new ServiceStatus
                {
                    ClusterName = service.ClusterName,
                    ServiceName = service.ServiceName,
                    ServiceArn = service.ServiceArn,
                    RolloutState = primary?.RolloutState,
                    DesiredCount = service.DesiredCount,
                    RunningCount = service.RunningCount,
                    PendingCount = service.PendingCount,
                    TaskDefinition = Arn.NameOf(taskDefinition),
                    Events = (service.Events ?? new List<ServiceEvent>()).OrderByDescending(e => e.CreatedAt ?? DateTime.MinValue).Take(EventCount)
                        .Select(e => { e.ServiceName = service.ServiceName; e.ClusterName = service.ClusterName; return e; }).ToList(),
                },
            };
        }

        private void ReadTasks(string cluster, List<Work> work, CancellationToken ct)
        {
            var owner = new Dictionary<string, Work>(StringComparer.Ordinal);
            foreach (var w in work)
            {
                try
                {
                    foreach (var page in _ecs.ListTaskArns(new ListTasksRequest { Cluster = cluster, ServiceName = w.Service.ServiceName, DesiredStatus = "RUNNING" }, ct))
                    {
                        w.Status.Requests++;
                        w.Running.AddRange(page);
                    }
                    foreach (var page in _ecs.ListTaskArns(new ListTasksRequest { Cluster = cluster, ServiceName = w.Service.ServiceName, DesiredStatus = "STOPPED" }, ct))
                    {
                        w.Status.Requests++;
                        w.Stopped.AddRange(page);
                        if (w.Stopped.Count >= StoppedTaskLimit) break;
                    }
                    if (w.Stopped.Count > StoppedTaskLimit) w.Stopped.RemoveRange(StoppedTaskLimit, w.Stopped.Count - StoppedTaskLimit);
                    foreach (var arn in w.Running.Concat(w.Stopped)) if (!owner.ContainsKey(arn)) owner[arn] = w;
                }
                catch (Exception ex) when (!(ex is OperationCanceledException))
                {
                    w.Status.Unread.Add($"tasks (ListTasks: {Why(ex)})");
                }
            }
            if (owner.Count == 0) return;
            var tasks = new List<EcsTask>();
            try
            {
                foreach (var batch in _ecs.DescribeTasks(cluster, owner.Keys.ToList(), includeTags: false, ct))
                {
                    tasks.AddRange(batch.Items);
                    // A batch serves every service it has tasks of; each of them counts it.
                    foreach (var w in batch.Items.Select(t => owner.TryGetValue(t.TaskArn, out var o) ? o : null).Where(o => o != null).Distinct())
                        w.Status.Requests++;
                }
            }
            catch (Exception ex) when (!(ex is OperationCanceledException))
            {
                foreach (var w in work.Where(x => x.Running.Count + x.Stopped.Count > 0)) w.Status.Unread.Add($"tasks (DescribeTasks: {Why(ex)})");
                return;
            }
            var since = _utcNow().AddHours(-1);
            foreach (var w in work)
            {
                var running = new HashSet<string>(w.Running, StringComparer.Ordinal);
                var stopped = new HashSet<string>(w.Stopped, StringComparer.Ordinal);
                foreach (var task in tasks.Where(t => running.Contains(t.TaskArn)))
                {
                    if (task.HealthStatus == "HEALTHY") w.Status.HealthyTasks++;
                    else if (task.HealthStatus == "UNHEALTHY") w.Status.UnhealthyTasks++;
                    else w.Status.UnknownHealthTasks++;
                }
                w.Status.StoppedTasks = tasks
                    .Where(t => stopped.Contains(t.TaskArn) && t.DesiredStatus == "STOPPED" && (t.StoppedAt == null || t.StoppedAt.Value.ToUniversalTime() >= since))
                    .OrderByDescending(t => t.StoppedAt ?? DateTime.MinValue)
                    .Select(t => new StoppedTaskInfo
                    {
                        TaskArn = t.TaskArn,
                        StopCode = t.StopCode,
                        StoppedReason = t.StoppedReason,
                        ContainerReasons = (t.Containers ?? new List<Container>())
                            .Where(c => c.Reason != null || (c.ExitCode.HasValue && c.ExitCode != 0))
                            .Select(c => $"{c.Name}: {c.Reason ?? "exited"}" + (c.ExitCode.HasValue ? $" (exit code {c.ExitCode})" : string.Empty))
                            .ToList(),
                    }).ToList();
            }
        }

        private void ReadTargets(List<Work> work, CancellationToken ct)
        {
            var withGroups = work.Where(w => ServiceTargetHealthReader.TargetGroupsOf(w.Service).Count > 0).ToList();
            if (withGroups.Count == 0) return;
            var names = new Dictionary<string, string>(StringComparer.Ordinal);
            try
            {
                var arns = withGroups.SelectMany(w => ServiceTargetHealthReader.TargetGroupsOf(w.Service)).Distinct(StringComparer.Ordinal).ToList();
                SharedRequests += (arns.Count + ElasticLoadBalancingV2Client.DescribeTargetGroupsBatchSize - 1) / ElasticLoadBalancingV2Client.DescribeTargetGroupsBatchSize;
                foreach (var g in _elb.DescribeTargetGroupsByArn(arns, ct)) names[g.TargetGroupArn] = g.TargetGroupName;
            }
            catch (Exception ex) when (!(ex is OperationCanceledException))
            {
                // Names are in the ARNs too; only DescribeTargetHealth is indispensable.
                if (IsDenied(ex))
                {
                    foreach (var w in withGroups) w.Status.Unread.Add($"target health (DescribeTargetGroups: {Why(ex)})");
                    return;
                }
            }
            foreach (var w in withGroups)
                foreach (var group in ServiceTargetHealthReader.TargetGroupsOf(w.Service))
                {
                    var summary = new TargetGroupHealth
                    {
                        TargetGroupArn = group,
                        TargetGroupName = names.TryGetValue(group, out var n) ? n : ElasticLoadBalancingV2Client.NameInArn(group),
                    };
                    try
                    {
                        w.Status.Requests++;
                        foreach (var d in _elb.DescribeTargetHealthOf(group, ct))
                        {
                            var state = d.TargetHealth?.State;
                            if (state == "healthy") summary.Healthy++;
                            else if (state == "draining" || state == "unhealthy.draining") summary.Draining++;
                            else if (state == "unhealthy")
                            {
                                summary.Unhealthy++;
                                if (summary.FirstUnhealthyReason == null)
                                    summary.FirstUnhealthyReason = d.TargetHealth.Reason + (d.TargetHealth.Description != null ? ": " + d.TargetHealth.Description : string.Empty);
                            }
                            else summary.Other++;
                        }
                        w.Status.Targets.Add(summary);
                    }
                    catch (Exception ex) when (!(ex is OperationCanceledException))
                    {
                        w.Status.Unread.Add($"target health of {summary.TargetGroupName} (DescribeTargetHealth: {Why(ex)})");
                    }
                }
        }

        private void ReadScaling(List<Work> work, CancellationToken ct)
        {
            if (work.Count == 0) return;
            Dictionary<string, ScalableTarget> targets;
            try
            {
                var ids = work.Select(w => ApplicationAutoScalingClient.ResourceIdOf(w.Status.ClusterName, w.Status.ServiceName)).ToList();
                var before = _aas.ReadRequests;
                var found = _aas.DescribeServiceTargets(ids, ct);
                SharedRequests += _aas.ReadRequests - before;
                targets = found.GroupBy(t => t.ResourceId).ToDictionary(g => g.Key, g => g.First(), StringComparer.Ordinal);
            }
            catch (Exception ex) when (!(ex is OperationCanceledException))
            {
                foreach (var w in work) w.Status.Unread.Add($"scaling (DescribeScalableTargets: {Why(ex)})");
                return;
            }
            foreach (var w in work)
            {
                var id = ApplicationAutoScalingClient.ResourceIdOf(w.Status.ClusterName, w.Status.ServiceName);
                if (!targets.TryGetValue(id, out var target)) continue;
                w.Status.Scaling = new ServiceScalingStatus { MinCapacity = target.MinCapacity, MaxCapacity = target.MaxCapacity };
                try
                {
                    w.Status.Requests++;
                    // The service answers newest first; the first page of ActivityCount is enough.
                    var last = _aas.DescribeServiceActivities(id, ActivityCount, includeNotScaled: false, ct).FirstOrDefault()?
                        .OrderByDescending(a => a.StartTime).FirstOrDefault();
                    if (last != null)
                    {
                        w.Status.Scaling.LastActivityStatus = last.StatusCode;
                        w.Status.Scaling.LastActivityTime = last.StartTime;
                        w.Status.Scaling.LastActivityCause = last.Cause;
                        w.Status.Scaling.LastActivityDescription = last.Description;
                    }
                }
                catch (Exception ex) when (!(ex is OperationCanceledException))
                {
                    w.Status.Unread.Add($"scaling activities (DescribeScalingActivities: {Why(ex)})");
                }
            }
        }

        private static bool IsDenied(Exception ex)
            => ex is AwsServiceException s && (s.StatusCode == 403 || (s.ErrorCode ?? string.Empty).IndexOf("AccessDenied", StringComparison.OrdinalIgnoreCase) >= 0
                                                || s.ErrorCode == "UnauthorizedOperation");

        private static string Why(Exception ex) => ex is AwsServiceException s ? $"{s.ErrorCode}: {s.ServiceMessage}" : ex.Message;
    }
}
