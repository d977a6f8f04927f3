using System.Globalization;

namespace Pipeline.Delivery.Local;

/// <summary>
/// The latency and error budget a new container must meet on a replayed sample of requests before it takes traffic
/// (the deploy's SLO gate, after TFX's InfraValidator).
/// </summary>
/// <param name="P99Milliseconds">Highest acceptable 99th-percentile latency of /predict, in milliseconds.</param>
/// <param name="MaxErrorRate">Highest acceptable share of failed requests (non-2xx or no answer), 0 to 1.</param>
/// <param name="Requests">How many requests are replayed (after a short, uncounted warm-up).</param>
/// <param name="Concurrency">How many are in flight at once.</param>
public sealed record SloBudget(double P99Milliseconds, double MaxErrorRate, int Requests, int Concurrency = 4)
{
    /// <summary>The documented defaults: p99 at most 250 ms, at most 1 % errors, 500 requests, 4 at a time.</summary>
    public static readonly SloBudget Default = new(250, 0.01, 500);

    /// <summary>Throws <see cref="ArgumentException"/> naming the deploy option out of range.</summary>
    public SloBudget Validated()
    {
        if (!(double.IsFinite(P99Milliseconds) && P99Milliseconds > 0))
            throw new ArgumentException($"--slo-p99-ms is {P99Milliseconds}; expected a positive number of milliseconds.");
        if (!(MaxErrorRate is >= 0 and <= 1))
            throw new ArgumentException($"--slo-max-error-rate is {MaxErrorRate}; expected a share from 0 to 1 (0.01 for 1 %).");
        if (Requests < 1)
            throw new ArgumentException($"--slo-requests is {Requests}; expected at least 1 (100 or more for a meaningful p99).");
        if (Concurrency < 1)
            throw new ArgumentException($"The SLO gate's concurrency is {Concurrency}; expected at least 1.");
        return this;
    }

    /// <summary>The gate's decision on <paramref name="report"/>: null when it is within budget, else the sentence saying what is over.</summary>
    public string? Exceeded(LatencyReport report)
    {
        var over = new List<string>();
        if (report.P99Milliseconds > P99Milliseconds)
            over.Add($"p99 {Ms(report.P99Milliseconds)} is over the budget of {Ms(P99Milliseconds)}");
        if (report.ErrorRate > MaxErrorRate)
            over.Add($"error rate {Percent(report.ErrorRate)} is over the budget of {Percent(MaxErrorRate)}");
        return over.Count == 0 ? null : string.Join(" and ", over);
    }

    internal static string Ms(double milliseconds) => milliseconds.ToString("0.0", CultureInfo.InvariantCulture) + " ms";

    internal static string Percent(double share) => (share * 100).ToString("0.##", CultureInfo.InvariantCulture) + " %";
}
