using System.Text;

namespace Pipeline.Oci.Tests;

/// <summary>The Distribution client against a real registry (Debian's docker-registry, Distribution 2.8).</summary>
public sealed class OciRepositoryClientAgainstDistributionTests
{
    private static OciManifest ManifestOf(OciDescriptor config, params OciDescriptor[] layers) =>
        OciManifest.Create("application/vnd.pipeline.test.v1", config, layers, new Dictionary<string, string> { ["purpose"] = "test" });

    [SkippableFact]
    public async Task ABlobAndAManifestPushedUnderATag_AreListedResolvedAndReadBackVerified()
    {
        using var registry = DistributionRegistry.Start();
        using var client = new OciRepositoryClient(registry.Address());
        var config = await client.PushBlobAsync("{\"version\":1}"u8.ToArray(), "application/vnd.pipeline.test.config.v1+json");
        var layer = await client.PushBlobAsync(Encoding.UTF8.GetBytes(new string('x', 100_000)), "application/vnd.pipeline.test.file.v1",
            new Dictionary<string, string> { [OciManifest.TitleAnnotation] = "model.zip" });
        var manifest = ManifestOf(config, layer);

        var digest = await client.PutManifestAsync("v1", manifest.ToBytes());
        var tags = await client.ListTagsAsync();
        var resolved = await client.ResolveTagAsync("v1");
        var read = await client.GetManifestAsync(digest);
        var blob = await client.GetBlobAsync(layer.Digest, maxBytes: 1 << 20);
        var file = Path.Combine(registry.Folder, "download", "model.zip");
        await client.DownloadBlobAsync(layer.Digest, file);

        Assert.Equal(["v1"], tags);
        Assert.Equal(digest, resolved);
        var parsed = OciManifest.Parse(read!.Value.Bytes, "v1");
        Assert.Equal("application/vnd.pipeline.test.v1", parsed.ArtifactType);
        Assert.Equal("model.zip", Assert.Single(parsed.Layers).Title);
        Assert.Equal(100_000, blob.Length);
        Assert.Equal(100_000, new FileInfo(file).Length);
        Assert.Null(await client.ResolveTagAsync("no-such-tag"));
    }

    [SkippableFact]
    public async Task ARepositoryThatDoesNotExistYet_HasNoTags()
    {
        using var registry = DistributionRegistry.Start();
        using var client = new OciRepositoryClient(registry.Address("pipeline/empty"));

        Assert.Empty(await client.ListTagsAsync());
    }

    [SkippableFact]
    public async Task ABlobAlteredInTheRegistry_IsRefusedWithBothDigests_AndNoFileIsWritten()
    {
        using var registry = DistributionRegistry.Start();
        using var client = new OciRepositoryClient(registry.Address());
        var layer = await client.PushBlobAsync(Encoding.UTF8.GetBytes("model bytes"), "application/octet-stream");
        File.WriteAllText(registry.BlobDataPath(layer.Digest), "MODEL BYTES");

        var inMemory = await Assert.ThrowsAsync<OciDigestMismatchException>(() => client.GetBlobAsync(layer.Digest, 1 << 20));
        var target = Path.Combine(registry.Folder, "out", "model.zip");
        var toFile = await Assert.ThrowsAsync<OciDigestMismatchException>(() => client.DownloadBlobAsync(layer.Digest, target));

        Assert.Contains("altered", inMemory.Message);
        Assert.Contains(layer.Digest, inMemory.Message);
        Assert.Contains(OciDigest.Of(Encoding.UTF8.GetBytes("MODEL BYTES")), inMemory.Message);
        Assert.Equal((layer.Digest, OciDigest.Of(Encoding.UTF8.GetBytes("MODEL BYTES"))), (toFile.Expected, toFile.Actual));
        Assert.Contains("was not written", toFile.Message);
        Assert.False(File.Exists(target));
        Assert.Empty(Directory.GetFiles(Path.GetDirectoryName(target)!));
    }

    [SkippableFact]
    public async Task DeletingAManifestByDigest_RemovesItsTags()
    {
        using var registry = DistributionRegistry.Start();
        using var client = new OciRepositoryClient(registry.Address());
        var config = await client.PushBlobAsync("{}"u8.ToArray(), "application/vnd.pipeline.test.config.v1+json");
        var digest = await client.PutManifestAsync("claim-1", ManifestOf(config).ToBytes());

        await client.DeleteManifestAsync(digest);
        await client.DeleteManifestAsync(digest); // already gone: not an error

        Assert.Null(await client.ResolveTagAsync("claim-1"));
    }

    [SkippableFact]
    public async Task WithBasicCredentials_TheRegistryServes_AndWithoutOrWrongOnesTheErrorSaysWhatToDo_NeverThePassword()
    {
        const string password = "s3cret-Registry-Passw0rd";
        using var registry = DistributionRegistry.Start("ci", password);
        using var authorised = new OciRepositoryClient(registry.Address(), OciCredentials.Basic("ci", password));
        using var anonymous = new OciRepositoryClient(registry.Address());
        using var wrong = new OciRepositoryClient(registry.Address(), OciCredentials.Basic("ci", "not-" + password));

        var descriptor = await authorised.PushBlobAsync("{}"u8.ToArray(), "application/json");
        await authorised.PutManifestAsync("v1", ManifestOf(descriptor).ToBytes());
        var refused = await Assert.ThrowsAsync<OciException>(() => anonymous.ListTagsAsync());
        var wrongly = await Assert.ThrowsAsync<OciException>(() => wrong.ListTagsAsync());

        Assert.Equal(["v1"], await authorised.ListTagsAsync());
        Assert.Equal(401, refused.StatusCode);
        Assert.Contains("credentials", refused.Message);
        Assert.Equal(401, wrongly.StatusCode);
        Assert.DoesNotContain(password, wrongly.ToString());
        Assert.Equal("ci:***", OciCredentials.Basic("ci", password).ToString());
    }

    [SkippableFact]
    public async Task ALargeBlob_IsStreamed_AndVerified()
    {
        using var registry = DistributionRegistry.Start();
        using var client = new OciRepositoryClient(registry.Address());
        var path = Path.Combine(registry.Folder, "big.bin");
        var bytes = new byte[12 << 20];
        new Random(7).NextBytes(bytes);
        File.WriteAllBytes(path, bytes);

        var descriptor = await client.PushFileAsync(path, "application/octet-stream");
        var copy = Path.Combine(registry.Folder, "copy.bin");
        await client.DownloadBlobAsync(descriptor.Digest, copy);

        Assert.Equal(OciDigest.Of(bytes), descriptor.Digest);
        Assert.Equal(bytes, File.ReadAllBytes(copy));
    }

    [SkippableFact]
    public async Task AStoppedRegistry_IsOneSentenceNamingTheAddress()
    {
        OciRepositoryAddress address;
        using (var registry = DistributionRegistry.Start()) address = registry.Address();
        using var client = new OciRepositoryClient(address, retryDelay: TimeSpan.FromMilliseconds(1));

        var error = await Assert.ThrowsAsync<OciException>(() => client.ListTagsAsync());

        Assert.Contains($"127.0.0.1:{address.Registry.Port} could not be reached", error.Message);
    }
}
