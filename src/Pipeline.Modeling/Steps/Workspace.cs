using Pipeline.Modeling.Registry;

namespace Pipeline.Modeling.Steps;

/// <summary>
/// Every path the lifecycle steps read and write for one dataset in one repository: the committed model settings
/// (models/&lt;dataset&gt;), the local registry, and each step's artifacts. The steps and the build ask this type
/// and never combine artifact paths themselves, so where a step's artifacts live is decided here only
/// (<see cref="ArtifactsOf"/>).
/// </summary>
/// <param name="RootDirectory">The repository root.</param>
/// <param name="Dataset">The dataset spec's name.</param>
public sealed record Workspace(string RootDirectory, string Dataset)
{
    /// <summary>
    /// Where the model registry is (<c>--model-registry</c>): a folder (default models/registry, the registry being
    /// &lt;folder&gt;/&lt;dataset&gt;) or an OCI registry, <c>oci://host[:port]/prefix</c> / <c>oci+http://host:port/prefix</c>.
    /// </summary>
    public string RegistryLocation { get; init; } = ModelRegistries.DefaultFolder;

    /// <summary>Credentials for an OCI registry (never printed); null for none.</summary>
    public Pipeline.Oci.OciCredentials? RegistryCredentials { get; init; }

    /// <summary>True when the registry is an OCI registry shared by machines, not a local folder.</summary>
    public bool HasSharedRegistry => Pipeline.Oci.OciRepositoryAddress.IsOciAddress(RegistryLocation);

    /// <summary>Opens this dataset's registry on <see cref="RegistryLocation"/>; dispose it when done.</summary>
    public IModelRegistry OpenRegistry() => ModelRegistries.Open(RegistryLocation, Dataset, RootDirectory, RegistryCredentials);

    /// <summary>artifacts/: everything the build writes and git ignores.</summary>
    public string ArtifactsDirectory => Path.Combine(RootDirectory, "artifacts");

    /// <summary>artifacts/index.html: every dataset's latest reports with their dates and verdicts (rebuilt from artifacts/*/).</summary>
    public string ReportIndexPath => Path.Combine(ArtifactsDirectory, "index.html");

    /// <summary>
    /// artifacts/&lt;dataset&gt;: every step's artifacts of this dataset, so that datasets never overwrite each other's
    /// model, reports or runs, and switching datasets and back finds each one's artifacts as it left them.
    /// </summary>
    public string DatasetArtifactsDirectory => Path.Combine(ArtifactsDirectory, Dataset);

    /// <summary>The artifacts folder of one step of this dataset; the one place that decides the artifacts layout.</summary>
    string ArtifactsOf(string step) => Path.Combine(DatasetArtifactsDirectory, step);

    /// <summary>models/&lt;dataset&gt;: training.json and the committed verified metric snapshots.</summary>
    public string ModelsDirectory => Path.Combine(RootDirectory, "models", Dataset);
    /// <summary>models/&lt;dataset&gt;/training.json.</summary>
    public string ConfigurationPath => Path.Combine(ModelsDirectory, "training.json");
    /// <summary>models/&lt;dataset&gt;/drift.json: the drift thresholds (optional).</summary>
    public string DriftSettingsPath => Path.Combine(ModelsDirectory, "drift.json");
    /// <summary>
    /// The local registry's folder (models/registry/&lt;dataset&gt; by default, git-ignored); for an OCI registry, the
    /// folder of its local cache, which is what incremental targets hash.
    /// </summary>
    public string RegistryDirectory => HasSharedRegistry
        ? Path.Combine(RootDirectory, ModelRegistries.CacheFolder)
        : Path.Combine(Path.GetFullPath(RegistryLocation, Path.GetFullPath(RootDirectory)), Dataset);

    /// <summary>artifacts/&lt;dataset&gt;/validation: ValidateData's report.json and report.md.</summary>
    public string ValidationDirectory => ArtifactsOf("validation");
    /// <summary>ValidateData's JSON report.</summary>
    public string ValidationReportJsonPath => Path.Combine(ValidationDirectory, "report.json");
    /// <summary>ValidateData's HTML report.</summary>
    public string ValidationReportHtmlPath => Path.Combine(ValidationDirectory, Pipeline.Data.Validation.ValidationReportWriter.HtmlFileName);
    /// <summary>artifacts/&lt;dataset&gt;/training: model.zip, training.json, split.json.</summary>
    public string TrainingDirectory => ArtifactsOf("training");
    /// <summary>artifacts/&lt;dataset&gt;/evaluation: metrics.json and report.html.</summary>
    public string EvaluationDirectory => ArtifactsOf("evaluation");
    /// <summary>artifacts/&lt;dataset&gt;/runs: the run history.</summary>
    public string RunsDirectory => ArtifactsOf("runs");
    /// <summary>artifacts/&lt;dataset&gt;/drift: CheckDrift's report.json and report.html.</summary>
    public string DriftDirectory => ArtifactsOf("drift");
    /// <summary>artifacts/&lt;dataset&gt;/model-card: the last rendered model card (model-card.md, model-card.html, card.json).</summary>
    public string ModelCardDirectory => ArtifactsOf("model-card");
    /// <summary>The last rendered model card's page.</summary>
    public string ModelCardHtmlPath => Path.Combine(ModelCardDirectory, RegistryLayout.ModelCardHtmlFile);
    /// <summary>The last rendered model card as Markdown.</summary>
    public string ModelCardMarkdownPath => Path.Combine(ModelCardDirectory, RegistryLayout.ModelCardMarkdownFile);
    /// <summary>What the report index says of the last rendered model card (<see cref="Cards.RenderedCard"/>).</summary>
    public string RenderedCardPath => Path.Combine(ModelCardDirectory, "card.json");
    /// <summary>artifacts/&lt;dataset&gt;/containerize: the build context of the scoring image.</summary>
    public string ContainerizeDirectory => ArtifactsOf("containerize");
    /// <summary>artifacts/&lt;dataset&gt;/deploy: rendered deployment manifests.</summary>
    public string DeployDirectory => ArtifactsOf("deploy");
    /// <summary>artifacts/&lt;dataset&gt;/monitoring: the Prometheus, Alertmanager and Grafana files Deploy writes.</summary>
    public string MonitoringDirectory => ArtifactsOf("monitoring");

    /// <summary>artifacts/&lt;dataset&gt;/retrain: the last retrain's data (rows trained on, held-out rows) and outcome.json.</summary>
    public string RetrainDirectory => ArtifactsOf("retrain");
    /// <summary>artifacts/&lt;dataset&gt;/simulated: Simulate's default output folder.</summary>
    public string SimulatedDirectory => ArtifactsOf("simulated");
    /// <summary>artifacts/&lt;dataset&gt;/scores: where Score writes a scored CSV when no --output is given.</summary>
    public string ScoresDirectory => ArtifactsOf("scores");
    /// <summary>artifacts/&lt;dataset&gt;/simulated/&lt;dataset&gt;.csv: Simulate's default output.</summary>
    public string SimulatedDataPath => Path.Combine(SimulatedDirectory, $"{Dataset}.csv");
    /// <summary>artifacts/&lt;dataset&gt;/inference-log/&lt;service&gt;: the inference log a local deployment of <paramref name="serviceName"/> writes.</summary>
    public string InferenceLogDirectory(string serviceName) => Path.Combine(ArtifactsOf("inference-log"), serviceName);

    /// <summary>The trained model.</summary>
    public string ModelPath => Path.Combine(TrainingDirectory, RegistryLayout.ModelFile);
    /// <summary>Train's decisions.</summary>
    public string TrainingSummaryPath => Path.Combine(TrainingDirectory, "training.json");
    /// <summary>The data row indices of the train and test splits (for peers such as the benchmark).</summary>
    public string SplitPath => Path.Combine(TrainingDirectory, "split.json");
    /// <summary>Evaluate's metrics.</summary>
    public string MetricsPath => Path.Combine(EvaluationDirectory, "metrics.json");
    /// <summary>Evaluate's HTML report.</summary>
    public string ReportPath => Path.Combine(EvaluationDirectory, "report.html");
    /// <summary>CheckDrift's verdict as JSON.</summary>
    public string DriftReportJsonPath => Path.Combine(DriftDirectory, "report.json");
    /// <summary>The pull-request report of the last evaluation (Markdown).</summary>
    public string PullRequestReportPath => Path.Combine(EvaluationDirectory, "pr-report.md");
    /// <summary>CheckDrift's HTML report.</summary>
    public string DriftReportHtmlPath => Path.Combine(DriftDirectory, "report.html");
}
