using System;
using System.Collections.Generic;
using System.IO;
using System.Net;
using System.Net.Http;
using System.Net.Sockets;
using System.Security.Authentication;
using Amazon.Runtime;
using Amazon.Runtime.Internal.Transform;

namespace EcsPS.Engine.Runtime
{
    /// <summary>What one failed attempt says about the request, which decides whether it may be
    /// sent again.</summary>
    internal enum FailureKind
    {
        /// <summary>An answer that no retry fixes (a 4xx error), or cancellation by the caller.</summary>
        Final,
        /// <summary>The service answered that it is throttling: the request was not applied.</summary>
        Throttled,
        /// <summary>The service answered with a 5xx error: the request was not applied (ECS's
        /// ServerException asks the caller to retry).</summary>
        ServerError,
        /// <summary>The request never left: the connection could not be made (refused, no such
        /// host, TLS handshake failed).</summary>
        NotSent,
        /// <summary>The request was sent and the connection broke before a whole answer came back:
        /// the service may have applied it.</summary>
        ConnectionLost,
        /// <summary>The request was sent and no answer came within the attempt's timeout: the
        /// service may have applied it.</summary>
        TimedOut,
    }

    internal static class TransportFailure
    {
        // The SDK's throttling codes and the ones AwsServiceException.IsThrottling knows.
        private static readonly HashSet<string> ThrottlingCodes = new HashSet<string>(StringComparer.OrdinalIgnoreCase)
        {
            "Throttling", "ThrottlingException", "ThrottledException", "RequestThrottledException", "TooManyRequestsException",
            "ProvisionedThroughputExceededException", "TransactionInProgressException", "RequestLimitExceeded",
            "BandwidthLimitExceeded", "RequestThrottled", "SlowDown", "PriorRequestNotComplete",
        };

        // Socket errors that only happen before a connection exists, so before anything was sent.
        private static readonly HashSet<SocketError> ConnectErrors = new HashSet<SocketError>
        {
            SocketError.ConnectionRefused, SocketError.HostNotFound, SocketError.HostUnreachable, SocketError.NetworkUnreachable,
            SocketError.NoData, SocketError.TryAgain, SocketError.AddressNotAvailable, SocketError.AddressFamilyNotSupported,
        };

        // HttpRequestException.HttpRequestError (.NET 8 and later) values that name a failure to
        // connect. Read by name: the Engine targets netstandard2.0, and older runtimes lack it.
        private static readonly HashSet<string> ConnectRequestErrors = new HashSet<string>(StringComparer.Ordinal)
        {
            "NameResolutionError", "ConnectionError", "SecureConnectionError", "ProxyTunnelError",
        };

        public static bool MayHaveTakenEffect(FailureKind kind) => kind == FailureKind.ConnectionLost || kind == FailureKind.TimedOut;

        public static bool IsThrottlingCode(string code) => code != null && ThrottlingCodes.Contains(code);

        public static FailureKind Classify(Exception exception, bool cancelledByCaller)
        {
            if (cancelledByCaller && exception is OperationCanceledException) return FailureKind.Final;
            if (exception is AmazonServiceException service) return ClassifyAnswer(service);

            for (var e = exception; e != null; e = e.InnerException)
            {
                if (e is AuthenticationException) return FailureKind.NotSent;
                if (e is SocketException socket && ConnectErrors.Contains(socket.SocketErrorCode)) return FailureKind.NotSent;
                if (e is HttpRequestException && ConnectRequestErrors.Contains(HttpRequestErrorOf(e))) return FailureKind.NotSent;
            }
            for (var e = exception; e != null; e = e.InnerException)
            {
                // HttpClient's Timeout: the SDK rethrows it as TimeoutException, or it arrives as the
                // TaskCanceledException HttpClient throws when the caller did not cancel.
                if (e is TimeoutException || (e is OperationCanceledException && !cancelledByCaller)) return FailureKind.TimedOut;
            }
            for (var e = exception; e != null; e = e.InnerException)
            {
                if (e is IOException || e is HttpRequestException || e is WebException || e is SocketException || e is ObjectDisposedException)
                    return FailureKind.ConnectionLost;
            }
            return FailureKind.Final;
        }

        private static FailureKind ClassifyAnswer(AmazonServiceException ex)
        {
            var status = (int)ex.StatusCode;
            if (status == 429 || IsThrottlingCode(ex.ErrorCode) || ex.Retryable?.Throttling == true) return FailureKind.Throttled;
            // A 200 whose body could not be read: the request was applied and its answer is lost.
            if (status == 200 && ex is AmazonUnmarshallingException) return FailureKind.ConnectionLost;
            if (status >= 500 || ex.Retryable != null) return FailureKind.ServerError;
            if (ex.ErrorCode == "RequestTimeout" || ex.ErrorCode == "RequestTimeoutException") return FailureKind.ServerError;
            return FailureKind.Final;
        }

        private static string HttpRequestErrorOf(Exception e)
            => e.GetType().GetProperty("HttpRequestError")?.GetValue(e)?.ToString();

        /// <summary>A short account of one failed attempt, for -Verbose and error messages.</summary>
        public static string Describe(Exception exception, FailureKind kind)
        {
            if (exception is AmazonServiceException service && !MayHaveTakenEffect(kind))
            {
                var code = Protocols.ServiceError.NormalizeCode(service.ErrorCode) ?? "HTTP " + (int)service.StatusCode;
                var id = string.IsNullOrEmpty(service.RequestId) ? string.Empty : ", request id " + service.RequestId;
                return $"{code} (HTTP {(int)service.StatusCode}{id})";
            }
            switch (kind)
            {
                case FailureKind.TimedOut: return "no answer within the timeout";
                case FailureKind.NotSent: return "could not connect: " + Innermost(exception).Message;
                case FailureKind.ConnectionLost: return "connection lost before the answer: " + Innermost(exception).Message;
                default: return Innermost(exception).Message;
            }
        }

        private static Exception Innermost(Exception exception)
        {
            // The most specific message of the chain, without the SDK's wrappers around it.
            var e = exception;
            while (e.InnerException != null && (e is AmazonClientException || e is AmazonServiceException || e is HttpRequestException || e is AggregateException
                                                || e.Message.StartsWith("An error occurred while sending the request", StringComparison.Ordinal)))
                e = e.InnerException;
            return e;
        }
    }
}
