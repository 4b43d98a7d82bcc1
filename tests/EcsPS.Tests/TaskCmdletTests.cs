using System;
using System.Collections.Generic;
using System.Linq;
using System.Management.Automation;
using System.Text.Json.Nodes;
using EcsPS.Tests.Support;
using EcsPS.TestFakes;
using Xunit;
using EcsTask = EcsPS.Engine.Ecs.Model.Task;

namespace EcsPS.Tests
{
    /// <summary>
    /// Get-EcsTaskX and Stop-EcsTaskX in a runspace against a scripted ECS that answers as ECS
    /// does where moto does not: ListTasks pages, DescribeTasks reports MISSING, StopTask says
    /// "not found" for an unknown task. Also how piped objects bind, and ARNs of another region.
    /// </summary>
    public sealed class TaskCmdletTests : IClassFixture<PowerShellHost>
    {
        private const string Connection = " -Region us-east-1 -EndpointUrl $url -AccessKey AKIAECSPSXUNIT000001 -SecretKey xunit-secret";
        private const string Account = "123456789012";
        private readonly PowerShellHost _host;

        public TaskCmdletTests(PowerShellHost host) => _host = host;

        private static string Id(int n) => n.ToString("x32");
        private static string TaskArn(string region, string cluster, string id) => $"arn:aws:ecs:{region}:{Account}:task/{cluster}/{id}";
        private static string ClusterArn(string region, string cluster) => $"arn:aws:ecs:{region}:{Account}:cluster/{cluster}";

        /// <summary>An ECS cluster 'prod' (in every region) holding the tasks with the given numbers.</summary>
        private static ScriptedAwsServer Ecs(IReadOnlyCollection<int> tasks)
            => new ScriptedAwsServer().OnAny(request =>
            {
                var region = request.Authorization.Region;
                var body = JsonNode.Parse(string.IsNullOrEmpty(request.Body) ? "{}" : request.Body).AsObject();
                var ids = tasks.Select(Id).ToList();
                JsonObject Task(string id, string desired = "RUNNING") => new JsonObject
                {
                    ["taskArn"] = TaskArn(region, "prod", id),
                    ["clusterArn"] = ClusterArn(region, "prod"),
                    ["taskDefinitionArn"] = $"arn:aws:ecs:{region}:{Account}:task-definition/web:3",
                    ["group"] = "service:web",
                    ["lastStatus"] = "RUNNING",
                    ["desiredStatus"] = desired,
                };
                string IdOf(JsonNode value) { var text = value.GetValue<string>(); return text.Substring(text.LastIndexOf('/') + 1); }
                switch (request.Operation)
                {
                    case "ListTasks":
                        var start = body["nextToken"] is JsonNode token ? int.Parse(token.GetValue<string>()) : 0;
                        var page = new JsonObject { ["taskArns"] = new JsonArray(ids.Skip(start).Take(100).Select(id => (JsonNode)TaskArn(region, "prod", id)).ToArray()) };
                        if (start + 100 < ids.Count) page["nextToken"] = (start + 100).ToString();
                        return ScriptedResponse.Json(page.ToJsonString());
                    case "DescribeTasks":
                        var found = new JsonArray();
                        var failures = new JsonArray();
                        foreach (var asked in body["tasks"].AsArray().Select(IdOf))
                        {
                            if (ids.Contains(asked)) found.Add(Task(asked));
                            else failures.Add(new JsonObject { ["arn"] = TaskArn(region, "prod", asked), ["reason"] = "MISSING" });
                        }
                        return ScriptedResponse.Json(new JsonObject { ["tasks"] = found, ["failures"] = failures }.ToJsonString());
                    case "StopTask":
                        var id = IdOf(body["task"]);
                        return ids.Contains(id)
                            ? ScriptedResponse.Json(new JsonObject { ["task"] = Task(id, "STOPPED") }.ToJsonString())
                            : ScriptedResponse.Error("InvalidParameterException", "The referenced task was not found.");
                    default:
                        return ScriptedResponse.Error("InvalidParameterException", "Unexpected operation " + request.Operation);
                }
            });

        private static int Described(RecordedRequest r) => JsonNode.Parse(r.Body)["tasks"].AsArray().Count;

        [Fact]
        public void Get_EcsTaskX_describes_each_ListTasks_page_as_it_arrives_100_at_a_time()
        {
            var tasks = Enumerable.Range(1, 230).ToList();
            using (var server = Ecs(tasks))
            {
                var result = _host.Run("Get-EcsTaskX -Cluster prod" + Connection, Variables.Of(("url", server.Url)));

                Assert.Null(result.Terminating);
                Assert.Empty(result.Errors);
                Assert.Equal(tasks.Select(Id), result.BaseObjects.Cast<EcsTask>().Select(t => t.TaskId));
                // Each page is described before the next is asked for: the first tasks are out
                // while the rest are still being listed.
                Assert.Equal(new[] { "ListTasks", "DescribeTasks", "ListTasks", "DescribeTasks", "ListTasks", "DescribeTasks" }, server.Operations);
                Assert.Equal(new[] { 100, 100, 30 }, server.RequestsFor("DescribeTasks").Select(Described));
                Assert.All(server.RequestsFor("ListTasks"), r => Assert.Equal(100, (int)JsonNode.Parse(r.Body)["maxResults"]));
            }
        }

        [Fact]
        public void Get_EcsTaskX_reports_missing_ids_and_writes_the_others_from_one_describe()
        {
            using (var server = Ecs(new[] { 1, 3 }))
            {
                var result = _host.Run($"Get-EcsTaskX -Cluster prod -Task '{Id(1)}', '{Id(2)}', '{Id(3)}'" + Connection, Variables.Of(("url", server.Url)));

                Assert.Null(result.Terminating);
                Assert.Equal(new[] { Id(1), Id(3) }, result.BaseObjects.Cast<EcsTask>().Select(t => t.TaskId));
                var error = Assert.Single(result.Errors);
                Assert.StartsWith("TaskNotFoundException,", error.FullyQualifiedErrorId);
                Assert.Equal(ErrorCategory.ObjectNotFound, error.CategoryInfo.Category);
                Assert.Equal(Id(2), error.TargetObject);
                Assert.Equal(new[] { "DescribeTasks" }, server.Operations);
            }
        }

        [Fact]
        public void A_piped_service_selects_its_tasks_in_its_own_cluster_and_region()
        {
            using (var server = Ecs(new[] { 1 }))
            {
                var script = "[pscustomobject]@{ ServiceName = 'web'; ServiceArn = 'arn:aws:ecs:eu-west-1:123456789012:service/prod/web'; " +
                             "ClusterArn = 'arn:aws:ecs:eu-west-1:123456789012:cluster/prod' } | Get-EcsTaskX" +
                             " -EndpointUrl $url -AccessKey AKIAECSPSXUNIT000001 -SecretKey xunit-secret -Region eu-west-1";
                var result = _host.Run(script, Variables.Of(("url", server.Url)));

                Assert.Null(result.Terminating);
                Assert.Empty(result.Errors);
                var list = Assert.Single(server.RequestsFor("ListTasks"));
                Assert.Equal("eu-west-1", list.Authorization.Region);
                var body = JsonNode.Parse(list.Body);
                Assert.Equal("web", (string)body["serviceName"]);
                Assert.Equal(ClusterArn("eu-west-1", "prod"), (string)body["cluster"]);
                Assert.Null(body["containerInstance"]);
            }
        }

        [Fact]
        public void A_piped_task_is_described_again_and_its_container_instance_selects_nothing_more()
        {
            using (var server = Ecs(new[] { 7 }))
            {
                var script = $"[pscustomobject]@{{ TaskArn = '{TaskArn("us-east-1", "prod", Id(7))}'; ClusterArn = '{ClusterArn("us-east-1", "prod")}'; " +
                             $"ContainerInstanceArn = 'arn:aws:ecs:us-east-1:123456789012:container-instance/prod/{Id(99)}' }}, " +
                             $"[pscustomobject]@{{ TaskArn = '{TaskArn("us-east-1", "prod", Id(7))}'; ClusterArn = '{ClusterArn("us-east-1", "prod")}'; ContainerInstanceArn = $null }} | Get-EcsTaskX" + Connection;
                var result = _host.Run(script, Variables.Of(("url", server.Url)));

                Assert.Null(result.Terminating);
                Assert.Empty(result.Errors);
                Assert.Equal(new[] { Id(7) }, result.BaseObjects.Cast<EcsTask>().Select(t => t.TaskId));
                Assert.Equal(new[] { "DescribeTasks" }, server.Operations);
            }
        }

        [Fact]
        public void A_task_ARN_of_another_region_is_asked_about_there_and_a_contradicting_Region_is_refused()
        {
            using (var server = Ecs(new[] { 5 }))
            {
                var arn = TaskArn("eu-west-1", "prod", Id(5));
                // The command's region is the profile's (us-east-1), as in a user's session.
                var profile = System.IO.Path.Combine(System.IO.Path.GetTempPath(), "ecsps-task-region-" + Guid.NewGuid().ToString("N"));
                System.IO.File.WriteAllText(profile, "[home]\naws_access_key_id = AKIAECSPSTASKREGION1\naws_secret_access_key = task-region-secret\nregion = us-east-1\n");
                RunResult found;
                try
                {
                    found = _host.Run($"Get-EcsTaskX -Task '{arn}' -EndpointUrl $url -ProfileName home -ProfileLocation $profile",
                        Variables.Of(("url", server.Url), ("profile", profile)));
                }
                finally { System.IO.File.Delete(profile); }
                var refused = _host.Run($"Stop-EcsTaskX -Task '{arn}'" + Connection, Variables.Of(("url", server.Url)));

                Assert.Equal(arn, Assert.IsType<EcsTask>(Assert.Single(found.BaseObjects)).TaskArn);
                Assert.Equal("eu-west-1", Assert.Single(server.RequestsFor("DescribeTasks")).Authorization.Region);
                Assert.Equal("prod", (string)JsonNode.Parse(server.RequestsFor("DescribeTasks")[0].Body)["cluster"]);
                Assert.StartsWith("ArnRegionMismatch,", Assert.Single(refused.Errors).FullyQualifiedErrorId);
                Assert.Empty(server.RequestsFor("StopTask"));
            }
        }

        [Fact]
        public void Stop_EcsTaskX_reports_a_task_ECS_cannot_find_as_TaskNotFoundException_and_stops_the_rest()
        {
            using (var server = Ecs(new[] { 1, 3 }))
            {
                var result = _host.Run($"'{Id(1)}', '{Id(2)}', '{Id(3)}' | Stop-EcsTaskX -Cluster prod -Reason 'Recycle'" + Connection, Variables.Of(("url", server.Url)));

                Assert.Null(result.Terminating);
                Assert.Empty(result.Output);
                var error = Assert.Single(result.Errors);
                Assert.StartsWith("TaskNotFoundException,", error.FullyQualifiedErrorId);
                Assert.Equal(ErrorCategory.ObjectNotFound, error.CategoryInfo.Category);
                Assert.Equal(Id(2), error.TargetObject);
                Assert.Equal(new[] { Id(1), Id(2), Id(3) }, server.RequestsFor("StopTask").Select(r => (string)JsonNode.Parse(r.Body)["task"]));
                Assert.All(server.RequestsFor("StopTask"), r => Assert.Equal("Recycle", (string)JsonNode.Parse(r.Body)["reason"]));
            }
        }

        [Fact]
        public void Stop_EcsTaskX_PassThru_writes_the_stopped_tasks()
        {
            using (var server = Ecs(new[] { 1, 2 }))
            {
                var result = _host.Run($"Stop-EcsTaskX -Cluster prod -Task '{Id(1)}', '{Id(2)}' -PassThru" + Connection, Variables.Of(("url", server.Url)));

                Assert.Empty(result.Errors);
                var stopped = result.BaseObjects.Cast<EcsTask>().ToList();
                Assert.Equal(new[] { Id(1), Id(2) }, stopped.Select(t => t.TaskId));
                Assert.All(stopped, t => Assert.Equal("STOPPED", t.DesiredStatus));
            }
        }

        [Theory]
        [InlineData("Stop-EcsTaskX -Cluster prod -Task '00000000000000000000000000000001' -WhatIf")]
        [InlineData("'00000000000000000000000000000001', '00000000000000000000000000000002' | Stop-EcsTaskX -Cluster prod -WhatIf")]
        [InlineData("$WhatIfPreference = $true; Stop-EcsTaskX -Cluster prod -Task '00000000000000000000000000000001' -Reason 'x'")]
        public void Stop_EcsTaskX_WhatIf_sends_nothing(string command)
        {
            using (var server = new ScriptedAwsServer())
            {
                var result = _host.Run(command + Connection + "; $WhatIfPreference = $false", Variables.Of(("url", server.Url)));
                Assert.Null(result.Terminating);
                Assert.Empty(result.Errors);
                Assert.Empty(result.Output);
                Assert.Equal(0, server.Count);
            }
        }

        [Fact]
        public void Stop_EcsTaskX_asks_first_at_ConfirmPreference_Medium()
        {
            var stop = typeof(EcsPS.Ecs.Tasks.StopEcsTaskX).GetCustomAttributes(typeof(CmdletAttribute), false).Cast<CmdletAttribute>().Single();
            Assert.True(stop.SupportsShouldProcess);
            Assert.Equal(ConfirmImpact.Medium, stop.ConfirmImpact);
        }
    }
}
