using System.Collections;
using System.Collections.Generic;
using System.Management.Automation;
using System.Text.Json.Nodes;
using EcsPS.Engine.Runtime;

namespace EcsPS.Common
{
    /// <summary>
    /// Turns what PowerShell users pass (hashtables, [ordered] tables, PSCustomObjects, arrays,
    /// and the module's own model objects) into a JSON tree the Engine's strict reader checks.
    /// </summary>
    internal static class PlainData
    {
        public static JsonNode ToJson(object value) => ModelReader.FromPlain(Unwrap(value));

        public static object Unwrap(object value)
        {
            if (value is PSObject pso)
            {
                if (pso.BaseObject is PSCustomObject)
                {
                    var table = new Dictionary<string, object>();
                    foreach (var property in pso.Properties)
                        table[property.Name] = Unwrap(property.Value);
                    return table;
                }
                value = pso.BaseObject;
            }
            switch (value)
            {
                case null: return null;
                case string _: return value;
                case IDictionary dict:
                {
                    var table = new Dictionary<string, object>();
                    foreach (DictionaryEntry entry in dict)
                        table[entry.Key?.ToString() ?? string.Empty] = Unwrap(entry.Value);
                    return table;
                }
                case IEnumerable list:
                {
                    var items = new List<object>();
                    foreach (var item in list) items.Add(Unwrap(item));
                    return items;
                }
                default: return value;
            }
        }
    }
}
