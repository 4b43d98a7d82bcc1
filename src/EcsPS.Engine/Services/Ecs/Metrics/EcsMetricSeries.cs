using System;
using System.Collections.Generic;
using System.Globalization;
using System.Linq;

namespace EcsPS.Engine.Ecs.Metrics
{
    /// <summary>
    /// One metric of one service or cluster, one statistic at one period: the datapoints CloudWatch
    /// has between Since and Until (oldest first; periods without a datapoint are left out, as
    /// CloudWatch leaves them out), their summary, and a sparkline with a character per period.
    /// </summary>
    public sealed class EcsMetricSeries
    {
        internal EcsMetricSeries(MetricTarget target, string region, string ns, string metric, string statistic, TimeSpan period,
            DateTime sinceUtc, DateTime untilUtc, IReadOnlyList<DateTime> timestamps, IReadOnlyList<double> values, string status)
        {
            ClusterName = target.ClusterName;
            ServiceName = target.ServiceName;
            Region = region;
            Namespace = ns;
            Metric = metric;
            Statistic = statistic;
            Period = period;
            Since = sinceUtc.ToLocalTime();
            Until = untilUtc.ToLocalTime();
            Unit = MetricRules.UnitOf(ns, metric, statistic);
            StatusCode = status;
            Timestamps = timestamps.Select(t => t.ToLocalTime()).ToArray();
            Values = values.ToArray();
            if (Values.Length > 0)
            {
                Latest = Values[Values.Length - 1];
                Minimum = Values.Min();
                Maximum = Values.Max();
                Average = Values.Average();
            }
            Sparkline = Sparklines.Render(timestamps, values, sinceUtc, untilUtc, period);
        }

        /// <summary>The service's name, or for a cluster's own series the cluster's: what the table's first column shows.</summary>
        public string Name => ServiceName ?? ClusterName;
        public string ClusterName { get; }
        /// <summary>Null for a cluster's series.</summary>
        public string ServiceName { get; }
        public string Region { get; }
        /// <summary>AWS/ECS, or ECS/ContainerInsights.</summary>
        public string Namespace { get; }
        public string Metric { get; }
        public string Statistic { get; }
        public TimeSpan Period { get; }
        public DateTime Since { get; }
        public DateTime Until { get; }
        /// <summary>Percent, CPU units, Megabytes, Bytes/Second, Bytes or Count where it is known; else null.</summary>
        public string Unit { get; }
        /// <summary>CloudWatch's word on the series: Complete, PartialData, Forbidden or InternalError.</summary>
        public string StatusCode { get; }
        /// <summary>Local times, oldest first.</summary>
        public DateTime[] Timestamps { get; }
        public double[] Values { get; }
        public double? Latest { get; }
        public double? Minimum { get; }
        public double? Maximum { get; }
        public double? Average { get; }
        /// <summary>One of ▁▂▃▄▅▆▇█ per period from Since to Until, scaled between Minimum and Maximum; a space where there is no datapoint.</summary>
        public string Sparkline { get; }

        /// <summary>The value as a table shows it: "42.5%" for percentages, else the number.</summary>
        public string Format(double? value)
        {
            if (value == null) return null;
            var text = Math.Abs(value.Value) >= 100 ? value.Value.ToString("0", CultureInfo.CurrentCulture) : value.Value.ToString("0.#", CultureInfo.CurrentCulture);
            return Unit == "Percent" ? text + "%" : text;
        }

        public override string ToString()
            => Latest == null ? $"{Metric}: no data" : $"{Format(Latest)} {Sparkline.TrimEnd()}";
    }

    /// <summary>What a series is about: a cluster, or one service of it.</summary>
    public sealed class MetricTarget
    {
        public MetricTarget(string clusterName, string serviceName, string region)
        {
            ClusterName = clusterName;
            ServiceName = serviceName;
            Region = region;
        }

        public string ClusterName { get; }
        public string ServiceName { get; }
        public string Region { get; }

        internal string Key => (Region ?? string.Empty) + "|" + ClusterName + "|" + ServiceName;
    }

    public static class Sparklines
    {
        private const string Levels = "▁▂▃▄▅▆▇█";

        /// <summary>
        /// One character per period from <paramref name="startUtc"/> (aligned down to the period, as
        /// CloudWatch aligns its datapoints) to <paramref name="endUtc"/>: the datapoint of that period
        /// scaled between the series' minimum (▁) and maximum (█), or a space when there is none. A
        /// flat series is all ▄: there is nothing to scale.
        /// </summary>
        public static string Render(IReadOnlyList<DateTime> timestamps, IReadOnlyList<double> values, DateTime startUtc, DateTime endUtc, TimeSpan period)
        {
            if (period <= TimeSpan.Zero || endUtc <= startUtc) return string.Empty;
            var start = MetricRules.AlignDown(startUtc, period);
            var slots = (int)Math.Ceiling((endUtc - start).Ticks / (double)period.Ticks);
            var chars = Enumerable.Repeat(' ', slots).ToArray();
            var n = Math.Min(timestamps.Count, values.Count);
            if (n == 0) return new string(chars);
            double min = double.MaxValue, max = double.MinValue;
            for (var i = 0; i < n; i++)
            {
                min = Math.Min(min, values[i]);
                max = Math.Max(max, values[i]);
            }
            for (var i = 0; i < n; i++)
            {
                var slot = (int)Math.Floor((timestamps[i].ToUniversalTime() - start).Ticks / (double)period.Ticks);
                if (slot < 0 || slot >= slots) continue;
                var level = max > min ? (int)Math.Round((values[i] - min) / (max - min) * (Levels.Length - 1)) : 3;
                chars[slot] = Levels[level];
            }
            return new string(chars);
        }
    }
}
