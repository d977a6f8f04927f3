using System.Globalization;

namespace Pipeline.Modeling.Registry;

/// <summary>
/// Every file and folder name of the model registry, in one place for the code that writes it (Modeling), serves from
/// it (Serving) and ships it (Delivery):
/// <code>
/// models/registry/&lt;dataset&gt;/       a dataset's registry
///   stages.json                      which version holds which stage (the aliases production, staging)
///   registry.lock                    held while a version is committed or a stage changes
///   .staging/                        versions being assembled (invisible until renamed)
///   versions/&lt;n&gt;/                    one immutable version:
///     model.zip  metadata.json  spec.json  input-schema.json  input-example.json  tree-covers.json  live-drift-bins.json
///     drift-reference.json   (versions registered before it have none)
///     model-card.json  model-card.md  model-card.html   (versions registered before model cards have none)
/// </code>
/// </summary>
public static class RegistryLayout
{
    /// <summary>The folder under the repository root that holds one registry per dataset.</summary>
    public static readonly string RootFolder = Path.Combine("models", "registry");

    /// <summary>The folder of a registry that holds one folder per version.</summary>
    public const string VersionsFolder = "versions";

    /// <summary>The folder of a registry where a version is assembled before it appears.</summary>
    public const string StagingFolder = ".staging";

    /// <summary>The stage assignments of a registry.</summary>
    public const string StagesFile = "stages.json";

    /// <summary>Where retention moves archived versions (archive/&lt;n&gt;).</summary>
    public const string ArchiveFolder = "archive";

    /// <summary>Where a deleted version goes by one rename before its files are removed.</summary>
    public const string TrashFolder = ".trash";

    /// <summary>The append-only event log's folder.</summary>
    public const string EventsFolder = "events";

    /// <summary>A version's content manifest: every file with its size and SHA-256; its digest is the version's.</summary>
    public const string ManifestFile = "manifest.json";

    /// <summary>The lock file of a registry.</summary>
    public const string LockFile = "registry.lock";

    /// <summary>A version's model file (an ML.NET zip, or a composition of them).</summary>
    public const string ModelFile = "model.zip";

    /// <summary>A version's metadata (<see cref="ModelMetadata"/>).</summary>
    public const string MetadataFile = "metadata.json";

    /// <summary>A version's dataset spec, with which it turns records into features.</summary>
    public const string SpecFile = "spec.json";

    /// <summary>A version's input schema (the fields a scoring request must have).</summary>
    public const string InputSchemaFile = "input-schema.json";

    /// <summary>A version's input example (a valid scoring request).</summary>
    public const string InputExampleFile = "input-example.json";

    /// <summary>A version's tree covers (training rows per node), with which TreeSHAP explains its predictions.</summary>
    public const string TreeCoversFile = "tree-covers.json";

    /// <summary>
    /// A version's live-drift reference (<see cref="LiveDriftBins"/>): each feature's and the score's bins over the
    /// training split, with thresholds for the scoring service's sliding window.
    /// </summary>
    public const string LiveDriftBinsFile = "live-drift-bins.json";

    /// <summary>
    /// A version's drift reference: what CheckDrift needs of the training split (bins, distribution functions, the
    /// model's scores on the held-out rows), so a check against this version reads only the current data.
    /// </summary>
    public const string DriftReferenceFile = "drift-reference.json";

    /// <summary>A version's model card facts (what Evaluate found: cross-validation, slices, causes, gate), from which the card is rendered again.</summary>
    public const string ModelCardFactsFile = "model-card.json";

    /// <summary>A version's model card as Markdown, written when the version is sealed.</summary>
    public const string ModelCardMarkdownFile = "model-card.md";

    /// <summary>A version's model card as a self-contained HTML page, written when the version is sealed.</summary>
    public const string ModelCardHtmlFile = "model-card.html";

    /// <summary>The alias that names the production version (<see cref="ModelStage.Production"/>).</summary>
    public const string ProductionAlias = "production";

    /// <summary>The alias that names the staging version (<see cref="ModelStage.Staging"/>).</summary>
    public const string StagingAlias = "staging";

    /// <summary>The registry of <paramref name="dataset"/> in the repository at <paramref name="rootDirectory"/>.</summary>
    public static string DatasetDirectory(string rootDirectory, string dataset) => Path.Combine(rootDirectory, RootFolder, dataset);

    /// <summary>The folder of <paramref name="version"/> in the registry at <paramref name="registryDirectory"/>.</summary>
    public static string VersionDirectory(string registryDirectory, int version) =>
        Path.Combine(registryDirectory, VersionsFolder, version.ToString(CultureInfo.InvariantCulture));

    /// <summary>Whether <paramref name="directory"/> looks like a version folder (it holds the model file).</summary>
    public static bool IsVersionDirectory(string directory) => File.Exists(Path.Combine(directory, ModelFile));

    /// <summary>Whether <paramref name="directory"/> looks like a dataset's registry (it holds the versions folder).</summary>
    public static bool IsRegistryDirectory(string directory) => Directory.Exists(Path.Combine(directory, VersionsFolder));

    /// <summary>The metadata file of the version at <paramref name="versionDirectory"/>.</summary>
    public static string MetadataPath(string versionDirectory) => Path.Combine(versionDirectory, MetadataFile);
}
