using System;
using System.Collections;
using System.Collections.Generic;
using System.Linq;
using System.Management.Automation;
using System.Management.Automation.Language;
using System.Threading;
using EcsPS.Engine.Runtime;

namespace EcsPS.Common
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

    /// <summary>What every completer that asks AWS shares: the connection from the command line,
    /// a short deadline, and matching and quoting of the candidates.</summary>
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

        /// <summary>
        /// Completes from names read from AWS, within five seconds and without retries; a
        /// completer must never throw at the prompt, so no suggestions is the honest answer
        /// when AWS cannot be asked.
        /// </summary>
        public static IEnumerable<CompletionResult> FromAws<TClient>(IDictionary bound, string word,
            Func<AwsConnectionOptions, IEngineLog, TClient> create, Func<TClient, CancellationToken, IEnumerable<string>> names)
            where TClient : AwsClient
        {
            try
            {
                using (var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(5)))
                    return Match(names(create(Options(bound), NullEngineLog.Instance), timeout.Token).ToList(), word);
            }
            catch (Exception)
            {
                return Enumerable.Empty<CompletionResult>();
            }
        }

        public static IEnumerable<CompletionResult> Match(IEnumerable<string> candidates, string word)
        {
            var prefix = (word ?? string.Empty).Trim('\'', '"');
            var pattern = new WildcardPattern(prefix + "*", WildcardOptions.IgnoreCase);
            return candidates.Where(c => pattern.IsMatch(c)).Distinct().OrderBy(c => c, StringComparer.OrdinalIgnoreCase)
                .Select(c => new CompletionResult(Quote(c), c, CompletionResultType.ParameterValue, c));
        }

        /// <summary>Completes from AWS as <see cref="FromAws{TClient}(IDictionary, string, Func{AwsConnectionOptions, IEngineLog, TClient}, Func{TClient, CancellationToken, IEnumerable{string}})"/>
        /// does, with a tooltip for each candidate (what the value alone does not say).</summary>
        public static IEnumerable<CompletionResult> FromAws<TClient>(IDictionary bound, string word,
            Func<AwsConnectionOptions, IEngineLog, TClient> create, Func<TClient, CancellationToken, IEnumerable<KeyValuePair<string, string>>> candidates)
            where TClient : AwsClient
        {
            try
            {
                using (var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(5)))
                    return Match(candidates(create(Options(bound), NullEngineLog.Instance), timeout.Token).ToList(), word);
            }
            catch (Exception)
            {
                return Enumerable.Empty<CompletionResult>();
            }
        }

        /// <summary>Candidates (value, tooltip) that start with the word.</summary>
        public static IEnumerable<CompletionResult> Match(IEnumerable<KeyValuePair<string, string>> candidates, string word)
        {
            var prefix = (word ?? string.Empty).Trim('\'', '"');
            var pattern = new WildcardPattern(prefix + "*", WildcardOptions.IgnoreCase);
            return candidates.Where(c => pattern.IsMatch(c.Key)).GroupBy(c => c.Key).Select(g => g.First())
                .OrderBy(c => c.Key, StringComparer.OrdinalIgnoreCase)
                .Select(c => new CompletionResult(Quote(c.Key), c.Key, CompletionResultType.ParameterValue, string.IsNullOrEmpty(c.Value) ? c.Key : c.Value));
        }

        private static string Quote(string value)
            => value.IndexOfAny(new[] { ' ', '\'', '"', '$', '`', '(', ')', '{', '}', ';', ',', '&', '|' }) >= 0
                ? "'" + value.Replace("'", "''") + "'"
                : value;
    }
}
