using System;
using System.Management.Automation;
using System.Text.RegularExpressions;

namespace EcsPS.Ecs.Tasks
{
    /// <summary>Value rules of the task cmdlets.</summary>
    internal static class TaskValues
    {
        // ECS's rule for startedBy (RunTask, StartTask, ListTasks).
        private static readonly Regex StartedByRule = new Regex("^[A-Za-z0-9_/-]{1,128}$", RegexOptions.Compiled);

        public const int MaxReasonLength = 255;

        public static string CheckStartedBy(string value)
        {
            if (value != null && StartedByRule.IsMatch(value)) return null;
            var what = string.IsNullOrEmpty(value) ? "An empty string" : $"'{value}'";
            return $"{what} is not a valid startedBy value. Use 1 to 128 letters, digits, hyphens (-), slashes (/) and underscores (_).";
        }

        public static string CheckReason(string value)
        {
            if (string.IsNullOrWhiteSpace(value)) return "The reason is empty. Give a short text (up to 255 characters) that says why, or leave out -Reason.";
            return value.Length <= MaxReasonLength ? null
                : $"The reason is {value.Length} characters long; ECS keeps at most {MaxReasonLength}. Shorten it.";
        }
    }

    [AttributeUsage(AttributeTargets.Property | AttributeTargets.Field)]
    public sealed class ValidateStartedByAttribute : ValidateEnumeratedArgumentsAttribute
    {
        protected override void ValidateElement(object element)
        {
            var message = TaskValues.CheckStartedBy(Elements.Text(element));
            if (message != null) throw new ValidationMetadataException(message);
        }
    }

    [AttributeUsage(AttributeTargets.Property | AttributeTargets.Field)]
    public sealed class ValidateStopReasonAttribute : ValidateEnumeratedArgumentsAttribute
    {
        protected override void ValidateElement(object element)
        {
            var message = TaskValues.CheckReason(Elements.Text(element));
            if (message != null) throw new ValidationMetadataException(message);
        }
    }

    /// <summary>
    /// A container instance id or ARN, or null: [ValidateEcsResourceId] refuses null before
    /// [AllowNull] is asked, and a piped task that runs on Fargate has a null ContainerInstanceArn.
    /// </summary>
    [AttributeUsage(AttributeTargets.Property | AttributeTargets.Field)]
    public sealed class ValidateContainerInstanceOrNullAttribute : ValidateArgumentsAttribute
    {
        protected override void Validate(object arguments, EngineIntrinsics engineIntrinsics)
        {
            var value = Elements.Text(arguments);
            if (value == null) return;
            var message = EcsNames.CheckResourceId("container instance", value);
            if (message != null) throw new ValidationMetadataException(message);
        }
    }
}
