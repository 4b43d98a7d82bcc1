using System;
using System.Management.Automation;
using EcsPS.Engine.Runtime;

namespace EcsPS.Common
{
    /// <summary>How AWS failures look to a PowerShell user: ErrorId = the service's error code,
    /// a category that -ErrorAction and catch blocks can rely on, the resource as TargetObject,
    /// and a suggestion where there is an obvious next step.</summary>
    internal static class ErrorRecords
    {
        /// <param name="serviceAdvice">The service's own next step for this error (see EcsErrorAdvice), if it has one.</param>
        public static ErrorRecord FromService(AwsServiceException ex, object target, string serviceAdvice = null)
        {
            var record = new ErrorRecord(ex, ex.ErrorCode, Categorize(ex), target);
            var advice = serviceAdvice ?? Advice(ex);
            if (advice != null)
                record.ErrorDetails = new ErrorDetails(ex.Message) { RecommendedAction = advice };
            return record;
        }

        public static ErrorRecord FromConfiguration(AwsConfigurationException ex)
        {
            var category = ex.Reason == "NoCredentials" || ex.Reason == "InvalidCredentials" || ex.Reason == "CredentialProcessFailed"
                ? ErrorCategory.AuthenticationError
                : ex.Reason == "ProfileNotFound" ? ErrorCategory.ObjectNotFound
                : ErrorCategory.InvalidArgument;
            return new ErrorRecord(ex, "Aws" + ex.Reason, category, null);
        }

        /// <summary>A request that got no answer: AwsConnectionFailure (OutcomeUnknown when it may
        /// have made a change and was not sent again), ConnectionError, with the next step.</summary>
        public static ErrorRecord FromTransport(AwsTransportException ex, object target)
        {
            var record = new ErrorRecord(ex, ex.OutcomeUnknown ? "OutcomeUnknown" : "AwsConnectionFailure", ErrorCategory.ConnectionError, target);
            string advice;
            if (ex.OutcomeUnknown)
                advice = "The change may have been made: check before running the command again.";
            else if (ex.Reason == AwsTransportException.Reasons.TimedOut)
                advice = "Check that the endpoint is reachable from here (network, proxy, VPN, -EndpointUrl); if the service is only slow, " +
                         "allow each attempt more time with -TimeoutSec or $env:ECSPS_TIMEOUT.";
            else if (ex.Reason == AwsTransportException.Reasons.Unreachable)
                advice = "Check the endpoint's address (-EndpointUrl, $env:AWS_ENDPOINT_URL, the Region) and the network path to it (DNS, proxy, firewall).";
            else
                advice = "Check the network path to the endpoint (proxy, VPN, firewall); the command can be run again.";
            record.ErrorDetails = new ErrorDetails(ex.Message) { RecommendedAction = advice };
            return record;
        }

        /// <summary>A change that may or may not have been made (its answer was lost and looking did
        /// not settle it): OutcomeUnknown, terminating, with how to check.</summary>
        public static ErrorRecord FromOutcomeUnknown(AwsOutcomeUnknownException ex, object target, string advice)
        {
            var record = new ErrorRecord(ex, "OutcomeUnknown", ErrorCategory.ConnectionError, target ?? ex.Resource);
            record.ErrorDetails = new ErrorDetails(ex.Message)
            {
                RecommendedAction = advice ?? "Check the resource's current state before sending the change again.",
            };
            return record;
        }

        /// <param name="errorKind">The kind named in the ErrorId when it differs from the kind in the message
        /// (a missing family is still a TaskDefinitionNotFoundException).</param>
        public static ErrorRecord FromFailure(FailureRef failure, string kind, string errorKind = null, string failedTo = "read")
        {
            var name = failure.Requested ?? failure.Arn;
            if (failure.IsMissing)
            {
                var ex = new ItemNotFoundException($"The {kind} '{name}' was not found in this account and region.");
                // The same ErrorId the service uses when a single call names a missing resource
                // (ClusterNotFoundException), so one catch or filter handles both.
                var record = new ErrorRecord(ex, PascalCase(errorKind ?? kind) + "NotFoundException", ErrorCategory.ObjectNotFound, name);
                record.ErrorDetails = new ErrorDetails(ex.Message)
                {
                    RecommendedAction = "Check the name, or pass -Region (or -ProfileName) for the account and region it lives in.",
                };
                return record;
            }
            var detail = string.IsNullOrEmpty(failure.Detail) ? string.Empty : " (" + failure.Detail.TrimEnd('.') + ")";
            var reason = (failure.Reason ?? "no reason given").TrimEnd('.');
            // Some APIs give a code (MISSING, INACTIVE), others a sentence; only a code makes an ErrorId.
            var errorId = failure.Reason != null && System.Text.RegularExpressions.Regex.IsMatch(failure.Reason, "^[A-Za-z_]+$")
                ? failure.Reason
                : PascalCase(errorKind ?? kind) + PascalCase(failedTo) + "Failed";
            return new ErrorRecord(new InvalidOperationException($"The {kind} '{name}' could not be {failedTo}: {reason}{detail}."),
                errorId, ErrorCategory.InvalidResult, name);
        }

        private static string PascalCase(string words)
        {
            var sb = new System.Text.StringBuilder();
            foreach (var word in words.Split(' '))
                if (word.Length > 0) sb.Append(char.ToUpperInvariant(word[0])).Append(word.Substring(1));
            return sb.ToString();
        }

        public static ErrorCategory Categorize(AwsServiceException ex)
        {
            var code = ex.ErrorCode ?? string.Empty;
            if (ex.IsThrottling || code == "LimitExceededException")
                return ErrorCategory.LimitsExceeded;
            if (code.EndsWith("NotFoundException", StringComparison.Ordinal) || code == "NotFound" || code == "ResourceNotFound")
                return ErrorCategory.ObjectNotFound;
            if (code.StartsWith("AccessDenied", StringComparison.Ordinal) || code == "UnauthorizedOperation"
                || code.IndexOf("NotAuthorized", StringComparison.Ordinal) >= 0)
                return ErrorCategory.PermissionDenied;
            if (code == "InvalidClientTokenId" || code == "SignatureDoesNotMatch" || code == "InvalidSignatureException"
                || code == "UnrecognizedClientException" || code == "ExpiredToken" || code == "ExpiredTokenException"
                || code == "MissingAuthenticationToken" || code == "IncompleteSignature")
                return ErrorCategory.AuthenticationError;
            if (code == "InvalidParameterException" || code == "ValidationException" || code == "ClientException"
                || code == "InvalidParameterValue" || code == "InvalidParameterCombination" || code == "MissingParameter")
                return ErrorCategory.InvalidArgument;
            if (code.StartsWith("ClusterContains", StringComparison.Ordinal) || code == "ResourceInUseException"
                || code == "UpdateInProgressException" || code == "ConflictException")
                return ErrorCategory.ResourceBusy;
            if (code == "ServerException" || ex.StatusCode >= 500)
                return ErrorCategory.ResourceUnavailable;
            return ErrorCategory.NotSpecified;
        }

        /// <summary>Advice that holds for every AWS service: credentials, throttling, permissions.</summary>
        private static string Advice(AwsServiceException ex)
        {
            switch (ex.ErrorCode)
            {
                case "InvalidClientTokenId":
                case "UnrecognizedClientException":
                case "SignatureDoesNotMatch":
                case "InvalidSignatureException":
                    return "Check the access key and secret key in use (aws sts get-caller-identity shows which identity is picked up).";
                case "ExpiredToken":
                case "ExpiredTokenException":
                    return "The session credentials have expired: refresh them (for an SSO profile, run 'aws sso login').";
            }
            if (ex.IsThrottling)
                return "AWS is throttling this account's requests; retry later, or lower the request rate.";
            if (ErrorCategory.PermissionDenied == Categorize(ex))
                return "The identity in use lacks an IAM permission for this action; the message names it.";
            return null;
        }
    }
}
