namespace Pipeline.Modeling.Configuration;

/// <summary>The names of the held-out metrics the gate compares, as they appear in metrics.json.</summary>
public static class MetricNames
{
    /// <summary>Share of correct predictions.</summary>
    public const string Accuracy = "accuracy";
    /// <summary>Precision of the positive class.</summary>
    public const string Precision = "precision";
    /// <summary>Recall of the positive class.</summary>
    public const string Recall = "recall";
    /// <summary>F1 of the positive class.</summary>
    public const string F1 = "f1";
    /// <summary>Area under the ROC curve.</summary>
    public const string RocAuc = "rocAuc";
    /// <summary>Area under the precision-recall curve (average precision).</summary>
    public const string PrAuc = "prAuc";
    /// <summary>Mean negative log-likelihood of the probabilities (lower is better).</summary>
    public const string LogLoss = "logLoss";

    /// <summary>Every gated metric, in report order.</summary>
    public static readonly IReadOnlyList<string> All = [Accuracy, Precision, Recall, F1, RocAuc, PrAuc, LogLoss];

    /// <summary>True when a larger value of <paramref name="metric"/> is better (all but log-loss).</summary>
    public static bool HigherIsBetter(string metric) => metric != LogLoss;
}
