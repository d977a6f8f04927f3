namespace Pipeline.Data.Validation;

/// <summary>
/// The small learner of the <see cref="LeakageAgreementScreen"/>: gradient-boosted trees with the logistic loss on
/// columns binned to at most <see cref="MaxBins"/> values (numbers by quantiles, categories by frequency; bin 0 holds a
/// missing value), depth <see cref="Depth"/>, <see cref="Rounds"/> rounds. A split sends a set of bins left: for a number
/// a prefix of its ordered bins, for a category a prefix of its bins ordered by gradient ratio (as LightGBM splits
/// categories). Written here rather than taken from ML.NET so that the data library stays free of a learner and the
/// screen costs milliseconds: it only needs out-of-fold predictions good enough to say which rows a model gets wrong.
/// Deterministic: no randomness, fixed order.
/// </summary>
/// <remarks>
/// Cost (the screen fits one model per candidate column and fold): the folds' rows and their bins, row by row, are
/// gathered once and shared by every model; a tree keeps its rows grouped by node (a stable partition, so every sum
/// runs over the rows in the same order as a plain scan would); and a node's histograms (gradient, hessian and count
/// per bin, interleaved) are built from the rows of the smaller child only, the larger child's being the parent's
/// minus the smaller's.
/// </remarks>
internal sealed class LeakageQuickModel
{
    public const int MaxBins = 32;
    public const int Depth = 3;
    public const int Rounds = 40;
    private const double LearningRate = 0.2;
    private const double L2 = 1;
    private const int MinimumLeafRows = 10;
    private const int Leaves = 1 << Depth;

    private readonly byte[][] _bins; // [column][row]
    private readonly bool[] _categorical;
    private readonly bool[] _labels;
    private readonly Lock _foldsLock = new();
    private (int Folds, Fold[] Data)? _folds;

    /// <summary>Bins <paramref name="values"/> ([column][row], NaN = missing; categories as indices) of <paramref name="rows"/> rows.</summary>
    public LeakageQuickModel(IReadOnlyList<double[]> values, IReadOnlyList<bool> categorical, bool[] labels, int rows)
    {
        _labels = labels;
        _categorical = categorical.ToArray();
        _bins = new byte[values.Count][];
        for (var c = 0; c < _bins.Length; c++)
            _bins[c] = _categorical[c] ? CategoryBins(values[c], rows) : NumberBins(values[c], rows);
    }

    /// <summary>The number of columns.</summary>
    public int Columns => _bins.Length;

    /// <summary>
    /// Out-of-fold probabilities of the positive class for every row, from models that use the columns where
    /// <paramref name="use"/> is true; row i is in fold i mod <paramref name="folds"/>. Safe to call from several
    /// threads at once.
    /// </summary>
    public double[] OutOfFold(bool[] use, int folds)
    {
        var columns = new int[use.Count(u => u)];
        for (int c = 0, u = 0; c < use.Length; c++)
            if (use[c]) columns[u++] = c;
        var result = new double[_labels.Length];
        var work = new Work(_labels.Length, columns.Length);
        foreach (var fold in FoldData(folds))
        {
            var scores = Fit(fold, columns, work);
            for (var k = 0; k < fold.Test.Length; k++) result[fold.Test[k]] = 1 / (1 + Math.Exp(-scores[k]));
        }
        return result;
    }

    // Trains on the fold's train rows with the given columns and returns the raw scores (log-odds) of its test rows.
    private double[] Fit(Fold fold, int[] columns, Work work)
    {
        var n = fold.Train.Length;
        var testRows = fold.Test.Length;
        var stride = _bins.Length;
        var trainBins = fold.TrainBins;
        var testBins = fold.TestBins;
        var labels = fold.TrainLabels;
        var trainScores = work.TrainScores.AsSpan(0, n);
        var testScores = new double[testRows];
        trainScores.Fill(fold.Prior);
        testScores.AsSpan().Fill(fold.Prior);
        var gradients = work.Gradients;
        var hessians = work.Hessians;
        var rows = work.Rows;
        var testNode = work.TestNode;
        var split = work.Split;
        var leafValue = work.LeafValue;
        for (var round = 0; round < Rounds; round++)
        {
            for (var i = 0; i < n; i++)
            {
                var p = 1 / (1 + Math.Exp(-trainScores[i]));
                gradients[i] = p - (labels[i] ? 1 : 0);
                hessians[i] = Math.Max(p * (1 - p), 1e-6);
            }
            for (var i = 0; i < n; i++) rows[i] = i;
            Array.Clear(testNode, 0, testRows);
            // Node v of the current depth holds rows[start[v]..start[v + 1]); the root all of them.
            var start = work.Start;
            start[0] = 0;
            start[1] = n;
            var histograms = work.Histograms;
            var childHistograms = work.ChildHistograms;
            Build(histograms, 0, rows, 0, n, gradients, hessians, trainBins, stride, columns);
            for (var depth = 0; depth < Depth; depth++)
            {
                var nodes = 1 << depth;
                for (var v = 0; v < nodes; v++)
                    split[v] = start[v + 1] - start[v] < 2 * MinimumLeafRows ? Split.None : BestSplit(histograms, v, columns);
                var childStart = work.ChildStart;
                for (var v = 0; v < nodes; v++)
                {
                    var (from, to) = (start[v], start[v + 1]);
                    var left = split[v].Column < 0 ? to : Partition(rows, from, to, trainBins, stride, split[v], work.Scratch);
                    childStart[2 * v] = from;
                    childStart[2 * v + 1] = left;
                    if (depth == Depth - 1) continue; // leaves: no histograms needed
                    var parent = histograms.AsSpan(v * columns.Length * MaxBins, columns.Length * MaxBins);
                    var (leftChild, rightChild) = (2 * v, 2 * v + 1);
                    if (split[v].Column < 0)
                    {
                        // Rows of a node without a split all go left, so a node's children keep its rows.
                        parent.CopyTo(childHistograms.AsSpan(leftChild * columns.Length * MaxBins));
                        continue;
                    }
                    var (smaller, larger) = left - from <= to - left ? (leftChild, rightChild) : (rightChild, leftChild);
                    var (smallFrom, smallTo) = smaller == leftChild ? (from, left) : (left, to);
                    if (smallTo - smallFrom < 2 * MinimumLeafRows && (larger == leftChild ? left - from : to - left) < 2 * MinimumLeafRows)
                        continue; // neither child can split
                    Build(childHistograms, smaller, rows, smallFrom, smallTo, gradients, hessians, trainBins, stride, columns);
                    Subtract(parent, childHistograms.AsSpan(smaller * columns.Length * MaxBins, columns.Length * MaxBins),
                        childHistograms.AsSpan(larger * columns.Length * MaxBins, columns.Length * MaxBins));
                }
                childStart[2 * nodes] = n;
                for (var i = 0; i < testRows; i++)
                {
                    var s = split[testNode[i]];
                    testNode[i] = 2 * testNode[i] + (s.Column >= 0 && (s.Left >> testBins[i * stride + s.Column] & 1) == 0 ? 1 : 0);
                }
                (work.Start, work.ChildStart) = (childStart, start);
                start = childStart;
                (work.Histograms, work.ChildHistograms) = (childHistograms, histograms);
                (histograms, childHistograms) = (childHistograms, histograms);
            }
            // A leaf's gradient and hessian summed over its rows in row order, as a plain scan would.
            for (var l = 0; l < Leaves; l++)
            {
                double g = 0, h = 0;
                for (var k = start[l]; k < start[l + 1]; k++)
                {
                    g += gradients[rows[k]];
                    h += hessians[rows[k]];
                }
                leafValue[l] = -LearningRate * g / (h + L2);
                for (var k = start[l]; k < start[l + 1]; k++) trainScores[rows[k]] += leafValue[l];
            }
            for (var i = 0; i < testRows; i++) testScores[i] += leafValue[testNode[i]];
        }
        return testScores;
    }

    // The gradient, hessian and count histograms of rows[from..to) for every used column, into node's slots.
    private static void Build(Bin[] histograms, int node, int[] rows, int from, int to, double[] gradients, double[] hessians,
        byte[] bins, int stride, int[] columns)
    {
        var histogram = histograms.AsSpan(node * columns.Length * MaxBins, columns.Length * MaxBins);
        histogram.Clear();
        for (var k = from; k < to; k++)
        {
            var i = rows[k];
            var (g, h) = (gradients[i], hessians[i]);
            var row = bins.AsSpan(i * stride, stride);
            for (var u = 0; u < columns.Length; u++)
            {
                ref var bin = ref histogram[u * MaxBins + row[columns[u]]];
                bin.Gradient += g;
                bin.Hessian += h;
                bin.Count++;
            }
        }
    }

    // larger = parent − smaller; an empty bin is exactly zero (its sums would otherwise keep rounding residue).
    private static void Subtract(ReadOnlySpan<Bin> parent, ReadOnlySpan<Bin> smaller, Span<Bin> larger)
    {
        for (var b = 0; b < parent.Length; b++)
        {
            var count = parent[b].Count - smaller[b].Count;
            larger[b] = count == 0 ? default : new Bin
            {
                Gradient = parent[b].Gradient - smaller[b].Gradient,
                Hessian = parent[b].Hessian - smaller[b].Hessian,
                Count = count,
            };
        }
    }

    // The node's best split over the used columns: the first column and prefix with the highest gain.
    private Split BestSplit(Bin[] histograms, int node, int[] columns)
    {
        Span<double> ratio = stackalloc double[MaxBins];
        Span<int> order = stackalloc int[MaxBins];
        var best = Split.None;
        var bestGain = 0.0;
        for (var u = 0; u < columns.Length; u++)
        {
            var histogram = histograms.AsSpan((node * columns.Length + u) * MaxBins, MaxBins);
            double g = 0, h = 0;
            var count = 0;
            for (var b = 0; b < MaxBins; b++)
            {
                order[b] = b;
                g += histogram[b].Gradient;
                h += histogram[b].Hessian;
                count += histogram[b].Count;
                ratio[b] = histogram[b].Gradient / (histogram[b].Hessian + L2);
            }
            if (count < 2 * MinimumLeafRows) continue;
            if (_categorical[columns[u]]) ratio.Sort(order);
            var parent = g * g / (h + L2);
            double gl = 0, hl = 0;
            var cl = 0;
            var left = 0u;
            for (var k = 0; k < MaxBins - 1; k++)
            {
                var b = order[k];
                left |= 1u << b;
                gl += histogram[b].Gradient;
                hl += histogram[b].Hessian;
                cl += histogram[b].Count;
                if (cl < MinimumLeafRows || count - cl < MinimumLeafRows || histogram[b].Count == 0) continue;
                var gain = gl * gl / (hl + L2) + (g - gl) * (g - gl) / (h - hl + L2) - parent;
                if (gain <= bestGain + 1e-12) continue;
                bestGain = gain;
                best = new Split(columns[u], left);
            }
        }
        return best;
    }

    // Stable partition of rows[from..to) by the split: left rows first; returns where the right rows start.
    private static int Partition(int[] rows, int from, int to, byte[] bins, int stride, Split split, int[] scratch)
    {
        int left = from, right = 0;
        for (var k = from; k < to; k++)
        {
            var i = rows[k];
            if ((split.Left >> bins[i * stride + split.Column] & 1) != 0) rows[left++] = i;
            else scratch[right++] = i;
        }
        scratch.AsSpan(0, right).CopyTo(rows.AsSpan(left));
        return left;
    }

    // The fold's rows and their bins row by row (all columns), shared by every model fitted on the fold.
    private Fold[] FoldData(int folds)
    {
        lock (_foldsLock)
        {
            if (_folds is { } cached && cached.Folds == folds) return cached.Data;
            var rows = _labels.Length;
            var data = new Fold[folds];
            for (var f = 0; f < folds; f++)
            {
                var test = new int[rows / folds + (f < rows % folds ? 1 : 0)];
                var train = new int[rows - test.Length];
                for (int i = 0, t = 0, r = 0; i < rows; i++)
                    if (i % folds == f) test[t++] = i;
                    else train[r++] = i;
                var labels = new bool[train.Length];
                var positives = 0;
                for (var k = 0; k < train.Length; k++)
                    if (labels[k] = _labels[train[k]]) positives++;
                var n = train.Length;
                data[f] = new Fold(train, test, labels, Math.Log((positives + 0.5) / (n - positives + 0.5)), RowMajor(train), RowMajor(test));
            }
            _folds = (folds, data);
            return data;
        }
    }

    private byte[] RowMajor(int[] rows)
    {
        var stride = _bins.Length;
        var result = new byte[rows.Length * stride];
        for (var c = 0; c < stride; c++)
        {
            var column = _bins[c];
            for (var k = 0; k < rows.Length; k++) result[k * stride + c] = column[rows[k]];
        }
        return result;
    }

    // Quantile bins 1..MaxBins−1 over the distinct values; 0 for missing.
    private static byte[] NumberBins(double[] column, int rows)
    {
        var sorted = column.Take(rows).Where(v => !double.IsNaN(v)).ToArray();
        Array.Sort(sorted);
        var cuts = new List<double>();
        for (var k = 1; k < MaxBins - 1 && sorted.Length > 0; k++)
        {
            var cut = sorted[(int)((long)k * (sorted.Length - 1) / (MaxBins - 1))];
            if (cuts.Count == 0 || cut > cuts[^1]) cuts.Add(cut);
        }
        var cutArray = cuts.ToArray();
        var bins = new byte[rows];
        for (var i = 0; i < rows; i++)
        {
            if (double.IsNaN(column[i])) continue;
            var index = Array.BinarySearch(cutArray, column[i]);
            bins[i] = (byte)(1 + (index >= 0 ? index : ~index));
        }
        return bins;
    }

    // One bin per category, most frequent first; the rarest beyond MaxBins − 2 share the last bin; 0 for missing.
    private static byte[] CategoryBins(double[] column, int rows)
    {
        var byFrequency = column.Take(rows).Where(v => !double.IsNaN(v)).GroupBy(v => v)
            .OrderByDescending(g => g.Count()).ThenBy(g => g.Key)
            .Select((g, rank) => (g.Key, Bin: (byte)(1 + Math.Min(rank, MaxBins - 2)))).ToDictionary(p => p.Key, p => p.Bin);
        var bins = new byte[rows];
        for (var i = 0; i < rows; i++)
            if (!double.IsNaN(column[i])) bins[i] = byFrequency[column[i]];
        return bins;
    }

    /// <summary>One fold: its train and test rows, the train rows' labels, the prior log-odds, and both row sets' bins row by row.</summary>
    private sealed record Fold(int[] Train, int[] Test, bool[] TrainLabels, double Prior, byte[] TrainBins, byte[] TestBins);

    /// <summary>A histogram bin: the sums of the gradients and hessians of its rows, and how many there are.</summary>
    private struct Bin
    {
        public double Gradient;
        public double Hessian;
        public int Count;
    }

    /// <summary>A node's split: the column, and the set of its bins that go left as a bit mask (bin b: bit b).</summary>
    private readonly record struct Split(int Column, uint Left)
    {
        public static Split None => new(-1, 0);
    }

    /// <summary>The buffers of one model's fits, reused from fold to fold and round to round.</summary>
    private sealed class Work(int rows, int columns)
    {
        public readonly double[] TrainScores = new double[rows];
        public readonly double[] Gradients = new double[rows];
        public readonly double[] Hessians = new double[rows];
        public readonly int[] Rows = new int[rows];
        public readonly int[] Scratch = new int[rows];
        public readonly int[] TestNode = new int[rows];
        public readonly Split[] Split = new Split[Leaves / 2];
        public readonly double[] LeafValue = new double[Leaves];
        public int[] Start = new int[Leaves + 1];
        public int[] ChildStart = new int[Leaves + 1];
        public Bin[] Histograms = new Bin[Leaves / 2 * columns * MaxBins];
        public Bin[] ChildHistograms = new Bin[Leaves / 2 * columns * MaxBins];
    }
}
