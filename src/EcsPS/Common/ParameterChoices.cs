using System;
using System.Collections.Concurrent;
using System.Collections.Generic;
using System.Linq;
using System.Management.Automation;
using System.Reflection;

namespace EcsPS.Common
{
    /// <summary>
    /// PowerShell accepts [ValidateSet] values in any case but passes on what was typed, while
    /// AWS takes only its own spelling ('tags' is not 'TAGS'). This puts every bound choice
    /// back into the listed spelling, so users keep PowerShell's case-insensitivity.
    /// </summary>
    internal static class ParameterChoices
    {
        private static readonly ConcurrentDictionary<Type, (PropertyInfo Property, string[] Values)[]> Cache =
            new ConcurrentDictionary<Type, (PropertyInfo, string[])[]>();

        public static void Canonicalize(Cmdlet cmdlet, IDictionary<string, object> bound)
        {
            foreach (var (property, values) in Cache.GetOrAdd(cmdlet.GetType(), Discover))
            {
                if (!bound.ContainsKey(property.Name)) continue;
                var value = property.GetValue(cmdlet);
                if (value is string text)
                    property.SetValue(cmdlet, Spell(text, values));
                else if (value is string[] texts)
                    property.SetValue(cmdlet, texts.Select(t => Spell(t, values)).ToArray());
            }
        }

        private static string Spell(string text, string[] values)
            => values.FirstOrDefault(v => string.Equals(v, text, StringComparison.OrdinalIgnoreCase)) ?? text;

        private static (PropertyInfo, string[])[] Discover(Type type)
            => type.GetProperties(BindingFlags.Public | BindingFlags.Instance)
                .Where(p => p.CanWrite && p.GetCustomAttributes<ParameterAttribute>().Any())
                .Select(p => (p, p.GetCustomAttribute<ValidateSetAttribute>()?.ValidValues?.ToArray()))
                .Where(x => x.Item2 != null && (x.p.PropertyType == typeof(string) || x.p.PropertyType == typeof(string[])))
                .ToArray();
    }
}
