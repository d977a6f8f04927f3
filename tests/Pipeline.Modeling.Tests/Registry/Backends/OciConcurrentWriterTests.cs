using System.Diagnostics;
using Pipeline.Modeling.Registry;

namespace Pipeline.Modeling.Tests.RegistryBackends;

/// <summary>
/// Writers of the OCI backend as separate processes (tests/Pipeline.Modeling.RegistryWriter) against a real
/// docker-registry, which has no compare-and-swap: concurrent registrations and writers killed at random points.
/// </summary>
public class OciConcurrentWriterTests
{
    static Process Writer(OciBackend backend, string model, params string[] options)
    {
        var start = new ProcessStartInfo(Environment.ProcessPath is { } host && Path.GetFileNameWithoutExtension(host) == "dotnet" ? host : "dotnet")
        {
            RedirectStandardOutput = true, RedirectStandardError = true, UseShellExecute = false,
            ArgumentList = { Path.Combine(AppContext.BaseDirectory, "Pipeline.Modeling.RegistryWriter.dll"), backend.Value, model, "--dataset", "d", "--root", backend[$"writer-{Guid.NewGuid():N}"] },
        };
        foreach (var option in options) start.ArgumentList.Add(option);
        return Process.Start(start)!;
    }

    static string ModelFile(OciBackend backend)
    {
        var path = backend["model.zip"];
        File.WriteAllBytes(path, new byte[200_000]);
        return path;
    }

    [SkippableFact]
    public void TwoProcessesRegisteringFiveModelsEachAtOnce_GetTenDistinctIntactVersions()
    {
        using var backend = new OciBackend();
        var model = ModelFile(backend);
        var go = backend["go"];

        using var first = Writer(backend, model, "--count", "5", "--start-after", go);
        using var second = Writer(backend, model, "--count", "5", "--start-after", go);
        Thread.Sleep(300);
        File.WriteAllText(go, "");
        var outputs = new[] { first, second }.Select(p => (Out: p.StandardOutput.ReadToEndAsync(), Err: p.StandardError.ReadToEndAsync())).ToList();
        Assert.True(first.WaitForExit(90_000) && second.WaitForExit(90_000), "the writers did not finish within 90 s");

        Assert.All(outputs, o => Assert.Equal("", o.Err.Result));
        Assert.Equal([0, 0], new[] { first.ExitCode, second.ExitCode });
        var claimed = outputs.SelectMany(o => o.Out.Result.Split('\n')).Where(l => l.StartsWith("registered ", StringComparison.Ordinal))
            .Select(l => int.Parse(l["registered ".Length..].Trim())).Order().ToList();
        using var registry = backend.Open();
        Assert.Equal(10, claimed.Count);
        Assert.Equal(claimed, registry.Versions);
        Assert.Equal(10, registry.Versions.Select(v => registry.Metadata(v).ModelSha256).Distinct().Count());
        foreach (var version in registry.Versions)
            Assert.Equal(registry.VersionDigest(version), registry.Verify(version).Digest);
        Assert.Equal(10, registry.ReadEvents().Count(e => e.Event is VersionRegistered));
    }

    [SkippableFact]
    public void WritersKilledAtRandomPointsOfRegisterAndPromote_LeaveNoPartialVersion_AndRollbackStillWorks()
    {
        using var backend = new OciBackend();
        var model = ModelFile(backend);
        // A writer left alone registers and promotes two versions (so a rollback target exists whatever the killed
        // writers do) and shows how long one registration and promotion takes on this machine.
        var perVersion = TimeSpan.Zero;
        for (var version = 1; version <= 2; version++)
        {
            using var calibration = Writer(backend, model, "--promote");
            Assert.Equal("ready", calibration.StandardOutput.ReadLine());
            var clock = Stopwatch.StartNew();
            var rest = calibration.StandardOutput.ReadToEnd();
            Assert.True(calibration.WaitForExit(60_000));
            perVersion = clock.Elapsed > perVersion ? clock.Elapsed : perVersion;
            Assert.Contains($"promoted {version}", rest);
        }

        var random = new Random(11);
        var committed = 0;
        var lastSteps = new List<string>();
        for (var kill = 0; kill < 20; kill++)
        {
            using var victim = Writer(backend, model, "--promote");
            Assert.Equal("ready", victim.StandardOutput.ReadLine());
            // Anywhere in the registration and promotion (blobs, manifest, claim, version tag, events, stage change).
            victim.WaitForExit(random.Next(0, (int)(perVersion.TotalMilliseconds * 1.1)));
            if (!victim.HasExited) victim.Kill(entireProcessTree: true);
            // A writer that does not die when killed is what a bound should catch (not a slow, loaded machine).
            Assert.True(victim.WaitForExit(60_000), $"killed writer {kill} has not exited after 60 s");
            var output = victim.StandardOutput.ReadToEnd();
            if (output.Contains("step Committed", StringComparison.Ordinal)) committed++;
            lastSteps.Add(output.Split('\n', StringSplitOptions.RemoveEmptyEntries).LastOrDefault() ?? "before the first step");
        }
        var killedAt = string.Join(", ", lastSteps.GroupBy(s => s).Select(g => $"{g.Count()} × {g.Key}"));

        using var after = backend.Open();
        var versions = after.Versions;
        foreach (var version in versions)
            Assert.Equal(after.VersionDigest(version), after.Verify(version).Digest);
        var stages = after.Stages;
        Assert.True(stages.Production is { } production && versions.Contains(production));
        var before = stages.Production;
        var rolledBack = after.Rollback("after the kills");
        Assert.NotEqual(before, rolledBack.Stages.Production);
        Assert.Contains(rolledBack.Stages.Production!.Value, versions);
        Assert.True(versions.Count >= 2 + committed, $"{committed} writers committed but {versions.Count - 2} of their versions are listed (killed at: {killedAt})");
    }
}
