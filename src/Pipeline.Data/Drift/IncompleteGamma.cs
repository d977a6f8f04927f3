namespace Pipeline.Data.Drift;

/// <summary>
/// The regularized incomplete gamma functions P(a, x) and Q(a, x) = 1 − P(a, x), for the chi-square p-value
/// (the chi-square survival function with k degrees of freedom at x is Q(k/2, x/2)).
/// </summary>
public static class IncompleteGamma
{
    private const int MaximumIterations = 1000;
    private const double Tolerance = 1e-15;
    private const double Tiny = 1e-300;

    /// <summary>Q(a, x) = Γ(a, x) / Γ(a) for a &gt; 0, x ≥ 0.</summary>
    public static double UpperRegularized(double a, double x)
    {
        if (a <= 0) throw new ArgumentOutOfRangeException(nameof(a), a, "The shape must be positive.");
        if (x <= 0) return 1;
        // The series converges fast below a + 1, the continued fraction above (the usual split, e.g. Numerical Recipes §6.2).
        return x < a + 1 ? Math.Max(0, 1 - LowerBySeries(a, x)) : UpperByContinuedFraction(a, x);
    }

    // P(a, x) = e^{−x} x^a / Γ(a + 1) · Σ_{n≥0} x^n / ((a + 1)(a + 2)…(a + n)).
    private static double LowerBySeries(double a, double x)
    {
        var term = 1.0 / a;
        var sum = term;
        for (var n = 1; n < MaximumIterations; n++)
        {
            term *= x / (a + n);
            sum += term;
            if (Math.Abs(term) < Math.Abs(sum) * Tolerance) break;
        }
        return sum * Math.Exp(-x + a * Math.Log(x) - LogGamma(a));
    }

    // Q(a, x) = e^{−x} x^a / Γ(a) · 1 / (x + 1 − a − 1·(1 − a) / (x + 3 − a − 2·(2 − a) / (x + 5 − a − …))),
    // evaluated with the modified Lentz method.
    private static double UpperByContinuedFraction(double a, double x)
    {
        var b = x + 1 - a;
        var c = 1 / Tiny;
        var d = 1 / b;
        var h = d;
        for (var i = 1; i < MaximumIterations; i++)
        {
            var an = -i * (i - a);
            b += 2;
            d = an * d + b;
            if (Math.Abs(d) < Tiny) d = Tiny;
            c = b + an / c;
            if (Math.Abs(c) < Tiny) c = Tiny;
            d = 1 / d;
            var delta = d * c;
            h *= delta;
            if (Math.Abs(delta - 1) < Tolerance) break;
        }
        return Math.Exp(-x + a * Math.Log(x) - LogGamma(a)) * h;
    }

    /// <summary>ln Γ(x) for x &gt; 0, by the Lanczos approximation (g = 7, 9 terms; relative error about 1e-15).</summary>
    public static double LogGamma(double x)
    {
        // Reflection Γ(x)Γ(1 − x) = π / sin(πx) keeps the approximation in its accurate range.
        if (x < 0.5) return Math.Log(Math.PI / Math.Abs(Math.Sin(Math.PI * x))) - LogGamma(1 - x);
        x -= 1;
        var sum = LanczosCoefficients[0];
        for (var i = 1; i < LanczosCoefficients.Length; i++)
            sum += LanczosCoefficients[i] / (x + i);
        var t = x + LanczosG + 0.5;
        return 0.5 * Math.Log(2 * Math.PI) + (x + 0.5) * Math.Log(t) - t + Math.Log(sum);
    }

    private const double LanczosG = 7;

    // The published coefficients for g = 7, n = 9 (Godfrey's table).
    private static readonly double[] LanczosCoefficients =
    [
        0.99999999999980993, 676.5203681218851, -1259.1392167224028, 771.32342877765313, -176.61502916214059,
        12.507343278686905, -0.13857109526572012, 9.9843695780195716e-6, 1.5056327351493116e-7,
    ];
}
