using System;
using System.Collections.Generic;
using System.Linq;
using System.Threading;
using EcsPS.Engine.CloudWatchLogs;
using EcsPS.Engine.Runtime;

namespace EcsPS.Engine.Ecs.Logs
{
    /// <summary>Reads the events of container log streams; the follow loop's one way to CloudWatch.</summary>
    public interface ITaskLogReader
    {
        IEnumerable<TaskLogEvent> Read(IReadOnlyList<ContainerLogSource> sources, LogQuery query, CancellationToken ct);
    }

    /// <summary>
    /// Reads container log streams with FilterLogEvents (up to 100 streams of a group per request,
    /// paged), or with -Tail and no pattern, GetLogEvents from the end of each stream. Each
    /// awslogs-region goes to that region's client. A group or stream that does not exist yet is
    /// a verbose line, not an error.
    /// </summary>
    public sealed class TaskLogReader : ITaskLogReader
    {
        private readonly Func<string, CloudWatchLogsClient> _clientFor;
        private readonly IEngineLog _log;

        public TaskLogReader(Func<string, CloudWatchLogsClient> clientForRegion, IEngineLog log)
        {
            _clientFor = clientForRegion;
            _log = log;
        }

        public IEnumerable<TaskLogEvent> Read(IReadOnlyList<ContainerLogSource> sources, LogQuery query, CancellationToken ct)
        {
            foreach (var group in sources.GroupBy(s => (s.Region, s.LogGroup)))
            {
                var client = _clientFor(group.Key.Region);
                var byStream = new Dictionary<string, ContainerLogSource>(StringComparer.Ordinal);
                foreach (var s in group) byStream[s.LogStream] = s;
                if (query.Tail.HasValue && string.IsNullOrEmpty(query.FilterPattern))
                {
                    foreach (var source in byStream.Values)
                        foreach (var e in TailOne(client, source, query, ct)) yield return e;
                    continue;
                }
                foreach (var chunk in Pager.Chunk(byStream.Keys, CloudWatchLogsClient.MaxStreamsPerFilter))
                {
                    var events = FilterChunk(client, group.Key.LogGroup, chunk, byStream, query, ct);
                    if (query.Tail.HasValue) events = LastOfEach(events, query.Tail.Value);
                    foreach (var e in events) yield return e;
                }
            }
        }

        private IEnumerable<TaskLogEvent> FilterChunk(CloudWatchLogsClient client, string group, List<string> streams,
            Dictionary<string, ContainerLogSource> byStream, LogQuery query, CancellationToken ct)
        {
            var pages = client.FilterStreamEvents(group, streams, query.StartMs, query.EndMs, query.FilterPattern, ct);
            using (var walk = pages.GetEnumerator())
            {
                var first = true;
                while (true)
                {
                    bool more;
                    string missing = null;
                    try
                    {
                        more = walk.MoveNext();
                    }
                    catch (AwsServiceException ex) when (CloudWatchLogsClient.IsMissing(ex) && first)
                    {
                        more = false;
                        missing = ex.ServiceMessage ?? ex.ErrorCode;
                    }
                    if (missing != null)
                    {
                        if (streams.Count > 1 && missing.IndexOf("log group", StringComparison.OrdinalIgnoreCase) < 0)
                        {
                            // One missing stream fails the whole request: read the others one by one.
                            foreach (var single in streams)
                                foreach (var e in FilterChunk(client, group, new List<string> { single }, byStream, query, ct))
                                    yield return e;
                            yield break;
                        }
                        _log?.Verbose(streams.Count > 1
                            ? $"Log group '{group}' does not exist (yet): {missing}."
                            : $"Log {Where(group, streams[0])} does not exist (yet): {missing}.");
                        yield break;
                    }
                    if (!more) yield break;
                    first = false;
                    foreach (var e in walk.Current)
                    {
                        if (e.LogStreamName == null || !byStream.TryGetValue(e.LogStreamName, out var source)) continue;
                        yield return Make(source, e.Timestamp ?? 0, e.Message, e.IngestionTime, e.EventId);
                    }
                }
            }
        }

        private IEnumerable<TaskLogEvent> TailOne(CloudWatchLogsClient client, ContainerLogSource source, LogQuery query, CancellationToken ct)
        {
            List<CloudWatchLogs.Model.OutputLogEvent> events;
            try
            {
                events = client.TailStream(source.LogGroup, source.LogStream, query.Tail.Value, query.StartMs, query.EndMs, ct);
            }
            catch (AwsServiceException ex) when (CloudWatchLogsClient.IsMissing(ex))
            {
                _log?.Verbose($"Log {Where(source.LogGroup, source.LogStream)} does not exist (yet): {ex.ServiceMessage ?? ex.ErrorCode}.");
                return Enumerable.Empty<TaskLogEvent>();
            }
            return events.Select(e => Make(source, e.Timestamp ?? 0, e.Message, e.IngestionTime, null)).ToList();
        }

        // With a filter pattern, -Tail keeps the last N matches of each stream.
        private static IEnumerable<TaskLogEvent> LastOfEach(IEnumerable<TaskLogEvent> events, int n)
        {
            var kept = new Dictionary<string, Queue<TaskLogEvent>>(StringComparer.Ordinal);
            var order = new List<string>();
            foreach (var e in events)
            {
                if (!kept.TryGetValue(e.LogStream, out var q)) { kept[e.LogStream] = q = new Queue<TaskLogEvent>(); order.Add(e.LogStream); }
                q.Enqueue(e);
                if (q.Count > n) q.Dequeue();
            }
            return order.SelectMany(s => kept[s]);
        }

        private static string Where(string group, string stream) => $"stream '{stream}' in group '{group}'";

        internal static TaskLogEvent Make(ContainerLogSource source, long timestamp, string message, long? ingestion, string eventId)
            => new TaskLogEvent
            {
                TimestampMs = timestamp,
                Timestamp = TaskLogEvent.LocalTime(timestamp),
                TaskArn = source.TaskArn,
                Container = source.Container,
                Message = message?.TrimEnd('\r', '\n'),
                LogGroup = source.LogGroup,
                LogStream = source.LogStream,
                IngestionTime = ingestion.HasValue ? TaskLogEvent.LocalTime(ingestion.Value) : (DateTime?)null,
                EventId = eventId,
                Region = source.Region,
            };
    }
}
