using System;
using System.Collections.Concurrent;
using System.Collections.Generic;
using System.IO;
using System.Linq;
using System.Net;
using System.Net.Sockets;
using System.Text;
using System.Threading;
using System.Threading.Tasks;

namespace EcsPS.Tests.Support
{
    public sealed class LoopbackRequest
    {
        public string Operation { get; set; }
        public string Body { get; set; }
        public IReadOnlyDictionary<string, string> Headers { get; set; }
    }

    public sealed class LoopbackAnswer
    {
        public int Status { get; set; } = 200;
        public string Body { get; set; } = "{}";
        public string ErrorType { get; set; }
        public string RequestId { get; set; } = "loopback-" + Guid.NewGuid().ToString("N").Substring(0, 12);
        /// <summary>When set, the answer is held back until this task completes (or the server stops).</summary>
        public Task HoldUntil { get; set; }

        public static LoopbackAnswer Error(int status, string code, string message)
            => new LoopbackAnswer
            {
                Status = status,
                Body = "{\"__type\":\"" + code + "\",\"message\":\"" + message.Replace("\"", "\\\"") + "\"}",
                ErrorType = code,
            };
    }

    /// <summary>
    /// A scripted AWS JSON endpoint on 127.0.0.1: records every request and answers with what the
    /// test's script returns. Nothing here leaves the machine.
    /// </summary>
    public sealed class LoopbackAws : IDisposable
    {
        private readonly HttpListener _listener;
        private readonly Func<LoopbackRequest, LoopbackAnswer> _script;
        private readonly ConcurrentQueue<LoopbackRequest> _requests = new ConcurrentQueue<LoopbackRequest>();
        private readonly CancellationTokenSource _stop = new CancellationTokenSource();
        private readonly SemaphoreSlim _arrived = new SemaphoreSlim(0);
        private readonly Task _loop;

        public LoopbackAws(Func<LoopbackRequest, LoopbackAnswer> script)
        {
            _script = script ?? (_ => new LoopbackAnswer());
            Exception last = null;
            for (var attempt = 0; attempt < 10 && _listener == null; attempt++)
            {
                var port = FreePort();
                var listener = new HttpListener();
                listener.Prefixes.Add($"http://127.0.0.1:{port}/");
                try
                {
                    listener.Start();
                    _listener = listener;
                    Url = $"http://127.0.0.1:{port}";
                }
                catch (HttpListenerException ex) { last = ex; listener.Close(); }
            }
            if (_listener == null) throw new InvalidOperationException("No free loopback port.", last);
            _loop = Task.Run(Loop);
        }

        public string Url { get; }
        public IReadOnlyList<LoopbackRequest> Requests => _requests.ToArray();
        public int Count => _requests.Count;

        /// <summary>Waits (bounded) until a request has arrived.</summary>
        public bool WaitForRequest(TimeSpan bound) => _arrived.Wait(bound);

        private static int FreePort()
        {
            var l = new TcpListener(IPAddress.Loopback, 0);
            l.Start();
            try { return ((IPEndPoint)l.LocalEndpoint).Port; } finally { l.Stop(); }
        }

        private async Task Loop()
        {
            while (!_stop.IsCancellationRequested)
            {
                HttpListenerContext context;
                try { context = await _listener.GetContextAsync().ConfigureAwait(false); }
                catch (Exception) { if (_stop.IsCancellationRequested) return; continue; }
                _ = Task.Run(() => Handle(context));
            }
        }

        private async Task Handle(HttpListenerContext context)
        {
            try
            {
                string body;
                using (var reader = new StreamReader(context.Request.InputStream, Encoding.UTF8))
                    body = await reader.ReadToEndAsync().ConfigureAwait(false);
                var headers = context.Request.Headers.AllKeys.ToDictionary(k => k, k => context.Request.Headers[k], StringComparer.OrdinalIgnoreCase);
                headers.TryGetValue("X-Amz-Target", out var target);
                var request = new LoopbackRequest
                {
                    Operation = target?.Substring(target.LastIndexOf('.') + 1),
                    Body = body,
                    Headers = headers,
                };
                _requests.Enqueue(request);
                _arrived.Release();

                var answer = _script(request) ?? new LoopbackAnswer();
                if (answer.HoldUntil != null)
                    await Task.WhenAny(answer.HoldUntil, Task.Delay(Timeout.Infinite, _stop.Token)).ConfigureAwait(false);
                if (_stop.IsCancellationRequested) { context.Response.Abort(); return; }

                var bytes = Encoding.UTF8.GetBytes(answer.Body ?? string.Empty);
                context.Response.StatusCode = answer.Status;
                context.Response.ContentType = "application/x-amz-json-1.1";
                context.Response.Headers["x-amzn-RequestId"] = answer.RequestId;
                if (answer.ErrorType != null) context.Response.Headers["x-amzn-ErrorType"] = answer.ErrorType;
                context.Response.ContentLength64 = bytes.Length;
                await context.Response.OutputStream.WriteAsync(bytes, 0, bytes.Length).ConfigureAwait(false);
                context.Response.Close();
            }
            catch (Exception)
            {
                try { context.Response.Abort(); } catch (Exception) { }
            }
        }

        public void Dispose()
        {
            _stop.Cancel();
            try { _listener.Stop(); _listener.Close(); } catch (Exception) { }
            try { _loop.Wait(TimeSpan.FromSeconds(5)); } catch (Exception) { }
        }
    }
}
