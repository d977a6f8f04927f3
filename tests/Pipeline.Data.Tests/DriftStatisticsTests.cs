using Pipeline.Data.Drift;

namespace Pipeline.Data.Tests;

// Reference numbers come from python3 with the standard library only (scipy is not installed here), from closed forms
// independent of the code under test: chi-square survival for df = 1: erfc(√(x/2)); df = 3: erfc(√(x/2)) + √(2x/π)e^{−x/2};
// even df: e^{−x/2} Σ_{i<df/2} (x/2)^i / i!; Kolmogorov: the alternating series 2 Σ_{j=1}^{4999} (−1)^{j−1} e^{−2j²λ²};
// ln Γ: math.lgamma.
public sealed class DriftStatisticsTests
{
    [Fact]
    public void Psi_OfTwoKnownCountVectors_IsTheSumOfShareDifferenceTimesLogRatio()
    {
        var (psi, referenceShare, currentShare) = PopulationStabilityIndex.Compute([50, 50], [25, 75]);

        // (0.25 − 0.5)·ln 0.5 + (0.75 − 0.5)·ln 1.5
        Assert.Equal(0.2746530721670274, psi, 12);
        Assert.Equal([0.5, 0.5], referenceShare);
        Assert.Equal([0.25, 0.75], currentShare);
    }

    [Fact]
    public void Psi_WithABinEmptyInTheReference_IsFiniteBecauseSharesAreFlooredAtEpsilon()
    {
        var (psi, _, _) = PopulationStabilityIndex.Compute([100, 0], [50, 50]);

        // (0.5 − 1)·ln 0.5 + (0.5 − 1e-4)·ln(0.5 / 1e-4)
        Assert.Equal(4.60431846666895, psi, 10);
    }

    [Fact]
    public void Psi_OfEqualShares_IsZero()
    {
        Assert.Equal(0, PopulationStabilityIndex.Compute([10, 20, 30], [20, 40, 60]).Psi, 15);
    }

    [Fact]
    public void KolmogorovSmirnovD_IsTheLargestGapBetweenTheEmpiricalDistributions()
    {
        // F_ref − F_cur at 2, 3, 4, 5: 0.4, 0.6 − 1/6, 0.8 − 2/6, 1 − 3/6 → 0.5.
        Assert.Equal(0.5, KolmogorovSmirnovTest.Statistic([1, 2, 3, 4, 5], [3, 4, 5, 6, 7, 8]), 12);
    }

    [Fact]
    public void KolmogorovSmirnovD_StepsTiedValuesInBothSamplesTogether()
    {
        // At 1: 2/4 vs 1/4; at 2 both reach 1. Stepping one sample past a tie first would report 0.5 or 0.75.
        Assert.Equal(0.25, KolmogorovSmirnovTest.Statistic([1, 1, 2, 2], [1, 2, 2, 2]), 12);
        Assert.Equal(0, KolmogorovSmirnovTest.Statistic([7, 7, 7], [7, 7]), 12);
    }

    [Theory]
    [InlineData(0.3, 0.9999906941986655)]
    [InlineData(0.5, 0.9639452436648751)]
    [InlineData(0.8, 0.5441424115741981)]
    [InlineData(1.0, 0.26999967167735456)]
    [InlineData(1.1, 0.17771819260640118)]
    [InlineData(1.2, 0.11224966667072496)]
    [InlineData(1.36, 0.049485876755377876)]
    [InlineData(2.0, 0.0006709252557796953)]
    public void KolmogorovSurvival_MatchesTheAlternatingSeriesOnBothSidesOfTheSwitch(double lambda, double expected)
    {
        Assert.Equal(expected, KolmogorovSmirnovTest.KolmogorovSurvival(lambda), 10);
    }

    [Fact]
    public void KolmogorovSmirnovPValue_UsesTheEffectiveSampleSizeWithStephensCorrection()
    {
        // n = 5, m = 6, D = 0.5: λ = (√(30/11) + 0.12 + 0.11/√(30/11))·0.5 = 0.91903 → Q_KS(λ).
        var outcome = KolmogorovSmirnovTest.TwoSample([1, 2, 3, 4, 5], [3, 4, 5, 6, 7, 8]);

        Assert.Equal(0.5, outcome.Statistic, 12);
        Assert.Equal(0.3670013850902251, outcome.PValue, 9);
    }

    [Theory]
    [InlineData(3.841458820694124, 1, 0.05000000000000008)]
    [InlineData(1.0, 1, 0.31731050786291404)]
    [InlineData(10.0, 2, 0.006737946999085467)]
    [InlineData(7.814727903251178, 3, 0.050000000000000044)]
    [InlineData(2.0, 3, 0.5724067044708798)]
    [InlineData(20.0, 4, 0.0004993992273873334)]
    [InlineData(0.5, 4, 0.9735009788392561)]
    [InlineData(3.0, 10, 0.9814240637778593)]
    [InlineData(67.5, 50, 0.05004065171610339)]
    public void ChiSquarePValue_MatchesTheClosedFormSurvivalFunction(double statistic, int degreesOfFreedom, double expected)
    {
        Assert.Equal(expected, ChiSquareTest.PValue(statistic, degreesOfFreedom), 11);
    }

    [Fact]
    public void ChiSquarePValue_FarInTheTail_KeepsItsRelativePrecision()
    {
        var p = ChiSquareTest.PValue(100, 3);

        Assert.InRange(p / 1.554159431389605e-21, 1 - 1e-9, 1 + 1e-9);
    }

    [Fact]
    public void ChiSquareHomogeneity_OfATwoByTwoTable_IsTheHandComputedStatistic()
    {
        // Column totals 80, 120 of 200: every expected count is 40 or 60, so χ² = 2·(10²/40 + 10²/60) = 8.3333, df = 1.
        var outcome = ChiSquareTest.Homogeneity([30, 70], [50, 50]);

        Assert.Equal(25.0 / 3, outcome.Statistic, 12);
        Assert.Equal(0.003892417122778627, outcome.PValue, 12);
    }

    [Fact]
    public void ChiSquareHomogeneity_DropsCategoriesWithNoRowsInEitherSample()
    {
        var withEmpty = ChiSquareTest.Homogeneity([30, 0, 70], [50, 0, 50]);
        var without = ChiSquareTest.Homogeneity([30, 70], [50, 50]);

        Assert.Equal(without, withEmpty);
    }

    [Fact]
    public void ChiSquareHomogeneity_OfASingleCategory_FindsNoDifference()
    {
        Assert.Equal(new TestOutcome(0, 1), ChiSquareTest.Homogeneity([40], [10]));
    }

    [Theory]
    [InlineData(0.5, 0.5723649429247004)]
    [InlineData(10.5, 13.940625219403763)]
    [InlineData(100.25, 360.2845596377643)]
    public void LogGamma_MatchesPythonsLgamma(double x, double expected)
    {
        Assert.Equal(expected, IncompleteGamma.LogGamma(x), 10);
    }
}
