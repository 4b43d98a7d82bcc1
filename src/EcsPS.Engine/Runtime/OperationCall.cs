using System;
using System.Collections.Concurrent;
using System.Collections.Generic;
using System.Threading;

namespace EcsPS.Engine.Runtime
{
    /// <summary>
    /// One logical call of one operation, across all its attempts: what the retry policy learns
    /// attempt by attempt (kept for the final error), and the log lines it writes on the way.
    ///
    /// The SDK runs its pipeline, and so the retry policy, on thread-pool threads; a cmdlet may
    /// write Verbose only from its own thread. So the policy queues its lines here and the thread
    /// that made the call writes them while it waits (<see cref="ServiceChannel"/>), which keeps
    /// "retrying in 2.1 s" on screen while the wait is still going on.
    /// </summary>
    internal sealed class OperationCall : IDisposable
    {
        private readonly ConcurrentQueue<KeyValuePair<bool, string>> _lines = new ConcurrentQueue<KeyValuePair<bool, string>>();
        private readonly AutoResetEvent _signal = new AutoResetEvent(false);
        private readonly List<string> _failures = new List<string>();
        private readonly System.Diagnostics.Stopwatch _watch = System.Diagnostics.Stopwatch.StartNew();

        public OperationCall(ServiceDescriptor service, AwsOperation operation, ITransportClock clock)
        {
            Service = service;
            Operation = operation;
            Clock = clock ?? SystemTransportClock.Instance;
        }

        public ServiceDescriptor Service { get; }
        public AwsOperation Operation { get; }
        public ITransportClock Clock { get; }

        /// <summary>How long the caller has waited (real time, whatever clock the waits use).</summary>
        public TimeSpan Elapsed => _watch.Elapsed;

        /// <summary>"ECS RegisterTaskDefinition": how log lines and errors name the call.</summary>
        public string Name => Service.ServiceId + " " + Operation.Name;

        /// <summary>The idempotency token the channel filled in, if it did.</summary>
        public string GeneratedToken { get; set; }

        /// <summary>Attempts that failed so far.</summary>
        public int FailedAttempts { get; private set; }
        public FailureKind LastKind { get; private set; } = FailureKind.Final;
        public Exception LastException { get; private set; }
        /// <summary>The endpoint the last attempt went to.</summary>
        public string Endpoint { get; private set; }
        /// <summary>Whether any attempt may have reached the service and taken effect.</summary>
        public bool MayHaveTakenEffect { get; private set; }
        /// <summary>Set when the policy did not send the request again because it might already
        /// have taken effect (an at-most-once operation).</summary>
        public bool WithheldResend { get; set; }

        public IReadOnlyList<string> Failures { get { lock (_failures) return _failures.ToArray(); } }

        public WaitHandle Signal => _signal;

        public void RecordFailure(Exception exception, FailureKind kind, string endpoint)
        {
            lock (_failures)
            {
                FailedAttempts++;
                LastKind = kind;
                LastException = exception;
                if (!string.IsNullOrEmpty(endpoint)) Endpoint = endpoint;
                if (TransportFailure.MayHaveTakenEffect(kind)) MayHaveTakenEffect = true;
                _failures.Add(TransportFailure.Describe(exception, kind));
            }
        }

        public void Verbose(string message) => Enqueue(true, message);

        public void Debug(string message) => Enqueue(false, message);

        private void Enqueue(bool verbose, string message)
        {
            _lines.Enqueue(new KeyValuePair<bool, string>(verbose, message));
            try { _signal.Set(); } catch (ObjectDisposedException) { }
        }

        /// <summary>Writes the queued lines; only from the thread that made the call.</summary>
        public void Drain(IEngineLog log)
        {
            while (_lines.TryDequeue(out var line))
            {
                if (line.Key) log.Verbose(line.Value);
                else log.Debug(line.Value);
            }
        }

        public void Dispose() => _signal.Dispose();
    }
}
