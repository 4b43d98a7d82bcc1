using System.Management.Automation;
using EcsPS.Engine.Ecs.Model;

namespace EcsPS.Ecs.AccountSettings
{
    [Cmdlet(VerbsCommon.Set, "EcsAccountSettingX", SupportsShouldProcess = true, ConfirmImpact = ConfirmImpact.Medium)]
    [OutputType(typeof(Setting))]
    public sealed class SetEcsAccountSettingX : EcsCmdletBase
    {
        [Parameter(Mandatory = true, Position = 0, ValueFromPipelineByPropertyName = true)]
        [ValidateSet("serviceLongArnFormat", "taskLongArnFormat", "containerInstanceLongArnFormat", "awsvpcTrunking", "containerInsights",
            "fargateFIPSMode", "tagResourceAuthorization", "fargateTaskRetirementWaitPeriod", "guardDutyActivate", "defaultLogDriverMode",
            "fargateEventWindows")]
        public string Name { get; set; }

        /// <summary>The value: enabled or disabled for most settings; containerInsights also enhanced;
        /// tagResourceAuthorization on or off; fargateTaskRetirementWaitPeriod 0, 7 or 14; defaultLogDriverMode blocking or non-blocking.</summary>
        [Parameter(Mandatory = true, Position = 1, ValueFromPipelineByPropertyName = true)]
        [AllowEmptyString]
        public string Value { get; set; }

        /// <summary>Whose setting: an IAM user or role, or the root user (which also resets the default of
        /// every user and role without a setting of its own). Defaults to the caller.</summary>
        [Parameter]
        [ValidatePrincipalArn]
        public string PrincipalArn { get; set; }

        /// <summary>Sets the account's default (PutAccountSettingDefault): what every user and role without a setting of its own gets.</summary>
        [Parameter]
        public SwitchParameter Default { get; set; }

        protected override void Begin()
        {
            if (Default && PrincipalArn != null)
                ThrowArgumentError("-Default sets the account's default, which holds for every principal without a setting of its own, so it takes no " +
                    "-PrincipalArn. Leave out -Default to set the setting for that principal, or leave out -PrincipalArn to set the default.",
                    "DefaultTakesNoPrincipal", PrincipalArn);
            // From the command line the pair holds for every item: a wrong value stops the command.
            if (MyInvocation.BoundParameters.ContainsKey(nameof(Name)) && MyInvocation.BoundParameters.ContainsKey(nameof(Value)))
            {
                var problem = AccountSettingRules.CheckValue(Name, Value, out _);
                if (problem != null) ThrowArgumentError(problem, "InvalidAccountSettingValue", Name + "=" + Value);
            }
        }

        protected override void ProcessRecord()
        {
            var problem = AccountSettingRules.CheckValue(Name, Value, out var value);
            if (problem != null)
            {
                // Name and Value may come with a piped object: refuse this one and go on.
                WriteError(new ErrorRecord(new System.ArgumentException(problem), "InvalidAccountSettingValue", ErrorCategory.InvalidArgument, Name + "=" + Value));
                return;
            }
            var whose = Default ? "the account default" : PrincipalArn ?? "the calling identity";
            if (!ShouldProcess(whose, $"Set ECS account setting {Name}={value}")) return;
            Guard(() =>
            {
                var setting = Default
                    ? Ecs.PutAccountSettingDefault(new PutAccountSettingDefaultRequest { Name = Name, Value = value }, CancellationToken).Setting
                    : Ecs.PutAccountSetting(new PutAccountSettingRequest { Name = Name, Value = value, PrincipalArn = PrincipalArn }, CancellationToken).Setting;
                if (setting != null) WriteObject(setting);
            }, Name);
        }
    }
}
