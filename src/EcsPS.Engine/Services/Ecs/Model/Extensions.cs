using System.Linq;
using System.Text.Json.Serialization;
using EcsPS.Engine.Runtime;

// Hand-written additions to the generated shapes: constructors for the small value types that
// cmdlets build, ToString forms that read well in tables and lists, and computed properties
// admins look for. Computed members carry [JsonIgnore] so they never reach the wire.
namespace EcsPS.Engine.Ecs.Model
{
    public sealed partial class Tag
    {
        public Tag() { }
        public Tag(string key, string value) { Key = key; Value = value; }
        public override string ToString() => Key + "=" + Value;
    }

    public sealed partial class KeyValuePair
    {
        public KeyValuePair() { }
        public KeyValuePair(string name, string value) { Name = name; Value = value; }
        public override string ToString() => Name + "=" + Value;
    }

    public sealed partial class ClusterSetting
    {
        public ClusterSetting() { }
        public ClusterSetting(string name, string value) { Name = name; Value = value; }
        public override string ToString() => Name + "=" + Value;
    }

    public sealed partial class CapacityProviderStrategyItem
    {
        public override string ToString() => $"{CapacityProvider} (weight {Weight ?? 0}, base {Base ?? 0})";
    }

    public sealed partial class ClusterServiceConnectDefaults
    {
        public override string ToString() => Namespace;
    }

    public sealed partial class Failure
    {
        public override string ToString() => $"{Arn}: {Reason}";
    }

    public sealed partial class Cluster
    {
        /// <summary>The containerInsights setting, the one admins look for (null when not reported).</summary>
        [JsonIgnore]
        public string ContainerInsights => Settings?.FirstOrDefault(s => s.Name == "containerInsights")?.Value;

        /// <summary>The region part of the ARN, so objects from several regions stay told apart.</summary>
        [JsonIgnore]
        public string Region => Arn.RegionOf(ClusterArn);

        public override string ToString() => ClusterName ?? ClusterArn;
    }
}

namespace EcsPS.Engine.Ecs.Model
{
    public sealed partial class TaskDefinition
    {
        /// <summary>The task definition's tags. The service returns them beside the definition
        /// (DescribeTaskDefinition with include TAGS); EcsPS keeps them on the object.</summary>
        [JsonIgnore]
        public System.Collections.Generic.List<Tag> Tags { get; set; }

        /// <summary>family:revision, the short form every ECS API accepts.</summary>
        [JsonIgnore]
        public string FamilyRevision => Revision.HasValue ? $"{Family}:{Revision}" : Family;

        /// <summary>The image of every container, in definition order.</summary>
        [JsonIgnore]
        public string[] Images => ContainerDefinitions?.Select(c => c.Image).ToArray() ?? new string[0];

        [JsonIgnore]
        public string Region => Arn.RegionOf(TaskDefinitionArn);

        public override string ToString() => FamilyRevision ?? TaskDefinitionArn;
    }

    public sealed partial class ContainerDefinition
    {
        /// <summary>Port mappings as "80/tcp" style text, for tables.</summary>
        [JsonIgnore]
        public string Ports => PortMappings == null ? null
            : string.Join(", ", PortMappings.Select(p => p.HostPort.HasValue && p.HostPort != p.ContainerPort
                ? $"{p.HostPort}:{p.ContainerPort}/{p.Protocol ?? "tcp"}"
                : $"{p.ContainerPort}/{p.Protocol ?? "tcp"}"));

        public override string ToString() => Name;
    }
}

namespace EcsPS.Engine.Ecs.Model
{
    public sealed partial class Service
    {
        /// <summary>
        /// The service as an UpdateService with these settings would leave it (null: unchanged), for
        /// checks that must judge the outcome rather than the present: a capacity provider strategy
        /// replaces the launch type.
        /// </summary>
        public Service AsUpdated(string platformVersion, System.Collections.Generic.List<CapacityProviderStrategyItem> capacityProviderStrategy)
        {
            var copy = (Service)MemberwiseClone();
            if (platformVersion != null) copy.PlatformVersion = platformVersion;
            if (capacityProviderStrategy != null)
            {
                copy.CapacityProviderStrategy = capacityProviderStrategy;
                copy.LaunchType = null;
            }
            return copy;
        }

        /// <summary>The cluster's name, read from ClusterArn (pipes into -Cluster by property name).</summary>
        [JsonIgnore]
        public string ClusterName => Arn.NameOf(ClusterArn);

        /// <summary>The deployment ECS is rolling out now (status PRIMARY).</summary>
        [JsonIgnore]
        public Deployment PrimaryDeployment => Deployments?.FirstOrDefault(d => d.Status == "PRIMARY");

        /// <summary>The PRIMARY deployment's rollout state: IN_PROGRESS, COMPLETED or FAILED.</summary>
        [JsonIgnore]
        public string RolloutState => PrimaryDeployment?.RolloutState;

        /// <summary>family:revision of the task definition, the form people read.</summary>
        [JsonIgnore]
        public string TaskDefinitionName => Arn.NameOf(TaskDefinition);

        [JsonIgnore]
        public string Region => Arn.RegionOf(ServiceArn);

        public override string ToString() => ServiceName ?? ServiceArn;
    }

    public sealed partial class Deployment
    {
        /// <summary>family:revision of the deployment's task definition.</summary>
        [JsonIgnore]
        public string TaskDefinitionName => Arn.NameOf(TaskDefinition);

        /// <summary>The service the deployment belongs to (set by the cmdlets that list deployments).</summary>
        [JsonIgnore]
        public string ServiceName { get; set; }

        [JsonIgnore]
        public string ClusterName { get; set; }

        public override string ToString() => Id;
    }

    public sealed partial class ServiceDeployment
    {
        /// <summary>The last part of the ARN, as the console shows it.</summary>
        [JsonIgnore]
        public string Id => Arn.NameOf(ServiceDeploymentArn);

        [JsonIgnore]
        public string ServiceName => Arn.NameOf(ServiceArn);

        [JsonIgnore]
        public string ClusterName => Arn.NameOf(ClusterArn);

        /// <summary>The task definition the deployment rolled out (of its target service revision; set by the history reader).</summary>
        [JsonIgnore]
        public string TaskDefinition { get; set; }

        [JsonIgnore]
        public string TaskDefinitionName => Arn.NameOf(TaskDefinition);

        /// <summary>The task definitions the deployment replaced (of its source service revisions).</summary>
        [JsonIgnore]
        public System.Collections.Generic.List<string> SourceTaskDefinitions { get; set; }

        /// <summary>family:revision of what it replaced, comma-separated when it replaced several.</summary>
        [JsonIgnore]
        public string SourceTaskDefinitionName => SourceTaskDefinitions == null ? null : string.Join(", ", SourceTaskDefinitions.Select(Arn.NameOf));

        /// <summary>From start to finish (or to now while it runs); null before it started.</summary>
        [JsonIgnore]
        public System.TimeSpan? Duration => StartedAt == null ? (System.TimeSpan?)null
            : (FinishedAt ?? StoppedAt ?? System.DateTime.Now) - StartedAt.Value;

        [JsonIgnore]
        public string Region => Arn.RegionOf(ServiceDeploymentArn);

        public override string ToString() => Id;
    }

    public sealed partial class ServiceRevisionSummary
    {
        public override string ToString() => EcsPS.Engine.Runtime.Arn.NameOf(Arn);
    }

    public sealed partial class ServiceEvent
    {
        [JsonIgnore]
        public string ServiceName { get; set; }

        [JsonIgnore]
        public string ClusterName { get; set; }

        // CreatedAt is local time (as PowerShell shows dates); "u" would mislabel it as UTC.
        public override string ToString() => $"{CreatedAt:yyyy-MM-dd HH:mm:ss} {Message}";
    }

    public sealed partial class Task
    {
        [JsonIgnore]
        public string ClusterName => Arn.NameOf(ClusterArn);

        /// <summary>The task id, the last part of its ARN.</summary>
        [JsonIgnore]
        public string TaskId => Arn.NameOf(TaskArn);

        [JsonIgnore]
        public string TaskDefinitionName => Arn.NameOf(TaskDefinitionArn);

        /// <summary>The last status, and where ECS is taking the task when that differs
        /// ("RUNNING→STOPPED" while it stops): one sortable column for both.</summary>
        [JsonIgnore]
        public string Status => DesiredStatus == null || DesiredStatus == LastStatus
            ? LastStatus
            : $"{LastStatus}\u2192{DesiredStatus}";

        [JsonIgnore]
        public string Region => Arn.RegionOf(TaskArn);

        public override string ToString() => TaskArn;
    }
}

namespace EcsPS.Engine.Ecs.Model
{
    public sealed partial class Container
    {
        /// <summary>"web (RUNNING)", "web (STOPPED, exit 137)": how a task's containers read in
        /// Format-List. ECS reports an exit code once the container has stopped.</summary>
        public override string ToString()
        {
            var state = LastStatus ?? "status unknown";
            if (ExitCode.HasValue) state += $", exit {ExitCode.Value}";
            return $"{Name ?? ContainerArn} ({state})";
        }
    }

    public sealed partial class ContainerInstance
    {
        private string _askedCluster;

        /// <summary>Keeps the cluster a describe was about, for instance ARNs of the older form
        /// (container-instance/id), which do not name it.</summary>
        public void RememberCluster(string cluster) => _askedCluster = cluster;

        /// <summary>The container instance id, the last part of its ARN.</summary>
        [JsonIgnore]
        public string ContainerInstanceId => Arn.NameOf(ContainerInstanceArn);

        /// <summary>The cluster's name: from the ARN (container-instance/cluster/id), else the cluster asked about.</summary>
        [JsonIgnore]
        public string ClusterName => EcsArns.ClusterOf(ContainerInstanceArn)
            ?? (_askedCluster == null ? (ContainerInstanceArn == null ? null : "default") : Arn.NameOf(_askedCluster));

        /// <summary>The cluster's ARN, built from the instance ARN's partition, region and account.</summary>
        [JsonIgnore]
        public string ClusterArn => Arn.IsArn(_askedCluster) ? _askedCluster
            : Arn.TryParse(ContainerInstanceArn, out var arn) && ClusterName != null
                ? $"arn:{arn.Partition}:ecs:{arn.Region}:{arn.Account}:cluster/{ClusterName}"
                : null;

        /// <summary>CPU units registered (1 vCPU = 1024).</summary>
        [JsonIgnore]
        public int? RegisteredCpu => Amount(RegisteredResources, "CPU");

        /// <summary>CPU units not yet reserved by tasks.</summary>
        [JsonIgnore]
        public int? RemainingCpu => Amount(RemainingResources, "CPU");

        /// <summary>Memory registered, in MiB.</summary>
        [JsonIgnore]
        public int? RegisteredMemory => Amount(RegisteredResources, "MEMORY");

        /// <summary>Memory not yet reserved by tasks, in MiB.</summary>
        [JsonIgnore]
        public int? RemainingMemory => Amount(RemainingResources, "MEMORY");

        [JsonIgnore]
        public string Region => Arn.RegionOf(ContainerInstanceArn);

        private static int? Amount(System.Collections.Generic.List<Resource> resources, string name)
        {
            var resource = resources?.FirstOrDefault(r => r.Name == name);
            if (resource == null) return null;
            if (resource.IntegerValue.HasValue) return resource.IntegerValue;
            if (resource.LongValue.HasValue) return (int)resource.LongValue.Value;
            if (resource.DoubleValue.HasValue) return (int)resource.DoubleValue.Value;
            return null;
        }

        public override string ToString() => ContainerInstanceArn;
    }

    public sealed partial class Resource
    {
        public override string ToString()
            => $"{Name}={(object)IntegerValue ?? (object)LongValue ?? (object)DoubleValue ?? (StringSetValue == null ? null : string.Join(",", StringSetValue))}";
    }

    public sealed partial class CapacityProvider
    {
        /// <summary>The Auto Scaling group's name, the last part of its ARN (autoScalingGroupName/name).</summary>
        [JsonIgnore]
        public string AutoScalingGroupName
        {
            get
            {
                var arn = AutoScalingGroupProvider?.AutoScalingGroupArn;
                if (arn == null) return null;
                const string marker = "autoScalingGroupName/";
                var at = arn.IndexOf(marker, System.StringComparison.Ordinal);
                return at < 0 ? arn : arn.Substring(at + marker.Length);
            }
        }

        /// <summary>ENABLED or DISABLED: whether ECS scales the Auto Scaling group.</summary>
        [JsonIgnore]
        public string ManagedScalingStatus => AutoScalingGroupProvider?.ManagedScaling?.Status;

        /// <summary>The utilization, in percent, managed scaling keeps the group at.</summary>
        [JsonIgnore]
        public int? TargetCapacity => AutoScalingGroupProvider?.ManagedScaling?.TargetCapacity;

        /// <summary>Managed scaling in one column: "ENABLED 100%" (status and target capacity).</summary>
        [JsonIgnore]
        public string ManagedScaling => ManagedScalingStatus == null ? null
            : TargetCapacity.HasValue ? $"{ManagedScalingStatus} {TargetCapacity}%" : ManagedScalingStatus;

        /// <summary>ENABLED or DISABLED: whether ECS keeps the group from terminating instances that run tasks.</summary>
        [JsonIgnore]
        public string TerminationProtection => AutoScalingGroupProvider?.ManagedTerminationProtection;

        [JsonIgnore]
        public string ManagedDraining => AutoScalingGroupProvider?.ManagedDraining;

        [JsonIgnore]
        public string Region => Arn.RegionOf(CapacityProviderArn);

        public override string ToString() => Name ?? CapacityProviderArn;
    }

    public sealed partial class ManagedScaling
    {
        public override string ToString()
            => $"{Status} (target {TargetCapacity?.ToString() ?? "-"}%, step {MinimumScalingStepSize?.ToString() ?? "-"}-{MaximumScalingStepSize?.ToString() ?? "-"}, warm-up {InstanceWarmupPeriod?.ToString() ?? "-"} s)";
    }
}
