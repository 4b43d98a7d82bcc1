using System;
using System.Globalization;
using System.Threading.Tasks;
using Amazon.Runtime;

namespace EcsPS.Engine.Runtime
{
    /// <summary>
    /// The retry policy of every Engine client, in place of the SDK's standard and adaptive ones
    /// (AwsServiceClient swaps it into the SDK's RetryHandler, the extension point generated
    /// AWSSDK clients such as S3's use). The SDK still runs the loop, re-signs each attempt and
    /// corrects clock skew; this decides whether, when and how often to send again:
    /// - every failure is classified (<see cref="TransportFailure"/>) and gets the attempts
    ///   <see cref="RetryRules"/> allows its kind; lost connections count like any other failure
    ///   (the SDK's own "stale connection" re-sends, ten of them free and without backoff, are off);
    /// - an at-most-once operation (<see cref="ResendSafety.AtMostOnce"/>) is never sent again once
    ///   an attempt may have reached the service; answers that prove it did not take effect
    ///   (throttling, 5xx, a connection that never opened) are still retried;
    /// - each retry waits a jittered exponential backoff, then a token from the client's
    ///   <see cref="RequestPacer"/>, as does the first attempt; a throttled answer empties the
    ///   pacer's bucket and slows its refill, other answers speed it up again;
    /// - each retry is logged with its reason and delay (to -Verbose, via <see cref="OperationCall"/>);
    /// - no state outlives the call (no retry quota), see <see cref="RetryRules"/>.
    /// </summary>
    internal sealed class TransportRetryPolicy : RetryPolicy
    {
        private readonly RetryRules _rules;

        public TransportRetryPolicy(RetryRules rules)
        {
            _rules = rules;
            // The SDK sends "attempt=N; max=M" with every request and stops at MaxRetries + 1.
            MaxRetries = rules.MostAttempts - 1;
        }

        public RetryRules Rules => _rules;

        private static OperationCall CallOf(IExecutionContext context)
            => (context.RequestContext.OriginalRequest as OperationRequest)?.Call;

        private static RequestPacer PacerOf(IExecutionContext context)
            => (context.RequestContext.ClientConfig as AwsServiceConfig)?.Pacer;

        public override bool CanRetry(IExecutionContext executionContext)
            => executionContext.RequestContext.Request.IsRequestStreamRewindable();

        public override bool RetryLimitReached(IExecutionContext executionContext)
            => executionContext.RequestContext.Retries >= MaxRetries;

        // The SDK would re-send these at once and without counting them; here they are lost
        // connections like any other (ClientConfig.MaxStaleConnectionRetries is 0 as well).
        public override bool IsStaleConnectionError(Exception exception) => false;

        public override void NotifySuccess(IExecutionContext executionContext)
            => PacerOf(executionContext)?.Answered(CallOf(executionContext)?.Operation.RateLimit);

        public override void NotifyError(IExecutionContext executionContext, Exception exception)
        {
            var call = CallOf(executionContext);
            if (call == null) return;
            var kind = TransportFailure.Classify(exception, executionContext.RequestContext.CancellationToken.IsCancellationRequested);
            call.RecordFailure(exception, kind, executionContext.RequestContext.Request?.Endpoint?.ToString());
            var pacer = PacerOf(executionContext);
            if (kind == FailureKind.Throttled) pacer?.Throttled(call.Operation.RateLimit);
            else if (kind == FailureKind.Final && exception is AmazonServiceException) pacer?.Answered(call.Operation.RateLimit); // an answer, not "slow down"
        }

        public override bool RetryForException(IExecutionContext executionContext, Exception exception)
        {
            var call = CallOf(executionContext);
            var kind = call?.LastKind
                       ?? TransportFailure.Classify(exception, executionContext.RequestContext.CancellationToken.IsCancellationRequested);
            if (kind == FailureKind.Final) return false;
            var attempt = executionContext.RequestContext.Retries + 1;
            if (attempt >= _rules.AttemptsFor(kind)) return false;
            if (call != null && call.Operation.Resend == ResendSafety.AtMostOnce && TransportFailure.MayHaveTakenEffect(kind))
            {
                call.WithheldResend = true;
                return false;
            }
            return true;
        }

        public override Task<bool> RetryForExceptionAsync(IExecutionContext executionContext, Exception exception)
            => Task.FromResult(RetryForException(executionContext, exception));

        // Before the first attempt; before a retry the pacer is asked after the backoff instead.
        public override void ObtainSendToken(IExecutionContext executionContext, Exception exception)
        {
            if (exception == null) PaceAsync(executionContext).GetAwaiter().GetResult();
        }

        public override Task ObtainSendTokenAsync(IExecutionContext executionContext, Exception exception)
            => exception == null ? PaceAsync(executionContext) : Task.CompletedTask;

        public override void WaitBeforeRetry(IExecutionContext executionContext)
            => WaitBeforeRetryAsync(executionContext).GetAwaiter().GetResult();

        public override async Task WaitBeforeRetryAsync(IExecutionContext executionContext)
        {
            var call = CallOf(executionContext);
            var retry = executionContext.RequestContext.Retries; // already counts this retry: 1 for the first
            var delay = RetryRules.Backoff(retry);
            if (call != null)
            {
                var limit = _rules.AttemptsFor(call.LastKind == FailureKind.Final ? FailureKind.ServerError : call.LastKind);
                var failures = call.Failures;
                var reason = failures.Count > 0 ? failures[failures.Count - 1] : "an error";
                call.Verbose($"{call.Name}: attempt {retry} of {Math.Max(limit, retry + 1)} failed: {reason}; retrying in {Seconds(delay)}.");
            }
            var clock = call?.Clock ?? SystemTransportClock.Instance;
            await clock.Delay(delay, executionContext.RequestContext.CancellationToken).ConfigureAwait(false);
            await PaceAsync(executionContext).ConfigureAwait(false);
        }

        private static async Task PaceAsync(IExecutionContext executionContext)
        {
            var call = CallOf(executionContext);
            var pacer = PacerOf(executionContext);
            var limit = call?.Operation.RateLimit;
            if (pacer == null || limit == null) return;
            var wait = pacer.Reserve(limit);
            if (wait <= TimeSpan.Zero) return;
            call.Debug($"{call.Name}: pacing to {call.Service.ServiceId}'s '{limit.Name}' rate ({limit.PerSecond.ToString(CultureInfo.InvariantCulture)} a second); waiting {Seconds(wait)}.");
            await call.Clock.Delay(wait, executionContext.RequestContext.CancellationToken).ConfigureAwait(false);
        }

        internal static string Seconds(TimeSpan span)
            => span.TotalSeconds.ToString(span.TotalSeconds < 10 ? "0.##" : "0", CultureInfo.InvariantCulture) + " s";
    }
}
