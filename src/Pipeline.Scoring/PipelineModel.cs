using System.Text.Json;
using Pipeline.Modeling.Registry;
using Pipeline.Modeling.Scoring;
using Pipeline.Modeling.Scoring.Explanation;
using Pipeline.Oci;

namespace Pipeline.Scoring;

/// <summary>
/// One registered model version loaded into this process: every file of the version is checked against the digest
/// recorded when it was registered before anything is scored (a changed byte is refused naming both digests), and
/// records are scored exactly as the scoring service's <c>/predict</c> scores them.
/// </summary>
/// <example>
/// <code>
/// using var model = PipelineModel.FromRegistry("models/registry", "ai4i2020");   // production
/// var prediction = model.Predict(new Dictionary&lt;string, object?&gt; { ["Type"] = "L", ["Torque [Nm]"] = 47.2, … });
/// </code>
/// </example>
public sealed class PipelineModel : IDisposable
{
    readonly ScoringModel model;

    PipelineModel(ScoringModel model) => this.model = model;

    /// <summary>Loads a registry version folder (one holding <c>manifest.json</c>, <c>model.zip</c>, <c>metadata.json</c>, …).</summary>
    /// <exception cref="Pipeline.Modeling.ModelingException">The folder is not a complete, unaltered version.</exception>
    public static PipelineModel Load(string versionDirectory) => new(ScoringModel.Load(versionDirectory));

    /// <summary>
    /// Loads <paramref name="version"/> (default: the production version) of <paramref name="dataset"/> from a registry:
    /// a folder (as <c>./build.sh</c> keeps it, e.g. <c>models/registry</c>) or a shared OCI registry
    /// (<c>oci://host/prefix</c>, <c>oci+http://host:port/prefix</c>), whose versions are cached under
    /// <paramref name="cacheRoot"/> (default: the current directory).
    /// </summary>
    /// <exception cref="Pipeline.Modeling.ModelingException">No such version, no production version, or the version fails verification.</exception>
    public static PipelineModel FromRegistry(string registry, string dataset, int? version = null, OciCredentials? credentials = null, string? cacheRoot = null)
    {
        using var opened = ModelRegistries.Open(registry, dataset, cacheRoot ?? Directory.GetCurrentDirectory(), credentials);
        var chosen = version ?? opened.Stages.Production
            ?? throw new Pipeline.Modeling.ModelingException($"The {dataset} registry at {opened.Location} has no production version; pass the version to load.");
        opened.Verify(chosen);
        return Load(opened.LocalVersionDirectory(chosen));
    }

    /// <summary>The registry version.</summary>
    public int Version => model.Version;

    /// <summary>The dataset the model was trained for.</summary>
    public string Dataset => model.Spec.Name;

    /// <summary>The decision threshold on <see cref="Prediction.Probability"/>.</summary>
    public double Threshold => model.Threshold;

    /// <summary>The fields a record must carry, in the spec's order.</summary>
    public IReadOnlyList<string> InputFields => model.InputSchema.Fields.Select(f => f.Name).ToList();

    /// <summary>The cause models' columns (empty without cause models).</summary>
    public IReadOnlyList<string> CauseNames => model.CauseNames;

    /// <summary>Scores one record given as .NET values (numbers, strings, booleans) keyed by field name.</summary>
    /// <exception cref="Pipeline.Data.Features.InputValidationException">A field is missing, unknown, or of the wrong type or value; the exception names it.</exception>
    public Prediction Predict(IReadOnlyDictionary<string, object?> record) => ToPrediction(model.Score(ToRecord(record)));

    /// <summary>Scores one record given as a JSON object, exactly the body of a single-record <c>/predict</c> request.</summary>
    /// <exception cref="Pipeline.Data.Features.InputValidationException">A field is missing, unknown, or of the wrong type or value.</exception>
    /// <exception cref="JsonException">The text is not a JSON object.</exception>
    public Prediction Predict(string json)
    {
        using var document = JsonDocument.Parse(json);
        if (document.RootElement.ValueKind != JsonValueKind.Object) throw new JsonException("Expected a JSON object keyed by field name.");
        return ToPrediction(model.Score(document.RootElement.EnumerateObject().ToDictionary(p => p.Name, p => p.Value)));
    }

    /// <summary>Scores many records; the results are in the same order.</summary>
    /// <exception cref="Pipeline.Data.Features.InputValidationException">A record is invalid; the message names its index.</exception>
    public IReadOnlyList<Prediction> PredictBatch(IEnumerable<IReadOnlyDictionary<string, object?>> records) =>
        model.ScoreBatch(records.Select(ToRecord).ToList()).Select(ToPrediction).ToList();

    /// <summary>
    /// Why the record scored as it did, per member model: base value plus each input field's exact TreeSHAP
    /// contribution equals the member's raw score (as <c>/predict?explain=true</c> answers).
    /// </summary>
    public IReadOnlyList<MemberExplanation> Explain(IReadOnlyDictionary<string, object?> record) => model.Explain(ToRecord(record));

    static IReadOnlyDictionary<string, JsonElement> ToRecord(IReadOnlyDictionary<string, object?> record) =>
        record.ToDictionary(p => p.Key, p => JsonSerializer.SerializeToElement(p.Value));

    Prediction ToPrediction(ScoreResult result) => new(result.Probability, result.Label,
        result.CauseProbabilities is { } causes ? model.CauseNames.Select((name, i) => (name, i)).ToDictionary(c => c.name, c => (double)causes[c.i]) : new Dictionary<string, double>(),
        model.Version);

    /// <inheritdoc />
    public void Dispose() => model.Dispose();
}
