using System;
using System.Collections.Concurrent;
using System.IO;
using System.Security.Cryptography;
using System.Text;
using Amazon;
using Amazon.Runtime;
using Amazon.Runtime.CredentialManagement;

namespace EcsPS.Engine.Runtime
{
    /// <summary>
    /// Turns <see cref="AwsConnectionOptions"/> into a configured SDK client: explicit values
    /// first, then the standard chain (environment, shared files, SSO, process, container and
    /// instance roles). Clients are reused for the same effective settings so that connection
    /// pools, assumed-role and SSO credentials survive from one cmdlet call to the next; the
    /// settings are read afresh for every call (environment variables, which profile files, and
    /// their size and timestamp), so a change made during a session counts from the next command,
    /// as with the AWS CLI, although AWSSDK.Core reads several of them only once per process.
    /// </summary>
    internal static class AwsClientFactory
    {
        private static readonly ConcurrentDictionary<string, AwsServiceClient> Cache =
            new ConcurrentDictionary<string, AwsServiceClient>(StringComparer.Ordinal);

        private static readonly System.Runtime.CompilerServices.ConditionalWeakTable<ITransportClock, string> ClockIds =
            new System.Runtime.CompilerServices.ConditionalWeakTable<ITransportClock, string>();

        // The environment variables that change what the standard chain resolves to.
        private static readonly string[] ChainVariables =
        {
            "AWS_PROFILE", "AWS_DEFAULT_PROFILE", "AWS_REGION", "AWS_DEFAULT_REGION",
            "AWS_ACCESS_KEY_ID", "AWS_SECRET_ACCESS_KEY", "AWS_SESSION_TOKEN",
            "AWS_CONFIG_FILE", "AWS_SHARED_CREDENTIALS_FILE", "AWS_ENDPOINT_URL",
            "AWS_IGNORE_CONFIGURED_ENDPOINT_URLS", "AWS_MAX_ATTEMPTS", "AWS_RETRY_MODE",
            "AWS_USE_FIPS_ENDPOINT", "AWS_USE_DUALSTACK_ENDPOINT", "AWS_CONTAINER_CREDENTIALS_RELATIVE_URI",
            "AWS_CONTAINER_CREDENTIALS_FULL_URI", "AWS_WEB_IDENTITY_TOKEN_FILE", "AWS_ROLE_ARN",
            "AWS_SECRET_KEY", "AWS_ROLE_SESSION_NAME", "AWS_EC2_METADATA_DISABLED",
            TransportSettings.TimeoutVariable,
        };

        public static AwsServiceClient GetClient(ServiceDescriptor service, AwsConnectionOptions options)
        {
            options = options ?? new AwsConnectionOptions();
            ValidateExplicit(options);
            var files = SharedConfigFiles.Current();
            var key = CacheKey(service, options, files);
            return Cache.GetOrAdd(key, _ => Create(service, options, files));
        }

        /// <summary>Forget every cached client (tests, or after the user edits their profile files).</summary>
        public static void Reset()
        {
            foreach (var client in Cache.Values) client.Dispose();
            Cache.Clear();
        }

        internal static AwsServiceClient Create(ServiceDescriptor service, AwsConnectionOptions options)
            => Create(service, options, SharedConfigFiles.Current());

        private static AwsServiceClient Create(ServiceDescriptor service, AwsConnectionOptions options, SharedConfigFiles files)
        {
            var config = new AwsServiceConfig(service);
            var store = files.Store(options.ProfileLocation);
            var profile = FindProfile(options, files, store);
            if (profile != null)
                config.Profile = new Profile(profile.Name, options.ProfileLocation);

            var region = ResolveRegion(options, profile);
            if (region == null)
                throw NoRegion();
            if (!string.IsNullOrEmpty(options.EndpointUrl))
            {
                // ServiceURL and RegionEndpoint exclude each other in ClientConfig; with an explicit
                // URL the region only decides the signature, which must not be guessed from the host.
                config.ServiceURL = options.EndpointUrl;
                config.AuthenticationRegion = region.SystemName;
            }
            else
            {
                config.RegionEndpoint = region;
                // AWS_ENDPOINT_URL(_<SERVICE>) or a profile's endpoint_url may still replace the URL; the
                // SDK would then guess the signing region from that host (us-east-1 for 127.0.0.1).
                config.AuthenticationRegion = region.SystemName;
                // The SDK reads these three once per process; set from what is in force now.
                config.IgnoreConfiguredEndpointUrls = Flag("AWS_IGNORE_CONFIGURED_ENDPOINT_URLS") ?? profile?.Profile.IgnoreConfiguredEndpointUrls ?? false;
                CheckConfiguredEndpoint(config, service, profile, files);
            }
            config.UseFIPSEndpoint = Flag("AWS_USE_FIPS_ENDPOINT") ?? profile?.Profile.UseFIPSEndpoint ?? false;
            config.UseDualstackEndpoint = Flag("AWS_USE_DUALSTACK_ENDPOINT") ?? profile?.Profile.UseDualstackEndpoint ?? false;

            if (options.MaxErrorRetry.HasValue)
                config.MaxErrorRetry = options.MaxErrorRetry.Value;
            else
                ApplyRetryEnvironment(config);
            TransportSettings.Apply(config, options, profile?.Profile);

            return new AwsServiceClient(ResolveCredentials(options, profile, store), config);
        }

        /// <summary>A profile the SDK found, with where it was looked for and whether the user named it.</summary>
        private sealed class FoundProfile
        {
            public FoundProfile(CredentialProfile profile, string location, bool named, SharedConfigFiles files)
            {
                Profile = profile;
                Location = location;
                Named = named;
                Files = files;
            }

            public CredentialProfile Profile { get; }
            public string Name => Profile.Name;
            public string Location { get; }
            /// <summary>-ProfileName or -ProfileLocation, rather than AWS_PROFILE or 'default'.</summary>
            public bool Named { get; }
            public SharedConfigFiles Files { get; }

            /// <summary>"profile 'ci' of ~/.aws/config", naming the file that holds the setting.</summary>
            public string Describe(string key) => $"profile '{Name}' of {Files.FileHolding(Name, key, Location)}";
        }

        private static FoundProfile FindProfile(AwsConnectionOptions options, SharedConfigFiles files, CredentialProfileStoreChain store)
        {
            var named = !string.IsNullOrEmpty(options.ProfileName) || !string.IsNullOrEmpty(options.ProfileLocation);
            var name = string.IsNullOrEmpty(options.ProfileName) ? DefaultProfileName() : options.ProfileName;
            if (store.TryGetProfile(name, out var profile))
                return new FoundProfile(profile, options.ProfileLocation, named, files);

            if (named)
            {
                var where = string.IsNullOrEmpty(options.ProfileLocation)
                    ? $"the shared config and credentials files ({SharedConfigFiles.Display(files.ConfigPath)}, {SharedConfigFiles.Display(files.CredentialsPath)})"
                    : $"'{options.ProfileLocation}' (or the shared config file)";
                throw new AwsConfigurationException("ProfileNotFound",
                    $"The AWS profile '{name}' was not found in {where}. List the profiles you have with 'aws configure list-profiles', or pass -ProfileLocation to point at another credentials file.");
            }
            // A profile named by AWS_PROFILE must exist when it is where credentials would come
            // from (as the AWS CLI insists); the 'default' profile may be absent.
            var variable = ProfileVariable();
            if (variable != null && string.IsNullOrEmpty(options.AccessKey) && string.IsNullOrEmpty(Environment.GetEnvironmentVariable("AWS_ACCESS_KEY_ID")))
                throw new AwsConfigurationException("ProfileNotFound",
                    $"{variable}='{Environment.GetEnvironmentVariable(variable)}' (from the environment) names a profile that is in neither " +
                    $"{SharedConfigFiles.Display(files.ConfigPath)} nor {SharedConfigFiles.Display(files.CredentialsPath)}. " +
                    $"List the profiles you have with 'aws configure list-profiles', or point $env:AWS_CONFIG_FILE and $env:AWS_SHARED_CREDENTIALS_FILE at the files that hold it.");
            return null;
        }

        /// <summary>Reads a true/false environment variable the way the SDK and the AWS CLI do; null when unset or not a boolean.</summary>
        private static bool? Flag(string variable)
        {
            var value = Environment.GetEnvironmentVariable(variable);
            return bool.TryParse(value?.Trim(), out var flag) ? flag : (bool?)null;
        }

        /// <summary>
        /// Lets the SDK find a configured endpoint (AWS_ENDPOINT_URL_&lt;SERVICE&gt;, AWS_ENDPOINT_URL,
        /// the profile's [services] section, its endpoint_url) now rather than at the first request,
        /// and refuses one that is not an http(s) URL, naming where it came from; otherwise the bad
        /// value would only show as a connection failure.
        /// </summary>
        private static void CheckConfiguredEndpoint(AwsServiceConfig config, ServiceDescriptor service, FoundProfile profile, SharedConfigFiles files)
        {
            string url = null;
            var readable = true;
            try { url = config.ServiceURL; }
            catch (AmazonClientException) { readable = false; }
            if (readable && (url == null || IsHttpUrl(url))) return;

            throw new AwsConfigurationException("InvalidEndpoint",
                $"{EndpointSource(service, profile, files)} is not an http or https URL. Use an absolute URL such as " +
                "https://ecs.us-east-1.amazonaws.com or http://127.0.0.1:5000, or remove it.");
        }

        /// <summary>Where the SDK found the endpoint, in its order of precedence, for the message.</summary>
        private static string EndpointSource(ServiceDescriptor service, FoundProfile profile, SharedConfigFiles files)
        {
            foreach (var variable in new[] { service.EndpointVariable, "AWS_ENDPOINT_URL" })
            {
                var value = Environment.GetEnvironmentVariable(variable);
                if (value != null) return $"{variable}='{value}' (from the environment)";
            }
            if (profile != null && !string.IsNullOrEmpty(profile.Profile.Services))
                return $"The {service.ServiceId} endpoint_url in the [services {profile.Profile.Services}] section used by profile '{profile.Name}' of {SharedConfigFiles.Display(files.ConfigPath)}";
            if (profile != null && !string.IsNullOrEmpty(profile.Profile.EndpointUrl))
                return $"The endpoint_url '{profile.Profile.EndpointUrl}' in {profile.Describe("endpoint_url")}";
            return "The configured endpoint URL";
        }

        private static bool IsHttpUrl(string value)
            => Uri.TryCreate(value, UriKind.Absolute, out var uri) && (uri.Scheme == Uri.UriSchemeHttp || uri.Scheme == Uri.UriSchemeHttps);

        // The SDK reads AWS_MAX_ATTEMPTS and AWS_RETRY_MODE once per process (a static cache), so a
        // value set later in the session would be ignored; read them whenever a client is made.
        private static void ApplyRetryEnvironment(AwsServiceConfig config)
        {
            if (int.TryParse(Environment.GetEnvironmentVariable("AWS_MAX_ATTEMPTS"), System.Globalization.NumberStyles.Integer,
                    System.Globalization.CultureInfo.InvariantCulture, out var attempts) && attempts >= 1)
                config.MaxErrorRetry = attempts - 1;
            var mode = Environment.GetEnvironmentVariable("AWS_RETRY_MODE");
            if (!string.IsNullOrWhiteSpace(mode) && Enum.TryParse(mode.Trim(), true, out RequestRetryMode retryMode))
                config.RetryMode = retryMode;
        }

        internal static AwsConfigurationException NoRegion() => new AwsConfigurationException("NoRegion",
            "No AWS region is set. Pass -Region (for example -Region us-east-1), set $env:AWS_REGION, " +
            "or add 'region = us-east-1' to your profile in ~/.aws/config.");

        private static void ValidateExplicit(AwsConnectionOptions options)
        {
            var hasAccess = !string.IsNullOrEmpty(options.AccessKey);
            var hasSecret = !string.IsNullOrEmpty(options.SecretKey);
            if (hasAccess != hasSecret)
                throw new AwsConfigurationException("InvalidCredentials",
                    "-AccessKey and -SecretKey go together: pass both, or neither to use a profile or the environment.");
            if (!string.IsNullOrEmpty(options.SessionToken) && !hasAccess)
                throw new AwsConfigurationException("InvalidCredentials",
                    "-SessionToken needs -AccessKey and -SecretKey with it.");
            if (hasAccess && !string.IsNullOrEmpty(options.ProfileName))
                throw new AwsConfigurationException("InvalidCredentials",
                    "Pass either -ProfileName or -AccessKey/-SecretKey, not both.");
            if (!string.IsNullOrEmpty(options.Region) && !IsRegionName(options.Region))
                throw new AwsConfigurationException("InvalidRegion",
                    $"'{options.Region}' is not an AWS region name. Use a name such as us-east-1, eu-west-2 or ap-southeast-1.");
            if (!string.IsNullOrEmpty(options.EndpointUrl))
            {
                if (!IsHttpUrl(options.EndpointUrl))
                    throw new AwsConfigurationException("InvalidEndpoint",
                        $"'{options.EndpointUrl}' is not an http or https URL. Pass an absolute URL such as https://ecs.us-east-1.amazonaws.com or http://127.0.0.1:5000.");
            }
        }

        internal static bool IsRegionName(string region)
            => System.Text.RegularExpressions.Regex.IsMatch(region, "^[a-z]{2}(-[a-z]+)+-\\d{1,2}$|^[a-z0-9]+(-[a-z0-9]+){2,4}$");

        /// <summary>
        /// -Region, then a profile named with -ProfileName, then AWS_REGION, AWS_DEFAULT_REGION,
        /// the AWS_PROFILE (or default) profile, and instance metadata. A value that is not a region
        /// name is refused with where it came from, before any request.
        /// </summary>
        private static RegionEndpoint ResolveRegion(AwsConnectionOptions options, FoundProfile profile)
        {
            if (!string.IsNullOrEmpty(options.Region))
                return RegionEndpoint.GetBySystemName(options.Region);
            if (profile != null && profile.Named && profile.Profile.Region != null)
                return ProfileRegion(profile);

            foreach (var variable in new[] { "AWS_REGION", "AWS_DEFAULT_REGION" })
            {
                var value = Environment.GetEnvironmentVariable(variable);
                if (string.IsNullOrEmpty(value)) continue;
                if (!IsRegionName(value))
                    throw new AwsConfigurationException("InvalidRegion",
                        $"{variable}='{value}' (from the environment) is not a region name. Set it to a name such as us-east-1, " +
                        $"or remove it (Remove-Item Env:{variable}) to use -Region or the profile's region.");
                return RegionEndpoint.GetBySystemName(value);
            }

            if (profile != null && !profile.Named && profile.Profile.Region != null)
                return ProfileRegion(profile);

            // Instance metadata is the last resort, and only when it has not been switched off:
            // off EC2 the probe costs time at every fresh prompt.
            if (string.Equals(Environment.GetEnvironmentVariable("AWS_EC2_METADATA_DISABLED"), "true", StringComparison.OrdinalIgnoreCase))
                return null;
            try { return FallbackRegionFactory.GetRegionEndpoint(); }
            catch (Exception) { return null; }
        }

        private static RegionEndpoint ProfileRegion(FoundProfile profile)
        {
            var name = profile.Profile.Region.SystemName;
            if (!IsRegionName(name))
                throw new AwsConfigurationException("InvalidRegion",
                    $"The region '{name}' in {profile.Describe("region")} is not a region name. Change it to a name such as us-east-1 " +
                    $"(aws configure set region us-east-1 --profile {profile.Name}), or pass -Region.");
            return profile.Profile.Region;
        }

        /// <summary>
        /// The credentials a client signs with: -AccessKey/-SecretKey; a profile named with
        /// -ProfileName; else the SDK's standard chain in its order (environment keys, web identity,
        /// the AWS_PROFILE or default profile, container, instance). Each is the SDK's own
        /// credentials class, made over the files in force now, inside <see cref="SourcedCredentials"/>
        /// so that its failures name their source and never surface as an SDK exception.
        /// </summary>
        private static AWSCredentials ResolveCredentials(AwsConnectionOptions options, FoundProfile profile, CredentialProfileStoreChain store)
        {
            if (!string.IsNullOrEmpty(options.AccessKey))
            {
                return string.IsNullOrEmpty(options.SessionToken)
                    ? (AWSCredentials)new BasicAWSCredentials(options.AccessKey, options.SecretKey)
                    : new SessionAWSCredentials(options.AccessKey, options.SecretKey, options.SessionToken);
            }
            if (profile != null && profile.Named)
            {
                AWSCredentials fromProfile;
                try
                {
                    fromProfile = AWSCredentialsFactory.GetAWSCredentials(profile.Profile, store);
                }
                catch (Exception ex) when (!(ex is AwsConfigurationException))
                {
                    // The SDK's words name what is missing; its exception stays inside the Engine.
                    throw new AwsConfigurationException("InvalidCredentials",
                        $"The AWS profile '{profile.Name}' has no usable credentials: {ex.Message}");
                }
                return new SourcedCredentials("profile '" + profile.Name + "'", () => fromProfile);
            }

            if (!string.IsNullOrEmpty(Environment.GetEnvironmentVariable("AWS_ACCESS_KEY_ID")))
                return new SourcedCredentials("the environment (AWS_ACCESS_KEY_ID)", () => new EnvironmentVariablesAWSCredentials());
            if (!string.IsNullOrEmpty(Environment.GetEnvironmentVariable("AWS_WEB_IDENTITY_TOKEN_FILE")) &&
                !string.IsNullOrEmpty(Environment.GetEnvironmentVariable("AWS_ROLE_ARN")))
                return new SourcedCredentials("the environment (AWS_WEB_IDENTITY_TOKEN_FILE, AWS_ROLE_ARN)",
                    () => AssumeRoleWithWebIdentityCredentials.FromEnvironmentVariables());
            if (profile != null && profile.Profile.CanCreateAWSCredentials)
                return new SourcedCredentials("profile '" + profile.Name + "'", () => AWSCredentialsFactory.GetAWSCredentials(profile.Profile, store));
            if (!string.IsNullOrEmpty(Environment.GetEnvironmentVariable("AWS_CONTAINER_CREDENTIALS_RELATIVE_URI")) ||
                !string.IsNullOrEmpty(Environment.GetEnvironmentVariable("AWS_CONTAINER_CREDENTIALS_FULL_URI")))
                return new SourcedCredentials("the container credentials endpoint", () => new GenericContainerCredentials());
            if (!string.Equals(Environment.GetEnvironmentVariable("AWS_EC2_METADATA_DISABLED"), "true", StringComparison.OrdinalIgnoreCase))
                return new SourcedCredentials("the EC2 instance profile", () => new InstanceProfileAWSCredentials());

            // Reported at the first request, not before: -WhatIf needs no credentials.
            return new SourcedCredentials("nowhere", () => throw NoCredentials());
        }

        /// <param name="detail">What the SDK said, when it was the SDK that found none.</param>
        internal static AwsConfigurationException NoCredentials(string detail = null) => new AwsConfigurationException("NoCredentials",
            "No AWS credentials were found. Pass -ProfileName, or -AccessKey and -SecretKey, set " +
            "$env:AWS_PROFILE or $env:AWS_ACCESS_KEY_ID/$env:AWS_SECRET_ACCESS_KEY, or run 'aws configure' " +
            "(or 'aws sso login' for an SSO profile)." + (string.IsNullOrEmpty(detail) ? string.Empty : " Detail: " + detail));

        /// <summary>AWS_PROFILE or AWS_DEFAULT_PROFILE when one is set (the one in force), else null.</summary>
        private static string ProfileVariable()
        {
            if (!string.IsNullOrWhiteSpace(Environment.GetEnvironmentVariable("AWS_PROFILE"))) return "AWS_PROFILE";
            if (!string.IsNullOrWhiteSpace(Environment.GetEnvironmentVariable("AWS_DEFAULT_PROFILE"))) return "AWS_DEFAULT_PROFILE";
            return null;
        }

        internal static string DefaultProfileName()
        {
            var name = Environment.GetEnvironmentVariable("AWS_PROFILE");
            if (string.IsNullOrWhiteSpace(name)) name = Environment.GetEnvironmentVariable("AWS_DEFAULT_PROFILE");
            return string.IsNullOrWhiteSpace(name) ? "default" : name.Trim();
        }

        private static string CacheKey(ServiceDescriptor service, AwsConnectionOptions o, SharedConfigFiles files)
        {
            var sb = new StringBuilder();
            sb.Append(service.ServiceId).Append('\n')
              .Append(o.Region).Append('\n').Append(o.ProfileName).Append('\n').Append(o.ProfileLocation).Append('\n')
              .Append(o.AccessKey).Append('\n').Append(o.SecretKey).Append('\n').Append(o.SessionToken).Append('\n')
              .Append(o.EndpointUrl).Append('\n').Append(o.MaxErrorRetry).Append('\n')
              .Append(o.TimeoutSec?.ToString("R", System.Globalization.CultureInfo.InvariantCulture)).Append('\n')
              // A test's virtual clock gets clients (and pacers) of its own.
              .Append(o.Clock == null ? string.Empty : ClockIds.GetValue(o.Clock, _ => Guid.NewGuid().ToString("N"))).Append('\n');
            foreach (var v in ChainVariables)
                sb.Append(Environment.GetEnvironmentVariable(v)).Append('\n');
            sb.Append(Environment.GetEnvironmentVariable(service.EndpointVariable)).Append('\n');
            // Which profile files, and their content as of now: an edit makes a new client.
            sb.Append(files.Stamp(o.ProfileLocation)).Append('\n');
            // Hashed so that no secret sits in the dictionary as readable text.
            using (var sha = SHA256.Create())
                return Convert.ToBase64String(sha.ComputeHash(Encoding.UTF8.GetBytes(sb.ToString())));
        }
    }
}
