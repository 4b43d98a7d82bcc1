using System;
using System.Collections.Generic;
using System.IO;
using System.Linq;
using System.Reflection;
using System.Text;
using System.Text.Json.Nodes;
using System.Text.Json.Serialization;
using System.Threading;
using EcsPS.Engine.Runtime;
using EcsPS.Engine.Tests.Support;
using EcsPS.TestFakes;
using Xunit;

namespace EcsPS.Engine.Tests.Protocols
{
    /// <summary>
    /// The Query rules no ELBv2 shape uses — locationName, flattened lists with and without an item
    /// name, renamed list items, renamed and flattened maps — and the scalar types ELBv2 never sends
    /// (timestamps, blobs, doubles, floats, longs), held to botocore with a service model of the
    /// test's own. The C# types carry the attributes tools/generate-models.py writes for that
    /// model (the last test checks the generator agrees).
    /// </summary>
    public sealed class QuerySyntheticModelTests
    {
        private const string Model = @"{
  ""version"": ""2.0"",
  ""metadata"": {
    ""apiVersion"": ""2020-01-01"", ""endpointPrefix"": ""synthetic"", ""protocol"": ""query"", ""serviceId"": ""Synthetic"",
    ""signatureVersion"": ""v4"", ""signingName"": ""synthetic"", ""uid"": ""synthetic-2020-01-01"",
    ""xmlNamespace"": ""http://synthetic.example.com/doc/2020-01-01/""
  },
  ""operations"": {
    ""Echo"": { ""name"": ""Echo"", ""http"": { ""method"": ""POST"", ""requestUri"": ""/"" },
                ""input"": { ""shape"": ""Payload"" }, ""output"": { ""shape"": ""Payload"", ""resultWrapper"": ""EchoResult"" } }
  },
  ""shapes"": {
    ""Payload"": { ""type"": ""structure"", ""members"": {
      ""Renamed"": { ""shape"": ""String"", ""locationName"": ""WireRenamed"" },
      ""Flat"": { ""shape"": ""FlatList"" },
      ""FlatNamed"": { ""shape"": ""FlatNamedList"" },
      ""Named"": { ""shape"": ""NamedList"" },
      ""Plain"": { ""shape"": ""PlainList"" },
      ""Empty"": { ""shape"": ""PlainList"" },
      ""Map"": { ""shape"": ""NamedMap"" },
      ""FlatMap"": { ""shape"": ""FlatMap"" },
      ""Nested"": { ""shape"": ""Inner"" },
      ""Items"": { ""shape"": ""InnerList"" },
      ""When"": { ""shape"": ""Timestamp"" },
      ""WhenFraction"": { ""shape"": ""Timestamp"" },
      ""Data"": { ""shape"": ""Blob"" },
      ""Ratio"": { ""shape"": ""Double"" },
      ""Whole"": { ""shape"": ""Double"" },
      ""Huge"": { ""shape"": ""Double"" },
      ""Big"": { ""shape"": ""Double"" },
      ""Large"": { ""shape"": ""Double"" },
      ""Negative"": { ""shape"": ""Double"" },
      ""Tiny"": { ""shape"": ""Double"" },
      ""Share"": { ""shape"": ""Float"" },
      ""Portion"": { ""shape"": ""Float"" },
      ""Count"": { ""shape"": ""Long"" },
      ""Flag"": { ""shape"": ""Boolean"" },
      ""Off"": { ""shape"": ""Boolean"" }
    } },
    ""Inner"": { ""type"": ""structure"", ""members"": {
      ""Deep"": { ""shape"": ""String"", ""locationName"": ""WireDeep"" },
      ""FlatNamed"": { ""shape"": ""FlatNamedList"" }
    } },
    ""InnerList"": { ""type"": ""list"", ""member"": { ""shape"": ""Inner"" } },
    ""FlatList"": { ""type"": ""list"", ""member"": { ""shape"": ""String"" }, ""flattened"": true },
    ""FlatNamedList"": { ""type"": ""list"", ""member"": { ""shape"": ""String"", ""locationName"": ""Item"" }, ""flattened"": true },
    ""NamedList"": { ""type"": ""list"", ""member"": { ""shape"": ""String"", ""locationName"": ""Entry"" } },
    ""PlainList"": { ""type"": ""list"", ""member"": { ""shape"": ""String"" } },
    ""NamedMap"": { ""type"": ""map"", ""key"": { ""shape"": ""String"", ""locationName"": ""Name"" }, ""value"": { ""shape"": ""String"", ""locationName"": ""Setting"" } },
    ""FlatMap"": { ""type"": ""map"", ""key"": { ""shape"": ""String"" }, ""value"": { ""shape"": ""String"" }, ""flattened"": true },
    ""String"": { ""type"": ""string"" },
    ""Timestamp"": { ""type"": ""timestamp"" },
    ""Blob"": { ""type"": ""blob"" },
    ""Double"": { ""type"": ""double"" },
    ""Float"": { ""type"": ""float"" },
    ""Long"": { ""type"": ""long"" },
    ""Boolean"": { ""type"": ""boolean"" }
  }
}";

        private static Payload FullPayload() => new Payload
        {
            Renamed = "renamed value",
            Flat = new List<string> { "f1", "f 2" },
            FlatNamed = new List<string> { "i1", "i2", "i3" },
            Named = new List<string> { "n1", "n2" },
            Plain = new List<string> { "p1", "p2" },
            Empty = new List<string>(),
            Map = new Dictionary<string, string> { ["alpha"] = "1", ["beta gamma"] = "2+2" },
            FlatMap = new Dictionary<string, string> { ["x"] = "9", ["y"] = "8" },
            Nested = new Inner { Deep = "deep", FlatNamed = new List<string> { "ni1", "ni2" } },
            Items = new List<Inner> { new Inner { Deep = "d1" }, new Inner { FlatNamed = new List<string> { "x", "y" } } },
            When = new DateTime(2020, 1, 2, 3, 4, 5, DateTimeKind.Utc),
            WhenFraction = new DateTime(2020, 1, 2, 3, 4, 5, 250, DateTimeKind.Utc),
            Data = new byte[] { (byte)'h', (byte)'i', 0, 0xff, 0x7f },
            Ratio = 0.1,
            Whole = 2.0,
            Huge = 1e20,
            Big = 1e15,
            Large = 1.5e16,
            Negative = -2.5e-7,
            Tiny = 1.5e-7,
            Share = 0.1f,
            Portion = 1e-5f,
            Count = 9007199254740993L,
            Flag = true,
            Off = false,
        };

        [Fact]
        public void Every_Query_serialisation_rule_sends_the_form_botocore_sends()
        {
            using var fake = new ScriptedAwsServer();
            fake.OnAny(r => ScriptedResponse.QueryResult(r.Operation, "", "http://synthetic.example.com/doc/2020-01-01/"));
            var request = FullPayload();

            var response = new SyntheticClient(TestConnections.For(fake)).Echo(request);

            var exchange = new QueryExchange("Echo", request, Assert.Single(fake.Requests), response);
            BotocoreQuery.AssertSameAsBotocore(new[] { exchange }, model: JsonNode.Parse(Model));
            var form = exchange.Sent.Form;
            // The renamed and flattened names, spelled out once for the reader.
            Assert.Contains(new KeyValuePair<string, string>("WireRenamed", "renamed value"), form);
            Assert.Contains(new KeyValuePair<string, string>("Flat.2", "f 2"), form);
            Assert.Contains(new KeyValuePair<string, string>("Item.3", "i3"), form);
            Assert.Contains(new KeyValuePair<string, string>("Nested.Item.2", "ni2"), form);
            Assert.Contains(new KeyValuePair<string, string>("Named.Entry.1", "n1"), form);
            Assert.Contains(new KeyValuePair<string, string>("Map.entry.2.Setting", "2+2"), form);
            Assert.Contains(new KeyValuePair<string, string>("FlatMap.1.key", "x"), form);
            Assert.Contains(new KeyValuePair<string, string>("Empty", ""), form);
            // A float goes by its own digits, as the JSON protocol writes it (not the widened double's).
            Assert.Contains(new KeyValuePair<string, string>("Share", "0.1"), form);
        }

        [Fact]
        public void An_answer_using_every_rule_is_read_as_botocore_reads_it()
        {
            const string result =
                "<WireRenamed>renamed value</WireRenamed><Flat>f1</Flat><Flat>f 2</Flat><Item>i1</Item><Item>i2</Item>" +
                "<Named><Entry>n1</Entry><Entry>n2</Entry></Named><Plain><member>p1</member><member>p2</member></Plain><Empty/>" +
                "<Map><entry><Name>alpha</Name><Setting>1</Setting></entry><entry><Name>beta gamma</Name><Setting>2+2</Setting></entry></Map>" +
                "<FlatMap><key>x</key><value>9</value></FlatMap><FlatMap><key>y</key><value>8</value></FlatMap>" +
                "<Nested><WireDeep>deep</WireDeep><Item>ni1</Item><Item>ni2</Item></Nested>" +
                "<Items><member><WireDeep>d1</WireDeep></member><member><Item>x</Item></member></Items>" +
                "<When>2020-01-02T03:04:05Z</When><WhenFraction>2020-01-02T03:04:05.250123Z</WhenFraction><Data>aGkA/38=</Data>" +
                "<Ratio>0.1</Ratio><Whole>2</Whole><Huge>1e+20</Huge><Big>1000000000000000.0</Big><Large>1.5e+16</Large><Negative>-2.5e-07</Negative><Tiny>1.5e-07</Tiny><Share>0.1</Share><Portion>1e-05</Portion>" +
                "<Count>9007199254740993</Count><Flag>true</Flag><Off>false</Off>";
            using var fake = new ScriptedAwsServer();
            fake.Always("Echo", ScriptedResponse.QueryResult("Echo", result, "http://synthetic.example.com/doc/2020-01-01/"));
            var request = new Payload { Renamed = "r" };

            var response = new SyntheticClient(TestConnections.For(fake)).Echo(request);

            Assert.Equal(new[] { "f1", "f 2" }, response.Flat);
            Assert.Equal("9", response.FlatMap["x"]);
            Assert.Equal(new[] { "ni1", "ni2" }, response.Nested.FlatNamed);
            BotocoreQuery.AssertSameAsBotocore(new[] { new QueryExchange("Echo", request, Assert.Single(fake.Requests), response) }, model: JsonNode.Parse(Model));
        }

        [Fact]
        public void The_generator_writes_the_Query_attributes_these_types_carry()
        {
            const string script = @"
import sys, json, importlib.util
inp = json.load(sys.stdin)
spec = importlib.util.spec_from_file_location('generate_models', inp['generator'])
generator = importlib.util.module_from_spec(spec)
spec.loader.exec_module(generator)
model = inp['model']
service = generator.Service({'botocore': 'synthetic', 'apiVersion': '2020-01-01', 'name': 'Synthetic', 'title': 'Synthetic',
                             'operations': ['Echo']}, model)
out = {}
for owner in ('Payload', 'Inner'):
    for name, member in model['shapes'][owner]['members'].items():
        lines = service.member_attributes(owner, name, member)
        out[owner + '.' + name] = [l for l in lines if l.startswith(('[WireName', '[QueryList', '[QueryMap'))]
print(json.dumps(out))
";
            var generator = Path.Combine(RepositoryRoot(), "tools", "generate-models.py");
            var written = Botocore.RunJson(script, new JsonObject { ["generator"] = generator, ["model"] = JsonNode.Parse(Model) }).AsObject();

            var carried = new[] { typeof(Payload), typeof(Inner) }
                .SelectMany(t => t.GetProperties().Select(p => (Key: t.Name + "." + p.GetCustomAttribute<JsonPropertyNameAttribute>().Name, Lines: QueryAttributeLines(p))))
                .ToDictionary(x => x.Key, x => x.Lines);

            Assert.Equal(written.Select(m => m.Key).OrderBy(k => k), carried.Keys.OrderBy(k => k));
            foreach (var member in written)
                Assert.True(member.Value.AsArray().Select(l => (string)l).SequenceEqual(carried[member.Key]),
                    $"{member.Key}: the generator writes {member.Value.ToJsonString()}, the type carries [{string.Join(", ", carried[member.Key])}]");
        }

        /// <summary>The Query attributes of a property, as the generator spells them.</summary>
        private static IEnumerable<string> QueryAttributeLines(PropertyInfo p)
        {
            static string S(string v) => "\"" + v + "\"";
            static string B(bool v) => v ? "true" : "false";
            if (p.GetCustomAttribute<WireNameAttribute>() is { } wire) yield return $"[WireName({S(wire.Name)})]";
            if (p.GetCustomAttribute<QueryListAttribute>() is { } list) yield return $"[QueryList({S(list.ItemName)}, Flattened = {B(list.Flattened)})]";
            if (p.GetCustomAttribute<QueryMapAttribute>() is { } map) yield return $"[QueryMap({S(map.KeyName)}, {S(map.ValueName)}, Flattened = {B(map.Flattened)})]";
        }

        private static string RepositoryRoot()
        {
            for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir != null; dir = dir.Parent)
                if (File.Exists(Path.Combine(dir.FullName, "tools", "generate-models.py"))) return dir.FullName;
            throw new InvalidOperationException("tools/generate-models.py not found above " + AppContext.BaseDirectory);
        }

        // ---- the synthetic service, as the generator would write it ---------------------------

        private sealed class SyntheticClient : AwsClient
        {
            private static readonly ServiceDescriptor Descriptor = new ServiceDescriptor("Synthetic", WireProtocol.Query, "synthetic", "synthetic", "2020-01-01");
            private static readonly AwsOperation EchoOperation = new AwsOperation("Echo", resultWrapper: "EchoResult");

            public SyntheticClient(AwsConnectionOptions options) : base(Descriptor, options, null) { }

            public Payload Echo(Payload request) => Invoke<Payload>(EchoOperation, request, CancellationToken.None);
        }

        public sealed class Payload
        {
            [JsonPropertyName("Renamed")]
            [WireName("WireRenamed")]
            public string Renamed { get; set; }
            [JsonPropertyName("Flat")]
            [QueryList("member", Flattened = true)]
            public List<string> Flat { get; set; }
            [JsonPropertyName("FlatNamed")]
            [QueryList("Item", Flattened = true)]
            public List<string> FlatNamed { get; set; }
            [JsonPropertyName("Named")]
            [QueryList("Entry", Flattened = false)]
            public List<string> Named { get; set; }
            [JsonPropertyName("Plain")]
            public List<string> Plain { get; set; }
            [JsonPropertyName("Empty")]
            public List<string> Empty { get; set; }
            [JsonPropertyName("Map")]
            [QueryMap("Name", "Setting", Flattened = false)]
            public Dictionary<string, string> Map { get; set; }
            [JsonPropertyName("FlatMap")]
            [QueryMap("key", "value", Flattened = true)]
            public Dictionary<string, string> FlatMap { get; set; }
            [JsonPropertyName("Nested")]
            public Inner Nested { get; set; }
            [JsonPropertyName("Items")]
            public List<Inner> Items { get; set; }
            [JsonPropertyName("When")]
            public DateTime? When { get; set; }
            [JsonPropertyName("WhenFraction")]
            public DateTime? WhenFraction { get; set; }
            [JsonPropertyName("Data")]
            public byte[] Data { get; set; }
            [JsonPropertyName("Ratio")]
            public double? Ratio { get; set; }
            [JsonPropertyName("Whole")]
            public double? Whole { get; set; }
            [JsonPropertyName("Huge")]
            public double? Huge { get; set; }
            [JsonPropertyName("Big")]
            public double? Big { get; set; }
            [JsonPropertyName("Large")]
            public double? Large { get; set; }
            [JsonPropertyName("Negative")]
            public double? Negative { get; set; }
            [JsonPropertyName("Tiny")]
            public double? Tiny { get; set; }
            [JsonPropertyName("Share")]
            public float? Share { get; set; }
            [JsonPropertyName("Portion")]
            public float? Portion { get; set; }
            [JsonPropertyName("Count")]
            public long? Count { get; set; }
            [JsonPropertyName("Flag")]
            public bool? Flag { get; set; }
            [JsonPropertyName("Off")]
            public bool? Off { get; set; }
        }

        public sealed class Inner
        {
            [JsonPropertyName("Deep")]
            [WireName("WireDeep")]
            public string Deep { get; set; }
            [JsonPropertyName("FlatNamed")]
            [QueryList("Item", Flattened = true)]
            public List<string> FlatNamed { get; set; }
        }
    }
}
