using Pipeline.Data.Randomness;

namespace Pipeline.Monitoring;

/// <summary>One estimated metric with its 95 % interval.</summary>
/// <param name="Estimate">The expected value under the model's probabilities.</param>
/// <param name="Low">The 2.5 % quantile over label draws.</param>
/// <param name="High">The 97.5 % quantile over label draws.</param>
public readonly record struct EstimatedMetric(double Estimate, double Low, double High);

/// <summary>
/// Performance without labels by confidence-based performance estimation (CBPE, as NannyML does it): when the model's
/// probabilities are calibrated, row i is positive with probability p_i, so the expected confusion matrix at the
/// threshold t is TP = Σ_{p≥t} p, FP = Σ_{p≥t} (1 − p), FN = Σ_{p&lt;t} p, TN = Σ_{p&lt;t} (1 − p), and each metric
/// follows from it. The interval draws labels y_i ~ Bernoulli(p_i) (seeded) and takes the metric's 2.5 and 97.5 %
/// quantiles. The estimate holds under covariate shift only (the features move, P(label | features) does not), and
/// only as far as the probabilities are calibrated: <see cref="Calibration"/> checks that on the reference's
/// held-out rows first.
/// </summary>
/// <param name="ModelVersion">The registry version whose probabilities were used.</param>
/// <param name="Threshold">The model's decision threshold.</param>
/// <param name="Rows">Current rows.</param>
/// <param name="Accuracy">Estimated accuracy.</param>
/// <param name="Precision">Estimated precision.</param>
/// <param name="Recall">Estimated recall.</param>
/// <param name="F1">Estimated F1.</param>
/// <param name="Calibration">The check on the reference's held-out rows, and whether the estimate can be trusted.</param>
public sealed record PerformanceEstimate(int ModelVersion, double Threshold, int Rows, EstimatedMetric Accuracy, EstimatedMetric Precision,
    EstimatedMetric Recall, EstimatedMetric F1, CalibrationCheck Calibration)
{
    /// <summary>Label draws for the interval (fewer on very large samples, at least 50).</summary>
    public const int Draws = 200;

    /// <summary>
    /// Estimates the metrics of <paramref name="probabilities"/> at <paramref name="threshold"/>, after checking the
    /// estimate on held-out reference rows (<paramref name="heldOutProbabilities"/>, <paramref name="heldOutLabels"/>).
    /// </summary>
    public static PerformanceEstimate Estimate(int modelVersion, float[] probabilities, double threshold,
        float[] heldOutProbabilities, bool[] heldOutLabels, ulong seed = 20201)
    {
        var calibration = CalibrationCheck.On(heldOutProbabilities, heldOutLabels, threshold);
        var expected = Expected(probabilities, threshold);
        var draws = (int)Math.Clamp(20_000_000L / Math.Max(1, probabilities.Length), 50, Draws);
        var random = new Xoshiro256StarStar(seed);
        var samples = new Metrics[draws];
        for (var d = 0; d < draws; d++)
        {
            double tp = 0, fp = 0, fn = 0, tn = 0;
            foreach (var p in probabilities)
            {
                var positive = random.NextDouble() < p;
                if (p >= threshold) { if (positive) tp++; else fp++; }
                else if (positive) fn++; else tn++;
            }
            samples[d] = Metrics.Of(tp, fp, fn, tn);
        }
        EstimatedMetric Interval(double estimate, Func<Metrics, double> metric)
        {
            var values = samples.Select(metric).Order().ToArray();
            return new EstimatedMetric(estimate, values[(int)Math.Floor(0.025 * (values.Length - 1))], values[(int)Math.Ceiling(0.975 * (values.Length - 1))]);
        }
        return new PerformanceEstimate(modelVersion, threshold, probabilities.Length,
            Interval(expected.Accuracy, m => m.Accuracy), Interval(expected.Precision, m => m.Precision),
            Interval(expected.Recall, m => m.Recall), Interval(expected.F1, m => m.F1), calibration);
    }

    /// <summary>The metrics of the expected confusion matrix of <paramref name="probabilities"/> at <paramref name="threshold"/>.</summary>
    public static Metrics Expected(IReadOnlyList<float> probabilities, double threshold)
    {
        double tp = 0, fp = 0, fn = 0, tn = 0;
        foreach (var p in probabilities)
        {
            if (p >= threshold) { tp += p; fp += 1 - p; }
            else { fn += p; tn += 1 - p; }
        }
        return Metrics.Of(tp, fp, fn, tn);
    }

    /// <summary>Accuracy, precision, recall and F1 of a (possibly fractional) confusion matrix.</summary>
    public readonly record struct Metrics(double Accuracy, double Precision, double Recall, double F1)
    {
        /// <summary>From counts; a ratio with nothing to divide by is 0, as in the evaluation's metrics.</summary>
        public static Metrics Of(double tp, double fp, double fn, double tn)
        {
            var total = tp + fp + fn + tn;
            return new Metrics(total == 0 ? 0 : (tp + tn) / total, tp + fp == 0 ? 0 : tp / (tp + fp), tp + fn == 0 ? 0 : tp / (tp + fn),
                2 * tp + fp + fn == 0 ? 0 : 2 * tp / (2 * tp + fp + fn));
        }
    }
}

/// <summary>
/// Whether the model's probabilities can carry a CBPE estimate: on the reference's held-out rows (labelled, unseen in
/// training), the F1 CBPE estimates is compared with the actual one, and the expected number of positives with the
/// actual number.
/// </summary>
/// <param name="Rows">Held-out rows.</param>
/// <param name="ExpectedPositives">Σ p over them.</param>
/// <param name="ActualPositives">Positive labels among them.</param>
/// <param name="EstimatedF1">CBPE's F1 on them.</param>
/// <param name="ActualF1">The measured F1 on them.</param>
/// <param name="Trusted">Whether |estimated − actual F1| ≤ <see cref="Tolerance"/>.</param>
public sealed record CalibrationCheck(int Rows, double ExpectedPositives, int ActualPositives, double EstimatedF1, double ActualF1, bool Trusted)
{
    /// <summary>The largest F1 error on held-out rows at which the estimate is still reported as trustworthy.</summary>
    public const double Tolerance = 0.05;

    /// <summary>A sentence for the log and the report.</summary>
    public string Verdict => Trusted
        ? $"calibration checked on {Rows:N0} held-out reference rows: estimated F1 {EstimatedF1:F3} vs actual {ActualF1:F3}, {ExpectedPositives:F1} positives expected vs {ActualPositives} found"
        : $"cannot be trusted: on {Rows:N0} held-out reference rows CBPE estimates F1 {EstimatedF1:F3} where the actual is {ActualF1:F3} (more than {Tolerance} apart; {ExpectedPositives:F1} positives expected vs {ActualPositives} found), so the model's probabilities are not calibrated enough";

    /// <summary>Checks <paramref name="probabilities"/> against <paramref name="labels"/> at <paramref name="threshold"/>.</summary>
    public static CalibrationCheck On(float[] probabilities, bool[] labels, double threshold)
    {
        var estimated = PerformanceEstimate.Expected(probabilities, threshold).F1;
        double tp = 0, fp = 0, fn = 0, tn = 0;
        for (var i = 0; i < labels.Length; i++)
        {
            if (probabilities[i] >= threshold) { if (labels[i]) tp++; else fp++; }
            else if (labels[i]) fn++; else tn++;
        }
        var actual = PerformanceEstimate.Metrics.Of(tp, fp, fn, tn).F1;
        return new CalibrationCheck(labels.Length, probabilities.Sum(p => (double)p), labels.Count(l => l), estimated, actual,
            labels.Length > 0 && Math.Abs(estimated - actual) <= Tolerance);
    }
}
