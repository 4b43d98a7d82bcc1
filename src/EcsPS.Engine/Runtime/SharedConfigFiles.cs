using System;
using System.Globalization;
using System.IO;
using System.Reflection;
using Amazon.Runtime.CredentialManagement;
using Amazon.Runtime.Internal.Util;

namespace EcsPS.Engine.Runtime
{
    /// <summary>
    /// The shared config and credentials files as the AWS CLI finds them at this moment:
    /// $env:AWS_CONFIG_FILE / $env:AWS_SHARED_CREDENTIALS_FILE, else ~/.aws/config and
    /// ~/.aws/credentials. Read afresh for every command, so that a runbook that points the
    /// variables at its own files after import, or edits a profile, is seen on the next command.
    /// </summary>
    /// <remarks>
    /// AWSSDK.Core settles both paths once per process, in SharedCredentialsFile's static
    /// constructor, and every profile lookup inside the SDK (source_profile of an assume-role
    /// profile, a profile's endpoint_url and [services] section) reads them from there. The
    /// credentials file can be named to the SDK per lookup, the config file cannot, so
    /// <see cref="ApplyToSdk"/> writes the current paths into those two static properties (their
    /// setters are private) before the SDK reads profiles. The SDK inside EcsPS is EcsPS's own
    /// copy (the private load context), so this changes nothing for another module's SDK.
    /// </remarks>
    internal sealed class SharedConfigFiles
    {
        private static readonly MethodInfo CredentialsPathSetter = StaticSetter(nameof(SharedCredentialsFile.DefaultFilePath));
        private static readonly MethodInfo ConfigPathSetter = StaticSetter(nameof(SharedCredentialsFile.DefaultConfigFilePath));
        private static readonly object ApplyLock = new object();

        private SharedConfigFiles(string credentialsPath, string configPath)
        {
            CredentialsPath = credentialsPath;
            ConfigPath = configPath;
        }

        public string CredentialsPath { get; }
        public string ConfigPath { get; }

        /// <summary>True when the SDK still has the two path properties this class keeps current.</summary>
        internal static bool CanApplyToSdk => CredentialsPathSetter != null && ConfigPathSetter != null;

        /// <summary>The paths the environment names now (the same rule as the AWS CLI's).</summary>
        public static SharedConfigFiles Current()
        {
            var home = HomeDirectory();
            return new SharedConfigFiles(
                FromEnvironment("AWS_SHARED_CREDENTIALS_FILE", home) ?? Path.Combine(home, ".aws", "credentials"),
                FromEnvironment("AWS_CONFIG_FILE", home) ?? Path.Combine(home, ".aws", "config"));
        }

        /// <summary>
        /// What identifies the files' content for the client cache: path, size and last write
        /// time of each (and of an explicit -ProfileLocation file), so that an edited profile is
        /// read again and unchanged files keep their clients and cached credentials.
        /// </summary>
        public string Stamp(string profileLocation)
            => StampOf(CredentialsPath) + "\n" + StampOf(ConfigPath) + "\n" + (profileLocation == null ? string.Empty : StampOf(profileLocation));

        /// <summary>Points the SDK's profile lookups at these files.</summary>
        public void ApplyToSdk()
        {
            if (!CanApplyToSdk) return; // a later SDK without them: the paths of process start stay in force
            lock (ApplyLock)
            {
                if (!string.Equals(SharedCredentialsFile.DefaultFilePath, CredentialsPath, StringComparison.Ordinal))
                    CredentialsPathSetter.Invoke(null, new object[] { CredentialsPath });
                if (!string.Equals(SharedCredentialsFile.DefaultConfigFilePath, ConfigPath, StringComparison.Ordinal))
                    ConfigPathSetter.Invoke(null, new object[] { ConfigPath });
            }
        }

        /// <summary>The SDK's profile store over these files (or over -ProfileLocation as the credentials file).</summary>
        public CredentialProfileStoreChain Store(string profileLocation)
        {
            ApplyToSdk();
            return new CredentialProfileStoreChain(string.IsNullOrEmpty(profileLocation) ? CredentialsPath : profileLocation);
        }

        /// <summary>
        /// Which file gives a profile a setting, for messages: the credentials file (or
        /// -ProfileLocation) when its section has the key, else the config file. Read with the
        /// SDK's own INI reader, so that it agrees with what the SDK parsed.
        /// </summary>
        public string FileHolding(string profileName, string key, string profileLocation)
        {
            var credentials = string.IsNullOrEmpty(profileLocation) ? CredentialsPath : profileLocation;
            if (SectionHas(credentials, false, profileName, key)) return Display(credentials);
            return Display(ConfigPath);
        }

        /// <summary>A path as a person writes it: ~/.aws/config rather than /home/me/.aws/config.</summary>
        public static string Display(string path)
        {
            var home = HomeDirectory();
            if (!string.IsNullOrEmpty(home) && path.StartsWith(home.TrimEnd(Path.DirectorySeparatorChar) + Path.DirectorySeparatorChar, StringComparison.Ordinal))
                return "~" + path.Substring(home.TrimEnd(Path.DirectorySeparatorChar).Length).Replace('\\', '/');
            return path;
        }

        private static bool SectionHas(string file, bool profileMarkerRequired, string profileName, string key)
        {
            try
            {
                if (!File.Exists(file)) return false;
                var ini = new ProfileIniFile(file, profileMarkerRequired);
                return ini.TryGetSection(profileName, false, false, out var properties, out _)
                       && properties != null && properties.ContainsKey(key);
            }
            catch (Exception ex) when (ex is IOException || ex is UnauthorizedAccessException || ex is InvalidDataException)
            {
                return false;
            }
        }

        private static string StampOf(string path)
        {
            try
            {
                var info = new FileInfo(path);
                return info.Exists
                    ? path + "|" + info.Length.ToString(CultureInfo.InvariantCulture) + "|" + info.LastWriteTimeUtc.Ticks.ToString(CultureInfo.InvariantCulture)
                    : path + "|missing";
            }
            catch (Exception ex) when (ex is IOException || ex is UnauthorizedAccessException || ex is ArgumentException || ex is NotSupportedException)
            {
                return path + "|unreadable";
            }
        }

        private static string FromEnvironment(string variable, string home)
        {
            var value = Environment.GetEnvironmentVariable(variable);
            if (string.IsNullOrEmpty(value)) return null;
            // The AWS CLI expands a leading ~ (os.path.expanduser); so does this.
            if (value == "~") return home;
            if (value.StartsWith("~/", StringComparison.Ordinal) || value.StartsWith("~\\", StringComparison.Ordinal))
                return Path.Combine(home, value.Substring(2));
            return value;
        }

        private static string HomeDirectory()
        {
            // The SDK's order: HOME, then USERPROFILE (Windows), then the current directory.
            var home = Environment.GetEnvironmentVariable("HOME");
            if (string.IsNullOrEmpty(home)) home = Environment.GetEnvironmentVariable("USERPROFILE");
            if (string.IsNullOrEmpty(home)) home = Directory.GetCurrentDirectory();
            return home;
        }

        private static MethodInfo StaticSetter(string property)
            => typeof(SharedCredentialsFile).GetProperty(property, BindingFlags.Public | BindingFlags.Static)?.GetSetMethod(nonPublic: true);
    }
}
