namespace Pipeline.Modeling.Scoring.Explanation;

/// <summary>
/// Exact path-dependent TreeSHAP (Lundberg, Erion et al. 2018/2020): the Shapley value of every feature for one
/// prediction of a tree, in polynomial time, with "absent" features marginalised along the tree's training covers.
/// For each tree, <c>ExpectedValue + Σ contributions = the tree's value</c> exactly (up to floating point), so the
/// contributions of an ensemble add up to its raw score. ML.NET's feature contribution calculator is not additive,
/// which is why this is computed here on the compiled trees.
/// </summary>
public static class TreeShap
{
    // One element of the path of unique features from the root to the current node: the feature, the fraction of
    // "zero" paths (feature absent: follow covers) and "one" paths (feature present: follow x) through it, and the
    // permutation weight of subsets of the path's size.
    private struct PathElement
    {
        public int Feature;
        public double ZeroFraction;
        public double OneFraction;
        public double Weight;
    }

    [ThreadStatic] private static PathElement[]? threadScratch;

    /// <summary>
    /// Adds the contributions of <paramref name="tree"/> for <paramref name="features"/> to <paramref name="contributions"/>
    /// (one slot per feature).
    /// </summary>
    public static void Accumulate(ShapTree tree, ReadOnlySpan<float> features, Span<double> contributions)
    {
        if (tree.Feature.Length == 0) return; // a single leaf: every feature contributes nothing
        var depth = tree.Depth;
        // Each recursion level gets its own copy of the path; the copies are laid out one after another. The buffer is
        // reused per thread: explaining a record walks hundreds of trees, and online use should not allocate per tree.
        var size = (depth + 2) * (depth + 3) / 2;
        var scratch = threadScratch is { } cached && cached.Length >= size ? cached : threadScratch = new PathElement[size];
        Recurse(tree, features, contributions, scratch, 0, node: 0, uniqueDepth: 0, parentStart: 0, parentZero: 1, parentOne: 1, parentFeature: -1);
    }

    private static void Recurse(ShapTree tree, ReadOnlySpan<float> x, Span<double> phi, PathElement[] paths, int start,
        int node, int uniqueDepth, int parentStart, double parentZero, double parentOne, int parentFeature)
    {
        // This level's path starts after the parent's, and begins as a copy of it.
        if (start != parentStart) Array.Copy(paths, parentStart, paths, start, uniqueDepth);
        var path = paths.AsSpan(start, uniqueDepth + 1);
        Extend(path, uniqueDepth, parentZero, parentOne, parentFeature);

        if (node < 0)
        {
            var value = tree.LeafValue[~node];
            for (var i = 1; i <= uniqueDepth; i++)
            {
                var weight = UnwoundSum(path, uniqueDepth, i);
                phi[path[i].Feature] += weight * (path[i].OneFraction - path[i].ZeroFraction) * value;
            }
            return;
        }

        var feature = tree.Feature[node];
        var goesLeft = x[feature] <= tree.Threshold[node];
        int hot = goesLeft ? tree.Left[node] : tree.Right[node], cold = goesLeft ? tree.Right[node] : tree.Left[node];
        var cover = tree.NodeCover[node];
        double Cover(int child) => child >= 0 ? tree.NodeCover[child] : tree.LeafCover[~child];
        var hotZero = cover > 0 ? Cover(hot) / cover : 0;
        var coldZero = cover > 0 ? Cover(cold) / cover : 0;

        // A feature met again on the path is undone first, so that each feature appears once on it.
        double incomingZero = 1, incomingOne = 1;
        var pathIndex = 0;
        while (pathIndex <= uniqueDepth && path[pathIndex].Feature != feature) pathIndex++;
        if (pathIndex <= uniqueDepth)
        {
            incomingZero = path[pathIndex].ZeroFraction;
            incomingOne = path[pathIndex].OneFraction;
            Unwind(path, uniqueDepth, pathIndex);
            uniqueDepth--;
        }
        var childStart = start + uniqueDepth + 2;
        Recurse(tree, x, phi, paths, childStart, hot, uniqueDepth + 1, start, hotZero * incomingZero, incomingOne, feature);
        Recurse(tree, x, phi, paths, childStart, cold, uniqueDepth + 1, start, coldZero * incomingZero, 0, feature);
    }

    private static void Extend(Span<PathElement> path, int uniqueDepth, double zero, double one, int feature)
    {
        path[uniqueDepth] = new PathElement { Feature = feature, ZeroFraction = zero, OneFraction = one, Weight = uniqueDepth == 0 ? 1 : 0 };
        for (var i = uniqueDepth - 1; i >= 0; i--)
        {
            path[i + 1].Weight += one * path[i].Weight * (i + 1) / (uniqueDepth + 1);
            path[i].Weight = zero * path[i].Weight * (uniqueDepth - i) / (uniqueDepth + 1);
        }
    }

    private static void Unwind(Span<PathElement> path, int uniqueDepth, int pathIndex)
    {
        var one = path[pathIndex].OneFraction;
        var zero = path[pathIndex].ZeroFraction;
        var next = path[uniqueDepth].Weight;
        for (var i = uniqueDepth - 1; i >= 0; i--)
        {
            if (one != 0)
            {
                var previous = path[i].Weight;
                path[i].Weight = next * (uniqueDepth + 1) / ((i + 1) * one);
                next = previous - path[i].Weight * zero * (uniqueDepth - i) / (uniqueDepth + 1);
            }
            else
            {
                path[i].Weight = path[i].Weight * (uniqueDepth + 1) / (zero * (uniqueDepth - i));
            }
        }
        for (var i = pathIndex; i < uniqueDepth; i++)
        {
            path[i].Feature = path[i + 1].Feature;
            path[i].ZeroFraction = path[i + 1].ZeroFraction;
            path[i].OneFraction = path[i + 1].OneFraction;
        }
    }

    // The total weight of the path with element pathIndex removed, without changing the path.
    private static double UnwoundSum(ReadOnlySpan<PathElement> path, int uniqueDepth, int pathIndex)
    {
        var one = path[pathIndex].OneFraction;
        var zero = path[pathIndex].ZeroFraction;
        var next = path[uniqueDepth].Weight;
        var total = 0.0;
        for (var i = uniqueDepth - 1; i >= 0; i--)
        {
            if (one != 0)
            {
                var weight = next * (uniqueDepth + 1) / ((i + 1) * one);
                total += weight;
                next = path[i].Weight - weight * zero * (uniqueDepth - i) / (uniqueDepth + 1);
            }
            else
            {
                total += path[i].Weight / zero * (uniqueDepth + 1) / (uniqueDepth - i);
            }
        }
        return total;
    }
}
