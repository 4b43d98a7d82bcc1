using System;
using System.Collections;
using System.Management.Automation;
using System.Text.RegularExpressions;
using EcsPS.Engine.Ecs;

namespace EcsPS.Ecs
{
    /// <summary>
    /// The shapes of values ECS passes on to other services (EC2 ids, IAM roles, CloudWatch alarms,
    /// container images), checked at parameter binding so that a typo costs nothing. A value piped
    /// in that fails is refused for that pipeline item alone, as PowerShell's binding does.
    /// </summary>
    internal static class EcsValues
    {
        // EC2 issues ids of 8 hex digits (before 2018) and of 17; anything between is harmless to
        // let through, while 'subnet-', 'sg- 123' and 'vpc-...' are not ids of the kind at all.
        private static readonly Regex Subnet = new Regex("^subnet-[0-9a-f]{8,17}$", RegexOptions.Compiled);
        private static readonly Regex SecurityGroup = new Regex("^sg-[0-9a-f]{8,17}$", RegexOptions.Compiled);

        /// <summary>Null when valid; otherwise what is allowed.</summary>
        public static string CheckEc2Id(string kind, string value)
        {
            var (pattern, prefix, example) = kind == "subnet"
                ? (Subnet, "subnet-", "subnet-0123456789abcdef0")
                : (SecurityGroup, "sg-", "sg-0123456789abcdef0");
            if (value != null && pattern.IsMatch(value)) return null;
            var what = string.IsNullOrEmpty(value) ? "An empty string" : $"'{value}'";
            return $"{what} is not a {kind} id. A {kind} id is {prefix} followed by 8 to 17 lower-case hex digits (0-9, a-f), such as {example}.";
        }

        /// <summary>CloudWatch alarm names: 1 to 255 characters, none of them control characters.</summary>
        public static string CheckAlarmName(string value)
        {
            const string rule = "A CloudWatch alarm name is 1 to 255 characters, not only spaces, with no control characters; pass -Alarm @() to remove the deployment alarms.";
            if (string.IsNullOrWhiteSpace(value))
                return (string.IsNullOrEmpty(value) ? "An empty string" : "A name of only spaces") + " is not an alarm name. " + rule;
            if (value.Length > 255) return $"The alarm name '{value.Substring(0, 20)}...' is {value.Length} characters long. {rule}";
            foreach (var c in value)
                if (char.IsControl(c)) return $"The alarm name '{value}' has a control character (U+{(int)c:X4}). {rule}";
            return null;
        }

        /// <summary>Fargate platform versions: LATEST or a version number such as 1.4.0.</summary>
        public static string CheckPlatformVersion(string value)
            => value != null && Regex.IsMatch(value, @"^(?:LATEST|[0-9]+\.[0-9]+\.[0-9]+)$") ? null
                : $"'{value}' is not a Fargate platform version. Use LATEST or a version number such as 1.4.0.";
    }

    internal static class Elements
    {
        public static string Text(object element)
        {
            var value = element is PSObject pso ? pso.BaseObject : element;
            return value?.ToString();
        }
    }

    /// <summary>Validates subnet or security group ids at parameter binding.</summary>
    [AttributeUsage(AttributeTargets.Property | AttributeTargets.Field)]
    public sealed class ValidateEc2IdAttribute : ValidateEnumeratedArgumentsAttribute
    {
        /// <param name="kind">"subnet" or "security group".</param>
        public ValidateEc2IdAttribute(string kind) => Kind = kind;

        public string Kind { get; }

        protected override void ValidateElement(object element)
        {
            var message = EcsValues.CheckEc2Id(Kind, Elements.Text(element));
            if (message != null) throw new ValidationMetadataException(message);
        }
    }

    /// <summary>Validates IAM role ARNs (and, where ECS takes them, role names) at parameter binding.</summary>
    [AttributeUsage(AttributeTargets.Property | AttributeTargets.Field)]
    public sealed class ValidateRoleArnAttribute : ValidateEnumeratedArgumentsAttribute
    {
        /// <param name="what">The role in words: "task execution role", "task role".</param>
        public ValidateRoleArnAttribute(string what) => What = what;

        public string What { get; }
        public bool AllowName { get; set; }

        protected override void ValidateElement(object element)
        {
            var message = EcsRules.CheckRoleArn(What, Elements.Text(element), AllowName);
            if (message != null) throw new ValidationMetadataException(message);
        }
    }

    /// <summary>Validates container image references at parameter binding.</summary>
    [AttributeUsage(AttributeTargets.Property | AttributeTargets.Field)]
    public sealed class ValidateImageAttribute : ValidateEnumeratedArgumentsAttribute
    {
        protected override void ValidateElement(object element)
        {
            var message = EcsRules.CheckImage(Elements.Text(element));
            if (message != null) throw new ValidationMetadataException(message);
        }
    }

    /// <summary>Validates -Image @{ container = 'image:tag' }: container names and image references.</summary>
    [AttributeUsage(AttributeTargets.Property | AttributeTargets.Field)]
    public sealed class ValidateImageMapAttribute : ValidateArgumentsAttribute
    {
        protected override void Validate(object arguments, EngineIntrinsics engineIntrinsics)
        {
            var table = (arguments is PSObject pso ? pso.BaseObject : arguments) as IDictionary;
            if (table == null) return;
            foreach (DictionaryEntry entry in table)
            {
                var container = entry.Key?.ToString();
                var nameProblem = EcsRules.CheckName("container", container);
                if (nameProblem != null) throw new ValidationMetadataException("-Image @{ container = 'image' }: " + nameProblem);
                var image = entry.Value is null ? null : LanguagePrimitives.ConvertTo<string>(entry.Value);
                var imageProblem = EcsRules.CheckImage(image);
                if (imageProblem != null) throw new ValidationMetadataException($"-Image: the image for '{container}': {imageProblem}");
            }
        }
    }

    /// <summary>Validates CloudWatch alarm names at parameter binding.</summary>
    [AttributeUsage(AttributeTargets.Property | AttributeTargets.Field)]
    public sealed class ValidateAlarmNameAttribute : ValidateEnumeratedArgumentsAttribute
    {
        protected override void ValidateElement(object element)
        {
            var message = EcsValues.CheckAlarmName(Elements.Text(element));
            if (message != null) throw new ValidationMetadataException(message);
        }
    }

    /// <summary>Validates Fargate platform versions at parameter binding.</summary>
    [AttributeUsage(AttributeTargets.Property | AttributeTargets.Field)]
    public sealed class ValidatePlatformVersionAttribute : ValidateEnumeratedArgumentsAttribute
    {
        protected override void ValidateElement(object element)
        {
            var message = EcsValues.CheckPlatformVersion(Elements.Text(element));
            if (message != null) throw new ValidationMetadataException(message);
        }
    }
}
