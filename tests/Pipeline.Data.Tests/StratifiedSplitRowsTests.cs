using Pipeline.Data.Randomness;
using Pipeline.Data.Splitting;

namespace Pipeline.Data.Tests;

/// <summary>
/// The split's rows are the definition's: each class (negatives, then positives) shuffled by one seeded generator, its
/// first test fraction held out; both sides in ascending row order (a reference and a trained model's split agree).
/// </summary>
public sealed class StratifiedSplitRowsTests
{
    [Theory]
    [InlineData(10_000, 0.2, 42UL)]
    [InlineData(997, 0.3, 7UL)]
    public void Split_HoldsOutTheFirstShuffledRowsOfEachClass_InRowOrder(int rows, double testFraction, ulong seed)
    {
        var random = new Random(5);
        var labels = Enumerable.Range(0, rows).Select(_ => random.NextDouble() < 0.04).ToArray();

        var (train, test) = StratifiedSplit.Split(labels, testFraction, seed);

        var generator = new Xoshiro256StarStar(seed);
        var expectedTest = new List<int>();
        foreach (var positive in new[] { false, true })
        {
            var members = Enumerable.Range(0, rows).Where(i => labels[i] == positive).ToArray();
            generator.Shuffle(members);
            expectedTest.AddRange(members[..(int)Math.Round(members.Length * testFraction, MidpointRounding.AwayFromZero)]);
        }
        Assert.Equal(expectedTest.Order(), test);
        Assert.Equal(Enumerable.Range(0, rows).Except(expectedTest), train);
    }
}
