using System;
using System.Collections.Generic;

namespace EcsPS.Engine.Runtime
{
    /// <summary>
    /// Client-side token buckets, one per <see cref="RateLimit"/> of a service, shaped like the
    /// service's own: a request takes a token; tokens come back at the documented rate up to the
    /// documented burst. Asked before every send (retries included), the pacer lets a short burst go
    /// at once and spaces out a long one at the rate the service sustains, so that piping hundreds
    /// of services into a change completes instead of drowning in ThrottlingException.
    ///
    /// ECS's buckets are per account and Region and shared with everything else that calls it
    /// (the console, CI, other sessions), so this bucket can only be optimistic: it assumes it is
    /// alone. A throttled answer is the correction: it empties this bucket and halves the rate it
    /// refills at (down to a sixteenth of the documented one); each answer that is not throttled
    /// gives back a fiftieth of the documented rate. So a session that shares the account's
    /// capacity with others settles near the share it actually gets, instead of being throttled
    /// on every other request.
    ///
    /// One pacer belongs to one cached SDK client (one set of credentials, one Region, one
    /// endpoint), so every cmdlet of a session that talks to the same place shares it.
    /// </summary>
    internal sealed class RequestPacer
    {
        private readonly ITransportClock _clock;
        private readonly Dictionary<RateLimit, Bucket> _buckets = new Dictionary<RateLimit, Bucket>();

        public RequestPacer(ITransportClock clock) => _clock = clock ?? throw new ArgumentNullException(nameof(clock));

        /// <summary>
        /// Takes a token for one request and returns how long to wait before sending it (zero when
        /// one was there). The token is reserved at once, so callers in parallel queue up behind
        /// each other instead of all waking at the same moment.
        /// </summary>
        public TimeSpan Reserve(RateLimit limit)
        {
            if (limit == null) return TimeSpan.Zero;
            var bucket = BucketFor(limit);
            lock (bucket)
            {
                bucket.Refill(_clock.Now);
                bucket.Tokens -= 1;
                return bucket.Tokens >= 0 ? TimeSpan.Zero : TimeSpan.FromSeconds(-bucket.Tokens / bucket.Rate);
            }
        }

        /// <summary>The service throttled a request of this bucket: it has no tokens left for us
        /// either, whatever our count said, and it refills slower than we thought.</summary>
        public void Throttled(RateLimit limit)
        {
            if (limit == null) return;
            var bucket = BucketFor(limit);
            lock (bucket)
            {
                bucket.Refill(_clock.Now);
                if (bucket.Tokens > 0) bucket.Tokens = 0;
                bucket.Rate = Math.Max(limit.PerSecond / 16, bucket.Rate / 2);
            }
        }

        /// <summary>A request of this bucket was answered without throttling.</summary>
        public void Answered(RateLimit limit)
        {
            if (limit == null) return;
            var bucket = BucketFor(limit);
            lock (bucket)
            {
                bucket.Refill(_clock.Now);
                bucket.Rate = Math.Min(limit.PerSecond, bucket.Rate + limit.PerSecond / 50);
            }
        }

        /// <summary>The rate the bucket refills at now (the documented one until a throttle).</summary>
        public double Rate(RateLimit limit)
        {
            var bucket = BucketFor(limit);
            lock (bucket) return bucket.Rate;
        }

        /// <summary>Tokens left now (negative while requests are queued); for tests and diagnostics.</summary>
        public double Available(RateLimit limit)
        {
            var bucket = BucketFor(limit);
            lock (bucket)
            {
                bucket.Refill(_clock.Now);
                return bucket.Tokens;
            }
        }

        private Bucket BucketFor(RateLimit limit)
        {
            lock (_buckets)
            {
                if (!_buckets.TryGetValue(limit, out var bucket))
                    _buckets[limit] = bucket = new Bucket(limit, _clock.Now);
                return bucket;
            }
        }

        private sealed class Bucket
        {
            private readonly RateLimit _limit;
            private TimeSpan _refilledAt;

            public Bucket(RateLimit limit, TimeSpan now)
            {
                _limit = limit;
                _refilledAt = now;
                Tokens = limit.Burst;
                Rate = limit.PerSecond;
            }

            public double Tokens { get; set; }

            /// <summary>Tokens a second; the documented rate, or less after throttling.</summary>
            public double Rate { get; set; }

            public void Refill(TimeSpan now)
            {
                var elapsed = (now - _refilledAt).TotalSeconds;
                if (elapsed <= 0) return;
                Tokens = Math.Min(_limit.Burst, Tokens + elapsed * Rate);
                _refilledAt = now;
            }
        }
    }
}
