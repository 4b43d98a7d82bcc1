using System;
using System.Collections.Generic;
using System.Linq;
using Amazon;
using Amazon.Runtime;
using Amazon.Runtime.Endpoints;
using Amazon.Runtime.Internal;
using Amazon.Runtime.Internal.Endpoints.StandardLibrary;
using Amazon.Util.Internal;

namespace EcsPS.Engine.Runtime
{
    /// <summary>ClientConfig for any service described by a <see cref="ServiceDescriptor"/>.</summary>
    internal sealed class AwsServiceConfig : ClientConfig
    {
        private static readonly string EngineVersion =
            typeof(AwsServiceConfig).Assembly.GetName().Version?.ToString() ?? "0.0.0";

        // The SDK's own "standard" defaults: fixed, because "auto" may probe instance metadata
        // and stall an interactive prompt for seconds off EC2.
        private static readonly IDefaultConfiguration[] Defaults =
        {
            new DefaultConfiguration
            {
                Name = DefaultConfigurationMode.Standard,
                RetryMode = RequestRetryMode.Standard,
                S3UsEast1RegionalEndpoint = S3UsEast1RegionalEndpointValue.Regional,
                ConnectTimeout = TimeSpan.FromMilliseconds(3100),
                TlsNegotiationTimeout = TimeSpan.FromMilliseconds(3100),
            },
        };

        private readonly ServiceDescriptor _service;
        private readonly string _userAgent;
        private ITransportClock _clock = SystemTransportClock.Instance;
        private RequestPacer _pacer;

        public AwsServiceConfig(ServiceDescriptor service)
            : base(new DefaultConfigurationProvider(Defaults))
        {
            _service = service;
            ServiceId = service.ServiceId;
            AuthenticationServiceName = service.SigningName;
            _userAgent = InternalSDKUtils.BuildUserAgentString(service.ServiceId, "EcsPS/" + EngineVersion);
        }

        public ServiceDescriptor Service => _service;

        /// <summary>What the transport waits by (backoff, pacing); a virtual clock in tests.</summary>
        public ITransportClock Clock
        {
            get => _clock;
            set
            {
                _clock = value ?? SystemTransportClock.Instance;
                _pacer = null;
            }
        }

        /// <summary>The client's token buckets; one per config, so one per cached client.</summary>
        public RequestPacer Pacer => _pacer ?? (_pacer = new RequestPacer(_clock));

        /// <summary>The attempt limits, from MaxErrorRetry (the configured attempts less one).</summary>
        public RetryRules RetryRules => new RetryRules(MaxErrorRetry + 1);

        public override string RegionEndpointServiceName => _service.EndpointPrefix;

        public override string ServiceVersion => _service.ApiVersion;

        public override string UserAgent => _userAgent;

        /// <summary>
        /// The rules the regional AWS services here follow: an explicit or environment-configured
        /// URL wins; otherwise https://{prefix}.{region}.{partition suffix}, with the service's
        /// FIPS host label for FIPS (its standard one where that is FIPS already) and the
        /// partition's dual-stack suffix ({region}.api.aws in the aws partition) for dual-stack.
        /// </summary>
        public override Endpoint DetermineServiceOperationEndpoint(ServiceOperationEndpointParameters parameters)
        {
            if (!string.IsNullOrEmpty(ServiceURL))
                return new Endpoint(ServiceURL);

            var region = parameters?.AlternateEndpoint ?? RegionEndpoint;
            if (region == null)
                throw new AmazonClientException("No RegionEndpoint or ServiceURL configured");

            return new Endpoint(BuildRegionalUrl(_service, region.SystemName,
                region.PartitionDnsSuffix, UseFIPSEndpoint, UseDualstackEndpoint));
        }

        internal static string BuildRegionalUrl(ServiceDescriptor service, string region, string dnsSuffix, bool fips, bool dualStack)
        {
            // The SDK's partition table, the one every generated AWSSDK client's endpoint rules read:
            // it knows each partition's dual-stack suffix (api.aws, api.amazonwebservices.com.cn,
            // api.amazonwebservices.eu, api.aws.ic.gov, ...).
            var partition = Fn.Partition(region);
            if (string.IsNullOrEmpty(dnsSuffix))
                dnsSuffix = partition?.dnsSuffix ?? (region.StartsWith("cn-", StringComparison.Ordinal) ? "amazonaws.com.cn" : "amazonaws.com");
            if (dualStack)
            {
                var dualSuffix = partition?.dualStackDnsSuffix ?? (dnsSuffix == "amazonaws.com.cn" ? "api.amazonwebservices.com.cn" : "api.aws");
                var dualHost = fips && !service.FipsDualStackOnStandardHostRegions.Contains(region) ? service.FipsDualStackHost : service.DualStackHost;
                return $"https://{dualHost}.{region}.{dualSuffix}";
            }
            var host = !fips ? service.EndpointPrefix
                : service.FipsOnStandardHostRegions.Contains(region) ? service.EndpointPrefix
                : service.FipsHost;
            return $"https://{host}.{region}.{dnsSuffix}";
        }
    }
}
