using System;
using System.Collections.Generic;
using System.Linq;
using System.Threading;
using EcsPS.Engine.Ecs.Model;
using EcsPS.Engine.Runtime;

namespace EcsPS.Engine.Ecs
{
    /// <summary>Tags of any taggable ECS resource, and the account settings.</summary>
    public sealed partial class EcsClient
    {
        /// <summary>ListAccountSettings takes 1 to 10 to a page.</summary>
        public const int AccountSettingsPageSize = 10;

        /// <summary>The resource's tags (an empty list when it has none); null when the resource does not exist.</summary>
        public IReadOnlyList<ResourceTag> FindResourceTags(string resourceArn, CancellationToken ct)
        {
            ListTagsForResourceResponse response;
            try
            {
                response = ListTagsForResource(new ListTagsForResourceRequest { ResourceArn = resourceArn }, ct);
            }
            catch (AwsServiceException ex) when (SaysResourceMissing(ex))
            {
                return null;
            }
            return (response.Tags ?? new List<Tag>()).Select(t => new ResourceTag(resourceArn, t.Key, t.Value)).ToList();
        }

        /// <summary>Adds or overwrites tags; false when the resource does not exist.</summary>
        public bool TagResourceIfFound(string resourceArn, IReadOnlyList<Tag> tags, CancellationToken ct)
        {
            try
            {
                TagResource(new TagResourceRequest { ResourceArn = resourceArn, Tags = tags.ToList() }, ct);
                return true;
            }
            catch (AwsServiceException ex) when (SaysResourceMissing(ex))
            {
                return false;
            }
        }

        /// <summary>Removes tags by key (keys the resource does not have are no error); false when the resource does not exist.</summary>
        public bool UntagResourceIfFound(string resourceArn, IReadOnlyList<string> keys, CancellationToken ct)
        {
            try
            {
                UntagResource(new UntagResourceRequest { ResourceArn = resourceArn, TagKeys = keys.ToList() }, ct);
                return true;
            }
            catch (AwsServiceException ex) when (SaysResourceMissing(ex))
            {
                return false;
            }
        }

        // The tag operations name a missing resource in several ways: ResourceNotFoundException
        // (TagResource, UntagResource), the *NotFoundException of the resource's type (a missing
        // cluster, also for the services and tasks in it), or a ClientException or
        // InvalidParameterException whose message says so (task definitions). The caller knows
        // the resource's type from its ARN and reports one not-found ErrorId per type.
        private static bool SaysResourceMissing(AwsServiceException ex)
        {
            switch (ex.ErrorCode)
            {
                case "ResourceNotFoundException":
                case "ClusterNotFoundException":
                case "ServiceNotFoundException":
                case "TaskSetNotFoundException":
                    return true;
                case "ClientException":
                case "InvalidParameterException":
                    return SaysMissing(ex.ServiceMessage);
                default:
                    return false;
            }
        }

        /// <summary>Account settings that match the request's filters, a page at a time (10 to a page, the API's limit).</summary>
        public IEnumerable<IReadOnlyList<Setting>> ListAccountSettingPages(ListAccountSettingsRequest filter, CancellationToken ct)
            => Pager.Pages<Setting>(token =>
            {
                filter.NextToken = token;
                filter.MaxResults = AccountSettingsPageSize;
                var page = ListAccountSettings(filter, ct);
                return (page.Settings ?? new List<Setting>(), page.NextToken);
            });
    }
}
