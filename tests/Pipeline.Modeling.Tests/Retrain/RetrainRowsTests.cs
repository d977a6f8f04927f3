using Pipeline.Modeling.Configuration;
using Pipeline.Modeling.Steps;

namespace Pipeline.Modeling.Tests.Retrain;

/// <summary>Which rows a retrain trains on, per data mode, and the holdout that never trains.</summary>
public class RetrainRowsTests
{
    // 100 recent rows, every fifth positive: 20 positive, 80 negative.
    static readonly bool[] RecentLabels = Enumerable.Range(0, 100).Select(i => i % 5 == 0).ToArray();

    static RetrainPolicy Policy(RetrainDataMode data, int? sliding = null) => new(data, 0.3, sliding, RetrainCooldownSettings.None);

    [Fact]
    public void Recent_TrainsOnTheRecentRowsThatAreNotHeldOut()
    {
        var rows = RetrainRows.Choose(referenceRows: 50, RecentLabels, Policy(RetrainDataMode.Recent), seed: 1);

        Assert.All(rows.Training, r => Assert.False(r.FromReference));
        Assert.Equal(Enumerable.Range(0, 100).Except(rows.Holdout), rows.Training.Select(r => r.Index));
    }

    [Fact]
    public void ReferenceAndRecent_TrainsOnEveryReferenceRow_ThenTheRecentRowsNotHeldOut()
    {
        var rows = RetrainRows.Choose(referenceRows: 50, RecentLabels, Policy(RetrainDataMode.ReferenceAndRecent), seed: 1);

        Assert.Equal(Enumerable.Range(0, 50).Select(i => new RetrainRow(true, i)), rows.Training.Take(50));
        Assert.Equal(Enumerable.Range(0, 100).Except(rows.Holdout).Select(i => new RetrainRow(false, i)), rows.Training.Skip(50));
    }

    [Fact]
    public void Sliding_TrainsOnTheLastRowsOfReferenceThenRecent()
    {
        var rows = RetrainRows.Choose(referenceRows: 50, RecentLabels, Policy(RetrainDataMode.Sliding, sliding: 100), seed: 1);

        // 70 recent rows are trained on, so the window of 100 ends with them and starts with the last 30 reference rows.
        Assert.Equal(100, rows.Training.Count);
        Assert.Equal(Enumerable.Range(20, 30).Select(i => new RetrainRow(true, i)), rows.Training.Take(30));
        Assert.All(rows.Training.Skip(30), r => Assert.False(r.FromReference));
    }

    [Theory]
    [InlineData(RetrainDataMode.Recent)]
    [InlineData(RetrainDataMode.ReferenceAndRecent)]
    [InlineData(RetrainDataMode.Sliding)]
    public void TheHoldout_IsAStratifiedShareOfTheRecentRows_AndNeverTrains(RetrainDataMode mode)
    {
        var rows = RetrainRows.Choose(referenceRows: 50, RecentLabels, Policy(mode, mode == RetrainDataMode.Sliding ? 100 : null), seed: 7);

        Assert.Equal(6, rows.Holdout.Count(i => RecentLabels[i]));
        Assert.Equal(24, rows.Holdout.Count(i => !RecentLabels[i]));
        Assert.Empty(rows.Training.Where(r => !r.FromReference).Select(r => r.Index).Intersect(rows.Holdout));
    }

    [Fact]
    public void TheHoldout_IsTheSameForTheSameSeed_AndDiffersForAnother()
    {
        var policy = Policy(RetrainDataMode.Recent);

        Assert.Equal(RetrainRows.Choose(0, RecentLabels, policy, 3).Holdout, RetrainRows.Choose(0, RecentLabels, policy, 3).Holdout);
        Assert.NotEqual(RetrainRows.Choose(0, RecentLabels, policy, 3).Holdout, RetrainRows.Choose(0, RecentLabels, policy, 4).Holdout);
    }

    [Fact]
    public void RecentRowsWithoutEnoughFailures_AreRefused_WithWhatToDo()
    {
        var labels = Enumerable.Range(0, 100).Select(i => i == 0).ToArray();

        var error = Assert.Throws<ModelingException>(() => RetrainRows.Choose(0, labels, Policy(RetrainDataMode.Recent), 1));

        Assert.Contains("The recent data has 1 positive row(s) of 100", error.Message);
        Assert.Contains("Give more labelled recent rows", error.Message);
    }
}
