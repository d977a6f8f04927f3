using System.IO.Compression;
using System.Text.Json.Nodes;
using Pipeline.Modeling.Registry;
using Pipeline.Modeling.Training;

namespace Pipeline.Modeling.Tests;

/// <summary>Edits a registered version folder the way a damaged or altered one looks, for the refusal tests.</summary>
public static class RegisteredVersionEdits
{
    /// <summary>Copies the version folder <paramref name="version"/> to <paramref name="destination"/> and returns it.</summary>
    public static string Copy(string version, string destination)
    {
        Directory.CreateDirectory(destination);
        foreach (var file in Directory.GetFiles(version)) File.Copy(file, Path.Combine(destination, Path.GetFileName(file)));
        return destination;
    }

    /// <summary>
    /// Applies <paramref name="edit"/> to the version's metadata.json and reseals the folder's manifest, so that the
    /// version looks as if it had been committed like this and only the checks after the manifest's can refuse it.
    /// </summary>
    public static void EditMetadata(string version, Action<JsonObject> edit)
    {
        var path = Path.Combine(version, "metadata.json");
        var metadata = JsonNode.Parse(File.ReadAllText(path))!.AsObject();
        edit(metadata);
        File.WriteAllText(path, metadata.ToJsonString());
        Reseal(version);
    }

    /// <summary>Rewrites the version's manifest.json (when it has one) to list its files as they are now.</summary>
    public static void Reseal(string version)
    {
        var manifest = Path.Combine(version, VersionManifest.FileName);
        if (File.Exists(manifest)) File.WriteAllBytes(manifest, VersionManifest.Of(version).ToBytes());
    }

    /// <summary>
    /// Rewrites the composition.json of the version's composite model.zip with <paramref name="edit"/> and registers
    /// the file's new size and SHA-256, so that only the composite's own checks can refuse it; returns the model path.
    /// </summary>
    public static string EditComposition(string version, Func<string, string> edit)
    {
        var path = Path.Combine(version, "model.zip");
        using (var zip = ZipFile.Open(path, ZipArchiveMode.Update))
        {
            var entry = zip.GetEntry(CompositeModelFile.CompositionEntry)!;
            string text;
            using (var reader = new StreamReader(entry.Open())) text = reader.ReadToEnd();
            entry.Delete();
            using var writer = new StreamWriter(zip.CreateEntry(CompositeModelFile.CompositionEntry).Open());
            writer.Write(edit(text));
        }
        var bytes = File.ReadAllBytes(path);
        EditMetadata(version, metadata =>
        {
            metadata["modelBytes"] = bytes.Length;
            metadata["modelSha256"] = ModelFileIntegrity.Sha256Of(bytes);
        });
        return path;
    }
}
