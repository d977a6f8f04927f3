using System.Globalization;

namespace Pipeline.Delivery.Traffic;

/// <summary>What one version scored in the logged traffic: how many records and the distribution of its scores.</summary>
/// <param name="Version">The registry version.</param>
/// <param name="Role">champion, canary or shadow.</param>
/// <param name="Records">Records it scored.</param>
/// <param name="MeanScore">Mean predicted probability.</param>
/// <param name="MedianScore">Median predicted probability.</param>
/// <param name="P90Score">90th percentile of the predicted probability.</param>
public sealed record VersionTraffic(string Version, string Role, int Records, double MeanScore, double MedianScore, double P90Score)
{
    /// <summary>The summary of <paramref name="scores"/>.</summary>
    public static VersionTraffic Of(string version, string role, IReadOnlyList<double> scores)
    {
        var sorted = scores.Order().ToArray();
        double At(double q) => sorted.Length == 0 ? double.NaN : sorted[Math.Clamp((int)Math.Ceiling(q * sorted.Length) - 1, 0, sorted.Length - 1)];
        return new VersionTraffic(version, role, sorted.Length, sorted.Length == 0 ? double.NaN : sorted.Average(), At(0.5), At(0.9));
    }

    /// <summary>One row of the comparison table.</summary>
    public string Row => string.Create(CultureInfo.InvariantCulture, $"{Version,-8} {Role,-9} {Records,8} {MeanScore,10:F4} {MedianScore,10:F4} {P90Score,10:F4}");

    /// <summary>The table's header.</summary>
    public const string Header = "version  role       records mean score     median        p90";
}
