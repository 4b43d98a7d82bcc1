using System;
using System.Collections;
using System.Collections.Generic;
using System.Globalization;
using System.Linq;
using System.Management.Automation;
using System.Text.Json.Nodes;
using EcsPS.Engine.Ecs.Model;
using EcsPS.Engine.Ecs.TaskDefinitions;
using EcsPS.Engine.Runtime;
using EcsPS.Common;

namespace EcsPS.Ecs.TaskDefinitions
{
    /// <summary>
    /// Builds a container definition locally (no AWS call) for Register-EcsTaskDefinitionX,
    /// with shorthands for what admins set most: ports, environment, secrets, awslogs.
    /// </summary>
    [Cmdlet(VerbsCommon.New, "EcsContainerDefinitionX")]
    [OutputType(typeof(ContainerDefinition))]
    public sealed class NewEcsContainerDefinitionX : PSCmdlet
    {
        [Parameter(Mandatory = true, Position = 0)]
        [ValidateEcsName("container")]
        public string Name { get; set; }

        [Parameter(Mandatory = true, Position = 1)]
        [ValidateNotNullOrEmpty]
        [ValidateImage]
        public string Image { get; set; }

        /// <summary>Container ports to expose over TCP: -Port 80, 443.</summary>
        [Parameter]
        [ValidateRange(1, 65535)]
        public int[] Port { get; set; }

        /// <summary>Full port mappings: @{ ContainerPort = 8080; HostPort = 0; Protocol = 'tcp'; Name = 'web'; AppProtocol = 'http' }.</summary>
        [Parameter]
        [ValidateNotNull]
        public object[] PortMapping { get; set; }

        /// <summary>Environment variables from a hashtable: @{ LOG_LEVEL = 'info' }.</summary>
        [Parameter]
        [ValidateNotNull]
        public IDictionary Environment { get; set; }

        /// <summary>Secrets from Secrets Manager or SSM Parameter Store: @{ DB_PASSWORD = 'arn:aws:secretsmanager:...' }.</summary>
        [Parameter]
        [ValidateNotNull]
        public IDictionary Secret { get; set; }

        [Parameter]
        [ValidateRange(0, 196608)]
        public int Cpu { get; set; }

        /// <summary>Hard memory limit in MiB.</summary>
        [Parameter]
        [ValidateRange(6, 1048576)]
        public int Memory { get; set; }

        /// <summary>Soft memory limit (reservation) in MiB.</summary>
        [Parameter]
        [ValidateRange(6, 1048576)]
        public int MemoryReservation { get; set; }

        /// <summary>Whether the task stops when this container stops (default $true).</summary>
        [Parameter]
        public bool Essential { get; set; } = true;

        [Parameter]
        [ValidateNotNull]
        public string[] Command { get; set; }

        [Parameter]
        [ValidateNotNull]
        public string[] EntryPoint { get; set; }

        [Parameter]
        [ValidateNotNullOrEmpty]
        public string WorkingDirectory { get; set; }

        [Parameter]
        [ValidateNotNullOrEmpty]
        public string User { get; set; }

        /// <summary>A health check command, e.g. 'CMD-SHELL', 'curl -f http://localhost/ || exit 1'.</summary>
        [Parameter]
        [ValidateNotNull]
        public string[] HealthCheckCommand { get; set; }

        [Parameter]
        [ValidateRange(5, 300)]
        public int HealthCheckInterval { get; set; }

        [Parameter]
        [ValidateRange(2, 120)]
        public int HealthCheckTimeout { get; set; }

        [Parameter]
        [ValidateRange(1, 10)]
        public int HealthCheckRetries { get; set; }

        [Parameter]
        [ValidateRange(0, 300)]
        public int HealthCheckStartPeriod { get; set; }

        /// <summary>Shorthand for the awslogs driver: the CloudWatch Logs group.</summary>
        [Parameter]
        [ValidateNotNullOrEmpty]
        public string LogGroup { get; set; }

        /// <summary>awslogs stream prefix (default: the container name).</summary>
        [Parameter]
        [ValidateNotNullOrEmpty]
        public string LogStreamPrefix { get; set; }

        /// <summary>awslogs region (default: the region the task definition is registered in).</summary>
        [Parameter]
        [ValidateNotNullOrEmpty]
        [ArgumentCompleter(typeof(RegionCompleter))]
        public string LogRegion { get; set; }

        /// <summary>Creates the log group if it does not exist (awslogs-create-group).</summary>
        [Parameter]
        public SwitchParameter CreateLogGroup { get; set; }

        /// <summary>Any log configuration: @{ LogDriver = 'awsfirelens'; Options = @{ Name = 'datadog' } }.</summary>
        [Parameter]
        [ValidateNotNull]
        public object LogConfiguration { get; set; }

        /// <summary>Start order: @{ db = 'HEALTHY'; init = 'SUCCESS' } (container name = condition).</summary>
        [Parameter]
        [ValidateNotNull]
        public IDictionary DependsOn { get; set; }

        /// <summary>Ulimits: 'nofile=1024:4096' (name=soft:hard), or @{ Name = 'nofile'; SoftLimit = 1024; HardLimit = 4096 }.</summary>
        [Parameter]
        [ValidateNotNull]
        public object[] Ulimit { get; set; }

        /// <summary>Volume mounts: 'data:/var/lib/data' or 'data:/var/lib/data:ro', or @{ SourceVolume; ContainerPath; ReadOnly }.</summary>
        [Parameter]
        [ValidateNotNull]
        public object[] MountPoint { get; set; }

        [Parameter]
        [ValidateNotNull]
        public IDictionary DockerLabel { get; set; }

        [Parameter]
        public SwitchParameter ReadonlyRootFilesystem { get; set; }

        [Parameter]
        public SwitchParameter Privileged { get; set; }

        [Parameter]
        [ValidateRange(2, 120)]
        public int StopTimeout { get; set; }

        [Parameter]
        [ValidateRange(2, 600)]
        public int StartTimeout { get; set; }

        protected override void ProcessRecord()
        {
            var bound = MyInvocation.BoundParameters;
            var node = new JsonObject
            {
                ["name"] = Name,
                ["image"] = Image,
                ["essential"] = Essential,
            };
            if (bound.ContainsKey(nameof(Cpu))) node["cpu"] = Cpu;
            if (bound.ContainsKey(nameof(Memory))) node["memory"] = Memory;
            if (bound.ContainsKey(nameof(MemoryReservation))) node["memoryReservation"] = MemoryReservation;

            var ports = new JsonArray();
            foreach (var p in Port ?? new int[0])
                ports.Add(new JsonObject { ["containerPort"] = p, ["protocol"] = "tcp" });
            foreach (var p in PortMapping ?? new object[0])
                ports.Add(PlainData.ToJson(p));
            if (ports.Count > 0) node["portMappings"] = ports;

            if (Environment != null)
                node["environment"] = Pairs(Environment, "name", "value");
            if (Secret != null)
                node["secrets"] = Pairs(Secret, "name", "valueFrom");
            if (DependsOn != null)
                node["dependsOn"] = Pairs(DependsOn, "containerName", "condition");
            if (DockerLabel != null)
                node["dockerLabels"] = PlainData.ToJson(DockerLabel);
            if (Command != null) node["command"] = PlainData.ToJson(Command);
            if (EntryPoint != null) node["entryPoint"] = PlainData.ToJson(EntryPoint);
            if (WorkingDirectory != null) node["workingDirectory"] = WorkingDirectory;
            if (User != null) node["user"] = User;
            if (ReadonlyRootFilesystem.IsPresent) node["readonlyRootFilesystem"] = true;
            if (Privileged.IsPresent) node["privileged"] = true;
            if (bound.ContainsKey(nameof(StopTimeout))) node["stopTimeout"] = StopTimeout;
            if (bound.ContainsKey(nameof(StartTimeout))) node["startTimeout"] = StartTimeout;

            var healthGiven = bound.Keys.Any(k => k.StartsWith("HealthCheck", StringComparison.Ordinal));
            if (healthGiven)
            {
                if (HealthCheckCommand == null)
                    Fail("-HealthCheckInterval, -HealthCheckTimeout, -HealthCheckRetries and -HealthCheckStartPeriod need -HealthCheckCommand.", "HealthCheckNeedsCommand");
                var command = HealthCheckCommand.Length == 1 && !HealthCheckCommand[0].StartsWith("CMD", StringComparison.Ordinal)
                    ? new[] { "CMD-SHELL", HealthCheckCommand[0] }   // a lone shell line is what people mean
                    : HealthCheckCommand;
                var hc = new JsonObject { ["command"] = PlainData.ToJson(command) };
                if (bound.ContainsKey(nameof(HealthCheckInterval))) hc["interval"] = HealthCheckInterval;
                if (bound.ContainsKey(nameof(HealthCheckTimeout))) hc["timeout"] = HealthCheckTimeout;
                if (bound.ContainsKey(nameof(HealthCheckRetries))) hc["retries"] = HealthCheckRetries;
                if (bound.ContainsKey(nameof(HealthCheckStartPeriod))) hc["startPeriod"] = HealthCheckStartPeriod;
                node["healthCheck"] = hc;
            }

            var awslogsGiven = LogGroup != null || LogStreamPrefix != null || LogRegion != null || CreateLogGroup.IsPresent;
            if (awslogsGiven && LogConfiguration != null)
                Fail("Use either -LogGroup (with -LogStreamPrefix, -LogRegion, -CreateLogGroup) or -LogConfiguration, not both.", "LogConfigurationConflict");
            if (awslogsGiven)
            {
                if (LogGroup == null)
                    Fail("-LogStreamPrefix, -LogRegion and -CreateLogGroup go with -LogGroup.", "LogGroupMissing");
                var options = new JsonObject
                {
                    ["awslogs-group"] = LogGroup,
                    ["awslogs-stream-prefix"] = LogStreamPrefix ?? Name,
                };
                if (LogRegion != null) options["awslogs-region"] = LogRegion;
                if (CreateLogGroup.IsPresent) options["awslogs-create-group"] = "true";
                node["logConfiguration"] = new JsonObject { ["logDriver"] = "awslogs", ["options"] = options };
            }
            else if (LogConfiguration != null)
            {
                node["logConfiguration"] = PlainData.ToJson(LogConfiguration);
            }

            if (Ulimit != null)
                node["ulimits"] = new JsonArray(Ulimit.Select(ParseUlimit).ToArray());
            if (MountPoint != null)
                node["mountPoints"] = new JsonArray(MountPoint.Select(ParseMountPoint).ToArray());

            var problems = new List<string>();
            var definition = ModelReader.Read<ContainerDefinition>(node, Name, problems);
            // The rules a container keeps whatever task it joins (-MemoryReservation above
            // -Memory, health check ranges...), told now rather than at Register-EcsTaskDefinitionX.
            if (problems.Count == 0) problems.AddRange(TaskDefinitionValidator.ValidateContainer(definition));
            if (problems.Count > 0)
                Fail($"The container definition '{Name}' is not valid: " + string.Join(" ", problems), "InvalidContainerDefinition");
            WriteObject(definition);
        }

        private static JsonArray Pairs(IDictionary table, string keyName, string valueName)
        {
            var array = new JsonArray();
            foreach (DictionaryEntry entry in table)
                array.Add(new JsonObject
                {
                    [keyName] = entry.Key?.ToString(),
                    [valueName] = PlainData.ToJson(entry.Value is null ? string.Empty : LanguagePrimitives.ConvertTo<string>(entry.Value)),
                });
            return array;
        }

        private JsonNode ParseUlimit(object item)
        {
            var value = item is PSObject pso ? pso.BaseObject : item;
            if (value is string text)
            {
                var m = System.Text.RegularExpressions.Regex.Match(text, @"^\s*([a-z]+)\s*=\s*(-?\d+)\s*(?::\s*(-?\d+))?\s*$");
                if (!m.Success)
                    Fail($"'{text}' is not a ulimit. Write name=soft:hard, such as nofile=1024:4096 (or nofile=4096 for both).", "InvalidUlimit");
                var soft = int.Parse(m.Groups[2].Value, CultureInfo.InvariantCulture);
                var hard = m.Groups[3].Success ? int.Parse(m.Groups[3].Value, CultureInfo.InvariantCulture) : soft;
                return new JsonObject { ["name"] = m.Groups[1].Value, ["softLimit"] = soft, ["hardLimit"] = hard };
            }
            return PlainData.ToJson(item);
        }

        private JsonNode ParseMountPoint(object item)
        {
            var value = item is PSObject pso ? pso.BaseObject : item;
            if (value is string text)
            {
                var parts = text.Split(':');
                if (parts.Length < 2 || parts.Length > 3 || parts[0].Length == 0 || parts[1].Length == 0
                    || (parts.Length == 3 && parts[2] != "ro" && parts[2] != "rw"))
                    Fail($"'{text}' is not a mount point. Write volume:/container/path, optionally with :ro or :rw.", "InvalidMountPoint");
                return new JsonObject
                {
                    ["sourceVolume"] = parts[0],
                    ["containerPath"] = parts[1],
                    ["readOnly"] = parts.Length == 3 && parts[2] == "ro",
                };
            }
            return PlainData.ToJson(item);
        }

        private void Fail(string message, string errorId)
            => ThrowTerminatingError(new ErrorRecord(new ArgumentException(message), errorId, ErrorCategory.InvalidArgument, Name));
    }
}
