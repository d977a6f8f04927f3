using Pipeline.Data;
using Pipeline.Data.Drift;
using Pipeline.Data.Features;
using Pipeline.Data.Specs;

namespace Pipeline.Monitoring;

/// <summary>
/// Compares a reference sample (the training split) with a current one, feature by feature. A feature drifted when
/// its population stability index over shared bins (<see cref="DriftSettings.Bins"/> reference-quantile bins for
/// numbers, categories otherwise) crosses its threshold: by default the PSI an undrifted batch of the current size
/// exceeds with probability <see cref="DriftSettings.FeatureLevel"/> (resampled from the reference, see
/// <see cref="PsiNullDistribution"/>), so the verdict's false-alarm rate is <see cref="DriftSettings.FalseAlarmRate"/>;
/// or a hand-set one. A two-sample test is reported beside it — Kolmogorov–Smirnov for numbers, chi-square for
/// categories — but does not decide: it assumes independent rows, and with thousands of rows flags shifts too small
/// to matter.
/// </summary>
public static class DriftDetector
{
    /// <summary>The name the model score's comparison carries.</summary>
    public const string ScoreColumn = "model score";

    /// <summary>The test reported for numeric columns.</summary>
    public const string KolmogorovSmirnov = "Kolmogorov-Smirnov";

    /// <summary>The test reported for categorical and boolean columns.</summary>
    public const string ChiSquare = "chi-square";

    /// <summary>
    /// Compares every feature column of the two samples, and the model scores when both are given (by argument, or
    /// else the samples' own <see cref="FeatureSample.Scores"/>).
    /// </summary>
    /// <exception cref="DataException">
    /// Either sample (or score list) has fewer than <see cref="DriftSettings.MinimumRows"/> rows, the samples come from
    /// different specs or columns, the settings name a per-feature threshold for a column that is not a feature, or
    /// they ask for more drifted features than there are.
    /// </exception>
    public static DriftResult Compare(FeatureSample reference, FeatureSample current, DriftSettings settings,
        float[]? referenceScores = null, float[]? currentScores = null)
    {
        CheckThresholdColumns(reference.Spec, reference.Columns, settings);
        CheckEnough(reference.RowCount, reference.Description, "reference", settings);
        return Compare(new DriftReference(reference, settings, referenceScores), current, currentScores);
    }

    /// <summary>
    /// Compares <paramref name="current"/> with a prepared reference (whose null distributions are kept for the next
    /// batch of the same size), and the model scores when both have them.
    /// </summary>
    /// <exception cref="DataException">As <see cref="Compare(FeatureSample, FeatureSample, DriftSettings, float[], float[])"/>.</exception>
    public static DriftResult Compare(DriftReference prepared, FeatureSample current, float[]? currentScores = null)
    {
        var settings = prepared.Settings;
        CheckComparable(prepared, current);
        CheckThresholdColumns(prepared.Spec, prepared.Columns, settings);
        CheckEnough(prepared.RowCount, prepared.Description, "reference", settings);
        CheckEnough(current.RowCount, current.Description, "current", settings);

        var level = settings.FeatureLevel(prepared.Columns.Count);
        var features = IndependentWork.Map(prepared.Columns, column => prepared.IsNumeric(column)
            ? CompareNumeric(prepared, column, current.Numeric(column), settings.ThresholdFor(column), level)
            : CompareCategorical(prepared, column, current.Categories(column), settings.ThresholdFor(column), level))
            .ToList();

        FeatureDrift? score = null;
        currentScores ??= current.Scores;
        if (prepared.ScoreRows is { } referenceScoreRows && currentScores is not null)
        {
            CheckEnough(referenceScoreRows, prepared.Description + ", model scores", "reference", settings);
            CheckEnough(currentScores.Length, current.Description + ", model scores", "current", settings);
            score = CompareNumeric(prepared, ScoreColumn, ToDoubles(currentScores), settings.PsiThreshold, settings.FalseAlarmRate);
        }
        return new DriftResult(prepared.Description, prepared.RowCount, current.Description, current.RowCount, features, score, settings);
    }

    private static FeatureDrift CompareNumeric(DriftReference prepared, string column, double[] current, double? handSet, double level)
    {
        // The current values by distinct value (counted, or sorted when most are distinct): bins and test from them.
        var distinct = DistinctValues.Of(current);
        var counts = prepared.BinsOf(column).Count(distinct);
        var test = KolmogorovSmirnovTest.TwoSample(prepared.DistributionOf(column), distinct);
        return Judge(prepared, column, isNumeric: true, counts, current.Length, handSet, level, KolmogorovSmirnov, test);
    }

    private static FeatureDrift CompareCategorical(DriftReference prepared, string column, string[] current, double? handSet, double level)
    {
        var counts = prepared.BinsOf(column).Count(current);
        var test = ChiSquareTest.Homogeneity(counts.Reference, counts.Current);
        return Judge(prepared, column, isNumeric: false, counts, current.Length, handSet, level, ChiSquare, test);
    }

    private static FeatureDrift Judge(DriftReference prepared, string column, bool isNumeric, BinnedCounts counts, int rows,
        double? handSet, double level, string testName, TestOutcome test)
    {
        var (psi, referenceShare, currentShare) = PopulationStabilityIndex.Compute(counts.Reference, counts.Current);
        var histogram = new DriftHistogram(counts.Labels, referenceShare, currentShare);
        var nullDistribution = prepared.NullOf(column, rows);
        var pValue = nullDistribution.PValue(psi);
        if (handSet is { } threshold)
            return new FeatureDrift(column, isNumeric, psi, threshold, psi >= threshold, testName, test.Statistic, test.PValue, histogram)
                { Method = ThresholdMethod.HandSet, Rows = rows, PsiPValue = pValue };
        return new FeatureDrift(column, isNumeric, psi, nullDistribution.Threshold(level), pValue <= level, testName, test.Statistic, test.PValue, histogram)
        {
            Method = nullDistribution.IsResampled ? ThresholdMethod.Resampled : ThresholdMethod.ChiSquareApproximation,
            Rows = rows,
            PsiPValue = pValue,
            Level = level,
        };
    }

    private static void CheckComparable(DriftReference reference, FeatureSample current)
    {
        if (reference.Spec.Name != current.Spec.Name)
            throw new DataException(
                $"Cannot compare {reference.Description} (dataset '{reference.Spec.Name}') with {current.Description} (dataset '{current.Spec.Name}'): a drift check compares two samples of one dataset.");
        var mismatch = reference.Columns.Count != current.Columns.Count
            || reference.Columns.Where((c, i) => c != current.Columns[i] || reference.IsNumeric(c) != current.IsNumeric(c)).Any();
        if (mismatch)
            throw new DataException(
                $"Cannot compare {reference.Description} with {current.Description}: their feature columns differ ({string.Join(", ", reference.Columns)} vs {string.Join(", ", current.Columns)}); the spec changed between them.");
    }

    private static void CheckThresholdColumns(DatasetSpec spec, IReadOnlyList<string> columns, DriftSettings settings)
    {
        // More than there are features, and no sample could ever be reported as drifted: say so instead of "No drift".
        if (settings.MinimumDriftedFeatures > columns.Count)
            throw new DataException(
                $"The drift settings {settings.Source ?? "(given in code)"} have minimumDriftedFeatures = {settings.MinimumDriftedFeatures}, but '{spec.Name}' has {columns.Count} feature(s), so drift could never be found; set it from 1 to {columns.Count}.",
                settings.Source, column: "minimumDriftedFeatures");
        foreach (var column in settings.FeatureThresholds.Keys)
            if (!columns.Contains(column))
                throw new DataException(
                    $"The drift settings {settings.Source ?? "(given in code)"} set a threshold for '{column}' in featureThresholds, which is not a feature of '{spec.Name}'; its features are {string.Join(", ", columns.Select(c => "'" + c + "'"))}.",
                    settings.Source, column: column);
    }

    private static void CheckEnough(int rows, string description, string role, DriftSettings settings)
    {
        if (rows < settings.MinimumRows)
            throw new DataException(
                $"The {role} sample ({description}) has {rows} rows; a drift check needs at least {settings.MinimumRows} (minimumRows{(settings.Source is { } s ? " in " + s : "")}), because PSI over so few rows is noise.");
    }

    private static double[] ToDoubles(float[] values) => Array.ConvertAll(values, v => (double)v);
}
