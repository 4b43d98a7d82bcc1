using System;
using System.Collections;
using System.Collections.Generic;
using System.Globalization;
using System.Linq;
using System.Xml;
using System.Xml.Linq;

namespace EcsPS.Engine.Protocols.Query
{
    /// <summary>
    /// Reads a Query answer into a response model, as botocore's QueryParser does:
    /// &lt;OpResponse&gt;&lt;OpResult&gt; holds the members; lists are &lt;member&gt; items (or the
    /// repeated element itself when flattened); maps are &lt;entry&gt;&lt;key/&gt;&lt;value/&gt;;
    /// element names are matched without their XML namespace.
    /// </summary>
    internal static class QueryXmlReader
    {
        public static T Read<T>(byte[] body, string resultWrapper) where T : class, new()
        {
            var text = RawAnswers.Text(body);
            if (text.Length == 0) return new T();
            XDocument doc;
            // Whitespace kept: a value may be only spaces (a tag value of " "), which botocore reads as it is.
            try { doc = XDocument.Parse(text, LoadOptions.PreserveWhitespace); }
            catch (XmlException ex) { throw new FormatException($"The service answered with XML that could not be read: {ex.Message}", ex); }
            var result = resultWrapper == null ? doc.Root : Child(doc.Root, resultWrapper);
            // An operation whose result has no members may answer without the wrapper.
            return result == null ? new T() : (T)ReadStructure(result, typeof(T));
        }

        private static object ReadStructure(XElement element, Type type)
        {
            var value = Activator.CreateInstance(type);
            foreach (var member in QueryMember.Of(type))
            {
                var propertyType = member.Property.PropertyType;
                object memberValue;
                if (member.Flattened && (QueryMember.IsList(propertyType, out _) || QueryMember.IsMap(propertyType, out _, out _)))
                {
                    var name = member.HasItemName ? member.ItemName : member.WireName;
                    var items = Children(element, name).ToList();
                    if (items.Count == 0) continue;
                    memberValue = QueryMember.IsList(propertyType, out var itemType)
                        ? ReadItems(items, itemType, member)
                        : ReadEntries(items, propertyType, member);
                }
                else
                {
                    var child = Child(element, member.WireName);
                    if (child == null) continue;
                    memberValue = ReadValue(child, propertyType, member);
                }
                member.Property.SetValue(value, memberValue);
            }
            return value;
        }

        private static object ReadValue(XElement element, Type type, QueryMember member)
        {
            var underlying = Nullable.GetUnderlyingType(type) ?? type;
            var text = element.Value;
            if (underlying == typeof(string)) return text;
            if (underlying == typeof(int)) return int.Parse(text.Trim(), NumberStyles.Integer, CultureInfo.InvariantCulture);
            if (underlying == typeof(long)) return long.Parse(text.Trim(), NumberStyles.Integer, CultureInfo.InvariantCulture);
            if (underlying == typeof(double)) return double.Parse(text.Trim(), NumberStyles.Float, CultureInfo.InvariantCulture);
            if (underlying == typeof(float)) return float.Parse(text.Trim(), NumberStyles.Float, CultureInfo.InvariantCulture);
            if (underlying == typeof(bool)) return string.Equals(text.Trim(), "true", StringComparison.OrdinalIgnoreCase);
            if (underlying == typeof(DateTime)) return ParseTimestamp(text.Trim());
            if (underlying == typeof(byte[])) return Convert.FromBase64String(text.Trim());
            if (QueryMember.IsList(underlying, out var itemType))
                return ReadItems(Children(element, member.ItemName), itemType, member);
            if (QueryMember.IsMap(underlying, out _, out _))
                return ReadEntries(Children(element, "entry"), underlying, member);
            return ReadStructure(element, underlying);
        }

        private static IList ReadItems(IEnumerable<XElement> items, Type itemType, QueryMember member)
        {
            var list = (IList)Activator.CreateInstance(typeof(List<>).MakeGenericType(itemType));
            foreach (var item in items) list.Add(ReadValue(item, itemType, member));
            return list;
        }

        private static IDictionary ReadEntries(IEnumerable<XElement> entries, Type mapType, QueryMember member)
        {
            QueryMember.IsMap(mapType, out var keyType, out var valueType);
            var map = (IDictionary)Activator.CreateInstance(mapType);
            foreach (var entry in entries)
            {
                var key = Child(entry, member.KeyName);
                if (key == null) continue;
                var value = Child(entry, member.ValueName);
                map[ReadValue(key, keyType, member)] = value == null ? null : ReadValue(value, valueType, member);
            }
            return map;
        }

        /// <summary>ISO 8601 (what Query services send), or epoch seconds; local time, as the JSON protocol gives.</summary>
        internal static DateTime ParseTimestamp(string text)
        {
            if (double.TryParse(text, NumberStyles.Float, CultureInfo.InvariantCulture, out var seconds))
                return new DateTime(1970, 1, 1, 0, 0, 0, DateTimeKind.Utc).AddTicks((long)Math.Round(seconds * TimeSpan.TicksPerSecond)).ToLocalTime();
            return DateTime.Parse(text, CultureInfo.InvariantCulture, DateTimeStyles.AdjustToUniversal | DateTimeStyles.AssumeUniversal).ToLocalTime();
        }

        private static XElement Child(XElement parent, string name)
            => parent?.Elements().FirstOrDefault(e => e.Name.LocalName == name);

        private static IEnumerable<XElement> Children(XElement parent, string name)
            => parent.Elements().Where(e => e.Name.LocalName == name);
    }
}
