using Pipeline.Modeling.Configuration;

namespace Pipeline.Modeling.Provenance;

/// <summary>
/// Where a model came from: the run, the data, the configuration, the code and what training decided. The training
/// summary, the run record and the registry metadata each contain one, so these values are written once, in Train.
/// On disk its fields sit at the top level of each of those files (<see cref="FlatLineageJson"/>), as they always
/// have, so files written before this type existed read the same.
/// </summary>
public sealed record Lineage
{
    /// <summary>The run history id of the training run.</summary>
    public string RunId { get; init; } = "";
    /// <summary>Name of the dataset spec.</summary>
    public string Dataset { get; init; } = "";
    /// <summary>The data file, or a description of the embedded source; empty in files written before it was recorded.</summary>
    public string DataSource { get; init; } = "";
    /// <summary>Content hash of the data.</summary>
    public string DataHash { get; init; } = "";
    /// <summary>Rows in the whole data set; 0 in files written before it was recorded.</summary>
    public int DataRows { get; init; }
    /// <summary>Hash of the training configuration's model-relevant settings.</summary>
    public string ConfigHash { get; init; } = "";
    /// <summary>Git commit of the repository when trained ("-dirty" appended when it had uncommitted changes).</summary>
    public string GitCommit { get; init; } = "";
    /// <summary>Trainer name (LightGbm, FastTree, FastForest).</summary>
    public string Trainer { get; init; } = "";
    /// <summary>Hyperparameters of the final model.</summary>
    public IReadOnlyDictionary<string, double> Parameters { get; init; } = new Dictionary<string, double>();
    /// <summary>The cause models combined with the whole-label model by noisy-OR; null when there are none.</summary>
    public IReadOnlyList<CauseModelSettings>? Causes { get; init; }
    /// <summary>Decision threshold on the probability (max out-of-fold F1).</summary>
    public double Threshold { get; init; }
    /// <summary>For a registered version: the production version when it was registered (its champion), else the latest version; null for the first and before registration.</summary>
    public int? ParentVersion { get; init; }
    /// <summary>Why the model was retrained, for a version registered by Retrain; null otherwise.</summary>
    public RetrainReason? Retrain { get; init; }
}
