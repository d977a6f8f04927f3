using Pipeline.Modeling.Training;

namespace Pipeline.Modeling.Scoring;

/// <summary>
/// Scores feature vectors with a saved model, safely from many threads: a plain ML.NET model, or a
/// <see cref="CompositeModelFile"/> whose members (the whole-label model and the cause models) are scored one by
/// one and combined by <see cref="ModelComposition.NoisyOr(ReadOnlySpan{float})"/>.
/// </summary>
internal sealed class FeaturePredictor : IDisposable
{
    readonly MemberPredictor[] members;

    FeaturePredictor(MemberPredictor[] members, int featureCount)
    {
        this.members = members;
        FeatureCount = featureCount;
    }

    public int FeatureCount { get; }

    /// <summary>Number of member models (1 without cause models).</summary>
    public int MemberCount => members.Length;

    /// <summary>True when every member's predictions come from a compiled ensemble rather than ML.NET's engine.</summary>
    public bool IsCompiled => members.All(m => m.IsCompiled);

    /// <summary>Loads the model file at <paramref name="path"/>, as <see cref="TrainedModel.Save"/> wrote it.</summary>
    public static FeaturePredictor Load(string path, int featureCount, bool allowCompiled = true)
    {
        if (!File.Exists(path))
            throw new ModelingException($"Model file {path} does not exist; run the Train target first.");
        return Load(File.ReadAllBytes(path), path, featureCount, allowCompiled);
    }

    /// <summary>Loads a model from <paramref name="modelBytes"/> already read from <paramref name="path"/> (named in messages).</summary>
    /// <exception cref="ModelingException">The bytes are not a readable model: truncated, corrupted, or a damaged composite.</exception>
    public static FeaturePredictor Load(byte[] modelBytes, string path, int featureCount, bool allowCompiled = true)
    {
        var parts = CompositeModelFile.TryRead(modelBytes, path);
        if (parts is null) return new FeaturePredictor([MemberPredictor.Load(modelBytes, path, featureCount, allowCompiled)], featureCount);
        var loaded = new List<MemberPredictor>();
        try
        {
            foreach (var (name, bytes) in parts) loaded.Add(MemberPredictor.Load(bytes, $"{path} (member '{name}')", featureCount, allowCompiled));
        }
        catch
        {
            foreach (var member in loaded) member.Dispose();
            throw;
        }
        return new FeaturePredictor(loaded.ToArray(), featureCount);
    }

    /// <summary>Probability of the positive class for one feature vector.</summary>
    public float Predict(float[] features)
    {
        if (members.Length == 1) return members[0].Predict(features);
        Span<float> probabilities = stackalloc float[members.Length];
        for (var m = 0; m < members.Length; m++) probabilities[m] = members[m].Predict(features);
        return ModelComposition.NoisyOr(probabilities);
    }

    /// <summary>Probabilities for many vectors.</summary>
    public float[] Predict(IReadOnlyList<float[]> rows) =>
        members.Length == 1 ? members[0].Predict(rows) : ModelComposition.NoisyOr(members.Select(m => m.Predict(rows)).ToList());

    /// <summary>Each member's probability for one vector, whole-label model first (for tests and diagnostics).</summary>
    internal float[] PredictMembers(float[] features) => members.Select(m => m.Predict(features)).ToArray();

    public void Dispose()
    {
        foreach (var member in members) member.Dispose();
    }
}
