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
internal sealed class LeakageQuickModel
{
    public const int MaxBins = 32;
    public const int Depth = 3;
    public const int Rounds = 40;
    private const double LearningRate = 0.2;
    private const double L2 = 1;
    private const int MinimumLeafRows = 10;

    private readonly byte[][] _bins; // [column][row]
    private readonly bool[] _categorical;
    private readonly bool[] _labels;

    /// <summary>Bins <paramref name="values"/> ([column][row], NaN = missing; categories as indices) of <paramref name="rows"/> rows.</summary>
    public LeakageQuickModel(IReadOnlyList<double[]> values, IReadOnlyList<bool> categorical, bool[] labels, int rows)
    {
        _labels = labels;
        _categorical = categorical.ToArray();
        _bins = values.Select((column, c) => _categorical[c] ? CategoryBins(column, rows) : NumberBins(column, rows)).ToArray();
    }

    /// <summary>The number of columns.</summary>
    public int Columns => _bins.Length;

    /// <summary>
    /// Out-of-fold probabilities of the positive class for every row, from models that use the columns where
    /// <paramref name="use"/> is true; row i is in fold i mod <paramref name="folds"/>.
    /// </summary>
    public double[] OutOfFold(bool[] use, int folds)
    {
        var rows = _labels.Length;
        var result = new double[rows];
        for (var f = 0; f < folds; f++)
        {
            var train = Enumerable.Range(0, rows).Where(i => i % folds != f).ToArray();
            var test = Enumerable.Range(0, rows).Where(i => i % folds == f).ToArray();
            var scores = Fit(use, train, test);
            for (var k = 0; k < test.Length; k++) result[test[k]] = 1 / (1 + Math.Exp(-scores[k]));
        }
        return result;
    }

    // Trains on the train rows and returns the raw scores (log-odds) of the test rows.
    private double[] Fit(bool[] use, int[] train, int[] test)
    {
        var n = train.Length;
        var positives = train.Count(i => _labels[i]);
        var prior = Math.Log((positives + 0.5) / (n - positives + 0.5));
        var trainScores = Enumerable.Repeat(prior, n).ToArray();
        var testScores = Enumerable.Repeat(prior, test.Length).ToArray();
        var gradients = new double[n];
        var hessians = new double[n];
        var node = new int[n];
        var testNode = new int[test.Length];
        const int leaves = 1 << Depth;
        var gradientHistogram = new double[leaves / 2 * MaxBins];
        var hessianHistogram = new double[leaves / 2 * MaxBins];
        var countHistogram = new int[leaves / 2 * MaxBins];
        var order = new int[MaxBins];
        // The train rows' bins gathered once per fit: the histogram loops then read memory in order.
        var trainBins = _bins.Select((bins, c) => use[c] ? train.Select(i => bins[i]).ToArray() : []).ToArray();
        var ratio = new double[MaxBins];
        for (var round = 0; round < Rounds; round++)
        {
            for (var i = 0; i < n; i++)
            {
                var p = 1 / (1 + Math.Exp(-trainScores[i]));
                gradients[i] = p - (_labels[train[i]] ? 1 : 0);
                hessians[i] = Math.Max(p * (1 - p), 1e-6);
            }
            Array.Clear(node);
            Array.Clear(testNode);
            for (var depth = 0; depth < Depth; depth++)
            {
                var nodes = 1 << depth;
                var bestGain = new double[nodes];
                var bestColumn = Enumerable.Repeat(-1, nodes).ToArray();
                var bestLeft = new bool[nodes][];
                for (var c = 0; c < _bins.Length; c++)
                {
                    if (!use[c]) continue;
                    var bins = trainBins[c];
                    Array.Clear(gradientHistogram);
                    Array.Clear(hessianHistogram);
                    Array.Clear(countHistogram);
                    for (var i = 0; i < n; i++)
                    {
                        var slot = node[i] * MaxBins + bins[i];
                        gradientHistogram[slot] += gradients[i];
                        hessianHistogram[slot] += hessians[i];
                        countHistogram[slot]++;
                    }
                    for (var v = 0; v < nodes; v++)
                    {
                        var offset = v * MaxBins;
                        double g = 0, h = 0;
                        var count = 0;
                        for (var b = 0; b < MaxBins; b++)
                        {
                            order[b] = b;
                            g += gradientHistogram[offset + b];
                            h += hessianHistogram[offset + b];
                            count += countHistogram[offset + b];
                            ratio[b] = gradientHistogram[offset + b] / (hessianHistogram[offset + b] + L2);
                        }
                        if (count < 2 * MinimumLeafRows) continue;
                        if (_categorical[c]) Array.Sort(ratio, order);
                        var parent = g * g / (h + L2);
                        double gl = 0, hl = 0;
                        var cl = 0;
                        for (var k = 0; k < MaxBins - 1; k++)
                        {
                            var b = order[k];
                            gl += gradientHistogram[offset + b];
                            hl += hessianHistogram[offset + b];
                            cl += countHistogram[offset + b];
                            if (cl < MinimumLeafRows || count - cl < MinimumLeafRows || countHistogram[offset + b] == 0) continue;
                            var gain = gl * gl / (hl + L2) + (g - gl) * (g - gl) / (h - hl + L2) - parent;
                            if (gain <= bestGain[v] + 1e-12) continue;
                            bestGain[v] = gain;
                            bestColumn[v] = c;
                            var left = new bool[MaxBins];
                            for (var j = 0; j <= k; j++) left[order[j]] = true;
                            bestLeft[v] = left;
                        }
                    }
                }
                // Rows of a node without a split all go left, so a node's children keep its rows.
                for (var i = 0; i < n; i++)
                    node[i] = 2 * node[i] + (bestColumn[node[i]] is var c and >= 0 && !bestLeft[node[i]][trainBins[c][i]] ? 1 : 0);
                for (var i = 0; i < test.Length; i++)
                    testNode[i] = 2 * testNode[i] + (bestColumn[testNode[i]] is var c and >= 0 && !bestLeft[testNode[i]][_bins[c][test[i]]] ? 1 : 0);
            }
            var leafGradient = new double[leaves];
            var leafHessian = new double[leaves];
            for (var i = 0; i < n; i++)
            {
                leafGradient[node[i]] += gradients[i];
                leafHessian[node[i]] += hessians[i];
            }
            var value = new double[leaves];
            for (var l = 0; l < leaves; l++) value[l] = -LearningRate * leafGradient[l] / (leafHessian[l] + L2);
            for (var i = 0; i < n; i++) trainScores[i] += value[node[i]];
            for (var i = 0; i < test.Length; i++) testScores[i] += value[testNode[i]];
        }
        return testScores;
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
}
