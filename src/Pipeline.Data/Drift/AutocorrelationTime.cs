using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;
using System.Runtime.Intrinsics;

namespace Pipeline.Data.Drift;

/// <summary>
/// The integrated autocorrelation time τ = 1 + 2 Σ_k ρ_k of a series in row order: how many consecutive rows carry
/// the information of one independent row (n rows are worth about n / τ independent ones). Summed with Sokal's
/// automatic window (stop at the first lag k ≥ 5 τ_k), over at most <see cref="MaximumRows"/> rows and
/// <see cref="MaximumLag"/> lags so that it stays cheap on a million rows.
/// </summary>
public static class AutocorrelationTime
{
    /// <summary>The most rows the estimate reads (the first ones).</summary>
    public const int MaximumRows = 100_000;

    /// <summary>The longest lag summed.</summary>
    public const int MaximumLag = 2_000;

    /// <summary>τ of <paramref name="series"/> (at least 1; 1 for a constant or too short series).</summary>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    public static double Of(IReadOnlyList<int> series)
    {
        // An array read directly, not through the interface (a reference's bins: 100,000 reads).
        var values = series as int[] ?? series.ToArray();
        var n = Math.Min(values.Length, MaximumRows);
        if (n < 3) return 1;
        var mean = 0.0;
        for (var i = 0; i < n; i++) mean += values[i];
        mean /= n;
        var centred = new double[n];
        var variance = 0.0;
        for (var i = 0; i < n; i++)
        {
            centred[i] = values[i] - mean;
            variance += centred[i] * centred[i];
        }
        if (variance <= 0) return 1;
        var tau = 1.0;
        var maximumLag = Math.Min(MaximumLag, n / 2);
        var sums = new double[LagsPerPass];
        for (var first = 1; first <= maximumLag; first += LagsPerPass)
        {
            var lags = Math.Min(LagsPerPass, maximumLag - first + 1);
            SumsOfProducts(centred, first, lags, sums);
            for (var k = first; k < first + lags; k++)
            {
                tau += 2 * sums[k - first] / variance;
                if (k >= 5 * tau) return Math.Max(1, tau);
            }
        }
        return Math.Max(1, tau);
    }

    // Lags computed together in one pass over the series (a few past the stopping lag are wasted).
    private const int LagsPerPass = 16;

    // sums[j] = Σ_i centred[i] · centred[i + first + j] for j < lags, each summed in ascending i as a loop over one lag
    // would: the vectors run across lags, not across i, so every sum adds the same terms in the same order (the same
    // bits), while one pass over the series serves sixteen lags.
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    private static void SumsOfProducts(double[] centred, int first, int lags, double[] sums)
    {
        var n = centred.Length;
        var last = first + lags - 1;
        // Rows every lag of the pass has: i + last < n.
        var common = n - last;
        if (lags == LagsPerPass && Vector256.IsHardwareAccelerated)
        {
            Vector256<double> a0 = Vector256<double>.Zero, a1 = a0, a2 = a0, a3 = a0;
            ref var start = ref MemoryMarshal.GetArrayDataReference(centred);
            for (var i = 0; i < common; i++)
            {
                var x = Vector256.Create(Unsafe.Add(ref start, i));
                ref var lagged = ref Unsafe.Add(ref start, i + first);
                // Multiply, then add: two roundings, as the scalar loop (no fused multiply-add).
                a0 = Vector256.Add(a0, Vector256.Multiply(x, Vector256.LoadUnsafe(ref lagged)));
                a1 = Vector256.Add(a1, Vector256.Multiply(x, Vector256.LoadUnsafe(ref lagged, 4)));
                a2 = Vector256.Add(a2, Vector256.Multiply(x, Vector256.LoadUnsafe(ref lagged, 8)));
                a3 = Vector256.Add(a3, Vector256.Multiply(x, Vector256.LoadUnsafe(ref lagged, 12)));
            }
            a0.CopyTo(sums, 0);
            a1.CopyTo(sums, 4);
            a2.CopyTo(sums, 8);
            a3.CopyTo(sums, 12);
        }
        else
        {
            for (var j = 0; j < lags; j++)
            {
                var sum = 0.0;
                for (var i = 0; i < common; i++) sum += centred[i] * centred[i + first + j];
                sums[j] = sum;
            }
        }
        // The rows only the shorter lags have, after the common ones (their order in a one-lag loop).
        for (var j = 0; j < lags; j++)
            for (var i = Math.Max(common, 0); i + first + j < n; i++)
                sums[j] += centred[i] * centred[i + first + j];
    }
}
