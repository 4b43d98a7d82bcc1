using System;
using System.Collections.Generic;
using System.Globalization;
using System.Linq;
using System.Text.RegularExpressions;

namespace EcsPS.Engine.Ecs.Metrics
{
    /// <summary>CloudWatch's rules for what Get-EcsMetricX asks, checked before anything is sent.</summary>
    public static class MetricRules
    {
        public const string EcsNamespace = "AWS/ECS";
        public const string ContainerInsightsNamespace = "ECS/ContainerInsights";

        /// <summary>CloudWatch keeps datapoints for 15 months (455 days).</summary>
        public static readonly TimeSpan Retention = TimeSpan.FromDays(455);

        /// <summary>GetMetricData returns at most 100,800 datapoints a series.</summary>
        public const int MaxDatapoints = 100800;

        /// <summary>The metrics ECS publishes in AWS/ECS for clusters and services (percentages).</summary>
        public static readonly IReadOnlyList<string> EcsMetrics = new[] { "CPUUtilization", "MemoryUtilization", "CPUReservation", "MemoryReservation", "GPUReservation" };

        /// <summary>The Container Insights metrics with cluster and service dimensions.</summary>
        public static readonly IReadOnlyList<string> ContainerInsightsMetrics = new[]
        {
            "CpuUtilized", "CpuReserved", "MemoryUtilized", "MemoryReserved", "RunningTaskCount", "PendingTaskCount", "DesiredTaskCount",
            "NetworkRxBytes", "NetworkTxBytes", "StorageReadBytes", "StorageWriteBytes", "EphemeralStorageUtilized", "EphemeralStorageReserved",
            "DeploymentCount", "TaskSetCount",
        };

        public static readonly IReadOnlyList<string> Statistics = new[] { "Average", "Minimum", "Maximum", "Sum", "SampleCount", "p50", "p90", "p99" };

        private static readonly Regex Percentile = new Regex(@"^p(100|[0-9]{1,2}(\.[0-9]{1,2})?)$", RegexOptions.CultureInvariant | RegexOptions.IgnoreCase);
        private static readonly Regex MetricName = new Regex(@"^[A-Za-z0-9_.\-/#:]{1,255}$", RegexOptions.CultureInvariant);

        /// <summary>The namespace -Namespace names (AWS/ECS, or ContainerInsights for ECS/ContainerInsights).</summary>
        public static string NamespaceOf(string given)
        {
            if (string.IsNullOrEmpty(given) || string.Equals(given, EcsNamespace, StringComparison.OrdinalIgnoreCase) || string.Equals(given, "ECS", StringComparison.OrdinalIgnoreCase))
                return EcsNamespace;
            if (string.Equals(given, "ContainerInsights", StringComparison.OrdinalIgnoreCase) || string.Equals(given, ContainerInsightsNamespace, StringComparison.OrdinalIgnoreCase))
                return ContainerInsightsNamespace;
            return null;
        }

        public static IReadOnlyList<string> DefaultMetrics(string ns)
            => ns == ContainerInsightsNamespace ? new[] { "CpuUtilized", "MemoryUtilized" } : new[] { "CPUUtilization", "MemoryUtilization" };

        public static IReadOnlyList<string> KnownMetrics(string ns) => ns == ContainerInsightsNamespace ? ContainerInsightsMetrics : EcsMetrics;

        /// <summary>The metric as CloudWatch spells it (a known one in any case), or null when it cannot be a metric name.</summary>
        public static string NormalizeMetric(string ns, string metric)
        {
            if (metric == null) return null;
            var known = KnownMetrics(ns).FirstOrDefault(m => string.Equals(m, metric.Trim(), StringComparison.OrdinalIgnoreCase));
            return known ?? (MetricName.IsMatch(metric) ? metric : null);
        }

        /// <summary>The statistic as CloudWatch spells it (Average, p90, p99.9), or null when it is none.</summary>
        public static string NormalizeStatistic(string statistic)
        {
            if (string.IsNullOrWhiteSpace(statistic)) return null;
            var s = statistic.Trim();
            var named = new[] { "Average", "Minimum", "Maximum", "Sum", "SampleCount" }.FirstOrDefault(n => string.Equals(n, s, StringComparison.OrdinalIgnoreCase));
            if (named != null) return named;
            if (string.Equals(s, "Avg", StringComparison.OrdinalIgnoreCase)) return "Average";
            if (string.Equals(s, "Min", StringComparison.OrdinalIgnoreCase)) return "Minimum";
            if (string.Equals(s, "Max", StringComparison.OrdinalIgnoreCase)) return "Maximum";
            if (!Percentile.IsMatch(s)) return null;
            var p = double.Parse(s.Substring(1), CultureInfo.InvariantCulture);
            return p >= 0 && p <= 100 ? "p" + s.Substring(1) : null;
        }

        /// <summary>A period: seconds (300), a TimeSpan, or '30s', '5m', '1h', '1d'; null when it is none.</summary>
        public static TimeSpan? ParsePeriod(object value)
        {
            switch (value)
            {
                case TimeSpan t: return t;
                case int i: return TimeSpan.FromSeconds(i);
                case long l: return TimeSpan.FromSeconds(l);
                case double d: return TimeSpan.FromSeconds(d);
                case string s:
                    s = s.Trim();
                    if (double.TryParse(s, NumberStyles.Float, CultureInfo.InvariantCulture, out var seconds)) return TimeSpan.FromSeconds(seconds);
                    var m = Regex.Match(s, @"^(\d+(?:\.\d+)?)\s*(s|m|h|d)$", RegexOptions.IgnoreCase | RegexOptions.CultureInvariant);
                    if (m.Success)
                    {
                        var n = double.Parse(m.Groups[1].Value, CultureInfo.InvariantCulture);
                        switch (char.ToLowerInvariant(m.Groups[2].Value[0]))
                        {
                            case 's': return TimeSpan.FromSeconds(n);
                            case 'm': return TimeSpan.FromMinutes(n);
                            case 'h': return TimeSpan.FromHours(n);
                            default: return TimeSpan.FromDays(n);
                        }
                    }
                    if (s.Contains(":") && TimeSpan.TryParse(s, CultureInfo.InvariantCulture, out var span)) return span;
                    return null;
                default: return null;
            }
        }

        /// <summary>Null when CloudWatch takes the period: a multiple of 60 seconds, or 1, 5, 10 or 30 seconds (high resolution).</summary>
        public static string CheckPeriod(TimeSpan period)
        {
            var seconds = period.TotalSeconds;
            if (seconds != Math.Floor(seconds) || seconds <= 0)
                return $"-Period {period} is not a whole number of seconds: give a multiple of 60 seconds ('5m', 300), or 1, 5, 10 or 30 seconds for high-resolution metrics.";
            var s = (long)seconds;
            if (s % 60 == 0 || s == 1 || s == 5 || s == 10 || s == 30) return null;
            return $"-Period {s} s is not a period CloudWatch has: give a multiple of 60 seconds ('1m', '5m', 300), or 1, 5, 10 or 30 seconds for high-resolution metrics.";
        }

        /// <summary>Null when the range is one CloudWatch answers: after its retention, -Since before -Until, at most 100,800 periods.</summary>
        public static string CheckRange(DateTime sinceUtc, DateTime untilUtc, TimeSpan period, DateTime nowUtc)
        {
            if (sinceUtc < nowUtc - Retention)
                return $"-Since ({sinceUtc.ToLocalTime():yyyy-MM-dd HH:mm}) is more than 455 days ago; CloudWatch keeps metrics for 15 months. Give a later -Since.";
            if (sinceUtc >= untilUtc)
                return $"-Since ({sinceUtc.ToLocalTime():yyyy-MM-dd HH:mm:ss}) is not before -Until ({untilUtc.ToLocalTime():yyyy-MM-dd HH:mm:ss}): give a range that starts before it ends.";
            var periods = Math.Ceiling((untilUtc - AlignDown(sinceUtc, period)).Ticks / (double)period.Ticks);
            if (periods > MaxDatapoints)
                return $"From -Since to -Until is {periods:N0} periods of {period}; CloudWatch returns at most {MaxDatapoints:N0} datapoints a series. Give a longer -Period or a shorter range.";
            return null;
        }

        private static readonly DateTime Epoch = new DateTime(1970, 1, 1, 0, 0, 0, DateTimeKind.Utc);

        /// <summary>The start of the period <paramref name="utc"/> falls in, counted from the Unix epoch as CloudWatch counts.</summary>
        public static DateTime AlignDown(DateTime utc, TimeSpan period)
        {
            var ticks = utc.ToUniversalTime().Ticks - Epoch.Ticks;
            return new DateTime(Epoch.Ticks + ticks - ticks % period.Ticks, DateTimeKind.Utc);
        }

        public static string UnitOf(string ns, string metric, string statistic)
        {
            if (statistic == "SampleCount") return "Count";
            if (ns == EcsNamespace && EcsMetrics.Contains(metric)) return "Percent";
            switch (metric)
            {
                case "CpuUtilized": case "CpuReserved": return "CPU units";
                case "MemoryUtilized": case "MemoryReserved": return "Megabytes";
                case "NetworkRxBytes": case "NetworkTxBytes": return "Bytes/Second";
                case "StorageReadBytes": case "StorageWriteBytes": return "Bytes";
                case "EphemeralStorageUtilized": case "EphemeralStorageReserved": return "Gigabytes";
                case "RunningTaskCount": case "PendingTaskCount": case "DesiredTaskCount": case "DeploymentCount": case "TaskSetCount": return "Count";
                default: return null;
            }
        }
    }
}
