using System;
using System.Collections.Generic;
using System.Linq;
using System.Threading;
using EcsPS.Engine.Ecs.Model;
using EcsPS.Engine.Runtime;

namespace EcsPS.Engine.Ecs
{
    /// <summary>EC2 capacity: container instances and capacity providers, paged and batched within ECS's limits.</summary>
    public sealed partial class EcsClient
    {
        public const int DescribeContainerInstancesBatchSize = 100;
        public const int UpdateContainerInstancesStateBatchSize = 10;
        public const int DescribeCapacityProvidersBatchSize = 10;

        /// <summary>The capacity providers every account has; they can be neither made, changed nor deleted.</summary>
        public static readonly IReadOnlyList<string> BuiltInCapacityProviders = new[] { "FARGATE", "FARGATE_SPOT" };

        // ---- container instances -------------------------------------------------------------

        /// <summary>The container instance ARNs of a cluster, optionally of one status and matching a
        /// cluster query language expression, a page at a time.</summary>
        public IEnumerable<IReadOnlyList<string>> ListContainerInstanceArns(string cluster, string status, string filter, CancellationToken ct)
            => Pager.Pages<string>(token =>
            {
                var page = ListContainerInstances(new ListContainerInstancesRequest
                {
                    Cluster = cluster,
                    Status = status,
                    Filter = filter,
                    NextToken = token,
                    MaxResults = ListPageSize,
                }, ct);
                return (page.ContainerInstanceArns ?? new List<string>(), page.NextToken);
            });

        /// <summary>
        /// Describes container instances of one cluster, 100 to a request. Each instance remembers
        /// the cluster it was asked about: an instance ARN of the older form does not name it, and
        /// the answer carries no cluster ARN.
        /// </summary>
        public IEnumerable<DescribeResult<ContainerInstance>> DescribeContainerInstances(string cluster, IEnumerable<string> instances,
            bool includeTags, CancellationToken ct)
        {
            foreach (var batch in Pager.Chunk(instances, DescribeContainerInstancesBatchSize))
            {
                var response = DescribeContainerInstances(new DescribeContainerInstancesRequest
                {
                    Cluster = cluster,
                    ContainerInstances = batch,
                    Include = includeTags ? new List<string> { "TAGS" } : null,
                }, ct);
                var found = response.ContainerInstances ?? new List<ContainerInstance>();
                foreach (var instance in found) instance.RememberCluster(cluster);
                yield return new DescribeResult<ContainerInstance>(found,
                    MatchFailures(batch, response.Failures, found, ci => new[] { ci.ContainerInstanceArn, Arn.NameOf(ci.ContainerInstanceArn) }));
            }
        }

        /// <summary>Sets container instances of one cluster to ACTIVE or DRAINING, 10 to a request,
        /// yielding each batch's updated instances and failures.</summary>
        public IEnumerable<DescribeResult<ContainerInstance>> UpdateContainerInstancesState(string cluster, IEnumerable<string> instances,
            string status, CancellationToken ct)
        {
            foreach (var batch in Pager.Chunk(instances, UpdateContainerInstancesStateBatchSize))
            {
                var response = UpdateContainerInstancesState(new UpdateContainerInstancesStateRequest
                {
                    Cluster = cluster,
                    ContainerInstances = batch,
                    Status = status,
                }, ct);
                var updated = response.ContainerInstances ?? new List<ContainerInstance>();
                foreach (var instance in updated) instance.RememberCluster(cluster);
                yield return new DescribeResult<ContainerInstance>(updated,
                    MatchFailures(batch, response.Failures, updated, ci => new[] { ci.ContainerInstanceArn, Arn.NameOf(ci.ContainerInstanceArn) }));
            }
        }

        // ---- capacity providers --------------------------------------------------------------

        /// <summary>Every capacity provider of the account and region (the built-in ones included),
        /// 10 to a page, the most DescribeCapacityProviders returns.</summary>
        public IEnumerable<IReadOnlyList<CapacityProvider>> ListCapacityProviders(bool includeTags, CancellationToken ct)
            => Pager.Pages<CapacityProvider>(token =>
            {
                var page = DescribeCapacityProviders(new DescribeCapacityProvidersRequest
                {
                    Include = includeTags ? new List<string> { "TAGS" } : null,
                    MaxResults = DescribeCapacityProvidersBatchSize,
                    NextToken = token,
                }, ct);
                return (page.CapacityProviders ?? new List<CapacityProvider>(), page.NextToken);
            });

        /// <summary>Describes capacity providers by name or ARN, 10 to a request.</summary>
        public IEnumerable<DescribeResult<CapacityProvider>> DescribeCapacityProviders(IEnumerable<string> providers, bool includeTags, CancellationToken ct)
        {
            foreach (var batch in Pager.Chunk(providers, DescribeCapacityProvidersBatchSize))
            {
                var response = DescribeCapacityProviders(new DescribeCapacityProvidersRequest
                {
                    CapacityProviders = batch,
                    Include = includeTags ? new List<string> { "TAGS" } : null,
                }, ct);
                var found = response.CapacityProviders ?? new List<CapacityProvider>();
                yield return new DescribeResult<CapacityProvider>(found,
                    MatchFailures(batch, response.Failures, found, p => new[] { p.CapacityProviderArn, p.Name }));
            }
        }

        /// <summary>
        /// Creates a capacity provider. CreateCapacityProvider is safe to send again (names are
        /// unique, so a repeat cannot make a second one), and the transport does re-send it after a
        /// lost answer; but the repeat is then answered "already exists" about the provider the
        /// first attempt made. In that case, and only then, the provider is read back: if its Auto
        /// Scaling group is the one sent, it is the result; otherwise the error stands, with what was found.
        /// </summary>
        public CapacityProvider CreateCapacityProviderSettled(CreateCapacityProviderRequest request, CancellationToken ct)
        {
            try
            {
                return CreateCapacityProvider(request, ct).CapacityProvider;
            }
            catch (AwsServiceException ex) when (ex.FollowsLostAttempt && SaysAlreadyExists(ex))
            {
                Log.Verbose($"ECS CreateCapacityProvider: an attempt lost its answer and the repeat says '{request.Name}' already exists; reading it to see whether the first attempt made it.");
                CapacityProvider existing = null;
                try
                {
                    foreach (var result in DescribeCapacityProviders(new[] { request.Name }, includeTags: request.Tags != null && request.Tags.Count > 0, ct))
                        existing = existing ?? result.Items.FirstOrDefault();
                }
                catch (Exception read) when (read is AwsServiceException || read is AwsTransportException)
                {
                    throw new AwsOutcomeUnknownException(Service.ServiceId, ex.Operation, request.Name,
                        $"An attempt of CreateCapacityProvider lost its answer, the repeat says '{request.Name}' already exists, and reading it failed: {read.Message}", ex);
                }
                var sent = request.AutoScalingGroupProvider?.AutoScalingGroupArn;
                var found = existing?.AutoScalingGroupProvider?.AutoScalingGroupArn;
                if (existing != null && string.Equals(sent, found, StringComparison.Ordinal))
                {
                    Log.Verbose($"ECS CreateCapacityProvider: '{request.Name}' uses the Auto Scaling group that was sent; it is the one this call made.");
                    return existing;
                }
                throw new AwsOutcomeUnknownException(Service.ServiceId, ex.Operation, request.Name,
                    $"An attempt of CreateCapacityProvider lost its answer and the repeat says '{request.Name}' already exists, " +
                    (existing == null
                        ? "but it could not be read back."
                        : $"but it uses the Auto Scaling group {found ?? "(none)"}, not {sent}: it is not the one this call asked for."), ex);
            }
        }

        private static bool SaysAlreadyExists(AwsServiceException ex)
            => (ex.ErrorCode == "ClientException" || ex.ErrorCode == "InvalidParameterException" || ex.ErrorCode == "ResourceInUseException")
               && ex.ServiceMessage != null && ex.ServiceMessage.IndexOf("already exist", StringComparison.OrdinalIgnoreCase) >= 0;
    }
}
