using System;
using System.Collections.Generic;
using System.IO;
using System.Linq;

namespace EcsPS.Tests.Exec
{
    /// <summary>
    /// A stand-in for session-manager-plugin: a shell script in a temporary folder that answers
    /// --version, and otherwise records its arguments (NUL-separated) and the variables the
    /// cmdlet should set, prints some output and exits with a chosen code.
    /// </summary>
    internal sealed class StandInPlugin : IDisposable
    {
        public StandInPlugin(string version = "1.2.707.0", int exitCode = 0, string output = null, bool versionFails = false, bool waitForRelease = false)
        {
            Directory = Path.Combine(Path.GetTempPath(), "ecsps-plugin-" + Guid.NewGuid().ToString("N"));
            System.IO.Directory.CreateDirectory(Directory);
            PathName = Path.Combine(Directory, "session-manager-plugin");
            var printed = (output ?? string.Empty).Replace("'", "'\\''");
            var script = "#!/bin/sh\n" +
                         "if [ \"$1\" = \"--version\" ]; then\n" +
                         (versionFails ? "  echo 'broken install' >&2; exit 7\n" : $"  printf '%s\\n' '{version}'; exit 0\n") +
                         "fi\n" +
                         $"for a in \"$@\"; do printf '%s\\0' \"$a\"; done > '{ArgsFile}'\n" +
                         $"printf '%s' \"$AWS_SSM_START_SESSION_RESPONSE\" > '{SessionFile}'\n" +
                         $"printf '%s\\0%s\\0%s' \"$AWS_ACCESS_KEY_ID\" \"$AWS_SECRET_ACCESS_KEY\" \"$AWS_SESSION_TOKEN\" > '{KeysFile}'\n" +
                         (waitForRelease ? $"echo $$ > '{StartedFile}'\nwhile [ ! -f '{ReleaseFile}' ]; do sleep 0.05; done\n" : string.Empty) +
                         $"printf '{printed}'\n" +
                         $"touch '{FinishedFile}'\n" +
                         $"exit {exitCode}\n";
            File.WriteAllText(PathName, script);
            File.SetUnixFileMode(PathName, UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.UserExecute);
        }

        public string Directory { get; }
        public string PathName { get; }
        private string ArgsFile => Path.Combine(Directory, "args");
        private string SessionFile => Path.Combine(Directory, "session");
        private string KeysFile => Path.Combine(Directory, "keys");
        private string StartedFile => Path.Combine(Directory, "started");
        private string ReleaseFile => Path.Combine(Directory, "release");
        private string FinishedFile => Path.Combine(Directory, "finished");

        /// <summary>With waitForRelease: the plugin is running and waits for <see cref="Release"/>.</summary>
        public bool Started => File.Exists(StartedFile) && File.ReadAllText(StartedFile).EndsWith("\n", StringComparison.Ordinal);

        /// <summary>The plugin ran to its end (it was not killed).</summary>
        public bool Finished => File.Exists(FinishedFile);

        /// <summary>The plugin's process id (with waitForRelease, once started).</summary>
        public int ProcessId => int.Parse(File.ReadAllText(StartedFile).Trim(), System.Globalization.CultureInfo.InvariantCulture);

        public void Release() => File.WriteAllText(ReleaseFile, string.Empty);

        /// <summary>Waits (polling, up to 20 s) until the condition holds; false if it never did.</summary>
        public static bool Eventually(Func<bool> condition)
        {
            var deadline = DateTime.UtcNow.AddSeconds(20);
            while (!condition())
            {
                if (DateTime.UtcNow > deadline) return false;
                System.Threading.Thread.Sleep(20);
            }
            return true;
        }

        /// <summary>True once it has been run for a session (not just asked its version).</summary>
        public bool Ran => File.Exists(ArgsFile);

        public IReadOnlyList<string> Arguments
        {
            get
            {
                var parts = File.ReadAllText(ArgsFile).Split('\0').ToList();
                parts.RemoveAt(parts.Count - 1);
                return parts;
            }
        }

        public string SessionVariable => File.ReadAllText(SessionFile);

        public string[] Keys => File.ReadAllText(KeysFile).Split('\0');

        public void Dispose()
        {
            try { System.IO.Directory.Delete(Directory, recursive: true); } catch (IOException) { }
        }
    }
}
