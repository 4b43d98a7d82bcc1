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

        /// <summary>Null when the pair is a valid Fargate size; otherwise what would be.</summary>
        public static string CheckFargateSize(int cpu, int memory)
        {
            if (!FargateSizes.TryGetValue(cpu, out var range))
                return $"Fargate does not offer {cpu} CPU units. Use one of: {string.Join(", ", FargateSizes.Keys)} (1024 = 1 vCPU).";
            if (cpu == 256 && (memory == 512 || memory == 1024 || memory == 2048)) return null;
            if (cpu != 256 && memory >= range.From && memory <= range.To && (memory - range.From) % range.Step == 0) return null;
            var allowed = cpu == 256 ? "512, 1024 or 2048"
                : $"{range.From} to {range.To} in steps of {range.Step}";
            return $"Fargate does not offer {memory} MiB with {cpu} CPU units. With {cpu} CPU units use {allowed} MiB.";
        }
    }
}
