using System.Text.Json;
using Pipeline.Modeling.Evaluation;
using Pipeline.Modeling.Runs;

namespace Pipeline.Modeling.Training;

/// <summary>What Train decided, saved beside the model (artifacts/training/training.json) for Evaluate and Register.</summary>
public sealed record TrainingSummary
{
    /// <summary>The run history id of this training.</summary>
    public string RunId { get; init; } = "";
    /// <summary>Dataset spec name.</summary>
    public string Dataset { get; init; } = "";
    /// <summary>Data file or "embedded default".</summary>
    public string DataSource { get; init; } = "";
    /// <summary>Content hash of the data.</summary>
    public string DataHash { get; init; } = "";
    /// <summary>Rows in the whole data set.</summary>
    public int DataRows { get; init; }
    /// <summary>Hash of the model-relevant configuration.</summary>
    public string ConfigHash { get; init; } = "";
    /// <summary>Git commit.</summary>
    public string GitCommit { get; init; } = "";
    /// <summary>Trainer name.</summary>
    public string Trainer { get; init; } = "";
    /// <summary>Hyperparameters of the final model.</summary>
    public IReadOnlyDictionary<string, double> Parameters { get; init; } = new Dictionary<string, double>();

    /// <summary>The cause models combined with the whole-label model by noisy-OR; null when there are none.</summary>
    public IReadOnlyList<Configuration.CauseModelSettings>? Causes { get; init; }

    /// <summary>What the cause models added out of fold; null when there are none.</summary>
    public Training.CauseModelGain? CauseGain { get; init; }
    /// <summary>Decision threshold (max out-of-fold F1).</summary>
    public double Threshold { get; init; }
    /// <summary>Feature vector slot names.</summary>
    public IReadOnlyList<string> FeatureNames { get; init; } = [];
    /// <summary>Cross-validation folds.</summary>
    public int Folds { get; init; }
    /// <summary>Cross-validation mean ± sd by metric.</summary>
    public IReadOnlyDictionary<string, MetricSpread> CrossValidation { get; init; } = new Dictionary<string, MetricSpread>();
    /// <summary>SHA-256 of the model file Train wrote; Evaluate and Register refuse a model.zip that no longer matches it.</summary>
    public string ModelSha256 { get; init; } = "";
    /// <summary>Hyperparameter candidates and their out-of-fold scores.</summary>
    public IReadOnlyList<CandidateResult> Candidates { get; init; } = [];

    /// <summary>Reads <paramref name="path"/>.</summary>
    /// <exception cref="ModelingException">The file is missing (Train has not run) or invalid.</exception>
    public static TrainingSummary Read(string path)
    {
        if (!File.Exists(path)) throw new ModelingException($"{path} does not exist; run the Train target first.");
        try
        {
            return JsonSerializer.Deserialize<TrainingSummary>(File.ReadAllText(path), RunRecord.Json)
                ?? throw new ModelingException($"Train's summary {path} is empty (null); run the Train target again.");
        }
        catch (JsonException e)
        {
            throw new ModelingException($"Train's summary {path} is not valid {Pipeline.Data.JsonProblem.Describe(e)}; run the Train target again.", e);
        }
    }

    /// <summary>Writes the summary to <paramref name="path"/>.</summary>
    public void Write(string path) => File.WriteAllText(path, JsonSerializer.Serialize(this, RunRecord.Json));
}
