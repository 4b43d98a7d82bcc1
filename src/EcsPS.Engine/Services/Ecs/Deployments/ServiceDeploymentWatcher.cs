using System;
using System.Collections.Generic;
using System.Linq;
using System.Threading;
using EcsPS.Engine.Ecs.Model;
using EcsPS.Engine.Ecs.Targets;
using EcsPS.Engine.Runtime;

namespace EcsPS.Engine.Ecs.Deployments
{
    /// <summary>
    /// Waits for services the way a runbook needs. Unlike botocore's services-stable, which
    /// counts a circuit-breaker rollback as success, DeploymentComplete follows the deployment a
    /// change started and fails when it fails, is rolled back, is replaced or disappears, with
    /// the service's last events and the stopped reasons of the tasks it started. All services
    /// share one DescribeServices call per 10 per poll; throttling stretches the poll interval
    /// but never fails a wait by itself.
    /// </summary>
    public sealed class ServiceDeploymentWatcher
    {
        private readonly EcsClient _ecs;
        private readonly IWaitClock _clock;
        private readonly IServiceTargetSource _targets;

        /// <param name="targets">How TargetsHealthy reads target health (ELBv2); other conditions never use it.</param>
        public ServiceDeploymentWatcher(EcsClient ecs, IWaitClock clock = null, IServiceTargetSource targets = null)
        {
            _ecs = ecs;
            _clock = clock ?? SystemWaitClock.Instance;
            _targets = targets;
        }

        public IReadOnlyList<ServiceWaitResult> Wait(IReadOnlyList<ServiceWaitTarget> targets, ServiceWaitCondition condition,
            ServiceWaitOptions options, IServiceWaitObserver observer, CancellationToken ct)
        {
            options = options ?? new ServiceWaitOptions();
            var pacing = new WaitPacing(_clock, options.PollInterval, options.MaxBackoff, options.Timeout);
            var start = pacing.Start;
            var trackers = targets.Select((t, i) => new Tracker(t, i, start)).ToList();

            while (true)
            {
                ct.ThrowIfCancellationRequested();
                var pending = trackers.Where(t => t.Result == null).ToList();
                if (pending.Count == 0) break;

                var troubled = false;
                foreach (var t in pending) t.SeenThisRound = false;
                foreach (var group in pending.GroupBy(t => t.Target.Cluster ?? string.Empty))
                    troubled |= Poll(group.Key.Length == 0 ? null : group.Key, group.ToList(), condition, start, trackers.Count, options, observer, ct);

                var now = _clock.UtcNow;
                foreach (var t in trackers.Where(t => t.Result == null))
                {
                    if (!t.SeenThisRound) t.Blind = true;
                    if (now - start >= options.Timeout)
                        Finish(t, ServiceWaitOutcome.TimedOut,
                            $"{Describe(t)} did not reach the '{condition}' condition within {Format(options.Timeout)} ({Progress(t)}).{TargetsNote(t)}",
                            condition, start, options, observer, ct);
                    // Only what was seen can be judged stuck: a throttled round says nothing about the counts.
                    else if (t.SeenThisRound && now - t.LastProgressAt >= options.NoProgressTimeout)
                        Finish(t, ServiceWaitOutcome.NoProgress,
                            $"{Describe(t)} made no progress for {Format(options.NoProgressTimeout)}: its running and pending counts have not changed ({Progress(t)}).{TargetsNote(t)}",
                            condition, start, options, observer, ct);
                }
                if (trackers.All(t => t.Result != null)) break;

                pacing.Pause(troubled, ct);
            }
            return trackers.Select(t => t.Result).ToList();
        }

        /// <summary>One DescribeServices round for a cluster; true when AWS throttled or failed transiently.</summary>
        private bool Poll(string cluster, List<Tracker> trackers, ServiceWaitCondition condition, DateTime start, int total,
            ServiceWaitOptions options, IServiceWaitObserver observer, CancellationToken ct)
        {
            try
            {
                foreach (var batch in _ecs.DescribeServices(cluster, trackers.Select(t => t.Target.Service), includeTags: false, ct))
                {
                    foreach (var service in batch.Items)
                    {
                        var tracker = trackers.FirstOrDefault(t => t.Result == null && Matches(t.Target.Service, service));
                        if (tracker != null) Evaluate(tracker, service, condition, start, total, options, observer, ct);
                    }
                    foreach (var failure in batch.Failures)
                    {
                        var tracker = trackers.FirstOrDefault(t => t.Result == null && t.Target.Service == failure.Requested);
                        if (tracker == null) continue;
                        if (condition == ServiceWaitCondition.Inactive && failure.IsMissing)
                            Finish(tracker, ServiceWaitOutcome.Succeeded, $"{Describe(tracker)} no longer exists.", condition, start, options, observer, ct);
                        else
                            Finish(tracker, ServiceWaitOutcome.Failed, failure.IsMissing
                                ? $"{Describe(tracker)} was not found (it does not exist, or was deleted while waiting)."
                                : $"{Describe(tracker)} could not be read: {failure.Reason} {failure.Detail}".TrimEnd(),
                                condition, start, options, observer, ct, failure.IsMissing ? "ServiceNotFoundException" : null);
                    }
                }
                return false;
            }
            catch (Exception ex) when (WaitPacing.IsPassing(ex, "DescribeServices", m => observer?.OnMessage(m)))
            {
                return true;
            }
            catch (AwsServiceException ex) when (ex.ErrorCode == "ClusterNotFoundException")
            {
                foreach (var t in trackers.Where(t => t.Result == null))
                    Finish(t, ServiceWaitOutcome.Failed, $"{Describe(t)}: the cluster was not found ({ex.ServiceMessage}).", condition, start, options, observer, ct,
                        "ClusterNotFoundException");
                return false;
            }
        }

        private void Evaluate(Tracker t, Service service, ServiceWaitCondition condition, DateTime start, int total,
            ServiceWaitOptions options, IServiceWaitObserver observer, CancellationToken ct)
        {
            t.Last = service;
            t.Total = total;
            t.SeenThisRound = true;
            if (t.Blind)
            {
                // After rounds in which the service could not be read, restart the no-progress
                // clock: whatever happened in the gap was not observed.
                t.Blind = false;
                t.LastProgressAt = _clock.UtcNow;
            }
            if (!t.Seen)
            {
                t.Seen = true;
                t.DeploymentId = t.Target.DeploymentId ?? service.PrimaryDeployment?.Id;
                foreach (var e in service.Events ?? new List<ServiceEvent>())
                    if (e.CreatedAt == null || e.CreatedAt.Value.ToUniversalTime() < start) t.SeenEvents.Add(e.Id);
            }
            var followed = service.Deployments?.FirstOrDefault(d => d.Id == t.DeploymentId);
            if (followed != null && !t.FollowedSeen)
            {
                t.FollowedSeen = true;
                // What a rollback would return to: deployments older than the followed one.
                t.PreviousTaskDefinitions = new HashSet<string>((service.Deployments ?? new List<Deployment>())
                    .Where(d => d.Id != followed.Id && (d.CreatedAt == null || followed.CreatedAt == null || d.CreatedAt < followed.CreatedAt))
                    .Select(d => d.TaskDefinition).Where(x => x != null));
            }
            ReportEvents(t, service, observer);
            TrackProgress(t, service, condition);
            observer?.OnProgress(ProgressOf(t, service, start, done: false));

            switch (condition)
            {
                case ServiceWaitCondition.Inactive:
                    if (service.Status == "INACTIVE")
                        Finish(t, ServiceWaitOutcome.Succeeded, $"{Describe(t)} is INACTIVE.", condition, start, options, observer, ct);
                    return;

                case ServiceWaitCondition.Stable:
                    if (service.Status == "DRAINING" || service.Status == "INACTIVE")
                        Finish(t, ServiceWaitOutcome.Failed, $"{Describe(t)} is {service.Status}: it is being deleted, so it will never be stable.", condition, start, options, observer, ct);
                    else if ((service.Deployments?.Count ?? 0) == 1 && service.RunningCount == service.DesiredCount)
                        Finish(t, ServiceWaitOutcome.Succeeded, $"{Describe(t)} is stable with {service.RunningCount} of {service.DesiredCount} tasks running.", condition, start, options, observer, ct);
                    return;

                case ServiceWaitCondition.DeploymentComplete:
                    EvaluateDeployment(t, service, condition, start, options, observer, ct);
                    return;

                case ServiceWaitCondition.TargetsHealthy:
                    EvaluateTargets(t, service, condition, start, options, observer, ct);
                    return;
            }
        }

        /// <summary>
        /// TargetsHealthy: once the PRIMARY deployment runs all its tasks, each of them must have a
        /// healthy target in every target group of the service. Until then the unhealthy targets
        /// are kept, so that a timeout can say which tasks are failing their health checks and why.
        /// </summary>
        private void EvaluateTargets(Tracker t, Service service, ServiceWaitCondition condition, DateTime start,
            ServiceWaitOptions options, IServiceWaitObserver observer, CancellationToken ct)
        {
            if (service.Status == "DRAINING" || service.Status == "INACTIVE")
            {
                Finish(t, ServiceWaitOutcome.Failed, $"{Describe(t)} is {service.Status}: it is being deleted, so its targets will never be healthy.", condition, start, options, observer, ct);
                return;
            }
            var groups = ServiceTargetHealthReader.TargetGroupsOf(service);
            if (groups.Count == 0)
            {
                Finish(t, ServiceWaitOutcome.Failed, $"{Describe(t)} has no load balancer target groups, so there are no targets to wait for; use -Condition DeploymentComplete.", condition, start, options, observer, ct);
                return;
            }
            if (_targets == null) throw new InvalidOperationException("TargetsHealthy needs a target source.");
            var primary = service.PrimaryDeployment;
            if (primary == null) return;
            if (primary.RolloutState == "FAILED")
            {
                Finish(t, ServiceWaitOutcome.Failed,
                    $"The deployment {primary.Id} of {Describe(t)} failed: {(string.IsNullOrEmpty(primary.RolloutStateReason) ? "ECS marked its rollout FAILED" : primary.RolloutStateReason.TrimEnd('.'))}.",
                    condition, start, options, observer, ct);
                return;
            }

            ServiceTargets read;
            try
            {
                read = _targets.Read(service, ct);
            }
            catch (Exception ex) when (WaitPacing.IsPassing(ex, "DescribeTargetHealth", m => observer?.OnMessage(m)))
            {
                return;
            }
            var running = read.Tasks.Where(x => x.StartedBy == primary.Id && x.LastStatus == "RUNNING").ToList();
            var unhealthy = new List<ServiceTarget>();
            var missing = new List<string>();
            foreach (var group in groups)
                foreach (var task in running)
                {
                    var mine = read.Targets.Where(x => x.TargetGroupArn == group && x.TaskId == task.TaskId).ToList();
                    if (mine.Any(x => x.IsHealthy)) continue;
                    if (mine.Count == 0) missing.Add($"task {task.TaskId} is not registered with {ElasticLoadBalancingV2.ElasticLoadBalancingV2Client.NameInArn(group) ?? group}");
                    unhealthy.AddRange(mine);
                }
            t.UnhealthyTargets = unhealthy;
            t.UnregisteredTasks = missing;

            // Targets moving through their states is progress, even while the task counts stand still.
            var key = string.Join(";", read.Targets.OrderBy(x => x.TargetGroupArn).ThenBy(x => x.TargetId).ThenBy(x => x.Port)
                .Select(x => $"{x.TargetId}:{x.Port}={x.State}")) + "|" + running.Count;
            if (key != t.TargetKey)
            {
                if (t.TargetKey != null) t.LastProgressAt = _clock.UtcNow;
                t.TargetKey = key;
            }

            var desired = primary.DesiredCount ?? service.DesiredCount ?? 0;
            if (running.Count < desired)
            {
                observer?.OnMessage($"{service.ServiceName}: {running.Count} of {desired} tasks of deployment {primary.Id} running; waiting for them before judging their targets.");
                return;
            }
            if (unhealthy.Count == 0 && missing.Count == 0)
                Finish(t, ServiceWaitOutcome.Succeeded,
                    $"All {running.Count} running tasks of deployment {primary.Id} of {Describe(t)} are healthy in {groups.Count} target group(s).",
                    condition, start, options, observer, ct);
            else
                observer?.OnMessage($"{service.ServiceName}: {unhealthy.Count + missing.Count} target(s) of deployment {primary.Id} not healthy yet: " +
                    string.Join("; ", unhealthy.Select(x => x.ToString()).Concat(missing)));
        }

        /// <summary>For a TargetsHealthy timeout: which targets were still not healthy, their reasons and tasks.</summary>
        private static string TargetsNote(Tracker t)
        {
            if (t.UnhealthyTargets.Count == 0 && t.UnregisteredTasks.Count == 0) return string.Empty;
            var lines = t.UnhealthyTargets.Select(x =>
                    $"{x.TargetId}:{x.Port} in {x.TargetGroupName} is {x.State}" + (x.Reason != null ? $" ({x.Reason}" + (x.Description != null ? $": {x.Description}" : string.Empty) + ")" : string.Empty)
                    + (x.TaskId != null ? $", task {x.TaskId}" : string.Empty))
                .Concat(t.UnregisteredTasks);
            return " Targets not healthy: " + string.Join("; ", lines) + ".";
        }

        private void EvaluateDeployment(Tracker t, Service service, ServiceWaitCondition condition, DateTime start,
            ServiceWaitOptions options, IServiceWaitObserver observer, CancellationToken ct)
        {
            if (service.Status == "DRAINING" || service.Status == "INACTIVE")
            {
                Finish(t, ServiceWaitOutcome.Failed, $"{Describe(t)} was deleted while its deployment was rolling out (status {service.Status}).", condition, start, options, observer, ct);
                return;
            }
            if (t.DeploymentId == null)
            {
                Finish(t, ServiceWaitOutcome.Failed, $"{Describe(t)} has no PRIMARY deployment to follow.", condition, start, options, observer, ct);
                return;
            }

            var deployments = service.Deployments ?? new List<Deployment>();
            var followed = deployments.FirstOrDefault(d => d.Id == t.DeploymentId);
            var primary = service.PrimaryDeployment;

            if (!t.FollowedSeen)
            {
                // DescribeServices is eventually consistent: right after a change it may not
                // show the new deployment yet. Give it time before calling it gone.
                if (_clock.UtcNow - start >= options.UnseenDeploymentGrace)
                    Finish(t, ServiceWaitOutcome.Failed,
                        $"The deployment {t.DeploymentId} never appeared on {Describe(t)} within {Format(options.UnseenDeploymentGrace)}" +
                        (primary != null ? $"; its PRIMARY deployment is {primary.Id} ({primary.TaskDefinitionName})." : "."),
                        condition, start, options, observer, ct);
                return;
            }

            if (followed?.RolloutState == "FAILED")
            {
                var reason = string.IsNullOrEmpty(followed.RolloutStateReason) ? "ECS marked its rollout FAILED" : followed.RolloutStateReason.TrimEnd('.');
                var rollback = primary != null && primary.Id != followed.Id
                    ? $" ECS is rolling the service back to {primary.TaskDefinitionName} (deployment {primary.Id})."
                    : string.Empty;
                Finish(t, ServiceWaitOutcome.Failed, $"The deployment {followed.Id} of {Describe(t)} failed: {reason}.{rollback}", condition, start, options, observer, ct);
                return;
            }

            if (followed == null || (followed.Status != "PRIMARY" && primary != null && primary.Id != followed.Id))
            {
                var what = followed == null ? "disappeared" : "is no longer PRIMARY";
                if (primary != null && IsRollback(t, primary, start))
                    Finish(t, ServiceWaitOutcome.Failed,
                        $"The deployment {t.DeploymentId} of {Describe(t)} was rolled back: ECS returned the service to {primary.TaskDefinitionName} (deployment {primary.Id}).",
                        condition, start, options, observer, ct);
                else if (primary != null)
                    Finish(t, ServiceWaitOutcome.Failed,
                        $"The deployment {t.DeploymentId} of {Describe(t)} {what}: a newer deployment {primary.Id} ({primary.TaskDefinitionName}) replaced it before it finished.",
                        condition, start, options, observer, ct);
                else
                    Finish(t, ServiceWaitOutcome.Failed, $"The deployment {t.DeploymentId} of {Describe(t)} disappeared and the service has no PRIMARY deployment.",
                        condition, start, options, observer, ct);
                return;
            }

            var complete = followed.RolloutState == null
                ? deployments.Count == 1 && service.RunningCount == service.DesiredCount
                : followed.RolloutState == "COMPLETED" && followed.RunningCount == followed.DesiredCount;
            if (complete)
                Finish(t, ServiceWaitOutcome.Succeeded,
                    $"The deployment {followed.Id} of {Describe(t)} completed: {followed.RunningCount} of {followed.DesiredCount} tasks of {followed.TaskDefinitionName} running.",
                    condition, start, options, observer, ct);
        }

        private static bool IsRollback(Tracker t, Deployment primary, DateTime start)
        {
            if (primary.TaskDefinition != null && t.PreviousTaskDefinitions.Contains(primary.TaskDefinition)) return true;
            return (t.Last?.Events ?? new List<ServiceEvent>()).Any(e =>
                (e.CreatedAt == null || e.CreatedAt.Value.ToUniversalTime() >= start) && e.Message != null &&
                (e.Message.IndexOf("rolling back", StringComparison.OrdinalIgnoreCase) >= 0
                 || e.Message.IndexOf("circuit breaker", StringComparison.OrdinalIgnoreCase) >= 0
                 || e.Message.IndexOf("rolled back", StringComparison.OrdinalIgnoreCase) >= 0));
        }

        private void TrackProgress(Tracker t, Service service, ServiceWaitCondition condition)
        {
            var followed = condition == ServiceWaitCondition.DeploymentComplete
                ? service.Deployments?.FirstOrDefault(d => d.Id == t.DeploymentId)
                : null;
            var key = followed != null
                ? $"{followed.RunningCount}/{followed.PendingCount}/{service.RunningCount}/{service.PendingCount}/{service.Deployments?.Count}/{followed.RolloutState}"
                : $"{service.RunningCount}/{service.PendingCount}/{service.Deployments?.Count}/{service.Status}";
            if (key != t.ProgressKey)
            {
                if (t.ProgressKey != null) t.LastProgressAt = _clock.UtcNow;
                t.ProgressKey = key;
            }
        }

        private static void ReportEvents(Tracker t, Service service, IServiceWaitObserver observer)
        {
            var fresh = (service.Events ?? new List<ServiceEvent>()).Where(e => e.Id != null && !t.SeenEvents.Contains(e.Id))
                .OrderBy(e => e.CreatedAt ?? DateTime.MinValue).ToList();
            foreach (var e in fresh)
            {
                t.SeenEvents.Add(e.Id);
                e.ServiceName = service.ServiceName;
                e.ClusterName = service.ClusterName;
                observer?.OnEvent(service.ClusterName, service.ServiceName, e);
            }
        }

        private void Finish(Tracker t, ServiceWaitOutcome outcome, string reason, ServiceWaitCondition condition, DateTime start,
            ServiceWaitOptions options, IServiceWaitObserver observer, CancellationToken ct, string notFoundError = null)
        {
            var result = new ServiceWaitResult
            {
                Cluster = t.Target.Cluster,
                ServiceName = t.Last?.ServiceName ?? Arn.NameOf(t.Target.Service),
                Condition = condition,
                Outcome = outcome,
                Reason = Sentence(reason),
                NotFoundError = notFoundError,
                DeploymentId = t.DeploymentId,
                Service = t.Last,
                Elapsed = _clock.UtcNow - start,
                UnhealthyTargets = outcome == ServiceWaitOutcome.Succeeded ? new List<ServiceTarget>() : t.UnhealthyTargets,
            };
            if (outcome != ServiceWaitOutcome.Succeeded && t.Last != null)
            {
                result.RecentEvents = (t.Last.Events ?? new List<ServiceEvent>())
                    .OrderByDescending(e => e.CreatedAt ?? DateTime.MinValue).Take(options.EventsInFailure).ToList();
                if (condition != ServiceWaitCondition.Inactive)
                    result.StoppedTasks = StoppedTasks(t.Target.Cluster, t.DeploymentId ?? t.Last.PrimaryDeployment?.Id, options.StoppedTasksInFailure, observer, ct);
            }
            t.Result = result;
            if (t.Last != null) observer?.OnProgress(ProgressOf(t, t.Last, start, done: true));
            observer?.OnFinished(result);
        }

        /// <summary>Why the tasks a deployment started have stopped: what an admin looks up next.</summary>
        private List<StoppedTaskInfo> StoppedTasks(string cluster, string deploymentId, int limit, IServiceWaitObserver observer, CancellationToken ct)
        {
            var found = new List<StoppedTaskInfo>();
            if (deploymentId == null || limit <= 0) return found;
            try
            {
                var arns = _ecs.ListTaskArns(new ListTasksRequest { Cluster = cluster, StartedBy = deploymentId, DesiredStatus = "STOPPED" }, ct)
                    .SelectMany(p => p).Take(limit).ToList();
                if (arns.Count == 0) return found;
                foreach (var batch in _ecs.DescribeTasks(cluster, arns, includeTags: false, ct))
                    foreach (var task in batch.Items.OrderByDescending(x => x.StoppedAt ?? DateTime.MinValue))
                        found.Add(new StoppedTaskInfo
                        {
                            TaskArn = task.TaskArn,
                            StopCode = task.StopCode,
                            StoppedReason = task.StoppedReason,
                            ContainerReasons = (task.Containers ?? new List<Container>())
                                .Where(c => c.Reason != null || (c.ExitCode.HasValue && c.ExitCode != 0))
                                .Select(c => $"{c.Name}: {c.Reason ?? "exited"}" + (c.ExitCode.HasValue ? $" (exit code {c.ExitCode})" : string.Empty))
                                .ToList(),
                        });
            }
            catch (OperationCanceledException) { throw; }
            catch (Exception ex)
            {
                // The diagnosis is a courtesy; the wait's own verdict stands without it.
                observer?.OnMessage($"Could not read the stopped tasks of deployment {deploymentId}: {ex.Message}");
            }
            return found;
        }

        private ServiceWaitProgress ProgressOf(Tracker t, Service service, DateTime start, bool done)
        {
            var followed = service.Deployments?.FirstOrDefault(d => d.Id == t.DeploymentId) ?? service.PrimaryDeployment;
            return new ServiceWaitProgress
            {
                Index = t.Index,
                Total = t.Total,
                Elapsed = _clock.UtcNow - start,
                Cluster = service.ClusterName,
                ServiceName = service.ServiceName,
                Desired = service.DesiredCount ?? 0,
                Running = service.RunningCount ?? 0,
                Pending = service.PendingCount ?? 0,
                RolloutState = followed?.RolloutState,
                Deployments = service.Deployments?.Count ?? 0,
                Done = done,
            };
        }

        private static bool Matches(string requested, Service service)
            => requested == service.ServiceArn || requested == service.ServiceName || Arn.NameOf(requested) == service.ServiceName;

        /// <summary>"the service 'web' in cluster 'prod'", for use inside a sentence.</summary>
        private static string Describe(Tracker t)
        {
            var name = t.Last?.ServiceName ?? Arn.NameOf(t.Target.Service);
            var cluster = t.Last?.ClusterName ?? Arn.NameOf(t.Target.Cluster) ?? "default";
            return $"the service '{name}' in cluster '{cluster}'";
        }

        private static string Sentence(string text)
            => string.IsNullOrEmpty(text) ? text : char.ToUpperInvariant(text[0]) + text.Substring(1);

        private static string Progress(Tracker t)
        {
            if (t.Last == null) return "never seen";
            // During a rolling update the service's own counts mix old and new tasks.
            var followed = t.Last.Deployments?.FirstOrDefault(d => d.Id == t.DeploymentId);
            return followed != null && t.Target.DeploymentId != null || followed != null && t.Last.Deployments.Count > 1
                ? $"{followed.RunningCount ?? 0} of {followed.DesiredCount ?? 0} tasks of deployment {followed.Id} running, {followed.PendingCount ?? 0} pending"
                : $"{t.Last.RunningCount ?? 0} of {t.Last.DesiredCount ?? 0} running, {t.Last.PendingCount ?? 0} pending";
        }

        private static string Format(TimeSpan span)
            => span.TotalMinutes >= 1 && span.Seconds == 0 ? $"{(int)span.TotalMinutes} min" : $"{(int)span.TotalSeconds} s";

        private sealed class Tracker
        {
            public Tracker(ServiceWaitTarget target, int index, DateTime start)
            {
                Target = target;
                Index = index;
                LastProgressAt = start;
            }

            public ServiceWaitTarget Target { get; }
            public int Index { get; }
            public bool Seen { get; set; }
            public bool SeenThisRound { get; set; }
            /// <summary>Rounds passed in which the service could not be read.</summary>
            public bool Blind { get; set; }
            /// <summary>The followed deployment has shown up in DescribeServices at least once.</summary>
            public bool FollowedSeen { get; set; }
            public int Total { get; set; }
            public string DeploymentId { get; set; }
            public HashSet<string> PreviousTaskDefinitions { get; set; } = new HashSet<string>();
            public HashSet<string> SeenEvents { get; } = new HashSet<string>(StringComparer.Ordinal);
            public string ProgressKey { get; set; }
            public DateTime LastProgressAt { get; set; }
            public Service Last { get; set; }
            public ServiceWaitResult Result { get; set; }
            public List<ServiceTarget> UnhealthyTargets { get; set; } = new List<ServiceTarget>();
            public List<string> UnregisteredTasks { get; set; } = new List<string>();
            public string TargetKey { get; set; }
        }
    }
}
