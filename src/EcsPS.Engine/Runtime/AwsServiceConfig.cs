using System;
using System.Collections.Generic;
using Amazon;
using Amazon.Runtime;
using Amazon.Runtime.Endpoints;
using Amazon.Runtime.Internal;
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

        public AwsServiceConfig(ServiceDescriptor service)
            : base(new DefaultConfigurationProvider(Defaults))
        {
            _service = service;
            ServiceId = service.ServiceId;
            AuthenticationServiceName = service.SigningName;
            _userAgent = InternalSDKUtils.BuildUserAgentString(service.ServiceId, "EcsPS/" + EngineVersion);
        }

        public ServiceDescriptor Service => _service;

        public override string RegionEndpointServiceName => _service.EndpointPrefix;

        public override string ServiceVersion => _service.ApiVersion;

        public override string UserAgent => _userAgent;

        /// <summary>
        /// The rules the regional AWS services here follow: an explicit or environment-configured
        /// URL wins; otherwise https://{prefix}.{region}.{partition suffix}, with the service's
        /// FIPS host label for FIPS and the {region}.api.aws form for dual-stack.
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
            if (string.IsNullOrEmpty(dnsSuffix))
                dnsSuffix = region.StartsWith("cn-", StringComparison.Ordinal) ? "amazonaws.com.cn" : "amazonaws.com";
            var host = fips ? service.FipsHost : dualStack ? service.DualStackHost : service.EndpointPrefix;
            if (dualStack)
            {
                var dualSuffix = dnsSuffix == "amazonaws.com.cn" ? "api.amazonwebservices.com.cn" : "api.aws";
                return $"https://{host}.{region}.{dualSuffix}";
            }
            return $"https://{host}.{region}.{dnsSuffix}";
        }
    }
}
