using System;
using System.Collections.Concurrent;
using System.Collections.Generic;
using System.IO;
using System.IO.Compression;
using System.Linq;
using System.Text.Json;
using System.Text.Json.Nodes;
using System.Text.Json.Serialization.Metadata;

namespace EcsPS.Engine.Tests.Support
{
    /// <summary>
    /// A botocore service model (service-2.json) and a validator for JSON bodies against it: member
    /// names exist in the shape, required members are present, values have the modelled type
    /// (structure, list, map, string, integer, long, boolean, timestamp, double, float, blob),
    /// enums and min/max bounds hold. Also answers coverage questions: which members of a shape a
    /// JSON value or an Engine model type leaves out.
    /// </summary>
    public sealed class ServiceModel
    {
        private static readonly ConcurrentDictionary<string, ServiceModel> Loaded = new ConcurrentDictionary<string, ServiceModel>();
        private readonly JsonElement _root;
        private readonly JsonElement _shapes;
        private readonly JsonElement _operations;

        private ServiceModel(string path, JsonElement root)
        {
            Path = path;
            _root = root;
            _shapes = root.GetProperty("shapes");
            _operations = root.GetProperty("operations");
            Metadata = root.GetProperty("metadata");
        }

        public string Path { get; }
        public JsonElement Metadata { get; }
        public string TargetPrefix => Metadata.GetProperty("targetPrefix").GetString();
        public string SigningName => Metadata.GetProperty("signingName").GetString();
        public string Protocol => Metadata.GetProperty("protocol").GetString();
        public IEnumerable<string> OperationNames => _operations.EnumerateObject().Select(p => p.Name);

        /// <summary>The model botocore ships now, e.g. ForBotocore("ecs", "2014-11-13").</summary>
        public static ServiceModel ForBotocore(string service, string apiVersion)
            => Loaded.GetOrAdd(service + "/" + apiVersion, _ => Load(Botocore.ServiceModelPath(service, apiVersion)));

        public static ServiceModel Ecs => ForBotocore("ecs", "2014-11-13");

        public static ServiceModel Load(string path)
        {
            using var file = File.OpenRead(path);
            using var stream = path.EndsWith(".gz", StringComparison.OrdinalIgnoreCase)
                ? (Stream)new GZipStream(file, CompressionMode.Decompress)
                : file;
            using var doc = JsonDocument.Parse(stream);
            return new ServiceModel(path, doc.RootElement.Clone());
        }

        public bool HasShape(string name) => _shapes.TryGetProperty(name, out _);

        public JsonElement Shape(string name)
            => _shapes.TryGetProperty(name, out var s) ? s : throw new KeyNotFoundException($"The model has no shape '{name}'.");

        public string InputShapeOf(string operation) => OperationShape(operation, "input");

        public string OutputShapeOf(string operation) => OperationShape(operation, "output");

        private string OperationShape(string operation, string which)
        {
            if (!_operations.TryGetProperty(operation, out var op))
                throw new KeyNotFoundException($"The model has no operation '{operation}'.");
            return op.TryGetProperty(which, out var s) ? s.GetProperty("shape").GetString() : null;
        }

        /// <summary>Checks a request body against the operation's input shape; returns the problems found.</summary>
        public IReadOnlyList<string> ValidateInput(string operation, JsonElement body)
        {
            var shape = InputShapeOf(operation);
            return shape == null ? new List<string>() : Validate(shape, body, operation + "Input");
        }

        /// <summary>Checks a response body against the operation's output shape (keeps fakes honest).</summary>
        public IReadOnlyList<string> ValidateOutput(string operation, JsonElement body)
        {
            var shape = OutputShapeOf(operation);
            return shape == null ? new List<string>() : Validate(shape, body, operation + "Output");
        }

        public IReadOnlyList<string> Validate(string shapeName, JsonElement value, string path = null)
        {
            var errors = new List<string>();
            ValidateValue(shapeName, value, path ?? shapeName, errors);
            return errors;
        }

        private void ValidateValue(string shapeName, JsonElement value, string path, List<string> errors)
        {
            var shape = Shape(shapeName);
            var type = shape.GetProperty("type").GetString();
            if (value.ValueKind == JsonValueKind.Null)
            {
                errors.Add($"{path}: null is sent for a {type} ({shapeName}); absent members must be left out.");
                return;
            }
            if (type == "structure" && shape.TryGetProperty("document", out var isDocument) && isDocument.GetBoolean())
                return; // any JSON value
            switch (type)
            {
                case "structure":
                    if (!Expect(value, JsonValueKind.Object, path, shapeName, errors)) return;
                    var members = shape.GetProperty("members");
                    foreach (var prop in value.EnumerateObject())
                    {
                        if (!members.TryGetProperty(prop.Name, out var member))
                        {
                            var known = string.Join(", ", members.EnumerateObject().Select(m => m.Name));
                            errors.Add($"{path}: unknown member '{prop.Name}' (not in {shapeName}; it has {known}).");
                            continue;
                        }
                        ValidateValue(member.GetProperty("shape").GetString(), prop.Value, path + "." + prop.Name, errors);
                    }
                    if (shape.TryGetProperty("required", out var required))
                        foreach (var r in required.EnumerateArray().Select(e => e.GetString()))
                            if (!value.TryGetProperty(r, out var v) || v.ValueKind == JsonValueKind.Null)
                                errors.Add($"{path}: required member '{r}' of {shapeName} is missing.");
                    break;

                case "list":
                    if (!Expect(value, JsonValueKind.Array, path, shapeName, errors)) return;
                    CheckBounds(shape, value.GetArrayLength(), path, shapeName, "items", errors);
                    var itemShape = shape.GetProperty("member").GetProperty("shape").GetString();
                    var i = 0;
                    foreach (var item in value.EnumerateArray())
                        ValidateValue(itemShape, item, $"{path}[{i++}]", errors);
                    break;

                case "map":
                    if (!Expect(value, JsonValueKind.Object, path, shapeName, errors)) return;
                    var keyShape = shape.GetProperty("key").GetProperty("shape").GetString();
                    var valueShape = shape.GetProperty("value").GetProperty("shape").GetString();
                    var count = 0;
                    foreach (var entry in value.EnumerateObject())
                    {
                        count++;
                        using (var keyDoc = JsonDocument.Parse(JsonSerializer.Serialize(entry.Name)))
                            ValidateValue(keyShape, keyDoc.RootElement, $"{path}{{key '{entry.Name}'}}", errors);
                        ValidateValue(valueShape, entry.Value, $"{path}['{entry.Name}']", errors);
                    }
                    CheckBounds(shape, count, path, shapeName, "entries", errors);
                    break;

                case "string":
                    if (!Expect(value, JsonValueKind.String, path, shapeName, errors)) return;
                    var text = value.GetString();
                    if (shape.TryGetProperty("enum", out var values))
                    {
                        var allowed = values.EnumerateArray().Select(e => e.GetString()).ToList();
                        if (!allowed.Contains(text, StringComparer.Ordinal))
                            errors.Add($"{path}: '{text}' is not one of {shapeName}'s values ({string.Join(", ", allowed)}).");
                    }
                    CheckBounds(shape, text.Length, path, shapeName, "characters", errors);
                    break;

                case "integer":
                case "long":
                    if (!Expect(value, JsonValueKind.Number, path, shapeName, errors)) return;
                    if (!value.TryGetInt64(out var whole))
                    {
                        errors.Add($"{path}: {value.GetRawText()} is not a whole number ({shapeName} is {type}).");
                        return;
                    }
                    if (type == "integer" && (whole < int.MinValue || whole > int.MaxValue))
                        errors.Add($"{path}: {whole} does not fit a 32-bit integer ({shapeName}).");
                    CheckRange(shape, whole, path, shapeName, errors);
                    break;

                case "double":
                case "float":
                    Expect(value, JsonValueKind.Number, path, shapeName, errors);
                    break;

                case "boolean":
                    if (value.ValueKind != JsonValueKind.True && value.ValueKind != JsonValueKind.False)
                        errors.Add($"{path}: expected a boolean ({shapeName}), found {value.ValueKind}.");
                    break;

                case "timestamp":
                    // awsJson sends timestamps as epoch seconds unless the shape says otherwise.
                    var format = shape.TryGetProperty("timestampFormat", out var f) ? f.GetString() : "unixTimestamp";
                    if (format == "unixTimestamp")
                        Expect(value, JsonValueKind.Number, path, shapeName, errors);
                    else
                        Expect(value, JsonValueKind.String, path, shapeName, errors);
                    break;

                case "blob":
                    if (!Expect(value, JsonValueKind.String, path, shapeName, errors)) return;
                    try { Convert.FromBase64String(value.GetString()); }
                    catch (FormatException) { errors.Add($"{path}: a blob must be base64 ({shapeName})."); }
                    break;

                case "document":
                    break;

                default:
                    errors.Add($"{path}: the validator does not know shape type '{type}' ({shapeName}).");
                    break;
            }
        }

        private static bool Expect(JsonElement value, JsonValueKind kind, string path, string shapeName, List<string> errors)
        {
            if (value.ValueKind == kind) return true;
            errors.Add($"{path}: expected {kind} for {shapeName}, found {value.ValueKind} ({Trim(value.GetRawText())}).");
            return false;
        }

        private static void CheckBounds(JsonElement shape, long count, string path, string shapeName, string unit, List<string> errors)
        {
            if (shape.TryGetProperty("min", out var min) && count < min.GetInt64())
                errors.Add($"{path}: {count} {unit}, fewer than {shapeName}'s minimum {min.GetInt64()}.");
            if (shape.TryGetProperty("max", out var max) && count > max.GetInt64())
                errors.Add($"{path}: {count} {unit}, more than {shapeName}'s maximum {max.GetInt64()}.");
        }

        private static void CheckRange(JsonElement shape, long value, string path, string shapeName, List<string> errors)
        {
            if (shape.TryGetProperty("min", out var min) && value < min.GetInt64())
                errors.Add($"{path}: {value} is below {shapeName}'s minimum {min.GetInt64()}.");
            if (shape.TryGetProperty("max", out var max) && value > max.GetInt64())
                errors.Add($"{path}: {value} is above {shapeName}'s maximum {max.GetInt64()}.");
        }

        private static string Trim(string s) => s.Length > 60 ? s.Substring(0, 60) + "..." : s;

        // ---- coverage ------------------------------------------------------------------------

        /// <summary>Members of the shape (recursively, through lists and maps) that the JSON value
        /// leaves out: proves a fixture or a fully populated request really covers the shape.</summary>
        public IReadOnlyList<string> MissingMembers(string shapeName, JsonElement value, string path = null)
        {
            var missing = new List<string>();
            CollectMissing(shapeName, value, path ?? shapeName, missing);
            return missing;
        }

        private void CollectMissing(string shapeName, JsonElement value, string path, List<string> missing)
        {
            var shape = Shape(shapeName);
            switch (shape.GetProperty("type").GetString())
            {
                case "structure" when value.ValueKind == JsonValueKind.Object:
                    foreach (var member in shape.GetProperty("members").EnumerateObject())
                    {
                        if (!value.TryGetProperty(member.Name, out var v) || v.ValueKind == JsonValueKind.Null)
                            missing.Add(path + "." + member.Name);
                        else
                            CollectMissing(member.Value.GetProperty("shape").GetString(), v, path + "." + member.Name, missing);
                    }
                    break;
                case "list" when value.ValueKind == JsonValueKind.Array:
                    if (value.GetArrayLength() == 0) missing.Add(path + "[] (empty)");
                    var item = shape.GetProperty("member").GetProperty("shape").GetString();
                    var i = 0;
                    foreach (var e in value.EnumerateArray()) CollectMissing(item, e, $"{path}[{i++}]", missing);
                    break;
                case "map" when value.ValueKind == JsonValueKind.Object:
                    var valueShape = shape.GetProperty("value").GetProperty("shape").GetString();
                    foreach (var e in value.EnumerateObject()) CollectMissing(valueShape, e.Value, $"{path}['{e.Name}']", missing);
                    break;
            }
        }

        /// <summary>
        /// Compares an Engine model type with a shape, both ways and recursively, through the
        /// Engine's own serializer settings: every serialized property must have its JSON name in
        /// the shape with a compatible type (else it silently never fills), and — unless
        /// <paramref name="allowPartial"/> — every shape member must have a property.
        /// </summary>
        public IReadOnlyList<string> CompareWithType(string shapeName, Type type, JsonSerializerOptions options, bool allowPartial = false)
        {
            var resolverOptions = new JsonSerializerOptions(options) { TypeInfoResolver = new DefaultJsonTypeInfoResolver() };
            resolverOptions.MakeReadOnly();
            var problems = new List<string>();
            CompareType(shapeName, type, resolverOptions, allowPartial, type.Name, problems, new HashSet<(string, Type)>());
            return problems;
        }

        private void CompareType(string shapeName, Type type, JsonSerializerOptions options, bool allowPartial, string path,
            List<string> problems, HashSet<(string, Type)> seen)
        {
            if (!seen.Add((shapeName, type))) return;
            var shape = Shape(shapeName);
            var kind = shape.GetProperty("type").GetString();
            var clr = Nullable.GetUnderlyingType(type) ?? type;
            switch (kind)
            {
                case "structure" when shape.TryGetProperty("document", out var isDocument) && isDocument.GetBoolean():
                    // A document member holds any JSON value; the Engine keeps it as a JsonNode.
                    if (!typeof(System.Text.Json.Nodes.JsonNode).IsAssignableFrom(clr))
                        problems.Add($"{path}: {clr.Name} is not a JsonNode but {shapeName} is a document.");
                    return;
                case "structure":
                    var info = options.GetTypeInfo(clr);
                    if (info.Kind != JsonTypeInfoKind.Object)
                    {
                        problems.Add($"{path}: {clr.Name} is not an object type but {shapeName} is a structure.");
                        return;
                    }
                    var members = shape.GetProperty("members");
                    var names = new HashSet<string>(StringComparer.Ordinal);
                    foreach (var p in info.Properties)
                    {
                        if (p.Get == null && p.Set == null) continue; // [JsonIgnore]: never on the wire
                        names.Add(p.Name);
                        if (!members.TryGetProperty(p.Name, out var member))
                        {
                            problems.Add($"{path}.{PropertyName(p)}: JSON name '{p.Name}' is not a member of {shapeName} ({string.Join(", ", members.EnumerateObject().Select(m => m.Name))}).");
                            continue;
                        }
                        CompareType(member.GetProperty("shape").GetString(), p.PropertyType, options, allowPartial, path + "." + PropertyName(p), problems, seen);
                    }
                    if (!allowPartial)
                        foreach (var m in members.EnumerateObject().Where(m => !names.Contains(m.Name)))
                            problems.Add($"{path}: {shapeName} member '{m.Name}' has no property on {clr.Name}.");
                    break;
                case "list":
                    var element = ElementType(clr);
                    if (element == null) { problems.Add($"{path}: {clr.Name} is not a list type but {shapeName} is a list."); return; }
                    CompareType(shape.GetProperty("member").GetProperty("shape").GetString(), element, options, allowPartial, path + "[]", problems, seen);
                    break;
                case "map":
                    var dict = clr.GetInterfaces().Append(clr).FirstOrDefault(i => i.IsGenericType && i.GetGenericTypeDefinition() == typeof(IDictionary<,>));
                    if (dict == null) { problems.Add($"{path}: {clr.Name} is not a dictionary but {shapeName} is a map."); return; }
                    CompareType(shape.GetProperty("value").GetProperty("shape").GetString(), dict.GetGenericArguments()[1], options, allowPartial, path + "{}", problems, seen);
                    break;
                default:
                    var expected = ScalarTypes(kind);
                    if (expected != null && !expected.Contains(clr))
                        problems.Add($"{path}: {clr.Name} cannot carry {shapeName} ({kind}); expected {string.Join(" or ", expected.Select(t => t.Name))}.");
                    break;
            }
        }

        private static string PropertyName(JsonPropertyInfo p) => (p.AttributeProvider as System.Reflection.MemberInfo)?.Name ?? p.Name;

        private static Type ElementType(Type t)
        {
            if (t == typeof(string)) return null;
            if (t.IsArray) return t.GetElementType();
            var e = t.GetInterfaces().Append(t).FirstOrDefault(i => i.IsGenericType && i.GetGenericTypeDefinition() == typeof(IEnumerable<>));
            return e?.GetGenericArguments()[0];
        }

        private static Type[] ScalarTypes(string kind) => kind switch
        {
            "string" => new[] { typeof(string) },
            "integer" => new[] { typeof(int) },
            "long" => new[] { typeof(long) },
            "boolean" => new[] { typeof(bool) },
            "double" => new[] { typeof(double) },
            "float" => new[] { typeof(float), typeof(double) },
            "timestamp" => new[] { typeof(DateTime), typeof(DateTimeOffset) },
            "blob" => new[] { typeof(byte[]), typeof(string) },
            _ => null,
        };

        /// <summary>The error shapes an operation may answer with, as the model lists them.</summary>
        public IReadOnlyList<string> ErrorsOf(string operation)
        {
            if (!_operations.TryGetProperty(operation, out var op))
                throw new KeyNotFoundException($"The model has no operation '{operation}'.");
            return op.TryGetProperty("errors", out var errors)
                ? errors.EnumerateArray().Select(e => e.GetProperty("shape").GetString()).ToList()
                : new List<string>();
        }

        // ---- samples -------------------------------------------------------------------------

        private static readonly DateTime SampleTime = new DateTime(2023, 11, 14, 22, 13, 20, 500, DateTimeKind.Utc);

        /// <summary>
        /// A JSON value of the shape that sets every member, recursively (a recursive shape stops
        /// where it would repeat itself), with values the validator accepts and none of them a
        /// default: strings name their member, numbers respect min/max and are not 0, booleans are
        /// true, lists have one item (or their minimum), timestamps are epoch seconds with a
        /// fraction. For fakes that must answer with everything a model can say.
        /// </summary>
        public JsonNode Sample(string shapeName) => SampleOf(shapeName, shapeName, new HashSet<string>(StringComparer.Ordinal));

        private JsonNode SampleOf(string shapeName, string hint, HashSet<string> open)
        {
            var shape = Shape(shapeName);
            var type = shape.GetProperty("type").GetString();
            switch (type)
            {
                case "structure" when shape.TryGetProperty("document", out var isDocument) && isDocument.GetBoolean():
                    return new JsonObject { ["any"] = hint + "-document" };
                case "structure":
                    if (!open.Add(shapeName)) return null;
                    var obj = new JsonObject();
                    foreach (var member in shape.GetProperty("members").EnumerateObject())
                    {
                        var value = SampleOf(member.Value.GetProperty("shape").GetString(), member.Name, open);
                        if (value != null) obj[member.Name] = value;
                    }
                    open.Remove(shapeName);
                    return obj;
                case "list":
                    var count = Math.Max(1, shape.TryGetProperty("min", out var minItems) ? (int)minItems.GetInt64() : 1);
                    var array = new JsonArray();
                    for (var i = 0; i < count; i++)
                    {
                        var item = SampleOf(shape.GetProperty("member").GetProperty("shape").GetString(), hint, open);
                        if (item == null) return null;
                        array.Add(item);
                    }
                    return array;
                case "map":
                    var key = SampleOf(shape.GetProperty("key").GetProperty("shape").GetString(), hint + "Key", open);
                    var entry = SampleOf(shape.GetProperty("value").GetProperty("shape").GetString(), hint, open);
                    return entry == null ? null : new JsonObject { [key.GetValue<string>()] = entry };
                case "string":
                    if (shape.TryGetProperty("enum", out var values))
                        return JsonValue.Create(values.EnumerateArray().First().GetString());
                    var text = hint + "-sample";
                    if (shape.TryGetProperty("min", out var minLength) && text.Length < minLength.GetInt64())
                        text = text.PadRight((int)minLength.GetInt64(), 'x');
                    if (shape.TryGetProperty("max", out var maxLength) && text.Length > maxLength.GetInt64())
                        text = text.Substring(0, (int)maxLength.GetInt64());
                    return JsonValue.Create(text);
                case "integer":
                case "long":
                    long number = shape.TryGetProperty("min", out var min) && min.GetInt64() > 0 ? min.GetInt64() : 7;
                    if (shape.TryGetProperty("max", out var max) && number > max.GetInt64()) number = max.GetInt64();
                    return JsonValue.Create(number);
                case "double":
                case "float":
                    return JsonValue.Create(2.5);
                case "boolean":
                    return JsonValue.Create(true);
                case "timestamp":
                    var format = shape.TryGetProperty("timestampFormat", out var f) ? f.GetString() : "unixTimestamp";
                    return format == "unixTimestamp"
                        ? JsonValue.Create((SampleTime - DateTime.UnixEpoch).TotalSeconds)
                        : JsonValue.Create(SampleTime.ToString("yyyy-MM-ddTHH:mm:ss.fffZ", System.Globalization.CultureInfo.InvariantCulture));
                case "blob":
                    return JsonValue.Create(Convert.ToBase64String(System.Text.Encoding.UTF8.GetBytes(hint + "-bytes")));
                default:
                    throw new NotSupportedException($"No sample for shape type '{type}' ({shapeName}).");
            }
        }

        public override string ToString() => $"{Metadata.GetProperty("serviceId").GetString()} model at {Path}";
    }
}
