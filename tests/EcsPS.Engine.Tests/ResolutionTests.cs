using System;
using System.IO;
using System.Linq;
using System.Threading;
using EcsPS.Engine.Ecs;
using EcsPS.Engine.Runtime;
using EcsPS.Engine.Tests.Fakes;
using EcsPS.TestFakes;
using EcsPS.Engine.Tests.Support;
using Xunit;

namespace EcsPS.Engine.Tests
{
    /// <summary>
    /// How AwsClientFactory and ServiceChannel.EnsureConfigured turn explicit options, environment
    /// variables and profile files into a region, credentials and an endpoint — observed at the
    /// fake, in the Authorization header's credential scope and access key.
    /// </summary>
    [Collection(EnvironmentCollection.Name)]
    public sealed class ResolutionTests
    {
        private const string Secret = "resolution/secret/key/EXAMPLEKEY0000000000";

        private static ScriptedAwsServer NewFake()
        {
            var fake = new ScriptedAwsServer();
            fake.Always("ListClusters", EcsResponses.ListClusters(null, EcsResponses.ClusterArn("a")));
            return fake;
        }

        /// <summary>One ListClusters call; returns the request the fake saw.</summary>
        private static RecordedRequest Call(ScriptedAwsServer fake, AwsConnectionOptions options)
        {
            var trapBefore = TestEnvironment.StrayTrafficTrap.Requests.Count;
            var client = new EcsClient(options, null);
            Assert.Single(client.ListClusterArns(CancellationToken.None).SelectMany(p => p));
            Assert.Equal(trapBefore, TestEnvironment.StrayTrafficTrap.Requests.Count);
            return Assert.Single(fake.Requests);
        }

        private static AwsConnectionOptions Keys(string endpoint = null, string region = null) => new AwsConnectionOptions
        {
            AccessKey = "AKIDEXPLICIT", SecretKey = Secret, EndpointUrl = endpoint, Region = region,
        };

        private static AwsConfigurationException ConfigurationError(AwsConnectionOptions options)
            => Assert.Throws<AwsConfigurationException>(() => new EcsClient(options, null).EnsureConfigured());

        // ---- region ------------------------------------------------------------------------

        [Fact]
        public void An_explicit_region_wins_over_the_environment()
        {
            using var env = new EnvironmentScope().Set("AWS_REGION", "eu-west-1").Set("AWS_DEFAULT_REGION", "eu-central-1");
            using var fake = NewFake();
            Assert.Equal("us-west-2", Call(fake, Keys(fake.Url, "us-west-2")).Authorization.Region);
        }

        [Fact]
        public void AWS_REGION_comes_before_AWS_DEFAULT_REGION()
        {
            using var env = new EnvironmentScope().Set("AWS_REGION", "eu-west-1").Set("AWS_DEFAULT_REGION", "eu-central-1");
            using var fake = NewFake();
            Assert.Equal("eu-west-1", Call(fake, Keys(fake.Url)).Authorization.Region);
        }

        [Fact]
        public void AWS_DEFAULT_REGION_alone_is_used()
        {
            using var env = new EnvironmentScope().Set("AWS_DEFAULT_REGION", "eu-central-1");
            using var fake = NewFake();
            Assert.Equal("eu-central-1", Call(fake, Keys(fake.Url)).Authorization.Region);
        }

        [Fact]
        public void A_profiles_region_and_keys_come_from_the_shared_files()
        {
            using var env = new EnvironmentScope();
            using var files = new SharedAwsFiles(
                config: "[default]\nregion = us-east-2\n\n[profile dev]\nregion = ap-southeast-2\n",
                credentials: "[dev]\naws_access_key_id = AKIDPROFILEDEV\naws_secret_access_key = " + Secret + "\n");
            Assert.Equal(files.ConfigFile, Environment.GetEnvironmentVariable("AWS_CONFIG_FILE"));
            Assert.Equal(files.CredentialsFile, Environment.GetEnvironmentVariable("AWS_SHARED_CREDENTIALS_FILE"));
            using var fake = NewFake();

            var auth = Call(fake, new AwsConnectionOptions { ProfileName = "dev", EndpointUrl = fake.Url }).Authorization;

            Assert.Equal("ap-southeast-2", auth.Region);
            Assert.Equal("AKIDPROFILEDEV", auth.AccessKeyId);
        }

        [Fact]
        public void AWS_PROFILE_selects_the_profile_whose_region_is_used()
        {
            using var env = new EnvironmentScope().Set("AWS_PROFILE", "dev");
            using var files = new SharedAwsFiles(
                config: "[default]\nregion = us-east-2\n\n[profile dev]\nregion = ap-southeast-2\n",
                credentials: "[dev]\naws_access_key_id = AKIDPROFILEDEV\naws_secret_access_key = " + Secret + "\n");
            using var fake = NewFake();

            var auth = Call(fake, new AwsConnectionOptions { EndpointUrl = fake.Url }).Authorization;

            Assert.Equal("ap-southeast-2", auth.Region);
            Assert.Equal("AKIDPROFILEDEV", auth.AccessKeyId);
        }

        [Fact]
        public void ProfileLocation_reads_a_credentials_file_of_its_own()
        {
            // The shared files (AWS_CONFIG_FILE, AWS_SHARED_CREDENTIALS_FILE) know nothing of 'ci'.
            using var env = new EnvironmentScope();
            using var folder = new TempFolder();
            var credentialsFile = folder.WriteFile("credentials",
                "[ci]\naws_access_key_id = AKIDLOCATION\naws_secret_access_key = " + Secret + "\nregion = eu-north-1\n");
            using var fake = NewFake();

            var auth = Call(fake, new AwsConnectionOptions
            {
                ProfileName = "ci", ProfileLocation = credentialsFile, EndpointUrl = fake.Url,
            }).Authorization;

            Assert.Equal("AKIDLOCATION", auth.AccessKeyId);
            Assert.Equal("eu-north-1", auth.Region);
        }

        [Fact]
        public void No_region_anywhere_fails_before_any_request_and_says_how_to_set_one()
        {
            using var env = new EnvironmentScope(); // empty config and credentials files, no AWS_REGION
            Assert.Equal("true", Environment.GetEnvironmentVariable("AWS_EC2_METADATA_DISABLED"));
            using var fake = NewFake();

            foreach (var options in new[] { Keys(), Keys(fake.Url), new AwsConnectionOptions() })
            {
                var ex = ConfigurationError(options);
                Assert.Equal("NoRegion", ex.Reason);
                Assert.Contains("-Region", ex.Message);
                Assert.Contains("AWS_REGION", ex.Message);
                Assert.Contains("region = ", ex.Message);

                // The same from a call, not only from EnsureConfigured.
                var fromCall = Assert.Throws<AwsConfigurationException>(() =>
                    new EcsClient(options, null).ListClusterArns(CancellationToken.None).ToList());
                Assert.Equal("NoRegion", fromCall.Reason);
            }
            Assert.Empty(fake.Requests);
        }

        [Fact]
        public void A_profile_without_a_region_is_no_region_too()
        {
            using var env = new EnvironmentScope();
            using var files = new SharedAwsFiles(credentials: "[dev]\naws_access_key_id = AKIDPROFILEDEV\naws_secret_access_key = " + Secret + "\n");
            Assert.Equal("NoRegion", ConfigurationError(new AwsConnectionOptions { ProfileName = "dev" }).Reason);
        }

        [Fact]
        public void Pointing_AWS_CONFIG_FILE_elsewhere_after_the_SDK_loaded_is_not_seen()
        {
            // AWSSDK.Core reads AWS_CONFIG_FILE and AWS_SHARED_CREDENTIALS_FILE in a static
            // constructor: the paths in force when the process first used the SDK stay in force.
            using var env = new EnvironmentScope();
            using var folder = new TempFolder();
            env.Set("AWS_CONFIG_FILE", folder.WriteFile("config", "[profile late]\nregion = eu-west-3\n"))
               .Set("AWS_SHARED_CREDENTIALS_FILE", folder.WriteFile("credentials",
                    "[late]\naws_access_key_id = AKIDLATE\naws_secret_access_key = " + Secret + "\n"));

            Assert.Equal("ProfileNotFound", ConfigurationError(new AwsConnectionOptions { ProfileName = "late" }).Reason);
        }

        // ---- bad input -----------------------------------------------------------------------

        [Fact]
        public void An_unknown_profile_is_ProfileNotFound()
        {
            using var env = new EnvironmentScope();
            using var files = new SharedAwsFiles(config: "[profile dev]\nregion = us-east-1\n");
            var ex = ConfigurationError(new AwsConnectionOptions { ProfileName = "nosuchprofile", Region = "us-east-1" });
            Assert.Equal("ProfileNotFound", ex.Reason);
            Assert.Contains("nosuchprofile", ex.Message);

            using var folder = new TempFolder();
            var credentialsFile = folder.WriteFile("credentials", "[ci]\naws_access_key_id = AKIDLOCATION\naws_secret_access_key = " + Secret + "\n");
            var elsewhere = ConfigurationError(new AwsConnectionOptions
            {
                ProfileName = "nosuchprofile", ProfileLocation = credentialsFile, Region = "us-east-1",
            });
            Assert.Equal("ProfileNotFound", elsewhere.Reason);
            Assert.Contains(credentialsFile, elsewhere.Message);
        }

        [Theory]
        [InlineData("AKIDONLY", null, null)]
        [InlineData(null, Secret, null)]
        [InlineData(null, null, "TOKENONLY")]
        public void Incomplete_explicit_credentials_are_InvalidCredentials(string accessKey, string secretKey, string token)
        {
            using var env = new EnvironmentScope();
            var ex = ConfigurationError(new AwsConnectionOptions { AccessKey = accessKey, SecretKey = secretKey, SessionToken = token, Region = "us-east-1" });
            Assert.Equal("InvalidCredentials", ex.Reason);
            Assert.Contains("-AccessKey", ex.Message);
        }

        [Theory]
        [InlineData("US-EAST-1")]
        [InlineData("us east 1")]
        [InlineData("eu-west")]
        [InlineData("us-east-1/../x")]
        [InlineData("https://ecs.us-east-1.amazonaws.com")]
        public void A_malformed_region_is_InvalidRegion(string region)
        {
            using var env = new EnvironmentScope();
            var ex = ConfigurationError(Keys(region: region));
            Assert.Equal("InvalidRegion", ex.Reason);
            Assert.Contains(region, ex.Message);
            Assert.Contains("us-east-1", ex.Message);
        }

        [Theory]
        [InlineData("ftp://127.0.0.1:21")]
        [InlineData("not a url")]
        [InlineData("127.0.0.1:5000")]
        [InlineData("/relative/path")]
        public void A_malformed_endpoint_is_InvalidEndpoint(string endpoint)
        {
            using var env = new EnvironmentScope();
            var ex = ConfigurationError(Keys(endpoint, "us-east-1"));
            Assert.Equal("InvalidEndpoint", ex.Reason);
            Assert.Contains(endpoint, ex.Message);
        }

        // ---- endpoints -------------------------------------------------------------------------

        [Fact]
        public void AWS_ENDPOINT_URL_ECS_routes_requests()
        {
            using var fake = NewFake();
            using var env = new EnvironmentScope().Set("AWS_ENDPOINT_URL_ECS", fake.Url);
            Assert.Equal("eu-west-1", Call(fake, Keys(region: "eu-west-1")).Authorization.Region);
        }

        [Fact]
        public void AWS_ENDPOINT_URL_routes_requests()
        {
            using var fake = NewFake();
            using var env = new EnvironmentScope().Set("AWS_ENDPOINT_URL", fake.Url);
            Assert.Equal("eu-west-1", Call(fake, Keys(region: "eu-west-1")).Authorization.Region);
        }

        [Fact]
        public void The_service_specific_variable_wins_and_an_explicit_endpoint_wins_over_both()
        {
            using var specific = NewFake();
            using var general = NewFake();
            using var explicitFake = NewFake();
            using var env = new EnvironmentScope().Set("AWS_ENDPOINT_URL_ECS", specific.Url).Set("AWS_ENDPOINT_URL", general.Url);

            Call(specific, Keys(region: "us-east-1"));
            Assert.Empty(general.Requests);

            Call(explicitFake, Keys(explicitFake.Url, "us-east-1"));
            Assert.Single(specific.Requests);
            Assert.Empty(general.Requests);
        }

        [Fact]
        public void A_profiles_endpoint_url_routes_requests()
        {
            using var fake = NewFake();
            using var env = new EnvironmentScope();
            using var files = new SharedAwsFiles(config: $"[profile local]\nregion = us-east-1\nendpoint_url = {fake.Url}\n",
                credentials: "[local]\naws_access_key_id = AKIDLOCAL\naws_secret_access_key = " + Secret + "\n");

            var auth = Call(fake, new AwsConnectionOptions { ProfileName = "local" }).Authorization;
            Assert.Equal("AKIDLOCAL", auth.AccessKeyId);
            Assert.Equal("us-east-1", auth.Region);
        }

        [Fact]
        public void A_profiles_services_section_routes_ECS_requests()
        {
            using var fake = NewFake();
            using var env = new EnvironmentScope().Set("AWS_PROFILE", "local");
            using var files = new SharedAwsFiles(
                config: $"[profile local]\nregion = us-east-1\nservices = local-ecs\n\n[services local-ecs]\necs =\n  endpoint_url = {fake.Url}\n",
                credentials: "[local]\naws_access_key_id = AKIDLOCAL\naws_secret_access_key = " + Secret + "\n");

            Assert.Equal("AKIDLOCAL", Call(fake, new AwsConnectionOptions()).Authorization.AccessKeyId);
        }

        // ---- credentials -------------------------------------------------------------------------

        [Fact]
        public void Credentials_from_environment_variables()
        {
            using var fake = NewFake();
            using var env = new EnvironmentScope()
                .Set("AWS_ACCESS_KEY_ID", "AKIDFROMENV").Set("AWS_SECRET_ACCESS_KEY", Secret).Set("AWS_SESSION_TOKEN", "ENVTOKEN");

            var request = Call(fake, new AwsConnectionOptions { Region = "us-east-1", EndpointUrl = fake.Url });

            Assert.Equal("AKIDFROMENV", request.Authorization.AccessKeyId);
            Assert.Equal("ENVTOKEN", request.Header("X-Amz-Security-Token"));
        }

        [Fact]
        public void Explicit_keys_win_over_environment_variables()
        {
            using var fake = NewFake();
            using var env = new EnvironmentScope().Set("AWS_ACCESS_KEY_ID", "AKIDFROMENV").Set("AWS_SECRET_ACCESS_KEY", Secret);
            Assert.Equal("AKIDEXPLICIT", Call(fake, Keys(fake.Url, "us-east-1")).Authorization.AccessKeyId);
        }

        [Fact]
        public void Credentials_from_a_profiles_credential_process()
        {
            using var fake = NewFake();
            using var folder = new TempFolder();
            // What credential_process must print: version 1 JSON with keys, token and expiry.
            var json = "{\"Version\": 1, \"AccessKeyId\": \"AKIDPROCESS\", \"SecretAccessKey\": \"" + Secret + "\", " +
                "\"SessionToken\": \"PROCESSTOKEN\", \"Expiration\": \"2099-01-01T00:00:00Z\"}";
            string script;
            if (OperatingSystem.IsWindows())
                script = folder.WriteFile("creds.cmd", "@echo " + json + "\r\n");
            else
            {
                script = folder.WriteFile("creds.sh", "#!/bin/sh\necho '" + json + "'\n");
                File.SetUnixFileMode(script, UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.UserExecute);
            }
            using var env = new EnvironmentScope();
            using var files = new SharedAwsFiles(config: $"[profile proc]\nregion = us-east-1\ncredential_process = {script}\n");

            var request = Call(fake, new AwsConnectionOptions { ProfileName = "proc", EndpointUrl = fake.Url });

            Assert.Equal("AKIDPROCESS", request.Authorization.AccessKeyId);
            Assert.Equal("PROCESSTOKEN", request.Header("X-Amz-Security-Token"));
            Assert.Contains("x-amz-security-token", request.Authorization.SignedHeaders);
        }

        // ---- retries from the environment -----------------------------------------------------------

        [Fact]
        public void AWS_MAX_ATTEMPTS_is_honoured()
        {
            using var fake = new ScriptedAwsServer();
            fake.Always("ListClusters", ScriptedResponse.ServerError());
            using var env = new EnvironmentScope().Set("AWS_MAX_ATTEMPTS", "2");

            var ex = Assert.Throws<AwsServiceException>(() =>
                new EcsClient(Keys(fake.Url, "us-east-1"), null).ListClusterArns(CancellationToken.None).ToList());

            Assert.Equal("ServerException", ex.ErrorCode);
            Assert.Equal(500, ex.StatusCode);
            Assert.Equal(2, fake.Requests.Count);
        }
    }
}
