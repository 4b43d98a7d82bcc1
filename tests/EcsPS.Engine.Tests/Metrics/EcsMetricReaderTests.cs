using System;
using System.Collections.Generic;
using System.Linq;
using System.Text.Json.Nodes;
using System.Threading;
using EcsPS.Engine.CloudWatch;
using EcsPS.Engine.Ecs.Metrics;
using EcsPS.Engine.Tests.Support;
using EcsPS.TestFakes;
using Xunit;

namespace EcsPS.Engine.Tests.Metrics
{
    /// <summary>
    /// Get-EcsMetricX's Engine: one GetMetricData for every series (500 queries to a request, pages
    /// joined), sparklines with a character per period and gaps as spaces, and CloudWatch's rules on
    /// periods, ranges and statistics. Every request is held to botocore's CloudWatch model.
    /// </summary>
    public sealed class EcsMetricReaderTests
    {
        private static readonly ServiceModel CloudWatchModel = ServiceModel.ForBotocore("cloudwatch", "2010-08-01");
        private static readonly DateTime Until = new DateTime(2026, 12, 1, 12, 0, 0, DateTimeKind.Utc);
        private static readonly DateTime Since = Until.AddHours(-1);
        private static readonly TimeSpan FiveMinutes = TimeSpan.FromMinutes(5);

        private static EcsMetricReader ReaderFor(ScriptedAwsServer fake)
        {
            var client = new CloudWatchClient(TestConnections.For(fake, clock: new VirtualTransportClock()), null);
            return new EcsMetricReader(_ => client);
        }

        private static void AssertValidTraffic(ScriptedAwsServer fake)
        {
            Assert.Empty(fake.Unscripted);
            foreach (var request in fake.Requests)
            {
                Assert.Equal("GraniteServiceVersion20100801." + request.Operation, request.Target);
                ModelAssert.ValidRequest(CloudWatchModel, request);
                ModelAssert.ValidResponse(CloudWatchModel, request);
            }
        }

        private static double Epoch(DateTime utc) => (utc - new DateTime(1970, 1, 1, 0, 0, 0, DateTimeKind.Utc)).TotalSeconds;

        /// <summary>An answer with, for each query asked, the datapoints <paramref name="points"/> gives its id.</summary>
        private static ScriptedResponse Answer(RecordedRequest request, Func<string, (DateTime, double)[]> points, string nextToken = null)
        {
            var results = new JsonArray();
            foreach (var query in request.Json.GetProperty("MetricDataQueries").EnumerateArray())
            {
                var id = query.GetProperty("Id").GetString();
                var data = points(id);
                results.Add(new JsonObject
                {
                    ["Id"] = id,
                    ["Label"] = query.GetProperty("MetricStat").GetProperty("Metric").GetProperty("MetricName").GetString(),
                    ["Timestamps"] = new JsonArray(data.Select(p => (JsonNode)Epoch(p.Item1)).ToArray()),
                    ["Values"] = new JsonArray(data.Select(p => (JsonNode)p.Item2).ToArray()),
                    ["StatusCode"] = nextToken == null ? "Complete" : "PartialData",
                });
            }
            var answer = new JsonObject { ["MetricDataResults"] = results };
            if (nextToken != null) answer["NextToken"] = nextToken;
            return ScriptedResponse.Json(answer);
        }

        [Fact]
        public void Three_hundred_services_are_two_requests_of_at_most_500_queries_not_one_each()
        {
            using var fake = new ScriptedAwsServer("metrics");
            fake.On("GetMetricData", r => Answer(r, id => new[] { (Since.AddMinutes(10), (double)int.Parse(id.Substring(1))) }));
            var targets = Enumerable.Range(1, 300).Select(n => new MetricTarget("prod", "svc" + n, null)).ToList();

            var reader = ReaderFor(fake);
            var series = reader.Read(targets, MetricRules.EcsNamespace, new[] { "CPUUtilization", "MemoryUtilization" }, new[] { "Average" }, Since, Until, FiveMinutes, CancellationToken.None);

            Assert.Equal(600, series.Count);
            Assert.Equal(2, reader.Requests);
            Assert.Equal(new[] { 500, 100 }, fake.Requests.Select(r => r.Json.GetProperty("MetricDataQueries").GetArrayLength()));
            // In the order asked: each service's CPU, then its memory; each series got its own answer.
            Assert.Equal(("svc1", "CPUUtilization"), (series[0].ServiceName, series[0].Metric));
            Assert.Equal(("svc1", "MemoryUtilization"), (series[1].ServiceName, series[1].Metric));
            Assert.Equal(599, series[599].Latest);
            var first = fake.Requests[0].Json.GetProperty("MetricDataQueries")[0];
            Assert.Equal("AWS/ECS", first.GetProperty("MetricStat").GetProperty("Metric").GetProperty("Namespace").GetString());
            Assert.Equal(300, first.GetProperty("MetricStat").GetProperty("Period").GetInt32());
            Assert.Equal("TimestampAscending", fake.Requests[0].Json.GetProperty("ScanBy").GetString());
            AssertValidTraffic(fake);
        }

        [Fact]
        public void Pages_are_joined_oldest_first_and_the_summary_is_over_all_of_them()
        {
            using var fake = new ScriptedAwsServer("metrics");
            // The second page holds older datapoints than the first: order is not relied on.
            fake.Enqueue("GetMetricData", ScriptedResponse.Json(new JsonObject
            {
                ["MetricDataResults"] = new JsonArray(new JsonObject
                {
                    ["Id"] = "m0", ["Label"] = "CPUUtilization", ["StatusCode"] = "PartialData",
                    ["Timestamps"] = new JsonArray(Epoch(Since.AddMinutes(50)), Epoch(Since.AddMinutes(55))),
                    ["Values"] = new JsonArray(70.0, 90.0),
                }),
                ["NextToken"] = "page-2",
            }), ScriptedResponse.Json(new JsonObject
            {
                ["MetricDataResults"] = new JsonArray(new JsonObject
                {
                    ["Id"] = "m0", ["Label"] = "CPUUtilization", ["StatusCode"] = "Complete",
                    ["Timestamps"] = new JsonArray(Epoch(Since), Epoch(Since.AddMinutes(5))),
                    ["Values"] = new JsonArray(10.0, 30.0),
                }),
            }));

            var reader = ReaderFor(fake);
            var s = Assert.Single(reader.Read(new[] { new MetricTarget("prod", "web", null) }, MetricRules.EcsNamespace, new[] { "CPUUtilization" }, new[] { "Maximum" },
                Since, Until, FiveMinutes, CancellationToken.None));

            Assert.Equal(2, reader.Requests);
            Assert.Equal("page-2", fake.Requests[1].Json.GetProperty("NextToken").GetString());
            Assert.Equal(new[] { 10.0, 30.0, 70.0, 90.0 }, s.Values);
            Assert.Equal(new[] { Since, Since.AddMinutes(5), Since.AddMinutes(50), Since.AddMinutes(55) }, s.Timestamps.Select(t => t.ToUniversalTime()));
            Assert.Equal((90.0, 10.0, 90.0, 50.0), (s.Latest.Value, s.Minimum.Value, s.Maximum.Value, s.Average.Value));
            Assert.Equal("Complete", s.StatusCode);
            Assert.Equal("Percent", s.Unit);
            Assert.Equal("90%", s.Format(s.Latest));
            // 12 periods: datapoints in the first two and the last two, spaces for the eight between.
            Assert.Equal("▁▃" + new string(' ', 8) + "▆█", s.Sparkline);
            AssertValidTraffic(fake);
        }

        [Fact]
        public void A_metric_with_no_datapoints_is_an_empty_series_of_spaces()
        {
            using var fake = new ScriptedAwsServer("metrics");
            fake.On("GetMetricData", r => Answer(r, _ => new (DateTime, double)[0]));
            var s = Assert.Single(ReaderFor(fake).Read(new[] { new MetricTarget("prod", null, null) }, MetricRules.ContainerInsightsNamespace,
                new[] { "RunningTaskCount" }, new[] { "Maximum" }, Since, Until, FiveMinutes, CancellationToken.None));

            Assert.Empty(s.Values);
            Assert.Null(s.Latest);
            Assert.Equal(new string(' ', 12), s.Sparkline);
            Assert.Equal("prod", s.Name);
            Assert.Null(s.ServiceName);
            Assert.Equal("Count", s.Unit);
            var dimensions = fake.Requests[0].Json.GetProperty("MetricDataQueries")[0].GetProperty("MetricStat").GetProperty("Metric").GetProperty("Dimensions");
            Assert.Equal(1, dimensions.GetArrayLength());
            Assert.Equal("ClusterName", dimensions[0].GetProperty("Name").GetString());
            Assert.Equal("ECS/ContainerInsights", fake.Requests[0].Json.GetProperty("MetricDataQueries")[0].GetProperty("MetricStat").GetProperty("Metric").GetProperty("Namespace").GetString());
            AssertValidTraffic(fake);
        }

        [Fact]
        public void A_sparkline_scales_between_the_minimum_and_maximum_and_a_flat_series_is_level()
        {
            var times = Enumerable.Range(0, 8).Select(i => Since.AddMinutes(5 * i)).ToList();
            Assert.Equal("▁▂▃▄▅▆▇█", Sparklines.Render(times, Enumerable.Range(0, 8).Select(i => 100.0 + i * 10).ToList(), Since, Since.AddMinutes(40), FiveMinutes));
            Assert.Equal("▄▄▄", Sparklines.Render(times.Take(3).ToList(), new[] { 7.0, 7.0, 7.0 }, Since, Since.AddMinutes(15), FiveMinutes));
            // A start inside a period counts from that period's start, as CloudWatch aligns its datapoints.
            Assert.Equal("▁█", Sparklines.Render(new[] { Since, Since.AddMinutes(5) }, new[] { 1.0, 2.0 }, Since.AddMinutes(2), Since.AddMinutes(10), FiveMinutes));
            Assert.Equal(string.Empty, Sparklines.Render(times, times.Select(_ => 1.0).ToList(), Until, Since, FiveMinutes));
        }

        [Theory]
        [InlineData(60, true)]
        [InlineData(300, true)]
        [InlineData(86400, true)]
        [InlineData(1, true)]
        [InlineData(5, true)]
        [InlineData(10, true)]
        [InlineData(30, true)]
        [InlineData(45, false)]
        [InlineData(90, false)]
        [InlineData(0, false)]
        [InlineData(0.5, false)]
        public void A_period_is_a_multiple_of_a_minute_or_a_high_resolution_one(double seconds, bool ok)
            => Assert.Equal(ok, MetricRules.CheckPeriod(TimeSpan.FromSeconds(seconds)) == null);

        [Fact]
        public void A_range_must_be_within_retention_in_order_and_at_most_100800_periods()
        {
            var now = Until;
            Assert.Null(MetricRules.CheckRange(now.AddDays(-454), now, TimeSpan.FromHours(1), now));
            Assert.Contains("455 days", MetricRules.CheckRange(now.AddDays(-456), now, TimeSpan.FromHours(1), now));
            Assert.Contains("not before -Until", MetricRules.CheckRange(now, now.AddHours(-1), FiveMinutes, now));
            Assert.Contains("100,800", MetricRules.CheckRange(now.AddDays(-2), now, TimeSpan.FromSeconds(1), now));
            Assert.Null(MetricRules.CheckRange(now.AddDays(-1), now, TimeSpan.FromSeconds(1), now));
        }

        [Theory]
        [InlineData("average", "Average")]
        [InlineData("Max", "Maximum")]
        [InlineData("SampleCount", "SampleCount")]
        [InlineData("P90", "p90")]
        [InlineData("p99.9", "p99.9")]
        [InlineData("p100", "p100")]
        [InlineData("p101", null)]
        [InlineData("median", null)]
        [InlineData("", null)]
        public void Statistics_are_spelled_as_CloudWatch_spells_them(string given, string expected)
            => Assert.Equal(expected, MetricRules.NormalizeStatistic(given));

        [Theory]
        [InlineData("5m", 300)]
        [InlineData("1h", 3600)]
        [InlineData("30s", 30)]
        [InlineData("300", 300)]
        [InlineData("00:01:00", 60)]
        public void Periods_read_as_admins_write_them(string given, int seconds)
            => Assert.Equal(TimeSpan.FromSeconds(seconds), MetricRules.ParsePeriod(given));
    }
}
