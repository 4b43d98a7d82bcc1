using System.Collections;
using System.Collections.Generic;
using System.Linq;
using System.Management.Automation;
using System.Management.Automation.Language;
using EcsPS.Common;
using EcsPS.Engine.Ecr;

namespace EcsPS.Ecr
{
    /// <summary>Completes repository names of the registry -RegistryId names (else the caller's).</summary>
    public sealed class RepositoryNameCompleter : IArgumentCompleter
    {
        public IEnumerable<CompletionResult> CompleteArgument(string commandName, string parameterName, string wordToComplete,
            CommandAst commandAst, IDictionary fakeBoundParameters)
        {
            var registry = fakeBoundParameters != null && fakeBoundParameters.Contains("RegistryId") ? fakeBoundParameters["RegistryId"]?.ToString() : null;
            return Completion.FromAws(fakeBoundParameters, wordToComplete, (options, log) => new EcrClient(options, log),
                (client, ct) => client.ListRepositoryNames(registry, ct).SelectMany(p => p));
        }
    }
}
