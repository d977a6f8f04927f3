using System.Security.Cryptography;
using Pipeline.Modeling.Registry;
using Pipeline.Oci;
using Pipeline.Oci.Tests;

namespace Pipeline.Modeling.Tests.RegistryBackends;

/// <summary>Training data pushed beside the models, credentials, and the --model-registry values.</summary>
public class OciDataAndAccessTests
{
    [SkippableFact]
    public void PushedData_IsPulledByDigestOnAnotherMachine_AndPushedOnlyOnce()
    {
        using var backend = new OciBackend();
        var data = backend["train.csv"];
        File.WriteAllText(data, "a,b,label\n1,2,0\n3,4,1\n");
        var expected = "sha256:" + Convert.ToHexStringLower(SHA256.HashData(File.ReadAllBytes(data)));

        var uploads = new UploadCounter();
        using var laptop = new OciModelRegistry(OciRepositoryAddress.Parse(backend.Value).Child("d"), backend["laptop"], handler: uploads);
        var digest = laptop.PushData(data);
        var uploadsOfFirstPush = uploads.Count;
        var again = laptop.PushData(data);
        using var ci = (OciModelRegistry)backend.Open();
        ci.PullData(digest, backend["clone/data/train.csv"]);

        Assert.Equal(expected, digest);
        Assert.Equal(digest, again);
        Assert.Equal(2, uploadsOfFirstPush); // the data file and the empty config
        Assert.Equal(uploadsOfFirstPush, uploads.Count);
        Assert.Equal(File.ReadAllBytes(data), File.ReadAllBytes(backend["clone/data/train.csv"]));
        var missing = Assert.Throws<ModelingException>(() => ci.PullData("sha256:" + new string('0', 64), backend["other.csv"]));
        Assert.Contains("holds no training data file with digest sha256:000", missing.Message);
        Assert.False(File.Exists(backend["other.csv"]));
    }

    [SkippableFact]
    public void AVersionRecordsItsDataDigest_InItsManifestAnnotations()
    {
        using var backend = new OciBackend();
        var model = backend["model.zip"];
        File.WriteAllText(model, "model");
        var dataHash = new string('a', 64);
        using var registry = (OciModelRegistry)backend.Open();
        registry.Register(new RegistrationRequest(new ModelRegistration(model, new ModelMetadata { Lineage = new() { Dataset = "d", DataHash = dataHash } }, new Dictionary<string, string>())));

        using var client = new OciRepositoryClient(registry.Address);
        var manifest = OciManifest.Parse(client.GetManifestAsync("v1").GetAwaiter().GetResult()!.Value.Bytes, "v1");

        Assert.Equal(OciModelRegistry.ModelArtifactType, manifest.ArtifactType);
        Assert.Equal(OciModelRegistry.MetadataMediaType, manifest.Config.MediaType);
        Assert.Equal("sha256:" + dataHash, manifest.Annotations![OciModelRegistry.DataDigestAnnotation]);
        Assert.Equal(["metadata.json", "model.zip", "manifest.json"], manifest.Layers.Select(l => l.Title));
        Assert.Equal("sha256:" + dataHash, OciModelRegistry.DataDigestOf(registry.Metadata(1)));
    }

    [SkippableFact]
    public void ARegistryThatWantsCredentials_IsUsedWithThem_AndTheSecretIsNeverInAMessage()
    {
        using var server = DistributionRegistry.Start("ci", "s3cret-Passw0rd");
        using var folder = new TemporaryDirectory();
        var value = $"oci+http://127.0.0.1:{server.Port}/pipeline";
        var model = folder["model.zip"];
        File.WriteAllText(model, "model");
        var request = new RegistrationRequest(new ModelRegistration(model, new ModelMetadata { Lineage = new() { Dataset = "d" } }, new Dictionary<string, string>()));

        using var authorised = ModelRegistries.Open(value, "d", folder.Path, OciCredentials.Basic("ci", "s3cret-Passw0rd"));
        var registered = authorised.Register(request);
        using var wrongPassword = ModelRegistries.Open(value, "d", folder.Path, OciCredentials.Basic("ci", "wrong-s3cret"));
        var refused = Assert.Throws<ModelingException>(() => wrongPassword.Versions);

        Assert.Equal(1, registered.Version);
        Assert.Contains("401", refused.Message);
        Assert.DoesNotContain("wrong-s3cret", refused.Message);
        Assert.DoesNotContain("s3cret", authorised.Location);
    }

    [Fact]
    public void ModelRegistryValue_NamesAFolderUnderTheRoot_OrAnOciRepositoryPerDataset()
    {
        using var folder = new TemporaryDirectory();

        using var byDefault = ModelRegistries.Open("", "ai4i2020", folder.Path, credentials: null);
        using var relative = ModelRegistries.Open("shared/registry", "ai4i2020", folder.Path, credentials: null);
        using var oci = ModelRegistries.Open("oci+http://127.0.0.1:5000/team/pipeline", "ai4i2020", folder.Path, credentials: null);
        var bad = Assert.Throws<ModelingException>(() => ModelRegistries.Open("oci://Registry.Example/UPPER", "d", folder.Path, null));

        Assert.Equal(folder["models/registry/ai4i2020"], byDefault.Location);
        Assert.Equal(folder["shared/registry/ai4i2020"], relative.Location);
        Assert.Equal("oci+http://127.0.0.1:5000/team/pipeline/ai4i2020", oci.Location);
        Assert.StartsWith(folder["models/registry-cache"], ((OciModelRegistry)oci).CacheDirectory);
        Assert.StartsWith("--model-registry oci://Registry.Example/UPPER:", bad.Message);
    }

    /// <summary>Counts blob upload sessions (POST …/blobs/uploads/) on the way to the registry.</summary>
    sealed class UploadCounter() : DelegatingHandler(new SocketsHttpHandler())
    {
        int count;

        public int Count => count;

        protected override Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken)
        {
            if (request.Method == HttpMethod.Post && request.RequestUri!.AbsolutePath.EndsWith("/blobs/uploads/", StringComparison.Ordinal))
                Interlocked.Increment(ref count);
            return base.SendAsync(request, cancellationToken);
        }
    }
}
