namespace Pipeline.Modeling.Evaluation;

/// <summary>Threshold-free ranking quality: ROC and precision-recall curves and their areas.</summary>
public static class RankingCurves
{
    /// <summary>One point of a curve.</summary>
    public readonly record struct Point(double X, double Y);

    /// <summary>Area under the ROC curve, with tied scores counted as half (the Mann–Whitney statistic).</summary>
    public static double RocAuc(IReadOnlyList<float> scores, IReadOnlyList<bool> labels)
    {
        var order = SortedDescending(scores);
        long positives = labels.Count(l => l), negatives = labels.Count - positives;
        if (positives == 0 || negatives == 0) return double.NaN;
        double area = 0, negativesAbove = 0;
        for (var i = 0; i < order.Length;)
        {
            // A group of equal scores: its positives rank above the negatives before it and tie with those in it.
            var j = i; long groupPositives = 0, groupNegatives = 0;
            for (; j < order.Length && scores[order[j]] == scores[order[i]]; j++)
                if (labels[order[j]]) groupPositives++; else groupNegatives++;
            area += groupPositives * (negatives - negativesAbove - groupNegatives / 2.0);
            negativesAbove += groupNegatives;
            i = j;
        }
        return area / ((double)positives * negatives);
    }

    /// <summary>Average precision (area under the precision-recall step curve), as scikit-learn computes it.</summary>
    public static double AveragePrecision(IReadOnlyList<float> scores, IReadOnlyList<bool> labels)
    {
        var positives = labels.Count(l => l);
        if (positives == 0) return double.NaN;
        double ap = 0, previousRecall = 0;
        foreach (var (tp, fp) in CountsAtEachThreshold(scores, labels))
        {
            var recall = (double)tp / positives;
            ap += (recall - previousRecall) * tp / (tp + fp);
            previousRecall = recall;
        }
        return ap;
    }

    /// <summary>ROC curve points (false positive rate, true positive rate), one per distinct score.</summary>
    public static IReadOnlyList<Point> RocCurve(IReadOnlyList<float> scores, IReadOnlyList<bool> labels)
    {
        double positives = labels.Count(l => l), negatives = labels.Count - positives;
        var points = new List<Point> { new(0, 0) };
        foreach (var (tp, fp) in CountsAtEachThreshold(scores, labels))
            points.Add(new(negatives == 0 ? 0 : fp / negatives, positives == 0 ? 0 : tp / positives));
        return points;
    }

    /// <summary>Precision-recall curve points (recall, precision), one per distinct score.</summary>
    public static IReadOnlyList<Point> PrecisionRecallCurve(IReadOnlyList<float> scores, IReadOnlyList<bool> labels)
    {
        double positives = labels.Count(l => l);
        var points = new List<Point>();
        foreach (var (tp, fp) in CountsAtEachThreshold(scores, labels))
            points.Add(new(positives == 0 ? 0 : tp / positives, (double)tp / (tp + fp)));
        return points;
    }

    /// <summary>
    /// The threshold maximising F1 when predicting positive for score ≥ threshold, over every distinct score;
    /// a threshold halfway between neighbouring scores so that it generalises to unseen values.
    /// </summary>
    public static (double Threshold, double F1) BestF1Threshold(IReadOnlyList<float> scores, IReadOnlyList<bool> labels)
    {
        var order = SortedDescending(scores);
        var positives = labels.Count(l => l);
        if (positives == 0) return (0.5, 0);
        double bestF1 = -1, bestThreshold = 0.5;
        int tp = 0, fp = 0;
        for (var i = 0; i < order.Length;)
        {
            var score = scores[order[i]];
            for (; i < order.Length && scores[order[i]] == score; i++)
                if (labels[order[i]]) tp++; else fp++;
            var f1 = 2.0 * tp / (2.0 * tp + fp + (positives - tp));
            if (f1 > bestF1)
            {
                bestF1 = f1;
                var next = i < order.Length ? scores[order[i]] : 0f;
                bestThreshold = (score + (double)next) / 2;
            }
        }
        return (bestThreshold, bestF1);
    }

    static IEnumerable<(int TruePositives, int FalsePositives)> CountsAtEachThreshold(IReadOnlyList<float> scores, IReadOnlyList<bool> labels)
    {
        var order = SortedDescending(scores);
        int tp = 0, fp = 0;
        for (var i = 0; i < order.Length;)
        {
            var score = scores[order[i]];
            for (; i < order.Length && scores[order[i]] == score; i++)
                if (labels[order[i]]) tp++; else fp++;
            yield return (tp, fp);
        }
    }

    static int[] SortedDescending(IReadOnlyList<float> scores)
    {
        var order = Enumerable.Range(0, scores.Count).ToArray();
        // Stable order by descending score so ties are grouped deterministically.
        return order.OrderByDescending(i => scores[i]).ThenBy(i => i).ToArray();
    }
}
