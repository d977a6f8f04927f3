namespace Pipeline.Modeling.Configuration;

/// <summary>The metric gate's rules: how far each metric may regress, absolute floors, and what a missing snapshot means.</summary>
/// <param name="Tolerances">Metric name → largest allowed regression against the verified snapshot.</param>
/// <param name="Floors">Metric name → the worst value accepted whatever the snapshot says (a ceiling for log-loss).</param>
/// <param name="OnMissingSnapshot">Whether evaluating data that has no verified snapshot fails or warns.</param>
public sealed record GateSettings(
    IReadOnlyDictionary<string, double> Tolerances,
    IReadOnlyDictionary<string, double> Floors,
    MissingSnapshotPolicy OnMissingSnapshot)
{
    /// <summary>The tolerance used for a metric the configuration does not name.</summary>
    public const double DefaultTolerance = 0.005;

    /// <summary>Default rules: small tolerances, no floors, missing snapshot fails.</summary>
    public static GateSettings Default { get; } = new(
        new Dictionary<string, double>(), new Dictionary<string, double>(), MissingSnapshotPolicy.Fail);

    /// <summary>The tolerance for <paramref name="metric"/>.</summary>
    public double ToleranceOf(string metric) => Tolerances.TryGetValue(metric, out var t) ? t : DefaultTolerance;
}
