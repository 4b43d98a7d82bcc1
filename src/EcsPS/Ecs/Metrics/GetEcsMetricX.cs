using System;
using System.Collections.Generic;
using System.Linq;
using System.Management.Automation;
using EcsPS.Common;
using EcsPS.Ecs.Services;
using EcsPS.Engine.CloudWatch;
using EcsPS.Engine.Ecs.Logs;
using EcsPS.Engine.Ecs.Metrics;
using EcsPS.Engine.Runtime;

namespace EcsPS.Ecs.Metrics
{
    /// <summary>Completes -Metric with the metrics of the namespace on the command line.</summary>
    public sealed class MetricNameCompleter : IArgumentCompleter
    {
        public IEnumerable<System.Management.Automation.CompletionResult> CompleteArgument(string commandName, string parameterName, string wordToComplete,
            System.Management.Automation.Language.CommandAst commandAst, System.Collections.IDictionary fakeBoundParameters)
        {
            var ns = MetricRules.NamespaceOf(fakeBoundParameters?["Namespace"] as string) ?? MetricRules.EcsNamespace;
            var word = (wordToComplete ?? string.Empty).Trim('\'', '"');
            return MetricRules.KnownMetrics(ns)
                .Where(m => m.StartsWith(word, StringComparison.OrdinalIgnoreCase))
                .Select(m => new System.Management.Automation.CompletionResult(m, m, CompletionResultType.ParameterValue, $"{m} ({ns})"));
        }
    }

    /// <summary>
    /// CloudWatch metrics of the services and clusters piped in (or -Cluster [-ServiceName]), one
    /// series per target, metric and statistic, all read in one GetMetricData request (500 series to
    /// a request, paged), with a sparkline of each.
    /// </summary>
    [Cmdlet(VerbsCommon.Get, "EcsMetricX")]
    [OutputType(typeof(EcsMetricSeries))]
    public sealed class GetEcsMetricX : ServiceCmdletBase
    {
        /// <summary>The services; none: the cluster's own metrics.</summary>
        [Parameter(Position = 0, ValueFromPipelineByPropertyName = true)]
        [ValidateEcsName("service", AllowArn = true)]
        [Alias("Service", "ServiceArn")]
        [ArgumentCompleter(typeof(ServiceNameCompleter))]
        public string[] ServiceName { get; set; }

        /// <summary>The metric names (default CPUUtilization and MemoryUtilization; CpuUtilized and MemoryUtilized with -Namespace ContainerInsights).</summary>
        [Parameter]
        [ValidateNotNullOrEmpty]
        [ArgumentCompleter(typeof(MetricNameCompleter))]
        public string[] Metric { get; set; }

        /// <summary>AWS/ECS (default) or ContainerInsights (ECS/ContainerInsights).</summary>
        [Parameter]
        [ValidateSet("AWS/ECS", "ContainerInsights", "ECS/ContainerInsights", IgnoreCase = true)]
        public string Namespace { get; set; } = MetricRules.EcsNamespace;

        /// <summary>From when: a duration back from now ('3h', '90m', '7d') or a date (default 3 hours ago).</summary>
        [Parameter]
        public object Since { get; set; }

        /// <summary>Up to when, in the same forms (default now).</summary>
        [Parameter]
        public object Until { get; set; }

        /// <summary>The period of each datapoint: '5m' (default), '1m', '1h', seconds, or a TimeSpan.</summary>
        [Parameter]
        public object Period { get; set; }

        /// <summary>Average (default), Minimum, Maximum, Sum, SampleCount or a percentile such as p90.</summary>
        [Parameter]
        [ValidateNotNullOrEmpty]
        [ArgumentCompleter(typeof(StatisticCompleter))]
        public string[] Statistic { get; set; }

        private string _namespace;
        private List<string> _metrics;
        private List<string> _statistics;
        private DateTime _since, _until;
        private TimeSpan _period;
        private readonly List<MetricTarget> _targets = new List<MetricTarget>();

        protected override Engine.Runtime.AwsClient PrimaryClient => CloudWatchIn(null);

        private CloudWatchClient CloudWatchIn(string region) => ClientIn(region, (o, l) => new CloudWatchClient(o, l));

        protected override string ServiceAdvice(AwsServiceException ex)
            => ex.ServiceId == "CloudWatch" && (ex.ErrorCode == "AccessDenied" || ex.ErrorCode == "AccessDeniedException")
                ? "The identity may not read metrics: allow it cloudwatch:GetMetricData."
                : base.ServiceAdvice(ex);

        protected override void Begin()
        {
            // Everything is checked once, before a single service is read or a request sent.
            _namespace = MetricRules.NamespaceOf(Namespace);
            _metrics = new List<string>();
            foreach (var given in Metric ?? MetricRules.DefaultMetrics(_namespace).ToArray())
            {
                var metric = MetricRules.NormalizeMetric(_namespace, given);
                if (metric == null)
                    ThrowArgumentError($"-Metric '{given}' is not a metric name. {_namespace} has {string.Join(", ", MetricRules.KnownMetrics(_namespace))}.", "InvalidMetricName", given);
                if (!_metrics.Contains(metric)) _metrics.Add(metric);
            }
            _statistics = new List<string>();
            foreach (var given in Statistic ?? new[] { "Average" })
            {
                var statistic = MetricRules.NormalizeStatistic(given);
                if (statistic == null)
                    ThrowArgumentError($"-Statistic '{given}' is not a CloudWatch statistic: give Average, Minimum, Maximum, Sum, SampleCount or a percentile (p50, p90, p99, p99.9).",
                        "InvalidMetricStatistic", given);
                if (!_statistics.Contains(statistic)) _statistics.Add(statistic);
            }
            var period = Period == null ? TimeSpan.FromMinutes(5) : MetricRules.ParsePeriod(Unwrap(Period));
            if (period == null)
                ThrowArgumentError($"-Period '{Period}' is not a period: give '5m', '1m', '1h', seconds (300) or a TimeSpan.", "InvalidMetricPeriod", Period);
            var periodProblem = MetricRules.CheckPeriod(period.Value);
            if (periodProblem != null) ThrowArgumentError(periodProblem, "InvalidMetricPeriod", Period);
            _period = period.Value;

            var now = DateTime.UtcNow;
            _since = now.AddHours(-3);
            _until = now;
            if (Since != null && !LogTimes.TryParse(Unwrap(Since), now, out _since))
                ThrowArgumentError($"-Since '{Since}' is not a time: give a duration ago ('90m', '3h', '7d') or a date ('2026-01-31 14:00').", "InvalidMetricTimeRange", Since);
            if (Until != null && !LogTimes.TryParse(Unwrap(Until), now, out _until))
                ThrowArgumentError($"-Until '{Until}' is not a time: give a duration ago ('1h') or a date ('2026-01-31 18:00').", "InvalidMetricTimeRange", Until);
            var rangeProblem = MetricRules.CheckRange(_since, _until, _period, now);
            if (rangeProblem != null) ThrowArgumentError(rangeProblem, "InvalidMetricTimeRange", Since ?? Until);
        }

        protected override void ProcessRecord()
        {
            if (ServiceName == null || ServiceName.Length == 0)
            {
                Guard(() => _targets.Add(new MetricTarget(NameOf(Cluster ?? "default"), null, RegionOfArns(Cluster ?? string.Empty))), Cluster ?? "default");
                return;
            }
            foreach (var service in ServiceName)
            {
                var inCluster = ClusterFor(service) ?? "default";
                Guard(() => _targets.Add(new MetricTarget(NameOf(inCluster), NameOf(service), RegionOfArns(inCluster, service))), service);
            }
        }

        protected override void EndProcessing()
        {
            if (_targets.Count == 0) return;
            var reader = new EcsMetricReader(CloudWatchIn);
            IReadOnlyList<EcsMetricSeries> series = null;
            Guard(() => series = reader.Read(_targets, _namespace, _metrics, _statistics, _since, _until, _period, CancellationToken), null);
            WriteVerbose($"Read {reader.Queries} series ({_metrics.Count} metric(s) x {_statistics.Count} statistic(s) of {_targets.Select(t => t.ServiceName ?? t.ClusterName).Distinct().Count()} target(s)) " +
                         $"in {reader.Requests} GetMetricData request(s).");
            if (series == null) return;
            foreach (var s in series)
            {
                if (s.Values.Length == 0)
                    WriteVerbose($"{s.ServiceName ?? s.ClusterName}: {s.Metric} has no datapoint from {s.Since:yyyy-MM-dd HH:mm} to {s.Until:yyyy-MM-dd HH:mm}" +
                                 (_namespace == MetricRules.ContainerInsightsNamespace ? " (is Container Insights on for the cluster?)." : "."));
                WriteObject(s);
            }
        }

        private static object Unwrap(object value) => value is PSObject pso ? pso.BaseObject : value;

        private static string NameOf(string nameOrArn) => Arn.TryParse(nameOrArn, out var arn) ? arn.Name : nameOrArn;
    }

    /// <summary>Completes -Statistic.</summary>
    public sealed class StatisticCompleter : IArgumentCompleter
    {
        public IEnumerable<System.Management.Automation.CompletionResult> CompleteArgument(string commandName, string parameterName, string wordToComplete,
            System.Management.Automation.Language.CommandAst commandAst, System.Collections.IDictionary fakeBoundParameters)
        {
            var word = (wordToComplete ?? string.Empty).Trim('\'', '"');
            return MetricRules.Statistics.Where(s => s.StartsWith(word, StringComparison.OrdinalIgnoreCase))
                .Select(s => new System.Management.Automation.CompletionResult(s, s, CompletionResultType.ParameterValue, s));
        }
    }
}
