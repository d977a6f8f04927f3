using Pipeline.Serving.Routing;

namespace Pipeline.Serving.Tests;

/// <summary>The split's arithmetic, without a service: shares, stickiness, and the key's hash being the same everywhere.</summary>
public sealed class TrafficSplitTests
{
    [Fact]
    public void TenPercentCanary_TakesTenPercentOfDistinctKeys_WithinTwoPoints()
    {
        var split = new TrafficSplit([10]);

        var toCanary = Enumerable.Range(0, 10_000).Count(i => split.Choose($"user-{i}") == 0);

        Assert.InRange(toCanary, 800, 1_200);
    }

    [Fact]
    public void TenPercentCanary_TakesTenPercentOfKeylessRequests_WithinTwoPoints()
    {
        var split = new TrafficSplit([10]);

        var toCanary = Enumerable.Range(0, 10_000).Count(_ => split.Choose(null) == 0);

        Assert.InRange(toCanary, 800, 1_200);
    }

    [Fact]
    public void SameKey_IsAlwaysRoutedToTheSameVersion_AndTheBucketIsFixedAcrossProcesses()
    {
        var split = new TrafficSplit([30]);

        foreach (var key in Enumerable.Range(0, 500).Select(i => $"machine-{i}"))
        {
            var first = split.Choose(key);
            Assert.All(Enumerable.Range(0, 5), _ => Assert.Equal(first, split.Choose(key)));
        }
        // Pinned: a replica started elsewhere (another process, another machine) must route a key as this one does.
        Assert.Equal(TrafficSplit.BucketOf("machine-42"), TrafficSplit.BucketOf(new string("machine-42".ToCharArray())));
        Assert.Equal(PinnedBucketOfMachine42, TrafficSplit.BucketOf("machine-42"));
    }

    [Fact]
    public void TwoCanaries_GetConsecutiveBucketRanges_AndTheChampionTheRest()
    {
        var split = new TrafficSplit([10, 5]);

        Assert.Equal(0, split.ChooseBucket(0));
        Assert.Equal(0, split.ChooseBucket(999));
        Assert.Equal(1, split.ChooseBucket(1_000));
        Assert.Equal(1, split.ChooseBucket(1_499));
        Assert.Equal(-1, split.ChooseBucket(1_500));
        Assert.Equal(-1, split.ChooseBucket(TrafficSplit.Buckets - 1));
    }

    [Theory]
    [InlineData(new[] { 101.0 })]
    [InlineData(new[] { -1.0 })]
    [InlineData(new[] { 60.0, 50.0 })]
    public void SharesOutsideZeroToAHundredInAll_AreRefusedWithTheShare(double[] percents)
    {
        var e = Assert.Throws<ArgumentException>(() => new TrafficSplit(percents));

        Assert.Contains("%", e.Message);
    }

    private const int PinnedBucketOfMachine42 = 1609;
}
