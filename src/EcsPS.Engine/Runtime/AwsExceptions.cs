using System;

namespace EcsPS.Engine.Runtime
{
    /// <summary>An error answer from an AWS service, after the SDK's retries gave up.</summary>
    public sealed class AwsServiceException : Exception
    {
        public AwsServiceException(string serviceId, string operation, string errorCode, string message,
            string requestId, int statusCode, Exception inner)
            : base(BuildMessage(message, errorCode, requestId), EngineExceptions.WithoutSdkTypes(inner))
        {
            ServiceId = serviceId;
            Operation = operation;
            ErrorCode = errorCode;
            ServiceMessage = message;
            RequestId = requestId;
            StatusCode = statusCode;
        }

        public string ServiceId { get; }
        public string Operation { get; }
        public string ErrorCode { get; }
        /// <summary>The service's own words, without the code and request id added to Message.</summary>
        public string ServiceMessage { get; }
        public string RequestId { get; }
        public int StatusCode { get; }

        /// <summary>
        /// An earlier attempt of this call lost its answer after it may have reached the service, and
        /// this error answers a later attempt: an operation sent twice this way ("already exists")
        /// may be reporting what its own first attempt did.
        /// </summary>
        public bool FollowsLostAttempt { get; internal set; }

        public bool IsThrottling =>
            ErrorCode == "ThrottlingException" || ErrorCode == "Throttling" || ErrorCode == "TooManyRequestsException"
            || ErrorCode == "RequestLimitExceeded" || ErrorCode == "ThrottledException" || StatusCode == 429;

        private static string BuildMessage(string message, string code, string requestId)
        {
            var text = string.IsNullOrEmpty(message) ? code : message.TrimEnd();
            if (!text.EndsWith(".", StringComparison.Ordinal)) text += ".";
            return string.IsNullOrEmpty(requestId) ? $"{text} ({code})" : $"{text} ({code}, request id {requestId})";
        }
    }

    /// <summary>
    /// Why a call could not even be attempted: no region, an unknown profile, no credentials,
    /// a malformed endpoint. The message says how to fix it.
    /// </summary>
    public sealed class AwsConfigurationException : Exception
    {
        public AwsConfigurationException(string reason, string message, Exception inner = null)
            : base(message, EngineExceptions.WithoutSdkTypes(inner))
        {
            Reason = reason;
        }

        /// <summary>NoRegion, InvalidRegion, ProfileNotFound, InvalidCredentials, NoCredentials,
        /// CredentialProcessFailed, InvalidEndpoint, InvalidConfiguration.</summary>
        public string Reason { get; }

        /// <summary>Diagnostics that stay out of the message (what a credential_process wrote to
        /// stderr): cmdlets show it only with -Debug. Null when there is none.</summary>
        public string Detail { get; internal set; }
    }

    /// <summary>
    /// The request never got a service answer (no connection, a connection lost, a timeout),
    /// after the retries the transport allows. The message names the operation, the endpoint and
    /// how long was waited.
    /// </summary>
    public sealed class AwsTransportException : Exception
    {
        public AwsTransportException(string serviceId, string operation, string message, Exception inner)
            : base(message, EngineExceptions.WithoutSdkTypes(inner))
        {
            ServiceId = serviceId;
            Operation = operation;
        }

        public static class Reasons
        {
            /// <summary>No answer within the attempt's timeout.</summary>
            public const string TimedOut = "TimedOut";
            /// <summary>The connection could not be made (refused, unknown host, TLS).</summary>
            public const string Unreachable = "Unreachable";
            /// <summary>The connection broke before a whole answer came back.</summary>
            public const string ConnectionLost = "ConnectionLost";
            /// <summary>Anything else that kept the request from an answer.</summary>
            public const string Failed = "Failed";
        }

        public string ServiceId { get; }
        public string Operation { get; }
        /// <summary>One of <see cref="Reasons"/>.</summary>
        public string Reason { get; internal set; } = Reasons.Failed;
        /// <summary>The URL the request went to.</summary>
        public string Endpoint { get; internal set; }
        /// <summary>How many attempts were made.</summary>
        public int Attempts { get; internal set; } = 1;
        /// <summary>How long the call took, retries and waits included.</summary>
        public TimeSpan Elapsed { get; internal set; }
        /// <summary>The per-attempt timeout, when there was one.</summary>
        public TimeSpan? AttemptTimeout { get; internal set; }
        /// <summary>True when the request may have taken effect and was deliberately not sent again
        /// (an operation that makes something new with every call): whether it did is unknown.</summary>
        public bool OutcomeUnknown { get; internal set; }
        /// <summary>The idempotency token the Engine gave the request, if it gave one: sending the
        /// same request with it again is safe.</summary>
        public string IdempotencyToken { get; internal set; }
    }

    /// <summary>
    /// A change whose request may or may not have taken effect, and which the Engine could not
    /// settle by looking: the answer was lost, the request was not sent again (it would have
    /// made a second one), and what the service shows does not prove it. The message says what
    /// was found; <see cref="Resource"/> names what to look at before trying again.
    /// </summary>
    public sealed class AwsOutcomeUnknownException : Exception
    {
        public AwsOutcomeUnknownException(string serviceId, string operation, string resource, string message, Exception inner)
            : base(message, EngineExceptions.WithoutSdkTypes(inner))
        {
            ServiceId = serviceId;
            Operation = operation;
            Resource = resource;
        }

        public string ServiceId { get; }
        public string Operation { get; }
        /// <summary>The resource the change was for (a task definition family).</summary>
        public string Resource { get; }
    }

    internal static class EngineExceptions
    {
        /// <summary>
        /// The inner exception a user may see: the SDK's own exceptions are skipped down to the
        /// .NET one that caused them (a SocketException, an HttpRequestException), if any, so that
        /// no AWSSDK type reaches PowerShell through $_.Exception.InnerException either. What they
        /// said is already in the Engine exception's message.
        /// </summary>
        public static Exception WithoutSdkTypes(Exception inner)
        {
            while (inner != null && IsSdkType(inner.GetType())) inner = inner.InnerException;
            return inner;
        }

        private static bool IsSdkType(Type type) => type.Namespace != null
            && (type.Namespace == "Amazon" || type.Namespace.StartsWith("Amazon.", StringComparison.Ordinal));
    }
}
