using System.Text.Json;
using System.Text.Json.Nodes;
using Pipeline.Modeling.Configuration;

namespace Pipeline.Modeling.Evaluation;

/// <summary>The champion Evaluate compared the trained model with, as recorded in metrics.json.</summary>
/// <param name="Version">The production version that was the champion.</param>
/// <param name="ChallengerWins">Whether the trained model beat it.</param>
public sealed record ChampionVerdict(int Version, bool ChallengerWins)
{
    /// <summary>The champion's held-out metrics on the same rows, by name (empty when the file does not say).</summary>
    public IReadOnlyDictionary<string, double> ChampionMetrics { get; init; } = new Dictionary<string, double>();
}

/// <summary>One metric's line of the gate: the received value against the verified snapshot, tolerance and floor.</summary>
public sealed record GateRow(string Metric, double Received, double? Verified, double Tolerance, double? Floor, string Verdict, bool Fails);

/// <summary>One slice's held-out figures (column = value), with its metrics by name (a metric undefined there is absent).</summary>
public sealed record SliceRecord(string Column, string Value, int Rows, int Positives, IReadOnlyDictionary<string, double> Metrics);

/// <summary>One cause's held-out figures: how often it occurred and how many of those the model flagged.</summary>
public sealed record CauseRecord(string Cause, int Occurrences, int Detected);

/// <summary>
/// What Evaluate hands to Register and to the build (artifacts/&lt;dataset&gt;/evaluation/metrics.json): which run and model file
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
    /// <summary>The promotion rule's verdict on the trained model against the production champion; null without a champion.</summary>
    public PromotionRecord? Promotion { get; init; }
    /// <summary>Content hash of the evaluated data (empty when the file does not say).</summary>
    public string DataHash { get; init; } = "";
    /// <summary>The gate's rows, one per gated metric (empty in files written before they were recorded).</summary>
    public IReadOnlyList<GateRow> Gate { get; init; } = [];
    /// <summary>The verified snapshot the gate compared with, relative to the repository root; null when unknown.</summary>
    public string? GateSnapshot { get; init; }
    /// <summary>Why the gate had no snapshot to compare with, when it had none.</summary>
    public string? GateSnapshotProblem { get; init; }
    /// <summary>Held-out figures per slice.</summary>
    public IReadOnlyList<SliceRecord> Slices { get; init; } = [];
    /// <summary>Held-out figures per cause (empty without cause models).</summary>
    public IReadOnlyList<CauseRecord> Causes { get; init; } = [];
    /// <summary>Permutation feature importance per input field (null in files written before it was measured).</summary>
    public PermutationImportance? PermutationImportance { get; init; }

    /// <summary>The record of <paramref name="result"/> for run <paramref name="runId"/>.</summary>
    public static EvaluationRecord Of(EvaluationResult result, string runId, int dataRows, string modelSha256, bool gatePassed) => new()
    {
        RunId = runId,
        DataRows = dataRows,
        ModelSha256 = modelSha256,
        GatePassed = gatePassed,
        DataHash = result.DataHash,
        Metrics = result.GatedMetrics.ToDictionary(m => m.Key, m => EvaluationResult.Round(m.Value)),
        Champion = result.Champion is { } c
            ? new ChampionVerdict(c.ChampionVersion, c.ChallengerWins) { ChampionMetrics = Defined(c.Champion.ByName) }
            : null,
        Promotion = result.Champion is { } compared ? PromotionRecord.Of(compared) : null,
        Slices = result.Slices.Select(s => new SliceRecord(s.Column, s.Value, s.Metrics.Rows, s.Metrics.Positives, Defined(s.Metrics.ByName))).ToList(),
        Causes = result.Causes.Select(c => new CauseRecord(c.Cause, c.Occurrences, c.Detected)).ToList(),
        PermutationImportance = result.Permutation,
    };

    /// <summary>The record of <paramref name="result"/> with the gate's verdict and rows.</summary>
    public static EvaluationRecord Of(EvaluationResult result, string runId, int dataRows, string modelSha256, Gate.GateResult gate, string rootDirectory) =>
        Of(result, runId, dataRows, modelSha256, gate.Passed) with
        {
            Gate = gate.Rows.Select(r => new GateRow(r.Metric, r.Received, r.Verified, r.Tolerance, r.Floor, Words(r.Verdict), r.Fails)).ToList(),
            GateSnapshot = Path.GetRelativePath(rootDirectory, gate.Location.VerifiedPath),
            GateSnapshotProblem = gate.SnapshotProblem,
        };

    static IReadOnlyDictionary<string, double> Defined(IEnumerable<KeyValuePair<string, double>> metrics) =>
        metrics.Where(m => !double.IsNaN(m.Value)).ToDictionary(m => m.Key, m => EvaluationResult.Round(m.Value));

    // "BelowFloor" → "below floor": the verdict as a reader of a report says it.
    static string Words(Gate.MetricVerdict verdict) =>
        string.Concat(verdict.ToString().Select((c, i) => i > 0 && char.IsUpper(c) ? " " + char.ToLowerInvariant(c) : char.ToLowerInvariant(c).ToString()));

    /// <summary>Writes this record with the details of <paramref name="result"/> to <paramref name="path"/>.</summary>
    public void Write(string path, EvaluationResult result)
    {
        var json = result.ToJsonObject();
        json["runId"] = RunId;
        json["dataRows"] = DataRows;
        json["modelSha256"] = ModelSha256;
        // Register refuses a run whose gate failed, even when Evaluate is skipped afterwards.
        json["gatePassed"] = GatePassed;
        if (Gate.Count > 0 || GateSnapshot is not null)
            json["gate"] = new JsonObject
            {
                ["snapshot"] = GateSnapshot,
                ["snapshotProblem"] = GateSnapshotProblem,
                ["rows"] = new JsonArray(Gate.Select(r => (JsonNode)new JsonObject
                {
                    ["metric"] = r.Metric, ["received"] = r.Received, ["verified"] = r.Verified, ["tolerance"] = r.Tolerance,
                    ["floor"] = r.Floor, ["verdict"] = r.Verdict, ["fails"] = r.Fails,
                }).ToArray()),
            };
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
                ? new ChampionVerdict(version, Value<bool>(champion["challengerWins"]) ?? false) { ChampionMetrics = NumbersIn(champion["champion"]) }
                : null,
            Promotion = PromotionRecord.From(json["promotion"]),
            DataHash = Text(json["dataHash"]) ?? "",
            Gate = json["gate"]?["rows"] is JsonArray rows
                ? rows.OfType<JsonObject>().Select(r => new GateRow(Text(r["metric"]) ?? "", Value<double>(r["received"]) ?? double.NaN, Value<double>(r["verified"]),
                    Value<double>(r["tolerance"]) ?? 0, Value<double>(r["floor"]), Text(r["verdict"]) ?? "", Value<bool>(r["fails"]) ?? false)).ToList()
                : [],
            GateSnapshot = Text(json["gate"]?["snapshot"]),
            GateSnapshotProblem = Text(json["gate"]?["snapshotProblem"]),
            Slices = json["slices"] is JsonObject slices
                ? slices.Where(c => c.Value is JsonObject).SelectMany(c => ((JsonObject)c.Value!).Where(v => v.Value is JsonObject).Select(v => new SliceRecord(c.Key, v.Key,
                    Value<int>(v.Value!["rows"]) ?? 0, Value<int>(v.Value!["positives"]) ?? 0, NumbersIn(v.Value)))).ToList()
                : [],
            Causes = json["causes"] is JsonObject causes
                ? causes.Where(c => c.Value is JsonObject).Select(c => new CauseRecord(c.Key, Value<int>(c.Value!["occurrences"]) ?? 0, Value<int>(c.Value!["detected"]) ?? 0)).ToList()
                : [],
            PermutationImportance = Evaluation.PermutationImportance.From(json["permutationImportance"]),
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

    // The gated metrics present as numbers in an object (a metric undefined on a slice is null there, and left out).
    static IReadOnlyDictionary<string, double> NumbersIn(JsonNode? node) =>
        node is JsonObject metrics
            ? MetricNames.All.Where(n => Value<double>(metrics[n]) is not null).ToDictionary(n => n, n => Value<double>(metrics[n])!.Value)
            : new Dictionary<string, double>();

    static T? Value<T>(JsonNode? node) where T : struct =>
        node is JsonValue value && value.TryGetValue<T>(out var typed) ? typed : null;

    static string? Text(JsonNode? node) =>
        node is JsonValue value && value.TryGetValue<string>(out var text) ? text : null;
}
