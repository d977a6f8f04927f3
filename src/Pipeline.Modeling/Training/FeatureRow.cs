using Microsoft.ML;
using Microsoft.ML.Data;

namespace Pipeline.Modeling.Training;

/// <summary>One row as ML.NET sees it: a float vector whose width is fixed at run time, and a label.</summary>
internal sealed class FeatureRow
{
    public float[] Features = [];
    public bool Label;

    /// <summary>The schema with the vector's width set, since it depends on the dataset spec.</summary>
    public static SchemaDefinition SchemaFor(int featureCount)
    {
        var schema = SchemaDefinition.Create(typeof(FeatureRow));
        schema[nameof(Features)].ColumnType = new VectorDataViewType(NumberDataViewType.Single, featureCount);
        return schema;
    }

    public static IDataView ToDataView(MLContext ml, FeatureMatrix matrix)
    {
        var rows = new FeatureRow[matrix.Count];
        for (var i = 0; i < rows.Length; i++) rows[i] = new FeatureRow { Features = matrix.Rows[i], Label = matrix.Labels[i] };
        return ml.Data.LoadFromEnumerable(rows, SchemaFor(matrix.FeatureNames.Count));
    }
}

/// <summary>What the trained pipeline outputs for one row.</summary>
internal sealed class ProbabilityRow
{
    public float Probability;
}
