using System;
using System.Collections.Generic;
using System.Linq;
using System.Threading;
using EcsPS.Engine.Ecr.Model;

namespace EcsPS.Engine.Ecr
{
    /// <summary>
    /// One image of a repository, flattened for the prompt: the size in MB and the scan's finding
    /// counts are properties of their own, so that Sort-Object and Where-Object reach them.
    /// </summary>
    public sealed class EcrImage
    {
        public string RegistryId { get; set; }
        public string RepositoryName { get; set; }
        public string[] ImageTags { get; set; }
        public string ImageDigest { get; set; }
        public DateTime? ImagePushedAt { get; set; }
        public long? ImageSizeInBytes { get; set; }
        /// <summary>Size in MB (10^6 bytes, as the ECR console shows it), two decimals.</summary>
        public double? SizeMB { get; set; }
        public string ScanStatus { get; set; }
        public int Critical { get; set; }
        public int High { get; set; }
        public int Medium { get; set; }
        public int Low { get; set; }
        public Dictionary<string, int> FindingSeverityCounts { get; set; }
        public DateTime? LastRecordedPullTime { get; set; }
        public string ImageManifestMediaType { get; set; }
        /// <summary>The image URI pinned to its digest (when the repository URI is known).</summary>
        public string ImageUri { get; set; }
        public ImageDetail Detail { get; set; }

        public static EcrImage From(ImageDetail d, string repositoryUri)
        {
            var counts = d.ImageScanFindingsSummary?.FindingSeverityCounts ?? new Dictionary<string, int>();
            int Count(string severity) => counts.TryGetValue(severity, out var n) ? n : 0;
            return new EcrImage
            {
                RegistryId = d.RegistryId,
                RepositoryName = d.RepositoryName,
                ImageTags = (d.ImageTags ?? new List<string>()).ToArray(),
                ImageDigest = d.ImageDigest,
                ImagePushedAt = d.ImagePushedAt,
                ImageSizeInBytes = d.ImageSizeInBytes,
                SizeMB = d.ImageSizeInBytes == null ? (double?)null : Math.Round(d.ImageSizeInBytes.Value / 1000000.0, 2),
                ScanStatus = d.ImageScanStatus?.Status,
                Critical = Count("CRITICAL"),
                High = Count("HIGH"),
                Medium = Count("MEDIUM"),
                Low = Count("LOW"),
                FindingSeverityCounts = counts,
                LastRecordedPullTime = d.LastRecordedPullTime,
                ImageManifestMediaType = d.ImageManifestMediaType,
                ImageUri = repositoryUri == null || d.ImageDigest == null ? null : repositoryUri + "@" + d.ImageDigest,
                Detail = d,
            };
        }

        /// <summary>Newest first; images with no push time last. The order needs every page read first.</summary>
        public static IEnumerable<EcrImage> NewestFirst(IEnumerable<EcrImage> images)
            => images.OrderByDescending(i => i.ImagePushedAt ?? DateTime.MinValue).ThenBy(i => i.ImageDigest, StringComparer.Ordinal);
    }

    /// <summary>
    /// Pins image references to digests for a deploy: every ECR image is looked up by its tag
    /// before anything is registered, so a tag that does not exist stops the deploy with nothing
    /// made, and what runs is exactly the image that was tested. Images outside private ECR are
    /// left as given.
    /// </summary>
    public sealed class EcrDigestPinner
    {
        private readonly Func<string, EcrClient> _clientIn;
        private readonly Action<string> _verbose;
        private readonly bool _hostlessMayBeElsewhere;

        /// <param name="clientIn">The ECR client of a region (null: the command's).</param>
        /// <param name="hostlessMayBeElsewhere">Whether an image with no registry host whose
        /// repository the caller's registry does not have is left as given: 'nginx:1.27' in a
        /// container definition is Docker Hub's, and a deploy must not fail on it. Resolve-EcrImageX,
        /// asked to pin exactly that, reports the missing repository instead.</param>
        public EcrDigestPinner(Func<string, EcrClient> clientIn, Action<string> verbose, bool hostlessMayBeElsewhere = false)
        {
            _clientIn = clientIn;
            _verbose = verbose ?? (_ => { });
            _hostlessMayBeElsewhere = hostlessMayBeElsewhere;
        }

        /// <summary>The pinned form of an image, or the image itself when it is not in private ECR
        /// or already names a digest. Throws <see cref="EcrImageNotFoundException"/> for a tag that does not exist.</summary>
        public string Pin(string image, CancellationToken ct)
        {
            var reference = EcrImageReference.TryParse(image, out var problem);
            if (reference == null) throw new ArgumentException(problem);
            if (!reference.IsEcr)
            {
                _verbose($"'{image}' is not in a private ECR registry; it is used as given, not pinned to a digest.");
                return image;
            }
            var client = _clientIn(reference.Region);
            var id = reference.ImageDigest != null
                ? new ImageIdentifier { ImageDigest = reference.ImageDigest }
                : new ImageIdentifier { ImageTag = reference.ImageTag };
            ImageDetail detail;
            try
            {
                detail = client.FindImage(reference.RegistryId, reference.RepositoryName, id, ct);
            }
            catch (Runtime.AwsServiceException ex) when (ex.ErrorCode == "RepositoryNotFoundException" && reference.Host == null && _hostlessMayBeElsewhere)
            {
                _verbose($"'{image}' names no registry and the caller's ECR registry has no repository '{reference.RepositoryName}'; " +
                         "it is taken as a Docker Hub image and used as given, not pinned to a digest.");
                return image;
            }
            if (detail == null) throw new EcrImageNotFoundException(reference);
            var host = reference.Host ?? HostOf(client, reference, ct);
            var pinned = reference.PinnedTo(host, detail.ImageDigest);
            _verbose($"'{image}' is pinned to '{pinned}'.");
            return pinned;
        }

        private static string HostOf(EcrClient client, EcrImageReference reference, CancellationToken ct)
        {
            // No host in the reference: the repository URI ECR gives names the registry.
            var repository = client.DescribeRepositories(reference.RegistryId, new[] { reference.RepositoryName }, ct)
                .SelectMany(r => r.Items).FirstOrDefault();
            var uri = repository?.RepositoryUri;
            if (uri == null) throw new EcrImageNotFoundException(reference);
            return uri.Substring(0, uri.IndexOf('/'));
        }
    }

    /// <summary>An ECR image (tag or digest) that does not exist; nothing was changed because of it.</summary>
    public sealed class EcrImageNotFoundException : Exception
    {
        public EcrImageNotFoundException(EcrImageReference reference)
            : base($"The image '{reference.Original}' was not found: repository '{reference.RepositoryName}' has no image " +
                   (reference.ImageDigest != null ? "with digest " + reference.ImageDigest : "tagged '" + reference.ImageTag + "'") +
                   (reference.RegistryId != null ? $" in registry {reference.RegistryId} ({reference.Region})." : " in this account and region."))
        {
            Reference = reference;
        }

        public EcrImageReference Reference { get; }
    }
}
