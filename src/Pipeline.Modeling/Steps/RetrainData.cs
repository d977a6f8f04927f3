using System.Globalization;
using System.Text;
using Pipeline.Data.Loading;
using Pipeline.Data.Specs;
using Pipeline.Modeling.Configuration;

namespace Pipeline.Modeling.Steps;

/// <summary>
/// The data of one retrain, as files beside the retrain's other artifacts (<c>artifacts/&lt;dataset&gt;/retrain/</c>):
/// the rows trained on and the held-out recent rows, each a CSV in the dataset's format, so the new version's data is
/// a real file with its own hash (pushed to a shared registry for <c>--reproduce</c> like any training data).
/// </summary>
/// <param name="Training">The rows trained on.</param>
/// <param name="Holdout">The held-out recent rows.</param>
/// <param name="ReferenceRows">Rows of the reference data.</param>
/// <param name="RecentRows">Rows of the recent data.</param>
/// <param name="Description">Which rows, in words.</param>
public sealed record RetrainData(Dataset Training, Dataset Holdout, int ReferenceRows, int RecentRows, string Description)
{
    /// <summary>
    /// Selects the rows of <paramref name="reference"/> (the CSV text of the production model's training data) and of
    /// the labelled recent CSV <paramref name="recentFile"/> by <paramref name="policy"/>, and writes them to
    /// <paramref name="directory"/> as <c>training-data.csv</c> and <c>holdout.csv</c>.
    /// </summary>
    /// <exception cref="ModelingException">The two files do not have the same header, or the holdout would lack a class.</exception>
    /// <exception cref="Pipeline.Data.DataException">The recent file is not valid data of <paramref name="spec"/>.</exception>
    public static RetrainData Select(DatasetSpec spec, string rootDirectory, DataSource reference, string recentFile, RetrainPolicy policy, int seed, string directory)
    {
        var recentData = DatasetLoader.Load(spec, rootDirectory, recentFile);
        var (recentHeader, recent) = CsvRecords.Split(File.ReadAllText(recentFile));
        var (referenceHeader, referenceRecords) = policy.Data == RetrainDataMode.Recent ? (recentHeader, []) : CsvRecords.Split(reference.Reader.ReadToEnd());
        if (referenceHeader != recentHeader)
            throw new ModelingException($"The recent data {recentFile} and the reference data {reference.Description} have different headers ({recentHeader} vs {referenceHeader}); retrain.data \"{RetrainPolicy.NameOf(policy.Data)}\" joins their rows, so give the recent data with the reference's columns in the same order.");
        var referenceRows = policy.Data == RetrainDataMode.Recent ? 0 : referenceRecords.Count;
        var rows = RetrainRows.Choose(referenceRows, recentData.Labels, policy, seed);

        if (rows.Training.Any(r => r.FromReference)) recent = RetrainIds.AfterTheReference(spec, recentHeader, referenceRecords, recent);

        Directory.CreateDirectory(directory);
        var trainingPath = Path.Combine(directory, "training-data.csv");
        var holdoutPath = Path.Combine(directory, "holdout.csv");
        CsvRecords.Write(trainingPath, recentHeader, rows.Training.Select(r => r.FromReference ? referenceRecords[r.Index] : recent[r.Index]));
        CsvRecords.Write(holdoutPath, recentHeader, rows.Holdout.Select(i => recent[i]));

        var fromReference = rows.Training.Count(r => r.FromReference);
        var description = $"{RetrainPolicy.NameOf(policy.Data)}: {N(rows.Training.Count)} rows trained on " +
                          (policy.Data == RetrainDataMode.Recent ? "" : $"({N(fromReference)} of {N(referenceRows)} reference rows of {reference.Description}, {N(rows.Training.Count - fromReference)} recent) ") +
                          $"and {N(rows.Holdout.Count)} of the {N(recent.Count)} recent rows of {recentFile} held out";
        return new RetrainData(DatasetLoader.Load(spec, rootDirectory, trainingPath), DatasetLoader.Load(spec, rootDirectory, holdoutPath),
            referenceRows, recent.Count, description);
    }

    static string N(int value) => value.ToString("N0", CultureInfo.InvariantCulture);
}

/// <summary>
/// Ids unique in the joined data: recent rows whose id column repeats a reference id (the simulator numbers every run
/// from 1) get ids after the reference's (numeric ids: the reference's largest plus their own; text ids: a
/// <c>recent-</c> prefix), as the loader refuses a repeated id. The id is not a feature, so the model does not change.
/// </summary>
static class RetrainIds
{
    public static List<string> AfterTheReference(DatasetSpec spec, string header, IReadOnlyList<string> reference, List<string> recent)
    {
        if (spec.Columns.FirstOrDefault(c => c.Role == ColumnRole.Id) is not { } id) return recent;
        var column = CsvRecords.Fields(header).IndexOf(id.Name);
        if (column < 0) return recent;
        var referenceIds = reference.Select(r => CsvRecords.Fields(r).ElementAtOrDefault(column) ?? "").ToHashSet(StringComparer.Ordinal);
        if (!recent.Any(r => referenceIds.Contains(CsvRecords.Fields(r).ElementAtOrDefault(column) ?? ""))) return recent;
        var numeric = id.ValueType == ColumnValueType.Numeric;
        var largest = numeric ? referenceIds.Select(v => double.TryParse(v, NumberStyles.Float, CultureInfo.InvariantCulture, out var n) ? n : 0).DefaultIfEmpty(0).Max() : 0;
        return recent.Select(record =>
        {
            var fields = CsvRecords.Fields(record);
            if (column >= fields.Count) return record;
            fields[column] = numeric && double.TryParse(fields[column], NumberStyles.Float, CultureInfo.InvariantCulture, out var value)
                ? (largest + value).ToString("R", CultureInfo.InvariantCulture)
                : CsvRecords.Quote("recent-" + CsvRecords.Unquote(fields[column]));
            return string.Join(',', fields);
        }).ToList();
    }
}

/// <summary>CSV text as a header and whole records (a quoted field may hold a line break), and back.</summary>
static class CsvRecords
{
    /// <summary>The header line and the data records of <paramref name="text"/>, without their line ends; blank lines are dropped.</summary>
    public static (string Header, List<string> Records) Split(string text)
    {
        var records = OutsideQuotes(text, '\n').Select(r => r.TrimEnd('\r')).Where(r => r.Length > 0).ToList();
        if (records.Count == 0) return ("", records);
        var header = records[0].TrimStart('\uFEFF');
        records.RemoveAt(0);
        return (header, records);
    }

    /// <summary>The fields of one record as written (quoted fields keep their quotes), split at commas outside quotes.</summary>
    public static List<string> Fields(string record) => OutsideQuotes(record, ',');

    // Splits at every separator that is not inside a quoted field ("" inside quotes toggles twice, so it stays inside).
    static List<string> OutsideQuotes(string text, char separator)
    {
        var parts = new List<string>();
        var start = 0;
        var quoted = false;
        for (var i = 0; i <= text.Length; i++)
        {
            if (i < text.Length && text[i] == '"') quoted = !quoted;
            if (i < text.Length && (text[i] != separator || quoted)) continue;
            parts.Add(text[start..i]);
            start = i + 1;
        }
        return parts;
    }

    /// <summary>A field's value without its quotes.</summary>
    public static string Unquote(string field) =>
        field.Length >= 2 && field[0] == '"' && field[^1] == '"' ? field[1..^1].Replace("\"\"", "\"") : field;

    /// <summary>A value as a field, quoted when it needs it.</summary>
    public static string Quote(string value) =>
        value.IndexOfAny([',', '"', '\n', '\r']) >= 0 ? "\"" + value.Replace("\"", "\"\"") + "\"" : value;

    /// <summary>Writes <paramref name="header"/> and <paramref name="records"/> as a UTF-8 CSV file with LF line ends.</summary>
    public static void Write(string path, string header, IEnumerable<string> records)
    {
        using var writer = new StreamWriter(path, append: false, new UTF8Encoding(false), 1 << 16);
        writer.Write(header);
        writer.Write('\n');
        foreach (var record in records)
        {
            writer.Write(record);
            writer.Write('\n');
        }
    }
}
