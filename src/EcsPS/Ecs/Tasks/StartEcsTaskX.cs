using System.Collections.Generic;
using System.Linq;
using System.Management.Automation;
using EcsPS.Engine.Ecs.Model;
using EcsPS.Engine.Ecs.Tasks;

namespace EcsPS.Ecs.Tasks
{
    /// <summary>
    /// Starts tasks: RunTask (ECS places them; -Count above 10 is split into requests of 10, each
    /// with a client token kept across retries), or StartTask on the container instances given.
    /// Writes the tasks as they start; with -Wait, once they are RUNNING.
    /// </summary>
    [Cmdlet(VerbsLifecycle.Start, "EcsTaskX", SupportsShouldProcess = true, ConfirmImpact = ConfirmImpact.Medium, DefaultParameterSetName = RunSet)]
    [OutputType(typeof(Task))]
    public sealed class StartEcsTaskX : TaskRunCmdletBase
    {
        /// <summary>Waits until the tasks are RUNNING (a task that stops first is an error with its reasons).</summary>
        [Parameter]
        public SwitchParameter Wait { get; set; }

        private readonly List<TaskWaitTarget> _waits = new List<TaskWaitTarget>();

        protected override void ProcessRecord() => RunTasks();

        protected override void OnTaskStarted(Task task, StartedRun run)
        {
            if (Wait) _waits.Add(new TaskWaitTarget(run.Cluster ?? task.ClusterArn, task.TaskArn));
            else WriteObject(task);
        }

        protected override void EndProcessing()
        {
            if (_waits.Count > 0) TaskWaitRunner.Run(this, _waits, TaskWaitCondition.Running, WaitOptions(), writeTasks: true);
        }
    }
}
