using System;
using System.Collections.Generic;
using System.IO;
using System.Linq;
using System.Text;
using System.Text.Encodings.Web;
using System.Text.Json;

namespace EcsPS.Engine.Runtime
{
    /// <summary>
    /// Keeps the members a service model marks sensitive out of the request and response bodies
    /// that -Debug shows: the token of an ECS Exec session (which lets whoever holds it into the
    /// container), container environment variables (where secrets often end up), repository
    /// credentials. The lists follow botocore's models ("sensitive" shapes); a test holds them
    /// to it, so a model that marks a new member fails the suite until it is listed here.
    /// </summary>
    internal static class LogRedaction
    {
        internal const string Redacted = "(redacted)";

        // By the model's serviceId; members by their JSON name, wherever they occur in a body.
        private static readonly IReadOnlyDictionary<string, HashSet<string>> SensitiveMembers = new Dictionary<string, HashSet<string>>(StringComparer.Ordinal)
        {
            ["ECS"] = new HashSet<string>(StringComparer.Ordinal) { "tokenValue", "environment", "repositoryCredentials" },
            // botocore does not mark it sensitive, but it is the registry password (base64 of AWS:<password>).
            ["ECR"] = new HashSet<string>(StringComparer.Ordinal) { "authorizationToken" },
        };

        /// <summary>Members kept out of logs that botocore's models do not mark sensitive (the
        /// test that holds the lists to botocore adds these).</summary>
        internal static readonly IReadOnlyDictionary<string, string[]> SecretsBotocoreDoesNotMark = new Dictionary<string, string[]>(StringComparer.Ordinal)
        {
            ["ECR"] = new[] { "authorizationToken" },
        };

        private static readonly HashSet<string> None = new HashSet<string>(StringComparer.Ordinal);

        /// <summary>The JSON member names whose values never reach a log line, for a service.</summary>
        internal static IReadOnlyCollection<string> SensitiveMembersOf(string serviceId)
            => serviceId != null && SensitiveMembers.TryGetValue(serviceId, out var members) ? members : None;

        /// <summary>
        /// The body as text for a log line: sensitive members' values replaced, then cut to
        /// <paramref name="limit"/> characters. A body that names a sensitive member but cannot be
        /// read as JSON (cut short, or not JSON at all) is not shown.
        /// </summary>
        internal static string ForLog(string serviceId, byte[] body, int limit)
        {
            if (body == null) return "(none)";
            var text = Encoding.UTF8.GetString(body);
            var members = SensitiveMembersOf(serviceId);
            if (members.Count > 0 && members.Any(m => text.IndexOf("\"" + m + "\"", StringComparison.Ordinal) >= 0))
                text = Redact(text, members);
            return text.Length > limit ? text.Substring(0, limit) + $"... ({body.Length} bytes)" : text;
        }

        internal static string Redact(string json, IReadOnlyCollection<string> members)
        {
            try
            {
                using (var document = JsonDocument.Parse(json))
                using (var stream = new MemoryStream())
                {
                    using (var writer = new Utf8JsonWriter(stream, new JsonWriterOptions { Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping }))
                        Write(document.RootElement, writer, members);
                    return Encoding.UTF8.GetString(stream.ToArray());
                }
            }
            catch (JsonException)
            {
                return $"(not shown: it names a member that holds secrets, and it could not be read as JSON to leave that member out; {Encoding.UTF8.GetByteCount(json)} bytes)";
            }
        }

        private static void Write(JsonElement element, Utf8JsonWriter writer, IReadOnlyCollection<string> members)
        {
            switch (element.ValueKind)
            {
                case JsonValueKind.Object:
                    writer.WriteStartObject();
                    foreach (var property in element.EnumerateObject())
                    {
                        writer.WritePropertyName(property.Name);
                        if (members.Contains(property.Name)) writer.WriteStringValue(Redacted);
                        else Write(property.Value, writer, members);
                    }
                    writer.WriteEndObject();
                    break;
                case JsonValueKind.Array:
                    writer.WriteStartArray();
                    foreach (var item in element.EnumerateArray()) Write(item, writer, members);
                    writer.WriteEndArray();
                    break;
                default:
                    element.WriteTo(writer);
                    break;
            }
        }
    }
}
