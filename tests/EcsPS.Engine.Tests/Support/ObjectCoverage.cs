using System;
using System.Collections;
using System.Collections.Generic;
using System.Text.Json;
using System.Text.Json.Serialization.Metadata;

namespace EcsPS.Engine.Tests.Support
{
    /// <summary>
    /// Walks an object graph through the serializer's view of it (the properties it would read and
    /// write) and lists every property left at its default: null, an empty collection, 0, false.
    /// After parsing a fixture that sets every member to a non-default value, an empty list proves
    /// that no property silently misses its JSON name.
    /// </summary>
    public static class ObjectCoverage
    {
        public static IReadOnlyList<string> UnsetProperties(object value, JsonSerializerOptions options)
        {
            var resolverOptions = new JsonSerializerOptions(options) { TypeInfoResolver = new DefaultJsonTypeInfoResolver() };
            resolverOptions.MakeReadOnly();
            var unset = new List<string>();
            Walk(value, value?.GetType().Name ?? "(null)", resolverOptions, unset, 0);
            return unset;
        }

        private static void Walk(object value, string path, JsonSerializerOptions options, List<string> unset, int depth)
        {
            if (depth > 32) throw new InvalidOperationException("Object graph too deep at " + path);
            if (value == null) { unset.Add(path); return; }
            var type = value.GetType();
            if (type.IsPrimitive || type.IsEnum || value is string || value is decimal || value is DateTime || value is DateTimeOffset)
            {
                if (value is string s ? s.Length == 0 : Equals(value, Activator.CreateInstance(type)))
                    unset.Add(path + " (default)");
                return;
            }
            if (value is IEnumerable sequence)
            {
                var i = 0;
                foreach (var item in sequence) Walk(item, $"{path}[{i++}]", options, unset, depth + 1);
                if (i == 0) unset.Add(path + " (empty)");
                return;
            }
            var info = options.GetTypeInfo(type);
            if (info.Kind != JsonTypeInfoKind.Object) return;
            foreach (var p in info.Properties)
            {
                if (p.Get == null) continue;
                Walk(p.Get(value), path + "." + p.Name, options, unset, depth + 1);
            }
        }
    }
}
