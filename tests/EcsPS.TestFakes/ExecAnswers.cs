using System.Text.Json.Nodes;

namespace EcsPS.TestFakes
{
    /// <summary>DescribeTasks and ExecuteCommand answers shaped as ECS gives them, for the ECS Exec
    /// tests of all three suites (ExecTests in the Engine suite checks them against botocore).</summary>
    public static class ExecAnswers
    {
        public const string TaskId = "0123456789abcdef0123456789abcdef";
        public const string ClusterArn = "arn:aws:ecs:us-east-1:123456789012:cluster/prod";
        public const string TaskArn = "arn:aws:ecs:us-east-1:123456789012:task/prod/" + TaskId;
        public const string RuntimeId = TaskId + "-2531612879";
        public const string Token = "AAEAAexampleTOKENSENTINEL+abc/def==";
        public const string SessionId = "ecs-execute-command-0f3c29a1b7e4d5c60";
        public const string StreamUrl = "wss://ssmmessages.us-east-1.amazonaws.com/v1/data-channel/" + SessionId + "?role=publish_subscribe&cell-number=AAEAAQ";

        public static JsonObject Container(string name, string agentStatus = "RUNNING", string agentReason = null, string status = "RUNNING")
        {
            var agent = new JsonObject { ["name"] = "ExecuteCommandAgent", ["lastStatus"] = agentStatus };
            if (agentReason != null) agent["reason"] = agentReason;
            return new JsonObject
            {
                ["containerArn"] = "arn:aws:ecs:us-east-1:123456789012:container/prod/" + TaskId + "/" + name,
                ["taskArn"] = TaskArn,
                ["name"] = name,
                ["image"] = "nginx:1.27",
                ["runtimeId"] = TaskId + "-" + (name == "web" ? "2531612879" : "1184092354"),
                ["lastStatus"] = status,
                ["managedAgents"] = new JsonArray(agent),
            };
        }

        public static JsonObject Task(string lastStatus = "RUNNING", bool? exec = true, params JsonObject[] containers)
        {
            var task = new JsonObject
            {
                ["taskArn"] = TaskArn,
                ["clusterArn"] = ClusterArn,
                ["taskDefinitionArn"] = "arn:aws:ecs:us-east-1:123456789012:task-definition/web:7",
                ["lastStatus"] = lastStatus,
                ["desiredStatus"] = lastStatus == "STOPPED" ? "STOPPED" : "RUNNING",
                ["group"] = "service:web",
                ["launchType"] = "FARGATE",
                ["containers"] = new JsonArray(containers.Length == 0 ? new JsonNode[] { Container("web") } : containers),
            };
            if (exec.HasValue) task["enableExecuteCommand"] = exec.Value;
            return task;
        }

        /// <summary>A DescribeTasks answer for the task, with containers by name, all running with
        /// a running agent (for PowerShell, which cannot pass JsonObject arrays as they are).</summary>
        public static string DescribedTask(string lastStatus, bool exec, string[] containers)
        {
            var list = new JsonObject[containers.Length];
            for (var i = 0; i < containers.Length; i++) list[i] = Container(containers[i]);
            return Described(Task(lastStatus, exec, list));
        }

        public static string Described(JsonObject task)
            => new JsonObject { ["tasks"] = new JsonArray(task), ["failures"] = new JsonArray() }.ToJsonString();

        public static string Missing(string task = TaskArn)
            => new JsonObject { ["tasks"] = new JsonArray(), ["failures"] = new JsonArray(new JsonObject { ["arn"] = task, ["reason"] = "MISSING" }) }.ToJsonString();

        public static string Session(string container = "web")
            => new JsonObject
            {
                ["clusterArn"] = ClusterArn,
                ["containerArn"] = "arn:aws:ecs:us-east-1:123456789012:container/prod/" + TaskId + "/" + container,
                ["containerName"] = container,
                ["interactive"] = true,
                ["session"] = new JsonObject { ["sessionId"] = SessionId, ["streamUrl"] = StreamUrl, ["tokenValue"] = Token },
                ["taskArn"] = TaskArn,
            }.ToJsonString();
    }
}
