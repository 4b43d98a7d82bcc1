namespace EcsPS.Engine.Runtime
{
    /// <summary>
    /// Where and as whom to call AWS, as plain strings so that callers (the cmdlets) never name
    /// an SDK type. Anything left null falls back to the standard AWS chain.
    /// </summary>
    public sealed class AwsConnectionOptions
    {
        public string Region { get; set; }
        public string ProfileName { get; set; }
        /// <summary>Path of a shared credentials file holding ProfileName (profiles in the shared config file are found too).</summary>
        public string ProfileLocation { get; set; }
        public string AccessKey { get; set; }
        public string SecretKey { get; set; }
        public string SessionToken { get; set; }
        public string EndpointUrl { get; set; }

        /// <summary>Overrides the retry count (AWS_MAX_ATTEMPTS - 1 otherwise): server errors and
        /// lost connections get this many retries, throttling more (see RetryRules); 0 means none.</summary>
        public int? MaxErrorRetry { get; set; }

        /// <summary>How long one attempt may wait for its answer, in seconds; 0 waits for ever.
        /// Null: $env:ECSPS_TIMEOUT, the profile's cli_read_timeout, or 10 s.</summary>
        public double? TimeoutSec { get; set; }

        /// <summary>What backoff and pacing wait by (tests run them in virtual time).</summary>
        internal ITransportClock Clock { get; set; }
    }
}
