using System;
using System.Collections.Generic;
using System.Linq;
using System.Text;
using System.Threading;
using EcsPS.Engine.Ecr.Model;
using EcsPS.Engine.Runtime;

namespace EcsPS.Engine.Ecr
{
    /// <summary>
    /// What ECR needs beyond one request per call: listings that page, describes that batch, and
    /// ECR's way of saying "missing" (the whole request fails with RepositoryNotFoundException or
    /// ImageNotFoundException, naming no item) turned into one failure per name asked for.
    /// </summary>
    public sealed partial class EcrClient
    {
        public const int DescribeRepositoriesBatchSize = 100;
        public const int DescribeImagesBatchSize = 100;
        public const int PageSize = 1000;

        // ---- repositories ------------------------------------------------------------------

        /// <summary>Every repository of a registry (null: the caller's), a page at a time.</summary>
        public IEnumerable<IReadOnlyList<Repository>> RepositoryPages(string registryId, CancellationToken ct)
            => Pager.Pages<Repository>(token =>
            {
                var page = DescribeRepositories(new DescribeRepositoriesRequest { RegistryId = registryId, NextToken = token, MaxResults = PageSize }, ct);
                return (page.Repositories ?? new List<Repository>(), page.NextToken);
            });

        /// <summary>Every repository name of a registry, a page at a time (for wildcards and completion).</summary>
        public IEnumerable<IReadOnlyList<string>> ListRepositoryNames(string registryId, CancellationToken ct)
            => RepositoryPages(registryId, ct).Select(page => (IReadOnlyList<string>)page.Select(r => r.RepositoryName).ToList());

        /// <summary>
        /// Describes repositories by name, 100 to a request. One missing name fails ECR's whole
        /// request, so a batch that fails that way is asked again name by name, which tells the
        /// missing ones (reported MISSING) from the rest.
        /// </summary>
        public IEnumerable<DescribeResult<Repository>> DescribeRepositories(string registryId, IEnumerable<string> names, CancellationToken ct)
        {
            foreach (var batch in Pager.Chunk(names, DescribeRepositoriesBatchSize))
            {
                List<Repository> found = null;
                try
                {
                    found = DescribeRepositories(new DescribeRepositoriesRequest { RegistryId = registryId, RepositoryNames = batch.ToList() }, ct).Repositories
                            ?? new List<Repository>();
                }
                catch (AwsServiceException ex) when (ex.ErrorCode == "RepositoryNotFoundException")
                {
                }
                if (found != null)
                {
                    yield return new DescribeResult<Repository>(found, Missing(batch, found.Select(r => r.RepositoryName)));
                    continue;
                }
                foreach (var name in batch)
                {
                    Repository one = null;
                    try
                    {
                        one = DescribeRepositories(new DescribeRepositoriesRequest { RegistryId = registryId, RepositoryNames = new List<string> { name } }, ct)
                            .Repositories?.FirstOrDefault();
                    }
                    catch (AwsServiceException ex) when (ex.ErrorCode == "RepositoryNotFoundException")
                    {
                    }
                    yield return one != null
                        ? new DescribeResult<Repository>(new[] { one }, new FailureRef[0])
                        : new DescribeResult<Repository>(new Repository[0], new[] { new FailureRef(name, null, "MISSING", null) });
                }
            }
        }

        private static IReadOnlyList<FailureRef> Missing(IEnumerable<string> asked, IEnumerable<string> found)
        {
            var have = new HashSet<string>(found.Where(n => n != null), StringComparer.Ordinal);
            return asked.Where(n => !have.Contains(n)).Select(n => new FailureRef(n, null, "MISSING", null)).ToList();
        }

        // ---- images ------------------------------------------------------------------------

        /// <summary>Every image of a repository (tagStatus TAGGED, UNTAGGED or ANY; null: ANY), a page at a time.</summary>
        public IEnumerable<IReadOnlyList<ImageDetail>> ImagePages(string registryId, string repositoryName, string tagStatus, CancellationToken ct)
            => Pager.Pages<ImageDetail>(token =>
            {
                var page = DescribeImages(new DescribeImagesRequest
                {
                    RegistryId = registryId,
                    RepositoryName = repositoryName,
                    NextToken = token,
                    MaxResults = PageSize,
                    Filter = tagStatus == null ? null : new DescribeImagesFilter { TagStatus = tagStatus },
                }, ct);
                return (page.ImageDetails ?? new List<ImageDetail>(), page.NextToken);
            });

        /// <summary>
        /// Describes images of one repository by tag or digest, 100 to a request. A missing one
        /// fails ECR's whole request with ImageNotFoundException, so such a batch is asked again
        /// one by one; each missing image comes back as a MISSING failure whose Requested is the
        /// tag or digest. A missing repository is left to throw: it is not one image's problem.
        /// </summary>
        public IEnumerable<DescribeResult<ImageDetail>> DescribeImages(string registryId, string repositoryName, IEnumerable<ImageIdentifier> ids, CancellationToken ct)
        {
            foreach (var batch in Pager.Chunk(ids, DescribeImagesBatchSize))
            {
                List<ImageDetail> found = null;
                try
                {
                    found = DescribeImages(new DescribeImagesRequest { RegistryId = registryId, RepositoryName = repositoryName, ImageIds = batch.ToList() }, ct)
                        .ImageDetails ?? new List<ImageDetail>();
                }
                catch (AwsServiceException ex) when (ex.ErrorCode == "ImageNotFoundException")
                {
                }
                if (found != null)
                {
                    var missing = batch.Where(id => !found.Any(d => Matches(d, id))).Select(id => new FailureRef(Describe(id), null, "MISSING", null)).ToList();
                    yield return new DescribeResult<ImageDetail>(found, missing);
                    continue;
                }
                foreach (var id in batch)
                {
                    var one = FindImage(registryId, repositoryName, id, ct);
                    yield return one != null
                        ? new DescribeResult<ImageDetail>(new[] { one }, new FailureRef[0])
                        : new DescribeResult<ImageDetail>(new ImageDetail[0], new[] { new FailureRef(Describe(id), null, "MISSING", null) });
                }
            }
        }

        /// <summary>One image by tag or digest, or null when the repository has no such image.</summary>
        public ImageDetail FindImage(string registryId, string repositoryName, ImageIdentifier id, CancellationToken ct)
        {
            try
            {
                return DescribeImages(new DescribeImagesRequest { RegistryId = registryId, RepositoryName = repositoryName, ImageIds = new List<ImageIdentifier> { id } }, ct)
                    .ImageDetails?.FirstOrDefault(d => Matches(d, id));
            }
            catch (AwsServiceException ex) when (ex.ErrorCode == "ImageNotFoundException")
            {
                return null;
            }
        }

        private static bool Matches(ImageDetail detail, ImageIdentifier id)
            => (id.ImageDigest == null || string.Equals(detail.ImageDigest, id.ImageDigest, StringComparison.Ordinal))
               && (id.ImageTag == null || (detail.ImageTags ?? new List<string>()).Contains(id.ImageTag));

        /// <summary>How an image id reads in messages: the tag, or the digest.</summary>
        public static string Describe(ImageIdentifier id) => id.ImageTag ?? id.ImageDigest;

        // ---- authorization -----------------------------------------------------------------

        /// <summary>
        /// The docker login password of each registry asked for (none: the caller's own). The
        /// token is base64 of "AWS:&lt;password&gt;"; only the password is kept, and it stays out of
        /// every log line (LogRedaction lists authorizationToken for ECR).
        /// </summary>
        public IReadOnlyList<EcrLogin> GetLogins(IEnumerable<string> registryIds, CancellationToken ct)
        {
            var ids = registryIds?.Distinct(StringComparer.Ordinal).ToList();
            var response = GetAuthorizationToken(new GetAuthorizationTokenRequest { RegistryIds = ids != null && ids.Count > 0 ? ids : null }, ct);
            return (response.AuthorizationData ?? new List<AuthorizationData>()).Select(EcrLogin.From).ToList();
        }
    }

    /// <summary>A registry's docker login: user name, password and when it expires.</summary>
    public sealed class EcrLogin
    {
        public string UserName { get; private set; }
        public string Password { get; private set; }
        /// <summary>The registry host (the proxy endpoint without its scheme).</summary>
        public string Registry { get; private set; }
        public DateTime? ExpiresAt { get; private set; }

        internal static EcrLogin From(AuthorizationData data)
        {
            string decoded;
            try
            {
                decoded = Encoding.UTF8.GetString(Convert.FromBase64String(data.AuthorizationToken ?? string.Empty));
            }
            catch (FormatException)
            {
                // Never the token itself in the message: it is the secret.
                throw new InvalidOperationException("ECR answered with an authorization token that is not base64; no password could be read from it.");
            }
            var colon = decoded.IndexOf(':');
            if (colon < 0)
                throw new InvalidOperationException("ECR answered with an authorization token that is not 'user:password'; no password could be read from it.");
            var endpoint = data.ProxyEndpoint ?? string.Empty;
            var scheme = endpoint.IndexOf("://", StringComparison.Ordinal);
            return new EcrLogin
            {
                UserName = decoded.Substring(0, colon),
                Password = decoded.Substring(colon + 1),
                Registry = (scheme >= 0 ? endpoint.Substring(scheme + 3) : endpoint).TrimEnd('/'),
                ExpiresAt = data.ExpiresAt,
            };
        }
    }
}
