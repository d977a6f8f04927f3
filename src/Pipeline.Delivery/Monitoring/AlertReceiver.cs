using System.Net;
using System.Text;
using System.Text.Json;

namespace Pipeline.Delivery.Monitoring;

/// <summary>What the receiver did with one notification.</summary>
/// <param name="Dispatched">Whether a drift response (CheckDrift → Retrain) was started.</param>
/// <param name="Reason">Why, or why not, in a sentence.</param>
public sealed record AlertDispatch(bool Dispatched, string Reason);

/// <summary>
/// The Alertmanager webhook receiver: <c>POST /alerts</c> takes a notification, and a firing drift alert
/// (<see cref="AlertRules.FeatureDrift"/> or <see cref="AlertRules.PredictionDrift"/>) starts
/// <paramref name="respondToDrift"/> — the scheduled job's CheckDrift → Retrain — unless one is still running
/// (alerts repeat while drift lasts; one retrain answers them all). It answers 202 at once with what it did, 400 for
/// a body that is not a notification. <c>GET /health</c> answers 200.
/// </summary>
/// <param name="prefix">The HttpListener prefix to listen on, e.g. http://127.0.0.1:9095/.</param>
/// <param name="respondToDrift">The drift response, given the firing drift alerts.</param>
/// <param name="log">Where the receiver says what it received and did.</param>
public sealed class AlertReceiver(string prefix, Func<IReadOnlyList<NotifiedAlert>, CancellationToken, Task> respondToDrift, Action<string> log)
{
    Task? _running;
    readonly object _gate = new();

    /// <summary>The drift response started last, or null; tests await it.</summary>
    public Task? Running { get { lock (_gate) return _running; } }

    /// <summary>Handles one notification body (what <c>POST /alerts</c> does after reading it).</summary>
    /// <exception cref="FormatException">The body is not an Alertmanager notification.</exception>
    public AlertDispatch Receive(string body, CancellationToken cancellationToken)
    {
        var notification = AlertmanagerNotification.Parse(body);
        var drift = notification.Alerts.Where(a => a.IsFiring && a.Name is AlertRules.FeatureDrift or AlertRules.PredictionDrift).ToList();
        foreach (var alert in notification.Alerts)
            log($"Alert {alert.Name} {alert.Status}: {(alert.Annotations.TryGetValue("summary", out var summary) ? summary : string.Join(", ", alert.Labels.Select(l => $"{l.Key}={l.Value}")))}");
        if (drift.Count == 0)
            return new AlertDispatch(false, "No firing drift alert in the notification; nothing to retrain.");
        lock (_gate)
        {
            if (_running is { IsCompleted: false })
                return new AlertDispatch(false, "A drift response is still running; this alert is answered by it.");
            _running = Task.Run(() => respondToDrift(drift, cancellationToken), cancellationToken);
        }
        var features = drift.Select(a => a.Labels.TryGetValue("feature", out var f) ? f : "model score").Distinct();
        return new AlertDispatch(true, $"Drift alert for {string.Join(", ", features)}: started CheckDrift → Retrain.");
    }

    /// <summary>Listens until <paramref name="cancellationToken"/> is cancelled.</summary>
    /// <exception cref="HttpListenerException">The prefix cannot be listened on (in use, or not allowed).</exception>
    public async Task RunAsync(CancellationToken cancellationToken)
    {
        using var listener = new HttpListener();
        listener.Prefixes.Add(prefix);
        listener.Start();
        log($"Alert receiver listening on {prefix}alerts (Alertmanager webhook).");
        await using var stop = cancellationToken.Register(listener.Stop);
        while (!cancellationToken.IsCancellationRequested)
        {
            HttpListenerContext context;
            try { context = await listener.GetContextAsync(); }
            catch (Exception) when (cancellationToken.IsCancellationRequested) { break; }
            await AnswerAsync(context, cancellationToken);
        }
        if (Running is { } running) await running.ContinueWith(_ => { }, CancellationToken.None);
    }

    async Task AnswerAsync(HttpListenerContext context, CancellationToken cancellationToken)
    {
        var (request, response) = (context.Request, context.Response);
        var path = request.Url?.AbsolutePath.TrimEnd('/') ?? "";
        try
        {
            if (request.HttpMethod == "GET" && path == "/health")
                await WriteAsync(response, 200, new { status = "ok" });
            else if (request.HttpMethod == "POST" && path == "/alerts")
            {
                using var reader = new StreamReader(request.InputStream, Encoding.UTF8);
                var body = await reader.ReadToEndAsync(cancellationToken);
                AlertDispatch dispatch;
                try { dispatch = Receive(body, cancellationToken); }
                catch (FormatException e)
                {
                    await WriteAsync(response, 400, new { error = e.Message });
                    return;
                }
                log(dispatch.Reason);
                await WriteAsync(response, 202, new { dispatched = dispatch.Dispatched, reason = dispatch.Reason });
            }
            else
                await WriteAsync(response, 404, new { error = $"{request.HttpMethod} {path} is not served; Alertmanager posts to /alerts." });
        }
        catch (Exception e) when (e is HttpListenerException or IOException)
        {
            log($"The alert receiver could not answer {request.HttpMethod} {path}: {e.Message}");
        }
    }

    static async Task WriteAsync(HttpListenerResponse response, int status, object body)
    {
        response.StatusCode = status;
        response.ContentType = "application/json";
        var bytes = JsonSerializer.SerializeToUtf8Bytes(body);
        await response.OutputStream.WriteAsync(bytes);
        response.Close();
    }
}
