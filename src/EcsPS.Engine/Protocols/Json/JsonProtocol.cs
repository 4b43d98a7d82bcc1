using System;
using System.Collections.Generic;
using System.Net;
using System.Text;
using Amazon.Runtime;
using Amazon.Runtime.Internal.Transform;
using EcsPS.Engine.Protocols.Query;
using EcsPS.Engine.Runtime;

namespace EcsPS.Engine.Protocols.Json
{
    /// <summary>
    /// awsJson 1.0 and 1.1 (ECS, Application Auto Scaling, ECR, CloudWatch Logs): POST / with
    /// X-Amz-Target: {targetPrefix}.{Operation}, the request model as JSON, the answer as JSON,
    /// errors as {"__type", "message"} or the x-amzn-ErrorType header.
    /// </summary>
    internal sealed class JsonProtocol : IWireProtocol
    {
        private static readonly byte[] EmptyObject = Encoding.UTF8.GetBytes("{}");

        public JsonProtocol() => Unmarshaller = new JsonAnswerUnmarshaller(this);

        public ResponseUnmarshaller Unmarshaller { get; }

        public EncodedRequest Encode(ServiceDescriptor service, AwsOperation operation, object request)
            => new EncodedRequest(EngineJson.Serialize(request), new[]
            {
                new KeyValuePair<string, string>("X-Amz-Target", service.TargetPrefix + "." + operation.Name),
                new KeyValuePair<string, string>("Content-Type", "application/x-amz-json-" + service.JsonVersion),
            });

        public TResponse Decode<TResponse>(byte[] body, AwsOperation operation) where TResponse : class, new()
            => EngineJson.Deserialize<TResponse>(body == null || body.Length == 0 ? EmptyObject : body) ?? new TResponse();

        public ServiceError DecodeError(byte[] body, string errorTypeHeader, string requestIdHeader, int statusCode)
        {
            var text = RawAnswers.Text(body);
            // The front ends before a JSON service (and stand-ins such as moto) answer signature
            // errors in XML, so an XML body is read as one.
            var error = text.StartsWith("<", StringComparison.Ordinal)
                ? XmlErrorReader.Read(text, requestIdHeader, statusCode)
                : JsonErrorReader.Read(text, requestIdHeader, statusCode);
            error = error ?? new ServiceError(null, null, requestIdHeader, statusCode);
            // x-amzn-ErrorType names the error even when the body does not.
            return string.IsNullOrEmpty(errorTypeHeader) ? error : new ServiceError(errorTypeHeader, error.Message, error.RequestId, statusCode);
        }

        private sealed class JsonAnswerUnmarshaller : JsonResponseUnmarshaller
        {
            private readonly IWireProtocol _protocol;

            public JsonAnswerUnmarshaller(IWireProtocol protocol) => _protocol = protocol;

            public override AmazonWebServiceResponse Unmarshall(JsonUnmarshallerContext context) => RawAnswers.Success(context.Stream);

            // The base class overwrites the exception's RequestId with the x-amzn-RequestId header,
            // "" when the header is absent, which would drop the id an XML error body carries.
            public override AmazonServiceException UnmarshallException(UnmarshallerContext input, Exception innerException, HttpStatusCode statusCode)
                => UnmarshallException(input as JsonUnmarshallerContext ?? throw new InvalidOperationException("Unsupported UnmarshallerContext"),
                    innerException, statusCode);

            public override AmazonServiceException UnmarshallException(JsonUnmarshallerContext context, Exception innerException, HttpStatusCode statusCode)
                => RawAnswers.Failure(_protocol, context.Stream, context.ResponseData, innerException, statusCode);
        }
    }
}
