using System;
using System.Collections.Generic;
using System.Linq;
using System.Threading;
using System.Threading.Tasks;
using EcsPS.Engine.Runtime;

namespace EcsPS.Engine.Tests.Support
{
    /// <summary>
    /// The transport's clock in virtual time: a Delay returns at once and moves the clock on, so a
    /// throttling storm or a paced pipeline of hundreds of requests runs in milliseconds, and tests
    /// assert the waits the transport asked for instead of measuring them. A fake's handler can read
    /// the same clock (<see cref="Now"/>) to throttle by time as a service would.
    /// </summary>
    internal sealed class VirtualTransportClock : ITransportClock
    {
        private readonly object _gate = new object();
        private readonly List<TimeSpan> _delays = new List<TimeSpan>();
        private TimeSpan _now = TimeSpan.FromHours(1);

        public TimeSpan Now { get { lock (_gate) return _now; } }

        /// <summary>Every delay asked for, zero ones included, in order.</summary>
        public IReadOnlyList<TimeSpan> Delays { get { lock (_gate) return _delays.ToList(); } }

        /// <summary>The delays longer than zero.</summary>
        public IReadOnlyList<TimeSpan> Waits => Delays.Where(d => d > TimeSpan.Zero).ToList();

        /// <summary>Virtual time spent waiting in all.</summary>
        public TimeSpan Waited => new TimeSpan(Delays.Sum(d => d.Ticks));

        public Task Delay(TimeSpan delay, CancellationToken cancellationToken)
        {
            cancellationToken.ThrowIfCancellationRequested();
            lock (_gate)
            {
                _delays.Add(delay);
                if (delay > TimeSpan.Zero) _now += delay;
            }
            return Task.CompletedTask;
        }

        /// <summary>Moves the clock on without a delay (time passing between requests).</summary>
        public void Advance(TimeSpan span)
        {
            lock (_gate) _now += span;
        }
    }
}
