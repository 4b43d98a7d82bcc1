using System.Collections.Generic;
using System.Linq;
using System.Threading;
using EcsPS.Engine.Ecs.Model;
using EcsPS.Engine.Ecs.Tasks;
using EcsPS.Engine.Runtime;

namespace EcsPS.Engine.Ecs
{
    /// <summary>Running tasks: RunTask split into requests of at most 10, StartTask per 10 instances.</summary>
    public sealed partial class EcsClient
    {
        /// <summary>
        /// Sends one RunTask per batch of the plan, each with the batch's count and client token
        /// (null: the channel makes one for the call), and yields each answer as it arrives, so
        /// tasks are written while later requests are still to go. The template's Count and
        /// ClientToken are set per request and left as they were afterwards.
        /// </summary>
        public IEnumerable<(RunTaskBatch Batch, RunTaskResponse Response)> RunTasks(RunTaskRequest template, IReadOnlyList<RunTaskBatch> plan, CancellationToken ct)
        {
            var count = template.Count;
            var token = template.ClientToken;
            try
            {
                foreach (var batch in plan)
                {
                    template.Count = batch.Count;
                    template.ClientToken = batch.ClientToken;
                    var response = RunTask(template, ct);
                    yield return (batch, response);
                }
            }
            finally
            {
                template.Count = count;
                template.ClientToken = token;
            }
        }

        /// <summary>
        /// Sends StartTask for the container instances, 10 to a request, yielding each answer.
        /// StartTask has no client token, so a request whose answer was lost is never sent again
        /// (it is generated AtMostOnce); that becomes an <see cref="AwsOutcomeUnknownException"/>
        /// naming the instances whose tasks may or may not have started, and no later request is sent.
        /// </summary>
        public IEnumerable<(IReadOnlyList<string> Instances, StartTaskResponse Response)> StartTasks(StartTaskRequest template,
            IEnumerable<string> containerInstances, CancellationToken ct)
        {
            var instances = template.ContainerInstances;
            var batches = TaskRunPlanner.StartBatches(containerInstances);
            try
            {
                for (var i = 0; i < batches.Count; i++)
                {
                    template.ContainerInstances = batches[i];
                    StartTaskResponse response;
                    try
                    {
                        response = StartTask(template, ct);
                    }
                    catch (AwsTransportException lost) when (lost.OutcomeUnknown)
                    {
                        var ids = string.Join(", ", batches[i].Select(Arn.NameOf));
                        var rest = batches.Skip(i + 1).SelectMany(b => b).Count();
                        throw new AwsOutcomeUnknownException(Service.ServiceId, lost.Operation, template.TaskDefinition,
                            $"{lost.Message} Whether tasks of {Arn.NameOf(template.TaskDefinition)} started on container instance(s) {ids} is unknown: " +
                            "StartTask has no client token, so it was not sent again." +
                            (rest > 0 ? $" The {rest} container instance(s) after them were not asked." : string.Empty) +
                            " List the cluster's tasks on those instances before starting them again, or tasks may run twice.", lost);
                    }
                    yield return (batches[i], response);
                }
            }
            finally
            {
                template.ContainerInstances = instances;
            }
        }

        /// <summary>A service by name or ARN in a cluster; null when it does not exist.</summary>
        public Service FindService(string cluster, string service, CancellationToken ct)
        {
            foreach (var batch in DescribeServices(cluster, new[] { service }, includeTags: false, ct))
            {
                var found = batch.Items.FirstOrDefault();
                if (found != null && found.Status != "INACTIVE") return found;
            }
            return null;
        }
    }
}
