using System;
using System.Collections.Generic;
using System.IO;
using System.Linq;
using System.Management.Automation;
using System.Reflection;
using System.Reflection.Metadata;
using System.Reflection.PortableExecutable;
using EcsPS.Tests.Support;
using Xunit;

namespace EcsPS.Tests
{
    /// <summary>
    /// The cmdlet assembly never names an AWSSDK type: that is what lets the Engine and AWSSDK.Core
    /// later move into a private load context beside any version of AWS.Tools.
    /// </summary>
    public class LayeringTests
    {
        private const BindingFlags Declared = BindingFlags.Public | BindingFlags.NonPublic | BindingFlags.Instance | BindingFlags.Static | BindingFlags.DeclaredOnly;

        private static bool IsAwsSdkAssembly(Assembly assembly) => IsAwsSdkName(assembly.GetName().Name);

        private static bool IsAwsSdkName(string name) => name != null && name.StartsWith("AWSSDK.", StringComparison.OrdinalIgnoreCase);

        /// <summary>Every AWSSDK type a type expression names: itself, element types, generic arguments.</summary>
        private static IEnumerable<Type> AwsSdkTypesIn(Type type)
        {
            if (type == null || type.IsGenericParameter) yield break;
            if (type.HasElementType)
            {
                foreach (var t in AwsSdkTypesIn(type.GetElementType())) yield return t;
                yield break;
            }
            if (IsAwsSdkAssembly(type.Assembly)) yield return type;
            if (type.IsGenericType)
                foreach (var argument in type.GetGenericArguments())
                    foreach (var t in AwsSdkTypesIn(argument)) yield return t;
        }

        private static bool VisibleOutside(MethodBase m) => m != null && (m.IsPublic || m.IsFamily || m.IsFamilyOrAssembly);

        private static bool VisibleOutside(FieldInfo f) => f.IsPublic || f.IsFamily || f.IsFamilyOrAssembly;

        /// <summary>"Member: AWSSDK type" for everything in the public and protected surface of a type.</summary>
        private static IEnumerable<string> AwsSdkTypesInSurface(Type type)
        {
            foreach (var t in AwsSdkTypesIn(type.BaseType)) yield return $"{type.FullName} base type: {t.FullName}";
            foreach (var i in type.GetInterfaces())
                foreach (var t in AwsSdkTypesIn(i)) yield return $"{type.FullName} interface: {t.FullName}";
            foreach (var field in type.GetFields(Declared).Where(VisibleOutside))
                foreach (var t in AwsSdkTypesIn(field.FieldType)) yield return $"{type.FullName}.{field.Name}: {t.FullName}";
            foreach (var property in type.GetProperties(Declared))
            {
                if (!VisibleOutside(property.GetMethod) && !VisibleOutside(property.SetMethod)) continue;
                foreach (var t in AwsSdkTypesIn(property.PropertyType)) yield return $"{type.FullName}.{property.Name}: {t.FullName}";
            }
            foreach (var evt in type.GetEvents(Declared).Where(e => VisibleOutside(e.AddMethod)))
                foreach (var t in AwsSdkTypesIn(evt.EventHandlerType)) yield return $"{type.FullName}.{evt.Name}: {t.FullName}";
            foreach (var method in type.GetMethods(Declared).Cast<MethodBase>().Concat(type.GetConstructors(Declared)).Where(VisibleOutside))
            {
                if (method is MethodInfo info)
                    foreach (var t in AwsSdkTypesIn(info.ReturnType)) yield return $"{type.FullName}.{method.Name} returns {t.FullName}";
                foreach (var parameter in method.GetParameters())
                    foreach (var t in AwsSdkTypesIn(parameter.ParameterType)) yield return $"{type.FullName}.{method.Name}({parameter.Name}): {t.FullName}";
            }
            foreach (var output in type.GetCustomAttributes<OutputTypeAttribute>())
                foreach (var psType in output.Type)
                    foreach (var t in AwsSdkTypesIn(psType.Type)) yield return $"{type.FullName} [OutputType]: {t.FullName}";
        }

        [Fact]
        public void The_surface_checker_recognises_an_AWSSDK_type()
        {
            // Guards the guard: if this failed, the tests below would pass for the wrong reason.
            Assert.NotEmpty(AwsSdkTypesIn(typeof(List<Amazon.Runtime.AWSCredentials>)));
            Assert.NotEmpty(AwsSdkTypesIn(typeof(Amazon.RegionEndpoint[])));
            Assert.Empty(AwsSdkTypesIn(typeof(List<string>)));
        }

        [Fact]
        public void EcsPS_dll_references_no_AWSSDK_assembly()
        {
            var assembly = CmdletCatalog.CmdletAssembly;
            Assert.Equal(Path.GetFullPath(PowerShellHost.ModulePath), Path.GetFullPath(assembly.Location));

            var byReflection = assembly.GetReferencedAssemblies().Select(a => a.Name).ToList();
            Assert.Contains("EcsPS.Engine", byReflection);
            Assert.DoesNotContain(byReflection, IsAwsSdkName);

            // The same from the metadata tables of the file on disk.
            using (var stream = File.OpenRead(assembly.Location))
            using (var pe = new PEReader(stream))
            {
                var reader = pe.GetMetadataReader();
                var names = reader.AssemblyReferences.Select(h => reader.GetString(reader.GetAssemblyReference(h).Name)).ToList();
                Assert.Contains("EcsPS.Engine", names);
                Assert.DoesNotContain(names, IsAwsSdkName);
                var typeRefs = reader.TypeReferences.Select(h => reader.GetTypeReference(h))
                    .Select(r => reader.GetString(r.Namespace)).ToList();
                Assert.DoesNotContain(typeRefs, ns => ns == "Amazon" || ns.StartsWith("Amazon.", StringComparison.Ordinal));
            }
        }

        [Fact]
        public void No_public_or_protected_member_of_EcsPS_names_an_AWSSDK_type()
        {
            var visible = CmdletCatalog.CmdletAssembly.GetTypes().Where(t => t.IsVisible).ToList();
            Assert.Contains(typeof(EcsPS.Ecs.EcsCmdletBase), visible);
            var leaks = visible.SelectMany(AwsSdkTypesInSurface).ToList();
            Assert.True(leaks.Count == 0, "AWSSDK types in the cmdlet assembly's surface:\n" + string.Join("\n", leaks));
        }

        [Fact]
        public void Objects_the_cmdlets_output_carry_no_AWSSDK_type_anywhere_in_their_properties()
        {
            var outputs = CmdletCatalog.CmdletTypes
                .SelectMany(t => t.GetCustomAttributes<OutputTypeAttribute>())
                .SelectMany(a => a.Type).Select(t => t.Type).Where(t => t != null).Distinct().ToList();
            Assert.NotEmpty(outputs);

            var seen = new HashSet<Type>();
            var leaks = new List<string>();
            var queue = new Queue<(Type Type, string Path)>(outputs.Select(t => (t, t.Name)));
            while (queue.Count > 0)
            {
                var (type, path) = queue.Dequeue();
                foreach (var t in AwsSdkTypesIn(type)) leaks.Add($"{path}: {t.FullName}");
                var inner = type.HasElementType ? new[] { type.GetElementType() }
                    : type.IsGenericType ? type.GetGenericArguments() : new[] { type };
                foreach (var candidate in inner)
                {
                    if (candidate == null || !seen.Add(candidate)) continue;
                    if (candidate.Assembly != CmdletCatalog.EngineAssembly && candidate.Assembly != CmdletCatalog.CmdletAssembly) continue;
                    foreach (var property in candidate.GetProperties(BindingFlags.Public | BindingFlags.Instance))
                        queue.Enqueue((property.PropertyType, path + "." + property.Name));
                }
            }
            Assert.True(leaks.Count == 0, "AWSSDK types reachable from cmdlet output:\n" + string.Join("\n", leaks));
        }
    }
}
