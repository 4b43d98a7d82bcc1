using System.Linq;
using System.Management.Automation;
using EcsPS.Tests.Support;
using EcsPS.TestFakes;
using Xunit;

namespace EcsPS.Tests
{
    /// <summary>
    /// ECS says "missing" in several ways for task definitions: a ClientException whose message
    /// says so (DeregisterTaskDefinition), a failure with a sentence for a reason
    /// (DeleteTaskDefinitions). The cmdlets turn each into the TaskDefinitionNotFoundException that
    /// Get-EcsTaskDefinitionX gives, and leave every other refusal as ECS put it. Shown here with
    /// answers worded as ECS words them; NotFound.Tests.ps1 shows moto's wording end to end.
    /// </summary>
    public class NotFoundTests : IClassFixture<PowerShellHost>
    {
        private const string Connection = " -Region us-east-1 -EndpointUrl $url -AccessKey AKIAECSPSXUNIT000001 -SecretKey xunit-secret";
        private readonly PowerShellHost _host;

        public NotFoundTests(PowerShellHost host) => _host = host;

        [Theory]
        [InlineData("The specified task definition does not exist.", "TaskDefinitionNotFoundException", ErrorCategory.ObjectNotFound)]
        [InlineData("Unable to describe task definition.", "TaskDefinitionNotFoundException", ErrorCategory.ObjectNotFound)]
        [InlineData("TaskDefinition is inactive", "ClientException", ErrorCategory.InvalidArgument)]
        public void Unregister_reports_a_missing_revision_as_Get_does_and_other_refusals_as_ECS_does(string message, string errorId, ErrorCategory category)
        {
            using (var server = new ScriptedAwsServer().Always("DeregisterTaskDefinition", ScriptedResponse.Error("ClientException", message)))
            {
                var result = _host.Run("Unregister-EcsTaskDefinitionX web:9 -Force" + Connection, Variables.Of(("url", server.Url)));

                Assert.Null(result.Terminating);
                var error = Assert.Single(result.Errors);
                Assert.StartsWith(errorId + ",", error.FullyQualifiedErrorId);
                Assert.Equal(category, error.CategoryInfo.Category);
                Assert.Equal("web:9", error.TargetObject);
                Assert.Single(server.RequestsFor("DeregisterTaskDefinition"));
            }
        }

        [Fact]
        public void Remove_reports_a_revision_ECS_says_does_not_exist_as_not_found_and_keeps_other_failures()
        {
            const string answer = """
                {
                  "taskDefinitions": [ { "taskDefinitionArn": "arn:aws:ecs:us-east-1:123456789012:task-definition/web:1", "family": "web", "revision": 1, "status": "DELETE_IN_PROGRESS" } ],
                  "failures": [
                    { "arn": "arn:aws:ecs:us-east-1:123456789012:task-definition/web:9", "reason": "The specified task definition does not exist. Specify a valid account, family, revision and try again." },
                    { "arn": "arn:aws:ecs:us-east-1:123456789012:task-definition/web:2", "reason": "The specified task definition is still in ACTIVE status. Please deregister the target and try again." }
                  ]
                }
                """;
            using (var server = new ScriptedAwsServer().Always("DeleteTaskDefinitions", ScriptedResponse.Json(answer)))
            {
                var result = _host.Run("'web:1', 'web:9', 'web:2' | Remove-EcsTaskDefinitionX -Force -PassThru" + Connection, Variables.Of(("url", server.Url)));

                Assert.Null(result.Terminating);
                Assert.Single(result.Output);
                Assert.Equal(2, result.Errors.Count);
                var missing = result.Errors.Single(e => "web:9".Equals(e.TargetObject));
                Assert.StartsWith("TaskDefinitionNotFoundException,", missing.FullyQualifiedErrorId);
                Assert.Equal(ErrorCategory.ObjectNotFound, missing.CategoryInfo.Category);
                var active = result.Errors.Single(e => "web:2".Equals(e.TargetObject));
                Assert.StartsWith("TaskDefinitionDeletedFailed,", active.FullyQualifiedErrorId);
                Assert.Contains("still in ACTIVE status", active.Exception.Message);
            }
        }
    }
}
