using System.Security.Cryptography;

namespace Pipeline.Modeling.Registry;

/// <summary>SHA-256 of model files, and the check that refuses a truncated or tampered model before it is loaded.</summary>
public static class ModelFileIntegrity
{
    /// <summary>SHA-256 (lower-case hex) of the file at <paramref name="path"/>.</summary>
    public static string Sha256Of(string path)
    {
        using var stream = File.OpenRead(path);
        return Convert.ToHexStringLower(SHA256.HashData(stream));
    }

    /// <summary>SHA-256 (lower-case hex) of model file content already in memory.</summary>
    public static string Sha256Of(byte[] content) => Convert.ToHexStringLower(SHA256.HashData(content));

    /// <summary>Throws unless the model file of <paramref name="metadata"/> in <paramref name="versionDirectory"/> is exactly what was registered.</summary>
    /// <exception cref="ModelingException">The file is missing, truncated (shorter than registered) or modified (hash mismatch).</exception>
    public static string Verify(string versionDirectory, ModelMetadata metadata)
    {
        var path = RequireRegisteredLength(versionDirectory, metadata);
        RequireRegisteredHash(path, metadata, Sha256Of(path));
        return path;
    }

    /// <summary>
    /// Reads the model file of <paramref name="metadata"/> once, checks those bytes as <see cref="Verify"/> does and
    /// returns them: a loader that uses them reads the file once, and loads exactly the bytes whose hash was checked.
    /// </summary>
    /// <exception cref="ModelingException">The file is missing, truncated (shorter than registered) or modified (hash mismatch).</exception>
    public static byte[] ReadVerified(string versionDirectory, ModelMetadata metadata)
    {
        var path = RequireRegisteredLength(versionDirectory, metadata);
        var bytes = File.ReadAllBytes(path);
        RequireRegisteredHash(path, metadata, Sha256Of(bytes));
        return bytes;
    }

    static string RequireRegisteredLength(string versionDirectory, ModelMetadata metadata)
    {
        var path = Path.Combine(versionDirectory, metadata.ModelFile);
        if (!File.Exists(path))
            throw new ModelingException($"Model file {path} is missing; the registered version {metadata.Version} cannot be loaded.");
        var length = new FileInfo(path).Length;
        if (length != metadata.ModelBytes)
            throw new ModelingException(
                $"Model file {path} is {length} bytes but {metadata.ModelBytes} were registered: it is {(length < metadata.ModelBytes ? "truncated" : "altered")} and will not be loaded.");
        return path;
    }

    static void RequireRegisteredHash(string path, ModelMetadata metadata, string actual)
    {
        if (!string.Equals(actual, metadata.ModelSha256, StringComparison.OrdinalIgnoreCase))
            throw new ModelingException(
                $"Model file {path} has SHA-256 {actual} but {metadata.ModelSha256} was registered: it has been modified and will not be loaded.");
    }
}
