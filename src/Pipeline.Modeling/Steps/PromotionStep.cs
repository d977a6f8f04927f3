using Pipeline.Modeling.Registry;
using Pipeline.Modeling.Scoring;

namespace Pipeline.Modeling.Steps;

/// <summary>Promote and Rollback: stage changes of registered versions, only to versions the scoring service can load.</summary>
public sealed class PromotionStep(Workspace workspace, StepLog log)
{
    /// <summary>Gives a registered version a stage; production and staging only to a version the scoring service can load.</summary>
    /// <exception cref="ModelingException">The version is not registered, or (for production and staging) cannot be loaded.</exception>
    public StageAssignments Promote(int version, ModelStage stage)
    {
        var registry = workspace.OpenRegistry();
        if (stage != ModelStage.Archived && registry.Versions.Contains(version))
            RequireLoadable(registry, version, $"Version {version} cannot be given the stage {stage.ToString().ToLowerInvariant()}");
        var change = registry.Promote(version, stage, $"./build.sh Promote --model-version {version} --stage {stage.ToString().ToLowerInvariant()}", observed: null);
        if (change.Race is { } race) log.Warn(race.Message);
        var stages = change.Stages;
        log.Info($"Version {version} is now {stage.ToString().ToLowerInvariant()}; production: {stages.Production?.ToString() ?? "none"}, staging: {stages.Staging?.ToString() ?? "none"}.");
        return stages;
    }

    /// <summary>Restores the previous production version.</summary>
    /// <exception cref="ModelingException">There is no earlier production version, or it cannot be loaded.</exception>
    public int Rollback()
    {
        var registry = workspace.OpenRegistry();
        registry.Stages.RolledBack(registry.Location, out var target);
        RequireLoadable(registry, target, $"Cannot roll back to version {target}");
        var change = registry.Rollback("./build.sh Rollback");
        if (change.Race is { } race) log.Warn(race.Message);
        var restored = change.Stages.Production!.Value;
        log.Info($"Rolled back: version {restored} is production again.");
        return restored;
    }

    // The registry checks the model file's size and SHA-256; a file that matches them can still be unloadable (a
    // composite with a member or combination rule this version cannot read), so the version is loaded as the scoring
    // service would load it before it is put in front of traffic.
    static void RequireLoadable(IModelRegistry registry, int version, string refused)
    {
        try
        {
            using var _ = ScoringModel.Load(registry.LocalVersionDirectory(version));
        }
        catch (ModelingException e)
        {
            throw new ModelingException($"{refused}: {e.Message.TrimEnd('.')}. The stages were not changed.", e);
        }
    }
}
