using System.Collections;
using System.Linq;
using System.Management.Automation;
using EcsPS.Common;
using EcsPS.Ecs.TaskDefinitions;
using EcsPS.Engine.Ecs.Deployments;
using EcsPS.Engine.Ecs.Model;
using EcsPS.Engine.Ecs.TaskDefinitions;
using EcsPS.Engine.Ecs.Verification;

namespace EcsPS.Ecs.Services
{
    /// <summary>
    /// Test-EcsTaskDefinitionX's checks for the task definition a service runs, or would run after
    /// Update-EcsServiceX -TaskDefinition or -Image, together with what the service adds: its launch
    /// type and platform version, and its load balancers' target groups. Changes nothing.
    /// </summary>
    [Cmdlet(VerbsDiagnostic.Test, "EcsServiceX")]
    [OutputType(typeof(DeploymentFinding), typeof(bool))]
    public sealed class TestEcsServiceX : ServiceCmdletBase
    {
        [Parameter(Mandatory = true, Position = 0, ValueFromPipelineByPropertyName = true)]
        [ValidateEcsName("service", AllowArn = true)]
        [Alias("Name", "Service", "ServiceArn")]
        [ArgumentCompleter(typeof(ServiceNameCompleter))]
        public string ServiceName { get; set; }

        /// <summary>A candidate to check instead of the running one: family (latest ACTIVE), family:revision or ARN.</summary>
        [Parameter]
        [ValidateTaskDefinition]
        [ArgumentCompleter(typeof(TaskDefinitionFamilyCompleter))]
        public string TaskDefinition { get; set; }

        /// <summary>The revision Update-EcsServiceX -Image would register: the current one with these images.</summary>
        [Parameter]
        [ValidateNotNullOrEmpty]
        [ValidateImageMap]
        public IDictionary Image { get; set; }

        /// <summary>Returns only $true (no Error finding) or $false; findings are not written as errors.</summary>
        [Parameter]
        public SwitchParameter Quiet { get; set; }

        private DeploymentChecks _checks;

        protected override void Begin()
        {
            if (TaskDefinition != null && Image != null)
                ThrowArgumentError("Give -TaskDefinition or -Image, not both: -Image checks a new revision of the service's current task definition.",
                    "TaskDefinitionAndImage", null);
        }

        protected override void ProcessRecord()
        {
            // -Quiet answers for every input: one that cannot be checked (not found, unreadable) is
            // $false, beside the error that says why.
            if (CheckOne() == null && Quiet) WriteObject(false);
        }

        /// <summary>The verdict when the checks ran (findings or $true/$false written), null when they could not.</summary>
        private bool? CheckOne()
        {
            _checks = _checks ?? new DeploymentChecks(this);
            Engine.Ecs.EcsClient ecs = null;
            string region = null;
            if (!Guard(() => ecs = EcsIn(region = RegionOfArns(ClusterFor(ServiceName), ServiceName, TaskDefinition)), ServiceName)) return null;
            Service current = null;
            if (!Guard(() => current = DescribeNamed(new[] { ServiceName }).FirstOrDefault(), ServiceName)) return null;
            if (current == null) return null;

            RegisterTaskDefinitionRequest candidate = null;
            string name = null;
            if (Image != null)
            {
                ImageDeployPlan plan = null;
                try
                {
                    if (!Guard(() => plan = new ImageDeployer(ecs).Plan(current, ImageMap.From(Image), CancellationToken), current.TaskDefinition)) return null;
                }
                catch (TaskDefinitionException ex)
                {
                    WriteError(new ErrorRecord(ex, ex.ErrorId, ErrorCategory.InvalidArgument, ServiceName));
                    return null;
                }
                if (plan != null)
                {
                    candidate = plan.Revision;
                    name = plan.Revision.Family + " (new revision)";
                }
            }
            else
            {
                TaskDefinition found = null;
                var named = TaskDefinition ?? current.TaskDefinition;
                if (!Guard(() => found = ecs.FindTaskDefinition(named, includeTags: false, CancellationToken), named)) return null;
                if (found != null)
                {
                    candidate = TaskDefinitionDocument.FromTaskDefinition(found);
                    name = found.FamilyRevision;
                }
            }
            if (candidate == null)
            {
                var missing = TaskDefinition ?? current.TaskDefinition;
                WriteError(new ErrorRecord(new ItemNotFoundException($"The task definition '{missing}' does not exist, so there is nothing to check for {current.ServiceName}."),
                    "TaskDefinitionNotFoundException", ErrorCategory.ObjectNotFound, missing));
                return null;
            }
            var findings = _checks.Run(region, candidate, name, current, CancellationToken);
            return findings == null ? (bool?)null : _checks.Report(findings, Quiet);
        }
    }
}
