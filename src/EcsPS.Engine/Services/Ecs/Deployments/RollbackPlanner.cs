using System;
using System.Collections.Generic;
using System.Linq;
using System.Text.RegularExpressions;
using System.Threading;
using EcsPS.Engine.Ecs.Model;
using EcsPS.Engine.Runtime;

namespace EcsPS.Engine.Ecs.Deployments
{
    /// <summary>Where a rollback's target came from.</summary>
    public enum RollbackSource
    {
        /// <summary>-ToRevision named it.</summary>
        Requested,
        /// <summary>The ACTIVE (older) deployment of a deployment still rolling out.</summary>
        InFlightDeployment,
        /// <summary>The newest successful past service deployment to another task definition.</summary>
        History,
        /// <summary>The circuit breaker is already rolling the service back to this one.</summary>
        CircuitBreaker,
        /// <summary>ECS has already rolled the newest deployment back: the service runs what it went back to.</summary>
        AlreadyRolledBack,
    }

    /// <summary>What a rollback would do: from the task definition the service runs to the one it ran before.</summary>
    public sealed class RollbackPlan
    {
        internal RollbackPlan(Service service, string to, RollbackSource source, string deploymentArn)
        {
            Service = service;
            To = to;
            Source = source;
            SourceDeploymentArn = deploymentArn;
        }

        public Service Service { get; }
        /// <summary>The task definition the service's PRIMARY deployment runs now (ARN, or as ECS keeps it).</summary>
        public string From => Service.TaskDefinition;
        /// <summary>The task definition to go back to (family:revision or ARN).</summary>
        public string To { get; }
        public RollbackSource Source { get; }
        /// <summary>The past service deployment the target was read from (History only).</summary>
        public string SourceDeploymentArn { get; }
        public string FromName => Arn.NameOf(From);
        public string ToName => Arn.NameOf(To);
        /// <summary>The target is what the service already runs: nothing to send.</summary>
        public bool NothingToDo => string.Equals(FromName, ToName, StringComparison.Ordinal);
        /// <summary>ECS is already rolling back; an UpdateService would start a rollout of its own on top.</summary>
        public bool AlreadyRollingBack => Source == RollbackSource.CircuitBreaker;

        public override string ToString() => Source == RollbackSource.AlreadyRolledBack
            ? $"ECS already rolled {Service.ServiceName} back to {FromName} (service deployment {Arn.NameOf(SourceDeploymentArn)}): nothing to roll back."
            : NothingToDo
            ? $"{Service.ServiceName} already runs {FromName}: nothing to roll back."
            : $"Roll back {Service.ServiceName} (cluster {Service.ClusterName}) from {FromName} to {ToName} ({Describe(Source)}).";

        private static string Describe(RollbackSource s)
        {
            switch (s)
            {
                case RollbackSource.Requested: return "as requested";
                case RollbackSource.InFlightDeployment: return "the revision the deployment in progress replaces";
                case RollbackSource.History: return "the last successful deployment before this one";
                default: return "the circuit breaker's rollback in progress";
            }
        }
    }

    /// <summary>No rollback target could be chosen; ErrorId says why, the message what to do.</summary>
    public sealed class RollbackPlanningException : Exception
    {
        public RollbackPlanningException(string errorId, string message) : base(message) => ErrorId = errorId;
        public string ErrorId { get; }
    }

    /// <summary>
    /// Chooses the task definition a service goes back to. Order: -ToRevision; else the older
    /// (ACTIVE) deployment of a rollout still in progress, which is what the tasks still
    /// serving traffic run; else the service's deployment history, which ECS keeps after the
    /// service settles to one deployment. Only SUCCESSFUL past deployments count there: the
    /// target of a failed or rolled-back one never ran stably, so going back to it is no rollback.
    /// </summary>
    public sealed class RollbackPlanner
    {
        private static readonly Regex FamilyRevision = new Regex(@"^(?<family>[A-Za-z0-9_-]{1,255}):(?<rev>[1-9][0-9]{0,8})$");
        private static readonly Regex BareRevision = new Regex(@"^[1-9][0-9]{0,8}$");
        private readonly EcsClient _ecs;

        public RollbackPlanner(EcsClient ecs) => _ecs = ecs;

        /// <summary>
        /// Null when the value is a revision as -ToRevision takes it (family:revision, a bare
        /// revision number, or a task definition ARN); else what is allowed.
        /// </summary>
        public static string CheckRevision(string value)
        {
            if (value == null) return "-ToRevision may not be empty.";
            if (BareRevision.IsMatch(value) || FamilyRevision.IsMatch(value)) return null;
            if (Arn.TryParse(value, out var arn) && arn.Service == "ecs" && arn.Resource.StartsWith("task-definition/", StringComparison.Ordinal)
                && FamilyRevision.IsMatch(arn.Resource.Substring("task-definition/".Length)))
                return null;
            return $"'{value}' is not a revision: give family:revision (web:11), a revision number of the service's own family (11) or a task definition ARN.";
        }

        public RollbackPlan Plan(Service service, string toRevision, CancellationToken ct)
        {
            if (service == null) throw new ArgumentNullException(nameof(service));
            if (toRevision != null) return new RollbackPlan(service, Requested(service, toRevision), RollbackSource.Requested, null);

            var deployments = service.Deployments ?? new List<Deployment>();
            var primary = deployments.FirstOrDefault(d => d.Status == "PRIMARY");
            var older = deployments.Where(d => d.Status == "ACTIVE").OrderByDescending(d => d.CreatedAt ?? DateTime.MinValue).ToList();
            if (primary != null && older.Count > 0)
            {
                // The circuit breaker rolls back by making the last good revision PRIMARY and
                // leaving the failed one ACTIVE with rolloutState FAILED.
                var failed = older.FirstOrDefault(d => d.RolloutState == "FAILED");
                if (failed != null && primary.RolloutState == "IN_PROGRESS")
                    return new RollbackPlan(service, primary.TaskDefinition, RollbackSource.CircuitBreaker, null);
                return new RollbackPlan(service, older[0].TaskDefinition, RollbackSource.InFlightDeployment, null);
            }

            var current = Arn.NameOf(service.TaskDefinition);
            // Every status, not only SUCCESSFUL: the newest deployment says whether ECS has already
            // rolled back (a runbook's catch block runs after the circuit breaker did its work), and
            // rolling back again from there would go one revision too far.
            var history = _ecs.ListAllServiceDeployments(service.ClusterArn ?? service.ClusterName, service.ServiceArn ?? service.ServiceName, null, ct)
                .OrderByDescending(b => b.StartedAt ?? b.CreatedAt ?? DateTime.MinValue).ToList();
            var newest = history.FirstOrDefault();
            if (newest?.Status == "ROLLBACK_REQUESTED" || newest?.Status == "ROLLBACK_IN_PROGRESS")
                return new RollbackPlan(service, service.TaskDefinition, RollbackSource.CircuitBreaker, newest.ServiceDeploymentArn);
            if (newest?.Status == "ROLLBACK_SUCCESSFUL")
                return new RollbackPlan(service, service.TaskDefinition, RollbackSource.AlreadyRolledBack, newest.ServiceDeploymentArn);

            // Only SUCCESSFUL ones, newest first; their revisions are read 20 at a time until one runs
            // another task definition, so a long history costs few requests.
            foreach (var batch in Pager.Chunk(history.Where(b => b.Status == "SUCCESSFUL"), EcsClient.ServiceDeploymentsBatchSize))
            {
                var taskDefinitions = _ecs.TaskDefinitionsOfRevisions(batch.Select(b => b.TargetServiceRevisionArn), ct);
                foreach (var brief in batch)
                    if (brief.TargetServiceRevisionArn != null && taskDefinitions.TryGetValue(brief.TargetServiceRevisionArn, out var td) && td != null
                        && !string.Equals(Arn.NameOf(td), current, StringComparison.Ordinal))
                        return new RollbackPlan(service, td, RollbackSource.History, brief.ServiceDeploymentArn);
            }
            throw new RollbackPlanningException("RollbackTargetUnknown",
                $"No task definition before {current} is known for {service.ServiceName}: it has no deployment in progress and ECS keeps no successful " +
                "past deployment to another revision. Pass -ToRevision (for example -ToRevision " + PreviousGuess(current) + ").");
        }

        private static string Requested(Service service, string value)
        {
            var problem = CheckRevision(value);
            if (problem != null) throw new RollbackPlanningException("InvalidRevision", problem);
            if (!BareRevision.IsMatch(value)) return value;
            var family = Arn.NameOf(service.TaskDefinition)?.Split(':')[0];
            if (string.IsNullOrEmpty(family))
                throw new RollbackPlanningException("InvalidRevision", $"{service.ServiceName} names no task definition, so a bare revision number has no family: give family:revision.");
            return family + ":" + value;
        }

        private static string PreviousGuess(string current)
        {
            var parts = (current ?? string.Empty).Split(':');
            return parts.Length == 2 && int.TryParse(parts[1], out var n) && n > 1 ? $"{parts[0]}:{n - 1}" : "<family>:<revision>";
        }
    }
}
