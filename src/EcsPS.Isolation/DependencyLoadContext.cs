using System;
using System.IO;
using System.Reflection;
using System.Runtime.Loader;

namespace EcsPS.Isolation
{
    /// <summary>
    /// Loads the Engine and its AWS SDK assemblies from the module's deps folder into a context
    /// of their own. Any other module's AWSSDK.Core (AWS.Tools, another SDK major version) can
    /// then sit in the same PowerShell session, loaded before or after EcsPS.
    /// </summary>
    public sealed class DependencyLoadContext : AssemblyLoadContext
    {
        private readonly string _folder;

        private DependencyLoadContext(string folder) : base("EcsPS", isCollectible: false) => _folder = folder;

        /// <summary>Prefers the deps folder; everything else (the framework) comes from the default context.</summary>
        protected override Assembly Load(AssemblyName name)
        {
            var path = Path.Combine(_folder, name.Name + ".dll");
            return File.Exists(path) ? LoadFromAssemblyPath(path) : null;
        }

        private static readonly object Gate = new object();
        private static DependencyLoadContext _instance;

        /// <summary>
        /// Makes the default context hand requests for the Engine (from the cmdlet assembly) to
        /// the private context. Called once by the module's import hook; later calls do nothing.
        /// </summary>
        public static void Install(string folder)
        {
            lock (Gate)
            {
                if (_instance != null) return;
                _instance = new DependencyLoadContext(folder);
                var engine = Path.Combine(folder, "EcsPS.Engine.dll");
                AssemblyLoadContext.Default.Resolving += (context, name) =>
                    string.Equals(name.Name, "EcsPS.Engine", StringComparison.Ordinal) && File.Exists(engine)
                        ? _instance.LoadFromAssemblyName(name)
                        : null;
            }
        }
    }
}

namespace EcsPS.Isolation
{
    /// <summary>Import hook: in a published module the Engine and AWSSDK.* sit in deps/ beside this file.</summary>
    public sealed class ModuleInitializer : System.Management.Automation.IModuleAssemblyInitializer
    {
        public void OnImport()
        {
            var folder = Path.GetDirectoryName(typeof(ModuleInitializer).Assembly.Location) ?? string.Empty;
            var deps = Path.Combine(folder, "deps");
            if (Directory.Exists(deps)) DependencyLoadContext.Install(deps);
        }
    }
}
