using System;
using System.Collections.Generic;
using System.Linq;
using System.Management.Automation;
using EcsPS.Engine.Ecs;
using EcsPS.Internal;

namespace EcsPS.Cmdlets.Service
{
    [Cmdlet(VerbsCommon.Get, "EcsServiceX")]
    [OutputType(typeof(Engine.Ecs.Model.Service))]
    public sealed class GetEcsServiceX : ServiceCmdletBase
    {
        /// <summary>Service names, ARNs or wildcards; every service of the cluster when omitted.</summary>
        [Parameter(Position = 0, ValueFromPipelineByPropertyName = true)]
        [ValidateEcsName("service", AllowArn = true, AllowWildcards = true)]
        [SupportsWildcards]
        [Alias("Name", "Service", "ServiceArn")]
        [ArgumentCompleter(typeof(ServiceNameCompleter))]
        public string[] ServiceName { get; set; }

        [Parameter]
        [ValidateSet("FARGATE", "EC2", "EXTERNAL", "MANAGED_INSTANCES")]
        public string LaunchType { get; set; }

        [Parameter]
        [ValidateSet("REPLICA", "DAEMON")]
        public string SchedulingStrategy { get; set; }

        [Parameter]
        [ValidateSet("TAGS")]
        public string[] Include { get; set; }

        // Describe calls are batched per cluster across pipeline input.
        private readonly Dictionary<string, DescribeQueue> _queues = new Dictionary<string, DescribeQueue>(StringComparer.Ordinal);
        private readonly Dictionary<string, List<string>> _listed = new Dictionary<string, List<string>>(StringComparer.Ordinal);
        private readonly HashSet<string> _emitted = new HashSet<string>(StringComparer.Ordinal);

        private bool IncludeTags => Include != null && Include.Contains("TAGS");

        protected override void ProcessRecord()
        {
            var cluster = Cluster;
            if (ServiceName == null || ServiceName.Length == 0)
            {
                Guard(() =>
                {
                    foreach (var page in Ecs.ListServiceArns(cluster, LaunchType, SchedulingStrategy, CancellationToken))
                        Describe(cluster, page, new HashSet<string>(page, StringComparer.Ordinal));
                }, cluster ?? "default");
                return;
            }

            foreach (var name in ServiceName)
            {
                cluster = ClusterFor(name);
                var queue = QueueFor(cluster);
                if (WildcardPattern.ContainsWildcardCharacters(name) && !Arns.IsArn(name))
                {
                    var pattern = new WildcardPattern(name, WildcardOptions.IgnoreCase);
                    List<string> all = null;
                    if (!Guard(() => all = Listed(cluster), name)) continue;
                    foreach (var arn in all.Where(a => pattern.IsMatch(Arns.NameOf(a))))
                        queue.Add(arn, quietIfMissing: true);
                }
                else queue.Add(name, quietIfMissing: false);
                if (queue.Count >= EcsClient.DescribeServicesBatchSize) Flush(cluster);
            }
        }

        protected override void EndProcessing()
        {
            foreach (var cluster in _queues.Keys.ToList()) Flush(cluster.Length == 0 ? null : cluster);
        }

        private DescribeQueue QueueFor(string cluster)
        {
            var key = cluster ?? string.Empty;
            if (!_queues.TryGetValue(key, out var queue)) _queues[key] = queue = new DescribeQueue();
            return queue;
        }

        private List<string> Listed(string cluster)
        {
            var key = cluster ?? string.Empty;
            if (!_listed.TryGetValue(key, out var all))
                _listed[key] = all = Ecs.ListServiceArns(cluster, LaunchType, SchedulingStrategy, CancellationToken).SelectMany(p => p).ToList();
            return all;
        }

        private void Flush(string cluster)
        {
            var queue = QueueFor(cluster);
            if (queue.Count == 0) return;
            var (names, quiet) = queue.Take();
            Guard(() => Describe(cluster, names, quiet), names.Count == 1 ? names[0] : null);
        }

        private void Describe(string cluster, IReadOnlyList<string> names, HashSet<string> quiet)
        {
            foreach (var result in Ecs.DescribeServices(cluster, names, IncludeTags, CancellationToken))
            {
                foreach (var service in result.Items)
                {
                    // ListServices filters what it lists; named services get the same filters here.
                    if (LaunchType != null && service.LaunchType != LaunchType) continue;
                    if (SchedulingStrategy != null && service.SchedulingStrategy != SchedulingStrategy) continue;
                    if (_emitted.Add(service.ServiceArn ?? service.ServiceName)) WriteObject(service);
                }
                foreach (var failure in result.Failures)
                    if (!quiet.Contains(failure.Requested)) WriteFailure(failure, "service");
            }
        }
    }
}
