using Pipeline.Data.Drift;

namespace Pipeline.Data.Tests;

/// <summary>
/// The integrated autocorrelation time, summed over several lags per pass, is bit for bit the sum of one loop per lag
/// (thresholds derived from it must not move).
/// </summary>
public class AutocorrelationTimeTests
{
    // The definition: one loop per lag, Sokal's window.
    static double OneLagAtATime(int[] series)
    {
        var n = Math.Min(series.Length, AutocorrelationTime.MaximumRows);
        if (n < 3) return 1;
        var mean = 0.0;
        for (var i = 0; i < n; i++) mean += series[i];
        mean /= n;
        var centred = new double[n];
        var variance = 0.0;
        for (var i = 0; i < n; i++)
        {
            centred[i] = series[i] - mean;
            variance += centred[i] * centred[i];
        }
        if (variance <= 0) return 1;
        var tau = 1.0;
        for (var k = 1; k <= Math.Min(AutocorrelationTime.MaximumLag, n / 2); k++)
        {
            var sum = 0.0;
            for (var i = 0; i + k < n; i++) sum += centred[i] * centred[i + k];
            tau += 2 * sum / variance;
            if (k >= 5 * tau) break;
        }
        return Math.Max(1, tau);
    }

    // Bins (0..9) of an AR(1) series: phi 0 is independent rows, near 1 a slowly wandering value.
    static int[] Bins(int rows, double phi, int seed)
    {
        var random = new Random(seed);
        var x = 0.0;
        var bins = new int[rows];
        for (var i = 0; i < rows; i++)
        {
            x = phi * x + Math.Sqrt(1 - phi * phi) * (random.NextDouble() * 2 - 1) * 1.7;
            bins[i] = Math.Clamp((int)Math.Floor((x + 3) / 0.6), 0, 9);
        }
        return bins;
    }

    [Theory]
    [InlineData(50_000, 0.0)]
    [InlineData(50_000, 0.9)]
    [InlineData(150_000, 0.999)]  // long memory: hundreds of lags, more rows than are read
    [InlineData(40, 0.5)]         // fewer lags than one pass
    [InlineData(37, 0.99)]
    public void SeveralLagsPerPass_GiveTheSameBitsAsOneLoopPerLag(int rows, double phi)
    {
        var series = Bins(rows, phi, 7);

        Assert.Equal(OneLagAtATime(series), AutocorrelationTime.Of(series));
    }

    [Fact]
    public void ListAndArray_GiveTheSameTime()
    {
        var series = Bins(10_000, 0.95, 3);

        Assert.Equal(AutocorrelationTime.Of(series), AutocorrelationTime.Of(series.ToList()));
    }
}
