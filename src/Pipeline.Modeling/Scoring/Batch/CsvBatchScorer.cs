using System.Buffers;
using System.Globalization;
using System.Text;
using System.Text.Json;
using Pipeline.Data;
using Pipeline.Data.Csv;
using Pipeline.Data.Features;
using Pipeline.Data.Text;

namespace Pipeline.Modeling.Scoring.Batch;

/// <summary>
/// Streams a CSV through a registered version: every row is turned into the same JSON record a client would post to
/// <c>/predict</c> and scored by <see cref="ScoringModel.ScoreBatch"/> in chunks, so the numbers are the service's by
/// construction; memory stays bounded by the chunk whatever the file's size. The output is the input row (every
/// column, as read) followed by <c>probability</c>, <c>label</c>, one <c>cause:&lt;column&gt;</c> per cause model,
/// <c>modelVersion</c>, and with explanations <c>&lt;member&gt;:baseValue</c> and <c>&lt;member&gt;:&lt;field&gt;</c>
/// (the TreeSHAP contribution of each input field to that member's raw score). It is written to a temporary file
/// and renamed at the end, so a failed run leaves no partial output.
/// </summary>
public sealed class CsvBatchScorer(ScoringModel model, BatchScoringOptions options, Action<string> progress)
{
    /// <summary>Rows scored per call into the model (bounded memory; the batch path's own parallelism applies).</summary>
    public const int ChunkRows = 4096;

    /// <summary>Scores <paramref name="inputPath"/> into <paramref name="outputPath"/>.</summary>
    /// <exception cref="DataException">The file cannot be read as CSV, lacks a model input column, or (without
    /// <see cref="BatchScoringOptions.SkipInvalidRows"/>) a row holds a value the model cannot take: the message names
    /// the file, the line and the field.</exception>
    /// <exception cref="ModelingException">Explanations were asked for and the version cannot give them.</exception>
    public BatchScoringResult Score(string inputPath, string outputPath)
    {
        if (options.Explain && model.ExplanationProblem is { } problem)
            throw new ModelingException($"--explain: {problem}");
        var fields = model.InputSchema.Fields;
        var totalBytes = new FileInfo(inputPath).Length;
        var temporary = outputPath + $".partial-{Environment.ProcessId}";
        Directory.CreateDirectory(Path.GetDirectoryName(Path.GetFullPath(outputPath))!);
        var clock = System.Diagnostics.Stopwatch.StartNew();
        var lastProgress = TimeSpan.Zero;
        long rows = 0, skipped = 0;
        try
        {
            using var stream = new FileStream(inputPath, FileMode.Open, FileAccess.Read, FileShare.Read, 1 << 16, FileOptions.SequentialScan);
            using var csv = new CsvRecordReader(new StreamReader(stream, Encoding.UTF8), Path.GetFileName(inputPath));
            if (!csv.ReadRecord())
                throw new DataException($"{inputPath} is empty; expected a header line naming the model's input columns ({string.Join(", ", fields.Select(f => f.Name))}).");
            var header = Enumerable.Range(0, csv.FieldCount).Select(i => csv.Field(i).ToString()).ToList();
            var columnOf = fields.Select(f => header.IndexOf(f.Name)).ToArray();
            var missing = fields.Where((f, i) => columnOf[i] < 0).Select(f => f.Name).ToList();
            if (missing.Count > 0)
                throw new DataException($"{inputPath}: the header has no column {string.Join(", ", missing.Select(m => $"'{m}'"))}; version {model.Version} of the {model.Spec.Name} model needs " +
                    $"every input column ({string.Join(", ", fields.Select(f => f.Name))}). Other columns (an id, the label) are kept in the output as they are.");

            using var output = new StreamWriter(new FileStream(temporary, FileMode.CreateNew, FileAccess.Write, FileShare.None, 1 << 16), new UTF8Encoding(false));
            var appended = OutputColumns().ToList();
            WriteRow(output, header.Concat(appended));

            var chunk = new List<PendingRow>(ChunkRows);
            while (csv.ReadRecord())
            {
                if (csv.FieldCount != header.Count)
                {
                    var problemText = $"{Path.GetFileName(inputPath)} line {csv.RecordLine}: {csv.FieldCount} fields, but the header has {header.Count}.";
                    if (!options.SkipInvalidRows) throw new DataException(problemText + " Fix the row, or pass --skip-invalid-rows to leave such rows out.");
                    skipped++;
                    continue;
                }
                var cells = new string[header.Count];
                for (var i = 0; i < cells.Length; i++) cells[i] = csv.Field(i).ToString();
                chunk.Add(new PendingRow(csv.RecordLine, cells));
                if (chunk.Count == ChunkRows)
                {
                    (var written, var dropped) = ScoreChunk(chunk, columnOf, inputPath, output);
                    rows += written;
                    skipped += dropped;
                    chunk.Clear();
                    if (clock.Elapsed - lastProgress > TimeSpan.FromSeconds(2))
                    {
                        lastProgress = clock.Elapsed;
                        progress($"Scored {rows:N0} rows ({100.0 * stream.Position / Math.Max(1, totalBytes):F0} % of {inputPath}, {clock.Elapsed.TotalSeconds:F0} s)");
                    }
                }
            }
            if (chunk.Count > 0)
            {
                (var written, var dropped) = ScoreChunk(chunk, columnOf, inputPath, output);
                rows += written;
                skipped += dropped;
            }
            output.Flush();
            output.BaseStream.Flush();
        }
        catch
        {
            File.Delete(temporary);
            throw;
        }
        File.Move(temporary, outputPath, overwrite: true);
        return new BatchScoringResult(rows, skipped, model.Version, outputPath, clock.Elapsed);
    }

    IEnumerable<string> OutputColumns()
    {
        yield return "probability";
        yield return "label";
        foreach (var cause in model.CauseNames) yield return $"cause:{cause}";
        yield return "modelVersion";
        if (!options.Explain) yield break;
        foreach (var member in MemberNames())
        {
            yield return $"{member}:baseValue";
            foreach (var field in model.InputSchema.Fields) yield return $"{member}:{field.Name}";
        }
    }

    IEnumerable<string> MemberNames() => new[] { "label" }.Concat(model.CauseNames);

    (int Written, int Skipped) ScoreChunk(List<PendingRow> chunk, int[] columnOf, string inputPath, StreamWriter output)
    {
        var documents = new JsonDocument[chunk.Count];
        try
        {
            for (var r = 0; r < chunk.Count; r++) documents[r] = ToJson(chunk[r].Cells, columnOf);
            var records = documents.Select(ToRecord).ToList();
            IReadOnlyList<ScoreResult> results;
            var kept = Enumerable.Range(0, chunk.Count).ToList();
            try
            {
                results = model.ScoreBatch(records);
            }
            catch (InputValidationException)
            {
                // Find the bad rows one by one (rare), so the message names the line and the field.
                kept = [];
                foreach (var (record, r) in records.Select((record, r) => (record, r)))
                {
                    try
                    {
                        model.InputSchema.Validate(record);
                        kept.Add(r);
                    }
                    catch (InputValidationException e)
                    {
                        var problemText = $"{Path.GetFileName(inputPath)} line {chunk[r].Line}, column '{e.Field}': {e.Message}";
                        if (!options.SkipInvalidRows) throw new DataException(problemText + " Fix the row, or pass --skip-invalid-rows to leave such rows out.");
                    }
                }
                results = kept.Count == 0 ? [] : model.ScoreBatch(kept.Select(r => records[r]).ToList());
            }
            var version = model.Version.ToString(CultureInfo.InvariantCulture);
            for (var k = 0; k < kept.Count; k++)
            {
                var r = kept[k];
                var result = results[k];
                var row = new List<string>(chunk[r].Cells)
                {
                    result.Probability.ToString("R", CultureInfo.InvariantCulture),
                    result.Label ? "true" : "false",
                };
                if (result.CauseProbabilities is { } causes) row.AddRange(causes.Select(c => c.ToString("R", CultureInfo.InvariantCulture)));
                row.Add(version);
                if (options.Explain)
                {
                    foreach (var member in model.Explain(records[r]))
                    {
                        row.Add(member.BaseValue.ToString("R", CultureInfo.InvariantCulture));
                        row.AddRange(member.Fields.Select(f => f.Value.ToString("R", CultureInfo.InvariantCulture)));
                    }
                }
                WriteRow(output, row);
            }
            return (kept.Count, chunk.Count - kept.Count);
        }
        finally
        {
            foreach (var document in documents) document?.Dispose();
        }
    }

    // The record a client would post: numbers as JSON numbers, booleans as JSON booleans, categories as strings; a
    // cell that is not of its field's kind goes as a string, so the model's own check names what was expected.
    JsonDocument ToJson(string[] cells, int[] columnOf)
    {
        var buffer = new ArrayBufferWriter<byte>(256);
        using (var json = new Utf8JsonWriter(buffer))
        {
            json.WriteStartObject();
            var fields = model.InputSchema.Fields;
            for (var f = 0; f < fields.Count; f++)
            {
                var cell = cells[columnOf[f]];
                var trimmed = cell.Trim();
                json.WritePropertyName(fields[f].Name);
                if (trimmed.Length == 0)
                    json.WriteNullValue();
                else if (fields[f].Kind == InputFieldKind.Numeric && double.TryParse(trimmed, NumberStyles.Float, CultureInfo.InvariantCulture, out var number) && double.IsFinite(number))
                    json.WriteNumberValue(number);
                else if (fields[f].Kind == InputFieldKind.Boolean && BooleanCell(trimmed) is { } flag)
                    json.WriteBooleanValue(flag);
                else
                    json.WriteStringValue(cell);
            }
            json.WriteEndObject();
        }
        return JsonDocument.Parse(buffer.WrittenMemory);
    }

    static bool? BooleanCell(string cell) => cell.ToLowerInvariant() switch
    {
        "true" or "1" or "yes" => true,
        "false" or "0" or "no" => false,
        _ => null,
    };

    static IReadOnlyDictionary<string, JsonElement> ToRecord(JsonDocument document) =>
        document.RootElement.EnumerateObject().ToDictionary(p => p.Name, p => p.Value);

    static void WriteRow(TextWriter output, IEnumerable<string> cells)
    {
        var first = true;
        foreach (var cell in cells)
        {
            if (!first) output.Write(',');
            first = false;
            output.Write(CsvField.Quote(cell));
        }
        output.Write('\n');
    }

    sealed record PendingRow(long Line, string[] Cells);
}

/// <summary>How <see cref="CsvBatchScorer"/> treats explanations and bad rows.</summary>
/// <param name="Explain">Add each member's TreeSHAP contributions per input field (slower: an explanation per row).</param>
/// <param name="SkipInvalidRows">Leave rows the model cannot take out of the output (counted) instead of stopping.</param>
public sealed record BatchScoringOptions(bool Explain = false, bool SkipInvalidRows = false);

/// <summary>What a batch scoring run did.</summary>
/// <param name="Rows">Rows scored and written.</param>
/// <param name="Skipped">Rows left out as invalid (only with <see cref="BatchScoringOptions.SkipInvalidRows"/>).</param>
/// <param name="Version">The registry version that scored them.</param>
/// <param name="OutputPath">The CSV written.</param>
/// <param name="Elapsed">Wall time.</param>
public sealed record BatchScoringResult(long Rows, long Skipped, int Version, string OutputPath, TimeSpan Elapsed);
