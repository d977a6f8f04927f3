using Pipeline.Modeling.Configuration;

namespace Pipeline.Modeling.Evaluation;

/// <summary>The held-out metrics of a binary classifier at a decision threshold.</summary>
public sealed record BinaryMetrics(
    double Accuracy, double Precision, double Recall, double F1,
    double RocAuc, double PrAuc, double LogLoss,
    ConfusionMatrix Confusion, double Threshold, int Rows, int Positives)
{
    /// <summary>Computes every metric from predicted probabilities and true labels.</summary>
    public static BinaryMetrics Compute(IReadOnlyList<float> probabilities, IReadOnlyList<bool> labels, double threshold)
    {
        var confusion = ConfusionMatrix.At(probabilities, labels, threshold);
        return new BinaryMetrics(
            confusion.Accuracy, confusion.Precision, confusion.Recall, confusion.F1,
            RankingCurves.RocAuc(probabilities, labels), RankingCurves.AveragePrecision(probabilities, labels),
            LogLossOf(probabilities, labels), confusion, threshold, labels.Count, labels.Count(l => l));
    }

    /// <summary>The gated metrics by their <see cref="MetricNames"/> name.</summary>
    public IReadOnlyDictionary<string, double> ByName => new Dictionary<string, double>
    {
        [MetricNames.Accuracy] = Accuracy,
        [MetricNames.Precision] = Precision,
        [MetricNames.Recall] = Recall,
        [MetricNames.F1] = F1,
        [MetricNames.RocAuc] = RocAuc,
        [MetricNames.PrAuc] = PrAuc,
        [MetricNames.LogLoss] = LogLoss,
    };

    static double LogLossOf(IReadOnlyList<float> probabilities, IReadOnlyList<bool> labels)
    {
        if (labels.Count == 0) return 0;
        const double eps = 1e-15;
        double sum = 0;
        for (var i = 0; i < labels.Count; i++)
        {
            var p = Math.Clamp(probabilities[i], eps, 1 - eps);
            sum -= labels[i] ? Math.Log(p) : Math.Log(1 - p);
        }
        return sum / labels.Count;
    }
}
