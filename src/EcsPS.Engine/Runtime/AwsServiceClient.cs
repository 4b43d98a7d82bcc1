using System.Collections.Generic;
using System.Threading;
using System.Threading.Tasks;
using Amazon.Runtime;
using Amazon.Runtime.Credentials.Internal;
using Amazon.Runtime.Internal;
using Amazon.Runtime.Internal.Auth;
using Amazon.Runtime.Internal.Transform;
using EcsPS.Engine.Protocols;

namespace EcsPS.Engine.Runtime
{
    /// <summary>
    /// The one AmazonServiceClient for every service and protocol. It borrows the SDK's whole
    /// runtime pipeline (credentials, SigV4, the retry loop, clock skew, endpoints) and adds only
    /// what a generated AWSSDK package adds: a marshaller, which here sends whatever the service's
    /// wire protocol encoded, the protocol's unmarshaller, and its own retry policy
    /// (<see cref="TransportRetryPolicy"/>: when to send again is the Engine's decision).
    /// </summary>
    internal sealed class AwsServiceClient : AmazonServiceClient
    {
        private readonly ServiceDescriptor _service;
        private readonly EncodedRequestMarshaller _marshaller;
        private readonly ResponseUnmarshaller _unmarshaller;

        public AwsServiceClient(AWSCredentials credentials, AwsServiceConfig config)
            : base(credentials, config)
        {
            _service = config.Service;
            _marshaller = new EncodedRequestMarshaller(_service);
            _unmarshaller = WireProtocols.For(_service.Protocol).Unmarshaller;
        }

        public AwsServiceClient(AwsServiceConfig config)
            : base(config)
        {
            _service = config.Service;
            _marshaller = new EncodedRequestMarshaller(_service);
            _unmarshaller = WireProtocols.For(_service.Protocol).Unmarshaller;
        }

        public new AwsServiceConfig Config => (AwsServiceConfig)base.Config;

        protected override void CustomizeRuntimePipeline(RuntimePipeline pipeline)
        {
            // Without an auth resolver the signer has no scheme and fails with a NullReferenceException.
            pipeline.AddHandlerAfter<Marshaller>(new SigV4AuthResolver());
            // Called from the base constructor: the config is the only state there is yet.
            pipeline.ReplaceHandler<RetryHandler>(new RetryHandler(new TransportRetryPolicy(((AwsServiceConfig)base.Config).RetryRules)));
        }

        /// <summary>Sends one encoded request (with retries); returns the raw body of a 2xx answer.</summary>
        public async Task<byte[]> SendAsync(OperationCall call, EncodedRequest request, CancellationToken cancellationToken)
        {
            var options = new InvokeOptions
            {
                RequestMarshaller = _marshaller,
                ResponseUnmarshaller = _unmarshaller,
            };
            var response = await InvokeAsync<RawResponse>(new OperationRequest(call, request), options, cancellationToken).ConfigureAwait(false);
            return response.Body;
        }

        private sealed class SigV4AuthResolver : BaseAuthResolverHandler
        {
            protected override List<IAuthSchemeOption> ResolveAuthOptions(IExecutionContext executionContext)
                => AuthSchemeOption.DEFAULT_SIGV4;
        }
    }

    /// <summary>The request as the SDK pipeline carries it: the encoded body, and the call it
    /// belongs to, which the retry policy reads (the pipeline hands it every attempt's context).</summary>
    internal sealed class OperationRequest : AmazonWebServiceRequest
    {
        public OperationRequest(OperationCall call, EncodedRequest encoded)
        {
            Call = call;
            Encoded = encoded;
        }

        public OperationCall Call { get; }
        public string Operation => Call.Operation.Name;
        public EncodedRequest Encoded { get; }
    }

    /// <summary>A 2xx answer as bytes; the protocol turns them into the response model.</summary>
    internal sealed class RawResponse : AmazonWebServiceResponse
    {
        public byte[] Body { get; set; }
    }

    /// <summary>POST / with the body and headers the wire protocol encoded.</summary>
    internal sealed class EncodedRequestMarshaller : IMarshaller<IRequest, AmazonWebServiceRequest>
    {
        private readonly ServiceDescriptor _service;

        public EncodedRequestMarshaller(ServiceDescriptor service) => _service = service;

        public IRequest Marshall(AmazonWebServiceRequest input)
        {
            var op = (OperationRequest)input;
            var request = new DefaultRequest(op, _service.ServiceId)
            {
                HttpMethod = "POST",
                ResourcePath = "/",
                Content = op.Encoded.Body,
            };
            foreach (var header in op.Encoded.Headers)
                request.Headers[header.Key] = header.Value;
            return request;
        }
    }
}
