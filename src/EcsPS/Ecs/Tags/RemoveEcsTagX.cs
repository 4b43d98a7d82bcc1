using System;
using System.Collections.Generic;
using System.Linq;
using System.Management.Automation;
using EcsPS.Engine.Ecs;
using EcsPS.Engine.Ecs.Model;

namespace EcsPS.Ecs.Tags
{
    [Cmdlet(VerbsCommon.Remove, "EcsTagX", SupportsShouldProcess = true, ConfirmImpact = ConfirmImpact.High, DefaultParameterSetName = ByArn)]
    [OutputType(typeof(ResourceTag))]
    public sealed class RemoveEcsTagX : TagCmdletBase
    {
        /// <summary>The keys of the tags to remove. Keys the resource does not have are no error.
        /// Taken by property name too, so tag rows from Get-EcsTagX remove themselves.</summary>
        [Parameter(Mandatory = true, Position = 1, ValueFromPipelineByPropertyName = true)]
        [ValidateEcsTagKeys]
        [Alias("TagKey")]
        public string[] Key { get; set; }

        /// <summary>Skips the confirmation prompt (tags can steer IAM access and cost reports, and a
        /// removed value is gone, so each resource is confirmed by default like every Remove).</summary>
        [Parameter]
        public SwitchParameter Force { get; set; }

        /// <summary>Writes the tags the resource has left after the change.</summary>
        [Parameter]
        public SwitchParameter PassThru { get; set; }

        // Tag rows arrive one per tag, a resource's rows together: their keys go out in one
        // UntagResource per resource (and one confirmation), sent when the next resource comes.
        private string _pendingArn;
        private readonly List<string> _pendingKeys = new List<string>();

        protected override void ProcessRecord()
        {
            foreach (var arn in ResourceArnsOfItem())
            {
                if (_pendingArn != null && !string.Equals(_pendingArn, arn, StringComparison.Ordinal)) Flush();
                _pendingArn = arn;
                foreach (var key in Key) if (!_pendingKeys.Contains(key)) _pendingKeys.Add(key);
            }
        }

        protected override void EndProcessing() => Flush();

        private void Flush()
        {
            if (_pendingArn == null) return;
            var arn = _pendingArn;
            var keys = _pendingKeys.ToList();
            _pendingArn = null;
            _pendingKeys.Clear();

            EcsClient ecs = null;
            if (!Guard(() => ecs = EcsFor(arn), arn)) return;
            if (!ShouldProcessForce(Force, arn, "Remove tags " + string.Join(", ", keys))) return;
            Guard(() =>
            {
                if (!ecs.UntagResourceIfFound(arn, keys, CancellationToken))
                {
                    WriteNotFound(arn);
                    return;
                }
                if (!PassThru) return;
                var after = ReadTags(ecs, arn);
                if (after != null) WriteObject(after, enumerateCollection: true);
            }, arn);
        }
    }
}
