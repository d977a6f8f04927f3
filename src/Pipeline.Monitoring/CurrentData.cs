using Pipeline.Data;
using Pipeline.Data.Features;
using Pipeline.Data.Loading;
using Pipeline.Data.Specs;
using Pipeline.Modeling.Scoring;

namespace Pipeline.Monitoring;

/// <summary>
/// The data a drift check judges: the feature columns, and the labels when the source had them (a CSV with the
/// label column), so the check can also report the model's actual performance and label drift.
/// </summary>
/// <param name="Sample">The feature columns (and the logged scores of an inference log).</param>
/// <param name="Labels">One label per row (true = positive class), or null when the source has no label column.</param>
public sealed record CurrentData(FeatureSample Sample, bool[]? Labels)
{
    /// <summary>Each row's time (an inference log's records), or null when the source has none (a CSV).</summary>
    public DateTimeOffset[]? Times { get; init; }

    /// <summary>Why <see cref="Times"/> is null, in words for a message (e.g. "a CSV has no timestamps").</summary>
    public string? NoTimes { get; init; }

    /// <summary>Unlabelled current data.</summary>
    public static implicit operator CurrentData(FeatureSample sample) => new(sample, null);

    /// <summary>
    /// Opens <paramref name="path"/>: an inference log (a <c>.jsonl</c> file or a folder of them) or a CSV file with at
    /// least the spec's feature columns. The label, id and excluded columns of the spec are optional in the CSV:
    /// production data rarely has them, and drift needs only the features.
    /// </summary>
    /// <exception cref="DataException">The path does not exist, a feature column is missing, or the content is malformed.</exception>
    public static CurrentData Open(DatasetSpec spec, string path)
    {
        if (Directory.Exists(path) || InferenceLogFormat.HasLogFileExtension(path))
            return InferenceLogReader.ReadCurrent(spec, path);
        if (!File.Exists(path))
            throw new DataException($"The current data {path} does not exist; give a CSV file with the '{spec.Name}' spec's feature columns ({string.Join(", ", spec.Columns.Where(c => c.IsFeature).Select(c => "'" + c.Name + "'"))}), or the scoring service's inference log (a folder of {InferenceLogFormat.SearchPattern} files, or one of them).", path);
        var full = Path.GetFullPath(path);
        var header = CsvHeader.Read(full);
        // Keep every feature (a missing one is the loader's error, which names it), and the label when it is there; the
        // id, excluded and text columns are not read (a drift check never looks at them).
        var present = spec with { Columns = spec.Columns.Where(c => c.IsFeature || (c.Role is ColumnRole.Label && header.Contains(c.Name))).ToList() };
        var data = DatasetLoader.Load(present, Directory.GetCurrentDirectory(), full);
        var labels = present.FindColumn(spec.Label) is not null ? data.Labels : null;
        return new CurrentData(FeatureSample.FromDataset(data), labels) { NoTimes = $"the CSV {full} has no timestamps (only an inference log's records do)" };
    }
}
