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

        /// <summary>One ListClusters call; returns the one request it made the fake see.</summary>
        private static RecordedRequest Call(ScriptedAwsServer fake, AwsConnectionOptions options)
        {
            var trapBefore = TestEnvironment.StrayTrafficTrap.Requests.Count;
            var before = fake.Requests.Count;
            var client = new EcsClient(options, null);
            Assert.Single(client.ListClusterArns(CancellationToken.None).SelectMany(p => p));
            Assert.Equal(trapBefore, TestEnvironment.StrayTrafficTrap.Requests.Count);
            Assert.Equal(before + 1, fake.Requests.Count);
            return fake.Requests[fake.Requests.Count - 1];
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

        // ---- changes during a session -------------------------------------------------------

        [Fact]
        public void Profile_files_named_by_the_environment_during_a_session_are_used_on_the_next_call()
        {
            // A runbook that points the variables at its own files after import. AWSSDK.Core reads
            // them once per process; the Engine must read them for every call.
            using var env = new EnvironmentScope().Set("AWS_PROFILE", "late");
            using var fake = NewFake();
            using var files = new SharedAwsFiles(config: "[profile late]\nregion = us-east-2\n",
                credentials: "[late]\naws_access_key_id = AKIDFIRSTFILES\naws_secret_access_key = " + Secret + "\n");
            Assert.Equal("AKIDFIRSTFILES", Call(fake, new AwsConnectionOptions { EndpointUrl = fake.Url }).Authorization.AccessKeyId);

            using var folder = new TempFolder();
            env.Change("AWS_CONFIG_FILE", folder.WriteFile("config", "[profile late]\nregion = eu-west-3\n"))
               .Change("AWS_SHARED_CREDENTIALS_FILE", folder.WriteFile("credentials",
                    "[late]\naws_access_key_id = AKIDLATE\naws_secret_access_key = " + Secret + "\n"));

            var auth = Call(fake, new AwsConnectionOptions { EndpointUrl = fake.Url }).Authorization;
            Assert.Equal("AKIDLATE", auth.AccessKeyId);
            Assert.Equal("eu-west-3", auth.Region);

            // A named profile is looked up in the new files too.
            Assert.Equal("AKIDLATE", Call(fake, new AwsConnectionOptions { ProfileName = "late", EndpointUrl = fake.Url }).Authorization.AccessKeyId);
        }

        [Fact]
        public void The_SDK_still_has_the_two_path_properties_the_Engine_keeps_current()
        {
            // SharedConfigFiles writes the SDK's SharedCredentialsFile.DefaultFilePath and
            // DefaultConfigFilePath (private setters); a later AWSSDK.Core without them would
            // quietly bring back the paths of process start.
            Assert.True(SharedConfigFiles.CanApplyToSdk);
        }

        [Fact]
        public void An_edited_profile_is_read_again_and_unchanged_files_keep_their_client()
        {
            using var env = new EnvironmentScope();
            using var fake = NewFake();
            using var files = new SharedAwsFiles(config: "[profile dev]\nregion = us-east-1\n",
                credentials: "[dev]\naws_access_key_id = AKIDBEFORE\naws_secret_access_key = " + Secret + "\n");
            var options = new AwsConnectionOptions { ProfileName = "dev", EndpointUrl = fake.Url };
            Assert.Equal("AKIDBEFORE", Call(fake, options).Authorization.AccessKeyId);
            var first = AwsClientFactory.GetClient(EcsClient.Descriptor, options);
            Assert.Same(first, AwsClientFactory.GetClient(EcsClient.Descriptor, options));

            // Another length as well as another time, so that the change shows whatever the
            // file system's timestamp resolution.
            File.WriteAllText(files.CredentialsFile, "[dev]\naws_access_key_id = AKIDAFTEREDIT\naws_secret_access_key = " + Secret + "\n");
            File.WriteAllText(files.ConfigFile, "[profile dev]\nregion = ap-northeast-1\n");

            var auth = Call(fake, options).Authorization;
            Assert.Equal("AKIDAFTEREDIT", auth.AccessKeyId);
            Assert.Equal("ap-northeast-1", auth.Region);
            Assert.NotSame(first, AwsClientFactory.GetClient(EcsClient.Descriptor, options));
        }

        [Fact]
        public void AWS_PROFILE_changed_during_a_session_selects_the_new_profile_on_the_next_call()
        {
            using var env = new EnvironmentScope().Set("AWS_PROFILE", "one");
            using var fake = NewFake();
            using var files = new SharedAwsFiles(config: "[profile one]\nregion = us-east-1\n\n[profile two]\nregion = eu-central-1\n",
                credentials: "[one]\naws_access_key_id = AKIDONE\naws_secret_access_key = " + Secret + "\n" +
                             "[two]\naws_access_key_id = AKIDTWO\naws_secret_access_key = " + Secret + "\n");
            Assert.Equal("AKIDONE", Call(fake, new AwsConnectionOptions { EndpointUrl = fake.Url }).Authorization.AccessKeyId);

            env.Change("AWS_PROFILE", "two");
            var auth = Call(fake, new AwsConnectionOptions { EndpointUrl = fake.Url }).Authorization;
            Assert.Equal("AKIDTWO", auth.AccessKeyId);
            Assert.Equal("eu-central-1", auth.Region);
        }

        [Fact]
        public void An_AWS_PROFILE_that_names_no_profile_is_ProfileNotFound_naming_the_variable()
        {
            using var env = new EnvironmentScope().Set("AWS_PROFILE", "nosuchprofile").Set("AWS_REGION", "us-east-1");
            var ex = ConfigurationError(new AwsConnectionOptions());
            Assert.Equal("ProfileNotFound", ex.Reason);
            Assert.Contains("AWS_PROFILE='nosuchprofile' (from the environment)", ex.Message);

            // Keys given explicitly need no profile.
            using var fake = NewFake();
            Assert.Equal("AKIDEXPLICIT", Call(fake, Keys(fake.Url)).Authorization.AccessKeyId);
        }

        [Theory]
        [InlineData("AWS_USE_FIPS_ENDPOINT", "https://ecs-fips.us-east-1.amazonaws.com")]
        [InlineData("AWS_USE_DUALSTACK_ENDPOINT", "https://ecs.us-east-1.api.aws")]
        public void FIPS_and_dual_stack_variables_set_during_a_session_count_from_the_next_call(string variable, string url)
        {
            using var env = new EnvironmentScope();
            var options = Keys(region: "us-east-1");
            Assert.Equal("https://ecs.us-east-1.amazonaws.com", UrlOf(AwsClientFactory.GetClient(EcsClient.Descriptor, options)));

            env.Change(variable, "true");
            Assert.Equal(url, UrlOf(AwsClientFactory.GetClient(EcsClient.Descriptor, options)));

            env.Change(variable, "false");
            Assert.Equal("https://ecs.us-east-1.amazonaws.com", UrlOf(AwsClientFactory.GetClient(EcsClient.Descriptor, options)));
        }

        [Fact]
        public void AWS_IGNORE_CONFIGURED_ENDPOINT_URLS_set_during_a_session_counts_from_the_next_call()
        {
            using var fake = NewFake();
            using var env = new EnvironmentScope().Set("AWS_ENDPOINT_URL", fake.Url);
            var options = Keys(region: "eu-west-1");
            Assert.Equal(fake.Url.TrimEnd('/'), UrlOf(AwsClientFactory.GetClient(EcsClient.Descriptor, options)));

            env.Change("AWS_IGNORE_CONFIGURED_ENDPOINT_URLS", "true");
            Assert.Equal("https://ecs.eu-west-1.amazonaws.com", UrlOf(AwsClientFactory.GetClient(EcsClient.Descriptor, options)));

            // -EndpointUrl is not a configured URL: it is never ignored.
            Call(fake, Keys(fake.Url, "eu-west-1"));
        }

        [Fact]
        public void A_profiles_use_fips_endpoint_counts_and_the_variable_wins_over_it()
        {
            using var env = new EnvironmentScope();
            using var files = new SharedAwsFiles(config: "[profile gov]\nregion = us-east-1\nuse_fips_endpoint = true\n",
                credentials: "[gov]\naws_access_key_id = AKIDGOV\naws_secret_access_key = " + Secret + "\n");
            var options = new AwsConnectionOptions { ProfileName = "gov" };
            Assert.Equal("https://ecs-fips.us-east-1.amazonaws.com", UrlOf(AwsClientFactory.GetClient(EcsClient.Descriptor, options)));
            env.Change("AWS_USE_FIPS_ENDPOINT", "false");
            Assert.Equal("https://ecs.us-east-1.amazonaws.com", UrlOf(AwsClientFactory.GetClient(EcsClient.Descriptor, options)));
        }

        /// <summary>The URL the client's endpoint handler would send an operation to.</summary>
        private static string UrlOf(AwsServiceClient client)
        {
            var config = (AwsServiceConfig)client.Config;
            return config.DetermineServiceOperationEndpoint(
                new Amazon.Runtime.Endpoints.ServiceOperationEndpointParameters(new OperationRequest(new OperationCall(config.Service, new AwsOperation("Probe"), null), null))).URL.TrimEnd('/');
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

        [Theory]
        [InlineData("AWS_REGION", "us-east-1 ")]
        [InlineData("AWS_REGION", "US-EAST-1")]
        [InlineData("AWS_DEFAULT_REGION", "eu west 1")]
        [InlineData("AWS_DEFAULT_REGION", "https://ecs.us-east-1.amazonaws.com")]
        public void A_malformed_region_in_the_environment_is_InvalidRegion_naming_the_variable(string variable, string region)
        {
            using var env = new EnvironmentScope().Set(variable, region);
            using var fake = NewFake();
            var ex = ConfigurationError(Keys(fake.Url));
            Assert.Equal("InvalidRegion", ex.Reason);
            Assert.Contains($"{variable}='{region}' (from the environment) is not a region name", ex.Message);
            Assert.Contains("us-east-1", ex.Message);
            Assert.Empty(fake.Requests);
        }

        [Fact]
        public void A_malformed_region_in_a_profile_is_InvalidRegion_naming_the_profile_and_file()
        {
            using var env = new EnvironmentScope();
            using var files = new SharedAwsFiles(config: "[profile p]\nregion = xx\n",
                credentials: "[p]\naws_access_key_id = AKIDP\naws_secret_access_key = " + Secret + "\n");
            var ex = ConfigurationError(new AwsConnectionOptions { ProfileName = "p" });
            Assert.Equal("InvalidRegion", ex.Reason);
            Assert.Contains($"region 'xx' in profile 'p' of {files.ConfigFile}", ex.Message);

            // The same profile chosen by AWS_PROFILE.
            env.Set("AWS_PROFILE", "p");
            Assert.Contains("region 'xx' in profile 'p'", ConfigurationError(new AwsConnectionOptions()).Message);

            // -Region wins, so the profile's bad region does not matter then.
            Assert.Null(Record.Exception(() => new EcsClient(new AwsConnectionOptions { ProfileName = "p", Region = "us-east-1" }, null).EnsureConfigured()));
        }

        [Theory]
        [InlineData("AWS_ENDPOINT_URL", "not a url")]
        [InlineData("AWS_ENDPOINT_URL", "127.0.0.1:5000")]
        [InlineData("AWS_ENDPOINT_URL_ECS", "ftp://127.0.0.1:21")]
        [InlineData("AWS_ENDPOINT_URL_ECS", "/relative/path")]
        public void A_malformed_endpoint_in_the_environment_is_InvalidEndpoint_naming_the_variable(string variable, string endpoint)
        {
            using var env = new EnvironmentScope().Set(variable, endpoint);
            var ex = ConfigurationError(Keys(region: "us-east-1"));
            Assert.Equal("InvalidEndpoint", ex.Reason);
            Assert.Contains($"{variable}='{endpoint}' (from the environment) is not an http or https URL", ex.Message);
            Assert.Null(ex.InnerException);
        }

        [Fact]
        public void A_malformed_endpoint_url_in_a_profile_is_InvalidEndpoint_naming_the_profile()
        {
            using var env = new EnvironmentScope();
            using var files = new SharedAwsFiles(config: "[profile local]\nregion = us-east-1\nendpoint_url = 127.0.0.1:5000\n",
                credentials: "[local]\naws_access_key_id = AKIDLOCAL\naws_secret_access_key = " + Secret + "\n");
            var ex = ConfigurationError(new AwsConnectionOptions { ProfileName = "local" });
            Assert.Equal("InvalidEndpoint", ex.Reason);
            Assert.Contains($"endpoint_url '127.0.0.1:5000' in profile 'local' of {files.ConfigFile}", ex.Message);
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

        /// <summary>A credential_process that prints a secret-looking line to stderr and exits 3.</summary>
        private static string FailingProcess(TempFolder folder)
        {
            if (OperatingSystem.IsWindows())
                return folder.WriteFile("fail.cmd", "@echo token=" + ProcessStderrSecret + " 1>&2\r\n@exit /b 3\r\n");
            var script = folder.WriteFile("fail.sh", "#!/bin/sh\necho 'token=" + ProcessStderrSecret + "' >&2\nexit 3\n");
            File.SetUnixFileMode(script, UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.UserExecute);
            return script;
        }

        private const string ProcessStderrSecret = "wJalrXUtnFEMIK7MDENGbPxRfiCYSTDERRSECRET";

        [Theory]
        [InlineData(true)]
        [InlineData(false)]
        public void A_failing_credential_process_is_CredentialProcessFailed_with_the_exit_code_and_no_stderr(bool named)
        {
            using var fake = NewFake();
            using var folder = new TempFolder();
            using var env = new EnvironmentScope();
            if (!named) env.Set("AWS_PROFILE", "proc");
            using var files = new SharedAwsFiles(config: $"[profile proc]\nregion = us-east-1\ncredential_process = {FailingProcess(folder)}\n");
            var options = new AwsConnectionOptions { ProfileName = named ? "proc" : null, EndpointUrl = fake.Url };

            // Configuration checks pass (nothing has run the process yet); the first request runs it.
            new EcsClient(options, null).EnsureConfigured();
            var ex = Assert.Throws<AwsConfigurationException>(() => new EcsClient(options, null).ListClusterArns(CancellationToken.None).ToList());

            Assert.Equal("CredentialProcessFailed", ex.Reason);
            Assert.Contains("profile 'proc'", ex.Message);
            Assert.Contains("exit code 3", ex.Message);
            Assert.DoesNotContain(ProcessStderrSecret, ex.ToString());
            Assert.Null(ex.InnerException); // the SDK's exception, which quotes stderr, stays inside
            Assert.Contains(ProcessStderrSecret, ex.Detail);
            Assert.Empty(fake.Requests);
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

        [Fact]
        public void AWS_MAX_ATTEMPTS_1_means_one_send_even_when_the_connection_drops()
        {
            // Lost connections used to be re-sent ten extra times whatever the limit said.
            using var fake = new ScriptedAwsServer();
            fake.Always("ListClusters", ScriptedResponse.Drop());
            using var env = new EnvironmentScope().Set("AWS_MAX_ATTEMPTS", "1");

            var ex = Assert.Throws<AwsTransportException>(() =>
                new EcsClient(Keys(fake.Url, "us-east-1"), null).ListClusterArns(CancellationToken.None).ToList());

            Assert.Single(fake.Requests);
            Assert.Equal(1, ex.Attempts);
        }
    }
}
