using System.Linq;
using System.Management.Automation;
using EcsPS.Engine.Ecs.Model;
using EcsPS.Common;

namespace EcsPS.Ecs.TaskDefinitions
{
    [Cmdlet(VerbsCommon.Get, "EcsTaskDefinitionX", DefaultParameterSetName = ByNameSet)]
    [OutputType(typeof(TaskDefinition))]
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

        private NameResolver<TaskDefinition> _definitions;

        protected override void Begin()
        {
            var tags = Include != null && Include.Contains("TAGS");
            var byFamily = ParameterSetName == ByFamilySet;
            _definitions = new NameResolver<TaskDefinition>(this, region => byFamily
                ? EcsResources.Families(EcsIn(region), Status, AllRevisions, tags)
                : EcsResources.TaskDefinitions(EcsIn(region), tags), WriteObject);
        }

        protected override void ProcessRecord()
        {
            foreach (var name in (ParameterSetName == ByFamilySet ? Family : TaskDefinition) ?? new string[0])
                _definitions.Add(null, name);
        }

        // No names: the latest ACTIVE revision of every ACTIVE family.
        protected override void EndProcessing() => _definitions.Complete(allWhenNoInput: ParameterSetName == ByNameSet);
    }
}
