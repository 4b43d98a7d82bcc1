using System;
using System.Collections.Generic;
using System.Linq;
using System.Text.Encodings.Web;
using System.Text.Json;
using System.Text.RegularExpressions;
using EcsPS.Engine.Ecs.Model;
using EcsPS.Engine.Runtime;

namespace EcsPS.Engine.Ecs.Exec
{
    /// <summary>
    /// How to start session-manager-plugin for an ECS Exec session, as the AWS CLI does
    /// (awscli/customizations/ecs/executecommand.py): six arguments after the program, in the
    /// plugin's order —
    /// <list type="number">
    /// <item>the session from the ExecuteCommand answer as JSON (or the name of the environment
    /// variable that holds it, see <see cref="SessionVariable"/>),</item>
    /// <item>the region,</item>
    /// <item>the operation, StartSession,</item>
    /// <item>the profile name, or '' when none is in force,</item>
    /// <item>the target parameters {"Target": "ecs:&lt;cluster&gt;_&lt;task id&gt;_&lt;runtime id&gt;"},</item>
    /// <item>the SSM endpoint: the plugin makes an SSM client with it (to end or resume the
    /// session). The AWS CLI passes ECS's endpoint there, which only works because the plugin
    /// rarely calls it; EcsPS passes SSM's.</item>
    /// </list>
    /// </summary>
    public sealed class SessionManagerLaunch
    {
        /// <summary>
        /// Plugins after 1.2.497.0 read the session from an environment variable whose name starts
        /// with this, when that name is given instead of the JSON, and unset it at once; the AWS
        /// CLI's 'ssm start-session' uses it so that the session token is not on the command line,
        /// where any local user can read it (ps, /proc). EcsPS does the same for ECS Exec.
        /// </summary>
        public const string SessionVariable = "AWS_SSM_START_SESSION_RESPONSE";

        public const string Operation = "StartSession";

        private static readonly Version LastWithoutSessionVariable = new Version(1, 2, 497, 0);
        private static readonly Regex VersionText = new Regex(@"^\d+(\.\d+){0,3}$", RegexOptions.Compiled);

        private static readonly JsonSerializerOptions Json = new JsonSerializerOptions
        {
            Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping,
        };

        private SessionManagerLaunch(IReadOnlyList<string> arguments, IReadOnlyDictionary<string, string> environment,
            string target, string sessionId)
        {
            Arguments = arguments;
            Environment = environment;
            Target = target;
            SessionId = sessionId;
        }

        /// <summary>The plugin's arguments, after its own path.</summary>
        public IReadOnlyList<string> Arguments { get; }

        /// <summary>Variables to set in the plugin's environment (on top of this process's).
        /// May hold the session token and credentials: never to be logged.</summary>
        public IReadOnlyDictionary<string, string> Environment { get; }

        /// <summary>ecs:&lt;cluster&gt;_&lt;task id&gt;_&lt;runtime id&gt;</summary>
        public string Target { get; }

        public string SessionId { get; }

        public string Region => Arguments[1];

        public string Profile => Arguments[3];

        public string SsmEndpoint => Arguments[5];

        /// <summary>True when the session travels in <see cref="SessionVariable"/>, not on the command line.</summary>
        public bool SessionInEnvironment => Arguments[0] == SessionVariable;

        /// <summary>The command line without the session (for Verbose): what is safe to show.</summary>
        public string Describe(string program)
            => string.Join(" ", new[] { Quote(program), Quote(SessionInEnvironment ? SessionVariable : "<session JSON>") }
                .Concat(Arguments.Skip(1).Select(Quote)));

        /// <summary>
        /// Whether a plugin that printed this for --version reads the session from
        /// <see cref="SessionVariable"/> (newer than 1.2.497.0, as the AWS CLI decides it).
        /// </summary>
        public static bool ReadsSessionFromEnvironment(string versionOutput)
        {
            var text = Regex.Replace(versionOutput ?? string.Empty, @"\s+", string.Empty);
            if (!VersionText.IsMatch(text)) return false;
            var parts = text.Split('.').Select(int.Parse).Concat(Enumerable.Repeat(0, 4)).Take(4).ToArray();
            return new Version(parts[0], parts[1], parts[2], parts[3]) > LastWithoutSessionVariable;
        }

        /// <summary>ecs:&lt;cluster name&gt;_&lt;task id&gt;_&lt;container runtime id&gt;, from the ARNs ECS answered with.</summary>
        public static string TargetOf(string clusterArn, string taskArn, string runtimeId)
            => $"ecs:{Arn.NameOf(clusterArn)}_{Arn.NameOf(taskArn)}_{runtimeId}";

        /// <param name="session">The ExecuteCommand answer.</param>
        /// <param name="runtimeId">The container's runtime id (DescribeTasks).</param>
        /// <param name="region">The region the session was opened in.</param>
        /// <param name="profile">The profile in force, or null/empty for none.</param>
        /// <param name="ssmEndpoint">SSM's endpoint for the region (EcsClient.SsmEndpointUrl).</param>
        /// <param name="sessionInEnvironment">Pass the session in <see cref="SessionVariable"/>.</param>
        /// <param name="credentials">Variables that give the plugin the command's own credentials
        /// when they did not come from a profile (AWS_ACCESS_KEY_ID, ...); null for none.</param>
        public static SessionManagerLaunch For(ExecuteCommandResponse session, string runtimeId, string region, string profile,
            string ssmEndpoint, bool sessionInEnvironment, IReadOnlyDictionary<string, string> credentials = null)
        {
            if (session?.Session == null) throw new ArgumentException("The ExecuteCommand answer has no session.", nameof(session));
            var sessionJson = JsonSerializer.Serialize(session.Session, Json);
            var target = TargetOf(session.ClusterArn, session.TaskArn, runtimeId);
            var parameters = JsonSerializer.Serialize(new Dictionary<string, string> { ["Target"] = target }, Json);
            var environment = new Dictionary<string, string>(StringComparer.Ordinal);
            if (credentials != null)
                foreach (var pair in credentials) environment[pair.Key] = pair.Value;
            if (sessionInEnvironment) environment[SessionVariable] = sessionJson;
            var arguments = new[]
            {
                sessionInEnvironment ? SessionVariable : sessionJson,
                region,
                Operation,
                profile ?? string.Empty,
                parameters,
                ssmEndpoint,
            };
            return new SessionManagerLaunch(arguments, environment, target, session.Session.SessionId);
        }

        private static string Quote(string value)
            => value.Length > 0 && value.IndexOfAny(new[] { ' ', '"', '\'', '{', '}', '<', '>', '|', '&', ';', '$' }) < 0 ? value : "'" + value.Replace("'", "''") + "'";
    }
}
