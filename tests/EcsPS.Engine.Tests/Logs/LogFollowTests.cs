using System;
using System.Collections.Generic;
using System.Linq;
using System.Threading;
using EcsPS.Engine.Ecs.Logs;
using EcsPS.Engine.Ecs.Model;
using EcsPS.Engine.Runtime;
using EcsPS.Engine.Tests.Services;
using Xunit;

namespace EcsPS.Engine.Tests.TaskLogs
{
    /// <summary>
    /// The follow loop's decisions on virtual time: where each poll starts, which events are new,
    /// when the sources are listed again, backing off while throttled, stopping when cancelled.
    /// A fake reader plays CloudWatch: events become visible at an "arrival" time that may be
    /// later than their timestamp, as ingestion delay makes them.
    /// </summary>
    public sealed class LogFollowTests
    {
        private static readonly long T0Ms = new DateTimeOffset(VirtualWaitClock.T0).ToUnixTimeMilliseconds();

        private static ContainerLogSource Source(string taskId, string container = "web") => new ContainerLogSource
        {
            TaskArn = "arn:aws:ecs:us-east-1:123456789012:task/prod/" + taskId,
            Container = container,
            LogGroup = "/ecs/web",
            LogStream = $"ecs/{container}/{taskId}",
            Region = "us-east-1",
        };

        /// <summary>CloudWatch as a list of events, each visible from its arrival on.</summary>
        private sealed class FakeCloudWatch : ITaskLogReader
        {
            private readonly VirtualWaitClock _clock;
            private readonly List<(ContainerLogSource Source, long Ts, long ArrivalMs, string Message, string Id)> _events = new List<(ContainerLogSource, long, long, string, string)>();
            private int _next;

            public FakeCloudWatch(VirtualWaitClock clock) => _clock = clock;

            public List<LogQuery> Queries { get; } = new List<LogQuery>();
            public Func<int, Exception> FailPoll { get; set; }

            public void Write(ContainerLogSource source, double atSeconds, string message, double arrivesAfterSeconds = 0)
            {
                var ts = T0Ms + (long)(atSeconds * 1000);
                _events.Add((source, ts, ts + (long)(arrivesAfterSeconds * 1000), message, "id" + (_next++).ToString("D6")));
            }

            public IEnumerable<TaskLogEvent> Read(IReadOnlyList<ContainerLogSource> sources, LogQuery query, CancellationToken ct)
            {
                Queries.Add(query);
                if (FailPoll?.Invoke(Queries.Count) is Exception ex) throw ex;
                var now = new DateTimeOffset(_clock.UtcNow).ToUnixTimeMilliseconds();
                var keys = new HashSet<string>(sources.Select(s => s.LogStream));
                return _events.Where(e => keys.Contains(e.Source.LogStream) && e.ArrivalMs <= now && e.Ts >= (query.StartMs ?? 0))
                    .OrderBy(e => e.Ts)
                    .Select(e => TaskLogReader.Make(e.Source, e.Ts, e.Message, e.ArrivalMs, e.Id))
                    .ToList();
            }
        }

        private static List<string> Run(LogFollower follower, IReadOnlyList<ContainerLogSource> sources, Func<IReadOnlyList<ContainerLogSource>> relist,
            VirtualWaitClock clock, TimeSpan until, long? startMs = null)
        {
            using var cts = new CancellationTokenSource();
            clock.OnDelay = (_, __) => { if (clock.Elapsed >= until) cts.Cancel(); };
            var shown = new List<string>();
            Assert.Throws<OperationCanceledException>(() =>
            {
                foreach (var e in follower.Follow(sources, relist, startMs ?? T0Ms, null, cts.Token)) shown.Add(e.Message);
            });
            return shown;
        }

        [Fact]
        public void A_growing_stream_is_shown_once_each_line_in_order_including_lines_that_arrive_late()
        {
            var clock = new VirtualWaitClock();
            var logs = new FakeCloudWatch(clock);
            var web = Source("aaaa0000aaaa0000aaaa0000aaaa0000");
            var expected = new List<string>();
            for (var i = 0; i < 40; i++)
            {
                // Every fifth line reaches CloudWatch 8 s after its timestamp, behind lines written after it.
                logs.Write(web, i * 0.7, "line " + i, arrivesAfterSeconds: i % 5 == 0 ? 8 : 0.2);
                expected.Add("line " + i);
            }
            var follower = new LogFollower(logs, new LogFollowOptions { PollInterval = TimeSpan.FromSeconds(2), Overlap = TimeSpan.FromSeconds(10) }, clock);

            var shown = Run(follower, new[] { web }, null, clock, TimeSpan.FromSeconds(60));

            Assert.Equal(expected.OrderBy(m => m), shown.OrderBy(m => m));
            Assert.Equal(shown.Count, shown.Distinct().Count());
            Assert.True(logs.Queries.Count >= 20, "it polled every 2 s");
            Assert.All(clock.Delays, d => Assert.Equal(TimeSpan.FromSeconds(2), d));
        }

        [Fact]
        public void Each_poll_starts_one_overlap_before_the_newest_event_shown_and_never_before_the_start()
        {
            var clock = new VirtualWaitClock();
            var logs = new FakeCloudWatch(clock);
            var web = Source("bbbb0000bbbb0000bbbb0000bbbb0000");
            logs.Write(web, 1, "a", arrivesAfterSeconds: -1);
            logs.Write(web, 30, "b", arrivesAfterSeconds: -30); // both visible at the first poll
            var follower = new LogFollower(logs, new LogFollowOptions { PollInterval = TimeSpan.FromSeconds(5), Overlap = TimeSpan.FromSeconds(10) }, clock);

            Run(follower, new[] { web }, null, clock, TimeSpan.FromSeconds(10));

            Assert.Equal(T0Ms, logs.Queries[0].StartMs);
            Assert.Equal(T0Ms + 20_000, logs.Queries[1].StartMs);
            Assert.All(logs.Queries, q => Assert.Null(q.EndMs));
        }

        [Fact]
        public void The_window_forgets_ids_older_than_the_overlap_and_drops_repeats_within_it()
        {
            var web = Source("cccc0000cccc0000cccc0000cccc0000");
            var window = new LogFollowWindow(T0Ms, TimeSpan.FromSeconds(5));
            TaskLogEvent E(int s, string id) => TaskLogReader.Make(web, T0Ms + s * 1000, "m" + id, null, id);

            Assert.Equal(new[] { "m1", "m2" }, window.Accept(new[] { E(2, "2"), E(1, "1") }).Select(e => e.Message));
            Assert.Empty(window.Accept(new[] { E(1, "1"), E(2, "2") }));
            Assert.Equal(new[] { "m3" }, window.Accept(new[] { E(2, "2"), E(20, "3") }).Select(e => e.Message));
            Assert.Equal(T0Ms + 15_000, window.NextStartMs);
            Assert.Equal(1, window.Remembered);
        }

        [Fact]
        public void Events_before_the_start_are_not_shown()
        {
            var web = Source("dddd0000dddd0000dddd0000dddd0000");
            var window = new LogFollowWindow(T0Ms, TimeSpan.FromSeconds(5));

            Assert.Empty(window.Accept(new[] { TaskLogReader.Make(web, T0Ms - 1, "old", null, "x") }));
        }

        [Fact]
        public void A_service_task_that_starts_during_the_follow_is_picked_up_at_the_next_listing_from_its_first_line()
        {
            var clock = new VirtualWaitClock();
            var logs = new FakeCloudWatch(clock);
            var first = Source("eeee0000eeee0000eeee0000eeee0000");
            var second = Source("ffff0000ffff0000ffff0000ffff0000");
            logs.Write(first, 1, "first up");
            // The second task starts at 12 s; by the listing that finds it the window has moved past 12 s.
            logs.Write(second, 12, "second up");
            logs.Write(first, 40, "first later", arrivesAfterSeconds: -39);
            var listings = 0;
            IReadOnlyList<ContainerLogSource> Relist()
            {
                listings++;
                return clock.Elapsed >= TimeSpan.FromSeconds(20) ? new[] { first, second } : new[] { first };
            }
            var follower = new LogFollower(logs, new LogFollowOptions { PollInterval = TimeSpan.FromSeconds(2), RelistInterval = TimeSpan.FromSeconds(10), Overlap = TimeSpan.FromSeconds(5) }, clock);

            var shown = Run(follower, new[] { first }, Relist, clock, TimeSpan.FromSeconds(40));

            Assert.Equal(new[] { "first up", "first later", "second up" }.OrderBy(m => m), shown.OrderBy(m => m));
            Assert.Single(shown, "second up");
            // Every 10 s over 40 s: not at every poll.
            Assert.InRange(listings, 3, 4);
        }

        [Fact]
        public void Throttled_polls_back_off_and_the_follow_goes_on_without_losing_lines()
        {
            var clock = new VirtualWaitClock();
            var logs = new FakeCloudWatch(clock)
            {
                FailPoll = n => n >= 2 && n <= 4 ? new AwsServiceException("CloudWatch Logs", "FilterLogEvents", "ThrottlingException", "Rate exceeded", "req-1", 400, null) : null,
            };
            var web = Source("0000aaaa0000aaaa0000aaaa0000aaaa");
            for (var i = 0; i < 10; i++) logs.Write(web, i, "l" + i);
            var follower = new LogFollower(logs, new LogFollowOptions { PollInterval = TimeSpan.FromSeconds(1), MaxBackoff = TimeSpan.FromSeconds(8) }, clock);

            var shown = Run(follower, new[] { web }, null, clock, TimeSpan.FromSeconds(30));

            Assert.Equal(Enumerable.Range(0, 10).Select(i => "l" + i), shown);
            Assert.Equal(new[] { 1, 2, 4, 8, 1 }.Select(s => TimeSpan.FromSeconds(s)), clock.Delays.Take(5));
        }

        [Fact]
        public void Cancelling_ends_the_follow_at_the_next_pause()
        {
            var clock = new VirtualWaitClock();
            var logs = new FakeCloudWatch(clock);
            var follower = new LogFollower(logs, new LogFollowOptions(), clock);
            using var cts = new CancellationTokenSource();
            cts.Cancel();

            Assert.Throws<OperationCanceledException>(() => follower.Follow(new[] { Source("1111aaaa1111aaaa1111aaaa1111aaaa") }, null, T0Ms, null, cts.Token).ToList());
            Assert.Empty(logs.Queries);
        }
    }
}
