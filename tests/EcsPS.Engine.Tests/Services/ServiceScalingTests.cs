using System;
using System.Linq;
using System.Text.Json.Nodes;
using System.Threading;
using EcsPS.Engine.ApplicationAutoScaling;
using EcsPS.Engine.Tests.Support;
using EcsPS.TestFakes;
using Xunit;

namespace EcsPS.Engine.Tests.Services
{
    /// <summary>
    /// Application Auto Scaling for ECS services against the scripted fake, every request and
    /// answer checked against botocore's model: scalable targets read 50 resource ids to a request
    /// with pages followed, and the request count label built from the two ARNs.
    /// </summary>
    public sealed class ServiceScalingTests
    {
        private static ServiceModel Aas => ServiceModel.ForBotocore("application-autoscaling", "2016-02-06");

        private static JsonObject Target(string resourceId, int min, int max) => new JsonObject
        {
            ["ServiceNamespace"] = "ecs",
            ["ResourceId"] = resourceId,
            ["ScalableDimension"] = "ecs:service:DesiredCount",
            ["MinCapacity"] = min,
            ["MaxCapacity"] = max,
            ["RoleARN"] = "arn:aws:iam::123456789012:role/aws-service-role/ecs.application-autoscaling.amazonaws.com/AWSServiceRoleForApplicationAutoScaling_ECSService",
            ["CreationTime"] = 1733300000,
        };

        [Fact]
        public void Describes_targets_fifty_resource_ids_to_a_request_and_follows_pages()
        {
            using var fake = new ScriptedAwsServer();
            var ids = Enumerable.Range(1, 60).Select(i => $"service/prod/web{i}").ToList();
            fake.Enqueue("DescribeScalableTargets",
                ScriptedResponse.Json(new JsonObject { ["ScalableTargets"] = new JsonArray(Target(ids[0], 1, 2)), ["NextToken"] = "p2" }),
                ScriptedResponse.Json(new JsonObject { ["ScalableTargets"] = new JsonArray(Target(ids[1], 2, 4)) }),
                ScriptedResponse.Json(new JsonObject { ["ScalableTargets"] = new JsonArray(Target(ids[55], 0, 9)) }));
            var client = new ApplicationAutoScalingClient(TestConnections.For(fake), null);

            var found = client.DescribeServiceTargets(ids.Concat(new[] { ids[0] }), CancellationToken.None);

            Assert.Equal(new[] { ids[0], ids[1], ids[55] }, found.Select(t => t.ResourceId));
            var requests = fake.RequestsFor("DescribeScalableTargets");
            Assert.Equal(3, requests.Count);
            Assert.Equal(3, client.ReadRequests);
            Assert.Equal(50, requests[0].Json.GetProperty("ResourceIds").GetArrayLength());
            Assert.Equal("p2", requests[1].Json.GetProperty("NextToken").GetString());
            Assert.Equal(50, requests[1].Json.GetProperty("ResourceIds").GetArrayLength());
            Assert.Equal(10, requests[2].Json.GetProperty("ResourceIds").GetArrayLength());
            foreach (var request in fake.Requests)
            {
                ModelAssert.ValidRequest(Aas, request);
                ModelAssert.ValidResponse(Aas, request);
            }
            Assert.Empty(fake.Unscripted);
        }

        [Fact]
        public void The_request_count_label_joins_the_load_balancer_and_target_group_parts()
        {
            var label = ScalingResourceLabel.Of(
                "arn:aws:elasticloadbalancing:us-east-1:123456789012:loadbalancer/app/web-lb/50dc6c495c0c9188",
                "arn:aws:elasticloadbalancing:us-east-1:123456789012:targetgroup/web-tg/943f017f100becff");
            Assert.Equal("app/web-lb/50dc6c495c0c9188/targetgroup/web-tg/943f017f100becff", label);
        }

        [Theory]
        [InlineData("arn:aws:elasticloadbalancing:us-east-1:123456789012:loadbalancer/net/nlb/50dc6c495c0c9188", "arn:aws:elasticloadbalancing:us-east-1:123456789012:targetgroup/tg/943f017f100becff", "not an application load balancer")]
        [InlineData("arn:aws:elasticloadbalancing:us-east-1:123456789012:loadbalancer/app/lb/50dc6c495c0c9188", "arn:aws:ecs:us-east-1:123456789012:service/prod/web", "not a load balancer and a target group")]
        public void A_label_is_refused_for_anything_but_an_application_load_balancer_and_a_target_group(string lb, string tg, string message)
        {
            var error = Assert.Throws<ArgumentException>(() => ScalingResourceLabel.Of(lb, tg));
            Assert.Contains(message, error.Message);
        }
    }
}
