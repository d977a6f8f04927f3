using Pipeline.Modeling.Registry;
using Pipeline.Modeling.Training;

namespace Pipeline.Modeling.Steps;

/// <summary>
/// The model file Train wrote, as Evaluate and Register read it: a model.zip truncated or replaced since would
/// otherwise be scored, or registered and promoted, under Train's run id and metrics. The file is read once, so the
/// bytes Evaluate scores are the bytes whose hash was checked.
/// </summary>
static class TrainedModelFile
{
    /// <summary>The bytes and SHA-256 of the workspace's model.zip, checked against <paramref name="summary"/>.</summary>
    /// <exception cref="ModelingException">The file is missing or not the one Train wrote.</exception>
    public static (byte[] Bytes, string Sha256) Read(Workspace workspace, TrainingSummary summary)
    {
        var path = workspace.ModelPath;
        if (!File.Exists(path))
            throw new ModelingException($"The trained model {path} does not exist; run the Train target first.");
        var bytes = File.ReadAllBytes(path);
        var actual = ModelFileIntegrity.Sha256Of(bytes);
        if (summary.ModelSha256.Length > 0 && !string.Equals(actual, summary.ModelSha256, StringComparison.OrdinalIgnoreCase))
            throw new ModelingException(
                $"The trained model {path} ({bytes.Length} bytes, SHA-256 {actual[..12]}…) is not the file Train wrote " +
                $"in run {summary.Lineage.RunId} (SHA-256 {summary.ModelSha256[..Math.Min(12, summary.ModelSha256.Length)]}…): it was truncated or modified since; run the Train target again.");
        return (bytes, actual);
    }
}
