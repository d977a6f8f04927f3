namespace Pipeline.Data.Drift;

/// <summary>
/// A numeric sample's empirical distribution function, kept as its distinct values in ascending order with the number
/// of values at or below each: all a two-sample Kolmogorov–Smirnov test needs of the reference, in less room than the
/// sorted sample when values repeat (and storable with a trained model, so a drift check need not read the reference).
/// </summary>
public sealed class EmpiricalDistribution
{
    private EmpiricalDistribution(double[] values, int[] cumulativeCounts)
    {
        Values = values;
        CumulativeCounts = cumulativeCounts;
    }

    /// <summary>The distinct values, ascending.</summary>
    public double[] Values { get; }

    /// <summary>For each of <see cref="Values"/>, the number of sample values at or below it (the last is the sample size).</summary>
    public int[] CumulativeCounts { get; }

    /// <summary>The sample size.</summary>
    public int Count => CumulativeCounts.Length == 0 ? 0 : CumulativeCounts[^1];

    /// <summary>The distribution of a sample given in ascending order.</summary>
    public static EmpiricalDistribution OfSorted(double[] sorted)
    {
        var values = new List<double>();
        var cumulative = new List<int>();
        for (var i = 0; i < sorted.Length; i++)
        {
            if (i + 1 < sorted.Length && sorted[i + 1] == sorted[i]) continue;
            values.Add(sorted[i]);
            cumulative.Add(i + 1);
        }
        return new EmpiricalDistribution(values.ToArray(), cumulative.ToArray());
    }

    /// <summary>A stored distribution: distinct ascending values and increasing cumulative counts of the same length.</summary>
    /// <exception cref="ArgumentException">The arrays differ in length, or the values do not ascend or the counts do not increase.</exception>
    public static EmpiricalDistribution Of(double[] values, int[] cumulativeCounts)
    {
        if (values.Length != cumulativeCounts.Length)
            throw new ArgumentException($"{values.Length} distinct values but {cumulativeCounts.Length} cumulative counts.", nameof(cumulativeCounts));
        for (var i = 0; i < values.Length; i++)
            if (cumulativeCounts[i] <= (i == 0 ? 0 : cumulativeCounts[i - 1]) || (i > 0 && !(values[i] > values[i - 1])))
                throw new ArgumentException($"Entry {i} of the distribution does not ascend (value {values[i]}, cumulative count {cumulativeCounts[i]}).", nameof(values));
        return new EmpiricalDistribution(values, cumulativeCounts);
    }
}
