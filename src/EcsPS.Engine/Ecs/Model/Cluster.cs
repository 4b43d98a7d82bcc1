using System.Collections.Generic;
using System.Linq;
using System.Text.Json.Serialization;

namespace EcsPS.Engine.Ecs.Model
{
    public sealed class Cluster
    {
        public string ClusterArn { get; set; }
        public string ClusterName { get; set; }
        public ClusterConfiguration Configuration { get; set; }
        public string Status { get; set; }
        public int RegisteredContainerInstancesCount { get; set; }
        public int RunningTasksCount { get; set; }
        public int PendingTasksCount { get; set; }
        public int ActiveServicesCount { get; set; }
        public List<KeyValuePair> Statistics { get; set; }
        public List<Tag> Tags { get; set; }
        public List<ClusterSetting> Settings { get; set; }
        public List<string> CapacityProviders { get; set; }
        public List<CapacityProviderStrategyItem> DefaultCapacityProviderStrategy { get; set; }
        public List<Attachment> Attachments { get; set; }
        public string AttachmentsStatus { get; set; }
        public ClusterServiceConnectDefaults ServiceConnectDefaults { get; set; }

        /// <summary>The containerInsights setting, the one admins look for (null when not reported).</summary>
        [JsonIgnore]
        public string ContainerInsights => Settings?.FirstOrDefault(s => s.Name == "containerInsights")?.Value;

        /// <summary>The region part of the ARN, so objects from several regions stay told apart.</summary>
        [JsonIgnore]
        public string Region => Arns.RegionOf(ClusterArn);

        public override string ToString() => ClusterName ?? ClusterArn;
    }

    public sealed class ClusterConfiguration
    {
        public ExecuteCommandConfiguration ExecuteCommandConfiguration { get; set; }
        public ManagedStorageConfiguration ManagedStorageConfiguration { get; set; }
    }

    public sealed class ExecuteCommandConfiguration
    {
        public string KmsKeyId { get; set; }
        /// <summary>NONE, DEFAULT or OVERRIDE.</summary>
        public string Logging { get; set; }
        public ExecuteCommandLogConfiguration LogConfiguration { get; set; }
    }

    public sealed class ExecuteCommandLogConfiguration
    {
        public string CloudWatchLogGroupName { get; set; }
        public bool? CloudWatchEncryptionEnabled { get; set; }
        public string S3BucketName { get; set; }
        public bool? S3EncryptionEnabled { get; set; }
        public string S3KeyPrefix { get; set; }
    }

    public sealed class ManagedStorageConfiguration
    {
        public string KmsKeyId { get; set; }
        public string FargateEphemeralStorageKmsKeyId { get; set; }
    }

    public sealed class ClusterSetting
    {
        public ClusterSetting() { }
        public ClusterSetting(string name, string value) { Name = name; Value = value; }
        public string Name { get; set; }
        public string Value { get; set; }
        public override string ToString() => Name + "=" + Value;
    }

    public sealed class ClusterServiceConnectDefaults
    {
        public string Namespace { get; set; }
        public override string ToString() => Namespace;
    }

    public sealed class ClusterServiceConnectDefaultsRequest
    {
        public string Namespace { get; set; }
    }
}
