using System;
using System.Collections.Generic;
using System.IO;
using System.Net;
using System.Text;
using System.Text.Json;
using System.Threading;
using System.Threading.Tasks;
using Amazon.Runtime;
using Amazon.Runtime.Credentials.Internal;
using Amazon.Runtime.Internal;
using Amazon.Runtime.Internal.Auth;
using Amazon.Runtime.Internal.Transform;

namespace EcsPS.Engine.Runtime
{
    /// <summary>
    /// One AmazonServiceClient for every awsJson1_1 service. It borrows the SDK's whole runtime
    /// pipeline (credentials, SigV4, retries, clock skew, endpoints) and only supplies the
    /// marshalling, which for JSON 1.1 is the same for every operation: POST / with a target header.
    /// </summary>
    internal sealed class AwsJsonServiceClient : AmazonServiceClient
    {
        private readonly ServiceDescriptor _service;
        private readonly JsonOperationMarshaller _marshaller;

        public AwsJsonServiceClient(AWSCredentials credentials, AwsJsonServiceConfig config)
            : base(credentials, config)
        {
            _service = config.Service;
            _marshaller = new JsonOperationMarshaller(_service);
        }

        public AwsJsonServiceClient(AwsJsonServiceConfig config)
            : base(config)
        {
            _service = config.Service;
            _marshaller = new JsonOperationMarshaller(_service);
        }

        protected override void CustomizeRuntimePipeline(RuntimePipeline pipeline)
        {
            // Without an auth resolver the signer has no scheme and fails with a NullReferenceException.
            pipeline.AddHandlerAfter<Marshaller>(new SigV4AuthResolver());
        }

        /// <summary>Sends one operation; returns the raw JSON body of a 2xx answer.</summary>
        public async Task<byte[]> InvokeJsonAsync(string operation, byte[] body, CancellationToken cancellationToken)
        {
            var options = new InvokeOptions
            {
                RequestMarshaller = _marshaller,
                ResponseUnmarshaller = JsonOperationUnmarshaller.Instance,
            };
            var response = await InvokeAsync<JsonOperationResponse>(
                new JsonOperationRequest(operation, body), options, cancellationToken).ConfigureAwait(false);
            return response.Body;
        }

        private sealed class SigV4AuthResolver : BaseAuthResolverHandler
        {
            protected override List<IAuthSchemeOption> ResolveAuthOptions(IExecutionContext executionContext)
                => AuthSchemeOption.DEFAULT_SIGV4;
        }
    }

    internal sealed class JsonOperationRequest : AmazonWebServiceRequest
    {
        public JsonOperationRequest(string operation, byte[] body)
        {
            Operation = operation;
            Body = body;
        }

        public string Operation { get; }
        public byte[] Body { get; }
    }

    internal sealed class JsonOperationResponse : AmazonWebServiceResponse
    {
        public byte[] Body { get; set; }
    }

    internal sealed class JsonOperationMarshaller : IMarshaller<IRequest, AmazonWebServiceRequest>
    {
        private readonly ServiceDescriptor _service;

        public JsonOperationMarshaller(ServiceDescriptor service) => _service = service;

        public IRequest Marshall(AmazonWebServiceRequest input)
        {
            var op = (JsonOperationRequest)input;
            var request = new DefaultRequest(op, _service.ServiceId)
            {
                HttpMethod = "POST",
                ResourcePath = "/",
                Content = op.Body,
            };
            request.Headers["X-Amz-Target"] = _service.TargetPrefix + "." + op.Operation;
            request.Headers["Content-Type"] = "application/x-amz-json-1.1";
            return request;
        }
    }

    internal sealed class JsonOperationUnmarshaller : JsonResponseUnmarshaller
    {
        public static readonly JsonOperationUnmarshaller Instance = new JsonOperationUnmarshaller();

        public override AmazonWebServiceResponse Unmarshall(JsonUnmarshallerContext context)
        {
            var body = ReadAll(context.Stream);
            return new JsonOperationResponse { Body = body.Length == 0 ? Encoding.UTF8.GetBytes("{}") : body };
        }

        // The base class overwrites the exception's RequestId with the x-amzn-RequestId header,
        // "" when the header is absent, which would drop the id an XML error body carries.
        public override AmazonServiceException UnmarshallException(UnmarshallerContext input, Exception innerException, HttpStatusCode statusCode)
            => UnmarshallException(input as JsonUnmarshallerContext ?? throw new InvalidOperationException("Unsupported UnmarshallerContext"),
                innerException, statusCode);

        public override AmazonServiceException UnmarshallException(JsonUnmarshallerContext context, Exception innerException, HttpStatusCode statusCode)
        {
            byte[] body;
            try { body = ReadAll(context.Stream); }
            catch (Exception) { body = Array.Empty<byte>(); }

            var error = ServiceErrorParser.Parse(body,
                context.ResponseData?.GetHeaderValue("x-amzn-ErrorType"),
                context.ResponseData?.GetHeaderValue("x-amzn-RequestId"),
                (int)statusCode);

            var type = (int)statusCode >= 500 ? ErrorType.Receiver : ErrorType.Sender;
            return new AmazonServiceException(error.Message, innerException, type, error.Code, error.RequestId, statusCode);
        }

        private static byte[] ReadAll(Stream stream)
        {
            if (stream == null) return Array.Empty<byte>();
            using (var copy = new MemoryStream())
            {
                stream.CopyTo(copy);
                return copy.ToArray();
            }
        }
    }
}
