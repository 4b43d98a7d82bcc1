using System;
using System.Collections.Generic;
using EcsPS.Engine.Runtime;

namespace EcsPS.Ecr
{
    /// <summary>The next step for ECR errors that have an obvious one (only cmdlets that exist are named).</summary>
    internal static class EcrErrorAdvice
    {
        internal static readonly IReadOnlyDictionary<string, string> ByCode = new Dictionary<string, string>(StringComparer.Ordinal)
        {
            ["RepositoryNotFoundException"] = "Check the repository name with Get-EcrRepositoryX, or pass -Region (and -RegistryId for another account's registry).",
            ["ImageNotFoundException"] = "List the repository's tags and digests with Get-EcrImageX -RepositoryName <name>.",
            ["RegistryPolicyNotFoundException"] = "The registry has no policy that grants this; ask its owner, or pass -RegistryId for your own.",
        };

        public static string For(AwsServiceException ex)
        {
            if (ex.ErrorCode != null && ByCode.TryGetValue(ex.ErrorCode, out var advice)) return advice;
            if (ex.ErrorCode == "AccessDeniedException" && ex.Operation == "GetAuthorizationToken")
                return "The identity in use needs ecr:GetAuthorizationToken (on resource *).";
            return null;
        }
    }
}
