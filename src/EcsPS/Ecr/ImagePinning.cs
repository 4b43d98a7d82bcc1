using System;
using System.Collections;
using System.Collections.Generic;
using System.Management.Automation;
using EcsPS.Common;
using EcsPS.Engine.Ecr;

namespace EcsPS.Ecr
{
    /// <summary>
    /// -PinDigest of Update-EcsServiceX and Register-EcsTaskDefinitionX: the -Image map with each
    /// ECR image replaced by its digest-pinned URI, looked up before anything is registered.
    /// Pinned once per command (the map is the same for every piped item).
    /// </summary>
    internal sealed class ImagePinning
    {
        private readonly AwsCmdletBase _cmdlet;
        private readonly Dictionary<string, string> _pinned = new Dictionary<string, string>(StringComparer.Ordinal);

        public ImagePinning(AwsCmdletBase cmdlet) => _cmdlet = cmdlet;

        /// <summary>
        /// The map pinned, or null after reporting why not (a tag or digest that does not exist is
        /// ImageNotFoundException; other ECR errors as the service gives them). <paramref name="region"/>
        /// is where an image with no registry host is looked up (the region the change is made in).
        /// </summary>
        public IDictionary Pin(IDictionary images, string region, object target)
        {
            var result = new Hashtable(StringComparer.OrdinalIgnoreCase);
            var pinner = new EcrDigestPinner(r => _cmdlet.ClientInRegion(r ?? region, (o, l) => new EcrClient(o, l)), _cmdlet.WriteVerbose, hostlessMayBeElsewhere: true);
            foreach (DictionaryEntry entry in images)
            {
                var image = entry.Value is null ? null : LanguagePrimitives.ConvertTo<string>(entry.Value);
                if (image == null) { result[entry.Key] = entry.Value; continue; }
                var key = (region ?? string.Empty) + "|" + image;
                if (!_pinned.TryGetValue(key, out var pinned))
                {
                    try
                    {
                        if (!_cmdlet.GuardWork(() => pinned = pinner.Pin(image, _cmdlet.Cancellation), image)) return null;
                    }
                    catch (EcrImageNotFoundException ex)
                    {
                        var record = new ErrorRecord(new ItemNotFoundException(ex.Message + " Nothing was registered."), "ImageNotFoundException", ErrorCategory.ObjectNotFound, target ?? image);
                        record.ErrorDetails = new ErrorDetails(record.Exception.Message) { RecommendedAction = EcrErrorAdvice.ByCode["ImageNotFoundException"] };
                        _cmdlet.WriteError(record);
                        return null;
                    }
                    catch (ArgumentException ex)
                    {
                        _cmdlet.WriteError(new ErrorRecord(ex, "InvalidImageReference", ErrorCategory.InvalidArgument, image));
                        return null;
                    }
                    _pinned[key] = pinned;
                }
                result[entry.Key] = pinned;
            }
            return result;
        }
    }
}
