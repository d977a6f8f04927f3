using Pipeline.Data.Drift;

namespace Pipeline.Data.Tests;

/// <summary>
/// Categorical bins look a category up once per run of the same string instance (a loaded column repeats its domain's
/// instances); the bins and counts are those of a lookup per row, whether the strings are shared instances or copies.
/// </summary>
public class CategoricalBinsTests
{
    static readonly string[] Domain = ["L", "M", "H"];

    // Categories drawn from the domain's instances, with runs, and "X" (not in the domain) now and then.
    static string[] Column(int rows, int seed, bool copies)
    {
        var random = new Random(seed);
        var values = new string[rows];
        for (var i = 0; i < rows; i++)
        {
            var value = i > 0 && random.NextDouble() < 0.5 ? values[i - 1] : random.NextDouble() < 0.05 ? "X" : Domain[random.Next(3)];
            values[i] = copies ? new string(value.AsSpan()) : value;
        }
        return values;
    }

    [Theory]
    [InlineData(false)]
    [InlineData(true)]
    public void Bins_AreInDomainOrderThenInOrderOfAppearance_WithEveryRowsCategory(bool copies)
    {
        var reference = Column(5_000, 1, copies);

        var bins = ReferenceBins.Categorical(reference, ["H", "M", "L", "unused"]);

        Assert.Equal(["H", "M", "L", "X"], bins.Labels);
        Assert.Equal(reference, bins.BinOfRow.Select(b => bins.Labels[b]));
        Assert.Equal(reference.Length, bins.Counts.Sum());
    }

    [Theory]
    [InlineData(false)]
    [InlineData(true)]
    public void CurrentCategories_AreCountedPerRow_NewOnesInExtraBins(bool copies)
    {
        var bins = ReferenceBins.Categorical(Column(2_000, 2, copies: false).Where(v => v != "X").ToArray(), Domain);
        var current = Column(3_000, 3, copies).Append("Y").Append("Y").Append("L").ToArray();

        var counts = bins.Count(current);

        Assert.Equal(["L", "M", "H", "X", "Y"], counts.Labels);
        Assert.Equal(counts.Labels.Select(label => (long)current.Count(v => v == label)), counts.Current);
        Assert.Equal([0L, 0], counts.Reference[3..]);
    }
}
