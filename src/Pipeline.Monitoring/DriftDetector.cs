using Pipeline.Data;
using Pipeline.Data.Drift;
using Pipeline.Data.Features;
using Pipeline.Data.Specs;

namespace Pipeline.Monitoring;

/// <summary>
/// Compares a reference sample (the training split) with a current one, feature by feature. A feature drifted when
/// its population stability index over shared bins (<see cref="DriftSettings.Bins"/> reference-quantile bins for
/// numbers, categories otherwise) reaches its threshold. A two-sample test is reported beside it —
/// Kolmogorov–Smirnov for numbers, chi-square for categories — but does not decide: with thousands of rows its
/// p-value flags shifts too small to matter (and an autocorrelated sensor such as a slowly wandering temperature
/// breaks its independence assumption), whereas PSI measures how much the distribution moved.
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
        CheckComparable(reference, current);
        CheckThresholdColumns(reference, settings);
        CheckEnough(reference.RowCount, reference.Description, "reference", settings);
        CheckEnough(current.RowCount, current.Description, "current", settings);

        var features = reference.Columns.Select(column => reference.IsNumeric(column)
            ? CompareNumeric(column, reference.Numeric(column), current.Numeric(column), settings.ThresholdFor(column), settings.Bins)
            : CompareCategorical(column, reference.Categories(column), current.Categories(column), DomainOrder(reference, column), settings.ThresholdFor(column)))
            .ToList();

        FeatureDrift? score = null;
        referenceScores ??= reference.Scores;
        currentScores ??= current.Scores;
        if (referenceScores is not null && currentScores is not null)
        {
            CheckEnough(referenceScores.Length, reference.Description + ", model scores", "reference", settings);
            CheckEnough(currentScores.Length, current.Description + ", model scores", "current", settings);
            score = CompareNumeric(ScoreColumn, ToDoubles(referenceScores), ToDoubles(currentScores), settings.PsiThreshold, settings.Bins);
        }
        return new DriftResult(reference.Description, reference.RowCount, current.Description, current.RowCount, features, score, settings);
    }

    private static FeatureDrift CompareNumeric(string column, double[] reference, double[] current, double threshold, int bins)
    {
        var counts = DriftBins.Numeric(reference, current, bins);
        var test = KolmogorovSmirnovTest.TwoSample(reference, current);
        return Judge(column, isNumeric: true, counts, threshold, KolmogorovSmirnov, test);
    }

    private static FeatureDrift CompareCategorical(string column, string[] reference, string[] current, IReadOnlyList<string> domain, double threshold)
    {
        var counts = DriftBins.Categorical(reference, current, domain);
        var test = ChiSquareTest.Homogeneity(counts.Reference, counts.Current);
        return Judge(column, isNumeric: false, counts, threshold, ChiSquare, test);
    }

    private static FeatureDrift Judge(string column, bool isNumeric, BinnedCounts counts, double threshold, string testName, TestOutcome test)
    {
        var (psi, referenceShare, currentShare) = PopulationStabilityIndex.Compute(counts.Reference, counts.Current);
        return new FeatureDrift(column, isNumeric, psi, threshold, psi >= threshold, testName, test.Statistic, test.PValue,
            new DriftHistogram(counts.Labels, referenceShare, currentShare));
    }

    private static IReadOnlyList<string> DomainOrder(FeatureSample sample, string column) =>
        sample.Spec.FindColumn(column) is { Role: ColumnRole.Boolean } ? ["false", "true"]
        : sample.Spec.FindColumn(column)?.Domain ?? [];

    private static void CheckComparable(FeatureSample reference, FeatureSample current)
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

    private static void CheckThresholdColumns(FeatureSample reference, DriftSettings settings)
    {
        // More than there are features, and no sample could ever be reported as drifted: say so instead of "No drift".
        if (settings.MinimumDriftedFeatures > reference.Columns.Count)
            throw new DataException(
                $"The drift settings {settings.Source ?? "(given in code)"} have minimumDriftedFeatures = {settings.MinimumDriftedFeatures}, but '{reference.Spec.Name}' has {reference.Columns.Count} feature(s), so drift could never be found; set it from 1 to {reference.Columns.Count}.",
                settings.Source, column: "minimumDriftedFeatures");
        foreach (var column in settings.FeatureThresholds.Keys)
            if (!reference.Columns.Contains(column))
                throw new DataException(
                    $"The drift settings {settings.Source ?? "(given in code)"} set a threshold for '{column}' in featureThresholds, which is not a feature of '{reference.Spec.Name}'; its features are {string.Join(", ", reference.Columns.Select(c => "'" + c + "'"))}.",
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
