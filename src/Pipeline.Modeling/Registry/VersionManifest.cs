using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using System.Text.Json.Serialization;

namespace Pipeline.Modeling.Registry;

/// <summary>One file of a registered version as its manifest records it.</summary>
/// <param name="Name">Path inside the version folder, with '/' separators.</param>
/// <param name="Bytes">Size in bytes.</param>
/// <param name="Sha256">SHA-256 of the content (lower-case hex).</param>
public sealed record ManifestEntry(string Name, long Bytes, string Sha256);

/// <summary>
/// The content manifest of a registered version (<c>manifest.json</c>): every file of the version folder but the
/// manifest itself, with its size and SHA-256. The SHA-256 of the manifest's bytes is the version digest
/// (<c>sha256:…</c>, as an OCI manifest digest), so one digest covers every file of the version; an OCI backend can
/// push the same manifest and address the version by the same digest.
/// </summary>
public sealed record VersionManifest
{
    /// <summary>File name of the manifest inside a version folder.</summary>
    public const string FileName = RegistryLayout.ManifestFile;

    /// <summary>Format version of the manifest, so a later format can be told apart.</summary>
    public int SchemaVersion { get; init; } = 1;

    /// <summary>Every file of the version, ordered by name (ordinal).</summary>
    public IReadOnlyList<ManifestEntry> Files { get; init; } = [];

    static readonly JsonSerializerOptions Json = new()
    {
        WriteIndented = true,
        PropertyNamingPolicy = JsonNamingPolicy.CamelCase,
        DefaultIgnoreCondition = JsonIgnoreCondition.Never,
    };

    /// <summary>The manifest of every file under <paramref name="versionDirectory"/> (except a manifest already there).</summary>
    public static VersionManifest Of(string versionDirectory) => new()
    {
        Files = FilesOf(versionDirectory)
            .Select(name =>
            {
                var path = Path.Combine(versionDirectory, name);
                return new ManifestEntry(name, new FileInfo(path).Length, ModelFileIntegrity.Sha256Of(path));
            })
            .ToList(),
    };

    /// <summary>The canonical bytes of the manifest (UTF-8 JSON, no BOM, '\n' line ends): what the digest is taken of.</summary>
    public byte[] ToBytes() => Encoding.UTF8.GetBytes(JsonSerializer.Serialize(this, Json).ReplaceLineEndings("\n") + "\n");

    /// <summary>The version digest of manifest bytes: <c>sha256:</c> and the lower-case hex SHA-256.</summary>
    public static string DigestOf(byte[] manifestBytes) => "sha256:" + Convert.ToHexStringLower(SHA256.HashData(manifestBytes));

    /// <summary>Parses manifest bytes read from <paramref name="path"/>.</summary>
    /// <exception cref="ModelingException">The bytes are not a valid manifest.</exception>
    public static VersionManifest Parse(byte[] bytes, string path)
    {
        VersionManifest? manifest;
        try
        {
            manifest = JsonSerializer.Deserialize<VersionManifest>(bytes, Json);
        }
        catch (JsonException e)
        {
            throw new ModelingException($"The version manifest {path} is not valid {Pipeline.Data.JsonProblem.Describe(e)}; the version cannot be verified, so it is not used. Restore the version folder from a backup.", e);
        }
        if (manifest?.Files is null || manifest.Files.Any(f => f is null || string.IsNullOrEmpty(f.Name) || string.IsNullOrEmpty(f.Sha256)))
            throw new ModelingException($"The version manifest {path} has no file list or an entry without name or SHA-256; the version cannot be verified, so it is not used. Restore the version folder from a backup.");
        return manifest;
    }

    /// <summary>Relative names ('/' separators, ordinal order) of every file under <paramref name="versionDirectory"/> but the manifest.</summary>
    public static IReadOnlyList<string> FilesOf(string versionDirectory) =>
        Directory.EnumerateFiles(versionDirectory, "*", SearchOption.AllDirectories)
            .Select(path => Path.GetRelativePath(versionDirectory, path).Replace(Path.DirectorySeparatorChar, '/'))
            .Where(name => name != FileName)
            .Order(StringComparer.Ordinal)
            .ToList();
}
