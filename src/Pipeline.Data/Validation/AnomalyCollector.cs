using Pipeline.Data.Specs;
using Pipeline.Data.Text;

namespace Pipeline.Data.Validation;

/// <summary>Counts anomalies by (kind, column) while streaming, keeping the first few examples of each.</summary>
internal sealed class AnomalyCollector
{
    private const int ExamplesKept = 5;

    private readonly Dictionary<(string Kind, string? Column, string? Rule), Entry> _entries = new();
    private readonly List<(string Kind, string? Column, string? Rule)> _order = [];

    public void Add(string kind, Severity severity, string? column, long line, string? value, Func<string> sentence,
        string? rule = null)
    {
        var key = (kind, column, rule);
        if (!_entries.TryGetValue(key, out var entry))
        {
            entry = new Entry(severity);
            _entries[key] = entry;
            _order.Add(key);
        }
        entry.Count++;
        if (entry.Examples.Count < ExamplesKept)
            // A cell can be up to the CSV field limit long; the report keeps a prefix of it, never the whole.
            entry.Examples.Add(new AnomalyExample(line, value is null ? null : ValuePreview.Of(value), sentence()));
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

    private sealed class Entry(Severity severity)
    {
        public Severity Severity { get; } = severity;
        public long Count { get; set; }
        public List<AnomalyExample> Examples { get; } = [];
    }
}
