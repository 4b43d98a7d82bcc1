using System;
using System.Linq;
using System.Management.Automation;
using EcsPS.Engine.Runtime;
using EcsPS.Common;
using EcsPS.Ecs;
using EcsPS.TestFakes;
using EcsPS.Tests.Support;
using Xunit;

namespace EcsPS.Tests
{
    /// <summary>How service failures look to a PowerShell user: ErrorId = the service's code,
    /// a category scripts can rely on, the resource as TargetObject, the request id in the message.</summary>
    public class ErrorRecordTests : IClassFixture<PowerShellHost>
    {
        private readonly PowerShellHost _host;

        public ErrorRecordTests(PowerShellHost host) => _host = host;

        private static AwsServiceException ServiceError(string code, int status = 400, string message = "The service said no.")
            => new AwsServiceException("ECS", "DescribeClusters", code, message, "req-0123456789abcdef", status, null);

        [Theory]
        [InlineData("ClusterNotFoundException", 400, ErrorCategory.ObjectNotFound)]
        [InlineData("ServiceNotFoundException", 400, ErrorCategory.ObjectNotFound)]
        [InlineData("AccessDeniedException", 400, ErrorCategory.PermissionDenied)]
        [InlineData("ThrottlingException", 400, ErrorCategory.LimitsExceeded)]
        [InlineData("TooManyRequestsException", 429, ErrorCategory.LimitsExceeded)]
        [InlineData("LimitExceededException", 400, ErrorCategory.LimitsExceeded)]
        [InlineData("InvalidParameterException", 400, ErrorCategory.InvalidArgument)]
        [InlineData("ClientException", 400, ErrorCategory.InvalidArgument)]
        [InlineData("ClusterContainsServicesException", 400, ErrorCategory.ResourceBusy)]
        [InlineData("ClusterContainsTasksException", 400, ErrorCategory.ResourceBusy)]
        [InlineData("UnrecognizedClientException", 400, ErrorCategory.AuthenticationError)]
        [InlineData("ExpiredTokenException", 400, ErrorCategory.AuthenticationError)]
        [InlineData("ServerException", 500, ErrorCategory.ResourceUnavailable)]
        public void A_service_error_maps_to_its_category(string code, int status, ErrorCategory expected)
        {
            var record = ErrorRecords.FromService(ServiceError(code, status), "prod-web");

            Assert.Equal(expected, record.CategoryInfo.Category);
            Assert.Equal(code, record.FullyQualifiedErrorId);
            Assert.Equal("prod-web", record.TargetObject);
            Assert.IsType<AwsServiceException>(record.Exception);
            Assert.Contains("req-0123456789abcdef", record.Exception.Message);
            Assert.Contains("The service said no", record.Exception.Message);
        }

        [Theory]
        [InlineData("ClusterNotFoundException")]
        [InlineData("ClusterContainsServicesException")]
        [InlineData("ThrottlingException")]
        [InlineData("AccessDeniedException")]
        public void Errors_with_an_obvious_next_step_recommend_it(string code)
        {
            var error = ServiceError(code);
            var record = ErrorRecords.FromService(error, "prod-web", EcsErrorAdvice.For(error));
            Assert.False(string.IsNullOrWhiteSpace(record.ErrorDetails?.RecommendedAction), $"{code} should carry a recommended action.");
        }

        [Fact]
        public void A_MISSING_describe_failure_is_ClusterNotFoundException_ObjectNotFound_with_the_name_asked_for()
        {
            var record = ErrorRecords.FromFailure(new FailureRef("prod-web", "arn:aws:ecs:us-east-1:123456789012:cluster/prod-web", "MISSING", null), "cluster");

            Assert.Equal("ClusterNotFoundException", record.FullyQualifiedErrorId);
            Assert.Equal(ErrorCategory.ObjectNotFound, record.CategoryInfo.Category);
            Assert.Equal("prod-web", record.TargetObject);
            Assert.Contains("prod-web", record.Exception.Message);
        }

        [Fact]
        public void A_MISSING_failure_of_a_two_word_kind_gets_a_PascalCase_ErrorId()
        {
            var record = ErrorRecords.FromFailure(new FailureRef("web:3", null, "MISSING", null), "task definition");
            Assert.Equal("TaskDefinitionNotFoundException", record.FullyQualifiedErrorId);
            Assert.Equal(ErrorCategory.ObjectNotFound, record.CategoryInfo.Category);
        }

        [Fact]
        public void Another_describe_failure_keeps_its_reason_and_detail()
        {
            var record = ErrorRecords.FromFailure(new FailureRef("prod-web", null, "ACCESS_DENIED", "not allowed here"), "cluster");
            Assert.Equal("ACCESS_DENIED", record.FullyQualifiedErrorId);
            Assert.Equal("prod-web", record.TargetObject);
            Assert.Contains("not allowed here", record.Exception.Message);
            Assert.NotEqual(ErrorCategory.ObjectNotFound, record.CategoryInfo.Category);
        }

        [Theory]
        [InlineData("NoRegion", ErrorCategory.InvalidArgument)]
        [InlineData("InvalidRegion", ErrorCategory.InvalidArgument)]
        [InlineData("InvalidEndpoint", ErrorCategory.InvalidArgument)]
        [InlineData("ProfileNotFound", ErrorCategory.ObjectNotFound)]
        [InlineData("NoCredentials", ErrorCategory.AuthenticationError)]
        [InlineData("InvalidCredentials", ErrorCategory.AuthenticationError)]
        [InlineData("CredentialProcessFailed", ErrorCategory.AuthenticationError)]
        public void A_configuration_problem_maps_to_its_category(string reason, ErrorCategory expected)
        {
            var record = ErrorRecords.FromConfiguration(new AwsConfigurationException(reason, "Fix it like this."));
            Assert.Equal("Aws" + reason, record.FullyQualifiedErrorId);
            Assert.Equal(expected, record.CategoryInfo.Category);
        }

        // ---- end to end: a cmdlet in a runspace against a scripted loopback endpoint ----------

        [Fact]
        public void A_failing_credential_process_is_a_terminating_AuthenticationError_with_its_stderr_only_in_debug()
        {
            const string stderrSecret = "wJalrXUtnFEMIK7MDENGbPxRfiCYCMDLETSECRET";
            var folder = System.IO.Path.Combine(System.IO.Path.GetTempPath(), "ecsps-proc-" + Guid.NewGuid().ToString("N"));
            System.IO.Directory.CreateDirectory(folder);
            try
            {
                string script;
                if (OperatingSystem.IsWindows())
                {
                    script = System.IO.Path.Combine(folder, "fail.cmd");
                    System.IO.File.WriteAllText(script, "@echo token=" + stderrSecret + " 1>&2\r\n@exit /b 7\r\n");
                }
                else
                {
                    script = System.IO.Path.Combine(folder, "fail.sh");
                    System.IO.File.WriteAllText(script, "#!/bin/sh\necho 'token=" + stderrSecret + "' >&2\nexit 7\n");
                    System.IO.File.SetUnixFileMode(script, System.IO.UnixFileMode.UserRead | System.IO.UnixFileMode.UserWrite | System.IO.UnixFileMode.UserExecute);
                }
                // A -ProfileLocation file of its own: this process's environment stays as it is.
                var credentials = System.IO.Path.Combine(folder, "credentials");
                System.IO.File.WriteAllText(credentials, "[proc]\ncredential_process = " + script + "\n");

                using (var server = new ScriptedAwsServer().OnAny(_ => ScriptedResponse.Json("{\"clusterArns\":[]}")))
                using (var ps = PowerShell.Create())
                {
                    ps.Runspace = _host.Runspace;
                    ps.AddScript("try { Get-EcsClusterX -ProfileName proc -ProfileLocation $location -Region us-east-1 -EndpointUrl $url -Debug } " +
                                 "catch { $_ }");
                    ps.Runspace.SessionStateProxy.SetVariable("location", credentials);
                    ps.Runspace.SessionStateProxy.SetVariable("url", server.Url);
                    var record = ps.Invoke().Select(o => o.BaseObject).OfType<ErrorRecord>().Single();

                    Assert.Equal("AwsCredentialProcessFailed", record.FullyQualifiedErrorId.Split(',')[0]);
                    Assert.Equal(ErrorCategory.AuthenticationError, record.CategoryInfo.Category);
                    Assert.IsType<AwsConfigurationException>(record.Exception);
                    Assert.Null(record.Exception.InnerException);
                    Assert.Contains("exit code 7", record.Exception.Message);
                    Assert.DoesNotContain(stderrSecret, record.Exception.ToString());
                    Assert.DoesNotContain(stderrSecret, record.ToString());
                    Assert.Contains(ps.Streams.Debug, d => d.Message.Contains(stderrSecret));
                    Assert.Equal(0, server.Count);
                }
            }
            finally
            {
                System.IO.Directory.Delete(folder, true);
            }
        }

        private RunResult RunAgainst(ScriptedAwsServer server, string script, string target)
            => _host.Run(script + " -Region us-east-1 -EndpointUrl $url -AccessKey AKIAECSPSXUNIT000001 -SecretKey xunit-secret",
                Variables.Of(("url", server.Url), ("target", target)));

        [Theory]
        [InlineData("AccessDeniedException", "User: arn:aws:iam::123456789012:user/ci is not authorized to perform: ecs:DeleteCluster", ErrorCategory.PermissionDenied)]
        [InlineData("ClusterContainsServicesException", "The Cluster cannot be deleted while Services are active.", ErrorCategory.ResourceBusy)]
        [InlineData("InvalidParameterException", "Cluster name is invalid.", ErrorCategory.InvalidArgument)]
        [InlineData("ClusterNotFoundException", "Cluster not found.", ErrorCategory.ObjectNotFound)]
        public void Remove_EcsClusterX_reports_a_service_error_as_a_non_terminating_ErrorRecord(string code, string message, ErrorCategory expected)
        {
            using (var server = new ScriptedAwsServer().OnAny(_ => ScriptedResponse.Error(code, message)))
            {
                var result = RunAgainst(server, "$target, 'second-cluster' | Remove-EcsClusterX -Force -ErrorAction Continue", "prod-web");

                Assert.Null(result.Terminating);
                Assert.Equal(2, result.Errors.Count);            // the second pipeline item was still tried
                var record = result.Errors[0];
                Assert.StartsWith(code + ",", record.FullyQualifiedErrorId);
                Assert.Equal(expected, record.CategoryInfo.Category);
                Assert.Equal("prod-web", record.TargetObject);
                Assert.Equal("second-cluster", result.Errors[1].TargetObject);
                Assert.Contains(message.TrimEnd('.'), record.Exception.Message);
                var sent = server.Requests;
                Assert.Contains(sent[0].ResponseRequestId, record.Exception.Message);
                Assert.Contains(sent[1].ResponseRequestId, result.Errors[1].Exception.Message);
                Assert.Equal(new[] { "DeleteCluster", "DeleteCluster" }, server.Requests.Select(r => r.Operation));
            }
        }

        [Fact]
        public void Get_EcsClusterX_reports_failures_MISSING_as_ObjectNotFound_and_writes_the_clusters_found()
        {
            const string found = "{\"clusterArn\":\"arn:aws:ecs:us-east-1:123456789012:cluster/prod-web\",\"clusterName\":\"prod-web\",\"status\":\"ACTIVE\"}";
            using (var server = new ScriptedAwsServer().OnAny(_ => ScriptedResponse.Json(
                "{\"clusters\":[" + found + "],\"failures\":[{\"arn\":\"arn:aws:ecs:us-east-1:123456789012:cluster/gone\",\"reason\":\"MISSING\"}]}")))
            {
                var result = RunAgainst(server, "Get-EcsClusterX 'prod-web', $target", "gone");

                Assert.Null(result.Terminating);
                var cluster = Assert.Single(result.BaseObjects);
                Assert.Equal("prod-web", ((EcsPS.Engine.Ecs.Model.Cluster)cluster).ClusterName);
                var record = Assert.Single(result.Errors);
                Assert.StartsWith("ClusterNotFoundException,", record.FullyQualifiedErrorId);
                Assert.Equal(ErrorCategory.ObjectNotFound, record.CategoryInfo.Category);
                Assert.Equal("gone", record.TargetObject);
                Assert.Single(server.Requests);
            }
        }

        [Fact]
        public void Get_EcsClusterX_reports_a_name_the_service_leaves_out_silently_as_missing()
        {
            // Some implementations answer neither a cluster nor a failure for an unknown name.
            using (var server = new ScriptedAwsServer().OnAny(_ => ScriptedResponse.Json("{\"clusters\":[],\"failures\":[]}")))
            {
                var result = RunAgainst(server, "Get-EcsClusterX $target", "ghost");
                var record = Assert.Single(result.Errors);
                Assert.StartsWith("ClusterNotFoundException,", record.FullyQualifiedErrorId);
                Assert.Equal("ghost", record.TargetObject);
            }
        }

        [Fact]
        public void An_access_denied_list_is_reported_as_PermissionDenied()
        {
            using (var server = new ScriptedAwsServer().OnAny(_ => ScriptedResponse.Error("AccessDeniedException", "not authorized to perform: ecs:ListClusters")))
            {
                var result = RunAgainst(server, "Get-EcsClusterX", null);
                var record = Assert.Single(result.Errors);
                Assert.StartsWith("AccessDeniedException,", record.FullyQualifiedErrorId);
                Assert.Equal(ErrorCategory.PermissionDenied, record.CategoryInfo.Category);
                Assert.Empty(result.Output);
            }
        }
    }
}
