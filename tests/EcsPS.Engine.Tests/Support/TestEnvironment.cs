using System;
using System.Collections.Generic;
using System.IO;
using System.Runtime.CompilerServices;
using EcsPS.Engine.Runtime;
using EcsPS.TestFakes;
using Xunit;

namespace EcsPS.Engine.Tests.Support
{
    /// <summary>
    /// Makes the test process hermetic before any test runs: no instance-metadata probes, none of
    /// the developer's AWS variables or ~/.aws files, and every proxy-able request that is not
    /// for 127.0.0.1 sent to a loopback trap instead of the internet.
    /// </summary>
    internal static class TestEnvironment
    {
        /// <summary>The AWS variables a developer or CI machine might have set.</summary>
        public static readonly string[] AwsVariables =
        {
            "AWS_PROFILE", "AWS_DEFAULT_PROFILE", "AWS_REGION", "AWS_DEFAULT_REGION",
            "AWS_ACCESS_KEY_ID", "AWS_SECRET_ACCESS_KEY", "AWS_SESSION_TOKEN", "AWS_SECURITY_TOKEN",
            "AWS_ENDPOINT_URL", "AWS_ENDPOINT_URL_ECS", "AWS_ENDPOINT_URL_ELASTIC_LOAD_BALANCING_V2",
            "AWS_ENDPOINT_URL_APPLICATION_AUTO_SCALING", "AWS_ENDPOINT_URL_ECR", "AWS_ENDPOINT_URL_CLOUDWATCH_LOGS",
            "AWS_IGNORE_CONFIGURED_ENDPOINT_URLS",
            "AWS_MAX_ATTEMPTS", "AWS_RETRY_MODE", "AWS_USE_FIPS_ENDPOINT", "AWS_USE_DUALSTACK_ENDPOINT",
            "AWS_CONTAINER_CREDENTIALS_RELATIVE_URI", "AWS_CONTAINER_CREDENTIALS_FULL_URI",
            "AWS_CONTAINER_AUTHORIZATION_TOKEN", "AWS_WEB_IDENTITY_TOKEN_FILE", "AWS_ROLE_ARN",
            "AWS_ROLE_SESSION_NAME", "AWS_CONFIG_FILE", "AWS_SHARED_CREDENTIALS_FILE",
            "AWS_EC2_METADATA_SERVICE_ENDPOINT", "AWS_SDK_LOAD_CONFIG", "ECSPS_TIMEOUT",
        };

        /// <summary>An empty folder holding empty 'config' and 'credentials' files, the default
        /// AWS_CONFIG_FILE and AWS_SHARED_CREDENTIALS_FILE of the test process.</summary>
        public static string EmptyAwsDirectory { get; private set; }

        public static string EmptyConfigFile => Path.Combine(EmptyAwsDirectory, "config");
        public static string EmptyCredentialsFile => Path.Combine(EmptyAwsDirectory, "credentials");

        /// <summary>Where requests for anything but 127.0.0.1 end up (through HTTP(S)_PROXY).</summary>
        public static ScriptedAwsServer StrayTrafficTrap { get; private set; }

        /// <summary>Values every test starts from (scopes restore to these).</summary>
        public static IReadOnlyDictionary<string, string> Baseline { get; private set; }

#pragma warning disable CA2255 // a module initializer is exactly what is needed: before any test, any client.
        [ModuleInitializer]
        internal static void Initialize()
#pragma warning restore CA2255
        {
            foreach (var name in AwsVariables)
                Environment.SetEnvironmentVariable(name, null);
            Environment.SetEnvironmentVariable("AWS_EC2_METADATA_DISABLED", "true");

            EmptyAwsDirectory = Path.Combine(Path.GetTempPath(), "ecsps-engine-tests-" + Environment.ProcessId);
            Directory.CreateDirectory(EmptyAwsDirectory);
            File.WriteAllText(EmptyConfigFile, string.Empty);
            File.WriteAllText(EmptyCredentialsFile, string.Empty);
            Environment.SetEnvironmentVariable("AWS_CONFIG_FILE", EmptyConfigFile);
            Environment.SetEnvironmentVariable("AWS_SHARED_CREDENTIALS_FILE", EmptyCredentialsFile);

            StrayTrafficTrap = new ScriptedAwsServer("stray-traffic-trap");
            StrayTrafficTrap.OnAny(_ => ScriptedResponse.Raw(502, "text/plain", "EcsPS tests never leave 127.0.0.1").ThenClose());
            foreach (var name in new[] { "HTTP_PROXY", "HTTPS_PROXY", "ALL_PROXY", "http_proxy", "https_proxy", "all_proxy" })
                Environment.SetEnvironmentVariable(name, StrayTrafficTrap.Url);
            foreach (var name in new[] { "NO_PROXY", "no_proxy" })
                Environment.SetEnvironmentVariable(name, "127.0.0.1,localhost");

            var baseline = new Dictionary<string, string>(StringComparer.Ordinal);
            foreach (var name in AwsVariables) baseline[name] = Environment.GetEnvironmentVariable(name);
            baseline["AWS_EC2_METADATA_DISABLED"] = "true";
            Baseline = baseline;

            AppDomain.CurrentDomain.ProcessExit += (_, _) =>
            {
                StrayTrafficTrap.Dispose();
                try { Directory.Delete(EmptyAwsDirectory, true); } catch (IOException) { } catch (UnauthorizedAccessException) { }
            };
        }
    }

    /// <summary>Tests that change process environment variables (or depend on them not changing)
    /// run in this collection, one at a time and after every parallel test.</summary>
    [CollectionDefinition(Name, DisableParallelization = true)]
    public sealed class EnvironmentCollection
    {
        public const string Name = "Process environment";
    }

    /// <summary>
    /// Sets environment variables for one test and puts back what was there, and resets the
    /// Engine's client cache on both ends. Starts from the hermetic baseline: every AWS variable
    /// not set here has the value the test process started with (mostly unset).
    /// </summary>
    public sealed class EnvironmentScope : IDisposable
    {
        private readonly Dictionary<string, string> _saved = new Dictionary<string, string>(StringComparer.Ordinal);

        public EnvironmentScope()
        {
            foreach (var kv in TestEnvironment.Baseline) Set(kv.Key, kv.Value);
            AwsClientFactory.Reset();
        }

        public EnvironmentScope Set(string name, string value)
        {
            if (!_saved.ContainsKey(name)) _saved[name] = Environment.GetEnvironmentVariable(name);
            Environment.SetEnvironmentVariable(name, value);
            AwsClientFactory.Reset();
            return this;
        }

        /// <summary>Changes a variable as a user does in the middle of a session: the Engine's
        /// client cache is left as it is, so the change must be seen on the next call by itself.</summary>
        public EnvironmentScope Change(string name, string value)
        {
            if (!_saved.ContainsKey(name)) _saved[name] = Environment.GetEnvironmentVariable(name);
            Environment.SetEnvironmentVariable(name, value);
            return this;
        }

        public void Dispose()
        {
            foreach (var kv in _saved) Environment.SetEnvironmentVariable(kv.Key, kv.Value);
            AwsClientFactory.Reset();
        }
    }

    /// <summary>
    /// Profile data for one test, written into the files the test process points AWS_CONFIG_FILE
    /// and AWS_SHARED_CREDENTIALS_FILE at, and emptied again afterwards. (AWSSDK.Core reads the two
    /// variables once per process; the Engine reads them for every client — see SharedConfigFiles
    /// and ResolutionTests — so a test may also point them at files of its own.) Environment
    /// collection only.
    /// </summary>
    public sealed class SharedAwsFiles : IDisposable
    {
        public SharedAwsFiles(string config = "", string credentials = "")
        {
            File.WriteAllText(ConfigFile, config);
            File.WriteAllText(CredentialsFile, credentials);
            AwsClientFactory.Reset();
        }

        public string ConfigFile => TestEnvironment.EmptyConfigFile;
        public string CredentialsFile => TestEnvironment.EmptyCredentialsFile;

        public void Dispose()
        {
            File.WriteAllText(ConfigFile, string.Empty);
            File.WriteAllText(CredentialsFile, string.Empty);
            AwsClientFactory.Reset();
        }
    }

    /// <summary>A temporary folder for files of a test's own (a -ProfileLocation credentials file,
    /// a credential_process script), deleted afterwards.</summary>
    public sealed class TempFolder : IDisposable
    {
        public TempFolder()
        {
            Path = System.IO.Path.Combine(System.IO.Path.GetTempPath(), "ecsps-test-" + Guid.NewGuid().ToString("N"));
            Directory.CreateDirectory(Path);
        }

        public string Path { get; }

        public string WriteFile(string name, string content)
        {
            var path = System.IO.Path.Combine(Path, name);
            File.WriteAllText(path, content);
            return path;
        }

        public void Dispose()
        {
            try { Directory.Delete(Path, true); }
            catch (IOException) { }
            catch (UnauthorizedAccessException) { }
        }
    }
}
