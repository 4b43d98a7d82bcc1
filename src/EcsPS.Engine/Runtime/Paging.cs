using System;
using System.Collections.Generic;
using System.Linq;

namespace EcsPS.Engine.Runtime
{
    /// <summary>A page of results and the failures the service reported beside them.</summary>
    public sealed class DescribeResult<T>
    {
        public DescribeResult(IReadOnlyList<T> items, IReadOnlyList<FailureRef> failures)
        {
            Items = items;
            Failures = failures;
        }

        public IReadOnlyList<T> Items { get; }
        public IReadOnlyList<FailureRef> Failures { get; }
    }

    public static class Pager
    {
        /// <summary>
        /// Follows nextToken until the service stops sending one, yielding each page as it arrives
        /// so that callers can stream. A token that comes back unchanged ends the walk instead of
        /// looping for ever.
        /// </summary>
        public static IEnumerable<IReadOnlyList<T>> Pages<T>(Func<string, (IReadOnlyList<T> Items, string NextToken)> fetch)
        {
            string token = null;
            var seen = new HashSet<string>(StringComparer.Ordinal);
            do
            {
                var page = fetch(token);
                if (page.Items != null && page.Items.Count > 0)
                    yield return page.Items;
                token = string.IsNullOrEmpty(page.NextToken) ? null : page.NextToken;
                if (token != null && !seen.Add(token))
                    yield break;
            } while (token != null);
        }

        /// <summary>Cuts a sequence into lists of at most <paramref name="size"/>, lazily.</summary>
        public static IEnumerable<List<T>> Chunk<T>(IEnumerable<T> source, int size)
        {
            if (size < 1) throw new ArgumentOutOfRangeException(nameof(size));
            var batch = new List<T>(size);
            foreach (var item in source)
            {
                batch.Add(item);
                if (batch.Count == size)
                {
                    yield return batch;
                    batch = new List<T>(size);
                }
            }
            if (batch.Count > 0) yield return batch;
        }
    }

    /// <summary>Which requested item failed and why (reason MISSING means it does not exist).</summary>
    public sealed class FailureRef
    {
        public FailureRef(string requested, string arn, string reason, string detail)
        {
            Requested = requested;
            Arn = arn;
            Reason = reason;
            Detail = detail;
        }

        /// <summary>The name or ARN as the caller asked for it.</summary>
        public string Requested { get; }
        public string Arn { get; }
        public string Reason { get; }
        public string Detail { get; }
        public bool IsMissing => Reason == "MISSING";
    }
}
