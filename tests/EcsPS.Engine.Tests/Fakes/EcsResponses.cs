using System.Text.Json.Nodes;
using EcsPS.TestFakes;

namespace EcsPS.Engine.Tests.Fakes
{
    /// <summary>
    /// ECS answers written from the service model's shapes (ECS 2014-11-13), for scripting
    /// <see cref="ScriptedAwsServer"/>. Each call returns a fresh node the caller may change.
    /// </summary>
    public static class EcsResponses
    {
        public const string Account = "123456789012";

        public static string ClusterArn(string name, string region = "us-east-1") => $"arn:aws:ecs:{region}:{Account}:cluster/{name}";

        /// <summary>A Cluster with every member of the model's Cluster shape set to a value that is
        /// not a default (so a member that fails to parse shows up as null/0/empty).</summary>
        public static JsonObject FullCluster(string name = "prod-web", string region = "us-east-1") => (JsonObject)JsonNode.Parse($$"""
            {
              "clusterArn": "{{ClusterArn(name, region)}}",
              "clusterName": "{{name}}",
              "configuration": {
                "executeCommandConfiguration": {
                  "kmsKeyId": "arn:aws:kms:{{region}}:{{Account}}:key/1234abcd-12ab-34cd-56ef-1234567890ab",
                  "logging": "OVERRIDE",
                  "logConfiguration": {
                    "cloudWatchLogGroupName": "/ecs/exec/{{name}}",
                    "cloudWatchEncryptionEnabled": true,
                    "s3BucketName": "exec-audit-{{Account}}",
                    "s3EncryptionEnabled": true,
                    "s3KeyPrefix": "exec/{{name}}/"
                  }
                },
                "managedStorageConfiguration": {
                  "kmsKeyId": "arn:aws:kms:{{region}}:{{Account}}:key/abcd1234-ab12-cd34-ef56-abcdef123456",
                  "fargateEphemeralStorageKmsKeyId": "arn:aws:kms:{{region}}:{{Account}}:key/ffff1234-ab12-cd34-ef56-abcdef123456"
                }
              },
              "status": "ACTIVE",
              "registeredContainerInstancesCount": 3,
              "runningTasksCount": 12,
              "pendingTasksCount": 2,
              "activeServicesCount": 4,
              "statistics": [
                { "name": "runningEC2TasksCount", "value": "5" },
                { "name": "runningFargateTasksCount", "value": "7" }
              ],
              "tags": [ { "key": "team", "value": "platform" } ],
              "settings": [ { "name": "containerInsights", "value": "enhanced" } ],
              "capacityProviders": [ "FARGATE", "FARGATE_SPOT" ],
              "defaultCapacityProviderStrategy": [
                { "capacityProvider": "FARGATE", "weight": 1, "base": 2 },
                { "capacityProvider": "FARGATE_SPOT", "weight": 4, "base": 1 }
              ],
              "attachments": [
                {
                  "id": "a1b2c3d4-5678-90ab-cdef-11111EXAMPLE",
                  "type": "as_policy",
                  "status": "CREATED",
                  "details": [ { "name": "capacityProviderName", "value": "FARGATE" } ]
                }
              ],
              "attachmentsStatus": "UPDATE_COMPLETE",
              "serviceConnectDefaults": { "namespace": "arn:aws:servicediscovery:{{region}}:{{Account}}:namespace/ns-abcdefgh12345678" }
            }
            """);

        /// <summary>A minimal ACTIVE cluster, as CreateCluster answers for a name alone.</summary>
        public static JsonObject BasicCluster(string name, string region = "us-east-1") => new JsonObject
        {
            ["clusterArn"] = ClusterArn(name, region),
            ["clusterName"] = name,
            ["status"] = "ACTIVE",
            ["registeredContainerInstancesCount"] = 0,
            ["runningTasksCount"] = 0,
            ["pendingTasksCount"] = 0,
            ["activeServicesCount"] = 0,
            ["statistics"] = new JsonArray(),
            ["tags"] = new JsonArray(),
            ["settings"] = new JsonArray(new JsonObject { ["name"] = "containerInsights", ["value"] = "disabled" }),
            ["capacityProviders"] = new JsonArray(),
            ["defaultCapacityProviderStrategy"] = new JsonArray(),
        };

        /// <summary>{"cluster": ...}, the answer of CreateCluster, UpdateCluster, DeleteCluster, PutClusterCapacityProviders.</summary>
        public static ScriptedResponse ClusterResponse(JsonObject cluster) => ScriptedResponse.Json(new JsonObject { ["cluster"] = cluster });

        public static ScriptedResponse DescribeClusters(JsonArray clusters, JsonArray failures = null)
            => ScriptedResponse.Json(new JsonObject { ["clusters"] = clusters, ["failures"] = failures ?? new JsonArray() });

        public static JsonObject MissingFailure(string arn) => new JsonObject { ["arn"] = arn, ["reason"] = "MISSING" };

        public static ScriptedResponse ListClusters(string nextToken, params string[] arns)
        {
            var body = new JsonObject { ["clusterArns"] = new JsonArray(System.Array.ConvertAll(arns, a => (JsonNode)JsonValue.Create(a))) };
            if (nextToken != null) body["nextToken"] = nextToken;
            return ScriptedResponse.Json(body);
        }
    }
}
