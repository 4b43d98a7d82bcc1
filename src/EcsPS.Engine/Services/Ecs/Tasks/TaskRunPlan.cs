using System;
using System.Collections.Generic;
using System.Globalization;
using System.Linq;
using System.Security.Cryptography;
using System.Text;

namespace EcsPS.Engine.Ecs.Tasks
{
    /// <summary>One RunTask request of a run: how many tasks it asks for, and its client token.</summary>
    public sealed class RunTaskBatch
    {
        public RunTaskBatch(int number, int count, string clientToken)
        {
            Number = number;
            Count = count;
            ClientToken = clientToken;
        }

        /// <summary>1-based.</summary>
        public int Number { get; }
        public int Count { get; }
        /// <summary>The token this request carries on every attempt; null lets ServiceChannel make
        /// one for the call (a GUID, the same on every retry of that call).</summary>
        public string ClientToken { get; }
    }

    /// <summary>
    /// Splits a run of N tasks into the RunTask requests ECS accepts (at most 10 tasks each) and
    /// gives each its client token, so that no lost answer can start a request's tasks twice.
    /// </summary>
    public static class TaskRunPlanner
    {
        public const int MaxTasksPerRunTask = 10;
        public const int MaxInstancesPerStartTask = 10;
        public const int MaxClientTokenLength = 64;
        public const int MaxCount = 1000;

        /// <summary>
        /// The requests for <paramref name="count"/> tasks. Without a caller's token each request
        /// gets null (the channel fills one per call). With one: a single request carries it as
        /// given; several requests carry <see cref="DeriveToken"/> of it, so that running the same
        /// command again with the same token repeats no request either.
        /// </summary>
        public static IReadOnlyList<RunTaskBatch> Plan(int count, string clientToken)
        {
            if (count < 1 || count > MaxCount)
                throw new ArgumentOutOfRangeException(nameof(count), count, $"A run starts 1 to {MaxCount} tasks.");
            if (clientToken != null && (clientToken.Length == 0 || clientToken.Length > MaxClientTokenLength))
                throw new ArgumentException($"A client token has 1 to {MaxClientTokenLength} characters.", nameof(clientToken));
            var total = (count + MaxTasksPerRunTask - 1) / MaxTasksPerRunTask;
            var batches = new List<RunTaskBatch>(total);
            for (var i = 1; i <= total; i++)
            {
                var size = i < total ? MaxTasksPerRunTask : count - (total - 1) * MaxTasksPerRunTask;
                var token = clientToken == null ? null : total == 1 ? clientToken : DeriveToken(clientToken, i, total, count);
                batches.Add(new RunTaskBatch(i, size, token));
            }
            return batches;
        }

        /// <summary>
        /// The token of request <paramref name="number"/> of <paramref name="total"/> of a run of
        /// <paramref name="count"/> tasks, made from the caller's token:
        /// "&lt;token&gt;-&lt;number&gt;of&lt;total&gt;-&lt;count&gt;" when that fits in 64 characters; otherwise
        /// the token is shortened and 8 hex digits of its SHA-256 keep shortened tokens apart:
        /// "&lt;start of token&gt;-&lt;hash&gt;-&lt;number&gt;of&lt;total&gt;-&lt;count&gt;". Deterministic, distinct per
        /// request, and different for a different count (a run of 25 and a run of 30 with one
        /// token share no request, so ECS never sees one token with two different requests).
        /// </summary>
        public static string DeriveToken(string clientToken, int number, int total, int count)
        {
            var suffix = "-" + number.ToString(CultureInfo.InvariantCulture) + "of" + total.ToString(CultureInfo.InvariantCulture) +
                         "-" + count.ToString(CultureInfo.InvariantCulture);
            if (clientToken.Length + suffix.Length <= MaxClientTokenLength) return clientToken + suffix;
            var hash = Hash8(clientToken);
            var keep = MaxClientTokenLength - suffix.Length - hash.Length - 1;
            return clientToken.Substring(0, keep) + "-" + hash + suffix;
        }

        /// <summary>Container instances for StartTask, 10 to a request.</summary>
        public static IReadOnlyList<List<string>> StartBatches(IEnumerable<string> containerInstances)
            => Runtime.Pager.Chunk(containerInstances, MaxInstancesPerStartTask).ToList();

        private static string Hash8(string text)
        {
            using (var sha = SHA256.Create())
            {
                var bytes = sha.ComputeHash(Encoding.UTF8.GetBytes(text));
                var sb = new StringBuilder(8);
                for (var i = 0; i < 4; i++) sb.Append(bytes[i].ToString("x2", CultureInfo.InvariantCulture));
                return sb.ToString();
            }
        }
    }
}
