using System.Collections;
using System.Collections.Generic;
using System.Linq;
using System.Management.Automation;
using System.Management.Automation.Language;
using System.Threading;
using EcsPS.Common;
using EcsPS.Engine.Ecs;
using EcsPS.Engine.Runtime;

namespace EcsPS.Ecs
{
    /// <summary>Completion of ECS names from the account and region the command line points at.</summary>
    internal static class EcsCompletion
    {
        public static IEnumerable<CompletionResult> FromEcs(IDictionary bound, string word, System.Func<EcsClient, CancellationToken, IEnumerable<string>> names)
            => Completion.FromAws(bound, word, (options, log) => new EcsClient(options, log), names);
    }

    /// <summary>Completes cluster names.</summary>
    public sealed class ClusterNameCompleter : IArgumentCompleter
    {
        public IEnumerable<CompletionResult> CompleteArgument(string commandName, string parameterName, string wordToComplete,
            CommandAst commandAst, IDictionary fakeBoundParameters)
            => EcsCompletion.FromEcs(fakeBoundParameters, wordToComplete, (client, ct) =>
                client.ListClusterArns(ct).SelectMany(p => p).Select(Arn.NameOf));
    }

    /// <summary>Completes capacity provider names: the account's own, and the built-in FARGATE and
    /// FARGATE_SPOT always (when the account cannot be asked, and where a listing leaves them out).</summary>
    public sealed class CapacityProviderCompleter : IArgumentCompleter
    {
        public IEnumerable<CompletionResult> CompleteArgument(string commandName, string parameterName, string wordToComplete,
            CommandAst commandAst, IDictionary fakeBoundParameters)
        {
            var listed = EcsCompletion.FromEcs(fakeBoundParameters, wordToComplete, (client, ct) =>
                client.ListCapacityProviders(includeTags: false, ct).SelectMany(p => p).Select(p => p.Name).Where(n => n != null)).ToList();
            return listed.Concat(Completion.Match(EcsClient.BuiltInCapacityProviders, wordToComplete))
                .GroupBy(r => r.CompletionText).Select(g => g.First())
                .OrderBy(r => r.ListItemText, System.StringComparer.OrdinalIgnoreCase).ToList();
        }
    }

    /// <summary>Completes task definition families.</summary>
    public sealed class TaskDefinitionFamilyCompleter : IArgumentCompleter
    {
        public IEnumerable<CompletionResult> CompleteArgument(string commandName, string parameterName, string wordToComplete,
            CommandAst commandAst, IDictionary fakeBoundParameters)
            => EcsCompletion.FromEcs(fakeBoundParameters, wordToComplete, (client, ct) =>
            {
                var prefix = (wordToComplete ?? string.Empty).Trim('\'', '"');
                return client.ListTaskDefinitionFamilies(EcsNames.IsValidName(prefix) ? prefix : null, "ACTIVE", ct).SelectMany(p => p);
            });
    }

    /// <summary>Completes service names within the -Cluster (or -ClusterName) on the command line, or 'default'.</summary>
    public sealed class ServiceNameCompleter : IArgumentCompleter
    {
        public IEnumerable<CompletionResult> CompleteArgument(string commandName, string parameterName, string wordToComplete,
            CommandAst commandAst, IDictionary fakeBoundParameters)
            => EcsCompletion.FromEcs(fakeBoundParameters, wordToComplete, (client, ct) =>
            {
                string cluster = null;
                foreach (var name in new[] { "Cluster", "ClusterName", "ClusterArn" })
                    if (fakeBoundParameters != null && fakeBoundParameters.Contains(name)) cluster = fakeBoundParameters[name]?.ToString();
                return client.ListServiceArns(cluster, null, null, ct).SelectMany(p => p).Select(Arn.NameOf);
            });
    }

    /// <summary>
    /// Completes task ids within the -Cluster (or -ClusterName) on the command line, or 'default',
    /// honouring a -DesiredStatus there; the tooltip gives each task's task definition and status.
    /// </summary>
    public sealed class TaskIdCompleter : IArgumentCompleter
    {
        // One DescribeTasks: enough to pick from at a prompt, and quick.
        private const int MaxCandidates = 100;

        public IEnumerable<CompletionResult> CompleteArgument(string commandName, string parameterName, string wordToComplete,
            CommandAst commandAst, IDictionary fakeBoundParameters)
            => Completion.FromAws(fakeBoundParameters, wordToComplete, (options, log) => new EcsClient(options, log), (client, ct) =>
            {
                string Bound(string name) => fakeBoundParameters != null && fakeBoundParameters.Contains(name) ? fakeBoundParameters[name]?.ToString() : null;
                var cluster = Bound("Cluster") ?? Bound("ClusterName") ?? Bound("ClusterArn");
                var status = Bound("DesiredStatus");
                var prefix = (wordToComplete ?? string.Empty).Trim('\'', '"');
                var arns = client.ListTaskArns(new Engine.Ecs.Model.ListTasksRequest { Cluster = cluster, DesiredStatus = status }, ct)
                    .SelectMany(p => p).Where(arn => Arn.NameOf(arn).StartsWith(prefix, System.StringComparison.OrdinalIgnoreCase))
                    .Take(MaxCandidates).ToList();
                if (arns.Count == 0) return Enumerable.Empty<KeyValuePair<string, string>>();
                return client.DescribeTasks(cluster, arns, includeTags: false, ct).SelectMany(r => r.Items)
                    .Select(t => new KeyValuePair<string, string>(t.TaskId, $"{t.TaskId}  {t.TaskDefinitionName}  {t.Status}"));
            });
    }

    /// <summary>
    /// Completes container names for -Container: those of the -TaskDefinition on the command line
    /// (its latest ACTIVE revision for a family) when it names one, else those of the -Task there
    /// (in its -Cluster).
    /// </summary>
    public sealed class ContainerNameCompleter : IArgumentCompleter
    {
        public IEnumerable<CompletionResult> CompleteArgument(string commandName, string parameterName, string wordToComplete,
            CommandAst commandAst, IDictionary fakeBoundParameters)
        {
            string Bound(params string[] names)
            {
                foreach (var name in names)
                    if (fakeBoundParameters != null && fakeBoundParameters.Contains(name)) return fakeBoundParameters[name]?.ToString();
                return null;
            }
            var taskDefinition = Bound("TaskDefinition");
            if (!string.IsNullOrEmpty(taskDefinition))
                return EcsCompletion.FromEcs(fakeBoundParameters, wordToComplete, (client, ct) =>
                    client.FindTaskDefinition(taskDefinition, includeTags: false, ct)?.ContainerDefinitions?.Select(c => c.Name).Where(n => n != null)
                    ?? Enumerable.Empty<string>());
            var task = Bound("Task", "TaskArn");
            if (string.IsNullOrEmpty(task) || EcsNames.CheckResourceId("task", task) != null) return Enumerable.Empty<CompletionResult>();
            var cluster = Bound("Cluster", "ClusterName", "ClusterArn") ?? EcsArns.ClusterOf(task);
            return EcsCompletion.FromEcs(fakeBoundParameters, wordToComplete, (client, ct) =>
                client.FindTask(cluster, task, ct, out _)?.Containers?.Select(c => c.Name) ?? Enumerable.Empty<string>());
        }
    }
}
