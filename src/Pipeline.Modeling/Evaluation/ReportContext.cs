using Pipeline.Modeling.Gate;
using Pipeline.Modeling.Provenance;

namespace Pipeline.Modeling.Evaluation;

/// <summary>What the evaluation report shows beside the measurements: where the model came from, the gate's verdict and the global explanation.</summary>
/// <param name="Lineage">The trained run's lineage (run id, commit, data, configuration, trainer, hyperparameters).</param>
/// <param name="Gate">The metric gate's verdict with its old / new / delta / tolerance rows.</param>
/// <param name="Importance">Mean absolute TreeSHAP contribution per feature and input field on held-out rows.</param>
/// <param name="Date">When the report was made.</param>
public sealed record ReportContext(Lineage? Lineage, GateResult? Gate, ContributionImportance? Importance, DateTimeOffset Date)
{
    /// <summary>The dataset's evaluated runs and the snapshot's values, for the history chart; null to leave the chart out.</summary>
    public MetricHistory? History { get; init; }
}
