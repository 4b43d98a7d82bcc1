using System;
using System.Diagnostics;
using System.Text;
using System.Text.Json.Nodes;
using System.Threading.Tasks;

namespace EcsPS.Engine.Tests.Support
{
    /// <summary>
    /// One long-lived python3 that runs a script's handle(request) for each JSON line it is sent
    /// and answers with one JSON line: botocore is imported and its models loaded once per test
    /// run instead of once per call. Calls are serialised. The worker ends when the test process
    /// closes its stdin (or exits), and is killed, by its own process object, if it stops answering.
    /// </summary>
    public sealed class PythonWorker
    {
        private static readonly TimeSpan CallTimeout = TimeSpan.FromSeconds(60);

        private const string Loop = @"
import sys, json, traceback
for line in sys.stdin:
    try:
        answer = {'ok': handle(json.loads(line))}
    except Exception:
        answer = {'error': traceback.format_exc()}
    sys.stdout.write(json.dumps(answer) + '\n')
    sys.stdout.flush()
";

        private readonly object _gate = new object();
        private readonly string _script;
        private readonly StringBuilder _stderr = new StringBuilder();
        private Process _process;

        /// <param name="script">Python that defines handle(request) -> JSON-able answer.</param>
        public PythonWorker(string script) => _script = script;

        public JsonNode Call(JsonNode request)
        {
            lock (_gate)
            {
                var process = _process ??= Start();
                try
                {
                    process.StandardInput.WriteLine(request.ToJsonString());
                    process.StandardInput.Flush();
                }
                catch (System.IO.IOException) { } // it exited at start; its stdout ends and says why
                var read = process.StandardOutput.ReadLineAsync();
                if (!read.Wait(CallTimeout))
                {
                    Stop();
                    throw new TimeoutException($"'{Botocore.Python}' did not answer within {CallTimeout.TotalSeconds} s.\n{Stderr()}");
                }
                if (read.Result == null)
                {
                    if (process.WaitForExit(10_000)) process.WaitForExit(); // and its stderr is read to the end
                    var code = process.HasExited ? process.ExitCode : -1;
                    Stop();
                    throw Botocore.PythonFailed(code, Stderr());
                }
                var answer = JsonNode.Parse(read.Result).AsObject();
                if (answer["error"] is JsonNode error)
                    throw new InvalidOperationException($"The python worker failed on {Trim(request.ToJsonString())}:\n{(string)error}");
                return answer["ok"];
            }
        }

        private Process Start()
        {
            var process = Botocore.StartPython(_script + "\n" + Loop);
            process.ErrorDataReceived += (_, e) => { if (e.Data != null) lock (_stderr) _stderr.AppendLine(e.Data); };
            process.BeginErrorReadLine();
            AppDomain.CurrentDomain.ProcessExit += (_, _) =>
            {
                try { if (!process.HasExited) process.Kill(); } catch (InvalidOperationException) { }
            };
            return process;
        }

        private void Stop()
        {
            try { if (!_process.HasExited) _process.Kill(); } catch (InvalidOperationException) { }
            _process.Dispose();
            _process = null;
        }

        private string Stderr() { lock (_stderr) return _stderr.ToString(); }

        private static string Trim(string s) => s.Length > 300 ? s.Substring(0, 300) + "..." : s;
    }
}
