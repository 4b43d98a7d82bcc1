using System.Linq;
using System.Threading;
using EcsPS.Engine.Ecs;
using EcsPS.Engine.Runtime;
using EcsPS.TestFakes;
using EcsPS.Engine.Tests.Support;
using Xunit;

namespace EcsPS.Engine.Tests
{
    /// <summary>
    /// Every shape of error answer (awsJson, header-only, namespaced and suffixed codes, XML from
    /// moto's signature check, HTML and empty bodies from proxies) becomes an AwsServiceException
    /// with the right code, message, request id and status, and is never hidden.
    /// </summary>
    public sealed class ErrorMappingTests
    {
        private const string RequestId = "8a1b2c3d-0000-4000-8000-123456789abc";

        private static AwsServiceException Fail(ScriptedResponse answer, out ScriptedAwsServer fake)
        {
            fake = new ScriptedAwsServer();
            fake.Always("DescribeClusters", answer);
            // No retries: 5xx answers would otherwise be sent three times.
            var client = new EcsClient(TestConnections.For(fake, maxErrorRetry: 0), null);
            return Assert.Throws<AwsServiceException>(() => client.DescribeClusters(new[] { "prod" }, null, CancellationToken.None).ToList());
        }

        [Fact]
        public void An_awsJson_error_with_a_namespaced_type()
        {
            var ex = Fail(ScriptedResponse.Error("com.amazonaws.ecs#ClusterNotFoundException", "Cluster not found.").WithRequestId(RequestId), out var fake);
            using (fake)
            {
                Assert.Equal("ClusterNotFoundException", ex.ErrorCode);
                Assert.Equal("Cluster not found.", ex.ServiceMessage);
                Assert.Equal(RequestId, ex.RequestId);
                Assert.Equal(400, ex.StatusCode);
                Assert.Equal("ECS", ex.ServiceId);
                Assert.Equal("DescribeClusters", ex.Operation);
                Assert.False(ex.IsThrottling);
                // What a user reads: the service's words, the code and the request id to quote to support.
                Assert.Contains("Cluster not found.", ex.Message);
                Assert.Contains("ClusterNotFoundException", ex.Message);
                Assert.Contains(RequestId, ex.Message);
                Assert.DoesNotContain("com.amazonaws.ecs#", ex.Message);
                Assert.Single(fake.Requests);
            }
        }

        /// <summary>The exception and every exception inside it: what $_.Exception.InnerException shows.</summary>
        private static System.Collections.Generic.IEnumerable<System.Exception> Chain(System.Exception ex)
        {
            for (var e = ex; e != null; e = e.InnerException) yield return e;
        }

        [Fact]
        public void No_AWSSDK_exception_hides_inside_a_service_error()
        {
            var ex = Fail(ScriptedResponse.Error("ClusterNotFoundException", "Cluster not found."), out var fake);
            using (fake)
                Assert.DoesNotContain(Chain(ex), e => e.GetType().Namespace?.StartsWith("Amazon", System.StringComparison.Ordinal) == true);
        }

        [Fact]
        public void No_AWSSDK_exception_hides_inside_a_transport_failure()
        {
            using var fake = new ScriptedAwsServer();
            fake.Always("DescribeClusters", ScriptedResponse.Drop());
            var client = new EcsClient(TestConnections.For(fake, maxErrorRetry: 0, clock: new VirtualTransportClock()), null);
            var ex = Assert.Throws<AwsTransportException>(() => client.DescribeClusters(new[] { "prod" }, null, CancellationToken.None).ToList());
            Assert.DoesNotContain(Chain(ex), e => e.GetType().Namespace?.StartsWith("Amazon", System.StringComparison.Ordinal) == true);
            Assert.NotNull(ex.InnerException); // the .NET cause stays: it says what the network did
        }

        [Fact]
        public void The_request_id_the_fake_generates_reaches_the_exception()
        {
            var ex = Fail(ScriptedResponse.Error("ClusterNotFoundException", "Cluster not found."), out var fake);
            using (fake)
            {
                var sent = Assert.Single(fake.Requests).ResponseRequestId;
                Assert.False(string.IsNullOrEmpty(sent));
                Assert.Equal(sent, ex.RequestId);
                Assert.Contains(sent, ex.Message);
            }
        }

        [Theory]
        [InlineData("X-Amzn-Errortype")]
        [InlineData("x-amzn-ErrorType")]
        public void A_code_only_in_the_error_type_header(string headerName)
        {
            var answer = ScriptedResponse.Json("{\"message\":\"Cluster not found.\"}", 400)
                .WithHeader(headerName, "ClusterNotFoundException:http://internal.amazon.com/coral/com.amazonaws.ecs/")
                .WithRequestId(RequestId);
            var ex = Fail(answer, out var fake);
            using (fake)
            {
                Assert.Equal("ClusterNotFoundException", ex.ErrorCode);
                Assert.Equal("Cluster not found.", ex.ServiceMessage);
                Assert.Equal(RequestId, ex.RequestId);
                Assert.Equal(400, ex.StatusCode);
            }
        }

        [Fact]
        public void A_type_with_a_uri_suffix()
        {
            var ex = Fail(ScriptedResponse.Error("InvalidParameterException:http://internal.amazon.com/coral/com.amazon.coral.validate/",
                "1 validation error detected: Value null at 'cluster' failed to satisfy constraint"), out var fake);
            using (fake)
            {
                Assert.Equal("InvalidParameterException", ex.ErrorCode);
                Assert.StartsWith("1 validation error detected", ex.ServiceMessage);
            }
        }

        [Fact]
        public void A_Code_and_Message_in_pascal_case()
        {
            var ex = Fail(ScriptedResponse.Json("{\"__type\":\"AccessDeniedException\",\"Message\":\"User: arn:aws:iam::123456789012:user/bob is not authorized\"}", 400), out var fake);
            using (fake)
            {
                Assert.Equal("AccessDeniedException", ex.ErrorCode);
                Assert.Contains("is not authorized", ex.ServiceMessage);
            }
        }

        private const string MotoSignatureXml =
            "<?xml version=\"1.0\" encoding=\"utf-8\"?>\n<ErrorResponse><Errors><Error><Code>SignatureDoesNotMatch</Code>" +
            "<Message>The request signature we calculated does not match the signature you provided. Check your AWS Secret Access Key and signing method. Consult the service documentation for details.</Message>" +
            "<Type>Sender</Type></Error></Errors></ErrorResponse>";

        [Fact]
        public void An_XML_signature_error_as_moto_sends_it()
        {
            // moto: 403, Content-Type application/xml, X-Amzn-ErrorType, the XML body below.
            var answer = ScriptedResponse.Raw(403, "application/xml", MotoSignatureXml).WithHeader("X-Amzn-ErrorType", "SignatureDoesNotMatch");
            var ex = Fail(answer, out var fake);
            using (fake)
            {
                Assert.Equal("SignatureDoesNotMatch", ex.ErrorCode);
                Assert.StartsWith("The request signature we calculated does not match", ex.ServiceMessage);
                Assert.Equal(403, ex.StatusCode);
                Assert.Equal(Assert.Single(fake.Requests).ResponseRequestId, ex.RequestId);
            }
        }

        [Fact]
        public void An_XML_error_with_nothing_but_its_body()
        {
            var xml = MotoSignatureXml.Replace("</ErrorResponse>", "<RequestId>" + RequestId + "</RequestId></ErrorResponse>");
            var ex = Fail(ScriptedResponse.Raw(403, "text/xml", xml).WithoutRequestId(), out var fake);
            using (fake)
            {
                Assert.Equal("SignatureDoesNotMatch", ex.ErrorCode);
                Assert.StartsWith("The request signature we calculated", ex.ServiceMessage);
                Assert.Equal(RequestId, ex.RequestId);
                Assert.Contains(RequestId, ex.Message);
            }
        }

        [Fact]
        public void An_HTML_500_page()
        {
            const string html = "<!doctype html>\n<html lang=en>\n<title>500 Internal Server Error</title>\n<h1>Internal Server Error</h1>\n" +
                "<p>The server encountered an internal error and was unable to complete your request.</p>\n";
            var ex = Fail(ScriptedResponse.Raw(500, "text/html; charset=utf-8", html), out var fake);
            using (fake)
            {
                Assert.Equal(500, ex.StatusCode);
                Assert.Equal("InternalFailure", ex.ErrorCode);
                Assert.Contains("500", ex.ServiceMessage);
                Assert.DoesNotContain("<html", ex.Message);
            }
        }

        [Theory]
        [InlineData(400, "HttpStatus400")]
        [InlineData(404, "HttpStatus404")]
        [InlineData(503, "InternalFailure")]
        public void An_empty_body_keeps_its_status(int status, string code)
        {
            var ex = Fail(ScriptedResponse.Raw(status, null, "").WithRequestId(RequestId), out var fake);
            using (fake)
            {
                Assert.Equal(status, ex.StatusCode);
                Assert.Equal(code, ex.ErrorCode);
                Assert.Contains(status.ToString(), ex.ServiceMessage);
                Assert.Equal(RequestId, ex.RequestId);
            }
        }

        [Fact]
        public void Throttling_by_status_429_alone_counts_as_throttling()
        {
            var ex = Fail(ScriptedResponse.Raw(429, null, ""), out var fake);
            using (fake)
            {
                Assert.Equal(429, ex.StatusCode);
                Assert.True(ex.IsThrottling);
            }
        }
    }
}
