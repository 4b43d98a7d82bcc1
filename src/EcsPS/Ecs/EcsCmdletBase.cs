using EcsPS.Common;
using EcsPS.Engine.Ecs;
using EcsPS.Engine.Runtime;

namespace EcsPS.Ecs
{
    /// <summary>The base of the ECS cmdlets: the ECS client, and ECS's advice on its errors.</summary>
    public abstract class EcsCmdletBase : AwsCmdletBase
    {
        protected EcsClient Ecs => Client((options, log) => new EcsClient(options, log));

        // For helpers that work on a cmdlet's behalf (waits).
        internal EcsClient EcsClient => Ecs;

        protected override AwsClient PrimaryClient => Ecs;

        protected override string ServiceAdvice(AwsServiceException ex) => EcsErrorAdvice.For(ex);
    }
}
