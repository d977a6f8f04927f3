namespace Pipeline.Modeling.Evaluation;

/// <summary>The evaluation report's threshold, calibration and score-distribution curves, computed from held-out probabilities and labels.</summary>
public static class ReportCurves
{
    /// <summary>A point of a curve.</summary>
    public readonly record struct Point(double X, double Y);

    /// <summary>Precision, recall and F1 at thresholds 0.01, 0.02, …, 0.99 (a row is positive when its probability ≥ the threshold).</summary>
    public static (IReadOnlyList<Point> Precision, IReadOnlyList<Point> Recall, IReadOnlyList<Point> F1) ThresholdCurve(IReadOnlyList<float> probabilities, IReadOnlyList<bool> labels)
    {
        var positives = labels.Count(l => l);
        var precision = new List<Point>();
        var recall = new List<Point>();
        var f1 = new List<Point>();
        for (var step = 1; step < 100; step++)
        {
            var threshold = step / 100.0;
            int truePositives = 0, predicted = 0;
            for (var i = 0; i < probabilities.Count; i++)
            {
                if (probabilities[i] < threshold) continue;
                predicted++;
                if (labels[i]) truePositives++;
            }
            var r = positives == 0 ? 0 : (double)truePositives / positives;
            recall.Add(new Point(threshold, r));
            if (predicted == 0) continue; // precision is undefined where nothing is flagged
            var p = (double)truePositives / predicted;
            precision.Add(new Point(threshold, p));
            f1.Add(new Point(threshold, p + r == 0 ? 0 : 2 * p * r / (p + r)));
        }
        return (precision, recall, f1);
    }

    /// <summary>One bin of a reliability diagram: the mean predicted probability, the observed positive rate and the row count.</summary>
    public readonly record struct CalibrationBin(double MeanPredicted, double Observed, int Rows);

    /// <summary>The reliability diagram over <paramref name="bins"/> equal-width probability bins (empty bins left out).</summary>
    public static IReadOnlyList<CalibrationBin> Calibration(IReadOnlyList<float> probabilities, IReadOnlyList<bool> labels, int bins = 10)
    {
        var sums = new double[bins];
        var positives = new int[bins];
        var counts = new int[bins];
        for (var i = 0; i < probabilities.Count; i++)
        {
            var b = Math.Clamp((int)(probabilities[i] * bins), 0, bins - 1);
            sums[b] += probabilities[i];
            counts[b]++;
            if (labels[i]) positives[b]++;
        }
        return Enumerable.Range(0, bins).Where(b => counts[b] > 0)
            .Select(b => new CalibrationBin(sums[b] / counts[b], (double)positives[b] / counts[b], counts[b])).ToList();
    }

    /// <summary>The Brier score: the mean squared difference between the probability and the 0/1 label (0 is perfect).</summary>
    public static double Brier(IReadOnlyList<float> probabilities, IReadOnlyList<bool> labels)
    {
        if (probabilities.Count == 0) return double.NaN;
        var sum = 0.0;
        for (var i = 0; i < probabilities.Count; i++)
        {
            var error = probabilities[i] - (labels[i] ? 1.0 : 0.0);
            sum += error * error;
        }
        return sum / probabilities.Count;
    }

    /// <summary>
    /// The share of one class's rows in each of <paramref name="bins"/> equal-width probability bins, as a step curve
    /// (x at each bin's centre), so that a small positive class is as visible as the large negative one.
    /// </summary>
    public static IReadOnlyList<Point> ScoreDistribution(IReadOnlyList<float> probabilities, IReadOnlyList<bool> labels, bool positiveClass, int bins = 20)
    {
        var counts = new int[bins];
        var total = 0;
        for (var i = 0; i < probabilities.Count; i++)
        {
            if (labels[i] != positiveClass) continue;
            counts[Math.Clamp((int)(probabilities[i] * bins), 0, bins - 1)]++;
            total++;
        }
        return Enumerable.Range(0, bins).Select(b => new Point((b + 0.5) / bins, total == 0 ? 0 : (double)counts[b] / total)).ToList();
    }
}
