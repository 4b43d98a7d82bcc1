using System;
using System.Threading;
using EcsPS.Engine.Ecs.Model;
using EcsPS.Engine.Runtime;

namespace EcsPS.Engine.Ecs
{
    public sealed partial class EcsClient
    {
        /// <summary>
        /// Stops a task and returns it as ECS answers (desired status STOPPED); null when the
        /// cluster has no such task. StopTask on a task that has stopped already is not an error,
        /// so sending it again after a lost answer changes nothing.
        /// </summary>
        public Task StopTaskIfExists(string cluster, string task, string reason, CancellationToken ct)
        {
            try
            {
                return StopTask(new StopTaskRequest { Cluster = cluster, Task = task, Reason = reason }, ct).Task;
            }
            catch (AwsServiceException ex) when (IsMissingTask(ex))
            {
                return null;
            }
        }

        // ECS has no TaskNotFoundException: StopTask reports an unknown task as an
        // InvalidParameterException ("The referenced task was not found.").
        private static bool IsMissingTask(AwsServiceException ex)
            => ex.ErrorCode == "InvalidParameterException" && ex.ServiceMessage != null
               && ex.ServiceMessage.IndexOf("task was not found", StringComparison.OrdinalIgnoreCase) >= 0;
    }
}
