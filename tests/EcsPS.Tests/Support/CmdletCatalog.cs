using System;
using System.Collections.Generic;
using System.Linq;
using System.Management.Automation;
using System.Reflection;
using System.Reflection.Emit;
using EcsPS.Common;
using EcsPS.Ecs;

namespace EcsPS.Tests.Support
{
    /// <summary>The cmdlet classes of EcsPS.dll, and what their code touches.</summary>
    public static class CmdletCatalog
    {
        public static Assembly CmdletAssembly => typeof(EcsCmdletBase).Assembly;

        public static Assembly EngineAssembly => typeof(EcsPS.Engine.Ecs.EcsClient).Assembly;

        public static IReadOnlyList<Type> CmdletTypes { get; } = CmdletAssembly.GetTypes()
            .Where(t => !t.IsAbstract && typeof(Cmdlet).IsAssignableFrom(t) && t.GetCustomAttribute<CmdletAttribute>() != null)
            .OrderBy(t => t.FullName, StringComparer.Ordinal)
            .ToList();

        public static IEnumerable<object[]> CmdletTypeData() => CmdletTypes.Select(t => new object[] { t.Name });

        public static Type ByName(string name) => CmdletTypes.Single(t => t.Name == name);

        public static string CommandName(Type cmdlet)
        {
            var attribute = cmdlet.GetCustomAttribute<CmdletAttribute>();
            return attribute.VerbName + "-" + attribute.NounName;
        }

        /// <summary>
        /// True when the cmdlet's own code (or the lambdas and iterators compiled from it) calls a
        /// method of an Engine service client or of the base class's client property: it talks to AWS.
        /// </summary>
        public static bool CallsAws(Type cmdlet)
        {
            foreach (var method in CodeOf(cmdlet))
            {
                foreach (var called in CalledMethods(method))
                {
                    var declaring = called.DeclaringType;
                    if (declaring == null) continue;
                    if (declaring.Assembly == EngineAssembly && (declaring.Name.EndsWith("Client", StringComparison.Ordinal) || declaring.Name == "ServiceChannel"))
                        return true;
                    if (declaring == typeof(EcsCmdletBase) && (called.Name == "get_Ecs" || called.Name == "EcsFor" || called.Name == "EcsIn"))
                        return true;
                }
            }
            return false;
        }

        private static IEnumerable<MethodBase> CodeOf(Type type)
        {
            const BindingFlags all = BindingFlags.Public | BindingFlags.NonPublic | BindingFlags.Instance | BindingFlags.Static | BindingFlags.DeclaredOnly;
            foreach (var m in type.GetMethods(all)) yield return m;
            foreach (var c in type.GetConstructors(all)) yield return c;
            foreach (var nested in type.GetNestedTypes(BindingFlags.Public | BindingFlags.NonPublic))
                foreach (var m in CodeOf(nested)) yield return m;
        }

        private static readonly Dictionary<short, OpCode> OpCodesByValue = typeof(OpCodes)
            .GetFields(BindingFlags.Public | BindingFlags.Static)
            .Select(f => (OpCode)f.GetValue(null))
            .GroupBy(o => o.Value)
            .ToDictionary(g => g.Key, g => g.First());

        /// <summary>Every method a method body calls (call, callvirt, newobj, ldftn), read from its IL.</summary>
        public static IEnumerable<MethodBase> CalledMethods(MethodBase method)
        {
            var il = method.GetMethodBody()?.GetILAsByteArray();
            if (il == null) yield break;
            var position = 0;
            while (position < il.Length)
            {
                short value = il[position++];
                if (value == 0xFE) value = unchecked((short)(0xFE00 | il[position++]));
                if (!OpCodesByValue.TryGetValue(value, out var opcode))
                    yield break; // unknown byte: stop rather than misread
                var operandSize = OperandSize(opcode.OperandType, il, position);
                if (opcode.OperandType == OperandType.InlineMethod)
                {
                    var token = BitConverter.ToInt32(il, position);
                    MethodBase called = null;
                    try
                    {
                        called = method.Module.ResolveMethod(token,
                            method.DeclaringType?.IsGenericType == true ? method.DeclaringType.GetGenericArguments() : null,
                            method.IsGenericMethod ? method.GetGenericArguments() : null);
                    }
                    catch (ArgumentException) { }
                    if (called != null) yield return called;
                }
                position += operandSize;
            }
        }

        private static int OperandSize(OperandType type, byte[] il, int position)
        {
            switch (type)
            {
                case OperandType.InlineNone: return 0;
                case OperandType.ShortInlineBrTarget:
                case OperandType.ShortInlineI:
                case OperandType.ShortInlineVar: return 1;
                case OperandType.InlineVar: return 2;
                case OperandType.InlineI8:
                case OperandType.InlineR: return 8;
                case OperandType.InlineSwitch: return 4 + 4 * BitConverter.ToInt32(il, position);
                default: return 4;
            }
        }
    }
}
