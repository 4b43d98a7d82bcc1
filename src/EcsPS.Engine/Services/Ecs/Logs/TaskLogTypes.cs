using System;
using System.Collections.Generic;
using System.Globalization;
using System.Linq;
using System.Text.Json.Serialization;
using EcsPS.Engine.Ecs.Model;
using EcsPS.Engine.Runtime;

namespace EcsPS.Engine.Ecs.Logs
{
    /// <summary>One line a container of a task wrote to CloudWatch Logs through awslogs.</summary>
    public sealed class TaskLogEvent
    {
        /// <summary>When the container wrote the line, in local time.</summary>
        public DateTime Timestamp { get; set; }
        public string TaskId => Arn.NameOf(TaskArn);
        public string Container { get; set; }
        public string Message { get; set; }
        public string LogGroup { get; set; }
        public string LogStream { get; set; }
        /// <summary>When CloudWatch Logs received it, in local time.</summary>
        public DateTime? IngestionTime { get; set; }
        /// <summary>CloudWatch's id of the event (null for lines read with GetLogEvents, which has none).</summary>
        public string EventId { get; set; }
        public string TaskArn { get; set; }
        public string Region { get; set; }
        /// <summary>The timestamp as CloudWatch gives it (epoch milliseconds), for ordering and windows.</summary>
        [JsonIgnore]
        public long TimestampMs { get; set; }

        public override string ToString() => Message;

        internal string DedupeKey => EventId ?? LogGroup + "\n" + LogStream + "\n" + TimestampMs.ToString(CultureInfo.InvariantCulture) + "\n" + Message;

        internal static DateTime LocalTime(long ms) => DateTimeOffset.FromUnixTimeMilliseconds(ms).LocalDateTime;
    }

    /// <summary>Where one container of one task writes its awslogs output.</summary>
    public sealed class ContainerLogSource
    {
        public string TaskArn { get; set; }
        public string TaskId => Arn.NameOf(TaskArn);
        public string Container { get; set; }
        public string LogGroup { get; set; }
        public string LogStream { get; set; }
        /// <summary>awslogs-region, else the task's region.</summary>
        public string Region { get; set; }

        internal string Key => Region + "\n" + LogGroup + "\n" + LogStream;

        public override string ToString() => $"{LogGroup}:{LogStream}";
    }

    /// <summary>The containers of a task whose logs can be read, and why the others cannot.</summary>
    public sealed class TaskLogPlan
    {
        public List<ContainerLogSource> Sources { get; } = new List<ContainerLogSource>();
        /// <summary>One sentence per container that does not log with awslogs (or not readably).</summary>
        public List<string> Unreadable { get; } = new List<string>();

        /// <summary>
        /// The awslogs streams of <paramref name="task"/>'s containers, from its task definition;
        /// <paramref name="containers"/>, when given, keeps only those container names.
        /// </summary>
        public static TaskLogPlan For(Task task, TaskDefinition definition, ICollection<string> containers)
        {
            var plan = new TaskLogPlan();
            var taskId = Arn.NameOf(task.TaskArn);
            foreach (var c in definition?.ContainerDefinitions ?? new List<ContainerDefinition>())
            {
                if (c.Name == null) continue;
                if (containers != null && containers.Count > 0 && !containers.Contains(c.Name, StringComparer.Ordinal)) continue;
                var config = c.LogConfiguration;
                if (config == null || config.LogDriver == null)
                {
                    plan.Unreadable.Add($"Container '{c.Name}' of task {taskId} has no log configuration, so its output is not in CloudWatch Logs.");
                    continue;
                }
                if (!string.Equals(config.LogDriver, "awslogs", StringComparison.Ordinal))
                {
                    plan.Unreadable.Add($"Container '{c.Name}' of task {taskId} logs with the '{config.LogDriver}' driver, not awslogs: read its logs where that driver sends them.");
                    continue;
                }
                var options = config.Options ?? new Dictionary<string, string>();
                options.TryGetValue("awslogs-group", out var group);
                options.TryGetValue("awslogs-stream-prefix", out var prefix);
                options.TryGetValue("awslogs-region", out var region);
                if (string.IsNullOrEmpty(group))
                {
                    plan.Unreadable.Add($"Container '{c.Name}' of task {taskId} uses awslogs without an awslogs-group option.");
                    continue;
                }
                if (string.IsNullOrEmpty(prefix))
                {
                    // Without a prefix the stream is named for the Docker container id, which ECS does not report.
                    plan.Unreadable.Add($"Container '{c.Name}' of task {taskId} uses awslogs without awslogs-stream-prefix, so its stream (named for the Docker container id) cannot be found from the task; add awslogs-stream-prefix to the task definition.");
                    continue;
                }
                plan.Sources.Add(new ContainerLogSource
                {
                    TaskArn = task.TaskArn,
                    Container = c.Name,
                    LogGroup = group,
                    LogStream = $"{prefix}/{c.Name}/{taskId}",
                    Region = string.IsNullOrEmpty(region) ? Arn.RegionOf(task.TaskArn) : region,
                });
            }
            return plan;
        }
    }

    /// <summary>What to read: a time range, a filter pattern, the last N lines.</summary>
    public sealed class LogQuery
    {
        /// <summary>Epoch milliseconds; null: from the start of the stream.</summary>
        public long? StartMs { get; set; }
        /// <summary>Epoch milliseconds, inclusive; null: up to now.</summary>
        public long? EndMs { get; set; }
        public string FilterPattern { get; set; }
        /// <summary>Only the last N events of each stream (oldest first); null: all of them.</summary>
        public int? Tail { get; set; }
    }

    /// <summary>Reads -Since/-Until values: '15m', '2h', '1d', '90s', a TimeSpan (that long ago) or a date.</summary>
    public static class LogTimes
    {
        public static bool TryParse(object value, DateTime utcNow, out DateTime utc)
        {
            utc = default;
            switch (value)
            {
                case null: return false;
                case DateTime d: utc = d.Kind == DateTimeKind.Unspecified ? d.ToUniversalTime() : d.ToUniversalTime(); return true;
                case DateTimeOffset o: utc = o.UtcDateTime; return true;
                case TimeSpan t when t >= TimeSpan.Zero: utc = utcNow - t; return true;
                case string s:
                    s = s.Trim();
                    if (s.Length >= 2 && char.IsLetter(s[s.Length - 1])
                        && double.TryParse(s.Substring(0, s.Length - 1), NumberStyles.Float, CultureInfo.InvariantCulture, out var n) && n >= 0)
                    {
                        TimeSpan span;
                        switch (char.ToLowerInvariant(s[s.Length - 1]))
                        {
                            case 's': span = TimeSpan.FromSeconds(n); break;
                            case 'm': span = TimeSpan.FromMinutes(n); break;
                            case 'h': span = TimeSpan.FromHours(n); break;
                            case 'd': span = TimeSpan.FromDays(n); break;
                            case 'w': span = TimeSpan.FromDays(7 * n); break;
                            default: return false;
                        }
                        utc = utcNow - span;
                        return true;
                    }
                    if (TimeSpan.TryParseExact(s, "c", CultureInfo.InvariantCulture, out var ts) && s.Contains(":") && ts >= TimeSpan.Zero)
                    {
                        utc = utcNow - ts;
                        return true;
                    }
                    if (DateTime.TryParse(s, CultureInfo.CurrentCulture, DateTimeStyles.AssumeLocal | DateTimeStyles.AdjustToUniversal, out var parsed)
                        || DateTime.TryParse(s, CultureInfo.InvariantCulture, DateTimeStyles.AssumeLocal | DateTimeStyles.AdjustToUniversal, out parsed))
                    {
                        utc = parsed;
                        return true;
                    }
                    return false;
                default: return false;
            }
        }

        public static long ToMs(DateTime utc) => new DateTimeOffset(DateTime.SpecifyKind(utc, DateTimeKind.Utc)).ToUnixTimeMilliseconds();

        /// <summary>
        /// A filter pattern CloudWatch would refuse for plain reasons caught here first: unbalanced
        /// quotes, brackets or braces. Null when nothing is wrong that this can see.
        /// </summary>
        public static string FilterPatternProblem(string pattern)
        {
            if (pattern == null) return null;
            var inQuote = false;
            int square = 0, curly = 0;
            foreach (var ch in pattern)
            {
                if (ch == '"') { inQuote = !inQuote; continue; }
                if (inQuote) continue;
                if (ch == '[') square++;
                else if (ch == ']') square--;
                else if (ch == '{') curly++;
                else if (ch == '}') curly--;
                if (square < 0 || curly < 0) break;
            }
            if (inQuote) return $"The filter pattern '{pattern}' has an unclosed double quote.";
            if (square != 0) return $"The filter pattern '{pattern}' has unbalanced [ ] (space-delimited patterns look like '[ip, user, status=5*]').";
            if (curly != 0) return $"The filter pattern '{pattern}' has unbalanced {{ }} (JSON patterns look like '{{ $.level = \"error\" }}').";
            return null;
        }
    }
}

namespace EcsPS.Engine.Ecs.Logs
{
    /// <summary>The last lines a finished task wrote, for Invoke-EcsTaskX's result and error.</summary>
    public static class TaskLogTail
    {
        /// <summary>
        /// The last <paramref name="count"/> lines of all the awslogs containers of the task
        /// together, oldest first; "container: message" when more than one container wrote.
        /// </summary>
        public static List<string> LastLines(ITaskLogReader reader, Task task, TaskDefinition definition, int count, System.Threading.CancellationToken ct, out TaskLogPlan plan)
        {
            plan = TaskLogPlan.For(task, definition, null);
            if (count <= 0 || plan.Sources.Count == 0) return new List<string>();
            var events = reader.Read(plan.Sources, new LogQuery { Tail = count }, ct)
                .Select((e, i) => (e, i)).OrderBy(x => x.e.TimestampMs).ThenBy(x => x.i).Select(x => x.e).ToList();
            if (events.Count > count) events = events.GetRange(events.Count - count, count);
            var several = events.Select(e => e.Container).Distinct(StringComparer.Ordinal).Count() > 1;
            return events.Select(e => several ? $"{e.Container}: {e.Message}" : e.Message).ToList();
        }
    }
}
