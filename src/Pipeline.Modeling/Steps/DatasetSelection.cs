using Pipeline.Data.Loading;
using Pipeline.Data.Specs;
using Pipeline.Data.Validation;

namespace Pipeline.Modeling.Steps;

/// <summary>
/// The dataset a build run works on (<c>--dataset</c>, <c>--data</c>): its spec resolved once, its data loaded once,
/// and what incremental targets hash to know whether the data changed.
/// </summary>
public sealed class DatasetSelection
{
    readonly Lazy<(DatasetSpec Spec, string Path)> resolved;
    Dataset? loaded;

    /// <summary>Selects <paramref name="dataset"/> (a name under data/ or a spec path) with <paramref name="dataPath"/> replacing its source when given.</summary>
    public DatasetSelection(string rootDirectory, string dataset, string? dataPath)
    {
        RootDirectory = rootDirectory;
        Dataset = dataset;
        DataPath = dataPath;
        resolved = new(() => DatasetCatalog.Resolve(rootDirectory, dataset));
    }

    /// <summary>The repository root.</summary>
    public string RootDirectory { get; }
    /// <summary>The spec name or path as given.</summary>
    public string Dataset { get; }
    /// <summary>The CSV replacing the spec's source, or null for the spec's own.</summary>
    public string? DataPath { get; }

    /// <summary>The resolved spec.</summary>
    public DatasetSpec Spec => resolved.Value.Spec;
    /// <summary>The spec file's path.</summary>
    public string SpecPath => resolved.Value.Path;
    /// <summary>True when the data is the spec's own source (the embedded default for ai4i2020), which selects the metric snapshot.</summary>
    public bool IsEmbeddedDefault => DataPath is null;
    /// <summary>Where the model registry is (<c>--model-registry</c>); see <see cref="Steps.Workspace.RegistryLocation"/>.</summary>
    public string RegistryLocation { get; init; } = Registry.ModelRegistries.DefaultFolder;

    /// <summary>Credentials for an OCI registry, or null.</summary>
    public Pipeline.Oci.OciCredentials? RegistryCredentials { get; init; }

    /// <summary>The workspace of the resolved dataset.</summary>
    public Workspace Workspace => new(RootDirectory, Spec.Name) { RegistryLocation = RegistryLocation, RegistryCredentials = RegistryCredentials };

    /// <summary>The data (<see cref="DataPath"/>, else the spec's source), loaded on first use.</summary>
    public Dataset Load() => loaded ??= DatasetLoader.Load(Spec, RootDirectory, DataPath);

    /// <summary>
    /// The data as loaded with <paramref name="columns"/>, a spec with fewer of the selected spec's columns, for a step
    /// that reads only some (CheckDrift); the whole data when it is loaded already. Not kept: <see cref="Load()"/>
    /// still loads every column.
    /// </summary>
    public Dataset Load(DatasetSpec columns) => loaded ?? DatasetLoader.Load(columns, RootDirectory, DataPath);

    /// <summary>
    /// Takes <paramref name="data"/>, read by this run from this selection's source (ValidateData's pass), as the
    /// loaded data, so <see cref="Load()"/> does not read the file again.
    /// </summary>
    /// <exception cref="ArgumentException">The data was read with another spec.</exception>
    public void Adopt(Dataset data)
    {
        if (data.Spec.Name != Spec.Name)
            throw new ArgumentException($"The data of '{data.Spec.Name}' cannot stand for the selected dataset '{Spec.Name}'.", nameof(data));
        loaded ??= data;
    }

    /// <summary>
    /// The files whose content determines the loaded data, for incremental targets: the spec (which also holds the
    /// simulator's settings), its reviewed schema, and the data file (--data, else the spec's source.path). Their
    /// paths are hashed with their content, so switching --data between files changes the hash too.
    /// </summary>
    public IEnumerable<string> InputFiles()
    {
        yield return SpecPath;
        yield return ValidationRun.SchemaPath(Spec, SpecPath);
        if (DataSource.FilePathFor(Spec, RootDirectory, DataPath) is { } dataFile) yield return dataFile;
    }

    /// <summary>Which data was chosen, for incremental targets: the dataset and --data (empty for the spec's own source).</summary>
    public IEnumerable<string> InputValues() => [Dataset, DataPath ?? ""];
}
