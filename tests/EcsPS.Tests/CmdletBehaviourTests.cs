using System;
using System.Collections.Generic;
using System.Linq;
using System.Management.Automation;
using System.Text.Json;
using System.Text.Json.Nodes;
using System.Threading;
using System.Threading.Tasks;
using Cluster = EcsPS.Engine.Ecs.Model.Cluster;
using EcsPS.Tests.Support;
using EcsPS.TestFakes;
using Xunit;

namespace EcsPS.Tests
{
    /// <summary>Cmdlets in a runspace against a scripted loopback endpoint: behaviour moto cannot show.</summary>
    public class CmdletBehaviourTests : IClassFixture<PowerShellHost>
    {
        private const string Connection = " -Region us-east-1 -EndpointUrl $url -AccessKey AKIAECSPSXUNIT000001 -SecretKey xunit-secret";
        private readonly PowerShellHost _host;

        public CmdletBehaviourTests(PowerShellHost host) => _host = host;

        private static string Arn(string name) => "arn:aws:ecs:us-east-1:123456789012:cluster/" + name;

        private static JsonObject Cluster(string name) => new JsonObject
        {
            ["clusterArn"] = Arn(name),
            ["clusterName"] = name,
            ["status"] = "ACTIVE",
        };

        /// <summary>An ECS that holds the given clusters, lists them 100 to a page, and describes them.</summary>
        private static Func<RecordedRequest, ScriptedResponse> PagingEcs(IReadOnlyList<string> names)
            => request =>
            {
                var body = JsonNode.Parse(string.IsNullOrEmpty(request.Body) ? "{}" : request.Body).AsObject();
                switch (request.Operation)
                {
                    case "ListClusters":
                        var start = body["nextToken"] is JsonNode token ? int.Parse(token.GetValue<string>().Substring("page-".Length)) : 0;
                        var page = new JsonArray(names.Skip(start).Take(100).Select(n => (JsonNode)Arn(n)).ToArray());
                        var answer = new JsonObject { ["clusterArns"] = page };
                        if (start + 100 < names.Count) answer["nextToken"] = "page-" + (start + 100);
                        return ScriptedResponse.Json(answer.ToJsonString());
                    case "DescribeClusters":
                        var asked = body["clusters"].AsArray().Select(n => n.GetValue<string>()).ToList();
                        var found = new JsonArray();
                        var failures = new JsonArray();
                        foreach (var a in asked)
                        {
                            var name = a.StartsWith("arn:", StringComparison.Ordinal) ? a.Substring(a.LastIndexOf('/') + 1) : a;
                            if (names.Contains(name)) found.Add(Cluster(name));
                            else failures.Add(new JsonObject { ["arn"] = Arn(name), ["reason"] = "MISSING" });
                        }
                        return ScriptedResponse.Json(new JsonObject { ["clusters"] = found, ["failures"] = failures }.ToJsonString());
                    default:
                        return ScriptedResponse.Error("InvalidParameterException", "Unexpected operation " + request.Operation);
                }
            };

        private static int DescribedCount(RecordedRequest r) => JsonNode.Parse(r.Body)["clusters"].AsArray().Count;

        [Fact]
        public void Get_EcsClusterX_follows_nextToken_through_every_page_and_describes_at_most_100_per_call()
        {
            var names = Enumerable.Range(1, 205).Select(i => $"paged-{i:d3}").ToList();
            using (var server = new ScriptedAwsServer().OnAny(PagingEcs(names)))
            {
                var result = _host.Run("Get-EcsClusterX" + Connection, Variables.Of(("url", server.Url)));

                Assert.Null(result.Terminating);
                Assert.Empty(result.Errors);
                Assert.Equal(names, result.BaseObjects.Cast<Cluster>().Select(c => c.ClusterName));
                var lists = server.Requests.Where(r => r.Operation == "ListClusters").ToList();
                Assert.Equal(3, lists.Count);
                Assert.Null(JsonNode.Parse(lists[0].Body)["nextToken"]);
                Assert.Equal("page-100", JsonNode.Parse(lists[1].Body)["nextToken"]?.GetValue<string>());
                Assert.Equal("page-200", JsonNode.Parse(lists[2].Body)["nextToken"]?.GetValue<string>());
                var describes = server.Requests.Where(r => r.Operation == "DescribeClusters").ToList();
                Assert.All(describes, d => Assert.InRange(DescribedCount(d), 1, 100));
                Assert.Equal(205, describes.Sum(DescribedCount));
            }
        }

        [Fact]
        public void Get_EcsClusterX_batches_piped_names_into_describe_calls_of_100()
        {
            var names = Enumerable.Range(1, 250).Select(i => $"piped-{i:d3}").ToList();
            using (var server = new ScriptedAwsServer().OnAny(PagingEcs(names)))
            {
                var result = _host.Run("$names | Get-EcsClusterX" + Connection, Variables.Of(("url", server.Url), ("names", names.ToArray())));

                Assert.Null(result.Terminating);
                Assert.Equal(250, result.Output.Count);
                Assert.Equal(new[] { 100, 100, 50 }, server.Requests.Select(DescribedCount));
            }
        }

        [Fact]
        public void Get_EcsClusterX_stops_at_a_nextToken_that_repeats()
        {
            // A service that hands back the same token would otherwise be listed for ever.
            using (var server = new ScriptedAwsServer().OnAny(r => r.Operation == "ListClusters"
                       ? ScriptedResponse.Json("{\"clusterArns\":[\"" + Arn("loop") + "\"],\"nextToken\":\"same\"}")
                       : ScriptedResponse.Json("{\"clusters\":[" + Cluster("loop").ToJsonString() + "]}")))
            {
                var result = _host.Run("Get-EcsClusterX" + Connection, Variables.Of(("url", server.Url)));
                Assert.Null(result.Terminating);
                Assert.InRange(server.Requests.Count(r => r.Operation == "ListClusters"), 2, 3);
                Assert.Equal(new[] { "loop" }, result.BaseObjects.Cast<Cluster>().Select(c => c.ClusterName));
            }
        }

        [Theory]
        [InlineData("New-EcsClusterX -ClusterName whatif-new -Tag @{ a = 'b' } -WhatIf")]
        [InlineData("Update-EcsClusterX -Cluster whatif -ContainerInsights enabled -WhatIf")]
        [InlineData("Remove-EcsClusterX -Cluster whatif -WhatIf")]
        [InlineData("Remove-EcsClusterX -Cluster whatif -Force -WhatIf")]
        [InlineData("Set-EcsClusterCapacityProviderX -Cluster whatif -CapacityProvider FARGATE -WhatIf")]
        [InlineData("$WhatIfPreference = $true; Remove-EcsClusterX -Cluster whatif -Force")]
        [InlineData("'a', 'b' | New-EcsClusterX -WhatIf")]
        public void WhatIf_sends_nothing(string command)
        {
            using (var server = new ScriptedAwsServer())
            {
                var result = _host.Run(command + Connection + "; $WhatIfPreference = $false", Variables.Of(("url", server.Url)));
                Assert.Null(result.Terminating);
                Assert.Empty(result.Errors);
                Assert.Empty(result.Output);
                Assert.Equal(0, server.Count);
            }
        }

        [Fact]
        public void Stopping_the_pipeline_cancels_a_request_in_flight()
        {
            var release = new TaskCompletionSource<bool>();
            using (var server = new ScriptedAwsServer().OnAny(_ => ScriptedResponse.Json("{}").Held(release.Task)))
            using (var ps = PowerShell.Create())
            {
                ps.Runspace = _host.Runspace;
                ps.AddScript("Get-EcsClusterX -ClusterName hanging" + Connection.Replace("$url", "'" + server.Url + "'"));
                var invocation = ps.BeginInvoke();
                try
                {
                    Assert.True(server.WaitForArrivals(1, TimeSpan.FromSeconds(30)), "The request never arrived.");

                    // Stop() returns once the pipeline has stopped; if the request ignored cancellation
                    // it would hang until the answer that never comes.
                    var stop = Task.Run(() => ps.Stop());
                    Assert.True(stop.Wait(TimeSpan.FromSeconds(30)), "Stop() did not return while the request was held.");
                    Assert.Equal(PSInvocationState.Stopped, ps.InvocationStateInfo.State);
                    Assert.False(release.Task.IsCompleted);
                }
                finally
                {
                    release.TrySetResult(true);
                    try { ps.EndInvoke(invocation); } catch (PipelineStoppedException) { }
                }
            }
        }

        [Fact]
        public void Update_EcsClusterX_with_nothing_to_change_sends_nothing()
        {
            using (var server = new ScriptedAwsServer())
            {
                var result = _host.Run("Update-EcsClusterX -Cluster prod" + Connection, Variables.Of(("url", server.Url)));
                Assert.NotNull(result.Terminating);
                Assert.StartsWith("NoClusterChange", result.Terminating.FullyQualifiedErrorId);
                Assert.Equal(ErrorCategory.InvalidArgument, result.Terminating.CategoryInfo.Category);
                Assert.Equal(0, server.Count);
            }
        }

        [Fact]
        public void Verbose_output_names_the_operation_and_debug_output_the_request_body()
        {
            using (var server = new ScriptedAwsServer().OnAny(PagingEcs(new[] { "verbose" })))
            using (var ps = PowerShell.Create())
            {
                ps.Runspace = _host.Runspace;
                ps.AddScript("Get-EcsClusterX -ClusterName verbose -Verbose -Debug" + Connection.Replace("$url", "'" + server.Url + "'"));
                ps.Invoke();
                Assert.Contains(ps.Streams.Verbose, v => v.Message.Contains("DescribeClusters"));
                Assert.Contains(ps.Streams.Debug, d => d.Message.Contains("\"clusters\":[\"verbose\"]"));
                Assert.DoesNotContain(ps.Streams.Verbose.Select(v => v.Message).Concat(ps.Streams.Debug.Select(d => d.Message)),
                    m => m.Contains("xunit-secret"));
            }
        }
    }
}
