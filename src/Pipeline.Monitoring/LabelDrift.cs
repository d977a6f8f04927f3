using Pipeline.Data.Drift;

namespace Pipeline.Monitoring;

/// <summary>
/// The positive rate of the current labels against the reference's (concept or prior shift shows here first), with
/// the chi-square test of the 2 × 2 table.
/// </summary>
/// <param name="ReferenceRows">Reference rows.</param>
/// <param name="ReferencePositiveRate">Share of positive labels in the reference.</param>
/// <param name="CurrentRows">Current rows.</param>
/// <param name="CurrentPositiveRate">Share of positive labels in the current data.</param>
/// <param name="ChiSquare">The chi-square statistic (1 degree of freedom).</param>
/// <param name="PValue">Its p-value.</param>
/// <param name="Drifted">Whether <paramref name="PValue"/> is at most the check's false-alarm rate.</param>
public sealed record LabelDrift(int ReferenceRows, double ReferencePositiveRate, int CurrentRows, double CurrentPositiveRate,
    double ChiSquare, double PValue, bool Drifted)
{
    /// <summary>Compares the two label vectors; drifted when the test's p-value is at most <paramref name="falseAlarmRate"/>.</summary>
    public static LabelDrift Compare(bool[] reference, bool[] current, double falseAlarmRate) =>
        Compare(reference.Length, reference.Count(l => l), current, falseAlarmRate);

    /// <summary>As <see cref="Compare(bool[], bool[], double)"/>, with the reference's labels as counts (a stored reference).</summary>
    public static LabelDrift Compare(int referenceRows, long referencePositives, bool[] current, double falseAlarmRate)
    {
        long currentPositives = current.Count(l => l);
        var test = ChiSquareTest.Homogeneity([referenceRows - referencePositives, referencePositives], [current.Length - currentPositives, currentPositives]);
        return new LabelDrift(referenceRows, Rate(referencePositives, referenceRows), current.Length, Rate(currentPositives, current.Length),
            test.Statistic, test.PValue, test.PValue <= falseAlarmRate);
    }

    private static double Rate(long positives, int rows) => rows == 0 ? 0 : (double)positives / rows;
}
