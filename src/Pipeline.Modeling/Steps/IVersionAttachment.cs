using Pipeline.Data.Features;
using Pipeline.Data.Loading;

namespace Pipeline.Modeling.Steps;

/// <summary>
/// A file that Register computes for each new version and stores in it, so the version's digest covers it (e.g. the
/// live-drift reference the scoring service reads). Implemented outside Modeling by what owns the file's meaning.
/// </summary>
public interface IVersionAttachment
{
    /// <summary>The file's name inside the version folder (a <c>RegistryLayout</c> name).</summary>
    string FileName { get; }

    /// <summary>The file's text for a model trained on <paramref name="data"/>.</summary>
    /// <param name="data">The training data (all rows; the attachment splits it as it needs).</param>
    /// <param name="modelThreshold">The model's decision threshold.</param>
    /// <param name="probabilities">Scores a sample's rows with the trained model.</param>
    string Create(Dataset data, double modelThreshold, Func<FeatureSample, float[]> probabilities);
}
