using System;
using System.Collections;
using System.Collections.Generic;
using System.Linq;
using System.Management.Automation;
using EcsPS.Engine.Ecs.Model;
using EcsPS.Engine.Ecs.Deployments;
using EcsPS.Common;

namespace EcsPS.Ecs.Services
{
    [Cmdlet(VerbsCommon.New, "EcsServiceX", SupportsShouldProcess = true, ConfirmImpact = ConfirmImpact.Medium)]
    [OutputType(typeof(Service))]
    public sealed class NewEcsServiceX : ServiceSettingsCmdletBase
    {
        [Parameter(Mandatory = true, Position = 0)]
        [ValidateEcsName("service")]
        [Alias("Name")]
        public string ServiceName { get; set; }

        /// <summary>family, family:revision or ARN; also bound from piped TaskDefinition objects.</summary>
        [Parameter(Position = 1, ValueFromPipelineByPropertyName = true)]
        [ValidateTaskDefinition]
        [Alias("TaskDefinitionArn")]
        [ArgumentCompleter(typeof(TaskDefinitionFamilyCompleter))]
        public string TaskDefinition { get; set; }

        /// <summary>How many tasks to keep running (REPLICA services; default 1).</summary>
        [Parameter]
        [ValidateRange(0, 100000)]
        public int DesiredCount { get; set; } = 1;

        [Parameter]
        [ValidateSet("FARGATE", "EC2", "EXTERNAL", "MANAGED_INSTANCES")]
        public string LaunchType { get; set; }

        /// <summary>'targetGroupArn:container:port', or @{ TargetGroupArn; ContainerName; ContainerPort }; several allowed.</summary>
        [Parameter]
        [ValidateNotNull]
        [Alias("LoadBalancers")]
        public object[] LoadBalancer { get; set; }

        /// <summary>'distinctInstance', 'memberOf:expression', or hashtables.</summary>
        [Parameter]
        [ValidateNotNull]
        public object[] PlacementConstraint { get; set; }

        /// <summary>'spread:attribute:ecs.availability-zone', 'binpack:memory', 'random', or hashtables.</summary>
        [Parameter]
        [ValidateNotNull]
        public object[] PlacementStrategy { get; set; }

        /// <summary>Cloud Map registrations: @{ RegistryArn = '...'; ContainerName = 'web'; ContainerPort = 80 }.</summary>
        [Parameter]
        [ValidateNotNull]
        public object[] ServiceRegistry { get; set; }

        [Parameter]
        public SwitchParameter EnableExecuteCommand { get; set; }

        [Parameter]
        [ValidateEcsTags]
        [Alias("Tags")]
        public Hashtable Tag { get; set; }

        [Parameter]
        public SwitchParameter EnableEcsManagedTags { get; set; }

        [Parameter]
        [ValidateSet("REPLICA", "DAEMON")]
        public string SchedulingStrategy { get; set; }

        /// <summary>Makes a retried create idempotent: the same token returns the service created the first time (up to 36 ASCII characters).</summary>
        [Parameter]
        [ValidateLength(1, 36)]
        [ValidatePattern("^[\\x20-\\x7E]+$")]
        public string ClientToken { get; set; }

        private CreateServiceRequest _template;

        protected override void Begin()
        {
            try { _template = BuildTemplate(); }
            catch (ArgumentException ex) { ThrowArgumentError(ex.Message, "InvalidServiceParameters", ServiceName); }
            // Without a pipeline there is nothing that could still bring a task definition.
            if (TaskDefinition == null && !MyInvocation.ExpectingInput) ThrowArgumentError(TaskDefinitionMissing, "TaskDefinitionMissing", ServiceName);
        }

        private const string TaskDefinitionMissing = "-TaskDefinition is required: give a family, family:revision or ARN, or pipe a task definition in.";

        private CreateServiceRequest BuildTemplate()
        {
            var bound = MyInvocation.BoundParameters;
            var daemon = SchedulingStrategy == "DAEMON";
            if (LaunchType != null && CapacityProviderStrategy != null)
                throw new ArgumentException("Give -LaunchType or -CapacityProviderStrategy, not both.");
            if (daemon && bound.ContainsKey(nameof(DesiredCount)))
                throw new ArgumentException("-DesiredCount does not apply to DAEMON services: they run one task on every container instance.");
            if (daemon && (LaunchType == "FARGATE" || CapacityProviderStrategy != null))
                throw new ArgumentException("DAEMON services run on EC2 container instances; Fargate and capacity provider strategies support REPLICA only.");
            if (daemon && PlacementStrategy != null)
                throw new ArgumentException("-PlacementStrategy does not apply to DAEMON services.");
            var fargateStrategy = EcsPS.Ecs.CapacityProviderStrategy.Parse(CapacityProviderStrategy)?
                .Any(s => s.CapacityProvider == "FARGATE" || s.CapacityProvider == "FARGATE_SPOT") == true;
            if ((LaunchType == "FARGATE" || fargateStrategy) && (Subnet == null || Subnet.Length == 0))
                throw new ArgumentException("Fargate services use awsvpc networking: pass -Subnet (and usually -SecurityGroup).");

            return new CreateServiceRequest
            {
                DesiredCount = daemon ? (int?)null : DesiredCount,
                LaunchType = LaunchType,
                CapacityProviderStrategy = StrategySetting(),
                NetworkConfiguration = NetworkSetting(),
                LoadBalancers = ServiceOptions.LoadBalancers(LoadBalancer),
                HealthCheckGracePeriodSeconds = GracePeriodSetting(),
                DeploymentConfiguration = DeploymentSetting(),
                PlacementConstraints = ServiceOptions.PlacementConstraints(PlacementConstraint),
                PlacementStrategy = ServiceOptions.PlacementStrategies(PlacementStrategy),
                ServiceRegistries = ServiceOptions.ServiceRegistries(ServiceRegistry),
                EnableExecuteCommand = EnableExecuteCommand.IsPresent ? true : (bool?)null,
                Tags = EcsNames.ToTags(Tag),
                PropagateTags = PropagateTags,
                EnableECSManagedTags = EnableEcsManagedTags.IsPresent ? true : (bool?)null,
                SchedulingStrategy = SchedulingStrategy,
                PlatformVersion = PlatformVersion,
            };
        }

        protected override void ProcessRecord()
        {
            if (MyInvocation.BoundParameters.ContainsKey(nameof(HealthCheckGracePeriod)) && _template.LoadBalancers == null)
                WriteWarning("-HealthCheckGracePeriod only matters for services behind a load balancer.");

            if (TaskDefinition == null)
            {
                // A piped object without one: refuse that item and go on with the next.
                WriteError(new ErrorRecord(new ArgumentException(TaskDefinitionMissing), "TaskDefinitionMissing", ErrorCategory.InvalidArgument, ServiceName));
                return;
            }
            var request = _template;
            request.Cluster = Cluster;
            request.ServiceName = ServiceName;
            request.TaskDefinition = TaskDefinition;
            // One token per service and invocation: the SDK's own retries resend the same body,
            // so a create whose answer was lost cannot make a second service.
            request.ClientToken = ClientToken ?? Guid.NewGuid().ToString("N");

            EcsPS.Engine.Ecs.EcsClient ecs = null;
            if (!Guard(() => ecs = EcsFor(Cluster, TaskDefinition), ServiceName)) return;
            var where = Cluster ?? "default";
            var how = request.LaunchType ?? (request.CapacityProviderStrategy != null ? "capacity providers " + string.Join(", ", request.CapacityProviderStrategy.Select(c => c.CapacityProvider)) : "the cluster's default capacity");
            if (!ShouldProcess($"{ServiceName} (cluster {where})", $"Create ECS service running {TaskDefinition} " + (request.DesiredCount == null ? "on every container instance (DAEMON)" : $"x{request.DesiredCount}") + $" on {how}")) return;

            Service created = null;
            if (!Guard(() => created = ecs.CreateService(request, CancellationToken).Service, ServiceName)) return;
            Started(created, ServiceName);
        }

    }
}
