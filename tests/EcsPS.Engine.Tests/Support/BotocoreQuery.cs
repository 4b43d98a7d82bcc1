using System;
using System.Collections.Generic;
using System.Globalization;
using System.Linq;
using System.Text.Encodings.Web;
using System.Text.Json;
using System.Text.Json.Nodes;
using EcsPS.Engine.Protocols.Json;
using EcsPS.Engine.Runtime;
using EcsPS.TestFakes;
using Xunit.Sdk;

namespace EcsPS.Engine.Tests.Support
{
    /// <summary>One Query call as the Engine made it: the request model (as botocore-shaped params),
    /// what went on the wire and what came back, and what the Engine made of the answer.</summary>
    public sealed class QueryExchange
    {
        public QueryExchange(string operation, object request, RecordedRequest sent, object response = null, AwsServiceException error = null)
        {
            Operation = operation;
            Params = request == null ? new JsonObject() : JsonNode.Parse(EngineJson.Serialize(request));
            Sent = sent ?? throw new ArgumentNullException(nameof(sent));
            Parsed = response == null ? null : JsonNode.Parse(EngineJson.Serialize(response));
            Error = error;
        }

        public string Operation { get; }
        /// <summary>EngineJson of the request model: member names as in the service model.</summary>
        public JsonNode Params { get; }
        public RecordedRequest Sent { get; }
        /// <summary>EngineJson of the response model the Engine parsed (null when the call failed).</summary>
        public JsonNode Parsed { get; }
        public AwsServiceException Error { get; }

        public override string ToString() => Operation;
    }

    /// <summary>What botocore says about one exchange.</summary>
    public sealed class BotocoreQueryVerdict
    {
        internal BotocoreQueryVerdict(JsonObject o)
        {
            Raw = o;
            Validation = (string)o["validation"] ?? string.Empty;
            SerializeError = (string)o["serializeError"];
            ContentType = (string)o["contentType"];
            ApiVersion = (string)o["apiVersion"];
            SigningName = (string)o["signingName"];
            BotocoreForm = Pairs(o["botocoreForm"]);
            OurForm = Pairs(o["ourForm"]);
            OurFormError = (string)o["ourFormError"];
            Parsed = o["parsed"];
            RequestId = (string)o["requestId"];
        }

        public JsonObject Raw { get; }
        /// <summary>botocore's ParamValidator report on the params; empty when it accepts them.</summary>
        public string Validation { get; }
        public string SerializeError { get; }
        /// <summary>The Content-Type botocore sends.</summary>
        public string ContentType { get; }
        public string ApiVersion { get; }
        public string SigningName { get; }
        /// <summary>The form botocore sends for the params: its serializer's body, urlencoded as
        /// botocore prepares it, decoded with Python's parse_qsl.</summary>
        public IReadOnlyList<KeyValuePair<string, string>> BotocoreForm { get; }
        /// <summary>The body the Engine sent, decoded with Python's parse_qsl (strict, ASCII only).</summary>
        public IReadOnlyList<KeyValuePair<string, string>> OurForm { get; }
        public string OurFormError { get; }
        /// <summary>botocore's QueryParser result for the answer (ResponseMetadata removed; datetimes
        /// as {"$timestamp": epoch seconds}, blobs as base64).</summary>
        public JsonNode Parsed { get; }
        /// <summary>The request id botocore found in the answer.</summary>
        public string RequestId { get; }

        private static IReadOnlyList<KeyValuePair<string, string>> Pairs(JsonNode node)
            => node is JsonArray a
                ? a.Select(p => new KeyValuePair<string, string>((string)p[0], (string)p[1])).ToList()
                : null;
    }

    /// <summary>
    /// botocore's Query serializer, validator and parser, run at test time: the reference every
    /// Query request and answer of the Engine is held to. One python3 run judges a batch of
    /// exchanges.
    /// </summary>
    public static class BotocoreQuery
    {
        private const string Script = @"
import sys, json, base64, datetime, urllib.parse
import botocore, botocore.session, botocore.model, botocore.serialize, botocore.validate, botocore.parsers, botocore.awsrequest

models = {}

def service_model(inp):
    if inp.get('model') is not None:
        return botocore.model.ServiceModel(inp['model'], service_name='synthetic')
    key = (inp['service'], inp.get('apiVersion'))
    if key not in models:
        models[key] = botocore.session.get_session().get_service_model(*key)
    return models[key]

def from_engine(value, shape):
    # EngineJson writes blobs as base64 text and a whole double as an integer; botocore takes
    # bytes and floats. Anything else is passed on untouched, for the validator to judge.
    if shape is None:
        return value
    kind = shape.type_name
    if kind == 'structure' and isinstance(value, dict):
        return {k: from_engine(v, shape.members.get(k)) for k, v in value.items()}
    if kind == 'list' and isinstance(value, list):
        return [from_engine(v, shape.member) for v in value]
    if kind == 'map' and isinstance(value, dict):
        return {k: from_engine(v, shape.value) for k, v in value.items()}
    if kind == 'blob' and isinstance(value, str):
        return base64.b64decode(value)
    if kind in ('float', 'double') and isinstance(value, int) and not isinstance(value, bool):
        return float(value)
    return value

def plain(value):
    if isinstance(value, dict):
        return {k: plain(v) for k, v in value.items()}
    if isinstance(value, list):
        return [plain(v) for v in value]
    if isinstance(value, datetime.datetime):
        return {'$timestamp': value.timestamp()}
    if isinstance(value, (bytes, bytearray)):
        return base64.b64encode(value).decode('ascii')
    return value

def form(text):
    return [[k, v] for k, v in urllib.parse.parse_qsl(text, keep_blank_values=True, strict_parsing=True, errors='strict')]

def judge(job, model):
    protocol = model.metadata['protocol']
    op = model.operation_model(job['operation'])
    verdict = {'apiVersion': model.metadata['apiVersion'], 'signingName': model.signing_name}
    if 'params' in job:
        params = from_engine(job['params'], op.input_shape)
        if op.input_shape is not None:
            report = botocore.validate.ParamValidator().validate(params, op.input_shape)
            verdict['validation'] = report.generate_report() if report.has_errors() else ''
        try:
            request = botocore.serialize.create_serializer(protocol, include_validation=False).serialize_to_request(params, op)
            botocore.awsrequest.prepare_request_dict(request, endpoint_url='https://service.us-east-1.amazonaws.com')
            prepared = botocore.awsrequest.create_request_object(request).prepare()
            verdict['contentType'] = prepared.headers.get('Content-Type')
            verdict['botocoreForm'] = form(prepared.body)
        except Exception as e:
            verdict['serializeError'] = repr(e)
    if 'sentBody' in job:
        try:
            verdict['ourForm'] = form(base64.b64decode(job['sentBody']).decode('ascii'))
        except ValueError as e:
            verdict['ourFormError'] = repr(e)
    if 'answerBody' in job:
        parser = botocore.parsers.create_parser(protocol)
        parsed = parser.parse({'body': base64.b64decode(job['answerBody']),
                               'headers': botocore.awsrequest.HeadersDict(job.get('answerHeaders') or {}),
                               'status_code': job['answerStatus']}, op.output_shape)
        metadata = parsed.pop('ResponseMetadata', None) or {}
        verdict['requestId'] = metadata.get('RequestId')
        verdict['parsed'] = plain(parsed)
    return verdict

def handle(inp):
    model = service_model(inp)
    return [judge(job, model) for job in inp['jobs']]
";

        private static readonly PythonWorker Worker = new PythonWorker(Script);

        /// <summary>Judges each exchange: botocore validates and serializes its params, decodes the
        /// body the Engine sent, and parses the answer the Engine received.</summary>
        /// <param name="service">The botocore service name (elbv2), unless <paramref name="model"/> is given.</param>
        /// <param name="model">A service-2.json document of one's own (for shapes no AWS service has).</param>
        public static IReadOnlyList<BotocoreQueryVerdict> Judge(IReadOnlyList<QueryExchange> exchanges, string service = "elbv2", JsonNode model = null)
        {
            var jobs = new JsonArray();
            foreach (var e in exchanges)
            {
                var job = new JsonObject
                {
                    ["operation"] = e.Operation,
                    ["params"] = e.Params.DeepClone(),
                    ["sentBody"] = Convert.ToBase64String(e.Sent.BodyBytes),
                };
                var answer = e.Sent.Response;
                if (answer != null && !answer.DropConnection)
                {
                    var headers = new JsonObject();
                    foreach (var h in answer.Headers) headers[h.Key] = h.Value;
                    if (e.Sent.ResponseRequestId != null) headers["x-amzn-RequestId"] = e.Sent.ResponseRequestId;
                    job["answerBody"] = Convert.ToBase64String(answer.Body);
                    job["answerStatus"] = answer.StatusCode;
                    job["answerHeaders"] = headers;
                }
                jobs.Add(job);
            }
            var input = new JsonObject { ["service"] = service, ["model"] = model?.DeepClone(), ["jobs"] = jobs };
            var output = Worker.Call(input).AsArray();
            if (output.Count != exchanges.Count)
                throw new InvalidOperationException($"botocore judged {output.Count} exchanges of {exchanges.Count}.");
            return output.Select(o => new BotocoreQueryVerdict(o.AsObject())).ToList();
        }

        /// <summary>
        /// Every exchange is one botocore would have made: botocore accepts the params, the body
        /// sent is (as a multiset of decoded key/value pairs) the one botocore sends for them, with
        /// its Content-Type; and the Engine read each answer as botocore's parser reads it (every
        /// member, both ways), or, for an error, with the code, message and request id botocore
        /// finds in it. All problems of all exchanges are reported at once.
        /// </summary>
        public static IReadOnlyList<BotocoreQueryVerdict> AssertSameAsBotocore(IReadOnlyList<QueryExchange> exchanges, string service = "elbv2", JsonNode model = null)
        {
            var verdicts = Judge(exchanges, service, model);
            var problems = new List<string>();
            for (var i = 0; i < exchanges.Count; i++)
                problems.AddRange(Problems(exchanges[i], verdicts[i]).Select(p => $"#{i + 1} {exchanges[i].Operation}: {p}"));
            if (problems.Count > 0)
                throw new XunitException($"{problems.Count} difference(s) from botocore {Botocore.Version}:\n  " + string.Join("\n  ", problems));
            return verdicts;
        }

        public static IEnumerable<string> Problems(QueryExchange exchange, BotocoreQueryVerdict verdict)
        {
            if (verdict.Validation.Length > 0)
                yield return $"botocore rejects the params {exchange.Params.ToJsonString(Readable)}:\n{verdict.Validation}";
            if (verdict.SerializeError != null)
                yield return "botocore could not serialize the params: " + verdict.SerializeError;
            if (verdict.OurFormError != null)
                yield return $"the body sent is not a valid ASCII form ({verdict.OurFormError}): {exchange.Sent.Body}";
            else if (verdict.BotocoreForm == null || verdict.OurForm == null)
                yield return "botocore gave no form to compare";
            else
                foreach (var d in FormDifferences(verdict.BotocoreForm, verdict.OurForm))
                    yield return d;
            if (verdict.ContentType != null && exchange.Sent.Header("Content-Type") != verdict.ContentType)
                yield return $"Content-Type '{exchange.Sent.Header("Content-Type")}', botocore sends '{verdict.ContentType}'";

            if (exchange.Parsed != null)
            {
                if (verdict.Parsed == null)
                    yield return "botocore did not parse the answer";
                else
                    foreach (var d in JsonEquivalence.Differences(verdict.Parsed, exchange.Parsed, "response"))
                        yield return d;
            }
            if (exchange.Error != null)
            {
                var error = verdict.Parsed?["Error"];
                if (error == null)
                {
                    yield return "botocore found no error in the answer: " + exchange.Sent.Response?.BodyText;
                    yield break;
                }
                if (exchange.Error.ErrorCode != (string)error["Code"])
                    yield return $"error code '{exchange.Error.ErrorCode}', botocore reads '{(string)error["Code"]}'";
                if (exchange.Error.ServiceMessage != (string)error["Message"])
                    yield return $"error message '{exchange.Error.ServiceMessage}', botocore reads '{(string)error["Message"]}'";
                if (verdict.RequestId != null && exchange.Error.RequestId != verdict.RequestId)
                    yield return $"request id '{exchange.Error.RequestId}', botocore reads '{verdict.RequestId}'";
            }
        }

        /// <summary>The two forms compared as multisets of key/value pairs: what only one side has.</summary>
        public static IReadOnlyList<string> FormDifferences(IReadOnlyList<KeyValuePair<string, string>> botocore, IReadOnlyList<KeyValuePair<string, string>> ours)
        {
            var differences = new List<string>();
            var left = Count(botocore);
            var right = Count(ours);
            foreach (var pair in left.Keys.Union(right.Keys).OrderBy(p => p.Key, StringComparer.Ordinal).ThenBy(p => p.Value, StringComparer.Ordinal))
            {
                left.TryGetValue(pair, out var b);
                right.TryGetValue(pair, out var o);
                if (b > o) differences.Add($"form: botocore sends {Show(pair)}{Times(b - o)}, the Engine does not");
                if (o > b) differences.Add($"form: the Engine sends {Show(pair)}{Times(o - b)}, botocore does not");
            }
            return differences;
        }

        private static Dictionary<KeyValuePair<string, string>, int> Count(IEnumerable<KeyValuePair<string, string>> pairs)
        {
            var counts = new Dictionary<KeyValuePair<string, string>, int>();
            foreach (var p in pairs ?? Enumerable.Empty<KeyValuePair<string, string>>())
                counts[p] = counts.TryGetValue(p, out var n) ? n + 1 : 1;
            return counts;
        }

        /// <summary>JSON text as a person reads it: '+', quotes and non-ASCII left as they are.</summary>
        internal static readonly JsonSerializerOptions Readable = new JsonSerializerOptions { Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping };

        private static string Show(KeyValuePair<string, string> pair) => JsonSerializer.Serialize(pair.Key, Readable) + "=" + JsonSerializer.Serialize(pair.Value, Readable);

        private static string Times(int n) => n == 1 ? string.Empty : $" ({n} times)";
    }

    /// <summary>Deep comparison of botocore's parse (as JSON) with EngineJson of a response model.</summary>
    public static class JsonEquivalence
    {
        /// <summary>EngineJson keeps timestamps to the millisecond; botocore to the microsecond.</summary>
        private const double TimestampTolerance = 0.0006;

        public static IReadOnlyList<string> Differences(JsonNode botocore, JsonNode ours, string path = "$")
        {
            var differences = new List<string>();
            Compare(botocore, ours, path, differences);
            return differences;
        }

        private static void Compare(JsonNode expected, JsonNode actual, string path, List<string> differences)
        {
            if (expected is JsonObject ts && ts.Count == 1 && ts["$timestamp"] is JsonValue stamp)
            {
                var want = stamp.GetValue<double>();
                if (actual is JsonValue v && v.GetValueKind() == JsonValueKind.Number && Math.Abs(v.GetValue<double>() - want) <= TimestampTolerance) return;
                differences.Add($"{path}: botocore reads the timestamp {want.ToString("R", CultureInfo.InvariantCulture)} (epoch seconds), the Engine {Show(actual)}");
                return;
            }
            switch (expected)
            {
                case null:
                    if (actual != null) differences.Add($"{path}: botocore reads null, the Engine {Show(actual)}");
                    return;
                case JsonObject o:
                    if (actual is not JsonObject a)
                    {
                        differences.Add($"{path}: botocore reads {Show(expected)}, the Engine {Show(actual)}");
                        return;
                    }
                    foreach (var member in o)
                    {
                        if (!a.ContainsKey(member.Key))
                            differences.Add($"{path}.{member.Key}: botocore reads {Show(member.Value)}, the Engine has nothing");
                        else
                            Compare(member.Value, a[member.Key], path + "." + member.Key, differences);
                    }
                    foreach (var member in a.Where(m => !o.ContainsKey(m.Key)))
                        differences.Add($"{path}.{member.Key}: the Engine reads {Show(member.Value)}, botocore has nothing");
                    return;
                case JsonArray list:
                    if (actual is not JsonArray other)
                    {
                        differences.Add($"{path}: botocore reads {Show(expected)}, the Engine {Show(actual)}");
                        return;
                    }
                    if (list.Count != other.Count)
                        differences.Add($"{path}: botocore reads {list.Count} item(s), the Engine {other.Count}");
                    for (var i = 0; i < Math.Min(list.Count, other.Count); i++)
                        Compare(list[i], other[i], $"{path}[{i}]", differences);
                    return;
                case JsonValue value:
                    if (actual is JsonValue mine && SameValue(value, mine)) return;
                    differences.Add($"{path}: botocore reads {Show(expected)}, the Engine {Show(actual)}");
                    return;
            }
        }

        private static bool SameValue(JsonValue a, JsonValue b)
        {
            var kind = a.GetValueKind();
            if (kind != b.GetValueKind()) return false;
            return kind switch
            {
                JsonValueKind.Number => SameNumber(a.ToJsonString(), b.ToJsonString()),
                JsonValueKind.String => a.GetValue<string>() == b.GetValue<string>(),
                _ => true, // true, false
            };
        }

        private static bool SameNumber(string a, string b)
        {
            const NumberStyles style = NumberStyles.Float;
            var c = CultureInfo.InvariantCulture;
            if (decimal.TryParse(a, style, c, out var x) && decimal.TryParse(b, style, c, out var y)) return x == y;
            return double.Parse(a, style, c) == double.Parse(b, style, c);
        }

        private static string Show(JsonNode node) => node == null ? "nothing" : node.ToJsonString(BotocoreQuery.Readable);
    }
}
