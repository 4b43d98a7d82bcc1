using System;
using System.Diagnostics;
using System.Net.Http;
using System.Text;
using System.Threading;
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

        public TResponse Invoke<TResponse>(AwsOperation operation, object request, CancellationToken cancellationToken)
            where TResponse : class, new()
        {
            var encoded = _protocol.Encode(_service, operation, request);
            var body = Send(operation.Name, encoded, cancellationToken);
            return _protocol.Decode<TResponse>(body, operation);
        }

        /// <summary>Sends an already encoded request; returns the body of a 2xx answer.</summary>
        internal byte[] Send(string operation, EncodedRequest request, CancellationToken cancellationToken)
        {
            var client = Client();
            var name = _service.ServiceId + " " + operation;
            _log.Verbose($"{name}: sending request to {Describe(client)}");
            _log.Debug($"{name} request body: {Truncate(request.Body)}");
            var watch = Stopwatch.StartNew();
            try
            {
                var response = client.SendAsync(operation, request, cancellationToken).GetAwaiter().GetResult();
                _log.Verbose($"{name}: answered in {watch.ElapsedMilliseconds} ms");
                _log.Debug($"{name} response body: {Truncate(response)}");
                return response;
            }
            catch (AmazonServiceException ex)
            {
                var code = ServiceError.NormalizeCode(ex.ErrorCode) ?? "HttpStatus" + (int)ex.StatusCode;
                _log.Verbose($"{name}: failed after {watch.ElapsedMilliseconds} ms with {code} (HTTP {(int)ex.StatusCode}, request id {ex.RequestId})");
                throw new AwsServiceException(_service.ServiceId, operation, code, ex.Message, ex.RequestId, (int)ex.StatusCode, ex);
            }
            catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
            {
                throw;
            }
            catch (AmazonClientException ex)
            {
                throw TranslateClientException(operation, ex);
            }
            catch (HttpRequestException ex)
            {
                throw new AwsTransportException(_service.ServiceId, operation,
                    $"{name} could not reach {Describe(client)}: {ex.Message}", ex);
            }
            catch (System.IO.IOException ex)
            {
                // A connection reset or an answer cut short: on .NET 8+ HttpClient throws
                // HttpIOException, an IOException rather than an HttpRequestException.
                throw new AwsTransportException(_service.ServiceId, operation,
                    $"{name} lost the connection to {Describe(client)}: {ex.Message}", ex);
            }
            catch (OperationCanceledException ex)
            {
                throw new AwsTransportException(_service.ServiceId, operation,
                    $"{name} timed out waiting for {Describe(client)}.", ex);
            }
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
                return new AwsConfigurationException("NoCredentials",
                    "No AWS credentials were found. Pass -ProfileName, or -AccessKey and -SecretKey, set " +
                    "$env:AWS_PROFILE or $env:AWS_ACCESS_KEY_ID/$env:AWS_SECRET_ACCESS_KEY, or run 'aws configure' " +
                    "(or 'aws sso login' for an SSO profile). Detail: " + message, ex);
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

        private static string Truncate(byte[] body)
        {
            if (body == null) return "(none)";
            var text = Encoding.UTF8.GetString(body, 0, Math.Min(body.Length, DebugBodyLimit));
            return body.Length > DebugBodyLimit ? text + $"... ({body.Length} bytes)" : text;
        }
    }
}
