using Pipeline.Modeling.Registry;
using Pipeline.Modeling.Runs;
using Pipeline.Modeling.Steps;

namespace FaultSuite;

/// <summary>What the two-checkout rounds found.</summary>
sealed record TwoCheckoutResult(int Pairs, int Failed, int Mixed, string Details);

/// <summary>
/// Two machines sharing one OCI model registry, as two scratch checkouts: <c>Register --force --model-registry
/// &lt;oci&gt;</c> started together in each (one on a.csv, one on b.csv), round after round. No lock is shared
/// between them (each checkout's build lock is its own), so the registry's own commit must keep them apart: every
/// run of either checkout is registered exactly once, and every version carries its run's lineage.
/// </summary>
static class TwoCheckoutBuilds
{
    public static TwoCheckoutResult Run(SuiteOptions options, string address, string work)
    {
        var checkouts = new[] { Path.Combine(work, "machine-a"), Path.Combine(work, "machine-b") };
        foreach (var checkout in checkouts) ScratchBuilds.Prepare(options.Root, checkout);
        var failed = 0;
        for (var round = 0; round < options.BuildRounds; round++)
        {
            var outputs = checkouts.Zip(["a.csv", "b.csv"])
                .Select(c => ScratchBuilds.Start(options.Build, c.First, "Register", "--force", "--dataset", ScratchBuilds.Dataset,
                    "--data", Path.Combine(c.First, c.Second), "--model-registry", address))
                .ToList().Select(ScratchBuilds.Finish).ToList();
            failed += ScratchBuilds.ReportFailures(outputs);
        }

        var runs = checkouts.SelectMany(c => new RunHistory(new Workspace(c, ScratchBuilds.Dataset).RunsDirectory).List()).ToList();
        using var registry = ModelRegistries.Open(address, ScratchBuilds.Dataset, Path.Combine(work, "reader"), credentials: null);
        var problems = ScratchBuilds.LineageProblems(runs, registry);
        var details = problems.Count == 0 ? $"; {runs.Count} runs, {registry.Versions.Count} versions" : "\n  " + string.Join("\n  ", problems);
        return new TwoCheckoutResult(options.BuildRounds, failed, problems.Count, details);
    }
}
