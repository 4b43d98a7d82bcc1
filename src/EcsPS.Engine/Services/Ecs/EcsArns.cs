using EcsPS.Engine.Runtime;

namespace EcsPS.Engine.Ecs
{
    /// <summary>What ECS ARNs say beyond the name, read with the one ARN parser.</summary>
    public static class EcsArns
    {
        /// <summary>The cluster named in a service, task or container instance ARN of the current
        /// form (service/cluster/name); null for names and for the older form without a cluster.</summary>
        public static string ClusterOf(string arn)
        {
            if (!Arn.TryParse(arn, out var parsed) || parsed.ResourcePath.Count != 2) return null;
            switch (parsed.ResourceType)
            {
                case "service":
                case "task":
                case "container-instance":
                    return parsed.ResourcePath[0];
                default:
                    return null;
            }
        }
    }
}
