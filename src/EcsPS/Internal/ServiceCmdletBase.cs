using System;
using System.Management.Automation;
using EcsPS.Engine.Ecs.Services;

namespace EcsPS.Internal
{
    /// <summary>Service cmdlets share -Cluster, bound by property name from clusters, services and tasks.</summary>
    public abstract class ServiceCmdletBase : EcsCmdletBase
    {
        /// <summary>The cluster's name or ARN; the cluster named 'default' when omitted.</summary>
        [Parameter(ValueFromPipelineByPropertyName = true)]
        [ValidateEcsName("cluster", AllowArn = true)]
        [Alias("ClusterName", "ClusterArn")]
        [ArgumentCompleter(typeof(ClusterNameCompleter))]
        public string Cluster { get; set; }

        /// <summary>
        /// The cluster to ask about a service: -Cluster, or else the cluster named in the
        /// service's own ARN (arn:...:service/cluster/name), so that a service ARN alone finds
        /// its service instead of looking in 'default'.
        /// </summary>
        protected string ClusterFor(string service)
        {
            if (Cluster != null || service == null || !service.StartsWith("arn:", StringComparison.Ordinal)) return Cluster;
            var parts = service.Split(new[] { ':' }, 6);
            if (parts.Length < 6) return null;
            var path = parts[5].Split('/');
            return path.Length == 3 && path[0] == "service" ? path[1] : null;
        }
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
