using Microsoft.ML;
using Microsoft.ML.Calibrators;
using Microsoft.ML.Trainers.FastTree;
using Pipeline.Modeling.Scoring.Explanation;

namespace Pipeline.Modeling.Scoring;

/// <summary>
/// A tree-ensemble model copied out of ML.NET into flat arrays and evaluated directly: no pipeline, no per-call
/// allocation, no engine to pool, so it is thread-safe and several times faster than a PredictionEngine.
/// Built only when the model is a plain numerical-split tree ensemble followed by a calibrator; the caller checks
/// it against ML.NET's own predictions before trusting it.
/// </summary>
internal sealed class CompiledTreeEnsemble
{
    // All trees' split nodes in one array and all (weighted) leaf values in another, so that evaluation walks
    // contiguous memory. A child index ≥ 0 is a node of the same array; a negative one, ~k, is leaf k.
    readonly Node[] nodes;
    readonly double[] leaves;
    readonly int[] roots;
    readonly double bias;
    readonly ICalibrator calibrator;
    // The trees as trained (leaf values weighted), kept for counting covers and for TreeSHAP; scoring uses the flat arrays.
    readonly Tree[] trees;

    readonly record struct Node(int Feature, float Threshold, int Left, int Right);

    sealed record Tree(int[] Feature, float[] Threshold, int[] Left, int[] Right, double[] Leaf);

    CompiledTreeEnsemble(Tree[] trees, double[] weights, double bias, ICalibrator calibrator)
    {
        var nodeList = new List<Node>();
        var leafList = new List<double>();
        roots = new int[trees.Length];
        for (var t = 0; t < trees.Length; t++)
        {
            var tree = trees[t];
            int nodeBase = nodeList.Count, leafBase = leafList.Count;
            int Map(int child) => child >= 0 ? nodeBase + child : ~(leafBase + ~child);
            // A tree that is a single leaf has no split node: its root points straight at the leaf.
            roots[t] = tree.Feature.Length == 0 ? ~leafBase : nodeBase;
            for (var n = 0; n < tree.Feature.Length; n++)
                nodeList.Add(new Node(tree.Feature[n], tree.Threshold[n], Map(tree.Left[n]), Map(tree.Right[n])));
            leafList.AddRange(tree.Leaf.Select(v => v * weights[t]));
        }
        nodes = nodeList.ToArray();
        leaves = leafList.ToArray();
        this.bias = bias;
        this.calibrator = calibrator;
        this.trees = trees.Select((t, i) => t with { Leaf = t.Leaf.Select(v => v * weights[i]).ToArray() }).ToArray();
    }

    /// <summary>The ensemble's constant term, added to the trees' sum to give the raw score.</summary>
    public double Bias => bias;

    /// <summary>
    /// How many of <paramref name="rows"/> reach each split node and leaf of every tree (in tree order): the covers
    /// that TreeSHAP takes as the distribution of "absent" features.
    /// </summary>
    public IReadOnlyList<TreeCover> CountCovers(IReadOnlyList<float[]> rows) =>
        trees.Select(t =>
        {
            var (node, leaf) = ShapTree.CountCovers(t.Feature, t.Threshold, t.Left, t.Right, t.Leaf.Length, rows);
            return new TreeCover(node.Select(c => (long)c).ToArray(), leaf.Select(c => (long)c).ToArray());
        }).ToList();

    /// <summary>The trees with <paramref name="covers"/> (one per tree, as <see cref="CountCovers"/> made them), or a reason they do not fit.</summary>
    public (ShapTree[]? Trees, string? Problem) WithCovers(IReadOnlyList<TreeCover> covers)
    {
        if (covers.Count != trees.Length) return (null, $"it has covers for {covers.Count} trees but the model has {trees.Length}");
        var result = new ShapTree[trees.Length];
        for (var t = 0; t < trees.Length; t++)
        {
            var (tree, cover) = (trees[t], covers[t]);
            if (cover.Nodes.Length != tree.Feature.Length || cover.Leaves.Length != tree.Leaf.Length)
                return (null, $"tree {t} has {cover.Nodes.Length} node and {cover.Leaves.Length} leaf covers but {tree.Feature.Length} nodes and {tree.Leaf.Length} leaves");
            result[t] = new ShapTree(tree.Feature, tree.Threshold, tree.Left, tree.Right, tree.Leaf,
                cover.Nodes.Select(c => (double)c).ToArray(), cover.Leaves.Select(c => (double)c).ToArray());
        }
        return (result, null);
    }

    /// <summary>The calibrated probability of a raw score (log-odds scale for boosted trees).</summary>
    public float Calibrate(double rawScore) => calibrator.PredictProbability((float)rawScore);

    /// <summary>Every split threshold, per feature: the values where predictions change.</summary>
    public IEnumerable<(int Feature, float Threshold)> Splits => nodes.Select(n => (n.Feature, n.Threshold));

    /// <summary>Copies the ensemble out of <paramref name="model"/>, or returns null when its shape is not supported.</summary>
    public static CompiledTreeEnsemble? TryCompile(ITransformer model)
    {
        var parts = model is IEnumerable<ITransformer> chain ? chain.ToList() : [model];
        if (parts.Count == 0) return null;
        var predictorModel = ModelOf(parts[0]);
        if (predictorModel is null) return null;

        // Either a calibrated predictor (SubModel + Calibrator), or an uncalibrated one followed by a calibrator transformer.
        object? ensembleOwner; ICalibrator? calibrator;
        if (parts.Count == 1)
        {
            ensembleOwner = Property(predictorModel, "SubModel");
            calibrator = Property(predictorModel, "Calibrator") as ICalibrator;
        }
        else if (parts.Count == 2)
        {
            ensembleOwner = predictorModel;
            calibrator = ModelOf(parts[1]) as ICalibrator;
        }
        else return null;

        var ensemble = ensembleOwner switch
        {
            TreeEnsembleModelParametersBasedOnRegressionTree r => (r.TrainedTreeEnsemble.Trees.Cast<RegressionTreeBase>().ToList(), r.TrainedTreeEnsemble.TreeWeights, r.TrainedTreeEnsemble.Bias),
            TreeEnsembleModelParametersBasedOnQuantileRegressionTree q => (q.TrainedTreeEnsemble.Trees.Cast<RegressionTreeBase>().ToList(), q.TrainedTreeEnsemble.TreeWeights, q.TrainedTreeEnsemble.Bias),
            _ => default,
        };
        if (ensemble.Item1 is null || calibrator is null) return null;
        if (ensemble.Item1.Any(t => t.CategoricalSplitFlags.Any(c => c))) return null;

        var compiled = ensemble.Item1.Select(t => new Tree(
            t.NumericalSplitFeatureIndexes.ToArray(), t.NumericalSplitThresholds.ToArray(),
            t.LeftChild.ToArray(), t.RightChild.ToArray(), t.LeafValues.ToArray())).ToArray();
        return new CompiledTreeEnsemble(compiled, ensemble.Item2.ToArray(), ensemble.Item3, calibrator);
    }

    /// <summary>Probability of the positive class for <paramref name="features"/>.</summary>
    public float Predict(ReadOnlySpan<float> features)
    {
        var score = bias;
        var allNodes = nodes;
        foreach (var root in roots)
        {
            var node = root;
            while (node >= 0)
            {
                ref readonly var split = ref allNodes[node];
                node = features[split.Feature] <= split.Threshold ? split.Left : split.Right;
            }
            score += leaves[~node];
        }
        return calibrator.PredictProbability((float)score);
    }

    static object? ModelOf(ITransformer transformer) => Property(transformer, "Model");

    // Generic bases re-declare these properties, so take the most derived declaration.
    static object? Property(object owner, string name) =>
        owner.GetType().GetProperties().FirstOrDefault(p => p.Name == name && p.GetIndexParameters().Length == 0)?.GetValue(owner);
}
