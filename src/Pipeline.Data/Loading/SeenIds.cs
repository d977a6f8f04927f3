using System.Runtime.CompilerServices;

namespace Pipeline.Data.Loading;

/// <summary>
/// The ids seen so far in a pass over a file (validation or loading), each with the line it first appeared on, for
/// the duplicate-id check.
/// Numeric ids that rise by one from row to row (a row number, the usual id) are kept as runs — one entry for a
/// whole run — so memory does not grow with the rows; other ids (text, numbers out of order or with gaps) are kept
/// one by one.
/// </summary>
internal sealed class SeenIds
{
    private readonly List<Run> _runs = []; // ascending and disjoint: appended only while the ids rise
    private readonly Dictionary<long, long> _numbers = new();
    private readonly Dictionary<string, long> _texts = new(StringComparer.Ordinal);

    /// <summary>Records numeric <paramref name="id"/> on <paramref name="line"/>; the line it was first seen on if it is a duplicate, else null.</summary>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    public long? Add(long id, long line)
    {
        if (_runs.Count == 0 || id > _runs[^1].Last)
        {
            // Every id kept so far is below this one (the kept numbers were below a run's end when they came).
            if (_runs.Count > 0 && id == _runs[^1].Last + 1 && line == _runs[^1].LineOf(_runs[^1].Last) + 1)
                _runs[^1] = _runs[^1] with { Length = _runs[^1].Length + 1 };
            else
                _runs.Add(new Run(id, line, 1));
            return null;
        }
        var run = RunContaining(id);
        if (run >= 0) return _runs[run].LineOf(id);
        return _numbers.TryAdd(id, line) ? null : _numbers[id];
    }

    /// <summary>Records text <paramref name="id"/>; as <see cref="Add(long, long)"/>.</summary>
    public long? Add(string id, long line) => _texts.TryAdd(id, line) ? null : _texts[id];

    private int RunContaining(long id)
    {
        int low = 0, high = _runs.Count - 1;
        while (low <= high)
        {
            var middle = (low + high) >>> 1;
            var run = _runs[middle];
            if (id < run.Start) high = middle - 1;
            else if (id > run.Last) low = middle + 1;
            else return middle;
        }
        return -1;
    }

    // Ids Start … Start + Length − 1, first seen on lines Line … Line + Length − 1.
    private readonly record struct Run(long Start, long Line, long Length)
    {
        public long Last => Start + Length - 1;

        public long LineOf(long id) => Line + (id - Start);
    }
}
