using System;

namespace EcsPS.Engine.Runtime
{
    /// <summary>
    /// How many attempts each kind of failure gets, and how long to wait between them. One set per
    /// client, from the configured attempt count (AWS_MAX_ATTEMPTS, or the caller's MaxErrorRetry
    /// plus one; 3 by default).
    ///
    /// Why the kinds differ:
    /// - Throttling is the service asking us to slow down, not a failure: it gets at least
    ///   <see cref="MinThrottleAttempts"/> attempts, so with the backoff a call rides out about a
    ///   minute of throttling before it reports it. An attempt count of 1 still means "never retry".
    /// - Server errors and lost or refused connections get the configured count.
    /// - A timed-out attempt costs a whole timeout, and an endpoint that hangs twice in a row is
    ///   not coming back within seconds: it is retried once (when retries are allowed at all), so
    ///   a dead endpoint is reported in two timeouts (about 20 s by default), not three or more.
    ///
    /// There is deliberately no retry quota shared between calls. The SDK's standard mode keeps
    /// one (500 tokens, 5 a retry, 10 a timeout, refunded only by successes) per endpoint for the
    /// whole process; in a PowerShell session that outlives a burst of 5xx answers it stayed empty
    /// and turned retries off for every later command. What the quota is for — not multiplying
    /// the load on a struggling service — is done here by the per-call limits, the exponential
    /// backoff and the client-side pacing (<see cref="RequestPacer"/>), none of which outlive a
    /// call's own trouble.
    /// </summary>
    internal sealed class RetryRules
    {
        public const int DefaultMaxAttempts = 3;
        public const int MinThrottleAttempts = 8;
        public const int MaxTimeoutAttempts = 2;

        /// <summary>Without -TimeoutSec, ECSPS_TIMEOUT or a profile's cli_read_timeout: long enough
        /// for any ECS control-plane call, short enough that two timed-out attempts report a dead
        /// endpoint well within 30 s.</summary>
        public static readonly TimeSpan DefaultAttemptTimeout = TimeSpan.FromSeconds(10);

        /// <summary>Backoff: a random wait up to BaseDelay × 2^(retry-1), capped at MaxDelay ("full
        /// jitter", so that many clients throttled together do not come back together).</summary>
        public static readonly TimeSpan BaseDelay = TimeSpan.FromSeconds(1);
        public static readonly TimeSpan MaxDelay = TimeSpan.FromSeconds(20);

        private static readonly Random Jitter = new Random();

        public RetryRules(int maxAttempts)
        {
            MaxAttempts = Math.Max(1, maxAttempts);
            ThrottleAttempts = MaxAttempts == 1 ? 1 : Math.Max(MaxAttempts, MinThrottleAttempts);
            TimeoutAttempts = Math.Min(MaxAttempts, MaxTimeoutAttempts);
        }

        /// <summary>Attempts for server errors and lost or refused connections.</summary>
        public int MaxAttempts { get; }
        public int ThrottleAttempts { get; }
        public int TimeoutAttempts { get; }

        /// <summary>The most attempts any call can make (the SDK's "max" in amz-sdk-request).</summary>
        public int MostAttempts => Math.Max(MaxAttempts, ThrottleAttempts);

        public int AttemptsFor(FailureKind kind)
        {
            switch (kind)
            {
                case FailureKind.Throttled: return ThrottleAttempts;
                case FailureKind.TimedOut: return TimeoutAttempts;
                case FailureKind.ServerError:
                case FailureKind.NotSent:
                case FailureKind.ConnectionLost: return MaxAttempts;
                default: return 1;
            }
        }

        /// <summary>The wait before retry number <paramref name="retry"/> (1 for the first retry).</summary>
        public static TimeSpan Backoff(int retry)
        {
            double share;
            lock (Jitter) share = Jitter.NextDouble();
            return Backoff(retry, share);
        }

        /// <param name="share">Where in [0, 1) the jittered wait falls.</param>
        public static TimeSpan Backoff(int retry, double share)
        {
            var ceiling = Math.Min(MaxDelay.TotalMilliseconds, BaseDelay.TotalMilliseconds * Math.Pow(2, Math.Max(0, retry - 1)));
            return TimeSpan.FromMilliseconds(Math.Round(share * ceiling));
        }
    }
}
