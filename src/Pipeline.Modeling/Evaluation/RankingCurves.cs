namespace Pipeline.Modeling.Evaluation;

/// <summary>Threshold-free ranking quality: ROC and precision-recall curves and their areas.</summary>
public static class RankingCurves
{
    /// <summary>One point of a curve.</summary>
    public readonly record struct Point(double X, double Y);

    /// <summary>Area under the ROC curve, with tied scores counted as half (the Mann–Whitney statistic).</summary>
    public static double RocAuc(IReadOnlyList<float> scores, IReadOnlyList<bool> labels)
    {
        long positives = labels.Count(l => l), negatives = labels.Count - positives;
        if (positives == 0 || negatives == 0) return double.NaN;
        double area = 0;
        long positivesAbove = 0, negativesAbove = 0;
        foreach (var (_, tp, fp, _) in GroupsOfEqualScores(scores, labels))
        {
            // A group of equal scores: its positives rank above the negatives before it and tie with those in it.
            long groupPositives = tp - positivesAbove, groupNegatives = fp - negativesAbove;
            area += groupPositives * (negatives - negativesAbove - groupNegatives / 2.0);
            (positivesAbove, negativesAbove) = (tp, fp);
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
        var positives = labels.Count(l => l);
        if (positives == 0) return (0.5, 0);
        double bestF1 = -1, bestThreshold = 0.5;
        foreach (var (score, tp, fp, next) in GroupsOfEqualScores(scores, labels))
        {
            var f1 = 2.0 * tp / (2.0 * tp + fp + (positives - tp));
            if (f1 > bestF1)
            {
                bestF1 = f1;
                bestThreshold = (score + (double)next) / 2;
            }
        }
        return (bestThreshold, bestF1);
    }

    static IEnumerable<(int TruePositives, int FalsePositives)> CountsAtEachThreshold(IReadOnlyList<float> scores, IReadOnlyList<bool> labels) =>
        GroupsOfEqualScores(scores, labels).Select(g => (g.TruePositives, g.FalsePositives));

    // Walks the scores from highest to lowest one group of equal scores at a time: the counts are cumulative (rows
    // predicted positive at a threshold equal to the group's score), and NextScore is the next lower score (0 after the last).
    static IEnumerable<(float Score, int TruePositives, int FalsePositives, float NextScore)> GroupsOfEqualScores(
        IReadOnlyList<float> scores, IReadOnlyList<bool> labels)
    {
        var order = SortedDescending(scores);
        int tp = 0, fp = 0;
        for (var i = 0; i < order.Length;)
        {
            var score = scores[order[i]];
            for (; i < order.Length && scores[order[i]] == score; i++)
                if (labels[order[i]]) tp++; else fp++;
            yield return (score, tp, fp, i < order.Length ? scores[order[i]] : 0f);
        }
    }

    static int[] SortedDescending(IReadOnlyList<float> scores)
    {
        var order = Enumerable.Range(0, scores.Count).ToArray();
        // Stable order by descending score so ties are grouped deterministically.
        return order.OrderByDescending(i => scores[i]).ThenBy(i => i).ToArray();
    }
}
