using System;
using System.Collections.Generic;
using System.Management.Automation;
using EcsPS.Common;
using EcsPS.Engine.Ecs.Model;

namespace EcsPS.Ecs.ContainerInstances
{
    /// <summary>
    /// Deregisters container instances from their cluster. An instance that still runs tasks is
    /// refused unless -Force is given, which deregisters it anyway and leaves its tasks running,
    /// orphaned (ECS no longer tracks or replaces them).
    /// </summary>
    [Cmdlet(VerbsCommon.Remove, "EcsContainerInstanceX", SupportsShouldProcess = true, ConfirmImpact = ConfirmImpact.High)]
    [OutputType(typeof(ContainerInstance))]
    public sealed class RemoveEcsContainerInstanceX : ContainerInstanceCmdletBase
    {
        [Parameter(Mandatory = true, Position = 0, ValueFromPipeline = true, ValueFromPipelineByPropertyName = true)]
        [ValidateEcsResourceId("container instance")]
        [Alias("ContainerInstanceArn")]
        public string[] ContainerInstance { get; set; }

        /// <summary>Skips the confirmation prompt and deregisters instances even with tasks on them
        /// (the API's force flag): those tasks keep running, orphaned.</summary>
        [Parameter]
        public SwitchParameter Force { get; set; }

        /// <summary>Writes each deregistered instance to the pipeline.</summary>
        [Parameter]
        public SwitchParameter PassThru { get; set; }

        private readonly List<(string Cluster, string Instance)> _asked = new List<(string, string)>();

        protected override void ProcessRecord()
        {
            foreach (var id in ContainerInstance) _asked.Add((ClusterFor(id), id));
        }

        protected override void EndProcessing()
        {
            // One describe per 100 instances tells which exist and which still hold tasks, before anything changes.
            foreach (var instance in DescribeNamed(_asked))
            {
                var tasks = (instance.RunningTasksCount ?? 0) + (instance.PendingTasksCount ?? 0);
                if (tasks > 0 && !Force)
                {
                    var message = $"The container instance {Describe(instance)} still has {instance.RunningTasksCount ?? 0} running and " +
                        $"{instance.PendingTasksCount ?? 0} pending task(s); it was not deregistered.";
                    var record = new ErrorRecord(new InvalidOperationException(message), "ContainerInstanceHasTasks",
                        ErrorCategory.ResourceBusy, instance.ContainerInstanceArn);
                    record.ErrorDetails = new ErrorDetails(message)
                    {
                        RecommendedAction = "Drain it first: Set-EcsContainerInstanceStateX -ContainerInstance " + instance.ContainerInstanceArn +
                            " -Status DRAINING -Wait. Or pass -Force to deregister it anyway, leaving its tasks running, orphaned.",
                    };
                    WriteError(record);
                    continue;
                }
                var action = tasks > 0
                    ? $"Deregister container instance, orphaning its {tasks} task(s)"
                    : "Deregister container instance";
                if (!ShouldProcessForce(Force, Describe(instance), action)) continue;
                Guard(() =>
                {
                    var ecs = EcsFor(instance.ContainerInstanceArn);
                    var deregistered = ecs.DeregisterContainerInstance(new DeregisterContainerInstanceRequest
                    {
                        Cluster = instance.ClusterArn ?? instance.ClusterName,
                        ContainerInstance = instance.ContainerInstanceArn,
                        Force = Force ? true : (bool?)null,
                    }, CancellationToken).ContainerInstance;
                    if (deregistered != null) deregistered.RememberCluster(instance.ClusterArn ?? instance.ClusterName);
                    if (PassThru) WriteObject(deregistered ?? instance);
                }, instance.ContainerInstanceArn);
            }
        }
    }
}
