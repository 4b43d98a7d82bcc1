using System;
using System.Collections.Generic;
using System.Management.Automation;
using System.Threading;
using EcsPS.Engine.Runtime;

namespace EcsPS.Common
{
    /// <summary>
    /// What every cmdlet that calls AWS shares, whichever services it calls: the connection
    /// parameters, one Engine client per service and invocation, Ctrl+C cancellation,
    /// Verbose/Debug logging of requests, and the mapping of AWS failures onto ErrorRecords.
    /// </summary>
    public abstract class AwsCmdletBase : PSCmdlet, IEngineLog
    {
        private readonly CancellationTokenSource _stop = new CancellationTokenSource();
        private readonly Dictionary<Type, AwsClient> _clients = new Dictionary<Type, AwsClient>();
        private readonly Dictionary<string, AwsClient> _regionalClients = new Dictionary<string, AwsClient>(StringComparer.Ordinal);

        /// <summary>The AWS region, such as us-east-1. Defaults to the profile's or $env:AWS_REGION.</summary>
        [Parameter]
        [ValidateNotNullOrEmpty]
        [ArgumentCompleter(typeof(RegionCompleter))]
        public string Region { get; set; }

        /// <summary>A named profile from the shared config/credentials files.</summary>
        [Parameter]
        [ValidateNotNullOrEmpty]
        [Alias("Profile", "StoredCredentials")]
        public string ProfileName { get; set; }

        /// <summary>The shared credentials file that holds ProfileName.</summary>
        [Parameter]
        [ValidateNotNullOrEmpty]
        [Alias("AWSProfilesLocation", "ProfilesLocation")]
        public string ProfileLocation { get; set; }

        [Parameter]
        [ValidateNotNullOrEmpty]
        public string AccessKey { get; set; }

        [Parameter]
        [ValidateNotNullOrEmpty]
        public string SecretKey { get; set; }

        [Parameter]
        [ValidateNotNullOrEmpty]
        public string SessionToken { get; set; }

        /// <summary>Sends requests to this URL instead of the regional endpoint (a VPC endpoint, a
        /// local stand-in), for every AWS service the cmdlet calls.</summary>
        [Parameter]
        [ValidateNotNullOrEmpty]
        [Alias("EndpointUri")]
        public string EndpointUrl { get; set; }

        /// <summary>How long one attempt of a request may wait for its answer, in seconds (0: no
        /// limit). Defaults to $env:ECSPS_TIMEOUT, the profile's cli_read_timeout, or 10.</summary>
        [Parameter]
        [ValidateRange(0, 86400)]
        public int TimeoutSec { get; set; }

        protected CancellationToken CancellationToken => _stop.Token;

        // For helpers that work on a cmdlet's behalf (waits, batched writes, name resolution).
        internal CancellationToken Cancellation => _stop.Token;
        internal bool GuardWork(Action action, object target) => Guard(action, target);
        internal TClient ClientInRegion<TClient>(string region, Func<AwsConnectionOptions, IEngineLog, TClient> create) where TClient : AwsClient
            => ClientIn(region, create);
        internal void WriteFailureOf(FailureRef failure, string kind, string errorKind = null, string failedTo = "read")
            => WriteFailure(failure, kind, errorKind, failedTo);

        /// <summary>The client for one service, made on first use with this invocation's connection settings.</summary>
        protected TClient Client<TClient>(Func<AwsConnectionOptions, IEngineLog, TClient> create) where TClient : AwsClient
        {
            if (!_clients.TryGetValue(typeof(TClient), out var client))
                _clients[typeof(TClient)] = client = create(ConnectionOptions(), this);
            return (TClient)client;
        }

        /// <summary>
        /// The client for one service in a region other than the command's: the same credentials,
        /// profile and -EndpointUrl, signed for and sent to <paramref name="region"/>. Null, or the
        /// command's own region, gives <see cref="Client{TClient}"/>.
        /// </summary>
        protected TClient ClientIn<TClient>(string region, Func<AwsConnectionOptions, IEngineLog, TClient> create) where TClient : AwsClient
        {
            var main = Client(create);
            if (region == null || string.Equals(main.RegionName, region, StringComparison.Ordinal)) return main;
            var key = typeof(TClient).FullName + "\n" + region;
            if (!_regionalClients.TryGetValue(key, out var client))
            {
                var options = ConnectionOptions();
                options.Region = region;
                _regionalClients[key] = client = create(options, this);
                WriteVerbose($"Using region {region}, named by the ARN, for {client.Service.ServiceId} requests about that resource.");
            }
            return (TClient)client;
        }

        /// <summary>
        /// The region that the ARNs among <paramref name="namesOrArns"/> name, or null when none is an
        /// ARN with a region (the command's region then applies). An ARN's region is where its
        /// resource lives, so a request about it goes there, whatever the profile or environment
        /// says; but an explicit -Region that differs, or two ARNs of different regions for one item,
        /// is refused with an <see cref="ArnRegionException"/> (which <see cref="Guard"/> reports)
        /// before anything is sent.
        /// </summary>
        internal string RegionOfArns(params string[] namesOrArns)
        {
            string region = null, named = null;
            foreach (var value in namesOrArns)
            {
                if (!Arn.TryParse(value, out var arn) || string.IsNullOrEmpty(arn.Region)) continue;
                if (region != null && !string.Equals(region, arn.Region, StringComparison.Ordinal))
                    throw new ArnRegionException("ArnRegionConflict", value,
                        $"'{named}' is in {region} but '{value}' is in {arn.Region}: one request cannot be about both. Give resources of one region.");
                region = arn.Region;
                named = value;
            }
            if (region != null && MyInvocation.BoundParameters.ContainsKey(nameof(Region)) && !string.Equals(Region, region, StringComparison.Ordinal))
                throw new ArnRegionException("ArnRegionMismatch", named,
                    $"'{named}' is in {region}, but -Region is {Region}. Leave out -Region to work in the ARN's region, or give the name or ARN of the resource in {Region}.");
            return region;
        }

        /// <summary>The service whose configuration is checked before any input is read.</summary>
        protected abstract AwsClient PrimaryClient { get; }

        protected sealed override void BeginProcessing()
        {
            ParameterChoices.Canonicalize(this, MyInvocation.BoundParameters);
            Begin();
            // Configuration problems (no region, unknown profile) are the same for every
            // pipeline item: report them once, before any input is read.
            if (ResolveConnectionFirst) Guard(() => PrimaryClient.EnsureConfigured(), null);
        }

        /// <summary>The cmdlet's own checks of its arguments, before anything is sent.</summary>
        protected virtual void Begin()
        {
        }

        /// <summary>False for cmdlets that may not need AWS at all (they resolve it when they do).</summary>
        protected virtual bool ResolveConnectionFirst => true;

        protected override void StopProcessing() => _stop.Cancel();

        protected AwsConnectionOptions ConnectionOptions() => new AwsConnectionOptions
        {
            Region = Region,
            ProfileName = ProfileName,
            ProfileLocation = ProfileLocation is null ? null : GetUnresolvedProviderPathFromPSPath(ProfileLocation),
            AccessKey = AccessKey,
            SecretKey = SecretKey,
            SessionToken = SessionToken,
            EndpointUrl = EndpointUrl,
            TimeoutSec = MyInvocation.BoundParameters.ContainsKey(nameof(TimeoutSec)) ? TimeoutSec : (double?)null,
        };

        /// <summary>The next step for a service error of the services this cmdlet calls, or null.</summary>
        protected virtual string ServiceAdvice(AwsServiceException ex) => null;

        /// <summary>How to check a change whose outcome is unknown, for the services this cmdlet calls.</summary>
        protected virtual string OutcomeAdvice(AwsOutcomeUnknownException ex) => null;

        /// <summary>
        /// Runs one unit of work against AWS. A service error for this item becomes a
        /// non-terminating error (so -ErrorAction decides); configuration and transport problems,
        /// which no later item could escape, stop the command.
        /// </summary>
        protected bool Guard(Action action, object target)
        {
            try
            {
                action();
                return true;
            }
            catch (AwsServiceException ex)
            {
                WriteError(ErrorRecords.FromService(ex, target, ServiceAdvice(ex)));
            }
            catch (AwsConfigurationException ex)
            {
                // Diagnostics kept out of the message (a credential process's stderr): -Debug only.
                if (ex.Detail != null) WriteDebug(ex.Detail);
                ThrowTerminatingError(ErrorRecords.FromConfiguration(ex));
            }
            catch (ArnRegionException ex)
            {
                WriteError(new ErrorRecord(ex, ex.ErrorId, ErrorCategory.InvalidArgument, target ?? ex.Arn));
            }
            catch (AwsTransportException ex)
            {
                ThrowTerminatingError(ErrorRecords.FromTransport(ex, target));
            }
            catch (AwsOutcomeUnknownException ex)
            {
                // Not one item's problem: the next change could be lost the same way, and the user
                // has to look before anything is sent again.
                ThrowTerminatingError(ErrorRecords.FromOutcomeUnknown(ex, target, OutcomeAdvice(ex)));
            }
            catch (OperationCanceledException) when (_stop.IsCancellationRequested)
            {
                throw new PipelineStoppedException();
            }
            return false;
        }

        /// <summary>Reports one item that a Describe call said it could not find (or otherwise failed).</summary>
        protected void WriteFailure(FailureRef failure, string kind, string errorKind = null, string failedTo = "read")
            => WriteError(ErrorRecords.FromFailure(failure, kind, errorKind, failedTo));

        /// <summary>
        /// ShouldProcess for changes a -Force switch may wave through: -Force alone skips the
        /// confirmation prompt, -WhatIf still only reports, and an explicit -Confirm still asks.
        /// </summary>
        protected bool ShouldProcessForce(bool force, string target, string action)
        {
            if (force && !MyInvocation.BoundParameters.ContainsKey("Confirm") && !IsWhatIf())
            {
                WriteVerbose($"Performing the operation \"{action}\" on target \"{target}\" (-Force).");
                return true;
            }
            return ShouldProcess(target, action);
        }

        protected bool IsWhatIf()
        {
            if (MyInvocation.BoundParameters.TryGetValue("WhatIf", out var bound))
                return bound is SwitchParameter s ? s.IsPresent : LanguagePrimitives.IsTrue(bound);
            return LanguagePrimitives.IsTrue(GetVariableValue("WhatIfPreference"));
        }

        protected void ThrowArgumentError(string message, string errorId, object target)
            => ThrowTerminatingError(new ErrorRecord(new ArgumentException(message), errorId, ErrorCategory.InvalidArgument, target));

        void IEngineLog.Verbose(string message) => WriteVerbose(message);

        void IEngineLog.Debug(string message) => WriteDebug(message);
    }
}

namespace EcsPS.Common
{
    /// <summary>An ARN's region contradicts -Region or another ARN of the same item; nothing was sent.</summary>
    public sealed class ArnRegionException : ArgumentException
    {
        public ArnRegionException(string errorId, string arn, string message) : base(message)
        {
            ErrorId = errorId;
            Arn = arn;
        }

        /// <summary>ArnRegionMismatch (-Region differs) or ArnRegionConflict (two ARNs differ).</summary>
        public string ErrorId { get; }
        public string Arn { get; }
    }
}
