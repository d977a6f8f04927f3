using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;
using System.Runtime.Intrinsics;
using Pipeline.Data.Sorting;

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
/// <para>
/// The loops are compiled fully optimised at once (<see cref="MethodImplOptions.AggressiveOptimization"/>): a
/// validation runs the screen once, for a few hundred milliseconds at most, too short for tiered compilation to
/// replace its first, unoptimised code in time.
/// </para>
/// <para>
/// Cost (the screen fits one model per candidate column and fold, 40 trees each): a fit packs the bins of its columns
/// row by row; a tree keeps its rows grouped by node (a stable partition, so every sum runs over the rows in the same
/// order as a plain scan would); a node's histograms (per bin the gradient and hessian sums, added as one vector, and
/// the count) are built from the rows of the smaller child only, the larger child's being the parent's minus the
/// smaller's (an empty bin exactly zero); the gradients are computed four rows at a time. Everything but the larger
/// children's histograms is computed as the plain one-row-at-a-time version this replaced computed it, bit for bit;
/// those differ from a direct sum by rounding only, below the 1e-12 a gain must exceed the best by. The screen's
/// figures (4 decimals) are the same on every file of bench/leakage-calibration.cs and in the tests.
/// </para>
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
    private readonly Stack<Work> _spareWork = new();

    /// <summary>Bins <paramref name="values"/> ([column][row], NaN = missing; categories as indices) of <paramref name="rows"/> rows.</summary>
    public LeakageQuickModel(IReadOnlyList<double[]> values, IReadOnlyList<bool> categorical, bool[] labels, int rows)
    {
        _labels = labels;
        _categorical = new bool[categorical.Count];
        for (var c = 0; c < _categorical.Length; c++) _categorical[c] = categorical[c];
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
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    public double[] OutOfFold(bool[] use, int folds)
    {
        var used = 0;
        foreach (var u in use)
            if (u) used++;
        var columns = new int[used];
        for (int c = 0, u = 0; c < use.Length; c++)
            if (use[c]) columns[u++] = c;
        var result = new double[_labels.Length];
        Work? work;
        lock (_foldsLock) _spareWork.TryPop(out work);
        work ??= new Work(_labels.Length, _bins.Length);
        foreach (var fold in FoldData(folds))
        {
            var scores = Fit(fold, columns, work);
            for (var k = 0; k < fold.Test.Length; k++) result[fold.Test[k]] = 1 / (1 + Math.Exp(-scores[k]));
        }
        lock (_foldsLock) _spareWork.Push(work); // the next model's buffers: no fresh memory per model
        return result;
    }

    // Trains on the fold's train rows with the given columns and returns the raw scores (log-odds) of its test rows.
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    private Span<double> Fit(Fold fold, int[] columns, Work work)
    {
        var n = fold.Train.Length;
        var testRows = fold.Test.Length;
        // The model's columns only, row by row: the histogram loop then reads a row's bins one after the other.
        var stride = columns.Length;
        var trainBins = Pack(fold.Train, columns, work.TrainBins);
        var testBins = Pack(fold.Test, columns, work.TestBins);
        var trainScores = work.TrainScores.AsSpan(0, fold.TrainTargets.Length);
        var testScores = work.TestScores.AsSpan(0, testRows);
        for (var i = 0; i < trainScores.Length; i++) trainScores[i] = fold.Prior; // loops, not Span.Fill: less to compile
        for (var i = 0; i < testScores.Length; i++) testScores[i] = fold.Prior;
        var gradients = work.Gradients;
        var hessians = work.Hessians;
        var rows = work.Rows;
        var leaf = work.Leaf;
        var split = work.Split;
        var leafValue = work.LeafValue;
        const int lastDepth = Depth - 1;
        Span<int> column = stackalloc int[Leaves - 1];
        Span<uint> right = stackalloc uint[Leaves - 1];
        for (var round = 0; round < Rounds; round++)
        {
            Gradients(trainScores, round == 0 ? null : leafValue, leaf, fold.TrainTargets, gradients, hessians);
            for (var i = 0; i < n; i++) rows[i] = i;
            // Node v of the current depth holds rows[start[v]..start[v + 1]); the root all of them.
            var start = work.Start;
            start[0] = 0;
            start[1] = n;
            var histograms = work.Histograms;
            var childHistograms = work.ChildHistograms;
            Build(histograms, 0, rows, 0, n, gradients, hessians, trainBins, stride);
            for (var depth = 0; depth < Depth; depth++)
            {
                var nodes = 1 << depth;
                var splits = split.AsSpan(nodes - 1, nodes); // the tree's nodes in breadth-first order
                for (var v = 0; v < nodes; v++)
                    splits[v] = start[v + 1] - start[v] < 2 * MinimumLeafRows ? Split.None : BestSplit(histograms, v, columns);
                if (depth == lastDepth)
                {
                    for (var v = 0; v < nodes; v++)
                        SplitIntoLeaves(rows, start[v], start[v + 1], trainBins, stride, splits[v], 2 * v, gradients, hessians, leaf, leafValue);
                    break;
                }
                var childStart = work.ChildStart;
                for (var v = 0; v < nodes; v++)
                {
                    var (from, to) = (start[v], start[v + 1]);
                    var left = splits[v].Column < 0 ? to : Partition(rows, from, to, trainBins, stride, splits[v], work.Scratch);
                    childStart[2 * v] = from;
                    childStart[2 * v + 1] = left;
                    var parent = histograms.AsSpan(v * columns.Length * MaxBins, columns.Length * MaxBins);
                    var (leftChild, rightChild) = (2 * v, 2 * v + 1);
                    if (splits[v].Column < 0)
                    {
                        // Rows of a node without a split all go left, so a node's children keep its rows.
                        parent.CopyTo(childHistograms.AsSpan(leftChild * columns.Length * MaxBins));
                        continue;
                    }
                    var (smaller, larger) = left - from <= to - left ? (leftChild, rightChild) : (rightChild, leftChild);
                    var (smallFrom, smallTo) = smaller == leftChild ? (from, left) : (left, to);
                    if (smallTo - smallFrom < 2 * MinimumLeafRows && (larger == leftChild ? left - from : to - left) < 2 * MinimumLeafRows)
                        continue; // neither child can split
                    Build(childHistograms, smaller, rows, smallFrom, smallTo, gradients, hessians, trainBins, stride);
                    Subtract(parent, childHistograms.AsSpan(smaller * columns.Length * MaxBins, columns.Length * MaxBins),
                        childHistograms.AsSpan(larger * columns.Length * MaxBins, columns.Length * MaxBins));
                }
                childStart[2 * nodes] = n;
                (work.Start, work.ChildStart) = (childStart, start);
                start = childStart;
                (work.Histograms, work.ChildHistograms) = (childHistograms, histograms);
                (histograms, childHistograms) = (childHistograms, histograms);
            }
            // The test rows down the tree without a branch: a node without a split sends every bin left.
            for (var v = 0; v < Leaves - 1; v++)
                (column[v], right[v]) = split[v].Column < 0 ? (0, 0u) : (split[v].Column, ~split[v].Left);
            ScoreTestRows(testScores, testBins, stride, column, right, leafValue);
        }
        return testScores;
    }

    // Adds the tree's leaf value to every test row's score: each row down the tree, by reference (no bounds checks: the
    // columns are the model's, the nodes the tree's).
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    private static void ScoreTestRows(Span<double> scores, byte[] bins, int stride, Span<int> column, Span<uint> right, double[] leafValue)
    {
        ref var row = ref MemoryMarshal.GetArrayDataReference(bins);
        ref var column0 = ref MemoryMarshal.GetReference(column);
        ref var right0 = ref MemoryMarshal.GetReference(right);
        for (var i = 0; i < scores.Length; i++)
        {
            nint v = 0;
            for (var depth = 0; depth < Depth; depth++)
            {
                var node = (1 << depth) - 1 + v;
                v = 2 * v + (nint)(Unsafe.Add(ref right0, node) >> Unsafe.Add(ref row, Unsafe.Add(ref column0, node)) & 1);
            }
            scores[i] += leafValue[v];
            row = ref Unsafe.Add(ref row, stride);
        }
    }

    // The logistic loss's gradient and hessian of every row, after adding the previous tree's leaf values to the scores
    // (here rather than in a pass of its own): first exp(−score) row by row (Math.Exp, so the figures are those of the
    // one-row-at-a-time version: Vector256.Exp is an ulp off at times, and tiered, slow at first in a short process),
    // then the rest four rows at a time. The scores, and so the buffers, are padded to a multiple of four rows.
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    private static void Gradients(Span<double> scores, double[]? leafValue, byte[] leaf, double[] targets, double[] gradients, double[] hessians)
    {
        if (leafValue is null)
            for (var i = 0; i < scores.Length; i++) hessians[i] = Math.Exp(-scores[i]); // the hessians' buffer holds exp for now
        else
            for (var i = 0; i < scores.Length; i++) hessians[i] = Math.Exp(-(scores[i] += leafValue[leaf[i]]));
        var one = Vector256<double>.One;
        var floor = Vector256.Create(1e-6);
        for (var i = 0; i < scores.Length; i += 4)
        {
            var p = one / (one + Vector256.LoadUnsafe(ref hessians[0], (nuint)i));
            (p - Vector256.LoadUnsafe(ref targets[0], (nuint)i)).StoreUnsafe(ref gradients[0], (nuint)i);
            Vector256.Max(p * (one - p), floor).StoreUnsafe(ref hessians[0], (nuint)i);
        }
    }

    // The last split: each row of rows[from..to) gets its leaf (left or right), and both leaves their value from the
    // gradient and hessian summed over their rows in row order, as a plain scan would (adding 0 leaves a sum as it is).
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    private static void SplitIntoLeaves(int[] rows, int from, int to, byte[] bins, int stride, Split split, int leftLeaf,
        double[] gradients, double[] hessians, byte[] leaf, double[] leafValue)
    {
        double gl = 0, hl = 0, gr = 0, hr = 0;
        var (mask, column) = split.Column < 0 ? (uint.MaxValue, 0) : (split.Left, split.Column);
        ref var row0 = ref MemoryMarshal.GetArrayDataReference(rows); // references: no bounds checks (as in Partition)
        ref var bin0 = ref Unsafe.Add(ref MemoryMarshal.GetArrayDataReference(bins), column);
        ref var leaf0 = ref MemoryMarshal.GetArrayDataReference(leaf);
        ref var gradient0 = ref MemoryMarshal.GetArrayDataReference(gradients);
        ref var hessian0 = ref MemoryMarshal.GetArrayDataReference(hessians);
        for (nint k = from; k < to; k++)
        {
            var i = (nint)Unsafe.Add(ref row0, k);
            var right = (int)(~mask >> Unsafe.Add(ref bin0, i * stride) & 1);
            Unsafe.Add(ref leaf0, i) = (byte)(leftLeaf + right);
            var (g, h, r) = (Unsafe.Add(ref gradient0, i), Unsafe.Add(ref hessian0, i), (double)right);
            gl += g * (1 - r);
            hl += h * (1 - r);
            gr += g * r;
            hr += h * r;
        }
        leafValue[leftLeaf] = -LearningRate * gl / (hl + L2);
        leafValue[leftLeaf + 1] = -LearningRate * gr / (hr + L2);
    }

    // The gradient, hessian and count histograms of rows[from..to) for every used column, into node's slots. The
    // innermost loop of the screen: references instead of indexed spans, so that it runs without bounds checks.
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    private static void Build(Bin[] histograms, int node, int[] rows, int from, int to, double[] gradients, double[] hessians,
        byte[] bins, int stride)
    {
        var histogram = histograms.AsSpan(node * stride * MaxBins, stride * MaxBins);
        histogram.Clear();
        ref var first = ref MemoryMarshal.GetReference(histogram);
        ref var binsStart = ref MemoryMarshal.GetArrayDataReference(bins);
        ref var row0 = ref MemoryMarshal.GetArrayDataReference(rows); // references: no bounds checks (rows of the fold)
        ref var gradient0 = ref MemoryMarshal.GetArrayDataReference(gradients);
        ref var hessian0 = ref MemoryMarshal.GetArrayDataReference(hessians);
        for (nint k = from; k < to; k++)
        {
            var i = (nint)Unsafe.Add(ref row0, k);
            // All three sums in one addition (each exactly as alone), two columns per step.
            var sums = Vector256.Create(Unsafe.Add(ref gradient0, i), Unsafe.Add(ref hessian0, i), 1, 0);
            ref var row = ref Unsafe.Add(ref binsStart, i * stride);
            ref var slots = ref first;
            var u = 0;
            for (; u + 1 < stride; u += 2)
            {
                ref var bin = ref Unsafe.As<Bin, Vector256<double>>(ref Unsafe.Add(ref slots, Unsafe.Add(ref row, u)));
                ref var next = ref Unsafe.As<Bin, Vector256<double>>(ref Unsafe.Add(ref slots, MaxBins + Unsafe.Add(ref row, u + 1)));
                bin += sums;
                next += sums;
                slots = ref Unsafe.Add(ref slots, 2 * MaxBins);
            }
            if (u < stride)
            {
                ref var bin = ref Unsafe.As<Bin, Vector256<double>>(ref Unsafe.Add(ref slots, Unsafe.Add(ref row, u)));
                bin += sums;
            }
        }
    }

    // larger = parent − smaller; an empty bin is exactly zero (its sums would otherwise keep rounding residue).
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    private static void Subtract(ReadOnlySpan<Bin> parent, ReadOnlySpan<Bin> smaller, Span<Bin> larger)
    {
        for (var b = 0; b < parent.Length; b++)
        {
            var count = parent[b].Count - smaller[b].Count; // whole numbers: exact
            larger[b] = count == 0 ? default : new Bin
            {
                Gradient = parent[b].Gradient - smaller[b].Gradient,
                Hessian = parent[b].Hessian - smaller[b].Hessian,
                Count = count,
            };
        }
    }

    // The node's best split over the used columns: the first column and prefix with the highest gain.
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
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
            var count = 0L;
            for (var b = 0; b < MaxBins; b++)
            {
                order[b] = b;
                g += histogram[b].Gradient;
                h += histogram[b].Hessian;
                count += (long)histogram[b].Count;
            }
            if (count < 2 * MinimumLeafRows) continue;
            if (_categorical[columns[u]])
            {
                for (var b = 0; b < MaxBins; b++) ratio[b] = histogram[b].Gradient / (histogram[b].Hessian + L2);
                OrderByRatio(ratio, order, histogram);
            }
            var parent = g * g / (h + L2);
            double gl = 0, hl = 0;
            var cl = 0L;
            var left = 0u;
            for (var k = 0; k < MaxBins - 1; k++)
            {
                var b = order[k];
                left |= 1u << b;
                gl += histogram[b].Gradient;
                hl += histogram[b].Hessian;
                cl += (long)histogram[b].Count;
                if (cl < MinimumLeafRows || count - cl < MinimumLeafRows || histogram[b].Count == 0) continue;
                var gain = gl * gl / (hl + L2) + (g - gl) * (g - gl) / (h - hl + L2) - parent;
                if (gain <= bestGain + 1e-12) continue;
                bestGain = gain;
                best = new Split(u, left);
            }
        }
        return best;
    }

    // Orders a category column's bins by gradient ratio, as Array.Sort(ratio, order) does. An insertion sort of the 32
    // bins (compiled with the model, where the runtime's generic sort runs as first-tier code in a short process) gives
    // the same order but among equal ratios. The empty bins tie at 0, and their order does not matter: a split never
    // falls after an empty bin, so they go to one side together. Any other tie: Array.Sort itself.
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    internal static void OrderByRatio(Span<double> ratio, Span<int> order, ReadOnlySpan<Bin> histogram)
    {
        for (var k = 1; k < MaxBins; k++)
        {
            var (key, item) = (ratio[k], order[k]);
            var j = k - 1;
            for (; j >= 0 && ratio[j] > key; j--) (ratio[j + 1], order[j + 1]) = (ratio[j], order[j]);
            (ratio[j + 1], order[j + 1]) = (key, item);
        }
        for (var k = 0; k + 1 < MaxBins; k++)
        {
            if (ratio[k] != ratio[k + 1] || (histogram[order[k]].Count == 0 && histogram[order[k + 1]].Count == 0)) continue;
            for (var b = 0; b < MaxBins; b++)
            {
                order[b] = b;
                ratio[b] = histogram[b].Gradient / (histogram[b].Hessian + L2);
            }
            ratio.Sort(order);
            return;
        }
    }

    // Stable partition of rows[from..to) by the split: left rows first; returns where the right rows start. Without
    // a branch per row: a split sends rows either way about as often, which a branch predictor cannot guess.
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    private static int Partition(int[] rows, int from, int to, byte[] bins, int stride, Split split, int[] scratch)
    {
        // References rather than indexes (every index is a row of the fold, every slot within the arrays): no bounds
        // checks in the loop.
        ref var row0 = ref MemoryMarshal.GetArrayDataReference(rows);
        ref var scratch0 = ref MemoryMarshal.GetArrayDataReference(scratch);
        ref var bin0 = ref Unsafe.Add(ref MemoryMarshal.GetArrayDataReference(bins), split.Column);
        var mask = split.Left;
        nint left = from, right = 0;
        for (nint k = from; k < to; k++)
        {
            var i = Unsafe.Add(ref row0, k);
            var goesLeft = (nint)(mask >> Unsafe.Add(ref bin0, (nint)i * stride) & 1);
            Unsafe.Add(ref row0, left) = i; // left <= k: a slot already read
            Unsafe.Add(ref scratch0, right) = i;
            left += goesLeft;
            right += 1 - goesLeft;
        }
        scratch.AsSpan(0, (int)right).CopyTo(rows.AsSpan((int)left));
        return (int)left;
    }

    // The fold's rows and their bins row by row (all columns), shared by every model fitted on the fold.
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
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
                var targets = new double[Padded(train.Length)];
                var positives = 0;
                for (var k = 0; k < train.Length; k++)
                    if (_labels[train[k]])
                    {
                        targets[k] = 1;
                        positives++;
                    }
                var n = train.Length;
                data[f] = new Fold(train, test, targets, Math.Log((positives + 0.5) / (n - positives + 0.5)));
            }
            _folds = (folds, data);
            return data;
        }
    }

    // The bins of the given rows and columns, row by row, into buffer.
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    private byte[] Pack(int[] rows, int[] columns, byte[] buffer)
    {
        var stride = columns.Length;
        for (var u = 0; u < stride; u++)
        {
            var column = _bins[columns[u]];
            for (var k = 0; k < rows.Length; k++) buffer[k * stride + u] = column[rows[k]];
        }
        return buffer;
    }

    // Quantile bins 1..MaxBins−1 over the distinct values; 0 for missing.
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    private static byte[] NumberBins(double[] column, int rows)
    {
        var sorted = Present(column, rows);
        RadixSort.Sort(sorted);
        var cuts = new double[MaxBins - 2];
        var cutCount = 0;
        for (var k = 1; k < MaxBins - 1 && sorted.Length > 0; k++)
        {
            var cut = sorted[(int)((long)k * (sorted.Length - 1) / (MaxBins - 1))];
            if (cutCount == 0 || cut > cuts[cutCount - 1]) cuts[cutCount++] = cut;
        }
        var bins = new byte[rows];
        for (var i = 0; i < rows; i++)
        {
            if (double.IsNaN(column[i])) continue;
            bins[i] = (byte)(1 + LowerBound(cuts, cutCount, column[i])); // 1 + the cuts below the value
        }
        return bins;
    }

    // One bin per category, most frequent first (equal counts: smaller value first); the rarest beyond MaxBins − 2
    // share the last bin; 0 for missing.
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    private static byte[] CategoryBins(double[] column, int rows)
    {
        var sorted = Present(column, rows);
        RadixSort.Sort(sorted);
        var distinct = 0;
        var counts = new int[sorted.Length];
        for (var k = 0; k < sorted.Length; k++)
        {
            if (k == 0 || sorted[k] != sorted[distinct - 1]) sorted[distinct++] = sorted[k];
            counts[distinct - 1]++;
        }
        // The most frequent MaxBins − 2 categories by repeated selection (the scan runs in value order, so a tie goes
        // to the smaller value); every other category stays in the shared last bin.
        var bin = new byte[distinct];
        for (var rank = 0; rank < MaxBins - 2 && rank < distinct; rank++)
        {
            var best = -1;
            for (var d = 0; d < distinct; d++)
                if (bin[d] == 0 && (best < 0 || counts[d] > counts[best])) best = d;
            bin[best] = (byte)(1 + rank);
        }
        var bins = new byte[rows];
        for (var i = 0; i < rows; i++)
        {
            if (double.IsNaN(column[i])) continue;
            var b = bin[LowerBound(sorted, distinct, column[i])]; // the value is one of them
            bins[i] = b == 0 ? (byte)(MaxBins - 1) : b;
        }
        return bins;
    }

    // How many of the first count sorted values are below value.
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    private static int LowerBound(double[] sorted, int count, double value)
    {
        int low = 0, high = count;
        while (low < high)
        {
            var middle = (low + high) / 2;
            if (sorted[middle] < value) low = middle + 1;
            else high = middle;
        }
        return low;
    }

    // The first rows values that are not missing.
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    private static double[] Present(double[] column, int rows)
    {
        var count = 0;
        for (var i = 0; i < rows; i++)
            if (!double.IsNaN(column[i])) count++;
        var present = new double[count];
        for (int i = 0, k = 0; i < rows; i++)
            if (!double.IsNaN(column[i])) present[k++] = column[i];
        return present;
    }

    /// <summary>One fold: its train and test rows, the train rows' labels as 0 or 1 (padded to whole vectors), and the prior log-odds.</summary>
    private sealed record Fold(int[] Train, int[] Test, double[] TrainTargets, double Prior);

    // A row count rounded up to whole vectors of four.
    private static int Padded(int rows) => (rows + 3) & ~3;

    /// <summary>A histogram bin: the sums of the gradients and hessians of its rows, and how many there are.</summary>
    internal struct Bin
    {
        public double Gradient; // the four fields are read and written as one Vector256<double>
        public double Hessian;
        public double Count; // a whole number (exactly so below 2^53)
        private readonly double _padding;
    }

    /// <summary>A node's split: the column (its place among the model's columns), and the set of its bins that go left as a bit mask (bin b: bit b).</summary>
    private readonly record struct Split(int Column, uint Left)
    {
        public static Split None => new(-1, 0);
    }

    /// <summary>The buffers of one model's fits, reused from fold to fold and round to round.</summary>
    private sealed class Work(int rows, int columns)
    {
        public readonly double[] TrainScores = new double[Padded(rows)];
        public readonly double[] TestScores = new double[rows];
        public readonly double[] Gradients = new double[Padded(rows)];
        public readonly double[] Hessians = new double[Padded(rows)];
        public readonly int[] Rows = new int[rows];
        public readonly int[] Scratch = new int[rows];
        public readonly byte[] Leaf = new byte[Padded(rows)];
        public readonly byte[] TrainBins = new byte[rows * columns];
        public readonly byte[] TestBins = new byte[rows * columns];
        public readonly Split[] Split = new Split[Leaves - 1];
        public readonly double[] LeafValue = new double[Leaves];
        public int[] Start = new int[Leaves + 1];
        public int[] ChildStart = new int[Leaves + 1];
        public Bin[] Histograms = new Bin[Leaves / 2 * columns * MaxBins];
        public Bin[] ChildHistograms = new Bin[Leaves / 2 * columns * MaxBins];
    }
}
