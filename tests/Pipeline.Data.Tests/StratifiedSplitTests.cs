using Pipeline.Data.Loading;
using Pipeline.Data.Randomness;
using Pipeline.Data.Specs;
using Pipeline.Data.Splitting;

namespace Pipeline.Data.Tests;

public sealed class StratifiedSplitTests
{
    private static bool[] Labels(int count, int positives) => Enumerable.Range(0, count).Select(i => i % (count / positives) == 0).ToArray();

    [Fact]
    public void Split_HoldsOutTheTestFractionOfEachClass_AndCoversEveryRowOnce()
    {
        var labels = Labels(10_000, 340);

        var (train, test) = StratifiedSplit.Split(labels, 0.2, 42);

        Assert.Equal(Enumerable.Range(0, 10_000), train.Concat(test).Order());
        Assert.Equal((int)Math.Round(labels.Count(l => l) * 0.2, MidpointRounding.AwayFromZero), test.Count(i => labels[i]));
        Assert.Equal((int)Math.Round(labels.Count(l => !l) * 0.2, MidpointRounding.AwayFromZero), test.Count(i => !labels[i]));
        Assert.Equal(test.Order(), test);
        Assert.Equal(train.Order(), train);
    }

    [Fact]
    public void Split_IsDeterministicForASeed_AndDiffersForAnother()
    {
        var labels = Labels(1_000, 50);

        var first = StratifiedSplit.Split(labels, 0.2, 42);
        var again = StratifiedSplit.Split(labels, 0.2, 42);
        var other = StratifiedSplit.Split(labels, 0.2, 43);

        Assert.Equal(first.Test, again.Test);
        Assert.NotEqual(first.Test, other.Test);
    }

    [Fact]
    public void Split_OfTheSimulatedDefault_KeepsTheFailureRateOnBothSides()
    {
        var spec = DatasetSpec.Load(Path.Combine(RepositoryRoot.Path, "data", "ai4i2020.json"));
        var data = DatasetLoader.Load(spec, RepositoryRoot.Path, null);

        var (train, test) = StratifiedSplit.Split(data, spec);

        var rate = data.Labels.Count(l => l) / (double)data.RowCount;
        Assert.Equal(2_000, test.Length);
        Assert.InRange(test.Count(i => data.Labels[i]) / (double)test.Length, rate - 0.001, rate + 0.001);
        Assert.InRange(train.Count(i => data.Labels[i]) / (double)train.Length, rate - 0.001, rate + 0.001);
    }

    [Fact]
    public void KFold_PartitionsTheRows_WithTheClassBalanceInEveryFold()
    {
        var labels = Labels(1_000, 100);

        var folds = StratifiedSplit.KFold(labels, 5, 7);

        Assert.Equal(5, folds.Count);
        Assert.Equal(Enumerable.Range(0, 1_000), folds.SelectMany(f => f.Validation).Order());
        Assert.All(folds, f =>
        {
            Assert.Equal(200, f.Validation.Length);
            Assert.Equal(20, f.Validation.Count(i => labels[i]));
            Assert.Empty(f.Train.Intersect(f.Validation));
            Assert.Equal(1_000, f.Train.Length + f.Validation.Length);
        });
        Assert.Equal(folds.Select(f => f.Validation), StratifiedSplit.KFold(labels, 5, 7).Select(f => f.Validation));
    }

    [Fact]
    public void Generator_MatchesTheReferenceSplitMix64AndXoshiroSequence()
    {
        // SplitMix64 from state 0 yields 0xE220A8397B1DCDAF first: the published reference value, so the
        // generator (and every split and simulated row) is the same on any machine and .NET version.
        var random = new Xoshiro256StarStar(0);
        var first = random.NextUInt64();
        var second = random.NextUInt64();

        Assert.NotEqual(first, second);
        Assert.Equal(0xE220A8397B1DCDAFUL, SplitMix64First(0));
        Assert.Equal(RotateLeft(SplitMix64Second(0) * 5, 7) * 9, first);
    }

    [Fact]
    public void NextInt_IsUniform()
    {
        var random = new Xoshiro256StarStar(5);
        var counts = new int[7];
        for (var i = 0; i < 70_000; i++) counts[random.NextInt(7)]++;

        Assert.All(counts, c => Assert.InRange(c, 9_600, 10_400));
    }

    private static ulong SplitMix64First(ulong state) => Mix(unchecked(state + 0x9E3779B97F4A7C15UL));

    private static ulong SplitMix64Second(ulong state) => Mix(unchecked(state + 2 * 0x9E3779B97F4A7C15UL));

    private static ulong Mix(ulong z)
    {
        z = (z ^ (z >> 30)) * 0xBF58476D1CE4E5B9UL;
        z = (z ^ (z >> 27)) * 0x94D049BB133111EBUL;
        return z ^ (z >> 31);
    }

    private static ulong RotateLeft(ulong x, int k) => (x << k) | (x >> (64 - k));
}
