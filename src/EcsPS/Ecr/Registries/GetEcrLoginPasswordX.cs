using System.Collections.Generic;
using System.Linq;
using System.Management.Automation;
using System.Security;
using EcsPS.Engine.Ecr;

namespace EcsPS.Ecr.Registries
{
    /// <summary>
    /// The docker login password of ECR registries. It is a secret: a SecureString unless
    /// -AsPlainText asks for the text that docker login --password-stdin reads, and never in a
    /// Verbose, Debug or error line.
    /// </summary>
    [Cmdlet(VerbsCommon.Get, "EcrLoginPasswordX")]
    [OutputType(typeof(SecureString), typeof(string))]
    public sealed class GetEcrLoginPasswordX : EcrCmdletBase
    {
        /// <summary>Account ids or registry hosts (123456789012.dkr.ecr.eu-west-1.amazonaws.com); default: the caller's registry.</summary>
        [Parameter(Position = 0, ValueFromPipeline = true, ValueFromPipelineByPropertyName = true)]
        [ValidateNotNullOrEmpty]
        [Alias("RegistryId")]
        public string[] Registry { get; set; }

        [Parameter]
        public SwitchParameter AsPlainText { get; set; }

        private readonly List<(string Region, string Account, string Asked)> _asked = new List<(string, string, string)>();

        protected override void ProcessRecord()
        {
            foreach (var value in Registry ?? new string[0])
            {
                var text = value.Trim();
                if (text.StartsWith("https://")) text = text.Substring(8);
                text = text.TrimEnd('/');
                if (text.Length == 12 && text.All(char.IsDigit)) { _asked.Add((null, text, value)); continue; }
                var reference = EcrImageReference.TryParse(text + "/registry", out _);
                if (reference == null || !reference.IsEcr || reference.RegistryId == null)
                {
                    WriteError(new ErrorRecord(new System.ArgumentException(
                        $"'{value}' is not an ECR registry: give a 12-digit account id or a host <account>.dkr.ecr.<region>.amazonaws.com."),
                        "InvalidRegistry", ErrorCategory.InvalidArgument, value));
                    continue;
                }
                _asked.Add((reference.Region, reference.RegistryId, value));
            }
        }

        protected override void EndProcessing()
        {
            if (Registry == null && !MyInvocation.ExpectingInput) _asked.Add((null, null, null));
            foreach (var group in _asked.GroupBy(a => a.Region))
            {
                var accounts = group.Where(a => a.Account != null).Select(a => a.Account).ToList();
                IReadOnlyList<EcrLogin> logins = null;
                try
                {
                    if (!Guard(() => logins = EcrIn(group.Key).GetLogins(accounts, CancellationToken), group.Key ?? "registry")) continue;
                }
                catch (System.InvalidOperationException ex)
                {
                    // The message never holds the token: it is the secret.
                    WriteError(new ErrorRecord(ex, "UnreadableAuthorizationToken", ErrorCategory.InvalidResult, group.Key ?? "registry"));
                    continue;
                }
                foreach (var login in logins)
                {
                    WriteVerbose($"Registry {login.Registry}: user name {login.UserName}, valid until {login.ExpiresAt:u}.");
                    if (AsPlainText) WriteObject(login.Password);
                    else WriteObject(ToSecureString(login.Password));
                }
            }
        }

        private static SecureString ToSecureString(string text)
        {
            var secure = new SecureString();
            foreach (var c in text) secure.AppendChar(c);
            secure.MakeReadOnly();
            return secure;
        }
    }
}
