using System.Collections.Generic;
using Amazon.Runtime.Internal.Transform;
using EcsPS.Engine.Runtime;

namespace EcsPS.Engine.Protocols
{
    /// <summary>
    /// One AWS wire protocol: how a request model becomes a body and headers, how an answer
    /// becomes a response model, and how an error answer is read. Everything around it
    /// (signing, retries, endpoints, credentials) is the SDK's and the same for every protocol.
    /// </summary>
    internal interface IWireProtocol
    {
        EncodedRequest Encode(ServiceDescriptor service, AwsOperation operation, object request);

        TResponse Decode<TResponse>(byte[] body, AwsOperation operation) where TResponse : class, new();

        /// <param name="errorTypeHeader">x-amzn-ErrorType, when the answer had one.</param>
        /// <param name="requestIdHeader">x-amzn-RequestId, when the answer had one.</param>
        ServiceError DecodeError(byte[] body, string errorTypeHeader, string requestIdHeader, int statusCode);

        /// <summary>The SDK-side reader of this protocol's answers, as a generated AWSSDK package has.</summary>
        ResponseUnmarshaller Unmarshaller { get; }
    }

    /// <summary>A request ready to send: POST / with this body and these headers.</summary>
    internal sealed class EncodedRequest
    {
        public EncodedRequest(byte[] body, IReadOnlyList<KeyValuePair<string, string>> headers)
        {
            Body = body;
            Headers = headers;
        }

        public byte[] Body { get; }
        public IReadOnlyList<KeyValuePair<string, string>> Headers { get; }
    }

    /// <summary>The one place that maps a protocol name to its implementation.</summary>
    internal static class WireProtocols
    {
        private static readonly IWireProtocol Json = new Json.JsonProtocol();
        private static readonly IWireProtocol Query = new Query.QueryProtocol();

        public static IWireProtocol For(WireProtocol protocol)
        {
            switch (protocol)
            {
                case WireProtocol.Json: return Json;
                case WireProtocol.Query: return Query;
                default: throw new System.ArgumentOutOfRangeException(nameof(protocol), protocol, "No implementation of this wire protocol.");
            }
        }
    }
}
