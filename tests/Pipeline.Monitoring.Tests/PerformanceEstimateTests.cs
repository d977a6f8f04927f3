namespace Pipeline.Monitoring.Tests;

/// <summary>CBPE: with calibrated probabilities the estimate matches the metrics of labels drawn from them.</summary>
public sealed class PerformanceEstimateTests
{
    // Probabilities skewed towards 0 (a rare positive class), and labels drawn from them: calibrated by construction.
    static (float[] Probabilities, bool[] Labels) Calibrated(int rows, int seed)
    {
        var random = new Random(seed);
        var probabilities = Enumerable.Range(0, rows).Select(_ => (float)Math.Pow(random.NextDouble(), 4)).ToArray();
        return (probabilities, probabilities.Select(p => random.NextDouble() < p).ToArray());
    }

    static double ActualF1(float[] probabilities, bool[] labels, double threshold)
    {
        double tp = 0, fp = 0, fn = 0;
        for (var i = 0; i < labels.Length; i++)
        {
            if (probabilities[i] >= threshold) { if (labels[i]) tp++; else fp++; }
            else if (labels[i]) fn++;
        }
        return 2 * tp / (2 * tp + fp + fn);
    }

    [Fact]
    public void CalibratedProbabilities_EstimateTheF1TheLabelsGive_WithinTheInterval()
    {
        var (heldOut, heldOutLabels) = Calibrated(5_000, 1);
        var (current, currentLabels) = Calibrated(5_000, 2);

        var estimate = PerformanceEstimate.Estimate(1, current, 0.5, heldOut, heldOutLabels);

        var actual = ActualF1(current, currentLabels, 0.5);
        Assert.InRange(Math.Abs(estimate.F1.Estimate - actual), 0, 0.03);
        Assert.InRange(actual, estimate.F1.Low, estimate.F1.High);
        Assert.True(estimate.F1.Low < estimate.F1.Estimate && estimate.F1.Estimate < estimate.F1.High);
        Assert.True(estimate.Calibration.Trusted, estimate.Calibration.Verdict);
    }

    [Fact]
    public void OverconfidentProbabilities_AreReportedAsNotTrusted()
    {
        var (probabilities, labels) = Calibrated(5_000, 3);
        // Pushed towards 0 and 1: the same ranking, but the model claims far more certainty than it has.
        var overconfident = probabilities.Select(p => p >= 0.3f ? 0.99f : 0.001f).ToArray();

        var estimate = PerformanceEstimate.Estimate(1, overconfident, 0.5, overconfident, labels);

        Assert.False(estimate.Calibration.Trusted);
        Assert.Contains("cannot be trusted", estimate.Calibration.Verdict);
    }
}
