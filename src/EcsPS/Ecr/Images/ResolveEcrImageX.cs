using System.Management.Automation;
using EcsPS.Engine.Ecr;

namespace EcsPS.Ecr.Images
{
    /// <summary>
    /// An ECR image reference pinned to its digest: '&lt;registry&gt;/&lt;repository&gt;@sha256:…'.
    /// Only private ECR images can be pinned; anything else is an error that says so.
    /// </summary>
    [Cmdlet(VerbsDiagnostic.Resolve, "EcrImageX")]
    [OutputType(typeof(string))]
    public sealed class ResolveEcrImageX : EcrCmdletBase
    {
        [Parameter(Mandatory = true, Position = 0, ValueFromPipeline = true, ValueFromPipelineByPropertyName = true)]
        [ValidateNotNullOrEmpty]
        [Alias("ImageUri")]
        public string[] Image { get; set; }

        protected override void ProcessRecord()
        {
            foreach (var image in Image)
            {
                var reference = EcrImageReference.TryParse(image, out var problem);
                if (reference == null)
                {
                    WriteError(new ErrorRecord(new System.ArgumentException(problem), "InvalidImageReference", ErrorCategory.InvalidArgument, image));
                    continue;
                }
                if (!reference.IsEcr)
                {
                    WriteError(new ErrorRecord(new System.ArgumentException(
                        $"'{image}' is not in a private ECR registry (<account>.dkr.ecr.<region>.amazonaws.com), so ECR cannot pin it; " +
                        "images of Docker Hub, public.ecr.aws or other registries are used as given."), "NotAnEcrImage", ErrorCategory.InvalidArgument, image));
                    continue;
                }
                string pinned = null;
                var found = Guard(() =>
                {
                    try
                    {
                        pinned = new EcrDigestPinner(region => EcrIn(region), WriteVerbose).Pin(image, CancellationToken);
                    }
                    catch (EcrImageNotFoundException ex)
                    {
                        var record = new ErrorRecord(new ItemNotFoundException(ex.Message), "ImageNotFoundException", ErrorCategory.ObjectNotFound, image);
                        record.ErrorDetails = new ErrorDetails(ex.Message) { RecommendedAction = EcrErrorAdvice.ByCode["ImageNotFoundException"] };
                        WriteError(record);
                    }
                }, image);
                if (found && pinned != null) WriteObject(pinned);
            }
        }
    }
}
