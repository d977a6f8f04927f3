using System.Globalization;
using System.Text;

namespace Pipeline.Modeling.Gate;

/// <summary>The metric gate's decision: the per-metric table, whether a verified snapshot existed, and the verdict.</summary>
public sealed record GateResult(SnapshotLocation Location, bool SnapshotFound, string? SnapshotProblem,
    IReadOnlyList<MetricComparison> Rows, bool Passed)
{
    /// <summary>The old / new / delta table, one line per metric.</summary>
    public string Table
    {
        get
        {
            var text = new StringBuilder();
            text.AppendLine($"{"metric",-10} {"verified",9} {"received",9} {"delta",9} {"tolerance",9} {"floor",7}  verdict");
            foreach (var row in Rows)
                text.AppendLine($"{row.Metric,-10} {N(row.Verified),9} {N(row.Received),9} {Signed(row.Delta),9} {N(row.Tolerance),9} {N(row.Floor),7}  {Describe(row.Verdict)}");
            return text.ToString().TrimEnd();
        }
    }

    static string Describe(MetricVerdict verdict) => verdict switch
    {
        MetricVerdict.Unchanged => "ok",
        MetricVerdict.Improved => "improved",
        MetricVerdict.Regressed => "REGRESSED",
        MetricVerdict.BelowFloor => "BELOW FLOOR",
        _ => "new",
    };

    static string N(double? value) => value is { } v ? v.ToString("0.0000", CultureInfo.InvariantCulture) : "-";

    static string Signed(double? value) => value is { } v ? v.ToString("+0.0000;-0.0000;0.0000", CultureInfo.InvariantCulture) : "-";
}
