using System.Collections.Generic;
using System.Linq;
using System.Management.Automation;
using EcsPS.Engine.Ecs.Model;
using EcsPS.Common;

namespace EcsPS.Ecs.Services
{
    /// <summary>A service's current deployments (PRIMARY first) with rollout state and task counts.</summary>
    [Cmdlet(VerbsCommon.Get, "EcsServiceDeploymentX")]
    [OutputType(typeof(Deployment))]
    public sealed class GetEcsServiceDeploymentX : ServiceCmdletBase
    {
        [Parameter(Mandatory = true, Position = 0, ValueFromPipelineByPropertyName = true)]
        [ValidateEcsName("service", AllowArn = true)]
        [Alias("Name", "Service", "ServiceArn")]
        [ArgumentCompleter(typeof(ServiceNameCompleter))]
        public string[] ServiceName { get; set; }

        protected override void ProcessRecord()
        {
            Guard(() =>
            {
                foreach (var service in DescribeNamed(ServiceName))
                    foreach (var deployment in service.Deployments ?? new List<Deployment>())
                    {
                        deployment.ServiceName = service.ServiceName;
                        deployment.ClusterName = service.ClusterName;
                        WriteObject(deployment);
                    }
            }, ServiceName.Length == 1 ? ServiceName[0] : null);
        }
    }
}
