namespace Pipeline.Modeling.Workflow;

/// <summary>Where the modeling steps read and write, relative to the repository root, for one dataset.</summary>
public sealed record ModelOpsPaths(string RootDirectory, string Dataset)
{
    /// <summary>models/&lt;dataset&gt;: training.json and the committed verified metric snapshots.</summary>
    public string ModelsDirectory => Path.Combine(RootDirectory, "models", Dataset);
    /// <summary>models/&lt;dataset&gt;/training.json.</summary>
    public string ConfigurationPath => Path.Combine(ModelsDirectory, "training.json");
    /// <summary>models/registry/&lt;dataset&gt; (git-ignored): the local model registry.</summary>
    public string RegistryDirectory => Path.Combine(RootDirectory, "models", "registry", Dataset);
    /// <summary>artifacts/training: model.zip, training.json, split.json.</summary>
    public string TrainingDirectory => Path.Combine(RootDirectory, "artifacts", "training");
    /// <summary>artifacts/evaluation: metrics.json and report.html.</summary>
    public string EvaluationDirectory => Path.Combine(RootDirectory, "artifacts", "evaluation");
    /// <summary>artifacts/runs: the run history.</summary>
    public string RunsDirectory => Path.Combine(RootDirectory, "artifacts", "runs");
    /// <summary>The trained model.</summary>
    public string ModelPath => Path.Combine(TrainingDirectory, "model.zip");
    /// <summary>Train's decisions.</summary>
    public string TrainingSummaryPath => Path.Combine(TrainingDirectory, "training.json");
    /// <summary>The data row indices of the train and test splits (for peers such as the benchmark).</summary>
    public string SplitPath => Path.Combine(TrainingDirectory, "split.json");
    /// <summary>Evaluate's metrics.</summary>
    public string MetricsPath => Path.Combine(EvaluationDirectory, "metrics.json");
    /// <summary>Evaluate's HTML report.</summary>
    public string ReportPath => Path.Combine(EvaluationDirectory, "report.html");
}
