using System;
using System.Collections.Generic;
using System.Linq;
using System.Management.Automation;
using System.Runtime.InteropServices;
using EcsPS.Ecs.Tasks;
using EcsPS.Tests.Support;
using EcsPS.TestFakes;
using Xunit;

namespace EcsPS.Tests.Exec
{
    /// <summary>
    /// Invoke-EcsCommandX in a runspace, against the scripted fake (moto has no ExecuteCommand)
    /// and a stand-in plugin: what the plugin is given, how its exit code comes back, and that
    /// nothing is sent when a check fails first. One class, so the plugin variable it sets is
    /// never seen by a test running beside it.
    /// </summary>
    public sealed class InvokeEcsCommandTests : IClassFixture<PowerShellHost>, IDisposable
    {
        private const string Connection = " -Region us-east-1 -EndpointUrl $url -AccessKey AKIAECSPSXUNIT000001 -SecretKey xunit-secret";
        private const string Variable = "ECSPS_SESSION_MANAGER_PLUGIN";
        private readonly PowerShellHost _host;
        private readonly string _saved = Environment.GetEnvironmentVariable(Variable);
        private readonly List<IDisposable> _cleanup = new List<IDisposable>();

        public InvokeEcsCommandTests(PowerShellHost host)
        {
            _host = host;
            Assert.True(RuntimeInformation.IsOSPlatform(OSPlatform.Linux) || RuntimeInformation.IsOSPlatform(OSPlatform.OSX),
                "The stand-in plugin is a shell script: these tests run on Linux and macOS.");
        }

        public void Dispose()
        {
            Environment.SetEnvironmentVariable(Variable, _saved);
            foreach (var item in _cleanup) item.Dispose();
        }

        private StandInPlugin Plugin(string version = "1.2.707.0", int exitCode = 0, string output = null, bool versionFails = false, bool waitForRelease = false)
        {
            var plugin = new StandInPlugin(version, exitCode, output, versionFails, waitForRelease);
            _cleanup.Add(plugin);
            Environment.SetEnvironmentVariable(Variable, plugin.PathName);
            return plugin;
        }

        private ScriptedAwsServer Server(string described = null, ScriptedResponse execute = null)
        {
            var server = new ScriptedAwsServer();
            _cleanup.Add(server);
            server.Always("DescribeTasks", ScriptedResponse.Json(described ?? ExecAnswers.Described(ExecAnswers.Task())));
            server.Always("ExecuteCommand", execute ?? ScriptedResponse.Json(ExecAnswers.Session()));
            return server;
        }

        private RunResult Run(ScriptedAwsServer server, string command)
            => _host.Run(command + Connection, Variables.Of(("url", server.Url)));

        private const string Target = "{\"Target\":\"ecs:prod_0123456789abcdef0123456789abcdef_0123456789abcdef0123456789abcdef-2531612879\"}";

        private static string SessionJson
            => $"{{\"sessionId\":\"{ExecAnswers.SessionId}\",\"streamUrl\":\"{ExecAnswers.StreamUrl}\",\"tokenValue\":\"{ExecAnswers.Token}\"}}";

        [Fact]
        public void The_plugin_gets_the_session_region_operation_profile_target_and_SSM_endpoint_and_its_exit_code_comes_back()
        {
            var plugin = Plugin();
            var server = Server();

            var result = Run(server, "Invoke-EcsCommandX -Cluster prod -Task " + ExecAnswers.TaskId + " -Command /bin/sh -PassThru");
            var exit = _host.Run("$LASTEXITCODE").BaseObjects.Single();

            Assert.Null(result.Terminating);
            Assert.Empty(result.Errors);
            Assert.Equal(new[] { "DescribeTasks", "ExecuteCommand" }, server.Operations);
            Assert.Equal(new[] { "AWS_SSM_START_SESSION_RESPONSE", "us-east-1", "StartSession", "", Target, "https://ssm.us-east-1.amazonaws.com" }, plugin.Arguments);
            Assert.Equal(SessionJson, plugin.SessionVariable);
            // -AccessKey/-SecretKey are not a profile: the plugin gets them in its environment.
            Assert.Equal(new[] { "AKIAECSPSXUNIT000001", "xunit-secret", "" }, plugin.Keys);
            Assert.Equal(0, exit);
            var session = Assert.IsType<EcsCommandResult>(result.BaseObjects.Single());
            Assert.Equal(("prod", ExecAnswers.TaskId, "web", "/bin/sh", ExecAnswers.SessionId, 0, (string[])null),
                (session.ClusterName, session.TaskId, session.ContainerName, session.Command, session.SessionId, session.ExitCode, session.Output));

            var execute = server.RequestsFor("ExecuteCommand").Single().Json;
            Assert.True(execute.GetProperty("interactive").GetBoolean());
            Assert.Equal("/bin/sh", execute.GetProperty("command").GetString());
            Assert.Equal("web", execute.GetProperty("container").GetString());
            Assert.Equal(ExecAnswers.TaskArn, execute.GetProperty("task").GetString());
            Assert.Equal(ExecAnswers.ClusterArn, execute.GetProperty("cluster").GetString());
            var describe = server.RequestsFor("DescribeTasks").Single().Json;
            Assert.Equal("prod", describe.GetProperty("cluster").GetString());
            Assert.Equal(ExecAnswers.TaskId, describe.GetProperty("tasks")[0].GetString());
        }

        [Fact]
        public void A_plugin_up_to_1_2_497_0_gets_the_session_JSON_as_its_first_argument()
        {
            var plugin = Plugin(version: "1.2.497.0");
            var server = Server();

            var result = Run(server, "Invoke-EcsCommandX -Cluster prod -Task " + ExecAnswers.TaskArn + " -Command /bin/sh");

            Assert.Empty(result.Errors);
            Assert.Empty(result.Output);
            Assert.Equal(new[] { SessionJson, "us-east-1", "StartSession", "", Target, "https://ssm.us-east-1.amazonaws.com" }, plugin.Arguments);
            Assert.Equal("", plugin.SessionVariable);
        }

        [Fact]
        public void A_failing_plugin_sets_LASTEXITCODE_and_writes_SessionManagerPluginFailed()
        {
            Plugin(exitCode: 3);
            var server = Server();

            var result = Run(server, "Invoke-EcsCommandX -Cluster prod -Task " + ExecAnswers.TaskId + " -Command /bin/sh -PassThru");

            var error = Assert.Single(result.Errors);
            Assert.StartsWith("SessionManagerPluginFailed,", error.FullyQualifiedErrorId);
            Assert.Equal(ErrorCategory.InvalidResult, error.CategoryInfo.Category);
            Assert.Contains("exit code 3", error.Exception.Message);
            Assert.Equal(3, Assert.IsType<EcsCommandResult>(result.BaseObjects.Single()).ExitCode);
            Assert.Equal(3, _host.Run("$LASTEXITCODE").BaseObjects.Single());
            Assert.Equal("Stop", _host.Run(
                "try { Invoke-EcsCommandX -Cluster prod -Task " + ExecAnswers.TaskId + " -Command /bin/sh -ErrorAction Stop" + Connection + "; 'went on' } catch { 'Stop' }",
                Variables.Of(("url", server.Url))).BaseObjects.Single());
        }

        [Fact]
        public void NonInteractive_returns_the_output_without_the_plugin_s_banners()
        {
            Plugin(output: "\\r\\nStarting session with SessionId: " + ExecAnswers.SessionId + "\\r\\nPRETTY_NAME=\"Debian GNU/Linux 12\"\\r\\nVERSION_ID=\"12\"\\r\\n\\r\\n\\r\\nExiting session with sessionId: " + ExecAnswers.SessionId + ".\\r\\n\\r\\n");
            var server = Server();

            var result = Run(server, "Invoke-EcsCommandX -Cluster prod -Task " + ExecAnswers.TaskId + " -Command 'cat /etc/os-release' -NonInteractive -Verbose");

            Assert.Empty(result.Errors);
            var session = Assert.IsType<EcsCommandResult>(result.BaseObjects.Single());
            Assert.Equal(new[] { "PRETTY_NAME=\"Debian GNU/Linux 12\"", "VERSION_ID=\"12\"" }, session.Output);
            Assert.Equal(0, session.ExitCode);
            Assert.Equal("cat /etc/os-release", server.RequestsFor("ExecuteCommand").Single().Json.GetProperty("command").GetString());
        }

        [Fact]
        public void A_plugin_that_says_it_could_not_start_the_session_is_a_failure_even_with_exit_code_0()
        {
            Plugin(output: "\\nCannot perform start session: EOF\\n");
            var server = Server();

            var result = Run(server, "Invoke-EcsCommandX -Cluster prod -Task " + ExecAnswers.TaskId + " -Command /bin/sh -NonInteractive");

            var error = Assert.Single(result.Errors);
            Assert.StartsWith("SessionManagerPluginFailed,", error.FullyQualifiedErrorId);
            Assert.Contains("Cannot perform start session: EOF", error.Exception.Message);
        }

        public static IEnumerable<object[]> Preconditions => new[]
        {
            new object[] { ExecAnswers.Missing(ExecAnswers.TaskId), null, "TaskNotFoundException", ErrorCategory.ObjectNotFound, "was not found" },
            new object[] { ExecAnswers.Described(ExecAnswers.Task("PENDING")), null, "TaskNotRunning", ErrorCategory.InvalidOperation, "is PENDING" },
            new object[] { ExecAnswers.Described(ExecAnswers.Task(exec: false)), null, "ExecuteCommandNotEnabled", ErrorCategory.InvalidOperation, "was started without ECS Exec" },
            new object[] { ExecAnswers.Described(ExecAnswers.Task(containers: new[] { ExecAnswers.Container("web"), ExecAnswers.Container("log-router") })), null,
                "ContainerNameRequired", ErrorCategory.InvalidArgument, "has 2 containers (web, log-router)" },
            new object[] { ExecAnswers.Described(ExecAnswers.Task()), "api", "ContainerNotFoundException", ErrorCategory.ObjectNotFound, "no container named 'api'. Its containers: web." },
            new object[] { ExecAnswers.Described(ExecAnswers.Task(containers: ExecAnswers.Container("web", "STOPPED", "Agent exited"))), null,
                "ExecuteCommandAgentNotRunning", ErrorCategory.ResourceUnavailable, "is STOPPED (reason: Agent exited)" },
        };

        [Theory]
        [MemberData(nameof(Preconditions))]
        public void A_task_that_cannot_take_the_session_says_why_and_sends_no_ExecuteCommand(string described, string container, string errorId, ErrorCategory category, string message)
        {
            var plugin = Plugin();
            var server = Server(described);

            var result = Run(server, "Invoke-EcsCommandX -Cluster prod -Task " + ExecAnswers.TaskId + " -Command /bin/sh -PassThru" + (container == null ? "" : " -Container " + container));

            var error = Assert.Single(result.Errors);
            Assert.StartsWith(errorId + ",", error.FullyQualifiedErrorId);
            Assert.Equal(category, error.CategoryInfo.Category);
            Assert.Contains(message, error.Exception.Message);
            Assert.Empty(result.Output);
            Assert.Equal(new[] { "DescribeTasks" }, server.Operations);
            Assert.False(plugin.Ran);
        }

        [Fact]
        public void A_task_without_exec_is_told_to_use_a_cmdlet_that_exists()
        {
            Plugin();
            var server = Server(ExecAnswers.Described(ExecAnswers.Task(exec: false)));

            var error = Run(server, "Invoke-EcsCommandX -Cluster prod -Task " + ExecAnswers.TaskId + " -Command /bin/sh").Errors.Single();

            Assert.Contains("Update-EcsServiceX -Cluster prod -ServiceName web -EnableExecuteCommand $true -ForceNewDeployment", error.ErrorDetails.RecommendedAction);
            Assert.NotEmpty(_host.Run("Get-Command Update-EcsServiceX -Syntax").Output);
        }

        [Fact]
        public void Without_the_plugin_it_says_how_to_install_it_and_sends_nothing()
        {
            var server = Server();
            Environment.SetEnvironmentVariable(Variable, System.IO.Path.Combine(System.IO.Path.GetTempPath(), "no-such-dir-" + Guid.NewGuid().ToString("N"), "session-manager-plugin"));

            var result = Run(server, "Invoke-EcsCommandX -Cluster prod -Task " + ExecAnswers.TaskId + " -Command /bin/sh");

            var error = result.Terminating;
            Assert.NotNull(error);
            Assert.StartsWith("SessionManagerPluginNotFound,", error.FullyQualifiedErrorId);
            Assert.Equal(ErrorCategory.ObjectNotFound, error.CategoryInfo.Category);
            Assert.Contains("https://docs.aws.amazon.com/systems-manager/latest/userguide/session-manager-working-with-install-plugin.html", error.ErrorDetails.RecommendedAction);
            Assert.Equal(0, server.Count);
        }

        [Fact]
        public void A_plugin_that_fails_its_version_check_stops_the_command_before_anything_is_sent()
        {
            Plugin(versionFails: true);
            var server = Server();

            var error = Run(server, "Invoke-EcsCommandX -Cluster prod -Task " + ExecAnswers.TaskId + " -Command /bin/sh").Terminating;

            Assert.StartsWith("SessionManagerPluginNotWorking,", error.FullyQualifiedErrorId);
            Assert.Contains("exit code 7: broken install", error.Exception.Message);
            Assert.Equal(0, server.Count);
        }

        [Fact]
        public void WhatIf_checks_the_task_and_opens_no_session()
        {
            // The "What if:" text goes to the host; tests/pester/Exec.Tests.ps1 reads it from a transcript.
            var plugin = Plugin();
            var server = Server();

            var result = Run(server, "Invoke-EcsCommandX -Cluster prod -Task " + ExecAnswers.TaskId + " -Command /bin/sh -WhatIf -PassThru");

            Assert.Null(result.Terminating);
            Assert.Empty(result.Errors);
            Assert.Empty(result.Output);
            Assert.Equal(new[] { "DescribeTasks" }, server.Operations);
            Assert.False(plugin.Ran);
        }

        [Fact]
        public void Tasks_bind_from_the_pipeline_by_TaskArn_and_ClusterArn()
        {
            var plugin = Plugin();
            var server = Server();

            var result = Run(server, "[pscustomobject]@{ TaskArn = '" + ExecAnswers.TaskArn + "'; ClusterArn = '" + ExecAnswers.ClusterArn + "' } | Invoke-EcsCommandX -Command 'ls /' -NonInteractive");

            Assert.Empty(result.Errors);
            Assert.Single(result.Output);
            var describe = server.RequestsFor("DescribeTasks").Single().Json;
            Assert.Equal(ExecAnswers.ClusterArn, describe.GetProperty("cluster").GetString());
            Assert.Equal(ExecAnswers.TaskArn, describe.GetProperty("tasks")[0].GetString());
            Assert.True(plugin.Ran);
        }

        [Fact]
        public void TargetNotConnectedException_keeps_its_ErrorId_and_says_what_to_check()
        {
            var plugin = Plugin();
            var server = Server(execute: ScriptedResponse.Error("TargetNotConnectedException", "The execute command failed due to an internal error. Try again later."));

            var error = Run(server, "Invoke-EcsCommandX -Cluster prod -Task " + ExecAnswers.TaskId + " -Command /bin/sh").Errors.Single();

            Assert.StartsWith("TargetNotConnectedException,", error.FullyQualifiedErrorId);
            Assert.Contains("ssmmessages:CreateControlChannel", error.ErrorDetails.RecommendedAction);
            Assert.False(plugin.Ran);
        }

        [Fact]
        public void Stopping_the_pipeline_leaves_an_interactive_session_to_the_plugin()
        {
            // Ctrl+C at the console stops the pipeline; the plugin, which got the Ctrl+C itself,
            // decides when the session ends.
            var plugin = Plugin(waitForRelease: true);
            var server = Server();
            using var ps = PowerShell.Create();
            ps.Runspace = _host.Runspace;
            ps.AddScript("Invoke-EcsCommandX -Cluster prod -Task " + ExecAnswers.TaskId + " -Command /bin/sh" + Connection.Replace("$url", "'" + server.Url + "'"));

            var running = ps.BeginInvoke();
            Assert.True(StandInPlugin.Eventually(() => plugin.Started), "the plugin never started");
            var stopping = ps.BeginStop(null, null);
            Assert.False(stopping.IsCompleted);
            plugin.Release();
            Assert.True(stopping.AsyncWaitHandle.WaitOne(TimeSpan.FromSeconds(20)), "the pipeline did not stop after the plugin ended");
            ps.EndStop(stopping);

            Assert.True(plugin.Finished, "the plugin was ended instead of being left to finish");
            Assert.Throws<PipelineStoppedException>(() => ps.EndInvoke(running));
        }

        [Fact]
        public void Stopping_the_pipeline_ends_a_NonInteractive_session()
        {
            var plugin = Plugin(waitForRelease: true);
            var server = Server();
            using var ps = PowerShell.Create();
            ps.Runspace = _host.Runspace;
            ps.AddScript("Invoke-EcsCommandX -Cluster prod -Task " + ExecAnswers.TaskId + " -Command 'sleep 600' -NonInteractive" + Connection.Replace("$url", "'" + server.Url + "'"));

            var running = ps.BeginInvoke();
            Assert.True(StandInPlugin.Eventually(() => plugin.Started), "the plugin never started");
            ps.Stop();

            Assert.Equal(PSInvocationState.Stopped, ps.InvocationStateInfo.State);
            Assert.Throws<PipelineStoppedException>(() => ps.EndInvoke(running));
            Assert.False(Alive(plugin.ProcessId), "the plugin was left running after the pipeline stopped");
            Assert.False(plugin.Finished);
        }

        private static bool Alive(int pid)
        {
            try
            {
                using var process = System.Diagnostics.Process.GetProcessById(pid);
                return !process.HasExited;
            }
            catch (ArgumentException)
            {
                return false;
            }
        }

        [Fact]
        public void AccessDeniedException_is_PermissionDenied_with_what_permission_is_missing()
        {
            var plugin = Plugin();
            var server = Server(execute: ScriptedResponse.Error("AccessDeniedException",
                "User: arn:aws:iam::123456789012:user/dev is not authorized to perform: ecs:ExecuteCommand on resource: " + ExecAnswers.ClusterArn));

            var error = Run(server, "Invoke-EcsCommandX -Cluster prod -Task " + ExecAnswers.TaskId + " -Command /bin/sh").Errors.Single();

            Assert.StartsWith("AccessDeniedException,", error.FullyQualifiedErrorId);
            Assert.Equal(ErrorCategory.PermissionDenied, error.CategoryInfo.Category);
            Assert.Contains("ecs:ExecuteCommand", error.ErrorDetails.RecommendedAction);
            Assert.False(plugin.Ran);
        }

        [Fact]
        public void An_answer_without_a_session_starts_nothing()
        {
            var plugin = Plugin();
            var server = Server(execute: ScriptedResponse.Json("{\"clusterArn\":\"" + ExecAnswers.ClusterArn + "\",\"taskArn\":\"" + ExecAnswers.TaskArn + "\",\"containerName\":\"web\",\"interactive\":true}"));

            var error = Run(server, "Invoke-EcsCommandX -Cluster prod -Task " + ExecAnswers.TaskId + " -Command /bin/sh").Errors.Single();

            Assert.StartsWith("ExecuteCommandNoSession,", error.FullyQualifiedErrorId);
            Assert.False(plugin.Ran);
        }

        [Fact]
        public void The_session_token_is_in_no_verbose_debug_or_error_output()
        {
            Plugin(exitCode: 2, output: "Cannot perform start session: token " + ExecAnswers.Token);
            var server = Server();
            using var ps = PowerShell.Create();
            ps.Runspace = _host.Runspace;
            ps.AddScript("$DebugPreference = 'Continue'; Invoke-EcsCommandX -Cluster prod -Task " + ExecAnswers.TaskId + " -Command /bin/sh -Verbose" + Connection.Replace("$url", "'" + server.Url + "'"));

            ps.Invoke();

            var lines = ps.Streams.Verbose.Select(v => v.Message).Concat(ps.Streams.Debug.Select(d => d.Message)).ToList();
            Assert.Contains(lines, l => l.Contains("ECS Exec session " + ExecAnswers.SessionId + " opened"));
            Assert.Contains(lines, l => l.StartsWith("ECS ExecuteCommand response body:", StringComparison.Ordinal));
            foreach (var line in lines) Assert.DoesNotContain("TOKENSENTINEL", line);
            var error = Assert.Single(ps.Streams.Error);
            Assert.DoesNotContain("TOKENSENTINEL", error.ToString());
            Assert.DoesNotContain("TOKENSENTINEL", error.Exception.ToString());
        }

        [Fact]
        public void Container_names_complete_from_the_task_on_the_command_line()
        {
            Plugin();
            var server = Server(ExecAnswers.Described(ExecAnswers.Task(containers: new[] { ExecAnswers.Container("web"), ExecAnswers.Container("log-router") })));
            var line = "Invoke-EcsCommandX -Region us-east-1 -EndpointUrl " + server.Url + " -AccessKey AKIAECSPSXUNIT000001 -SecretKey xunit-secret -Cluster prod -Task " + ExecAnswers.TaskId + " -Container ";

            var matches = _host.Run("(TabExpansion2 -inputScript '" + line + "' -cursorColumn " + line.Length + ").CompletionMatches.CompletionText").BaseObjects.ToList();

            Assert.Equal(new object[] { "log-router", "web" }, matches);
            Assert.Equal(new[] { "DescribeTasks" }, server.Operations);
        }
    }
}
