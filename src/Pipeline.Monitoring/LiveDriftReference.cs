using Pipeline.Data.Drift;
using Pipeline.Data.Features;
using Pipeline.Data.Loading;
using Pipeline.Data.Splitting;
using Pipeline.Modeling.Registry;
using Pipeline.Modeling.Steps;

namespace Pipeline.Monitoring;

/// <summary>
/// Computes a version's <see cref="LiveDriftBins"/> at registration, from exactly what CheckDrift compares with: the
/// training split as reference (its bins per feature, and the model's scores on it), the thresholds of
/// <c>models/&lt;dataset&gt;/drift.json</c> (hand-set, or resampled at the service's window size for the stated
/// false-alarm rate), and CBPE's calibration check on the held-out rows. So the service's live PSI and CheckDrift's
/// PSI over the same rows agree.
/// </summary>
/// <param name="settingsPath">The dataset's drift settings (defaults apply without the file).</param>
/// <param name="windowRows">The service's sliding window (rows) the thresholds are computed for.</param>
public sealed class LiveDriftReference(string settingsPath, int windowRows = LiveDriftReference.DefaultWindowRows) : IVersionAttachment
{
    /// <summary>The default window: large enough for a PSI over 10 bins to be stable, small enough to follow a shift within minutes of moderate traffic.</summary>
    public const int DefaultWindowRows = 1000;

    /// <inheritdoc/>
    public string FileName => RegistryLayout.LiveDriftBinsFile;

    /// <inheritdoc/>
    public string Create(Dataset data, double modelThreshold, Func<FeatureSample, float[]> probabilities) =>
        Build(data, modelThreshold, probabilities).ToJson();

    /// <summary>The live-drift reference of a model trained on <paramref name="data"/>.</summary>
    /// <exception cref="Pipeline.Data.DataException">The drift settings are invalid.</exception>
    public LiveDriftBins Build(Dataset data, double modelThreshold, Func<FeatureSample, float[]> probabilities)
    {
        var settings = DriftSettings.LoadOrDefault(settingsPath);
        var (trainRows, testRows) = StratifiedSplit.Split(data, data.Spec);
        var referenceRows = trainRows.Order().ToArray();
        var heldOutRows = testRows.Order().ToArray();
        var sample = FeatureSample.FromDataset(data, referenceRows);
        var prepared = new DriftReference(sample, settings, probabilities(sample));
        var level = settings.FeatureLevel(sample.Columns.Count);
        var features = sample.Columns.Select(column => Column(prepared, column, settings.ThresholdFor(column), level)).ToList();
        var score = Column(prepared, DriftDetector.ScoreColumn, settings.PsiThreshold, settings.FalseAlarmRate);
        var heldOut = probabilities(FeatureSample.FromDataset(data, heldOutRows));
        var calibration = CalibrationCheck.On(heldOut, Array.ConvertAll(heldOutRows, r => data.Labels[r]), modelThreshold);
        return new LiveDriftBins(windowRows, features, score, modelThreshold,
            new LiveDriftCalibration(calibration.Trusted, calibration.EstimatedF1, calibration.ActualF1));
    }

    LiveDriftColumn Column(DriftReference prepared, string column, double? handSet, double level)
    {
        var bins = prepared.BinsOf(column);
        var numeric = column == DriftDetector.ScoreColumn || prepared.IsNumeric(column);
        var (threshold, method) = (handSet ?? 0, ThresholdMethod.HandSet);
        if (handSet is null)
        {
            var distribution = prepared.NullOf(column, windowRows);
            (threshold, method) = (distribution.Threshold(level), distribution.IsResampled ? ThresholdMethod.Resampled : ThresholdMethod.ChiSquareApproximation);
        }
        return new LiveDriftColumn(column, numeric ? bins.Edges : null, numeric ? bins.Constant : null, numeric ? null : bins.Labels,
            bins.Counts, threshold, DriftResult.MethodName(method));
    }
}
