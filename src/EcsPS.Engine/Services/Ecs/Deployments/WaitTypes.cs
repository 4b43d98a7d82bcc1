using System;
using System.Collections.Generic;
using System.Threading;
using EcsPS.Engine.Ecs.Model;
using EcsPS.Engine.Runtime;

namespace EcsPS.Engine.Ecs.Deployments
{
    public enum ServiceWaitCondition
    {
        /// <summary>botocore's services-stable: one deployment and running == desired.</summary>
        Stable,
        /// <summary>The PRIMARY deployment a change started has rolled out (or failed).</summary>
        DeploymentComplete,
        /// <summary>The service has been deleted.</summary>
        Inactive,
        /// <summary>Every running task of the PRIMARY deployment is healthy in every target group of the service.</summary>
        TargetsHealthy,
    }

    public enum ServiceWaitOutcome
    {
        Succeeded,
        /// <summary>The deployment failed, was rolled back or replaced, or the service went away.</summary>
        Failed,
        TimedOut,
        NoProgress,
    }

    public sealed class ServiceWaitTarget
    {
        public ServiceWaitTarget(string cluster, string service, string deploymentId = null)
        {
            Cluster = cluster;
            Service = service;
            DeploymentId = deploymentId;
        }

        public string Cluster { get; }
        public string Service { get; }
        /// <summary>The deployment to follow; when null, the PRIMARY deployment at the first poll.</summary>
        public string DeploymentId { get; }
    }

    public sealed class ServiceWaitOptions
    {
        public TimeSpan Timeout { get; set; } = TimeSpan.FromMinutes(30);
        /// <summary>Give up on a service whose running and pending counts have not moved for this long.</summary>
        public TimeSpan NoProgressTimeout { get; set; } = TimeSpan.FromMinutes(10);
        public TimeSpan PollInterval { get; set; } = TimeSpan.FromSeconds(15);
        /// <summary>The longest interval that backing off from throttling stretches a poll to.</summary>
        public TimeSpan MaxBackoff { get; set; } = TimeSpan.FromSeconds(120);
        /// <summary>How long a deployment named by the change may stay invisible (DescribeServices is
        /// eventually consistent) before the wait calls it gone.</summary>
        public TimeSpan UnseenDeploymentGrace { get; set; } = TimeSpan.FromMinutes(2);
        public int EventsInFailure { get; set; } = 5;
        public int StoppedTasksInFailure { get; set; } = 5;
    }

    /// <summary>Why a task started by the failed deployment stopped.</summary>
    public sealed class StoppedTaskInfo
    {
        public string TaskArn { get; set; }
        public string StopCode { get; set; }
        public string StoppedReason { get; set; }
        /// <summary>"name: reason (exit code N)" for each container that said why.</summary>
        public List<string> ContainerReasons { get; set; } = new List<string>();

        public override string ToString()
        {
            var id = Arn.NameOf(TaskArn);
            var containers = ContainerReasons.Count > 0 ? " [" + string.Join("; ", ContainerReasons) + "]" : string.Empty;
            return $"task {id}: {StoppedReason ?? StopCode ?? "stopped"}{containers}";
        }
    }

    public sealed class ServiceWaitResult
    {
        public string Cluster { get; set; }
        public string ServiceName { get; set; }
        public ServiceWaitCondition Condition { get; set; }
        public ServiceWaitOutcome Outcome { get; set; }
        /// <summary>What happened, in words fit for an error message.</summary>
        public string Reason { get; set; }
        /// <summary>When the wait failed because the service or its cluster does not exist: the
        /// error code ECS uses for that (ServiceNotFoundException, ClusterNotFoundException).</summary>
        public string NotFoundError { get; set; }
        /// <summary>The deployment that was followed (DeploymentComplete).</summary>
        public string DeploymentId { get; set; }
        /// <summary>The service as last seen (null if it was never found).</summary>
        public Service Service { get; set; }
        /// <summary>The newest service events, newest first (filled on failure).</summary>
        public List<ServiceEvent> RecentEvents { get; set; } = new List<ServiceEvent>();
        /// <summary>Stopped tasks of the followed deployment (filled on failure).</summary>
        public List<StoppedTaskInfo> StoppedTasks { get; set; } = new List<StoppedTaskInfo>();
        /// <summary>TargetsHealthy: the targets of the PRIMARY deployment's tasks that were not healthy at the last look.</summary>
        public List<EcsPS.Engine.Ecs.Targets.ServiceTarget> UnhealthyTargets { get; set; } = new List<EcsPS.Engine.Ecs.Targets.ServiceTarget>();
        public TimeSpan Elapsed { get; set; }
        public bool Succeeded => Outcome == ServiceWaitOutcome.Succeeded;
    }

    /// <summary>What a wait reports while it runs; called on the waiting thread.</summary>
    public interface IServiceWaitObserver
    {
        void OnProgress(ServiceWaitProgress progress);
        void OnEvent(string cluster, string service, ServiceEvent serviceEvent);
        void OnMessage(string message);
        void OnFinished(ServiceWaitResult result);
    }

    public sealed class ServiceWaitProgress
    {
        public int Index { get; set; }
        public int Total { get; set; }
        public string Cluster { get; set; }
        public string ServiceName { get; set; }
        public int Desired { get; set; }
        public int Running { get; set; }
        public int Pending { get; set; }
        public string RolloutState { get; set; }
        public int Deployments { get; set; }
        public TimeSpan Elapsed { get; set; }
        public bool Done { get; set; }

        public override string ToString()
            => $"{Running}/{Desired} running, {Pending} pending" +
               (RolloutState != null ? $", rollout {RolloutState}" : string.Empty) +
               (Deployments > 1 ? $", {Deployments} deployments" : string.Empty);
    }

    /// <summary>Time for waits, replaceable so tests run without sleeping.</summary>
    public interface IWaitClock
    {
        DateTime UtcNow { get; }
        void Delay(TimeSpan delay, CancellationToken cancellationToken);
    }

    public sealed class SystemWaitClock : IWaitClock
    {
        public static readonly SystemWaitClock Instance = new SystemWaitClock();
        public DateTime UtcNow => DateTime.UtcNow;

        public void Delay(TimeSpan delay, CancellationToken cancellationToken)
        {
            if (delay <= TimeSpan.Zero) return;
            cancellationToken.WaitHandle.WaitOne(delay);
            cancellationToken.ThrowIfCancellationRequested();
        }
    }

    /// <summary>
    /// What every wait (deployments, tasks, drains) does between two looks: wait the asked-for
    /// interval; after a look that AWS throttled or failed for a moment, twice the last pause, never
    /// less than the interval nor more than the backoff ceiling; and never past the timeout.
    /// </summary>
    public sealed class WaitPacing
    {
        private readonly IWaitClock _clock;
        private readonly TimeSpan _poll, _ceiling, _timeout;
        private TimeSpan _interval;

        public WaitPacing(IWaitClock clock, TimeSpan pollInterval, TimeSpan maxBackoff, TimeSpan timeout)
        {
            _clock = clock;
            _poll = _interval = pollInterval;
            _ceiling = maxBackoff > pollInterval ? maxBackoff : pollInterval;
            _timeout = timeout;
            Start = clock.UtcNow;
        }

        public DateTime Start { get; }

        public TimeSpan Elapsed => _clock.UtcNow - Start;

        public bool TimedOut => Elapsed >= _timeout;

        /// <summary>Waits before the next look; <paramref name="troubled"/>: the last one was throttled or failed for a moment.</summary>
        public void Pause(bool troubled, CancellationToken ct)
        {
            _interval = troubled
                ? TimeSpan.FromTicks(Math.Min(Math.Max(_interval.Ticks * 2, _poll.Ticks), _ceiling.Ticks))
                : _poll;
            var remaining = _timeout - Elapsed;
            _clock.Delay(remaining < _interval ? (remaining > TimeSpan.Zero ? remaining : TimeSpan.Zero) : _interval, ct);
        }

        /// <summary>
        /// For a look's catch filter: true, with a line for the observer, when the look failed in a
        /// way that says "try again later" (throttled, a 5xx answer, no answer at all), which a wait
        /// rides out by backing off instead of failing.
        /// </summary>
        public static bool IsPassing(Exception ex, string operation, Action<string> say)
        {
            switch (ex)
            {
                case AwsServiceException service when service.IsThrottling || service.StatusCode >= 500:
                    say?.Invoke($"{operation} answered {service.ErrorCode}; backing off and trying again.");
                    return true;
                case AwsTransportException transport:
                    say?.Invoke($"{operation} did not get through ({transport.Message}); trying again.");
                    return true;
                default:
                    return false;
            }
        }
    }
}
