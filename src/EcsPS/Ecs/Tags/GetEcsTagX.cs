using System;
using System.Collections.Generic;
using System.Linq;
using System.Management.Automation;
using EcsPS.Engine.Ecs;
using EcsPS.Engine.Ecs.Model;

namespace EcsPS.Ecs.Tags
{
    [Cmdlet(VerbsCommon.Get, "EcsTagX", DefaultParameterSetName = ByArn)]
    [OutputType(typeof(ResourceTag))]
    public sealed class GetEcsTagX : TagCmdletBase
    {
        /// <summary>Only the tags with these keys (wildcards allowed); every tag when omitted.</summary>
        [Parameter(Position = 1)]
        [ValidateNotNullOrEmpty]
        [SupportsWildcards]
        public string[] Key { get; set; }

        private readonly HashSet<string> _read = new HashSet<string>(StringComparer.Ordinal);
        private WildcardPattern[] _keys;

        protected override void Begin()
            => _keys = Key?.Select(k => new WildcardPattern(k, WildcardOptions.IgnoreCase)).ToArray();

        protected override void ProcessRecord()
        {
            foreach (var arn in ResourceArnsOfItem())
            {
                // Get-EcsTagX's own rows come one per tag: read each resource once.
                if (!_read.Add(arn)) continue;
                EcsClient ecs = null;
                if (!Guard(() => ecs = EcsFor(arn), arn)) continue;
                Guard(() =>
                {
                    var tags = ReadTags(ecs, arn);
                    if (tags == null) return;
                    var shown = _keys == null ? tags : tags.Where(t => _keys.Any(k => k.IsMatch(t.Key))).ToList();
                    if (shown.Count == 0)
                        WriteVerbose(tags.Count == 0 ? $"The {Describe(arn)} has no tags." : $"The {Describe(arn)} has no tag with a key like {string.Join(", ", Key)}.");
                    foreach (var tag in shown) WriteObject(tag);
                }, arn);
            }
        }
    }
}
