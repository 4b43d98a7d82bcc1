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
    /// pools, assumed-role and SSO credentials survive from one cmdlet call to the next.
    /// </summary>
    internal static class AwsClientFactory
    {
        private static readonly ConcurrentDictionary<string, AwsServiceClient> Cache =
            new ConcurrentDictionary<string, AwsServiceClient>(StringComparer.Ordinal);

        // The environment variables that change what the standard chain resolves to.
        private static readonly string[] ChainVariables =
        {
            "AWS_PROFILE", "AWS_DEFAULT_PROFILE", "AWS_REGION", "AWS_DEFAULT_REGION",
            "AWS_ACCESS_KEY_ID", "AWS_SECRET_ACCESS_KEY", "AWS_SESSION_TOKEN",
            "AWS_CONFIG_FILE", "AWS_SHARED_CREDENTIALS_FILE", "AWS_ENDPOINT_URL",
            "AWS_IGNORE_CONFIGURED_ENDPOINT_URLS", "AWS_MAX_ATTEMPTS", "AWS_RETRY_MODE",
            "AWS_USE_FIPS_ENDPOINT", "AWS_USE_DUALSTACK_ENDPOINT", "AWS_CONTAINER_CREDENTIALS_RELATIVE_URI",
            "AWS_CONTAINER_CREDENTIALS_FULL_URI", "AWS_WEB_IDENTITY_TOKEN_FILE", "AWS_ROLE_ARN",
        };

        public static AwsServiceClient GetClient(ServiceDescriptor service, AwsConnectionOptions options)
        {
            options = options ?? new AwsConnectionOptions();
            ValidateExplicit(options);
            var key = CacheKey(service, options);
            return Cache.GetOrAdd(key, _ => Create(service, options));
        }

        /// <summary>Forget every cached client (tests, or after the user edits their profile files).</summary>
        public static void Reset()
        {
            foreach (var client in Cache.Values) client.Dispose();
            Cache.Clear();
        }

        internal static AwsServiceClient Create(ServiceDescriptor service, AwsConnectionOptions options)
        {
            var config = new AwsServiceConfig(service);
            CredentialProfile profile = null;
            CredentialProfileStoreChain store = null;

            if (!string.IsNullOrEmpty(options.ProfileName) || !string.IsNullOrEmpty(options.ProfileLocation))
            {
                var name = string.IsNullOrEmpty(options.ProfileName) ? DefaultProfileName() : options.ProfileName;
                store = new CredentialProfileStoreChain(options.ProfileLocation);
                if (!store.TryGetProfile(name, out profile))
                {
                    var where = string.IsNullOrEmpty(options.ProfileLocation)
                        ? "the shared config and credentials files (~/.aws/config, ~/.aws/credentials)"
                        : $"'{options.ProfileLocation}' (or the shared config file)";
                    throw new AwsConfigurationException("ProfileNotFound",
                        $"The AWS profile '{name}' was not found in {where}. List the profiles you have with 'aws configure list-profiles', or pass -ProfileLocation to point at another credentials file.");
                }
                config.Profile = new Profile(name, options.ProfileLocation);
            }

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
            }

            if (options.MaxErrorRetry.HasValue)
                config.MaxErrorRetry = options.MaxErrorRetry.Value;
            else
                ApplyRetryEnvironment(config);

            var credentials = ResolveExplicitCredentials(options, profile, store);
            return credentials == null
                ? new AwsServiceClient(config)
                : new AwsServiceClient(credentials, config);
        }

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
                if (!Uri.TryCreate(options.EndpointUrl, UriKind.Absolute, out var uri) ||
                    (uri.Scheme != Uri.UriSchemeHttp && uri.Scheme != Uri.UriSchemeHttps))
                    throw new AwsConfigurationException("InvalidEndpoint",
                        $"'{options.EndpointUrl}' is not an http or https URL. Pass an absolute URL such as https://ecs.us-east-1.amazonaws.com or http://127.0.0.1:5000.");
            }
        }

        internal static bool IsRegionName(string region)
            => System.Text.RegularExpressions.Regex.IsMatch(region, "^[a-z]{2}(-[a-z]+)+-\\d{1,2}$|^[a-z0-9]+(-[a-z0-9]+){2,4}$");

        private static RegionEndpoint ResolveRegion(AwsConnectionOptions options, CredentialProfile profile)
        {
            if (!string.IsNullOrEmpty(options.Region))
                return RegionEndpoint.GetBySystemName(options.Region);
            if (profile?.Region != null)
                return profile.Region;

            foreach (var variable in new[] { "AWS_REGION", "AWS_DEFAULT_REGION" })
            {
                var value = Environment.GetEnvironmentVariable(variable);
                if (!string.IsNullOrWhiteSpace(value))
                    return RegionEndpoint.GetBySystemName(value.Trim());
            }

            var chain = new CredentialProfileStoreChain();
            if (chain.TryGetProfile(DefaultProfileName(), out var envProfile) && envProfile.Region != null)
                return envProfile.Region;

            // Instance metadata is the last resort, and only when it has not been switched off:
            // off EC2 the probe costs time at every fresh prompt.
            if (string.Equals(Environment.GetEnvironmentVariable("AWS_EC2_METADATA_DISABLED"), "true", StringComparison.OrdinalIgnoreCase))
                return null;
            try { return FallbackRegionFactory.GetRegionEndpoint(); }
            catch (Exception) { return null; }
        }

        private static AWSCredentials ResolveExplicitCredentials(AwsConnectionOptions options, CredentialProfile profile, CredentialProfileStoreChain store)
        {
            if (!string.IsNullOrEmpty(options.AccessKey))
            {
                return string.IsNullOrEmpty(options.SessionToken)
                    ? (AWSCredentials)new BasicAWSCredentials(options.AccessKey, options.SecretKey)
                    : new SessionAWSCredentials(options.AccessKey, options.SecretKey, options.SessionToken);
            }
            if (profile != null)
            {
                try
                {
                    return AWSCredentialsFactory.GetAWSCredentials(profile, store);
                }
                catch (Exception ex)
                {
                    throw new AwsConfigurationException("InvalidCredentials",
                        $"The AWS profile '{profile.Name}' has no usable credentials: {ex.Message}", ex);
                }
            }
            return null; // the SDK's default chain
        }

        internal static string DefaultProfileName()
        {
            var name = Environment.GetEnvironmentVariable("AWS_PROFILE");
            if (string.IsNullOrWhiteSpace(name)) name = Environment.GetEnvironmentVariable("AWS_DEFAULT_PROFILE");
            return string.IsNullOrWhiteSpace(name) ? "default" : name.Trim();
        }

        private static string CacheKey(ServiceDescriptor service, AwsConnectionOptions o)
        {
            var sb = new StringBuilder();
            sb.Append(service.ServiceId).Append('\n')
              .Append(o.Region).Append('\n').Append(o.ProfileName).Append('\n').Append(o.ProfileLocation).Append('\n')
              .Append(o.AccessKey).Append('\n').Append(o.SecretKey).Append('\n').Append(o.SessionToken).Append('\n')
              .Append(o.EndpointUrl).Append('\n').Append(o.MaxErrorRetry).Append('\n');
            foreach (var v in ChainVariables)
                sb.Append(Environment.GetEnvironmentVariable(v)).Append('\n');
            sb.Append(Environment.GetEnvironmentVariable(service.EndpointVariable)).Append('\n');
            // Hashed so that no secret sits in the dictionary as readable text.
            using (var sha = SHA256.Create())
                return Convert.ToBase64String(sha.ComputeHash(Encoding.UTF8.GetBytes(sb.ToString())));
        }
    }
}
