using System.Collections.Generic;
using System.Linq;
using System.Threading;
using EcsPS.Engine.Ecs;
using EcsPS.Engine.Ecs.Deployments;
using EcsPS.Engine.Ecs.Model;
using EcsPS.Engine.Tests.Support;
using EcsPS.TestFakes;
using Xunit;

namespace EcsPS.Engine.Tests
{
    /// <summary>
    /// Each way RollbackPlanner finds the revision to go back to, and the history reads it does
    /// (ListServiceDeployments pages, DescribeServiceRevisions 20 to a request), held to botocore.
    /// </summary>
    public sealed class RollbackPlannerTests
    {
        private const string Prefix = "arn:aws:ecs:us-east-1:123456789012:";
        private const string ServiceArn = Prefix + "service/prod/web";
        private static readonly CancellationToken None = CancellationToken.None;

        private static EcsClient ClientFor(ScriptedAwsServer fake) => new EcsClient(TestConnections.For(fake, clock: new VirtualTransportClock()), null);

        private static void AssertValidTraffic(ScriptedAwsServer fake)
        {
            foreach (var request in fake.Requests)
            {
                ModelAssert.ValidRequest(ServiceModel.Ecs, request);
                if (request.Response?.StatusCode < 300) ModelAssert.ValidResponse(ServiceModel.Ecs, request);
            }
            Assert.Empty(fake.Unscripted);
        }

        private static string Td(int rev) => $"{Prefix}task-definition/web:{rev}";

        private static Service ServiceOn(int rev, params Deployment[] deployments) => new Service
        {
            ServiceArn = ServiceArn,
            ServiceName = "web",
            ClusterArn = Prefix + "cluster/prod",
            TaskDefinition = Td(rev),
            Deployments = deployments.Length == 0
                ? new List<Deployment> { new Deployment { Id = "ecs-svc/1", Status = "PRIMARY", TaskDefinition = Td(rev), RolloutState = "COMPLETED" } }
                : deployments.ToList(),
        };

        private static string Brief(int n, string revision, string status = "SUCCESSFUL")
            => $"{{\"serviceDeploymentArn\":\"{Prefix}service-deployment/prod/web/d{n}\",\"serviceArn\":\"{ServiceArn}\",\"startedAt\":{1700000000 + n},\"targetServiceRevisionArn\":\"{revision}\",\"status\":\"{status}\"}}";

        private static string Rev(int n) => $"{Prefix}service-revision/prod/web/r{n}";

        private static string Revisions(params (int N, int Td)[] rs)
            => "{\"serviceRevisions\":[" + string.Join(",", rs.Select(r => $"{{\"serviceRevisionArn\":\"{Rev(r.N)}\",\"taskDefinition\":\"{Td(r.Td)}\"}}")) + "]}";

        [Theory]
        [InlineData("11", "web:11")]
        [InlineData("api:3", "api:3")]
        [InlineData(Prefix + "task-definition/web:7", Prefix + "task-definition/web:7")]
        public void ToRevision_wins_and_a_bare_number_is_of_the_current_family(string given, string expected)
        {
            using var fake = new ScriptedAwsServer();
            var plan = new RollbackPlanner(ClientFor(fake)).Plan(ServiceOn(12), given, None);

            Assert.Equal(expected, plan.To);
            Assert.Equal(RollbackSource.Requested, plan.Source);
            Assert.False(plan.NothingToDo);
            Assert.Equal(0, fake.Count);
        }

        [Theory]
        [InlineData("web:")]
        [InlineData("0")]
        [InlineData("web:x")]
        [InlineData("we b:1")]
        [InlineData("arn:aws:ecs:us-east-1:123456789012:service/prod/web")]
        public void A_malformed_revision_is_refused_before_anything_is_sent(string given)
        {
            using var fake = new ScriptedAwsServer();
            Assert.NotNull(RollbackPlanner.CheckRevision(given));
            var ex = Assert.Throws<RollbackPlanningException>(() => new RollbackPlanner(ClientFor(fake)).Plan(ServiceOn(12), given, None));
            Assert.Equal("InvalidRevision", ex.ErrorId);
            Assert.Equal(0, fake.Count);
        }

        [Fact]
        public void The_current_revision_is_nothing_to_do()
        {
            using var fake = new ScriptedAwsServer();
            var plan = new RollbackPlanner(ClientFor(fake)).Plan(ServiceOn(12), "web:12", None);
            Assert.True(plan.NothingToDo);
            Assert.Contains("nothing to roll back", plan.ToString());
        }

        [Fact]
        public void A_rollout_in_progress_goes_back_to_its_older_deployment()
        {
            using var fake = new ScriptedAwsServer();
            var service = ServiceOn(12,
                new Deployment { Id = "ecs-svc/2", Status = "PRIMARY", TaskDefinition = Td(12), RolloutState = "IN_PROGRESS" },
                new Deployment { Id = "ecs-svc/1", Status = "ACTIVE", TaskDefinition = Td(11), RolloutState = "COMPLETED" });

            var plan = new RollbackPlanner(ClientFor(fake)).Plan(service, null, None);

            Assert.Equal(Td(11), plan.To);
            Assert.Equal(RollbackSource.InFlightDeployment, plan.Source);
            Assert.Equal("Roll back web (cluster prod) from web:12 to web:11 (the revision the deployment in progress replaces).", plan.ToString());
            Assert.Equal(0, fake.Count);
        }

        [Fact]
        public void A_circuit_breaker_rollback_in_progress_is_recognised()
        {
            using var fake = new ScriptedAwsServer();
            var service = ServiceOn(11,
                new Deployment { Id = "ecs-svc/3", Status = "PRIMARY", TaskDefinition = Td(11), RolloutState = "IN_PROGRESS" },
                new Deployment { Id = "ecs-svc/2", Status = "ACTIVE", TaskDefinition = Td(12), RolloutState = "FAILED" });

            var plan = new RollbackPlanner(ClientFor(fake)).Plan(service, null, None);

            Assert.True(plan.AlreadyRollingBack);
            Assert.True(plan.NothingToDo);
        }

        [Fact]
        public void History_pages_and_skips_deployments_to_the_current_revision()
        {
            using var fake = new ScriptedAwsServer();
            fake.Enqueue("ListServiceDeployments",
                ScriptedResponse.Json("{\"serviceDeployments\":[" + Brief(3, Rev(3)) + "],\"nextToken\":\"p2\"}"),
                ScriptedResponse.Json("{\"serviceDeployments\":[" + Brief(2, Rev(2)) + "," + Brief(1, Rev(1)) + "]}"));
            fake.Enqueue("DescribeServiceRevisions", ScriptedResponse.Json(Revisions((3, 12), (2, 12), (1, 10))));

            var plan = new RollbackPlanner(ClientFor(fake)).Plan(ServiceOn(12), null, None);

            Assert.Equal(Td(10), plan.To);
            Assert.Equal(RollbackSource.History, plan.Source);
            Assert.EndsWith("/d1", plan.SourceDeploymentArn);
            var lists = fake.Requests.Where(r => r.Operation == "ListServiceDeployments").ToList();
            Assert.Equal(2, lists.Count);
            // Every status is listed: the newest one says whether ECS has already rolled back.
            Assert.DoesNotContain("\"status\"", lists[0].Body);
            Assert.Contains("\"maxResults\":100", lists[0].Body);
            Assert.Contains("\"nextToken\":\"p2\"", lists[1].Body);
            AssertValidTraffic(fake);
        }

        [Fact]
        public void Revisions_are_read_twenty_to_a_request_until_one_differs()
        {
            using var fake = new ScriptedAwsServer();
            var briefs = Enumerable.Range(1, 25).Select(n => Brief(n, Rev(n)));
            fake.Enqueue("ListServiceDeployments", ScriptedResponse.Json("{\"serviceDeployments\":[" + string.Join(",", briefs) + "]}"));
            // Newest first: 25..6 run the current revision, 5 runs the one before.
            fake.Enqueue("DescribeServiceRevisions",
                ScriptedResponse.Json(Revisions(Enumerable.Range(6, 20).Select(n => (n, 12)).ToArray())),
                ScriptedResponse.Json(Revisions((5, 9), (4, 8), (3, 8), (2, 8), (1, 8))));

            var plan = new RollbackPlanner(ClientFor(fake)).Plan(ServiceOn(12), null, None);

            Assert.Equal(Td(9), plan.To);
            var describes = fake.Requests.Where(r => r.Operation == "DescribeServiceRevisions").ToList();
            Assert.Equal(2, describes.Count);
            Assert.Equal(20, System.Text.RegularExpressions.Regex.Matches(describes[0].Body, "service-revision/").Count);
            AssertValidTraffic(fake);
        }

        [Fact]
        public void Failed_and_stopped_deployments_are_no_target()
        {
            using var fake = new ScriptedAwsServer();
            fake.Enqueue("ListServiceDeployments", ScriptedResponse.Json("{\"serviceDeployments\":[" +
                Brief(3, Rev(3)) + "," + Brief(2, Rev(2), "STOPPED") + "," + Brief(1, Rev(1)) + "]}"));
            fake.Enqueue("DescribeServiceRevisions", ScriptedResponse.Json(Revisions((3, 12), (1, 10))));

            var plan = new RollbackPlanner(ClientFor(fake)).Plan(ServiceOn(12), null, None);

            Assert.Equal(Td(10), plan.To);
            var describe = fake.RequestsFor("DescribeServiceRevisions").Single();
            Assert.DoesNotContain(Rev(2), describe.Body);
            AssertValidTraffic(fake);
        }

        [Theory]
        [InlineData("ROLLBACK_SUCCESSFUL", false)]
        [InlineData("ROLLBACK_IN_PROGRESS", true)]
        public void A_newest_deployment_ECS_rolled_back_is_not_rolled_back_again(string status, bool inProgress)
        {
            // The runbook case: Update-EcsServiceX -Wait failed because the circuit breaker rolled
            // web:12 back to web:11; going "back" from web:11 to web:10 would be a second, wrong rollback.
            using var fake = new ScriptedAwsServer();
            fake.Enqueue("ListServiceDeployments", ScriptedResponse.Json("{\"serviceDeployments\":[" +
                Brief(1, Rev(1)) + "," + Brief(3, Rev(3), status) + "," + Brief(2, Rev(2)) + "]}"));

            var plan = new RollbackPlanner(ClientFor(fake)).Plan(ServiceOn(11), null, None);

            Assert.True(plan.NothingToDo);
            Assert.Equal(inProgress, plan.AlreadyRollingBack);
            Assert.EndsWith("/d3", plan.SourceDeploymentArn);
            if (!inProgress) Assert.Equal("ECS already rolled web back to web:11 (service deployment d3): nothing to roll back.", plan.ToString());
            Assert.Empty(fake.RequestsFor("DescribeServiceRevisions"));
            AssertValidTraffic(fake);
        }

        [Fact]
        public void No_known_earlier_revision_says_to_pass_ToRevision()
        {
            using var fake = new ScriptedAwsServer();
            fake.Enqueue("ListServiceDeployments", ScriptedResponse.Json("{\"serviceDeployments\":[]}"));

            var ex = Assert.Throws<RollbackPlanningException>(() => new RollbackPlanner(ClientFor(fake)).Plan(ServiceOn(12), null, None));

            Assert.Equal("RollbackTargetUnknown", ex.ErrorId);
            Assert.Contains("-ToRevision web:11", ex.Message);
            AssertValidTraffic(fake);
        }
    }
}
