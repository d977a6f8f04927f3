using System.Diagnostics;
using Pipeline.Modeling;
using Pipeline.Modeling.Registry;

namespace FaultSuite;

/// <summary>What the kill -9 rounds found.</summary>
sealed record KillResult(int Rounds, int Killed, string Summary, int Lost, int Corrupt, int BrokenStages);

/// <summary>
/// kill -9 at random points of Register, Promote and Rollback (tests/Pipeline.Modeling.RegistryWriter as the
/// killable writer, one process per operation on one registry), each round followed by a check of the whole
/// registry: every version committed before is still there and verifies (manifest, digest, every file), and the
/// stage state reads and names existing versions.
/// </summary>
static class KillRounds
{
    public static KillResult Run(SuiteOptions options, string work)
    {
        var registryDirectory = Path.Combine(work, "registry");
        var random = new Random(20261130);
        var committed = new HashSet<int>();
        var killedBy = new Dictionary<string, int> { ["register"] = 0, ["promote"] = 0, ["rollback"] = 0 };
        int rounds = 0, lost = 0, corrupt = 0, brokenStages = 0;
        var clock = Stopwatch.StartNew();
        while (clock.Elapsed < options.KillTime)
        {
            rounds++;
            var versions = committed.Order().ToList();
            var operation = versions.Count < 2 ? "register" : random.Next(3) switch { 0 => "register", 1 => "promote", _ => "rollback" };
            string[] arguments = operation switch
            {
                "register" => [registryDirectory, WriteModel(work, random), "--stage", random.Next(2) == 0 ? "production" : "staging"],
                "promote" => [registryDirectory, "--promote", versions[random.Next(versions.Count)].ToString()],
                _ => [registryDirectory, "--rollback"],
            };
            // Register prints a line after each of its steps (about six); the others print "ready" just before they write.
            if (RunAndKill(options.Writer, arguments, linesBeforeKill: operation == "register" ? 1 + random.Next(6) : 1, random)) killedBy[operation]++;

            var (present, bad, stagesOk) = Check(registryDirectory);
            lost += committed.Count(v => !present.Contains(v));
            corrupt += bad.Count;
            brokenStages += stagesOk ? 0 : 1;
            committed.UnionWith(present.Except(bad));
        }
        return new KillResult(rounds, killedBy.Values.Sum(), string.Join(", ", killedBy.Select(k => $"{k.Value} {k.Key}")), lost, corrupt, brokenStages);
    }

    // A new model file each round, so each registration is a new version (re-registering one model is idempotent).
    static string WriteModel(string work, Random random)
    {
        var bytes = new byte[64 * 1024 + random.Next(256 * 1024)];
        random.NextBytes(bytes);
        var path = Path.Combine(work, "model.zip");
        File.WriteAllBytes(path, bytes);
        return path;
    }

    // Starts the writer, reads linesBeforeKill lines of its output, waits a random few hundred microseconds and kills
    // it with SIGKILL (Process.Kill); true when it was still running then.
    static bool RunAndKill(string writer, string[] arguments, int linesBeforeKill, Random random)
    {
        var start = new ProcessStartInfo("dotnet") { RedirectStandardOutput = true, RedirectStandardError = true };
        start.ArgumentList.Add(writer);
        foreach (var argument in arguments) start.ArgumentList.Add(argument);
        using var process = Process.Start(start)!;
        _ = process.StandardError.ReadToEndAsync();
        for (var read = 0; read < linesBeforeKill && process.StandardOutput.ReadLine() is not null; read++) { }
        var spin = Stopwatch.StartNew();
        var delay = TimeSpan.FromMicroseconds(random.Next(500));
        while (spin.Elapsed < delay) Thread.SpinWait(10);
        var killed = false;
        try
        {
            if (!process.HasExited)
            {
                process.Kill();
                killed = true;
            }
        }
        catch (InvalidOperationException)
        {
            // It finished between the check and the kill.
        }
        process.WaitForExit();
        return killed;
    }

    static (HashSet<int> Present, List<int> Corrupt, bool StagesOk) Check(string registryDirectory)
    {
        if (!Directory.Exists(registryDirectory)) return ([], [], true);
        using var registry = new ModelRegistry(registryDirectory);
        var health = RegistryHealth.Of(registry, productionRequired: false);
        return (health.Present, health.Corrupt, health.StagesOk);
    }
}
