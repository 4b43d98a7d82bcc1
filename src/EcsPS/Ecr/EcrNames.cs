using System;
using System.Management.Automation;
using EcsPS.Engine.Ecr;

namespace EcsPS.Ecr
{
    /// <summary>ECR's rules for repository names, tags, digests and registry ids, applied at binding.</summary>
    internal static class EcrNames
    {
        public static string CheckRepositoryName(string value, bool allowWildcards)
        {
            if (string.IsNullOrEmpty(value)) return "A repository name cannot be empty.";
            if (allowWildcards && WildcardPattern.ContainsWildcardCharacters(value))
                return value.Length <= 256 ? null : "A repository name pattern is at most 256 characters.";
            return EcrImageReference.IsRepositoryName(value) ? null
                : $"'{value}' is not an ECR repository name: 2 to 256 lowercase letters, digits and . _ - /, each part between / starting and ending with a letter or digit (for example team/web).";
        }

        public static string CheckTag(string value, bool allowWildcards)
        {
            if (string.IsNullOrEmpty(value)) return "An image tag cannot be empty.";
            if (allowWildcards && WildcardPattern.ContainsWildcardCharacters(value))
                return value.Length <= 128 ? null : "An image tag pattern is at most 128 characters.";
            return EcrImageReference.IsTag(value) ? null
                : $"'{value}' is not an image tag: 1 to 128 letters, digits, _ . and -, not starting with . or -.";
        }

        public static string CheckDigest(string value)
            => EcrImageReference.IsDigest(value) ? null : $"'{value}' is not an image digest: sha256: followed by 64 lowercase hex digits.";

        public static string CheckRegistry(string value)
        {
            if (value != null && value.Length == 12 && long.TryParse(value, out _)) return null;
            return $"'{value}' is not a registry id: the 12-digit account id that owns the registry.";
        }
    }

    /// <summary>Validates ECR values at binding: kind "repository", "tag", "digest" or "registry".</summary>
    [AttributeUsage(AttributeTargets.Property | AttributeTargets.Field)]
    public sealed class ValidateEcrValueAttribute : ValidateEnumeratedArgumentsAttribute
    {
        public ValidateEcrValueAttribute(string kind) => Kind = kind;

        public string Kind { get; }
        public bool AllowWildcards { get; set; }

        protected override void ValidateElement(object element)
        {
            var value = (element is PSObject pso ? pso.BaseObject : element)?.ToString();
            string message;
            switch (Kind)
            {
                case "repository": message = EcrNames.CheckRepositoryName(value, AllowWildcards); break;
                case "tag": message = EcrNames.CheckTag(value, AllowWildcards); break;
                case "digest": message = EcrNames.CheckDigest(value); break;
                default: message = EcrNames.CheckRegistry(value); break;
            }
            if (message != null) throw new ValidationMetadataException(message);
        }
    }
}
