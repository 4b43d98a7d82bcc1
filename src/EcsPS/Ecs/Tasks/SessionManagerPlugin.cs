using System;
using System.Collections.Concurrent;
using System.Collections.Generic;
using System.Collections.ObjectModel;
using System.Diagnostics;
using System.IO;
using System.Linq;
using System.Runtime.InteropServices;
using System.Text;
using System.Threading;

namespace EcsPS.Ecs.Tasks
{
    /// <summary>The Session Manager plugin could not be found, run, or asked its version.</summary>
    internal sealed class SessionManagerPluginException : Exception
    {
        public SessionManagerPluginException(string errorId, string message, string advice, Exception inner = null) : base(message, inner)
        {
            ErrorId = errorId;
            Advice = advice;
        }

        public string ErrorId { get; }
        public string Advice { get; }
    }

    /// <summary>
    /// The session-manager-plugin program that carries an ECS Exec session (the AWS CLI needs it
    /// for the same reason): found on PATH, or where $env:ECSPS_SESSION_MANAGER_PLUGIN points.
    /// </summary>
    internal sealed class SessionManagerPlugin
    {
        public const string OverrideVariable = "ECSPS_SESSION_MANAGER_PLUGIN";
        public const string ProgramName = "session-manager-plugin";
        public const string InstallUrl = "https://docs.aws.amazon.com/systems-manager/latest/userguide/session-manager-working-with-install-plugin.html";

        private static readonly TimeSpan VersionTimeout = TimeSpan.FromSeconds(15);

        private SessionManagerPlugin(string path) => Path = path;

        public string Path { get; }

        /// <summary>The plugin this process would run; throws SessionManagerPluginNotFound (with how to install it) when there is none.</summary>
        public static SessionManagerPlugin Find()
        {
            var configured = Environment.GetEnvironmentVariable(OverrideVariable);
            if (!string.IsNullOrWhiteSpace(configured))
            {
                if (File.Exists(configured)) return new SessionManagerPlugin(System.IO.Path.GetFullPath(configured));
                throw new SessionManagerPluginException("SessionManagerPluginNotFound",
                    $"${OverrideVariable} is '{configured}', but there is no file there.",
                    $"Point ${OverrideVariable} at the session-manager-plugin program, or remove it to use the one on PATH ({InstallUrl}).");
            }
            foreach (var candidate in CandidatesOnPath())
                if (File.Exists(candidate)) return new SessionManagerPlugin(candidate);
            throw new SessionManagerPluginException("SessionManagerPluginNotFound",
                "ECS Exec needs the AWS Session Manager plugin (session-manager-plugin), and it is not on PATH. Nothing was sent to AWS.",
                $"Install it as {InstallUrl} describes (the same plugin the AWS CLI uses), open a new shell so PATH has it, and run the command again; or set ${OverrideVariable} to its path.");
        }

        private static IEnumerable<string> CandidatesOnPath()
        {
            var windows = RuntimeInformation.IsOSPlatform(OSPlatform.Windows);
            var names = windows
                ? (Environment.GetEnvironmentVariable("PATHEXT") ?? ".EXE").Split(new[] { ';' }, StringSplitOptions.RemoveEmptyEntries)
                    .Select(ext => ProgramName + ext.ToLowerInvariant()).Prepend(ProgramName + ".exe").Distinct()
                : new[] { ProgramName };
            var path = Environment.GetEnvironmentVariable("PATH") ?? string.Empty;
            foreach (var dir in path.Split(System.IO.Path.PathSeparator))
            {
                if (string.IsNullOrWhiteSpace(dir)) continue;
                foreach (var name in names)
                {
                    string full;
                    try { full = System.IO.Path.Combine(dir.Trim('"'), name); }
                    catch (ArgumentException) { continue; }
                    yield return full;
                }
            }
        }

        /// <summary>What the plugin prints for --version (which also proves it runs).</summary>
        public string Version()
        {
            var info = StartInfo(new[] { "--version" }, null);
            info.RedirectStandardOutput = true;
            info.RedirectStandardError = true;
            info.RedirectStandardInput = true;
            using (var process = Start(info))
            {
                process.StandardInput.Close();
                var stdout = process.StandardOutput.ReadToEndAsync();
                var stderr = process.StandardError.ReadToEndAsync();
                if (!process.WaitForExit((int)VersionTimeout.TotalMilliseconds))
                {
                    try { process.Kill(); } catch (InvalidOperationException) { }
                    throw new SessionManagerPluginException("SessionManagerPluginNotWorking",
                        $"{Path} --version did not answer within {VersionTimeout.TotalSeconds:0} seconds. Nothing was sent to AWS.",
                        $"Check that {Path} is the Session Manager plugin ({InstallUrl}).");
                }
                process.WaitForExit();
                if (process.ExitCode != 0)
                    throw new SessionManagerPluginException("SessionManagerPluginNotWorking",
                        $"{Path} --version failed with exit code {process.ExitCode}: {FirstLine(stderr.Result) ?? FirstLine(stdout.Result) ?? "no output"}. Nothing was sent to AWS.",
                        $"Reinstall the Session Manager plugin ({InstallUrl}).");
                return stdout.Result.Trim();
            }
        }

        /// <summary>
        /// Runs the plugin on this console: its input, output and errors are the console's, so
        /// Ctrl+C reaches it (the cmdlet leaves Ctrl+C alone while it runs). Returns its exit code.
        /// </summary>
        public int RunOnConsole(IReadOnlyList<string> arguments, IReadOnlyDictionary<string, string> environment)
        {
            using (var process = Start(StartInfo(arguments, environment)))
            {
                process.WaitForExit();
                return process.ExitCode;
            }
        }

        /// <summary>
        /// Runs the plugin with its output read line by line and handed to <paramref name="onLine"/>
        /// (stderr: true for error output) on the calling thread; its input is a pipe that stays
        /// open and empty. A cancellation ends the plugin. Returns its exit code.
        /// </summary>
        public int RunCaptured(IReadOnlyList<string> arguments, IReadOnlyDictionary<string, string> environment,
            Action<string, bool> onLine, CancellationToken cancellation)
        {
            var info = StartInfo(arguments, environment);
            info.RedirectStandardInput = true;
            info.RedirectStandardOutput = true;
            info.RedirectStandardError = true;
            info.StandardOutputEncoding = new UTF8Encoding(false);
            info.StandardErrorEncoding = new UTF8Encoding(false);
            using (var lines = new BlockingCollection<(string Line, bool Error)>())
            using (var process = new Process { StartInfo = info })
            {
                var open = 2;
                void Done() { if (Interlocked.Decrement(ref open) == 0) lines.CompleteAdding(); }
                process.OutputDataReceived += (s, e) => { if (e.Data == null) Done(); else lines.Add((e.Data, false)); };
                process.ErrorDataReceived += (s, e) => { if (e.Data == null) Done(); else lines.Add((e.Data, true)); };
                StartProcess(process);
                process.BeginOutputReadLine();
                process.BeginErrorReadLine();
                try
                {
                    while (!lines.IsCompleted)
                    {
                        if (lines.TryTake(out var item, 200, cancellation)) onLine(item.Line.TrimEnd('\r'), item.Error);
                    }
                }
                catch (OperationCanceledException)
                {
                    try
                    {
                        if (!process.HasExited) process.Kill();
                        process.WaitForExit(5000);
                    }
                    catch (InvalidOperationException) { }
                    throw;
                }
                process.WaitForExit();
                try { process.StandardInput.Close(); } catch (IOException) { }
                return process.ExitCode;
            }
        }

        private ProcessStartInfo StartInfo(IReadOnlyList<string> arguments, IReadOnlyDictionary<string, string> environment)
        {
            var info = new ProcessStartInfo(Path) { UseShellExecute = false };
            // ProcessStartInfo.ArgumentList (every argument passed as is, no quoting) is not in
            // netstandard2.0, but every PowerShell this module loads in has it.
            if (info.GetType().GetProperty("ArgumentList")?.GetValue(info) is Collection<string> list)
                foreach (var argument in arguments) list.Add(argument);
            else
                info.Arguments = string.Join(" ", arguments.Select(QuoteForCommandLine));
            if (environment != null)
                foreach (var pair in environment) info.Environment[pair.Key] = pair.Value;
            return info;
        }

        private Process Start(ProcessStartInfo info)
        {
            var process = new Process { StartInfo = info };
            StartProcess(process);
            return process;
        }

        private void StartProcess(Process process)
        {
            try
            {
                process.Start();
            }
            catch (System.ComponentModel.Win32Exception ex)
            {
                process.Dispose();
                throw new SessionManagerPluginException("SessionManagerPluginNotWorking",
                    $"{Path} could not be started: {ex.Message}. Nothing was sent to AWS.",
                    $"Check that it is the Session Manager plugin for this system and may be run (on Linux and macOS: chmod +x), or reinstall it ({InstallUrl}).", ex);
            }
        }

        // The rules the C runtime (and .NET on every system) use to split a command line.
        internal static string QuoteForCommandLine(string argument)
        {
            if (argument.Length > 0 && argument.IndexOfAny(new[] { ' ', '\t', '\n', '\v', '"' }) < 0) return argument;
            var sb = new StringBuilder("\"");
            var backslashes = 0;
            foreach (var c in argument)
            {
                if (c == '\\') { backslashes++; continue; }
                if (c == '"') sb.Append('\\', backslashes * 2 + 1);
                else sb.Append('\\', backslashes);
                backslashes = 0;
                sb.Append(c);
            }
            sb.Append('\\', backslashes * 2).Append('"');
            return sb.ToString();
        }

        private static string FirstLine(string text)
            => string.IsNullOrWhiteSpace(text) ? null : text.Trim().Split('\n')[0].Trim();
    }
}
