using System;
using System.Collections.Generic;
using System.Globalization;
using System.IO;
using System.Linq;
using System.Net;
using System.Net.Sockets;
using System.Text;
using System.Threading;
using System.Threading.Tasks;

namespace EcsPS.TestFakes
{
    /// <summary>
    /// The loopback AWS of every test suite (xunit and Pester): an HTTP/1.1 server that plays AWS
    /// services in both wire protocols the Engine speaks. It listens on 127.0.0.1 on a port the
    /// OS picks, records every request (method, path, headers, body, form, SigV4 scope) and
    /// answers each from, in order of precedence:
    /// <list type="number">
    /// <item>the queue of responses scripted for the request's operation: the X-Amz-Target of a
    /// JSON request, the Action of a Query one; a key "service:Operation" (the SigV4 signing
    /// name, e.g. "elasticloadbalancing:DescribeTags") is tried before the bare operation,</item>
    /// <item>the handler registered for that operation (same keys),</item>
    /// <item>the handler registered for any operation (<see cref="OnAny"/>, or
    /// <see cref="ForwardTo"/>, which relays to another server such as moto and records its answer),</item>
    /// <item>otherwise a 400 "UnscriptedOperation" error (never retried by the SDK), and the
    /// request is listed in <see cref="Unscripted"/>.</item>
    /// </list>
    /// Every answer gets an x-amzn-RequestId header (fake-0001, fake-0002, ... in the order the
    /// server answered) unless the response scripts its own, asks for none, or was forwarded.
    /// </summary>
    public sealed class ScriptedAwsServer : IDisposable
    {
        private readonly object _gate = new object();
        private readonly TcpListener _listener;
        private readonly CancellationTokenSource _stop = new CancellationTokenSource();
        private readonly List<RecordedRequest> _requests = new List<RecordedRequest>();
        private readonly List<RecordedRequest> _unscripted = new List<RecordedRequest>();
        private readonly Dictionary<string, Queue<ScriptedResponse>> _queues = new Dictionary<string, Queue<ScriptedResponse>>(StringComparer.Ordinal);
        private readonly Dictionary<string, Func<RecordedRequest, ScriptedResponse>> _handlers = new Dictionary<string, Func<RecordedRequest, ScriptedResponse>>(StringComparer.Ordinal);
        private readonly List<TcpClient> _connections = new List<TcpClient>();
        private readonly List<Task> _connectionTasks = new List<Task>();
        private readonly List<Exception> _serverErrors = new List<Exception>();
        private readonly Task _acceptLoop;
        private readonly System.Diagnostics.Stopwatch _clock = System.Diagnostics.Stopwatch.StartNew();
        private Func<RecordedRequest, ScriptedResponse> _fallback;
        private string _forwardTarget;
        private int _connectionCount;
        private int _answered;
        private bool _disposed;

        public ScriptedAwsServer(string name = "fake")
        {
            Name = name;
            _listener = new TcpListener(IPAddress.Loopback, 0);
            _listener.Start();
            Port = ((IPEndPoint)_listener.LocalEndpoint).Port;
            _acceptLoop = Task.Run(AcceptLoopAsync);
        }

        public string Name { get; }
        public int Port { get; }
        /// <summary>http://127.0.0.1:PORT — the value for AwsConnectionOptions.EndpointUrl.</summary>
        public string Url => "http://127.0.0.1:" + Port.ToString(CultureInfo.InvariantCulture);

        /// <summary>Every request received so far, in arrival order (a snapshot).</summary>
        public IReadOnlyList<RecordedRequest> Requests { get { lock (_gate) return _requests.ToList(); } }

        /// <summary>Requests that found nothing scripted for them.</summary>
        public IReadOnlyList<RecordedRequest> Unscripted { get { lock (_gate) return _unscripted.ToList(); } }

        /// <summary>Failures inside the server itself (malformed requests, handler exceptions).</summary>
        public IReadOnlyList<Exception> ServerErrors { get { lock (_gate) return _serverErrors.ToList(); } }

        public int ConnectionCount => Volatile.Read(ref _connectionCount);

        /// <summary>The operation of every request so far, in arrival order.</summary>
        public string[] Operations { get { lock (_gate) return _requests.Select(r => r.Operation).ToArray(); } }

        public int Count { get { lock (_gate) return _requests.Count; } }

        public IReadOnlyList<RecordedRequest> RequestsFor(string operation)
        {
            lock (_gate) return _requests.Where(r => r.Operation == operation).ToList();
        }

        /// <summary>Forgets the recorded requests and keeps the script.</summary>
        public void Clear()
        {
            lock (_gate)
            {
                _requests.Clear();
                _unscripted.Clear();
            }
        }

        /// <summary>
        /// Relays every request nothing more specific covers to <paramref name="url"/> (a moto_server),
        /// and answers with what it answered: status, headers and body, which stay recorded in
        /// <see cref="RecordedRequest.Response"/>.
        /// </summary>
        public ScriptedAwsServer ForwardTo(string url)
        {
            var target = url.TrimEnd('/');
            _forwardTarget = target;
            return OnAny(request => Forward(target, request));
        }

        /// <summary>
        /// Relays the next <paramref name="count"/> requests for <paramref name="operation"/> to the
        /// <see cref="ForwardTo"/> server, so that they take effect there, and loses their answers:
        /// the client gets the head and a few bytes of the body, then a reset. What a real lost
        /// answer is, with a real service behind it. Later requests are relayed as usual.
        /// </summary>
        public ScriptedAwsServer LoseAnswers(string operation, int count = int.MaxValue)
        {
            var target = _forwardTarget ?? throw new InvalidOperationException("LoseAnswers needs ForwardTo first: the requests must take effect somewhere.");
            var left = count;
            return On(operation, request =>
            {
                var answer = Forward(target, request);
                return Interlocked.Decrement(ref left) >= 0 ? answer.CutShort(Math.Min(8, answer.Body.Length / 2)) : answer;
            });
        }

        private static readonly System.Net.Http.HttpClient Relay = new System.Net.Http.HttpClient(
            new System.Net.Http.HttpClientHandler { UseProxy = false, AllowAutoRedirect = false }) { Timeout = TimeSpan.FromSeconds(60) };

        private static readonly string[] HopHeaders = { "Host", "Content-Length", "Connection", "Expect", "Transfer-Encoding", "Keep-Alive" };
        private static readonly string[] AnswerHeadersDropped = { "Content-Length", "Transfer-Encoding", "Connection", "Server", "Date", "Keep-Alive" };

        /// <summary>Relays one request to <paramref name="target"/> and returns its answer (for handlers
        /// that decide per request, such as <see cref="FaultPlan"/>).</summary>
        public static ScriptedResponse Forward(string target, RecordedRequest request)
        {
            using var message = new System.Net.Http.HttpRequestMessage(new System.Net.Http.HttpMethod(request.Method), target + request.Path)
            {
                Content = new System.Net.Http.ByteArrayContent(request.BodyBytes),
            };
            foreach (var header in request.HeaderLines)
            {
                if (HopHeaders.Any(h => string.Equals(h, header.Key, StringComparison.OrdinalIgnoreCase))) continue;
                if (!message.Headers.TryAddWithoutValidation(header.Key, header.Value))
                    message.Content.Headers.TryAddWithoutValidation(header.Key, header.Value);
            }
            using var answer = Relay.Send(message);
            var body = answer.Content.ReadAsByteArrayAsync().GetAwaiter().GetResult();
            var response = ScriptedResponse.Raw((int)answer.StatusCode, null, Encoding.UTF8.GetString(body)).WithoutRequestId();
            foreach (var header in answer.Headers.Concat(answer.Content.Headers))
            {
                if (AnswerHeadersDropped.Any(h => string.Equals(h, header.Key, StringComparison.OrdinalIgnoreCase))) continue;
                response = response.WithHeader(header.Key, string.Join(",", header.Value));
            }
            return response.AsForwarded();
        }

        /// <summary>Queues answers for an operation; each request for it takes the next one.</summary>
        public ScriptedAwsServer Enqueue(string operation, params ScriptedResponse[] responses)
        {
            lock (_gate)
            {
                if (!_queues.TryGetValue(operation, out var queue))
                    _queues[operation] = queue = new Queue<ScriptedResponse>();
                foreach (var r in responses) queue.Enqueue(r);
            }
            return this;
        }

        /// <summary>Answers an operation with a function of the request, once its queue is empty.
        /// The function runs under no lock of the server and may keep its own state.</summary>
        public ScriptedAwsServer On(string operation, Func<RecordedRequest, ScriptedResponse> handler)
        {
            lock (_gate) _handlers[operation] = handler;
            return this;
        }

        /// <summary>Answers an operation with the same response every time (after its queue).</summary>
        public ScriptedAwsServer Always(string operation, ScriptedResponse response) => On(operation, _ => response);

        /// <summary>Answers any request that nothing more specific covers.</summary>
        public ScriptedAwsServer OnAny(Func<RecordedRequest, ScriptedResponse> handler)
        {
            lock (_gate) _fallback = handler;
            return this;
        }

        /// <summary>How many queued answers are still waiting for an operation.</summary>
        public int Pending(string operation)
        {
            lock (_gate) return _queues.TryGetValue(operation, out var q) ? q.Count : 0;
        }

        /// <summary>Forgets the script and the recorded requests.</summary>
        public void Reset()
        {
            lock (_gate)
            {
                _requests.Clear();
                _unscripted.Clear();
                _queues.Clear();
                _handlers.Clear();
                _fallback = null;
                _serverErrors.Clear();
            }
        }

        /// <summary>Blocks until at least <paramref name="count"/> requests have arrived (answered or
        /// not, e.g. held) or the timeout passes; returns whether they did.</summary>
        public bool WaitForArrivals(int count, TimeSpan timeout)
        {
            var deadline = DateTime.UtcNow + timeout;
            lock (_gate)
            {
                while (_requests.Count < count)
                {
                    var left = deadline - DateTime.UtcNow;
                    if (left <= TimeSpan.Zero) return false;
                    Monitor.Wait(_gate, left);
                }
                return true;
            }
        }

        /// <summary>Blocks until at least <paramref name="count"/> requests have been answered or the
        /// timeout passes; returns whether they were.</summary>
        public bool WaitForRequests(int count, TimeSpan timeout)
        {
            var deadline = DateTime.UtcNow + timeout;
            lock (_gate)
            {
                while (_requests.Count(r => r.Response != null) < count)
                {
                    var left = deadline - DateTime.UtcNow;
                    if (left <= TimeSpan.Zero) return false;
                    Monitor.Wait(_gate, left);
                }
                return true;
            }
        }

        private async Task AcceptLoopAsync()
        {
            while (!_stop.IsCancellationRequested)
            {
                TcpClient client;
                try
                {
                    client = await _listener.AcceptTcpClientAsync(_stop.Token).ConfigureAwait(false);
                }
                catch (OperationCanceledException) { return; }
                catch (ObjectDisposedException) { return; }
                catch (SocketException) { if (_stop.IsCancellationRequested) return; continue; }

                var id = Interlocked.Increment(ref _connectionCount);
                lock (_gate)
                {
                    if (_disposed) { client.Dispose(); return; }
                    _connections.Add(client);
                    _connectionTasks.Add(Task.Run(() => ServeConnectionAsync(client, id)));
                }
            }
        }

        private async Task ServeConnectionAsync(TcpClient client, int connectionId)
        {
            try
            {
                client.NoDelay = true;
                var stream = client.GetStream();
                var reader = new HttpRequestReader(stream);
                while (!_stop.IsCancellationRequested)
                {
                    var head = await reader.ReadHeadAsync(_stop.Token).ConfigureAwait(false);
                    if (head == null) return; // the client closed the connection

                    if (head.HeaderValue("Expect")?.Equals("100-continue", StringComparison.OrdinalIgnoreCase) == true)
                        await WriteAsync(stream, Encoding.ASCII.GetBytes("HTTP/1.1 100 Continue\r\n\r\n")).ConfigureAwait(false);

                    var body = await reader.ReadBodyAsync(head, _stop.Token).ConfigureAwait(false);
                    RecordedRequest request;
                    lock (_gate)
                    {
                        request = new RecordedRequest(_requests.Count + 1, connectionId, _clock.Elapsed, head.Method, head.Path, head.Version, head.Headers, body);
                        _requests.Add(request);
                        Monitor.PulseAll(_gate);
                    }

                    var response = Choose(request);
                    if (response.Delay > TimeSpan.Zero)
                        await Task.Delay(response.Delay, _stop.Token).ConfigureAwait(false);
                    if (response.HoldUntil != null)
                        await Task.WhenAny(response.HoldUntil, Task.Delay(Timeout.Infinite, _stop.Token)).ConfigureAwait(false);
                    _stop.Token.ThrowIfCancellationRequested();

                    if (response.DropConnection)
                    {
                        Complete(request, response, null);
                        client.Client.LingerState = new LingerOption(true, 0); // reset, not a clean close
                        return;
                    }

                    var requestId = response.GetHeader("x-amzn-RequestId");
                    if (requestId == null && response.AddRequestId)
                        requestId = Name + "-" + Interlocked.Increment(ref _answered).ToString("D4", CultureInfo.InvariantCulture);
                    var close = response.CloseConnection ||
                        string.Equals(head.HeaderValue("Connection"), "close", StringComparison.OrdinalIgnoreCase);
                    var bytes = Serialize(response, requestId, close);
                    Complete(request, response, requestId); // recorded before the client can see the answer
                    if (response.CutAfterBodyBytes.HasValue)
                    {
                        var sent = bytes.Length - response.Body.Length + response.CutAfterBodyBytes.Value;
                        await WriteAsync(stream, bytes.Take(sent).ToArray()).ConfigureAwait(false);
                        client.Client.LingerState = new LingerOption(true, 0); // reset, not a clean close
                        return;
                    }
                    await WriteAsync(stream, bytes).ConfigureAwait(false);
                    if (close) return;
                }
            }
            catch (OperationCanceledException) { }
            catch (IOException) { }
            catch (ObjectDisposedException) { }
            catch (Exception ex)
            {
                lock (_gate) _serverErrors.Add(ex);
            }
            finally
            {
                client.Dispose();
            }
        }

        private void Complete(RecordedRequest request, ScriptedResponse response, string requestId)
        {
            lock (_gate)
            {
                request.Response = response;
                request.ResponseRequestId = requestId;
                Monitor.PulseAll(_gate);
            }
        }

        private ScriptedResponse Choose(RecordedRequest request)
        {
            Func<RecordedRequest, ScriptedResponse> handler;
            var keys = request.Service == null
                ? new[] { request.Operation }
                : new[] { request.Service + ":" + request.Operation, request.Operation };
            lock (_gate)
            {
                foreach (var key in keys)
                    if (_queues.TryGetValue(key, out var queue) && queue.Count > 0)
                        return queue.Dequeue();
                handler = null;
                foreach (var key in keys)
                    if (handler == null && _handlers.TryGetValue(key, out var found)) handler = found;
                handler = handler ?? _fallback;
                if (handler == null)
                    _unscripted.Add(request);
            }
            if (handler == null)
                return ScriptedResponse.Error("UnscriptedOperation",
                    $"{Name} has nothing scripted for '{request.Operation}' ({request.Method} {request.Path}).");
            try
            {
                return handler(request) ?? throw new InvalidOperationException("The handler returned no response.");
            }
            catch (Exception ex)
            {
                lock (_gate) _serverErrors.Add(ex);
                return ScriptedResponse.Error("ScriptError", $"{Name}'s handler for '{request.Operation}' failed: {ex.Message}");
            }
        }

        private static byte[] Serialize(ScriptedResponse response, string requestId, bool close)
        {
            var sb = new StringBuilder();
            sb.Append("HTTP/1.1 ").Append(response.StatusCode.ToString(CultureInfo.InvariantCulture)).Append(' ')
              .Append(ReasonPhrase(response.StatusCode)).Append("\r\n");
            foreach (var h in response.Headers)
            {
                if (string.Equals(h.Key, "Content-Length", StringComparison.OrdinalIgnoreCase)) continue;
                if (string.Equals(h.Key, "x-amzn-RequestId", StringComparison.OrdinalIgnoreCase)) continue;
                sb.Append(h.Key).Append(": ").Append(h.Value).Append("\r\n");
            }
            if (requestId != null) sb.Append("x-amzn-RequestId: ").Append(requestId).Append("\r\n");
            sb.Append("Content-Length: ").Append(response.Body.Length.ToString(CultureInfo.InvariantCulture)).Append("\r\n");
            sb.Append(close ? "Connection: close\r\n" : "Connection: keep-alive\r\n");
            sb.Append("\r\n");
            var head = Encoding.ASCII.GetBytes(sb.ToString());
            var bytes = new byte[head.Length + response.Body.Length];
            Buffer.BlockCopy(head, 0, bytes, 0, head.Length);
            Buffer.BlockCopy(response.Body, 0, bytes, head.Length, response.Body.Length);
            return bytes;
        }

        private static string ReasonPhrase(int status) => status switch
        {
            200 => "OK",
            400 => "Bad Request",
            403 => "Forbidden",
            404 => "Not Found",
            429 => "Too Many Requests",
            500 => "Internal Server Error",
            502 => "Bad Gateway",
            503 => "Service Unavailable",
            504 => "Gateway Timeout",
            _ => "Status",
        };

        private async Task WriteAsync(NetworkStream stream, byte[] bytes)
        {
            await stream.WriteAsync(bytes, 0, bytes.Length, _stop.Token).ConfigureAwait(false);
            await stream.FlushAsync(_stop.Token).ConfigureAwait(false);
        }

        public void Dispose()
        {
            Task[] tasks;
            lock (_gate)
            {
                if (_disposed) return;
                _disposed = true;
                _stop.Cancel();
                _listener.Stop();
                foreach (var c in _connections) c.Dispose();
                tasks = _connectionTasks.Append(_acceptLoop).ToArray();
            }
            try { Task.WaitAll(tasks, TimeSpan.FromSeconds(5)); }
            catch (AggregateException) { }
            _stop.Dispose();
        }

        /// <summary>Reads HTTP/1.1 requests off one connection: head, then a Content-Length or chunked body.</summary>
        private sealed class HttpRequestReader
        {
            private const int MaxHead = 64 * 1024;
            private readonly Stream _stream;
            private readonly byte[] _buffer = new byte[16 * 1024];
            private int _start;
            private int _end;

            public HttpRequestReader(Stream stream) => _stream = stream;

            public async Task<RequestHead> ReadHeadAsync(CancellationToken ct)
            {
                var head = new MemoryStream();
                while (true)
                {
                    var line = await ReadLineAsync(ct).ConfigureAwait(false);
                    if (line == null) return null;
                    if (line.Length == 0) { if (head.Length == 0) continue; break; } // tolerate stray CRLF between requests
                    var bytes = Encoding.ASCII.GetBytes(line + "\n");
                    head.Write(bytes, 0, bytes.Length);
                    if (head.Length > MaxHead) throw new InvalidDataException("Request head too large.");
                }
                var lines = Encoding.ASCII.GetString(head.ToArray()).Split('\n', StringSplitOptions.RemoveEmptyEntries);
                var requestLine = lines[0].Split(' ');
                if (requestLine.Length != 3) throw new InvalidDataException("Malformed request line: " + lines[0]);
                var headers = new List<KeyValuePair<string, string>>();
                foreach (var l in lines.Skip(1))
                {
                    var colon = l.IndexOf(':');
                    if (colon <= 0) throw new InvalidDataException("Malformed header line: " + l);
                    headers.Add(new KeyValuePair<string, string>(l.Substring(0, colon).Trim(), l.Substring(colon + 1).Trim()));
                }
                return new RequestHead(requestLine[0], requestLine[1], requestLine[2], headers);
            }

            public async Task<byte[]> ReadBodyAsync(RequestHead head, CancellationToken ct)
            {
                if (string.Equals(head.HeaderValue("Transfer-Encoding"), "chunked", StringComparison.OrdinalIgnoreCase))
                {
                    var body = new MemoryStream();
                    while (true)
                    {
                        var sizeLine = await ReadLineAsync(ct).ConfigureAwait(false) ?? throw new EndOfStreamException();
                        var size = int.Parse(sizeLine.Split(';')[0].Trim(), NumberStyles.HexNumber, CultureInfo.InvariantCulture);
                        if (size == 0)
                        {
                            while (!string.IsNullOrEmpty(await ReadLineAsync(ct).ConfigureAwait(false))) { } // trailers
                            return body.ToArray();
                        }
                        var chunk = await ReadExactlyAsync(size, ct).ConfigureAwait(false);
                        body.Write(chunk, 0, chunk.Length);
                        await ReadLineAsync(ct).ConfigureAwait(false);
                    }
                }
                var length = head.HeaderValue("Content-Length");
                if (length == null) return Array.Empty<byte>();
                return await ReadExactlyAsync(int.Parse(length, CultureInfo.InvariantCulture), ct).ConfigureAwait(false);
            }

            private async Task<bool> FillAsync(CancellationToken ct)
            {
                if (_start > 0 && _start == _end) { _start = _end = 0; }
                if (_end == _buffer.Length)
                {
                    Buffer.BlockCopy(_buffer, _start, _buffer, 0, _end - _start);
                    _end -= _start;
                    _start = 0;
                    if (_end == _buffer.Length) throw new InvalidDataException("Line too long.");
                }
                var read = await _stream.ReadAsync(_buffer, _end, _buffer.Length - _end, ct).ConfigureAwait(false);
                if (read == 0) return false;
                _end += read;
                return true;
            }

            private async Task<string> ReadLineAsync(CancellationToken ct)
            {
                while (true)
                {
                    var nl = Array.IndexOf(_buffer, (byte)'\n', _start, _end - _start);
                    if (nl >= 0)
                    {
                        var len = nl - _start;
                        if (len > 0 && _buffer[nl - 1] == (byte)'\r') len--;
                        var line = Encoding.ASCII.GetString(_buffer, _start, len);
                        _start = nl + 1;
                        return line;
                    }
                    if (!await FillAsync(ct).ConfigureAwait(false))
                        return null;
                }
            }

            private async Task<byte[]> ReadExactlyAsync(int count, CancellationToken ct)
            {
                var result = new byte[count];
                var copied = 0;
                while (copied < count)
                {
                    if (_start == _end && !await FillAsync(ct).ConfigureAwait(false))
                        throw new EndOfStreamException("The client closed the connection inside a request body.");
                    var n = Math.Min(count - copied, _end - _start);
                    Buffer.BlockCopy(_buffer, _start, result, copied, n);
                    _start += n;
                    copied += n;
                }
                return result;
            }
        }

        private sealed class RequestHead
        {
            public RequestHead(string method, string path, string version, IReadOnlyList<KeyValuePair<string, string>> headers)
            {
                Method = method;
                Path = path;
                Version = version;
                Headers = headers;
            }

            public string Method { get; }
            public string Path { get; }
            public string Version { get; }
            public IReadOnlyList<KeyValuePair<string, string>> Headers { get; }

            public string HeaderValue(string name)
                => Headers.Where(h => string.Equals(h.Key, name, StringComparison.OrdinalIgnoreCase)).Select(h => h.Value).LastOrDefault();
        }
    }
}
