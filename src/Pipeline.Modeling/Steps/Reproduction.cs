using Pipeline.Data.Loading;
using Pipeline.Data.Specs;
using Pipeline.Modeling.Registry;
using Pipeline.Modeling.Training;

namespace Pipeline.Modeling.Steps;

/// <summary>
/// Data versioning with a shared (OCI) registry: Register pushes the training data beside the model, deduplicated by
/// digest; <c>./build.sh Train --reproduce --model-version N</c> on another machine pulls that data (verified) and
/// retrains, and the result must be the very model of version N (the same SHA-256), or the build says what differs.
/// </summary>
public sealed class Reproduction(Workspace workspace, StepLog log)
{
    /// <summary>
    /// Pushes the data <paramref name="data"/> was loaded from to the registry when it is an OCI registry: the --data
    /// file, or the spec's simulated source written out as the same bytes. Returns its digest, or null for a folder registry.
    /// </summary>
    public string? PushTrainingData(Dataset data, string? dataPath)
    {
        using var registry = workspace.OpenRegistry();
        if (registry is not OciModelRegistry shared) return null;
        var file = dataPath;
        if (file is null)
        {
            if (data.Spec.Source?.Simulator is null)
                throw new ModelingException($"The data of {data.Spec.Name} has no file to push to {registry.Location}; give it with --data.");
            file = Path.Combine(workspace.TrainingDirectory, "training-data.csv");
            SpecSimulation.WriteCsv(data.Spec, data.Spec.Source.Simulator.Rows, null, null, file);
        }
        var digest = shared.PushData(file);
        if (digest != "sha256:" + data.ContentHash)
            log.Warn($"The pushed data file {file} has digest {digest}, not the loaded data's sha256:{data.ContentHash}; --reproduce will not find it by the version's data hash.");
        else
            log.Info($"Pushed the training data ({new FileInfo(file).Length:N0} bytes, {digest[..19]}…) to {registry.Location} for --reproduce.");
        return digest;
    }

    /// <summary>Pulls the training data of <paramref name="version"/> into the workspace and returns its path.</summary>
    /// <exception cref="ModelingException">The registry is a folder (nothing to pull), or holds no data for the version.</exception>
    public string FetchTrainingData(int version)
    {
        using var registry = workspace.OpenRegistry();
        if (registry is not OciModelRegistry shared)
            throw new ModelingException($"--reproduce needs a shared OCI registry (--model-registry oci://… or oci+http://…) that holds version {version}'s training data; {registry.Location} is a folder.");
        var metadata = registry.Metadata(version);
        var digest = OciModelRegistry.DataDigestOf(metadata)
            ?? throw new ModelingException($"Version {version} in {registry.Location} records no data hash, so its training data cannot be found.");
        var path = Path.Combine(workspace.TrainingDirectory, "reproduce", $"{digest["sha256:".Length..][..12]}.csv");
        if (!File.Exists(path)) shared.PullData(digest, path);
        log.Info($"Reproducing version {version}: its training data {digest[..19]}… ({metadata.Lineage.DataSource}) is {path}.");
        return path;
    }

    /// <summary>Checks that Train reproduced <paramref name="version"/>: the same configuration and the same model bytes.</summary>
    /// <exception cref="ModelingException">The configuration or the model differs, with both hashes.</exception>
    public void RequireReproduced(int version)
    {
        using var registry = workspace.OpenRegistry();
        var metadata = registry.Metadata(version);
        var summary = TrainingSummary.Read(workspace.TrainingSummaryPath);
        if (summary.Lineage.ConfigHash != metadata.Lineage.ConfigHash)
            throw new ModelingException($"Version {version} was trained with configuration {Short(metadata.Lineage.ConfigHash)} (commit {metadata.Lineage.GitCommit}), but {workspace.ConfigurationPath} is {Short(summary.Lineage.ConfigHash)}; check out that commit to reproduce it.");
        if (!string.Equals(summary.ModelSha256, metadata.ModelSha256, StringComparison.OrdinalIgnoreCase))
            throw new ModelingException($"Train did not reproduce version {version}: the model's SHA-256 is {Short(summary.ModelSha256)}, the version's {Short(metadata.ModelSha256)} (data {Short(summary.Lineage.DataHash)} vs {Short(metadata.Lineage.DataHash)}).");
        log.Info($"Reproduced version {version}: the same model, SHA-256 {Short(metadata.ModelSha256)}, from the same data and configuration.");
    }

    static string Short(string hash) => hash.Length > 12 ? hash[..12] + "…" : hash;
}
