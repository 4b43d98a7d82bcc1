using System.Text.Json;

namespace EcsPS.Engine.Protocols.Json
{
    /// <summary>awsJson error bodies: {"__type": "...", "message": "..."}, with the spellings
    /// services and stand-ins use for either member.</summary>
    internal static class JsonErrorReader
    {
        /// <summary>Null when the text is not a JSON object.</summary>
        public static ServiceError Read(string text, string requestIdHeader, int statusCode)
        {
            try
            {
                using (var doc = JsonDocument.Parse(text))
                {
                    var root = doc.RootElement;
                    if (root.ValueKind != JsonValueKind.Object) return null;
                    var code = Str(root, "__type") ?? Str(root, "code") ?? Str(root, "Code");
                    var message = Str(root, "message") ?? Str(root, "Message") ?? Str(root, "errorMessage");
                    return new ServiceError(code, message, requestIdHeader, statusCode);
                }
            }
            catch (JsonException)
            {
                return null;
            }
        }

        private static string Str(JsonElement e, string name)
            => e.TryGetProperty(name, out var v) && v.ValueKind == JsonValueKind.String ? v.GetString() : null;
    }
}
