using System;
using System.Collections.Generic;
using System.Management.Automation;
using System.Text.RegularExpressions;
using EcsPS.Common;
using EcsPS.Engine.Ecs;
using EcsPS.Engine.Ecs.Exec;
using EcsPS.Engine.Ecs.Model;
using EcsPS.Engine.Runtime;

namespace EcsPS.Ecs.Tasks
{
    /// <summary>
    /// Runs a command in a container of a running task through ECS Exec, the way
    /// 'aws ecs execute-command' does: ExecuteCommand opens the session, session-manager-plugin
    /// carries it. Checks what would make it fail first (DescribeTasks) and says which.
    /// </summary>
    [Cmdlet(VerbsLifecycle.Invoke, "EcsCommandX", SupportsShouldProcess = true, ConfirmImpact = ConfirmImpact.Medium)]
    [OutputType(typeof(EcsCommandResult))]
    public sealed class InvokeEcsCommandX : EcsCmdletBase
    {
        /// <summary>The task's cluster; the cluster in a task ARN, else 'default', when omitted.</summary>
        [Parameter(ValueFromPipelineByPropertyName = true)]
        [ValidateEcsName("cluster", AllowArn = true)]
        [Alias("ClusterArn", "ClusterName")]
        [ArgumentCompleter(typeof(ClusterNameCompleter))]
        public string Cluster { get; set; }

        /// <summary>The task's id or ARN.</summary>
        [Parameter(Mandatory = true, Position = 0, ValueFromPipelineByPropertyName = true)]
        [ValidateEcsResourceId("task")]
        [Alias("TaskArn")]
        public string Task { get; set; }

        /// <summary>The container to run in; needed when the task has more than one.</summary>
        [Parameter]
        [ValidateEcsName("container")]
        [Alias("ContainerName")]
        [ArgumentCompleter(typeof(ContainerNameCompleter))]
        public string Container { get; set; }

        /// <summary>The command to run, such as /bin/sh.</summary>
        [Parameter(Mandatory = true, Position = 1)]
        [ValidateNotNullOrEmpty]
        public string Command { get; set; }

        /// <summary>Reads the command's output into the result instead of attaching it to the console.</summary>
        [Parameter]
        public SwitchParameter NonInteractive { get; set; }

        /// <summary>Writes the result of an interactive session as well (-NonInteractive always does).</summary>
        [Parameter]
        public SwitchParameter PassThru { get; set; }

        private static readonly Regex PluginBanner = new Regex(
            @"^(Starting session with SessionId: \S+|Exiting session with sessionId: \S+?\.?)$", RegexOptions.Compiled);

        private const string PluginStartFailure = "Cannot perform start session";

        private SessionManagerPlugin _plugin;
        private bool _sessionInEnvironment;

        protected override void Begin()
        {
            // Before any request: without the plugin a session would be opened for nothing.
            try
            {
                _plugin = SessionManagerPlugin.Find();
                var version = _plugin.Version();
                _sessionInEnvironment = SessionManagerLaunch.ReadsSessionFromEnvironment(version);
                WriteVerbose($"Using {_plugin.Path}, version {(version.Length == 0 ? "(not given)" : version)}; the session is passed " +
                             (_sessionInEnvironment ? $"in $env:{SessionManagerLaunch.SessionVariable}, off its command line." : "on its command line (plugins up to 1.2.497.0 take it no other way)."));
            }
            catch (SessionManagerPluginException ex)
            {
                var record = new ErrorRecord(ex, ex.ErrorId,
                    ex.ErrorId == "SessionManagerPluginNotFound" ? ErrorCategory.ObjectNotFound : ErrorCategory.InvalidOperation, _plugin?.Path);
                record.ErrorDetails = new ErrorDetails(ex.Message) { RecommendedAction = ex.Advice };
                ThrowTerminatingError(record);
            }
        }

        protected override void ProcessRecord()
        {
            var cluster = Cluster ?? EcsArns.ClusterOf(Task);
            EcsClient ecs = null;
            if (!Guard(() => ecs = EcsFor(cluster, Task), Task)) return;

            Engine.Ecs.Model.Task task = null;
            FailureRef failure = null;
            if (!Guard(() => task = ecs.FindTask(cluster, Task, CancellationToken, out failure), Task)) return;
            if (task == null)
            {
                WriteFailure(failure, "task");
                return;
            }
            var check = ExecReadiness.Check(task, Container);
            if (!check.Ready)
            {
                WriteReadinessError(check, task);
                return;
            }
            var container = check.Container;
            var where = $"container {container.Name} of task {task.TaskId} (cluster {task.ClusterName ?? cluster ?? "default"})";
            if (!ShouldProcess(where, $"Run '{Command}' in an ECS Exec session ({_plugin.Path})")) return;

            ExecuteCommandResponse session = null;
            if (!Guard(() => session = ecs.OpenExecSession(task.ClusterArn ?? cluster, task.TaskArn ?? Task, container.Name, Command, CancellationToken), Task)) return;

            if (string.IsNullOrEmpty(session?.Session?.TokenValue) || string.IsNullOrEmpty(session.Session.StreamUrl))
            {
                var message = $"ECS answered ExecuteCommand for {where} without a session to connect to; nothing was started.";
                WriteError(new ErrorRecord(new InvalidOperationException(message), "ExecuteCommandNoSession", ErrorCategory.InvalidResult, Task)
                {
                    ErrorDetails = new ErrorDetails(message) { RecommendedAction = "Run the command again; if it keeps happening, check the task with Get-EcsTaskX." },
                });
                return;
            }
            string endpoint = null;
            if (!Guard(() => endpoint = ecs.SsmEndpointUrl(), Task)) return;
            var launch = SessionManagerLaunch.For(session, container.RuntimeId, ecs.RegionName, ProfileInForce(),
                endpoint, _sessionInEnvironment, CredentialsForPlugin());
            WriteVerbose($"ECS Exec session {launch.SessionId} opened for {launch.Target}; running {launch.Describe(_plugin.Path)}");

            var result = new EcsCommandResult
            {
                ClusterName = Arn.NameOf(session.ClusterArn ?? task.ClusterArn),
                TaskId = task.TaskId,
                TaskArn = task.TaskArn,
                ContainerName = container.Name,
                Command = Command,
                SessionId = launch.SessionId,
                Region = ecs.RegionName,
            };
            string failedStart = null;
            try
            {
                if (NonInteractive)
                {
                    var output = new List<string>();
                    var stderr = new List<string>();
                    result.ExitCode = _plugin.RunCaptured(launch.Arguments, launch.Environment, (line, error) =>
                    {
                        if (error) { stderr.Add(line); WriteVerbose("session-manager-plugin: " + line); }
                        else if (PluginBanner.IsMatch(line)) WriteVerbose("session-manager-plugin: " + line);
                        else if (line.StartsWith(PluginStartFailure, StringComparison.Ordinal)) failedStart = line;
                        else output.Add(line);
                    }, CancellationToken);
                    result.Output = TrimBlankEnds(output);
                    if (failedStart == null && result.ExitCode != 0 && stderr.Count > 0) failedStart = stderr[stderr.Count - 1];
                }
                else
                {
                    // Ctrl+C reaches the plugin from the console itself (it shares it) and goes on to the
                    // command in the container; stopping this pipeline does not end the plugin, as
                    // the AWS CLI ignores SIGINT while the plugin runs. The session ends when it does.
                    result.ExitCode = _plugin.RunOnConsole(launch.Arguments, launch.Environment);
                }
            }
            catch (SessionManagerPluginException ex)
            {
                var record = new ErrorRecord(ex, ex.ErrorId, ErrorCategory.InvalidOperation, Task);
                record.ErrorDetails = new ErrorDetails(ex.Message) { RecommendedAction = ex.Advice };
                WriteError(record);
                return;
            }
            catch (OperationCanceledException) when (CancellationToken.IsCancellationRequested)
            {
                throw new PipelineStoppedException();
            }

            // Like a native command: scripts read $LASTEXITCODE (and -ErrorAction sees the failure below).
            SessionState.PSVariable.Set("global:LASTEXITCODE", result.ExitCode);
            if (result.ExitCode != 0 || failedStart != null)
            {
                var message = failedStart != null && result.ExitCode == 0
                    ? $"session-manager-plugin could not carry the session to {where}: {failedStart}"
                    : $"session-manager-plugin ended with exit code {result.ExitCode} for {where}" + (failedStart != null ? $": {failedStart}" : ".");
                var record = new ErrorRecord(new InvalidOperationException(message), "SessionManagerPluginFailed", ErrorCategory.InvalidResult, Task)
                {
                    ErrorDetails = new ErrorDetails(message)
                    {
                        RecommendedAction = "Run it again with -Verbose to see the plugin's own messages; this computer must reach the region's ssmmessages endpoint (wss://ssmmessages.<region>.amazonaws.com).",
                    },
                };
                WriteError(record);
            }
            if (NonInteractive || PassThru) WriteObject(result);
        }

        private void WriteReadinessError(ExecCheck check, Engine.Ecs.Model.Task task)
        {
            var (errorId, category) = Classify(check.Problem);
            var record = new ErrorRecord(new InvalidOperationException(check.Message), errorId, category, task.TaskArn ?? Task)
            {
                ErrorDetails = new ErrorDetails(check.Message) { RecommendedAction = check.Advice },
            };
            WriteError(record);
        }

        private static (string, ErrorCategory) Classify(ExecProblem problem)
        {
            switch (problem)
            {
                case ExecProblem.TaskNotRunning: return ("TaskNotRunning", ErrorCategory.InvalidOperation);
                case ExecProblem.ExecuteCommandNotEnabled: return ("ExecuteCommandNotEnabled", ErrorCategory.InvalidOperation);
                case ExecProblem.ContainerNameRequired: return ("ContainerNameRequired", ErrorCategory.InvalidArgument);
                case ExecProblem.ContainerNotFound: return ("ContainerNotFoundException", ErrorCategory.ObjectNotFound);
                case ExecProblem.ContainerNotRunning: return ("ContainerNotRunning", ErrorCategory.ResourceUnavailable);
                case ExecProblem.ExecuteCommandAgentNotRunning: return ("ExecuteCommandAgentNotRunning", ErrorCategory.ResourceUnavailable);
                default: return ("ExecNotPossible", ErrorCategory.InvalidOperation);
            }
        }

        /// <summary>The profile the plugin should read: -ProfileName, else AWS_PROFILE as the AWS
        /// CLI passes it, else '' (none); '' too with -AccessKey, whose keys go in its environment.</summary>
        private string ProfileInForce()
        {
            if (!string.IsNullOrEmpty(ProfileName)) return ProfileName;
            if (!string.IsNullOrEmpty(AccessKey)) return string.Empty;
            foreach (var variable in new[] { "AWS_PROFILE", "AWS_DEFAULT_PROFILE" })
            {
                var value = Environment.GetEnvironmentVariable(variable);
                if (!string.IsNullOrWhiteSpace(value)) return value.Trim();
            }
            return string.Empty;
        }

        /// <summary>The command's own credentials and profile file for the plugin, which calls SSM
        /// (and KMS for an encrypted session) with them: in its environment, never its command line.</summary>
        private IReadOnlyDictionary<string, string> CredentialsForPlugin()
        {
            var variables = new Dictionary<string, string>(StringComparer.Ordinal);
            if (!string.IsNullOrEmpty(AccessKey))
            {
                variables["AWS_ACCESS_KEY_ID"] = AccessKey;
                variables["AWS_SECRET_ACCESS_KEY"] = SecretKey ?? string.Empty;
                variables["AWS_SESSION_TOKEN"] = SessionToken ?? string.Empty;
            }
            if (!string.IsNullOrEmpty(ProfileLocation))
                variables["AWS_SHARED_CREDENTIALS_FILE"] = GetUnresolvedProviderPathFromPSPath(ProfileLocation);
            return variables;
        }

        private static string[] TrimBlankEnds(List<string> lines)
        {
            int first = 0, last = lines.Count - 1;
            while (first <= last && lines[first].Trim().Length == 0) first++;
            while (last >= first && lines[last].Trim().Length == 0) last--;
            return lines.GetRange(first, last - first + 1).ToArray();
        }
    }
}
