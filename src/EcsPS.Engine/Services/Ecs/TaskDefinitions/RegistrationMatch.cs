using System;
using System.Collections.Generic;
using System.Linq;
using System.Text.Json.Nodes;
using EcsPS.Engine.Ecs.Model;
using EcsPS.Engine.Protocols.Json;

namespace EcsPS.Engine.Ecs.TaskDefinitions
{
    /// <summary>
    /// Whether a revision ECS describes is what a RegisterTaskDefinition request registers: the
    /// test that settles a registration whose answer was lost (EcsClient.RegisterTaskDefinitionRevision).
    ///
    /// ECS answers with more than it was sent: defaults it fills in (essential, portMappings
    /// protocol, empty lists such as mountPoints and volumesFrom) and read-only members (revision,
    /// status, registeredAt ...). So the question is "does the revision hold every member that was
    /// sent, with the value that was sent", where a member sent as an empty list, an empty object,
    /// false or 0 may also be absent. Anything else that differs means the revision is not ours.
    /// </summary>
    internal static class RegistrationMatch
    {
        /// <param name="difference">The first member that differs, for the error message.</param>
        public static bool Matches(RegisterTaskDefinitionRequest request, TaskDefinition revision, IReadOnlyList<Tag> revisionTags, out string difference)
        {
            var sent = JsonNode.Parse(EngineJson.Serialize(request)).AsObject();
            sent.Remove("tags");
            var found = JsonNode.Parse(EngineJson.Serialize(revision));
            if (!Covers(sent, found, string.Empty, out difference)) return false;

            foreach (var tag in request.Tags ?? new List<Tag>())
            {
                var match = revisionTags?.FirstOrDefault(t => t.Key == tag.Key);
                if (match == null || !string.Equals(match.Value ?? string.Empty, tag.Value ?? string.Empty, StringComparison.Ordinal))
                {
                    difference = $"tag '{tag.Key}': sent '{tag.Value}', the revision has " + (match == null ? "no such tag" : $"'{match.Value}'");
                    return false;
                }
            }
            difference = null;
            return true;
        }

        private static bool Covers(JsonNode sent, JsonNode found, string path, out string difference)
        {
            difference = null;
            switch (sent)
            {
                case null:
                    return true;
                case JsonObject sentObject:
                    if (!(found is JsonObject foundObject))
                    {
                        if (found == null && sentObject.Count == 0) return true;
                        difference = $"{Name(path)}: sent an object, the revision has {Show(found)}";
                        return false;
                    }
                    foreach (var member in sentObject)
                    {
                        var child = path.Length == 0 ? member.Key : path + "." + member.Key;
                        foundObject.TryGetPropertyValue(member.Key, out var foundValue);
                        if (foundValue == null && IsEmptyOrDefault(member.Value)) continue;
                        if (!Covers(member.Value, foundValue, child, out difference)) return false;
                    }
                    return true;
                case JsonArray sentArray:
                    if (!(found is JsonArray foundArray))
                    {
                        if (found == null && sentArray.Count == 0) return true;
                        difference = $"{Name(path)}: sent a list, the revision has {Show(found)}";
                        return false;
                    }
                    if (sentArray.Count != foundArray.Count)
                    {
                        difference = $"{Name(path)}: sent {sentArray.Count} item(s), the revision has {foundArray.Count}";
                        return false;
                    }
                    if (InOrder(sentArray, foundArray, path, out difference)) return true;
                    // Lists of objects (environment, secrets, port mappings) may come back in
                    // another order; lists of values (command, entryPoint) may not.
                    if (sentArray.All(i => i is JsonObject) && AnyOrder(sentArray, foundArray, path)) return true;
                    return false;
                default:
                    if (found != null && JsonNode.DeepEquals(sent, found)) return true;
                    difference = $"{Name(path)}: sent {Show(sent)}, the revision has {Show(found)}";
                    return false;
            }
        }

        private static bool InOrder(JsonArray sent, JsonArray found, string path, out string difference)
        {
            for (var i = 0; i < sent.Count; i++)
                if (!Covers(sent[i], found[i], $"{path}[{i}]", out difference)) return false;
            difference = null;
            return true;
        }

        private static bool AnyOrder(JsonArray sent, JsonArray found, string path)
        {
            var unused = found.ToList();
            for (var i = 0; i < sent.Count; i++)
            {
                var match = unused.FirstOrDefault(f => Covers(sent[i], f, $"{path}[{i}]", out _));
                if (match == null) return false;
                unused.Remove(match);
            }
            return true;
        }

        private static bool IsEmptyOrDefault(JsonNode value)
        {
            switch (value)
            {
                case null: return true;
                case JsonArray array: return array.Count == 0;
                case JsonObject obj: return obj.Count == 0;
                case JsonValue scalar:
                    if (scalar.TryGetValue<bool>(out var b)) return !b;
                    if (scalar.TryGetValue<double>(out var d)) return d == 0;
                    if (scalar.TryGetValue<string>(out var s)) return s.Length == 0;
                    return false;
                default: return false;
            }
        }

        private static string Name(string path) => path.Length == 0 ? "the definition" : path;

        private static string Show(JsonNode node) => node == null ? "nothing" : node.ToJsonString();
    }
}
