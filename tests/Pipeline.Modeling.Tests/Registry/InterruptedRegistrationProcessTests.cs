using Pipeline.Modeling.Registry;

namespace Pipeline.Modeling.Tests.RegistrySemantics;

/// <summary>A real writer process killed between the commit rename and its events (tests/Pipeline.Modeling.RegistryWriter).</summary>
public class InterruptedRegistrationProcessTests
{
    [Fact]
    public void AWriterKilledAfterTheCommit_LeavesAVersionTheNextWriterFinishes_InsteadOfRegisteringItAgain()
    {
        using var folder = new TemporaryDirectory();
        var registryDirectory = folder["registry"];
        var model = folder["model.zip"];
        File.WriteAllBytes(model, new byte[300_000]);

        using (var victim = RegistryProcessTests.StartWriter(registryDirectory, model, "--stage", "production", "--hang-at", "Committed"))
        {
            string? line;
            while ((line = victim.StandardOutput.ReadLine()) is not null && line != "step Committed") { }
            Assert.Equal("step Committed", line);
            victim.Kill(entireProcessTree: true);
            victim.WaitForExit();
        }
        var registry = new ModelRegistry(registryDirectory);
        Assert.Equal([1], registry.Versions);
        Assert.Empty(registry.Events.ReadAll());
        Assert.Null(registry.Stages.Production);

        using var next = RegistryProcessTests.StartWriter(registryDirectory, model, "--stage", "production");
        Assert.True(next.WaitForExit(60_000));

        Assert.EndsWith("registered 1 Finished", next.StandardOutput.ReadToEnd().Trim());
        Assert.Equal([1], registry.Versions);
        Assert.Equal(1, registry.Stages.Production);
        Assert.Equal(registry.Verify(1).Digest, registry.Events.ReadAll().Select(e => e.Event).OfType<VersionRegistered>().Single().Digest);
    }
}
