using Pipeline.Monitoring;
using Pipeline.Delivery.Docker;
using Pipeline.Modeling.Steps;

/// <summary>
/// What one target hands to another within a run, typed: the dataset selection (resolved and loaded once), the drift
/// check's result (read by Retrain) and the image Containerize built (read by Deploy). The build owns one, as
/// components (interfaces) cannot hold fields.
/// </summary>
sealed class BuildState
{
    DatasetSelection? selection;

    /// <summary>The dataset selection of this run, made on first use (the parameters cannot change during a run).</summary>
    public DatasetSelection Selection(Func<DatasetSelection> select) => selection ??= select();

    /// <summary>CheckDrift's result, null until it ran.</summary>
    public DriftResult? Drift { get; set; }

    /// <summary>What Retrain did in this run (trained and registered, or held back by the cooldown); null when it did not run.</summary>
    public RetrainOutcome? Retrain { get; set; }

    /// <summary>The image Containerize built in this run, null when it did not run.</summary>
    public BuiltImage? Image { get; set; }
}
