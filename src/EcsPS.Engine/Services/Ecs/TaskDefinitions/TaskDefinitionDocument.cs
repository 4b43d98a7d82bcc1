using System;
using System.Collections.Generic;
using System.Linq;
using System.Text.Encodings.Web;
using System.Text.Json;
using System.Text.Json.Nodes;
using EcsPS.Engine.Ecs.Model;
using EcsPS.Engine.Protocols.Json;
using EcsPS.Engine.Runtime;

namespace EcsPS.Engine.Ecs.TaskDefinitions
{
    /// <summary>
    /// The task definition JSON admins keep in repositories, in both forms they have: the input of
    /// 'aws ecs register-task-definition --cli-input-json', and the output of
    /// 'aws ecs describe-task-definition' (or a bare task definition object), whose read-only
    /// members are dropped. Writing produces the first form, which both this module and the
    /// AWS CLI accept.
    /// </summary>
    public static class TaskDefinitionDocument
    {
        /// <summary>Members the service fills in; never part of a registration.</summary>
        public static readonly IReadOnlyCollection<string> ReadOnlyMembers = new[]
        {
            "taskDefinitionArn", "revision", "status", "requiresAttributes", "compatibilities",
            "registeredAt", "registeredBy", "deregisteredAt", "deleteRequestedAt",
        };

        private static readonly JsonSerializerOptions WriteOptions = new JsonSerializerOptions(EngineJson.Indented)
        {
            // Keep '+', '<', '&' and non-ASCII readable in files people diff and review.
            Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping,
        };

        public static RegisterTaskDefinitionRequest Parse(string json, string source)
        {
            JsonNode root;
            try
            {
                // JSON allows a name twice in one object, but JsonNode refuses it with a bare
                // "An item with the same key has already been added"; say where it is instead.
                var duplicate = FindDuplicateMember(json ?? string.Empty);
                if (duplicate != null)
                    throw new TaskDefinitionException(source, "InvalidTaskDefinitionJson", new[] { duplicate });
                root = JsonNode.Parse(json ?? string.Empty, documentOptions: new JsonDocumentOptions { MaxDepth = 64 });
            }
            catch (JsonException ex)
            {
                var line = (ex.LineNumber ?? 0) + 1;
                var position = CharacterPosition(json, (int)(ex.LineNumber ?? 0), (int)(ex.BytePositionInLine ?? 0)) + 1;
                var reason = ex.Message;
                var cut = reason.IndexOf(" Path:", StringComparison.Ordinal);
                if (cut < 0) cut = reason.IndexOf(" LineNumber:", StringComparison.Ordinal);
                if (cut > 0) reason = reason.Substring(0, cut);
                throw new TaskDefinitionException(source, "InvalidTaskDefinitionJson",
                    new[] { $"it is not valid JSON: line {line}, position {position}: {reason.TrimEnd('.')}." }, ex);
            }
            return FromNode(root, source);
        }

        /// <summary>
        /// The first member name given twice in one object, as a problem with its path, line and
        /// position; null when there is none. Syntax errors are left to the parser that follows.
        /// </summary>
        private static string FindDuplicateMember(string json)
        {
            var bytes = System.Text.Encoding.UTF8.GetBytes(json);
            var reader = new Utf8JsonReader(bytes, new JsonReaderOptions { MaxDepth = 64 });
            // One frame per open object or array: the names seen (objects) and the path to it.
            var frames = new Stack<(Dictionary<string, long> Names, string Path, int Index)>();
            string pendingName = null;
            try
            {
                while (reader.Read())
                {
                    switch (reader.TokenType)
                    {
                        case JsonTokenType.PropertyName:
                            var name = reader.GetString();
                            var top = frames.Peek();
                            if (top.Names.TryGetValue(name, out var first))
                            {
                                var path = Join(top.Path, name);
                                return $"the member '{name}' is given twice in the same object ({path}): at {Where(bytes, first)} and at {Where(bytes, reader.TokenStartIndex)}. " +
                                       "A JSON object names each member once; keep one of them.";
                            }
                            top.Names[name] = reader.TokenStartIndex;
                            pendingName = name;
                            break;
                        case JsonTokenType.StartObject:
                        case JsonTokenType.StartArray:
                            var here = ChildPath(frames, ref pendingName);
                            frames.Push((reader.TokenType == JsonTokenType.StartObject ? new Dictionary<string, long>(StringComparer.Ordinal) : null, here, 0));
                            break;
                        case JsonTokenType.EndObject:
                        case JsonTokenType.EndArray:
                            frames.Pop();
                            Advance(frames);
                            break;
                        default:
                            // A value: it ends a member of an object, or an item of an array.
                            if (pendingName != null) pendingName = null;
                            else Advance(frames);
                            break;
                    }
                }
            }
            catch (JsonException)
            {
                return null;
            }
            return null;
        }

        // The path of a value about to open: a member's name in an object, [index] in an array.
        private static string ChildPath(Stack<(Dictionary<string, long> Names, string Path, int Index)> frames, ref string pendingName)
        {
            if (frames.Count == 0) return string.Empty;
            var parent = frames.Peek();
            if (parent.Names != null)
            {
                var path = Join(parent.Path, pendingName);
                pendingName = null;
                return path;
            }
            return parent.Path + "[" + parent.Index + "]";
        }

        // Counts one more item in the array on top (objects count their members by name).
        private static void Advance(Stack<(Dictionary<string, long> Names, string Path, int Index)> frames)
        {
            if (frames.Count == 0 || frames.Peek().Names != null) return;
            var top = frames.Pop();
            frames.Push((top.Names, top.Path, top.Index + 1));
        }

        private static string Join(string path, string name) => string.IsNullOrEmpty(path) ? name : path + "." + name;

        // "line 3, position 5" for a byte offset, counting characters as editors do.
        private static string Where(byte[] bytes, long offset)
        {
            var line = 1;
            var lineStart = 0;
            for (var i = 0; i < offset; i++)
                if (bytes[i] == (byte)'\n') { line++; lineStart = i + 1; }
            var column = System.Text.Encoding.UTF8.GetCharCount(bytes, lineStart, (int)offset - lineStart) + 1;
            return $"line {line}, position {column}";
        }

        // The parser counts UTF-8 bytes; editors count characters, which differ after any non-ASCII text.
        private static long CharacterPosition(string json, int lineIndex, int bytePosition)
        {
            var lines = json.Split('\n');
            if (lineIndex >= lines.Length) return bytePosition;
            var bytes = System.Text.Encoding.UTF8.GetBytes(lines[lineIndex]);
            return System.Text.Encoding.UTF8.GetCharCount(bytes, 0, Math.Min(bytePosition, bytes.Length));
        }

        /// <summary>Reads either form from a JSON tree (also what hashtables and objects become).</summary>
        public static RegisterTaskDefinitionRequest FromNode(JsonNode root, string source)
        {
            if (!(root is JsonObject obj))
                throw new TaskDefinitionException(source, "InvalidTaskDefinitionJson",
                    new[] { "expected a JSON object with family and containerDefinitions at the top." });

            obj = (JsonObject)obj.DeepClone();
            JsonNode outerTags = null;
            var wrapped = Member(obj, "taskDefinition");
            if (wrapped is JsonObject inner)
            {
                // describe-task-definition output: {"taskDefinition": {...}, "tags": [...]}
                outerTags = Member(obj, "tags");
                var others = obj.Select(p => p.Key)
                    .Where(k => !Is(k, "taskDefinition") && !Is(k, "tags") && !Is(k, "ResponseMetadata")).ToList();
                if (others.Count > 0)
                    throw new TaskDefinitionException(source, "UnknownTaskDefinitionMember",
                        others.Select(k => $"{k}: '{k}' is not expected beside taskDefinition and tags.").ToList());
                obj = (JsonObject)inner.DeepClone();
            }

            foreach (var key in obj.Select(p => p.Key).ToList())
                if (ReadOnlyMembers.Any(r => Is(r, key)))
                    obj.Remove(key);
            if (outerTags != null && Member(obj, "tags") == null)
                obj["tags"] = outerTags.DeepClone();

            var problems = new List<string>();
            var request = ModelReader.Read<RegisterTaskDefinitionRequest>(obj, string.Empty, problems);
            if (problems.Count > 0)
            {
                var unknown = problems.Any(p => p.Contains("is not a member of"));
                throw new TaskDefinitionException(source, unknown ? "UnknownTaskDefinitionMember" : "InvalidTaskDefinition", problems);
            }
            return request;
        }

        /// <summary>A registered task definition as a new registration of the same content.</summary>
        public static RegisterTaskDefinitionRequest FromTaskDefinition(TaskDefinition definition)
        {
            var node = JsonSerializer.SerializeToNode(definition, EngineJson.Options);
            if (definition.Tags != null && definition.Tags.Count > 0)
                node["tags"] = JsonSerializer.SerializeToNode(definition.Tags, EngineJson.Options);
            return FromNode(node, definition.FamilyRevision);
        }

        /// <summary>
        /// Sets new images on named containers: the "new image, new revision" step. Every name
        /// must be a container of the definition; the error lists the ones that are.
        /// </summary>
        public static void ApplyImages(RegisterTaskDefinitionRequest request, IEnumerable<KeyValuePair<string, string>> images, string source)
        {
            var containers = request.ContainerDefinitions ?? new List<ContainerDefinition>();
            var unknown = new List<string>();
            foreach (var pair in images)
            {
                var container = containers.FirstOrDefault(c => c.Name == pair.Key);
                if (container == null) unknown.Add(pair.Key);
                else if (string.IsNullOrWhiteSpace(pair.Value))
                    throw new TaskDefinitionException(source, "InvalidImage", new[] { $"-Image: the new image for '{pair.Key}' is empty." });
                else if (EcsRules.CheckImage(pair.Value.Trim()) is string problem)
                    throw new TaskDefinitionException(source, "InvalidImage", new[] { $"-Image: the new image for '{pair.Key}': {problem}" });
                else container.Image = pair.Value.Trim();
            }
            if (unknown.Count > 0)
                throw new TaskDefinitionException(source, "UnknownContainer", new[]
                {
                    $"-Image names {string.Join(", ", unknown.Select(u => "'" + u + "'"))}, but the containers are: " +
                    string.Join(", ", containers.Select(c => c.Name)) + ".",
                });
        }

        /// <summary>
        /// The awslogs driver needs a region; the one being registered in is almost always meant.
        /// <paramref name="region"/> is asked only when a container needs it (it may resolve the
        /// connection, and fail).
        /// </summary>
        public static void FillAwsLogsRegion(RegisterTaskDefinitionRequest request, Func<string> region)
        {
            string resolved = null;
            foreach (var container in request.ContainerDefinitions ?? new List<ContainerDefinition>())
            {
                var log = container.LogConfiguration;
                if (log?.LogDriver != "awslogs") continue;
                log.Options = log.Options ?? new Dictionary<string, string>();
                if (log.Options.ContainsKey("awslogs-region")) continue;
                resolved = resolved ?? region();
                if (resolved != null) log.Options["awslogs-region"] = resolved;
            }
        }

        /// <summary>Indented JSON in the service model's member order, without empty members.</summary>
        public static string ToJson(RegisterTaskDefinitionRequest request)
            => JsonSerializer.Serialize(request, WriteOptions) + "\n";

        private static JsonNode Member(JsonObject obj, string name)
            => obj.FirstOrDefault(p => Is(p.Key, name)).Value;

        private static bool Is(string a, string b) => string.Equals(a, b, StringComparison.OrdinalIgnoreCase);
    }
}
