using Pipeline.Data.Drift;

namespace Pipeline.Data.Tests;

/// <summary>
/// A reference kept as its distribution function (distinct values and cumulative counts, as stored with a trained
/// model) gives the Kolmogorov–Smirnov test exactly the values the sorted reference gives.
/// </summary>
public class EmpiricalDistributionTests
{
    static double[] Sample(int rows, int seed, double resolution, double shift)
    {
        var random = new Random(seed);
        // Rounded to a resolution, so values repeat (ties) as sensor readings do.
        return Enumerable.Range(0, rows).Select(_ => Math.Round((random.NextDouble() * 10 + shift) / resolution) * resolution).ToArray();
    }

    static double[] Sorted(double[] values)
    {
        var copy = (double[])values.Clone();
        Array.Sort(copy);
        return copy;
    }

    [Theory]
    [InlineData(5000, 3000, 0.1, 0.0)]
    [InlineData(5000, 3000, 0.1, 0.3)]
    [InlineData(2000, 7000, 1.0, 2.0)]
    [InlineData(1000, 1000, 1e-9, 0.05)]
    [InlineData(10, 3, 5.0, 0.0)]
    public void KolmogorovSmirnov_OverTheDistribution_EqualsTheTestOverTheSortedSample(int referenceRows, int currentRows, double resolution, double shift)
    {
        var reference = Sorted(Sample(referenceRows, 1, resolution, 0));
        var current = Sorted(Sample(currentRows, 2, resolution, shift));

        var expected = KolmogorovSmirnovTest.TwoSampleOfSorted(reference, current);
        var actual = KolmogorovSmirnovTest.TwoSample(EmpiricalDistribution.OfSorted(reference), current);

        Assert.Equal(expected.Statistic, actual.Statistic);
        Assert.Equal(expected.PValue, actual.PValue);
    }

    [Fact]
    public void Distribution_KeepsEachDistinctValueOnce_WithTheRowsAtOrBelowIt()
    {
        var distribution = EmpiricalDistribution.OfSorted([1, 1, 2, 5, 5, 5]);

        Assert.Equal([1.0, 2.0, 5.0], distribution.Values);
        Assert.Equal([2, 3, 6], distribution.CumulativeCounts);
        Assert.Equal(6, distribution.Count);
    }

    [Fact]
    public void StoredDistribution_ThatDoesNotAscend_IsRefused()
    {
        var error = Assert.Throws<ArgumentException>(() => EmpiricalDistribution.Of([1, 3, 2], [1, 2, 3]));

        Assert.Contains("Entry 2", error.Message);
    }

    [Fact]
    public void RestoredBins_CountCurrentValuesAsTheOriginalBins()
    {
        var reference = Sample(4000, 3, 0.1, 0);
        var current = Sample(3000, 4, 0.1, 0.5);
        var original = ReferenceBins.Numeric(reference, 10);

        var restored = ReferenceBins.Restore(original.Labels, original.BinOfRow, original.Edges!.ToArray(), original.Constant, categorical: false);

        Assert.Equal(original.Count(current).Current, restored.Count(current).Current);
        Assert.Equal(original.Counts, restored.Counts);
    }
}
