namespace Pipeline.Modeling.Scoring.Explanation;

/// <summary>
/// One regression tree with the training cover of every node (how many training rows reached it), as exact TreeSHAP
/// needs it. Split node <c>n</c> sends a row left when <c>x[Feature[n]] &lt;= Threshold[n]</c>; a child index ≥ 0 is a
/// split node, a negative one, <c>~k</c>, is leaf <c>k</c>. Leaf values are already multiplied by the tree's weight.
/// </summary>
public sealed record ShapTree(int[] Feature, float[] Threshold, int[] Left, int[] Right, double[] LeafValue, double[] NodeCover, double[] LeafCover)
{
    /// <summary>The tree's expected value under its covers: the base value of its contributions.</summary>
    public double ExpectedValue
    {
        get
        {
            var total = Feature.Length == 0 ? LeafCover[0] : NodeCover[0];
            if (total <= 0) return LeafValue.Average();
            var sum = 0.0;
            for (var k = 0; k < LeafValue.Length; k++) sum += LeafValue[k] * LeafCover[k];
            return sum / total;
        }
    }

    /// <summary>The deepest root-to-leaf path's number of split nodes (computed once: TreeSHAP sizes its scratch by it).</summary>
    public int Depth { get; } = DepthOf(Feature, Left, Right);

    static int DepthOf(int[] feature, int[] left, int[] right)
    {
        if (feature.Length == 0) return 0;
        int Below(int node) => node < 0 ? 0 : 1 + Math.Max(Below(left[node]), Below(right[node]));
        return Below(0);
    }

    /// <summary>The tree's value for <paramref name="features"/>.</summary>
    public double Predict(ReadOnlySpan<float> features)
    {
        if (Feature.Length == 0) return LeafValue[0];
        var node = 0;
        while (node >= 0) node = features[Feature[node]] <= Threshold[node] ? Left[node] : Right[node];
        return LeafValue[~node];
    }

    /// <summary>The covers of every node and leaf, counted by passing <paramref name="rows"/> down the tree.</summary>
    public static (double[] NodeCover, double[] LeafCover) CountCovers(int[] feature, float[] threshold, int[] left, int[] right, int leaves, IEnumerable<float[]> rows)
    {
        var nodeCover = new double[feature.Length];
        var leafCover = new double[leaves];
        foreach (var row in rows)
        {
            if (feature.Length == 0) { leafCover[0]++; continue; }
            var node = 0;
            while (node >= 0)
            {
                nodeCover[node]++;
                node = row[feature[node]] <= threshold[node] ? left[node] : right[node];
            }
            leafCover[~node]++;
        }
        return (nodeCover, leafCover);
    }
}
