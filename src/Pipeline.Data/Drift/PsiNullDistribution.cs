using System.Runtime.CompilerServices;
using Pipeline.Data.Randomness;

namespace Pipeline.Data.Drift;

/// <summary>
/// How large the PSI of an undrifted batch of n rows against the reference gets, so a threshold can be set for a
/// stated false-alarm rate at that batch size. Both ways below account for autocorrelation through the reference's
/// integrated autocorrelation time τ (<see cref="AutocorrelationTime"/>, of the bin sequence in row order): a slowly
/// wandering temperature fills fewer bins in 1,000 consecutive rows than in 1,000 independent ones, and a threshold
/// that ignored it would cry wolf on every real batch.
/// <para>
/// Resampled (n ≤ half the reference of N rows, and at most <see cref="MaximumResampledRows"/> rows to draw): each
/// batch is made of blocks of consecutive reference rows at seeded random offsets (circular), blocks of
/// min(n, max(N / 10, 10 τ)) rows, and compared with the whole reference. The batch comes from the reference while a
/// real batch does not, so its PSI is scaled by (1/n + 1/N) / ((1/n)(1 − block/N)), the ratio of the two variances
/// for independent rows (blocks drawn with replacement, rows within a block without).
/// </para>
/// <para>
/// Analytic (otherwise): for independent rows, PSI · nN / (n + N) is approximately χ² with (bins − 1) degrees of
/// freedom under no drift (PSI is the symmetrised Kullback–Leibler divergence, whose null distribution is the
/// chi-square statistic's); with autocorrelation, n / τ and N / τ stand in for n and N.
/// </para>
/// </summary>
public sealed class PsiNullDistribution
{
    private readonly double[]? _sorted;
    private readonly int _degreesOfFreedom;
    private readonly double _scale;

    private PsiNullDistribution(double[]? sorted, int degreesOfFreedom, double scale, double autocorrelationTime)
    {
        IntegratedAutocorrelationTime = autocorrelationTime;
        _sorted = sorted;
        _degreesOfFreedom = degreesOfFreedom;
        _scale = scale;
    }

    /// <summary>True when the distribution was resampled, false when it is the chi-square approximation.</summary>
    public bool IsResampled => _sorted is not null;

    /// <summary>The reference's integrated autocorrelation time τ in rows (1 for independent rows).</summary>
    public double IntegratedAutocorrelationTime { get; }

    /// <summary>The number of resampled batches (0 when analytic).</summary>
    public int Resamples => _sorted?.Length ?? 0;

    /// <summary>The most rows (batch size × resamples) resampled for one distribution; beyond it, the chi-square approximation.</summary>
    public const long MaximumResampledRows = 200_000_000;

    /// <summary>
    /// The null distribution for batches of <paramref name="batchRows"/> rows against the reference whose rows fall in
    /// bins <paramref name="binOfRow"/> (row order) of <paramref name="bins"/> bins.
    /// </summary>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    public static PsiNullDistribution For(int[] binOfRow, int bins, int batchRows, int resamples, ulong seed)
    {
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(batchRows);
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(resamples);
        var total = binOfRow.Length;
        var counts = new long[bins];
        foreach (var bin in binOfRow) counts[bin]++;
        var degreesOfFreedom = Math.Max(1, counts.Count(c => c > 0) - 1);
        var tau = AutocorrelationTime.Of(binOfRow);
        if (batchRows > total / 2 || (long)batchRows * resamples > MaximumResampledRows)
            return new PsiNullDistribution(null, degreesOfFreedom, tau * (1.0 / batchRows + 1.0 / total), tau);

        var random = new Xoshiro256StarStar(seed);
        var blockRows = (int)Math.Min(batchRows, Math.Max(Math.Max(1, total / 10), Math.Ceiling(10 * tau)));
        var scale = (1.0 / batchRows + 1.0 / total) / (1.0 / batchRows * (1 - (double)blockRows / total));
        var batch = new long[bins];
        var values = new double[resamples];
        for (var r = 0; r < resamples; r++)
        {
            Array.Clear(batch);
            for (var taken = 0; taken < batchRows;)
            {
                var length = Math.Min(blockRows, batchRows - taken);
                var start = random.NextInt(total);
                for (var i = 0; i < length; i++)
                {
                    var row = start + i;
                    batch[binOfRow[row < total ? row : row - total]]++;
                }
                taken += length;
            }
            values[r] = scale * PopulationStabilityIndex.Compute(batch, counts).Psi;
        }
        Array.Sort(values);
        return new PsiNullDistribution(values, degreesOfFreedom, 0, tau);
    }

    /// <summary>
    /// The smallest PSI that counts as drift at false-alarm rate <paramref name="level"/>: an undrifted batch exceeds
    /// it with probability at most <paramref name="level"/>.
    /// </summary>
    public double Threshold(double level)
    {
        if (_sorted is null) return _scale * ChiSquareTest.Quantile(1 - level, _degreesOfFreedom);
        // Drift when p = (1 + #{null ≥ psi}) / (B + 1) ≤ level, i.e. when psi exceeds the (allowed + 1)-th largest value.
        var allowed = (int)Math.Floor(level * (_sorted.Length + 1)) - 1;
        return allowed < 0 ? double.PositiveInfinity : _sorted[_sorted.Length - 1 - Math.Min(allowed, _sorted.Length - 1)];
    }

    /// <summary>The probability that an undrifted batch reaches <paramref name="psi"/> (resampled: (1 + #≥) / (B + 1)).</summary>
    public double PValue(double psi)
    {
        if (_sorted is null) return ChiSquareTest.PValue(psi / _scale, _degreesOfFreedom);
        var below = LowerBound(_sorted, psi);
        return (1.0 + _sorted.Length - below) / (_sorted.Length + 1);
    }

    private static int LowerBound(double[] sorted, double value)
    {
        int lo = 0, hi = sorted.Length;
        while (lo < hi)
        {
            var mid = (lo + hi) / 2;
            if (sorted[mid] < value) lo = mid + 1; else hi = mid;
        }
        return lo;
    }
}
