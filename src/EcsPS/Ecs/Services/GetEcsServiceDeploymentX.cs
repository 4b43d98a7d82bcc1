using System.Collections.Generic;
using System.Management.Automation;
using EcsPS.Engine.Ecs.Model;
using EcsPS.Common;

namespace EcsPS.Ecs.Services
{
    /// <summary>
    /// A service's current deployments (PRIMARY first) with rollout state and task counts; with
    /// -History, its service deployments as far as ECS keeps them, newest first, with the task
    /// definitions each went from and to and how it ended.
    /// </summary>
    [Cmdlet(VerbsCommon.Get, "EcsServiceDeploymentX", DefaultParameterSetName = CurrentSet)]
    [OutputType(typeof(Deployment), ParameterSetName = new[] { CurrentSet })]
    [OutputType(typeof(ServiceDeployment), ParameterSetName = new[] { HistorySet })]
    public sealed class GetEcsServiceDeploymentX : ServiceCmdletBase
    {
        private const string CurrentSet = "Current";
        private const string HistorySet = "History";

        [Parameter(Mandatory = true, Position = 0, ValueFromPipelineByPropertyName = true)]
        [ValidateEcsName("service", AllowArn = true)]
        [Alias("Name", "Service", "ServiceArn")]
        [ArgumentCompleter(typeof(ServiceNameCompleter))]
        public string[] ServiceName { get; set; }

        /// <summary>Past deployments too (ListServiceDeployments, DescribeServiceDeployments, DescribeServiceRevisions).</summary>
        [Parameter(Mandatory = true, ParameterSetName = HistorySet)]
        public SwitchParameter History { get; set; }

        protected override void ProcessRecord()
        {
            Guard(() =>
            {
                foreach (var service in DescribeNamed(ServiceName))
                {
                    if (History)
                    {
                        var ecs = EcsIn(service.Region);
                        var count = 0;
                        foreach (var deployment in ecs.ServiceDeploymentHistory(service.ClusterArn, service.ServiceArn, CancellationToken))
                        {
                            count++;
                            WriteObject(deployment);
                        }
                        if (count == 0)
                            WriteVerbose($"ECS keeps no service deployment of {service.ServiceName}: it records them for services on the ECS deployment controller since late 2024.");
                        continue;
                    }
                    foreach (var deployment in service.Deployments ?? new List<Deployment>())
                    {
                        deployment.ServiceName = service.ServiceName;
                        deployment.ClusterName = service.ClusterName;
                        WriteObject(deployment);
                    }
                }
            }, ServiceName.Length == 1 ? ServiceName[0] : null);
        }
    }
}
