using EcsPS.Common;
using EcsPS.Engine.Ecr;
using EcsPS.Engine.Ecr.Model;

namespace EcsPS.Ecr
{
    /// <summary>How Get-EcrRepositoryX lists and describes repositories (see NameResolver); the scope is the registry id.</summary>
    internal static class EcrResources
    {
        public static ResourceKind<Repository> Repositories(EcrClient ecr) => new ResourceKind<Repository>
        {
            Noun = "repository",
            BatchSize = EcrClient.DescribeRepositoriesBatchSize,
            List = (registry, key, ct) => ecr.ListRepositoryNames(registry, ct),
            Describe = (registry, names, ct) => ecr.DescribeRepositories(registry, names, ct),
            Key = r => r.RepositoryArn ?? r.RepositoryName,
        };
    }
}
