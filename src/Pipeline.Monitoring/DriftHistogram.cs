namespace Pipeline.Monitoring;

/// <summary>The bins a feature was compared over, with the share of each sample in each bin (each sums to 1).</summary>
/// <param name="Bins">Bin labels: numeric ranges such as <c>[298.5, 299.2)</c>, or category names.</param>
/// <param name="ReferenceShare">The reference sample's share per bin.</param>
/// <param name="CurrentShare">The current sample's share per bin.</param>
public sealed record DriftHistogram(IReadOnlyList<string> Bins, double[] ReferenceShare, double[] CurrentShare);
