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
    /// behind for a reader (or a CI artifact) to take for this run's. <see cref="Run(DatasetSelection, string, WindowSpec?)"/> does it first; call it before
    /// opening the current data too, whose errors come before <see cref="Run(DatasetSelection, string, WindowSpec?)"/>.
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
    /// The columns of <paramref name="spec"/> a drift check reads from the training data: the features, the label, and
    /// the column the split orders by; loading only these skips the id (the split does not use it, and parsing it and
    /// checking it unique cost an eighth of the read) and the excluded and text columns.
    /// </summary>
    public static DatasetSpec MonitoredColumns(DatasetSpec spec) => spec with
    {
        Columns = spec.Columns.Where(c => c.IsFeature || c.Role is ColumnRole.Label || c.Name == spec.Split?.OrderBy).ToList(),
    };

    /// <summary>
    /// Runs the check as the CheckDrift target does: against the production version's stored reference
    /// (<see cref="StoredDriftReference"/>) when it was computed from <paramref name="selection"/>'s data under the same
    /// spec and bins, so only the current data are read; else against the training split of that data, read here.
    /// </summary>
    /// <param name="selection">The training data's selection (its source is hashed to find whether the stored reference applies).</param>
    /// <param name="currentPath">The current data (see <see cref="OpenCurrent"/>).</param>
    /// <param name="window">As in <see cref="Run(Dataset, CurrentData, WindowSpec?)"/>.</param>
    /// <exception cref="DataException">Either data set is missing or malformed, or as in <see cref="Run(Dataset, CurrentData, WindowSpec?)"/>.</exception>
    public DriftResult Run(DatasetSelection selection, string currentPath, WindowSpec? window = null)
    {
        var phases = new DriftPhases();
        DiscardPreviousReport();
        var settings = DriftSettings.LoadOrDefault(SettingsPath);
        var model = phases.Measure("production model", OpenProduction);
        try
        {
            var stored = model is null ? null : phases.Measure("stored reference", () => StoredReferenceFor(model, selection, settings));
            var (reference, current) = stored is null
                ? phases.Measure("read and parse the reference and the current data, at once", () => ReadBoth(selection, currentPath))
                : (null, phases.Measure("read and parse the current data", () => OpenCurrent(selection.Spec, currentPath)));
            var slices = window is null ? null : DriftWindow.Slices(window, current, settings);
            var basis = stored is not null
                ? phases.Measure("restore the stored reference", () => ReferenceBasis.Restore(stored, selection.Spec, settings, model!))
                : ReferenceBasis.Split(reference!, settings, model, phases, warn);
            return Check(basis, current, basis.Model, settings, window, slices, phases);
        }
        finally
        {
            model?.Model.Dispose();
        }
    }

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
        var phases = new DriftPhases();
        DiscardPreviousReport();
        var settings = DriftSettings.LoadOrDefault(SettingsPath);
        // Before the whole check: a window that cannot apply is refused at once.
        var slices = window is null ? null : DriftWindow.Slices(window, current, settings);
        var model = phases.Measure("production model", OpenProduction);
        try
        {
            var basis = ReferenceBasis.Split(trainingData, settings, model, phases, warn);
            return Check(basis, current, basis.Model, settings, window, slices, phases);
        }
        finally
        {
            model?.Model.Dispose();
        }
    }

    DriftResult Check(ReferenceBasis basis, CurrentData current, ProductionModel? model, DriftSettings settings, WindowSpec? window,
        IReadOnlyList<WindowSlice>? slices, DriftPhases phases)
    {
        float[]? currentScores = null;
        if (model is not null)
        {
            try { currentScores = phases.Measure("score the current data", () => model.Model.Probabilities(current.Sample)); }
            catch (Exception e) when (e is ModelingException or DataException)
            {
                warn($"Prediction drift is not checked: production model v{model.Version} cannot score these rows ({e.Message})");
                (basis, model) = (phases.Measure("the reference without scores", basis.WithoutScores), null);
            }
        }
        var reference = basis.Reference;
        var result = phases.Measure("thresholds and statistics", () =>
        {
            WarmThresholds(reference, current.Sample.RowCount, currentScores is not null || current.Sample.Scores is not null);
            return DriftDetector.Compare(reference, current.Sample, currentScores);
        });
        if (model is not null && currentScores is not null && basis.HeldOutScores is not null)
            result = result with
            {
                EstimatedPerformance = phases.Measure("performance estimate (CBPE)", () =>
                    PerformanceEstimate.Estimate(model.Version, currentScores, model.Threshold, basis.HeldOutScores, basis.HeldOutLabels!)),
            };
        if (current.Labels is { } labels)
        {
            result = result with
            {
                LabelDrift = LabelDrift.Compare(reference.RowCount, basis.Positives, labels, settings.FalseAlarmRate),
                ActualPerformance = model is not null && currentScores is not null
                    ? ActualPerformance.Measure(model.Version, currentScores, labels, model.Threshold)
                    : null,
            };
        }
        if (window is not null)
            result = result with
            {
                Window = window,
                Windows = phases.Measure("windows", () => DriftWindow.CheckAll(reference, current.Sample, currentScores, window, slices!,
                    model is not null && currentScores is not null && basis.HeldOutScores is not null
                        ? scores => PerformanceEstimate.Estimate(model.Version, scores, model.Threshold, basis.HeldOutScores, basis.HeldOutLabels!)
                        : null)),
            };
        phases.Measure("write the report", () =>
        {
            Directory.CreateDirectory(ReportDirectory);
            File.WriteAllText(ReportJsonPath, result.ToJson());
            File.WriteAllText(ReportHtmlPath, DriftReport.ToHtml(result));
            return true;
        });

        info($"Drift check: reference {result.ReferenceRows:N0} rows ({result.ReferenceDescription}, training split{(basis.StoredIn is { } v ? $", stored with v{v}" : "")}), current {result.CurrentRows:N0} rows ({result.CurrentDescription}).");
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
        info($"  Time: {phases}.");
        return result;
    }

    // The null distributions at the current size, column by column in parallel (cached in the reference for the
    // comparison), so their cost shows as a phase of its own.
    static void WarmThresholds(DriftReference reference, int rows, bool scores)
    {
        var columns = reference.Columns.ToList();
        if (scores && reference.ScoreRows > 0) columns.Add(DriftDetector.ScoreColumn);
        if (rows < reference.Settings.MinimumRows) return;
        IndependentWork.Map(columns, column => reference.NullOf(column, rows));
    }

    // Both files at once, one on each core (the parser runs on one); the reference's error first when both fail, as
    // when they were read one after the other.
    static (Dataset Reference, CurrentData Current) ReadBoth(DatasetSelection selection, string currentPath)
    {
        var current = Task.Run(() => OpenCurrent(selection.Spec, currentPath));
        Dataset reference;
        try
        {
            reference = selection.Load(MonitoredColumns(selection.Spec));
        }
        catch
        {
            try { current.Wait(); }
            catch (AggregateException) { }
            throw;
        }
        return (reference, current.GetAwaiter().GetResult());
    }

    // The production version's stored reference when it applies to the selection's data, spec and bins; else null
    // (and the log says why, when the version has one).
    StoredDriftReference? StoredReferenceFor(ProductionModel model, DatasetSelection selection, DriftSettings settings)
    {
        var path = Path.Combine(model.Directory, RegistryLayout.DriftReferenceFile);
        if (!File.Exists(path))
        {
            info($"Production v{model.Version} has no stored drift reference ({RegistryLayout.DriftReferenceFile}; registered before it was stored): the reference is computed from the training data.");
            return null;
        }
        StoredDriftReference stored;
        try { stored = StoredDriftReference.Read(path); }
        catch (DataException e)
        {
            warn(e.Message);
            return null;
        }
        var reason = stored.WhyNotFor(ContentHash(selection), selection.Spec, settings);
        if (reason is null) return stored;
        info($"The drift reference stored with production v{model.Version} is not used: {reason}; the reference is computed from the training data.");
        return null;
    }

    // The content hash Train records of the data (Dataset.ContentHash), by reading the source without parsing it.
    static string ContentHash(DatasetSelection selection)
    {
        using var source = DataSource.Open(selection.Spec, selection.RootDirectory, selection.DataPath);
        var buffer = new char[1 << 16];
        while (source.Reader.Read(buffer, 0, buffer.Length) > 0) { }
        return source.FinishHash();
    }

    static string Show(EstimatedMetric metric) => $"{metric.Estimate:F4} [{metric.Low:F4}, {metric.High:F4}]";

    // The production model, or null without one (the log says why).
    ProductionModel? OpenProduction()
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
            var directory = registry.LocalVersionDirectory(version.Value);
            return new ProductionModel(version.Value, directory, ScoringModel.Load(directory));
        }
        catch (Exception e) when (e is ModelingException or DataException)
        {
            warn($"Prediction drift is not checked: production model v{version} cannot score these rows ({e.Message})");
            return null;
        }
    }
}
