using System;
using System.Collections.Generic;
using System.Management.Automation;
using EcsPS.Common;
using EcsPS.Engine.Ecs.Model;
using EcsPS.Engine.Runtime;

namespace EcsPS.Ecs.Tags
{
    /// <summary>
    /// What the tag cmdlets share: the resource named by -ResourceArn, or by whatever object is
    /// piped in.
    ///
    /// Why -InputObject rather than -ResourceArn with aliases: piped objects bind by value before
    /// by property name, and most EcsPS objects carry several ARNs (a Service has ServiceArn and
    /// ClusterArn; a Task has TaskArn, ClusterArn, TaskDefinitionArn and ContainerInstanceArn), so
    /// an alias list would tag whichever ARN the binder met first. -InputObject takes the object
    /// itself and <see cref="TaggableResources.ArnOf"/> reads the object's own ARN by its type; a
    /// string piped in is an ARN, and any other object is read by its ResourceArn or Arn property
    /// (Import-Csv rows, Get-EcsTagX's own output). A string[] -ResourceArn that took pipeline
    /// input would instead turn a Service into its name (ToString) and refuse it as "not an ARN".
    /// </summary>
    public abstract class TagCmdletBase : EcsCmdletBase
    {
        protected const string ByArn = "ByArn";
        protected const string ByObject = "ByObject";

        /// <summary>The ARNs of the resources, of a type that takes tags.</summary>
        [Parameter(Mandatory = true, Position = 0, ParameterSetName = ByArn)]
        [ValidateEcsTaggableArn]
        [Alias("Arn")]
        public string[] ResourceArn { get; set; }

        /// <summary>EcsPS objects (clusters, services, task definitions, tasks, container instances,
        /// capacity providers, task sets, tags), ARN strings, or objects with a ResourceArn or Arn property.</summary>
        [Parameter(Mandatory = true, ValueFromPipeline = true, ParameterSetName = ByObject)]
        public PSObject InputObject { get; set; }

        /// <summary>The ARNs of this pipeline item (or of the command line); a piped object that names
        /// no taggable resource is reported for that item alone.</summary>
        protected IEnumerable<string> ResourceArnsOfItem()
        {
            if (ParameterSetName != ByObject) return ResourceArn ?? new string[0];
            var arn = TaggableResources.ArnOf(InputObject, out var problem);
            problem = problem ?? TaggableResources.CheckArn(arn);
            if (problem == null) return new[] { arn };
            WriteError(new ErrorRecord(new ArgumentException(problem), "InvalidResourceArn", ErrorCategory.InvalidArgument, InputObject));
            return new string[0];
        }

        /// <summary>The tags of one resource, as rows; null (with a not-found error written) when it does not exist.</summary>
        protected IReadOnlyList<ResourceTag> ReadTags(Engine.Ecs.EcsClient ecs, string arn)
        {
            var tags = ecs.FindResourceTags(arn, CancellationToken);
            if (tags == null) WriteNotFound(arn);
            return tags;
        }

        /// <summary>The not-found error of the ARN's resource type (ClusterNotFoundException, TaskDefinitionNotFoundException ...).</summary>
        protected void WriteNotFound(string arn)
            => WriteFailure(new FailureRef(arn, arn, "MISSING", null), TaggableResources.KindOf(arn));

        protected static string Describe(string arn)
        {
            var row = new ResourceTag(arn, string.Empty, string.Empty);
            return row.ResourceType == null ? arn : $"{row.ResourceType} {row.ResourceName}";
        }
    }
}
