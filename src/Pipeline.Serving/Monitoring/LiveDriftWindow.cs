using System.Text.Json;
using Pipeline.Data.Drift;
using Pipeline.Modeling.Registry;
using Pipeline.Modeling.Scoring;

namespace Pipeline.Serving.Monitoring;

/// <summary>
/// The last <see cref="LiveDriftBins.WindowRows"/> scored records of one served version, kept as each column's bin
/// per record in a ring with running counts per bin: a record costs one bin lookup per feature and a few increments
/// under a short lock (O(features)), and PSI is only computed when Prometheus scrapes (O(features × bins)).
/// </summary>
public sealed class LiveDriftWindow
{
    readonly LiveDriftColumnBins[] _columns; // the features, then the score
    readonly int _capacity;
    readonly int[] _ring;                    // _capacity rows × _columns.Length bins (-1: not counted)
    readonly long[][] _counts;
    readonly float[] _scores;
    readonly object _gate = new();
    int _next;
    int _filled;

    /// <summary>A window over the bins of <paramref name="bins"/>.</summary>
    public LiveDriftWindow(LiveDriftBins bins)
    {
        Bins = bins;
        _columns = bins.Features.Append(bins.Score).OfType<LiveDriftColumn>().Select(c => new LiveDriftColumnBins(c)).ToArray();
        _capacity = bins.WindowRows;
        _ring = new int[_capacity * _columns.Length];
        Array.Fill(_ring, -1);
        _counts = _columns.Select(c => new long[c.Count]).ToArray();
        _scores = new float[_capacity];
    }

    /// <summary>The version's live-drift reference.</summary>
    public LiveDriftBins Bins { get; }

    /// <summary>Adds scored records (with their results) to the window, evicting the oldest once it is full. Thread-safe.</summary>
    public void Observe(IReadOnlyList<IReadOnlyDictionary<string, JsonElement>> records, IReadOnlyList<ScoreResult> results)
    {
        var width = _columns.Length;
        var hasScore = Bins.Score is not null;
        Span<int> bins = stackalloc int[width];
        for (var i = 0; i < records.Count; i++)
        {
            var features = hasScore ? width - 1 : width;
            for (var c = 0; c < features; c++) bins[c] = _columns[c].BinOf(records[i]);
            if (hasScore) bins[width - 1] = _columns[width - 1].BinOf(results[i].Probability);
            lock (_gate)
            {
                var row = _next * width;
                for (var c = 0; c < width; c++)
                {
                    var old = _ring[row + c];
                    if (old >= 0) _counts[c][old]--;
                    var bin = bins[c];
                    _ring[row + c] = bin;
                    if (bin >= 0) _counts[c][bin]++;
                }
                _scores[_next] = (float)results[i].Probability;
                _next = _next + 1 == _capacity ? 0 : _next + 1;
                if (_filled < _capacity) _filled++;
            }
        }
    }

    /// <summary>PSI per column and the performance estimate over the records in the window now.</summary>
    public LiveDriftSnapshot Snapshot()
    {
        long[][] counts;
        float[] scores;
        int filled;
        lock (_gate)
        {
            counts = _counts.Select(c => (long[])c.Clone()).ToArray();
            filled = _filled;
            scores = _scores[..filled];
        }
        var psi = new LiveDriftPsi[_columns.Length];
        for (var c = 0; c < _columns.Length; c++)
        {
            var column = _columns[c].Column;
            var value = counts[c].Sum() > 0 ? PopulationStabilityIndex.Compute(_columns[c].ReferenceCounts, counts[c]).Psi : double.NaN;
            psi[c] = new LiveDriftPsi(column.Name, value, column.Threshold);
        }
        var features = Bins.Score is null ? psi : psi[..^1];
        return new LiveDriftSnapshot(filled, _capacity, features, Bins.Score is null ? null : psi[^1],
            filled > 0 ? ExpectedF1(scores, Bins.ModelThreshold) : double.NaN, Bins.Calibration.Trusted);
    }

    // CBPE's expected confusion matrix (Pipeline.Monitoring's PerformanceEstimate): a row with probability p is
    // positive with probability p, so it adds p to TP (or FN below the threshold) and 1 − p to FP (or TN).
    static double ExpectedF1(float[] scores, double threshold)
    {
        double tp = 0, fp = 0, fn = 0;
        foreach (var p in scores)
        {
            if (p >= threshold) { tp += p; fp += 1 - p; }
            else fn += p;
        }
        return 2 * tp + fp + fn == 0 ? 0 : 2 * tp / (2 * tp + fp + fn);
    }
}

/// <summary>One column's PSI over the window and its threshold.</summary>
/// <param name="Column">The feature (or "model score").</param>
/// <param name="Psi">PSI of the window against the reference (NaN before a record was counted).</param>
/// <param name="Threshold">The PSI above which the column drifted, for a full window.</param>
public readonly record struct LiveDriftPsi(string Column, double Psi, double Threshold);

/// <summary>The window at one moment.</summary>
/// <param name="Rows">Records in the window.</param>
/// <param name="Capacity">Records a full window holds (the thresholds are for a full one).</param>
/// <param name="Features">PSI per feature.</param>
/// <param name="Score">PSI of the model score, or null without score bins.</param>
/// <param name="EstimatedF1">CBPE's F1 over the window's scores (NaN while empty).</param>
/// <param name="EstimateTrusted">Whether the version's calibration check trusts CBPE.</param>
public sealed record LiveDriftSnapshot(int Rows, int Capacity, IReadOnlyList<LiveDriftPsi> Features, LiveDriftPsi? Score,
    double EstimatedF1, bool EstimateTrusted);
