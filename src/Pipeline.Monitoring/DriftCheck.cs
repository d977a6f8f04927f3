using Pipeline.Modeling.Steps;
using Pipeline.Data;
using Pipeline.Data.Features;
using Pipeline.Data.Loading;
using Pipeline.Modeling;
using Pipeline.Data.Specs;
using Pipeline.Data.Splitting;
using Pipeline.Modeling.Registry;
using Pipeline.Modeling.Scoring;

namespace Pipeline.Monitoring;

/// <summary>
/// The scheduled drift check: compares the training split of the training data (the reference) with current data
/// (the scoring service's inference log, or a CSV), feature by feature, and the production model's scores on both
/// (prediction drift), with the thresholds of <c>models/&lt;dataset&gt;/drift.json</c>. Writes
/// <c>artifacts/&lt;dataset&gt;/drift/report.json</c> and <c>report.html</c>.
/// </summary>
public sealed class DriftCheck
{
    readonly Workspace paths;
    readonly Action<string> info;
    readonly Action<string> warn;

    /// <summary>Creates the check for <paramref name="dataset"/> in the repository at <paramref name="rootDirectory"/>.</summary>
    public DriftCheck(string rootDirectory, string dataset, Action<string>? info = null, Action<string>? warn = null)
    {
        paths = new Workspace(rootDirectory, dataset);
        this.info = info ?? (_ => { });
        this.warn = warn ?? (_ => { });
    }

    /// <summary>The drift thresholds (optional; defaults apply without it).</summary>
    public string SettingsPath => paths.DriftSettingsPath;

    /// <summary>Where the report is written.</summary>
    public string ReportDirectory => paths.DriftDirectory;

    /// <summary>artifacts/&lt;dataset&gt;/drift/report.json.</summary>
    public string ReportJsonPath => paths.DriftReportJsonPath;

    /// <summary>artifacts/&lt;dataset&gt;/drift/report.html.</summary>
    public string ReportHtmlPath => paths.DriftReportHtmlPath;

    /// <summary>
    /// Deletes the previous check's report, so that a check that fails before writing its own leaves no verdict
    /// behind for a reader (or a CI artifact) to take for this run's. <see cref="Run"/> does it first; call it before
    /// opening the current data too, whose errors come before <see cref="Run"/>.
    /// </summary>
    /// <exception cref="ModelingException">A previous report exists but cannot be deleted.</exception>
    public void DiscardPreviousReport()
    {
        if (!Directory.Exists(ReportDirectory)) return;
        foreach (var report in new[] { ReportJsonPath, ReportHtmlPath })
        {
            try
            {
                File.Delete(report);
            }
            catch (Exception e) when (e is IOException or UnauthorizedAccessException)
            {
                throw new ModelingException($"Cannot delete the previous drift report {report} ({e.Message}); it would be taken for this check's verdict.", e);
            }
        }
    }

    /// <summary>
    /// Opens the current data at <paramref name="path"/>: an inference log (a <c>.jsonl</c> file or a folder of them)
    /// or a CSV file in the dataset spec's format.
    /// </summary>
    /// <exception cref="DataException">The path does not exist or its content is malformed.</exception>
    public static FeatureSample OpenCurrent(DatasetSpec spec, string path)
    {
        if (Directory.Exists(path) || InferenceLogFormat.HasLogFileExtension(path))
            return InferenceLogReader.Read(spec, path);
        if (!File.Exists(path))
            throw new DataException($"The current data {path} does not exist; give a CSV file in the '{spec.Name}' spec's format, or the scoring service's inference log (a folder of {InferenceLogFormat.SearchPattern} files, or one of them).", path);
        return FeatureSample.FromDataset(DatasetLoader.Load(spec, Directory.GetCurrentDirectory(), Path.GetFullPath(path)));
    }

    /// <summary>
    /// Compares the training split of <paramref name="trainingData"/> with <paramref name="current"/>, writes the
    /// report and logs one line per feature.
    /// </summary>
    /// <exception cref="DataException">The settings are invalid, or a sample is too small to judge.</exception>
    public DriftResult Run(Dataset trainingData, FeatureSample current)
    {
        DiscardPreviousReport();
        var settings = DriftSettings.LoadOrDefault(SettingsPath);
        var (trainRows, _) = StratifiedSplit.Split(trainingData, trainingData.Spec);
        var reference = FeatureSample.FromDataset(trainingData, trainRows.Order().ToArray());
        var (referenceScores, currentScores) = ProductionScores(reference, current);

        var result = DriftDetector.Compare(reference, current, settings, referenceScores, currentScores);
        Directory.CreateDirectory(ReportDirectory);
        File.WriteAllText(ReportJsonPath, result.ToJson());
        File.WriteAllText(ReportHtmlPath, DriftReport.ToHtml(result));

        info($"Drift check: reference {result.ReferenceRows:N0} rows ({result.ReferenceDescription}, training split), current {result.CurrentRows:N0} rows ({result.CurrentDescription}).");
        foreach (var feature in result.Features.Append(result.Score).OfType<FeatureDrift>())
            info($"  {(feature.Drifted ? "DRIFT" : "ok   ")} {feature.Column}: PSI {feature.Psi:F4} (threshold {feature.Threshold:F2}), {feature.Test} {feature.Statistic:F4}, p {feature.PValue:G3}");
        info(result.DriftDetected
            ? $"Drift detected in {result.Drifted.Count} feature(s): {string.Join(", ", result.Drifted.Select(f => f.Column))}. Reports: {ReportJsonPath}, {ReportHtmlPath}"
            : $"No drift: {(settings.MinimumDriftedFeatures == 1 ? "no feature reached its PSI threshold" : $"fewer than {settings.MinimumDriftedFeatures} features reached their PSI thresholds")}. Reports: {ReportJsonPath}, {ReportHtmlPath}");
        return result;
    }

    // The production model's scores on both samples, for prediction drift; none when there is no production model.
    (float[]? Reference, float[]? Current) ProductionScores(FeatureSample reference, FeatureSample current)
    {
        var registry = paths.OpenRegistry();
        int? version;
        try { version = registry.Stages.Production; }
        catch (ModelingException e)
        {
            warn($"Prediction drift is not checked: {e.Message}");
            return (null, null);
        }
        if (version is null)
        {
            info("Prediction drift is not checked: the registry has no production model.");
            return (null, null);
        }
        try
        {
            using var model = ScoringModel.Load(registry.LocalVersionDirectory(version.Value));
            return (model.Probabilities(reference), model.Probabilities(current));
        }
        catch (Exception e) when (e is ModelingException or DataException)
        {
            warn($"Prediction drift is not checked: production model v{version} cannot score these rows ({e.Message})");
            return (null, null);
        }
    }
}
