using Pipeline.Oci;

namespace Pipeline.Modeling.Registry;

public sealed partial class OciModelRegistry
{
    /// <summary>
    /// Pushes a training data file as its own artifact (<see cref="DataArtifactType"/>, tag <c>data-&lt;sha12&gt;</c>)
    /// and returns its digest (<c>sha256:</c> of the file's bytes, which is the data hash a version's metadata
    /// records). Deduplicated by digest: nothing is uploaded when the registry holds the file already.
    /// </summary>
    /// <exception cref="ModelingException">The file does not exist, or the registry refused it.</exception>
    public string PushData(string dataFilePath)
    {
        if (!File.Exists(dataFilePath))
            throw new ModelingException($"The training data file {dataFilePath} does not exist, so it cannot be pushed to {Location}.");
        return Run(async () =>
        {
            var layer = await _client.PushFileAsync(dataFilePath, DataMediaType,
                new Dictionary<string, string> { [OciManifest.TitleAnnotation] = Path.GetFileName(dataFilePath) });
            var tag = OciRegistryTags.DataTagOf(layer.Digest);
            if (await _client.GetManifestAsync(tag) is { } existing && OciManifest.Parse(existing.Bytes, tag).Layers.Any(l => l.Digest == layer.Digest))
                return layer.Digest;
            var config = await _client.PushBlobAsync("{}"u8.ToArray(), "application/vnd.oci.empty.v1+json");
            await _client.PutManifestAsync(tag, OciManifest.Create(DataArtifactType, config, [layer], new Dictionary<string, string>
            {
                [OciManifest.CreatedAnnotation] = DateTimeOffset.UtcNow.UtcDateTime.ToString("O"),
            }).ToBytes());
            return layer.Digest;
        });
    }

    /// <summary>True when the registry holds the data file <paramref name="digest"/> (pushed by <see cref="PushData"/>).</summary>
    public bool HasData(string digest) => Run(() => _client.BlobExistsAsync(digest));

    /// <summary>Downloads the data file <paramref name="digest"/> to <paramref name="targetPath"/> (written whole or not at all), verified by its digest.</summary>
    /// <exception cref="ModelingException">The digest is malformed, the registry has no such data file, or what it sent does not match the digest.</exception>
    public void PullData(string digest, string targetPath)
    {
        if (!OciDigest.IsValid(digest))
            throw new ModelingException($"'{digest}' is not a data digest; expected sha256: and 64 lower-case hex digits (a version's dataHash prefixed with sha256:).");
        if (!HasData(digest))
            throw new ModelingException($"The registry {Location} holds no training data file with digest {digest}; push it from the machine that trained the version (registration with the OCI backend pushes it).");
        try
        {
            Run(() => _client.DownloadBlobAsync(digest, targetPath));
        }
        catch (ModelingException e) when (e.InnerException is OciDigestMismatchException mismatch)
        {
            throw new ModelingException($"The training data file {digest} from {Location} has digest {mismatch.Actual}: it was altered in the registry or on the way; {targetPath} was not written.", e);
        }
    }
}
