using System.Text.Json;
using Pipeline.Data.Features;
using Pipeline.Data.Loading;
using Pipeline.Data.Specs;
using Pipeline.Data.Splitting;
using Pipeline.Modeling.Configuration;
using Pipeline.Modeling.Training;

namespace Pipeline.Modeling.Features;

/// <summary>
/// A loaded dataset as the modeling steps need it: every row vectorised by the data library's FeatureVectorizer,
/// the spec's stratified train/test split, cross-validation folds, categorical values for slices, and rows as
/// raw records (what a scoring request carries).
/// </summary>
public sealed class DatasetFeatures
{
    DatasetFeatures(Dataset data, FeatureMatrix all, int[] train, int[] test)
    {
        Data = data;
        All = all;
        TrainRows = train;
        TestRows = test;
    }

    /// <summary>The loaded data.</summary>
    public Dataset Data { get; }

    /// <summary>Every row's feature vector and label.</summary>
    public FeatureMatrix All { get; }

    /// <summary>Data row indices of the training split, ascending.</summary>
    public int[] TrainRows { get; }

    /// <summary>Data row indices of the held-out test split, ascending.</summary>
    public int[] TestRows { get; }

    /// <summary>The training split's features.</summary>
    public FeatureMatrix Train => All.Subset(TrainRows);

    /// <summary>The test split's features.</summary>
    public FeatureMatrix Test => All.Subset(TestRows);

    /// <summary>Vectorises <paramref name="data"/> and splits it as its spec says.</summary>
    public static DatasetFeatures From(Dataset data)
    {
        var vectorizer = new FeatureVectorizer(data.Spec);
        var rows = new float[data.RowCount][];
        var labels = new bool[data.RowCount];
        for (var i = 0; i < rows.Length; i++)
        {
            rows[i] = new float[vectorizer.FeatureNames.Count];
            vectorizer.Vectorize(data, i, rows[i]);
            labels[i] = vectorizer.Label(data, i);
        }
        var split = StratifiedSplit.Split(data, data.Spec);
        return new DatasetFeatures(data, new FeatureMatrix(vectorizer.FeatureNames.ToArray(), rows, labels),
            split.Train.Order().ToArray(), split.Test.Order().ToArray());
    }

    /// <summary>Throws unless the held-out test split has both classes, without which its metrics are undefined.</summary>
    /// <exception cref="ModelingException">The test split has no positive or no negative row.</exception>
    public void RequireBothClassesInTestSplit()
    {
        var positives = TestRows.Count(i => All.Labels[i]);
        if (positives > 0 && positives < TestRows.Length) return;
        var spec = Data.Spec;
        throw new ModelingException(
            $"The held-out test split of {Data.SourceDescription} ({TestRows.Length} of {Data.RowCount} rows, split.testFraction {spec.Split.TestFraction}) has {positives} row(s) " +
            $"whose '{spec.Label}' is {spec.LabelMapping.Describe()} and {TestRows.Length - positives} other(s); accuracy, F1, ROC AUC and PR AUC need both classes in it. " +
            "Use more data (or data with more of the rarer class), or raise split.testFraction in the dataset spec.");
    }

    /// <summary>
    /// Resolves the cause models of <paramref name="configuration"/> against this data: each cause column must be a
    /// boolean column that is not a feature (typically excluded for leakage) nor the label, with enough rows showing
    /// the cause in the training split for cross-validation, and true only on rows whose label is positive (noisy-OR
    /// assumes each cause implies the label); each named feature must be a feature column or a derived feature.
    /// </summary>
    /// <exception cref="ModelingException">A cause column or feature name does not fit this dataset's spec.</exception>
    public IReadOnlyList<CauseTarget> CauseTargets(TrainingConfiguration configuration)
    {
        var spec = Data.Spec;
        var targets = new List<CauseTarget>();
        for (var c = 0; c < configuration.Causes.Count; c++)
        {
            var cause = configuration.Causes[c];
            string Problem(string setting, string problem) =>
                $"Training configuration {configuration.Source}: setting 'causes[{c}].{setting}' {problem} (dataset spec '{spec.Name}').";
            var column = spec.Columns.FirstOrDefault(k => k.Name == cause.Column)
                ?? throw new ModelingException(Problem("column", $"is '{cause.Column}', which is not a column of the dataset; its boolean non-feature columns are: {string.Join(", ", spec.Columns.Where(k => !k.IsFeature && k.Role != ColumnRole.Label && k.ValueType == ColumnValueType.Boolean).Select(k => $"'{k.Name}'").DefaultIfEmpty("none"))}"));
            if (column.IsFeature || column.Role == ColumnRole.Label || column.ValueType != ColumnValueType.Boolean)
                throw new ModelingException(Problem("column", $"is '{cause.Column}', {DescribeColumn(column)}; a cause must be a boolean column that is neither a feature nor the label (e.g. role \"excluded\" with type \"boolean\")"));
            var all = Data.Boolean(cause.Column);
            var labels = TrainRows.Select(i => all[i]).ToArray();
            var positives = labels.Count(l => l);
            if (positives < configuration.CrossValidationFolds || positives == labels.Length)
                throw new ModelingException(Problem("column", $"is '{cause.Column}', which is true on {positives} of the {labels.Length} training rows; a cause model needs both values, and at least crossValidationFolds ({configuration.CrossValidationFolds}) true rows, so that every fold learns it. Remove this cause model or use more data"));
            // Noisy-OR adds a cause model's probability to the label's, which is right only if the cause never occurs
            // without the label; a flag that does (the real AI4I file's RNF is set on 18 rows without a failure) would
            // raise the probability of rows that are negative.
            var withoutLabel = TrainRows.Count(i => all[i] && !All.Labels[i]);
            if (withoutLabel > 0)
                throw new ModelingException(Problem("column", $"is '{cause.Column}', which is true on {withoutLabel} of its {positives} true training rows where '{spec.Label}' is not {spec.LabelMapping.Describe()}; the cause models are combined with the whole-label model by noisy-OR, so a cause must occur only where the label is positive. Remove this cause model or correct those rows"));

            var uses = new bool[All.FeatureNames.Count];
            if (cause.Features.Count == 0) Array.Fill(uses, true);
            foreach (var name in cause.Features)
            {
                var matched = false;
                for (var f = 0; f < uses.Length; f++)
                    if (All.FeatureNames[f] == name || (All.FeatureNames[f].StartsWith(name + "=", StringComparison.Ordinal)
                        && spec.Columns.Any(k => k.Name == name && k.Role == ColumnRole.Categorical)))
                        uses[f] = matched = true;
                if (!matched)
                    throw new ModelingException(Problem("features", $"names '{name}', which is not a feature; features are: {string.Join(", ", spec.Columns.Where(k => k.IsFeature).Select(k => k.Name).Concat(spec.DerivedFeatures.Select(d => d.Name)).Select(n => $"'{n}'"))}"));
            }
            targets.Add(new CauseTarget(cause, labels, uses));
        }
        return targets;
    }

    /// <summary>For each of <paramref name="columns"/> (a trained model's cause columns), whether it is true at each of <paramref name="rows"/>.</summary>
    /// <exception cref="ModelingException">
    /// The spec no longer has one of the columns as a boolean column that is not a feature (it was edited since Train):
    /// leaving that cause out would count its rows as positives no listed cause explains.
    /// </exception>
    public IReadOnlyList<(string Column, bool[] Flags)> CauseFlags(IEnumerable<string> columns, IReadOnlyList<int> rows) =>
        columns.Select(name =>
        {
            var column = Data.Spec.Columns.FirstOrDefault(c => c.Name == name);
            if (column is null || column.IsFeature || column.Role == ColumnRole.Label || column.ValueType != ColumnValueType.Boolean)
                throw new ModelingException(
                    $"The trained model has a cause model for '{name}', but the dataset spec '{Data.Spec.Name}' now " +
                    (column is null ? "has no such column" : $"has it as {DescribeColumn(column)}") +
                    "; the spec changed since Train: run the Train target again.");
            var all = Data.Boolean(name);
            return (name, rows.Select(i => all[i]).ToArray());
        }).ToList();

    static string DescribeColumn(ColumnSpec column) =>
        column.Role == ColumnRole.Label ? "the label"
        : column.IsFeature ? $"a feature (role \"{Lower(column.Role)}\", type \"{Lower(column.ValueType)}\")"
        : $"a column with role \"{Lower(column.Role)}\" and type \"{Lower(column.ValueType)}\"";

    static string Lower<TEnum>(TEnum value) where TEnum : struct, Enum => value.ToString().ToLowerInvariant();

    /// <summary>Stratified folds of the training split: for each fold, the positions (into <see cref="Train"/>) it holds out.</summary>
    public IReadOnlyList<IReadOnlyList<int>> TrainingFolds(int folds, int seed)
    {
        var labels = TrainRows.Select(i => All.Labels[i]).ToArray();
        return StratifiedSplit.KFold(labels, folds, seed).Select(f => (IReadOnlyList<int>)f.Validation).ToList();
    }

    /// <summary>Categorical column → its value at each of <paramref name="rows"/>, for per-slice metrics.</summary>
    public IReadOnlyDictionary<string, string[]> CategoricalValues(IReadOnlyList<int> rows) =>
        Data.Spec.Columns.Where(c => c.Role == ColumnRole.Categorical)
            .ToDictionary(c => c.Name, c => { var values = Data.Text(c.Name); return rows.Select(i => values[i]).ToArray(); });

    /// <summary>Row <paramref name="row"/> as a scoring request would carry it: every feature column by name.</summary>
    public IReadOnlyDictionary<string, JsonElement> Record(int row)
    {
        var record = new Dictionary<string, JsonElement>();
        foreach (var column in Data.Spec.Columns.Where(c => c.IsFeature))
            record[column.Name] = column.Role switch
            {
                ColumnRole.Numeric => JsonSerializer.SerializeToElement(Data.Numeric(column.Name)[row]),
                ColumnRole.Boolean => JsonSerializer.SerializeToElement(Data.Boolean(column.Name)[row]),
                _ => JsonSerializer.SerializeToElement(Data.Text(column.Name)[row]),
            };
        return record;
    }
}
