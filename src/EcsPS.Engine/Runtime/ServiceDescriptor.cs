namespace EcsPS.Engine.Runtime
{
    /// <summary>
    /// What distinguishes one AWS JSON 1.1 service from another on the wire. Everything else
    /// (signing, retries, endpoints, credentials) is shared, so a new service is one of these.
    /// </summary>
    public sealed class ServiceDescriptor
    {
        public ServiceDescriptor(string serviceId, string signingName, string endpointPrefix, string targetPrefix, string apiVersion)
        {
            ServiceId = serviceId;
            SigningName = signingName;
            EndpointPrefix = endpointPrefix;
            TargetPrefix = targetPrefix;
            ApiVersion = apiVersion;
        }

        /// <summary>The SDK service id; also the suffix of AWS_ENDPOINT_URL_&lt;ID&gt;.</summary>
        public string ServiceId { get; }
        public string SigningName { get; }
        public string EndpointPrefix { get; }
        public string TargetPrefix { get; }
        public string ApiVersion { get; }

        public static readonly ServiceDescriptor Ecs = new ServiceDescriptor(
            "ECS", "ecs", "ecs", "AmazonEC2ContainerServiceV20141113", "2014-11-13");
    }
}
