using System;
using System.Collections;
using System.Collections.Generic;
using System.IO;
using System.Linq;
using System.Management.Automation;
using System.Management.Automation.Runspaces;

namespace EcsPS.Tests.Support
{
    /// <summary>What one script run produced: output, non-terminating errors, and the terminating one.</summary>
    public sealed class RunResult
    {
        public RunResult(IReadOnlyList<PSObject> output, IReadOnlyList<ErrorRecord> errors, ErrorRecord terminating)
        {
            Output = output;
            Errors = errors;
            Terminating = terminating;
        }

        public IReadOnlyList<PSObject> Output { get; }
        public IReadOnlyList<ErrorRecord> Errors { get; }
        public ErrorRecord Terminating { get; }

        public IEnumerable<object> BaseObjects => Output.Select(o => o?.BaseObject);
    }

    /// <summary>
    /// A runspace with the EcsPS.dll that was built beside these tests imported, the way a user's
    /// Import-Module would load it. One per test class (xunit class fixture).
    /// </summary>
    public sealed class PowerShellHost : IDisposable
    {
        public static string ModulePath => Path.Combine(AppContext.BaseDirectory, "EcsPS.dll");

        private readonly Runspace _runspace;

        public PowerShellHost()
        {
            if (!File.Exists(ModulePath)) throw new FileNotFoundException("EcsPS.dll was not built beside the tests.", ModulePath);
            var state = InitialSessionState.CreateDefault2();
            state.ImportPSModule(new[] { ModulePath });
            _runspace = RunspaceFactory.CreateRunspace(state);
            _runspace.Open();
        }

        public Runspace Runspace => _runspace;

        /// <summary>Runs a script with the given variables set; never throws for PowerShell errors.</summary>
        public RunResult Run(string script, IDictionary<string, object> variables = null)
        {
            using (var ps = PowerShell.Create())
            {
                ps.Runspace = _runspace;
                if (variables != null)
                {
                    foreach (var pair in variables)
                        ps.AddCommand("Set-Variable").AddParameter("Name", pair.Key).AddParameter("Value", pair.Value).AddStatement();
                }
                // A statement-terminating error (ThrowTerminatingError, a parameter binding failure)
                // would only land in the error stream; catch it so tests can tell it from the
                // non-terminating errors that -ErrorAction governs.
                ps.AddScript("try {\n" + script + "\n} catch { [EcsPS.Tests.Support.TerminatingMarker]::new($_) }");
                var output = new List<PSObject>();
                ErrorRecord terminating = null;
                try
                {
                    foreach (var item in ps.Invoke())
                    {
                        if (item?.BaseObject is TerminatingMarker marker) terminating = marker.Record;
                        else output.Add(item);
                    }
                }
                catch (RuntimeException ex)
                {
                    terminating = ex.ErrorRecord;
                }
                return new RunResult(output, ps.Streams.Error.ToList(), terminating);
            }
        }

        public IReadOnlyList<CommandInfo> ExportedCommands()
            => Run("Get-Command -Module EcsPS").BaseObjects.OfType<CommandInfo>().ToList();

        public void Dispose() => _runspace.Dispose();
    }

    /// <summary>Carries a caught terminating error out of a script run.</summary>
    public sealed class TerminatingMarker
    {
        public TerminatingMarker(ErrorRecord record) => Record = record;
        public ErrorRecord Record { get; }
    }

    public static class Variables
    {
        public static IDictionary<string, object> Of(params (string Name, object Value)[] pairs)
            => pairs.ToDictionary(p => p.Name, p => p.Value);
    }
}
