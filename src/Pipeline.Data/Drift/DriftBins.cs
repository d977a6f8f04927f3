namespace Pipeline.Data.Drift;

/// <summary>Both samples counted into the same bins, with a label per bin.</summary>
public sealed record BinnedCounts(IReadOnlyList<string> Labels, long[] Reference, long[] Current);

/// <summary>
/// The bins PSI compares, for two samples at once (see <see cref="ReferenceBins"/>, which defines them from the
/// reference).
/// </summary>
public static class DriftBins
{
    /// <summary>Counts numeric samples into <paramref name="bins"/> reference-quantile bins.</summary>
    public static BinnedCounts Numeric(double[] reference, double[] current, int bins) =>
        ReferenceBins.Numeric(reference, bins).Count(current);

    /// <summary>Counts categorical samples per category.</summary>
    public static BinnedCounts Categorical(string[] reference, string[] current, IReadOnlyList<string> domainOrder) =>
        ReferenceBins.Categorical(reference, domainOrder).Count(current);
}
