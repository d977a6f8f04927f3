using System.Text.Json;
using System.Text.Json.Nodes;
using Pipeline.Modeling.Configuration;

namespace Pipeline.Modeling.Evaluation;

/// <summary>The champion Evaluate compared the trained model with, as recorded in metrics.json.</summary>
/// <param name="Version">The production version that was the champion.</param>
/// <param name="ChallengerWins">Whether the trained model beat it.</param>
public sealed record ChampionVerdict(int Version, bool ChallengerWins);

/// <summary>
/// What Evaluate hands to Register and to the build (artifacts/evaluation/metrics.json): which run and model file
/// were evaluated, whether the metric gate passed, the gated metrics and the champion comparison. On disk it is
/// <see cref="EvaluationResult.ToJson"/> (metrics at the top level, slices, causes, cross-validation…) plus
/// <c>runId</c>, <c>dataRows</c>, <c>modelSha256</c> and <c>gatePassed</c>; readers get typed fields only.
/// </summary>
public sealed record EvaluationRecord
{
    /// <summary>The training run that was evaluated; null when the file does not say.</summary>
    public string? RunId { get; init; }
    /// <summary>Rows in the whole data set.</summary>
    public int DataRows { get; init; }
    /// <summary>SHA-256 of the model file that was scored; null when the file does not say.</summary>
    public string? ModelSha256 { get; init; }
    /// <summary>Whether the metric gate passed (false when the file does not say so).</summary>
    public bool GatePassed { get; init; }
    /// <summary>The gated held-out metrics present in the file, by <see cref="MetricNames"/> name.</summary>
    public IReadOnlyDictionary<string, double> Metrics { get; init; } = new Dictionary<string, double>();
    /// <summary>The champion comparison; null when there was no production model or it could not be scored.</summary>
    public ChampionVerdict? Champion { get; init; }

    /// <summary>The record of <paramref name="result"/> for run <paramref name="runId"/>.</summary>
    public static EvaluationRecord Of(EvaluationResult result, string runId, int dataRows, string modelSha256, bool gatePassed) => new()
    {
        RunId = runId,
        DataRows = dataRows,
        ModelSha256 = modelSha256,
        GatePassed = gatePassed,
        Metrics = result.GatedMetrics.ToDictionary(m => m.Key, m => EvaluationResult.Round(m.Value)),
        Champion = result.Champion is { } c ? new ChampionVerdict(c.ChampionVersion, c.ChallengerWins) : null,
    };

    /// <summary>Writes this record with the details of <paramref name="result"/> to <paramref name="path"/>.</summary>
    public void Write(string path, EvaluationResult result)
    {
        var json = result.ToJsonObject();
        json["runId"] = RunId;
        json["dataRows"] = DataRows;
        json["modelSha256"] = ModelSha256;
        // Register refuses a run whose gate failed, even when Evaluate is skipped afterwards.
        json["gatePassed"] = GatePassed;
        File.WriteAllText(path, json.ToJsonString(new JsonSerializerOptions { WriteIndented = true }));
    }

    /// <summary>Reads <paramref name="path"/> for Register: anything but the shape Evaluate writes is a damaged file, said so plainly.</summary>
    /// <exception cref="ModelingException">The file is missing, not a JSON object, or a metric is not a number.</exception>
    public static EvaluationRecord Read(string path)
    {
        if (!File.Exists(path)) throw new ModelingException($"{path} does not exist; run the Evaluate target first.");
        JsonObject json;
        try
        {
            json = JsonNode.Parse(File.ReadAllText(path)) as JsonObject
                ?? throw new ModelingException($"Evaluate's metrics {path} is not a JSON object; run the Evaluate target again. Nothing was registered.");
        }
        catch (JsonException e)
        {
            throw new ModelingException($"Evaluate's metrics {path} is not valid JSON {Pipeline.Data.JsonProblem.Describe(e)}; run the Evaluate target again. Nothing was registered.", e);
        }
        return new EvaluationRecord
        {
            RunId = Text(json["runId"]),
            DataRows = Value<int>(json["dataRows"]) ?? 0,
            ModelSha256 = Text(json["modelSha256"]),
            GatePassed = Value<bool>(json["gatePassed"]) ?? false,
            Metrics = MetricNames.All.Where(n => json[n] is not null).ToDictionary(n => n, n => Value<double>(json[n])
                ?? throw new ModelingException($"Evaluate's metrics {path}: '{n}' is {json[n]?.ToJsonString()}, but must be a number; run the Evaluate target again. Nothing was registered.")),
            Champion = json["champion"] is JsonObject champion && Value<int>(champion["version"]) is { } version
                ? new ChampionVerdict(version, Value<bool>(champion["challengerWins"]) ?? false)
                : null,
        };
    }

    /// <summary>Reads <paramref name="path"/>, or null when it is missing or damaged (for callers that then re-run Evaluate anyway).</summary>
    public static EvaluationRecord? TryRead(string path)
    {
        try
        {
            return File.Exists(path) ? Read(path) : null;
        }
        catch (ModelingException)
        {
            return null;
        }
    }

    static T? Value<T>(JsonNode? node) where T : struct =>
        node is JsonValue value && value.TryGetValue<T>(out var typed) ? typed : null;

    static string? Text(JsonNode? node) =>
        node is JsonValue value && value.TryGetValue<string>(out var text) ? text : null;
}
