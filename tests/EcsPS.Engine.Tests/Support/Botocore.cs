using System;
using System.Collections.Concurrent;
using System.Collections.Generic;
using System.ComponentModel;
using System.Diagnostics;
using System.IO;
using System.Linq;
using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;

namespace EcsPS.Engine.Tests.Support
{
    /// <summary>
    /// botocore, run at test time through python3: its SigV4 signer and its service models are the
    /// reference the Engine is held to. When python3 or botocore is missing, every use throws
    /// with a message that says what to install — the tests that need it fail, they never pass.
    /// </summary>
    public static class Botocore
    {
        /// <summary>The interpreter: $ECSPS_PYTHON, else python3 on PATH.</summary>
        public static string Python =>
            Environment.GetEnvironmentVariable("ECSPS_PYTHON") is { Length: > 0 } p ? p : "python3";

        private static readonly Lazy<(string Dir, string Version)> Info = new Lazy<(string, string)>(() =>
        {
            var output = RunPython("import botocore, os, json; print(json.dumps({'dir': os.path.dirname(botocore.__file__), 'version': botocore.__version__}))", null);
            using var doc = JsonDocument.Parse(output);
            return (doc.RootElement.GetProperty("dir").GetString(), doc.RootElement.GetProperty("version").GetString());
        });

        /// <summary>The botocore package folder (its data/ holds the service models).</summary>
        public static string PackageDirectory => Info.Value.Dir;

        public static string Version => Info.Value.Version;

        /// <summary>data/&lt;service&gt;/&lt;version&gt;/service-2.json.gz (or .json).</summary>
        public static string ServiceModelPath(string service, string apiVersion)
        {
            var dir = Path.Combine(PackageDirectory, "data", service, apiVersion);
            foreach (var name in new[] { "service-2.json.gz", "service-2.json" })
            {
                var path = Path.Combine(dir, name);
                if (File.Exists(path)) return path;
            }
            throw new InvalidOperationException($"botocore {Version} at {PackageDirectory} has no model for {service} {apiVersion} (looked in {dir}).");
        }

        private const string SignScript = @"
import sys, json, base64, datetime, hashlib
import botocore, botocore.auth as auth
from botocore.awsrequest import AWSRequest
from botocore.credentials import Credentials
inp = json.load(sys.stdin)
fixed = datetime.datetime.strptime(inp['amzDate'], '%Y%m%dT%H%M%SZ')
auth.get_current_datetime = lambda *a, **k: fixed   # freeze botocore's clock at the request's time
body = base64.b64decode(inp['body'])
headers = dict(inp['headers'])
if inp.get('hashBody'):
    headers = {k: v for k, v in headers.items() if k.lower() != 'x-amz-content-sha256'}
    headers['X-Amz-Content-SHA256'] = hashlib.sha256(body).hexdigest()
request = AWSRequest(method=inp['method'], url=inp['url'], data=body, headers=headers)
signer = auth.SigV4Auth(Credentials(inp['accessKey'], inp['secretKey'], inp.get('sessionToken')), inp['service'], inp['region'])
signer.add_auth(request)
print(json.dumps({
    'authorization': request.headers['Authorization'],
    'amzDate': request.headers['X-Amz-Date'],
    'canonicalRequest': signer.canonical_request(request),
    'botocoreVersion': botocore.__version__,
}))
";

        /// <summary>Signs a request with botocore.auth.SigV4Auth with its clock frozen at
        /// <see cref="SigningInput.AmzDate"/>; returns its Authorization header and canonical request.</summary>
        public static SigningOutput SignV4(SigningInput input)
        {
            var headers = new JsonObject();
            foreach (var h in input.Headers) headers[h.Key] = h.Value;
            var payload = new JsonObject
            {
                ["method"] = input.Method,
                ["url"] = input.Url,
                ["headers"] = headers,
                ["body"] = Convert.ToBase64String(input.Body ?? Array.Empty<byte>()),
                ["hashBody"] = input.HashBody,
                ["amzDate"] = input.AmzDate,
                ["accessKey"] = input.AccessKey,
                ["secretKey"] = input.SecretKey,
                ["sessionToken"] = input.SessionToken,
                ["service"] = input.Service,
                ["region"] = input.Region,
            };
            var output = RunPython(SignScript, payload.ToJsonString());
            using var doc = JsonDocument.Parse(output);
            var root = doc.RootElement;
            return new SigningOutput(root.GetProperty("authorization").GetString(), root.GetProperty("amzDate").GetString(),
                root.GetProperty("canonicalRequest").GetString(), root.GetProperty("botocoreVersion").GetString());
        }

        private const string ServicesScript = @"
import sys, json
import botocore, botocore.session
inp = json.load(sys.stdin)
session = botocore.session.get_session()
out = {}
for name in inp['services']:
    model = session.get_service_model(name)
    md = model.metadata
    out[name] = {
        'serviceId': model.service_id,
        # The variable name as the AWS CLI documents it: the serviceId, hyphenized by botocore,
        # upper-cased with underscores.
        'endpointVariable': 'AWS_ENDPOINT_URL_' + model.service_id.hyphenize().replace('-', '_').upper(),
        'signingName': model.signing_name,
        'endpointPrefix': model.endpoint_prefix,
        # The protocol the Engine speaks to it: the first the model offers among JSON and Query
        # (CloudWatch offers smithy-rpc-v2-cbor first, then json).
        'protocol': next(p for p in (md.get('protocols') or [model.protocol]) if p in ('json', 'query')),
        'apiVersion': model.api_version,
        'jsonVersion': md.get('jsonVersion'),
        'targetPrefix': md.get('targetPrefix'),
    }
print(json.dumps(out))
";

        private static readonly ConcurrentDictionary<string, Lazy<JsonElement>> ServicesCache = new ConcurrentDictionary<string, Lazy<JsonElement>>();

        /// <summary>
        /// What botocore's session says of each service (by botocore name: ecs, elbv2, ...): its
        /// serviceId, signing name (signingName, else the endpoint prefix), endpoint prefix,
        /// protocol, API and JSON versions, target prefix, and the AWS_ENDPOINT_URL_* variable it
        /// derives from the serviceId. One python call per set of names.
        /// </summary>
        public static JsonElement Services(IEnumerable<string> services)
        {
            var names = services.OrderBy(s => s, StringComparer.Ordinal).ToArray();
            return ServicesCache.GetOrAdd(string.Join(",", names), _ => new Lazy<JsonElement>(() =>
            {
                var payload = new JsonObject { ["services"] = new JsonArray(names.Select(s => (JsonNode)s).ToArray()) };
                using var doc = JsonDocument.Parse(RunPython(ServicesScript, payload.ToJsonString()));
                return doc.RootElement.Clone();
            })).Value;
        }

        private const string ProbeScript = @"
import sys, json, os
import botocore.session
inp = json.load(sys.stdin)
out = {}
saved = dict(os.environ)
try:
    for label, probe in inp.items():
        os.environ.clear()
        os.environ.update({k: v for k, v in saved.items()
                           if not k.startswith('AWS_ENDPOINT_URL') and k != 'AWS_IGNORE_CONFIGURED_ENDPOINT_URLS'})
        os.environ.update(probe['variables'])
        client = botocore.session.get_session().create_client(probe['service'], region_name='us-east-1',
            aws_access_key_id='AKIDEXAMPLE', aws_secret_access_key='secret')
        out[label] = client.meta.endpoint_url
finally:
    os.environ.clear()
    os.environ.update(saved)
print(json.dumps(out))
";

        /// <summary>
        /// Behaviour, not just names: for each probe, the endpoint a fresh botocore client of the
        /// service takes when exactly these endpoint variables are set (every other
        /// AWS_ENDPOINT_URL* unset). All probes in one python call; returns label → URL.
        /// </summary>
        public static IReadOnlyDictionary<string, string> ConfiguredEndpoints(
            IEnumerable<(string Label, string Service, IDictionary<string, string> Variables)> probes)
        {
            var payload = new JsonObject();
            foreach (var (label, service, variables) in probes)
            {
                var vars = new JsonObject();
                foreach (var v in variables) vars[v.Key] = v.Value;
                payload[label] = new JsonObject { ["service"] = service, ["variables"] = vars };
            }
            using var doc = JsonDocument.Parse(RunPython(ProbeScript, payload.ToJsonString()));
            return doc.RootElement.EnumerateObject().ToDictionary(p => p.Name, p => p.Value.GetString());
        }

        // botocore sends requests where its endpoint ruleset (endpoint-rule-set-1.json) says; the
        // client's meta.endpoint_url comes from the older endpoints.json and differs for some
        // services (ECR FIPS: ecr-fips.us-east-1... there, api.ecr-fips.us-east-1... on the wire),
        // so the ruleset is evaluated here, with the builtins a client passes it.
        private const string EndpointsScript = @"
import sys, json
import botocore, botocore.session
from botocore.endpoint_provider import EndpointProvider
from botocore.exceptions import EndpointProviderError
inp = json.load(sys.stdin)
loader = botocore.session.get_session().get_component('data_loader')
partitions = loader.load_data('partitions')
out = {'botocoreVersion': botocore.__version__, 'partitions': [], 'services': {}}
for p in partitions['partitions']:
    out['partitions'].append({'id': p['id'], 'dnsSuffix': p['outputs']['dnsSuffix'],
        'dualStackDnsSuffix': p['outputs'].get('dualStackDnsSuffix'), 'regions': sorted(p['regions'])})
variants = {'regional': (False, False), 'fips': (True, False), 'dualStack': (False, True), 'fipsDualStack': (True, True)}
for name in inp['services']:
    ruleset = loader.load_service_model(name, 'endpoint-rule-set-1')
    builtins = {v.get('builtIn'): k for k, v in ruleset['parameters'].items()}
    provider = EndpointProvider(ruleset, partitions)
    urls = {}
    for p in partitions['partitions']:
        for region in p['regions']:
            row = {}
            for variant, (fips, dual) in variants.items():
                params = {builtins['AWS::Region']: region, builtins['AWS::UseFIPS']: fips, builtins['AWS::UseDualStack']: dual}
                try:
                    row[variant] = provider.resolve_endpoint(**params).url
                except EndpointProviderError:
                    row[variant] = None
            urls[region] = row
    out['services'][name] = urls
print(json.dumps(out))
";

        private static readonly ConcurrentDictionary<string, Lazy<JsonElement>> EndpointCache = new ConcurrentDictionary<string, Lazy<JsonElement>>();

        /// <summary>
        /// botocore's partitions ({id, dnsSuffix, dualStackDnsSuffix, regions}) and, per service and
        /// region, the URL its endpoint ruleset resolves for each variant (regional, fips,
        /// dualStack, fipsDualStack; null where the ruleset raises), in one python call.
        /// </summary>
        public static JsonElement Endpoints(IEnumerable<string> services)
        {
            var names = services.OrderBy(s => s, StringComparer.Ordinal).ToArray();
            return EndpointCache.GetOrAdd(string.Join(",", names), _ => new Lazy<JsonElement>(() =>
            {
                var payload = new JsonObject { ["services"] = new JsonArray(names.Select(s => (JsonNode)s).ToArray()) };
                using var doc = JsonDocument.Parse(RunPython(EndpointsScript, payload.ToJsonString()));
                return doc.RootElement.Clone();
            })).Value;
        }

        private const string SerializeScript = @"
import sys, json, base64
import botocore, botocore.session, botocore.serialize, botocore.validate
inp = json.load(sys.stdin)
model = botocore.session.get_session().get_service_model(inp['service'])
operation = model.operation_model(inp['operation'])
report = botocore.validate.ParamValidator().validate(inp['params'], operation.input_shape)
if report.has_errors():
    raise SystemExit('botocore rejects the parameters: ' + report.generate_report())
# The protocol the Engine speaks for the service: the first the model offers among JSON and Query
# (CloudWatch offers smithy-rpc-v2-cbor first, then json), as tools/generate-models.py picks it.
offered = model.metadata.get('protocols') or [model.metadata['protocol']]
protocol = next(p for p in offered if p in ('json', 'query'))
request = botocore.serialize.create_serializer(protocol).serialize_to_request(inp['params'], operation)
body = request['body']
if isinstance(body, str):
    body = body.encode('utf-8')
elif isinstance(body, dict):
    body = '&'.join('%s=%s' % kv for kv in body.items()).encode('utf-8')
print(json.dumps({'method': request['method'], 'path': request['url_path'], 'headers': dict(request['headers']),
    'body': base64.b64encode(body or b'').decode('ascii'), 'botocoreVersion': botocore.__version__}))
";

        /// <summary>
        /// What botocore (the AWS CLI) would send for an operation called with <paramref name="parameters"/>
        /// (member names as in the model): after botocore's own parameter validation, its
        /// serializer's method, path, protocol headers (X-Amz-Target, Content-Type) and body.
        /// </summary>
        public static SerializedRequest Serialize(string service, string operation, JsonNode parameters)
        {
            var payload = new JsonObject { ["service"] = service, ["operation"] = operation, ["params"] = parameters.DeepClone() };
            using var doc = JsonDocument.Parse(RunPython(SerializeScript, payload.ToJsonString()));
            var root = doc.RootElement;
            return new SerializedRequest(
                root.GetProperty("method").GetString(),
                root.GetProperty("path").GetString(),
                root.GetProperty("headers").EnumerateObject().ToDictionary(h => h.Name, h => h.Value.GetString(), StringComparer.OrdinalIgnoreCase),
                Convert.FromBase64String(root.GetProperty("body").GetString()));
        }

        public sealed class SerializedRequest
        {
            public SerializedRequest(string method, string path, IReadOnlyDictionary<string, string> headers, byte[] body)
            {
                Method = method;
                Path = path;
                Headers = headers;
                Body = body;
            }

            public string Method { get; }
            public string Path { get; }
            public IReadOnlyDictionary<string, string> Headers { get; }
            public byte[] Body { get; }
            public string Header(string name) => Headers.TryGetValue(name, out var v) ? v : null;
        }

        /// <summary>Runs the interpreter on a script file with arguments in a folder and returns its
        /// exit code and output, whatever the code (for tools whose exit code is the verdict).</summary>
        public static (int ExitCode, string Stdout, string Stderr) RunScript(string scriptPath, IEnumerable<string> arguments, string workingDirectory)
        {
            var psi = new ProcessStartInfo(Python)
            {
                RedirectStandardOutput = true,
                RedirectStandardError = true,
                UseShellExecute = false,
                WorkingDirectory = workingDirectory,
                StandardOutputEncoding = Encoding.UTF8,
                StandardErrorEncoding = Encoding.UTF8,
            };
            psi.ArgumentList.Add(scriptPath);
            foreach (var a in arguments) psi.ArgumentList.Add(a);
            using var process = Start(psi);
            var stdout = process.StandardOutput.ReadToEndAsync();
            var stderr = process.StandardError.ReadToEndAsync();
            if (!process.WaitForExit(120_000))
            {
                try { process.Kill(true); } catch (InvalidOperationException) { }
                throw new TimeoutException($"'{Python} {scriptPath}' did not finish within 120 s.");
            }
            process.WaitForExit();
            var err = stderr.Result;
            if (err.Contains("No module named 'botocore'", StringComparison.Ordinal))
                throw new InvalidOperationException($"botocore is not installed for '{Python}': python3 -m pip install botocore (or set ECSPS_PYTHON).\n{err}");
            return (process.ExitCode, stdout.Result, err);
        }

        private static Process Start(ProcessStartInfo psi)
        {
            try
            {
                return Process.Start(psi) ?? throw new InvalidOperationException("Process.Start returned null.");
            }
            catch (Win32Exception ex)
            {
                throw new InvalidOperationException(
                    $"'{Python}' could not be started ({ex.Message}). These tests check the Engine against botocore: " +
                    "install Python 3 with botocore (python3 -m pip install botocore), or set ECSPS_PYTHON to an interpreter that has it.", ex);
            }
        }

        /// <summary>Runs python3 -c script, feeding stdin; returns stdout or throws with stderr.</summary>
        public static string RunPython(string script, string stdin)
        {
            using var process = StartPython(script);
            var stdout = process.StandardOutput.ReadToEndAsync();
            var stderr = process.StandardError.ReadToEndAsync();
            process.StandardInput.Write(stdin ?? string.Empty);
            process.StandardInput.Close();
            if (!process.WaitForExit(60_000))
            {
                try { process.Kill(true); } catch (InvalidOperationException) { }
                throw new TimeoutException($"'{Python}' did not finish within 60 s.");
            }
            process.WaitForExit();
            if (process.ExitCode != 0)
                throw PythonFailed(process.ExitCode, stderr.Result);
            return stdout.Result.Trim();
        }

        /// <summary>Starts python3 -c script with stdin, stdout and stderr redirected (UTF-8).</summary>
        internal static Process StartPython(string script)
        {
            var psi = new ProcessStartInfo(Python)
            {
                RedirectStandardInput = true,
                RedirectStandardOutput = true,
                RedirectStandardError = true,
                UseShellExecute = false,
                StandardInputEncoding = new UTF8Encoding(false),
                StandardOutputEncoding = Encoding.UTF8,
                StandardErrorEncoding = Encoding.UTF8,
            };
            psi.ArgumentList.Add("-c");
            psi.ArgumentList.Add(script);
            return Start(psi);
        }

        /// <summary>The error for a python3 run that failed, saying what to install when a module is missing.</summary>
        internal static Exception PythonFailed(int exitCode, string stderr)
        {
            var missing = System.Text.RegularExpressions.Regex.Match(stderr ?? string.Empty, @"No module named '([A-Za-z0-9_]+)");
            var hint = missing.Success
                ? $" {missing.Groups[1].Value} is not installed for this interpreter: python3 -m pip install {PipName(missing.Groups[1].Value)} (or set ECSPS_PYTHON)."
                : string.Empty;
            return new InvalidOperationException($"'{Python}' failed with exit code {exitCode}.{hint}\n{stderr}");
        }

        /// <summary>Runs a python3 script that reads one JSON document on stdin and prints one on
        /// stdout; returns what it printed, parsed.</summary>
        public static JsonNode RunJson(string script, JsonNode input)
        {
            var output = RunPython(script, input?.ToJsonString() ?? "null");
            try
            {
                return JsonNode.Parse(output);
            }
            catch (JsonException ex)
            {
                throw new InvalidOperationException($"'{Python}' printed something that is not JSON: {output}", ex);
            }
        }

        private static string PipName(string module) => module switch
        {
            "moto" => "'moto[server]'",
            "yaml" => "pyyaml",
            _ => module,
        };

        public sealed class SigningInput
        {
            public string Method { get; set; } = "POST";
            public string Url { get; set; }
            /// <summary>The headers to sign (botocore signs every header it is given, plus host).</summary>
            public IDictionary<string, string> Headers { get; set; } = new Dictionary<string, string>();
            public byte[] Body { get; set; }
            /// <summary>Set X-Amz-Content-SHA256 from botocore's own hash of the body, as a server would.</summary>
            public bool HashBody { get; set; }
            /// <summary>The signing time as yyyyMMddTHHmmssZ.</summary>
            public string AmzDate { get; set; }
            public string AccessKey { get; set; }
            public string SecretKey { get; set; }
            public string SessionToken { get; set; }
            public string Service { get; set; }
            public string Region { get; set; }
        }

        public sealed class SigningOutput
        {
            public SigningOutput(string authorization, string amzDate, string canonicalRequest, string botocoreVersion)
            {
                Authorization = authorization;
                AmzDate = amzDate;
                CanonicalRequest = canonicalRequest;
                BotocoreVersion = botocoreVersion;
            }

            public string Authorization { get; }
            public string AmzDate { get; }
            public string CanonicalRequest { get; }
            public string BotocoreVersion { get; }
        }
    }
}
