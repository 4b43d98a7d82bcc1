using System;
using System.Diagnostics;
using System.Threading;
using System.Threading.Tasks;

namespace EcsPS.Engine.Runtime
{
    /// <summary>
    /// The time the transport waits by: backoff before a retry and pacing before a send. A seam so
    /// that tests can run a throttling storm or a pipeline of hundreds of paced requests in virtual
    /// time, and assert what was sent rather than how long it took.
    /// </summary>
    internal interface ITransportClock
    {
        /// <summary>A monotonic reading; only differences between readings mean anything.</summary>
        TimeSpan Now { get; }

        /// <summary>Waits; throws OperationCanceledException when the token is cancelled.</summary>
        Task Delay(TimeSpan delay, CancellationToken cancellationToken);
    }

    internal sealed class SystemTransportClock : ITransportClock
    {
        public static readonly SystemTransportClock Instance = new SystemTransportClock();

        private readonly Stopwatch _watch = Stopwatch.StartNew();

        private SystemTransportClock()
        {
        }

        public TimeSpan Now => _watch.Elapsed;

        public Task Delay(TimeSpan delay, CancellationToken cancellationToken)
            => delay > TimeSpan.Zero ? Task.Delay(delay, cancellationToken) : Task.CompletedTask;
    }
}
