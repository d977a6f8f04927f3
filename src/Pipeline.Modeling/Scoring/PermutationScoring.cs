using System.Text.Json;
using Pipeline.Data.Features;
using Pipeline.Data.Specs;
using Pipeline.Modeling.Evaluation;

namespace Pipeline.Modeling.Scoring;

/// <summary>The evaluation report's permutation importance of a trained model: records turned into features by the spec and scored by the whole model.</summary>
public static class PermutationScoring
{
    /// <summary>
    /// Permutation importance of the model in <paramref name="modelBytes"/> (every member, combined by noisy-OR, as
    /// the service scores) per input field of <paramref name="records"/>, which <paramref name="spec"/> turns into
    /// features, so a derived feature changes with the fields it is computed from.
    /// </summary>
    public static PermutationImportance Of(byte[] modelBytes, string modelPath, DatasetSpec spec,
        IReadOnlyList<IReadOnlyDictionary<string, JsonElement>> records, IReadOnlyList<bool> labels, int repeats = 5, int maxRows = 2000)
    {
        var vectorizer = new FeatureVectorizer(spec);
        using var predictor = FeaturePredictor.Load(modelBytes, modelPath, vectorizer.Width);
        return PermutationImportance.Compute(records, labels, batch => predictor.Predict(batch.Select(vectorizer.Vectorize).ToList()), repeats, maxRows);
    }
}
