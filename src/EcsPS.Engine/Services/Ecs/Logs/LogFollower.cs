using System;
using System.Collections.Generic;
using System.Linq;
using System.Threading;
using EcsPS.Engine.Ecs.Deployments;

namespace EcsPS.Engine.Ecs.Logs
{
    public sealed class LogFollowOptions
    {
        /// <summary>How often to poll (FilterLogEvents has a low request quota: keep it at 1 s or more).</summary>
        public TimeSpan PollInterval { get; set; } = TimeSpan.FromSeconds(2);
        /// <summary>The longest a throttled poll backs off to.</summary>
        public TimeSpan MaxBackoff { get; set; } = TimeSpan.FromSeconds(30);
        /// <summary>
        /// How far before the newest timestamp seen each poll reads again: CloudWatch makes events
        /// searchable a little after their timestamp, and a line written just before the last one
        /// shown may arrive after it. Event ids already shown in the overlap are dropped.
        /// </summary>
        public TimeSpan Overlap { get; set; } = TimeSpan.FromSeconds(30);
        /// <summary>How often to ask for the sources again (a service's new tasks); null: never.</summary>
        public TimeSpan? RelistInterval { get; set; } = TimeSpan.FromSeconds(15);
    }

    /// <summary>
    /// The window of a follow: where the next poll starts, which events in it were shown already.
    /// Each poll reads from (newest timestamp shown − overlap); an event is new when its id has not
    /// been seen; ids older than the window are forgotten, so memory stays bounded by the overlap.
    /// </summary>
    public sealed class LogFollowWindow
    {
        private readonly long _overlapMs;
        private readonly Dictionary<string, long> _seen = new Dictionary<string, long>(StringComparer.Ordinal);
        private long _newest;

        public LogFollowWindow(long startMs, TimeSpan overlap)
        {
            FloorMs = startMs;
            _newest = startMs;
            _overlapMs = (long)overlap.TotalMilliseconds;
        }

        /// <summary>Never read before this (the -Since of the follow).</summary>
        public long FloorMs { get; }

        /// <summary>Where the next poll starts.</summary>
        public long NextStartMs => Math.Max(FloorMs, _newest - _overlapMs);

        public int Remembered => _seen.Count;

        /// <summary>The events of one poll that were not shown before, oldest first; records them.</summary>
        public List<TaskLogEvent> Accept(IEnumerable<TaskLogEvent> polled)
        {
            var fresh = new List<TaskLogEvent>();
            foreach (var e in polled)
            {
                if (e.TimestampMs < FloorMs) continue;
                if (_seen.ContainsKey(e.DedupeKey)) continue;
                _seen[e.DedupeKey] = e.TimestampMs;
                fresh.Add(e);
                if (e.TimestampMs > _newest) _newest = e.TimestampMs;
            }
            var horizon = NextStartMs;
            foreach (var key in _seen.Where(kv => kv.Value < horizon).Select(kv => kv.Key).ToList()) _seen.Remove(key);
            // Stable: events of one timestamp keep the order CloudWatch gave them.
            return fresh.Select((e, i) => (e, i)).OrderBy(x => x.e.TimestampMs).ThenBy(x => x.i).Select(x => x.e).ToList();
        }
    }

    /// <summary>
    /// Follows container logs: polls the sources from the window's start, yields what is new,
    /// re-lists the sources (a service's tasks) every so often and reads a newly seen source from
    /// the start of the follow, backs off while throttled, and ends only when cancelled.
    /// </summary>
    public sealed class LogFollower
    {
        private readonly IWaitClock _clock;
        private readonly LogFollowOptions _options;
        private readonly ITaskLogReader _reader;
        private readonly Action<string> _say;

        public LogFollower(ITaskLogReader reader, LogFollowOptions options, IWaitClock clock = null, Action<string> say = null)
        {
            _reader = reader;
            _options = options ?? new LogFollowOptions();
            _clock = clock ?? SystemWaitClock.Instance;
            _say = say;
        }

        /// <param name="sources">What to follow at first.</param>
        /// <param name="relist">Lists the sources again (null: the sources never change).</param>
        /// <param name="startMs">The follow's start (-Since).</param>
        /// <param name="pattern">A filter pattern, or null.</param>
        public IEnumerable<TaskLogEvent> Follow(IReadOnlyList<ContainerLogSource> sources, Func<IReadOnlyList<ContainerLogSource>> relist,
            long startMs, string pattern, CancellationToken ct)
        {
            var window = new LogFollowWindow(startMs, _options.Overlap);
            var pacing = new WaitPacing(_clock, _options.PollInterval, _options.MaxBackoff, TimeSpan.MaxValue);
            var current = new List<ContainerLogSource>(sources ?? new List<ContainerLogSource>());
            var known = new HashSet<string>(current.Select(s => s.Key), StringComparer.Ordinal);
            var fresh = new List<ContainerLogSource>();
            var lastList = _clock.UtcNow;
            while (true)
            {
                ct.ThrowIfCancellationRequested();
                var troubled = false;
                List<TaskLogEvent> shown = null;
                try
                {
                    var polled = new List<TaskLogEvent>();
                    if (current.Count > 0)
                        polled.AddRange(_reader.Read(current, new LogQuery { StartMs = window.NextStartMs, FilterPattern = pattern }, ct));
                    // A source seen for the first time is read from the start of the follow: a
                    // task that started since the last poll has lines older than the window.
                    if (fresh.Count > 0)
                    {
                        polled.AddRange(_reader.Read(fresh, new LogQuery { StartMs = window.FloorMs, FilterPattern = pattern }, ct));
                        current.AddRange(fresh);
                        fresh.Clear();
                    }
                    shown = window.Accept(polled);
                }
                catch (Exception ex) when (WaitPacing.IsPassing(ex, "FilterLogEvents", _say))
                {
                    troubled = true;
                }
                if (shown != null) foreach (var e in shown) yield return e;

                if (relist != null && _options.RelistInterval.HasValue && _clock.UtcNow - lastList >= _options.RelistInterval.Value)
                {
                    lastList = _clock.UtcNow;
                    IReadOnlyList<ContainerLogSource> listed = null;
                    try { listed = relist(); }
                    catch (Exception ex) when (WaitPacing.IsPassing(ex, "Listing the tasks", _say)) { troubled = true; }
                    foreach (var s in listed ?? new List<ContainerLogSource>())
                        if (known.Add(s.Key))
                        {
                            _say?.Invoke($"Following {s.Container} of new task {s.TaskId} ({s}).");
                            fresh.Add(s);
                        }
                }
                pacing.Pause(troubled, ct);
            }
        }
    }
}
