using Pipeline.Data.Specs;
using Pipeline.Engine;
using Pipeline.Modeling;
using Pipeline.Modeling.Steps;

/// <summary>Which dataset, where its rows come from, and the workspace of its artifacts.</summary>
interface IHazDataset : IHazState
{
    [Parameter("Dataset spec: a name under data/ (ai4i2020, ecommerce-conversion) or a path to a spec .json file")]
    string Dataset => TryGetValue(() => Dataset) ?? "ai4i2020";

    [Parameter("A CSV file replacing the spec's source (default: the spec's own, for ai4i2020 the built-in simulator), e.g. ../shared/data/ai4i2020.csv")]
    AbsolutePath? Data => TryGetValue(() => Data);

    [Parameter("Model registry: a folder (default models/registry) or a shared OCI registry, oci://host[:port]/prefix (HTTPS) or oci+http://host:port/prefix (plain HTTP)")]
    string ModelRegistry => TryGetValue(() => ModelRegistry) ?? Pipeline.Modeling.Registry.ModelRegistries.DefaultFolder;

    [Parameter("User name for an OCI model registry (with --model-registry-password)")]
    string? ModelRegistryUsername => TryGetValue(() => ModelRegistryUsername);

    [Parameter("Password (or token used as one) for an OCI model registry"), Secret]
    string? ModelRegistryPassword => TryGetValue(() => ModelRegistryPassword);

    [Parameter("Bearer token for an OCI model registry (instead of a user name and password)"), Secret]
    string? ModelRegistryToken => TryGetValue(() => ModelRegistryToken);

    [Parameter("A registry version: for Promote, Lineage, and Train --reproduce, e.g. --model-version 3")]
    int? ModelVersion => TryGetValue(() => ModelVersion);

    [Parameter("Train: retrain registry version --model-version from its training data pulled from the shared registry, and check the model is the same")]
    bool Reproduce => TryGetValue(() => Reproduce);

    /// <summary>The data file: --data, or with --reproduce the version's training data pulled from the shared registry.</summary>
    string? DataFile => Reproduce
        ? new Reproduction(new Workspace(RootDirectory, DatasetCatalog.Resolve(RootDirectory, Dataset).Spec.Name) { RegistryLocation = ModelRegistry, RegistryCredentials = RegistryCredentials },
            StepLogs.Build).FetchTrainingData(ModelVersion ?? throw new ArgumentException("--reproduce needs --model-version N: the registry version to reproduce."))
        : Data;

    /// <summary>The credentials the registry parameters give, or null.</summary>
    Pipeline.Oci.OciCredentials? RegistryCredentials =>
        ModelRegistryToken is { Length: > 0 } token ? Pipeline.Oci.OciCredentials.Bearer(token)
        : ModelRegistryUsername is { Length: > 0 } user ? Pipeline.Oci.OciCredentials.Basic(user, ModelRegistryPassword ?? "")
        : null;

    /// <summary>The dataset chosen with --dataset and --data: spec resolved and data loaded once per run.</summary>
    DatasetSelection Selection => State.Selection(() => new DatasetSelection(RootDirectory, Dataset, DataFile)
    {
        RegistryLocation = ModelRegistry,
        RegistryCredentials = RegistryCredentials,
    });

    /// <summary>The spec chosen with --dataset.</summary>
    DatasetSpec Spec => Selection.Spec;

    /// <summary>Where the steps of this dataset read and write.</summary>
    Workspace Workspace => Selection.Workspace;

    /// <summary>The data files (spec, schema, data) as incremental inputs.</summary>
    IEnumerable<AbsolutePath> DataInputFiles() => Selection.InputFiles().Select(AbsolutePath.Create);
}
