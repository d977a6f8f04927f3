using System.Globalization;
using System.Text.Json;
using Pipeline.Data.Features;
using Pipeline.Modeling;
using Pipeline.Modeling.Registry;
using Pipeline.Modeling.Scoring;
using Pipeline.Serving.Monitoring;

namespace Pipeline.Serving.Model;

/// <summary>
/// A registered model version as the service serves it: Modeling's <see cref="ScoringModel"/> (which verified the
/// model's SHA-256 on load) plus the version folder's metadata and input example for <c>GET /model</c>.
/// </summary>
public sealed class ServedModel : IDisposable
{
    private readonly ScoringModel _model;

    private ServedModel(ScoringModel model, JsonElement metadata, JsonElement? inputExample, LiveDriftBins? liveDrift)
    {
        _model = model;
        LiveDrift = liveDrift is null ? null : new LiveDriftWindow(liveDrift);
        Metadata = metadata;
        InputExample = inputExample;
        Version = model.Version.ToString(CultureInfo.InvariantCulture);
    }

    /// <summary>The sliding window of this version's traffic for live drift, or null when the version has no <see cref="RegistryLayout.LiveDriftBinsFile"/>.</summary>
    public LiveDriftWindow? LiveDrift { get; }

    /// <summary>The registry version.</summary>
    public string Version { get; }

    /// <summary>The cause models' columns, in the order of each result's cause probabilities; empty without cause models.</summary>
    public IReadOnlyList<string> CauseNames => _model.CauseNames;

    /// <summary>The probability at or above which the label is positive.</summary>
    public double Threshold => _model.Threshold;

    /// <summary>The version folder's metadata.json.</summary>
    public JsonElement Metadata { get; }

    /// <summary>The version folder's input-example.json, if it has one (the deploy smoke test posts it).</summary>
    public JsonElement? InputExample { get; }

    /// <summary>Loads <paramref name="versionDirectory"/>; throws <see cref="ModelLoadException"/> with a sentence when it cannot be served.</summary>
    public static ServedModel Load(string versionDirectory)
    {
        try
        {
            var model = ScoringModel.Load(versionDirectory);
            return new ServedModel(model,
                ReadJson(RegistryLayout.MetadataPath(versionDirectory)) ?? default,
                ReadJson(Path.Combine(versionDirectory, RegistryLayout.InputExampleFile)),
                LiveDriftBins.ReadOrNull(versionDirectory));
        }
        catch (ModelingException e)
        {
            throw new ModelLoadException(e.Message, e);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException or JsonException)
        {
            throw new ModelLoadException($"The model in {versionDirectory} cannot be read: {e.Message}", e);
        }
    }

    /// <summary>
    /// Scores records keyed by the dataset's column names, in order. Throws <see cref="InvalidRecordException"/>
    /// naming the field when a record does not match the model's input schema. Thread-safe.
    /// </summary>
    /// <param name="records">The records to score.</param>
    /// <param name="isBatch">True when the request was an array: a bad record is then named by its index even in a batch of one.</param>
    public IReadOnlyList<ScoreResult> Score(IReadOnlyList<IReadOnlyDictionary<string, JsonElement>> records, bool isBatch = false)
    {
        try
        {
            // A single record skips the batch's arrays: most requests carry one.
            return records.Count == 1 ? [_model.Score(records[0])] : _model.ScoreBatch(records);
        }
        catch (InputValidationException e)
        {
            throw new InvalidRecordException(e.Field, isBatch && records.Count == 1 ? $"Record 0: {e.Message}" : e.Message);
        }
    }

    /// <summary>Why this version cannot explain its predictions, or null when it can.</summary>
    public string? ExplanationProblem => _model.ExplanationProblem;

    /// <summary>
    /// Each record's explanation per member model (exact TreeSHAP contributions to the raw score, per feature and per
    /// input field), in order. Call after <see cref="Score"/> accepted the records; check <see cref="ExplanationProblem"/> first.
    /// </summary>
    public IReadOnlyList<IReadOnlyList<Pipeline.Modeling.Scoring.Explanation.MemberExplanation>> Explain(IReadOnlyList<IReadOnlyDictionary<string, JsonElement>> records)
    {
        var explanations = new IReadOnlyList<Pipeline.Modeling.Scoring.Explanation.MemberExplanation>[records.Count];
        for (var i = 0; i < records.Count; i++) explanations[i] = _model.Explain(records[i]);
        return explanations;
    }

    /// <inheritdoc />
    public void Dispose() => _model.Dispose();

    private static JsonElement? ReadJson(string path)
    {
        if (!File.Exists(path))
        {
            return null;
        }
        using var document = JsonDocument.Parse(File.ReadAllText(path));
        return document.RootElement.Clone();
    }
}
