using System;
using EcsPS.Engine.Runtime;

namespace EcsPS.Engine.Ecs.Model
{
    /// <summary>
    /// One tag of one ECS resource, as Get-EcsTagX writes it: a flat row that says whose tag it is,
    /// so that tags of many resources can be filtered, grouped and piped on (to Remove-EcsTagX).
    /// Not a service shape: ListTagsForResource answers bare key/value pairs.
    /// </summary>
    public sealed class ResourceTag
    {
        public ResourceTag(string resourceArn, string key, string value)
        {
            ResourceArn = resourceArn;
            Key = key;
            Value = value ?? string.Empty;
            if (Arn.TryParse(resourceArn, out var arn))
            {
                ResourceType = arn.ResourceType;
                // Everything after the type: prod, prod/web, web:3, prod/0123…: unique within the
                // type, and what an admin recognizes.
                ResourceName = arn.ResourcePath.Count > 0 ? string.Join("/", arn.ResourcePath) : arn.Resource;
                Region = arn.Region;
            }
        }

        public string ResourceArn { get; }

        /// <summary>cluster, service, task-definition, task, container-instance, capacity-provider or task-set.</summary>
        public string ResourceType { get; }

        /// <summary>The resource part of the ARN after its type: prod, prod/web, web:3.</summary>
        public string ResourceName { get; }

        public string Region { get; }

        public string Key { get; }

        public string Value { get; }

        public override string ToString() => Key + "=" + Value;
    }
}
