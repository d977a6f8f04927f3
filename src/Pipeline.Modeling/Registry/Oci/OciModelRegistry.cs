using System.Text;
using System.Text.Json;
using Pipeline.Oci;

namespace Pipeline.Modeling.Registry;

/// <summary>
/// A model registry of one dataset in an OCI registry (one repository, e.g. <c>pipeline/ai4i2020</c>), shared by
/// laptops and CI. A version is an OCI artifact (<see cref="ModelArtifactType"/>): config = metadata.json, one layer
/// per file of the version folder (titled with its name), so the manifest digest is the version digest. Safe under
/// concurrent writers without compare-and-swap: a writer pushes its version's manifest (unique by its writer id),
/// claims number N with the immutable tag <c>claim-N-&lt;writer&gt;</c>, lists the tags, and gives up N if another
/// claim of N exists; only the claim winner tags <c>vN</c>, and readers list versions from <c>vN</c> tags only.
/// Events are immutable manifests under unique tags, read in (time, digest) order. Versions and events read are
/// cached locally, verified by digest.
/// </summary>
public sealed partial class OciModelRegistry : IModelRegistry, IRegistrationLog
{
    /// <summary>The artifact type of a model version.</summary>
    public const string ModelArtifactType = "application/vnd.pipeline.model.v1";
    /// <summary>The media type of a version's config: its metadata.json.</summary>
    public const string MetadataMediaType = "application/vnd.pipeline.model.metadata.v1+json";
    /// <summary>The media type of a version's file layers.</summary>
    public const string FileMediaType = "application/vnd.pipeline.model.file.v1";
    /// <summary>The artifact type of an event of the log.</summary>
    public const string EventArtifactType = "application/vnd.pipeline.event.v1";
    /// <summary>The media type of an event's config: the event JSON.</summary>
    public const string EventMediaType = "application/vnd.pipeline.event.v1+json";
    /// <summary>The artifact type of a training data file.</summary>
    public const string DataArtifactType = "application/vnd.pipeline.data.v1";
    /// <summary>The media type of a training data file's layer.</summary>
    public const string DataMediaType = "application/vnd.pipeline.data.file.v1";
    /// <summary>Annotation: the writer that pushed a manifest (makes every version manifest unique).</summary>
    public const string WriterAnnotation = "org.pipeline.writer";
    /// <summary>Annotation: the version number a version manifest was built for.</summary>
    public const string VersionAnnotation = "org.pipeline.version";
    /// <summary>Annotation: the digest of the version's training data (the data artifact's layer).</summary>
    public const string DataDigestAnnotation = "org.pipeline.data.digest";

    const long MaxConfigBytes = 16L << 20;
    static readonly Encoding Utf8 = new UTF8Encoding(false);

    readonly OciRepositoryClient _client;

    /// <summary>Opens (without creating anything) the repository at <paramref name="address"/>, caching under <paramref name="cacheRoot"/>.</summary>
    /// <param name="address">The registry and the dataset's repository.</param>
    /// <param name="cacheRoot">The local cache root (e.g. models/registry-cache); this repository's cache is a folder under it.</param>
    /// <param name="credentials">Basic or bearer credentials, when the registry asks for them; never printed.</param>
    /// <param name="handler">The HTTP handler (tests may inject one).</param>
    public OciModelRegistry(OciRepositoryAddress address, string cacheRoot, OciCredentials? credentials = null, HttpMessageHandler? handler = null)
    {
        Address = address;
        _client = new OciRepositoryClient(address, credentials, handler);
        CacheDirectory = Path.Combine(Path.GetFullPath(cacheRoot), address.Registry.Authority.Replace(':', '_'), address.Repository.Replace('/', Path.DirectorySeparatorChar));
        WriterId = Guid.NewGuid().ToString("N");
    }

    /// <summary>The registry and repository.</summary>
    public OciRepositoryAddress Address { get; }

    /// <summary>This repository's local cache: versions read (<c>versions/N</c>), events and config blobs by digest.</summary>
    public string CacheDirectory { get; }

    /// <summary>This writer's id (32 hex digits): in its manifests' annotations and its claim tags.</summary>
    public string WriterId { get; }

    /// <inheritdoc />
    public string Location => Address.ToString();

    /// <inheritdoc />
    public IReadOnlyList<int> Versions => Tags().Versions;

    /// <inheritdoc />
    public ModelMetadata Metadata(int version) => MetadataOf(RequireVersion(version).Manifest, version);

    /// <inheritdoc />
    public string? VersionDigest(int version) => RequireVersion(version).Digest;

    /// <inheritdoc />
    public void Dispose() => _client.Dispose();

    internal OciRegistryTags Tags() => new(Run(() => _client.ListTagsAsync()));

    // The manifest tagged vN, parsed; a missing version is the same sentence as the folder backend's.
    internal (OciManifest Manifest, byte[] Bytes, string Digest) RequireVersion(int version)
    {
        var tag = OciRegistryTags.VersionTagOf(version);
        var found = Run(async () => await _client.GetManifestAsync(tag) ?? ((await _client.ListTagsAsync()).Contains(tag) ? await GetListedManifestAsync(tag, default) : null));
        if (found is not { } manifest)
        {
            var versions = Versions;
            throw new ModelingException(versions.Count == 0
                ? $"The model registry {Location} has no versions yet; run the Register target first."
                : $"Version {version} is not in the model registry {Location}; registered versions: {string.Join(", ", versions)}.");
        }
        var parsed = Run(() => Task.FromResult(OciManifest.Parse(manifest.Bytes, $"v{version} in {Location}")));
        if (parsed.ArtifactType != ModelArtifactType)
            throw new ModelingException($"The tag v{version} in {Location} is a {parsed.ArtifactType ?? "plain image"}, not a model version ({ModelArtifactType}); a tag vN is reserved for the registry's versions.");
        return (parsed, manifest.Bytes, manifest.Digest);
    }

    /// <summary>How long a listed tag may take to resolve: Distribution lists a tag while its push is still writing it.</summary>
    static readonly TimeSpan TagInFlight = TimeSpan.FromSeconds(2);

    // The manifest of a tag the tag list showed. Distribution (filesystem storage) lists a tag as soon as its folder
    // exists, a moment before its link is written, so a listed tag can answer 404 while its push is in flight: wait
    // for it briefly; null when it still does not resolve (it was deleted).
    async Task<(byte[] Bytes, string Digest)?> GetListedManifestAsync(string tag, CancellationToken token)
    {
        var deadline = DateTime.UtcNow + TagInFlight;
        while (true)
        {
            if (await _client.GetManifestAsync(tag, cancellationToken: token) is { } manifest) return manifest;
            if (DateTime.UtcNow > deadline) return null;
            await Task.Delay(25, token);
        }
    }

    ModelMetadata MetadataOf(OciManifest manifest, int version) =>
        ModelMetadata.Parse(Utf8.GetString(CachedBlob(manifest.Config.Digest)), $"of version {version} in {Location} (blob {manifest.Config.Digest})");

    // A small blob (config, event) from the local cache by digest, else from the registry; verified either way.
    byte[] CachedBlob(string digest)
    {
        var path = Path.Combine(CacheDirectory, "blobs", digest.Replace(':', '-'));
        if (File.Exists(path))
        {
            var cached = File.ReadAllBytes(path);
            if (OciDigest.Of(cached) == digest) return cached;
        }
        var bytes = Run(() => _client.GetBlobAsync(digest, MaxConfigBytes));
        WriteWhole(path, bytes);
        return bytes;
    }

    static void WriteWhole(string path, byte[] bytes)
    {
        Directory.CreateDirectory(Path.GetDirectoryName(path)!);
        var temporary = $"{path}.{Environment.ProcessId}.{Guid.NewGuid():N}.tmp";
        File.WriteAllBytes(temporary, bytes);
        File.Move(temporary, path, overwrite: true);
    }

    // The registry's sentences (OciException) become the modeling layer's, so every caller handles one exception type.
    internal static T Run<T>(Func<Task<T>> operation)
    {
        try
        {
            return Task.Run(operation).GetAwaiter().GetResult();
        }
        catch (OciException e)
        {
            throw new ModelingException(e.Message, e);
        }
    }

    internal static void Run(Func<Task> operation) => Run(async () => { await operation(); return true; });
}
