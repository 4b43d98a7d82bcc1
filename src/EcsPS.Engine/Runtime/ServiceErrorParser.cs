using System;
using System.Text;
using System.Text.Json;
using System.Text.RegularExpressions;

namespace EcsPS.Engine.Runtime
{
    /// <summary>
    /// Reads an AWS error answer in any of the shapes services and their stand-ins send:
    /// awsJson bodies with __type/code and message/Message, the X-Amzn-ErrorType header alone,
    /// or an XML body (STS-style signature errors) — and never lets an unreadable body hide
    /// the status code.
    /// </summary>
    internal static class ServiceErrorParser
    {
        internal sealed class ParsedError
        {
            public string Code { get; set; }
            public string Message { get; set; }
            public string RequestId { get; set; }
        }

        public static ParsedError Parse(byte[] body, string errorTypeHeader, string requestIdHeader, int statusCode)
        {
            string code = null, message = null, requestId = requestIdHeader;
            var text = body == null || body.Length == 0 ? string.Empty : Encoding.UTF8.GetString(body).Trim();

            if (text.StartsWith("{", StringComparison.Ordinal))
            {
                try
                {
                    using (var doc = JsonDocument.Parse(text))
                    {
                        var root = doc.RootElement;
                        code = Str(root, "__type") ?? Str(root, "code") ?? Str(root, "Code");
                        message = Str(root, "message") ?? Str(root, "Message") ?? Str(root, "errorMessage");
                    }
                }
                catch (JsonException) { }
            }
            else if (text.StartsWith("<", StringComparison.Ordinal))
            {
                code = XmlElement(text, "Code");
                message = XmlElement(text, "Message");
                // The SDK hands over an absent header as "", not null.
                if (string.IsNullOrEmpty(requestId))
                    requestId = XmlElement(text, "RequestId") ?? XmlElement(text, "RequestID");
            }

            if (!string.IsNullOrEmpty(errorTypeHeader))
                code = errorTypeHeader;

            code = NormalizeCode(code);
            if (string.IsNullOrEmpty(code))
                code = statusCode >= 500 ? "InternalFailure" : "HttpStatus" + statusCode;
            if (string.IsNullOrEmpty(message))
                message = $"The service answered HTTP {statusCode} without an error message.";

            return new ParsedError { Code = code, Message = message, RequestId = requestId };
        }

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

        private static string Str(JsonElement e, string name)
            => e.ValueKind == JsonValueKind.Object && e.TryGetProperty(name, out var v) && v.ValueKind == JsonValueKind.String
                ? v.GetString() : null;

        private static string XmlElement(string xml, string name)
        {
            var m = Regex.Match(xml, "<" + name + ">(.*?)</" + name + ">", RegexOptions.Singleline);
            return m.Success ? System.Net.WebUtility.HtmlDecode(m.Groups[1].Value) : null;
        }
    }
}
