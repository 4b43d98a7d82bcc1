using System;
using System.Collections.Generic;
using System.Linq;
using System.Text.Json.Nodes;
using EcsPS.Engine.ElasticLoadBalancingV2.Model;
using EcsPS.Engine.Protocols.Json;
using EcsPS.Engine.Tests.Support;
using Xunit;
using Xunit.Sdk;
using Action = EcsPS.Engine.ElasticLoadBalancingV2.Model.Action;

namespace EcsPS.Engine.Tests.Protocols
{
    /// <summary>
    /// The Engine's ELBv2 client against moto_server, relayed through the loopback fake so that
    /// every request and answer is recorded. Each test ends by holding all its traffic to botocore:
    /// botocore accepts every request's params and sends the same form for them, and parses each of
    /// moto's XML answers into exactly what the Engine parsed. Where moto echoes what was sent,
    /// the tests check it came back (moto is not AWS: see /work/shared/notes/moto.md).
    /// </summary>
    public sealed class QueryMotoTests : IClassFixture<MotoServer>
    {
        private readonly MotoServer _moto;

        public QueryMotoTests(MotoServer moto) => _moto = moto;

        /// <summary>Names unique to one test run: the tests share one moto and never reset it.</summary>
        private static string Unique(string prefix) => prefix + "-" + Guid.NewGuid().ToString("N").Substring(0, 12);

        [Fact]
        public void A_target_group_is_created_described_modified_tagged_and_given_targets()
        {
            using var talk = QueryConversation.WithMoto(_moto);
            var create = new CreateTargetGroupRequest
            {
                Name = Unique("tg"),
                Protocol = "HTTP",
                ProtocolVersion = "HTTP1",
                Port = 8080,
                VpcId = _moto.Network.VpcId,
                HealthCheckProtocol = "HTTP",
                HealthCheckPort = "8081",
                HealthCheckEnabled = true,
                HealthCheckPath = "/health?deep=1&from=elb",
                HealthCheckIntervalSeconds = 15,
                HealthCheckTimeoutSeconds = 6,
                HealthyThresholdCount = 3,
                UnhealthyThresholdCount = 4,
                Matcher = new Matcher { HttpCode = "200-299" },
                TargetType = "ip",
                IpAddressType = "ipv4",
                Tags = new List<Tag> { new Tag { Key = "team", Value = "web platform" }, new Tag { Key = "cost/centre", Value = "42+7 é" } },
            };

            var created = talk.Call(create, (c, r, ct) => c.CreateTargetGroup(r, ct)).TargetGroups.Single();

            Assert.Equal(create.Name, created.TargetGroupName);
            AssertEchoed(create, created, "Name", "Tags");
            Assert.StartsWith("arn:aws:elasticloadbalancing:us-east-1:", created.TargetGroupArn, StringComparison.Ordinal);

            var byName = talk.Call(new DescribeTargetGroupsRequest { Names = new List<string> { create.Name } }, (c, r, ct) => c.DescribeTargetGroups(r, ct));
            var byArn = talk.Call(new DescribeTargetGroupsRequest { TargetGroupArns = new List<string> { created.TargetGroupArn }, PageSize = 10 },
                (c, r, ct) => c.DescribeTargetGroups(r, ct));
            AssertEchoed(create, byName.TargetGroups.Single(), "Name", "Tags");
            Assert.Equal(created.TargetGroupArn, byArn.TargetGroups.Single().TargetGroupArn);

            var modify = new ModifyTargetGroupRequest
            {
                TargetGroupArn = created.TargetGroupArn,
                HealthCheckProtocol = "HTTP",
                HealthCheckPort = "traffic-port",
                HealthCheckPath = "/ready",
                HealthCheckEnabled = false,
                HealthCheckIntervalSeconds = 30,
                HealthCheckTimeoutSeconds = 10,
                HealthyThresholdCount = 2,
                UnhealthyThresholdCount = 5,
                Matcher = new Matcher { HttpCode = "200,302" },
            };
            var modified = talk.Call(modify, (c, r, ct) => c.ModifyTargetGroup(r, ct)).TargetGroups.Single();
            AssertEchoed(modify, modified);
            Assert.Equal((create.Port, create.Protocol), (modified.Port, modified.Protocol));

            talk.Call(new AddTagsRequest { ResourceArns = new List<string> { created.TargetGroupArn }, Tags = new List<Tag> { new Tag { Key = "stage", Value = "a/b c" }, new Tag { Key = "blank", Value = " " } } },
                (c, r, ct) => c.AddTags(r, ct));
            var tags = talk.Call(new DescribeTagsRequest { ResourceArns = new List<string> { created.TargetGroupArn } }, (c, r, ct) => c.DescribeTags(r, ct))
                .TagDescriptions.Single();
            Assert.Equal(created.TargetGroupArn, tags.ResourceArn);
            Assert.Equal(new[] { ("blank", " "), ("cost/centre", "42+7 é"), ("stage", "a/b c"), ("team", "web platform") },
                tags.Tags.Select(t => (t.Key, t.Value)).OrderBy(t => t.Key, StringComparer.Ordinal));

            var targets = new List<TargetDescription>
            {
                new TargetDescription { Id = "10.0.1.15", Port = 8080, AvailabilityZone = _moto.Network.Subnets[0].Zone },
                new TargetDescription { Id = "10.0.2.16", Port = 9090 },
            };
            talk.Call(new RegisterTargetsRequest { TargetGroupArn = created.TargetGroupArn, Targets = targets }, (c, r, ct) => c.RegisterTargets(r, ct));
            var health = talk.Call(new DescribeTargetHealthRequest { TargetGroupArn = created.TargetGroupArn, Include = new List<string> { "All" } },
                (c, r, ct) => c.DescribeTargetHealth(r, ct)).TargetHealthDescriptions;
            // moto echoes Id and Port (not the zone) and reports some state for each target.
            Assert.Equal(targets.Select(t => (t.Id, t.Port)).OrderBy(t => t.Id), health.Select(h => (h.Target.Id, h.Target.Port)).OrderBy(t => t.Id));
            Assert.All(health, h => Assert.False(string.IsNullOrEmpty(h.TargetHealth?.State)));

            talk.Call(new DeregisterTargetsRequest { TargetGroupArn = created.TargetGroupArn, Targets = new List<TargetDescription> { targets[1] } },
                (c, r, ct) => c.DeregisterTargets(r, ct));
            var left = talk.Call(new DescribeTargetHealthRequest { TargetGroupArn = created.TargetGroupArn, Targets = new List<TargetDescription> { targets[0] } },
                (c, r, ct) => c.DescribeTargetHealth(r, ct)).TargetHealthDescriptions;
            Assert.Equal(targets[0].Id, left.Single().Target.Id);

            talk.AssertAllSameAsBotocore();
        }

        [Fact]
        public void A_load_balancer_gets_a_listener_and_rules()
        {
            using var talk = QueryConversation.WithMoto(_moto);
            var network = _moto.Network;
            var group = talk.Call(new CreateTargetGroupRequest { Name = Unique("tg"), Protocol = "HTTP", Port = 80, VpcId = network.VpcId, TargetType = "ip" },
                (c, r, ct) => c.CreateTargetGroup(r, ct)).TargetGroups.Single();

            var create = new CreateLoadBalancerRequest
            {
                Name = Unique("lb"),
                Subnets = new List<string> { network.Subnets[0].SubnetId, network.Subnets[1].SubnetId },
                Scheme = "internal",
                Type = "application",
                IpAddressType = "ipv4",
                Tags = new List<Tag> { new Tag { Key = "app", Value = "front end" }, new Tag { Key = "owner", Value = "ops+oncall@example.com" } },
            };
            var lb = talk.Call(create, (c, r, ct) => c.CreateLoadBalancer(r, ct)).LoadBalancers.Single();
            Assert.Equal((create.Name, create.Scheme, create.Type, create.IpAddressType, network.VpcId),
                (lb.LoadBalancerName, lb.Scheme, lb.Type, lb.IpAddressType, lb.VpcId));
            Assert.Equal(create.Subnets.OrderBy(s => s), lb.AvailabilityZones.Select(z => z.SubnetId).OrderBy(s => s));
            Assert.Equal(network.Subnets.Take(2).Select(s => s.Zone).OrderBy(z => z), lb.AvailabilityZones.Select(z => z.ZoneName).OrderBy(z => z));
            Assert.NotNull(lb.CreatedTime);

            var described = talk.Call(new DescribeLoadBalancersRequest { Names = new List<string> { create.Name } }, (c, r, ct) => c.DescribeLoadBalancers(r, ct))
                .LoadBalancers.Single();
            Assert.Equal((lb.LoadBalancerArn, lb.DNSName, lb.CreatedTime), (described.LoadBalancerArn, described.DNSName, described.CreatedTime));
            talk.Call(new DescribeLoadBalancersRequest { LoadBalancerArns = new List<string> { lb.LoadBalancerArn }, PageSize = 5 },
                (c, r, ct) => c.DescribeLoadBalancers(r, ct));

            var forward = new Action { Type = "forward", TargetGroupArn = group.TargetGroupArn };
            var listenerRequest = new CreateListenerRequest { LoadBalancerArn = lb.LoadBalancerArn, Protocol = "HTTP", Port = 8080, DefaultActions = new List<Action> { forward } };
            var listener = talk.Call(listenerRequest, (c, r, ct) => c.CreateListener(r, ct)).Listeners.Single();
            AssertEchoed(listenerRequest, listener);

            var listeners = talk.Call(new DescribeListenersRequest { LoadBalancerArn = lb.LoadBalancerArn }, (c, r, ct) => c.DescribeListeners(r, ct)).Listeners;
            Assert.Equal(listener.ListenerArn, listeners.Single().ListenerArn);

            var ruleRequest = new CreateRuleRequest
            {
                ListenerArn = listener.ListenerArn,
                Priority = 10,
                Conditions = new List<RuleCondition>
                {
                    new RuleCondition { Field = "path-pattern", PathPatternConfig = new PathPatternConditionConfig { Values = new List<string> { "/api/*", "/v2/*" } } },
                },
                Actions = new List<Action>
                {
                    new Action
                    {
                        Type = "authenticate-oidc",
                        Order = 1,
                        AuthenticateOidcConfig = new AuthenticateOidcActionConfig
                        {
                            Issuer = "https://idp.example.com",
                            AuthorizationEndpoint = "https://idp.example.com/authorize",
                            TokenEndpoint = "https://idp.example.com/token",
                            UserInfoEndpoint = "https://idp.example.com/userinfo",
                            ClientId = "ecsps",
                            ClientSecret = "s3cr3t",
                            AuthenticationRequestExtraParams = new Dictionary<string, string> { ["display"] = "page", ["prompt"] = "login" },
                        },
                    },
                    new Action { Type = "forward", Order = 2, TargetGroupArn = group.TargetGroupArn },
                },
            };
            var rule = talk.Call(ruleRequest, (c, r, ct) => c.CreateRule(r, ct)).Rules.Single();
            Assert.Equal("10", rule.Priority);
            AssertEchoed(ruleRequest, rule, "ListenerArn", "Priority");

            var rules = talk.Call(new DescribeRulesRequest { ListenerArn = listener.ListenerArn }, (c, r, ct) => c.DescribeRules(r, ct)).Rules;
            Assert.Equal(2, rules.Count);
            var ours = rules.Single(r => r.RuleArn == rule.RuleArn);
            Assert.Equal(ruleRequest.Actions[0].AuthenticateOidcConfig.AuthenticationRequestExtraParams, ours.Actions[0].AuthenticateOidcConfig.AuthenticationRequestExtraParams);
            Assert.True(rules.Single(r => r.RuleArn != rule.RuleArn).IsDefault);

            var tags = talk.Call(new DescribeTagsRequest { ResourceArns = new List<string> { lb.LoadBalancerArn, group.TargetGroupArn } }, (c, r, ct) => c.DescribeTags(r, ct))
                .TagDescriptions;
            Assert.Equal(create.Tags.Select(t => (t.Key, t.Value)), tags.Single(t => t.ResourceArn == lb.LoadBalancerArn).Tags.Select(t => (t.Key, t.Value)));

            talk.AssertAllSameAsBotocore();
        }

        [Fact]
        public void Describing_a_missing_target_group_fails_with_the_code_the_model_gives()
        {
            using var talk = QueryConversation.WithMoto(_moto);
            var missing = "arn:aws:elasticloadbalancing:us-east-1:123456789012:targetgroup/" + Unique("gone") + "/0123456789abcdef";

            var ex = talk.Fails(new DescribeTargetGroupsRequest { TargetGroupArns = new List<string> { missing } }, (c, r, ct) => c.DescribeTargetGroups(r, ct));

            var modelled = ServiceModel.ForBotocore("elbv2", "2015-12-01").Shape("TargetGroupNotFoundException").GetProperty("error");
            Assert.Equal(modelled.GetProperty("code").GetString(), ex.ErrorCode);
            Assert.Equal(modelled.GetProperty("httpStatusCode").GetInt32(), ex.StatusCode);
            Assert.False(string.IsNullOrEmpty(ex.RequestId));
            Assert.Equal("DescribeTargetGroups", ex.Operation);
            // Code, message and request id are the ones botocore reads from moto's XML; sent once.
            talk.AssertAllSameAsBotocore();
            Assert.Single(talk.Fake.Requests);
        }

        /// <summary>Every member set on the request (but those named) came back with the same value
        /// in the object the service answered with.</summary>
        private static void AssertEchoed(object request, object answer, params string[] notEchoed)
        {
            var sent = JsonNode.Parse(EngineJson.Serialize(request)).AsObject();
            var back = JsonNode.Parse(EngineJson.Serialize(answer)).AsObject();
            var problems = new List<string>();
            foreach (var member in sent.Where(m => !notEchoed.Contains(m.Key)))
            {
                if (!back.TryGetPropertyValue(member.Key, out var value))
                    problems.Add($"{member.Key}: sent {member.Value.ToJsonString()}, not in the answer");
                else if (!JsonNode.DeepEquals(member.Value, value))
                    problems.Add($"{member.Key}: sent {member.Value.ToJsonString()}, answered {value?.ToJsonString()}");
            }
            if (problems.Count > 0)
                throw new XunitException($"{request.GetType().Name} members not echoed in {answer.GetType().Name}:\n  " + string.Join("\n  ", problems));
        }
    }
}
