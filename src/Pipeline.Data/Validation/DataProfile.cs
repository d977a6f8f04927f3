using Pipeline.Data.Specs;

namespace Pipeline.Data.Validation;

/// <summary>The result of one streaming pass over a data source: per-column statistics and cell-level anomalies.</summary>
internal sealed class DataProfile
{
    public required DatasetSpec Spec { get; init; }
    public required string SourceDescription { get; init; }
    public required string SourceName { get; init; }
    public string? ContentHash { get; set; }
    public long Rows { get; set; }
    public required ColumnProfile[] Columns { get; init; }
    public long Positives { get; set; }
    public long Negatives { get; set; }
    public LabelValueCounts LabelValues { get; init; } = new();
    public LeakageScreen? Screen { get; set; }
    public IReadOnlyList<string> ExtraColumns { get; set; } = [];
    public bool Aborted { get; set; }

    /// <summary>The chunks the file was read in, in parallel; 0 when it was read sequentially.</summary>
    public int Chunks { get; set; }

    /// <summary>Of <see cref="Chunks"/>, those read column by column (<see cref="ColumnarChunk"/>); the rest were read row by row.</summary>
    public int ColumnarChunks { get; set; }
    public AnomalyCollector Anomalies { get; } = new();

    /// <summary>The loaded dataset, when the pass was asked to keep it and found no error; else null.</summary>
    public Loading.Dataset? Data { get; set; }

    public ColumnProfile Column(string name) => Columns.First(c => c.Spec.Name == name);
}
