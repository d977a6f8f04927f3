using System.Text;
using System.Text.Json;
using Pipeline.Data.Features;
using Pipeline.Data;
using Pipeline.Data.Specs;
using Pipeline.Modeling.Scoring;

namespace Pipeline.Monitoring;

/// <summary>
/// Reads the scoring service's inference log (<see cref="InferenceLogFormat"/>: one JSON object per line; top-level
/// fields other than the score and the features are ignored) into a
/// <see cref="FeatureSample"/>, validating each record's features with the model's <see cref="InputSchema"/>.
/// Strict: the first bad line stops it, because a log the service did not write is better reported than half-read.
/// </summary>
public static class InferenceLogReader
{
    /// <summary>
    /// Reads a <c>.jsonl</c> file, or a folder of <c>inference-*.jsonl</c> files in name (time) order. Every record's
    /// features are validated against the spec's input schema. A file's last line that is JSON cut short (a record
    /// being written, or cut off when the service stopped) is skipped, and the sample's description says which.
    /// </summary>
    /// <exception cref="DataException">
    /// The path is missing, a line is malformed (the message names the file, line and field), or the log has no records.
    /// </exception>
    public static FeatureSample Read(DatasetSpec spec, string path) => ReadCurrent(spec, path).Sample;

    /// <summary>
    /// Reads the log as <see cref="Read"/> does, keeping each record's <c>time</c> as well
    /// (<see cref="CurrentData.Times"/>, when every record has a valid one) for windows over time.
    /// </summary>
    /// <exception cref="DataException">As <see cref="Read"/>.</exception>
    public static CurrentData ReadCurrent(DatasetSpec spec, string path)
    {
        var full = Path.GetFullPath(path);
        var files = LogFiles(full);
        var schema = InputSchema.From(spec);
        var columns = new ColumnCollector(spec, schema);
        var unfinished = new List<string>();
        foreach (var file in files)
            if (ReadFile(file, schema, columns) is { } skipped)
                unfinished.Add(skipped);
        if (columns.RowCount == 0)
            throw new DataException(
                $"The inference log {full} has no records ({(files.Count == 1 ? "its file is empty" : $"its {files.Count} files are empty")}); expected one scored record per line, as the scoring service writes them.",
                full);
        var description = files.Count == 1 ? $"inference log {files[0]}" : $"inference log {full} ({files.Count} files)";
        if (unfinished.Count > 0)
            description += $"; skipped the unfinished last line of {string.Join("; ", unfinished)} (a record being written, or cut off when the service stopped)";
        return new CurrentData(columns.ToSample(description), null) { Times = columns.Times, NoTimes = columns.NoTimes };
    }

    private static List<string> LogFiles(string full)
    {
        if (File.Exists(full)) return [full];
        if (!Directory.Exists(full))
            throw new DataException($"The inference log {full} does not exist; expected a folder of {InferenceLogFormat.SearchPattern} files or one such file.", full);
        var files = Directory.GetFiles(full, InferenceLogFormat.SearchPattern).Order(StringComparer.Ordinal).ToList();
        if (files.Count == 0)
            throw new DataException($"The inference log folder {full} has no records: it contains no {InferenceLogFormat.SearchPattern} files.", full);
        return files;
    }

    // Returns "<file>, line <n>" when the file's last line was an unfinished record and was skipped, else null.
    private static string? ReadFile(string file, InputSchema schema, ColumnCollector columns)
    {
        using var reader = OpenText(file);
        long lineNumber = 0;
        while (ReadLine(reader, file, lineNumber + 1) is { } line)
        {
            lineNumber++;
            if (string.IsNullOrWhiteSpace(line)) continue;
            Dictionary<string, JsonElement> features;
            float? score;
            DateTimeOffset? time;
            try
            {
                (features, score, time) = ParseLine(line, file, lineNumber);
            }
            catch (DataException e) when (e.InnerException is JsonException json && reader.Peek() < 0 && EndsTooEarly(line, json))
            {
                // The service appends while this reads, and a crash can cut its last write short: only JSON that ends
                // before it is complete, on a file's last line, is that, and skipping it loses one record, not the check.
                return $"{file}, line {lineNumber}";
            }
            double[] values;
            try
            {
                values = schema.ReadValues(features);
            }
            catch (InputValidationException e)
            {
                throw new DataException($"{file}, line {lineNumber}, field '{e.Field}': {e.Message}", file, lineNumber, e.Field, e);
            }
            columns.Add(values, score, time, file, lineNumber);
        }
        return null;
    }

    private static bool EndsTooEarly(string line, JsonException error) =>
        error.LineNumber is null or 0 && error.BytePositionInLine >= Encoding.UTF8.GetByteCount(line.TrimEnd());

    private static string? ReadLine(StreamReader reader, string file, long lineNumber)
    {
        string? line;
        try
        {
            line = reader.ReadLine();
        }
        catch (IOException e)
        {
            throw new DataException($"Cannot read the inference log file {file} at line {lineNumber}: {e.Message}", file, lineNumber, innerException: e);
        }
        // Invalid bytes decode to U+FFFD (a throwing decoder would fail a whole buffer, not name a line). The service
        // writes valid UTF-8 and a U+FFFD would have had to arrive in a request, so reading it as damage is safe.
        if (line is not null && line.Contains('\uFFFD'))
            throw new DataException($"{file}, line {lineNumber} is not UTF-8 text; the scoring service writes its log in UTF-8, so this file comes from elsewhere or is damaged.", file, lineNumber);
        return line;
    }

    private static StreamReader OpenText(string file)
    {
        try
        {
            return new StreamReader(file, new UTF8Encoding(false, throwOnInvalidBytes: false));
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            throw new DataException($"Cannot read the inference log file {file}: {e.Message}", file, innerException: e);
        }
    }

    private static (Dictionary<string, JsonElement> Features, float? Score, DateTimeOffset? Time) ParseLine(string line, string file, long lineNumber)
    {
        JsonDocument document;
        try
        {
            document = JsonDocument.Parse(line);
        }
        catch (JsonException e)
        {
            throw new DataException(
                $"{file}, line {lineNumber} is not valid JSON (at character {(e.BytePositionInLine ?? 0) + 1}); expected one scored record per line, as the scoring service writes them.",
                file, lineNumber, innerException: e);
        }
        using (document)
        {
            var root = document.RootElement;
            if (root.ValueKind != JsonValueKind.Object)
                throw new DataException($"{file}, line {lineNumber} is a JSON {root.ValueKind.ToString().ToLowerInvariant()}; expected an object with \"features\".", file, lineNumber);
            if (!root.TryGetProperty(InferenceLogFormat.Features, out var featureObject) || featureObject.ValueKind != JsonValueKind.Object)
                throw new DataException($"{file}, line {lineNumber}: the record has no \"features\" object; expected {{\"score\":…,\"features\":{{…}}}} as the scoring service writes it.", file, lineNumber, InferenceLogFormat.Features);
            float? score = null;
            if (root.TryGetProperty(InferenceLogFormat.Score, out var scoreElement))
            {
                if (scoreElement.ValueKind != JsonValueKind.Number || !scoreElement.TryGetDouble(out var value) || value is < 0 or > 1)
                    throw new DataException($"{file}, line {lineNumber}, field 'score': {Truncate(scoreElement.GetRawText())} is not a score; expected a number between 0 and 1.", file, lineNumber, InferenceLogFormat.Score);
                score = (float)value;
            }
            // Other fields are ignored, and so is a time that is not one: it only matters to --window, which says so.
            DateTimeOffset? time = root.TryGetProperty(InferenceLogFormat.Time, out var timeElement) && timeElement.ValueKind == JsonValueKind.String
                && timeElement.TryGetDateTimeOffset(out var parsed) ? parsed : null;
            // Clone: the values outlive the document.
            var features = featureObject.EnumerateObject().ToDictionary(p => p.Name, p => p.Value.Clone());
            return (features, score, time);
        }
    }

    private static string Truncate(string text) => text.Length > 40 ? text[..40] + "…" : text;

    /// <summary>Accumulates validated records column by column.</summary>
    private sealed class ColumnCollector(DatasetSpec spec, InputSchema schema)
    {
        private readonly List<double>[] _values = schema.Fields.Select(_ => new List<double>()).ToArray();
        private readonly List<float> _scores = [];
        private readonly List<DateTimeOffset> _times = [];
        private bool _everyRecordScored = true;

        public int RowCount { get; private set; }

        /// <summary>Why <see cref="Times"/> is null: the first record without a valid time.</summary>
        public string? NoTimes { get; private set; }

        /// <summary>Every record's time, or null when one has none (times, like scores, are all-or-nothing).</summary>
        public DateTimeOffset[]? Times => NoTimes is null ? _times.ToArray() : null;

        public void Add(double[] values, float? score, DateTimeOffset? time, string file, long lineNumber)
        {
            for (var i = 0; i < values.Length; i++) _values[i].Add(values[i]);
            if (score is { } s) _scores.Add(s);
            else _everyRecordScored = false;
            if (time is { } t) _times.Add(t);
            else NoTimes ??= $"the inference log's record at {file}, line {lineNumber} has no valid \"{InferenceLogFormat.Time}\" (an ISO 8601 time)";
            RowCount++;
        }

        public FeatureSample ToSample(string description)
        {
            var numeric = new Dictionary<string, double[]>();
            var categories = new Dictionary<string, string[]>();
            for (var i = 0; i < schema.Fields.Count; i++)
            {
                var field = schema.Fields[i];
                var values = _values[i];
                switch (field.Kind)
                {
                    case InputFieldKind.Numeric: numeric[field.Name] = values.ToArray(); break;
                    case InputFieldKind.Boolean: categories[field.Name] = values.Select(v => FeatureSample.BooleanCategory(v == 1)).ToArray(); break;
                    default: categories[field.Name] = values.Select(v => field.Domain![(int)v]).ToArray(); break;
                }
            }
            // Scores are all-or-nothing: a partial list cannot be matched to rows.
            return FeatureSample.FromColumns(spec, description, numeric, categories, _everyRecordScored ? _scores.ToArray() : null);
        }
    }
}
