using System;
using System.Collections.Generic;
using System.Net;
using Amazon.Runtime;
using Amazon.Runtime.Internal.Transform;
using EcsPS.Engine.Protocols.Json;
using EcsPS.Engine.Runtime;

namespace EcsPS.Engine.Protocols.Query
{
    /// <summary>
    /// AWS Query (ELBv2): POST / with a form-encoded body of Action, Version and the request's
    /// members; answers in XML under &lt;OpResponse&gt;&lt;OpResult&gt;; errors as
    /// &lt;ErrorResponse&gt;&lt;Error&gt;&lt;Code/&gt;&lt;Message/&gt;&lt;/Error&gt;&lt;RequestId/&gt;.
    /// </summary>
    internal sealed class QueryProtocol : IWireProtocol
    {
        public QueryProtocol() => Unmarshaller = new XmlAnswerUnmarshaller(this);

        public ResponseUnmarshaller Unmarshaller { get; }

        public EncodedRequest Encode(ServiceDescriptor service, AwsOperation operation, object request)
            => new EncodedRequest(QueryFormWriter.Encode(QueryFormWriter.Write(operation.Name, service.ApiVersion, request)), new[]
            {
                new KeyValuePair<string, string>("Content-Type", "application/x-www-form-urlencoded; charset=utf-8"),
            });

        public TResponse Decode<TResponse>(byte[] body, AwsOperation operation) where TResponse : class, new()
            => QueryXmlReader.Read<TResponse>(body, operation.ResultWrapper);

        public ServiceError DecodeError(byte[] body, string errorTypeHeader, string requestIdHeader, int statusCode)
        {
            var text = RawAnswers.Text(body);
            // A proxy or stand-in in front of the service may still answer in JSON.
            var error = text.StartsWith("{", StringComparison.Ordinal)
                ? JsonErrorReader.Read(text, requestIdHeader, statusCode)
                : XmlErrorReader.Read(text, requestIdHeader, statusCode);
            return error ?? new ServiceError(errorTypeHeader, null, requestIdHeader, statusCode);
        }

        private sealed class XmlAnswerUnmarshaller : XmlResponseUnmarshaller
        {
            private readonly IWireProtocol _protocol;

            public XmlAnswerUnmarshaller(IWireProtocol protocol) => _protocol = protocol;

            public override AmazonWebServiceResponse Unmarshall(XmlUnmarshallerContext context) => RawAnswers.Success(context.Stream);

            public override AmazonServiceException UnmarshallException(UnmarshallerContext input, Exception innerException, HttpStatusCode statusCode)
                => UnmarshallException(input as XmlUnmarshallerContext ?? throw new InvalidOperationException("Unsupported UnmarshallerContext"),
                    innerException, statusCode);

            public override AmazonServiceException UnmarshallException(XmlUnmarshallerContext context, Exception innerException, HttpStatusCode statusCode)
                => RawAnswers.Failure(_protocol, context.Stream, context.ResponseData, innerException, statusCode);
        }
    }
}
