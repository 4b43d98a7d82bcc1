using System.Threading;

namespace EcsPS.Engine.Runtime
{
    /// <summary>
    /// The base of every generated service client (EcsClient, ElasticLoadBalancingV2Client, ...):
    /// one channel to one service, resolved lazily from the connection options. Generated methods
    /// call <see cref="Invoke{TResponse}"/>; hand-written partial classes add paging and batching.
    /// </summary>
    public abstract class AwsClient
    {
        protected AwsClient(ServiceDescriptor service, AwsConnectionOptions options, IEngineLog log)
        {
            Channel = new ServiceChannel(service, options, log);
        }

        internal ServiceChannel Channel { get; }

        public ServiceDescriptor Service => Channel.Service;

        /// <summary>The caller's Verbose and Debug (a cmdlet's streams), for hand-written workflows.</summary>
        protected IEngineLog Log => Channel.Log;

        /// <summary>The region requests are signed for and sent to.</summary>
        public string RegionName => Channel.RegionName;

        /// <summary>Resolves region, credentials and endpoint now, so configuration problems
        /// surface before any work starts.</summary>
        public void EnsureConfigured() => Channel.EnsureConfigured();

        protected TResponse Invoke<TResponse>(AwsOperation operation, object request, CancellationToken cancellationToken)
            where TResponse : class, new()
            => Channel.Invoke<TResponse>(operation, request, cancellationToken);
    }
}
