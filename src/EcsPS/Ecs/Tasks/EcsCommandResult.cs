namespace EcsPS.Ecs.Tasks
{
    /// <summary>
    /// What one Invoke-EcsCommandX session did: where it ran, the plugin's exit code and, with
    /// -NonInteractive, what the command printed.
    /// </summary>
    public sealed class EcsCommandResult
    {
        public string ClusterName { get; set; }
        public string TaskId { get; set; }
        public string TaskArn { get; set; }
        public string ContainerName { get; set; }
        public string Command { get; set; }
        public string SessionId { get; set; }
        public string Region { get; set; }

        /// <summary>session-manager-plugin's exit code: 0 when the session ran and ended. ECS Exec
        /// does not report the exit code of the command itself.</summary>
        public int ExitCode { get; set; }

        /// <summary>The lines the command printed (-NonInteractive), without the plugin's own
        /// session banners; null for an interactive session, whose output went to the console.</summary>
        public string[] Output { get; set; }

        public override string ToString() => $"{TaskId}/{ContainerName}: {Command} (exit code {ExitCode})";
    }
}
