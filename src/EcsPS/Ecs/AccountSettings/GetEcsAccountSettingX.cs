using System.Collections.Generic;
using System.Management.Automation;
using EcsPS.Engine.Ecs.Model;

namespace EcsPS.Ecs.AccountSettings
{
    [Cmdlet(VerbsCommon.Get, "EcsAccountSettingX")]
    [OutputType(typeof(Setting))]
    public sealed class GetEcsAccountSettingX : EcsCmdletBase
    {
        /// <summary>The settings to read; every setting when omitted.</summary>
        [Parameter(Position = 0, ValueFromPipelineByPropertyName = true)]
        [ValidateSet("serviceLongArnFormat", "taskLongArnFormat", "containerInstanceLongArnFormat", "awsvpcTrunking", "containerInsights",
            "fargateFIPSMode", "tagResourceAuthorization", "fargateTaskRetirementWaitPeriod", "guardDutyActivate", "defaultLogDriverMode",
            "fargateEventWindows")]
        public string[] Name { get; set; }

        /// <summary>The settings that apply (the principal's own, else the account default), not only those set for the principal.</summary>
        [Parameter]
        public SwitchParameter EffectiveSettings { get; set; }

        /// <summary>Whose settings: an IAM user or role, or the root user (all users without their own). Defaults to the caller.</summary>
        [Parameter]
        [ValidatePrincipalArn]
        public string PrincipalArn { get; set; }

        protected override void ProcessRecord()
        {
            // ListAccountSettings takes one name at a time.
            foreach (var name in Name ?? new string[] { null }) List(name);
        }

        private void List(string name)
        {
            Guard(() =>
            {
                var filter = new ListAccountSettingsRequest
                {
                    Name = name,
                    PrincipalArn = PrincipalArn,
                    EffectiveSettings = EffectiveSettings.IsPresent ? true : (bool?)null,
                };
                var count = 0;
                foreach (var page in Ecs.ListAccountSettingPages(filter, CancellationToken))
                {
                    foreach (var setting in page) WriteObject(setting);
                    count += page.Count;
                }
                if (count == 0)
                    WriteVerbose((name == null ? "No account settings" : $"No {name} setting") + " is set for "
                        + (PrincipalArn ?? "the calling identity") + (EffectiveSettings ? "." : "; -EffectiveSettings shows the defaults that apply."));
            }, name ?? PrincipalArn);
        }
    }
}
