using System;
using System.Collections;
using System.Collections.Generic;
using System.Linq;
using System.Management.Automation;
using EcsPS.Engine.Ecs;
using EcsPS.Engine.Ecs.Model;

namespace EcsPS.Ecs.Tags
{
    [Cmdlet(VerbsCommon.Add, "EcsTagX", SupportsShouldProcess = true, ConfirmImpact = ConfirmImpact.Medium, DefaultParameterSetName = ByArn)]
    [OutputType(typeof(ResourceTag))]
    public sealed class AddEcsTagX : TagCmdletBase
    {
        /// <summary>The tags as a hashtable, @{ owner = 'payments' }. A key the resource has already gets the new value.</summary>
        [Parameter(Mandatory = true, Position = 1)]
        [ValidateNotNull]
        [ValidateEcsTags]
        [Alias("Tags")]
        public IDictionary Tag { get; set; }

        /// <summary>Writes every tag of the resource, as it is after the change.</summary>
        [Parameter]
        public SwitchParameter PassThru { get; set; }

        private readonly HashSet<string> _done = new HashSet<string>(StringComparer.Ordinal);
        private List<Tag> _tags;

        protected override void Begin()
        {
            if (Tag.Count == 0)
                ThrowArgumentError("-Tag is empty: give at least one tag, such as -Tag @{ owner = 'payments' }.", "NoTags", Tag);
            _tags = EcsNames.ToTags(Tag);
        }

        protected override void ProcessRecord()
        {
            foreach (var arn in ResourceArnsOfItem())
            {
                // The same tags on the same resource twice change nothing the second time.
                if (!_done.Add(arn)) continue;
                EcsClient ecs = null;
                if (!Guard(() => ecs = EcsFor(arn), arn)) continue;
                if (!ShouldProcess(arn, "Add or overwrite tags " + string.Join(", ", _tags))) continue;
                Guard(() => Apply(ecs, arn), arn);
            }
        }

        private void Apply(EcsClient ecs, string arn)
        {
            // Read first: a resource takes at most 50 tags, and whether these fit depends on the
            // keys it has. Saying so here is clearer than ECS's refusal, and sends no change.
            var current = ReadTags(ecs, arn);
            if (current == null) return;
            var merged = new HashSet<string>(current.Select(t => t.Key), StringComparer.Ordinal);
            merged.UnionWith(_tags.Select(t => t.Key));
            if (merged.Count > EcsRules.MaxTags)
            {
                var record = new ErrorRecord(
                    new InvalidOperationException($"The {Describe(arn)} has {current.Count} tags; with these {_tags.Count} it would have {merged.Count}, and a resource takes at most {EcsRules.MaxTags}. Nothing was changed."),
                    "TooManyTags", ErrorCategory.LimitsExceeded, arn);
                record.ErrorDetails = new ErrorDetails(record.Exception.Message)
                {
                    RecommendedAction = "Remove tags the resource no longer needs with Remove-EcsTagX (Get-EcsTagX lists them), then add these.",
                };
                WriteError(record);
                return;
            }
            if (!ecs.TagResourceIfFound(arn, _tags, CancellationToken))
            {
                WriteNotFound(arn);
                return;
            }
            if (!PassThru) return;
            var after = ReadTags(ecs, arn);
            if (after != null) WriteObject(after, enumerateCollection: true);
        }
    }
}
