using EcsPS.Engine.Runtime;

namespace EcsPS.Ecs.Scaling
{
    /// <summary>The next step for Application Auto Scaling errors. Only cmdlets that exist may be named.</summary>
    internal static class ScalingErrorAdvice
    {
        internal const string NotRegistered =
            "The service has no scalable target yet: register one first with Set-EcsServiceScalingX -MinCapacity <n> -MaxCapacity <n>; Get-EcsServiceScalingX shows what is set.";

        internal const string Concurrent =
            "Another change to this service's scaling was in progress. Run the command again; Get-EcsServiceScalingX shows what is set now.";

        internal const string Limit =
            "The account has reached an Application Auto Scaling quota (scalable targets, or policies or scheduled actions per target). Remove what is no longer needed (Remove-EcsServiceScalingX, Remove-EcsServiceScheduledScalingX) or ask for a higher quota in Service Quotas.";

        internal const string Validation =
            "Check that the service exists and is ACTIVE (Get-EcsServiceX), that the identity may create the service-linked role AWSServiceRoleForApplicationAutoScaling_ECSService, and the values given.";

        public static string For(AwsServiceException ex)
        {
            if (ex.ServiceId != "Application Auto Scaling") return null;
            switch (ex.ErrorCode)
            {
                case "ObjectNotFoundException":
                    return NotRegistered;
                case "ConcurrentUpdateException":
                    return Concurrent;
                case "LimitExceededException":
                    return Limit;
                case "ValidationException":
                    return Validation;
                case "FailedResourceAccessException":
                    return "Application Auto Scaling could not read the service or its CloudWatch alarms: check the service-linked role AWSServiceRoleForApplicationAutoScaling_ECSService.";
                default:
                    return null;
            }
        }
    }
}
