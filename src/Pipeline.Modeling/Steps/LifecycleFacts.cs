using System.Globalization;
using Pipeline.Modeling.Registry;

namespace Pipeline.Modeling.Steps;

/// <summary>
/// What the targets after Register record in the dataset's registry event log, on the version they used: the image
/// Containerize built from it, where Deploy put it, and the drift checks that scored with it. Versions stay
/// immutable; these facts are appended events, read back by Models and Lineage.
/// </summary>
public sealed class LifecycleFacts(Workspace workspace, StepLog log)
{
    IModelRegistry Registry => workspace.OpenRegistry();

    /// <summary>Records that <paramref name="image"/> (id or digest <paramref name="digest"/>, tagged <paramref name="tags"/>) was built from <paramref name="version"/>.</summary>
    /// <exception cref="ModelingException">The version is not registered.</exception>
    public StoredEvent ImageBuilt(string version, string image, string digest, IReadOnlyList<string> tags)
    {
        var stored = Registry.Record(new ImageBuilt(image, digest, tags) { Version = Number(version) });
        log.Info($"Recorded on v{version}: image {image} ({digest}).");
        return stored;
    }

    /// <summary>Records that <paramref name="version"/> was deployed to <paramref name="environment"/>, answering on <paramref name="endpoint"/>, running <paramref name="image"/>.</summary>
    /// <exception cref="ModelingException">The version is not registered.</exception>
    public StoredEvent Deployed(string version, string environment, string endpoint, string image)
    {
        var stored = Registry.Record(new Deployed(environment, endpoint, image) { Version = Number(version) });
        log.Info($"Recorded on v{version}: deployed to {environment} ({endpoint}).");
        return stored;
    }

    /// <summary>
    /// Records a drift check on the production version, the one whose scores the check compared; none is recorded
    /// (and null returned) when there is no production version.
    /// </summary>
    /// <param name="driftDetected">The whole data's verdict.</param>
    /// <param name="driftedFeatures">The features that drifted over the whole data.</param>
    /// <param name="currentData">What the current data was.</param>
    /// <param name="reportPath">The drift report.</param>
    /// <param name="estimatedF1">The estimated F1 on the whole data, when estimated.</param>
    /// <param name="window">The window option of a windowed check.</param>
    /// <param name="windows">The windows' summaries, in time order, of a windowed check.</param>
    public StoredEvent? DriftChecked(bool driftDetected, IReadOnlyList<string> driftedFeatures, string currentData, string reportPath,
        EstimatedF1Summary? estimatedF1 = null, string? window = null, IReadOnlyList<DriftWindowSummary>? windows = null)
    {
        var registry = Registry;
        if (registry.Stages.Production is not { } production) return null;
        var verdict = driftDetected ? "drift" : "no drift";
        var stored = registry.Record(new DriftChecked(verdict, driftedFeatures, currentData, reportPath)
            { Version = production, EstimatedF1 = estimatedF1, Window = window, Windows = windows });
        log.Info($"Recorded on production v{production}: {verdict}{(driftedFeatures.Count > 0 ? $" ({string.Join(", ", driftedFeatures)})" : "")}.");
        return stored;
    }

    static int Number(string version) =>
        int.TryParse(version, NumberStyles.None, CultureInfo.InvariantCulture, out var number)
            ? number
            : throw new ModelingException($"\"{version}\" is not a registry version number; the image's model label must name the version it serves.");
}
