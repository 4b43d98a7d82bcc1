using System;
using System.Collections.Generic;
using System.Linq;
using System.Text;
using System.Text.Json;

namespace EcsPS.Engine.Tests.Fakes
{
    /// <summary>One request exactly as <see cref="ScriptedAwsServer"/> received it, and what it answered.</summary>
    public sealed class RecordedRequest
    {
        private JsonElement? _json;

        internal RecordedRequest(int sequence, int connection, TimeSpan received, string method, string path, string httpVersion,
            IReadOnlyList<KeyValuePair<string, string>> headers, byte[] body)
        {
            Sequence = sequence;
            Received = received;
            Connection = connection;
            Method = method;
            Path = path;
            HttpVersion = httpVersion;
            Headers = headers;
            Body = body;
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
        public IReadOnlyList<KeyValuePair<string, string>> Headers { get; }
        public byte[] Body { get; }
        public string BodyText => Encoding.UTF8.GetString(Body);

        /// <summary>The x-amz-target header, e.g. AmazonEC2ContainerServiceV20141113.CreateCluster.</summary>
        public string Target => Header("X-Amz-Target");

        /// <summary>The operation part of the target (CreateCluster), or "" when there is no target.</summary>
        public string Operation => OperationOf(Target);

        /// <summary>The body parsed as JSON (throws if it is not JSON).</summary>
        public JsonElement Json
        {
            get
            {
                if (_json == null)
                {
                    using var doc = JsonDocument.Parse(Body.Length == 0 ? Encoding.UTF8.GetBytes("{}") : Body);
                    _json = doc.RootElement.Clone();
                }
                return _json.Value;
            }
        }

        /// <summary>The parsed Authorization header, or null when the request was not SigV4-signed.</summary>
        public SigV4Authorization Authorization => SigV4Authorization.TryParse(Header("Authorization"));

        /// <summary>What the server answered (null while it is still being answered).</summary>
        public ScriptedResponse Response { get; internal set; }
        /// <summary>The x-amzn-RequestId the server sent back, if any.</summary>
        public string ResponseRequestId { get; internal set; }

        /// <summary>A header's value (values of repeated headers joined with ","), or null.</summary>
        public string Header(string name)
        {
            var values = Headers.Where(h => string.Equals(h.Key, name, StringComparison.OrdinalIgnoreCase)).Select(h => h.Value).ToList();
            return values.Count == 0 ? null : string.Join(",", values);
        }

        internal static string OperationOf(string target)
        {
            if (string.IsNullOrEmpty(target)) return string.Empty;
            var dot = target.LastIndexOf('.');
            return dot >= 0 ? target.Substring(dot + 1) : target;
        }

        public override string ToString() => $"#{Sequence} {Method} {Path} {Target} {BodyText}";
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
