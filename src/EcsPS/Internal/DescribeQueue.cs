using System;
using System.Collections.Generic;

namespace EcsPS.Internal
{
    /// <summary>
    /// Collects names from pipeline input so that Describe calls go out full (100 clusters, 10
    /// services...) instead of one per input object. Names found by expanding a wildcard are
    /// "quiet": if they have vanished by the time they are described, that is not an error.
    /// </summary>
    internal sealed class DescribeQueue
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
