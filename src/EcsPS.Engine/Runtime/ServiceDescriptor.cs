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
            string fipsDualStackHost = null, string[] fipsOnStandardHostRegions = null, string[] fipsDualStackOnStandardHostRegions = null)
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
            FipsDualStackOnStandardHostRegions = Array.AsReadOnly(fipsDualStackOnStandardHostRegions ?? Array.Empty<string>());
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
        /// <summary>Likewise for FIPS with dual-stack: regions where it is the plain dual-stack host (CloudWatch in GovCloud).</summary>
        public System.Collections.Generic.IReadOnlyList<string> FipsDualStackOnStandardHostRegions { get; }
        /// <summary>The variable the AWS CLI and SDKs read for this service's endpoint, such as
        /// AWS_ENDPOINT_URL_ELASTIC_LOAD_BALANCING_V2; it wins over AWS_ENDPOINT_URL.</summary>
        public string EndpointVariable { get; }

        public override string ToString() => ServiceId;
    }

    /// <summary>One operation of a service, as a generated client method names it, with what the
    /// transport must know of it: whether it may be sent twice, its idempotency token, its rate.</summary>
    public sealed class AwsOperation
    {
        public AwsOperation(string name, string resultWrapper = null, ResendSafety resend = ResendSafety.Safe,
            string idempotencyToken = null, RateLimit rateLimit = null)
        {
            if (resend == ResendSafety.AtMostOnce && idempotencyToken != null)
                throw new ArgumentException($"{name}: an operation with an idempotency token is safe to send again.");
            Name = name;
            ResultWrapper = resultWrapper;
            Resend = resend;
            IdempotencyToken = idempotencyToken;
            RateLimit = rateLimit;
        }

        public string Name { get; }
        /// <summary>The element a Query answer puts the result in (DescribeTargetGroupsResult).</summary>
        public string ResultWrapper { get; }
        /// <summary>Whether the request may be sent again when it may already have taken effect.</summary>
        public ResendSafety Resend { get; }
        /// <summary>The request property holding the operation's idempotency token (ClientToken), or
        /// null. When the caller leaves it unset, the channel fills it once per call, so every retry
        /// of that call carries the same token.</summary>
        public string IdempotencyToken { get; }
        /// <summary>The service's token bucket for this operation, or null when it is not paced.</summary>
        public RateLimit RateLimit { get; }

        public override string ToString() => Name;
    }

    /// <summary>What a lost answer allows (tools/services/*.json "resend", generated).</summary>
    public enum ResendSafety
    {
        /// <summary>Sending it again cannot do anything twice: it reads, it is idempotent, it
        /// carries an idempotency token, or its names are unique.</summary>
        Safe,
        /// <summary>Every call makes something new and nothing makes a repeat harmless, so the
        /// request is never sent again once it may have reached the service; only answers that
        /// prove it was not applied (throttling, 5xx, a failed connect) are retried.</summary>
        AtMostOnce,
    }

    /// <summary>
    /// One of a service's throttling token buckets as the service documents it: Burst requests at
    /// once, refilled at PerSecond. The transport keeps a bucket like it per client and paces its
    /// requests by it, so bulk work slows down before the service has to throttle it.
    /// </summary>
    public sealed class RateLimit
    {
        public RateLimit(string name, int burst, double perSecond)
        {
            if (burst < 1 || perSecond <= 0)
                throw new ArgumentOutOfRangeException(nameof(burst), $"{name}: a rate limit needs a burst of at least 1 and a positive rate.");
            Name = name;
            Burst = burst;
            PerSecond = perSecond;
        }

        /// <summary>The service's name for the bucket ("service modify").</summary>
        public string Name { get; }
        public int Burst { get; }
        public double PerSecond { get; }

        public override string ToString() => $"{Name} ({Burst} at once, {PerSecond.ToString(System.Globalization.CultureInfo.InvariantCulture)} a second)";
    }
}
