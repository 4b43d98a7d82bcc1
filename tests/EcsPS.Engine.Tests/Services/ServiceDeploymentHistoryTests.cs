using System.Linq;
using System.Text.RegularExpressions;
using System.Threading;
using EcsPS.Engine.Ecs;
using EcsPS.Engine.Tests.Support;
using EcsPS.TestFakes;
using Xunit;

namespace EcsPS.Engine.Tests
{
    /// <summary>
    /// EcsClient.ServiceDeploymentHistory: the listing, the describes 20 to a request, and the
    /// task definitions of the revisions, read once each; every request held to botocore.
    /// </summary>
    public sealed class ServiceDeploymentHistoryTests
    {
        private const string Prefix = "arn:aws:ecs:us-east-1:123456789012:";
        private const string ServiceArn = Prefix + "service/prod/web";

        private static EcsClient ClientFor(ScriptedAwsServer fake) => new EcsClient(TestConnections.For(fake, clock: new VirtualTransportClock()), null);
        private static string DeploymentArn(int n) => $"{Prefix}service-deployment/prod/web/d{n}";
        private static string Rev(int n) => $"{Prefix}service-revision/prod/web/r{n}";
        private static string Td(int n) => $"{Prefix}task-definition/web:{n}";

        private static string Brief(int n, string status = "SUCCESSFUL")
            => $"{{\"serviceDeploymentArn\":\"{DeploymentArn(n)}\",\"serviceArn\":\"{ServiceArn}\",\"clusterArn\":\"{Prefix}cluster/prod\",\"startedAt\":{1700000000 + n * 60},\"targetServiceRevisionArn\":\"{Rev(n)}\",\"status\":\"{status}\"}}";

        // Deployment n rolls revision n out, replacing revision n-1 (none for the first).
        private static string Full(int n, string status = "SUCCESSFUL")
            => $"{{\"serviceDeploymentArn\":\"{DeploymentArn(n)}\",\"serviceArn\":\"{ServiceArn}\",\"clusterArn\":\"{Prefix}cluster/prod\"," +
               $"\"startedAt\":{1700000000 + n * 60},\"finishedAt\":{1700000000 + n * 60 + 45},\"status\":\"{status}\"," +
               (n > 1 ? $"\"sourceServiceRevisions\":[{{\"arn\":\"{Rev(n - 1)}\",\"requestedTaskCount\":2,\"runningTaskCount\":0,\"pendingTaskCount\":0}}]," : "") +
               $"\"targetServiceRevision\":{{\"arn\":\"{Rev(n)}\",\"requestedTaskCount\":2,\"runningTaskCount\":2,\"pendingTaskCount\":0}}}}";

        private static ScriptedResponse Describe(RecordedRequest request)
        {
            var asked = Regex.Matches(request.Body, @"service-deployment/prod/web/d(\d+)").Select(m => int.Parse(m.Groups[1].Value));
            return ScriptedResponse.Json("{\"serviceDeployments\":[" + string.Join(",", asked.Select(n => Full(n, n == 25 ? "ROLLBACK_SUCCESSFUL" : "SUCCESSFUL"))) + "],\"failures\":[]}");
        }

        private static ScriptedResponse Revisions(RecordedRequest request)
        {
            var asked = Regex.Matches(request.Body, @"service-revision/prod/web/r(\d+)").Select(m => int.Parse(m.Groups[1].Value));
            return ScriptedResponse.Json("{\"serviceRevisions\":[" + string.Join(",", asked.Select(n =>
                $"{{\"serviceRevisionArn\":\"{Rev(n)}\",\"serviceArn\":\"{ServiceArn}\",\"taskDefinition\":\"{Td(n + 10)}\"}}")) + "],\"failures\":[]}");
        }

        [Fact]
        public void History_is_newest_first_with_the_task_definitions_each_deployment_went_from_and_to()
        {
            using var fake = new ScriptedAwsServer();
            // Two pages, oldest first on the wire: the order ECS lists them in is not relied on.
            fake.Enqueue("ListServiceDeployments",
                ScriptedResponse.Json("{\"serviceDeployments\":[" + string.Join(",", Enumerable.Range(1, 12).Select(n => Brief(n))) + "],\"nextToken\":\"p2\"}"),
                ScriptedResponse.Json("{\"serviceDeployments\":[" + string.Join(",", Enumerable.Range(13, 13).Select(n => Brief(n))) + "]}"));
            fake.On("DescribeServiceDeployments", Describe);
            fake.On("DescribeServiceRevisions", Revisions);

            var history = ClientFor(fake).ServiceDeploymentHistory(Prefix + "cluster/prod", ServiceArn, CancellationToken.None).ToList();

            Assert.Equal(Enumerable.Range(1, 25).Reverse().Select(n => "d" + n), history.Select(d => d.Id));
            var newest = history[0];
            Assert.Equal("ROLLBACK_SUCCESSFUL", newest.Status);
            Assert.Equal("web:35", newest.TaskDefinitionName);
            Assert.Equal("web:34", newest.SourceTaskDefinitionName);
            Assert.Equal(System.TimeSpan.FromSeconds(45), newest.Duration);
            Assert.Equal("web", newest.ServiceName);
            Assert.Equal("prod", newest.ClusterName);
            Assert.Equal("", history[24].SourceTaskDefinitionName);

            // 25 deployments: 2 describes (20 + 5). Revisions: 21 for the first batch (20 targets, one
            // more source) in 2 requests, then 5 more, of which only 5 are new: none read twice.
            Assert.Equal(2, fake.RequestsFor("ListServiceDeployments").Count);
            var describes = fake.RequestsFor("DescribeServiceDeployments");
            Assert.Equal(new[] { 20, 5 }, describes.Select(r => Regex.Matches(r.Body, "service-deployment/").Count));
            var revisionArns = fake.RequestsFor("DescribeServiceRevisions").SelectMany(r => Regex.Matches(r.Body, @"service-revision/prod/web/r\d+").Select(m => m.Value)).ToList();
            Assert.Equal(25, revisionArns.Count);
            Assert.Equal(25, revisionArns.Distinct().Count());
            Assert.All(fake.RequestsFor("DescribeServiceRevisions"), r => Assert.True(Regex.Matches(r.Body, "service-revision/").Count <= 20));
            foreach (var request in fake.Requests)
            {
                ModelAssert.ValidRequest(ServiceModel.Ecs, request);
                ModelAssert.ValidResponse(ServiceModel.Ecs, request);
            }
            Assert.Empty(fake.Unscripted);
        }

        [Fact]
        public void A_service_without_recorded_deployments_has_no_history_and_costs_one_request()
        {
            using var fake = new ScriptedAwsServer();
            fake.Enqueue("ListServiceDeployments", ScriptedResponse.Json("{\"serviceDeployments\":[]}"));

            Assert.Empty(ClientFor(fake).ServiceDeploymentHistory("prod", "web", CancellationToken.None));
            Assert.Equal(new[] { "ListServiceDeployments" }, fake.Operations);
        }
    }
}
