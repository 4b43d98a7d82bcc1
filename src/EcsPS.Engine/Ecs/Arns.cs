namespace EcsPS.Engine.Ecs
{
    /// <summary>Reading ECS ARNs: arn:partition:ecs:region:account:cluster/name (and service/cluster/name, ...).</summary>
    public static class Arns
    {
        public static bool IsArn(string value) => value != null && value.StartsWith("arn:", System.StringComparison.Ordinal);

        public static string RegionOf(string arn)
        {
            if (!IsArn(arn)) return null;
            var parts = arn.Split(':');
            return parts.Length > 3 ? parts[3] : null;
        }

        /// <summary>The last path segment of an ARN's resource part; the value itself when it is not an ARN.</summary>
        public static string NameOf(string arnOrName)
        {
            if (!IsArn(arnOrName)) return arnOrName;
            var parts = arnOrName.Split(new[] { ':' }, 6);
            if (parts.Length < 6) return arnOrName;
            var resource = parts[5];
            var slash = resource.LastIndexOf('/');
            return slash >= 0 ? resource.Substring(slash + 1) : resource;
        }
    }
}
