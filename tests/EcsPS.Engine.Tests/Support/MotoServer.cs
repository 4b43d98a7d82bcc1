using System;
using System.Collections.Generic;
using System.ComponentModel;
using System.Diagnostics;
using System.Globalization;
using System.Linq;
using System.Net;
using System.Net.Http;
using System.Net.Sockets;
using System.Text;
using System.Text.Json.Nodes;
using System.Threading.Tasks;

namespace EcsPS.Engine.Tests.Support
{
    /// <summary>
    /// A moto_server of the test class's own (an xunit fixture): started on a free 127.0.0.1 port,
    /// ready once it has said it is listening and answered one request, killed (by its process id)
    /// on dispose. Without moto the fixture fails, and with it every test that needs it, with a
    /// message saying what to install.
    /// </summary>
    public sealed class MotoServer : IDisposable
    {
        private static readonly TimeSpan StartTimeout = TimeSpan.FromSeconds(30);
        private readonly Process _process;
        private readonly StringBuilder _output = new StringBuilder();
        private readonly Lazy<MotoNetwork> _network;

        /// <summary>The executable: $ECSPS_MOTO_SERVER, else moto_server on PATH.</summary>
        public static string Executable =>
            Environment.GetEnvironmentVariable("ECSPS_MOTO_SERVER") is { Length: > 0 } p ? p : "moto_server";

        public MotoServer()
        {
            Port = FreePort();
            Url = "http://127.0.0.1:" + Port.ToString(CultureInfo.InvariantCulture);
            var psi = new ProcessStartInfo(Executable)
            {
                UseShellExecute = false,
                RedirectStandardOutput = true,
                RedirectStandardError = true,
                RedirectStandardInput = true,
            };
            foreach (var a in new[] { "-H", "127.0.0.1", "-p", Port.ToString(CultureInfo.InvariantCulture) }) psi.ArgumentList.Add(a);

            var listening = new TaskCompletionSource<bool>(TaskCreationOptions.RunContinuationsAsynchronously);
            var banner = "Running on " + Url;
            void OnLine(object sender, DataReceivedEventArgs e)
            {
                if (e.Data == null) return;
                lock (_output) _output.AppendLine(e.Data);
                if (e.Data.Contains(banner, StringComparison.Ordinal)) listening.TrySetResult(true);
            }

            _process = new Process { StartInfo = psi, EnableRaisingEvents = true };
            _process.OutputDataReceived += OnLine;
            _process.ErrorDataReceived += OnLine;
            _process.Exited += (_, _) => listening.TrySetResult(false);
            try
            {
                _process.Start();
            }
            catch (Win32Exception ex)
            {
                _process.Dispose();
                throw new InvalidOperationException(
                    $"'{Executable}' could not be started ({ex.Message}). These tests run the Engine against moto, a local AWS " +
                    "stand-in: install it with  python3 -m pip install 'moto[server]'  and put its scripts folder on PATH " +
                    "(or set ECSPS_MOTO_SERVER to the moto_server executable).", ex);
            }
            _process.BeginOutputReadLine();
            _process.BeginErrorReadLine();

            try
            {
                // werkzeug binds its socket before it prints the banner, so once the banner is out a
                // request is accepted; one answered request proves it.
                if (!listening.Task.Wait(StartTimeout))
                    throw new InvalidOperationException($"moto_server did not say it listens on {Url} within {StartTimeout.TotalSeconds} s.\n{Output}");
                if (!listening.Task.Result)
                    throw new InvalidOperationException($"moto_server exited at start (code {_process.ExitCode}).\n{Output}");
                using var http = new HttpClient(new HttpClientHandler { UseProxy = false }) { Timeout = StartTimeout };
                var status = (int)http.GetAsync(Url + "/moto-api/").GetAwaiter().GetResult().StatusCode;
                if (status >= 500) throw new InvalidOperationException($"moto_server answered HTTP {status} at start.\n{Output}");
            }
            catch
            {
                Dispose();
                throw;
            }
            _network = new Lazy<MotoNetwork>(() => MotoNetwork.Lookup(Url, TestConnections.Region));
        }

        public int Port { get; }
        /// <summary>http://127.0.0.1:PORT</summary>
        public string Url { get; }

        /// <summary>What moto_server printed so far.</summary>
        public string Output { get { lock (_output) return _output.ToString(); } }

        /// <summary>The default VPC of moto's EC2 in the tests' region and two of its subnets in
        /// different zones (load balancers need existing subnets).</summary>
        public MotoNetwork Network => _network.Value;

        private static int FreePort()
        {
            var listener = new TcpListener(IPAddress.Loopback, 0);
            listener.Start();
            try { return ((IPEndPoint)listener.LocalEndpoint).Port; }
            finally { listener.Stop(); }
        }

        public void Dispose()
        {
            try
            {
                if (!_process.HasExited)
                {
                    _process.Kill(entireProcessTree: true);
                    _process.WaitForExit(10_000);
                }
            }
            catch (InvalidOperationException) { } // never started, or already gone
            _process.Dispose();
        }
    }

    /// <summary>moto's default VPC and two subnets, found through boto3.</summary>
    public sealed class MotoNetwork
    {
        private const string Script = @"
import sys, json
import boto3
inp = json.load(sys.stdin)
ec2 = boto3.client('ec2', endpoint_url=inp['url'], region_name=inp['region'],
                   aws_access_key_id='AKIDMOTO', aws_secret_access_key='moto-secret')
vpc = ec2.describe_vpcs(Filters=[{'Name': 'isDefault', 'Values': ['true']}])['Vpcs'][0]['VpcId']
subnets = ec2.describe_subnets(Filters=[{'Name': 'vpc-id', 'Values': [vpc]}])['Subnets']
by_zone = {}
for s in sorted(subnets, key=lambda s: s['AvailabilityZone']):
    by_zone.setdefault(s['AvailabilityZone'], s['SubnetId'])
print(json.dumps({'vpcId': vpc, 'subnets': [{'zone': z, 'id': i} for z, i in by_zone.items()]}))
";

        private MotoNetwork(string vpcId, IReadOnlyList<(string Zone, string SubnetId)> subnets)
        {
            VpcId = vpcId;
            Subnets = subnets;
        }

        public string VpcId { get; }
        /// <summary>One subnet per availability zone, by zone name.</summary>
        public IReadOnlyList<(string Zone, string SubnetId)> Subnets { get; }

        internal static MotoNetwork Lookup(string url, string region)
        {
            var output = Botocore.RunJson(Script, new JsonObject { ["url"] = url, ["region"] = region });
            var subnets = output["subnets"].AsArray().Select(s => ((string)s["zone"], (string)s["id"])).ToList();
            if (subnets.Count < 2)
                throw new InvalidOperationException($"moto's default VPC has {subnets.Count} subnet zone(s); a load balancer needs two.");
            return new MotoNetwork((string)output["vpcId"], subnets);
        }
    }
}
