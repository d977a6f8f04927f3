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

    FeaturePredictor(MemberPredictor[] members, IReadOnlyList<string> memberNames, int featureCount)
    {
        this.members = members;
        MemberNames = memberNames;
        FeatureCount = featureCount;
    }

    public int FeatureCount { get; }

    /// <summary>The members' names in order: "label" for the whole-label model, then each cause column.</summary>
    public IReadOnlyList<string> MemberNames { get; }

    /// <summary>Number of member models (1 without cause models).</summary>
    public int MemberCount => members.Length;

    /// <summary>True when every member's predictions come from a compiled ensemble rather than ML.NET's engine.</summary>
    public bool IsCompiled => members.All(m => m.IsCompiled);

    /// <summary>Each member's compiled tree ensemble (null for a member that is not one), in <see cref="MemberNames"/> order.</summary>
    public IReadOnlyList<CompiledTreeEnsemble?> Ensembles => members.Select(m => m.Ensemble).ToArray();

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
        if (parts is null) return new FeaturePredictor([MemberPredictor.Load(modelBytes, path, featureCount, allowCompiled)], ["label"], featureCount);
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
        return new FeaturePredictor(loaded.ToArray(), parts.Select(p => p.Name).ToList(), featureCount);
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

    /// <summary>Each member's probability for one vector, in <see cref="MemberNames"/> order.</summary>
    public float[] PredictMembers(float[] features)
    {
        var probabilities = new float[members.Length];
        for (var m = 0; m < members.Length; m++) probabilities[m] = members[m].Predict(features);
        return probabilities;
    }

    /// <summary>Each member's probabilities for many vectors: one array per member, in <see cref="MemberNames"/> order.</summary>
    public float[][] PredictMembers(IReadOnlyList<float[]> rows) => members.Select(m => m.Predict(rows)).ToArray();

    public void Dispose()
    {
        foreach (var member in members) member.Dispose();
    }
}
