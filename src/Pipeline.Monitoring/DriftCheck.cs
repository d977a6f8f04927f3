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
    /// or a CSV file with the spec's feature columns (label and other columns optional; see <see cref="CurrentData.Open"/>).
    /// </summary>
    /// <exception cref="DataException">The path does not exist or its content is malformed.</exception>
    public static CurrentData OpenCurrent(DatasetSpec spec, string path) => CurrentData.Open(spec, path);

    /// <summary>
    /// The columns of <paramref name="spec"/> a drift check reads from the training data: the features, the label and
    /// the id, and the column the split orders by; loading only these skips the excluded and text columns.
    /// </summary>
    public static DatasetSpec MonitoredColumns(DatasetSpec spec) => spec with
    {
        Columns = spec.Columns.Where(c => c.IsFeature || c.Role is ColumnRole.Label or ColumnRole.Id || c.Name == spec.Split?.OrderBy).ToList(),
    };

    /// <summary>
    /// Compares the training split of <paramref name="trainingData"/> with <paramref name="current"/>, writes the
    /// report and logs one line per feature. With labels in the current data and a production model, it also
    /// reports the model's actual performance, and with labels the label drift.
    /// </summary>
    /// <param name="trainingData">The training data, whose training split is the reference.</param>
    /// <param name="current">The current data.</param>
    /// <param name="window">
    /// When given, the current data are also checked window by window (<see cref="DriftResult.Windows"/>), each with
    /// thresholds at its own n; the verdict stays the whole data's.
    /// </param>
    /// <exception cref="DataException">The settings are invalid, a sample is too small to judge, or the window does not fit the data.</exception>
    public DriftResult Run(Dataset trainingData, CurrentData current, WindowSpec? window = null)
    {
        DiscardPreviousReport();
        var settings = DriftSettings.LoadOrDefault(SettingsPath);
        // Before the whole check: a window that cannot apply is refused at once.
        var slices = window is null ? null : DriftWindow.Slices(window, current, settings);
        var (trainRows, testRows) = StratifiedSplit.Split(trainingData, trainingData.Spec);
        var referenceRows = trainRows.Order().ToArray();
        var heldOutRows = testRows.Order().ToArray();
        var reference = FeatureSample.FromDataset(trainingData, referenceRows);
        var production = ProductionScores(reference, FeatureSample.FromDataset(trainingData, heldOutRows), current.Sample);

        var result = DriftDetector.Compare(reference, current.Sample, settings, production?.Reference, production?.Current);
        if (production is { } scoring)
            result = result with
            {
                EstimatedPerformance = PerformanceEstimate.Estimate(scoring.Version, scoring.Current, scoring.Threshold,
                    scoring.HeldOut, Array.ConvertAll(heldOutRows, r => trainingData.Labels[r])),
            };
        if (current.Labels is { } labels)
        {
            var referenceLabels = Array.ConvertAll(referenceRows, r => trainingData.Labels[r]);
            result = result with
            {
                LabelDrift = LabelDrift.Compare(referenceLabels, labels, settings.FalseAlarmRate),
                ActualPerformance = production is { } model
                    ? ActualPerformance.Measure(model.Version, model.Current, labels, model.Threshold)
                    : null,
            };
        }
        if (window is not null)
            result = result with
            {
                Window = window,
                Windows = DriftWindow.CheckAll(new DriftReference(reference, settings, production?.Reference), current.Sample, production?.Current, window, slices!,
                    production is { } scored
                        ? scores => PerformanceEstimate.Estimate(scored.Version, scores, scored.Threshold, scored.HeldOut, Array.ConvertAll(heldOutRows, r => trainingData.Labels[r]))
                        : null),
            };
        Directory.CreateDirectory(ReportDirectory);
        File.WriteAllText(ReportJsonPath, result.ToJson());
        File.WriteAllText(ReportHtmlPath, DriftReport.ToHtml(result));

        info($"Drift check: reference {result.ReferenceRows:N0} rows ({result.ReferenceDescription}, training split), current {result.CurrentRows:N0} rows ({result.CurrentDescription}).");
        info($"  False-alarm rate {settings.FalseAlarmRate:G3} per batch: each of {result.Features.Count} features tested at {settings.FeatureLevel(result.Features.Count):G3} (Šidák).");
        foreach (var feature in result.Features.Append(result.Score).OfType<FeatureDrift>())
            info($"  {(feature.Drifted ? "DRIFT" : "ok   ")} {feature.Column}: PSI {feature.Psi:F4}, threshold {feature.Threshold:F4} ({DriftResult.MethodName(feature.Method)}, n {feature.Rows:N0}), PSI p {feature.PsiPValue:G3}; {feature.Test} {feature.Statistic:F4}, p {feature.PValue:G3}");
        if (result.LabelDrift is { } labelDrift)
            info($"  {(labelDrift.Drifted ? "DRIFT" : "ok   ")} labels: positive rate {labelDrift.CurrentPositiveRate:P2} vs {labelDrift.ReferencePositiveRate:P2} in the reference, chi-square {labelDrift.ChiSquare:F4}, p {labelDrift.PValue:G3}");
        if (result.EstimatedPerformance is { } estimate)
        {
            info($"  Estimated performance of v{estimate.ModelVersion} without labels (CBPE, 95 % interval) at threshold {estimate.Threshold:F4}: accuracy {Show(estimate.Accuracy)}, precision {Show(estimate.Precision)}, recall {Show(estimate.Recall)}, F1 {Show(estimate.F1)}.");
            (estimate.Calibration.Trusted ? info : warn)($"  The estimate {estimate.Calibration.Verdict}.");
        }
        if (result.Windows is { } windows)
        {
            info($"  {windows.Count} window(s) of {window}, each against thresholds at its own n (the verdict below is the whole data's):");
            for (var i = 0; i < windows.Count; i++) info("    " + windows[i].Describe(i));
        }
        if (result.ActualPerformance is { } actual)
            info($"  Actual performance of v{actual.ModelVersion} on {actual.Rows:N0} labelled rows ({actual.Positives:N0} positive) at threshold {actual.Threshold:F4}: accuracy {actual.Accuracy:F4}, precision {actual.Precision:F4}, recall {actual.Recall:F4}, F1 {actual.F1:F4}.");
        info(result.DriftDetected
            ? $"Drift detected in {result.Drifted.Count} feature(s): {string.Join(", ", result.Drifted.Select(f => f.Column))}. Reports: {ReportJsonPath}, {ReportHtmlPath}"
            : $"No drift: {(settings.MinimumDriftedFeatures == 1 ? "no feature crossed its PSI threshold" : $"fewer than {settings.MinimumDriftedFeatures} features crossed their PSI thresholds")}. Reports: {ReportJsonPath}, {ReportHtmlPath}");
        return result;
    }

    static string Show(EstimatedMetric metric) => $"{metric.Estimate:F4} [{metric.Low:F4}, {metric.High:F4}]";

    // The production model's scores on the reference, its held-out rows and the current rows, for prediction drift
    // and performance; null without a production model.
    ProductionScoring? ProductionScores(FeatureSample reference, FeatureSample heldOut, FeatureSample current)
    {
        var registry = paths.OpenRegistry();
        int? version;
        try { version = registry.Stages.Production; }
        catch (ModelingException e)
        {
            warn($"Prediction drift is not checked: {e.Message}");
            return null;
        }
        if (version is null)
        {
            info("Prediction drift is not checked: the registry has no production model.");
            return null;
        }
        try
        {
            using var model = ScoringModel.Load(registry.LocalVersionDirectory(version.Value));
            // The model scores from many threads at once: the current rows on one core, the reference's on the other.
            var scored = IndependentWork.Map(new[] { new[] { current }, new[] { reference, heldOut } },
                samples => Array.ConvertAll(samples, model.Probabilities));
            return new ProductionScoring(version.Value, model.Threshold, scored[1][0], scored[1][1], scored[0][0]);
        }
        catch (Exception e) when (e is ModelingException or DataException)
        {
            warn($"Prediction drift is not checked: production model v{version} cannot score these rows ({e.Message})");
            return null;
        }
    }

    sealed record ProductionScoring(int Version, double Threshold, float[] Reference, float[] HeldOut, float[] Current);
}
