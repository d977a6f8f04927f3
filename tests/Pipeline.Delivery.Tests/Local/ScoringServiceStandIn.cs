using System.Net;
using System.Text;

namespace Pipeline.Delivery.Tests.Local;

/// <summary>
/// An in-process HTTP stand-in for a scoring service (not the real one): /ready, /model and /predict answer
/// whatever the test sets, so the deployer's readiness and smoke-test decisions can be tested without Docker.
/// </summary>
public sealed class ScoringServiceStandIn : IDisposable
{
    private readonly HttpListener _listener;

    public ScoringServiceStandIn()
    {
        // A failed Start disposes the listener (a port taken by someone else), so each attempt needs a new one.
        for (var attempt = 0; ; attempt++)
        {
            Port = Random.Shared.Next(20_000, 60_000);
            var listener = new HttpListener();
            listener.Prefixes.Add($"http://127.0.0.1:{Port}/");
            try { listener.Start(); _listener = listener; break; }
            catch (HttpListenerException) when (attempt < 20) { listener.Close(); }
        }
        _ = Task.Run(ServeAsync);
    }

    public int Port { get; }
    public Uri Url => new($"http://127.0.0.1:{Port}/");

    /// <summary>Status and body of each path; a path not set answers 404.</summary>
    public Dictionary<string, (int Status, string Body)> Answers { get; } = new()
    {
        ["/ready"] = (200, "ready"),
        ["/model"] = (200, """{ "version": 3, "inputExample": { "Type": "M", "Torque [Nm]": 42.8 } }"""),
        ["/predict"] = (200, """{ "label": false, "probability": 0.01, "modelVersion": 3 }"""),
    };

    /// <summary>The paths requested, in order.</summary>
    public List<string> Requested { get; } = new();

    private async Task ServeAsync()
    {
        while (_listener.IsListening)
        {
            HttpListenerContext context;
            try { context = await _listener.GetContextAsync(); }
            catch (Exception e) when (e is HttpListenerException or ObjectDisposedException or InvalidOperationException) { return; }
            var path = context.Request.Url!.AbsolutePath;
            lock (Requested) Requested.Add(path);
            var (status, body) = Answers.TryGetValue(path, out var answer) ? answer : (404, "not found");
            context.Response.StatusCode = status;
            var bytes = Encoding.UTF8.GetBytes(body);
            await context.Response.OutputStream.WriteAsync(bytes);
            context.Response.Close();
        }
    }

    public void Dispose() => _listener.Close();
}
