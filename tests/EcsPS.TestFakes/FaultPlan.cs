using System;
using System.Collections.Generic;
using System.Threading;

namespace EcsPS.TestFakes
{
    /// <summary>What a <see cref="FaultPlan"/> did to one request.</summary>
    public enum FaultKind
    {
        /// <summary>Relayed, and the answer delivered.</summary>
        None,
        /// <summary>Answered "slow down" without relaying: nothing happened.</summary>
        Throttled,
        /// <summary>Answered 503 without relaying: nothing happened.</summary>
        ServerError,
        /// <summary>Relayed (so it took effect), then the connection dropped: the answer is lost.</summary>
        LostAnswer,
    }

    /// <summary>
    /// Faults in front of a real endpoint (moto), as a network and a busy service produce them:
    /// throttling and 5xx answers that change nothing, lost answers to requests that did take
    /// effect, and latency. Decisions come from a seeded random source, so a run can be repeated.
    /// Use as <c>server.OnAny(plan.Handler(motoUrl))</c>.
    /// </summary>
    public sealed class FaultPlan
    {
        private readonly object _gate = new object();
        private readonly Random _random;
        private readonly Dictionary<FaultKind, int> _counts = new Dictionary<FaultKind, int>();
        private readonly List<(string Operation, FaultKind Fault)> _log = new List<(string, FaultKind)>();

        public FaultPlan(int seed = 1) => _random = new Random(seed);

        /// <summary>Share of requests answered with throttling (0..1).</summary>
        public double ThrottleRate { get; set; }
        public double ServerErrorRate { get; set; }
        public double LostAnswerRate { get; set; }
        /// <summary>Added before every answer that is delivered.</summary>
        public TimeSpan Latency { get; set; }
        /// <summary>Operations that are never faulted (e.g. the checks a test makes afterwards).</summary>
        public ISet<string> Spared { get; } = new HashSet<string>(StringComparer.Ordinal);

        /// <summary>
        /// Plays ECS's client token rule in front of a target that ignores it (moto): a JSON request
        /// whose clientToken was relayed before is answered with what the first one got, and is not
        /// relayed again. A client that kept its token across a retry is then seen doing the work
        /// once, as on ECS; one that made a new token does it twice at the target, where a test
        /// counts it. On by default.
        /// </summary>
        public bool HonourClientTokens { get; set; } = true;

        /// <summary>
        /// Operations whose first attempt under each client token loses its answer, whatever the
        /// dice say: a test that must see a retry after a lost answer (RunTask, CreateService) gets
        /// one on every call, not only when the seed happens to hit that operation.
        /// </summary>
        public ISet<string> LoseFirstAnswer { get; } = new HashSet<string>(StringComparer.Ordinal);

        private readonly Dictionary<string, ScriptedResponse> _byToken = new Dictionary<string, ScriptedResponse>(StringComparer.Ordinal);

        /// <summary>Requests answered from <see cref="HonourClientTokens"/>'s memory instead of being relayed.</summary>
        public int Deduplicated { get { lock (_gate) return _deduplicated; } }
        private int _deduplicated;

        public int Count(FaultKind kind) { lock (_gate) return _counts.TryGetValue(kind, out var n) ? n : 0; }

        public IReadOnlyList<(string Operation, FaultKind Fault)> Log { get { lock (_gate) return _log.ToArray(); } }

        public Func<RecordedRequest, ScriptedResponse> Handler(string target)
        {
            var url = target.TrimEnd('/');
            return request =>
            {
                var fault = FirstAnswerToLose(request) ?? Decide(request.Operation);
                var token = fault == FaultKind.None || fault == FaultKind.LostAnswer ? TokenOf(request) : null;
                if (token != null)
                {
                    lock (_gate)
                    {
                        if (_byToken.TryGetValue(token, out var first))
                        {
                            _deduplicated++;
                            return fault == FaultKind.LostAnswer ? ScriptedResponse.Drop() : first;
                        }
                    }
                }
                switch (fault)
                {
                    case FaultKind.Throttled:
                        return request.Protocol == "query" ? ScriptedResponse.QueryThrottling() : ScriptedResponse.Throttling();
                    case FaultKind.ServerError:
                        return request.Protocol == "query"
                            ? ScriptedResponse.XmlError("ServiceUnavailable", "Service Unavailable", 503)
                            : ScriptedResponse.Error("ServerException", "Service Unavailable. Please try again later.", 503);
                    case FaultKind.LostAnswer:
                        Remember(token, ScriptedAwsServer.Forward(url, request));
                        return ScriptedResponse.Drop();
                    default:
                        var answer = Remember(token, ScriptedAwsServer.Forward(url, request));
                        return Latency > TimeSpan.Zero ? answer.After(Latency) : answer;
                }
            };
        }

        private string TokenOf(RecordedRequest request)
        {
            if (!HonourClientTokens || request.Protocol != "json") return null;
            try
            {
                return request.Json.ValueKind == System.Text.Json.JsonValueKind.Object
                       && request.Json.TryGetProperty("clientToken", out var t) && t.ValueKind == System.Text.Json.JsonValueKind.String
                    ? request.Operation + "\n" + t.GetString()
                    : null;
            }
            catch (System.Text.Json.JsonException)
            {
                return null;
            }
        }

        private ScriptedResponse Remember(string token, ScriptedResponse answer)
        {
            // Only a success is what ECS would answer again for the token.
            if (token != null && answer.StatusCode < 300)
                lock (_gate) _byToken[token] = answer;
            return answer;
        }

        private FaultKind? FirstAnswerToLose(RecordedRequest request)
        {
            if (!LoseFirstAnswer.Contains(request.Operation)) return null;
            var token = TokenOf(request);
            lock (_gate)
            {
                if (token == null || _byToken.ContainsKey(token)) return null;
                _counts[FaultKind.LostAnswer] = (_counts.TryGetValue(FaultKind.LostAnswer, out var n) ? n : 0) + 1;
                _log.Add((request.Operation, FaultKind.LostAnswer));
                return FaultKind.LostAnswer;
            }
        }

        private FaultKind Decide(string operation)
        {
            lock (_gate)
            {
                var fault = FaultKind.None;
                if (!Spared.Contains(operation))
                {
                    var roll = _random.NextDouble();
                    if (roll < ThrottleRate) fault = FaultKind.Throttled;
                    else if (roll < ThrottleRate + ServerErrorRate) fault = FaultKind.ServerError;
                    else if (roll < ThrottleRate + ServerErrorRate + LostAnswerRate) fault = FaultKind.LostAnswer;
                }
                _counts[fault] = (_counts.TryGetValue(fault, out var n) ? n : 0) + 1;
                _log.Add((operation, fault));
                return fault;
            }
        }
    }
}
