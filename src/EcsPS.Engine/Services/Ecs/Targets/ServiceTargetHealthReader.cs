using System;
using System.Collections.Generic;
using System.Linq;
using System.Threading;
using EcsPS.Engine.ElasticLoadBalancingV2;
using EcsPS.Engine.ElasticLoadBalancingV2.Model;
using EcsPS.Engine.Ecs.Model;
using EcsPS.Engine.Runtime;
using EcsTask = EcsPS.Engine.Ecs.Model.Task;

namespace EcsPS.Engine.Ecs.Targets
{
    /// <summary>One target registered with a target group of an ECS service, and the task behind it.</summary>
    public sealed class ServiceTarget
    {
        /// <summary>The IP address (awsvpc tasks) or EC2 instance id (bridge and host mode).</summary>
        public string TargetId { get; set; }
        public int? Port { get; set; }
        /// <summary>initial, healthy, unhealthy, unused, draining, unavailable, unhealthy.draining.</summary>
        public string State { get; set; }
        /// <summary>The ELB reason code, e.g. Target.ResponseCodeMismatch or Elb.InitialHealthChecking.</summary>
        public string Reason { get; set; }
        public string Description { get; set; }
        public string TargetGroupName { get; set; }
        public string LoadBalancerName { get; set; }
        /// <summary>The id of the ECS task that owns the target; null when no running task of the service matches.</summary>
        public string TaskId { get; set; }
        public string ServiceName { get; set; }
        public string ClusterName { get; set; }
        public string TargetGroupArn { get; set; }
        public string AvailabilityZone { get; set; }
        /// <summary>Every load balancer that forwards to the target group (usually one).</summary>
        public List<string> LoadBalancerNames { get; set; } = new List<string>();

        public bool IsHealthy => string.Equals(State, "healthy", StringComparison.Ordinal);

        public override string ToString()
            => $"{TargetId}:{Port} in {TargetGroupName}: {State}" + (Reason != null ? $" ({Reason})" : string.Empty)
               + (TaskId != null ? $", task {TaskId}" : string.Empty);
    }

    /// <summary>What was read about one service's targets.</summary>
    public sealed class ServiceTargets
    {
        public Service Service { get; set; }
        /// <summary>The target groups the service registers with, in the service's order.</summary>
        public List<string> TargetGroupArns { get; set; } = new List<string>();
        /// <summary>The service's RUNNING-desired tasks, as DescribeTasks returned them.</summary>
        public List<EcsTask> Tasks { get; set; } = new List<EcsTask>();
        public List<ServiceTarget> Targets { get; set; } = new List<ServiceTarget>();
        /// <summary>Target groups whose health could not be read, with why.</summary>
        public Dictionary<string, string> TargetGroupErrors { get; set; } = new Dictionary<string, string>(StringComparer.Ordinal);
        /// <summary>Requests made for this service: its share of ECS requests and one per target group.</summary>
        public int Requests { get; set; }
    }

    /// <summary>
    /// Reads the health of a service's load balancer targets and finds the task behind each one.
    /// A target names an IP (awsvpc) or an EC2 instance and host port (bridge, host); the task with
    /// that ENI address, or on that container instance with that host port bound, owns it.
    /// </summary>
    public interface IServiceTargetSource
    {
        ServiceTargets Read(Service service, CancellationToken ct);
    }

    public sealed class ServiceTargetHealthReader : IServiceTargetSource
    {
        private readonly EcsClient _ecs;
        private readonly ElasticLoadBalancingV2Client _elb;
        private readonly Dictionary<string, TargetGroup> _groups = new Dictionary<string, TargetGroup>(StringComparer.Ordinal);
        private readonly Dictionary<string, string> _instances = new Dictionary<string, string>(StringComparer.Ordinal);

        public ServiceTargetHealthReader(EcsClient ecs, ElasticLoadBalancingV2Client elb)
        {
            _ecs = ecs;
            _elb = elb;
        }

        /// <summary>Describes the target groups of all these services at once (20 to a request), so reading each later costs none.</summary>
        public int Prefetch(IEnumerable<Service> services, CancellationToken ct)
        {
            var wanted = services.SelectMany(TargetGroupsOf).Where(a => !_groups.ContainsKey(a)).Distinct(StringComparer.Ordinal).ToList();
            if (wanted.Count == 0) return 0;
            foreach (var group in _elb.DescribeTargetGroupsByArn(wanted, ct)) _groups[group.TargetGroupArn] = group;
            return (wanted.Count + ElasticLoadBalancingV2Client.DescribeTargetGroupsBatchSize - 1) / ElasticLoadBalancingV2Client.DescribeTargetGroupsBatchSize;
        }

        public static List<string> TargetGroupsOf(Service service)
            => (service.LoadBalancers ?? new List<Ecs.Model.LoadBalancer>()).Select(l => l.TargetGroupArn)
                .Where(a => !string.IsNullOrEmpty(a)).Distinct(StringComparer.Ordinal).ToList();

        public ServiceTargets Read(Service service, CancellationToken ct)
        {
            var result = new ServiceTargets { Service = service, TargetGroupArns = TargetGroupsOf(service) };
            if (result.TargetGroupArns.Count == 0) return result;

            var cluster = service.ClusterArn;
            var taskArns = _ecs.ListTaskArns(new ListTasksRequest { Cluster = cluster, ServiceName = service.ServiceName, DesiredStatus = "RUNNING" }, ct)
                .SelectMany(p => { result.Requests++; return p; }).ToList();
            if (taskArns.Count == 0 && result.Requests == 0) result.Requests = 1;
            foreach (var batch in _ecs.DescribeTasks(cluster, taskArns, includeTags: false, ct))
            {
                result.Requests++;
                result.Tasks.AddRange(batch.Items);
            }

            // Bridge and host mode targets are instances: learn which instance each task runs on.
            var unknownInstances = result.Tasks.Select(t => t.ContainerInstanceArn)
                .Where(a => !string.IsNullOrEmpty(a) && !_instances.ContainsKey(a)).Distinct(StringComparer.Ordinal).ToList();
            if (unknownInstances.Count > 0)
                foreach (var batch in _ecs.DescribeContainerInstances(cluster, unknownInstances, includeTags: false, ct))
                {
                    result.Requests++;
                    foreach (var ci in batch.Items) _instances[ci.ContainerInstanceArn] = ci.Ec2InstanceId;
                }

            var missing = result.TargetGroupArns.Where(a => !_groups.ContainsKey(a)).ToList();
            if (missing.Count > 0)
                result.Requests += Prefetch(new[] { service }, ct);

            foreach (var groupArn in result.TargetGroupArns)
            {
                List<TargetHealthDescription> health;
                try
                {
                    result.Requests++;
                    health = _elb.DescribeTargetHealthOf(groupArn, ct);
                }
                catch (AwsServiceException ex) when (ex.ErrorCode == "TargetGroupNotFound")
                {
                    // The service points at a group that was deleted: the rest can still be read.
                    result.TargetGroupErrors[groupArn] = ex.Message;
                    continue;
                }
                _groups.TryGetValue(groupArn, out var group);
                var lbNames = (group?.LoadBalancerArns ?? new List<string>()).Select(ElasticLoadBalancingV2Client.NameInArn).Where(n => n != null).ToList();
                foreach (var d in health)
                {
                    var target = new ServiceTarget
                    {
                        TargetId = d.Target?.Id,
                        Port = d.Target?.Port,
                        AvailabilityZone = d.Target?.AvailabilityZone,
                        State = d.TargetHealth?.State,
                        Reason = d.TargetHealth?.Reason,
                        Description = d.TargetHealth?.Description,
                        TargetGroupArn = groupArn,
                        TargetGroupName = group?.TargetGroupName ?? ElasticLoadBalancingV2Client.NameInArn(groupArn),
                        LoadBalancerNames = lbNames,
                        LoadBalancerName = lbNames.Count == 0 ? null : string.Join(",", lbNames),
                        ServiceName = service.ServiceName,
                        ClusterName = service.ClusterName,
                    };
                    target.TaskId = OwnerOf(target, result.Tasks)?.TaskId;
                    result.Targets.Add(target);
                }
            }
            return result;
        }

        /// <summary>The task behind a target: by ENI address for an IP target, by instance and host port for an instance target.</summary>
        public EcsTask OwnerOf(ServiceTarget target, IEnumerable<EcsTask> tasks)
        {
            if (string.IsNullOrEmpty(target.TargetId)) return null;
            var isInstance = target.TargetId.StartsWith("i-", StringComparison.Ordinal);
            foreach (var task in tasks)
            {
                if (!isInstance)
                {
                    if (PrivateAddressesOf(task).Contains(target.TargetId)) return task;
                    continue;
                }
                if (task.ContainerInstanceArn == null || !_instances.TryGetValue(task.ContainerInstanceArn, out var instance) || instance != target.TargetId)
                    continue;
                var bound = (task.Containers ?? new List<Container>())
                    .SelectMany(c => c.NetworkBindings ?? new List<NetworkBinding>())
                    .Any(b => b.HostPort == target.Port);
                if (bound) return task;
            }
            return null;
        }

        private static IEnumerable<string> PrivateAddressesOf(EcsTask task)
            => (task.Attachments ?? new List<Attachment>())
                .Where(a => a.Type == "ElasticNetworkInterface")
                .SelectMany(a => a.Details ?? new List<Ecs.Model.KeyValuePair>())
                .Where(d => d.Name == "privateIPv4Address" && d.Value != null)
                .Select(d => d.Value);
    }
}
