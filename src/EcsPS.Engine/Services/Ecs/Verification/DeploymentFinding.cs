namespace EcsPS.Engine.Ecs.Verification
{
    /// <summary>How bad a finding is. Error: the deploy would fail once started. Warning: it may
    /// fail, or something could not be checked. Information: what was deliberately not checked.</summary>
    public enum FindingSeverity
    {
        Error,
        Warning,
        Information,
    }

    /// <summary>
    /// One thing the verifier found about a candidate task definition (and the service it would
    /// run in): which setting, what is wrong with it, and how to fix it. Flat strings, so that
    /// Where-Object, Group-Object and a CI log all read it the same.
    /// </summary>
    public sealed class DeploymentFinding
    {
        public DeploymentFinding(FindingSeverity severity, string setting, string problem, string fix)
        {
            Severity = severity;
            Setting = setting;
            Problem = problem;
            Fix = fix;
        }

        public FindingSeverity Severity { get; }
        /// <summary>The member the finding is about, as the task definition JSON spells it:
        /// containerDefinitions[web].image, executionRoleArn, loadBalancers[0].</summary>
        public string Setting { get; }
        public string Problem { get; }
        /// <summary>What to change; null when there is nothing to do (Information).</summary>
        public string Fix { get; }
        /// <summary>The task definition checked: family:revision, or the family of one not registered yet.</summary>
        public string TaskDefinition { get; internal set; }
        /// <summary>The service it was checked for (null: the task definition alone).</summary>
        public string Service { get; internal set; }
        /// <summary>The cluster of that service.</summary>
        public string Cluster { get; internal set; }

        public override string ToString() => $"{Severity} {Setting}: {Problem}";
    }
}
