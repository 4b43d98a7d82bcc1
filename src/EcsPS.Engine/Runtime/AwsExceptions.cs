using System;

namespace EcsPS.Engine.Runtime
{
    /// <summary>An error answer from an AWS service, after the SDK's retries gave up.</summary>
    public sealed class AwsServiceException : Exception
    {
        public AwsServiceException(string serviceId, string operation, string errorCode, string message,
            string requestId, int statusCode, Exception inner)
            : base(BuildMessage(message, errorCode, requestId), inner)
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
            : base(message, inner)
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

    /// <summary>The request never got a service answer (network failure, timeout, bad response).</summary>
    public sealed class AwsTransportException : Exception
    {
        public AwsTransportException(string serviceId, string operation, string message, Exception inner)
            : base(message, inner)
        {
            ServiceId = serviceId;
            Operation = operation;
        }

        public string ServiceId { get; }
        public string Operation { get; }
    }
}
