using Pipeline.Data.Drift;

namespace Pipeline.Data.Tests;

/// <summary>
/// The radix sort of a numeric sample gives the array a comparison sort gives, and values fall into the bin that
/// counts the edges at or below them (short or long edge lists alike).
/// </summary>
public class SortedValuesTests
{
    static double[] Sample(int rows, int seed, Func<Random, double> draw)
    {
        var random = new Random(seed);
        return Enumerable.Range(0, rows).Select(_ => draw(random)).ToArray();
    }

    static double[] ArraySorted(double[] values)
    {
        var copy = (double[])values.Clone();
        Array.Sort(copy);
        return copy;
    }

    public static TheoryData<string> Kinds => ["scores", "signed", "wide", "ties", "infinities", "negative zero", "nan", "short"];

    static double[] SampleOf(string kind) => kind switch
    {
        "scores" => Sample(50_000, 1, r => (double)(float)r.NextDouble()),  // float scores widened to double
        "signed" => Sample(50_000, 2, r => (r.NextDouble() - 0.5) * 1e3),
        "wide" => Sample(50_000, 3, r => Math.Pow(10, r.Next(-300, 300)) * (r.Next(2) == 0 ? -1 : 1) * r.NextDouble()),
        "ties" => Sample(50_000, 4, r => Math.Round(r.NextDouble() * 100) - 50),
        "infinities" => Sample(50_000, 5, r => r.Next(100) switch { 0 => double.PositiveInfinity, 1 => double.NegativeInfinity, _ => r.NextDouble() - 0.5 }),
        "negative zero" => Sample(50_000, 6, r => r.Next(10) == 0 ? -0.0 : r.Next(10) == 0 ? 0.0 : r.NextDouble() - 0.5),
        "nan" => Sample(50_000, 7, r => r.Next(1000) == 0 ? double.NaN : r.NextDouble()),
        _ => Sample(100, 8, r => r.NextDouble()),
    };

    [Theory]
    [MemberData(nameof(Kinds))]
    public void Sorted_IsTheArrayAComparisonSortGives_BitForBit(string kind)
    {
        var sample = SampleOf(kind);

        var sorted = SortedValues.Of(sample);

        Assert.Equal(ArraySorted(sample).Select(BitConverter.DoubleToInt64Bits), sorted.Select(BitConverter.DoubleToInt64Bits));
    }

    [Fact]
    public void Sorted_LeavesTheSampleAsItWas()
    {
        var sample = SampleOf("signed");
        var copy = (double[])sample.Clone();

        SortedValues.Of(sample);

        Assert.Equal(copy, sample);
    }

    [Theory]
    [InlineData(10)]
    [InlineData(40)]  // more edges than are counted one by one: a binary search
    public void EachValue_FallsInTheBinThatCountsTheEdgesAtOrBelowIt(int bins)
    {
        var reference = Sample(20_000, 9, r => Math.Round(r.NextDouble() * 1000) / 10);
        var current = Sample(5_000, 10, r => Math.Round(r.NextDouble() * 1200 - 100) / 10).Append(double.NaN).ToArray();

        var binned = ReferenceBins.Numeric(reference, bins);
        var counts = binned.Count(current).Current;

        var edges = binned.Edges!;
        var expected = new long[edges.Count + 1];
        foreach (var x in current) expected[edges.Count(edge => edge <= x)]++;
        Assert.True(edges.Count > (bins == 40 ? 16 : 5));
        Assert.Equal(expected, counts);
    }
}
