using System;
using System.Text.RegularExpressions;
using EcsPS.Engine.Runtime;

namespace EcsPS.Ecs
{
    /// <summary>The three ways ECS names a task definition: family, family:revision, ARN.</summary>
    internal static class TaskDefinitionNames
    {
        private static readonly Regex FamilyRevision = new Regex("^[A-Za-z0-9_-]{1,255}:[1-9][0-9]*$", RegexOptions.Compiled);

        public static bool IsRevision(string value) => value != null && (FamilyRevision.IsMatch(value) || IsRevisionArn(value));

        private static bool IsRevisionArn(string value)
            => Arn.TryParse(value, out var arn) && EcsNames.IsEcsArn(arn) && arn.ResourceType == "task-definition"
               && arn.ResourcePath.Count == 1 && FamilyRevision.IsMatch(arn.ResourcePath[0]);

        /// <summary>Null when valid; otherwise what is allowed.</summary>
        public static string Check(string value, bool requireRevision)
        {
            if (IsRevision(value)) return null;
            if (Arn.IsArn(value))
                return $"'{value}' is not a task definition ARN. One looks like arn:aws:ecs:us-east-1:123456789012:task-definition/web:3.";
            if (EcsNames.IsValidName(value))
                return requireRevision
                    ? $"'{value}' names a whole family, not one revision. Give family:revision (such as {value}:3) or the ARN; to act on every revision, pipe them from Get-EcsTaskDefinitionX -Family {value} -AllRevisions."
                    : null;
            return $"'{value}' is not a task definition. Use a family ({EcsNames.NameRule}), family:revision such as web:3, or an ARN.";
        }
    }

    /// <summary>Validates task definition references at parameter binding.</summary>
    [AttributeUsage(AttributeTargets.Property | AttributeTargets.Field)]
    public sealed class ValidateTaskDefinitionAttribute : System.Management.Automation.ValidateEnumeratedArgumentsAttribute
    {
        public bool RequireRevision { get; set; }

        protected override void ValidateElement(object element)
        {
            var value = element is System.Management.Automation.PSObject pso ? pso.BaseObject : element;
            var message = TaskDefinitionNames.Check(value?.ToString(), RequireRevision);
            if (message != null) throw new System.Management.Automation.ValidationMetadataException(message);
        }
    }
}
