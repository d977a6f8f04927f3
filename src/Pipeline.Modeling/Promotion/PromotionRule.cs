using Pipeline.Modeling.Configuration;

namespace Pipeline.Modeling.Promotion;

/// <summary>
/// The one rule that decides whether a challenger replaces the champion, used wherever two models are compared
/// (Register, Retrain, any later comparison): both are scored on the same held-out rows; a paired bootstrap
/// (resample the rows with replacement, take metric(challenger) − metric(champion) on each resample) gives the
/// interval of the difference of the primary metric; the challenger is promoted only when the interval's lower
/// bound is above the margin. A tie, or a gain within the noise of these rows, stays staging.
/// </summary>
public sealed class PromotionRule
{
    /// <summary>A rule with <paramref name="settings"/> (default: <see cref="PromotionSettings.Default"/>).</summary>
    /// <exception cref="ArgumentException">The settings are out of range.</exception>
    public PromotionRule(PromotionSettings? settings = null)
    {
        Settings = settings ?? PromotionSettings.Default;
        if (!MetricNames.All.Contains(Settings.PrimaryMetric))
            throw new ArgumentException($"The promotion rule's primary metric \"{Settings.PrimaryMetric}\" is not a metric; allowed: {string.Join(", ", MetricNames.All)}.", nameof(settings));
        if (Settings.Resamples < 100)
            throw new ArgumentException($"The promotion rule needs at least 100 bootstrap resamples for a stable interval, not {Settings.Resamples}.", nameof(settings));
        if (!(Settings.Confidence > 0.5 && Settings.Confidence < 1))
            throw new ArgumentException($"The promotion rule's confidence must be between 0.5 and 1 (e.g. 0.95), not {Settings.Confidence}.", nameof(settings));
        if (!double.IsFinite(Settings.Margin) || Settings.Margin < 0)
            throw new ArgumentException($"The promotion rule's margin must be a non-negative number, not {Settings.Margin}.", nameof(settings));
    }

    /// <summary>The configuration.</summary>
    public PromotionSettings Settings { get; }

    /// <summary>Decides whether <paramref name="challenger"/> replaces <paramref name="champion"/> on the rows labelled <paramref name="labels"/>.</summary>
    /// <exception cref="ArgumentException">The predictions do not cover the same rows as the labels.</exception>
    public PromotionDecision Decide(IReadOnlyList<bool> labels, ScoredPredictions champion, ScoredPredictions challenger)
    {
        if (champion.Probabilities.Count != labels.Count || challenger.Probabilities.Count != labels.Count)
            throw new ArgumentException(
                $"Champion and challenger must be scored on the same held-out rows: {labels.Count} labels, champion {champion.Probabilities.Count} predictions, challenger {challenger.Probabilities.Count}.");
        var metric = Settings.PrimaryMetric;
        var sign = MetricNames.HigherIsBetter(metric) ? 1 : -1;
        var championMetric = new WeightedMetric(metric, champion.Probabilities, labels, champion.Threshold);
        var challengerMetric = new WeightedMetric(metric, challenger.Probabilities, labels, challenger.Threshold);

        var all = Enumerable.Repeat(1, labels.Count).ToArray();
        double championValue = championMetric.On(all), challengerValue = challengerMetric.On(all);
        var observed = sign * (challengerValue - championValue);

        // Each resample draws from its own generator seeded by (seed, resample), so resamples run in parallel and the
        // interval is the same however they are scheduled (SplitMix64: fast, and fixed here, not by the runtime's Random).
        var byResample = new double[Settings.Resamples];
        Parallel.For(0, Settings.Resamples, () => new int[labels.Count], (r, _, counts) =>
        {
            Array.Clear(counts);
            var state = unchecked((ulong)Settings.Seed * 0x9E3779B97F4A7C15UL + (ulong)r);
            for (var i = 0; i < counts.Length; i++) counts[(int)(((SplitMix64(ref state) >> 32) * (ulong)counts.Length) >> 32)]++;
            byResample[r] = sign * (challengerMetric.On(counts) - championMetric.On(counts));
            return counts;
        }, _ => { });
        var differences = byResample.Where(d => !double.IsNaN(d)).ToList();

        // Fewer than half the resamples with a value means the rows cannot tell the models apart: no promotion.
        double lower = double.NaN, upper = double.NaN;
        if (labels.Count > 0 && differences.Count >= Settings.Resamples / 2)
        {
            differences.Sort();
            var tail = (1 - Settings.Confidence) / 2;
            (lower, upper) = (Quantile(differences, tail), Quantile(differences, 1 - tail));
        }
        var promote = !double.IsNaN(lower) && lower > Settings.Margin;
        var sources = DifferentSources(champion.DataSource, challenger.DataSource);
        return new PromotionDecision(promote, metric, championValue, challengerValue, observed, lower, upper, Settings.Confidence, Settings.Margin,
            differences.Count, sources is not null,
            PromotionDecision.Describe(promote, metric, observed, lower, upper, Settings.Confidence, Settings.Margin, sources));
    }

    static string? DifferentSources(string? champion, string? challenger) =>
        string.IsNullOrEmpty(champion) || string.IsNullOrEmpty(challenger) || string.Equals(champion, challenger, StringComparison.Ordinal)
            ? null
            : $"champion and challenger were trained on data of different sources (champion: {champion}; challenger: {challenger}), so these rows may favour the one trained on data like them";

    static ulong SplitMix64(ref ulong state)
    {
        var z = state += 0x9E3779B97F4A7C15UL;
        z = (z ^ (z >> 30)) * 0xBF58476D1CE4E5B9UL;
        z = (z ^ (z >> 27)) * 0x94D049BB133111EBUL;
        return z ^ (z >> 31);
    }

    // Linear interpolation between order statistics (the usual percentile definition).
    static double Quantile(List<double> sorted, double q)
    {
        var position = q * (sorted.Count - 1);
        var below = (int)Math.Floor(position);
        var above = Math.Min(below + 1, sorted.Count - 1);
        return sorted[below] + (position - below) * (sorted[above] - sorted[below]);
    }
}
