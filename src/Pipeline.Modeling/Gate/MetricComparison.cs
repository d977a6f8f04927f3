namespace Pipeline.Modeling.Gate;

/// <summary>How one metric compared with its verified value and floor.</summary>
public enum MetricVerdict
{
    /// <summary>Within tolerance of the verified value.</summary>
    Unchanged,
    /// <summary>Better than the verified value by more than the tolerance (passes; accept to record it).</summary>
    Improved,
    /// <summary>Worse than the verified value by more than the tolerance (fails).</summary>
    Regressed,
    /// <summary>Worse than the configured absolute floor (fails).</summary>
    BelowFloor,
    /// <summary>No verified value to compare with.</summary>
    New,
}

/// <summary>One row of the gate's old / new / delta table.</summary>
public sealed record MetricComparison(string Metric, double? Verified, double Received, double Tolerance, double? Floor, MetricVerdict Verdict)
{
    /// <summary>Received minus verified, or null without a verified value.</summary>
    public double? Delta => Verified is { } v ? Received - v : null;

    /// <summary>True for verdicts that fail the gate.</summary>
    public bool Fails => Verdict is MetricVerdict.Regressed or MetricVerdict.BelowFloor;
}
