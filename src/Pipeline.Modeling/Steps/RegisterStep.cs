using System.Text.Json;
using Pipeline.Data.Loading;
using Pipeline.Modeling.Evaluation;
using Pipeline.Modeling.Features;
using Pipeline.Modeling.Registry;
using Pipeline.Modeling.Runs;
using Pipeline.Modeling.Training;

namespace Pipeline.Modeling.Steps;

/// <summary>
/// Register: the evaluated model becomes a new immutable registry version with its spec, input schema and an input
/// example; production when there is none or when it beat the current production model in Evaluate, else staging.
/// </summary>
public sealed class RegisterStep(Workspace workspace, StepLog log)
{
    /// <summary>Registers the evaluated model and gives it its stage.</summary>
    /// <exception cref="ModelingException">metrics.json does not evaluate this trained model, or its gate failed.</exception>
    public ModelMetadata Run(Dataset data)
    {
        var summary = TrainingSummary.Read(workspace.TrainingSummaryPath);
        var evaluation = RequireEvaluationOf(summary);
        var features = DatasetFeatures.From(data);
        var example = JsonSerializer.SerializeToElement(features.Record(features.TestRows[0]));
        var schema = JsonSerializer.Deserialize<JsonElement>(Pipeline.Data.Features.InputSchema.From(data.Spec).ToJson());

        var registry = new ModelRegistry(workspace.RegistryDirectory);
        var metadata = registry.Register(new ModelRegistration(workspace.ModelPath, new ModelMetadata
        {
            Lineage = summary.Lineage,
            Metrics = evaluation.Metrics,
            FeatureNames = summary.FeatureNames,
            InputSchema = schema,
            InputExample = example,
        }, new Dictionary<string, string>
        {
            [RegistryLayout.SpecFile] = data.Spec.ToJson(),
            [RegistryLayout.InputSchemaFile] = schema.GetRawText(),
            [RegistryLayout.InputExampleFile] = JsonSerializer.Serialize(example, new JsonSerializerOptions { WriteIndented = true }),
            [RegistryLayout.TreeCoversFile] = Scoring.TreeCoverCounter.Count(workspace.ModelPath, features.Train).ToJson(),
        }));
        log.Info($"Registered {summary.Lineage.Dataset} version {metadata.Version} (SHA-256 {metadata.ModelSha256[..12]}…, parent {metadata.Lineage.ParentVersion?.ToString() ?? "none"}) in {registry.VersionDirectory(metadata.Version)}.");
        AssignStage(registry, metadata.Version, evaluation.Champion);
        new RunHistory(workspace.RunsDirectory).Update(summary.Lineage.RunId, run => run with { Artifacts = new Dictionary<string, string>(run.Artifacts) { ["registeredVersion"] = registry.VersionDirectory(metadata.Version) } });
        return metadata;
    }

    // Register trusts only an evaluation of exactly the trained run and model file, whose gate passed.
    EvaluationRecord RequireEvaluationOf(TrainingSummary summary)
    {
        var metricsPath = workspace.MetricsPath;
        var evaluation = EvaluationRecord.Read(metricsPath);
        if (evaluation.RunId != summary.Lineage.RunId)
            throw new ModelingException($"{metricsPath} evaluates run {evaluation.RunId ?? "(none)"}, not the trained run {summary.Lineage.RunId}; run the Evaluate target first.");
        if (!evaluation.GatePassed)
            throw new ModelingException($"The metric gate did not pass for run {summary.Lineage.RunId} ({metricsPath}); a model that fails its gate is not registered. Fix the regression, or accept the new numbers with ./build.sh AcceptMetrics, then run the Evaluate target again. Nothing was registered.");
        var (_, modelSha256) = TrainedModelFile.Read(workspace, summary);
        if (evaluation.ModelSha256 is { } evaluated && evaluated != modelSha256)
            throw new ModelingException($"{workspace.ModelPath} is not the model file {metricsPath} evaluated (SHA-256 {modelSha256[..12]}…, evaluated {evaluated[..Math.Min(12, evaluated.Length)]}…); run the Evaluate target again. Nothing was registered.");
        return evaluation;
    }

    // Evaluate's comparison counts only if it was against the version that is production now: production may have
    // been promoted, rolled back or first registered since, and a model never compared with it does not replace it.
    void AssignStage(ModelRegistry registry, int version, ChampionVerdict? champion)
    {
        var production = registry.Stages.Production;
        var comparedWith = champion?.Version;
        var championBeaten = comparedWith == production && champion is { ChallengerWins: true };
        var stage = production is null || championBeaten ? ModelStage.Production : ModelStage.Staging;
        registry.Promote(version, stage);
        log.Info(stage == ModelStage.Production
            ? $"Version {version} is now production."
            : comparedWith == production
                ? $"Version {version} is staging: it did not beat production v{production} (promote it with ./build.sh Promote --model-version {version} --stage production)."
                : $"Version {version} is staging: {(comparedWith is { } c ? $"Evaluate compared it with v{c}, but production is now v{production}" : $"Evaluate did not compare it with production v{production}")} (run the Evaluate target again to compare them, or promote it with ./build.sh Promote --model-version {version} --stage production).");
    }

    /// <summary>What Register depends on: the trained run's summary and model.</summary>
    public static IEnumerable<string> Inputs(Workspace workspace) => [workspace.TrainingSummaryPath, workspace.ModelPath];

    /// <summary>Register's output: the registry version made from the trained run; none until it is registered, so a run is registered once.</summary>
    public static IEnumerable<string> Outputs(Workspace workspace) =>
        RegisteredVersionOfTrainedRun(workspace) is { } directory ? [directory] : [];

    /// <summary>The folder of the newest registry version made from the trained run (by its run id), or null.</summary>
    public static string? RegisteredVersionOfTrainedRun(Workspace workspace)
    {
        if (!File.Exists(workspace.TrainingSummaryPath)) return null;
        var runId = TrainingSummary.Read(workspace.TrainingSummaryPath).Lineage.RunId;
        var registry = new ModelRegistry(workspace.RegistryDirectory);
        foreach (var version in registry.Versions.Reverse())
            if (registry.Metadata(version).Lineage.RunId == runId)
                return registry.VersionDirectory(version);
        return null;
    }
}
