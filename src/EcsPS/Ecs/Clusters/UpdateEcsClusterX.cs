using System.Collections.Generic;
using System.Management.Automation;
using EcsPS.Engine.Ecs.Model;
using EcsPS.Common;
using EcsPS.Engine.Ecs;

namespace EcsPS.Ecs.Clusters
{
    [Cmdlet(VerbsData.Update, "EcsClusterX", SupportsShouldProcess = true, ConfirmImpact = ConfirmImpact.Medium)]
    [OutputType(typeof(Cluster))]
    public sealed class UpdateEcsClusterX : EcsCmdletBase
    {
        [Parameter(Mandatory = true, Position = 0, ValueFromPipeline = true, ValueFromPipelineByPropertyName = true)]
        [ValidateEcsName("cluster", AllowArn = true)]
        [Alias("ClusterArn", "ClusterName", "Name")]
        [ArgumentCompleter(typeof(ClusterNameCompleter))]
        public string Cluster { get; set; }

        [Parameter]
        [ValidateSet("enabled", "disabled", "enhanced")]
        public string ContainerInsights { get; set; }

        /// <summary>Where ECS Exec session output goes: NONE, DEFAULT (the task's awslogs settings) or OVERRIDE.</summary>
        [Parameter]
        [ValidateSet("NONE", "DEFAULT", "OVERRIDE")]
        public string ExecuteCommandLogging { get; set; }

        [Parameter]
        [ValidateNotNullOrEmpty]
        public string ExecuteCommandKmsKeyId { get; set; }

        [Parameter]
        [ValidateNotNullOrEmpty]
        public string ExecuteCommandLogGroupName { get; set; }

        [Parameter]
        public SwitchParameter ExecuteCommandLogEncryption { get; set; }

        [Parameter]
        [ValidateNotNullOrEmpty]
        public string ExecuteCommandS3BucketName { get; set; }

        [Parameter]
        [ValidateNotNullOrEmpty]
        public string ExecuteCommandS3KeyPrefix { get; set; }

        [Parameter]
        public SwitchParameter ExecuteCommandS3Encryption { get; set; }

        [Parameter]
        [ValidateNotNullOrEmpty]
        public string ServiceConnectNamespace { get; set; }

        protected override void Begin()
        {
            var destinationGiven = ExecuteCommandLogGroupName != null || ExecuteCommandS3BucketName != null;
            var logSettingGiven = destinationGiven || ExecuteCommandS3KeyPrefix != null
                || ExecuteCommandLogEncryption.IsPresent || ExecuteCommandS3Encryption.IsPresent;
            if (ContainerInsights is null && ExecuteCommandLogging is null && ExecuteCommandKmsKeyId is null && !logSettingGiven
                && ServiceConnectNamespace is null)
                ThrowArgumentError("Nothing to change: pass -ContainerInsights, -ExecuteCommandLogging (with its log settings), " +
                    "-ExecuteCommandKmsKeyId or -ServiceConnectNamespace.", "NoClusterChange", null);
            if (logSettingGiven && ExecuteCommandLogging != "OVERRIDE")
                ThrowArgumentError("-ExecuteCommandLogGroupName, -ExecuteCommandS3BucketName, -ExecuteCommandS3KeyPrefix and the " +
                    "encryption switches take effect only with -ExecuteCommandLogging OVERRIDE.", "ExecuteCommandLogTargetNeedsOverride", null);
            if (ExecuteCommandLogging == "OVERRIDE" && !destinationGiven)
                ThrowArgumentError("-ExecuteCommandLogging OVERRIDE needs somewhere to send the output: pass -ExecuteCommandLogGroupName " +
                    "and/or -ExecuteCommandS3BucketName.", "ExecuteCommandOverrideNeedsTarget", null);
            if (ExecuteCommandLogEncryption.IsPresent && ExecuteCommandLogGroupName == null)
                ThrowArgumentError("-ExecuteCommandLogEncryption goes with -ExecuteCommandLogGroupName.", "ExecuteCommandEncryptionNeedsTarget", null);
            if ((ExecuteCommandS3Encryption.IsPresent || ExecuteCommandS3KeyPrefix != null) && ExecuteCommandS3BucketName == null)
                ThrowArgumentError("-ExecuteCommandS3Encryption and -ExecuteCommandS3KeyPrefix go with -ExecuteCommandS3BucketName.", "ExecuteCommandS3NeedsBucket", null);
        }

        protected override void ProcessRecord()
        {
            EcsClient ecs = null;
            if (!Guard(() => ecs = EcsFor(Cluster), Cluster)) return;
            var request = new UpdateClusterRequest
            {
                Cluster = Cluster,
                Settings = ContainerInsights is null ? null : new List<ClusterSetting> { new ClusterSetting("containerInsights", ContainerInsights) },
                ServiceConnectDefaults = ServiceConnectNamespace is null ? null : new ClusterServiceConnectDefaultsRequest { Namespace = ServiceConnectNamespace },
            };
            if (ExecuteCommandLogging != null || ExecuteCommandKmsKeyId != null)
            {
                request.Configuration = new ClusterConfiguration
                {
                    ExecuteCommandConfiguration = new ExecuteCommandConfiguration
                    {
                        Logging = ExecuteCommandLogging,
                        KmsKeyId = ExecuteCommandKmsKeyId,
                        LogConfiguration = ExecuteCommandLogging != "OVERRIDE" ? null : new ExecuteCommandLogConfiguration
                        {
                            CloudWatchLogGroupName = ExecuteCommandLogGroupName,
                            CloudWatchEncryptionEnabled = ExecuteCommandLogGroupName is null ? (bool?)null : ExecuteCommandLogEncryption.IsPresent,
                            S3BucketName = ExecuteCommandS3BucketName,
                            S3KeyPrefix = ExecuteCommandS3KeyPrefix,
                            S3EncryptionEnabled = ExecuteCommandS3BucketName is null ? (bool?)null : ExecuteCommandS3Encryption.IsPresent,
                        },
                    },
                };
            }

            // UpdateCluster replaces the whole ECS Exec block: keep the half the caller did not
            // mention (the KMS key, or the logging settings) as the cluster has it now.
            var exec = request.Configuration?.ExecuteCommandConfiguration;
            if (exec != null && (exec.Logging == null || exec.KmsKeyId == null))
            {
                ExecuteCommandConfiguration current = null;
                if (!Guard(() => current = CurrentExecConfiguration(ecs), Cluster)) return;
                if (exec.Logging == null)
                {
                    exec.Logging = current?.Logging;
                    exec.LogConfiguration = current?.LogConfiguration;
                }
                if (exec.KmsKeyId == null) exec.KmsKeyId = current?.KmsKeyId;
            }

            if (!ShouldProcess(Cluster, "Update ECS cluster (" + Describe(request) + ")")) return;
            Guard(() => WriteObject(ecs.UpdateCluster(request, CancellationToken).Cluster), Cluster);
        }

        private ExecuteCommandConfiguration CurrentExecConfiguration(EcsClient ecs)
        {
            foreach (var result in ecs.DescribeClusters(new[] { Cluster }, new[] { "CONFIGURATIONS" }, CancellationToken))
            {
                foreach (var failure in result.Failures) WriteFailure(failure, "cluster");
                if (result.Items.Count > 0) return result.Items[0].Configuration?.ExecuteCommandConfiguration;
            }
            return null;
        }

        private static string Describe(UpdateClusterRequest r)
        {
            var parts = new List<string>();
            if (r.Settings != null) parts.Add("containerInsights=" + r.Settings[0].Value);
            var exec = r.Configuration?.ExecuteCommandConfiguration;
            if (exec?.Logging != null) parts.Add("execute-command logging=" + exec.Logging);
            if (exec?.KmsKeyId != null) parts.Add("execute-command KMS key=" + exec.KmsKeyId);
            if (r.ServiceConnectDefaults != null) parts.Add("service connect namespace=" + r.ServiceConnectDefaults.Namespace);
            return string.Join(", ", parts);
        }
    }
}
