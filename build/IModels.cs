using Pipeline.Engine;
using Pipeline.Modeling.Registry;

/// <summary>See the registry (Models, Lineage) and apply retention (PruneModels).</summary>
interface IModels : IRegister
{
    [Parameter("PruneModels: how many of the newest versions to keep (production, the rollback target and deployed versions are always kept)")]
    int? Keep => TryGetValue(() => Keep);

    [Parameter("PruneModels: archive (move to the registry's archive/ folder, default) or delete")]
    PruneMode PruneMode => TryGetValue(() => PruneMode, PruneMode.Archive);

    Target Models => _ => _
        .Description("List the dataset's registry versions (stage, created, data, metrics, run, commit, image, last deployment, last drift verdict); also artifacts/<dataset>/models.json")
        .ReadOnly()
        .Executes(() =>
        {
            var rows = RegistryListing.Of(Workspace.OpenRegistry());
            var json = Path.Combine(Workspace.DatasetArtifactsDirectory, "models.json");
            RegistryListing.WriteJson(json, Spec.Name, rows);
            Log.Information(RegistryListing.ToTable(rows));
            Log.Information($"Wrote {json}.");
        });

    Target Lineage => _ => _
        .Description("Print a version's chain: data → run → version → image → deployments → drift checks → retrains (--model-version N)")
        .ReadOnly()
        .Requires(() => ModelVersion, because: "it is the registered version whose chain to print (./build.sh Models lists the versions)")
        .Executes(() => Log.Information(VersionLineage.Of(Workspace.OpenRegistry(), ModelVersion!.Value).ToText()));

    Target PruneModels => _ => _
        .Description("Archive or delete old registry versions: --keep N [--prune-mode archive|delete]; never production, the rollback target or a deployed version")
        .Requires(() => Keep, because: "it is how many of the newest versions to keep, e.g. --keep 5 (production, the rollback target and deployed versions are always kept)")
        .Executes(() => Log.Information(Workspace.OpenRegistry().Prune(Keep!.Value, PruneMode, $"./build.sh PruneModels --keep {Keep}").Message));
}
