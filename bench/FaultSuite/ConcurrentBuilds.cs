using Pipeline.Modeling.Registry;
using Pipeline.Modeling.Runs;
using Pipeline.Modeling.Steps;

namespace FaultSuite;

/// <summary>What the concurrent-build rounds found; <see cref="VersionFolder"/> is a registered version for the service section.</summary>
sealed record BuildsResult(int Pairs, int Waited, int Failed, int Mixed, string Details, string VersionFolder);

/// <summary>
/// Two <c>Register --force</c> builds started together in one scratch checkout (ecommerce-conversion, one with a.csv
/// and one with b.csv), round after round; then every run must be registered exactly once, and every registry
/// version must carry the lineage (data file, data hash, threshold) of the run that produced it.
/// </summary>
static class ConcurrentBuilds
{
    public static BuildsResult Run(SuiteOptions options, string checkout)
    {
        ScratchBuilds.Prepare(options.Root, checkout);
        int waited = 0, failed = 0;
        for (var round = 0; round < options.BuildRounds; round++)
        {
            var outputs = new[] { "a.csv", "b.csv" }
                .Select(data => ScratchBuilds.Start(options.Build, checkout, "Register", "--force", "--dataset", ScratchBuilds.Dataset, "--data", Path.Combine(checkout, data)))
                .ToList().Select(ScratchBuilds.Finish).ToList();
            waited += outputs.Count(o => o.Output.Contains("build.lock; waiting", StringComparison.Ordinal));
            failed += ScratchBuilds.ReportFailures(outputs);
        }

        var workspace = new Workspace(checkout, ScratchBuilds.Dataset);
        var runs = new RunHistory(workspace.RunsDirectory).List();
        using var registry = new ModelRegistry(workspace.RegistryDirectory);
        var problems = ScratchBuilds.LineageProblems(runs, registry);
        var details = problems.Count == 0 ? $"; {runs.Count} runs, {registry.Versions.Count} versions" : "\n  " + string.Join("\n  ", problems);
        var production = registry.Stages.Production ?? registry.Versions.LastOrDefault();
        return new BuildsResult(options.BuildRounds, waited, failed, problems.Count, details, registry.VersionDirectory(production));
    }
}
