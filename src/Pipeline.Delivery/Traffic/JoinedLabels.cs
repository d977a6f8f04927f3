namespace Pipeline.Delivery.Traffic;

/// <summary>
/// Outcomes joined back to logged requests: a CSV with a key column (<c>requestId</c>, the <c>X-Request-Id</c> every
/// answer carries, or <c>routingKey</c>, the sticky key) and a <c>label</c> column (1/0, true/false).
/// </summary>
/// <param name="KeyColumn">requestId or routingKey: which logged field the keys match.</param>
/// <param name="Labels">The outcome of each key.</param>
public sealed record JoinedLabels(string KeyColumn, IReadOnlyDictionary<string, bool> Labels)
{
    /// <summary>The key column that matches the logged request id.</summary>
    public const string RequestIdColumn = "requestId";

    /// <summary>The key column that matches the logged routing key.</summary>
    public const string RoutingKeyColumn = "routingKey";

    /// <summary>The label column.</summary>
    public const string LabelColumn = "label";

    /// <summary>The label of <paramref name="record"/>, or null when the CSV has none for its key.</summary>
    public bool? Of(LoggedRecord record)
    {
        var key = KeyColumn == RoutingKeyColumn ? record.RoutingKey : record.RequestId;
        return key is not null && Labels.TryGetValue(key, out var label) ? label : null;
    }

    /// <summary>Reads <paramref name="path"/>; throws <see cref="InvalidOperationException"/> naming the file, row and column of a problem.</summary>
    public static JoinedLabels Read(string path)
    {
        var full = Path.GetFullPath(path);
        if (!File.Exists(full))
            throw new InvalidOperationException($"The labels file {full} does not exist; give a CSV with a {RequestIdColumn} (or {RoutingKeyColumn}) column and a {LabelColumn} column.");
        var lines = File.ReadAllLines(full);
        var header = lines.Length > 0 ? Split(lines[0]) : [];
        var keyColumn = Array.FindIndex(header, h => h is RequestIdColumn or RoutingKeyColumn);
        var labelColumn = Array.IndexOf(header, LabelColumn);
        if (keyColumn < 0 || labelColumn < 0)
            throw new InvalidOperationException($"The labels file {full} has the columns [{string.Join(", ", header)}]; expected a {RequestIdColumn} (or {RoutingKeyColumn}) column and a {LabelColumn} column.");
        var labels = new Dictionary<string, bool>(StringComparer.Ordinal);
        for (var line = 1; line < lines.Length; line++)
        {
            if (lines[line].Length == 0) continue;
            var fields = Split(lines[line]);
            if (fields.Length <= Math.Max(keyColumn, labelColumn))
                throw new InvalidOperationException($"{full}, line {line + 1}, has {fields.Length} fields; expected {header.Length}.");
            labels[fields[keyColumn]] = fields[labelColumn].Trim().ToLowerInvariant() switch
            {
                "1" or "true" => true,
                "0" or "false" => false,
                var other => throw new InvalidOperationException($"{full}, line {line + 1}, column {LabelColumn}: \"{other}\" is not a label; expected 1, 0, true or false."),
            };
        }
        return new JoinedLabels(header[keyColumn], labels);
    }

    // Keys are request ids (hex) or routing keys: a field may be quoted ("a,b"), with "" for a quote inside.
    private static string[] Split(string line)
    {
        var fields = new List<string>();
        var field = new System.Text.StringBuilder();
        var quoted = false;
        for (var i = 0; i < line.Length; i++)
        {
            var c = line[i];
            if (quoted && c == '"' && i + 1 < line.Length && line[i + 1] == '"') { field.Append('"'); i++; }
            else if (c == '"') quoted = !quoted;
            else if (c == ',' && !quoted) { fields.Add(field.ToString()); field.Clear(); }
            else field.Append(c);
        }
        fields.Add(field.ToString());
        return fields.ToArray();
    }
}
