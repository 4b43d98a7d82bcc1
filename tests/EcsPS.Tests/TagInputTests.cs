using System.Management.Automation;
using EcsPS.Ecs.AccountSettings;
using EcsPS.Ecs.Tags;
using EcsPS.Engine.Ecs.Model;
using Xunit;

namespace EcsPS.Tests
{
    /// <summary>Which ARNs take tags, which ARN a piped object stands for, and the account setting values.</summary>
    public class TagInputTests
    {
        private const string Account = "arn:aws:ecs:us-east-1:123456789012:";

        [Theory]
        [InlineData("cluster/prod", true)]
        [InlineData("cluster/prod/extra", false)]
        [InlineData("service/prod/web", true)]
        [InlineData("service/web", false)]
        [InlineData("service/prod/web.v2", false)]
        [InlineData("task-definition/web:3", true)]
        [InlineData("task-definition/web", false)]
        [InlineData("task-definition/web:0", false)]
        [InlineData("task-definition/web:x", false)]
        [InlineData("task/prod/0123456789abcdef0123456789abcdef", true)]
        [InlineData("task/prod/0b1e2f3a-4c5d-4e6f-8a9b-0c1d2e3f4a5b", true)]
        [InlineData("task/0123456789abcdef0123456789abcdef", false)]
        [InlineData("task/prod/web", false)]
        [InlineData("container-instance/prod/0123456789abcdef0123456789abcdef", true)]
        [InlineData("container-instance/0123456789abcdef0123456789abcdef", false)]
        [InlineData("capacity-provider/spot-pool", true)]
        [InlineData("task-set/prod/web/ecs-svc/1234567890123456789", true)]
        [InlineData("task-set/prod/web", false)]
        [InlineData("service-deployment/prod/web/abc", false)]
        public void Only_ECS_resources_that_take_tags_in_the_form_ECS_tags_pass(string resource, bool valid)
        {
            var message = TaggableResources.CheckArn(Account + resource);
            if (valid) Assert.Null(message);
            else Assert.NotNull(message);
        }

        [Theory]
        [InlineData("arn:aws-cn:ecs:cn-north-1:123456789012:cluster/prod", true)]
        [InlineData("arn:aws:ecr:us-east-1:123456789012:repository/web", false)]
        [InlineData("arn:aws:ecs:us-east-1:12345:cluster/prod", false)]
        [InlineData("prod", false)]
        [InlineData("", false)]
        public void Other_partitions_pass_and_other_services_and_names_do_not(string value, bool valid)
            => Assert.Equal(valid, TaggableResources.CheckArn(value) == null);

        [Fact]
        public void A_piped_object_stands_for_its_own_ARN_whatever_other_ARNs_it_carries()
        {
            var task = new Task
            {
                TaskArn = Account + "task/prod/0123456789abcdef0123456789abcdef",
                ClusterArn = Account + "cluster/prod",
                TaskDefinitionArn = Account + "task-definition/web:3",
                ContainerInstanceArn = Account + "container-instance/prod/fedcba9876543210fedcba9876543210",
            };
            var service = new Service { ServiceArn = Account + "service/prod/web", ClusterArn = Account + "cluster/prod" };
            var set = new TaskSet { TaskSetArn = Account + "task-set/prod/web/ecs-svc/1", ServiceArn = service.ServiceArn, ClusterArn = service.ClusterArn };

            Assert.Equal(task.TaskArn, TaggableResources.ArnOf(PSObject.AsPSObject(task), out _));
            Assert.Equal(service.ServiceArn, TaggableResources.ArnOf(PSObject.AsPSObject(service), out _));
            Assert.Equal(set.TaskSetArn, TaggableResources.ArnOf(set, out _));
            var row = new ResourceTag(service.ServiceArn, "owner", "payments");
            Assert.Equal(service.ServiceArn, TaggableResources.ArnOf(row, out _));
            Assert.Equal("prod/web", row.ResourceName);
            Assert.Equal("service", row.ResourceType);
        }

        [Fact]
        public void Other_objects_are_read_by_ResourceArn_then_Arn_and_else_refused_with_the_reason()
        {
            var both = new PSObject();
            both.Properties.Add(new PSNoteProperty("Arn", "second"));
            both.Properties.Add(new PSNoteProperty("ResourceArn", "first"));
            Assert.Equal("first", TaggableResources.ArnOf(both, out _));

            var none = new PSObject();
            none.Properties.Add(new PSNoteProperty("ClusterArn", Account + "cluster/prod"));
            Assert.Null(TaggableResources.ArnOf(none, out var problem));
            Assert.Contains("does not say which ECS resource", problem);

            Assert.Null(TaggableResources.ArnOf(new Service { ServiceName = "web" }, out problem));
            Assert.Contains("has no ServiceArn", problem);
        }

        [Theory]
        [InlineData("containerInsights", "Enhanced", "enhanced")]
        [InlineData("containerInsights", "on", null)]
        [InlineData("fargateTaskRetirementWaitPeriod", "14", "14")]
        [InlineData("fargateTaskRetirementWaitPeriod", "1", null)]
        [InlineData("tagResourceAuthorization", "ON", "on")]
        [InlineData("tagResourceAuthorization", "enabled", null)]
        [InlineData("defaultLogDriverMode", "non-blocking", "non-blocking")]
        [InlineData("serviceLongArnFormat", "disabled", "disabled")]
        [InlineData("awsvpcTrunking", "", null)]
        [InlineData("guardDutyActivate", "enabled", null)]
        public void Account_setting_values_are_checked_per_setting_and_sent_in_ECS_spelling(string name, string value, string sent)
        {
            var problem = AccountSettingRules.CheckValue(name, value, out var spelled);
            if (sent == null) Assert.NotNull(problem);
            else
            {
                Assert.Null(problem);
                Assert.Equal(sent, spelled);
            }
        }

        [Theory]
        [InlineData("arn:aws:iam::123456789012:root", true)]
        [InlineData("arn:aws:iam::123456789012:role/deploy", true)]
        [InlineData("arn:aws:iam::123456789012:role/service-role/deploy", true)]
        [InlineData("arn:aws:iam::123456789012:user/alice", true)]
        [InlineData("arn:aws:iam::123456789012:group/admins", false)]
        [InlineData("arn:aws:sts::123456789012:assumed-role/deploy/session", false)]
        [InlineData("arn:aws:iam:us-east-1:123456789012:role/deploy", false)]
        [InlineData("deploy", false)]
        public void Principals_are_IAM_users_roles_or_root(string value, bool valid)
            => Assert.Equal(valid, AccountSettingRules.CheckPrincipalArn(value) == null);
    }
}
