using System.Linq;
using System.Threading;
using EcsPS.Engine.Ecs;
using EcsPS.Engine.Ecs.Model;
using EcsPS.Engine.Runtime;
using EcsPS.Engine.Tests.Support;
using EcsPS.TestFakes;
using Xunit;

namespace EcsPS.Engine.Tests
{
    /// <summary>
    /// The tag calls tell "this resource does not exist" (a null or false, which the cmdlets report
    /// as the resource type's not-found error) from every other refusal, in each of the ways ECS
    /// says it; account settings page at the API's limit. Every request is held to botocore's model.
    /// </summary>
    public sealed class TagAndSettingClientTests
    {
        private const string ClusterArn = "arn:aws:ecs:us-east-1:123456789012:cluster/prod";
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

        [Theory]
        [InlineData("ResourceNotFoundException", "The specified resource could not be found.")]
        [InlineData("ClusterNotFoundException", "Cluster not found.")]
        [InlineData("ServiceNotFoundException", "Service not found.")]
        [InlineData("ClientException", "Unable to describe task definition.")]
        [InlineData("InvalidParameterException", "The specified task does not exist.")]
        public void Each_way_ECS_says_missing_is_a_missing_resource(string code, string message)
        {
            using var fake = new ScriptedAwsServer();
            fake.Always("ListTagsForResource", ScriptedResponse.Error(code, message));
            fake.Always("TagResource", ScriptedResponse.Error(code, message));
            fake.Always("UntagResource", ScriptedResponse.Error(code, message));
            var ecs = ClientFor(fake);

            Assert.Null(ecs.FindResourceTags(ClusterArn, None));
            Assert.False(ecs.TagResourceIfFound(ClusterArn, new[] { new Tag("owner", "ops") }, None));
            Assert.False(ecs.UntagResourceIfFound(ClusterArn, new[] { "owner" }, None));
            // Not found is an answer, not a failure to retry.
            Assert.Equal(3, fake.Count);
            AssertValidTraffic(fake);
        }

        [Theory]
        [InlineData("InvalidParameterException", "Long arn format must be used for tagging operations")]
        [InlineData("AccessDeniedException", "User is not authorized to perform: ecs:TagResource")]
        [InlineData("LimitExceededException", "The number of tags exceeds the limit of 50.")]
        public void Other_refusals_stay_the_service_s_errors(string code, string message)
        {
            using var fake = new ScriptedAwsServer();
            fake.Always("TagResource", ScriptedResponse.Error(code, message));

            var ex = Assert.Throws<AwsServiceException>(() => ClientFor(fake).TagResourceIfFound(ClusterArn, new[] { new Tag("a", "b") }, None));

            Assert.Equal(code, ex.ErrorCode);
            AssertValidTraffic(fake);
        }

        [Fact]
        public void Tags_come_back_as_rows_of_the_resource()
        {
            using var fake = new ScriptedAwsServer();
            fake.Enqueue("ListTagsForResource", ScriptedResponse.Json("{\"tags\":[{\"key\":\"owner\",\"value\":\"payments\"},{\"key\":\"empty\"}]}"));

            var rows = ClientFor(fake).FindResourceTags(ClusterArn, None);

            Assert.Equal(new[] { "owner", "empty" }, rows.Select(r => r.Key));
            Assert.All(rows, r => Assert.Equal(ClusterArn, r.ResourceArn));
            Assert.Equal("", rows[1].Value);
            Assert.Equal("prod", rows[0].ResourceName);
            AssertValidTraffic(fake);
        }

        [Fact]
        public void Account_settings_page_ten_at_a_time_with_the_filter_on_every_page()
        {
            using var fake = new ScriptedAwsServer();
            fake.Enqueue("ListAccountSettings",
                ScriptedResponse.Json("{\"settings\":[{\"name\":\"containerInsights\",\"value\":\"enabled\",\"principalArn\":\"arn:aws:iam::123456789012:root\",\"type\":\"user\"}],\"nextToken\":\"t2\"}"),
                ScriptedResponse.Json("{\"settings\":[{\"name\":\"containerInsights\",\"value\":\"enhanced\",\"principalArn\":\"arn:aws:iam::123456789012:role/deploy\",\"type\":\"user\"}]}"));

            var settings = ClientFor(fake).ListAccountSettingPages(new ListAccountSettingsRequest { Name = "containerInsights", EffectiveSettings = true }, None)
                .SelectMany(p => p).ToList();

            Assert.Equal(new[] { "enabled", "enhanced" }, settings.Select(s => s.Value));
            var sent = fake.RequestsFor("ListAccountSettings");
            Assert.Equal(2, sent.Count);
            Assert.All(sent, r =>
            {
                Assert.Equal(10, r.Json.GetProperty("maxResults").GetInt32());
                Assert.Equal("containerInsights", r.Json.GetProperty("name").GetString());
                Assert.True(r.Json.GetProperty("effectiveSettings").GetBoolean());
            });
            Assert.Equal("t2", sent[1].Json.GetProperty("nextToken").GetString());
            AssertValidTraffic(fake);
        }
    }
}
