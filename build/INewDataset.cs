using Pipeline.Data.Proposing;
using Pipeline.Engine;

/// <summary>Onboarding: propose a new dataset's spec, schema and training configuration from a CSV file.</summary>
interface INewDataset : IHazDataset
{
    [Parameter("NewDataset: the label column's header name")]
    string? Label => TryGetValue(() => Label);

    [Parameter("NewDataset: label values meaning the positive class, comma-separated (for a label that is not boolean)")]
    string? PositiveValues => TryGetValue(() => PositiveValues);

    [Parameter("NewDataset: label values meaning the negative class, comma-separated; every other value is positive")]
    string? NegativeValues => TryGetValue(() => NegativeValues);

    Target NewDataset => _ => _
        .Description("Propose data/<name>.json, data/<name>.schema.json and models/<name>/training.json from --data <csv> --label <column> [--dataset <name>]; never overwrites")
        .Executes(() =>
        {
            var run = NewDatasetRun.Run(RootDirectory, (string?)Data, Label, TryGetValue(() => Dataset), PositiveValues, NegativeValues);
            foreach (var line in run.Lines) Log.Information(line);
        });
}
