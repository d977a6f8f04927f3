using System.Text.Json.Nodes;
using Pipeline.Engine;
using Pipeline.Modeling;
using Pipeline.Modeling.Registry;
using Pipeline.Modeling.Runs;
using Pipeline.Modeling.Workflow;

/// <summary>ModelOps targets: Train → Evaluate (metric gate, champion vs challenger) → Register; Promote, Rollback, runs.</summary>
partial class Build
{
    [Parameter("Registry version for Promote, e.g. --model-version 3")] readonly int? ModelVersion;
    [Parameter("Stage for Promote: production (default), staging or archived")] readonly string Stage = "production";
    [Parameter("Run ids (or unique prefixes) for CompareRuns, e.g. --run-ids 20261126-0412 20261126-0420")] readonly string[] RunIds = [];

    ModelOps? _modelOps;
    // One per run: every Inputs/Outputs callback reads its paths, and the dataset cannot change during a run.
    ModelOps ModelOps => _modelOps ??= new(RootDirectory, Spec.Name, Log.Information, Log.Warning);

    Target Train => _ => _
        .Description("Train the model: hyperparameter search by stratified k-fold CV, threshold by max out-of-fold F1; records the run")
        .DependsOn(ValidateData)
        .Inputs(() => DataInputFiles().Append(AbsolutePath.Create(ModelPaths.ConfigurationPath)).Concat(ModelingCode()))
        .InputValues(DataInputValues)
        .Outputs(TrainingOutputs)
        .Executes(() => { ModelOps.Train(LoadDataset()); });

    Target Evaluate => _ => _
        .Description("Evaluate on the held-out split, score the production champion, write metrics.json + report.html, apply the metric gate")
        .DependsOn(Train)
        // The gate's verdict is a function of these inputs, and only a passing run is recorded, so UpToDate means
        // "passed on exactly these inputs": the model, the data, the verified snapshots, the tolerances, the champion.
        .Inputs(() => TrainingOutputs().Concat(DataInputFiles()).Append(AbsolutePath.Create(ModelPaths.ConfigurationPath))
            .Concat(VerifiedSnapshots()).Concat(Champion()).Concat(ModelingCode()))
        .InputValues(DataInputValues)
        .Outputs(() => [AbsolutePath.Create(ModelPaths.MetricsPath), AbsolutePath.Create(ModelPaths.ReportPath)])
        .Executes(() => { ModelOps.Evaluate(LoadDataset(), isEmbeddedDefault: Data is null); });

    Target AcceptMetrics => _ => _
        .Description("Accept the last evaluation: copy models/<dataset>/*metrics.received.json over the verified snapshots")
        .Executes(() => { ModelOps.AcceptMetrics(); });

    Target Register => _ => _
        .Description("Register the evaluated model as a new registry version, once per training run (production if it beats the champion, else staging)")
        .DependsOn(Evaluate)
        // A training run is registered once: UpToDate while the registry holds the version made from this run.
        .Inputs(() => [AbsolutePath.Create(ModelPaths.TrainingSummaryPath), AbsolutePath.Create(ModelPaths.ModelPath)])
        .Outputs(RegisteredVersionOfTrainedRun)
        .Executes(() => { ModelOps.Register(LoadDataset()); });

    Target Promote => _ => _
        .Description("Give a registered version a stage: --model-version N [--stage production|staging|archived]")
        .Requires(() => ModelVersion)
        .Executes(() => { ModelOps.Promote(ModelVersion!.Value, ParseStage(Stage)); });

    Target Rollback => _ => _
        .Description("Put the previous production version back into production")
        .Executes(() => { ModelOps.Rollback(); });

    Target Runs => _ => _
        .Description("List the recorded training runs")
        .Executes(() => Log.Information(RunTable.List(ModelOps.Runs.List())));

    Target CompareRuns => _ => _
        .Description("Compare training runs side by side: --run-ids A B [C…]")
        .Requires(() => RunIds.Length >= 2)
        .Executes(() => Log.Information(RunTable.Compare(RunIds.Select(ModelOps.Runs.Find).ToList())));

    ModelOpsPaths ModelPaths => ModelOps.Paths;

    /// <summary>What Train writes and Evaluate and Register read.</summary>
    IEnumerable<AbsolutePath> TrainingOutputs() =>
        new[] { ModelPaths.ModelPath, ModelPaths.TrainingSummaryPath, ModelPaths.SplitPath }.Select(AbsolutePath.Create);

    /// <summary>The committed metric snapshots the gate compares with (every one of the dataset: which one applies depends on the data's hash).</summary>
    IEnumerable<AbsolutePath> VerifiedSnapshots() =>
        Directory.Exists(ModelPaths.ModelsDirectory)
            ? Directory.EnumerateFiles(ModelPaths.ModelsDirectory, "*.verified.json").Order(StringComparer.Ordinal).Select(AbsolutePath.Create)
            : [];

    /// <summary>
    /// The champion Evaluate scores: the production version's folder. While production is the version registered from
    /// the trained run itself, the champion that matters is the one the run was compared with before it was registered
    /// (recorded in metrics.json); so registering a model does not make the next run evaluate it again, while a
    /// Promote or Rollback to another version does.
    /// </summary>
    IEnumerable<AbsolutePath> Champion()
    {
        var registry = ModelOps.Registry;
        if (registry.Stages.Production is not { } production) return [];
        var isTrainedRun = RegisteredVersionOfTrainedRun().FirstOrDefault() == AbsolutePath.Create(registry.VersionDirectory(production));
        return (isTrainedRun ? ChampionOfLastEvaluation() : production) is { } champion
            ? [AbsolutePath.Create(registry.VersionDirectory(champion))]
            : [];
    }

    /// <summary>The production version metrics.json compared with, if any (null also when it is unreadable: then Evaluate runs anyway, as its output changed).</summary>
    int? ChampionOfLastEvaluation()
    {
        try
        {
            return File.Exists(ModelPaths.MetricsPath) && JsonNode.Parse(File.ReadAllText(ModelPaths.MetricsPath))?["champion"]?["version"] is JsonValue version
                ? version.GetValue<int>()
                : null;
        }
        catch (Exception e) when (e is System.Text.Json.JsonException or InvalidOperationException or FormatException)
        {
            return null;
        }
    }

    /// <summary>
    /// The code that trains and evaluates — our data and modeling libraries and ML.NET, as loaded by this build — so
    /// that a code or package change re-runs Train and Evaluate.
    /// </summary>
    static IEnumerable<AbsolutePath> ModelingCode() =>
        new[] { typeof(Pipeline.Data.Specs.DatasetSpec), typeof(ModelOps) }.Select(t => t.Assembly.Location)
            .Concat(Directory.EnumerateFiles(AppContext.BaseDirectory, "Microsoft.ML*.dll").Order(StringComparer.Ordinal))
            .Select(AbsolutePath.Create);

    /// <summary>The registry version made from the trained run (by its run id), if any.</summary>
    IEnumerable<AbsolutePath> RegisteredVersionOfTrainedRun()
    {
        if (!File.Exists(ModelPaths.TrainingSummaryPath)) yield break;
        var runId = TrainingSummary.Read(ModelPaths.TrainingSummaryPath).RunId;
        var registry = ModelOps.Registry;
        foreach (var version in registry.Versions.Reverse())
            if (registry.Metadata(version).RunId == runId)
            {
                yield return AbsolutePath.Create(registry.VersionDirectory(version));
                yield break;
            }
    }

    static ModelStage ParseStage(string stage) =>
        Enum.TryParse<ModelStage>(stage, ignoreCase: true, out var parsed) && Enum.IsDefined(parsed)
            ? parsed
            : throw new ModelingException($"--stage '{stage}' is not a stage; allowed values: production, staging, archived.");
}
