using System.Text.Json;
using System.Text.Json.Serialization;

namespace Pipeline.Modeling.Registry;

/// <summary>
/// A version's live-drift reference (<see cref="RegistryLayout.LiveDriftBinsFile"/>): what the scoring service needs
/// to compute, over a sliding window of its own traffic, the same PSI the scheduled CheckDrift computes — each
/// feature's and the model score's bins over the training split (CheckDrift's reference), the reference's count per
/// bin, and the PSI threshold for a window of <see cref="WindowRows"/> rows at CheckDrift's false-alarm rate.
/// Written by Register (Pipeline.Monitoring computes it), covered by the version's digest, read by the service.
/// </summary>
/// <param name="WindowRows">The window the thresholds hold for (PSI's null distribution depends on the row count).</param>
/// <param name="Features">One entry per feature column, in the spec's order.</param>
/// <param name="Score">The model score's bins, or null when the model could not score the reference.</param>
/// <param name="ModelThreshold">The model's decision threshold (the performance estimate's).</param>
/// <param name="Calibration">Whether the model's probabilities can carry a performance estimate (CBPE), checked on held-out rows.</param>
public sealed record LiveDriftBins(int WindowRows, IReadOnlyList<LiveDriftColumn> Features, LiveDriftColumn? Score, double ModelThreshold,
    LiveDriftCalibration Calibration)
{
    static readonly JsonSerializerOptions Json = new()
    {
        WriteIndented = true,
        PropertyNamingPolicy = JsonNamingPolicy.CamelCase,
        DefaultIgnoreCondition = JsonIgnoreCondition.WhenWritingNull,
    };

    /// <summary>The file's text.</summary>
    public string ToJson() => JsonSerializer.Serialize(this, Json);

    /// <summary>Reads the file of the version at <paramref name="versionDirectory"/>, or null when it has none (registered before live drift existed).</summary>
    /// <exception cref="ModelingException">The file exists but is not a live-drift reference.</exception>
    public static LiveDriftBins? ReadOrNull(string versionDirectory)
    {
        var path = Path.Combine(versionDirectory, RegistryLayout.LiveDriftBinsFile);
        if (!File.Exists(path)) return null;
        try
        {
            var bins = JsonSerializer.Deserialize<LiveDriftBins>(File.ReadAllText(path), Json)
                ?? throw new JsonException("the file holds null");
            if (bins.WindowRows <= 0 || bins.Features is null || bins.Features.Any(f => f.ReferenceCounts is null))
                throw new JsonException("windowRows, features or a feature's referenceCounts is missing");
            return bins;
        }
        catch (JsonException e)
        {
            throw new ModelingException($"{path} is not a live-drift reference ({e.Message}); register the model again to rewrite it.", e);
        }
    }
}

/// <summary>One column's bins as <c>Pipeline.Data.Drift.ReferenceBins</c> defines them.</summary>
/// <param name="Name">The column (or "model score").</param>
/// <param name="Edges">Numeric bins' edges: a value's bin is the number of edges ≤ it. Null for categories and constants.</param>
/// <param name="Constant">A constant numeric reference's value (bins below, at and above it), or null.</param>
/// <param name="Categories">Categorical bins' labels in bin order (booleans as "false"/"true"); null for numbers.</param>
/// <param name="ReferenceCounts">Reference rows per bin.</param>
/// <param name="Threshold">The PSI above which the column drifted, for a window of <see cref="LiveDriftBins.WindowRows"/> rows.</param>
/// <param name="ThresholdMethod">How the threshold was set (resampled, chi-square approximation, hand-set), as CheckDrift names it.</param>
public sealed record LiveDriftColumn(string Name, IReadOnlyList<double>? Edges, double? Constant, IReadOnlyList<string>? Categories,
    IReadOnlyList<long> ReferenceCounts, double Threshold, string ThresholdMethod);

/// <summary>CBPE's check on the reference's held-out rows (see Pipeline.Monitoring's CalibrationCheck).</summary>
/// <param name="Trusted">Whether the estimate is close enough to the actual F1 on held-out rows to be reported.</param>
/// <param name="EstimatedF1">CBPE's F1 on them.</param>
/// <param name="ActualF1">The measured F1 on them.</param>
public sealed record LiveDriftCalibration(bool Trusted, double EstimatedF1, double ActualF1);
