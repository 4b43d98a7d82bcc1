using System;
using System.Collections.Generic;
using System.Linq;
using System.Management.Automation;
using System.Threading;
using EcsPS.Engine.Runtime;

namespace EcsPS.Common
{
    /// <summary>
    /// How one kind of resource is listed and described, for <see cref="NameResolver{T}"/>. A
    /// scope is what the resources live in (the cluster of services and tasks); null where they
    /// are account-wide.
    /// </summary>
    internal sealed class ResourceKind<T>
    {
        /// <summary>What the resource is called in messages: "cluster", "service".</summary>
        public string Noun { get; set; }

        /// <summary>The noun of the not-found ErrorId where it differs from <see cref="Noun"/>
        /// (a missing family is a TaskDefinitionNotFoundException).</summary>
        public string ErrorNoun { get; set; }

        /// <summary>How many names one describe request takes.</summary>
        public int BatchSize { get; set; } = 1;

        /// <summary>Every resource of a scope, as names or ARNs, a page at a time. The second
        /// argument is the <see cref="ListKey"/> of the wildcard being expanded (null for "all").</summary>
        public Func<string, string, CancellationToken, IEnumerable<IReadOnlyList<string>>> List { get; set; }

        /// <summary>Lets a wildcard narrow the listing (a name prefix); the listing is shared by
        /// every wildcard with the same key. Null: one listing per scope.</summary>
        public Func<string, string> ListKey { get; set; }

        /// <summary>Describes names or ARNs of one scope, at most <see cref="BatchSize"/> at a time,
        /// reporting each one that is not found as a MISSING failure.</summary>
        public Func<string, IReadOnlyList<string>, CancellationToken, IEnumerable<DescribeResult<T>>> Describe { get; set; }

        /// <summary>The identity of a resource, so that each one is written once.</summary>
        public Func<T, string> Key { get; set; }

        /// <summary>The scope an omitted one stands for, in errors ("default" for the cluster of services).</summary>
        public string DefaultScope { get; set; }

        /// <summary>What a scope is called in messages ("cluster"); null where there is none.</summary>
        public string ScopeNoun { get; set; }

        /// <summary>Drops described resources that a filter of the cmdlet excludes (null: none).</summary>
        public Func<T, bool> Filter { get; set; }

        /// <summary>The cmdlet's filter in words, for the verbose line when it leaves nothing ("with status INACTIVE").</summary>
        public string FilterDescription { get; set; }

        /// <summary>
        /// For a name the describe reported MISSING: whether it exists all the same, only not as the
        /// filter asks (a family whose revisions are all INACTIVE). Such a name is skipped with a
        /// verbose line, not reported as not found. Null: MISSING means it does not exist.
        /// </summary>
        public Func<string, string, CancellationToken, bool> ExistsUnfiltered { get; set; }
    }

    /// <summary>
    /// The Get-* pattern, written once: names, ARNs and wildcards from parameters or the pipeline,
    /// described in full batches across pipeline input; a wildcard lists its scope once and quietly
    /// skips what vanished since; a name that does not exist is a non-terminating not-found error;
    /// each resource is emitted once; and no names with no pipeline means "all", while a pipeline
    /// that delivered nothing means "none", so that a pipeline ending in Remove-* never widens.
    /// Only an exact name that does not exist is an error: a wildcard, a filter or a listing that
    /// finds nothing returns nothing and says so on the Verbose stream, so that a cleanup runbook
    /// under $ErrorActionPreference = 'Stop' goes on when there is nothing to clean.
    /// An ARN (of the resource, or of its scope) is asked about in its own region: names are
    /// batched per region and scope, each region through its own client.
    /// </summary>
    internal sealed class NameResolver<T>
    {
        private readonly AwsCmdletBase _cmdlet;
        private readonly Func<string, ResourceKind<T>> _kindIn;
        private readonly Dictionary<string, ResourceKind<T>> _kinds = new Dictionary<string, ResourceKind<T>>(StringComparer.Ordinal);
        private readonly Action<T> _emit;
        private readonly Dictionary<(string Region, string Scope), Queue> _queues = new Dictionary<(string, string), Queue>();
        private readonly Dictionary<string, List<string>> _listed = new Dictionary<string, List<string>>(StringComparer.Ordinal);
        private readonly HashSet<string> _emitted = new HashSet<string>(StringComparer.Ordinal);

        /// <param name="kindIn">The resource kind with the clients of a region (null: the command's region).</param>
        public NameResolver(AwsCmdletBase cmdlet, Func<string, ResourceKind<T>> kindIn, Action<T> emit)
        {
            _cmdlet = cmdlet;
            _kindIn = kindIn;
            _emit = emit;
        }

        // Noun, batch size and keys are the same in every region.
        private ResourceKind<T> Kind => KindIn(null);

        private ResourceKind<T> KindIn(string region)
        {
            var key = region ?? string.Empty;
            if (!_kinds.TryGetValue(key, out var kind)) _kinds[key] = kind = _kindIn(region);
            return kind;
        }

        /// <summary>Whether any name (or "all") was asked for so far.</summary>
        public bool AnyInput { get; private set; }

        /// <summary>A name, an ARN or a wildcard within a scope.</summary>
        public void Add(string scope, string name)
        {
            AnyInput = true;
            string region = null;
            if (WildcardPattern.ContainsWildcardCharacters(name) && !Arn.IsArn(name))
            {
                var pattern = new WildcardPattern(name, WildcardOptions.IgnoreCase);
                var key = Kind.ListKey?.Invoke(name);
                List<string> all = null;
                if (!_cmdlet.GuardWork(() => all = Listed(region = _cmdlet.RegionOfArns(scope), scope, key), name)) return;
                var listedQueue = QueueFor(region, scope);
                var matched = 0;
                foreach (var id in all.Where(id => pattern.IsMatch(Arn.NameOf(id))))
                {
                    matched++;
                    listedQueue.Add(id, quietIfMissing: true);
                    if (listedQueue.Count >= Kind.BatchSize) Flush(region, scope);
                }
                if (matched == 0) _cmdlet.WriteVerbose($"No {Kind.Noun} {Where(scope)}matches '{name}'.");
                return;
            }
            if (!_cmdlet.GuardWork(() => region = _cmdlet.RegionOfArns(scope, name), name)) return;
            var queue = QueueFor(region, scope);
            queue.Add(name, quietIfMissing: false);
            if (queue.Count >= Kind.BatchSize) Flush(region, scope);
        }

        /// <summary>Every resource of a scope, described a page at a time as the pages arrive.</summary>
        public void AddAll(string scope)
        {
            AnyInput = true;
            var listed = 0;
            if (_cmdlet.GuardWork(() =>
                {
                    var region = _cmdlet.RegionOfArns(scope);
                    foreach (var page in KindIn(region).List(scope, null, _cmdlet.Cancellation))
                        foreach (var batch in Chunk(page))
                        {
                            listed += batch.Count;
                            Describe(region, scope, batch, new HashSet<string>(batch, StringComparer.Ordinal));
                        }
                }, scope ?? Kind.DefaultScope) && listed == 0)
                _cmdlet.WriteVerbose($"There is no {Kind.Noun} {Where(scope)}to return.");
        }

        /// <summary>Describes what is still queued. With <paramref name="allWhenNoInput"/>, a command
        /// that was given no names and no pipeline asks for everything in the default scope.</summary>
        public void Complete(bool allWhenNoInput = false)
        {
            if (allWhenNoInput && !AnyInput && !_cmdlet.MyInvocation.ExpectingInput) AddAll(null);
            foreach (var (region, scope) in _queues.Keys.ToList()) Flush(region, scope);
        }

        /// <summary>Describes what is queued for a scope (in one region) now.</summary>
        private void Flush(string region, string scope)
        {
            var queue = QueueFor(region, scope);
            if (queue.Count == 0) return;
            var (names, quiet) = queue.Take();
            _cmdlet.GuardWork(() => Describe(region, scope, names, quiet), names.Count == 1 ? names[0] : null);
        }

        private void Describe(string region, string scope, IReadOnlyList<string> names, HashSet<string> quiet)
        {
            foreach (var result in KindIn(region).Describe(scope, names, _cmdlet.Cancellation))
            {
                foreach (var item in result.Items)
                {
                    if (Kind.Filter != null && !Kind.Filter(item))
                    {
                        _cmdlet.WriteVerbose($"Skipped the {Kind.Noun} '{Arn.NameOf(Kind.Key(item))}': it is not {Kind.FilterDescription}.");
                        continue;
                    }
                    if (_emitted.Add(Kind.Key(item))) _emit(item);
                }
                foreach (var failure in result.Failures)
                {
                    if (quiet.Contains(failure.Requested))
                    {
                        // Found by a wildcard or a listing, then nothing there: vanished since, or
                        // nothing of what the filter asks for. Not an error, but not silent either.
                        _cmdlet.WriteVerbose($"Skipped the {Kind.Noun} '{Arn.NameOf(failure.Requested)}': it was listed, but there is nothing " +
                            (Kind.FilterDescription != null ? Kind.FilterDescription : "of it any more") + ".");
                        continue;
                    }
                    var kind = KindIn(region);
                    if (failure.IsMissing && kind.ExistsUnfiltered != null && kind.ExistsUnfiltered(scope, failure.Requested, _cmdlet.Cancellation))
                        _cmdlet.WriteVerbose($"The {Kind.Noun} '{failure.Requested}' has nothing {Kind.FilterDescription}; nothing to return for it.");
                    else
                        _cmdlet.WriteFailureOf(failure, Kind.Noun, Kind.ErrorNoun);
                }
            }
        }

        // "in cluster 'prod' " for messages; empty where resources have no scope.
        private string Where(string scope)
        {
            var name = scope ?? Kind.DefaultScope;
            return Kind.ScopeNoun == null || name == null ? string.Empty : $"in {Kind.ScopeNoun} '{Arn.NameOf(name)}' ";
        }

        private List<string> Listed(string region, string scope, string key)
        {
            var cacheKey = region + "\n" + scope + "\n" + key;
            if (!_listed.TryGetValue(cacheKey, out var all))
                _listed[cacheKey] = all = KindIn(region).List(scope, key, _cmdlet.Cancellation).SelectMany(p => p).ToList();
            return all;
        }

        private IEnumerable<List<string>> Chunk(IReadOnlyList<string> page) => Pager.Chunk(page, Kind.BatchSize);

        private Queue QueueFor(string region, string scope)
        {
            if (!_queues.TryGetValue((region, scope), out var queue)) _queues[(region, scope)] = queue = new Queue();
            return queue;
        }

        /// <summary>Names waiting for a describe; names found by a wildcard are "quiet": if they have
        /// vanished by the time they are described, that is not an error.</summary>
        private sealed class Queue
        {
            private List<string> _names = new List<string>();
            private HashSet<string> _quiet = new HashSet<string>(StringComparer.Ordinal);
            private readonly HashSet<string> _seen = new HashSet<string>(StringComparer.Ordinal);

            public int Count => _names.Count;

            public void Add(string name, bool quietIfMissing)
            {
                if (!_seen.Add(name)) return;
                _names.Add(name);
                if (quietIfMissing) _quiet.Add(name);
            }

            public (IReadOnlyList<string> Names, HashSet<string> Quiet) Take()
            {
                var taken = (_names, _quiet);
                _names = new List<string>();
                _quiet = new HashSet<string>(StringComparer.Ordinal);
                return taken;
            }
        }
    }
}
