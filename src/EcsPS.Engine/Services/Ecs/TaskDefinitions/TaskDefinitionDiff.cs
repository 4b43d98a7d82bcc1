using System;
using System.Collections.Generic;
using System.Linq;
using System.Text.Encodings.Web;
using System.Text.Json;
using System.Text.Json.Nodes;
using System.Text.RegularExpressions;
using EcsPS.Engine.Ecs.Model;
using EcsPS.Engine.Protocols.Json;

namespace EcsPS.Engine.Ecs.TaskDefinitions
{
    public enum TaskDefinitionChangeKind
    {
        Added,
        Removed,
        Modified,
    }

    /// <summary>One setting that differs between two task definitions.</summary>
    public sealed class TaskDefinitionChange
    {
        public TaskDefinitionChange(string path, TaskDefinitionChangeKind change, string referenceValue, string differenceValue)
        {
            Path = path;
            Change = change;
            ReferenceValue = referenceValue;
            DifferenceValue = differenceValue;
        }

        /// <summary>Where, with list items named by their key: containerDefinitions[web].environment[LOG_LEVEL].</summary>
        public string Path { get; }
        public TaskDefinitionChangeKind Change { get; }
        /// <summary>The value in the reference: a scalar as it is, an object or list as compact JSON; null when Added.</summary>
        public string ReferenceValue { get; }
        /// <summary>The value in the difference; null when Removed.</summary>
        public string DifferenceValue { get; }
        /// <summary>What the reference was (family:revision, a file); set by whoever read it.</summary>
        public string Reference { get; set; }
        /// <summary>What the difference was.</summary>
        public string Difference { get; set; }

        public override string ToString()
        {
            switch (Change)
            {
                case TaskDefinitionChangeKind.Added: return $"{Path}: added {DifferenceValue}";
                case TaskDefinitionChangeKind.Removed: return $"{Path}: removed {ReferenceValue}";
                default: return $"{Path}: {ReferenceValue} -> {DifferenceValue}";
            }
        }
    }

    /// <summary>
    /// A structural comparison of two registrations. It works on the register shape, so what the
    /// service adds on register (revision, ARN, status, registeredAt/By, requiresAttributes,
    /// compatibilities) never shows as a change. Lists whose items have a name are matched by
    /// it, so a reordered list is no change and a changed item is reported under its name;
    /// other lists compare by position. A member left out, null, an empty list or object, and the
    /// value ECS fills in when it is left out (essential true, protocol tcp ...) are all the same.
    /// </summary>
    public static class TaskDefinitionDiff
    {
        // The member that identifies an item of a list, by the list's member name.
        private static readonly Dictionary<string, string> ItemKeys = new Dictionary<string, string>(StringComparer.Ordinal)
        {
            ["containerDefinitions"] = "name",
            ["environment"] = "name",
            ["secrets"] = "name",
            ["secretOptions"] = "name",
            ["volumes"] = "name",
            ["ulimits"] = "name",
            ["portMappings"] = "name",
            ["mountPoints"] = "containerPath",
            ["volumesFrom"] = "sourceContainer",
            ["dependsOn"] = "containerName",
            ["extraHosts"] = "hostname",
            ["systemControls"] = "namespace",
            ["resourceRequirements"] = "type",
            ["devices"] = "hostPath",
            ["environmentFiles"] = "value",
            ["inferenceAccelerators"] = "deviceName",
            ["tags"] = "key",
            ["proxyConfiguration.properties"] = "name",
        };

        // Lists of key-value pairs: a change to one is reported as the item's value, not as item.value.
        private static readonly Dictionary<string, string> PairValues = new Dictionary<string, string>(StringComparer.Ordinal)
        {
            ["environment"] = "value",
            ["secrets"] = "valueFrom",
            ["secretOptions"] = "valueFrom",
            ["tags"] = "value",
            ["extraHosts"] = "ipAddress",
            ["systemControls"] = "value",
            ["resourceRequirements"] = "value",
            ["dependsOn"] = "condition",
            ["proxyConfiguration.properties"] = "value",
        };

        // Lists of plain values whose order means nothing to ECS.
        private static readonly HashSet<string> Sets = new HashSet<string>(StringComparer.Ordinal)
        {
            "requiresCompatibilities", "add", "drop", "links", "dockerSecurityOptions", "credentialSpecs",
        };

        private static readonly JsonSerializerOptions ValueOptions = new JsonSerializerOptions
        {
            Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping,
        };

        private static readonly Regex PlainName = new Regex("^[A-Za-z_][A-Za-z0-9_]*$", RegexOptions.Compiled);

        public static IReadOnlyList<TaskDefinitionChange> Compare(RegisterTaskDefinitionRequest reference, RegisterTaskDefinitionRequest difference)
        {
            if (reference == null) throw new ArgumentNullException(nameof(reference));
            if (difference == null) throw new ArgumentNullException(nameof(difference));
            var left = Normalize(Tree(reference));
            var right = Normalize(Tree(difference));
            var changes = new List<TaskDefinitionChange>();
            CompareObjects(left as JsonObject, right as JsonObject, string.Empty, string.Empty, changes);
            return changes;
        }

        private static JsonNode Tree(RegisterTaskDefinitionRequest request)
        {
            var node = JsonSerializer.SerializeToNode(request, EngineJson.Options) as JsonObject ?? new JsonObject();
            foreach (var readOnly in TaskDefinitionDocument.ReadOnlyMembers) node.Remove(readOnly);
            var hostPortMeansContainerPort = request.NetworkMode == "awsvpc" || request.NetworkMode == "host";
            if (node["containerDefinitions"] is JsonArray containers)
                foreach (var container in containers.OfType<JsonObject>())
                    DropContainerDefaults(container, hostPortMeansContainerPort);
            return node;
        }

        // What ECS writes back when a registration leaves it out, so that a file without it and
        // the revision registered from that file compare equal.
        private static void DropContainerDefaults(JsonObject container, bool hostPortMeansContainerPort)
        {
            // Filled in rather than dropped: turning it off then reads "false -> true", not "removed".
            if (container["essential"] == null) container["essential"] = true;
            if (IsValue(container["cpu"], 0)) container.Remove("cpu");
            if (!(container["portMappings"] is JsonArray mappings)) return;
            foreach (var mapping in mappings.OfType<JsonObject>())
            {
                if (IsValue(mapping["protocol"], "tcp")) mapping.Remove("protocol");
                var host = mapping["hostPort"];
                if (IsValue(host, 0) || (hostPortMeansContainerPort && host != null && JsonNode.DeepEquals(host, mapping["containerPort"])))
                    mapping.Remove("hostPort");
            }
        }

        private static bool IsValue(JsonNode node, object value)
        {
            if (!(node is JsonValue v)) return false;
            switch (value)
            {
                case bool b: return v.TryGetValue<bool>(out var x) && x == b;
                case int i: return v.TryGetValue<double>(out var d) && d == i;
                case string s: return v.TryGetValue<string>(out var t) && string.Equals(t, s, StringComparison.OrdinalIgnoreCase);
                default: return false;
            }
        }

        /// <summary>Null, false, empty lists and empty objects removed, bottom up: all mean "not set".</summary>
        private static JsonNode Normalize(JsonNode node)
        {
            switch (node)
            {
                case JsonObject obj:
                    var result = new JsonObject();
                    foreach (var member in obj)
                    {
                        var value = Normalize(member.Value);
                        // Every switch of ECS but essential (filled in before) is off unless turned on.
                        if (value != null && !(member.Key != "essential" && IsValue(value, false))) result[member.Key] = value;
                    }
                    return result.Count == 0 ? null : result;
                case JsonArray array:
                    var items = new JsonArray();
                    foreach (var item in array)
                    {
                        // An empty item inside a list still counts as an item (its position matters).
                        var value = Normalize(item) ?? (item is JsonObject ? new JsonObject() : null);
                        if (value != null) items.Add(value);
                    }
                    return items.Count == 0 ? null : items;
                case null:
                    return null;
                default:
                    return node.DeepClone();
            }
        }

        private static void CompareNodes(JsonNode left, JsonNode right, string path, string member, List<TaskDefinitionChange> changes)
        {
            if (left == null && right == null) return;
            if (left == null) { changes.Add(new TaskDefinitionChange(path, TaskDefinitionChangeKind.Added, null, Show(right))); return; }
            if (right == null) { changes.Add(new TaskDefinitionChange(path, TaskDefinitionChangeKind.Removed, Show(left), null)); return; }
            if (left is JsonObject lo && right is JsonObject ro) { CompareObjects(lo, ro, path, member, changes); return; }
            if (left is JsonArray la && right is JsonArray ra) { CompareLists(la, ra, path, member, changes); return; }
            if (!JsonNode.DeepEquals(left, right))
                changes.Add(new TaskDefinitionChange(path, TaskDefinitionChangeKind.Modified, Show(left), Show(right)));
        }

        private static void CompareObjects(JsonObject left, JsonObject right, string path, string member, List<TaskDefinitionChange> changes)
        {
            left = left ?? new JsonObject();
            right = right ?? new JsonObject();
            var names = left.Select(p => p.Key).Concat(right.Select(p => p.Key).Where(k => !left.ContainsKey(k))).ToList();
            foreach (var name in names)
            {
                left.TryGetPropertyValue(name, out var l);
                right.TryGetPropertyValue(name, out var r);
                // proxyConfiguration.properties is the one list whose member name is too common to key alone.
                var childMember = member == "proxyConfiguration" && name == "properties" ? "proxyConfiguration.properties" : name;
                CompareNodes(l, r, Child(path, name), childMember, changes);
            }
        }

        private static void CompareLists(JsonArray left, JsonArray right, string path, string member, List<TaskDefinitionChange> changes)
        {
            if (Sets.Contains(member))
            {
                var l = left.Select(Show).OrderBy(s => s, StringComparer.Ordinal).ToList();
                var r = right.Select(Show).OrderBy(s => s, StringComparer.Ordinal).ToList();
                if (!l.SequenceEqual(r))
                    changes.Add(new TaskDefinitionChange(path, TaskDefinitionChangeKind.Modified, Show(left), Show(right)));
                return;
            }

            var leftKeys = Keys(left, member);
            var rightKeys = Keys(right, member);
            if (leftKeys == null || rightKeys == null)
            {
                // Plain values (command, entryPoint, dnsServers) are ordered: one value for the whole list.
                if (left.Concat(right).All(n => n is JsonValue))
                {
                    if (!JsonNode.DeepEquals(left, right))
                        changes.Add(new TaskDefinitionChange(path, TaskDefinitionChangeKind.Modified, Show(left), Show(right)));
                    return;
                }
                for (var i = 0; i < Math.Max(left.Count, right.Count); i++)
                    CompareNodes(i < left.Count ? left[i] : null, i < right.Count ? right[i] : null, path + "[" + i + "]", member + "[]", changes);
                return;
            }

            PairValues.TryGetValue(member, out var pairValue);
            var rightByKey = right.Zip(rightKeys, (node, key) => (node, key)).ToDictionary(p => p.key, p => p.node, StringComparer.Ordinal);
            var leftByKey = left.Zip(leftKeys, (node, key) => (node, key)).ToDictionary(p => p.key, p => p.node, StringComparer.Ordinal);
            foreach (var key in leftKeys.Concat(rightKeys.Where(k => !leftByKey.ContainsKey(k))))
            {
                leftByKey.TryGetValue(key, out var l);
                rightByKey.TryGetValue(key, out var r);
                var itemPath = path + "[" + key + "]";
                if (pairValue != null && IsPair(l, member, pairValue) && IsPair(r, member, pairValue))
                    CompareNodes(l?[pairValue], r?[pairValue], itemPath, pairValue, changes);
                else
                    CompareNodes(l, r, itemPath, member + "[]", changes);
            }
        }

        // A pair item carries nothing but its key and its value (a value that is not set reads as absent).
        private static bool IsPair(JsonNode item, string member, string pairValue)
            => item == null || (item is JsonObject obj && obj.All(p => p.Key == ItemKeys[member] || p.Key == pairValue));

        /// <summary>Each item's key, or null when the list has none or two items share one (then positions are all there is).</summary>
        private static List<string> Keys(JsonArray list, string member)
        {
            if (!ItemKeys.TryGetValue(member, out var keyMember)) return null;
            var keys = new List<string>();
            foreach (var item in list)
            {
                if (!(item is JsonObject obj)) return null;
                var key = obj[keyMember] is JsonValue v ? Scalar(v) : null;
                // A port mapping needs no name; its port and protocol are what identify it then.
                if (key == null && member == "portMappings" && obj["containerPort"] is JsonValue port)
                    key = Scalar(port) + "/" + (obj["protocol"] is JsonValue protocol ? Scalar(protocol) : "tcp");
                if (key == null) return null;
                keys.Add(key);
            }
            return keys.Distinct(StringComparer.Ordinal).Count() == keys.Count ? keys : null;
        }

        private static string Child(string path, string name)
        {
            var part = PlainName.IsMatch(name) ? name : "[" + name + "]";
            if (path.Length == 0) return part;
            return part.StartsWith("[", StringComparison.Ordinal) ? path + part : path + "." + part;
        }

        private static string Scalar(JsonValue value)
            => value.TryGetValue<string>(out var s) ? s : value.ToJsonString(ValueOptions);

        private static string Show(JsonNode node)
        {
            if (node == null) return null;
            if (node is JsonValue value) return Scalar(value);
            return node.ToJsonString(ValueOptions);
        }
    }
}
