using System.Runtime.InteropServices;
using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using System.Text.Json.Serialization;
using Pipeline.Data;
using Pipeline.Data.Drift;
using Pipeline.Data.Specs;

namespace Pipeline.Monitoring;

/// <summary>
/// What a drift check needs of a trained model's reference (its training split), stored with the model
/// (<c>drift-reference.json</c> in Train's artifacts and in the registry version): each feature's and the score's
/// bins, row bins (for the resampled thresholds) and distribution function (for Kolmogorov–Smirnov), the model's
/// scores on the held-out rows with their labels (for the performance estimate) and the reference's positive count
/// (for label drift). With it a scheduled check reads only the current data, and finds the same values as from the
/// reference data. It applies only to the data, spec and bin count it was computed for (<see cref="WhyNotFor"/>).
/// Large arrays are little-endian base64.
/// </summary>
public sealed record StoredDriftReference
{
    /// <summary>The format this code writes and reads.</summary>
    public const int CurrentFormat = 1;

    static readonly JsonSerializerOptions Json = new()
    {
        PropertyNamingPolicy = JsonNamingPolicy.CamelCase,
        DefaultIgnoreCondition = JsonIgnoreCondition.WhenWritingNull,
    };

    /// <summary>The file format's version.</summary>
    public int Format { get; init; } = CurrentFormat;

    /// <summary>The content hash of the data the reference was split from (the model's lineage data hash).</summary>
    public required string DataHash { get; init; }

    /// <summary>SHA-256 of the dataset spec's JSON at training (features, derived features and split).</summary>
    public required string SpecSha256 { get; init; }

    /// <summary>The number of quantile bins (drift.json's <c>bins</c>) the numeric bins were cut into.</summary>
    public required int Bins { get; init; }

    /// <summary>Where the reference rows come from, for reports.</summary>
    public required string Description { get; init; }

    /// <summary>The reference rows.</summary>
    public required int Rows { get; init; }

    /// <summary>The reference rows with a positive label.</summary>
    public required int Positives { get; init; }

    /// <summary>The feature columns in spec order, then the model score when the model scored the reference.</summary>
    public required IReadOnlyList<StoredDriftColumn> Columns { get; init; }

    /// <summary>The model's scores on the held-out rows (float32), or null.</summary>
    public string? HeldOutScores { get; init; }

    /// <summary>The held-out rows' labels (one byte each, 1 = positive), or null.</summary>
    public string? HeldOutLabels { get; init; }

    /// <summary>The model's scores on the held-out rows, or null.</summary>
    public float[]? HeldOutScoreValues() => HeldOutScores is null ? null : Decode<float>(HeldOutScores);

    /// <summary>The held-out rows' labels, or null.</summary>
    public bool[]? HeldOutLabelValues() => HeldOutLabels is null ? null : Array.ConvertAll(Convert.FromBase64String(HeldOutLabels), b => b != 0);

    /// <summary>The stored form of <paramref name="reference"/>; see <see cref="DriftReference.ToStored"/>.</summary>
    internal static StoredDriftReference Of(DriftReference reference, string dataHash, float[]? heldOutScores, bool[]? heldOutLabels, bool[] referenceLabels)
    {
        var columns = reference.Columns.Select(c => StoredDriftColumn.Of(c, reference.BinsOf(c), reference.IsNumeric(c) ? reference.DistributionOf(c) : null)).ToList();
        if (reference.ScoreRows > 0)
            columns.Add(StoredDriftColumn.Of(DriftDetector.ScoreColumn, reference.BinsOf(DriftDetector.ScoreColumn), reference.DistributionOf(DriftDetector.ScoreColumn)));
        return new StoredDriftReference
        {
            DataHash = dataHash,
            SpecSha256 = SpecHash(reference.Spec),
            Bins = reference.Settings.Bins,
            Description = reference.Description,
            Rows = reference.RowCount,
            Positives = referenceLabels.Count(l => l),
            Columns = columns,
            HeldOutScores = heldOutScores is null ? null : Encode<float>(heldOutScores),
            HeldOutLabels = heldOutLabels is null ? null : Convert.ToBase64String(Array.ConvertAll(heldOutLabels, l => l ? (byte)1 : (byte)0)),
        };
    }

    /// <summary>
    /// Why this stored reference cannot stand for the reference a check would read (data of hash
    /// <paramref name="dataHash"/> under <paramref name="spec"/> and <paramref name="settings"/>), in words; null when it can.
    /// </summary>
    public string? WhyNotFor(string dataHash, DatasetSpec spec, DriftSettings settings) =>
        Format != CurrentFormat ? $"it is in format {Format}, this build reads format {CurrentFormat}"
        : DataHash != dataHash ? $"it was computed from other data (hash {Short(DataHash)}, the reference now {Short(dataHash)})"
        : SpecSha256 != SpecHash(spec) ? "the dataset spec changed since the model was trained"
        : Bins != settings.Bins ? $"it has {Bins} bins per numeric feature, the drift settings now {settings.Bins}"
        : !Columns.Where(c => c.Name != DriftDetector.ScoreColumn).Select(c => c.Name).SequenceEqual(spec.Columns.Where(c => c.IsFeature).Select(c => c.Name))
            ? "its feature columns are not the spec's"
        : null;

    /// <summary>The file's text.</summary>
    public string ToJson() => JsonSerializer.Serialize(this, Json);

    /// <summary>Reads a stored reference.</summary>
    /// <exception cref="DataException">The file is unreadable or not a stored drift reference.</exception>
    public static StoredDriftReference Read(string path)
    {
        try
        {
            var stored = JsonSerializer.Deserialize<StoredDriftReference>(File.ReadAllText(path), Json)
                ?? throw new JsonException("the file holds null");
            if (stored.Columns is null || stored.Columns.Any(c => c is null || c.Labels is null || c.BinOfRow is null))
                throw new JsonException("columns, or a column's labels or binOfRow, is missing");
            return stored;
        }
        catch (Exception e) when (e is JsonException or IOException or UnauthorizedAccessException or FormatException)
        {
            throw new DataException($"The stored drift reference {path} cannot be read ({e.Message}); delete it (or train again) and the check computes the reference from the data.", path);
        }
    }

    /// <summary>The hash a stored reference records of its spec.</summary>
    public static string SpecHash(DatasetSpec spec) => Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(spec.ToJson())));

    internal static string Encode<T>(T[] values) where T : struct => Convert.ToBase64String(MemoryMarshal.AsBytes(values.AsSpan()));

    internal static T[] Decode<T>(string base64) where T : struct => MemoryMarshal.Cast<byte, T>(Convert.FromBase64String(base64)).ToArray();

    static string Short(string hash) => hash.Length > 12 ? hash[..12] + "…" : hash;
}

/// <summary>One column of a <see cref="StoredDriftReference"/>: its bins and, when numeric, its distribution function.</summary>
/// <param name="Name">The feature, or <see cref="DriftDetector.ScoreColumn"/>.</param>
/// <param name="Numeric">Whether the bins are numeric (edges or a constant) rather than categories.</param>
/// <param name="Labels">The bin labels.</param>
/// <param name="Edges">The numeric bins' edges, or null.</param>
/// <param name="Constant">The value of a constant numeric column, or null.</param>
/// <param name="BinBytes">Bytes per row in <paramref name="BinOfRow"/>: 1, or 4 (int32) with more than 256 bins.</param>
/// <param name="BinOfRow">Each reference row's bin, in row order.</param>
/// <param name="Values">The distinct values ascending (float64), or null for categories.</param>
/// <param name="CumulativeCounts">The rows at or below each distinct value (int32), or null for categories.</param>
public sealed record StoredDriftColumn(string Name, bool Numeric, IReadOnlyList<string> Labels, double[]? Edges, double? Constant,
    int BinBytes, string BinOfRow, string? Values, string? CumulativeCounts)
{
    internal static StoredDriftColumn Of(string name, ReferenceBins bins, EmpiricalDistribution? distribution)
    {
        var wide = bins.Labels.Count > 256;
        return new StoredDriftColumn(name, !bins.IsCategorical, bins.Labels, bins.Edges?.ToArray(), bins.Constant, wide ? 4 : 1,
            wide ? StoredDriftReference.Encode(bins.BinOfRow) : Convert.ToBase64String(Array.ConvertAll(bins.BinOfRow, b => (byte)b)),
            distribution is null ? null : StoredDriftReference.Encode(distribution.Values),
            distribution is null ? null : StoredDriftReference.Encode(distribution.CumulativeCounts));
    }

    internal ReferenceBins RestoreBins()
    {
        var binOfRow = BinBytes == 4 ? StoredDriftReference.Decode<int>(BinOfRow) : Array.ConvertAll(Convert.FromBase64String(BinOfRow), b => (int)b);
        return ReferenceBins.Restore(Labels, binOfRow, Edges, Constant, categorical: !Numeric);
    }

    internal EmpiricalDistribution? RestoreDistribution() => Values is null || CumulativeCounts is null ? null
        : EmpiricalDistribution.Of(StoredDriftReference.Decode<double>(Values), StoredDriftReference.Decode<int>(CumulativeCounts));
}
