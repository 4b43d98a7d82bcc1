using System.Collections.Generic;
using System.Linq;
using System.Threading;
using EcsPS.Engine.CloudWatch.Model;
using EcsPS.Engine.Runtime;

namespace EcsPS.Engine.CloudWatch
{
    /// <summary>Every series of many metric queries, in as few GetMetricData requests as the API allows.</summary>
    public sealed partial class CloudWatchClient
    {
        /// <summary>GetMetricData takes at most 500 queries a request.</summary>
        public const int QueriesPerRequest = 500;

        /// <summary>
        /// Runs the queries, 500 to a request, each request paged with NextToken until CloudWatch has
        /// sent every datapoint, and joins the pages of each query (by Id) oldest first. The count of
        /// requests sent is added to <paramref name="requests"/>.
        /// </summary>
        public IReadOnlyDictionary<string, MetricDataResult> GetMetricDataAll(IReadOnlyList<MetricDataQuery> queries, System.DateTime startUtc, System.DateTime endUtc,
            CancellationToken ct, ref int requests)
        {
            var results = new Dictionary<string, MetricDataResult>();
            foreach (var batch in Pager.Chunk(queries, QueriesPerRequest))
            {
                string token = null;
                do
                {
                    requests++;
                    var page = GetMetricData(new GetMetricDataRequest
                    {
                        MetricDataQueries = batch.ToList(),
                        StartTime = startUtc,
                        EndTime = endUtc,
                        ScanBy = "TimestampAscending",
                        NextToken = token,
                    }, ct);
                    foreach (var part in page.MetricDataResults ?? new List<MetricDataResult>())
                    {
                        if (part.Id == null) continue;
                        if (!results.TryGetValue(part.Id, out var whole))
                        {
                            results[part.Id] = whole = new MetricDataResult
                            {
                                Id = part.Id, Label = part.Label, Timestamps = new List<System.DateTime>(), Values = new List<double>(),
                                Messages = new List<MessageData>(),
                            };
                        }
                        whole.Timestamps.AddRange(part.Timestamps ?? new List<System.DateTime>());
                        whole.Values.AddRange(part.Values ?? new List<double>());
                        whole.Messages.AddRange(part.Messages ?? new List<MessageData>());
                        // The last page says whether the series is Complete, PartialData or Forbidden.
                        whole.StatusCode = part.StatusCode ?? whole.StatusCode;
                    }
                    token = string.IsNullOrEmpty(page.NextToken) || page.NextToken == token ? null : page.NextToken;
                } while (token != null);
            }
            return results;
        }
    }
}
