namespace Pipeline.Data.Specs;

/// <summary>Finds dataset specs: by name under <c>&lt;root&gt;/data/</c>, or by path.</summary>
public static class DatasetCatalog
{
    /// <summary>
    /// Resolves <paramref name="nameOrPath"/>: a name such as <c>ai4i2020</c> means
    /// <c>&lt;root&gt;/data/ai4i2020.json</c>; anything ending in <c>.json</c> or containing a path separator is a
    /// path (relative to the root unless absolute).
    /// </summary>
    /// <exception cref="DataException">No such spec (the message lists the known ones), or the spec is invalid.</exception>
    public static (DatasetSpec Spec, string SpecPath) Resolve(string rootDirectory, string nameOrPath)
    {
        if (string.IsNullOrWhiteSpace(nameOrPath))
            throw new DataException($"No dataset given; expected a spec name ({KnownList(rootDirectory)}) or a path to a spec .json file.");
        var looksLikePath = nameOrPath.EndsWith(".json", StringComparison.OrdinalIgnoreCase)
            || nameOrPath.Contains('/') || nameOrPath.Contains('\\');
        var path = looksLikePath
            ? Path.GetFullPath(nameOrPath, rootDirectory)
            : Path.Combine(rootDirectory, "data", nameOrPath + ".json");
        if (!File.Exists(path))
            throw new DataException(looksLikePath
                ? $"The dataset spec file '{path}' does not exist; known specs: {KnownList(rootDirectory)}."
                : $"Unknown dataset '{nameOrPath}'; known specs: {KnownList(rootDirectory)} (or give a path to a spec .json file).",
                path);
        return (DatasetSpec.Load(path), path);
    }

    /// <summary>The names of the specs under <c>&lt;root&gt;/data/</c>, sorted.</summary>
    public static IReadOnlyList<string> KnownNames(string rootDirectory)
    {
        var directory = Path.Combine(rootDirectory, "data");
        if (!Directory.Exists(directory)) return [];
        return Directory.EnumerateFiles(directory, "*.json")
            .Select(Path.GetFileName)
            .Where(f => !f!.EndsWith(".schema.json", StringComparison.OrdinalIgnoreCase))
            .Select(f => Path.GetFileNameWithoutExtension(f)!)
            .Order(StringComparer.Ordinal)
            .ToList();
    }

    private static string KnownList(string rootDirectory)
    {
        var names = KnownNames(rootDirectory);
        return names.Count == 0 ? $"none found in {Path.Combine(rootDirectory, "data")}" : string.Join(", ", names);
    }
}
