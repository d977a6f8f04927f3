namespace Pipeline.Data.Drift;

/// <summary>
/// The integrated autocorrelation time τ = 1 + 2 Σ_k ρ_k of a series in row order: how many consecutive rows carry
/// the information of one independent row (n rows are worth about n / τ independent ones). Summed with Sokal's
/// automatic window (stop at the first lag k ≥ 5 τ_k), over at most <see cref="MaximumRows"/> rows and
/// <see cref="MaximumLag"/> lags so that it stays cheap on a million rows.
/// </summary>
public static class AutocorrelationTime
{
    /// <summary>The most rows the estimate reads (the first ones).</summary>
    public const int MaximumRows = 100_000;

    /// <summary>The longest lag summed.</summary>
    public const int MaximumLag = 2_000;

    /// <summary>τ of <paramref name="series"/> (at least 1; 1 for a constant or too short series).</summary>
    public static double Of(IReadOnlyList<int> series)
    {
        var n = Math.Min(series.Count, MaximumRows);
        if (n < 3) return 1;
        var mean = 0.0;
        for (var i = 0; i < n; i++) mean += series[i];
        mean /= n;
        var centred = new double[n];
        var variance = 0.0;
        for (var i = 0; i < n; i++)
        {
            centred[i] = series[i] - mean;
            variance += centred[i] * centred[i];
        }
        if (variance <= 0) return 1;
        var tau = 1.0;
        var maximumLag = Math.Min(MaximumLag, n / 2);
        for (var k = 1; k <= maximumLag; k++)
        {
            var sum = 0.0;
            for (var i = 0; i + k < n; i++) sum += centred[i] * centred[i + k];
            tau += 2 * sum / variance;
            if (k >= 5 * tau) break;
        }
        return Math.Max(1, tau);
    }
}
