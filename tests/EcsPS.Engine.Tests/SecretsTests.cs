using System;
using System.Collections.Generic;
using System.Linq;
using System.Threading;
using EcsPS.Engine.Ecs;
using EcsPS.Engine.Ecs.Model;
using EcsPS.Engine.Runtime;
using EcsPS.Engine.Tests.Fakes;
using EcsPS.TestFakes;
using EcsPS.Engine.Tests.Support;
using Xunit;

namespace EcsPS.Engine.Tests
{
    /// <summary>Neither the secret key nor the session token reaches a log line or an exception.</summary>
    [Collection(EnvironmentCollection.Name)]
    public sealed class SecretsTests
    {
        private const string SecretKey = "wJalrXUtnFEMI/K7MDENG+bPxRfiCYSECRETSENTINEL";
        private const string SessionToken = "IQoJb3JpZ2luX2VjEXAMPLE//TOKENSENTINEL+ZZ==";
        private static readonly string[] Forbidden = { SecretKey, SessionToken, "SECRETSENTINEL", "TOKENSENTINEL" };

        private static void AssertClean(string where, string text)
        {
            foreach (var secret in Forbidden)
                Assert.False(text != null && text.Contains(secret, StringComparison.Ordinal), $"{where} contains '{secret}':\n{text}");
        }

        [Fact]
        public void Secrets_stay_out_of_logs_and_exceptions()
        {
            using var env = new EnvironmentScope();
            using var fake = new ScriptedAwsServer();
            fake.Always("CreateCluster", EcsResponses.ClusterResponse(EcsResponses.BasicCluster("demo")));
            fake.Always("DescribeClusters", ScriptedResponse.Error("com.amazonaws.ecs#ClusterNotFoundException", "Cluster not found."));
            fake.Always("ListClusters", ScriptedResponse.Raw(403, "application/xml",
                "<ErrorResponse><Errors><Error><Code>SignatureDoesNotMatch</Code><Message>The request signature we calculated does not match the signature you provided.</Message></Error></Errors></ErrorResponse>"));
            fake.Always("DeleteCluster", ScriptedResponse.Drop());
            var log = new CapturingLog();
            var options = new AwsConnectionOptions
            {
                EndpointUrl = fake.Url, Region = "us-east-1", AccessKey = "AKIDSECRETS", SecretKey = SecretKey,
                SessionToken = SessionToken, MaxErrorRetry = 0,
            };
            var client = new EcsClient(options, log);
            var exceptions = new List<Exception>();

            client.CreateCluster(new CreateClusterRequest { ClusterName = "demo", Tags = new List<Tag> { new Tag("team", "x") } }, CancellationToken.None);
            exceptions.Add(Assert.Throws<AwsServiceException>(() => client.DescribeClusters(new[] { "gone" }, null, CancellationToken.None).ToList()));
            exceptions.Add(Assert.Throws<AwsServiceException>(() => client.ListClusterArns(CancellationToken.None).ToList()));
            exceptions.Add(Assert.Throws<AwsTransportException>(() => client.DeleteCluster(new DeleteClusterRequest { Cluster = "demo" }, CancellationToken.None)));

            // Configuration failures with the secrets among the options.
            exceptions.Add(Assert.Throws<AwsConfigurationException>(() => new EcsClient(new AwsConnectionOptions
            {
                AccessKey = "AKIDSECRETS", SecretKey = SecretKey, SessionToken = SessionToken,
            }, log).EnsureConfigured()));
            Assert.Equal("NoRegion", ((AwsConfigurationException)exceptions.Last()).Reason);
            exceptions.Add(Assert.Throws<AwsConfigurationException>(() => new EcsClient(new AwsConnectionOptions
            {
                SecretKey = SecretKey, SessionToken = SessionToken, Region = "us-east-1",
            }, log).EnsureConfigured()));
            exceptions.Add(Assert.Throws<AwsConfigurationException>(() => new EcsClient(new AwsConnectionOptions
            {
                AccessKey = "AKIDSECRETS", SecretKey = SecretKey, ProfileName = "dev", Region = "us-east-1",
            }, log).EnsureConfigured()));

            // The secrets were really in use: the token went out on the wire, signed.
            var sent = fake.RequestsFor("CreateCluster").Single();
            Assert.Equal(SessionToken, sent.Header("X-Amz-Security-Token"));
            Assert.Contains("x-amz-security-token", sent.Authorization.SignedHeaders);

            // And the log really recorded the calls, at both levels, including the failures.
            Assert.NotEmpty(log.VerboseLines);
            Assert.NotEmpty(log.DebugLines);
            Assert.Contains(log.Lines, l => l.Contains("ClusterNotFoundException"));
            Assert.Contains(log.Lines, l => l.Contains("\"clusterName\":\"demo\""));

            foreach (var line in log.Lines) AssertClean("log line", line);
            Assert.Equal(6, exceptions.Count);
            foreach (var ex in exceptions)
            {
                AssertClean(ex.GetType().Name + ".Message", ex.Message);
                AssertClean(ex.GetType().Name + ".ToString()", ex.ToString());
                for (var inner = ex.InnerException; inner != null; inner = inner.InnerException)
                    AssertClean(inner.GetType().Name + ".Message", inner.Message);
            }
        }
    }
}
