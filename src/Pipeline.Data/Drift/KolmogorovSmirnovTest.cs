namespace Pipeline.Data.Drift;

/// <summary>
/// The two-sample Kolmogorov–Smirnov test: D = sup_x |F_ref(x) − F_cur(x)| over the empirical distribution
/// functions, computed exactly on the sorted samples (tied values step both functions together), with the p-value
/// of the asymptotic Kolmogorov distribution at λ = (√n_e + 0.12 + 0.11/√n_e)·D, n_e = n·m/(n + m)
/// (Stephens' small-sample correction, as in Numerical Recipes §14.3).
/// </summary>
public static class KolmogorovSmirnovTest
{
    /// <summary>Tests whether two samples come from one continuous distribution.</summary>
    public static TestOutcome TwoSample(double[] reference, double[] current) =>
        TwoSampleOfSorted(Sorted(reference), Sorted(current));

    /// <summary>As <see cref="TwoSample(double[], double[])"/>, for samples already in ascending order (a prepared reference's, kept between checks).</summary>
    public static TestOutcome TwoSampleOfSorted(double[] reference, double[] current)
    {
        var d = StatisticOfSorted(reference, current);
        var n = (double)reference.Length;
        var m = (double)current.Length;
        var effective = Math.Sqrt(n * m / (n + m));
        return new TestOutcome(d, KolmogorovSurvival((effective + 0.12 + 0.11 / effective) * d));
    }

    /// <summary>
    /// As <see cref="TwoSample(double[], double[])"/>, against a reference kept as its <see cref="EmpiricalDistribution"/> (a prepared or
    /// stored reference) and a current sample in ascending order; the same D and p-value as with the sorted reference.
    /// </summary>
    public static TestOutcome TwoSample(EmpiricalDistribution reference, double[] sortedCurrent)
    {
        var values = reference.Values;
        var cumulative = reference.CumulativeCounts;
        if (values.Length == 0 || sortedCurrent.Length == 0)
            throw new ArgumentException("Both samples need at least one value.");
        var n = (double)reference.Count;
        var m = (double)sortedCurrent.Length;
        // The same steps as over the sorted reference: at each smallest remaining value, both functions step past all
        // its copies, the reference's at once by its cumulative count.
        int k = 0, i = 0, j = 0;
        var d = 0.0;
        while (k < values.Length && j < sortedCurrent.Length)
        {
            var x = Math.Min(values[k], sortedCurrent[j]);
            if (values[k] == x) i = cumulative[k++];
            while (j < sortedCurrent.Length && sortedCurrent[j] == x) j++;
            d = Math.Max(d, Math.Abs(i / n - j / m));
        }
        var effective = Math.Sqrt(n * m / (n + m));
        return new TestOutcome(d, KolmogorovSurvival((effective + 0.12 + 0.11 / effective) * d));
    }

    /// <summary>
    /// As <see cref="TwoSample(EmpiricalDistribution, double[])"/>, with the current sample kept as its distinct values
    /// (<see cref="DistinctValues"/>): both functions step past all copies of a value at once, by its cumulative count,
    /// so D and the p-value are the same as with the sorted current sample.
    /// </summary>
    public static TestOutcome TwoSample(EmpiricalDistribution reference, DistinctValues current)
    {
        var values = reference.Values;
        var cumulative = reference.CumulativeCounts;
        var currentValues = current.Values;
        var currentCumulative = current.CumulativeCounts;
        if (values.Length == 0 || currentValues.Length == 0)
            throw new ArgumentException("Both samples need at least one value.");
        var n = (double)reference.Count;
        var m = (double)current.Count;
        int k = 0, l = 0, i = 0, j = 0;
        var d = 0.0;
        while (k < values.Length && l < currentValues.Length)
        {
            var x = Math.Min(values[k], currentValues[l]);
            if (values[k] == x) i = cumulative[k++];
            if (currentValues[l] == x) j = currentCumulative[l++];
            d = Math.Max(d, Math.Abs(i / n - j / m));
        }
        var effective = Math.Sqrt(n * m / (n + m));
        return new TestOutcome(d, KolmogorovSurvival((effective + 0.12 + 0.11 / effective) * d));
    }

    /// <summary>D = sup |F_ref − F_cur|; both samples must be non-empty.</summary>
    public static double Statistic(double[] reference, double[] current) => StatisticOfSorted(Sorted(reference), Sorted(current));

    private static double StatisticOfSorted(double[] a, double[] b)
    {
        if (a.Length == 0 || b.Length == 0)
            throw new ArgumentException("Both samples need at least one value.");
        int i = 0, j = 0;
        var d = 0.0;
        while (i < a.Length && j < b.Length)
        {
            // Step past every copy of the smallest remaining value in both samples before comparing,
            // so ties never open a gap the distributions do not have.
            var x = Math.Min(a[i], b[j]);
            while (i < a.Length && a[i] == x) i++;
            while (j < b.Length && b[j] == x) j++;
            d = Math.Max(d, Math.Abs((double)i / a.Length - (double)j / b.Length));
        }
        return d;
    }

    /// <summary>
    /// Q_KS(λ) = P(K &gt; λ) = 2 Σ_{j≥1} (−1)^{j−1} e^{−2j²λ²}; for small λ, where that series converges slowly,
    /// the equivalent 1 − (√(2π)/λ) Σ_{j≥1} e^{−(2j−1)²π²/(8λ²)}.
    /// </summary>
    public static double KolmogorovSurvival(double lambda)
    {
        if (lambda <= 0) return 1;
        if (lambda < 1.18)
        {
            var sum = 0.0;
            for (var j = 1; j <= 20; j++)
            {
                var k = 2 * j - 1;
                sum += Math.Exp(-k * k * Math.PI * Math.PI / (8 * lambda * lambda));
            }
            return Math.Clamp(1 - Math.Sqrt(2 * Math.PI) / lambda * sum, 0, 1);
        }
        var tail = 0.0;
        for (var j = 1; j <= 100; j++)
        {
            var term = Math.Exp(-2.0 * j * j * lambda * lambda);
            tail += (j % 2 == 1 ? term : -term);
            if (term < 1e-17) break;
        }
        return Math.Clamp(2 * tail, 0, 1);
    }

    private static double[] Sorted(double[] values) => SortedValues.Of(values);
}
