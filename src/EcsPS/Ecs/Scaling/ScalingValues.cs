using System;
using System.Globalization;
using System.Management.Automation;
using System.Text.RegularExpressions;

namespace EcsPS.Ecs.Scaling
{
    /// <summary>The rules Application Auto Scaling sets on the values these cmdlets send.</summary>
    internal static class ScalingValues
    {
        /// <summary>ECS runs at most 5,000 tasks per service, so no capacity above that can be reached.</summary>
        internal const int MaxCapacityLimit = 5000;

        private static readonly Regex Cron = new Regex(@"^cron\((\S+ ){5}\S+\)$", RegexOptions.CultureInvariant);
        private static readonly Regex Rate = new Regex(@"^rate\(([1-9][0-9]*) (minute|minutes|hour|hours|day|days)\)$", RegexOptions.CultureInvariant);
        private static readonly Regex At = new Regex(@"^at\((\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2})\)$", RegexOptions.CultureInvariant);
        private static readonly Regex ZoneName = new Regex(@"^(UTC|GMT|[A-Za-z]+(/[A-Za-z0-9_+\-]+){1,2}|Etc/[A-Za-z0-9+\-]+)$", RegexOptions.CultureInvariant);

        /// <summary>Null when the schedule has one of the three forms, else what is allowed.</summary>
        internal static string CheckSchedule(string schedule)
        {
            const string forms = "Give cron(<minutes> <hours> <day of month> <month> <day of week> <year>), such as 'cron(0 22 * * ? *)', rate(<n> minutes|hours|days), such as 'rate(6 hours)', or at(yyyy-mm-ddThh:mm:ss), such as 'at(2026-12-24T18:00:00)'.";
            if (string.IsNullOrWhiteSpace(schedule)) return "The schedule is empty. " + forms;
            if (Cron.IsMatch(schedule)) return null;
            var rate = Rate.Match(schedule);
            if (rate.Success)
            {
                var singular = rate.Groups[1].Value == "1";
                return singular == !rate.Groups[2].Value.EndsWith("s", StringComparison.Ordinal) ? null
                    : $"'{schedule}' mixes the count and the unit: write rate(1 {rate.Groups[2].Value.TrimEnd('s')}) for one and rate(<n> {rate.Groups[2].Value.TrimEnd('s')}s) for more.";
            }
            var at = At.Match(schedule);
            if (at.Success)
                return DateTime.TryParseExact(at.Groups[1].Value, "yyyy-MM-dd'T'HH:mm:ss", CultureInfo.InvariantCulture, DateTimeStyles.None, out _)
                    ? null : $"'{schedule}' names no real date and time. " + forms;
            return $"'{schedule}' is not a schedule expression. " + forms;
        }

        /// <summary>Null for an IANA time zone name (as far as this platform can tell), else what is allowed.</summary>
        internal static string CheckTimeZone(string zone)
        {
            const string allowed = "Give an IANA time zone name, such as 'Europe/Berlin', 'America/New_York' or 'UTC'.";
            if (string.IsNullOrEmpty(zone) || !ZoneName.IsMatch(zone)) return $"'{zone}' is not a time zone name. {allowed}";
            // Where the platform knows IANA names (Linux, macOS, .NET 6+ on Windows), an unknown
            // one is a typo; where it does not, the pattern is all that can be checked here.
            if (!Knows(zone) && Knows("America/New_York")) return $"'{zone}' is not a known time zone. {allowed}";
            return null;
        }

        private static bool Knows(string zone)
        {
            try
            {
                TimeZoneInfo.FindSystemTimeZoneById(zone);
                return true;
            }
            catch (Exception e) when (e is TimeZoneNotFoundException || e is InvalidTimeZoneException)
            {
                return false;
            }
        }

        /// <summary>Null for a policy or scheduled action name Application Auto Scaling takes.</summary>
        internal static string CheckName(string kind, string name, int maxLength)
        {
            var allowed = $"A {kind} name is 1 to {maxLength} printable characters, without ':', '/' or '|' and without spaces at either end.";
            if (string.IsNullOrEmpty(name) || name.Length > maxLength || name.Trim() != name) return $"'{name}' is not a valid {kind} name. {allowed}";
            foreach (var c in name)
                if (char.IsControl(c) || c == ':' || c == '/' || c == '|') return $"'{name}' is not a valid {kind} name. {allowed}";
            return null;
        }
    }

    [AttributeUsage(AttributeTargets.Property | AttributeTargets.Field)]
    public sealed class ValidateScheduleAttribute : ValidateArgumentsAttribute
    {
        protected override void Validate(object arguments, EngineIntrinsics engineIntrinsics)
        {
            var message = ScalingValues.CheckSchedule((arguments is PSObject p ? p.BaseObject : arguments)?.ToString());
            if (message != null) throw new ValidationMetadataException(message);
        }
    }

    [AttributeUsage(AttributeTargets.Property | AttributeTargets.Field)]
    public sealed class ValidateTimeZoneNameAttribute : ValidateArgumentsAttribute
    {
        protected override void Validate(object arguments, EngineIntrinsics engineIntrinsics)
        {
            var message = ScalingValues.CheckTimeZone((arguments is PSObject p ? p.BaseObject : arguments)?.ToString());
            if (message != null) throw new ValidationMetadataException(message);
        }
    }

    /// <summary>Policy names get a suffix (-cpu, -memory, -requests), so they leave room for it.</summary>
    [AttributeUsage(AttributeTargets.Property | AttributeTargets.Field)]
    public sealed class ValidateScalingNameAttribute : ValidateArgumentsAttribute
    {
        public ValidateScalingNameAttribute(string kind, int maxLength)
        {
            Kind = kind;
            MaxLength = maxLength;
        }

        public string Kind { get; }
        public int MaxLength { get; }

        protected override void Validate(object arguments, EngineIntrinsics engineIntrinsics)
        {
            var message = ScalingValues.CheckName(Kind, (arguments is PSObject p ? p.BaseObject : arguments)?.ToString(), MaxLength);
            if (message != null) throw new ValidationMetadataException(message);
        }
    }

    /// <summary>
    /// -Since: a duration back from now (seconds, a TimeSpan, '01:00:00', or '30m', '2h', '7d') or a
    /// point in time (a DateTime or a date string), always given on as a UTC DateTime.
    /// </summary>
    [AttributeUsage(AttributeTargets.Property | AttributeTargets.Field)]
    public sealed class SinceAttribute : ArgumentTransformationAttribute
    {
        private static readonly Regex Short = new Regex(@"^(\d+)\s*(m|h|d)$", RegexOptions.CultureInvariant | RegexOptions.IgnoreCase);

        public override object Transform(EngineIntrinsics engineIntrinsics, object inputData)
        {
            var value = inputData is PSObject pso ? pso.BaseObject : inputData;
            var now = DateTime.UtcNow;
            switch (value)
            {
                case DateTime d: return d.ToUniversalTime();
                case DateTimeOffset o: return o.UtcDateTime;
                case TimeSpan t when t >= TimeSpan.Zero: return now - t;
                case int _: case long _: case double _: case decimal _:
                    var seconds = Convert.ToDouble(value, CultureInfo.InvariantCulture);
                    if (seconds >= 0) return now.AddSeconds(-seconds);
                    break;
                case string text:
                    var m = Short.Match(text.Trim());
                    if (m.Success)
                    {
                        var n = double.Parse(m.Groups[1].Value, CultureInfo.InvariantCulture);
                        switch (char.ToLowerInvariant(m.Groups[2].Value[0]))
                        {
                            case 'm': return now.AddMinutes(-n);
                            case 'h': return now.AddHours(-n);
                            default: return now.AddDays(-n);
                        }
                    }
                    if (double.TryParse(text, NumberStyles.Float, CultureInfo.InvariantCulture, out var s) && s >= 0) return now.AddSeconds(-s);
                    if (TimeSpan.TryParse(text, CultureInfo.InvariantCulture, out var span) && span >= TimeSpan.Zero) return now - span;
                    if (DateTime.TryParse(text, CultureInfo.InvariantCulture, DateTimeStyles.AdjustToUniversal | DateTimeStyles.AssumeLocal, out var date)) return date;
                    break;
            }
            throw new ArgumentTransformationMetadataException(
                $"'{value}' is neither a duration nor a date. Give how far back (3600, '01:00:00', '30m', '2h', '7d', (New-TimeSpan -Hours 1)) or when ('2026-12-01 08:00', (Get-Date).AddDays(-1)).");
        }
    }
}
