using System;
using System.Net.Http;
using System.Text;
using System.Threading;
using System.Threading.Tasks;
using Amazon.Runtime;
using EcsPS.Engine.Protocols;

namespace EcsPS.Engine.Runtime
{
    /// <summary>
    /// Calls one operation of one service in its wire protocol and turns every SDK failure into
    /// the Engine's own exceptions, so callers never see an SDK type.
    /// </summary>
    public sealed class ServiceChannel
    {
        private const int DebugBodyLimit = 4096;
        private readonly ServiceDescriptor _service;
        private readonly IWireProtocol _protocol;
        private readonly AwsConnectionOptions _options;
        private readonly IEngineLog _log;
        private AwsServiceClient _client;

        public ServiceChannel(ServiceDescriptor service, AwsConnectionOptions options, IEngineLog log)
        {
            _service = service;
            _protocol = WireProtocols.For(service.Protocol);
            _options = options ?? new AwsConnectionOptions();
            _log = log ?? NullEngineLog.Instance;
        }

        public ServiceDescriptor Service => _service;

        /// <summary>Where this channel's Verbose and Debug lines go.</summary>
        internal IEngineLog Log => _log;

        /// <summary>The region requests are signed for and sent to.</summary>
        public string RegionName
        {
            get
            {
                var config = Client().Config;
                return config.RegionEndpoint?.SystemName ?? config.AuthenticationRegion;
            }
        }

        /// <summary>Resolves region, credentials and endpoint now, so configuration problems
        /// surface before any work starts.</summary>
        public void EnsureConfigured() => Client();

        /// <summary>
        /// The regional endpoint of another service for this channel's region, with its FIPS and
        /// dual-stack settings: for a helper program that calls that service on the command's
        /// behalf (the Session Manager plugin calls SSM for an ECS Exec session).
        /// </summary>
        internal string RegionalUrlOf(ServiceDescriptor other)
        {
            var config = Client().Config;
            return AwsServiceConfig.BuildRegionalUrl(other, RegionName, config.RegionEndpoint?.PartitionDnsSuffix,
                config.UseFIPSEndpoint, config.UseDualstackEndpoint);
        }

        public TResponse Invoke<TResponse>(AwsOperation operation, object request, CancellationToken cancellationToken)
            where TResponse : class, new()
        {
            var client = Client();
            using (var call = new OperationCall(_service, operation, client.Config.Clock))
            {
                var encoded = Encode(call, request);
                var body = Send(client, call, encoded, cancellationToken);
                return _protocol.Decode<TResponse>(body, operation);
            }
        }

        /// <summary>
        /// Encodes the request once for all its attempts (the SDK re-sends these bytes), with its
        /// idempotency token filled in when the operation has one and the caller left it unset:
        /// one token per logical call, so a retry of a CreateService whose answer was lost returns
        /// the service the first attempt made instead of failing or making another. The caller's
        /// object is left as it was, so that reusing it makes a new call with a new token.
        /// </summary>
        private EncodedRequest Encode(OperationCall call, object request)
        {
            var operation = call.Operation;
            if (operation.IdempotencyToken == null || request == null) return _protocol.Encode(_service, operation, request);
            var property = request.GetType().GetProperty(operation.IdempotencyToken);
            if (property == null || property.PropertyType != typeof(string) || !property.CanWrite)
                throw new InvalidOperationException($"{call.Name}: the request has no settable string property {operation.IdempotencyToken} for its idempotency token.");
            if (property.GetValue(request) != null) return _protocol.Encode(_service, operation, request);
            // A GUID's 36 characters fit every token ECS takes (CreateService's 36, RunTask's 64).
            call.GeneratedToken = Guid.NewGuid().ToString("D");
            property.SetValue(request, call.GeneratedToken);
            try
            {
                return _protocol.Encode(_service, operation, request);
            }
            finally
            {
                property.SetValue(request, null);
            }
        }

        /// <summary>Sends an encoded request with the SDK's pipeline and the Engine's retry policy;
        /// returns the body of a 2xx answer, or throws one of the Engine's exceptions.</summary>
        private byte[] Send(AwsServiceClient client, OperationCall call, EncodedRequest request, CancellationToken cancellationToken)
        {
            var name = call.Name;
            _log.Verbose($"{name}: sending request to {Describe(client)}");
            _log.Debug($"{name} request body: {LogRedaction.ForLog(_service.ServiceId, request.Body, DebugBodyLimit)}");
            if (call.GeneratedToken != null)
                _log.Debug($"{name}: idempotency token {call.GeneratedToken} (the same for every attempt of this call)");
            try
            {
                var response = Await(call, client.SendAsync(call, request, cancellationToken));
                _log.Verbose($"{name}: answered in {Milliseconds(call.Elapsed)} ms" + (call.FailedAttempts > 0 ? $" (attempt {call.FailedAttempts + 1})" : string.Empty));
                _log.Debug($"{name} response body: {LogRedaction.ForLog(_service.ServiceId, response, DebugBodyLimit)}");
                return response;
            }
            catch (AmazonServiceException ex) when (TransportFailure.Classify(ex, false) != FailureKind.ConnectionLost)
            {
                var code = ServiceError.NormalizeCode(ex.ErrorCode) ?? "HttpStatus" + (int)ex.StatusCode;
                _log.Verbose($"{name}: failed after {Milliseconds(call.Elapsed)} ms with {code} (HTTP {(int)ex.StatusCode}, request id {ex.RequestId})" + Attempts(call));
                throw new AwsServiceException(_service.ServiceId, call.Operation.Name, code, ex.Message, ex.RequestId, (int)ex.StatusCode, ex)
                {
                    FollowsLostAttempt = call.MayHaveTakenEffect,
                };
            }
            catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
            {
                throw;
            }
            catch (AmazonClientException ex) when (IsConfigurationProblem(ex))
            {
                throw TranslateClientException(call.Operation.Name, ex);
            }
            catch (Exception ex) when (!(ex is AwsServiceException || ex is AwsConfigurationException || ex is AwsTransportException))
            {
                // Whatever else came out of the SDK or HttpClient (TimeoutException,
                // TaskCanceledException, HttpRequestException, IOException, SocketException,
                // AmazonClientException ...) is a request that got no usable answer: it leaves as
                // the Engine's own exception, never as the SDK's or the runtime's.
                var failure = TransportError(client, call, ex, cancellationToken);
                _log.Verbose($"{name}: {failure.Message}");
                throw failure;
            }
        }

        /// <summary>Waits for the SDK's task on this thread, writing the retry policy's log lines
        /// here as they come (a cmdlet may write Verbose only from its own thread).</summary>
        private T Await<T>(OperationCall call, Task<T> task)
        {
            var handles = new[] { ((IAsyncResult)task).AsyncWaitHandle, call.Signal };
            while (!task.IsCompleted)
            {
                WaitHandle.WaitAny(handles);
                call.Drain(_log);
            }
            call.Drain(_log);
            return task.GetAwaiter().GetResult();
        }

        private AwsTransportException TransportError(AwsServiceClient client, OperationCall call, Exception ex, CancellationToken cancellationToken)
        {
            var kind = TransportFailure.Classify(ex, cancellationToken.IsCancellationRequested);
            var endpoint = call.Endpoint ?? Describe(client);
            var attempts = Math.Max(1, call.FailedAttempts);
            var timeout = client.Config.Timeout;
            var waited = TransportRetryPolicy.Seconds(call.Elapsed);
            var tries = attempts == 1 ? "1 attempt" : $"{attempts} attempts";
            var detail = TransportFailure.Describe(ex, kind);
            string reason, message;
            switch (kind)
            {
                case FailureKind.TimedOut:
                    reason = AwsTransportException.Reasons.TimedOut;
                    var limit = timeout.HasValue && timeout.Value > TimeSpan.Zero ? TransportRetryPolicy.Seconds(timeout.Value) : "the timeout";
                    message = $"{call.Name} got no answer from {endpoint} within {limit} ({tries}, {waited} in all).";
                    break;
                case FailureKind.NotSent:
                    reason = AwsTransportException.Reasons.Unreachable;
                    message = $"{call.Name} could not connect to {endpoint} ({tries}, {waited} in all): {Innermost(ex)}";
                    break;
                case FailureKind.Final:
                    reason = AwsTransportException.Reasons.Failed;
                    message = $"{call.Name} to {endpoint} failed without an answer from the service: {Innermost(ex)}";
                    break;
                default:
                    reason = AwsTransportException.Reasons.ConnectionLost;
                    message = $"{call.Name} lost the connection to {endpoint} before an answer came back ({tries}, {waited} in all): {Innermost(ex)}";
                    break;
            }
            if (call.WithheldResend)
            {
                message += $" The request may have taken effect, so it was not sent again: {call.Operation.Name} makes something new with every call.";
            }
            else if (call.MayHaveTakenEffect && call.GeneratedToken != null)
            {
                message += $" It carried the idempotency token {call.GeneratedToken}: sending the same request again with that token cannot do it twice.";
            }
            return new AwsTransportException(_service.ServiceId, call.Operation.Name, message, ex)
            {
                Reason = reason,
                Endpoint = endpoint,
                Attempts = attempts,
                Elapsed = call.Elapsed,
                AttemptTimeout = timeout.HasValue && timeout.Value > TimeSpan.Zero ? timeout : null,
                OutcomeUnknown = call.WithheldResend,
                IdempotencyToken = call.GeneratedToken,
            };
        }

        private static string Attempts(OperationCall call) => call.FailedAttempts > 1 ? $", after {call.FailedAttempts} attempts" : string.Empty;

        private static string Milliseconds(TimeSpan span) => ((long)span.TotalMilliseconds).ToString(System.Globalization.CultureInfo.InvariantCulture);

        private static string Innermost(Exception ex)
        {
            var e = ex;
            while (e.InnerException != null && (e is AmazonClientException || e is AmazonServiceException || e is HttpRequestException
                                                || e is AggregateException || e is TimeoutException || e is OperationCanceledException))
                e = e.InnerException;
            return e.Message;
        }

        private static bool IsConfigurationProblem(AmazonClientException ex)
        {
            var message = ex.Message ?? string.Empty;
            return message.IndexOf("No RegionEndpoint or ServiceURL", StringComparison.OrdinalIgnoreCase) >= 0
                   || message.IndexOf("credentials", StringComparison.OrdinalIgnoreCase) >= 0;
        }

        private AwsServiceClient Client()
        {
            if (_client != null) return _client;
            try
            {
                return _client = AwsClientFactory.GetClient(_service, _options);
            }
            catch (AwsConfigurationException) { throw; }
            catch (AmazonClientException ex) { throw TranslateClientException(null, ex); }
            catch (ArgumentException ex)
            {
                throw new AwsConfigurationException("InvalidConfiguration", ex.Message, ex);
            }
        }

        private Exception TranslateClientException(string operation, AmazonClientException ex)
        {
            var message = ex.Message ?? string.Empty;
            if (message.IndexOf("No RegionEndpoint or ServiceURL", StringComparison.OrdinalIgnoreCase) >= 0)
                return AwsClientFactory.NoRegion();
            if (message.IndexOf("credentials", StringComparison.OrdinalIgnoreCase) >= 0)
                return AwsClientFactory.NoCredentials(message);
            var inner = ex.InnerException;
            if (inner is HttpRequestException || inner is System.Net.WebException || inner is System.Net.Sockets.SocketException)
                return new AwsTransportException(_service.ServiceId, operation,
                    $"{_service.ServiceId} {operation} could not reach the service: {inner.Message}", ex);
            return new AwsTransportException(_service.ServiceId, operation, message, ex);
        }

        private static string Describe(AwsServiceClient client)
        {
            var config = client.Config;
            if (!string.IsNullOrEmpty(config.ServiceURL)) return config.ServiceURL + " (" + (config.AuthenticationRegion ?? config.RegionEndpoint?.SystemName) + ")";
            return config.RegionEndpoint?.SystemName ?? "(no region)";
        }
    }
}
