using System;
using System.Collections.Generic;
using System.Linq;
using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;

namespace EcsPS.TestFakes
{
    /// <summary>
    /// One answer of <see cref="ScriptedAwsServer"/>: status, headers and body, shaped the way an
    /// awsJson service answers (JSON bodies, errors as {"__type","message"}) or a Query service
    /// does (XML results and &lt;ErrorResponse&gt; errors), with an x-amzn-RequestId header.
    /// Instances are immutable; the With* methods return copies, so one response can be scripted
    /// many times.
    /// </summary>
    public sealed class ScriptedResponse
    {
        public const string JsonContentType = "application/x-amz-json-1.1";
        public const string XmlContentType = "text/xml";

        private ScriptedResponse(int statusCode, IReadOnlyList<KeyValuePair<string, string>> headers, byte[] body,
            TimeSpan delay, bool dropConnection, bool closeConnection, bool addRequestId, System.Threading.Tasks.Task holdUntil = null,
            int? cutAfterBodyBytes = null)
        {
            HoldUntil = holdUntil;
            CutAfterBodyBytes = cutAfterBodyBytes;
            StatusCode = statusCode;
            Headers = headers;
            Body = body;
            Delay = delay;
            DropConnection = dropConnection;
            CloseConnection = closeConnection;
            AddRequestId = addRequestId;
        }

        public int StatusCode { get; }
        public IReadOnlyList<KeyValuePair<string, string>> Headers { get; }
        public byte[] Body { get; }
        /// <summary>How long the server waits before answering (for cancellation and timeout tests).</summary>
        public TimeSpan Delay { get; }
        /// <summary>When set, the answer waits until this task completes (or the server stops): for
        /// tests that cancel a request in flight.</summary>
        public System.Threading.Tasks.Task HoldUntil { get; }
        /// <summary>Close the connection without answering: the client sees a transport failure.</summary>
        public bool DropConnection { get; }
        /// <summary>Answer, then close the connection (Connection: close).</summary>
        public bool CloseConnection { get; }
        /// <summary>Whether the server adds an x-amzn-RequestId header when none is scripted.</summary>
        public bool AddRequestId { get; }
        /// <summary>When set, the server sends the status line, the headers (with the whole body's
        /// Content-Length) and only this many bytes of the body, then resets the connection.</summary>
        public int? CutAfterBodyBytes { get; }

        public string BodyText => Encoding.UTF8.GetString(Body);

        /// <summary>Whether it came from the server a request was forwarded to.</summary>
        public bool Forwarded { get; private set; }

        /// <summary>A 2xx (or any status) answer with a JSON 1.1 body given as text.</summary>
        public static ScriptedResponse Json(string json, int statusCode = 200)
            => new ScriptedResponse(statusCode, new[] { Header("Content-Type", JsonContentType) },
                Encoding.UTF8.GetBytes(json), TimeSpan.Zero, false, false, true);

        /// <summary>A JSON answer from a JsonNode, or from any object serialized with its own member
        /// names as written (use camelCase names, as the service model does).</summary>
        public static ScriptedResponse Json(object body, int statusCode = 200)
        {
            var text = body switch
            {
                string s => s,
                JsonNode node => node.ToJsonString(),
                JsonElement element => element.GetRawText(),
                _ => JsonSerializer.Serialize(body, body.GetType()),
            };
            return Json(text, statusCode);
        }

        /// <summary>An awsJson error: {"__type": type, "message": message}.</summary>
        public static ScriptedResponse Error(string type, string message, int statusCode = 400)
        {
            var body = new JsonObject { ["__type"] = type, ["message"] = message };
            return Json(body.ToJsonString(), statusCode);
        }

        /// <summary>What ECS answers when its token bucket is empty.</summary>
        public static ScriptedResponse Throttling(string message = "Rate exceeded")
            => Error("ThrottlingException", message, 400);

        /// <summary>A 500 with the ECS model's ServerException shape.</summary>
        public static ScriptedResponse ServerError(string message = "Service Unavailable. Please try again later.")
            => Error("ServerException", message, 500);

        /// <summary>Any status, content type and body text (XML, HTML, empty ...).</summary>
        public static ScriptedResponse Raw(int statusCode, string contentType, string body)
        {
            var headers = contentType == null
                ? Array.Empty<KeyValuePair<string, string>>()
                : new[] { Header("Content-Type", contentType) };
            return new ScriptedResponse(statusCode, headers, Encoding.UTF8.GetBytes(body ?? string.Empty),
                TimeSpan.Zero, false, false, true);
        }

        /// <summary>A Query answer: &lt;{Operation}Response&gt;&lt;{Operation}Result&gt;resultXml&lt;/…&gt; with
        /// its ResponseMetadata, as ELBv2 sends it.</summary>
        public static ScriptedResponse QueryResult(string operation, string resultXml, string xmlNamespace = "http://elasticloadbalancing.amazonaws.com/doc/2015-12-01/")
            => Raw(200, XmlContentType,
                $"<{operation}Response xmlns=\"{xmlNamespace}\"><{operation}Result>{resultXml}</{operation}Result>" +
                $"<ResponseMetadata><RequestId>{Guid.NewGuid()}</RequestId></ResponseMetadata></{operation}Response>");

        /// <summary>A Query error: &lt;ErrorResponse&gt;&lt;Error&gt;&lt;Type/&gt;&lt;Code/&gt;&lt;Message/&gt;&lt;/Error&gt;&lt;RequestId/&gt;.
        /// The request id is in the body only, as Query services send it.</summary>
        public static ScriptedResponse XmlError(string code, string message, int statusCode = 400, string requestId = "xml-error-request")
            => Raw(statusCode, XmlContentType,
                "<ErrorResponse xmlns=\"http://elasticloadbalancing.amazonaws.com/doc/2015-12-01/\"><Error><Type>" + (statusCode >= 500 ? "Receiver" : "Sender") +
                "</Type><Code>" + System.Security.SecurityElement.Escape(code) + "</Code><Message>" + System.Security.SecurityElement.Escape(message) +
                "</Message></Error><RequestId>" + requestId + "</RequestId></ErrorResponse>").WithoutRequestId();

        /// <summary>What a Query service answers when its token bucket is empty.</summary>
        public static ScriptedResponse QueryThrottling(string message = "Rate exceeded") => XmlError("Throttling", message, 400);

        /// <summary>No answer at all: the server closes the connection after reading the request.</summary>
        public static ScriptedResponse Drop()
            => new ScriptedResponse(0, Array.Empty<KeyValuePair<string, string>>(), Array.Empty<byte>(),
                TimeSpan.Zero, true, true, false);

        /// <summary>
        /// This answer, cut short: the status line and headers arrive, then the connection is
        /// reset after <paramref name="bodyBytes"/> bytes of the body. With a handler that applies
        /// the request before answering, it is what a real lost answer is: the service did the
        /// work and the client never learns the result.
        /// </summary>
        public ScriptedResponse CutShort(int bodyBytes = 0)
            => new ScriptedResponse(StatusCode, Headers, Body, Delay, DropConnection, CloseConnection, AddRequestId, HoldUntil,
                Math.Max(0, Math.Min(bodyBytes, Math.Max(0, Body.Length - 1))));

        public ScriptedResponse WithHeader(string name, string value)
            => new ScriptedResponse(StatusCode, Headers.Where(h => !string.Equals(h.Key, name, StringComparison.OrdinalIgnoreCase))
                    .Append(Header(name, value)).ToList(), Body, Delay, DropConnection, CloseConnection, AddRequestId, HoldUntil, CutAfterBodyBytes);

        public ScriptedResponse WithoutHeader(string name)
            => new ScriptedResponse(StatusCode, Headers.Where(h => !string.Equals(h.Key, name, StringComparison.OrdinalIgnoreCase)).ToList(),
                Body, Delay, DropConnection, CloseConnection, AddRequestId, HoldUntil, CutAfterBodyBytes);

        public ScriptedResponse WithRequestId(string requestId) => WithHeader("x-amzn-RequestId", requestId);

        /// <summary>Send no x-amzn-RequestId header (the server adds one otherwise).</summary>
        public ScriptedResponse WithoutRequestId()
            => new ScriptedResponse(StatusCode, Headers.Where(h => !string.Equals(h.Key, "x-amzn-RequestId", StringComparison.OrdinalIgnoreCase)).ToList(),
                Body, Delay, DropConnection, CloseConnection, false, HoldUntil, CutAfterBodyBytes);

        /// <summary>Holds the answer back until <paramref name="release"/> completes.</summary>
        public ScriptedResponse Held(System.Threading.Tasks.Task release)
            => new ScriptedResponse(StatusCode, Headers, Body, Delay, DropConnection, CloseConnection, AddRequestId, release, CutAfterBodyBytes);

        internal ScriptedResponse AsForwarded()
        {
            var copy = new ScriptedResponse(StatusCode, Headers, Body, Delay, DropConnection, CloseConnection, false, HoldUntil, CutAfterBodyBytes);
            copy.Forwarded = true;
            return copy;
        }

        public ScriptedResponse After(TimeSpan delay)
            => new ScriptedResponse(StatusCode, Headers, Body, delay, DropConnection, CloseConnection, AddRequestId, HoldUntil, CutAfterBodyBytes);

        public ScriptedResponse ThenClose()
            => new ScriptedResponse(StatusCode, Headers, Body, Delay, DropConnection, true, AddRequestId, HoldUntil, CutAfterBodyBytes);

        public string GetHeader(string name)
            => Headers.Where(h => string.Equals(h.Key, name, StringComparison.OrdinalIgnoreCase)).Select(h => h.Value).LastOrDefault();

        private static KeyValuePair<string, string> Header(string name, string value) => new KeyValuePair<string, string>(name, value);

        public override string ToString() => DropConnection ? "(dropped connection)"
            : CutAfterBodyBytes.HasValue ? $"HTTP {StatusCode} cut short after {CutAfterBodyBytes} body bytes" : $"HTTP {StatusCode} {BodyText}";
    }
}
