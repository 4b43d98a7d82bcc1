using System;
using System.Collections.Generic;
using System.Linq;
using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;
using System.Threading;
using EcsPS.Engine.ApplicationAutoScaling;
using EcsPS.Engine.CloudWatchLogs;
using EcsPS.Engine.Ecr;
using EcsPS.Engine.Protocols.Json;
using EcsPS.Engine.Runtime;
using EcsPS.Engine.Tests.Support;
using EcsPS.TestFakes;
using Xunit;
using AppAutoScaling = EcsPS.Engine.ApplicationAutoScaling.Model;
using EcrModel = EcsPS.Engine.Ecr.Model;
using Logs = EcsPS.Engine.CloudWatchLogs.Model;
using CW = EcsPS.Engine.CloudWatch.Model;
using EcsPS.Engine.CloudWatch;

namespace EcsPS.Engine.Tests
{
    /// <summary>
    /// The three awsJson 1.1 services added beside ECS (Application Auto Scaling, ECR, CloudWatch
    /// Logs), each through its generated client to the loopback fake: the request is the one
    /// botocore would send (target, content type, body, SigV4 scope and signature, all computed by
    /// botocore at test time), an answer that sets every member of the output shape reads back
    /// whole, and a modelled error becomes an AwsServiceException.
    /// </summary>
    public sealed class JsonServicesTests
    {
        private const string Region = "eu-west-2";
        private const string RequestId = "5d6c3b2a-1111-4222-8333-abcdefabcdef";

        private static readonly Lazy<JsonElement> Facts = new Lazy<JsonElement>(
            () => Botocore.Services(EngineServices.All.Select(s => s.Botocore)));

        /// <summary>One operation of one service: the parameters as botocore takes them, and the same
        /// call made through the Engine's generated client.</summary>
        private sealed class Case
        {
            public Case(string service, string operation, JsonObject parameters, Func<AwsConnectionOptions, object> call)
            {
                Service = service;
                Operation = operation;
                Parameters = parameters;
                Call = call;
            }

            public string Service { get; }
            public string Operation { get; }
            public JsonObject Parameters { get; }
            public Func<AwsConnectionOptions, object> Call { get; }
        }

        private static readonly Dictionary<string, Case> Cases = new[]
        {
            new Case("application-autoscaling", "DescribeScalableTargets",
                new JsonObject
                {
                    ["ServiceNamespace"] = "ecs",
                    ["ResourceIds"] = new JsonArray("service/c/s"),
                    ["ScalableDimension"] = "ecs:service:DesiredCount",
                },
                options => new ApplicationAutoScalingClient(options, null).DescribeScalableTargets(new AppAutoScaling.DescribeScalableTargetsRequest
                {
                    ServiceNamespace = "ecs",
                    ResourceIds = new List<string> { "service/c/s" },
                    ScalableDimension = "ecs:service:DesiredCount",
                }, CancellationToken.None)),
            new Case("ecr", "DescribeRepositories",
                new JsonObject
                {
                    ["registryId"] = "123456789012",
                    ["repositoryNames"] = new JsonArray("app", "team/worker"),
                },
                options => new EcrClient(options, null).DescribeRepositories(new EcrModel.DescribeRepositoriesRequest
                {
                    RegistryId = "123456789012",
                    RepositoryNames = new List<string> { "app", "team/worker" },
                }, CancellationToken.None)),
            new Case("logs", "DescribeLogGroups",
                new JsonObject
                {
                    ["logGroupNamePrefix"] = "/ecs/",
                    ["limit"] = 50,
                },
                options => new CloudWatchLogsClient(options, null).DescribeLogGroups(new Logs.DescribeLogGroupsRequest
                {
                    LogGroupNamePrefix = "/ecs/",
                    Limit = 50,
                }, CancellationToken.None)),
            new Case("cloudwatch", "GetMetricData",
                new JsonObject
                {
                    ["MetricDataQueries"] = new JsonArray(new JsonObject
                    {
                        ["Id"] = "m0",
                        ["MetricStat"] = new JsonObject
                        {
                            ["Metric"] = new JsonObject
                            {
                                ["Namespace"] = "AWS/ECS",
                                ["MetricName"] = "CPUUtilization",
                                ["Dimensions"] = new JsonArray(new JsonObject { ["Name"] = "ClusterName", ["Value"] = "prod" }),
                            },
                            ["Period"] = 300,
                            ["Stat"] = "p90",
                        },
                    }),
                    ["StartTime"] = 1700000000,
                    ["EndTime"] = 1700010800,
                    ["ScanBy"] = "TimestampAscending",
                },
                options => new CloudWatchClient(options, null).GetMetricData(new CW.GetMetricDataRequest
                {
                    MetricDataQueries = new List<CW.MetricDataQuery>
                    {
                        new CW.MetricDataQuery
                        {
                            Id = "m0",
                            MetricStat = new CW.MetricStat
                            {
                                Metric = new CW.Metric
                                {
                                    Namespace = "AWS/ECS",
                                    MetricName = "CPUUtilization",
                                    Dimensions = new List<CW.Dimension> { new CW.Dimension { Name = "ClusterName", Value = "prod" } },
                                },
                                Period = 300,
                                Stat = "p90",
                            },
                        },
                    },
                    StartTime = DateTime.UnixEpoch.AddSeconds(1700000000),
                    EndTime = DateTime.UnixEpoch.AddSeconds(1700010800),
                    ScanBy = "TimestampAscending",
                }, CancellationToken.None)),
        }.ToDictionary(c => c.Service);

        private sealed class Exchanged
        {
            public RecordedRequest Request { get; set; }
            public JsonNode Answer { get; set; }
            public object Response { get; set; }
        }

        /// <summary>Sends the case's call to a fake that answers with a full sample of the output
        /// shape, and checks everything both ways against botocore.</summary>
        private static Exchanged Exchange(string service)
        {
            var test = Cases[service];
            var engine = EngineServices.Get(service);
            var model = engine.Model;
            var facts = Facts.Value.GetProperty(service);
            var signingName = facts.GetProperty("signingName").GetString();

            // The fake is held to the model as well: its answer covers and fits the output shape.
            var outputShape = model.OutputShapeOf(test.Operation);
            var answer = model.Sample(outputShape);
            using (var answerDoc = JsonDocument.Parse(answer.ToJsonString()))
            {
                ModelAssert.Fail(model.ValidateOutput(test.Operation, answerDoc.RootElement), $"the scripted {test.Operation} answer");
                ModelAssert.CoversShape(model, outputShape, answerDoc.RootElement);
            }

            using var fake = new ScriptedAwsServer();
            fake.Always(test.Operation, ScriptedResponse.Json(answer));
            var options = TestConnections.For(fake);
            options.Region = Region;
            var response = test.Call(options);
            Assert.NotNull(response);
            var request = Assert.Single(fake.Requests);

            // The wire format botocore's metadata prescribes...
            Assert.Equal(facts.GetProperty("targetPrefix").GetString() + "." + test.Operation, request.Target);
            Assert.Equal("application/x-amz-json-" + facts.GetProperty("jsonVersion").GetString(), request.Header("Content-Type"));
            Assert.Equal(test.Operation, ModelAssert.ValidRequest(model, request));

            // ...and exactly what botocore's serializer makes of the same parameters.
            var boto = Botocore.Serialize(service, test.Operation, test.Parameters);
            Assert.Equal(boto.Method, request.Method);
            Assert.Equal(boto.Path, request.Path);
            Assert.Equal(boto.Header("X-Amz-Target"), request.Target);
            Assert.Equal(boto.Header("Content-Type"), request.Header("Content-Type"));
            using (var botoBody = JsonDocument.Parse(boto.Body))
                ModelAssert.SameJson(botoBody.RootElement, request.Json, $"{test.Operation} body (botocore, then the Engine)");

            // Signed for the service's signing name and the region, as its servers verify it.
            var auth = request.Authorization;
            Assert.NotNull(auth);
            Assert.Equal(signingName, auth.Service);
            Assert.Equal(Region, auth.Region);
            Assert.Contains("x-amz-target", auth.SignedHeaders);
            var input = SigV4ParityTests.VerificationInput(request, fake, null, Region, signingName);
            var signed = Botocore.SignV4(input);
            Assert.True(signed.Authorization == request.Header("Authorization"),
                $"sent: {request.Header("Authorization")}\nbotocore {signed.BotocoreVersion}: {signed.Authorization}\nbotocore canonical request:\n{signed.CanonicalRequest}");

            // Everything the fake said is in the response model: written back out, it is the answer.
            ModelAssert.ValidResponse(model, request);
            using (var roundTrip = JsonDocument.Parse(EngineJson.Serialize(response)))
            using (var scripted = JsonDocument.Parse(answer.ToJsonString()))
                ModelAssert.SameJson(scripted.RootElement, roundTrip.RootElement, $"{test.Operation} answer (scripted, then read and written back)");
            var unset = ObjectCoverage.UnsetProperties(response, EngineJson.Options);
            Assert.True(unset.Count == 0, "left unset: " + string.Join(", ", unset));

            return new Exchanged { Request = request, Answer = answer, Response = response };
        }

        [Fact]
        public void Application_Auto_Scaling_DescribeScalableTargets_round_trips_as_botocore_sends_it()
        {
            var result = Exchange("application-autoscaling");
            var response = Assert.IsType<AppAutoScaling.DescribeScalableTargetsResponse>(result.Response);
            var target = Assert.Single(response.ScalableTargets);
            var scripted = result.Answer["ScalableTargets"][0];
            Assert.Equal(scripted["ResourceId"].GetValue<string>(), target.ResourceId);
            Assert.Equal(scripted["MinCapacity"].GetValue<long>(), (long?)target.MinCapacity);
            Assert.Equal(scripted["SuspendedState"]["DynamicScalingInSuspended"].GetValue<bool>(), target.SuspendedState.DynamicScalingInSuspended);
            // awsJson timestamps are epoch seconds; the fraction survives.
            Assert.Equal(DateTime.UnixEpoch.AddSeconds(scripted["CreationTime"].GetValue<double>()), target.CreationTime.Value.ToUniversalTime());
        }

        [Fact]
        public void ECR_DescribeRepositories_round_trips_as_botocore_sends_it()
        {
            var result = Exchange("ecr");
            var response = Assert.IsType<EcrModel.DescribeRepositoriesResponse>(result.Response);
            var repository = Assert.Single(response.Repositories);
            var scripted = result.Answer["repositories"][0];
            Assert.Equal(scripted["repositoryUri"].GetValue<string>(), repository.RepositoryUri);
            Assert.Equal(scripted["imageScanningConfiguration"]["scanOnPush"].GetValue<bool>(), repository.ImageScanningConfiguration.ScanOnPush);
            Assert.Equal(new[] { "app", "team/worker" }, result.Request.Json.GetProperty("repositoryNames").EnumerateArray().Select(e => e.GetString()));
        }

        [Fact]
        public void CloudWatch_Logs_DescribeLogGroups_round_trips_as_botocore_sends_it()
        {
            var result = Exchange("logs");
            var response = Assert.IsType<Logs.DescribeLogGroupsResponse>(result.Response);
            var group = Assert.Single(response.LogGroups);
            var scripted = result.Answer["logGroups"][0];
            Assert.Equal(scripted["logGroupName"].GetValue<string>(), group.LogGroupName);
            // CloudWatch Logs models creationTime as a long of epoch milliseconds, not a timestamp.
            Assert.Equal(scripted["creationTime"].GetValue<long>(), group.CreationTime);
            Assert.Equal(result.Answer["nextToken"].GetValue<string>(), response.NextToken);
            Assert.Equal(50, result.Request.Json.GetProperty("limit").GetInt32());
        }

        [Fact]
        public void CloudWatch_GetMetricData_round_trips_as_botocore_sends_it_in_JSON_1_0()
        {
            var result = Exchange("cloudwatch");
            var response = Assert.IsType<CW.GetMetricDataResponse>(result.Response);
            var series = Assert.Single(response.MetricDataResults);
            var scripted = result.Answer["MetricDataResults"][0];
            Assert.Equal(scripted["Values"][0].GetValue<double>(), series.Values[0]);
            Assert.Equal(DateTime.UnixEpoch.AddSeconds(scripted["Timestamps"][0].GetValue<double>()), series.Timestamps[0].ToUniversalTime());
            // Timestamps go out as epoch seconds, as JSON 1.0 writes them.
            Assert.Equal(1700000000, result.Request.Json.GetProperty("StartTime").GetDouble());
        }

        [Theory]
        [InlineData("cloudwatch", "InvalidNextToken")]
        [InlineData("application-autoscaling", "ValidationException")]
        [InlineData("ecr", "RepositoryNotFoundException")]
        [InlineData("logs", "InvalidParameterException")]
        public void A_modelled_error_becomes_an_AwsServiceException_with_code_message_and_request_id(string service, string error)
        {
            var test = Cases[service];
            var engine = EngineServices.Get(service);
            var model = engine.Model;
            Assert.Contains(error, model.ErrorsOf(test.Operation));
            var shape = model.Shape(error);
            Assert.False(shape.TryGetProperty("fault", out var fault) && fault.GetBoolean(), $"{error} is a server fault; pick a client error, which is not retried.");

            // The body as the service writes it: __type, and the message under the member name the
            // error shape uses (Application Auto Scaling says "Message", the others "message").
            const string message = "The thing you asked for is not there or not like that.";
            var messageMember = shape.GetProperty("members").EnumerateObject().Select(m => m.Name)
                .FirstOrDefault(n => string.Equals(n, "message", StringComparison.OrdinalIgnoreCase)) ?? "message";
            var members = new JsonObject { [messageMember] = message };
            if (shape.GetProperty("members").EnumerateObject().Any())
                using (var doc = JsonDocument.Parse(members.ToJsonString()))
                    ModelAssert.Fail(model.Validate(error, doc.RootElement), $"the scripted {error} body");
            members["__type"] = error;

            using var fake = new ScriptedAwsServer();
            fake.Always(test.Operation, ScriptedResponse.Json(members, 400).WithRequestId(RequestId));
            var options = TestConnections.For(fake, maxErrorRetry: 0);
            options.Region = Region;

            var ex = Assert.Throws<AwsServiceException>(() => test.Call(options));
            Assert.Equal(error, ex.ErrorCode);
            Assert.Equal(message, ex.ServiceMessage);
            Assert.Equal(RequestId, ex.RequestId);
            Assert.Equal(400, ex.StatusCode);
            Assert.Equal(Facts.Value.GetProperty(service).GetProperty("serviceId").GetString(), ex.ServiceId);
            Assert.Equal(engine.Descriptor.ServiceId, ex.ServiceId);
            Assert.Equal(test.Operation, ex.Operation);
            Assert.False(ex.IsThrottling);
            Assert.Contains(error, ex.Message);
            Assert.Contains(RequestId, ex.Message);
            Assert.Single(fake.Requests);
        }
    }
}
