using System.Diagnostics;
using System.Security.Cryptography;
using Pipeline.Modeling.Registry;
using Pipeline.Modeling.Runs;

namespace FaultSuite;

/// <summary>
/// Scratch checkouts for the concurrent-build sections: a checkout like the repository's (.nuke, data/, models/
/// without the registry) whose gate accepts any metrics (the gate is not under test) and two data files (the
/// dataset's 2,000 rows and its first 1,400); the real build started as a process; and the check that every run was
/// registered exactly once with its own lineage.
/// </summary>
static class ScratchBuilds
{
    public const string Dataset = "ecommerce-conversion";

    public static void Prepare(string root, string checkout)
    {
        Copy(Path.Combine(root, ".nuke"), Path.Combine(checkout, ".nuke"), folder => false);
        Copy(Path.Combine(root, "data"), Path.Combine(checkout, "data"), folder => false);
        Copy(Path.Combine(root, "models"), Path.Combine(checkout, "models"), folder => folder is "registry" or "registry-cache");
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

    public static (Process Process, Task<string> Output) Start(string buildDll, string root, params string[] arguments)
    {
        var start = new ProcessStartInfo("dotnet") { WorkingDirectory = root, RedirectStandardOutput = true, RedirectStandardError = true };
        start.ArgumentList.Add(buildDll);
        foreach (var argument in arguments) start.ArgumentList.Add(argument);
        var process = Process.Start(start)!;
        var stdout = process.StandardOutput.ReadToEndAsync();
        var stderr = process.StandardError.ReadToEndAsync();
        return (process, Task.WhenAll(stdout, stderr).ContinueWith(t => string.Concat(t.Result)));
    }

    public static (int ExitCode, string Output) Finish((Process Process, Task<string> Output) build)
    {
        using var process = build.Process;
        if (!process.WaitForExit(TimeSpan.FromMinutes(3)))
        {
            process.Kill(entireProcessTree: true);
            return (-1, "did not finish within 3 minutes");
        }
        return (process.ExitCode, build.Output.Result);
    }

    /// <summary>Prints the tail of each failed build and returns how many failed.</summary>
    public static int ReportFailures(IEnumerable<(int ExitCode, string Output)> outputs)
    {
        var failed = 0;
        foreach (var (exitCode, output) in outputs.Where(o => o.ExitCode != 0))
        {
            failed++;
            Console.Error.WriteLine($"  a build failed (exit {exitCode}):\n{string.Join('\n', output.Split('\n').TakeLast(15))}");
        }
        return failed;
    }

    /// <summary>
    /// Problems found between the runs of <paramref name="runs"/> and the versions of <paramref name="registry"/>:
    /// a run registered other than once, a run whose recorded data hash is not its file's, a version naming no known
    /// run or carrying another run's lineage.
    /// </summary>
    public static List<string> LineageProblems(IReadOnlyList<RunRecord> runs, IModelRegistry registry)
    {
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
        return problems;
    }

    static string Sha256(string path) => File.Exists(path) ? Convert.ToHexStringLower(SHA256.HashData(File.ReadAllBytes(path))) : "(missing)";
}
