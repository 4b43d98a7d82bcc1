using System;
using System.Collections;
using System.Collections.Generic;
using System.Globalization;
using System.Text;

namespace EcsPS.Engine.Protocols.Query
{
    /// <summary>
    /// Writes a request model as an AWS Query form, the way botocore's QuerySerializer does:
    /// Action and Version first; structures as Parent.Member; lists as Name.member.N (Name.N when
    /// flattened), an empty list as "Name="; maps as Name.entry.N.key / .value; booleans as
    /// true/false; timestamps as ISO 8601 in UTC; blobs in base64.
    /// </summary>
    internal static class QueryFormWriter
    {
        public static List<KeyValuePair<string, string>> Write(string action, string version, object request)
        {
            var pairs = new List<KeyValuePair<string, string>>
            {
                new KeyValuePair<string, string>("Action", action),
                new KeyValuePair<string, string>("Version", version),
            };
            if (request != null) WriteStructure(pairs, request, string.Empty);
            return pairs;
        }

        /// <summary>application/x-www-form-urlencoded, percent-encoded as RFC 3986 says.</summary>
        public static byte[] Encode(IEnumerable<KeyValuePair<string, string>> pairs)
        {
            var text = new StringBuilder();
            foreach (var pair in pairs)
            {
                if (text.Length > 0) text.Append('&');
                text.Append(Uri.EscapeDataString(pair.Key)).Append('=').Append(Uri.EscapeDataString(pair.Value ?? string.Empty));
            }
            return Encoding.UTF8.GetBytes(text.ToString());
        }

        private static void WriteStructure(List<KeyValuePair<string, string>> pairs, object value, string prefix)
        {
            foreach (var member in QueryMember.Of(value.GetType()))
            {
                var memberValue = member.Property.GetValue(value);
                if (memberValue == null) continue;
                var name = prefix.Length == 0 ? member.WireName : prefix + "." + member.WireName;
                WriteValue(pairs, memberValue, member, name);
            }
        }

        private static void WriteValue(List<KeyValuePair<string, string>> pairs, object value, QueryMember member, string prefix)
        {
            switch (value)
            {
                case string s: Add(pairs, prefix, s); return;
                case bool b: Add(pairs, prefix, b ? "true" : "false"); return;
                case int i: Add(pairs, prefix, i.ToString(CultureInfo.InvariantCulture)); return;
                case long l: Add(pairs, prefix, l.ToString(CultureInfo.InvariantCulture)); return;
                case double d: Add(pairs, prefix, FormatDouble(d)); return;
                case float f: Add(pairs, prefix, FormatDouble(f)); return;
                case DateTime t: Add(pairs, prefix, FormatTimestamp(t)); return;
                case byte[] bytes: Add(pairs, prefix, Convert.ToBase64String(bytes)); return;
                case IDictionary map: WriteMap(pairs, map, member, prefix); return;
                case IList list: WriteList(pairs, list, member, prefix); return;
                default: WriteStructure(pairs, value, prefix); return;
            }
        }

        private static void WriteList(List<KeyValuePair<string, string>> pairs, IList list, QueryMember member, string prefix)
        {
            if (list.Count == 0)
            {
                // Query sends an empty list as the bare name: "set this list to nothing".
                Add(pairs, prefix, string.Empty);
                return;
            }
            string listPrefix;
            if (!member.Flattened) listPrefix = prefix + "." + member.ItemName;
            else if (!member.HasItemName) listPrefix = prefix;
            else
            {
                // A flattened list with an item name replaces the last segment of the name with it.
                var dot = prefix.LastIndexOf('.');
                listPrefix = (dot < 0 ? string.Empty : prefix.Substring(0, dot + 1)) + member.ItemName;
            }
            for (var i = 0; i < list.Count; i++)
            {
                if (list[i] == null) continue;
                WriteValue(pairs, list[i], member, listPrefix + "." + (i + 1).ToString(CultureInfo.InvariantCulture));
            }
        }

        private static void WriteMap(List<KeyValuePair<string, string>> pairs, IDictionary map, QueryMember member, string prefix)
        {
            var entryPrefix = member.Flattened ? prefix : prefix + ".entry";
            var i = 0;
            foreach (DictionaryEntry entry in map)
            {
                i++;
                var at = entryPrefix + "." + i.ToString(CultureInfo.InvariantCulture) + ".";
                WriteValue(pairs, entry.Key, member, at + member.KeyName);
                if (entry.Value != null) WriteValue(pairs, entry.Value, member, at + member.ValueName);
            }
        }

        private static void Add(List<KeyValuePair<string, string>> pairs, string key, string value)
            => pairs.Add(new KeyValuePair<string, string>(key, value));

        /// <summary>As Python prints a float (botocore's form): 1.0, 0.25, 1e+20.</summary>
        internal static string FormatDouble(double value)
        {
            var text = value.ToString("R", CultureInfo.InvariantCulture);
            return text.IndexOfAny(new[] { '.', 'E', 'N', 'I' }) >= 0 ? text.Replace("E+", "e+").Replace("E-", "e-") : text + ".0";
        }

        /// <summary>ISO 8601 in UTC, with microseconds only when there are any (botocore's iso8601).
        /// A time without a kind is local, as in the JSON protocol and in PowerShell.</summary>
        internal static string FormatTimestamp(DateTime value)
        {
            var utc = value.ToUniversalTime();
            return utc.Ticks % TimeSpan.TicksPerSecond == 0
                ? utc.ToString("yyyy-MM-dd'T'HH:mm:ss'Z'", CultureInfo.InvariantCulture)
                : utc.ToString("yyyy-MM-dd'T'HH:mm:ss.ffffff'Z'", CultureInfo.InvariantCulture);
        }
    }
}
