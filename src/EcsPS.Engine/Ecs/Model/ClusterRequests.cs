using System.Collections.Generic;

namespace EcsPS.Engine.Ecs.Model
{
    public sealed class CreateClusterRequest
    {
        public string ClusterName { get; set; }
        public List<Tag> Tags { get; set; }
        public List<ClusterSetting> Settings { get; set; }
        public ClusterConfiguration Configuration { get; set; }
        public List<string> CapacityProviders { get; set; }
        public List<CapacityProviderStrategyItem> DefaultCapacityProviderStrategy { get; set; }
        public ClusterServiceConnectDefaultsRequest ServiceConnectDefaults { get; set; }
    }

    public sealed class UpdateClusterRequest
    {
        public string Cluster { get; set; }
        public List<ClusterSetting> Settings { get; set; }
        public ClusterConfiguration Configuration { get; set; }
        public ClusterServiceConnectDefaultsRequest ServiceConnectDefaults { get; set; }
    }

    public sealed class PutClusterCapacityProvidersRequest
    {
        public string Cluster { get; set; }
        public List<string> CapacityProviders { get; set; }
        public List<CapacityProviderStrategyItem> DefaultCapacityProviderStrategy { get; set; }
    }

    internal sealed class DeleteClusterRequest
    {
        public string Cluster { get; set; }
    }

    internal sealed class DescribeClustersRequest
    {
        public List<string> Clusters { get; set; }
        public List<string> Include { get; set; }
    }

    internal sealed class ListClustersRequest
    {
        public string NextToken { get; set; }
        public int? MaxResults { get; set; }
    }

    internal sealed class ClusterResponse
    {
        public Cluster Cluster { get; set; }
    }

    internal sealed class DescribeClustersResponse
    {
        public List<Cluster> Clusters { get; set; }
        public List<Failure> Failures { get; set; }
    }

    internal sealed class ListClustersResponse
    {
        public List<string> ClusterArns { get; set; }
        public string NextToken { get; set; }
    }
}
