using EcsPS.Common;
using EcsPS.Engine.Ecr;
using EcsPS.Engine.Runtime;

namespace EcsPS.Ecr
{
    /// <summary>The base of the ECR cmdlets: the ECR client, and ECR's advice on its errors.</summary>
    public abstract class EcrCmdletBase : AwsCmdletBase
    {
        protected EcrClient Ecr => Client((options, log) => new EcrClient(options, log));

        /// <summary>The ECR client of a region (null: the command's), for image URIs that name another region.</summary>
        protected EcrClient EcrIn(string region) => ClientIn(region, (options, log) => new EcrClient(options, log));

        protected override AwsClient PrimaryClient => Ecr;

        protected override string ServiceAdvice(AwsServiceException ex) => EcrErrorAdvice.For(ex);
    }
}
