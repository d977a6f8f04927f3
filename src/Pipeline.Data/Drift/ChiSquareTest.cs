namespace Pipeline.Data.Drift;

/// <summary>The outcome of a two-sample test: its statistic and p-value.</summary>
public readonly record struct TestOutcome(double Statistic, double PValue);

/// <summary>
/// Pearson's chi-square test of homogeneity on a 2 × k table (reference and current counts per category):
/// χ² = Σ_ij (O_ij − E_ij)² / E_ij with E_ij = row_i · column_j / N, df = k − 1 after dropping categories with a
/// zero total, p = Q(df / 2, χ² / 2).
/// </summary>
public static class ChiSquareTest
{
    /// <summary>Tests whether two samples of categories share one distribution.</summary>
    public static TestOutcome Homogeneity(IReadOnlyList<long> reference, IReadOnlyList<long> current)
    {
        if (reference.Count != current.Count)
            throw new ArgumentException("The two count vectors must have one entry per category each.", nameof(current));
        double referenceTotal = reference.Sum(), currentTotal = current.Sum();
        var total = referenceTotal + currentTotal;
        var statistic = 0.0;
        var categories = 0;
        for (var j = 0; j < reference.Count; j++)
        {
            var columnTotal = reference[j] + current[j];
            if (columnTotal == 0) continue;
            categories++;
            var expectedReference = referenceTotal * columnTotal / total;
            var expectedCurrent = currentTotal * columnTotal / total;
            statistic += Square(reference[j] - expectedReference) / expectedReference
                + Square(current[j] - expectedCurrent) / expectedCurrent;
        }
        // One category (or an empty sample) leaves nothing to compare: no evidence of a difference.
        if (categories < 2 || referenceTotal == 0 || currentTotal == 0) return new TestOutcome(0, 1);
        return new TestOutcome(statistic, PValue(statistic, categories - 1));
    }

    /// <summary>The chi-square survival function: P(X ≥ <paramref name="statistic"/>) for X ~ χ²(df).</summary>
    public static double PValue(double statistic, int degreesOfFreedom) =>
        IncompleteGamma.UpperRegularized(degreesOfFreedom / 2.0, statistic / 2);

    /// <summary>The chi-square quantile: the x with P(X ≤ x) = <paramref name="probability"/> for X ~ χ²(df), by bisection.</summary>
    public static double Quantile(double probability, int degreesOfFreedom)
    {
        if (probability is <= 0 or >= 1) throw new ArgumentOutOfRangeException(nameof(probability), probability, "Must be between 0 and 1.");
        double lo = 0, hi = Math.Max(1, degreesOfFreedom);
        while (PValue(hi, degreesOfFreedom) > 1 - probability) hi *= 2;
        for (var i = 0; i < 200 && hi - lo > 1e-12 * hi; i++)
        {
            var mid = (lo + hi) / 2;
            if (PValue(mid, degreesOfFreedom) > 1 - probability) lo = mid; else hi = mid;
        }
        return (lo + hi) / 2;
    }

    private static double Square(double x) => x * x;
}
