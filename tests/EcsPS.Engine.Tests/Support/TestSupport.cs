using System;
using System.Collections.Generic;
using System.Linq;
using EcsPS.Engine.Runtime;
using EcsPS.TestFakes;

namespace EcsPS.Engine.Tests.Support
{
    /// <summary>The credentials and options the tests use to point the Engine at a fake.</summary>
    public static class TestConnections
    {
        public const string AccessKey = "AKIDEXAMPLE";
        public const string SecretKey = "wJalrXUtnFEMI/K7MDENG+bPxRfiCYEXAMPLEKEY";
        public const string Region = "us-east-1";

        /// <param name="clock">What backoff and pacing wait by; the real clock when null.</param>
        internal static AwsConnectionOptions For(ScriptedAwsServer fake, int? maxErrorRetry = null, VirtualTransportClock clock = null,
            double? timeoutSec = null) => new AwsConnectionOptions
        {
            EndpointUrl = fake.Url,
            Region = Region,
            AccessKey = AccessKey,
            SecretKey = SecretKey,
            MaxErrorRetry = maxErrorRetry,
            Clock = clock,
            TimeoutSec = timeoutSec,
        };
    }

    /// <summary>The AwsOperation a generated client sends an operation with.</summary>
    public static class GeneratedOperations
    {
        public static AwsOperation Of(Type client, string operation)
            => (AwsOperation)(client.GetField(operation + "Operation", System.Reflection.BindingFlags.NonPublic | System.Reflection.BindingFlags.Static)
                              ?? throw new ArgumentException($"{client.Name} has no operation {operation}.")).GetValue(null);
    }

    /// <summary>An IEngineLog that keeps every line.</summary>
    public sealed class CapturingLog : IEngineLog
    {
        private readonly object _gate = new object();
        private readonly List<string> _lines = new List<string>();

        public IReadOnlyList<string> Lines { get { lock (_gate) return _lines.ToList(); } }
        public IReadOnlyList<string> VerboseLines { get { lock (_gate) return _lines.Where(l => l.StartsWith("VERBOSE: ", StringComparison.Ordinal)).ToList(); } }
        public IReadOnlyList<string> DebugLines { get { lock (_gate) return _lines.Where(l => l.StartsWith("DEBUG: ", StringComparison.Ordinal)).ToList(); } }

        public void Verbose(string message) { lock (_gate) _lines.Add("VERBOSE: " + message); }
        public void Debug(string message) { lock (_gate) _lines.Add("DEBUG: " + message); }
    }
}
