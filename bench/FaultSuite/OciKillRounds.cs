using System.Diagnostics;
using Pipeline.Modeling;
using Pipeline.Modeling.Registry;

namespace FaultSuite;

/// <summary>What the kill -9 rounds against the OCI backend found.</summary>
sealed record OciKillResult(int Rounds, int Killed, int Committed, string KilledAt, int Lost, int Corrupt, int BrokenStages);

/// <summary>
/// kill -9 at random points of a registration and promotion pushed to a real OCI registry (Debian's docker-registry,
/// started by bench/faults.sh): the killable writer (tests/Pipeline.Modeling.RegistryWriter) registers and promotes one
/// model per process, and is killed after a random part of the time one such push takes on this machine (blobs,
/// manifest, claim, version tag, events, stage change), timed from the moment it has opened the registry. After each round the whole repository is read back by a fresh
/// client (its own cache): every version listed before is still listed and verifies, and production names a listed
/// version.
/// </summary>
static class OciKillRounds
{
    const string Dataset = "faults";

    public static OciKillResult Run(SuiteOptions options, string address, string work)
    {
        var model = Path.Combine(work, "model.zip");
        var random = new Random(20261130);
        var bytes = new byte[128 * 1024];
        random.NextBytes(bytes);
        File.WriteAllBytes(model, bytes);

        // Two undisturbed pushes: a production and a version to roll back to, and the time one push takes here.
        var perPush = TimeSpan.Zero;
        for (var i = 0; i < 2; i++)
        {
            using var writer = Start(options.Writer, address, model, work);
            var ready = writer.StandardOutput.ReadLine();
            var clock = Stopwatch.StartNew();
            var output = ready + "\n" + writer.StandardOutput.ReadToEnd();
            writer.WaitForExit();
            if (writer.ExitCode != 0 || !output.Contains("promoted ", StringComparison.Ordinal))
                throw new InvalidOperationException($"An undisturbed push to {address} failed (exit {writer.ExitCode}): {output} {writer.StandardError.ReadToEnd()}");
            perPush = clock.Elapsed > perPush ? clock.Elapsed : perPush;
        }

        var known = new HashSet<int>();
        var lastSteps = new Dictionary<string, int>();
        int rounds = 0, killed = 0, committed = 0, lost = 0, corrupt = 0, brokenStages = 0;
        var budget = Stopwatch.StartNew();
        while (budget.Elapsed < options.KillTime || rounds < 5)
        {
            rounds++;
            using (var victim = Start(options.Writer, address, model, work))
            {
                // Timed from "ready" (the registry is open), so process start-up does not eat the random delay.
                var ready = victim.StandardOutput.ReadLine();
                var stdout = victim.StandardOutput.ReadToEndAsync();
                victim.WaitForExit(random.Next(0, (int)(perPush.TotalMilliseconds * 1.1)));
                if (!victim.HasExited)
                {
                    victim.Kill(entireProcessTree: true);
                    killed++;
                }
                victim.WaitForExit();
                var output = ready + "\n" + stdout.Result;
                if (output.Contains("step Committed", StringComparison.Ordinal)) committed++;
                var last = output.Split('\n', StringSplitOptions.RemoveEmptyEntries).LastOrDefault() ?? "before the first step";
                lastSteps[last] = lastSteps.GetValueOrDefault(last) + 1;
            }

            var (present, bad, stagesOk) = Check(address, Path.Combine(work, $"reader-{rounds}"));
            lost += known.Count(v => !present.Contains(v));
            corrupt += bad.Count;
            brokenStages += stagesOk ? 0 : 1;
            known.UnionWith(present.Except(bad));
        }
        var killedAt = string.Join(", ", lastSteps.OrderByDescending(s => s.Value).Select(s => $"{s.Value} × \"{s.Key}\""));
        return new OciKillResult(rounds, killed, committed, killedAt, lost, corrupt, brokenStages);
    }

    static Process Start(string writer, string address, string model, string work)
    {
        var start = new ProcessStartInfo("dotnet") { RedirectStandardOutput = true, RedirectStandardError = true };
        foreach (var argument in (string[])[writer, address, model, "--dataset", Dataset, "--root", Path.Combine(work, $"writer-{Guid.NewGuid():N}"), "--promote"])
            start.ArgumentList.Add(argument);
        var process = Process.Start(start)!;
        _ = process.StandardError.ReadToEndAsync();
        return process;
    }

    // A fresh reader with its own cache, so nothing a killed writer cached locally hides what the registry holds.
    static (HashSet<int> Present, List<int> Corrupt, bool StagesOk) Check(string address, string cacheRoot)
    {
        RegistryHealth health;
        using (var registry = ModelRegistries.Open(address, Dataset, cacheRoot, credentials: null))
            health = RegistryHealth.Of(registry, productionRequired: true);
        try { Directory.Delete(cacheRoot, recursive: true); } catch (IOException) { }
        return (health.Present, health.Corrupt, health.StagesOk);
    }
}
