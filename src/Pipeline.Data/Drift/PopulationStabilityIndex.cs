namespace Pipeline.Data.Drift;

/// <summary>
/// The population stability index over shared bins: PSI = Σ_b (c_b − r_b) · ln(c_b / r_b), where r_b and c_b are the
/// reference and current shares of bin b (Siddiqi, <i>Credit Risk Scorecards</i>, 2006). Common reading: below 0.1 no
/// shift, 0.1–0.2 a moderate one, above 0.2 a significant one.
/// </summary>
public static class PopulationStabilityIndex
{
    /// <summary>
    /// Shares below this are raised to it before taking logarithms, so a bin empty in one sample gives a large but
    /// finite term (a bin holding 1 % of one sample and none of the other adds about 0.046) instead of infinity.
    /// 1e-4 is the share of one row in 10,000, so up to that size it only changes empty bins.
    /// </summary>
    public const double Epsilon = 1e-4;

    /// <summary>PSI of two count vectors over the same bins, with the (unsmoothed) shares.</summary>
    public static (double Psi, double[] ReferenceShare, double[] CurrentShare) Compute(long[] reference, long[] current)
    {
        var referenceShare = Shares(reference);
        var currentShare = Shares(current);
        var psi = 0.0;
        for (var b = 0; b < referenceShare.Length; b++)
        {
            var r = Math.Max(referenceShare[b], Epsilon);
            var c = Math.Max(currentShare[b], Epsilon);
            psi += (c - r) * Math.Log(c / r);
        }
        return (psi, referenceShare, currentShare);
    }

    private static double[] Shares(long[] counts)
    {
        double total = counts.Sum();
        return counts.Select(c => total > 0 ? c / total : 0).ToArray();
    }
}
