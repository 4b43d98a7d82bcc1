using System;
using System.Collections.Generic;
using System.Linq;
using System.Threading;
using EcsPS.Engine.CloudWatch;
using EcsPS.Engine.CloudWatch.Model;

namespace EcsPS.Engine.Ecs.Metrics
{
    /// <summary>
    /// The series of many services and clusters in as few GetMetricData requests as CloudWatch
    /// allows: one query per target, metric and statistic, 500 queries to a request, per region.
    /// Never one request per service.
    /// </summary>
    public sealed class EcsMetricReader
    {
        private readonly Func<string, CloudWatchClient> _cloudWatchIn;

        /// <param name="cloudWatchIn">The CloudWatch client of a region (null: the command's).</param>
        public EcsMetricReader(Func<string, CloudWatchClient> cloudWatchIn) => _cloudWatchIn = cloudWatchIn;

        /// <summary>GetMetricData requests the last Read sent.</summary>
        public int Requests { get; private set; }

        /// <summary>Queries the last Read asked.</summary>
        public int Queries { get; private set; }

        /// <summary>
        /// One series per target, metric and statistic, in that order (targets as given). Targets
        /// named twice are asked once. A series with no datapoints is empty, not an error.
        /// </summary>
        public IReadOnlyList<EcsMetricSeries> Read(IEnumerable<MetricTarget> targets, string ns, IReadOnlyList<string> metrics, IReadOnlyList<string> statistics,
            DateTime sinceUtc, DateTime untilUtc, TimeSpan period, CancellationToken ct)
        {
            Requests = 0;
            Queries = 0;
            var unique = targets.GroupBy(t => t.Key).Select(g => g.First()).ToList();
            var start = MetricRules.AlignDown(sinceUtc, period);
            var planned = new List<(MetricTarget Target, string Metric, string Statistic, string Id)>();
            foreach (var target in unique)
                foreach (var metric in metrics)
                    foreach (var statistic in statistics)
                        planned.Add((target, metric, statistic, "m" + planned.Count.ToString(System.Globalization.CultureInfo.InvariantCulture)));

            var answered = new Dictionary<string, MetricDataResult>();
            var regionOf = new Dictionary<string, string>();
            foreach (var inRegion in planned.GroupBy(p => p.Target.Region ?? string.Empty))
            {
                var client = _cloudWatchIn(inRegion.Key.Length == 0 ? null : inRegion.Key);
                regionOf[inRegion.Key] = client.RegionName;
                var queries = inRegion.Select(p => new MetricDataQuery
                {
                    Id = p.Id,
                    ReturnData = true,
                    MetricStat = new MetricStat
                    {
                        Metric = new Metric { Namespace = ns, MetricName = p.Metric, Dimensions = DimensionsOf(p.Target) },
                        Period = (int)period.TotalSeconds,
                        Stat = p.Statistic,
                    },
                }).ToList();
                Queries += queries.Count;
                var requests = 0;
                try
                {
                    foreach (var pair in client.GetMetricDataAll(queries, start, untilUtc, ct, ref requests))
                        answered[pair.Key] = pair.Value;
                }
                finally
                {
                    Requests += requests;
                }
            }

            return planned.Select(p =>
            {
                answered.TryGetValue(p.Id, out var result);
                // Oldest first whatever order the pages came in; a timestamp given twice counts once.
                var points = (result?.Timestamps ?? new List<DateTime>())
                    .Zip(result?.Values ?? new List<double>(), (t, v) => (Time: t.ToUniversalTime(), Value: v))
                    .GroupBy(x => x.Time).Select(g => g.Last()).OrderBy(x => x.Time).ToList();
                return new EcsMetricSeries(p.Target, regionOf[p.Target.Region ?? string.Empty], ns, p.Metric, p.Statistic, period, start, untilUtc,
                    points.Select(x => x.Time).ToList(), points.Select(x => x.Value).ToList(), result?.StatusCode);
            }).ToList();
        }

        private static List<Dimension> DimensionsOf(MetricTarget target)
        {
            var dimensions = new List<Dimension> { new Dimension { Name = "ClusterName", Value = target.ClusterName } };
            if (target.ServiceName != null) dimensions.Add(new Dimension { Name = "ServiceName", Value = target.ServiceName });
            return dimensions;
        }
    }
}
