using System;
using System.Collections;
using System.Collections.Generic;
using System.Globalization;
using System.Linq;
using System.Management.Automation;
using EcsPS.Engine.Ecs.Model;

namespace EcsPS.Ecs
{
    /// <summary>
    /// Reads capacity provider strategies the ways people write them at a prompt:
    /// 'FARGATE', 'FARGATE_SPOT:3' or 'FARGATE:1:2' (name:weight:base), a hashtable
    /// @{ CapacityProvider = 'FARGATE'; Weight = 1; Base = 2 }, or strategy objects.
    /// </summary>
    internal static class CapacityProviderStrategy
    {
        public static List<CapacityProviderStrategyItem> Parse(object[] items)
        {
            if (items == null) return null;
            var result = new List<CapacityProviderStrategyItem>();
            foreach (var raw in items)
            {
                var item = raw is PSObject pso ? pso.BaseObject : raw;
                switch (item)
                {
                    case CapacityProviderStrategyItem typed:
                        result.Add(typed);
                        break;
                    case string text:
                        result.Add(FromText(text));
                        break;
                    case IDictionary table:
                        result.Add(FromTable(table));
                        break;
                    default:
                        if (raw is PSObject obj && obj.Properties["CapacityProvider"] != null)
                        {
                            result.Add(new CapacityProviderStrategyItem
                            {
                                CapacityProvider = obj.Properties["CapacityProvider"].Value?.ToString(),
                                Weight = ToInt(obj.Properties["Weight"]?.Value, "Weight"),
                                Base = ToInt(obj.Properties["Base"]?.Value, "Base"),
                            });
                            break;
                        }
                        throw new ArgumentException($"'{item}' is not a capacity provider strategy item. Use 'NAME', 'NAME:WEIGHT', 'NAME:WEIGHT:BASE' or @{{ CapacityProvider = 'NAME'; Weight = 1; Base = 0 }}.");
                }
            }
            Check(result);
            return result;
        }

        /// <summary>
        /// A cluster's default strategy may only use the cluster's own providers, and every
        /// name must be a valid capacity provider name. Null when all is well.
        /// </summary>
        public static string CheckAgainst(IReadOnlyList<CapacityProviderStrategyItem> strategy, IReadOnlyList<string> providers)
        {
            foreach (var name in providers ?? new string[0])
            {
                var message = EcsNames.CheckName("capacity provider", name, allowArn: true, allowWildcards: false);
                if (message != null) return message;
            }
            if (strategy == null || strategy.Count == 0) return null;
            var unknown = strategy.Select(s => s.CapacityProvider).Where(n => providers == null || !providers.Contains(n)).Distinct().ToList();
            return unknown.Count == 0 ? null
                : $"The default strategy names {string.Join(", ", unknown)}, which -CapacityProvider does not list. " +
                  "A cluster's default strategy can only use the cluster's own capacity providers.";
        }

        private static CapacityProviderStrategyItem FromText(string text)
        {
            var parts = text.Split(':');
            if (parts.Length > 3 || string.IsNullOrWhiteSpace(parts[0]))
                throw new ArgumentException($"'{text}' is not a capacity provider strategy item. Use 'NAME', 'NAME:WEIGHT' or 'NAME:WEIGHT:BASE', for example 'FARGATE_SPOT:3'.");
            return new CapacityProviderStrategyItem
            {
                CapacityProvider = parts[0].Trim(),
                Weight = parts.Length > 1 ? ToInt(parts[1], "Weight") : null,
                Base = parts.Length > 2 ? ToInt(parts[2], "Base") : null,
            };
        }

        private static CapacityProviderStrategyItem FromTable(IDictionary table)
        {
            var item = new CapacityProviderStrategyItem();
            foreach (DictionaryEntry entry in table)
            {
                switch (entry.Key?.ToString().ToLowerInvariant())
                {
                    case "capacityprovider": case "name": item.CapacityProvider = entry.Value?.ToString(); break;
                    case "weight": item.Weight = ToInt(entry.Value, "Weight"); break;
                    case "base": item.Base = ToInt(entry.Value, "Base"); break;
                    default:
                        throw new ArgumentException($"'{entry.Key}' is not a capacity provider strategy key. Use CapacityProvider, Weight and Base.");
                }
            }
            return item;
        }

        private static int? ToInt(object value, string what)
        {
            value = value is PSObject pso ? pso.BaseObject : value;
            if (value == null || (value is string s && s.Length == 0)) return null;
            decimal number;
            try { number = Convert.ToDecimal(value, CultureInfo.InvariantCulture); }
            catch (Exception) { throw new ArgumentException($"The capacity provider {what} '{value}' is not a whole number."); }
            // Convert.ToInt32 would round 1.5 to 2 without a word.
            if (number != decimal.Truncate(number) || number < int.MinValue || number > int.MaxValue)
                throw new ArgumentException($"The capacity provider {what} '{value}' is not a whole number.");
            return (int)number;
        }

        private static void Check(List<CapacityProviderStrategyItem> items)
        {
            if (items.Count > 20)
                throw new ArgumentException($"A capacity provider strategy has at most 20 entries; {items.Count} were given.");
            var withBase = 0;
            foreach (var item in items)
            {
                if (string.IsNullOrEmpty(item.CapacityProvider))
                    throw new ArgumentException("Every capacity provider strategy item needs a CapacityProvider name.");
                if (item.Weight < 0 || item.Weight > 1000)
                    throw new ArgumentException($"The weight of '{item.CapacityProvider}' must be 0 to 1000; it is {item.Weight}.");
                if (item.Base < 0 || item.Base > 100000)
                    throw new ArgumentException($"The base of '{item.CapacityProvider}' must be 0 to 100000; it is {item.Base}.");
                if (item.Base > 0) withBase++;
            }
            if (withBase > 1)
                throw new ArgumentException("Only one capacity provider in a strategy can have a base greater than 0.");
        }
    }
}
