using System;
using System.Linq;
using System.Text.RegularExpressions;
using EcsPS.Engine.Ecs.Model;
using EcsPS.Engine.Runtime;

namespace EcsPS.Engine.Ecs.Deployments
{
    /// <summary>What a rollback found: where the service is, where it goes back to, and how that was decided.</summary>
    public enum RollbackDecision
    {
        /// <summary>UpdateService with Target.</summary>
        RollBack,
        /// <summary>The service already runs Target: nothing to send.</summary>
        NothingToDo,
        /// <summary>ECS's circuit breaker is rolling the service back already; a second rollback would race it.</summary>
        AlreadyRollingBack,
        /// <summary>No earlier task definition is known and -ToRevision was not given.</summary>
        NoEarlierRevision,
    }

    public sealed class RollbackPlan
    {
        public RollbackDecision Decision { get; internal set; }
        /// <summary>family:revision the service runs now.</summary>
        public string From { get; internal set; }
        /// <summary>family:revision (or the ARN ECS gave) to go back to; null for NoEarlierRevision.</summary>
        public string Target { get; internal set; }
        /// <summary>Where Target came from, in words, for the verbose line.</summary>
        public string Source { get; internal set; }
        public string Message { get; internal set; }
        public string TargetName => Target == null ? null : Arn.NameOf(Target);
    }

    /// <summary>
    /// Decides the task definition a rollback puts a service back on. -ToRevision wins; else a
    /// deployment in flight goes back to the ACTIVE (older) deployment it is replacing; else no
    /// earlier revision is known from the service alone.
    /// </summary>
    public static class RollbackPlanner
    {
        private static readonly Regex FamilyRevision = new Regex(@"^[A-Za-z0-9_-]{1,255}:[1-9][0-9]{0,9}$");
        private static readonly Regex BareRevision = new Regex(@"^[1-9][0-9]{0,9}$");

        /// <summary>The rule -ToRevision is held to, in words; null when the value keeps it.</summary>
        public static string CheckToRevision(string value)
        {
            if (value != null && (FamilyRevision.IsMatch(value) || BareRevision.IsMatch(value))) return null;
            return $"'{value}' is not a revision: give family:revision (web:11) or a revision number of the service's current family (11).";
        }

        public static RollbackPlan Plan(Service service, string toRevision)
        {
            if (service == null) throw new ArgumentNullException(nameof(service));
            var from = Arn.NameOf(service.TaskDefinition);
            var family = from?.Split(':')[0];
            var plan = new RollbackPlan { From = from };

            string target = null;
            if (toRevision != null)
            {
                var problem = CheckToRevision(toRevision);
                if (problem != null) throw new ArgumentException(problem, nameof(toRevision));
                target = BareRevision.IsMatch(toRevision) ? $"{family}:{toRevision}" : toRevision;
                plan.Source = "-ToRevision";
            }
            else
            {
                var deployments = service.Deployments ?? new System.Collections.Generic.List<Deployment>();
                var primary = service.PrimaryDeployment;
                var older = deployments.Where(d => d.Status == "ACTIVE").OrderByDescending(d => d.CreatedAt ?? DateTime.MinValue).ToList();
                // The circuit breaker marks the deployment it gave up on FAILED and starts a new
                // PRIMARY on the last good revision; rolling back on top of that would undo ECS's own rollback.
                if (primary?.RolloutState == "IN_PROGRESS" && older.Any(d => d.RolloutState == "FAILED"))
                {
                    plan.Decision = RollbackDecision.AlreadyRollingBack;
                    plan.Target = Arn.NameOf(primary.TaskDefinition);
                    plan.Message = $"ECS is already rolling {service.ServiceName} back to {plan.Target} after a failed deployment " +
                        $"({older.First(d => d.RolloutState == "FAILED").RolloutStateReason ?? "circuit breaker"}). Wait for it with Wait-EcsServiceX, " +
                        "or pass -ToRevision to choose another revision.";
                    return plan;
                }
                var previous = older.FirstOrDefault(d => d.TaskDefinition != null && Arn.NameOf(d.TaskDefinition) != from);
                if (previous != null)
                {
                    target = Arn.NameOf(previous.TaskDefinition);
                    plan.Source = $"the ACTIVE deployment {previous.Id} the current one is replacing";
                }
            }

            if (target == null)
            {
                plan.Decision = RollbackDecision.NoEarlierRevision;
                plan.Message = $"No earlier task definition of {service.ServiceName} is known: it has no deployment in flight to go back from " +
                    $"(it runs {from}). Pass -ToRevision <family:revision or revision number>.";
                return plan;
            }
            plan.Target = target;
            if (string.Equals(Arn.NameOf(target), from, StringComparison.Ordinal))
            {
                plan.Decision = RollbackDecision.NothingToDo;
                plan.Message = $"{service.ServiceName} already runs {from}: nothing to roll back.";
                return plan;
            }
            plan.Decision = RollbackDecision.RollBack;
            plan.Message = $"Roll back {service.ServiceName} (cluster {service.ClusterName}) from {from} to {Arn.NameOf(target)}";
            return plan;
        }
    }
}
