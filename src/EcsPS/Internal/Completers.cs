using System;
using System.Collections;
using System.Collections.Generic;
using System.Linq;
using System.Management.Automation;
using System.Management.Automation.Language;
using System.Threading;
using EcsPS.Engine.Ecs;
using EcsPS.Engine.Runtime;

namespace EcsPS.Internal
{
    /// <summary>Completes -Region from the regions ECS runs in.</summary>
    public sealed class RegionCompleter : IArgumentCompleter
    {
        private static readonly string[] Regions =
        {
            "us-east-1", "us-east-2", "us-west-1", "us-west-2", "af-south-1", "ap-east-1", "ap-south-1", "ap-south-2",
            "ap-southeast-1", "ap-southeast-2", "ap-southeast-3", "ap-southeast-4", "ap-southeast-5", "ap-northeast-1",
            "ap-northeast-2", "ap-northeast-3", "ca-central-1", "ca-west-1", "eu-central-1", "eu-central-2", "eu-west-1",
            "eu-west-2", "eu-west-3", "eu-south-1", "eu-south-2", "eu-north-1", "il-central-1", "me-south-1",
            "me-central-1", "mx-central-1", "sa-east-1", "us-gov-east-1", "us-gov-west-1", "cn-north-1", "cn-northwest-1",
        };

        public IEnumerable<CompletionResult> CompleteArgument(string commandName, string parameterName, string wordToComplete,
            CommandAst commandAst, IDictionary fakeBoundParameters)
            => Completion.Match(Regions, wordToComplete);
    }

    /// <summary>Completes cluster names from the account and region the command line points at.</summary>
    public sealed class ClusterNameCompleter : IArgumentCompleter
    {
        public IEnumerable<CompletionResult> CompleteArgument(string commandName, string parameterName, string wordToComplete,
            CommandAst commandAst, IDictionary fakeBoundParameters)
        {
            try
            {
                using (var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(5)))
                {
                    var client = new EcsClient(Completion.Options(fakeBoundParameters), NullEngineLog.Instance);
                    var names = client.ListClusterArns(timeout.Token).SelectMany(p => p).Select(Arns.NameOf).ToList();
                    return Completion.Match(names, wordToComplete);
                }
            }
            catch (Exception)
            {
                // A completer must never throw at the prompt; no suggestions is the honest answer.
                return Enumerable.Empty<CompletionResult>();
            }
        }
    }

    internal static class Completion
    {
        public static AwsConnectionOptions Options(IDictionary bound)
        {
            string Get(string key) => bound != null && bound.Contains(key) ? bound[key]?.ToString() : null;
            return new AwsConnectionOptions
            {
                Region = Get("Region"),
                ProfileName = Get("ProfileName"),
                ProfileLocation = Get("ProfileLocation"),
                AccessKey = Get("AccessKey"),
                SecretKey = Get("SecretKey"),
                SessionToken = Get("SessionToken"),
                EndpointUrl = Get("EndpointUrl"),
                MaxErrorRetry = 0,
            };
        }

        public static IEnumerable<CompletionResult> Match(IEnumerable<string> candidates, string word)
        {
            var prefix = (word ?? string.Empty).Trim('\'', '"');
            var pattern = new WildcardPattern(prefix + "*", WildcardOptions.IgnoreCase);
            return candidates.Where(c => pattern.IsMatch(c)).Distinct().OrderBy(c => c, StringComparer.OrdinalIgnoreCase)
                .Select(c => new CompletionResult(Quote(c), c, CompletionResultType.ParameterValue, c));
        }

        private static string Quote(string value)
            => value.IndexOfAny(new[] { ' ', '\'', '"', '$', '`', '(', ')', '{', '}', ';', ',', '&', '|' }) >= 0
                ? "'" + value.Replace("'", "''") + "'"
                : value;
    }
}

namespace EcsPS.Internal
{
    /// <summary>Completes the capacity providers every account has; custom ones are typed by name.</summary>
    public sealed class CapacityProviderCompleter : IArgumentCompleter
    {
        private static readonly string[] BuiltIn = { "FARGATE", "FARGATE_SPOT" };

        public IEnumerable<CompletionResult> CompleteArgument(string commandName, string parameterName, string wordToComplete,
            CommandAst commandAst, IDictionary fakeBoundParameters)
            => Completion.Match(BuiltIn, wordToComplete);
    }
}

namespace EcsPS.Internal
{
    /// <summary>Completes task definition families from the account and region the command line points at.</summary>
    public sealed class TaskDefinitionFamilyCompleter : IArgumentCompleter
    {
        public IEnumerable<CompletionResult> CompleteArgument(string commandName, string parameterName, string wordToComplete,
            CommandAst commandAst, IDictionary fakeBoundParameters)
        {
            try
            {
                using (var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(5)))
                {
                    var client = new EcsClient(Completion.Options(fakeBoundParameters), NullEngineLog.Instance);
                    var prefix = (wordToComplete ?? string.Empty).Trim('\'', '"');
                    var families = client.ListTaskDefinitionFamilies(EcsNames.IsValidName(prefix) ? prefix : null, "ACTIVE", timeout.Token)
                        .SelectMany(p => p).ToList();
                    return Completion.Match(families, wordToComplete);
                }
            }
            catch (Exception)
            {
                return Enumerable.Empty<CompletionResult>();
            }
        }
    }
}

namespace EcsPS.Internal
{
    /// <summary>Completes service names within the -Cluster on the command line (or 'default').</summary>
    public sealed class ServiceNameCompleter : IArgumentCompleter
    {
        public IEnumerable<CompletionResult> CompleteArgument(string commandName, string parameterName, string wordToComplete,
            CommandAst commandAst, IDictionary fakeBoundParameters)
        {
            try
            {
                using (var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(5)))
                {
                    var cluster = fakeBoundParameters != null && fakeBoundParameters.Contains("Cluster")
                        ? fakeBoundParameters["Cluster"]?.ToString()
                        : null;
                    var client = new EcsClient(Completion.Options(fakeBoundParameters), NullEngineLog.Instance);
                    var names = client.ListServiceArns(cluster, null, null, timeout.Token).SelectMany(p => p).Select(Arns.NameOf).ToList();
                    return Completion.Match(names, wordToComplete);
                }
            }
            catch (Exception)
            {
                return Enumerable.Empty<CompletionResult>();
            }
        }
    }
}
