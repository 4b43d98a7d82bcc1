using System.Linq;
using System.Text.Json.Nodes;
using System.Threading;
using EcsPS.Engine.Ecs;
using EcsPS.Engine.Ecs.Model;
using EcsPS.Engine.Runtime;
using EcsPS.Engine.Tests.Support;
using EcsPS.TestFakes;
using Xunit;

namespace EcsPS.Engine.Tests.Services
{
    /// <summary>
    /// The task methods of EcsClient against the scripted fake, with answers worded and shaped as
    /// ECS gives them: StopTask's "not found", its retry after a lost answer, ListTasks paging, and
    /// DescribeTasks answers whose string members come as numbers.
    /// </summary>
    public sealed class TaskClientTests
    {
        private static readonly CancellationToken None = CancellationToken.None;
        private const string Cluster = "arn:aws:ecs:us-east-1:123456789012:cluster/prod";
        private const string Id = "0123456789abcdef0123456789abcdef";
        private const string TaskArn = "arn:aws:ecs:us-east-1:123456789012:task/prod/" + Id;

        private static JsonObject StoppedTask(string reason) => new JsonObject
        {
            ["taskArn"] = TaskArn,
            ["clusterArn"] = Cluster,
            ["taskDefinitionArn"] = "arn:aws:ecs:us-east-1:123456789012:task-definition/web:7",
            ["lastStatus"] = "RUNNING",
            ["desiredStatus"] = "STOPPED",
            ["stopCode"] = "UserInitiated",
            ["stoppedReason"] = reason,
        };

        private static EcsClient Client(ScriptedAwsServer fake) => new EcsClient(TestConnections.For(fake, clock: new VirtualTransportClock()), null);

        [Fact]
        public void StopTaskIfExists_sends_cluster_task_and_reason_and_returns_the_task()
        {
            using var fake = new ScriptedAwsServer().Always("StopTask", ScriptedResponse.Json(new JsonObject { ["task"] = StoppedTask("Recycle") }.ToJsonString()));

            var task = Client(fake).StopTaskIfExists("prod", Id, "Recycle", None);

            Assert.Equal(TaskArn, task.TaskArn);
            Assert.Equal("STOPPED", task.DesiredStatus);
            var request = Assert.Single(fake.Requests);
            ModelAssert.ValidRequest(ServiceModel.Ecs, request);
            ModelAssert.ValidResponse(ServiceModel.Ecs, request);
            Assert.Equal("prod", request.Json.GetProperty("cluster").GetString());
            Assert.Equal(Id, request.Json.GetProperty("task").GetString());
            Assert.Equal("Recycle", request.Json.GetProperty("reason").GetString());
        }

        [Fact]
        public void StopTaskIfExists_is_null_for_the_task_ECS_says_it_cannot_find()
        {
            using var fake = new ScriptedAwsServer().Always("StopTask", ScriptedResponse.Error("InvalidParameterException", "The referenced task was not found."));

            Assert.Null(Client(fake).StopTaskIfExists("prod", Id, null, None));
            ModelAssert.ValidRequest(ServiceModel.Ecs, Assert.Single(fake.Requests));
        }

        [Fact]
        public void StopTaskIfExists_leaves_other_refusals_as_ECS_gave_them()
        {
            using var fake = new ScriptedAwsServer().Always("StopTask", ScriptedResponse.Error("InvalidParameterException", "Reason is too long."));

            var ex = Assert.Throws<AwsServiceException>(() => Client(fake).StopTaskIfExists("prod", Id, null, None));
            Assert.Equal("InvalidParameterException", ex.ErrorCode);
        }

        [Fact]
        public void StopTask_is_safe_to_send_again_so_a_lost_answer_is_retried()
        {
            // Stopping a stopped task changes nothing: StopTask is not an at-most-once operation.
            Assert.Equal(ResendSafety.Safe, GeneratedOperations.Of(typeof(EcsClient), "StopTask").Resend);
            var answer = ScriptedResponse.Json(new JsonObject { ["task"] = StoppedTask("Recycle") }.ToJsonString());
            using var fake = new ScriptedAwsServer().Enqueue("StopTask", answer.CutShort(10), answer);

            var task = Client(fake).StopTaskIfExists("prod", Id, "Recycle", None);

            Assert.Equal(TaskArn, task.TaskArn);
            var sent = fake.RequestsFor("StopTask");
            Assert.Equal(2, sent.Count);
            Assert.Equal(sent[0].Body, sent[1].Body);
        }

        [Fact]
        public void ListTaskArns_asks_for_100_a_page_and_follows_nextToken_with_the_same_filters()
        {
            var calls = 0;
            using var fake = new ScriptedAwsServer().On("ListTasks", request =>
            {
                var n = Interlocked.Increment(ref calls);
                var page = new JsonObject { ["taskArns"] = new JsonArray(Enumerable.Range(0, n == 1 ? 100 : 3).Select(i => (JsonNode)$"{TaskArn}{n}{i}").ToArray()) };
                if (n == 1) page["nextToken"] = "page-2";
                return ScriptedResponse.Json(page.ToJsonString());
            });

            var pages = Client(fake).ListTaskArns(new ListTasksRequest { Cluster = "prod", Family = "web", DesiredStatus = "STOPPED" }, None).ToList();

            Assert.Equal(new[] { 100, 3 }, pages.Select(p => p.Count));
            var sent = fake.RequestsFor("ListTasks");
            Assert.Equal(2, sent.Count);
            foreach (var r in sent)
            {
                ModelAssert.ValidRequest(ServiceModel.Ecs, r);
                Assert.Equal(100, r.Json.GetProperty("maxResults").GetInt32());
                Assert.Equal("web", r.Json.GetProperty("family").GetString());
                Assert.Equal("STOPPED", r.Json.GetProperty("desiredStatus").GetString());
            }
            Assert.False(sent[0].Json.TryGetProperty("nextToken", out _));
            Assert.Equal("page-2", sent[1].Json.GetProperty("nextToken").GetString());
        }

        [Fact]
        public void A_string_member_sent_as_a_number_is_read_as_its_text()
        {
            // Container cpu and memory are strings in the model; moto, for one, sends numbers.
            const string answer = "{\"tasks\":[{\"taskArn\":\"" + TaskArn + "\",\"containers\":[{\"name\":\"app\",\"cpu\":0,\"memory\":128.5,\"exitCode\":137,\"lastStatus\":\"STOPPED\"}]}],\"failures\":[]}";
            using var fake = new ScriptedAwsServer().Always("DescribeTasks", ScriptedResponse.Json(answer));

            var result = Assert.Single(Client(fake).DescribeTasks("prod", new[] { Id }, includeTags: false, None));

            var container = Assert.Single(Assert.Single(result.Items).Containers);
            Assert.Equal("0", container.Cpu);
            Assert.Equal("128.5", container.Memory);
            Assert.Equal(137, container.ExitCode);
            Assert.Empty(result.Failures);
        }

        [Fact]
        public void A_container_reads_as_its_name_status_and_exit_code()
        {
            Assert.Equal("app (RUNNING)", new Container { Name = "app", LastStatus = "RUNNING" }.ToString());
            Assert.Equal("app (STOPPED, exit 137)", new Container { Name = "app", LastStatus = "STOPPED", ExitCode = 137 }.ToString());
            Assert.Equal("log-router (status unknown)", new Container { Name = "log-router" }.ToString());
        }
    }
}
