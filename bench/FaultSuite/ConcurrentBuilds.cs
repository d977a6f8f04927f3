using System.Diagnostics;
using System.Security.Cryptography;
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
    const string Dataset = "ecommerce-conversion";

    public static BuildsResult Run(SuiteOptions options, string checkout)
    {
        Prepare(options.Root, checkout);
        var a = Path.Combine(checkout, "a.csv");
        var b = Path.Combine(checkout, "b.csv");
        int waited = 0, failed = 0;
        for (var round = 0; round < options.BuildRounds; round++)
        {
            var outputs = new[] { a, b }.Select(data => Start(options.Build, checkout, "Register", "--force", "--dataset", Dataset, "--data", data)).ToList()
                .Select(Finish).ToList();
            waited += outputs.Count(o => o.Output.Contains("build.lock; waiting", StringComparison.Ordinal));
            foreach (var (exitCode, output) in outputs.Where(o => o.ExitCode != 0))
            {
                failed++;
                Console.Error.WriteLine($"  a build failed (exit {exitCode}):\n{string.Join('\n', output.Split('\n').TakeLast(15))}");
            }
        }

        var workspace = new Workspace(checkout, Dataset);
        var runs = new RunHistory(workspace.RunsDirectory).List();
        var registry = new ModelRegistry(workspace.RegistryDirectory);
        var versions = registry.Versions.Select(registry.Metadata).ToList();
        var problems = new List<string>();
        foreach (var run in runs)
        {
            var registered = versions.Count(v => v.Lineage.RunId == run.Lineage.RunId);
            if (registered != 1) problems.Add($"run {run.Lineage.RunId} registered {registered} times");
            if (Sha256(run.Lineage.DataSource) != run.Lineage.DataHash) problems.Add($"run {run.Lineage.RunId} records a data hash that is not its file's");
        }
        foreach (var version in versions)
        {
            var run = runs.SingleOrDefault(r => r.Lineage.RunId == version.Lineage.RunId);
            if (run is null) problems.Add($"v{version.Version} names run {version.Lineage.RunId}, which is not in the run history");
            else if (run.Lineage.DataHash != version.Lineage.DataHash || run.Lineage.Threshold != version.Lineage.Threshold || run.Lineage.DataSource != version.Lineage.DataSource)
                problems.Add($"v{version.Version} carries lineage other than its run {run.Lineage.RunId}'s");
        }
        var details = problems.Count == 0 ? $"; {runs.Count} runs, {versions.Count} versions" : "\n  " + string.Join("\n  ", problems);
        var production = registry.Stages.Production ?? versions.LastOrDefault()?.Version ?? 0;
        return new BuildsResult(options.BuildRounds, waited, failed, problems.Count, details, registry.VersionDirectory(production));
    }

    // A checkout like the repository's (.nuke, data/, models/ without the registry) whose gate accepts any metrics
    // (the gate is not under test), and two data files: the dataset's 2,000 rows and its first 1,400.
    static void Prepare(string root, string checkout)
    {
        Copy(Path.Combine(root, ".nuke"), Path.Combine(checkout, ".nuke"), folder => false);
        Copy(Path.Combine(root, "data"), Path.Combine(checkout, "data"), folder => false);
        Copy(Path.Combine(root, "models"), Path.Combine(checkout, "models"), folder => folder == "registry");
        File.WriteAllText(Path.Combine(checkout, "models", Dataset, "training.json"),
            """{ "gate": { "tolerances": { "accuracy": 1, "precision": 1, "recall": 1, "f1": 1, "rocAuc": 1, "prAuc": 1, "logLoss": 100 }, "onMissingSnapshot": "warn" } }""");
        var lines = File.ReadAllLines(Path.Combine(checkout, "data", $"{Dataset}.csv"));
        File.WriteAllLines(Path.Combine(checkout, "a.csv"), lines);
        File.WriteAllLines(Path.Combine(checkout, "b.csv"), lines.Take(1401));
    }

    static void Copy(string from, string to, Func<string, bool> skip)
    {
        Directory.CreateDirectory(to);
        foreach (var file in Directory.GetFiles(from)) File.Copy(file, Path.Combine(to, Path.GetFileName(file)), overwrite: true);
        foreach (var folder in Directory.GetDirectories(from))
            if (!skip(Path.GetFileName(folder)) && Path.GetFileName(folder) is not ("state" or "temp")) Copy(folder, Path.Combine(to, Path.GetFileName(folder)), skip);
    }

    static (Process Process, Task<string> Output) Start(string buildDll, string root, params string[] arguments)
    {
        var start = new ProcessStartInfo("dotnet") { WorkingDirectory = root, RedirectStandardOutput = true, RedirectStandardError = true };
        start.ArgumentList.Add(buildDll);
        foreach (var argument in arguments) start.ArgumentList.Add(argument);
        var process = Process.Start(start)!;
        var stdout = process.StandardOutput.ReadToEndAsync();
        var stderr = process.StandardError.ReadToEndAsync();
        return (process, Task.WhenAll(stdout, stderr).ContinueWith(t => string.Concat(t.Result)));
    }

    static (int ExitCode, string Output) Finish((Process Process, Task<string> Output) build)
    {
        using var process = build.Process;
        if (!process.WaitForExit(TimeSpan.FromMinutes(3)))
        {
            process.Kill(entireProcessTree: true);
            return (-1, "did not finish within 3 minutes");
        }
        return (process.ExitCode, build.Output.Result);
    }

    static string Sha256(string path) => File.Exists(path) ? Convert.ToHexStringLower(SHA256.HashData(File.ReadAllBytes(path))) : "(missing)";
}
