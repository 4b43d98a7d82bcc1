using System;
using System.Collections.Generic;
using System.Linq;
using System.Management.Automation;
using EcsPS.Engine.Runtime;

namespace EcsPS.Ecs.AccountSettings
{
    /// <summary>
    /// The values each ECS account setting takes, as the PutAccountSetting reference fixes them,
    /// and the principals a setting can be for. The setting names themselves are botocore's
    /// SettingName enum (the cmdlets' ValidateSet; a test holds the two together).
    /// </summary>
    internal static class AccountSettingRules
    {
        private static readonly string[] OnOff = { "enabled", "disabled" };

        private static readonly Dictionary<string, string[]> Values = new Dictionary<string, string[]>(StringComparer.Ordinal)
        {
            ["serviceLongArnFormat"] = OnOff,
            ["taskLongArnFormat"] = OnOff,
            ["containerInstanceLongArnFormat"] = OnOff,
            ["awsvpcTrunking"] = OnOff,
            ["fargateFIPSMode"] = OnOff,
            ["fargateEventWindows"] = OnOff,
            ["containerInsights"] = new[] { "enabled", "disabled", "enhanced" },
            ["tagResourceAuthorization"] = new[] { "on", "off" },
            ["fargateTaskRetirementWaitPeriod"] = new[] { "0", "7", "14" },
            ["defaultLogDriverMode"] = new[] { "blocking", "non-blocking" },
        };

        /// <summary>Settings that ECS reports but no user sets.</summary>
        public const string ReadOnly = "guardDutyActivate";

        /// <summary>Null when the value is one the setting takes, else what it takes; <paramref name="spelled"/> is the value in ECS's spelling.</summary>
        public static string CheckValue(string name, string value, out string spelled)
        {
            spelled = value;
            if (name == ReadOnly)
                return "guardDutyActivate is read-only: Amazon GuardDuty sets it when a security administrator turns on ECS Runtime Monitoring. " +
                       "Get-EcsAccountSettingX -Name guardDutyActivate shows it.";
            if (!Values.TryGetValue(name, out var allowed)) return null;
            var match = allowed.FirstOrDefault(a => string.Equals(a, value?.Trim(), StringComparison.OrdinalIgnoreCase));
            if (match != null)
            {
                spelled = match;
                return null;
            }
            var what = string.IsNullOrEmpty(value) ? "An empty value" : $"'{value}'";
            var days = name == "fargateTaskRetirementWaitPeriod" ? " (days to wait before Fargate retires a task)" : string.Empty;
            return $"{what} is not a value of {name}. It takes {string.Join(", ", allowed.Take(allowed.Length - 1))} or {allowed[allowed.Length - 1]}{days}.";
        }

        /// <summary>Null when the value is the ARN of an IAM user, an IAM role or an account's root user; otherwise what is allowed.</summary>
        public static string CheckPrincipalArn(string value)
        {
            const string rule = "Give the ARN of an IAM user (arn:aws:iam::123456789012:user/alice), an IAM role (arn:aws:iam::123456789012:role/deploy) " +
                                "or the account's root user (arn:aws:iam::123456789012:root).";
            var what = string.IsNullOrEmpty(value) ? "An empty string" : $"'{value}'";
            if (!Arn.TryParse(value, out var arn) || arn.Service != "iam" || !System.Text.RegularExpressions.Regex.IsMatch(arn.Account, "^\\d{12}$")
                || !string.IsNullOrEmpty(arn.Region))
                return $"{what} is not an IAM principal ARN. {rule}";
            if (arn.Resource == "root") return null;
            if ((arn.ResourceType == "user" || arn.ResourceType == "role") && arn.ResourcePath.Count > 0 && arn.ResourcePath.All(p => p.Length > 0))
                return null;
            return $"{what} is the ARN of an IAM {arn.ResourceType}, which cannot have ECS account settings. {rule}";
        }
    }

    /// <summary>Validates IAM principal ARNs (users, roles, root) at parameter binding.</summary>
    [AttributeUsage(AttributeTargets.Property | AttributeTargets.Field)]
    public sealed class ValidatePrincipalArnAttribute : ValidateEnumeratedArgumentsAttribute
    {
        protected override void ValidateElement(object element)
        {
            var value = element is PSObject pso ? pso.BaseObject : element;
            var message = AccountSettingRules.CheckPrincipalArn(value?.ToString());
            if (message != null) throw new ValidationMetadataException(message);
        }
    }
}
