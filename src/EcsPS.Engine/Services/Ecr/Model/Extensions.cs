using System.Text.Json.Serialization;

namespace EcsPS.Engine.Ecr.Model
{
    // Shortcuts for the table view and for Where-Object: what is nested in the model, one level up.
    public sealed partial class Repository
    {
        /// <summary>Whether images are scanned when they are pushed (ImageScanningConfiguration.ScanOnPush).</summary>
        [JsonIgnore]
        public bool? ScanOnPush => ImageScanningConfiguration?.ScanOnPush;
    }
}
