using Pipeline.Modeling.Evaluation;

namespace Pipeline.Monitoring;

/// <summary>The production model's measured performance on labelled current data, at its decision threshold.</summary>
/// <param name="ModelVersion">The registry version that scored the rows.</param>
/// <param name="Threshold">The model's decision threshold.</param>
/// <param name="Rows">Labelled rows.</param>
/// <param name="Positives">Positive labels among them.</param>
/// <param name="Accuracy">Accuracy.</param>
/// <param name="Precision">Precision (0 when nothing was predicted positive).</param>
/// <param name="Recall">Recall (0 when there is no positive label).</param>
/// <param name="F1">F1.</param>
public sealed record ActualPerformance(int ModelVersion, double Threshold, int Rows, int Positives, double Accuracy, double Precision, double Recall, double F1)
{
    /// <summary>Measures <paramref name="probabilities"/> against <paramref name="labels"/> at <paramref name="threshold"/>.</summary>
    public static ActualPerformance Measure(int modelVersion, float[] probabilities, bool[] labels, double threshold)
    {
        var confusion = ConfusionMatrix.At(probabilities, labels, threshold);
        return new ActualPerformance(modelVersion, threshold, labels.Length, labels.Count(l => l),
            confusion.Accuracy, confusion.Precision, confusion.Recall, confusion.F1);
    }
}
