using Pipeline.Modeling.Evaluation;

namespace Pipeline.Modeling.Tests;

public class RankingCurvesTests
{
    [Fact]
    public void RocAuc_CountsTiesAsHalf()
    {
        // Positives 0.9 and 0.5; negatives 0.5 and 0.1: 3 pairs won, 1 tied → (3 + 0.5) / 4.
        Assert.Equal(0.875, RankingCurves.RocAuc([0.9f, 0.5f, 0.5f, 0.1f], [true, true, false, false]), 10);
    }

    [Fact]
    public void AveragePrecision_MatchesHandComputedValue()
    {
        // Ranked: +, -, +, - → precision 1 at recall 0.5, 2/3 at recall 1 → 0.5·1 + 0.5·2/3.
        Assert.Equal(0.5 + 1.0 / 3, RankingCurves.AveragePrecision([0.9f, 0.8f, 0.7f, 0.1f], [true, false, true, false]), 10);
    }

    [Fact]
    public void BestF1Threshold_SeparatesClassesWhenTheyAreSeparable()
    {
        var (threshold, f1) = RankingCurves.BestF1Threshold([0.9f, 0.8f, 0.3f, 0.2f], [true, true, false, false]);
        Assert.Equal(1.0, f1, 10);
        Assert.InRange(threshold, 0.3, 0.8);
        Assert.Equal(1.0, BinaryMetrics.Compute([0.9f, 0.8f, 0.3f, 0.2f], [true, true, false, false], threshold).F1, 10);
    }

    [Fact]
    public void ConfusionMatrix_CountsEachOutcome()
    {
        var m = ConfusionMatrix.At([0.9f, 0.6f, 0.4f, 0.1f], [true, false, true, false], 0.5);
        Assert.Equal((1, 1, 1, 1), (m.TruePositives, m.FalsePositives, m.TrueNegatives, m.FalseNegatives));
        Assert.Equal(0.5, m.F1, 10);
    }

    // Scores drawn from a few values, so that many are tied: the case the group-by-score walk must get right.
    static (float[] Scores, bool[] Labels) TiedSample(int seed)
    {
        var random = new Random(seed);
        var scores = Enumerable.Range(0, 300).Select(_ => random.Next(12) / 11f).ToArray();
        var labels = scores.Select(s => random.NextDouble() < 0.2 + 0.6 * s).ToArray();
        return (scores, labels);
    }

    [Theory]
    [InlineData(1)]
    [InlineData(2)]
    [InlineData(3)]
    public void RocAuc_EqualsTheShareOfPositiveNegativePairsRankedRight_WithTiesAsHalf(int seed)
    {
        var (scores, labels) = TiedSample(seed);
        var positives = Enumerable.Range(0, scores.Length).Where(i => labels[i]).Select(i => scores[i]).ToArray();
        var negatives = Enumerable.Range(0, scores.Length).Where(i => !labels[i]).Select(i => scores[i]).ToArray();
        var won = positives.Sum(p => negatives.Sum(n => p > n ? 1.0 : p == n ? 0.5 : 0.0));

        Assert.Equal(won / ((double)positives.Length * negatives.Length), RankingCurves.RocAuc(scores, labels), 12);
    }

    [Theory]
    [InlineData(1)]
    [InlineData(2)]
    [InlineData(3)]
    public void BestF1Threshold_GivesTheBestF1OfAnyDistinctScoreAsThreshold(int seed)
    {
        var (scores, labels) = TiedSample(seed);
        var best = scores.Distinct().Max(s => ConfusionMatrix.At(scores, labels, s).F1);

        var (threshold, f1) = RankingCurves.BestF1Threshold(scores, labels);

        Assert.Equal(best, f1, 12);
        Assert.Equal(best, ConfusionMatrix.At(scores, labels, threshold).F1, 12);
    }
}
