using System;
using System.Collections.Generic;
using System.Linq;
using System.Net.Http;
using System.Security.Cryptography;
using System.Text;
using System.Threading;
using Amazon;
using Amazon.Runtime;
using Amazon.Runtime.Signing;
using EcsPS.Engine.Protocols;
using EcsPS.Engine.Protocols.Json;
using EcsPS.Engine.Ecs;
using EcsPS.Engine.Ecs.Model;
using EcsPS.Engine.Runtime;
using EcsPS.TestFakes;
using EcsPS.Engine.Tests.Support;
using Xunit;

namespace EcsPS.Engine.Tests
{
    /// <summary>
    /// The Engine's requests carry the signature botocore computes for them. botocore runs at test
    /// time (python3); without it these tests fail with a message saying what to install.
    /// </summary>
    public sealed class SigV4ParityTests
    {
        private static readonly DateTime SignedAt = new DateTime(2015, 8, 30, 12, 36, 0, DateTimeKind.Utc);

        [Fact]
        public void Marshalled_CreateCluster_signed_by_AWSSDK_Core_matches_botocore()
        {
            // The Engine's own serializer and marshaller produce the request...
            var body = EngineJson.Serialize(new CreateClusterRequest
            {
                ClusterName = "demo",
                Tags = new List<Tag> { new Tag("team", "x") },
            });
            Assert.Equal("{\"clusterName\":\"demo\",\"tags\":[{\"key\":\"team\",\"value\":\"x\"}]}", Encoding.UTF8.GetString(body));

            var encoded = WireProtocols.For(WireProtocol.Json).Encode(EcsClient.Descriptor, new AwsOperation("CreateCluster"), new CreateClusterRequest
            {
                ClusterName = "demo",
                Tags = new List<Tag> { new Tag("team", "x") },
            });
            Assert.Equal(body, encoded.Body);
            var marshalled = new EncodedRequestMarshaller(EcsClient.Descriptor).Marshall(new OperationRequest(new OperationCall(EcsClient.Descriptor, new AwsOperation("CreateCluster"), null), encoded));
            Assert.Equal("POST", marshalled.HttpMethod);
            Assert.Equal("/", marshalled.ResourcePath);
            Assert.Equal("AmazonEC2ContainerServiceV20141113.CreateCluster", marshalled.Headers["X-Amz-Target"]);
            Assert.Equal("application/x-amz-json-1.1", marshalled.Headers["Content-Type"]);

            var url = AwsServiceConfig.BuildRegionalUrl(EcsClient.Descriptor, "us-east-1", "amazonaws.com", false, false)
                      + marshalled.ResourcePath;
            Assert.Equal("https://ecs.us-east-1.amazonaws.com/", url);

            // ...AWSSDK.Core's public signer signs it at a fixed time...
            var signing = new AWSSigningRequest
            {
                HttpMethod = new HttpMethod(marshalled.HttpMethod),
                RequestUri = new Uri(url),
                Content = marshalled.Content,
            };
            foreach (var h in marshalled.Headers) signing.Headers[h.Key] = h.Value;
            var signed = AWSSigV4Signer.Sign(signing, new AWSSigV4Parameters
            {
                Credentials = new BasicAWSCredentials(TestConnections.AccessKey, TestConnections.SecretKey),
                Region = RegionEndpoint.USEast1,
                Service = new AwsServiceConfig(EcsClient.Descriptor).AuthenticationServiceName,
                SignedAt = SignedAt,
            });
            var sdkHeaders = new Dictionary<string, string>(signed.Headers, StringComparer.OrdinalIgnoreCase);
            Assert.Equal("20150830T123600Z", sdkHeaders["X-Amz-Date"]);
            Assert.Equal(Sha256Hex(body), sdkHeaders["X-Amz-Content-SHA256"]);

            // ...and botocore, given the same request and the same instant, signs it identically.
            var headers = new Dictionary<string, string>(marshalled.Headers)
            {
                ["X-Amz-Content-SHA256"] = sdkHeaders["X-Amz-Content-SHA256"],
            };
            var boto = Botocore.SignV4(new Botocore.SigningInput
            {
                Method = "POST",
                Url = url,
                Headers = headers,
                Body = body,
                AmzDate = "20150830T123600Z",
                AccessKey = TestConnections.AccessKey,
                SecretKey = TestConnections.SecretKey,
                Service = "ecs",
                Region = "us-east-1",
            });

            Assert.True(boto.Authorization == sdkHeaders["Authorization"],
                $"AWSSDK.Core: {sdkHeaders["Authorization"]}\nbotocore {boto.BotocoreVersion}: {boto.Authorization}\nbotocore canonical request:\n{boto.CanonicalRequest}");
            var auth = SigV4Authorization.TryParse(sdkHeaders["Authorization"]);
            Assert.Equal(new[] { "content-type", "host", "x-amz-content-sha256", "x-amz-date", "x-amz-target" }, auth.SignedHeaders);
            Assert.Equal("20150830/us-east-1/ecs", $"{auth.Date}/{auth.Region}/{auth.Service}");
        }

        [Theory]
        [InlineData(false)]
        [InlineData(true)]
        public void A_request_sent_through_EcsClient_carries_a_signature_botocore_reproduces(bool withSessionToken)
        {
            using var fake = new ScriptedAwsServer();
            fake.Always("CreateCluster", ScriptedResponse.Json(
                "{\"cluster\":{\"clusterArn\":\"arn:aws:ecs:eu-west-1:123456789012:cluster/demo\",\"clusterName\":\"demo\",\"status\":\"ACTIVE\"}}"));
            var options = TestConnections.For(fake);
            options.Region = "eu-west-1";
            if (withSessionToken) options.SessionToken = "FQoGZXIvYXdzEXAMPLETOKEN//+=";
            var client = new EcsClient(options, null);

            var cluster = client.CreateCluster(new CreateClusterRequest
            {
                ClusterName = "demo",
                Tags = new List<Tag> { new Tag("team", "x y"), new Tag("cost/centre", "éè+=") },
            }, CancellationToken.None).Cluster;
            Assert.Equal("demo", cluster.ClusterName);

            var request = Assert.Single(fake.Requests);
            var auth = request.Authorization;
            Assert.NotNull(auth);
            Assert.Equal("AWS4-HMAC-SHA256", auth.Algorithm);
            Assert.Equal(TestConnections.AccessKey, auth.AccessKeyId);
            Assert.Equal("eu-west-1", auth.Region);
            Assert.Equal("ecs", auth.Service);
            Assert.Contains("x-amz-target", auth.SignedHeaders);
            Assert.Contains("host", auth.SignedHeaders);
            Assert.Equal(withSessionToken, auth.SignedHeaders.Contains("x-amz-security-token"));
            if (withSessionToken) Assert.Equal(options.SessionToken, request.Header("X-Amz-Security-Token"));

            // Verify as a server would: botocore re-signs the recorded request (the headers the
            // client says it signed, the body it sent, hashed afresh) at the request's own x-amz-date.
            var input = VerificationInput(request, fake, options.SessionToken, "eu-west-1", "ecs");
            var boto = Botocore.SignV4(input);
            Assert.True(boto.Authorization == request.Header("Authorization"),
                $"sent: {request.Header("Authorization")}\nbotocore {boto.BotocoreVersion}: {boto.Authorization}\nbotocore canonical request:\n{boto.CanonicalRequest}");
            Assert.Equal(request.Header("X-Amz-Date"), boto.AmzDate);

            // The comparison can fail: one changed byte of the body gives another signature.
            var tampered = request.BodyBytes.ToArray();
            tampered[tampered.Length - 2] ^= 0x01;
            input.Body = tampered;
            Assert.NotEqual(request.Header("Authorization"), Botocore.SignV4(input).Authorization);
        }

        /// <summary>What a verifying server feeds its signer from a recorded request. A server signs
        /// as itself: pass the service's signing name (ecs, logs, ...); left out, it is the
        /// service the request's own credential scope names.</summary>
        internal static Botocore.SigningInput VerificationInput(RecordedRequest request, ScriptedAwsServer fake, string sessionToken, string region,
            string service = null)
        {
            var auth = request.Authorization;
            var headers = auth.SignedHeaders.ToDictionary(h => h, h => request.Header(h)
                ?? throw new InvalidOperationException($"The request signs '{h}' but does not send it."), StringComparer.OrdinalIgnoreCase);
            return new Botocore.SigningInput
            {
                Method = request.Method,
                Url = fake.Url + request.Path,
                Headers = headers,
                Body = request.BodyBytes,
                HashBody = headers.ContainsKey("x-amz-content-sha256"),
                AmzDate = request.Header("X-Amz-Date"),
                AccessKey = TestConnections.AccessKey,
                SecretKey = TestConnections.SecretKey,
                SessionToken = sessionToken,
                Service = service ?? auth.Service,
                Region = region,
            };
        }

        private static string Sha256Hex(byte[] data)
        {
            using var sha = SHA256.Create();
            return string.Concat(sha.ComputeHash(data).Select(b => b.ToString("x2")));
        }
    }
}
