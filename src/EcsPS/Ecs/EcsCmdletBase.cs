using EcsPS.Common;
using EcsPS.Engine.Ecs;
using EcsPS.Engine.Runtime;

namespace EcsPS.Ecs
{
    /// <summary>The base of the ECS cmdlets: the ECS client, and ECS's advice on its errors.</summary>
    public abstract class EcsCmdletBase : AwsCmdletBase
    {
        protected EcsClient Ecs => Client((options, log) => new EcsClient(options, log));

        /// <summary>The ECS client of a region (null: the command's).</summary>
        protected EcsClient EcsIn(string region) => ClientIn(region, (options, log) => new EcsClient(options, log));

        /// <summary>
        /// The ECS client for the resource these names and ARNs identify: the region their ARNs
        /// name, else the command's. Throws ArnRegionException (reported by Guard) when they
        /// contradict -Region or each other.
        /// </summary>
        protected EcsClient EcsFor(params string[] namesOrArns) => EcsIn(RegionOfArns(namesOrArns));

        // For helpers that work on a cmdlet's behalf (waits).
        internal EcsClient EcsClient => Ecs;
        internal EcsClient EcsClientIn(string region) => EcsIn(region);

        protected override AwsClient PrimaryClient => Ecs;

        protected override string ServiceAdvice(AwsServiceException ex) => EcsErrorAdvice.For(ex);

        protected override string OutcomeAdvice(AwsOutcomeUnknownException ex) => EcsErrorAdvice.ForOutcomeUnknown(ex);
    }
}
