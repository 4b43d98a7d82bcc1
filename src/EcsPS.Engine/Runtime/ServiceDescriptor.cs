using System;

namespace EcsPS.Engine.Runtime
{
    /// <summary>The wire protocols the Engine speaks (botocore's metadata.protocol).</summary>
    public enum WireProtocol
    {
        /// <summary>awsJson 1.0 and 1.1: POST / with X-Amz-Target, JSON in and out.</summary>
        Json,
        /// <summary>AWS Query: form-encoded Action/Version requests, XML answers.</summary>
        Query,
    }

    /// <summary>
    /// What distinguishes one AWS service from another on the wire. Everything else (signing,
    /// retries, endpoints, credentials) is shared, so a service is one of these plus its generated
    /// models; each generated client carries its own as <c>Descriptor</c>.
    /// </summary>
    public sealed class ServiceDescriptor
    {
        public ServiceDescriptor(string serviceId, WireProtocol protocol, string signingName, string endpointPrefix,
            string apiVersion, string jsonVersion = null, string targetPrefix = null, string fipsHost = null, string dualStackHost = null,
            string fipsDualStackHost = null, string[] fipsOnStandardHostRegions = null)
        {
            if (protocol == WireProtocol.Json && (string.IsNullOrEmpty(targetPrefix) || string.IsNullOrEmpty(jsonVersion)))
                throw new ArgumentException($"{serviceId}: a JSON service needs a target prefix and a JSON version.");
            ServiceId = serviceId;
            Protocol = protocol;
            SigningName = signingName;
            EndpointPrefix = endpointPrefix;
            ApiVersion = apiVersion;
            JsonVersion = jsonVersion;
            TargetPrefix = targetPrefix;
            FipsHost = fipsHost ?? endpointPrefix + "-fips";
            DualStackHost = dualStackHost ?? endpointPrefix;
            FipsDualStackHost = fipsDualStackHost ?? DualStackHost + "-fips";
            FipsOnStandardHostRegions = Array.AsReadOnly(fipsOnStandardHostRegions ?? Array.Empty<string>());
            EndpointVariable = "AWS_ENDPOINT_URL_" + serviceId.ToUpperInvariant().Replace(' ', '_');
        }

        /// <summary>The model's serviceId ("ECS", "Elastic Load Balancing v2"): the SDK's service id.</summary>
        public string ServiceId { get; }
        public WireProtocol Protocol { get; }
        public string SigningName { get; }
        /// <summary>The first label of the regional host name (api.ecr for ECR).</summary>
        public string EndpointPrefix { get; }
        public string ApiVersion { get; }
        /// <summary>"1.0" or "1.1" for JSON services; null otherwise.</summary>
        public string JsonVersion { get; }
        /// <summary>The X-Amz-Target prefix of JSON services; null otherwise.</summary>
        public string TargetPrefix { get; }
        /// <summary>The host label for FIPS endpoints ({prefix}-fips unless the service differs).</summary>
        public string FipsHost { get; }
        /// <summary>The host label for dual-stack endpoints ({prefix} unless the service differs).</summary>
        public string DualStackHost { get; }
        /// <summary>The host label for FIPS dual-stack endpoints ({dual-stack host}-fips unless the
        /// service differs): ECR's FIPS host is api.ecr-fips, its FIPS dual-stack host ecr-fips.</summary>
        public string FipsDualStackHost { get; }
        /// <summary>Regions whose standard endpoint is already FIPS-validated, so that FIPS requests
        /// (without dual-stack) go to the standard host: GovCloud, for some services.</summary>
        public System.Collections.Generic.IReadOnlyList<string> FipsOnStandardHostRegions { get; }
        /// <summary>The variable the AWS CLI and SDKs read for this service's endpoint, such as
        /// AWS_ENDPOINT_URL_ELASTIC_LOAD_BALANCING_V2; it wins over AWS_ENDPOINT_URL.</summary>
        public string EndpointVariable { get; }

        public override string ToString() => ServiceId;
    }

    /// <summary>One operation of a service, as a generated client method names it.</summary>
    public sealed class AwsOperation
    {
        public AwsOperation(string name, string resultWrapper = null)
        {
            Name = name;
            ResultWrapper = resultWrapper;
        }

        public string Name { get; }
        /// <summary>The element a Query answer puts the result in (DescribeTargetGroupsResult).</summary>
        public string ResultWrapper { get; }

        public override string ToString() => Name;
    }
}
