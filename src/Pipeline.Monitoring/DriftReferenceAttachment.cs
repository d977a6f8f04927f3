using Pipeline.Data.Features;
using Pipeline.Data.Loading;
using Pipeline.Data.Splitting;
using Pipeline.Modeling.Registry;
using Pipeline.Modeling.Steps;

namespace Pipeline.Monitoring;

/// <summary>
/// Computes a trained model's <see cref="StoredDriftReference"/> (Train writes it beside the model, Register stores it
/// in the version): the same training split, bins and scores CheckDrift would compute from the training data, under
/// the bins of <c>models/&lt;dataset&gt;/drift.json</c>.
/// </summary>
/// <param name="settingsPath">The dataset's drift settings (defaults apply without the file).</param>
public sealed class DriftReferenceAttachment(string settingsPath) : IVersionAttachment
{
    /// <inheritdoc/>
    public string FileName => RegistryLayout.DriftReferenceFile;

    /// <inheritdoc/>
    public string Create(Dataset data, double modelThreshold, Func<FeatureSample, float[]> probabilities) =>
        Build(data, probabilities).ToJson();

    /// <summary>The stored reference of a model trained on <paramref name="data"/>.</summary>
    /// <exception cref="Pipeline.Data.DataException">The drift settings are invalid.</exception>
    public StoredDriftReference Build(Dataset data, Func<FeatureSample, float[]> probabilities)
    {
        var settings = DriftSettings.LoadOrDefault(settingsPath);
        var (trainRows, testRows) = StratifiedSplit.Split(data, data.Spec);
        var referenceRows = trainRows.Order().ToArray();
        var heldOutRows = testRows.Order().ToArray();
        var sample = FeatureSample.FromDataset(data, referenceRows);
        var reference = new DriftReference(sample, settings, probabilities(sample));
        var labels = data.Labels;
        return reference.ToStored(data.ContentHash, probabilities(FeatureSample.FromDataset(data, heldOutRows)),
            Array.ConvertAll(heldOutRows, r => labels[r]), Array.ConvertAll(referenceRows, r => labels[r]));
    }
}
