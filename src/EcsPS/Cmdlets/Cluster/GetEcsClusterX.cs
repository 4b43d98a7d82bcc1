using System;
using System.Collections.Generic;
using System.Linq;
using System.Management.Automation;
using EcsPS.Engine.Ecs;
using EcsPS.Internal;

namespace EcsPS.Cmdlets.Cluster
{
    [Cmdlet(VerbsCommon.Get, "EcsClusterX")]
    [OutputType(typeof(Engine.Ecs.Model.Cluster))]
    public sealed class GetEcsClusterX : EcsCmdletBase
    {
        [Parameter(Position = 0, ValueFromPipeline = true, ValueFromPipelineByPropertyName = true)]
        [ValidateEcsName("cluster", AllowArn = true, AllowWildcards = true)]
        [SupportsWildcards]
        [Alias("Name", "Cluster", "ClusterArn")]
        [ArgumentCompleter(typeof(ClusterNameCompleter))]
        public string[] ClusterName { get; set; }

        /// <summary>Extra detail to ask for: statistics, tags, settings, attachments, configurations.</summary>
        [Parameter]
        [ValidateSet("ATTACHMENTS", "CONFIGURATIONS", "SETTINGS", "STATISTICS", "TAGS")]
        public string[] Include { get; set; }

        private readonly DescribeQueue _queue = new DescribeQueue();
        private readonly HashSet<string> _emitted = new HashSet<string>(StringComparer.Ordinal);
        private List<string> _allArns;
        private bool _anyName;

        protected override void ProcessRecord()
        {
            if (ClusterName == null) return;
            _anyName = true;
            foreach (var name in ClusterName)
            {
                if (WildcardPattern.ContainsWildcardCharacters(name) && !Arns.IsArn(name))
                {
                    var pattern = new WildcardPattern(name, WildcardOptions.IgnoreCase);
                    if (!Guard(() => _allArns = _allArns ?? Ecs.ListClusterArns(CancellationToken).SelectMany(p => p).ToList(), name))
                        continue;
                    foreach (var arn in _allArns.Where(a => pattern.IsMatch(Arns.NameOf(a))))
                        _queue.Add(arn, quietIfMissing: true);
                }
                else
                {
                    _queue.Add(name, quietIfMissing: false);
                }
                if (_queue.Count >= EcsClient.DescribeClustersBatchSize) Flush();
            }
        }

        protected override void EndProcessing()
        {
            // Names piped in but none arrived (an empty file, a filter that matched nothing) mean
            // "no clusters", not "every cluster": a pipeline ending in Remove-EcsClusterX must not widen.
            if (!_anyName && !MyInvocation.ExpectingInput)
            {
                // No names: the whole account and region, described a page of ARNs at a time so that
                // the first clusters appear before the last page is listed.
                Guard(() =>
                {
                    foreach (var page in Ecs.ListClusterArns(CancellationToken))
                        Describe(page, quiet: new HashSet<string>(page, StringComparer.Ordinal));
                }, null);
                return;
            }
            Flush();
        }

        private void Flush()
        {
            if (_queue.Count == 0) return;
            var (names, quiet) = _queue.Take();
            Guard(() => Describe(names, quiet), names.Count == 1 ? names[0] : null);
        }

        private void Describe(IReadOnlyList<string> names, HashSet<string> quiet)
        {
            foreach (var result in Ecs.DescribeClusters(names, Include, CancellationToken))
            {
                foreach (var cluster in result.Items)
                    if (_emitted.Add(cluster.ClusterArn ?? cluster.ClusterName))
                        WriteObject(cluster);
                foreach (var failure in result.Failures)
                    if (!quiet.Contains(failure.Requested))
                        WriteFailure(failure, "cluster");
            }
        }
    }
}
