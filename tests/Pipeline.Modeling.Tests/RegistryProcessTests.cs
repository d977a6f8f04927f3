using System.Diagnostics;
using Pipeline.Modeling.Registry;

namespace Pipeline.Modeling.Tests;

/// <summary>Registry writers as real, separate processes (tests/Pipeline.Modeling.RegistryWriter).</summary>
public class RegistryProcessTests
{
    static readonly string WriterDll = Path.Combine(AppContext.BaseDirectory, "Pipeline.Modeling.RegistryWriter.dll");

    // The dotnet host running these tests, so the writer runs on the same runtime even when dotnet is not on PATH.
    static readonly string DotnetHost = Path.GetFileNameWithoutExtension(Environment.ProcessPath) == "dotnet" ? Environment.ProcessPath! : "dotnet";

    internal static Process StartWriter(params string[] arguments)
    {
        var start = new ProcessStartInfo(DotnetHost) { RedirectStandardOutput = true, RedirectStandardError = true, UseShellExecute = false };
        start.ArgumentList.Add(WriterDll);
        foreach (var argument in arguments) start.ArgumentList.Add(argument);
        return Process.Start(start)!;
    }

    static string ModelFile(TemporaryDirectory folder)
    {
        var path = folder["model.zip"];
        File.WriteAllBytes(path, new byte[2_000_000]);
        return path;
    }

    [Theory]
    [InlineData("StagingFilesWritten")]
    [InlineData("LockAcquired")]
    public void WriterKilledMidRegistration_LeavesNoVersion_AndTheNextWriterSucceeds(string killedAfter)
    {
        using var folder = new TemporaryDirectory();
        var registryDirectory = folder["registry"];
        var model = ModelFile(folder);

        using (var victim = StartWriter(registryDirectory, model, "--hang-at", killedAfter))
        {
            string? line;
            while ((line = victim.StandardOutput.ReadLine()) is not null && line != $"step {killedAfter}") { }
            Assert.Equal($"step {killedAfter}", line);
            victim.Kill(entireProcessTree: true);
            victim.WaitForExit();
        }

        var registry = new ModelRegistry(registryDirectory);
        Assert.Empty(registry.Versions);

        // The lock died with the victim; its abandoned staging folder is swept by the next writer.
        using var next = StartWriter(registryDirectory, model);
        Assert.True(next.WaitForExit(60_000));
        Assert.Equal("step StagingFilesWritten\nstep LockAcquired\nstep Committed\nregistered 1", next.StandardOutput.ReadToEnd().Trim().ReplaceLineEndings("\n"));
        Assert.Equal([1], registry.Versions);
        Assert.Empty(Directory.GetDirectories(Path.Combine(registryDirectory, ".staging")));
        ModelFileIntegrity.Verify(registry.VersionDirectory(1), registry.Metadata(1));
    }

    [Fact]
    public void TwoWritersAtOnce_BothLand_WithDistinctVersions()
    {
        using var folder = new TemporaryDirectory();
        var registryDirectory = folder["registry"];
        var model = ModelFile(folder);
        var go = folder["go"];

        using var first = StartWriter(registryDirectory, model, "--start-after", go);
        using var second = StartWriter(registryDirectory, model, "--start-after", go);
        Thread.Sleep(300); // both processes started and waiting
        File.WriteAllText(go, "");
        Assert.True(first.WaitForExit(60_000) && second.WaitForExit(60_000));

        var outputs = new[] { first.StandardOutput.ReadToEnd(), second.StandardOutput.ReadToEnd() };
        Assert.All(new[] { first, second }, p => Assert.Equal(0, p.ExitCode));
        var versions = outputs.Select(o => int.Parse(o.Trim().Split('\n')[^1].Split(' ')[1])).Order().ToArray();
        Assert.Equal([1, 2], versions);

        var registry = new ModelRegistry(registryDirectory);
        Assert.Equal([1, 2], registry.Versions);
        foreach (var version in registry.Versions)
        {
            Assert.Equal(version, registry.Metadata(version).Version);
            ModelFileIntegrity.Verify(registry.VersionDirectory(version), registry.Metadata(version));
        }
        // Each version holds the files of exactly one writer.
        var notes = registry.Versions.Select(v => File.ReadAllText(Path.Combine(registry.VersionDirectory(v), "note.txt"))).ToArray();
        Assert.Equal(2, notes.Distinct().Count());
    }
}
