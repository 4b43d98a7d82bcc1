using System;
using System.Collections.Generic;
using System.Linq;
using System.Management.Automation;
using System.Text;
using EcsPS.Engine.Ecs.Model;
using EcsPS.Engine.Ecs.Deployments;
using EcsPS.Engine.Ecs.Targets;
using EcsPS.Engine.ElasticLoadBalancingV2;

namespace EcsPS.Ecs.Services
{
    /// <summary>A wait that ended without success; Result has the service, events and stopped tasks.</summary>
    public sealed class ServiceWaitException : Exception
    {
        public ServiceWaitException(ServiceWaitResult result) : base(FormatMessage(result)) => Result = result;

        public ServiceWaitResult Result { get; }

        private static string FormatMessage(ServiceWaitResult r)
        {
            var text = new StringBuilder(r.Reason);
            if (r.StoppedTasks.Count > 0)
            {
                text.AppendLine().Append("Stopped tasks of the deployment:");
                foreach (var task in r.StoppedTasks) text.AppendLine().Append("  - ").Append(task);
            }
            if (r.RecentEvents.Count > 0)
            {
                text.AppendLine().Append("Latest service events:");
                foreach (var e in r.RecentEvents) text.AppendLine().Append("  - ").Append(e);
            }
            return text.ToString();
        }
    }

    /// <summary>
    /// Runs a service wait for a cmdlet: progress bars per service, new service events on the
    /// Information stream (tag EcsServiceEvent) as they appear, the final Service objects on
    /// success, and an ErrorRecord carrying the whole result for every service that failed.
    /// </summary>
    internal sealed class ServiceWaitRunner : IServiceWaitObserver
    {
        private const int ProgressIdBase = 4200;
        private readonly EcsCmdletBase _cmdlet;
        private readonly int _total;

        private ServiceWaitRunner(EcsCmdletBase cmdlet, int total)
        {
            _cmdlet = cmdlet;
            _total = total;
        }

        public static IReadOnlyList<ServiceWaitResult> Run(EcsCmdletBase cmdlet, IReadOnlyList<ServiceWaitTarget> targets,
            ServiceWaitCondition condition, ServiceWaitOptions options, bool writeServices)
        {
            if (targets.Count == 0) return new ServiceWaitResult[0];
            var runner = new ServiceWaitRunner(cmdlet, targets.Count);
            IReadOnlyList<ServiceWaitResult> results = null;
            cmdlet.GuardWork(() =>
            {
                // Each region's services through that region's client (an ARN names the region),
                // one region after the other; nearly always there is only one.
                var all = new List<ServiceWaitResult>();
                foreach (var inRegion in targets.GroupBy(t => cmdlet.RegionOfArns(t.Cluster, t.Service) ?? string.Empty))
                {
                    var region = inRegion.Key.Length == 0 ? null : inRegion.Key;
                    var ecs = cmdlet.EcsClientIn(region);
                    // Only TargetsHealthy talks to Elastic Load Balancing.
                    var targetSource = condition == ServiceWaitCondition.TargetsHealthy
                        ? new ServiceTargetHealthReader(ecs, cmdlet.ClientInRegion(region, (o, l) => new ElasticLoadBalancingV2Client(o, l)))
                        : null;
                    all.AddRange(new ServiceDeploymentWatcher(ecs, targets: targetSource)
                        .Wait(inRegion.ToList(), condition, options, runner, cmdlet.Cancellation));
                }
                results = all;
            }, null);
            if (results == null) return new ServiceWaitResult[0];
            foreach (var result in results)
            {
                if (result.Succeeded)
                {
                    if (writeServices && result.Service != null) cmdlet.WriteObject(result.Service);
                    continue;
                }
                var category = result.Outcome == ServiceWaitOutcome.Failed ? ErrorCategory.InvalidResult : ErrorCategory.OperationTimeout;
                var id = result.Outcome == ServiceWaitOutcome.Failed
                    ? (condition == ServiceWaitCondition.DeploymentComplete ? "ServiceDeploymentFailed" : "ServiceWaitFailed")
                    : result.Outcome == ServiceWaitOutcome.TimedOut ? "ServiceWaitTimedOut" : "ServiceWaitNoProgress";
                // A service (or cluster) that does not exist is the same not-found error here as
                // in Get-EcsServiceX and Remove-EcsServiceX, not a failed deployment.
                if (result.NotFoundError != null)
                {
                    id = result.NotFoundError;
                    category = ErrorCategory.ObjectNotFound;
                }
                var record = new ErrorRecord(new ServiceWaitException(result), id, category, result.ServiceName);
                record.ErrorDetails = new ErrorDetails(record.Exception.Message)
                {
                    RecommendedAction = result.NotFoundError != null
                        ? "Check the service and cluster names with Get-EcsServiceX -Cluster <cluster>, or pass -Region for the region they are in."
                        : result.UnhealthyTargets.Count > 0
                        ? "Get-EcsServiceTargetHealthX shows every target's state and reason; check the target group's health check path, port and the task's logs."
                        : result.Outcome != ServiceWaitOutcome.Failed
                        ? "Raise -Timeout or -NoProgressTimeout if the rollout is slow but healthy."
                        : result.StoppedTasks.Count > 0 || result.RecentEvents.Count > 0
                            ? "Read the stopped reasons and events above; Get-EcsServiceEventX shows the full history."
                            : "Check the service and cluster names with Get-EcsServiceX.",
                };
                cmdlet.WriteError(record);
            }
            return results;
        }

        public void OnProgress(ServiceWaitProgress p)
        {
            var record = new ProgressRecord(ProgressIdBase + p.Index,
                $"Waiting for ECS service {p.ServiceName} ({p.Cluster})" + (_total > 1 ? $" [{p.Index + 1}/{_total}]" : string.Empty),
                p.ToString());
            if (p.Desired > 0) record.PercentComplete = Math.Min(100, 100 * p.Running / p.Desired);
            if (p.Done) record.RecordType = ProgressRecordType.Completed;
            _cmdlet.WriteProgress(record);
        }

        public void OnEvent(string cluster, string service, ServiceEvent serviceEvent)
        {
            _cmdlet.WriteInformation(new InformationRecord(serviceEvent, $"{cluster}/{service}") { Tags = { "EcsServiceEvent" } });
            _cmdlet.WriteVerbose($"[{service}] {serviceEvent.CreatedAt:HH:mm:ss} {serviceEvent.Message}");
        }

        public void OnMessage(string message) => _cmdlet.WriteVerbose(message);

        public void OnFinished(ServiceWaitResult result)
            => _cmdlet.WriteVerbose($"{result.ServiceName}: {result.Outcome} after {(int)result.Elapsed.TotalSeconds} s. {result.Reason}");
    }
}
