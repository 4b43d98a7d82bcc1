using System;
using System.Collections.Generic;
using System.ComponentModel;
using System.Diagnostics;
using System.IO;
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

        /// <summary>Runs python3 -c script, feeding stdin; returns stdout or throws with stderr.</summary>
        public static string RunPython(string script, string stdin)
        {
            var psi = new ProcessStartInfo(Python)
            {
                RedirectStandardInput = true,
                RedirectStandardOutput = true,
                RedirectStandardError = true,
                UseShellExecute = false,
                StandardOutputEncoding = Encoding.UTF8,
                StandardErrorEncoding = Encoding.UTF8,
            };
            psi.ArgumentList.Add("-c");
            psi.ArgumentList.Add(script);
            Process process;
            try
            {
                process = Process.Start(psi) ?? throw new InvalidOperationException("Process.Start returned null.");
            }
            catch (Win32Exception ex)
            {
                throw new InvalidOperationException(
                    $"'{Python}' could not be started ({ex.Message}). These tests check the Engine against botocore: " +
                    "install Python 3 with botocore (python3 -m pip install botocore), or set ECSPS_PYTHON to an interpreter that has it.", ex);
            }
            using (process)
            {
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
                {
                    var err = stderr.Result;
                    var hint = err.Contains("No module named 'botocore'", StringComparison.Ordinal)
                        ? " botocore is not installed for this interpreter: python3 -m pip install botocore (or set ECSPS_PYTHON)."
                        : string.Empty;
                    throw new InvalidOperationException($"'{Python}' failed with exit code {process.ExitCode}.{hint}\n{err}");
                }
                return stdout.Result.Trim();
            }
        }

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
