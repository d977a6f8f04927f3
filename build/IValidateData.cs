using Pipeline.Modeling.Steps;
using Pipeline.Data.Loading;
using Pipeline.Data.Simulation;
using Pipeline.Data.Specs;
using Pipeline.Data.Validation;
using Pipeline.Engine;

/// <summary>DataOps: validate the data, infer its schema, write simulated data.</summary>
interface IValidateData : IHazDataset
{
    [Parameter("Simulate: number of rows to generate")]
    long SimulateRows => TryGetValue(() => SimulateRows, 10_000);

    [Parameter("Simulate: seed of the simulator (default: the spec's)")]
    ulong? SimulateSeed => TryGetValue(() => SimulateSeed);

    [Parameter("Simulate: drift scenario, e.g. hot-ambient(kelvin=5) or product-mix-shift+fast-tool-wear (see data/README.md)")]
    string? SimulateScenario => TryGetValue(() => SimulateScenario);

    [Parameter("Simulate: the CSV file to write (default: artifacts/<dataset>/simulated/<dataset>.csv)")]
    AbsolutePath? SimulateOutput => TryGetValue(() => SimulateOutput);

    Target ValidateData => _ => _
        .Description("Validate the data against its spec and reviewed schema; write artifacts/<dataset>/validation/report.json, report.md and report.html")
        .Executes(() =>
        {
            // When a later target of this run loads the same data (Train, Evaluate, CheckDrift…), the validation pass
            // keeps what it parsed and hands it over, so the file is read once per run; validating alone keeps nothing.
            var keepData = NukeBuild.InvokedTargets.Any(t => t != nameof(ValidateData)) && (string?)Data == Selection.DataPath;
            var (report, json, markdown, data) = ValidationRun.Validate(Spec, Selection.SpecPath, RootDirectory, Data, Workspace.ValidationDirectory, keepData);
            if (data is not null) Selection.Adopt(data);
            foreach (var anomaly in report.Anomalies.Where(a => a.Severity == Severity.Warning))
                Log.Warning(anomaly.Message);
            Log.Information($"{report.Rows:N0} rows of {report.Dataset} from {report.Source}: {report.Errors} error(s), {report.Warnings} warning(s); {report.Leakage.Count(l => l.IsLeakage)} leakage column(s) identified. Reports: {json}, {markdown}");
            Pipeline.Monitoring.ReportIndex.Write(RootDirectory);
            report.ThrowIfFailed(markdown);
        });

    Target InferSchema => _ => _
        .Description("Infer the reviewed schema (data/<name>.schema.json) from reference data (--data, else the spec's source); review and commit it")
        .Executes(() =>
        {
            var (schema, path) = ValidationRun.InferSchema(Spec, Selection.SpecPath, RootDirectory, Data);
            Log.Information($"Wrote {path} from {schema.Rows:N0} rows of {schema.InferredFrom}; review the diff before committing.");
        });

    Target Simulate => _ => _
        .Description("Write the spec's simulated data as CSV (--simulate-rows, --simulate-seed, --simulate-scenario, --simulate-output)")
        .Requires(() => SimulateRows >= 1, because: "--simulate-rows is the number of rows to write and must be a whole number of at least 1, e.g. --simulate-rows 10000")
        .Executes(() =>
        {
            var output = (string?)SimulateOutput ?? Workspace.SimulatedDataPath;
            var description = SpecSimulation.WriteCsv(Spec, SimulateRows, SimulateSeed, SimulateScenario, output);
            Log.Information($"Wrote {SimulateRows:N0} rows of {description} to {output}.");
        });
}
