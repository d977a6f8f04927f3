using System.Text.Json;
using System.Text.Json.Serialization;
using Pipeline.Modeling.Provenance;

namespace Pipeline.Modeling.Runs;

/// <summary>One Train run as recorded in the run history (like an MLflow run): inputs, settings, outcome, artifacts.</summary>
public sealed record RunRecord
{
    /// <summary>Where the model came from; its run id is unique: UTC start time plus a random suffix, so ids sort by time.</summary>
    [JsonIgnore]
    public Lineage Lineage { get; init; } = new();
    /// <summary>When training started (UTC).</summary>
    public DateTimeOffset StartedUtc { get; init; }
    /// <summary>Wall-clock duration of training, seconds.</summary>
    public double DurationSeconds { get; init; }
    /// <summary>Where the configuration came from.</summary>
    public string ConfigSource { get; init; } = "";
    /// <summary>Number of hyperparameter candidates tried.</summary>
    public int CandidatesTried { get; init; }
    /// <summary>Cross-validation means by metric name.</summary>
    public IReadOnlyDictionary<string, double> CrossValidationMeans { get; init; } = new Dictionary<string, double>();
    /// <summary>Held-out test metrics by name; filled in by Evaluate.</summary>
    public IReadOnlyDictionary<string, double> TestMetrics { get; init; } = new Dictionary<string, double>();
    /// <summary>Artifact kind → path (model, metrics, report, registered version).</summary>
    public IReadOnlyDictionary<string, string> Artifacts { get; init; } = new Dictionary<string, string>();

    /// <summary>The record as JSON, lineage fields at the top level.</summary>
    public string ToJson() => FlatLineageJson.Serialize(this, Lineage, Json);

    /// <summary>Reads a record's JSON; null when it is JSON null.</summary>
    /// <exception cref="JsonException">The JSON is invalid.</exception>
    public static RunRecord? Parse(string json) =>
        FlatLineageJson.Deserialize<RunRecord>(json, Json) is ({ } run, { } lineage) ? run with { Lineage = lineage } : null;

    internal static readonly JsonSerializerOptions Json = new()
    {
        WriteIndented = true,
        PropertyNamingPolicy = JsonNamingPolicy.CamelCase,
        DefaultIgnoreCondition = JsonIgnoreCondition.WhenWritingNull,
        NumberHandling = JsonNumberHandling.AllowNamedFloatingPointLiterals,
    };
}
