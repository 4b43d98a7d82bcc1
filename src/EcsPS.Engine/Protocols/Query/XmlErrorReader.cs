using System.Linq;
using System.Xml;
using System.Xml.Linq;

namespace EcsPS.Engine.Protocols.Query
{
    /// <summary>
    /// XML error bodies: the Query protocol's
    /// &lt;ErrorResponse&gt;&lt;Error&gt;&lt;Type/&gt;&lt;Code/&gt;&lt;Message/&gt;&lt;/Error&gt;&lt;RequestId/&gt;&lt;/ErrorResponse&gt;,
    /// and the &lt;Response&gt;&lt;Errors&gt;&lt;Error&gt; and bare &lt;Error&gt; forms some front ends send.
    /// </summary>
    internal static class XmlErrorReader
    {
        /// <summary>Null when the text is not XML.</summary>
        public static ServiceError Read(string text, string requestIdHeader, int statusCode)
        {
            XDocument doc;
            try { doc = XDocument.Parse(text); }
            catch (XmlException) { return null; }
            var error = doc.Descendants().FirstOrDefault(e => e.Name.LocalName == "Error") ?? doc.Root;
            string Child(XElement parent, string name) => parent?.Elements().FirstOrDefault(e => e.Name.LocalName == name)?.Value;
            var requestId = string.IsNullOrEmpty(requestIdHeader)
                ? doc.Descendants().FirstOrDefault(e => e.Name.LocalName == "RequestId" || e.Name.LocalName == "RequestID")?.Value
                : requestIdHeader;
            return new ServiceError(Child(error, "Code"), Child(error, "Message"), requestId, statusCode);
        }
    }
}
