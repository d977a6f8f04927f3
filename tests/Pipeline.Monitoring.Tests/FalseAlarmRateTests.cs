using Pipeline.Data.Drift;

namespace Pipeline.Monitoring.Tests;

/// <summary>
/// Thresholds set from the reference keep their stated false-alarm rate: batches without drift cross them about as
/// often as configured, with independent rows and with slowly wandering (autocorrelated) ones, while a real shift
/// crosses them.
/// </summary>
public sealed class FalseAlarmRateTests
{
    const int Bins = 10;

    // AR(1) with persistence phi and unit variance, in row order (phi = 0: independent rows).
    static double[] Series(int rows, double phi, int seed)
    {
        var random = new Random(seed);
        var values = new double[rows];
        var x = Gaussian(random);
        for (var i = 0; i < rows; i++)
        {
            x = phi * x + Math.Sqrt(1 - phi * phi) * Gaussian(random);
            values[i] = x;
        }
        return values;
    }

    static double Gaussian(Random random) =>
        Math.Sqrt(-2 * Math.Log(1 - random.NextDouble())) * Math.Cos(2 * Math.PI * random.NextDouble());

    // The share of undrifted batches (fresh series of the same process) whose PSI p-value is at most level.
    static double FalseAlarmShare(double phi, int referenceRows, int batchRows, double level, int batches)
    {
        var reference = ReferenceBins.Numeric(Series(referenceRows, phi, 1), Bins);
        var distribution = PsiNullDistribution.For(reference.BinOfRow, reference.Labels.Count, batchRows, 2000, 7);
        var alarms = 0;
        for (var b = 0; b < batches; b++)
        {
            var counts = reference.Count(Series(batchRows, phi, 100 + b));
            if (distribution.PValue(PopulationStabilityIndex.Compute(counts.Reference, counts.Current).Psi) <= level) alarms++;
        }
        return (double)alarms / batches;
    }

    [Theory]
    // Measured at 5 % over 200 batches: 2 %, 3 %, 12 %, 0 %. Resampling is on the safe side; the chi-square
    // approximation (batches larger than half the reference) runs high with independent rows (its PSI has a mean of
    // about 11 where χ²(9) has 9) and low with autocorrelated ones.
    [InlineData(0.0, 1_000, 0.005, 0.09)]   // independent rows, resampled
    [InlineData(0.99, 1_000, 0.005, 0.09)]  // a slowly wandering temperature, resampled in consecutive blocks
    [InlineData(0.0, 20_000, 0.0, 0.16)]    // larger than half the reference: the chi-square approximation
    [InlineData(0.99, 20_000, 0.0, 0.09)]   // the same with the autocorrelation-corrected sizes
    public void UndriftedBatches_CrossTheThreshold_AboutAsOftenAsConfigured(double phi, int batchRows, double atLeast, double atMost)
    {
        var share = FalseAlarmShare(phi, 30_000, batchRows, level: 0.05, batches: 200);

        // Far below what ignoring the autocorrelation gives (see the next test).
        Assert.InRange(share, atLeast, atMost);
    }

    [Fact]
    public void IgnoringAutocorrelation_WouldCryWolf()
    {
        // The check the thresholds replace: independent-row chi-square on a wandering series flags most batches.
        var reference = ReferenceBins.Numeric(Series(30_000, 0.99, 1), Bins);
        var alarms = 0;
        for (var b = 0; b < 50; b++)
        {
            var counts = reference.Count(Series(1_000, 0.99, 100 + b));
            if (ChiSquareTest.Homogeneity(counts.Reference, counts.Current).PValue <= 0.05) alarms++;
        }

        Assert.True(alarms > 25, $"{alarms} of 50 batches flagged by the independent-row test");
    }

    [Fact]
    public void AutocorrelationTime_IsAboutOne_ForIndependentRows_AndLargeForAWanderingSeries()
    {
        var independent = ReferenceBins.Numeric(Series(50_000, 0, 3), Bins).BinOfRow;
        var wandering = ReferenceBins.Numeric(Series(50_000, 0.9, 3), Bins).BinOfRow;

        Assert.InRange(AutocorrelationTime.Of(independent), 0.8, 1.3);
        // AR(1) with phi 0.9 has tau = (1 + phi) / (1 - phi) = 19 for its values; binning loses a little of it.
        Assert.InRange(AutocorrelationTime.Of(wandering), 10, 25);
    }

    [Fact]
    public void AShiftedBatch_CrossesTheThreshold()
    {
        var reference = DriftSamples.Synthetic(10_000, 1);
        var current = DriftSamples.Synthetic(1_000, 2, (numeric, _) => numeric["Torque [Nm]"] = numeric["Torque [Nm]"].Select(t => t + 3).ToArray());

        var result = DriftDetector.Compare(reference, current, new DriftSettings());

        var torque = result.Features.Single(f => f.Column == "Torque [Nm]");
        Assert.Equal(ThresholdMethod.Resampled, torque.Method);
        Assert.True(torque.Drifted, $"PSI {torque.Psi}, threshold {torque.Threshold}");
        Assert.Equal(["Torque [Nm]"], result.Drifted.Select(f => f.Column));
    }

    [Fact]
    public void EveryFeatureLine_SaysMethodRowsThresholdAndPValue_AlsoWhenNothingDrifted()
    {
        var settings = new DriftSettings { FeatureThresholds = new Dictionary<string, double> { ["Tool wear [min]"] = 0.3 } };

        var result = DriftDetector.Compare(DriftSamples.Synthetic(10_000, 1), DriftSamples.Synthetic(1_000, 2), settings);

        Assert.False(result.DriftDetected);
        Assert.All(result.Features, f =>
        {
            Assert.Equal(1_000, f.Rows);
            Assert.InRange(f.PsiPValue, 0, 1);
            Assert.True(f.Threshold > 0);
        });
        var wear = result.Features.Single(f => f.Column == "Tool wear [min]");
        Assert.Equal(ThresholdMethod.HandSet, wear.Method);
        Assert.Equal(0.3, wear.Threshold);
        Assert.Null(wear.Level);
        Assert.All(result.Features.Where(f => f != wear), f => Assert.Equal(settings.FeatureLevel(6), f.Level));
    }

    [Fact]
    public void FeatureLevel_IsTheSidakShareOfTheFalseAlarmRate()
    {
        var settings = new DriftSettings { FalseAlarmRate = 0.05 };

        Assert.Equal(0.05, settings.FeatureLevel(1), 12);
        Assert.Equal(1 - Math.Pow(0.95, 0.2), settings.FeatureLevel(5), 12);
        Assert.Equal(0.05, 1 - Math.Pow(1 - settings.FeatureLevel(5), 5), 12);
    }
}
