using System;
using System.IO;
using System.Linq;
using System.Text.Json;
using System.Text.Json.Nodes;
using EcsPS.TestFakes;

namespace EcsPS.Engine.Tests.TaskDefinitions
{
    /// <summary>
    /// Task definition documents and ECS answers for the task definition tests, written from the
    /// ECS 2014-11-13 model: the register-task-definition input with every member set, a
    /// describe-task-definition output as the AWS CLI prints it for a real account, and the
    /// answers of the task definition operations.
    /// </summary>
    internal static class TaskDefinitionFixtures
    {
        public const string Account = "123456789012";

        public static string Arn(string familyRevision, string region = "us-east-1")
            => $"arn:aws:ecs:{region}:{Account}:task-definition/{familyRevision}";

        /// <summary>
        /// The --cli-input-json form with every member of RegisterTaskDefinitionRequest set, down
        /// to the leaves (the shape's coverage is checked by the tests that use it), with values
        /// that are not defaults so a member that is lost shows.
        /// </summary>
        public const string FullRegisterInput = """
            {
              "family": "shop-web",
              "taskRoleArn": "arn:aws:iam::123456789012:role/shop-web-task",
              "executionRoleArn": "arn:aws:iam::123456789012:role/ecsTaskExecutionRole",
              "networkMode": "awsvpc",
              "containerDefinitions": [
                {
                  "name": "web",
                  "image": "123456789012.dkr.ecr.us-east-1.amazonaws.com/shop-web:4.2.0",
                  "repositoryCredentials": { "credentialsParameter": "arn:aws:secretsmanager:us-east-1:123456789012:secret:dockerhub-Xy12Ab" },
                  "cpu": 256,
                  "memory": 1024,
                  "memoryReservation": 512,
                  "links": [ "cache:redis" ],
                  "portMappings": [
                    { "containerPort": 8080, "hostPort": 8080, "protocol": "tcp", "name": "http", "appProtocol": "http2", "containerPortRange": "9000-9010" }
                  ],
                  "essential": true,
                  "restartPolicy": { "enabled": true, "ignoredExitCodes": [ 0, 143 ], "restartAttemptPeriod": 180 },
                  "entryPoint": [ "/docker-entrypoint.sh" ],
                  "command": [ "serve", "--port", "8080" ],
                  "environment": [ { "name": "ASPNETCORE_URLS", "value": "http://+:8080" } ],
                  "environmentFiles": [ { "value": "arn:aws:s3:::shop-config/web.env", "type": "s3" } ],
                  "mountPoints": [ { "sourceVolume": "assets", "containerPath": "/srv/assets", "readOnly": true } ],
                  "volumesFrom": [ { "sourceContainer": "init", "readOnly": false } ],
                  "linuxParameters": {
                    "capabilities": { "add": [ "NET_BIND_SERVICE" ], "drop": [ "NET_RAW" ] },
                    "devices": [ { "hostPath": "/dev/fuse", "containerPath": "/dev/fuse", "permissions": [ "read", "write" ] } ],
                    "initProcessEnabled": true,
                    "sharedMemorySize": 64,
                    "tmpfs": [ { "containerPath": "/tmp", "size": 128, "mountOptions": [ "noexec", "nosuid" ] } ],
                    "maxSwap": 1024,
                    "swappiness": 10
                  },
                  "secrets": [ { "name": "DB_PASSWORD", "valueFrom": "arn:aws:ssm:us-east-1:123456789012:parameter/shop/db-password" } ],
                  "dependsOn": [ { "containerName": "init", "condition": "SUCCESS" } ],
                  "startTimeout": 120,
                  "stopTimeout": 30,
                  "versionConsistency": "disabled",
                  "hostname": "shop-web",
                  "user": "1000:1000",
                  "workingDirectory": "/srv",
                  "disableNetworking": false,
                  "privileged": false,
                  "readonlyRootFilesystem": true,
                  "dnsServers": [ "10.0.0.2" ],
                  "dnsSearchDomains": [ "shop.internal" ],
                  "extraHosts": [ { "hostname": "legacy.shop.internal", "ipAddress": "10.0.8.15" } ],
                  "dockerSecurityOptions": [ "no-new-privileges" ],
                  "interactive": false,
                  "pseudoTerminal": false,
                  "dockerLabels": { "com.example.team": "shop" },
                  "ulimits": [ { "name": "nofile", "softLimit": 4096, "hardLimit": 8192 } ],
                  "logConfiguration": {
                    "logDriver": "awslogs",
                    "options": { "awslogs-group": "/ecs/shop-web", "awslogs-region": "us-east-1", "awslogs-stream-prefix": "web" },
                    "secretOptions": [ { "name": "apiKey", "valueFrom": "arn:aws:ssm:us-east-1:123456789012:parameter/shop/log-key" } ]
                  },
                  "healthCheck": { "command": [ "CMD-SHELL", "curl -f http://localhost:8080/health || exit 1" ], "interval": 30, "timeout": 5, "retries": 3, "startPeriod": 20 },
                  "systemControls": [ { "namespace": "net.core.somaxconn", "value": "1024" } ],
                  "resourceRequirements": [ { "value": "1", "type": "GPU" } ],
                  "firelensConfiguration": { "type": "fluentbit", "options": { "enable-ecs-log-metadata": "true" } },
                  "credentialSpecs": [ "credentialspecdomainless:arn:aws:s3:::shop-config/gmsa.json" ]
                }
              ],
              "volumes": [
                {
                  "name": "assets",
                  "host": { "sourcePath": "/srv/assets" },
                  "dockerVolumeConfiguration": {
                    "scope": "shared",
                    "autoprovision": true,
                    "driver": "local",
                    "driverOpts": { "type": "nfs" },
                    "labels": { "app": "shop" }
                  },
                  "efsVolumeConfiguration": {
                    "fileSystemId": "fs-0123456789abcdef0",
                    "rootDirectory": "/assets",
                    "transitEncryption": "ENABLED",
                    "transitEncryptionPort": 2049,
                    "authorizationConfig": { "accessPointId": "fsap-0123456789abcdef0", "iam": "ENABLED" }
                  },
                  "s3filesVolumeConfiguration": {
                    "fileSystemArn": "arn:aws:s3files:us-east-1:123456789012:file-system/fs-0abc",
                    "rootDirectory": "/assets",
                    "transitEncryptionPort": 2999,
                    "accessPointArn": "arn:aws:s3files:us-east-1:123456789012:access-point/ap-0abc"
                  },
                  "fsxWindowsFileServerVolumeConfiguration": {
                    "fileSystemId": "fs-0fedcba9876543210",
                    "rootDirectory": "share\\assets",
                    "authorizationConfig": { "credentialsParameter": "arn:aws:secretsmanager:us-east-1:123456789012:secret:fsx-Ab12Cd", "domain": "corp.example.com" }
                  },
                  "configuredAtLaunch": false
                }
              ],
              "placementConstraints": [ { "type": "memberOf", "expression": "attribute:ecs.availability-zone in [us-east-1a, us-east-1b]" } ],
              "requiresCompatibilities": [ "FARGATE", "EC2" ],
              "cpu": "1024",
              "memory": "2048",
              "tags": [ { "key": "team", "value": "shop" }, { "key": "cost-center", "value": "4711" } ],
              "pidMode": "task",
              "ipcMode": "none",
              "proxyConfiguration": {
                "type": "APPMESH",
                "containerName": "envoy",
                "properties": [ { "name": "IgnoredUID", "value": "1337" } ]
              },
              "inferenceAccelerators": [ { "deviceName": "device1", "deviceType": "eia2.medium" } ],
              "ephemeralStorage": { "sizeInGiB": 50 },
              "runtimePlatform": { "cpuArchitecture": "ARM64", "operatingSystemFamily": "LINUX" },
              "enableFaultInjection": true
            }
            """;

        /// <summary>A small valid Fargate definition in the --cli-input-json form.</summary>
        public const string SmallFargate = """
            {
              "family": "web",
              "networkMode": "awsvpc",
              "requiresCompatibilities": [ "FARGATE" ],
              "cpu": "256",
              "memory": "512",
              "containerDefinitions": [
                { "name": "web", "image": "nginx:1.27", "essential": true, "portMappings": [ { "containerPort": 80, "protocol": "tcp" } ] }
              ]
            }
            """;

        /// <summary>
        /// 'aws ecs describe-task-definition --include TAGS' output as the AWS CLI prints it for a
        /// real account: the read-only members ECS adds, timestamps as ISO text, tags beside the
        /// definition.
        /// </summary>
        public const string DescribeOutput = """
            {
                "taskDefinition": {
                    "taskDefinitionArn": "arn:aws:ecs:us-east-1:123456789012:task-definition/web:7",
                    "containerDefinitions": [
                        {
                            "name": "web",
                            "image": "nginx:1.27",
                            "cpu": 0,
                            "portMappings": [ { "containerPort": 80, "hostPort": 80, "protocol": "tcp" } ],
                            "essential": true,
                            "environment": [],
                            "mountPoints": [],
                            "volumesFrom": [],
                            "systemControls": []
                        }
                    ],
                    "family": "web",
                    "networkMode": "awsvpc",
                    "revision": 7,
                    "volumes": [],
                    "status": "ACTIVE",
                    "requiresAttributes": [
                        { "name": "com.amazonaws.ecs.capability.docker-remote-api.1.18" },
                        { "name": "ecs.capability.task-eni" }
                    ],
                    "placementConstraints": [],
                    "compatibilities": [ "EC2", "FARGATE" ],
                    "requiresCompatibilities": [ "FARGATE" ],
                    "cpu": "256",
                    "memory": "512",
                    "registeredAt": "2025-03-14T09:26:53.589000+00:00",
                    "registeredBy": "arn:aws:sts::123456789012:assumed-role/Admin/jane"
                },
                "tags": [ { "key": "team", "value": "web" } ]
            }
            """;

        // ---- answers of the fake -------------------------------------------------------------

        /// <summary>A TaskDefinition as ECS returns it (read-only members included).</summary>
        public static JsonObject TaskDefinition(string family, int revision, string status = "ACTIVE", string image = "nginx:1.27")
            => (JsonObject)JsonNode.Parse($$"""
                {
                  "taskDefinitionArn": "{{Arn(family + ":" + revision)}}",
                  "containerDefinitions": [
                    { "name": "web", "image": "{{image}}", "cpu": 0, "essential": true,
                      "portMappings": [ { "containerPort": 80, "hostPort": 80, "protocol": "tcp" } ],
                      "environment": [], "mountPoints": [], "volumesFrom": [] }
                  ],
                  "family": "{{family}}",
                  "networkMode": "awsvpc",
                  "revision": {{revision}},
                  "volumes": [],
                  "status": "{{status}}",
                  "requiresAttributes": [ { "name": "ecs.capability.task-eni" } ],
                  "placementConstraints": [],
                  "compatibilities": [ "EC2", "FARGATE" ],
                  "requiresCompatibilities": [ "FARGATE" ],
                  "cpu": "256",
                  "memory": "512",
                  "registeredAt": 1741944413.589,
                  "registeredBy": "arn:aws:sts::123456789012:assumed-role/Admin/jane"
                }
                """);

        public static JsonArray Tags(params (string Key, string Value)[] tags)
            => new JsonArray(tags.Select(t => (JsonNode)new JsonObject { ["key"] = t.Key, ["value"] = t.Value }).ToArray());

        /// <summary>{"taskDefinition": ..., "tags": [...]}: RegisterTaskDefinition and DescribeTaskDefinition.</summary>
        public static ScriptedResponse WithTags(JsonObject definition, JsonArray tags)
        {
            var body = new JsonObject { ["taskDefinition"] = definition };
            if (tags != null) body["tags"] = tags;
            return ScriptedResponse.Json(body);
        }

        public static ScriptedResponse ListArns(string nextToken, params string[] arns)
        {
            var body = new JsonObject { ["taskDefinitionArns"] = new JsonArray(arns.Select(a => (JsonNode)JsonValue.Create(a)).ToArray()) };
            if (nextToken != null) body["nextToken"] = nextToken;
            return ScriptedResponse.Json(body);
        }

        public static ScriptedResponse ListFamilies(string nextToken, params string[] families)
        {
            var body = new JsonObject { ["families"] = new JsonArray(families.Select(a => (JsonNode)JsonValue.Create(a)).ToArray()) };
            if (nextToken != null) body["nextToken"] = nextToken;
            return ScriptedResponse.Json(body);
        }

        // ---- JSON helpers --------------------------------------------------------------------

        /// <summary>Compact JSON with object members sorted by name: equal content, equal text.</summary>
        public static string Canonical(string json) => Canonical(JsonNode.Parse(json));

        public static string Canonical(JsonNode node) => Sort(node)?.ToJsonString() ?? "null";

        private static JsonNode Sort(JsonNode node)
        {
            switch (node)
            {
                case JsonObject obj:
                    var sorted = new JsonObject();
                    foreach (var p in obj.OrderBy(p => p.Key, StringComparer.Ordinal)) sorted[p.Key] = Sort(p.Value);
                    return sorted;
                case JsonArray array:
                    return new JsonArray(array.Select(Sort).ToArray());
                case null:
                    return null;
                default:
                    return node.DeepClone();
            }
        }

        public static JsonElement Element(string json)
        {
            using var doc = JsonDocument.Parse(json);
            return doc.RootElement.Clone();
        }

        /// <summary>The repository root (the folder holding EcsPS.sln), for fixtures shared with Pester.</summary>
        public static string RepositoryRoot
        {
            get
            {
                var dir = new DirectoryInfo(AppContext.BaseDirectory);
                while (dir != null && !File.Exists(Path.Combine(dir.FullName, "EcsPS.sln"))) dir = dir.Parent;
                return dir?.FullName ?? throw new InvalidOperationException("EcsPS.sln was not found above " + AppContext.BaseDirectory);
            }
        }

        public static string PesterFixture(string name) => File.ReadAllText(Path.Combine(RepositoryRoot, "tests", "pester", "fixtures", name));
    }
}
