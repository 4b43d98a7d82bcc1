using System;
using System.Text.RegularExpressions;

namespace EcsPS.Engine.Ecr
{
    /// <summary>
    /// An image reference as a container definition or a user writes it, read for what ECR needs:
    /// whether it lives in a private ECR registry, and if so which account, region, repository,
    /// tag or digest. Parsing lives here once so that Resolve-EcrImageX and -PinDigest decide the
    /// same way about the same string.
    /// </summary>
    public sealed class EcrImageReference
    {
        public const string RepositoryPattern = "(?:[a-z0-9]+(?:[._-][a-z0-9]+)*/)*[a-z0-9]+(?:[._-][a-z0-9]+)*";
        public const string TagPattern = "[A-Za-z0-9_][A-Za-z0-9_.-]{0,127}";
        public const string DigestPattern = "sha256:[a-f0-9]{64}";

        private static readonly Regex RepositoryRule = new Regex("^" + RepositoryPattern + "$", RegexOptions.CultureInvariant);
        private static readonly Regex TagRule = new Regex("^" + TagPattern + "$", RegexOptions.CultureInvariant);
        private static readonly Regex DigestRule = new Regex("^" + DigestPattern + "$", RegexOptions.CultureInvariant);
        // Private ECR hosts, including the FIPS and China partition spellings.
        private static readonly Regex EcrHost = new Regex(
            @"^(?<account>\d{12})\.dkr\.ecr(?:-fips)?\.(?<region>[a-z]{2}(?:-[a-z]+)+-\d+)\.(?:amazonaws\.com(?:\.cn)?|on\.aws)$",
            RegexOptions.CultureInvariant | RegexOptions.IgnoreCase);

        private EcrImageReference() { }

        /// <summary>The registry host as written (null: no host, a repository of the caller's registry).</summary>
        public string Host { get; private set; }
        /// <summary>The account of an ECR host (null without a host).</summary>
        public string RegistryId { get; private set; }
        /// <summary>The region of an ECR host (null without a host).</summary>
        public string Region { get; private set; }
        public string RepositoryName { get; private set; }
        public string ImageTag { get; private set; }
        public string ImageDigest { get; private set; }
        /// <summary>Whether the image is in a private ECR registry (or names no host, and so is
        /// taken as a repository of the caller's own registry).</summary>
        public bool IsEcr { get; private set; }
        public string Original { get; private set; }

        public static bool IsRepositoryName(string name)
            => name != null && name.Length >= 2 && name.Length <= 256 && RepositoryRule.IsMatch(name);

        public static bool IsTag(string tag) => tag != null && TagRule.IsMatch(tag);

        public static bool IsDigest(string digest) => digest != null && DigestRule.IsMatch(digest);

        /// <summary>
        /// Reads a reference; returns null with a reason when it cannot be one. A reference with
        /// a host that is not private ECR (docker.io, public.ecr.aws, a private registry) parses,
        /// with <see cref="IsEcr"/> false: the caller decides what to do with it.
        /// </summary>
        public static EcrImageReference TryParse(string image, out string problem)
        {
            problem = null;
            if (string.IsNullOrWhiteSpace(image)) { problem = "The image is empty."; return null; }
            var text = image.Trim();
            var reference = new EcrImageReference { Original = text };
            var rest = text;
            var slash = rest.IndexOf('/');
            if (slash > 0)
            {
                var first = rest.Substring(0, slash);
                // Docker's rule: the first part is a host when it has a dot or a port, or is localhost.
                if (first.IndexOf('.') >= 0 || first.IndexOf(':') >= 0 || first == "localhost")
                {
                    reference.Host = first;
                    rest = rest.Substring(slash + 1);
                }
            }
            var at = rest.IndexOf('@');
            if (at >= 0)
            {
                reference.ImageDigest = rest.Substring(at + 1);
                rest = rest.Substring(0, at);
            }
            var colon = rest.LastIndexOf(':');
            if (colon >= 0)
            {
                reference.ImageTag = rest.Substring(colon + 1);
                rest = rest.Substring(0, colon);
            }
            reference.RepositoryName = rest;
            if (reference.Host != null)
            {
                var host = EcrHost.Match(reference.Host);
                if (!host.Success) { reference.IsEcr = false; return reference; }
                reference.RegistryId = host.Groups["account"].Value;
                reference.Region = host.Groups["region"].Value.ToLowerInvariant();
            }
            reference.IsEcr = true;
            if (!IsRepositoryName(rest))
            {
                problem = $"'{rest}' is not an ECR repository name: 2 to 256 lowercase letters, digits and . _ - /, " +
                          "each part starting and ending with a letter or digit.";
                return null;
            }
            if (reference.ImageTag != null && !IsTag(reference.ImageTag))
            {
                problem = $"'{reference.ImageTag}' is not an image tag: up to 128 letters, digits, _ . and -, not starting with . or -.";
                return null;
            }
            if (reference.ImageDigest != null && !IsDigest(reference.ImageDigest))
            {
                problem = $"'{reference.ImageDigest}' is not an image digest: sha256: and 64 lowercase hex digits.";
                return null;
            }
            if (reference.ImageTag == null && reference.ImageDigest == null) reference.ImageTag = "latest";
            return reference;
        }

        /// <summary>The reference pinned to a digest: the registry host as written (or the one
        /// ECR's repository URI gives), the repository, the digest; the tag is dropped, since a
        /// digest says everything and ECS accepts either but not both in one image.</summary>
        public string PinnedTo(string registryHost, string digest)
            => (registryHost ?? Host) + "/" + RepositoryName + "@" + digest;
    }
}
