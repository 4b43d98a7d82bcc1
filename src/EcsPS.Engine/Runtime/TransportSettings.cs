using System;
using System.Globalization;
using Amazon.Runtime.CredentialManagement;
using Amazon.Runtime.CredentialManagement.Internal;

namespace EcsPS.Engine.Runtime
{
    /// <summary>
    /// The transport's part of a client's configuration: how long one attempt may wait for its
    /// answer, and the retry settings that keep the SDK from re-sending on its own.
    /// </summary>
    internal static class TransportSettings
    {
        /// <summary>Seconds one attempt may wait; 0 waits for ever. Below -TimeoutSec, above the
        /// profile's cli_read_timeout.</summary>
        public const string TimeoutVariable = "ECSPS_TIMEOUT";

        /// <summary>The AWS CLI's per-profile read timeout in seconds (0: none); botocore's config
        /// file has no such key, so this is the one AWS tooling already writes.</summary>
        public const string ProfileTimeoutKey = "cli_read_timeout";

        public static void Apply(AwsServiceConfig config, AwsConnectionOptions options, CredentialProfile profile)
        {
            // The SDK re-sends a request whose pooled connection broke up to ten times, at once and
            // outside the attempt count (the "+10" sends, 11 even with AWS_MAX_ATTEMPTS=1). A broken
            // connection is not proof that nothing was received, so it counts as an attempt here
            // and waits its backoff like any other failure (TransportRetryPolicy).
            config.MaxStaleConnectionRetries = 0;
            // The SDK's shared retry quota is not consulted by TransportRetryPolicy; say so here too.
            config.ThrottleRetries = false;
            config.Timeout = AttemptTimeout(options, profile);
            if (options.Clock != null) config.Clock = options.Clock;
        }

        /// <summary>HttpClient's timeout for one attempt (connect, send, and wait for the answer's
        /// headers); InfiniteTimeSpan for "no timeout".</summary>
        public static TimeSpan AttemptTimeout(AwsConnectionOptions options, CredentialProfile profile)
        {
            if (options.TimeoutSec.HasValue)
                return FromSeconds(options.TimeoutSec.Value, "-TimeoutSec");
            var variable = Environment.GetEnvironmentVariable(TimeoutVariable);
            if (!string.IsNullOrWhiteSpace(variable))
                return FromSeconds(Parse(variable, "$env:" + TimeoutVariable), "$env:" + TimeoutVariable);
            var (fromProfile, profileName) = ProfileTimeout(profile);
            if (fromProfile != null)
                return FromSeconds(Parse(fromProfile, $"{ProfileTimeoutKey} in profile '{profileName}'"), ProfileTimeoutKey);
            return RetryRules.DefaultAttemptTimeout;
        }

        /// <summary>The profile's cli_read_timeout: of the profile given, or else of the one the
        /// environment selects (AWS_PROFILE, or default).</summary>
        private static (string Value, string Profile) ProfileTimeout(CredentialProfile profile)
        {
            if (profile == null)
            {
                try
                {
                    if (!new CredentialProfileStoreChain().TryGetProfile(AwsClientFactory.DefaultProfileName(), out profile)) return (null, null);
                }
                catch (Exception) { return (null, null); } // an unreadable profile file is the credential chain's to report
            }
            var value = CredentialProfileUtils.GetProperty(profile, ProfileTimeoutKey);
            return (string.IsNullOrWhiteSpace(value) ? null : value, profile.Name);
        }

        private static double Parse(string text, string source)
        {
            if (double.TryParse(text.Trim(), NumberStyles.Float, CultureInfo.InvariantCulture, out var seconds) && seconds >= 0 && !double.IsInfinity(seconds))
                return seconds;
            throw new AwsConfigurationException("InvalidTimeout",
                $"{source} is '{text}', which is not a number of seconds. Give a whole or decimal number such as 30 (0 waits for ever).");
        }

        private static TimeSpan FromSeconds(double seconds, string source)
        {
            if (seconds == 0) return System.Threading.Timeout.InfiniteTimeSpan;
            // HttpClient takes at most int.MaxValue milliseconds (24.8 days).
            if (seconds < 0.001 || seconds > int.MaxValue / 1000.0)
                throw new AwsConfigurationException("InvalidTimeout",
                    $"{source} is {seconds.ToString(CultureInfo.InvariantCulture)} seconds; give 0 (no timeout) or 0.001 to {int.MaxValue / 1000} seconds.");
            return TimeSpan.FromMilliseconds(Math.Round(seconds * 1000));
        }
    }
}
