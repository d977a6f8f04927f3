using System.Text.Json;
using Pipeline.Data.Features;
using Pipeline.Data.Loading;
using Pipeline.Data.Specs;
using Pipeline.Data.Splitting;
using Pipeline.Modeling.Training;

namespace Pipeline.Modeling.Workflow;

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
            $"whose '{spec.Label}' is '{spec.PositiveValue}' and {TestRows.Length - positives} other(s); accuracy, F1, ROC AUC and PR AUC need both classes in it. " +
            "Use more data (or data with more of the rarer class), or raise split.testFraction in the dataset spec.");
    }

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
