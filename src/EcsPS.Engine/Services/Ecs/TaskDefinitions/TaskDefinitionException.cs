using System;
using System.Collections.Generic;
using System.Linq;

namespace EcsPS.Engine.Ecs.TaskDefinitions
{
    /// <summary>A task definition that cannot be sent as it is; Problems lists every reason found.</summary>
    public sealed class TaskDefinitionException : Exception
    {
        public TaskDefinitionException(string source, string errorId, IReadOnlyList<string> problems, Exception inner = null)
            : base(Format(source, problems), inner)
        {
            Origin = source;
            ErrorId = errorId;
            Problems = problems;
        }

        /// <summary>Where the definition came from (a file path, "-InputObject", "parameters").</summary>
        public string Origin { get; }
        /// <summary>InvalidTaskDefinitionJson, UnknownTaskDefinitionMember, InvalidTaskDefinition ...</summary>
        public string ErrorId { get; }
        public IReadOnlyList<string> Problems { get; }

        private static string Format(string source, IReadOnlyList<string> problems)
        {
            var head = string.IsNullOrEmpty(source) ? "The task definition" : $"The task definition from {source}";
            if (problems.Count == 1) return $"{head} cannot be registered: {problems[0]}";
            return $"{head} cannot be registered ({problems.Count} problems):" + string.Concat(problems.Select(p => Environment.NewLine + "  - " + p));
        }
    }
}
