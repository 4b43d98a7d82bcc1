using System.Collections;
using System.Collections.Generic;
using System.Management.Automation;

namespace EcsPS.Ecs
{
    /// <summary>-Image @{ container = 'image:tag' } as name/image pairs.</summary>
    internal static class ImageMap
    {
        public static IEnumerable<KeyValuePair<string, string>> From(IDictionary table)
        {
            foreach (DictionaryEntry entry in table)
                yield return new KeyValuePair<string, string>(entry.Key?.ToString(),
                    entry.Value is null ? null : LanguagePrimitives.ConvertTo<string>(entry.Value));
        }
    }
}
