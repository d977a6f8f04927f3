using Pipeline.Data.Sorting;

namespace Pipeline.Data.Tests;

/// <summary>The radix sort of the leakage screens and the drift check orders numbers as Array.Sort does, carrying their items.</summary>
public sealed class RadixSortTests
{
    [Fact]
    public void OrdersNumbersAsArraySortDoes_WithTheirItems()
    {
        var original = Numbers(5_000, seed: 5);
        var keys = original.ToArray();
        var items = keys.Select((_, i) => i % 3 == 0).ToArray();
        var expected = original.ToArray();
        Array.Sort(expected);

        RadixSort.Sort(keys, items);

        Assert.Equal(expected.Select(Normalised), keys.Select(Normalised));
        // Every number kept its items: per number, as many true items as before.
        Assert.Equal(TrueItemsPerNumber(original, original.Select((_, i) => i % 3 == 0).ToArray()), TrueItemsPerNumber(keys, items));
    }

    private static double[] Numbers(int count, int seed)
    {
        var random = new Random(seed);
        double[] special = [double.NaN, double.NegativeInfinity, double.PositiveInfinity, -0.0, 0.0, double.Epsilon, -double.Epsilon, double.MaxValue, double.MinValue];
        return Enumerable.Range(0, count)
            .Select(i => i % 50 == 0 ? special[i / 50 % special.Length] : Math.Round((random.NextDouble() - 0.5) * 1e3 * Math.Pow(10, random.Next(-5, 5)), random.Next(0, 4)))
            .ToArray();
    }

    private static List<KeyValuePair<string, int>> TrueItemsPerNumber(double[] keys, bool[] items) =>
        keys.Zip(items).GroupBy(p => Normalised(p.First)).Select(g => KeyValuePair.Create(g.Key, g.Count(p => p.Second)))
            .OrderBy(p => p.Key, StringComparer.Ordinal).ToList();

    // −0 and 0 are the same number (Array.Sort may leave them in either order); every NaN is alike.
    private static string Normalised(double value) => double.IsNaN(value) ? "NaN" : (value == 0 ? 0.0 : value).ToString("R");
}
