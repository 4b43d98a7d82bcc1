using System;
using System.Collections;
using System.Collections.Generic;
using System.Management.Automation;
using System.Text.RegularExpressions;
using EcsPS.Engine.Ecs;
using EcsPS.Engine.Ecs.Model;
using EcsPS.Engine.Runtime;

namespace EcsPS.Ecs
{
    /// <summary>The ECS naming rules, checked before any request so that a typo costs nothing.</summary>
    internal static class EcsNames
    {
        private static readonly Regex Partition = new Regex("^aws[a-z-]*$", RegexOptions.Compiled);
        private static readonly Regex Region = new Regex("^[a-z0-9-]+$", RegexOptions.Compiled);
        private static readonly Regex Account = new Regex("^\\d{12}$", RegexOptions.Compiled);
        private static readonly Regex ResourcePart = new Regex("^[A-Za-z-]+/\\S+$", RegexOptions.Compiled);

        public const string NameRule = EcsRules.NameRule;

        public static bool IsValidName(string value) => EcsRules.IsValidName(value);

        public static bool IsEcsArn(string value) => Arn.TryParse(value, out var arn) && IsEcsArn(arn);

        /// <summary>An ECS ARN: an AWS partition, service ecs, a region, a 12-digit account and type/name.</summary>
        public static bool IsEcsArn(Arn arn)
            => Partition.IsMatch(arn.Partition) && arn.Service == "ecs" && Region.IsMatch(arn.Region)
               && Account.IsMatch(arn.Account) && ResourcePart.IsMatch(arn.Resource);

        /// <summary>Null when valid; otherwise the message that says what is allowed.</summary>
        public static string CheckName(string kind, string value, bool allowArn, bool allowWildcards)
        {
            if (allowArn && Arn.IsArn(value))
            {
                var resource = ArnResourceType(kind);
                var example = $"arn:aws:ecs:us-east-1:123456789012:{resource}/name";
                if (!Arn.TryParse(value, out var arn) || !IsEcsArn(arn))
                    return $"'{value}' is not a valid ECS {kind} ARN. An ARN looks like {example}.";
                var type = arn.ResourceType;
                return string.Equals(type, resource, StringComparison.Ordinal) ? null
                    : $"'{value}' is the ARN of a {type.Replace('-', ' ')}, not of a {kind}. A {kind} ARN looks like {example}.";
            }
            if (allowWildcards && WildcardPattern.ContainsWildcardCharacters(value))
            {
                var literal = Regex.Replace(value, @"[*?\[\]]", "a");
                if (IsValidName(literal)) return null;
            }
            if (IsValidName(value)) return null;
            var what = string.IsNullOrEmpty(value) ? "An empty string" : $"'{value}'";
            var extra = allowArn ? " (or a full ARN)" : string.Empty;
            return $"{what} is not a valid {kind} name. Use {NameRule}{extra}.";
        }

        // Task and container instance ids: 32 hex digits, or a UUID for those made before ECS's
        // long ARN format.
        private static readonly Regex ResourceId = new Regex(
            "^(?:[0-9a-f]{32}|[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12})$", RegexOptions.Compiled);

        public static bool IsResourceId(string value) => value != null && ResourceId.IsMatch(value);

        /// <summary>
        /// Null when the value is a task (kind "task") or container instance ("container instance")
        /// id or ARN; otherwise the message that says what is allowed.
        /// </summary>
        public static string CheckResourceId(string kind, string value)
        {
            var resource = ArnResourceType(kind);
            var example = $"arn:aws:ecs:us-east-1:123456789012:{resource}/prod/0123456789abcdef0123456789abcdef";
            if (Arn.IsArn(value))
            {
                if (!Arn.TryParse(value, out var arn) || !IsEcsArn(arn))
                    return $"'{value}' is not a valid ECS {kind} ARN. An ARN looks like {example}.";
                if (!string.Equals(arn.ResourceType, resource, StringComparison.Ordinal))
                    return $"'{value}' is the ARN of a {arn.ResourceType.Replace('-', ' ')}, not of a {kind}. A {kind} ARN looks like {example}.";
                return IsResourceId(arn.Name) ? null
                    : $"'{value}' does not end in a {kind} id. A {kind} ARN looks like {example}.";
            }
            if (IsResourceId(value)) return null;
            var what = string.IsNullOrEmpty(value) ? "An empty string" : $"'{value}'";
            return $"{what} is not a {kind} id. Use the 32 hexadecimal digits of the id (0123456789abcdef0123456789abcdef) or the full {kind} ARN.";
        }

        /// <summary>The resource type in an ECS ARN for a kind of name: "cluster" → cluster, "capacity provider" → capacity-provider.</summary>
        private static string ArnResourceType(string kind) => kind.Replace(' ', '-');

        public static List<Tag> ToTags(IDictionary table)
        {
            if (table == null) return null;
            var tags = new List<Tag>();
            foreach (DictionaryEntry entry in table)
            {
                var key = entry.Key?.ToString() ?? string.Empty;
                var value = entry.Value is null ? string.Empty : LanguagePrimitives.ConvertTo<string>(entry.Value);
                tags.Add(new Tag(key, value));
            }
            tags.Sort((a, b) => string.CompareOrdinal(a.Key, b.Key));
            return tags;
        }

        public static string CheckTags(IDictionary table) => table == null ? null : EcsRules.CheckTags(ToTags(table));
    }

    /// <summary>Validates ECS resource names (and, where allowed, ARNs and wildcards) at parameter binding.</summary>
    [AttributeUsage(AttributeTargets.Property | AttributeTargets.Field)]
    public sealed class ValidateEcsNameAttribute : ValidateEnumeratedArgumentsAttribute
    {
        public ValidateEcsNameAttribute(string kind) => Kind = kind;

        public string Kind { get; }
        public bool AllowArn { get; set; }
        public bool AllowWildcards { get; set; }

        protected override void ValidateElement(object element)
        {
            var value = element is PSObject pso ? pso.BaseObject : element;
            var message = EcsNames.CheckName(Kind, value?.ToString(), AllowArn, AllowWildcards);
            if (message != null) throw new ValidationMetadataException(message);
        }
    }

    /// <summary>Validates task or container instance ids and ARNs at parameter binding
    /// (kind "task" or "container instance").</summary>
    [AttributeUsage(AttributeTargets.Property | AttributeTargets.Field)]
    public sealed class ValidateEcsResourceIdAttribute : ValidateEnumeratedArgumentsAttribute
    {
        public ValidateEcsResourceIdAttribute(string kind) => Kind = kind;

        public string Kind { get; }

        protected override void ValidateElement(object element)
        {
            var value = element is PSObject pso ? pso.BaseObject : element;
            var message = EcsNames.CheckResourceId(Kind, value?.ToString());
            if (message != null) throw new ValidationMetadataException(message);
        }
    }

    /// <summary>Validates a tag hashtable against the ECS tag rules at parameter binding.</summary>
    [AttributeUsage(AttributeTargets.Property | AttributeTargets.Field)]
    public sealed class ValidateEcsTagsAttribute : ValidateArgumentsAttribute
    {
        protected override void Validate(object arguments, EngineIntrinsics engineIntrinsics)
        {
            var value = arguments is PSObject pso ? pso.BaseObject : arguments;
            var message = EcsNames.CheckTags(value as IDictionary);
            if (message != null) throw new ValidationMetadataException(message);
        }
    }
}
