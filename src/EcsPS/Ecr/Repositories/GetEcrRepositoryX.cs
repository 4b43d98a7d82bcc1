using System.Management.Automation;
using EcsPS.Common;
using EcsPS.Engine.Ecr.Model;

namespace EcsPS.Ecr.Repositories
{
    [Cmdlet(VerbsCommon.Get, "EcrRepositoryX")]
    [OutputType(typeof(Repository))]
    public sealed class GetEcrRepositoryX : EcrCmdletBase
    {
        [Parameter(Position = 0, ValueFromPipeline = true, ValueFromPipelineByPropertyName = true)]
        [ValidateEcrValue("repository", AllowWildcards = true)]
        [SupportsWildcards]
        [Alias("Name")]
        [ArgumentCompleter(typeof(RepositoryNameCompleter))]
        public string[] RepositoryName { get; set; }

        /// <summary>The account whose registry to read (default: the caller's).</summary>
        [Parameter(ValueFromPipelineByPropertyName = true)]
        [ValidateEcrValue("registry")]
        public string RegistryId { get; set; }

        private NameResolver<Repository> _repositories;

        protected override void Begin() => _repositories = new NameResolver<Repository>(this, region => EcrResources.Repositories(EcrIn(region)), WriteObject);

        protected override void ProcessRecord()
        {
            foreach (var name in RepositoryName ?? new string[0]) _repositories.Add(RegistryId, name);
        }

        protected override void EndProcessing() => _repositories.Complete(allWhenNoInput: true);
    }
}
