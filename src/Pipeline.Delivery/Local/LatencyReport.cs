namespace Pipeline.Delivery.Local;

/// <summary>What a replay measured against a new container.</summary>
/// <param name="Requests">Requests sent (warm-up excluded).</param>
/// <param name="Errors">Requests that failed: a non-2xx answer, no answer, or no answer within the per-request timeout.</param>
/// <param name="P50Milliseconds">Median latency of the answered requests.</param>
/// <param name="P99Milliseconds">99th-percentile latency; a failed request counts at its full time, so timeouts push it up.</param>
/// <param name="MaxMilliseconds">Slowest request.</param>
/// <param name="Source">Where the replayed requests came from (the inference log, or the model's input example).</param>
public sealed record LatencyReport(int Requests, int Errors, double P50Milliseconds, double P99Milliseconds, double MaxMilliseconds, string Source)
{
    /// <summary>The share of failed requests.</summary>
    public double ErrorRate => Requests == 0 ? 0 : (double)Errors / Requests;

    /// <summary>The figures in one sentence, for the deploy summary.</summary>
    public string Sentence =>
        $"{Requests} replayed requests ({Source}): p50 {SloBudget.Ms(P50Milliseconds)}, p99 {SloBudget.Ms(P99Milliseconds)}, max {SloBudget.Ms(MaxMilliseconds)}, errors {Errors} ({SloBudget.Percent(ErrorRate)})";

    /// <summary>The report of the latencies (in milliseconds) of <paramref name="latencies"/>, <paramref name="errors"/> of which failed.</summary>
    public static LatencyReport Of(IReadOnlyList<double> latencies, int errors, string source)
    {
        var sorted = latencies.Order().ToArray();
        return new LatencyReport(sorted.Length, errors, Quantile(sorted, 0.50), Quantile(sorted, 0.99), sorted.Length == 0 ? 0 : sorted[^1], source);
    }

    // Nearest rank: the p99 of 100 requests is the 99th slowest, never an interpolation below an observed value.
    private static double Quantile(double[] sorted, double q) =>
        sorted.Length == 0 ? 0 : sorted[Math.Clamp((int)Math.Ceiling(q * sorted.Length) - 1, 0, sorted.Length - 1)];
}
