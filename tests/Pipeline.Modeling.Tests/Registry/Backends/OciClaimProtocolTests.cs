using Pipeline.Modeling.Registry;
using Pipeline.Oci;

namespace Pipeline.Modeling.Tests.RegistryBackends;

/// <summary>The claim protocol of the OCI backend with the other writer's moves placed exactly (no timing involved).</summary>
public class OciClaimProtocolTests
{
    [SkippableFact]
    public void AWriterThatSeesAnotherClaimOfItsNumber_GivesItUp_AndTakesTheNext()
    {
        using var backend = new OciBackend();
        var model = backend["model.zip"];
        File.WriteAllText(model, "model");
        using var writer = (OciModelRegistry)backend.Open();
        using var client = new OciRepositoryClient(writer.Address);
        var rival = new string('b', 32);
        var attempts = 0;

        var result = writer.Register(new RegistrationRequest(new ModelRegistration(model, new ModelMetadata { Lineage = new() { Dataset = "d" } }, new Dictionary<string, string>())), step =>
        {
            // After this writer pushed its manifest for number 1 and before it claims it, a rival claims 1.
            if (step == RegistrationStep.StagingFilesWritten && attempts++ == 0) ClaimAsRival(client, 1, rival);
        });
        var tags = client.ListTagsAsync().GetAwaiter().GetResult();

        Assert.Equal(2, attempts);
        Assert.Equal(2, result.Version);
        Assert.Equal([2], writer.Versions);
        Assert.Contains($"claim-1-{rival}", tags);
        Assert.DoesNotContain($"claim-1-{writer.WriterId}", tags); // the lost claim was deleted with its manifest
        Assert.Contains($"claim-2-{writer.WriterId}", tags);
        Assert.Equal(result.Digest, writer.Verify(2).Digest);
        Assert.Contains("Version 1 is not in the model registry", Assert.Throws<ModelingException>(() => writer.Metadata(1)).Message);
    }

    [SkippableFact]
    public void AClaimWithoutItsVersionTag_IsAGap_ThatNoLaterWriterReuses()
    {
        using var backend = new OciBackend();
        using var writer = (OciModelRegistry)backend.Open();
        using var client = new OciRepositoryClient(writer.Address);
        ClaimAsRival(client, 1, new string('c', 32)); // a writer killed between its claim and its version tag
        var model = backend["model.zip"];
        File.WriteAllText(model, "model");

        var result = writer.Register(new RegistrationRequest(new ModelRegistration(model, new ModelMetadata { Lineage = new() { Dataset = "d" } }, new Dictionary<string, string>())));

        Assert.Equal(2, result.Version);
        Assert.Equal([2], writer.Versions);
        Assert.Single(RegistryListing.Of(writer));
    }

    static void ClaimAsRival(OciRepositoryClient client, int version, string writerId)
    {
        var config = client.PushBlobAsync("{}"u8.ToArray(), OciModelRegistry.MetadataMediaType).GetAwaiter().GetResult();
        var manifest = OciManifest.Create(OciModelRegistry.ModelArtifactType, config, [], new Dictionary<string, string> { [OciModelRegistry.WriterAnnotation] = writerId }).ToBytes();
        client.PutManifestAsync($"claim-{version}-{writerId}", manifest).GetAwaiter().GetResult();
    }
}
