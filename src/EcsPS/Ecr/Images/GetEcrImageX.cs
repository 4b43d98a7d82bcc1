using System.Collections.Generic;
using System.Linq;
using System.Management.Automation;
using EcsPS.Engine.Ecr;
using EcsPS.Engine.Ecr.Model;
using EcsPS.Engine.Runtime;

namespace EcsPS.Ecr.Images
{
    /// <summary>
    /// Images of a repository, newest first. The order needs every page of DescribeImages read
    /// before the first image is written (ECR pages in no particular order); a repository's
    /// images are few enough for that, and -First then cuts the sorted list.
    /// </summary>
    [Cmdlet(VerbsCommon.Get, "EcrImageX")]
    [OutputType(typeof(EcrImage))]
    public sealed class GetEcrImageX : EcrCmdletBase
    {
        [Parameter(Mandatory = true, Position = 0, ValueFromPipeline = true, ValueFromPipelineByPropertyName = true)]
        [ValidateEcrValue("repository")]
        [ArgumentCompleter(typeof(RepositoryNameCompleter))]
        public string RepositoryName { get; set; }

        [Parameter(Position = 1)]
        [ValidateEcrValue("tag", AllowWildcards = true)]
        [SupportsWildcards]
        public string[] Tag { get; set; }

        [Parameter]
        [ValidateEcrValue("digest")]
        public string[] Digest { get; set; }

        [Parameter]
        [ValidateSet("TAGGED", "UNTAGGED", "ANY")]
        public string TagStatus { get; set; }

        [Parameter]
        [ValidateRange(1, int.MaxValue)]
        public int First { get; set; }

        [Parameter(ValueFromPipelineByPropertyName = true)]
        [ValidateEcrValue("registry")]
        public string RegistryId { get; set; }

        // The piped repository's URI, so that each image's pinned URI needs no extra request.
        [Parameter(ValueFromPipelineByPropertyName = true, DontShow = true)]
        public string RepositoryUri { get; set; }

        protected override void Begin()
        {
            if (TagStatus == "UNTAGGED" && Tag != null)
                ThrowArgumentError("-Tag and -TagStatus UNTAGGED exclude each other: untagged images have no tag to match.", "TagWithUntagged", Tag);
        }

        protected override void ProcessRecord()
        {
            var repository = RepositoryName;
            var uri = MyInvocation.BoundParameters.ContainsKey(nameof(RepositoryUri)) ? RepositoryUri : null;
            Guard(() =>
            {
                if (uri == null)
                    uri = Ecr.DescribeRepositories(RegistryId, new[] { repository }, CancellationToken)
                        .SelectMany(r => r.Items).FirstOrDefault()?.RepositoryUri;
                var images = new List<EcrImage>();
                var exactTags = (Tag ?? new string[0]).Where(t => !WildcardPattern.ContainsWildcardCharacters(t)).ToList();
                var patterns = (Tag ?? new string[0]).Where(WildcardPattern.ContainsWildcardCharacters)
                    .Select(t => new WildcardPattern(t, WildcardOptions.IgnoreCase)).ToList();
                var ids = exactTags.Select(t => new ImageIdentifier { ImageTag = t })
                    .Concat((Digest ?? new string[0]).Select(d => new ImageIdentifier { ImageDigest = d })).ToList();
                if (ids.Count > 0)
                    foreach (var result in Ecr.DescribeImages(RegistryId, repository, ids, CancellationToken))
                    {
                        images.AddRange(result.Items.Select(d => EcrImage.From(d, uri)));
                        foreach (var failure in result.Failures)
                        {
                            var separator = failure.Requested.StartsWith("sha256:") ? "@" : ":";
                            WriteFailure(new FailureRef(repository + separator + failure.Requested, null, "MISSING", null), "image");
                        }
                    }
                if (ids.Count == 0 || patterns.Count > 0)
                {
                    var listed = 0;
                    foreach (var page in Ecr.ImagePages(RegistryId, repository, TagStatus, CancellationToken))
                        foreach (var detail in page)
                        {
                            listed++;
                            if (patterns.Count > 0 && !(detail.ImageTags ?? new List<string>()).Any(t => patterns.Any(p => p.IsMatch(t)))) continue;
                            images.Add(EcrImage.From(detail, uri));
                        }
                    if (patterns.Count > 0 && listed > 0 && images.Count == 0)
                        WriteVerbose($"No image of repository '{repository}' has a tag that matches '{string.Join("', '", Tag.Where(WildcardPattern.ContainsWildcardCharacters))}'.");
                    else if (listed == 0)
                        WriteVerbose($"The repository '{repository}' has no " + (TagStatus == null || TagStatus == "ANY" ? "" : TagStatus.ToLowerInvariant() + " ") + "images.");
                }
                var distinct = images.GroupBy(i => i.ImageDigest).Select(g => g.First());
                var sorted = EcrImage.NewestFirst(distinct);
                foreach (var image in First > 0 ? sorted.Take(First) : sorted) WriteObject(image);
            }, repository);
        }
    }
}
