using System;
using System.Collections.Generic;
using System.Linq;
using System.Text;
using System.Threading;
using EcsPS.Engine.Ecr;
using EcsPS.Engine.Ecr.Model;
using EcsPS.Engine.Runtime;
using EcsPS.Engine.Tests.Support;
using EcsPS.TestFakes;
using Xunit;

namespace EcsPS.Engine.Tests
{
    /// <summary>
    /// How image references are read, what -PinDigest and Resolve-EcrImageX decide about each kind,
    /// ECR's whole-request not-found errors turned into one failure per name, and the login
    /// password kept out of every log line. Every request is held to botocore's ECR model.
    /// </summary>
    public sealed class EcrImageTests
    {
        private static readonly CancellationToken None = CancellationToken.None;
        private static readonly ServiceModel Model = ServiceModel.ForBotocore("ecr", "2015-09-21");
        private static string Digest(char c) => "sha256:" + new string(c, 64);

        private static EcrClient ClientFor(ScriptedAwsServer fake, IEngineLog log = null)
            => new EcrClient(TestConnections.For(fake, clock: new VirtualTransportClock()), log);

        private static void AssertValidTraffic(ScriptedAwsServer fake)
        {
            foreach (var request in fake.Requests)
            {
                ModelAssert.ValidRequest(Model, request);
                if (request.Response?.StatusCode < 300) ModelAssert.ValidResponse(Model, request);
            }
            Assert.Empty(fake.Unscripted);
        }

        [Theory]
        [InlineData("web:1.4.2", null, null, "web", "1.4.2", null, true)]
        [InlineData("web", null, null, "web", "latest", null, true)]
        [InlineData("team/api:v2", null, null, "team/api", "v2", null, true)]
        [InlineData("123456789012.dkr.ecr.eu-west-1.amazonaws.com/team/api:v2", "123456789012", "eu-west-1", "team/api", "v2", null, true)]
        [InlineData("123456789012.dkr.ecr-fips.us-gov-west-1.amazonaws.com/web:1", "123456789012", "us-gov-west-1", "web", "1", null, true)]
        [InlineData("123456789012.dkr.ecr.cn-north-1.amazonaws.com.cn/web:1", "123456789012", "cn-north-1", "web", "1", null, true)]
        [InlineData("docker.io/library/nginx:1.27", null, null, "library/nginx", "1.27", null, false)]
        [InlineData("public.ecr.aws/nginx/nginx:1.27", null, null, "nginx/nginx", "1.27", null, false)]
        [InlineData("localhost:5000/web:1", null, null, "web", "1", null, false)]
        public void References_are_read_as_ECR_and_docker_read_them(string image, string account, string region, string repository, string tag, string digest, bool isEcr)
        {
            var reference = EcrImageReference.TryParse(image, out var problem);
            Assert.Null(problem);
            Assert.Equal(isEcr, reference.IsEcr);
            Assert.Equal(repository, reference.RepositoryName);
            Assert.Equal(tag, reference.ImageTag);
            Assert.Equal(digest, reference.ImageDigest);
            Assert.Equal(account, reference.RegistryId);
            Assert.Equal(region, reference.Region);
        }

        [Fact]
        public void A_digest_reference_keeps_the_digest_and_no_tag()
        {
            var reference = EcrImageReference.TryParse("123456789012.dkr.ecr.us-east-1.amazonaws.com/web@" + Digest('a'), out _);
            Assert.Equal(Digest('a'), reference.ImageDigest);
            Assert.Null(reference.ImageTag);
            Assert.Equal("123456789012.dkr.ecr.us-east-1.amazonaws.com/web@" + Digest('b'), reference.PinnedTo(null, Digest('b')));
        }

        [Theory]
        [InlineData("Web:1", "is not an ECR repository name")]
        [InlineData("a:1", "is not an ECR repository name")]
        [InlineData("team//web:1", "is not an ECR repository name")]
        [InlineData("web:.hidden", "is not an image tag")]
        [InlineData("web@sha256:abc", "is not an image digest")]
        [InlineData("web@sha256:" + "A0000000000000000000000000000000000000000000000000000000000000000", "is not an image digest")]
        [InlineData("  ", "empty")]
        public void Bad_references_say_what_is_allowed(string image, string expected)
        {
            Assert.Null(EcrImageReference.TryParse(image, out var problem));
            Assert.Contains(expected, problem);
        }

        [Fact]
        public void Tags_of_128_characters_are_allowed_and_129_are_not()
        {
            Assert.True(EcrImageReference.IsTag(new string('a', 128)));
            Assert.False(EcrImageReference.IsTag(new string('a', 129)));
            Assert.True(EcrImageReference.IsRepositoryName(new string('a', 256)));
            Assert.False(EcrImageReference.IsRepositoryName(new string('a', 257)));
        }

        [Fact]
        public void Pinning_asks_the_account_and_region_the_URI_names_and_keeps_its_host()
        {
            using var fake = new ScriptedAwsServer();
            fake.Enqueue("DescribeImages", ScriptedResponse.Json(
                "{\"imageDetails\":[{\"registryId\":\"210987654321\",\"repositoryName\":\"base/nginx\",\"imageDigest\":\"" + Digest('d') + "\",\"imageTags\":[\"1.27\"]}]}"));
            var regions = new List<string>();
            var pinner = new EcrDigestPinner(region => { regions.Add(region); return ClientFor(fake); }, null);

            var pinned = pinner.Pin("210987654321.dkr.ecr.eu-west-1.amazonaws.com/base/nginx:1.27", None);

            Assert.Equal("210987654321.dkr.ecr.eu-west-1.amazonaws.com/base/nginx@" + Digest('d'), pinned);
            Assert.Equal(new[] { "eu-west-1" }, regions);
            var body = System.Text.Json.JsonDocument.Parse(fake.Requests[0].Body).RootElement;
            Assert.Equal("210987654321", body.GetProperty("registryId").GetString());
            Assert.Equal("1.27", body.GetProperty("imageIds")[0].GetProperty("imageTag").GetString());
            AssertValidTraffic(fake);
        }

        [Fact]
        public void Pinning_an_image_with_no_host_takes_the_registry_from_the_repository_URI()
        {
            using var fake = new ScriptedAwsServer();
            fake.Enqueue("DescribeImages", ScriptedResponse.Json("{\"imageDetails\":[{\"repositoryName\":\"web\",\"imageDigest\":\"" + Digest('e') + "\",\"imageTags\":[\"1.4.2\"]}]}"));
            fake.Enqueue("DescribeRepositories", ScriptedResponse.Json("{\"repositories\":[{\"repositoryName\":\"web\",\"repositoryUri\":\"123456789012.dkr.ecr.us-east-1.amazonaws.com/web\"}]}"));
            var pinned = new EcrDigestPinner(_ => ClientFor(fake), null).Pin("web:1.4.2", None);
            Assert.Equal("123456789012.dkr.ecr.us-east-1.amazonaws.com/web@" + Digest('e'), pinned);
            AssertValidTraffic(fake);
        }

        [Fact]
        public void A_missing_tag_is_not_found_and_images_outside_ECR_are_never_asked_about()
        {
            using var fake = new ScriptedAwsServer();
            fake.Enqueue("DescribeImages", ScriptedResponse.Error("ImageNotFoundException", "The image with imageId {imageDigest:'null', imageTag:'9.9'} does not exist"));
            var said = new List<string>();
            var pinner = new EcrDigestPinner(_ => ClientFor(fake), said.Add);

            var ex = Assert.Throws<EcrImageNotFoundException>(() => pinner.Pin("123456789012.dkr.ecr.us-east-1.amazonaws.com/web:9.9", None));
            Assert.Contains("has no image tagged '9.9'", ex.Message);
            Assert.Equal("public.ecr.aws/nginx/nginx:1.27", pinner.Pin("public.ecr.aws/nginx/nginx:1.27", None));
            Assert.Contains(said, s => s.Contains("not in a private ECR registry"));
            Assert.Equal(1, fake.Count);
            AssertValidTraffic(fake);
        }

        [Fact]
        public void A_hostless_image_ECR_does_not_have_is_left_alone_only_when_it_may_be_Docker_Hub_s()
        {
            using var fake = new ScriptedAwsServer();
            fake.Always("DescribeImages", ScriptedResponse.Error("RepositoryNotFoundException", "The repository with name 'nginx' does not exist in the registry with id '123456789012'"));
            Assert.Equal("nginx:1.27", new EcrDigestPinner(_ => ClientFor(fake), null, hostlessMayBeElsewhere: true).Pin("nginx:1.27", None));
            var strict = Assert.Throws<AwsServiceException>(() => new EcrDigestPinner(_ => ClientFor(fake), null).Pin("nginx:1.27", None));
            Assert.Equal("RepositoryNotFoundException", strict.ErrorCode);
            // A full ECR URI is never mistaken for Docker Hub's.
            Assert.Throws<AwsServiceException>(() => new EcrDigestPinner(_ => ClientFor(fake), null, hostlessMayBeElsewhere: true)
                .Pin("123456789012.dkr.ecr.us-east-1.amazonaws.com/nginx:1.27", None));
            AssertValidTraffic(fake);
        }

        [Fact]
        public void A_batch_of_repositories_that_fails_for_one_name_is_asked_again_name_by_name()
        {
            using var fake = new ScriptedAwsServer();
            fake.Enqueue("DescribeRepositories",
                ScriptedResponse.Error("RepositoryNotFoundException", "The repository with name 'gone' does not exist in the registry with id '123456789012'"),
                ScriptedResponse.Json("{\"repositories\":[{\"repositoryName\":\"web\"}]}"),
                ScriptedResponse.Error("RepositoryNotFoundException", "The repository with name 'gone' does not exist in the registry with id '123456789012'"));
            var results = ClientFor(fake).DescribeRepositories(null, new[] { "web", "gone" }, None).ToList();
            Assert.Equal(new[] { "web" }, results.SelectMany(r => r.Items).Select(r => r.RepositoryName));
            var failure = Assert.Single(results.SelectMany(r => r.Failures));
            Assert.Equal("gone", failure.Requested);
            Assert.True(failure.IsMissing);
            Assert.Equal(3, fake.Count);
            AssertValidTraffic(fake);
        }

        [Fact]
        public void Repository_listing_follows_nextToken()
        {
            using var fake = new ScriptedAwsServer();
            fake.Enqueue("DescribeRepositories",
                ScriptedResponse.Json("{\"repositories\":[{\"repositoryName\":\"a1\"}],\"nextToken\":\"t2\"}"),
                ScriptedResponse.Json("{\"repositories\":[{\"repositoryName\":\"b2\"}]}"));
            Assert.Equal(new[] { "a1", "b2" }, ClientFor(fake).ListRepositoryNames(null, None).SelectMany(p => p));
            Assert.Equal("t2", System.Text.Json.JsonDocument.Parse(fake.Requests[1].Body).RootElement.GetProperty("nextToken").GetString());
            AssertValidTraffic(fake);
        }

        [Fact]
        public void Images_sort_newest_first_with_unknown_push_times_last()
        {
            var images = new[]
            {
                new EcrImage { ImageDigest = Digest('1'), ImagePushedAt = new DateTime(2026, 1, 1) },
                new EcrImage { ImageDigest = Digest('2') },
                new EcrImage { ImageDigest = Digest('3'), ImagePushedAt = new DateTime(2026, 6, 1) },
            };
            Assert.Equal(new[] { Digest('3'), Digest('1'), Digest('2') }, EcrImage.NewestFirst(images).Select(i => i.ImageDigest));
            var detail = new ImageDetail { ImageDigest = Digest('4'), ImageSizeInBytes = 52428800, ImageScanFindingsSummary = new ImageScanFindingsSummary { FindingSeverityCounts = new Dictionary<string, int> { ["CRITICAL"] = 2 } } };
            var image = EcrImage.From(detail, "123456789012.dkr.ecr.us-east-1.amazonaws.com/web");
            Assert.Equal(52.43, image.SizeMB);
            Assert.Equal(2, image.Critical);
            Assert.Equal(0, image.High);
            Assert.Equal("123456789012.dkr.ecr.us-east-1.amazonaws.com/web@" + Digest('4'), image.ImageUri);
        }

        private sealed class RecordingLog : IEngineLog
        {
            public readonly List<string> Lines = new List<string>();
            public void Verbose(string message) => Lines.Add(message);
            public void Debug(string message) => Lines.Add(message);
        }

        [Fact]
        public void The_login_password_is_decoded_and_never_logged()
        {
            using var fake = new ScriptedAwsServer();
            var token = Convert.ToBase64String(Encoding.UTF8.GetBytes("AWS:PASSWORDSENTINEL"));
            fake.Enqueue("GetAuthorizationToken", ScriptedResponse.Json(
                "{\"authorizationData\":[{\"authorizationToken\":\"" + token + "\",\"expiresAt\":1900000000,\"proxyEndpoint\":\"https://123456789012.dkr.ecr.us-east-1.amazonaws.com\"}]}"));
            var log = new RecordingLog();
            var login = Assert.Single(ClientFor(fake, log).GetLogins(null, None));
            Assert.Equal("AWS", login.UserName);
            Assert.Equal("PASSWORDSENTINEL", login.Password);
            Assert.Equal("123456789012.dkr.ecr.us-east-1.amazonaws.com", login.Registry);
            Assert.NotEmpty(log.Lines);
            Assert.DoesNotContain(log.Lines, l => l.Contains("PASSWORDSENTINEL") || l.Contains(token));
            Assert.Equal("{\"authorizationData\":[{\"authorizationToken\":\"(redacted)\"}]}",
                LogRedaction.ForLog("ECR", Encoding.UTF8.GetBytes("{\"authorizationData\":[{\"authorizationToken\":\"" + token + "\"}]}"), 4096));
            AssertValidTraffic(fake);
        }

        [Fact]
        public void A_token_that_is_not_base64_fails_without_showing_it()
        {
            using var fake = new ScriptedAwsServer();
            fake.Enqueue("GetAuthorizationToken", ScriptedResponse.Json("{\"authorizationData\":[{\"authorizationToken\":\"TOKENSENTINEL!\"}]}"));
            var ex = Assert.Throws<InvalidOperationException>(() => ClientFor(fake).GetLogins(null, None));
            Assert.DoesNotContain("TOKENSENTINEL", ex.Message);
        }
    }
}
