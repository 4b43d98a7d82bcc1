using System;
using System.Collections.Generic;
using System.Management.Automation;
using EcsPS.Common;
using EcsPS.Engine.Ecs;
using EcsPS.Engine.Ecs.Deployments;
using EcsPS.Engine.Ecs.Model;
using EcsPS.Engine.Runtime;

namespace EcsPS.Ecs.Services
{
    /// <summary>Service cmdlets share -Cluster, bound by property name from clusters, services and tasks.</summary>
    public abstract class ServiceCmdletBase : EcsCmdletBase
    {
        /// <summary>The cluster's name or ARN; the cluster named 'default' when omitted.</summary>
        [Parameter(ValueFromPipelineByPropertyName = true)]
        [ValidateEcsName("cluster", AllowArn = true)]
        [Alias("ClusterArn", "ClusterName")]
        [ArgumentCompleter(typeof(ClusterNameCompleter))]
        public string Cluster { get; set; }

        /// <summary>
        /// Describes services by name or ARN, each in its own cluster (see ClusterFor), 10 to a
        /// request; services that do not exist become ServiceNotFoundException errors.
        /// </summary>
        protected List<Service> DescribeNamed(IEnumerable<string> services)
        {
            var found = new List<Service>();
            var resolver = new NameResolver<Service>(this, region => EcsResources.Services(EcsIn(region), includeTags: false), found.Add);
            foreach (var name in services) resolver.Add(ClusterFor(name), name);
            resolver.Complete();
            return found;
        }

        /// <summary>
        /// The cluster to ask about a service: -Cluster, or else the cluster named in the
        /// service's own ARN (arn:...:service/cluster/name), so that a service ARN alone finds
        /// its service instead of looking in 'default'.
        /// </summary>
        protected string ClusterFor(string service) => Cluster ?? EcsArns.ClusterOf(service);
    }

    /// <summary>Service cmdlets that can wait share the wait's limits.</summary>
    public abstract class ServiceWaitCmdletBase : ServiceCmdletBase
    {
        /// <summary>The longest the wait may take in all (default 30 minutes).</summary>
        [Parameter]
        [Duration(Minimum = "00:00:01", Maximum = "2.00:00:00")]
        public TimeSpan Timeout { get; set; } = TimeSpan.FromMinutes(30);

        /// <summary>Give up on a service whose running/pending counts have not changed for this long (default 10 minutes).</summary>
        [Parameter]
        [Duration(Minimum = "00:00:01", Maximum = "2.00:00:00")]
        public TimeSpan NoProgressTimeout { get; set; } = TimeSpan.FromMinutes(10);

        /// <summary>How often to look (default 15 seconds, as the AWS CLI's waiter).</summary>
        [Parameter]
        [Duration(Minimum = "00:00:01", Maximum = "00:10:00")]
        public TimeSpan PollInterval { get; set; } = TimeSpan.FromSeconds(15);

        protected ServiceWaitOptions WaitOptions() => new ServiceWaitOptions
        {
            Timeout = Timeout,
            NoProgressTimeout = NoProgressTimeout,
            PollInterval = PollInterval,
        };
    }
}

namespace EcsPS.Ecs.Services
{
    /// <summary>
    /// What New-EcsServiceX and Update-EcsServiceX both set: networking, capacity, deployment
    /// settings; and -Wait, which follows the deployment each change starts.
    /// </summary>
    public abstract class ServiceSettingsCmdletBase : ServiceWaitCmdletBase
    {
        /// <summary>'FARGATE:1:1', 'FARGATE_SPOT:3', or @{ CapacityProvider = 'FARGATE'; Weight = 1; Base = 1 }.</summary>
        [Parameter]
        [ValidateNotNull]
        public object[] CapacityProviderStrategy { get; set; }

        /// <summary>Subnet ids (subnet- and 8 to 17 hex digits), at most 16.</summary>
        [Parameter]
        [ValidateNotNullOrEmpty]
        [ValidateEc2Id("subnet")]
        [Alias("Subnets")]
        public string[] Subnet { get; set; }

        /// <summary>Security group ids (sg- and 8 to 17 hex digits), at most 5.</summary>
        [Parameter]
        [ValidateNotNullOrEmpty]
        [ValidateEc2Id("security group")]
        [Alias("SecurityGroups")]
        public string[] SecurityGroup { get; set; }

        [Parameter]
        public SwitchParameter AssignPublicIp { get; set; }

        /// <summary>Seconds to ignore failing load balancer health checks after a task starts.</summary>
        [Parameter]
        [ValidateRange(0, int.MaxValue)]
        [Alias("HealthCheckGracePeriodSeconds")]
        public int HealthCheckGracePeriod { get; set; }

        [Parameter]
        [ValidateRange(0, 100)]
        public int MinimumHealthyPercent { get; set; }

        [Parameter]
        [ValidateRange(100, 200)]
        public int MaximumPercent { get; set; }

        /// <summary>Rollback (the circuit breaker stops a failing deployment and rolls back), NoRollback, or Disabled.</summary>
        [Parameter]
        [ValidateSet("Rollback", "NoRollback", "Disabled")]
        public string CircuitBreaker { get; set; }

        /// <summary>CloudWatch alarm names that fail a deployment when they go into ALARM.</summary>
        [Parameter]
        [ValidateNotNull]
        [ValidateAlarmName]
        public string[] Alarm { get; set; }

        /// <summary>Whether an alarm failure rolls the deployment back (default $true).</summary>
        [Parameter]
        public bool AlarmRollback { get; set; } = true;

        /// <summary>Fargate platform version (default LATEST).</summary>
        [Parameter]
        [ValidateNotNullOrEmpty]
        [ValidatePlatformVersion]
        public string PlatformVersion { get; set; }

        [Parameter]
        [ValidateSet("TASK_DEFINITION", "SERVICE", "NONE")]
        public string PropagateTags { get; set; }

        /// <summary>Waits until the deployment the change starts has completed, failing if it fails or rolls back.</summary>
        [Parameter]
        public SwitchParameter Wait { get; set; }

        private readonly List<ServiceWaitTarget> _waits = new List<ServiceWaitTarget>();

        private bool Given(string name) => MyInvocation.BoundParameters.ContainsKey(name);

        protected List<CapacityProviderStrategyItem> StrategySetting() => EcsPS.Ecs.CapacityProviderStrategy.Parse(CapacityProviderStrategy);

        protected NetworkConfiguration NetworkSetting()
            => ServiceOptions.Network(Subnet, SecurityGroup, Given(nameof(AssignPublicIp)) ? AssignPublicIp.IsPresent : (bool?)null);

        protected DeploymentConfiguration DeploymentSetting()
            => ServiceOptions.Deployment(
                Given(nameof(MinimumHealthyPercent)) ? MinimumHealthyPercent : (int?)null,
                Given(nameof(MaximumPercent)) ? MaximumPercent : (int?)null,
                CircuitBreaker, Alarm, AlarmRollback);

        protected int? GracePeriodSetting() => Given(nameof(HealthCheckGracePeriod)) ? HealthCheckGracePeriod : (int?)null;

        /// <summary>With -Wait, remembers the deployment a change started; otherwise writes the service now.</summary>
        protected void Started(Service service, string requestedName)
        {
            if (!Wait)
            {
                WriteObject(service);
                return;
            }
            var name = service.ServiceArn ?? requestedName;
            _waits.Add(new ServiceWaitTarget(ClusterFor(name), name, service.PrimaryDeployment?.Id));
        }

        /// <summary>All the services of the pipeline are waited for together, one DescribeServices per 10.</summary>
        protected override void EndProcessing()
        {
            if (_waits.Count > 0)
                ServiceWaitRunner.Run(this, _waits, ServiceWaitCondition.DeploymentComplete, WaitOptions(), writeServices: true);
        }
    }
}
