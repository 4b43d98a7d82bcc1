using System;
using System.Collections.Generic;

namespace EcsPS.Engine.Runtime
{
    /// <summary>
    /// An Amazon Resource Name, arn:partition:service:region:account:resource, read once and
    /// the same way everywhere. The resource part is split into a type and a path:
    /// cluster/prod → type "cluster", path [prod]; service/prod/web → "service", [prod, web];
    /// task-definition/web:3 → "task-definition", [web:3];
    /// targetgroup/web/50dc6c495c0c9188 → "targetgroup", [web, 50dc6c495c0c9188];
    /// log-group:/ecs/web:* → "log-group", [/ecs/web, *].
    /// </summary>
    public sealed class Arn
    {
        private Arn(string text, string partition, string service, string region, string account, string resource)
        {
            Text = text;
            Partition = partition;
            Service = service;
            Region = region;
            Account = account;
            Resource = resource;
            var cut = resource.IndexOfAny(new[] { '/', ':' });
            ResourceType = cut < 0 ? resource : resource.Substring(0, cut);
            var path = new List<string>();
            if (cut >= 0)
            {
                var rest = resource.Substring(cut + 1);
                // The separator after the type is used throughout the path (log-group:name:*), except
                // that a '/' path keeps ':' inside its segments (task-definition/web:3).
                path.AddRange(resource[cut] == '/' ? rest.Split('/') : rest.Split(new[] { ':' }, 2));
            }
            ResourcePath = path;
        }

        public string Text { get; }
        public string Partition { get; }
        public string Service { get; }
        public string Region { get; }
        public string Account { get; }
        /// <summary>Everything after the account: cluster/prod, service/prod/web.</summary>
        public string Resource { get; }
        public string ResourceType { get; }
        public IReadOnlyList<string> ResourcePath { get; }

        /// <summary>The last path segment: the name of a cluster, service or task, family:revision of a task definition.</summary>
        public string Name => ResourcePath.Count > 0 ? ResourcePath[ResourcePath.Count - 1] : Resource;

        /// <summary>True for text that starts like an ARN (whether or not it is a well-formed one).</summary>
        public static bool IsArn(string value) => value != null && value.StartsWith("arn:", StringComparison.Ordinal);

        /// <summary>Reads arn:partition:service:region:account:resource; false unless all six parts are there
        /// and partition, service and resource are not empty.</summary>
        public static bool TryParse(string value, out Arn arn)
        {
            arn = null;
            if (!IsArn(value)) return false;
            var parts = value.Split(new[] { ':' }, 6);
            if (parts.Length < 6 || parts[1].Length == 0 || parts[2].Length == 0 || parts[5].Length == 0) return false;
            arn = new Arn(value, parts[1], parts[2], parts[3], parts[4], parts[5]);
            return true;
        }

        /// <summary>The name an ARN ends in; the value itself when it is not an ARN.</summary>
        public static string NameOf(string arnOrName) => TryParse(arnOrName, out var arn) ? arn.Name : arnOrName;

        /// <summary>The region of an ARN; null when the value is not one.</summary>
        public static string RegionOf(string value) => TryParse(value, out var arn) ? arn.Region : null;

        public override string ToString() => Text;
    }
}
