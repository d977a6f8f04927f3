using Pipeline.Modeling.Scoring.Explanation;

namespace Pipeline.Modeling.Tests.Explanation;

public sealed class TreeShapTests
{
    // A random tree of the given depth over `features` features, with covers from random rows passed down it.
    private static ShapTree RandomTree(Random random, int features, int depth, float[][] rows)
    {
        var feature = new List<int>();
        var threshold = new List<float>();
        var left = new List<int>();
        var right = new List<int>();
        var leaves = new List<double>();
        int Build(int level)
        {
            if (level == depth || (level > 0 && random.NextDouble() < 0.2))
            {
                leaves.Add(Math.Round(random.NextDouble() * 4 - 2, 3));
                return ~(leaves.Count - 1);
            }
            var index = feature.Count;
            feature.Add(random.Next(features));
            threshold.Add((float)random.NextDouble());
            left.Add(0);
            right.Add(0);
            left[index] = Build(level + 1);
            right[index] = Build(level + 1);
            return index;
        }
        Build(0);
        var (nodeCover, leafCover) = ShapTree.CountCovers(feature.ToArray(), threshold.ToArray(), left.ToArray(), right.ToArray(), leaves.Count, rows);
        // Smoothing keeps every cover positive, as a trained tree's are.
        return Consistent(new ShapTree(feature.ToArray(), threshold.ToArray(), left.ToArray(), right.ToArray(), leaves.ToArray(),
            nodeCover, leafCover.Select(c => c + 1).ToArray()));
    }

    // Node covers recomputed as the sum of their children's, so the smoothed covers stay consistent.
    private static ShapTree Consistent(ShapTree tree)
    {
        var node = new double[tree.Feature.Length];
        double Cover(int child) => child >= 0 ? Fill(child) : tree.LeafCover[~child];
        double Fill(int n) => node[n] = Cover(tree.Left[n]) + Cover(tree.Right[n]);
        if (tree.Feature.Length > 0) Fill(0);
        return tree with { NodeCover = node };
    }

    // E[f(x) | x_S] as path-dependent TreeSHAP defines it: follow x on features in S, else average children by cover.
    private static double Conditional(ShapTree tree, float[] x, int subset)
    {
        double Value(int node)
        {
            if (node < 0) return tree.LeafValue[~node];
            var f = tree.Feature[node];
            if ((subset & (1 << f)) != 0) return Value(x[f] <= tree.Threshold[node] ? tree.Left[node] : tree.Right[node]);
            double Cover(int child) => child >= 0 ? tree.NodeCover[child] : tree.LeafCover[~child];
            var l = tree.Left[node];
            var r = tree.Right[node];
            return (Value(l) * Cover(l) + Value(r) * Cover(r)) / (Cover(l) + Cover(r));
        }
        return tree.Feature.Length == 0 ? tree.LeafValue[0] : Value(0);
    }

    private static double[] BruteForceShapley(ShapTree tree, float[] x, int features)
    {
        var phi = new double[features];
        double Factorial(int n) => n <= 1 ? 1 : n * Factorial(n - 1);
        for (var i = 0; i < features; i++)
            for (var subset = 0; subset < 1 << features; subset++)
            {
                if ((subset & (1 << i)) != 0) continue;
                var size = System.Numerics.BitOperations.PopCount((uint)subset);
                var weight = Factorial(size) * Factorial(features - size - 1) / Factorial(features);
                phi[i] += weight * (Conditional(tree, x, subset | (1 << i)) - Conditional(tree, x, subset));
            }
        return phi;
    }

    [Fact]
    public void Contributions_EqualTheExactShapleyValues_OnRandomTreesWithRepeatedFeatures()
    {
        var random = new Random(11);
        const int features = 5;
        var rows = Enumerable.Range(0, 300).Select(_ => Enumerable.Range(0, features).Select(_ => (float)random.NextDouble()).ToArray()).ToArray();
        for (var trial = 0; trial < 60; trial++)
        {
            var tree = RandomTree(random, features, depth: 1 + trial % 6, rows);
            var x = Enumerable.Range(0, features).Select(_ => (float)random.NextDouble()).ToArray();
            var phi = new double[features];

            TreeShap.Accumulate(tree, x, phi);

            var expected = BruteForceShapley(tree, x, features);
            for (var f = 0; f < features; f++) Assert.Equal(expected[f], phi[f], 1e-9);
        }
    }

    [Fact]
    public void ContributionsPlusTheExpectedValue_AddUpToThePrediction()
    {
        var random = new Random(5);
        const int features = 8;
        var rows = Enumerable.Range(0, 500).Select(_ => Enumerable.Range(0, features).Select(_ => (float)random.NextDouble()).ToArray()).ToArray();
        var trees = Enumerable.Range(0, 40).Select(t => RandomTree(random, features, depth: 2 + t % 7, rows)).ToList();
        for (var record = 0; record < 200; record++)
        {
            var x = Enumerable.Range(0, features).Select(_ => (float)random.NextDouble()).ToArray();
            var phi = new double[features];
            foreach (var tree in trees) TreeShap.Accumulate(tree, x, phi);

            var prediction = trees.Sum(t => t.Predict(x));
            var baseValue = trees.Sum(t => t.ExpectedValue);
            Assert.Equal(prediction, baseValue + phi.Sum(), 1e-9);
        }
    }

    [Fact]
    public void AFeatureTheTreeNeverSplitsOn_ContributesNothing_AndASingleLeafTreeNothingAtAll()
    {
        var tree = new ShapTree([0], [0.5f], [~0], [~1], [1.0, 3.0], [10], [4, 6]);
        var leaf = new ShapTree([], [], [], [], [2.5], [], [10]);
        var phi = new double[3];

        TreeShap.Accumulate(tree, [0.9f, 0.1f, 0.1f], phi);
        TreeShap.Accumulate(leaf, [0.9f, 0.1f, 0.1f], phi);

        // E = (1·4 + 3·6)/10 = 2.2; x goes right → 3; all of the 0.8 difference is feature 0's.
        Assert.Equal([0.8, 0, 0], phi.Select(p => Math.Round(p, 12)));
        Assert.Equal(2.2, tree.ExpectedValue, 12);
        Assert.Equal(2.5, leaf.ExpectedValue, 12);
    }
}
