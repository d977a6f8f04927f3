using System.Text.Json;
using System.Text.Json.Serialization;

namespace Pipeline.Modeling.Runs;

/// <summary>One Train run as recorded in the run history (like an MLflow run): inputs, settings, outcome, artifacts.</summary>
public sealed record RunRecord
{
    /// <summary>Unique id: UTC start time plus a random suffix, so ids sort by time.</summary>
    public string RunId { get; init; } = "";
    /// <summary>When training started (UTC).</summary>
    public DateTimeOffset StartedUtc { get; init; }
    /// <summary>Wall-clock duration of training, seconds.</summary>
    public double DurationSeconds { get; init; }
    /// <summary>Dataset spec name.</summary>
    public string Dataset { get; init; } = "";
    /// <summary>The data file, or "embedded default".</summary>
    public string DataSource { get; init; } = "";
    /// <summary>Content hash of the data.</summary>
    public string DataHash { get; init; } = "";
    /// <summary>Hash of the model-relevant configuration.</summary>
    public string ConfigHash { get; init; } = "";
    /// <summary>Where the configuration came from.</summary>
    public string ConfigSource { get; init; } = "";
    /// <summary>Git commit ("-dirty" when the work tree had changes).</summary>
    public string GitCommit { get; init; } = "";
    /// <summary>Trainer name.</summary>
    public string Trainer { get; init; } = "";
    /// <summary>Hyperparameters of the final model.</summary>
    public IReadOnlyDictionary<string, double> Parameters { get; init; } = new Dictionary<string, double>();

    /// <summary>The cause models combined with the whole-label model by noisy-OR; null when there are none.</summary>
    public IReadOnlyList<Configuration.CauseModelSettings>? Causes { get; init; }
    /// <summary>Number of hyperparameter candidates tried.</summary>
    public int CandidatesTried { get; init; }
    /// <summary>Decision threshold.</summary>
    public double Threshold { get; init; }
    /// <summary>Cross-validation means by metric name.</summary>
    public IReadOnlyDictionary<string, double> CrossValidationMeans { get; init; } = new Dictionary<string, double>();
    /// <summary>Held-out test metrics by name; filled in by Evaluate.</summary>
    public IReadOnlyDictionary<string, double> TestMetrics { get; init; } = new Dictionary<string, double>();
    /// <summary>Artifact kind → path (model, metrics, report, registered version).</summary>
    public IReadOnlyDictionary<string, string> Artifacts { get; init; } = new Dictionary<string, string>();

    internal static readonly JsonSerializerOptions Json = new()
    {
        WriteIndented = true,
        PropertyNamingPolicy = JsonNamingPolicy.CamelCase,
        DefaultIgnoreCondition = JsonIgnoreCondition.WhenWritingNull,
        NumberHandling = JsonNumberHandling.AllowNamedFloatingPointLiterals,
    };
}
