using System;
using System.Collections.Concurrent;
using System.Collections.Generic;
using System.Linq;
using System.Reflection;
using System.Text.Json.Serialization;
using EcsPS.Engine.Runtime;

namespace EcsPS.Engine.Protocols.Query
{
    /// <summary>The Query serialisation rules of one model property, read once from the attributes
    /// the generator put on it.</summary>
    internal sealed class QueryMember
    {
        private static readonly ConcurrentDictionary<Type, QueryMember[]> Cache = new ConcurrentDictionary<Type, QueryMember[]>();

        private QueryMember(PropertyInfo property)
        {
            Property = property;
            var memberName = property.GetCustomAttribute<JsonPropertyNameAttribute>()?.Name ?? property.Name;
            WireName = property.GetCustomAttribute<WireNameAttribute>()?.Name ?? memberName;
            var list = property.GetCustomAttribute<QueryListAttribute>();
            var map = property.GetCustomAttribute<QueryMapAttribute>();
            ItemName = list?.ItemName ?? "member";
            KeyName = map?.KeyName ?? "key";
            ValueName = map?.ValueName ?? "value";
            Flattened = list?.Flattened == true || map?.Flattened == true;
            HasItemName = list != null && list.ItemName != "member";
        }

        public PropertyInfo Property { get; }
        public string WireName { get; }
        /// <summary>The element (or key segment) of each list item: "member" unless the model says otherwise.</summary>
        public string ItemName { get; }
        public bool HasItemName { get; }
        public string KeyName { get; }
        public string ValueName { get; }
        public bool Flattened { get; }

        /// <summary>The members of a model type, in declaration (model) order.</summary>
        public static QueryMember[] Of(Type type)
            => Cache.GetOrAdd(type, t => t.GetProperties(BindingFlags.Public | BindingFlags.Instance)
                .Where(p => p.CanRead && p.CanWrite && p.GetCustomAttribute<JsonIgnoreAttribute>() == null)
                .OrderBy(p => p.MetadataToken)
                .Select(p => new QueryMember(p))
                .ToArray());

        public static bool IsList(Type type, out Type itemType)
        {
            itemType = type.IsGenericType && type.GetGenericTypeDefinition() == typeof(List<>) ? type.GetGenericArguments()[0] : null;
            return itemType != null;
        }

        public static bool IsMap(Type type, out Type keyType, out Type valueType)
        {
            var map = type.IsGenericType && type.GetGenericTypeDefinition() == typeof(Dictionary<,>);
            keyType = map ? type.GetGenericArguments()[0] : null;
            valueType = map ? type.GetGenericArguments()[1] : null;
            return map;
        }
    }
}
