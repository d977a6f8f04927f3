using System.Diagnostics;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json;

namespace Pipeline.Delivery.Local;

/// <summary>
/// The deploy's SLO gate: replays a sample of requests (<see cref="ReplaySample"/>) against a new container that is
/// already serving, measures p99 latency and the error rate, and refuses the container when either is over its
/// <see cref="SloBudget"/>. Apart from the container engine, so it can be tested against any HTTP service.
/// </summary>
public static class LatencyGate
{
    private const int WarmUpRequests = 20;
    private static readonly TimeSpan RequestTimeout = TimeSpan.FromSeconds(10);

    /// <summary>
    /// Replays and judges; returns the figures when within budget.
    /// </summary>
    /// <param name="url">The new service's base address (ending in /).</param>
    /// <param name="inferenceLogDirectory">The deployment's inference log, whose records are replayed when it has any.</param>
    /// <param name="budget">The budget.</param>
    /// <param name="cancellationToken">Cancels the replay.</param>
    /// <exception cref="LatencyBudgetExceededException">p99 or the error rate is over budget; the message has the figures.</exception>
    public static async Task<LatencyReport> CheckAsync(Uri url, string? inferenceLogDirectory, SloBudget budget, CancellationToken cancellationToken)
    {
        using var http = NewClient(url, budget);
        using var model = await http.GetFromJsonAsync<JsonDocument>("model", cancellationToken)
            ?? throw new ServiceNotServingException($"{url}model returned nothing");
        var example = model.RootElement.TryGetProperty("inputExample", out var value) ? value
            : throw new ServiceNotServingException($"{url}model does not include the model's inputExample, which the SLO gate replays when there is no recorded traffic");
        var sample = ReplaySample.From(inferenceLogDirectory, example, budget.Requests);
        var report = await MeasureAsync(http, sample, budget, cancellationToken);
        return budget.Exceeded(report) is { } over
            ? throw new LatencyBudgetExceededException($"{over} ({report.Sentence})", report)
            : report;
    }

    /// <summary>Sends <paramref name="sample"/>'s bodies to /predict, <see cref="SloBudget.Requests"/> times at <see cref="SloBudget.Concurrency"/>, after a warm-up.</summary>
    public static async Task<LatencyReport> MeasureAsync(HttpClient http, ReplaySample sample, SloBudget budget, CancellationToken cancellationToken)
    {
        // The first requests pay for JIT compilation and connection set-up: a real client would not see them twice.
        for (var i = 0; i < Math.Min(WarmUpRequests, budget.Requests); i++)
            await SendAsync(http, sample.Bodies[i % sample.Bodies.Count], cancellationToken);
        var latencies = new double[budget.Requests];
        var errors = 0;
        await Parallel.ForEachAsync(Enumerable.Range(0, budget.Requests), new ParallelOptions { MaxDegreeOfParallelism = budget.Concurrency, CancellationToken = cancellationToken },
            async (i, token) =>
            {
                var (milliseconds, ok) = await SendAsync(http, sample.Bodies[i % sample.Bodies.Count], token);
                latencies[i] = milliseconds;
                if (!ok) Interlocked.Increment(ref errors);
            });
        return LatencyReport.Of(latencies, errors, sample.Source);
    }

    private static async Task<(double Milliseconds, bool Ok)> SendAsync(HttpClient http, string body, CancellationToken cancellationToken)
    {
        var started = Stopwatch.GetTimestamp();
        using var attempt = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        attempt.CancelAfter(RequestTimeout);
        try
        {
            using var response = await http.PostAsync("predict", new StringContent(body, Encoding.UTF8, "application/json"), attempt.Token);
            await response.Content.LoadIntoBufferAsync(attempt.Token);
            return (Stopwatch.GetElapsedTime(started).TotalMilliseconds, response.IsSuccessStatusCode);
        }
        catch (Exception e) when (e is HttpRequestException || e is OperationCanceledException && !cancellationToken.IsCancellationRequested)
        {
            return (Stopwatch.GetElapsedTime(started).TotalMilliseconds, false);
        }
    }

    private static HttpClient NewClient(Uri url, SloBudget budget) =>
        new(new SocketsHttpHandler { MaxConnectionsPerServer = budget.Concurrency, PooledConnectionLifetime = TimeSpan.FromMinutes(5) })
        {
            BaseAddress = url,
            Timeout = Timeout.InfiniteTimeSpan,
        };
}
