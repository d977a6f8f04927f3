using Pipeline.Data.Specs;
using Pipeline.Data.Text;

namespace Pipeline.Data.Validation;

/// <summary>Counts anomalies by (kind, column) while streaming, keeping the first few examples of each.</summary>
internal sealed class AnomalyCollector
{
    private const int ExamplesKept = 5;

    private readonly Dictionary<(string Kind, string? Column, string? Rule), Entry> _entries = new();
    private readonly List<(string Kind, string? Column, string? Rule)> _order = [];
    private long _added;

    /// <summary>
    /// Where in the file the next anomalies are found (a parallel pass sets it: line × 3 + the phase of the row's
    /// checks), so that the anomalies of its chunks merge in the order of one sequential pass.
    /// </summary>
    public long Position { get; set; }

    public void Add(string kind, Severity severity, string? column, long line, string? value, Func<string> sentence,
        string? rule = null)
    {
        var entry = EntryFor((kind, column, rule), severity);
        entry.Count++;
        if (entry.Examples.Count < ExamplesKept)
        {
            // A cell can be up to the CSV field limit long; the report keeps a prefix of it, never the whole.
            entry.Examples.Add(new AnomalyExample(line, value is null ? null : ValuePreview.Of(value), sentence()));
            entry.Positions.Add((Position, _added));
        }
        _added++;
    }

    /// <summary>
    /// Adds the anomalies that <paramref name="parts"/> collected over one later stretch of the file (each with its
    /// <see cref="Position"/>s set): the examples in file order, then the counts beyond them, so the result is what
    /// this collector would hold had it seen that stretch itself.
    /// </summary>
    public void Merge(params AnomalyCollector[] parts)
    {
        var examples = parts
            .SelectMany(part => part._order.SelectMany(key =>
            {
                var entry = part._entries[key];
                return entry.Examples.Select((example, i) => (Key: key, entry.Severity, Example: example, At: entry.Positions[i]));
            }))
            .OrderBy(e => e.At.Position).ThenBy(e => e.At.Added);
        foreach (var (key, severity, example, at) in examples)
        {
            var entry = EntryFor(key, severity);
            entry.Count++;
            if (entry.Examples.Count >= ExamplesKept) continue;
            entry.Examples.Add(example);
            entry.Positions.Add(at);
        }
        foreach (var part in parts)
            foreach (var (key, entry) in part._entries)
                _entries[key].Count += entry.Count - entry.Examples.Count;
    }

    public bool HasErrors => _entries.Values.Any(e => e.Severity == Severity.Error);

    public IEnumerable<Anomaly> ToAnomalies(Func<string, string?, long, string> summary) =>
        _order.Select(key =>
        {
            var entry = _entries[key];
            return new Anomaly
            {
                Kind = key.Kind,
                Severity = entry.Severity,
                Column = key.Column,
                Rule = key.Rule,
                Count = entry.Count,
                Message = summary(key.Kind, key.Column, entry.Count) + " First: " + entry.Examples[0].Message,
                Examples = entry.Examples,
            };
        });

    private Entry EntryFor((string Kind, string? Column, string? Rule) key, Severity severity)
    {
        if (!_entries.TryGetValue(key, out var entry))
        {
            entry = new Entry(severity);
            _entries[key] = entry;
            _order.Add(key);
        }
        return entry;
    }

    private sealed class Entry(Severity severity)
    {
        public Severity Severity { get; } = severity;
        public long Count { get; set; }
        public List<AnomalyExample> Examples { get; } = [];
        public List<(long Position, long Added)> Positions { get; } = [];
    }
}
