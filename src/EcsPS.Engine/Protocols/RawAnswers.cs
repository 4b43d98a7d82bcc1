using System;
using System.IO;
using System.Net;
using System.Text;
using Amazon.Runtime;
using Amazon.Runtime.Internal.Transform;

namespace EcsPS.Engine.Protocols
{
    /// <summary>
    /// What the protocols' SDK unmarshallers share: the Engine parses bodies itself, so an
    /// answer is read as bytes and an error answer becomes an AmazonServiceException (which the
    /// SDK's retry logic inspects) through the protocol's own error reader.
    /// </summary>
    internal static class RawAnswers
    {
        public static AmazonWebServiceResponse Success(Stream stream)
        {
            var body = ReadAll(stream);
            return new Runtime.RawResponse { Body = body };
        }

        public static AmazonServiceException Failure(IWireProtocol protocol, Stream stream, IWebResponseData response,
            Exception innerException, HttpStatusCode statusCode)
        {
            byte[] body;
            try { body = ReadAll(stream); }
            catch (Exception) { body = Array.Empty<byte>(); }

            var error = protocol.DecodeError(body, response?.GetHeaderValue("x-amzn-ErrorType"),
                response?.GetHeaderValue("x-amzn-RequestId"), (int)statusCode);
            var type = (int)statusCode >= 500 ? ErrorType.Receiver : ErrorType.Sender;
            return new AmazonServiceException(error.Message, innerException, type, error.Code, error.RequestId, statusCode);
        }

        public static byte[] ReadAll(Stream stream)
        {
            if (stream == null) return Array.Empty<byte>();
            using (var copy = new MemoryStream())
            {
                stream.CopyTo(copy);
                return copy.ToArray();
            }
        }

        public static string Text(byte[] body) => body == null || body.Length == 0 ? string.Empty : Encoding.UTF8.GetString(body).Trim();
    }
}
