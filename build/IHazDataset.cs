using Pipeline.Data.Specs;
using Pipeline.Engine;
using Pipeline.Modeling;
using Pipeline.Modeling.Steps;

/// <summary>Which dataset, where its rows come from, and the workspace of its artifacts.</summary>
interface IHazDataset : IHazState
{
    [Parameter("Dataset spec: a name under data/ (ai4i2020, ecommerce-conversion) or a path to a spec .json file")]
    string Dataset => TryGetValue(() => Dataset) ?? "ai4i2020";

    [Parameter("A CSV file replacing the spec's source (default: the spec's own, for ai4i2020 the built-in simulator), e.g. ../shared/data/ai4i2020.csv")]
    AbsolutePath? Data => TryGetValue(() => Data);

    /// <summary>The dataset chosen with --dataset and --data: spec resolved and data loaded once per run.</summary>
    DatasetSelection Selection => State.Selection(() => new DatasetSelection(RootDirectory, Dataset, Data));

    /// <summary>The spec chosen with --dataset.</summary>
    DatasetSpec Spec => Selection.Spec;

    /// <summary>Where the steps of this dataset read and write.</summary>
    Workspace Workspace => Selection.Workspace;

    /// <summary>The data files (spec, schema, data) as incremental inputs.</summary>
    IEnumerable<AbsolutePath> DataInputFiles() => Selection.InputFiles().Select(AbsolutePath.Create);
}
