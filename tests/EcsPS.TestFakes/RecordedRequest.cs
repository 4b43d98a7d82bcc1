using System;
using System.Collections.Generic;
using System.Linq;
using System.Text;
using System.Text.Json;

namespace EcsPS.TestFakes
{
    /// <summary>One request exactly as <see cref="ScriptedAwsServer"/> received it, and what it answered.</summary>
    public sealed class RecordedRequest
    {
        private JsonElement? _json;
        private IReadOnlyList<KeyValuePair<string, string>> _form;

        internal RecordedRequest(int sequence, int connection, TimeSpan received, string method, string path, string httpVersion,
            IReadOnlyList<KeyValuePair<string, string>> headers, byte[] body)
        {
            Sequence = sequence;
            Received = received;
            Connection = connection;
            Method = method;
            Path = path;
            HttpVersion = httpVersion;
            HeaderLines = headers;
            var map = new Dictionary<string, string>(StringComparer.OrdinalIgnoreCase);
            foreach (var group in headers.GroupBy(h => h.Key, StringComparer.OrdinalIgnoreCase))
                map[group.Key] = string.Join(",", group.Select(h => h.Value));
            Headers = map;
            BodyBytes = body;
            Body = Encoding.UTF8.GetString(body);
        }

        /// <summary>1 for the first request the server received, 2 for the next, ...</summary>
        public int Sequence { get; }
        /// <summary>When it arrived, on a monotonic clock started with the server (for measuring
        /// intervals between requests, never for asserting wall-clock times).</summary>
        public TimeSpan Received { get; }
        /// <summary>Which TCP connection carried it (1, 2, ...), to see connection reuse.</summary>
        public int Connection { get; }
        public string Method { get; }
        /// <summary>The request target as sent: path and query.</summary>
        public string Path { get; }
        public string HttpVersion { get; }
        /// <summary>Every header line in the order received, names as sent.</summary>
        public IReadOnlyList<KeyValuePair<string, string>> HeaderLines { get; }
        /// <summary>The headers by name, in any case; a repeated header's values joined with ",".</summary>
        public IReadOnlyDictionary<string, string> Headers { get; }
        public byte[] BodyBytes { get; }
        /// <summary>The body as UTF-8 text.</summary>
        public string Body { get; }

        /// <summary>The x-amz-target header, e.g. AmazonEC2ContainerServiceV20141113.CreateCluster (JSON protocols).</summary>
        public string Target => Header("X-Amz-Target");

        /// <summary>"json" for a request with X-Amz-Target, "query" for a form-encoded one with an Action, "" otherwise.</summary>
        public string Protocol => Target != null ? "json" : FormValue("Action") != null ? "query" : string.Empty;

        /// <summary>The operation: the part of the target after the last '.' (CreateCluster), or the
        /// Query Action (DescribeTargetGroups); "" when there is neither.</summary>
        public string Operation => Target != null ? OperationOf(Target) : FormValue("Action") ?? string.Empty;

        /// <summary>The signing name in the SigV4 credential scope (ecs, elasticloadbalancing), or null when unsigned.</summary>
        public string Service => Authorization?.Service;

        /// <summary>A form-encoded body as key/value pairs in order (empty for other bodies).</summary>
        public IReadOnlyList<KeyValuePair<string, string>> Form => _form ?? (_form = ParseForm());

        /// <summary>The value of a form key, or null.</summary>
        public string FormValue(string key) => Form.Where(p => p.Key == key).Select(p => p.Value).FirstOrDefault();

        /// <summary>The body parsed as JSON (throws if it is not JSON).</summary>
        public JsonElement Json
        {
            get
            {
                if (_json == null)
                {
                    using var doc = JsonDocument.Parse(BodyBytes.Length == 0 ? Encoding.UTF8.GetBytes("{}") : BodyBytes);
                    _json = doc.RootElement.Clone();
                }
                return _json.Value;
            }
        }

        /// <summary>The parsed Authorization header, or null when the request was not SigV4-signed.</summary>
        public SigV4Authorization Authorization => SigV4Authorization.TryParse(Header("Authorization"));

        /// <summary>What the server answered (null while it is still being answered); for a forwarded
        /// request, the answer of the server it was forwarded to.</summary>
        public ScriptedResponse Response { get; internal set; }
        /// <summary>The x-amzn-RequestId the server sent back, if any.</summary>
        public string ResponseRequestId { get; internal set; }

        /// <summary>A header's value (values of repeated headers joined with ","), or null.</summary>
        public string Header(string name) => Headers.TryGetValue(name, out var value) ? value : null;

        internal static string OperationOf(string target)
        {
            if (string.IsNullOrEmpty(target)) return string.Empty;
            var dot = target.LastIndexOf('.');
            return dot >= 0 ? target.Substring(dot + 1) : target;
        }

        private IReadOnlyList<KeyValuePair<string, string>> ParseForm()
        {
            var type = Header("Content-Type") ?? string.Empty;
            if (type.IndexOf("application/x-www-form-urlencoded", StringComparison.OrdinalIgnoreCase) < 0 || Body.Length == 0)
                return Array.Empty<KeyValuePair<string, string>>();
            return ParseForm(Body);
        }

        /// <summary>Parses application/x-www-form-urlencoded text ('+' is a space, as HTML forms have it).</summary>
        public static IReadOnlyList<KeyValuePair<string, string>> ParseForm(string body)
            => body.Split('&', StringSplitOptions.RemoveEmptyEntries).Select(pair =>
            {
                var eq = pair.IndexOf('=');
                var key = eq < 0 ? pair : pair.Substring(0, eq);
                var value = eq < 0 ? string.Empty : pair.Substring(eq + 1);
                return new KeyValuePair<string, string>(Decode(key), Decode(value));
            }).ToList();

        private static string Decode(string text) => Uri.UnescapeDataString(text.Replace('+', ' '));

        public override string ToString() => $"#{Sequence} {Method} {Path} {(Target ?? Operation)} {Body}";
    }

    /// <summary>The parts of a SigV4 Authorization header.</summary>
    public sealed class SigV4Authorization
    {
        public string Algorithm { get; private set; }
        public string AccessKeyId { get; private set; }
        public string Date { get; private set; }
        public string Region { get; private set; }
        public string Service { get; private set; }
        public IReadOnlyList<string> SignedHeaders { get; private set; }
        public string Signature { get; private set; }
        public string Raw { get; private set; }

        public static SigV4Authorization TryParse(string header)
        {
            if (string.IsNullOrEmpty(header)) return null;
            var space = header.IndexOf(' ');
            if (space < 0) return null;
            var result = new SigV4Authorization { Raw = header, Algorithm = header.Substring(0, space) };
            foreach (var part in header.Substring(space + 1).Split(','))
            {
                var kv = part.Trim().Split(new[] { '=' }, 2);
                if (kv.Length != 2) continue;
                switch (kv[0])
                {
                    case "Credential":
                        var scope = kv[1].Split('/');
                        if (scope.Length != 5) return null;
                        result.AccessKeyId = scope[0];
                        result.Date = scope[1];
                        result.Region = scope[2];
                        result.Service = scope[3];
                        break;
                    case "SignedHeaders":
                        result.SignedHeaders = kv[1].Split(';');
                        break;
                    case "Signature":
                        result.Signature = kv[1];
                        break;
                }
            }
            return result.AccessKeyId == null || result.Signature == null || result.SignedHeaders == null ? null : result;
        }

        public override string ToString() => Raw;
    }
}
