using System.Text.Json;
using System.Text.Json.Serialization;
using Pipeline.Modeling.Provenance;
using Pipeline.Modeling.Evaluation;
using Pipeline.Modeling.Runs;

namespace Pipeline.Modeling.Training;

/// <summary>What Train decided, saved beside the model (artifacts/&lt;dataset&gt;/training/training.json) for Evaluate and Register.</summary>
public sealed record TrainingSummary
{
    /// <summary>Where the model came from: run, data, configuration, commit, trainer, parameters, causes, threshold.</summary>
    [JsonIgnore]
    public Lineage Lineage { get; init; } = new();

    /// <summary>What the cause models added out of fold; null when there are none.</summary>
    public Training.CauseModelGain? CauseGain { get; init; }
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
            var (summary, lineage) = FlatLineageJson.Deserialize<TrainingSummary>(File.ReadAllText(path), RunRecord.Json);
            return summary is null || lineage is null
                ? throw new ModelingException($"Train's summary {path} is empty (null); run the Train target again.")
                : summary with { Lineage = lineage };
        }
        catch (JsonException e)
        {
            throw new ModelingException($"Train's summary {path} is not valid {Pipeline.Data.JsonProblem.Describe(e)}; run the Train target again.", e);
        }
    }

    /// <summary>Writes the summary to <paramref name="path"/>.</summary>
    public void Write(string path) => File.WriteAllText(path, FlatLineageJson.Serialize(this, Lineage, RunRecord.Json));
}
