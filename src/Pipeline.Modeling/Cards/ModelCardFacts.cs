using System.Text.Json;
using System.Text.Json.Serialization;
using Pipeline.Modeling.Evaluation;
using Pipeline.Modeling.Training;

namespace Pipeline.Modeling.Cards;

/// <summary>
/// What training and evaluation found about a registered model, stored with the version as <c>model-card.json</c>
/// so that its card can be rendered again later (with the drift status of that day) from the version alone:
/// what it is for, the cross-validation spread, the held-out figures, slices, causes and the gate.
/// </summary>
public sealed record ModelCardFacts
{
    /// <summary>What the model is for (the dataset spec's description, unless a card section says otherwise).</summary>
    public string IntendedUse { get; init; } = "";
    /// <summary>Cross-validation folds behind <see cref="CrossValidation"/>.</summary>
    public int Folds { get; init; }
    /// <summary>Cross-validation mean and standard deviation by metric name.</summary>
    public IReadOnlyDictionary<string, MetricSpread> CrossValidation { get; init; } = new Dictionary<string, MetricSpread>();
    /// <summary>Held-out (test split) metrics by name.</summary>
    public IReadOnlyDictionary<string, double> Test { get; init; } = new Dictionary<string, double>();
    /// <summary>Held-out figures per slice.</summary>
    public IReadOnlyList<SliceRecord> Slices { get; init; } = [];
    /// <summary>Held-out figures per failure cause (empty without cause labels).</summary>
    public IReadOnlyList<CauseRecord> Causes { get; init; } = [];
    /// <summary>The metric gate's rows when the model was evaluated.</summary>
    public IReadOnlyList<GateRow> Gate { get; init; } = [];
    /// <summary>The verified snapshot the gate compared with (relative to the repository root), when known.</summary>
    public string? GateSnapshot { get; init; }
    /// <summary>The promotion rule's sentence against the production champion, when there was one.</summary>
    public string? Promotion { get; init; }

    static readonly JsonSerializerOptions Json = new()
    {
        WriteIndented = true,
        PropertyNamingPolicy = JsonNamingPolicy.CamelCase,
        DefaultIgnoreCondition = JsonIgnoreCondition.WhenWritingNull,
    };

    /// <summary>The facts of a trained model (<paramref name="summary"/>) as Evaluate recorded it (<paramref name="evaluation"/>).</summary>
    public static ModelCardFacts Of(TrainingSummary summary, EvaluationRecord evaluation, string intendedUse) => new()
    {
        IntendedUse = intendedUse,
        Folds = summary.Folds,
        CrossValidation = summary.CrossValidation,
        Test = evaluation.Metrics,
        Slices = evaluation.Slices,
        Causes = evaluation.Causes,
        Gate = evaluation.Gate,
        GateSnapshot = evaluation.GateSnapshot,
        Promotion = evaluation.Promotion?.Sentence,
    };

    /// <summary>The facts as indented JSON (the stored <c>model-card.json</c>).</summary>
    public string ToJson() => JsonSerializer.Serialize(this, Json) + "\n";

    /// <summary>Reads facts from <paramref name="path"/>.</summary>
    /// <exception cref="ModelingException">The file is not valid facts JSON.</exception>
    public static ModelCardFacts Read(string path)
    {
        try
        {
            return JsonSerializer.Deserialize<ModelCardFacts>(File.ReadAllText(path), Json)
                ?? throw new ModelingException($"The model card facts {path} are empty (null); register the model again to get a card.");
        }
        catch (JsonException e)
        {
            throw new ModelingException($"The model card facts {path} are not valid {Pipeline.Data.JsonProblem.Describe(e)}; register the model again to get a card.", e);
        }
    }
}
