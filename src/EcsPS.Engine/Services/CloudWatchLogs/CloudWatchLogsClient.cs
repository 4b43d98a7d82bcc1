using System.Collections.Generic;
using System.Threading;
using EcsPS.Engine.CloudWatchLogs.Model;
using EcsPS.Engine.Runtime;

namespace EcsPS.Engine.CloudWatchLogs
{
    public sealed partial class CloudWatchLogsClient
    {
        /// <summary>FilterLogEvents takes at most this many stream names per request.</summary>
        public const int MaxStreamsPerFilter = 100;

        /// <summary>GetLogEvents returns at most this many events per request.</summary>
        public const int MaxGetLogEventsLimit = 10000;

        /// <summary>
        /// The events of up to 100 streams of one group, page by page until nextToken runs out
        /// (a page may be empty and still carry a token: CloudWatch searches in slices).
        /// </summary>
        public IEnumerable<IReadOnlyList<FilteredLogEvent>> FilterStreamEvents(string group, IReadOnlyList<string> streams,
            long? startMs, long? endMs, string pattern, CancellationToken ct)
            => Pager.Pages<FilteredLogEvent>(token =>
            {
                var page = FilterLogEvents(new FilterLogEventsRequest
                {
                    LogGroupName = group,
                    LogStreamNames = new List<string>(streams),
                    StartTime = startMs,
                    EndTime = endMs,
                    FilterPattern = string.IsNullOrEmpty(pattern) ? null : pattern,
                    NextToken = token,
                }, ct);
                return (page.Events ?? new List<FilteredLogEvent>(), page.NextToken);
            });

        /// <summary>The last <paramref name="count"/> events of one stream in the range, oldest first.</summary>
        public List<OutputLogEvent> TailStream(string group, string stream, int count, long? startMs, long? endMs, CancellationToken ct)
        {
            var page = GetLogEvents(new GetLogEventsRequest
            {
                LogGroupName = group,
                LogStreamName = stream,
                StartTime = startMs,
                EndTime = endMs,
                Limit = count > MaxGetLogEventsLimit ? MaxGetLogEventsLimit : count,
                StartFromHead = false,
            }, ct);
            var events = page.Events ?? new List<OutputLogEvent>();
            // The service returns the newest page, in chronological order; a short limit is a cap, not a promise.
            if (events.Count > count) events = events.GetRange(events.Count - count, count);
            return events;
        }

        /// <summary>A log group or stream that does not exist (yet): the task may have just started.</summary>
        public static bool IsMissing(AwsServiceException ex) => ex.ErrorCode == "ResourceNotFoundException";
    }
}
