using Pipeline.Data.Drift;

namespace Pipeline.Data.Tests;

/// <summary>
/// A numeric sample counted by its distinct values (a hash table instead of a sort) gives the drift statistics exactly
/// what the sorted sample gives: the same distribution function, quantile bins, bin of every row, bin counts and
/// Kolmogorov–Smirnov statistic; samples where counting would not pay or could differ are left to the sort.
/// </summary>
public class DistinctValuesTests
{
    static double[] Sample(int rows, int seed, double resolution, double shift)
    {
        var random = new Random(seed);
        // Rounded to a resolution, so values repeat as sensor readings do.
        return Enumerable.Range(0, rows).Select(_ => Math.Round((random.NextDouble() * 10 + shift) / resolution) * resolution).ToArray();
    }

    static double[] Sorted(double[] values)
    {
        var copy = (double[])values.Clone();
        Array.Sort(copy);
        return copy;
    }

    [Theory]
    [InlineData(20_000, 0.1)]    // 101 distinct values
    [InlineData(200_000, 0.002)]  // about 5,000: the table grows several times
    [InlineData(50, 1.0)]
    public void CountedDistribution_EqualsTheSortedSamplesDistribution(int rows, double resolution)
    {
        var sample = Sample(rows, 1, resolution, 0);

        var counted = DistinctValues.TryCount(sample, withRows: true);
        var expected = EmpiricalDistribution.OfSorted(Sorted(sample));

        Assert.NotNull(counted);
        Assert.Equal(expected.Values, counted.Values);
        Assert.Equal(expected.CumulativeCounts, counted.CumulativeCounts);
        Assert.Equal(sample, counted.IndexOfRow!.Select(i => counted.Values[i]));
    }

    [Theory]
    [InlineData(20_000, 0.1, 10)]
    [InlineData(200_000, 0.002, 10)]
    [InlineData(5_000, 2.5, 10)]  // five values: merged edges
    [InlineData(1_000, 1.0, 3)]
    public void CountedBins_EqualTheBinsOfTheSortedSample(int rows, double resolution, int bins)
    {
        var reference = Sample(rows, 2, resolution, 0);
        var current = Sample(rows / 2, 3, resolution, 0.7);

        var expected = ReferenceBins.Numeric(reference, bins);
        var counted = ReferenceBins.Numeric(DistinctValues.TryCount(reference, withRows: true)!, bins);

        Assert.Equal(expected.Labels, counted.Labels);
        Assert.Equal(expected.Edges, counted.Edges);
        Assert.Equal(expected.BinOfRow, counted.BinOfRow);
        Assert.Equal(expected.Counts, counted.Counts);
        Assert.Equal(expected.Count(current).Current, counted.Count(DistinctValues.Of(current)).Current);
    }

    [Fact]
    public void ConstantReference_GetsTheBinsAroundItsValue_AsFromTheSortedSample()
    {
        var reference = Enumerable.Repeat(4.5, 300).ToArray();
        double[] current = [1, 4.5, 4.5, 9];

        var expected = ReferenceBins.Numeric(reference, 10);
        var counted = ReferenceBins.Numeric(DistinctValues.TryCount(reference, withRows: true)!, 10);

        Assert.Equal(4.5, counted.Constant);
        Assert.Equal(expected.Labels, counted.Labels);
        Assert.Equal(expected.BinOfRow, counted.BinOfRow);
        Assert.Equal([1L, 2, 1], counted.Count(DistinctValues.Of(current)).Current);
    }

    [Theory]
    [InlineData(5000, 3000, 0.1, 0.0)]
    [InlineData(5000, 3000, 0.1, 0.3)]
    [InlineData(2000, 7000, 1.0, 2.0)]
    [InlineData(1000, 1000, 1e-9, 0.05)]  // all distinct: sorted, not counted
    [InlineData(10, 3, 5.0, 0.0)]
    public void KolmogorovSmirnov_OverTheCurrentDistinctValues_EqualsTheTestOverTheSortedSample(int referenceRows, int currentRows, double resolution, double shift)
    {
        var reference = Sorted(Sample(referenceRows, 1, resolution, 0));
        var current = Sample(currentRows, 2, resolution, shift);

        var expected = KolmogorovSmirnovTest.TwoSampleOfSorted(reference, Sorted(current));
        var actual = KolmogorovSmirnovTest.TwoSample(EmpiricalDistribution.OfSorted(reference), DistinctValues.Of(current));

        Assert.Equal(expected.Statistic, actual.Statistic);
        Assert.Equal(expected.PValue, actual.PValue);
    }

    [Fact]
    public void MostlyDistinctSample_IsLeftToTheSort()
    {
        var sample = Enumerable.Range(0, 1000).Select(i => i * 0.37).ToArray();

        Assert.Null(DistinctValues.TryCount(sample, withRows: false));
        Assert.Equal(1000, DistinctValues.Of(sample).Values.Length);
    }

    [Fact]
    public void SampleWhoseFirstSixteenthIsMostlyDistinct_IsLeftToTheSort()
    {
        // 32,000 rows: the first 2,000 all distinct, then one value (fewer than a quarter distinct overall).
        var sample = Enumerable.Range(0, 32_000).Select(i => i < 2_000 ? i * 0.5 : 7.0).ToArray();

        Assert.Null(DistinctValues.TryCount(sample, withRows: false));
        Assert.Equal(sample.Distinct().Count(), DistinctValues.Of(sample).Values.Length);
    }

    [Theory]
    [InlineData(double.NaN)]
    [InlineData(-0.0)]
    public void ValuesThatSortByComparisonNotBits_AreLeftToTheSort(double odd)
    {
        var sample = Enumerable.Repeat(1.0, 100).Append(odd).Append(0.0).ToArray();

        Assert.Null(DistinctValues.TryCount(sample, withRows: true));
    }

    [Fact]
    public void ValueAtRank_IsTheSortedSamplesValueAtThatRank()
    {
        var sample = Sample(3000, 4, 0.5, 0);
        var sorted = Sorted(sample);

        var counted = DistinctValues.TryCount(sample, withRows: false)!;

        Assert.All(Enumerable.Range(0, sample.Length), rank => Assert.Equal(sorted[rank], counted.ValueAtRank(rank)));
    }
}
