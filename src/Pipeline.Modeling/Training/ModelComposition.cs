namespace Pipeline.Modeling.Training;

/// <summary>
/// How the whole-label model and the cause models make one probability: noisy-OR, the probability that at least
/// one of them fires, 1 − Π(1 − pᵢ). A row that any cause model is sure about ranks at the top whatever the others
/// say, and with no cause models the result is the whole-label model's probability unchanged.
/// </summary>
public static class ModelComposition
{
    /// <summary>The noisy-OR of <paramref name="probabilities"/> (one per member model).</summary>
    public static float NoisyOr(ReadOnlySpan<float> probabilities)
    {
        if (probabilities.Length == 1) return probabilities[0];
        var none = 1.0;
        foreach (var p in probabilities) none *= 1.0 - p;
        return (float)(1.0 - none);
    }

    /// <summary>Row-wise noisy-OR of several members' probabilities (each array has one value per row).</summary>
    public static float[] NoisyOr(IReadOnlyList<float[]> memberProbabilities)
    {
        if (memberProbabilities.Count == 1) return memberProbabilities[0];
        var rows = memberProbabilities[0].Length;
        var result = new float[rows];
        Span<float> values = stackalloc float[memberProbabilities.Count];
        for (var i = 0; i < rows; i++)
        {
            for (var m = 0; m < values.Length; m++) values[m] = memberProbabilities[m][i];
            result[i] = NoisyOr(values);
        }
        return result;
    }
}
