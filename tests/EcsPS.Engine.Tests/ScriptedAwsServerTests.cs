using System;
using System.Linq;
using System.Net;
using System.Net.Http;
using System.Text;
using System.Threading;
using EcsPS.Engine.Ecs;
using EcsPS.TestFakes;
using EcsPS.Engine.Tests.Support;
using Xunit;

namespace EcsPS.Engine.Tests
{
    internal static class HttpResponseText
    {
        public static string Text(this HttpResponseMessage response) => response.Content.ReadAsStringAsync().GetAwaiter().GetResult();
    }

    /// <summary>The fake itself: what it records and how it picks its answers.</summary>
    public sealed class ScriptedAwsServerTests
    {
        private static HttpResponseMessage Post(HttpClient http, ScriptedAwsServer fake, string operation, string body)
        {
            var request = new HttpRequestMessage(HttpMethod.Post, fake.Url + "/")
            {
                Content = new ByteArrayContent(Encoding.UTF8.GetBytes(body)),
            };
            request.Headers.TryAddWithoutValidation("X-Amz-Target", "AmazonEC2ContainerServiceV20141113." + operation);
            request.Content.Headers.TryAddWithoutValidation("Content-Type", "application/x-amz-json-1.1");
            return http.Send(request);
        }

        [Fact]
        public void Records_requests_and_answers_queue_before_handler_before_fallback()
        {
            using var fake = new ScriptedAwsServer();
            using var http = new HttpClient(new SocketsHttpHandler { UseProxy = false });
            fake.Enqueue("ListClusters", ScriptedResponse.Json("{\"clusterArns\":[\"first\"]}"));
            fake.Always("ListClusters", ScriptedResponse.Json("{\"clusterArns\":[\"handler\"]}"));
            fake.OnAny(r => ScriptedResponse.Error("Fallback", "for " + r.Operation));

            var first = Post(http, fake, "ListClusters", "{\"maxResults\":1}");
            var second = Post(http, fake, "ListClusters", "{}");
            var other = Post(http, fake, "DescribeClusters", "{}");

            Assert.Equal(HttpStatusCode.OK, first.StatusCode);
            Assert.Contains("first", first.Text());
            Assert.Contains("handler", second.Text());
            Assert.Equal(HttpStatusCode.BadRequest, other.StatusCode);
            Assert.Contains("for DescribeClusters", other.Text());

            var requests = fake.Requests;
            Assert.Equal(3, requests.Count);
            Assert.Equal(new[] { 1, 2, 3 }, requests.Select(r => r.Sequence));
            Assert.Equal("POST", requests[0].Method);
            Assert.Equal("/", requests[0].Path);
            Assert.Equal("ListClusters", requests[0].Operation);
            Assert.Equal("application/x-amz-json-1.1", requests[0].Header("content-type"));
            Assert.Equal(1, requests[0].Json.GetProperty("maxResults").GetInt32());
            Assert.Equal("fake-0001", first.Headers.GetValues("x-amzn-RequestId").Single());
            Assert.Equal("fake-0001", requests[0].ResponseRequestId);
            Assert.Equal("fake-0003", requests[2].ResponseRequestId);
            Assert.Empty(fake.Unscripted);
            Assert.Empty(fake.ServerErrors);
        }

        [Fact]
        public void Unscripted_operations_get_a_non_retryable_error_and_are_listed()
        {
            using var fake = new ScriptedAwsServer();
            using var http = new HttpClient(new SocketsHttpHandler { UseProxy = false });
            var response = Post(http, fake, "DeleteCluster", "{\"cluster\":\"x\"}");

            Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
            Assert.Contains("UnscriptedOperation", response.Text());
            Assert.Equal("DeleteCluster", Assert.Single(fake.Unscripted).Operation);
        }

        [Fact]
        public void Scripted_request_ids_and_dropped_connections()
        {
            using var fake = new ScriptedAwsServer();
            using var http = new HttpClient(new SocketsHttpHandler { UseProxy = false });
            fake.Enqueue("ListClusters",
                ScriptedResponse.Json("{}").WithRequestId("my-id"),
                ScriptedResponse.Json("{}").WithoutRequestId(),
                ScriptedResponse.Drop());

            Assert.Equal("my-id", Post(http, fake, "ListClusters", "{}").Headers.GetValues("x-amzn-RequestId").Single());
            Assert.False(Post(http, fake, "ListClusters", "{}").Headers.Contains("x-amzn-RequestId"));
            Assert.Throws<HttpRequestException>(() => Post(http, fake, "ListClusters", "{}"));
            Assert.True(fake.WaitForRequests(3, TimeSpan.FromSeconds(5)));
            Assert.Equal(3, fake.RequestsFor("ListClusters").Count);
        }

        [Fact]
        public void A_cut_short_answer_sends_its_head_and_part_of_its_body_then_resets()
        {
            using var fake = new ScriptedAwsServer();
            using var http = new HttpClient(new SocketsHttpHandler { UseProxy = false });
            fake.Enqueue("ListClusters", ScriptedResponse.Json("{\"clusterArns\":[]}").CutShort(5));

            using var message = new HttpRequestMessage(HttpMethod.Post, fake.Url + "/") { Content = new StringContent("{}") };
            message.Headers.TryAddWithoutValidation("X-Amz-Target", "AmazonEC2ContainerServiceV20141113.ListClusters");
            using var response = http.Send(message, HttpCompletionOption.ResponseHeadersRead);

            // The head arrived whole, with the length of the body that never will.
            Assert.Equal(HttpStatusCode.OK, response.StatusCode);
            Assert.Equal("{\"clusterArns\":[]}".Length, response.Content.Headers.ContentLength);
            // The body ends early (HttpClient reports it as an IOException, sometimes wrapped).
            var ex = Record.Exception(() => response.Content.ReadAsByteArrayAsync().GetAwaiter().GetResult());
            Assert.True(ex is System.IO.IOException || ex?.InnerException is System.IO.IOException, ex?.ToString() ?? "no exception");
            // It counts as answered: the request was read and acted on.
            Assert.NotNull(Assert.Single(fake.Requests).Response);
        }

        [Fact]
        public void The_engine_reaches_the_fake_and_the_fake_sees_a_signed_json_request()
        {
            using var fake = new ScriptedAwsServer();
            fake.Enqueue("ListClusters", ScriptedResponse.Json("{\"clusterArns\":[\"arn:aws:ecs:us-east-1:123456789012:cluster/a\"]}"));
            var client = new EcsClient(TestConnections.For(fake), null);

            var arns = client.ListClusterArns(CancellationToken.None).SelectMany(p => p).ToList();

            Assert.Equal("arn:aws:ecs:us-east-1:123456789012:cluster/a", Assert.Single(arns));
            var request = Assert.Single(fake.Requests);
            Assert.Equal("AmazonEC2ContainerServiceV20141113.ListClusters", request.Target);
            Assert.Equal("AKIDEXAMPLE", request.Authorization.AccessKeyId);
            Assert.Equal("us-east-1", request.Authorization.Region);
            Assert.Equal("ecs", request.Authorization.Service);
        }
    }
}
