using Pipeline.Modeling.Registry;
using Pipeline.Oci.Tests;

namespace Pipeline.Modeling.Tests.RegistryBackends;

/// <summary>A registry backend under test: how to open it (a second handle is a second machine) and how to damage a stored file.</summary>
public abstract class RegistryBackend : IDisposable
{
    protected readonly TemporaryDirectory Folder = new();

    /// <summary>A new handle on the same registry (as another process or machine would open it).</summary>
    public abstract IModelRegistry Open();

    /// <summary>The --model-registry value naming this registry (for the writer processes).</summary>
    public abstract string Value { get; }

    /// <summary>Overwrites the stored bytes of <paramref name="version"/>'s model file (same length) as storage damage would.</summary>
    public abstract void DamageModel(IModelRegistry registry, int version, byte[] replacement);

    public string this[string relative] => Folder[relative];

    public virtual void Dispose() => Folder.Dispose();
}

/// <summary>The folder registry in a temporary folder.</summary>
public sealed class FolderBackend : RegistryBackend
{
    public override string Value => Folder["registry"];

    public override IModelRegistry Open() => ModelRegistries.Open(Value, "d", Folder.Path, credentials: null);

    public override void DamageModel(IModelRegistry registry, int version, byte[] replacement) =>
        File.WriteAllBytes(Path.Combine(((ModelRegistry)registry).VersionDirectory(version), "model.zip"), replacement);
}

/// <summary>A real Debian docker-registry (Distribution 2.8) on 127.0.0.1, with its own storage and cache folders.</summary>
public sealed class OciBackend : RegistryBackend
{
    readonly DistributionRegistry registry = DistributionRegistry.Start();

    public override string Value => $"oci+http://127.0.0.1:{registry.Port}/pipeline";

    // Each handle gets its own cache folder: another machine shares nothing but the registry.
    public override IModelRegistry Open() => ModelRegistries.Open(Value, "d", Folder[$"clone-{Guid.NewGuid():N}"], credentials: null);

    public override void DamageModel(IModelRegistry opened, int version, byte[] replacement)
    {
        var oci = (OciModelRegistry)opened;
        var digest = "sha256:" + oci.Metadata(version).ModelSha256;
        File.WriteAllBytes(registry.BlobDataPath(digest), replacement);
    }

    public override void Dispose()
    {
        registry.Dispose();
        base.Dispose();
    }
}
