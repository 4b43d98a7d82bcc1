using System;
using System.Text.RegularExpressions;
using System.Threading;
using System.Threading.Tasks;
using Amazon.Runtime;

namespace EcsPS.Engine.Runtime
{
    /// <summary>
    /// SDK credentials that know where they came from ("profile 'ci' of ~/.aws/config",
    /// "the environment") and fail as the Engine's own <see cref="AwsConfigurationException"/>:
    /// a credential_process that exits non-zero, an assume-role call that is refused, an SSO
    /// token that expired. The SDK still does all the work (running the process, calling STS,
    /// refreshing before expiry); this only chooses the SDK credentials lazily, on the first
    /// request, and translates what they throw, at the first request and at every refresh.
    /// </summary>
    internal sealed class SourcedCredentials : AWSCredentials
    {
        private const int DetailLimit = 2000;
        private static readonly Regex ExitValue = new Regex(@"non-zero exit value (-?\d+)", RegexOptions.CultureInvariant);
        private static readonly Regex ProcessError = new Regex(@"non-zero exit value -?\d+ with the error - (?<stderr>.*)\z",
            RegexOptions.CultureInvariant | RegexOptions.Singleline);

        private readonly Func<AWSCredentials> _resolve;
        private AWSCredentials _inner;

        /// <param name="source">Where the credentials come from, for messages.</param>
        /// <param name="resolve">Makes the SDK credentials; may throw <see cref="AwsConfigurationException"/>.</param>
        public SourcedCredentials(string source, Func<AWSCredentials> resolve)
        {
            Source = source;
            _resolve = resolve;
        }

        public string Source { get; }

        public override DateTime? Expiration
        {
            get => Volatile.Read(ref _inner)?.Expiration;
            set { }
        }

        public override ImmutableCredentials GetCredentials()
        {
            try
            {
                return Inner().GetCredentials();
            }
            catch (Exception ex) when (Translatable(ex))
            {
                throw Translate(Source, ex);
            }
        }

        public override async Task<ImmutableCredentials> GetCredentialsAsync()
        {
            try
            {
                return await Inner().GetCredentialsAsync().ConfigureAwait(false);
            }
            catch (Exception ex) when (Translatable(ex))
            {
                throw Translate(Source, ex);
            }
        }

        // A failure is never kept: the next request tries again (a credential process that
        // failed once may well work the next time).
        private AWSCredentials Inner()
        {
            var inner = Volatile.Read(ref _inner);
            if (inner != null) return inner;
            inner = _resolve();
            return Interlocked.CompareExchange(ref _inner, inner, null) ?? inner;
        }

        private static bool Translatable(Exception ex)
            => !(ex is AwsConfigurationException) && !(ex is OperationCanceledException) && !(ex is OutOfMemoryException);

        /// <summary>
        /// The Engine's words for a credentials failure. Nothing of the SDK's exception is kept as an
        /// inner exception: a credential process's message carries its stderr, which may hold
        /// anything, so it goes only into <see cref="AwsConfigurationException.Detail"/> (shown with -Debug).
        /// </summary>
        internal static AwsConfigurationException Translate(string source, Exception ex)
        {
            var message = ex.Message ?? string.Empty;
            if (ex is ProcessAWSCredentialException)
            {
                var exit = ExitValue.Match(message);
                if (exit.Success)
                {
                    var stderr = ProcessError.Match(message);
                    var detail = stderr.Success ? stderr.Groups["stderr"].Value.Trim() : null;
                    return new AwsConfigurationException("CredentialProcessFailed",
                        $"The credential_process of {source} failed with exit code {exit.Groups[1].Value}. " +
                        "Run the command yourself to see why; -Debug shows what it wrote to stderr.")
                    {
                        Detail = string.IsNullOrEmpty(detail) ? null
                            : "credential_process stderr: " + (detail.Length > DetailLimit ? detail.Substring(0, DetailLimit) + "..." : detail),
                    };
                }
                // It could not be started, or printed no usable JSON: the SDK's words say which,
                // and they quote nothing the process wrote.
                return new AwsConfigurationException("CredentialProcessFailed",
                    $"The credential_process of {source} gave no credentials: {message.TrimEnd('.')}.");
            }
            return new AwsConfigurationException("InvalidCredentials",
                $"The AWS credentials of {source} could not be obtained: {message.TrimEnd('.')}.");
        }
    }
}
