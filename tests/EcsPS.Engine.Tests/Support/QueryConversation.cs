using System;
using System.Collections.Generic;
using System.Linq;
using System.Threading;
using EcsPS.Engine.ElasticLoadBalancingV2;
using EcsPS.Engine.Runtime;
using EcsPS.TestFakes;
using Xunit;

namespace EcsPS.Engine.Tests.Support
{
    /// <summary>
    /// An ElasticLoadBalancingV2Client talking to a server through the loopback fake (which may
    /// relay to moto), keeping every exchange — request model, wire traffic, parsed answer or
    /// error — so that all of them can be held to botocore at the end.
    /// </summary>
    public sealed class QueryConversation : IDisposable
    {
        private readonly List<QueryExchange> _exchanges = new List<QueryExchange>();

        public QueryConversation(ScriptedAwsServer fake)
        {
            Fake = fake;
            Client = new ElasticLoadBalancingV2Client(TestConnections.For(fake), null);
        }

        /// <summary>A conversation with moto, relayed (and recorded) by a fake of its own.</summary>
        public static QueryConversation WithMoto(MotoServer moto) => new QueryConversation(new ScriptedAwsServer("moto-relay").ForwardTo(moto.Url));

        public ScriptedAwsServer Fake { get; }
        public ElasticLoadBalancingV2Client Client { get; }
        public IReadOnlyList<QueryExchange> Exchanges => _exchanges;

        /// <summary>Sends one request (the operation is the request type's name without "Request")
        /// and keeps the exchange; the call must go out exactly once.</summary>
        public TResponse Call<TRequest, TResponse>(TRequest request, Func<ElasticLoadBalancingV2Client, TRequest, CancellationToken, TResponse> call)
            where TResponse : class
        {
            var before = Fake.Count;
            var response = call(Client, request, CancellationToken.None);
            _exchanges.Add(new QueryExchange(OperationOf<TRequest>(), request, SentSince(before), response));
            return response;
        }

        /// <summary>Sends one request that must fail with an AwsServiceException; keeps the exchange.</summary>
        public AwsServiceException Fails<TRequest, TResponse>(TRequest request, Func<ElasticLoadBalancingV2Client, TRequest, CancellationToken, TResponse> call)
        {
            var before = Fake.Count;
            var error = Assert.Throws<AwsServiceException>(() => call(Client, request, CancellationToken.None));
            _exchanges.Add(new QueryExchange(OperationOf<TRequest>(), request, SentSince(before), error: error));
            return error;
        }

        /// <summary>Every exchange so far is the one botocore would have had (see
        /// <see cref="BotocoreQuery.AssertSameAsBotocore"/>).</summary>
        public IReadOnlyList<BotocoreQueryVerdict> AssertAllSameAsBotocore() => BotocoreQuery.AssertSameAsBotocore(_exchanges);

        private RecordedRequest SentSince(int before)
        {
            var sent = Fake.Requests.Skip(before).ToList();
            Assert.True(sent.Count == 1, $"Expected one request on the wire, found {sent.Count}: {string.Join("; ", sent)}");
            return sent[0];
        }

        private static string OperationOf<TRequest>()
        {
            var name = typeof(TRequest).Name;
            if (!name.EndsWith("Request", StringComparison.Ordinal)) throw new ArgumentException($"{name} is not a request model.");
            return name.Substring(0, name.Length - "Request".Length);
        }

        public void Dispose() => Fake.Dispose();
    }
}
