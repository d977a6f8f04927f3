using Pipeline.Data;

namespace Pipeline.Monitoring;

/// <summary>
/// One window's rows of the current data. Time windows: <see cref="Start"/> (inclusive) and <see cref="End"/>
/// (exclusive) are its bounds. Row windows: the first and last record's time, or null when the data have no timestamps.
/// </summary>
/// <param name="Start">The window's start, or its first record's time, or null.</param>
/// <param name="End">The window's end, or its last record's time, or null.</param>
/// <param name="Rows">The indices of its rows in the current data, in time order (else in the order read).</param>
public sealed record WindowSlice(DateTimeOffset? Start, DateTimeOffset? End, int[] Rows)
{
    /// <summary>The most windows one check splits into: each is a drift check of its own, and the report one point per window.</summary>
    public const int MaximumWindows = 1000;

    /// <summary>
    /// Splits <paramref name="rowCount"/> rows into consecutive windows of <paramref name="spec"/>. Rows are taken in
    /// time order when <paramref name="times"/> are given (records logged out of order land in their own window);
    /// time windows with no rows (gaps in the traffic) are left out.
    /// </summary>
    /// <param name="spec">The window.</param>
    /// <param name="rowCount">The current data's rows.</param>
    /// <param name="times">Each row's time, or null when the data have none.</param>
    /// <param name="noTimes">Why there are no times (for the message when a time window needs them).</param>
    /// <exception cref="DataException">A time window without timestamps, or more than <see cref="MaximumWindows"/> windows.</exception>
    public static IReadOnlyList<WindowSlice> Split(WindowSpec spec, int rowCount, DateTimeOffset[]? times, string? noTimes = null)
    {
        if (times is not null && times.Length != rowCount)
            throw new ArgumentException($"There are {times.Length} times for {rowCount} rows.", nameof(times));
        var order = Enumerable.Range(0, rowCount).ToArray();
        // A stable sort: records of one time keep their logged order.
        if (times is not null) order = order.OrderBy(r => times[r]).ToArray();
        var windows = spec.Duration is { } duration
            ? ByTime(spec, duration, order, times ?? throw new DataException(
                $"The option --window {spec.Text} cuts windows by time, but {noTimes ?? "the current data have no timestamps"}; use a row count instead, e.g. --window 5000rows.",
                column: "--window"))
            : ByRows(spec.Rows!.Value, order, times);
        if (windows.Count > MaximumWindows)
            throw new DataException(
                $"The option --window {spec.Text} splits the current data into {windows.Count:N0} windows; at most {MaximumWindows:N0} are checked (each is a drift check of its own), so choose a longer window.",
                column: "--window");
        return windows;
    }

    private static List<WindowSlice> ByTime(WindowSpec spec, TimeSpan duration, int[] order, DateTimeOffset[] times)
    {
        var windows = new List<WindowSlice>();
        var ticks = duration.Ticks;
        var rows = new List<int>();
        long current = long.MinValue;
        foreach (var row in order)
        {
            // Aligned to multiples of the length since the Unix epoch (UTC): 1d windows start at midnight UTC.
            var sinceEpoch = times[row].UtcTicks - DateTimeOffset.UnixEpoch.UtcTicks;
            var index = sinceEpoch >= 0 ? sinceEpoch / ticks : -((-sinceEpoch + ticks - 1) / ticks);
            if (index != current && rows.Count > 0)
            {
                windows.Add(Window(current, ticks, rows));
                rows.Clear();
                if (windows.Count > MaximumWindows) return windows; // enough to refuse; no need to cut the rest
            }
            current = index;
            rows.Add(row);
        }
        if (rows.Count > 0) windows.Add(Window(current, ticks, rows));
        return windows;
    }

    private static WindowSlice Window(long index, long ticks, List<int> rows)
    {
        var start = new DateTimeOffset(DateTimeOffset.UnixEpoch.UtcTicks + index * ticks, TimeSpan.Zero);
        return new WindowSlice(start, start.AddTicks(ticks), rows.ToArray());
    }

    private static List<WindowSlice> ByRows(int size, int[] order, DateTimeOffset[]? times)
    {
        var windows = new List<WindowSlice>();
        for (var first = 0; first < order.Length; first += size)
        {
            var rows = order[first..Math.Min(order.Length, first + size)];
            windows.Add(new WindowSlice(times?[rows[0]].ToUniversalTime(), times?[rows[^1]].ToUniversalTime(), rows));
            if (windows.Count > MaximumWindows) break;
        }
        return windows;
    }
}
