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
                case float f: Add(pairs, prefix, FormatFloat(f)); return;
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

        /// <summary>As Python prints a float (botocore's form): 1.0, 0.25, 1e+16, 1e-05.</summary>
        internal static string FormatDouble(double value)
            => PythonRepr(value.ToString("R", CultureInfo.InvariantCulture));

        /// <summary>A float by its own shortest digits (0.1f is "0.1", as the JSON protocol writes
        /// it), not by those of the double it widens to (0.10000000149011612).</summary>
        internal static string FormatFloat(float value)
            => PythonRepr(value.ToString("R", CultureInfo.InvariantCulture));

        /// <summary>
        /// Rewrites .NET's shortest round-trip text of a number ("1E+16", "1E-05", "100") in the
        /// form Python's repr gives the same digits: positional while the decimal point falls
        /// within 16 digits before and 4 zeros after the first digit, scientific (1e+16, 1.5e-05)
        /// beyond; always with a fractional part or an exponent. .NET switches at other points
        /// (1E+17, 1E-05), so its text alone is not botocore's.
        /// </summary>
        private static string PythonRepr(string text)
        {
            switch (text)
            {
                case "NaN": return "NaN";
                case "Infinity": return "Infinity";
                case "-Infinity": return "-Infinity";
            }
            var negative = text.StartsWith("-", StringComparison.Ordinal);
            if (negative) text = text.Substring(1);
            var e = text.IndexOfAny(new[] { 'E', 'e' });
            var exponent = e < 0 ? 0 : int.Parse(text.Substring(e + 1), NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture);
            var mantissa = e < 0 ? text : text.Substring(0, e);
            var dot = mantissa.IndexOf('.');
            var whole = dot < 0 ? mantissa : mantissa.Substring(0, dot);
            var digits = (whole + (dot < 0 ? string.Empty : mantissa.Substring(dot + 1))).TrimEnd('0');
            // The value is 0.<digits> x 10^point.
            var point = whole.Length + exponent - (digits.Length - digits.TrimStart('0').Length);
            digits = digits.TrimStart('0');
            string result;
            if (digits.Length == 0) result = "0.0";
            else if (point <= -4 || point > 16)
            {
                var exp = point - 1;
                result = digits.Substring(0, 1) + (digits.Length > 1 ? "." + digits.Substring(1) : string.Empty)
                    + "e" + (exp < 0 ? "-" : "+") + Math.Abs(exp).ToString("00", CultureInfo.InvariantCulture);
            }
            else if (point <= 0) result = "0." + new string('0', -point) + digits;
            else if (point >= digits.Length) result = digits + new string('0', point - digits.Length) + ".0";
            else result = digits.Substring(0, point) + "." + digits.Substring(point);
            return negative ? "-" + result : result;
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
