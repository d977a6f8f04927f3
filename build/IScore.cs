using Pipeline.Engine;
using Pipeline.Modeling.Scoring;
using Pipeline.Modeling.Scoring.Batch;

/// <summary>Score: a CSV file streamed through a registered version (batch prediction), the same numbers as /predict.</summary>
interface IScore : IHazDataset
{
    [Parameter("Score: the CSV to write, the input rows followed by probability, label, cause probabilities and modelVersion (default: artifacts/<dataset>/scores/<input name>.scored.csv)")]
    AbsolutePath? Output => TryGetValue(() => Output);

    [Parameter("Score: also write each member model's TreeSHAP contribution per input field (slower)")]
    bool Explain => TryGetValue(() => Explain);

    [Parameter("Score: leave rows the model cannot take out of the output (counted and named) instead of stopping at the first")]
    bool SkipInvalidRows => TryGetValue(() => SkipInvalidRows);

    Target Score => _ => _
        .Description("Stream --data (a CSV with the model's input columns) through registry version --model-version (default: production) into --output")
        .Requires(() => Data, because: "it is the CSV to score: the model's input columns (other columns are kept in the output), e.g. --data new-orders.csv")
        .Executes(() =>
        {
            using var registry = Workspace.OpenRegistry();
            var version = ModelVersion ?? registry.Stages.Production
                ?? throw new InvalidOperationException($"The model registry {registry.Location} has no production version; give --model-version N (see ./build.sh Models).");
            registry.Verify(version);
            using var model = ScoringModel.Load(registry.LocalVersionDirectory(version));
            string output = Output is { } given ? given : Path.Combine(Workspace.ScoresDirectory, Path.GetFileNameWithoutExtension(Data!) + ".scored.csv");
            var result = new CsvBatchScorer(model, new BatchScoringOptions(Explain, SkipInvalidRows), Log.Information).Score(Data!, output);
            Log.Information($"Scored {result.Rows:N0} rows of {Data} with version {result.Version} in {result.Elapsed.TotalSeconds:F1} s into {result.OutputPath}" +
                (result.Skipped > 0 ? $"; {result.Skipped:N0} invalid rows left out (--skip-invalid-rows)." : "."));
        });
}
