using Pipeline.Data.Loading;
using Pipeline.Data.Simulation;
using Pipeline.Data.Specs;
using Pipeline.Data.Validation;
using Pipeline.Engine;

/// <summary>DataOps: which dataset, where its rows come from, and the targets that check and make data.</summary>
partial class Build
{
    [Parameter("Dataset spec: a name under data/ (ai4i2020, ecommerce-conversion) or a path to a spec .json file")]
    readonly string Dataset = "ai4i2020";

    [Parameter("A CSV file replacing the spec's source (default: the spec's own, for ai4i2020 the built-in simulator), e.g. ../shared/data/ai4i2020.csv")]
    readonly AbsolutePath? Data;

    [Parameter("Simulate: number of rows to generate")]
    readonly long SimulateRows = 10_000;

    [Parameter("Simulate: seed of the simulator (default: the spec's)")]
    readonly ulong? SimulateSeed;

    [Parameter("Simulate: drift scenario, e.g. hot-ambient(kelvin=5) or product-mix-shift+fast-tool-wear (see data/README.md)")]
    readonly string? SimulateScenario;

    [Parameter("Simulate: the CSV file to write (default: artifacts/simulated/<dataset>.csv)")]
    readonly AbsolutePath? SimulateOutput;

    (DatasetSpec Spec, string Path)? _resolvedSpec;
    global::Pipeline.Data.Loading.Dataset? _loadedDataset;

    (DatasetSpec Spec, string Path) ResolvedSpec => _resolvedSpec ??= DatasetCatalog.Resolve(RootDirectory, Dataset);

    /// <summary>The dataset spec chosen with --dataset, resolved once per run.</summary>
    protected DatasetSpec Spec => ResolvedSpec.Spec;

    /// <summary>The spec file's path.</summary>
    protected string SpecPath => ResolvedSpec.Path;

    /// <summary>The data (--data, else the spec's source), loaded once per run.</summary>
    protected global::Pipeline.Data.Loading.Dataset LoadDataset() => _loadedDataset ??= DatasetLoader.Load(Spec, RootDirectory, Data);

    /// <summary>
    /// The files whose content determines the loaded data, for incremental targets: the spec (which also holds the
    /// simulator's settings), its reviewed schema, and the data file (--data, else the spec's source.path). Their
    /// paths are hashed with their content, so switching --data between files changes the hash too.
    /// </summary>
    protected IEnumerable<AbsolutePath> DataInputFiles()
    {
        yield return AbsolutePath.Create(SpecPath);
        yield return AbsolutePath.Create(ValidationRun.SchemaPath(Spec, SpecPath));
        if (DataSource.FilePathFor(Spec, RootDirectory, Data) is { } dataFile) yield return AbsolutePath.Create(dataFile);
    }

    /// <summary>Which data was chosen, for incremental targets: the dataset and --data (empty for the spec's own source).</summary>
    protected IEnumerable<string> DataInputValues() => [Dataset, Data?.ToString() ?? ""];

    Target ValidateData => _ => _
        .Description("Validate the data against its spec and reviewed schema; write artifacts/validation/report.json and report.md")
        .Executes(() =>
        {
            var (report, json, markdown) = ValidationRun.Validate(Spec, SpecPath, RootDirectory, Data, ArtifactsDirectory / "validation");
            foreach (var anomaly in report.Anomalies.Where(a => a.Severity == Severity.Warning))
                Log.Warning(anomaly.Message);
            Log.Information($"{report.Rows:N0} rows of {report.Dataset} from {report.Source}: {report.Errors} error(s), {report.Warnings} warning(s); {report.Leakage.Count(l => l.IsLeakage)} leakage column(s) identified. Reports: {json}, {markdown}");
            report.ThrowIfFailed(markdown);
        });

    Target InferSchema => _ => _
        .Description("Infer the reviewed schema (data/<name>.schema.json) from reference data (--data, else the spec's source); review and commit it")
        .Executes(() =>
        {
            var (schema, path) = ValidationRun.InferSchema(Spec, SpecPath, RootDirectory, Data);
            Log.Information($"Wrote {path} from {schema.Rows:N0} rows of {schema.InferredFrom}; review the diff before committing.");
        });

    Target Simulate => _ => _
        .Description("Write the spec's simulated data as CSV (--simulate-rows, --simulate-seed, --simulate-scenario, --simulate-output)")
        .Executes(() =>
        {
            var output = SimulateOutput ?? ArtifactsDirectory / "simulated" / $"{Spec.Name}.csv";
            var description = SimulatorCatalog.WriteCsv(Spec, SimulateRows, SimulateSeed, SimulateScenario, (string)output!);
            Log.Information($"Wrote {SimulateRows:N0} rows of {description} to {output}.");
        });
}
