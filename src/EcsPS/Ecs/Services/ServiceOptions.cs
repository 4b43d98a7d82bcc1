using System;
using System.Collections.Generic;
using System.Globalization;
using System.Linq;
using System.Management.Automation;
using System.Text.Json.Nodes;
using EcsPS.Engine.Ecs.Model;
using EcsPS.Common;
using EcsPS.Engine.Runtime;

namespace EcsPS.Ecs.Services
{
    /// <summary>
    /// Parameter shorthands for services, each also taking hashtables or model objects:
    /// load balancers 'targetGroupArn:container:port', placement 'spread:attribute:ecs.availability-zone',
    /// 'binpack:memory', 'random', 'distinctInstance', 'memberOf:expression'.
    /// </summary>
    internal static class ServiceOptions
    {
        public static List<LoadBalancer> LoadBalancers(object[] items)
        {
            if (items == null) return null;
            var nodes = new JsonArray();
            foreach (var item in items)
            {
                var raw = item is PSObject pso ? pso.BaseObject : item;
                if (raw is string text)
                {
                    var port = text.LastIndexOf(':');
                    var container = port > 0 ? text.LastIndexOf(':', port - 1) : -1;
                    if (container <= 0 || !int.TryParse(text.Substring(port + 1), NumberStyles.None, CultureInfo.InvariantCulture, out var p))
                        throw new ArgumentException($"'{text}' is not a load balancer. Write targetGroupArn:containerName:containerPort, or a hashtable @{{ TargetGroupArn = '...'; ContainerName = 'web'; ContainerPort = 80 }}.");
                    nodes.Add(new JsonObject
                    {
                        ["targetGroupArn"] = text.Substring(0, container),
                        ["containerName"] = text.Substring(container + 1, port - container - 1),
                        ["containerPort"] = p,
                    });
                }
                else nodes.Add(PlainData.ToJson(item));
            }
            var result = Read<List<LoadBalancer>>(nodes, "-LoadBalancer");
            foreach (var lb in result)
            {
                if (lb.TargetGroupArn == null && lb.LoadBalancerName == null)
                    throw new ArgumentException("-LoadBalancer: each entry needs a TargetGroupArn (or a Classic LoadBalancerName).");
                if (lb.ContainerName == null || lb.ContainerPort == null)
                    throw new ArgumentException("-LoadBalancer: each entry needs the ContainerName and ContainerPort that receive the traffic.");
                if (lb.TargetGroupArn != null && !Arn.IsArn(lb.TargetGroupArn))
                    throw new ArgumentException($"-LoadBalancer: '{lb.TargetGroupArn}' is not a target group ARN.");
            }
            return result;
        }

        public static List<PlacementConstraint> PlacementConstraints(object[] items)
        {
            if (items == null) return null;
            if (items.Length > 10) throw new ArgumentException($"-PlacementConstraint: at most 10 constraints; {items.Length} were given.");
            var nodes = new JsonArray();
            foreach (var item in items)
            {
                var raw = item is PSObject pso ? pso.BaseObject : item;
                if (raw is string text)
                {
                    var colon = text.IndexOf(':');
                    var type = colon < 0 ? text : text.Substring(0, colon);
                    if (type.Equals("distinctInstance", StringComparison.OrdinalIgnoreCase) && colon < 0)
                        nodes.Add(new JsonObject { ["type"] = "distinctInstance" });
                    else if (type.Equals("memberOf", StringComparison.OrdinalIgnoreCase) && colon > 0)
                        nodes.Add(new JsonObject { ["type"] = "memberOf", ["expression"] = text.Substring(colon + 1) });
                    else
                        throw new ArgumentException($"'{text}' is not a placement constraint. Write 'distinctInstance' or 'memberOf:<cluster query expression>'.");
                }
                else nodes.Add(PlainData.ToJson(item));
            }
            return Read<List<PlacementConstraint>>(nodes, "-PlacementConstraint");
        }

        public static List<PlacementStrategy> PlacementStrategies(object[] items)
        {
            if (items == null) return null;
            if (items.Length > 5) throw new ArgumentException($"-PlacementStrategy: at most 5 strategies; {items.Length} were given.");
            var nodes = new JsonArray();
            foreach (var item in items)
            {
                var raw = item is PSObject pso ? pso.BaseObject : item;
                if (raw is string text)
                {
                    var colon = text.IndexOf(':');
                    var type = (colon < 0 ? text : text.Substring(0, colon)).ToLowerInvariant();
                    var field = colon < 0 ? null : text.Substring(colon + 1);
                    if (type == "random" && field == null) nodes.Add(new JsonObject { ["type"] = "random" });
                    else if ((type == "spread" || type == "binpack") && !string.IsNullOrEmpty(field))
                        nodes.Add(new JsonObject { ["type"] = type, ["field"] = field });
                    else
                        throw new ArgumentException($"'{text}' is not a placement strategy. Write 'random', 'spread:<field>' (such as spread:attribute:ecs.availability-zone) or 'binpack:cpu' / 'binpack:memory'.");
                }
                else nodes.Add(PlainData.ToJson(item));
            }
            return Read<List<PlacementStrategy>>(nodes, "-PlacementStrategy");
        }

        public static List<ServiceRegistry> ServiceRegistries(object[] items)
            => items == null ? null : Read<List<ServiceRegistry>>(new JsonArray(items.Select(PlainData.ToJson).ToArray()), "-ServiceRegistry");

        public static NetworkConfiguration Network(string[] subnets, string[] securityGroups, bool? assignPublicIp)
        {
            if (subnets == null && securityGroups == null && assignPublicIp == null) return null;
            if (subnets == null || subnets.Length == 0)
                throw new ArgumentException("-SecurityGroup and -AssignPublicIp go with -Subnet: awsvpc networking needs at least one subnet.");
            if (subnets.Length > 16) throw new ArgumentException($"-Subnet: at most 16 subnets; {subnets.Length} were given.");
            if (securityGroups != null && securityGroups.Length > 5) throw new ArgumentException($"-SecurityGroup: at most 5 security groups; {securityGroups.Length} were given.");
            // The ids themselves are checked at binding (ValidateEc2Id).
            return new NetworkConfiguration
            {
                AwsvpcConfiguration = new AwsVpcConfiguration
                {
                    Subnets = subnets.ToList(),
                    SecurityGroups = securityGroups?.ToList(),
                    AssignPublicIp = assignPublicIp == null ? null : (assignPublicIp.Value ? "ENABLED" : "DISABLED"),
                },
            };
        }

        public static DeploymentConfiguration Deployment(int? minimumHealthyPercent, int? maximumPercent, string circuitBreaker,
            string[] alarms, bool alarmRollback)
        {
            if (minimumHealthyPercent == null && maximumPercent == null && circuitBreaker == null && alarms == null) return null;
            if (minimumHealthyPercent != null && maximumPercent != null && maximumPercent < minimumHealthyPercent)
                throw new ArgumentException($"-MaximumPercent ({maximumPercent}) is below -MinimumHealthyPercent ({minimumHealthyPercent}).");
            return new DeploymentConfiguration
            {
                MinimumHealthyPercent = minimumHealthyPercent,
                MaximumPercent = maximumPercent,
                DeploymentCircuitBreaker = circuitBreaker == null ? null : new DeploymentCircuitBreaker
                {
                    Enable = circuitBreaker != "Disabled",
                    Rollback = circuitBreaker == "Rollback",
                },
                Alarms = alarms == null ? null : new DeploymentAlarms
                {
                    AlarmNames = alarms.ToList(),
                    Enable = alarms.Length > 0,
                    Rollback = alarms.Length > 0 && alarmRollback,
                },
            };
        }

        private static T Read<T>(JsonNode node, string parameter) where T : class
        {
            var problems = new List<string>();
            var value = ModelReader.Read<T>(node, parameter, problems);
            if (problems.Count > 0) throw new ArgumentException(string.Join(" ", problems));
            return value;
        }
    }
}
