using System;
using System.Collections.Generic;
using System.Linq;
using System.Text.Json;
using System.Threading;
using EcsPS.Engine.Ecs;
using EcsPS.Engine.Ecs.Exec;
using EcsPS.Engine.Ecs.Model;
using EcsPS.Engine.Runtime;
using EcsPS.Engine.Tests.Support;
using EcsPS.TestFakes;
using Xunit;

namespace EcsPS.Engine.Tests.Exec
{
    /// <summary>ECS Exec in the Engine: what is checked before a session, what the plugin is
    /// given, and the session token kept out of every log line and exception.</summary>
    [Collection(EnvironmentCollection.Name)]
    public sealed class ExecTests
    {
        private static Ecs.Model.Task TaskOf(System.Text.Json.Nodes.JsonObject json)
            => JsonSerializer.Deserialize<DescribeTasksResponse>(ExecAnswers.Described(json), EcsPS.Engine.Protocols.Json.EngineJson.Options).Tasks.Single();

        [Fact]
        public void The_fixtures_are_answers_botocore_would_accept()
        {
            var model = ServiceModel.Ecs;
            foreach (var (operation, body) in new[]
                     {
                         ("DescribeTasks", ExecAnswers.Described(ExecAnswers.Task(containers: new[] { ExecAnswers.Container("web"), ExecAnswers.Container("log-router", "PENDING", "starting") }))),
                         ("DescribeTasks", ExecAnswers.Missing()),
                         ("ExecuteCommand", ExecAnswers.Session()),
                     })
            {
                using var doc = JsonDocument.Parse(body);
                Assert.Empty(model.ValidateOutput(operation, doc.RootElement));
            }
        }

        [Fact]
        public void A_ready_task_with_one_container_picks_it_without_a_name()
        {
            var check = ExecReadiness.Check(TaskOf(ExecAnswers.Task()), null);
            Assert.True(check.Ready);
            Assert.Equal("web", check.Container.Name);
            Assert.Equal(ExecAnswers.RuntimeId, check.Container.RuntimeId);
        }

        [Theory]
        [InlineData("PROVISIONING", "The task 0123456789abcdef0123456789abcdef is PROVISIONING (desired RUNNING)", "Wait until the task is RUNNING")]
        [InlineData("STOPPED", "is STOPPED: ECS Exec needs a RUNNING task", "Pick a task that is RUNNING")]
        public void A_task_that_is_not_running_is_TaskNotRunning(string status, string message, string advice)
        {
            var check = ExecReadiness.Check(TaskOf(ExecAnswers.Task(status)), null);
            Assert.Equal(ExecProblem.TaskNotRunning, check.Problem);
            Assert.Contains(message, check.Message);
            Assert.Contains(advice, check.Advice);
        }

        [Theory]
        [InlineData(false)]
        [InlineData(null)]
        public void A_task_started_without_exec_says_how_to_get_one_with_it(bool? enabled)
        {
            var check = ExecReadiness.Check(TaskOf(ExecAnswers.Task(exec: enabled)), null);
            Assert.Equal(ExecProblem.ExecuteCommandNotEnabled, check.Problem);
            Assert.Contains("cannot be turned on for a running task", check.Message);
            Assert.Equal("Turn it on for the service and roll its tasks: Update-EcsServiceX -Cluster prod -ServiceName web -EnableExecuteCommand $true -ForceNewDeployment, then use one of the new tasks.", check.Advice);
        }

        [Fact]
        public void Several_containers_and_no_name_lists_the_names()
        {
            var task = TaskOf(ExecAnswers.Task(containers: new[] { ExecAnswers.Container("web"), ExecAnswers.Container("log-router") }));
            var check = ExecReadiness.Check(task, null);
            Assert.Equal(ExecProblem.ContainerNameRequired, check.Problem);
            Assert.Equal("The task 0123456789abcdef0123456789abcdef has 2 containers (web, log-router): say which one with -Container.", check.Message);

            var named = ExecReadiness.Check(task, "log-router");
            Assert.True(named.Ready);
            Assert.Equal("log-router", named.Container.Name);
        }

        [Fact]
        public void A_container_name_that_is_not_there_is_ContainerNotFound_and_names_match_exactly()
        {
            var check = ExecReadiness.Check(TaskOf(ExecAnswers.Task()), "Web");
            Assert.Equal(ExecProblem.ContainerNotFound, check.Problem);
            Assert.Equal("The task 0123456789abcdef0123456789abcdef has no container named 'Web'. Its containers: web.", check.Message);
        }

        [Fact]
        public void An_agent_that_is_not_running_gives_its_status_and_reason()
        {
            var check = ExecReadiness.Check(TaskOf(ExecAnswers.Task(containers: ExecAnswers.Container("web", "STOPPED", "Agent stopped: permission denied"))), null);
            Assert.Equal(ExecProblem.ExecuteCommandAgentNotRunning, check.Problem);
            Assert.Equal("The ECS Exec agent (ExecuteCommandAgent) of container 'web' in task 0123456789abcdef0123456789abcdef is STOPPED (reason: Agent stopped: permission denied), so no session can reach it.", check.Message);
            Assert.Contains("ssmmessages:CreateControlChannel", check.Advice);

            var pending = ExecReadiness.Check(TaskOf(ExecAnswers.Task(containers: ExecAnswers.Container("web", "PENDING"))), null);
            Assert.Contains("is PENDING", pending.Message);
            Assert.Contains("still starting", pending.Advice);
        }

        [Fact]
        public void A_container_that_exited_is_ContainerNotRunning()
        {
            var check = ExecReadiness.Check(TaskOf(ExecAnswers.Task(containers: new[] { ExecAnswers.Container("web"), ExecAnswers.Container("init", status: "STOPPED") })), "init");
            Assert.Equal(ExecProblem.ContainerNotRunning, check.Problem);
            Assert.Contains("'init' of task 0123456789abcdef0123456789abcdef is STOPPED", check.Message);
        }

        [Theory]
        [InlineData("1.2.707.0", true)]
        [InlineData("1.2.497.0", false)]
        [InlineData("1.2.497.1", true)]
        [InlineData(" 1.3\n", true)]
        [InlineData("1.2.463.0", false)]
        [InlineData("Unknown operation --version.", false)]
        [InlineData("", false)]
        public void The_session_goes_in_the_environment_only_for_plugins_after_1_2_497_0(string version, bool expected)
            => Assert.Equal(expected, SessionManagerLaunch.ReadsSessionFromEnvironment(version));

        [Fact]
        public void The_plugin_gets_the_AWS_CLI_s_six_arguments_in_order()
        {
            var answer = JsonSerializer.Deserialize<ExecuteCommandResponse>(ExecAnswers.Session(), EcsPS.Engine.Protocols.Json.EngineJson.Options);

            var onArgv = SessionManagerLaunch.For(answer, ExecAnswers.RuntimeId, "us-east-1", "dev", "https://ssm.us-east-1.amazonaws.com", sessionInEnvironment: false);
            var session = $"{{\"sessionId\":\"{ExecAnswers.SessionId}\",\"streamUrl\":\"{ExecAnswers.StreamUrl}\",\"tokenValue\":\"{ExecAnswers.Token}\"}}";
            Assert.Equal(new[]
            {
                session, "us-east-1", "StartSession", "dev",
                "{\"Target\":\"ecs:prod_0123456789abcdef0123456789abcdef_0123456789abcdef0123456789abcdef-2531612879\"}",
                "https://ssm.us-east-1.amazonaws.com",
            }, onArgv.Arguments);
            Assert.Empty(onArgv.Environment);

            var inEnvironment = SessionManagerLaunch.For(answer, ExecAnswers.RuntimeId, "us-east-1", null, "https://ssm.us-east-1.amazonaws.com", sessionInEnvironment: true,
                new Dictionary<string, string> { ["AWS_ACCESS_KEY_ID"] = "AKIDEXAMPLE" });
            Assert.Equal("AWS_SSM_START_SESSION_RESPONSE", inEnvironment.Arguments[0]);
            Assert.Equal(string.Empty, inEnvironment.Arguments[3]);
            Assert.Equal(session, inEnvironment.Environment["AWS_SSM_START_SESSION_RESPONSE"]);
            Assert.Equal("AKIDEXAMPLE", inEnvironment.Environment["AWS_ACCESS_KEY_ID"]);
            // What Verbose may show leaves the session out either way.
            Assert.DoesNotContain(ExecAnswers.Token, onArgv.Describe("/usr/local/bin/session-manager-plugin"));
            Assert.DoesNotContain(ExecAnswers.Token, inEnvironment.Describe("/usr/local/bin/session-manager-plugin"));
            Assert.StartsWith("/usr/local/bin/session-manager-plugin '<session JSON>' us-east-1 StartSession dev '{\"Target\":", onArgv.Describe("/usr/local/bin/session-manager-plugin"));
        }

        [Theory]
        [InlineData("us-east-1", null, "https://ssm.us-east-1.amazonaws.com")]
        [InlineData("eu-west-2", null, "https://ssm.eu-west-2.amazonaws.com")]
        [InlineData("cn-north-1", null, "https://ssm.cn-north-1.amazonaws.com.cn")]
        [InlineData("us-east-1", "fips", "https://ssm-fips.us-east-1.amazonaws.com")]
        public void The_SSM_endpoint_is_SSM_s_own_for_the_region_not_ECS_s(string region, string variant, string expected)
        {
            using var env = new EnvironmentScope();
            if (variant == "fips") env.Set("AWS_USE_FIPS_ENDPOINT", "true");
            var client = new EcsClient(new AwsConnectionOptions { Region = region, AccessKey = "AKIDEXAMPLE", SecretKey = "secret" }, null);
            Assert.Equal(expected, client.SsmEndpointUrl());
        }

        [Fact]
        public void AWS_ENDPOINT_URL_SSM_then_AWS_ENDPOINT_URL_override_the_SSM_endpoint_but_not_EndpointUrl_of_ECS()
        {
            using var env = new EnvironmentScope();
            using var fake = new ScriptedAwsServer();
            var client = new EcsClient(TestConnections.For(fake), null);
            Assert.Equal("https://ssm.us-east-1.amazonaws.com", client.SsmEndpointUrl());
            env.Change("AWS_ENDPOINT_URL", "http://127.0.0.1:4566");
            Assert.Equal("http://127.0.0.1:4566", client.SsmEndpointUrl());
            env.Change("AWS_ENDPOINT_URL_SSM", "https://vpce-0abc-ssm.us-east-1.vpce.amazonaws.com");
            Assert.Equal("https://vpce-0abc-ssm.us-east-1.vpce.amazonaws.com", client.SsmEndpointUrl());
            env.Change("AWS_IGNORE_CONFIGURED_ENDPOINT_URLS", "true");
            Assert.Equal("https://ssm.us-east-1.amazonaws.com", client.SsmEndpointUrl());
        }

        [Fact]
        public void The_client_asks_for_one_task_and_an_interactive_session_as_botocore_s_model_wants()
        {
            using var env = new EnvironmentScope();
            using var fake = new ScriptedAwsServer();
            fake.Always("DescribeTasks", ScriptedResponse.Json(ExecAnswers.Described(ExecAnswers.Task())));
            fake.Always("ExecuteCommand", ScriptedResponse.Json(ExecAnswers.Session()));
            var client = new EcsClient(TestConnections.For(fake), null);

            var task = client.FindTask("prod", ExecAnswers.TaskId, CancellationToken.None, out var failure);
            var session = client.OpenExecSession(task.ClusterArn, task.TaskArn, "web", "/bin/sh", CancellationToken.None);

            Assert.Null(failure);
            Assert.Equal(ExecAnswers.Token, session.Session.TokenValue);
            Assert.Equal(new[] { "DescribeTasks", "ExecuteCommand" }, fake.Operations);
            var model = ServiceModel.Ecs;
            foreach (var request in fake.Requests) Assert.Empty(model.ValidateInput(request.Operation, request.Json));
            var exec = fake.RequestsFor("ExecuteCommand").Single().Json;
            Assert.True(exec.GetProperty("interactive").GetBoolean());
            Assert.Equal("/bin/sh", exec.GetProperty("command").GetString());
            Assert.Equal("web", exec.GetProperty("container").GetString());
            Assert.Equal(ExecAnswers.TaskArn, exec.GetProperty("task").GetString());
            Assert.Equal(ExecAnswers.ClusterArn, exec.GetProperty("cluster").GetString());
        }

        [Fact]
        public void A_task_ECS_does_not_know_comes_back_as_null_with_a_MISSING_failure()
        {
            using var env = new EnvironmentScope();
            using var fake = new ScriptedAwsServer();
            fake.Always("DescribeTasks", ScriptedResponse.Json(ExecAnswers.Missing(ExecAnswers.TaskId)));
            var client = new EcsClient(TestConnections.For(fake), null);

            Assert.Null(client.FindTask(null, ExecAnswers.TaskId, CancellationToken.None, out var failure));
            Assert.True(failure.IsMissing);
            Assert.Equal(ExecAnswers.TaskId, failure.Requested);
        }
    }
}
