using System;
using System.Collections.Generic;
using System.Linq;
using System.Management.Automation;
using EcsPS.Engine.Ecs;
using EcsPS.Engine.Ecs.Model;
using EcsPS.Engine.Runtime;

namespace EcsPS.Ecs.Tags
{
    /// <summary>
    /// The ECS resources that take tags, told by their ARNs, and the ARN of each EcsPS object that
    /// stands for one. Several objects carry more than one ARN (a service has its cluster's, a task
    /// its cluster's, task definition's and container instance's), so a piped object is read by
    /// its type for its own ARN, never by whichever *Arn property happens to match.
    /// </summary>
    internal static class TaggableResources
    {
        public const string Types = "cluster, service, task-definition, task, container-instance, capacity-provider or task-set";

        private const string Example = "arn:aws:ecs:us-east-1:123456789012:service/prod/web";

        /// <summary>The words for an ARN's resource type ("task definition"), which also name its not-found ErrorId.</summary>
        public static string KindOf(string arn)
            => Arn.TryParse(arn, out var parsed) && KindByType.TryGetValue(parsed.ResourceType, out var kind) ? kind : "resource";

        private static readonly Dictionary<string, string> KindByType = new Dictionary<string, string>(StringComparer.Ordinal)
        {
            ["cluster"] = "cluster",
            ["service"] = "service",
            ["task-definition"] = "task definition",
            ["task"] = "task",
            ["container-instance"] = "container instance",
            ["capacity-provider"] = "capacity provider",
            ["task-set"] = "task set",
        };

        /// <summary>Null when the value is the ARN of an ECS resource that takes tags; otherwise what is allowed.</summary>
        public static string CheckArn(string value)
        {
            var what = string.IsNullOrEmpty(value) ? "An empty string" : $"'{value}'";
            if (!Arn.IsArn(value))
                return $"{what} is not an ARN. Tags are set on resources by ARN: give the ARN of a {Types}, such as {Example}, or pipe the object from Get-EcsClusterX, Get-EcsServiceX or Get-EcsTaskDefinitionX.";
            if (!Arn.TryParse(value, out var arn) || !EcsNames.IsEcsArn(arn))
                return $"{what} is not a valid ECS ARN. An ECS ARN looks like {Example}.";
            var path = arn.ResourcePath;
            switch (arn.ResourceType)
            {
                case "cluster":
                case "capacity-provider":
                    return path.Count == 1 && EcsNames.IsValidName(path[0]) ? null
                        : $"{what} does not end in a {KindByType[arn.ResourceType]} name ({EcsNames.NameRule}).";
                case "service":
                    if (path.Count == 1)
                        return $"{what} is a service ARN of the old short form; ECS tags only services with the long form, " +
                               $"service/<cluster>/<service>, such as {Example}. The Service object's ServiceArn from Get-EcsServiceX has the form ECS gave it.";
                    return path.Count == 2 && EcsNames.IsValidName(path[0]) && EcsNames.IsValidName(path[1]) ? null
                        : $"{what} is not a service ARN of the form service/<cluster>/<service>, such as {Example}.";
                case "task-definition":
                    return path.Count == 1 && IsFamilyRevision(path[0]) ? null
                        : $"{what} does not name a task definition revision: tags belong to one revision, task-definition/<family>:<revision>, " +
                          "such as arn:aws:ecs:us-east-1:123456789012:task-definition/web:3.";
                case "task":
                case "container-instance":
                    var kind = KindByType[arn.ResourceType];
                    if (path.Count == 1)
                        return $"{what} is a {kind} ARN of the old short form, which ECS cannot tag; only the long form, " +
                               $"{arn.ResourceType}/<cluster>/<id>, takes tags.";
                    return path.Count == 2 && EcsNames.IsValidName(path[0]) && EcsNames.IsResourceId(path[1]) ? null
                        : $"{what} is not a {kind} ARN of the form {arn.ResourceType}/<cluster>/<id>, " +
                          $"such as arn:aws:ecs:us-east-1:123456789012:{arn.ResourceType}/prod/0123456789abcdef0123456789abcdef.";
                case "task-set":
                    // Task set ids have a slash of their own (ecs-svc/1234567890123456789).
                    return path.Count >= 3 && EcsNames.IsValidName(path[0]) && EcsNames.IsValidName(path[1]) && path.Skip(2).All(p => p.Length > 0) ? null
                        : $"{what} is not a task set ARN of the form task-set/<cluster>/<service>/<id>.";
                default:
                    return $"{what} is the ARN of a {arn.ResourceType.Replace('-', ' ')}, which does not take ECS tags. Tags go on a {Types}.";
            }
        }

        private static bool IsFamilyRevision(string value)
        {
            var colon = value.LastIndexOf(':');
            return colon > 0 && EcsNames.IsValidName(value.Substring(0, colon))
                && int.TryParse(value.Substring(colon + 1), System.Globalization.NumberStyles.None, System.Globalization.CultureInfo.InvariantCulture, out var revision)
                && revision > 0;
        }

        /// <summary>
        /// The ARN of the resource a piped object stands for: an ARN string; an EcsPS object by its
        /// type (a Service's ServiceArn, not its ClusterArn); a tag row by its ResourceArn; any other
        /// object by a ResourceArn or Arn property. Null, with the reason, when none applies.
        /// </summary>
        public static string ArnOf(object input, out string problem)
        {
            problem = null;
            var pso = input as PSObject;
            var value = pso != null ? pso.BaseObject : input;
            string arn;
            string property;
            switch (value)
            {
                case null:
                    problem = "A null object was piped in; pipe ECS objects or ARNs.";
                    return null;
                case string text:
                    return text;
                case Cluster c: arn = c.ClusterArn; property = "ClusterArn"; break;
                case Service s: arn = s.ServiceArn; property = "ServiceArn"; break;
                case TaskDefinition d: arn = d.TaskDefinitionArn; property = "TaskDefinitionArn"; break;
                case Task t: arn = t.TaskArn; property = "TaskArn"; break;
                case ContainerInstance i: arn = i.ContainerInstanceArn; property = "ContainerInstanceArn"; break;
                case CapacityProvider p: arn = p.CapacityProviderArn; property = "CapacityProviderArn"; break;
                case TaskSet ts: arn = ts.TaskSetArn; property = "TaskSetArn"; break;
                case ResourceTag tag: arn = tag.ResourceArn; property = "ResourceArn"; break;
                default:
                    var wrapped = pso ?? PSObject.AsPSObject(value);
                    foreach (var name in new[] { "ResourceArn", "Arn" })
                    {
                        var found = wrapped.Properties[name]?.Value;
                        if (found is PSObject inner) found = inner.BaseObject;
                        if (found is string s2 && s2.Length > 0) return s2;
                    }
                    problem = $"A piped {value.GetType().Name} does not say which ECS resource it is. Pipe clusters, services, task definitions, " +
                              "tasks, container instances, capacity providers or task sets from EcsPS, objects with a ResourceArn or Arn property, " +
                              "or ARN strings; or pass -ResourceArn with the ARN you mean (such as $service.ServiceArn).";
                    return null;
            }
            if (string.IsNullOrEmpty(arn))
                problem = $"The piped {value.GetType().Name} has no {property}, so which resource it is cannot be told. Get it again with its Get-Ecs*X cmdlet, or pass -ResourceArn.";
            return string.IsNullOrEmpty(arn) ? null : arn;
        }

        /// <summary>Null when every key is one a tag can have and ECS lets users change; otherwise what is allowed.</summary>
        public static string CheckKeys(IEnumerable<string> keys)
        {
            var list = keys?.ToList() ?? new List<string>();
            if (list.Count == 0) return "Give at least one tag key.";
            var seen = new HashSet<string>(StringComparer.Ordinal);
            // The key rules are the tag rules; a duplicate key is harmless when removing.
            return EcsRules.CheckTags(list.Where(k => seen.Add(k ?? string.Empty)).Select(k => new Tag(k, string.Empty)).ToList());
        }
    }

    /// <summary>Validates ARNs of taggable ECS resources at parameter binding.</summary>
    [AttributeUsage(AttributeTargets.Property | AttributeTargets.Field)]
    public sealed class ValidateEcsTaggableArnAttribute : ValidateEnumeratedArgumentsAttribute
    {
        protected override void ValidateElement(object element)
        {
            var value = element is PSObject pso ? pso.BaseObject : element;
            var message = TaggableResources.CheckArn(value?.ToString());
            if (message != null) throw new ValidationMetadataException(message);
        }
    }

    /// <summary>Validates tag keys (to remove) against the ECS tag rules at parameter binding.</summary>
    [AttributeUsage(AttributeTargets.Property | AttributeTargets.Field)]
    public sealed class ValidateEcsTagKeysAttribute : ValidateArgumentsAttribute
    {
        protected override void Validate(object arguments, EngineIntrinsics engineIntrinsics)
        {
            var value = arguments is PSObject pso ? pso.BaseObject : arguments;
            IEnumerable<string> keys = value is string single ? new[] { single }
                : (value as System.Collections.IEnumerable)?.Cast<object>().Select(o => (o is PSObject p ? p.BaseObject : o)?.ToString());
            var message = TaggableResources.CheckKeys(keys);
            if (message != null) throw new ValidationMetadataException(message);
        }
    }
}
