using System;
using System.Collections.Generic;
using System.Linq;
using System.Management.Automation;
using EcsPS.Engine.Ecs;
using EcsPS.Engine.Paging.Model;
using EcsPS.Internal;

namespace EcsPS.Cmdlets.TaskDefinition
{
    [Cmdlet(VerbsCommon.Get, "EcsTaskDefinitionX", DefaultParameterSetName = ByNameSet)]
    [OutputType(typeof(Engine.Ecs.Model.TaskDefinition))]
    public sealed class GetEcsTaskDefinitionX : EcsCmdletBase
    {
        private const string ByNameSet = "ByTaskDefinition";
        private const string ByFamilySet = "ByFamily";

        /// <summary>A family (its latest ACTIVE revision), family:revision, or an ARN.</summary>
        [Parameter(Position = 0, ParameterSetName = ByNameSet, ValueFromPipeline = true, ValueFromPipelineByPropertyName = true)]
        [ValidateTaskDefinition]
        [Alias("TaskDefinitionArn")]
        [ArgumentCompleter(typeof(TaskDefinitionFamilyCompleter))]
        public string[] TaskDefinition { get; set; }

        /// <summary>Families by name or wildcard.</summary>
        [Parameter(Mandatory = true, ParameterSetName = ByFamilySet)]
        [ValidateEcsName("task definition family", AllowWildcards = true)]
        [SupportsWildcards]
        [ArgumentCompleter(typeof(TaskDefinitionFamilyCompleter))]
        public string[] Family { get; set; }

        /// <summary>Every revision of the families, oldest first, instead of only the latest.</summary>
        [Parameter(ParameterSetName = ByFamilySet)]
        public SwitchParameter AllRevisions { get; set; }

        /// <summary>Which revisions to list (default ACTIVE).</summary>
        [Parameter(ParameterSetName = ByFamilySet)]
        [ValidateSet("ACTIVE", "INACTIVE", "DELETE_IN_PROGRESS")]
        public string Status { get; set; } = "ACTIVE";

        /// <summary>TAGS adds each revision's tags.</summary>
        [Parameter]
        [ValidateSet("TAGS")]
        public string[] Include { get; set; }

        private bool _anyInput;
        private readonly HashSet<string> _emitted = new HashSet<string>(StringComparer.Ordinal);
        private bool IncludeTags => Include != null && Include.Contains("TAGS");

        protected override void ProcessRecord()
        {
            if (ParameterSetName == ByFamilySet)
            {
                _anyInput = true;
                foreach (var family in Family) Guard(() => EmitFamily(family), family);
                return;
            }
            if (TaskDefinition == null) return;
            _anyInput = true;
            foreach (var name in TaskDefinition)
                Guard(() => Describe(name, quietIfMissing: false), name);
        }

        protected override void EndProcessing()
        {
            // Piped input that turned out empty means "none", never "all".
            if (_anyInput || MyInvocation.ExpectingInput) return;
            // No names: the latest ACTIVE revision of every ACTIVE family.
            Guard(() =>
            {
                foreach (var page in Ecs.ListTaskDefinitionFamilies(null, "ACTIVE", CancellationToken))
                    foreach (var family in page)
                        Describe(family, quietIfMissing: true);
            }, null);
        }

        private void EmitFamily(string pattern)
        {
            var wildcard = WildcardPattern.ContainsWildcardCharacters(pattern);
            IEnumerable<string> families;
            if (wildcard)
            {
                var match = new WildcardPattern(pattern, WildcardOptions.IgnoreCase);
                var prefix = pattern.Substring(0, pattern.IndexOfAny(new[] { '*', '?', '[' }));
                var familyStatus = Status == "ACTIVE" ? "ACTIVE" : "ALL";
                families = Ecs.ListTaskDefinitionFamilies(prefix.Length > 0 ? prefix : null, familyStatus, CancellationToken)
                    .SelectMany(p => p).Where(f => match.IsMatch(f)).ToList();
            }
            else
            {
                families = new[] { pattern };
            }

            foreach (var family in families)
            {
                var found = false;
                // familyPrefix is a prefix match ("web" also lists "web-api"), so keep exact family names only.
                var arns = Ecs.ListTaskDefinitionArns(family, Status, newestFirst: !AllRevisions, CancellationToken)
                    .SelectMany(p => p).Where(arn => FamilyOf(arn) == family);
                foreach (var arn in AllRevisions ? arns : arns.Take(1))
                {
                    found = true;
                    Describe(arn, quietIfMissing: true);
                }
                if (!found && !wildcard)
                    WriteFailure(new FailureRef(family, null, "MISSING", null),
                        Status == "ACTIVE" ? "task definition family" : $"{Status} task definition family", "task definition");
            }
        }

        private void Describe(string name, bool quietIfMissing)
        {
            var definition = Ecs.DescribeTaskDefinition(name, IncludeTags, CancellationToken);
            if (definition == null)
            {
                if (!quietIfMissing) WriteFailure(new FailureRef(name, null, "MISSING", null), "task definition");
                return;
            }
            if (_emitted.Add(definition.TaskDefinitionArn ?? definition.FamilyRevision))
                WriteObject(definition);
        }

        private static string FamilyOf(string arn)
        {
            var name = Arns.NameOf(arn);
            var colon = name.LastIndexOf(':');
            return colon > 0 ? name.Substring(0, colon) : name;
        }
    }
}
