using System;
using System.Collections;
using System.Collections.Concurrent;
using System.Collections.Generic;
using System.Globalization;
using System.Linq;
using System.Reflection;
using System.Text.Json;
using System.Text.Json.Nodes;
using System.Text.Json.Serialization;
using EcsPS.Engine.Protocols.Json;

namespace EcsPS.Engine.Runtime
{
    /// <summary>
    /// Reads user-written data (JSON files, PowerShell hashtables) into model objects strictly:
    /// every unknown member, missing required member, wrong type and value outside a modelled
    /// enum is reported with its path, all at once, instead of being dropped or failing on the
    /// first. It is forgiving only where intent is unambiguous: member names in any case
    /// (PowerShell users write PascalCase), enum values in any case, a number where the model
    /// wants a string ("cpu": 256), and a single value where it wants a list.
    /// </summary>
    public static class ModelReader
    {
        private static readonly ConcurrentDictionary<Type, ModelType> Types = new ConcurrentDictionary<Type, ModelType>();

        public static T Read<T>(JsonNode node, string rootPath, List<string> problems) where T : class
        {
            var canonical = Canonicalize(node, typeof(T), rootPath, problems);
            if (canonical == null) return null;
            return canonical.Deserialize<T>(EngineJson.Options);
        }

        /// <summary>Turns plain .NET data (dictionaries, lists, scalars) into a JSON tree.</summary>
        public static JsonNode FromPlain(object value)
        {
            switch (value)
            {
                case null: return null;
                case JsonNode node: return node.DeepClone();
                case string s: return JsonValue.Create(s);
                case bool b: return JsonValue.Create(b);
                case char c: return JsonValue.Create(c.ToString());
                case DateTime d: return JsonValue.Create(d.ToUniversalTime().ToString("o", CultureInfo.InvariantCulture));
                case IDictionary dict:
                {
                    var obj = new JsonObject();
                    foreach (DictionaryEntry entry in dict)
                    {
                        var key = Convert.ToString(entry.Key, CultureInfo.InvariantCulture);
                        if (obj.ContainsKey(key))
                            throw new ArgumentException($"The key '{key}' appears twice.");
                        obj[key] = FromPlain(entry.Value);
                    }
                    return obj;
                }
                case IEnumerable list:
                {
                    var array = new JsonArray();
                    foreach (var item in list) array.Add(FromPlain(item));
                    return array;
                }
            }
            if (value is IConvertible convertible && IsNumber(value))
                return JsonValue.Create(Convert.ToDecimal(convertible, CultureInfo.InvariantCulture));
            // A model object (for example a ContainerDefinition built by a cmdlet): its JSON form.
            return JsonSerializer.SerializeToNode(value, value.GetType(), EngineJson.Options);
        }

        private static bool IsNumber(object value) =>
            value is int || value is long || value is short || value is byte || value is sbyte || value is uint
            || value is ulong || value is ushort || value is double || value is float || value is decimal;

        private static JsonNode Canonicalize(JsonNode node, Type type, string path, List<string> problems)
        {
            if (node == null) return null;
            var underlying = Nullable.GetUnderlyingType(type) ?? type;

            if (underlying == typeof(string)) return ToStringValue(node, path, problems);
            if (underlying == typeof(int) || underlying == typeof(long)) return ToInteger(node, path, problems, underlying == typeof(int));
            if (underlying == typeof(double) || underlying == typeof(float)) return ToNumber(node, path, problems);
            if (underlying == typeof(bool)) return ToBool(node, path, problems);
            if (underlying == typeof(DateTime)) return node.DeepClone();
            // A document member (HookDetails) holds whatever JSON the caller gives.
            if (typeof(JsonNode).IsAssignableFrom(underlying)) return node.DeepClone();

            if (underlying.IsGenericType && underlying.GetGenericTypeDefinition() == typeof(List<>))
            {
                var itemType = underlying.GetGenericArguments()[0];
                var items = node is JsonArray array ? array.ToList() : new List<JsonNode> { node };
                var result = new JsonArray();
                for (var i = 0; i < items.Count; i++)
                {
                    if (items[i] == null) { problems.Add($"{path}[{i}]: an empty (null) item is not allowed."); continue; }
                    var converted = Canonicalize(items[i], itemType, $"{path}[{i}]", problems);
                    if (converted != null) result.Add(converted);
                }
                return result;
            }

            if (underlying.IsGenericType && underlying.GetGenericTypeDefinition() == typeof(Dictionary<,>))
            {
                if (!(node is JsonObject map)) { problems.Add($"{path}: expected a set of name/value pairs, found {Describe(node)}."); return null; }
                var valueType = underlying.GetGenericArguments()[1];
                var result = new JsonObject();
                foreach (var pair in map)
                {
                    var converted = Canonicalize(pair.Value, valueType, $"{path}.{pair.Key}", problems);
                    if (converted != null) result[pair.Key] = converted;
                }
                return result;
            }

            if (!(node is JsonObject obj))
            {
                problems.Add($"{path}: expected an object with members, found {Describe(node)}.");
                return null;
            }
            return CanonicalizeObject(obj, Types.GetOrAdd(underlying, t => new ModelType(t)), path, problems);
        }

        private static JsonNode CanonicalizeObject(JsonObject obj, ModelType model, string path, List<string> problems)
        {
            var result = new JsonObject();
            foreach (var pair in obj)
            {
                var member = model.Find(pair.Key);
                var memberPath = Join(path, member?.JsonName ?? pair.Key);
                if (member == null)
                {
                    var suggestion = model.Suggest(pair.Key);
                    problems.Add($"{memberPath}: '{pair.Key}' is not a member of {model.Name}." +
                        (suggestion != null ? $" Did you mean '{suggestion}'?" : $" Allowed: {string.Join(", ", model.JsonNames)}."));
                    continue;
                }
                if (result.ContainsKey(member.JsonName))
                {
                    problems.Add($"{memberPath}: given twice (names are not case-sensitive here).");
                    continue;
                }
                if (pair.Value == null) continue; // an explicit null means "not set", as in the AWS CLI's skeletons
                var converted = Canonicalize(pair.Value, member.Property.PropertyType, memberPath, problems);
                if (converted == null) continue;
                if (member.Enum != null) converted = CheckEnum(converted, member.Enum, memberPath, problems);
                result[member.JsonName] = converted;
            }
            foreach (var required in model.Required)
                if (!result.ContainsKey(required) && !obj.Any(p => string.Equals(p.Key, required, StringComparison.OrdinalIgnoreCase)))
                    problems.Add($"{Join(path, required)}: this member is required in {model.Name}.");
            return result;
        }

        private static JsonNode CheckEnum(JsonNode node, string[] allowed, string path, List<string> problems)
        {
            if (node is JsonArray array)
            {
                var fixedArray = new JsonArray();
                for (var i = 0; i < array.Count; i++)
                    fixedArray.Add(CheckEnum(array[i]?.DeepClone(), allowed, $"{path}[{i}]", problems));
                return fixedArray;
            }
            var element = Element(node);
            if (element?.ValueKind != JsonValueKind.String) return node;
            var text = element.Value.GetString();
            if (allowed.Contains(text, StringComparer.Ordinal)) return node;
            var match = allowed.FirstOrDefault(a => string.Equals(a, text, StringComparison.OrdinalIgnoreCase));
            if (match != null) return JsonValue.Create(match);
            problems.Add($"{path}: '{text}' is not allowed. Use one of: {string.Join(", ", allowed)}.");
            return node;
        }

        private static JsonNode ToStringValue(JsonNode node, string path, List<string> problems)
        {
            var e = Element(node);
            switch (e?.ValueKind)
            {
                case JsonValueKind.String: return JsonValue.Create(e.Value.GetString());
                case JsonValueKind.Number: return JsonValue.Create(e.Value.GetRawText());
                case JsonValueKind.True: return JsonValue.Create("true");
                case JsonValueKind.False: return JsonValue.Create("false");
            }
            problems.Add($"{path}: expected text, found {Describe(node)}.");
            return null;
        }

        private static JsonNode ToInteger(JsonNode node, string path, List<string> problems, bool int32)
        {
            if (TryNumber(node, out var number) && number == decimal.Truncate(number)
                && (!int32 || (number >= int.MinValue && number <= int.MaxValue)))
                return JsonValue.Create((long)number);
            problems.Add($"{path}: expected a whole number, found {Describe(node)}.");
            return null;
        }

        private static JsonNode ToNumber(JsonNode node, string path, List<string> problems)
        {
            if (TryNumber(node, out var number)) return JsonValue.Create(number);
            problems.Add($"{path}: expected a number, found {Describe(node)}.");
            return null;
        }

        private static bool TryNumber(JsonNode node, out decimal number)
        {
            number = 0;
            var e = Element(node);
            if (e?.ValueKind == JsonValueKind.Number) return e.Value.TryGetDecimal(out number);
            if (e?.ValueKind == JsonValueKind.String)
                return decimal.TryParse(e.Value.GetString(), NumberStyles.Float, CultureInfo.InvariantCulture, out number);
            return false;
        }

        private static JsonNode ToBool(JsonNode node, string path, List<string> problems)
        {
            var e = Element(node);
            if (e?.ValueKind == JsonValueKind.True || e?.ValueKind == JsonValueKind.False)
                return JsonValue.Create(e.Value.ValueKind == JsonValueKind.True);
            if (e?.ValueKind == JsonValueKind.String && bool.TryParse(e.Value.GetString(), out var b))
                return JsonValue.Create(b);
            problems.Add($"{path}: expected true or false, found {Describe(node)}.");
            return null;
        }

        /// <summary>A scalar node as a JsonElement, whether it was parsed from text or built in memory.</summary>
        private static JsonElement? Element(JsonNode node)
        {
            if (!(node is JsonValue)) return null;
            using (var doc = JsonDocument.Parse(node.ToJsonString()))
                return doc.RootElement.Clone();
        }

        private static string Describe(JsonNode node)
        {
            switch (node)
            {
                case JsonObject _: return "an object";
                case JsonArray _: return "a list";
                case null: return "null";
            }
            var e = Element(node);
            return e?.ValueKind == JsonValueKind.String ? $"the text \"{e.Value.GetString()}\"" : node.ToJsonString();
        }

        private static string Join(string path, string member) => string.IsNullOrEmpty(path) ? member : path + "." + member;

        private sealed class ModelType
        {
            private readonly Dictionary<string, ModelMember> _byName = new Dictionary<string, ModelMember>(StringComparer.OrdinalIgnoreCase);

            public ModelType(Type type)
            {
                Name = type.Name;
                foreach (var property in type.GetProperties(BindingFlags.Public | BindingFlags.Instance))
                {
                    if (!property.CanWrite || property.GetCustomAttribute<JsonIgnoreAttribute>() != null) continue;
                    var jsonName = property.GetCustomAttribute<JsonPropertyNameAttribute>()?.Name
                        ?? JsonNamingPolicy.CamelCase.ConvertName(property.Name);
                    var member = new ModelMember(property, jsonName, property.GetCustomAttribute<ModelEnumAttribute>()?.Values);
                    _byName[jsonName] = member;
                    _byName[property.Name] = member;
                    if (property.GetCustomAttribute<ModelRequiredAttribute>() != null) RequiredList.Add(jsonName);
                }
                JsonNames = _byName.Values.Select(m => m.JsonName).Distinct().ToArray();
            }

            public string Name { get; }
            public string[] JsonNames { get; }
            private List<string> RequiredList { get; } = new List<string>();
            public IEnumerable<string> Required => RequiredList;

            public ModelMember Find(string name) => _byName.TryGetValue(name, out var m) ? m : null;

            public string Suggest(string name)
            {
                // "value" for "valueFrom", "containerDef" for "containerDefinitions": a cut-off name.
                var lower = name.ToLowerInvariant();
                var byPrefix = JsonNames.Where(c => lower.Length >= 3 && c.ToLowerInvariant().StartsWith(lower, StringComparison.Ordinal)).ToList();
                if (byPrefix.Count == 1) return byPrefix[0];
                string best = null;
                var bestDistance = int.MaxValue;
                foreach (var candidate in JsonNames)
                {
                    var d = Distance(name.ToLowerInvariant(), candidate.ToLowerInvariant());
                    if (d < bestDistance) { bestDistance = d; best = candidate; }
                }
                return bestDistance <= Math.Max(2, name.Length / 4) ? best : null;
            }

            private static int Distance(string a, string b)
            {
                var previous = new int[b.Length + 1];
                var current = new int[b.Length + 1];
                for (var j = 0; j <= b.Length; j++) previous[j] = j;
                for (var i = 1; i <= a.Length; i++)
                {
                    current[0] = i;
                    for (var j = 1; j <= b.Length; j++)
                        current[j] = Math.Min(Math.Min(current[j - 1] + 1, previous[j] + 1), previous[j - 1] + (a[i - 1] == b[j - 1] ? 0 : 1));
                    var swap = previous; previous = current; current = swap;
                }
                return previous[b.Length];
            }
        }

        private sealed class ModelMember
        {
            public ModelMember(PropertyInfo property, string jsonName, string[] enumValues)
            {
                Property = property;
                JsonName = jsonName;
                Enum = enumValues;
            }

            public PropertyInfo Property { get; }
            public string JsonName { get; }
            public string[] Enum { get; }
        }
    }
}
