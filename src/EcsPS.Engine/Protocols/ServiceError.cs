namespace EcsPS.Engine.Protocols
{
    /// <summary>An error answer as a protocol read it: never without a code or a message, so an
    /// unreadable body cannot hide the status code.</summary>
    internal sealed class ServiceError
    {
        public ServiceError(string code, string message, string requestId, int statusCode)
        {
            code = NormalizeCode(code);
            Code = string.IsNullOrEmpty(code) ? (statusCode >= 500 ? "InternalFailure" : "HttpStatus" + statusCode) : code;
            Message = string.IsNullOrEmpty(message) ? $"The service answered HTTP {statusCode} without an error message." : message;
            // The SDK hands over an absent header as "", not null.
            RequestId = string.IsNullOrEmpty(requestId) ? null : requestId;
        }

        public string Code { get; }
        public string Message { get; }
        public string RequestId { get; }

        /// <summary>"aws.protocoltests#FooError:http://..." → "FooError".</summary>
        public static string NormalizeCode(string code)
        {
            if (string.IsNullOrEmpty(code)) return code;
            var colon = code.IndexOf(':');
            if (colon >= 0) code = code.Substring(0, colon);
            var hash = code.LastIndexOf('#');
            if (hash >= 0) code = code.Substring(hash + 1);
            return code.Trim();
        }
    }
}
