using System.Collections.Generic;
using System.Linq;
using System.Management.Automation;
using System.Threading;
using EcsPS.Common;
using EcsPS.Engine.CloudWatchLogs;
using EcsPS.Engine.Ecr;
using EcsPS.Engine.Ecs.Model;
using EcsPS.Engine.Ecs.Verification;
using EcsPS.Engine.ElasticLoadBalancingV2;

namespace EcsPS.Ecs.TaskDefinitions
{
    /// <summary>
    /// Runs the DeploymentVerifier for a cmdlet and reports what it found. Every finding is written
    /// as an object, so that one variable holds them all for a script to sort or print; each Error
    /// finding is also a non-terminating ErrorRecord (its TargetObject the finding), so that
    /// -ErrorAction Stop turns a failed check into a failed CI step. -Quiet writes only $true/$false.
    /// </summary>
    internal sealed class DeploymentChecks
    {
        public const string ErrorId = "DeploymentVerificationFailed";
        private readonly AwsCmdletBase _cmdlet;

        public DeploymentChecks(AwsCmdletBase cmdlet) => _cmdlet = cmdlet;

        /// <summary>The findings, or null when the verification itself could not start (already reported).</summary>
        public List<DeploymentFinding> Run(string region, RegisterTaskDefinitionRequest candidate, string name, Service service, CancellationToken ct)
        {
            List<DeploymentFinding> findings = null;
            if (!_cmdlet.GuardWork(() =>
            {
                var verifier = new DeploymentVerifier(
                    r => _cmdlet.ClientInRegion(r ?? region, (o, l) => new EcrClient(o, l)),
                    r => _cmdlet.ClientInRegion(r ?? region, (o, l) => new CloudWatchLogsClient(o, l)),
                    r => _cmdlet.ClientInRegion(r ?? region, (o, l) => new ElasticLoadBalancingV2Client(o, l)),
                    region ?? _cmdlet.ClientInRegion(null, (o, l) => new EcrClient(o, l)).RegionName);
                findings = verifier.Verify(candidate, name, service, ct);
                _cmdlet.WriteVerbose($"Verified {name ?? candidate.Family}{(service != null ? " for " + service.ServiceName : string.Empty)}: " +
                                     $"{verifier.Requests} request(s) to ECR, CloudWatch Logs and ELBv2, {findings.Count} finding(s).");
            }, name ?? candidate.Family)) return null;
            return findings;
        }

        /// <summary>Writes the findings (or, quiet, whether there is no Error among them); true when none is an Error.</summary>
        public bool Report(IReadOnlyList<DeploymentFinding> findings, bool quiet, bool writeObjects = true)
        {
            var passed = findings.All(f => f.Severity != FindingSeverity.Error);
            if (quiet)
            {
                _cmdlet.WriteObject(passed);
                return passed;
            }
            foreach (var finding in findings)
            {
                if (writeObjects) _cmdlet.WriteObject(finding);
                if (finding.Severity == FindingSeverity.Error) _cmdlet.WriteError(ErrorOf(finding));
            }
            return passed;
        }

        public static ErrorRecord ErrorOf(DeploymentFinding finding)
        {
            var where = finding.Service != null ? $"{finding.TaskDefinition} for service {finding.Service}" : finding.TaskDefinition;
            var record = new ErrorRecord(new System.InvalidOperationException($"{where}: {finding.Setting}: {finding.Problem}"),
                ErrorId, ErrorCategory.InvalidData, finding);
            record.ErrorDetails = new ErrorDetails(record.Exception.Message) { RecommendedAction = finding.Fix };
            return record;
        }
    }
}
