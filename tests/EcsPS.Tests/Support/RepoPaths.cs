using System;
using System.IO;

namespace EcsPS.Tests.Support
{
    /// <summary>The checkout the tests were built from: the folder above the test binaries that holds EcsPS.sln.</summary>
    public static class RepoPaths
    {
        private static readonly Lazy<string> Found = new Lazy<string>(() =>
        {
            for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir != null; dir = dir.Parent)
                if (File.Exists(Path.Combine(dir.FullName, "EcsPS.sln"))) return dir.FullName;
            throw new InvalidOperationException($"No EcsPS.sln above {AppContext.BaseDirectory}.");
        });

        public static string Root => Found.Value;
    }
}
