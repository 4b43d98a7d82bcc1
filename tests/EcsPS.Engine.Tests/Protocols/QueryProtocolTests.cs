using System;
using System.Collections.Generic;
using System.Linq;
using System.Text;
using System.Threading;
using EcsPS.Engine.Ecs;
using EcsPS.Engine.ElasticLoadBalancingV2;
using EcsPS.Engine.ElasticLoadBalancingV2.Model;
using EcsPS.Engine.Protocols.Json;
using EcsPS.Engine.Runtime;
using EcsPS.Engine.Tests.Support;
using EcsPS.TestFakes;
using Xunit;
using Action = EcsPS.Engine.ElasticLoadBalancingV2.Model.Action;

namespace EcsPS.Engine.Tests.Protocols
{
    /// <summary>
    /// The Query protocol (ELBv2) against botocore, through the real ElasticLoadBalancingV2Client
    /// and the loopback fake: the form each request sends is the one botocore sends for the same
    /// params, answers are read as botocore reads them, XML errors become the same exceptions as
    /// JSON ones and are retried by the same rules, and requests carry a signature botocore
    /// reproduces. botocore runs at test time (python3); nothing expected is written down here.
    /// </summary>
    public sealed class QueryProtocolTests
    {
        private const string RequestId = "3c6b27a6-9e4f-4d2a-b1a8-0123456789ab";
        private static readonly CancellationToken None = CancellationToken.None;

        private static string Arn(string resource) => "arn:aws:elasticloadbalancing:us-east-1:123456789012:" + resource;
        private static readonly string WebGroup = Arn("targetgroup/web/50dc6c495c0c9188");
        private static readonly string ApiGroup = Arn("targetgroup/api/73e2d6bc24d8a067");
        private static readonly string Front = Arn("loadbalancer/app/front/50dc6c495c0c9188");
        private static readonly string Back = Arn("loadbalancer/net/back/a8b5c6d7e8f90123");
        private static readonly string HttpListener = Arn("listener/app/front/50dc6c495c0c9188/f2f7dc8efc522ab2");
        private static readonly string HttpsListener = Arn("listener/app/front/50dc6c495c0c9188/0467ef3c8400ae65");

        // ---- requests ----------------------------------------------------------------------

        /// <summary>One request per operation, with as many members set as the shape has (lists of
        /// two or more, nested structures, enums, booleans, integers, a map).</summary>
        private static readonly IReadOnlyDictionary<string, Case> Requests = new[]
        {
            Case.Of(new DescribeTargetGroupsRequest
            {
                LoadBalancerArn = Front,
                TargetGroupArns = new List<string> { WebGroup, ApiGroup },
                Names = new List<string> { "web", "api" },
                Marker = "eyJuZXh0IjoiMiJ9+/==",
                PageSize = 50,
            }, (c, r) => c.DescribeTargetGroups(r, None)),
            Case.Of(new DescribeTargetHealthRequest
            {
                TargetGroupArn = WebGroup,
                Targets = new List<TargetDescription>
                {
                    new TargetDescription { Id = "i-0abcdef1234567890", Port = 8080, AvailabilityZone = "us-east-1a", QuicServerId = "0x1a2b3c4d5e6f7a8b" },
                    new TargetDescription { Id = "10.0.1.15", Port = 80, AvailabilityZone = "all" },
                },
                Include = new List<string> { "AnomalyDetection", "All" },
            }, (c, r) => c.DescribeTargetHealth(r, None)),
            Case.Of(new DescribeLoadBalancersRequest
            {
                LoadBalancerArns = new List<string> { Front, Back },
                Names = new List<string> { "front", "back" },
                Marker = "page 2",
                PageSize = 400,
            }, (c, r) => c.DescribeLoadBalancers(r, None)),
            Case.Of(new DescribeListenersRequest
            {
                LoadBalancerArn = Front,
                ListenerArns = new List<string> { HttpListener, HttpsListener },
                Marker = "m1",
                PageSize = 10,
            }, (c, r) => c.DescribeListeners(r, None)),
            Case.Of(new DescribeRulesRequest
            {
                ListenerArn = HttpListener,
                RuleArns = new List<string> { Arn("listener-rule/app/front/50dc6c495c0c9188/f2f7dc8efc522ab2/9683b2d02a6cabee"), Arn("listener-rule/app/front/50dc6c495c0c9188/f2f7dc8efc522ab2/1b2c3d4e5f607182") },
                Marker = "m2",
                PageSize = 2,
            }, (c, r) => c.DescribeRules(r, None)),
            Case.Of(new DescribeTagsRequest
            {
                ResourceArns = new List<string> { Front, WebGroup, HttpListener },
            }, (c, r) => c.DescribeTags(r, None)),
            Case.Of(new RegisterTargetsRequest
            {
                TargetGroupArn = WebGroup,
                Targets = new List<TargetDescription>
                {
                    new TargetDescription { Id = "i-0abcdef1234567890", Port = 8080 },
                    new TargetDescription { Id = "10.0.1.15", Port = 80, AvailabilityZone = "all" },
                    new TargetDescription { Id = "10.0.2.16", Port = 443, AvailabilityZone = "us-east-1b", QuicServerId = "0x0000000000000001" },
                },
            }, (c, r) => c.RegisterTargets(r, None)),
            Case.Of(new DeregisterTargetsRequest
            {
                TargetGroupArn = WebGroup,
                Targets = new List<TargetDescription>
                {
                    new TargetDescription { Id = "i-0abcdef1234567890", Port = 8080, AvailabilityZone = "us-east-1a" },
                    new TargetDescription { Id = "10.0.1.15" },
                },
            }, (c, r) => c.DeregisterTargets(r, None)),
            Case.Of(new CreateTargetGroupRequest
            {
                Name = "web",
                Protocol = "HTTPS",
                ProtocolVersion = "HTTP2",
                Port = 8443,
                VpcId = "vpc-0123456789abcdef0",
                HealthCheckProtocol = "HTTP",
                HealthCheckPort = "traffic-port",
                HealthCheckEnabled = true,
                HealthCheckPath = "/health?deep=1&from=elb",
                HealthCheckIntervalSeconds = 15,
                HealthCheckTimeoutSeconds = 6,
                HealthyThresholdCount = 3,
                UnhealthyThresholdCount = 4,
                Matcher = new Matcher { HttpCode = "200-299,302", GrpcCode = "0-99" },
                TargetType = "ip",
                Tags = new List<Tag> { new Tag { Key = "team", Value = "web platform" }, new Tag { Key = "cost/centre", Value = "42+7" } },
                IpAddressType = "ipv4",
                TargetControlPort = 9000,
            }, (c, r) => c.CreateTargetGroup(r, None)),
            Case.Of(new ModifyTargetGroupRequest
            {
                TargetGroupArn = WebGroup,
                HealthCheckProtocol = "HTTPS",
                HealthCheckPort = "8081",
                HealthCheckPath = "/ready",
                HealthCheckEnabled = false,
                HealthCheckIntervalSeconds = 30,
                HealthCheckTimeoutSeconds = 10,
                HealthyThresholdCount = 2,
                UnhealthyThresholdCount = 10,
                Matcher = new Matcher { HttpCode = "200", GrpcCode = "12" },
            }, (c, r) => c.ModifyTargetGroup(r, None)),
            Case.Of(new CreateRuleRequest
            {
                ListenerArn = HttpsListener,
                Priority = 10,
                Conditions = new List<RuleCondition>
                {
                    new RuleCondition { Field = "path-pattern", PathPatternConfig = new PathPatternConditionConfig { Values = new List<string> { "/api/*", "/v2/*" } } },
                    new RuleCondition { Field = "host-header", HostHeaderConfig = new HostHeaderConditionConfig { Values = new List<string> { "app.example.com", "*.example.org" } } },
                    new RuleCondition { Field = "http-header", HttpHeaderConfig = new HttpHeaderConditionConfig { HttpHeaderName = "X-Env", Values = new List<string> { "prod", "pre prod" } } },
                    new RuleCondition
                    {
                        Field = "query-string",
                        QueryStringConfig = new QueryStringConditionConfig
                        {
                            Values = new List<QueryStringKeyValuePair> { new QueryStringKeyValuePair { Key = "version", Value = "2" }, new QueryStringKeyValuePair { Value = "beta&more" } },
                        },
                    },
                    new RuleCondition { Field = "http-request-method", HttpRequestMethodConfig = new HttpRequestMethodConditionConfig { Values = new List<string> { "GET", "HEAD" } } },
                    new RuleCondition { Field = "source-ip", SourceIpConfig = new SourceIpConditionConfig { Values = new List<string> { "10.0.0.0/8", "2001:db8::/32" } } },
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
                            ClientId = "ecsps-client",
                            ClientSecret = "s3cr3t/+=",
                            SessionCookieName = "AWSELBAuthSessionCookie",
                            Scope = "openid email",
                            SessionTimeout = 604800L,
                            AuthenticationRequestExtraParams = new Dictionary<string, string>
                            {
                                ["display"] = "page",
                                ["prompt"] = "login",
                                ["ui_locales"] = "fr-CA en",
                            },
                            OnUnauthenticatedRequest = "authenticate",
                            UseExistingClientSecret = false,
                        },
                    },
                    new Action
                    {
                        Type = "forward",
                        Order = 2,
                        ForwardConfig = new ForwardActionConfig
                        {
                            TargetGroups = new List<TargetGroupTuple>
                            {
                                new TargetGroupTuple { TargetGroupArn = WebGroup, Weight = 80 },
                                new TargetGroupTuple { TargetGroupArn = ApiGroup, Weight = 20 },
                            },
                            TargetGroupStickinessConfig = new TargetGroupStickinessConfig { Enabled = true, DurationSeconds = 3600 },
                        },
                    },
                },
                Tags = new List<Tag> { new Tag { Key = "rule", Value = "api" } },
                Transforms = new List<RuleTransform>
                {
                    new RuleTransform
                    {
                        Type = "host-header-rewrite",
                        HostHeaderRewriteConfig = new HostHeaderRewriteConfig { Rewrites = new List<RewriteConfig> { new RewriteConfig { Regex = "^app\\.(.*)$", Replace = "api.$1" } } },
                    },
                },
            }, (c, r) => c.CreateRule(r, None)),
            Case.Of(new CreateListenerRequest
            {
                LoadBalancerArn = Front,
                Protocol = "HTTPS",
                Port = 443,
                SslPolicy = "ELBSecurityPolicy-TLS13-1-2-2021-06",
                Certificates = new List<Certificate> { new Certificate { CertificateArn = "arn:aws:acm:us-east-1:123456789012:certificate/1", IsDefault = true } },
                DefaultActions = new List<Action>
                {
                    new Action { Type = "fixed-response", FixedResponseConfig = new FixedResponseActionConfig { StatusCode = "503", ContentType = "text/plain", MessageBody = "Down for maintenance: back at 10:00 (UTC+1)" } },
                    new Action { Type = "redirect", RedirectConfig = new RedirectActionConfig { Protocol = "HTTPS", Port = "443", Host = "#{host}", Path = "/#{path}", Query = "#{query}", StatusCode = "HTTP_301" } },
                },
                AlpnPolicy = new List<string> { "HTTP2Preferred" },
                Tags = new List<Tag> { new Tag { Key = "listener", Value = "https" } },
                MutualAuthentication = new MutualAuthenticationAttributes { Mode = "verify", TrustStoreArn = Arn("truststore/ts/1"), IgnoreClientCertificateExpiry = false, AdvertiseTrustStoreCaNames = "on" },
            }, (c, r) => c.CreateListener(r, None)),
            Case.Of(new CreateLoadBalancerRequest
            {
                Name = "front",
                Subnets = new List<string> { "subnet-0a", "subnet-0b" },
                SubnetMappings = new List<SubnetMapping> { new SubnetMapping { SubnetId = "subnet-0c", AllocationId = "eipalloc-1", PrivateIPv4Address = "10.0.0.5", IPv6Address = "2001:db8::5", SourceNatIpv6Prefix = "auto_assigned" } },
                SecurityGroups = new List<string> { "sg-1", "sg-2" },
                Scheme = "internal",
                Tags = new List<Tag> { new Tag { Key = "app", Value = "front" }, new Tag { Key = "empty" } },
                Type = "application",
                IpAddressType = "dualstack",
                CustomerOwnedIpv4Pool = "ipv4pool-coip-1",
                EnablePrefixForIpv6SourceNat = "off",
                IpamPools = new IpamPools { Ipv4IpamPoolId = "ipam-pool-1" },
            }, (c, r) => c.CreateLoadBalancer(r, None)),
            Case.Of(new ModifyTargetGroupAttributesRequest
            {
                TargetGroupArn = WebGroup,
                Attributes = new List<TargetGroupAttribute>
                {
                    new TargetGroupAttribute { Key = "deregistration_delay.timeout_seconds", Value = "30" },
                    new TargetGroupAttribute { Key = "stickiness.enabled", Value = "true" },
                },
            }, (c, r) => c.ModifyTargetGroupAttributes(r, None)),
            Case.Of(new RemoveTagsRequest { ResourceArns = new List<string> { Front, WebGroup }, TagKeys = new List<string> { "team", "cost/centre" } },
                (c, r) => c.RemoveTags(r, None)),
            Case.Of(new DeleteTargetGroupRequest { TargetGroupArn = WebGroup }, (c, r) => c.DeleteTargetGroup(r, None)),
        }.ToDictionary(c => c.Operation);

        public static TheoryData<string> Operations => new TheoryData<string>(Requests.Keys);

        [Theory]
        [MemberData(nameof(Operations))]
        public void The_form_sent_is_the_one_botocore_sends_for_the_same_params(string operation)
        {
            var exchange = Send(Requests[operation]);

            BotocoreQuery.AssertSameAsBotocore(new[] { exchange });
            Assert.Equal(operation, exchange.Sent.FormValue("Action"));
        }

        [Fact]
        public void The_AuthenticationRequestExtraParams_map_is_sent_as_entries()
        {
            var exchange = Send(Requests["CreateRule"]);

            // The map's botocore form (compared above) is Name.entry.N.key / Name.entry.N.value.
            const string map = "Actions.member.1.AuthenticateOidcConfig.AuthenticationRequestExtraParams.entry.";
            var entries = exchange.Sent.Form.Where(p => p.Key.StartsWith(map, StringComparison.Ordinal)).ToList();
            Assert.Equal(6, entries.Count);
            var keys = entries.Where(p => p.Key.EndsWith(".key", StringComparison.Ordinal)).Select(p => p.Value);
            Assert.Equal(new[] { "display", "prompt", "ui_locales" }, keys.OrderBy(k => k, StringComparer.Ordinal));
            var uiLocales = entries.Single(p => p.Value == "ui_locales").Key.Replace(".key", ".value");
            Assert.Equal("fr-CA en", exchange.Sent.FormValue(uiLocales));
        }

        [Fact]
        public void An_empty_list_and_text_that_needs_percent_encoding_are_sent_as_botocore_sends_them()
        {
            var awkward = new[]
            {
                "a b", "1+1=2", "path/to/x", "50% & more?", "#frag;semi,comma", "~*'()!$", "tab\tand\nnewline",
                "é ü ß", "日本語", "🚀 rocket", "\"quoted\" <tag>",
            };
            var tags = awkward.Select((v, i) => new Tag { Key = "key " + i + (i % 2 == 0 ? "/+" : "é"), Value = v }).ToList();
            var exchanges = new[]
            {
                Send(Case.Of(new AddTagsRequest { ResourceArns = new List<string> { Front, WebGroup }, Tags = tags }, (c, r) => c.AddTags(r, None))),
                // An empty list is sent as its bare name: botocore's "Names=".
                Send(Case.Of(new DescribeTargetGroupsRequest { Names = new List<string>(), TargetGroupArns = new List<string> { WebGroup } },
                    (c, r) => c.DescribeTargetGroups(r, None))),
            };

            var verdicts = BotocoreQuery.AssertSameAsBotocore(exchanges);

            // Python's parse_qsl, a server's decoder, reads back every value exactly.
            var decoded = verdicts[0].OurForm;
            foreach (var (tag, i) in tags.Select((t, i) => (t, i)))
            {
                Assert.Contains(new KeyValuePair<string, string>($"Tags.member.{i + 1}.Key", tag.Key), decoded);
                Assert.Contains(new KeyValuePair<string, string>($"Tags.member.{i + 1}.Value", tag.Value), decoded);
            }
            Assert.All(exchanges[0].Sent.BodyBytes, b => Assert.InRange(b, (byte)0x21, (byte)0x7e));
            Assert.Contains(new KeyValuePair<string, string>("Names", ""), verdicts[1].OurForm);
            Assert.DoesNotContain(verdicts[1].OurForm, p => p.Key.StartsWith("Names.", StringComparison.Ordinal));
        }

        [Fact]
        public void The_comparison_with_botocore_fails_on_one_changed_pair()
        {
            // The check itself can fail: the same exchange with one value changed on the wire.
            var exchange = Send(Requests["RegisterTargets"]);
            var body = exchange.Sent.Body.Replace("=8080", "=8081", StringComparison.Ordinal);
            Assert.NotEqual(exchange.Sent.Body, body);
            var verdict = BotocoreQuery.Judge(new[] { exchange })[0];
            var changed = RecordedRequest.ParseForm(body);

            var differences = BotocoreQuery.FormDifferences(verdict.BotocoreForm, changed);

            Assert.Equal(2, differences.Count);
            Assert.Contains(differences, d => d.Contains("botocore sends \"Targets.member.1.Port\"=\"8080\"", StringComparison.Ordinal));
            Assert.Contains(differences, d => d.Contains("the Engine sends \"Targets.member.1.Port\"=\"8081\"", StringComparison.Ordinal));
        }

        // ---- answers -----------------------------------------------------------------------

        [Fact]
        public void A_DescribeLoadBalancers_answer_with_every_member_is_read_as_botocore_reads_it()
        {
            // Every member of LoadBalancer set, timestamps with and without a fraction, lists of
            // structures inside lists, and the namespace ELBv2 puts on every element.
            const string first =
                "<member><LoadBalancerArn>arn:aws:elasticloadbalancing:us-east-1:123456789012:loadbalancer/app/front/50dc6c495c0c9188</LoadBalancerArn>" +
                "<DNSName>front-1.us-east-1.elb.amazonaws.com</DNSName><CanonicalHostedZoneId>Z35SXDOTRQ7X7K</CanonicalHostedZoneId>" +
                "<CreatedTime>2024-03-05T10:20:30.123456Z</CreatedTime><LoadBalancerName>front</LoadBalancerName><Scheme>internet-facing</Scheme>" +
                "<VpcId>vpc-0123456789abcdef0</VpcId><State><Code>active_impaired</Code><Reason>One zone &amp; more</Reason></State><Type>application</Type>" +
                "<AvailabilityZones><member><ZoneName>us-east-1a</ZoneName><SubnetId>subnet-0a</SubnetId><OutpostId>op-1</OutpostId>" +
                "<LoadBalancerAddresses><member><IpAddress>203.0.113.5</IpAddress><AllocationId>eipalloc-1</AllocationId>" +
                "<PrivateIPv4Address>10.0.0.5</PrivateIPv4Address><IPv6Address>2001:db8::5</IPv6Address></member>" +
                "<member><IpAddress>203.0.113.6</IpAddress><AllocationId>eipalloc-2</AllocationId><PrivateIPv4Address>10.0.0.6</PrivateIPv4Address>" +
                "<IPv6Address>2001:db8::6</IPv6Address></member></LoadBalancerAddresses>" +
                "<SourceNatIpv6Prefixes><member>2001:db8:1::/80</member><member>2001:db8:2::/80</member></SourceNatIpv6Prefixes></member>" +
                "<member><ZoneName>us-east-1b</ZoneName><SubnetId>subnet-0b</SubnetId><OutpostId>op-2</OutpostId><LoadBalancerAddresses><member>" +
                "<IpAddress>203.0.113.7</IpAddress><AllocationId>eipalloc-3</AllocationId><PrivateIPv4Address>10.0.1.7</PrivateIPv4Address>" +
                "<IPv6Address>2001:db8::7</IPv6Address></member></LoadBalancerAddresses><SourceNatIpv6Prefixes><member>2001:db8:3::/80</member>" +
                "</SourceNatIpv6Prefixes></member></AvailabilityZones>" +
                "<SecurityGroups><member>sg-1</member><member>sg-2</member></SecurityGroups><IpAddressType>dualstack</IpAddressType>" +
                "<CustomerOwnedIpv4Pool>ipv4pool-coip-1</CustomerOwnedIpv4Pool>" +
                "<EnforceSecurityGroupInboundRulesOnPrivateLinkTraffic>on</EnforceSecurityGroupInboundRulesOnPrivateLinkTraffic>" +
                "<EnablePrefixForIpv6SourceNat>on</EnablePrefixForIpv6SourceNat><IpamPools><Ipv4IpamPoolId>ipam-pool-1</Ipv4IpamPoolId></IpamPools></member>";
            const string second =
                "<member><LoadBalancerArn>arn:aws:elasticloadbalancing:us-east-1:123456789012:loadbalancer/net/back/a8b5c6d7e8f90123</LoadBalancerArn>" +
                "<CreatedTime>2023-12-31T23:59:59Z</CreatedTime><LoadBalancerName>back</LoadBalancerName><Scheme>internal</Scheme>" +
                "<State><Code>provisioning</Code></State><Type>network</Type><AvailabilityZones/><SecurityGroups/></member>";
            using var fake = new ScriptedAwsServer();
            fake.Always("DescribeLoadBalancers", ScriptedResponse.QueryResult("DescribeLoadBalancers",
                "<LoadBalancers>" + first + second + "</LoadBalancers><NextMarker>next/page+2==</NextMarker>"));
            var client = new ElasticLoadBalancingV2Client(TestConnections.For(fake), null);
            var request = new DescribeLoadBalancersRequest { Names = new List<string> { "front", "back" } };

            var response = client.DescribeLoadBalancers(request, None);

            Assert.Empty(ObjectCoverage.UnsetProperties(response.LoadBalancers[0], EngineJson.Options));
            Assert.Equal(new DateTime(2024, 3, 5, 10, 20, 30, DateTimeKind.Utc).AddTicks(1234560), response.LoadBalancers[0].CreatedTime.Value.ToUniversalTime());
            BotocoreQuery.AssertSameAsBotocore(new[] { new QueryExchange("DescribeLoadBalancers", request, Assert.Single(fake.Requests), response) });
        }

        [Fact]
        public void A_DescribeRules_answer_with_a_map_and_nested_actions_is_read_as_botocore_reads_it()
        {
            const string rule =
                "<member><RuleArn>arn:aws:elasticloadbalancing:us-east-1:123456789012:listener-rule/app/front/1/2/3</RuleArn><Priority>default</Priority>" +
                "<Conditions><member><Field>path-pattern</Field><Values><member>/a</member></Values><PathPatternConfig><Values><member>/a</member><member>/b</member></Values></PathPatternConfig></member></Conditions>" +
                "<Actions><member><Type>authenticate-oidc</Type><Order>1</Order><AuthenticateOidcConfig><Issuer>https://i</Issuer><AuthorizationEndpoint>https://a</AuthorizationEndpoint>" +
                "<TokenEndpoint>https://t</TokenEndpoint><UserInfoEndpoint>https://u</UserInfoEndpoint><ClientId>c</ClientId><SessionTimeout>604800</SessionTimeout>" +
                "<AuthenticationRequestExtraParams><entry><key>display</key><value>page</value></entry><entry><key>prompt</key><value>login</value></entry></AuthenticationRequestExtraParams>" +
                "<UseExistingClientSecret>true</UseExistingClientSecret></AuthenticateOidcConfig></member>" +
                "<member><Type>forward</Type><Order>2</Order><ForwardConfig><TargetGroups><member><TargetGroupArn>arn:tg/1</TargetGroupArn><Weight>3</Weight></member></TargetGroups>" +
                "<TargetGroupStickinessConfig><Enabled>false</Enabled></TargetGroupStickinessConfig></ForwardConfig></member></Actions>" +
                "<IsDefault>true</IsDefault></member>";
            using var fake = new ScriptedAwsServer();
            fake.Always("DescribeRules", ScriptedResponse.QueryResult("DescribeRules", "<Rules>" + rule + "</Rules>"));
            var client = new ElasticLoadBalancingV2Client(TestConnections.For(fake), null);
            var request = new DescribeRulesRequest { ListenerArn = HttpListener };

            var response = client.DescribeRules(request, None);

            Assert.Equal("login", response.Rules[0].Actions[0].AuthenticateOidcConfig.AuthenticationRequestExtraParams["prompt"]);
            BotocoreQuery.AssertSameAsBotocore(new[] { new QueryExchange("DescribeRules", request, Assert.Single(fake.Requests), response) });
        }

        [Fact]
        public void Text_that_is_only_whitespace_is_read_as_botocore_reads_it()
        {
            // A tag value may be " ": an XML reader that drops whitespace-only text reads "".
            const string tags =
                "<TagDescriptions>\n  <member>\n    <ResourceArn>arn:aws:elasticloadbalancing:us-east-1:123456789012:targetgroup/web/1</ResourceArn>\n" +
                "    <Tags>\n      <member><Key>blank</Key><Value> </Value></member>\n      <member><Key>tabs</Key><Value>\t\t</Value></member>\n" +
                "      <member><Key>padded</Key><Value>  x  </Value></member>\n      <member><Key>empty</Key><Value></Value></member>\n    </Tags>\n  </member>\n</TagDescriptions>";
            using var fake = new ScriptedAwsServer();
            fake.Always("DescribeTags", ScriptedResponse.QueryResult("DescribeTags", tags));
            var client = new ElasticLoadBalancingV2Client(TestConnections.For(fake), null);
            var request = new DescribeTagsRequest { ResourceArns = new List<string> { WebGroup } };

            var response = client.DescribeTags(request, None);

            BotocoreQuery.AssertSameAsBotocore(new[] { new QueryExchange("DescribeTags", request, Assert.Single(fake.Requests), response) });
            Assert.Equal(new[] { " ", "\t\t", "  x  ", "" }, response.TagDescriptions.Single().Tags.Select(t => t.Value));
        }

        // ---- errors and retries ------------------------------------------------------------

        [Fact]
        public void An_XML_error_becomes_the_AwsServiceException_a_JSON_error_becomes()
        {
            const string code = "TargetGroupNotFound";
            const string message = "One or more target groups not found";
            using var elb = new ScriptedAwsServer();
            elb.Always("DescribeTargetGroups", ScriptedResponse.XmlError(code, message, 400, RequestId));
            var request = new DescribeTargetGroupsRequest { TargetGroupArns = new List<string> { WebGroup } };
            var xml = Assert.Throws<AwsServiceException>(() =>
                new ElasticLoadBalancingV2Client(TestConnections.For(elb), null).DescribeTargetGroups(request, None));

            using var ecs = new ScriptedAwsServer();
            ecs.Always("DescribeClusters", ScriptedResponse.Error(code, message).WithRequestId(RequestId));
            var json = Assert.Throws<AwsServiceException>(() =>
                new EcsClient(TestConnections.For(ecs), null).DescribeClusters(new[] { "prod" }, null, None).ToList());
            ModelAssert.ValidRequest(ServiceModel.Ecs, Assert.Single(ecs.Requests));

            Assert.Equal((json.ErrorCode, json.ServiceMessage, json.RequestId, json.StatusCode, json.IsThrottling, json.Message),
                (xml.ErrorCode, xml.ServiceMessage, xml.RequestId, xml.StatusCode, xml.IsThrottling, xml.Message));
            Assert.Equal(code, xml.ErrorCode);
            Assert.Equal(RequestId, xml.RequestId); // from the body: XmlError sends no x-amzn-RequestId header
            Assert.Null(Assert.Single(elb.Requests).ResponseRequestId);
            Assert.Equal(ElasticLoadBalancingV2Client.Descriptor.ServiceId, xml.ServiceId);
            Assert.Equal("DescribeTargetGroups", xml.Operation);
            // botocore reads the same code, message and request id out of the XML.
            BotocoreQuery.AssertSameAsBotocore(new[] { new QueryExchange("DescribeTargetGroups", request, elb.Requests[0], error: xml) });
        }

        [Fact]
        public void A_non_retryable_XML_error_is_sent_once()
        {
            using var fake = new ScriptedAwsServer();
            fake.Always("RegisterTargets", ScriptedResponse.XmlError("InvalidTarget", "The target 10.0.1.15 is not in the VPC", 400));
            var client = new ElasticLoadBalancingV2Client(TestConnections.For(fake), null); // the SDK's default attempts

            var request = (RegisterTargetsRequest)Requests["RegisterTargets"].Request;
            var ex = Assert.Throws<AwsServiceException>(() => client.RegisterTargets(request, None));

            Assert.Equal("InvalidTarget", ex.ErrorCode);
            BotocoreQuery.AssertSameAsBotocore(new[] { new QueryExchange("RegisterTargets", request, Assert.Single(fake.Requests), error: ex) });
        }

        [Fact]
        public void Throttled_twice_then_answered_succeeds_on_the_third_request()
        {
            using var fake = new ScriptedAwsServer();
            fake.Enqueue("DescribeTargetGroups", ScriptedResponse.QueryThrottling(), ScriptedResponse.QueryThrottling(),
                ScriptedResponse.QueryResult("DescribeTargetGroups",
                    $"<TargetGroups><member><TargetGroupArn>{WebGroup}</TargetGroupArn><TargetGroupName>web</TargetGroupName><Port>80</Port></member></TargetGroups>"));
            // Room for more attempts than needed: the third request ends it because it succeeded.
            var client = new ElasticLoadBalancingV2Client(TestConnections.For(fake, maxErrorRetry: 4), null);

            var request = new DescribeTargetGroupsRequest { Names = new List<string> { "web" } };
            var response = client.DescribeTargetGroups(request, None);

            Assert.Equal(("web", 80), (response.TargetGroups.Single().TargetGroupName, response.TargetGroups[0].Port.Value));
            var requests = fake.Requests;
            Assert.Equal(3, requests.Count);
            Assert.Equal(new[] { "attempt=1", "attempt=2", "attempt=3" }, requests.Select(r => r.Header("amz-sdk-request")?.Split(';')[0]));
            Assert.Single(requests.Select(r => r.Body).Distinct());
            Assert.Equal(0, fake.Pending("DescribeTargetGroups"));
            BotocoreQuery.AssertSameAsBotocore(new[] { new QueryExchange("DescribeTargetGroups", request, requests[2], response) });
        }

        [Fact]
        public void Always_throttled_fails_with_a_throttling_error_after_the_attempts_allowed()
        {
            using var fake = new ScriptedAwsServer();
            fake.Always("DescribeTargetHealth", ScriptedResponse.QueryThrottling("Rate exceeded"));
            // Throttling gets more attempts than the two allowed for other failures (RetryRules).
            var client = new ElasticLoadBalancingV2Client(TestConnections.For(fake, maxErrorRetry: 1, clock: new VirtualTransportClock()), null);

            var request = new DescribeTargetHealthRequest { TargetGroupArn = WebGroup };
            var ex = Assert.Throws<AwsServiceException>(() => client.DescribeTargetHealth(request, None));

            Assert.Equal(new RetryRules(2).ThrottleAttempts, fake.Requests.Count);
            BotocoreQuery.AssertSameAsBotocore(new[] { new QueryExchange("DescribeTargetHealth", request, fake.Requests.Last(), error: ex) });
            Assert.Equal(("Throttling", 400, "Rate exceeded"), (ex.ErrorCode, ex.StatusCode, ex.ServiceMessage));
            Assert.True(ex.IsThrottling);
        }

        [Fact]
        public void Server_errors_in_XML_are_retried()
        {
            using var fake = new ScriptedAwsServer();
            fake.Enqueue("DeregisterTargets",
                ScriptedResponse.XmlError("InternalFailure", "We encountered an internal error. Please try again.", 500),
                ScriptedResponse.XmlError("ServiceUnavailable", "Service is unavailable", 503),
                ScriptedResponse.QueryResult("DeregisterTargets", ""));
            var client = new ElasticLoadBalancingV2Client(TestConnections.For(fake, maxErrorRetry: 2), null);

            var request = (DeregisterTargetsRequest)Requests["DeregisterTargets"].Request;
            var response = client.DeregisterTargets(request, None);

            Assert.Equal(3, fake.Requests.Count);
            BotocoreQuery.AssertSameAsBotocore(new[] { new QueryExchange("DeregisterTargets", request, fake.Requests[2], response) });
            Assert.Equal(0, fake.Pending("DeregisterTargets"));
        }

        [Fact]
        public void A_server_error_that_outlasts_the_retries_keeps_its_XML_code()
        {
            using var fake = new ScriptedAwsServer();
            fake.Always("DescribeTags", ScriptedResponse.XmlError("InternalFailure", "We encountered an internal error.", 500, RequestId));
            var client = new ElasticLoadBalancingV2Client(TestConnections.For(fake, maxErrorRetry: 1), null);

            var request = new DescribeTagsRequest { ResourceArns = new List<string> { Front } };
            var ex = Assert.Throws<AwsServiceException>(() => client.DescribeTags(request, None));

            Assert.Equal(2, fake.Requests.Count);
            Assert.Equal(("InternalFailure", 500, RequestId), (ex.ErrorCode, ex.StatusCode, ex.RequestId));
            BotocoreQuery.AssertSameAsBotocore(new[] { new QueryExchange("DescribeTags", request, fake.Requests[1], error: ex) });
        }

        // ---- signing -----------------------------------------------------------------------

        [Theory]
        [InlineData(false)]
        [InlineData(true)]
        public void A_Query_request_carries_a_signature_botocore_reproduces(bool withSessionToken)
        {
            using var fake = new ScriptedAwsServer();
            fake.OnAny(r => ScriptedResponse.QueryResult(r.Operation, ""));
            var options = TestConnections.For(fake);
            options.Region = "eu-west-1";
            if (withSessionToken) options.SessionToken = "FQoGZXIvYXdzEXAMPLETOKEN//+=";
            var client = new ElasticLoadBalancingV2Client(options, null);
            var request = (CreateTargetGroupRequest)Requests["CreateTargetGroup"].Request;

            client.CreateTargetGroup(request, None);

            var sent = Assert.Single(fake.Requests);
            var verdict = BotocoreQuery.AssertSameAsBotocore(new[] { new QueryExchange("CreateTargetGroup", request, sent) })[0];
            Assert.Equal(("POST", "/"), (sent.Method, sent.Path));
            Assert.Equal("CreateTargetGroup", sent.FormValue("Action"));
            Assert.Equal("2015-12-01", verdict.ApiVersion);
            Assert.Equal(verdict.ApiVersion, sent.FormValue("Version"));
            // botocore sends this exact Content-Type for Query; ours is the same, and signed.
            Assert.Equal(verdict.ContentType, sent.Header("Content-Type"));
            Assert.Equal("application/x-www-form-urlencoded; charset=utf-8", sent.Header("Content-Type"));

            var auth = sent.Authorization;
            Assert.NotNull(auth);
            Assert.Equal("AWS4-HMAC-SHA256", auth.Algorithm);
            Assert.Equal((TestConnections.AccessKey, "eu-west-1", verdict.SigningName), (auth.AccessKeyId, auth.Region, auth.Service));
            Assert.Equal("elasticloadbalancing", auth.Service);
            Assert.Contains("content-type", auth.SignedHeaders);
            Assert.Contains("host", auth.SignedHeaders);
            Assert.Contains("x-amz-date", auth.SignedHeaders);
            Assert.Equal(withSessionToken, auth.SignedHeaders.Contains("x-amz-security-token"));

            // Verify as the service would: botocore re-signs the recorded request for its own signing name.
            var input = SigV4ParityTests.VerificationInput(sent, fake, options.SessionToken, "eu-west-1", verdict.SigningName);
            var boto = Botocore.SignV4(input);
            Assert.True(boto.Authorization == sent.Header("Authorization"),
                $"sent: {sent.Header("Authorization")}\nbotocore {boto.BotocoreVersion}: {boto.Authorization}\nbotocore canonical request:\n{boto.CanonicalRequest}");

            // The check can fail: the same request signed for another service does not verify.
            input.Service = "ecs";
            Assert.NotEqual(sent.Header("Authorization"), Botocore.SignV4(input).Authorization);
        }

        // ---- helpers -----------------------------------------------------------------------

        /// <summary>Sends a case through a real client to a fake that answers every Query
        /// operation with an empty result; returns what was sent and read.</summary>
        private static QueryExchange Send(Case c)
        {
            using var fake = new ScriptedAwsServer();
            fake.OnAny(r => ScriptedResponse.QueryResult(r.Operation, ""));
            var client = new ElasticLoadBalancingV2Client(TestConnections.For(fake), null);
            var response = c.Call(client);
            return new QueryExchange(c.Operation, c.Request, Assert.Single(fake.Requests), response);
        }

        /// <summary>A request model and the client method that sends it.</summary>
        private sealed class Case
        {
            private Case(string operation, object request, Func<ElasticLoadBalancingV2Client, object> call)
            {
                Operation = operation;
                Request = request;
                Call = call;
            }

            public string Operation { get; }
            public object Request { get; }
            public Func<ElasticLoadBalancingV2Client, object> Call { get; }

            public static Case Of<TRequest>(TRequest request, Func<ElasticLoadBalancingV2Client, TRequest, object> call)
                => new Case(typeof(TRequest).Name.Substring(0, typeof(TRequest).Name.Length - "Request".Length), request, c => call(c, request));
        }
    }
}
