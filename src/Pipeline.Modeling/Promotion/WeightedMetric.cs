using Pipeline.Modeling.Configuration;

namespace Pipeline.Modeling.Promotion;

/// <summary>
/// A metric of one model on a bootstrap resample, given as a count per row (how often the resample drew it), so a
/// resample costs one pass over rows pre-sorted by score instead of a sort. With every count 1 it equals the
/// metrics of <see cref="Evaluation.BinaryMetrics"/>.
/// </summary>
internal sealed class WeightedMetric
{
    readonly string metric;
    readonly IReadOnlyList<float> scores;
    readonly IReadOnlyList<bool> labels;
    readonly double threshold;
    readonly int[] descending;

    public WeightedMetric(string metric, IReadOnlyList<float> scores, IReadOnlyList<bool> labels, double threshold)
    {
        this.metric = metric;
        this.scores = scores;
        this.labels = labels;
        this.threshold = threshold;
        descending = Enumerable.Range(0, scores.Count).OrderByDescending(i => scores[i]).ThenBy(i => i).ToArray();
    }

    public double On(int[] counts) => metric switch
    {
        MetricNames.RocAuc => RocAuc(counts),
        MetricNames.PrAuc => AveragePrecision(counts),
        MetricNames.LogLoss => LogLoss(counts),
        _ => AtThreshold(counts),
    };

    double AtThreshold(int[] counts)
    {
        double tp = 0, fp = 0, tn = 0, fn = 0;
        for (var i = 0; i < counts.Length; i++)
        {
            if (counts[i] == 0) continue;
            var predicted = scores[i] >= threshold;
            if (predicted && labels[i]) tp += counts[i];
            else if (predicted) fp += counts[i];
            else if (labels[i]) fn += counts[i];
            else tn += counts[i];
        }
        return metric switch
        {
            MetricNames.Accuracy => (tp + tn) / (tp + fp + tn + fn),
            MetricNames.Precision => tp + fp == 0 ? 0 : tp / (tp + fp),
            MetricNames.Recall => tp + fn == 0 ? double.NaN : tp / (tp + fn),
            _ => tp == 0 ? (tp + fn == 0 ? double.NaN : 0) : 2 * tp / (2 * tp + fp + fn),
        };
    }

    double RocAuc(int[] counts)
    {
        double positives = 0, negatives = 0;
        for (var i = 0; i < counts.Length; i++) if (labels[i]) positives += counts[i]; else negatives += counts[i];
        if (positives == 0 || negatives == 0) return double.NaN;
        double area = 0, negativesAbove = 0;
        for (var k = 0; k < descending.Length;)
        {
            var score = scores[descending[k]];
            double groupPositives = 0, groupNegatives = 0;
            for (; k < descending.Length && scores[descending[k]] == score; k++)
            {
                var row = descending[k];
                if (labels[row]) groupPositives += counts[row]; else groupNegatives += counts[row];
            }
            area += groupPositives * (negatives - negativesAbove - groupNegatives / 2.0);
            negativesAbove += groupNegatives;
        }
        return area / (positives * negatives);
    }

    double AveragePrecision(int[] counts)
    {
        double positives = 0;
        for (var i = 0; i < counts.Length; i++) if (labels[i]) positives += counts[i];
        if (positives == 0) return double.NaN;
        double ap = 0, previousRecall = 0, tp = 0, fp = 0;
        for (var k = 0; k < descending.Length;)
        {
            var score = scores[descending[k]];
            double group = 0;
            for (; k < descending.Length && scores[descending[k]] == score; k++)
            {
                var row = descending[k];
                group += counts[row];
                if (labels[row]) tp += counts[row]; else fp += counts[row];
            }
            if (group == 0) continue; // no row of this score was drawn: no threshold here
            var recall = tp / positives;
            ap += (recall - previousRecall) * tp / (tp + fp);
            previousRecall = recall;
        }
        return ap;
    }

    double LogLoss(int[] counts)
    {
        const double eps = 1e-15;
        double sum = 0, rows = 0;
        for (var i = 0; i < counts.Length; i++)
        {
            if (counts[i] == 0) continue;
            var p = Math.Clamp(scores[i], eps, 1 - eps);
            sum -= counts[i] * (labels[i] ? Math.Log(p) : Math.Log(1 - p));
            rows += counts[i];
        }
        return rows == 0 ? double.NaN : sum / rows;
    }
}
