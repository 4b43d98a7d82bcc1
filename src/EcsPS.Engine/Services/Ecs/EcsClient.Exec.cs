using System;
using System.Collections.Generic;
using System.Linq;
using System.Threading;
using EcsPS.Engine.Ecs.Model;
using EcsPS.Engine.Runtime;

namespace EcsPS.Engine.Ecs
{
    /// <summary>What ECS Exec needs of ECS: the task as it is now, and the session.</summary>
    public sealed partial class EcsClient
    {
        /// <summary>The service the Session Manager plugin calls for an ECS Exec session.</summary>
        public static readonly ServiceDescriptor SsmDescriptor = new ServiceDescriptor("SSM", WireProtocol.Json, "ssm", "ssm", "2014-11-06",
            jsonVersion: "1.1", targetPrefix: "AmazonSSM");

        /// <summary>
        /// One task by id or ARN, in a cluster (null: 'default'); null, with the failure that says
        /// why, when ECS does not know it there.
        /// </summary>
        public Task FindTask(string cluster, string task, CancellationToken ct, out FailureRef failure)
        {
            var response = DescribeTasks(new DescribeTasksRequest { Cluster = cluster, Tasks = new List<string> { task } }, ct);
            var found = response.Tasks ?? new List<Task>();
            var match = found.FirstOrDefault(t => t.TaskArn == task || Arn.NameOf(t.TaskArn) == Arn.NameOf(task)) ?? found.FirstOrDefault();
            failure = null;
            if (match != null) return match;
            var reported = response.Failures?.FirstOrDefault();
            failure = new FailureRef(task, reported?.Arn, reported?.Reason ?? "MISSING", reported?.Detail);
            return null;
        }

        /// <summary>
        /// Opens an ECS Exec session (ExecuteCommand, interactive: the only kind ECS offers). The
        /// answer carries the session's token: it goes to the Session Manager plugin and nowhere
        /// else (the debug log leaves it out, see LogRedaction).
        /// </summary>
        public ExecuteCommandResponse OpenExecSession(string cluster, string task, string container, string command, CancellationToken ct)
            => ExecuteCommand(new ExecuteCommandRequest
            {
                Cluster = cluster,
                Task = task,
                Container = container,
                Command = command,
                Interactive = true,
            }, ct);

        /// <summary>
        /// The SSM endpoint the Session Manager plugin should use for this client's region:
        /// AWS_ENDPOINT_URL_SSM or AWS_ENDPOINT_URL when set (as the AWS CLI and SDKs read them,
        /// unless AWS_IGNORE_CONFIGURED_ENDPOINT_URLS is true), else SSM's regional endpoint with
        /// the same FIPS and dual-stack settings as ECS's.
        /// </summary>
        public string SsmEndpointUrl()
        {
            if (!string.Equals(Environment.GetEnvironmentVariable("AWS_IGNORE_CONFIGURED_ENDPOINT_URLS")?.Trim(), "true", StringComparison.OrdinalIgnoreCase))
            {
                foreach (var variable in new[] { SsmDescriptor.EndpointVariable, "AWS_ENDPOINT_URL" })
                {
                    var value = Environment.GetEnvironmentVariable(variable);
                    if (!string.IsNullOrWhiteSpace(value)) return value.Trim();
                }
            }
            return Channel.RegionalUrlOf(SsmDescriptor);
        }
    }
}
