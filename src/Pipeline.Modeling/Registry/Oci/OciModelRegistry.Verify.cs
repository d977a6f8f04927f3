using System.Globalization;
using Pipeline.Oci;

namespace Pipeline.Modeling.Registry;

public sealed partial class OciModelRegistry
{
    /// <inheritdoc />
    /// <remarks>
    /// Checks the manifest tagged vN against the digest recorded when the version was registered, downloads every
    /// layer again and checks it against the digest the manifest records, and the model file against metadata.json.
    /// The downloaded files replace the local cache of the version.
    /// </remarks>
    public VersionVerification Verify(int version)
    {
        var (manifest, _, digest) = RequireVersion(version);
        var recorded = ReadEvents().Select(e => e.Event).OfType<VersionRegistered>().LastOrDefault(e => e.Version == version)?.Digest;
        if (recorded is not null && recorded != digest)
            throw new ModelingException($"The manifest of version {version} (tag v{version} in {Location}) has digest {digest} but version {version} was registered with digest {recorded}: the tag was moved to other content and will not be loaded.");
        Materialise(version, manifest, digest, download: true);
        return new VersionVerification(version, digest, manifest.Layers.Count);
    }

    /// <inheritdoc />
    /// <remarks>
    /// <c>&lt;cache&gt;/versions/N</c>, downloaded on first use (each layer verified by its digest) and checked against
    /// the manifest's layer digests on every later use, so a cache edited since is downloaded again.
    /// </remarks>
    public string LocalVersionDirectory(int version)
    {
        var (manifest, _, digest) = RequireVersion(version);
        return Materialise(version, manifest, digest, download: false);
    }

    string CachedVersionDirectory(int version) => RegistryLayout.VersionDirectory(CacheDirectory, version);

    string Materialise(int version, Oci.OciManifest manifest, string digest, bool download)
    {
        var target = CachedVersionDirectory(version);
        var marker = target + ".digest";
        if (!download && File.Exists(marker) && File.ReadAllText(marker) == digest && HoldsLayers(target, manifest)) return target;

        var staging = Path.Combine(CacheDirectory, ".staging", $"{Environment.ProcessId}-{Guid.NewGuid():N}");
        Directory.CreateDirectory(staging);
        try
        {
            foreach (var layer in manifest.Layers)
            {
                var path = Path.Combine(staging, SafeTitle(layer, version));
                Directory.CreateDirectory(Path.GetDirectoryName(path)!);
                try
                {
                    Run(() => _client.DownloadBlobAsync(layer.Digest, path));
                }
                catch (ModelingException e) when (e.InnerException is OciDigestMismatchException mismatch)
                {
                    throw new ModelingException(
                        $"File {layer.Title} of version {version} in {Location} has digest {mismatch.Actual} but the version's manifest (digest {digest}) records {mismatch.Expected}: " +
                        "the blob was altered in the registry or on the way, so the version will not be loaded. Push the version again from a clone that has it intact, or prune it.", e);
                }
            }
            VersionFolderIntegrity.Verify(staging); // the folder is consistent with its own manifest.json and metadata
            if (File.Exists(marker)) File.Delete(marker);
            if (Directory.Exists(target))
                Directory.Move(target, Path.Combine(CacheDirectory, ".staging", $"{Environment.ProcessId}-{Guid.NewGuid():N}-old"));
            Directory.CreateDirectory(Path.GetDirectoryName(target)!);
            try
            {
                Directory.Move(staging, target);
            }
            catch (IOException) when (HoldsLayers(target, manifest))
            {
                return target; // another process of this machine materialised it at the same moment
            }
            File.WriteAllText(marker, digest);
            return target;
        }
        finally
        {
            foreach (var leftover in Directory.EnumerateDirectories(Path.Combine(CacheDirectory, ".staging"), $"{Environment.ProcessId}-*"))
                if (leftover == staging || leftover.EndsWith("-old", StringComparison.Ordinal))
                    Directory.Delete(leftover, recursive: true);
        }
    }

    // A layer title is a relative path inside the version folder; anything else would write outside the cache.
    static string SafeTitle(OciDescriptor layer, int version)
    {
        var title = layer.Title;
        if (string.IsNullOrEmpty(title) || Path.IsPathRooted(title) || title.Split('/', '\\').Any(part => part is "" or "." or ".."))
            throw new ModelingException($"Layer {layer.Digest} of version {version} has the title '{title}', which is not a file name inside a version folder; the version was not written by Pipeline and will not be loaded.");
        return title.Replace('/', Path.DirectorySeparatorChar);
    }

    // The cached folder holds exactly the manifest's layers, each with its size and digest.
    static bool HoldsLayers(string folder, Oci.OciManifest manifest)
    {
        if (!Directory.Exists(folder)) return false;
        if (Directory.EnumerateFiles(folder, "*", SearchOption.AllDirectories).Count() != manifest.Layers.Count) return false;
        foreach (var layer in manifest.Layers)
        {
            var path = Path.Combine(folder, layer.Title ?? "");
            if (!File.Exists(path) || new FileInfo(path).Length != layer.Size) return false;
            using var stream = File.OpenRead(path);
            if (OciDigest.Of(stream) != layer.Digest) return false;
        }
        return true;
    }

    // Reads and verifies; the message starts with what was refused.
    VersionVerification RequireIntact(int version, string refused)
    {
        try
        {
            return Verify(version);
        }
        catch (ModelingException e)
        {
            throw new ModelingException($"{refused}: {e.Message} The stages were not changed.", e);
        }
    }
}
