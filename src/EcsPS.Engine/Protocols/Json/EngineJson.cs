using System;
using System.Text.Json;
using System.Text.Json.Serialization;

namespace EcsPS.Engine.Protocols.Json
{
    /// <summary>The one set of serializer rules for every model: the wire names are camelCase of
    /// the SDK's PascalCase property names (exceptions carry [JsonPropertyName]), absent members are
    /// left out of requests, and timestamps are epoch seconds.</summary>
    public static class EngineJson
    {
        public static readonly JsonSerializerOptions Options = Create(indented: false);
        public static readonly JsonSerializerOptions Indented = Create(indented: true);

        private static JsonSerializerOptions Create(bool indented)
        {
            var options = new JsonSerializerOptions
            {
                PropertyNamingPolicy = JsonNamingPolicy.CamelCase,
                DefaultIgnoreCondition = JsonIgnoreCondition.WhenWritingNull,
                WriteIndented = indented,
            };
            options.Converters.Add(new EpochSecondsConverter());
            options.Converters.Add(new TolerantStringConverter());
            return options;
        }

        public static byte[] Serialize(object value) => JsonSerializer.SerializeToUtf8Bytes(value, value.GetType(), Options);

        public static T Deserialize<T>(byte[] body) => JsonSerializer.Deserialize<T>(body, Options);
    }

    /// <summary>awsJson timestamps: seconds since 1970 as a number, possibly fractional.</summary>
    internal sealed class EpochSecondsConverter : JsonConverter<DateTime>
    {
        private static readonly DateTime Epoch = new DateTime(1970, 1, 1, 0, 0, 0, DateTimeKind.Utc);

        public override DateTime Read(ref Utf8JsonReader reader, Type typeToConvert, JsonSerializerOptions options)
        {
            if (reader.TokenType == JsonTokenType.Number)
                return Epoch.AddTicks((long)Math.Round(reader.GetDouble() * TimeSpan.TicksPerSecond)).ToLocalTime();
            if (reader.TokenType == JsonTokenType.String)
            {
                var text = reader.GetString();
                if (double.TryParse(text, System.Globalization.NumberStyles.Float, System.Globalization.CultureInfo.InvariantCulture, out var seconds))
                    return Epoch.AddTicks((long)Math.Round(seconds * TimeSpan.TicksPerSecond)).ToLocalTime();
                return DateTime.Parse(text, System.Globalization.CultureInfo.InvariantCulture,
                    System.Globalization.DateTimeStyles.AdjustToUniversal | System.Globalization.DateTimeStyles.AssumeUniversal).ToLocalTime();
            }
            throw new JsonException($"Expected a timestamp, found {reader.TokenType}.");
        }

        public override void Write(Utf8JsonWriter writer, DateTime value, JsonSerializerOptions options)
        {
            var seconds = (value.ToUniversalTime() - Epoch).TotalSeconds;
            writer.WriteNumberValue(Math.Round(seconds, 3));
        }
    }

    /// <summary>
    /// A string member that arrives as a number or a boolean is read as its text, as botocore and
    /// the AWS SDKs read it, instead of failing the whole answer: a task's container cpu and memory
    /// are strings in the model, and some implementations (moto among them) send them as numbers.
    /// Requests are written as strings, as the model says.
    /// </summary>
    internal sealed class TolerantStringConverter : JsonConverter<string>
    {
        public override string Read(ref Utf8JsonReader reader, Type typeToConvert, JsonSerializerOptions options)
        {
            switch (reader.TokenType)
            {
                case JsonTokenType.String:
                    return reader.GetString();
                case JsonTokenType.Number:
                    return System.Text.Encoding.UTF8.GetString(reader.HasValueSequence ? System.Buffers.BuffersExtensions.ToArray(reader.ValueSequence) : reader.ValueSpan.ToArray());
                case JsonTokenType.True:
                    return "true";
                case JsonTokenType.False:
                    return "false";
                case JsonTokenType.Null:
                    return null;
                default:
                    throw new JsonException($"Expected a string, found {reader.TokenType}.");
            }
        }

        public override void Write(Utf8JsonWriter writer, string value, JsonSerializerOptions options) => writer.WriteStringValue(value);
    }
}
