using System;
using System.Globalization;
using System.Management.Automation;

namespace EcsPS.Common
{
    /// <summary>
    /// Lets a TimeSpan parameter take a number of seconds (-Timeout 600) as well as a TimeSpan
    /// ('00:10:00', New-TimeSpan -Minutes 10). PowerShell alone would read 600 as 600 ticks.
    /// Also enforces a range, since ValidateRange cannot compare TimeSpans here.
    /// </summary>
    [AttributeUsage(AttributeTargets.Property | AttributeTargets.Field)]
    public sealed class DurationAttribute : ArgumentTransformationAttribute
    {
        public string Minimum { get; set; }
        public string Maximum { get; set; }

        public override object Transform(EngineIntrinsics engineIntrinsics, object inputData)
        {
            var value = inputData is PSObject pso ? pso.BaseObject : inputData;
            TimeSpan span;
            switch (value)
            {
                case TimeSpan t: span = t; break;
                case int _: case long _: case double _: case decimal _: case float _: case short _:
                    span = TimeSpan.FromSeconds(Convert.ToDouble(value, CultureInfo.InvariantCulture));
                    break;
                case string text when double.TryParse(text, NumberStyles.Float, CultureInfo.InvariantCulture, out var seconds):
                    span = TimeSpan.FromSeconds(seconds);
                    break;
                case string text when TimeSpan.TryParse(text, CultureInfo.InvariantCulture, out var parsed):
                    span = parsed;
                    break;
                default:
                    throw new ArgumentTransformationMetadataException(
                        $"'{value}' is not a duration. Give seconds (600) or a TimeSpan ('00:10:00', (New-TimeSpan -Minutes 10)).");
            }
            var min = Minimum == null ? TimeSpan.Zero : TimeSpan.Parse(Minimum, CultureInfo.InvariantCulture);
            var max = Maximum == null ? TimeSpan.MaxValue : TimeSpan.Parse(Maximum, CultureInfo.InvariantCulture);
            if (span < min || span > max)
                throw new ArgumentTransformationMetadataException(
                    $"{span} is outside the allowed range {min} to {max}.");
            return span;
        }
    }
}
