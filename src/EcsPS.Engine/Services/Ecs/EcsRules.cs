using System;
using System.Collections.Generic;
using System.Globalization;
using System.Linq;
using System.Text.RegularExpressions;
using EcsPS.Engine.Ecs.Model;

namespace EcsPS.Engine.Ecs
{
    /// <summary>ECS limits and naming rules (from the ECS API reference), checked before sending.</summary>
    public static class EcsRules
    {
        private static readonly Regex NamePattern = new Regex("^[A-Za-z0-9_-]{1,255}$", RegexOptions.Compiled);
        private static readonly Regex TagCharacters = new Regex(@"^[\p{L}\p{Z}\p{N}_.:/=+\-@]*$", RegexOptions.Compiled);

        public const string NameRule = "1 to 255 letters (A-Z, a-z), digits, hyphens (-) and underscores (_)";
        public const int MaxTags = 50;

        public static bool IsValidName(string value) => value != null && NamePattern.IsMatch(value);

        /// <summary>Null when valid; otherwise a message that says what is allowed.</summary>
        public static string CheckName(string kind, string value)
        {
            if (IsValidName(value)) return null;
            var what = string.IsNullOrEmpty(value) ? "An empty name" : $"'{value}'";
            return $"{what} is not a valid {kind} name. Use {NameRule}.";
        }

        public static string CheckTags(IReadOnlyList<Tag> tags)
        {
            if (tags == null) return null;
            if (tags.Count > MaxTags) return $"{tags.Count} tags were given; a resource takes at most {MaxTags}.";
            var seen = new HashSet<string>(StringComparer.Ordinal);
            foreach (var tag in tags)
            {
                var key = tag.Key ?? string.Empty;
                var value = tag.Value ?? string.Empty;
                if (key.Length < 1 || key.Length > 128)
                    return $"The tag key '{key}' must be 1 to 128 characters long.";
                if (value.Length > 256)
                    return $"The value of tag '{key}' is {value.Length} characters long; the limit is 256.";
                if (!TagCharacters.IsMatch(key) || !TagCharacters.IsMatch(value))
                    return $"The tag '{key}' has a character that tags do not allow. Use letters, digits, spaces and _ . : / = + - @.";
                if (key.StartsWith("aws:", StringComparison.OrdinalIgnoreCase))
                    return $"The tag key '{key}' uses the reserved 'aws:' prefix.";
                if (!seen.Add(key))
                    return $"The tag key '{key}' is given twice.";
            }
            return null;
        }

        /// <summary>Task CPU in units (1 vCPU = 1024) from "256", "1024" or "0.25 vCPU"; null if unreadable.</summary>
        public static int? ParseCpuUnits(string cpu)
        {
            if (string.IsNullOrWhiteSpace(cpu)) return null;
            var text = cpu.Trim();
            var m = Regex.Match(text, @"^(\d*\.?\d+)\s*vcpu$", RegexOptions.IgnoreCase);
            if (m.Success) return (int)Math.Round(decimal.Parse(m.Groups[1].Value, CultureInfo.InvariantCulture) * 1024);
            return int.TryParse(text, NumberStyles.None, CultureInfo.InvariantCulture, out var units) ? units : (int?)null;
        }

        /// <summary>Task memory in MiB from "512", "2048" or "2 GB"; null if unreadable.</summary>
        public static int? ParseMemoryMiB(string memory)
        {
            if (string.IsNullOrWhiteSpace(memory)) return null;
            var text = memory.Trim();
            var m = Regex.Match(text, @"^(\d*\.?\d+)\s*gb$", RegexOptions.IgnoreCase);
            if (m.Success) return (int)Math.Round(decimal.Parse(m.Groups[1].Value, CultureInfo.InvariantCulture) * 1024);
            return int.TryParse(text, NumberStyles.None, CultureInfo.InvariantCulture, out var mib) ? mib : (int?)null;
        }

        // Fargate (Linux) task sizes: CPU units → allowed memory (MiB) as first, last, step.
        private static readonly Dictionary<int, (int From, int To, int Step)> FargateSizes = new Dictionary<int, (int, int, int)>
        {
            [256] = (512, 2048, 512),
            [512] = (1024, 4096, 1024),
            [1024] = (2048, 8192, 1024),
            [2048] = (4096, 16384, 1024),
            [4096] = (8192, 30720, 1024),
            [8192] = (16384, 61440, 4096),
            [16384] = (32768, 122880, 8192),
        };

        // Windows containers on Fargate come in the middle three sizes only: at least 1 vCPU
        // (the ECS API reference, RegisterTaskDefinition memory), and not the 8 and 16 vCPU sizes,
        // which the Fargate task size table lists for Linux alone.
        private static readonly int[] WindowsFargateCpu = { 1024, 2048, 4096 };

        /// <summary>Null when the pair is a valid Fargate size; otherwise what would be.</summary>
        /// <param name="windows">The task runs Windows containers (runtimePlatform.operatingSystemFamily WINDOWS_*).</param>
        public static string CheckFargateSize(int cpu, int memory, bool windows = false)
        {
            if (windows && !WindowsFargateCpu.Contains(cpu))
                return $"Windows containers on Fargate need at least 1 vCPU: use {string.Join(", ", WindowsFargateCpu.Take(WindowsFargateCpu.Length - 1))} or {WindowsFargateCpu.Last()} CPU units, not {cpu}.";
            if (!FargateSizes.TryGetValue(cpu, out var range))
                return $"Fargate does not offer {cpu} CPU units. Use one of: {string.Join(", ", FargateSizes.Keys)} (1024 = 1 vCPU).";
            if (cpu == 256 && (memory == 512 || memory == 1024 || memory == 2048)) return null;
            if (cpu != 256 && memory >= range.From && memory <= range.To && (memory - range.From) % range.Step == 0) return null;
            var allowed = cpu == 256 ? "512, 1024 or 2048"
                : $"{range.From} to {range.To} in steps of {range.Step}";
            return $"Fargate does not offer {memory} MiB with {cpu} CPU units. With {cpu} CPU units use {allowed} MiB.";
        }

        // ---- images ------------------------------------------------------------------------

        // The reference grammar of the OCI distribution spec (as Docker and containerd read it):
        // [registry[:port]/]path[:tag][@digest]. Path components are lower case; ECS adds that the
        // only digest it takes is sha256 with 64 hex digits, and 255 characters before the '@'.
        private static readonly Regex RegistryHost = new Regex(
            @"^(?:(?:[A-Za-z0-9](?:[A-Za-z0-9-]*[A-Za-z0-9])?)(?:\.(?:[A-Za-z0-9](?:[A-Za-z0-9-]*[A-Za-z0-9])?))*|\[[0-9A-Fa-f:]+\])(?::[0-9]+)?$",
            RegexOptions.Compiled);
        private static readonly Regex PathComponent = new Regex(@"^[a-z0-9]+(?:(?:[._]|__|-+)[a-z0-9]+)*$", RegexOptions.Compiled);
        private static readonly Regex ImageTag = new Regex(@"^[A-Za-z0-9_][A-Za-z0-9_.-]{0,127}$", RegexOptions.Compiled);
        private static readonly Regex ImageDigest = new Regex(@"^sha256:[0-9A-Fa-f]{64}$", RegexOptions.Compiled);
        private static readonly Regex EcrRegistry = new Regex(
            @"^[0-9]{12}\.(?:dkr\.ecr(?:-fips)?\.[a-z0-9-]+\.amazonaws\.com(?:\.cn)?|dkr-ecr(?:-fips)?\.[a-z0-9-]+\.on\.aws)/", RegexOptions.Compiled);

        public const string ImageRule =
            "Write [registry/]repository[:tag][@sha256:digest], such as nginx:1.27 or 123456789012.dkr.ecr.us-east-1.amazonaws.com/web:2.1: " +
            "no spaces, a repository path of lower-case letters and digits separated by '/', '.', '_' or '-', " +
            "a tag of up to 128 letters, digits, '_', '.' and '-', and a digest of sha256: and 64 hex digits";

        /// <summary>Null when the image reference is one a container runtime can pull; otherwise what is wrong and what is allowed.</summary>
        public static string CheckImage(string image)
        {
            var problem = ImageProblem(image);
            return problem == null ? null : $"{problem}. {ImageRule}.";
        }

        private static string ImageProblem(string image)
        {
            if (string.IsNullOrWhiteSpace(image)) return "The image is empty";
            var quoted = $"'{image}'";
            if (image.Any(char.IsWhiteSpace)) return $"{quoted} has white space in it";
            var name = image;
            var at = name.IndexOf('@');
            if (at >= 0)
            {
                var digest = name.Substring(at + 1);
                if (!ImageDigest.IsMatch(digest)) return $"{quoted} has the digest '{digest}', and ECS takes only sha256: followed by 64 hex digits";
                name = name.Substring(0, at);
            }
            if (name.Length > 255) return $"{quoted} is {name.Length} characters long before any digest; ECS takes at most 255";
            var lastSlash = name.LastIndexOf('/');
            var colon = name.LastIndexOf(':');
            if (colon > lastSlash)
            {
                var tag = name.Substring(colon + 1);
                if (!ImageTag.IsMatch(tag)) return $"{quoted} has the tag '{tag}', which is not a tag";
                name = name.Substring(0, colon);
            }
            var parts = name.Split('/');
            var first = 0;
            // As Docker reads it, the first component names a registry when there are more and it
            // has a '.' or a ':' in it, is localhost, or has upper case letters (docker.io/... otherwise).
            if (parts.Length > 1 && (parts[0].IndexOfAny(new[] { '.', ':' }) >= 0 || parts[0] == "localhost" || parts[0].Any(char.IsUpper)))
            {
                if (!RegistryHost.IsMatch(parts[0])) return $"{quoted} names the registry '{parts[0]}', which is not a host name (with an optional :port)";
                first = 1;
            }
            for (var i = first; i < parts.Length; i++)
            {
                var part = parts[i];
                if (part.Length == 0) return $"{quoted} has an empty repository path component (two '/' in a row, or one at an end)";
                if (part.Any(char.IsUpper) && PathComponent.IsMatch(part.ToLowerInvariant()))
                    return $"{quoted} has upper-case letters in the repository path ('{part}'); repository paths are lower case";
                if (!PathComponent.IsMatch(part)) return $"{quoted} has '{part}' in its repository path, which is not a path component";
            }
            return null;
        }

        /// <summary>Whether an image lives in a private Amazon ECR registry (pulling it needs an IAM role).</summary>
        public static bool IsPrivateEcrImage(string image) => image != null && EcrRegistry.IsMatch(image);

        // ---- IAM roles ---------------------------------------------------------------------

        // arn:<partition>:iam::<account>:role/[<path>/]<name>: IAM has no region; a path is
        // printable ASCII between slashes, a name 1 to 64 of letters, digits and + = , . @ _ -.
        private static readonly Regex RoleArn = new Regex(@"^arn:aws[a-z-]*:iam::[0-9]{12}:role/(?:[\x21-\x2E\x30-\x7E]+/)*[\w+=,.@-]{1,64}$", RegexOptions.Compiled);
        private static readonly Regex RoleName = new Regex(@"^[\w+=,.@-]{1,64}$", RegexOptions.Compiled);

        public const string RoleArnForm = "arn:aws:iam::123456789012:role/ecsTaskExecutionRole (arn:<partition>:iam::<12-digit account>:role/[<path>/]<role name>)";

        /// <summary>
        /// Null when <paramref name="value"/> is an IAM role ARN (or, with <paramref name="allowName"/>,
        /// a role name); otherwise what is allowed. ECS documents taskRoleArn as "the short name or
        /// full ARN" of the role, but executionRoleArn as an ARN only. (ECS has been reported to
        /// expand a bare execution role name too, aws-actions/amazon-ecs-render-task-definition#19;
        /// undocumented, so not relied on: the caller passes allowName: false for it.)
        /// </summary>
        public static string CheckRoleArn(string what, string value, bool allowName)
        {
            if (value != null && RoleArn.IsMatch(value)) return null;
            if (allowName && value != null && RoleName.IsMatch(value)) return null;
            var given = string.IsNullOrEmpty(value) ? "An empty string" : $"'{value}'";
            if (!allowName && value != null && RoleName.IsMatch(value))
                return $"'{value}' is a role name, but ECS takes the {what} only as an ARN: arn:aws:iam::<account>:role/{value}, such as {RoleArnForm}.";
            return allowName
                ? $"{given} is not an IAM role ARN or role name. Give the ARN, such as {RoleArnForm}, or the role name alone (1 to 64 letters, digits and + = , . @ _ -)."
                : $"{given} is not an IAM role ARN. Give the {what} as an ARN, such as {RoleArnForm}.";
        }

        // ---- capacity providers ----------------------------------------------------------------

        private static readonly Regex AutoScalingGroupArn = new Regex(
            @"^arn:aws[a-z-]*:autoscaling:[a-z0-9-]+:\d{12}:autoScalingGroup:[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}:autoScalingGroupName/[^\s]{1,255}$",
            RegexOptions.Compiled);

        public const string AutoScalingGroupArnForm =
            "arn:aws:autoscaling:us-east-1:123456789012:autoScalingGroup:0a1b2c3d-4e5f-6a7b-8c9d-0e1f2a3b4c5d:autoScalingGroupName/ecs-prod";

        /// <summary>
        /// A name for a new capacity provider: the ECS name rule, and not beginning with "aws",
        /// "ecs" or "fargate" (in any case), which ECS keeps for its own. Null when valid.
        /// </summary>
        public static string CheckNewCapacityProviderName(string value)
        {
            var problem = CheckName("capacity provider", value);
            if (problem != null) return problem;
            foreach (var reserved in new[] { "aws", "ecs", "fargate" })
                if (value.StartsWith(reserved, StringComparison.OrdinalIgnoreCase))
                    return $"'{value}' begins with '{reserved}': capacity provider names may not begin with aws, ecs or fargate (in any case), which ECS keeps for its own. Choose another name, such as 'ec2-{value}'.";
            return null;
        }

        /// <summary>An Auto Scaling group ARN (the form ECS takes for a capacity provider). Null when valid.</summary>
        public static string CheckAutoScalingGroupArn(string value)
        {
            if (value != null && AutoScalingGroupArn.IsMatch(value)) return null;
            var given = string.IsNullOrEmpty(value) ? "An empty string" : $"'{value}'";
            return $"{given} is not an Auto Scaling group ARN. Give the group's full ARN, such as {AutoScalingGroupArnForm} " +
                   "('aws autoscaling describe-auto-scaling-groups' shows it as AutoScalingGroupARN).";
        }
    }
}
