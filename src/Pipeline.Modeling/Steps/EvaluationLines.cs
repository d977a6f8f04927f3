using Pipeline.Modeling.Evaluation;

namespace Pipeline.Modeling.Steps;

/// <summary>The console lines of Evaluate: held-out metrics, one line per slice and per cause.</summary>
static class EvaluationLines
{
    /// <summary>The lines for <paramref name="result"/>, in the order Evaluate prints them.</summary>
    public static IEnumerable<string> Of(EvaluationResult result)
    {
        var metrics = result.Test;
        yield return $"Held-out ({metrics.Rows} rows, {metrics.Positives} positive, threshold {metrics.Threshold:F4}): accuracy {metrics.Accuracy:F4}, precision {metrics.Precision:F4}, recall {metrics.Recall:F4}, F1 {metrics.F1:F4}, ROC AUC {metrics.RocAuc:F4}, PR AUC {metrics.PrAuc:F4}, log-loss {metrics.LogLoss:F4}.";
        foreach (var slice in result.Slices)
            yield return $"  slice {slice.Column}={slice.Value}: {slice.Metrics.Rows} rows, F1 {slice.Metrics.F1:F4}, ROC AUC {slice.Metrics.RocAuc:F4}";
        foreach (var cause in result.Causes)
            yield return $"  cause {cause.Cause}: " + (cause.Occurrences == 0 ? "no held-out row has it" : $"{cause.Detected} of {cause.Occurrences} detected (recall {cause.Recall:F4})") +
                (double.IsNaN(cause.CauseModelRocAuc) ? "" : $", its model's ROC AUC on its flag {cause.CauseModelRocAuc:F4}");
    }
}
