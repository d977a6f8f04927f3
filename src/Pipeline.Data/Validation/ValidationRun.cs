using System.Diagnostics;
using System.Globalization;
using Pipeline.Data.Loading;
using Pipeline.Data.Specs;

namespace Pipeline.Data.Validation;

/// <summary>The ValidateData and InferSchema steps as the build runs them, kept here so they are tested.</summary>
public static class ValidationRun
{
    /// <summary>
    /// The environment variable that, set to 1, makes <see cref="Validate(DatasetSpec, string, string, string?, string, bool)"/>
    /// print how long each phase took (bench/validate.sh sets it).
    /// </summary>
    public const string PhaseTimesVariable = "PIPELINE_VALIDATION_TIMES";

    /// <summary>The reviewed schema's path: next to the spec, named by <see cref="DatasetSpec.SchemaFileName"/>.</summary>
    public static string SchemaPath(DatasetSpec spec, string specPath) =>
        Path.Combine(Path.GetDirectoryName(Path.GetFullPath(specPath))!, spec.SchemaFileName);

    /// <summary>
    /// Validates the data (<paramref name="dataPathOverride"/>, else the spec's source) against the spec and its
    /// reviewed schema (if present), and writes <c>report.json</c> and <c>report.md</c> into
    /// <paramref name="outputDirectory"/>. Does not throw for bad data: call
    /// <see cref="ValidationReport.ThrowIfFailed"/> with <c>MarkdownPath</c> to fail.
    /// </summary>
    /// <exception cref="DataException">The data file or the schema file cannot be opened or read.</exception>
    public static (ValidationReport Report, string JsonPath, string MarkdownPath) Validate(
        DatasetSpec spec, string specPath, string rootDirectory, string? dataPathOverride, string outputDirectory)
    {
        var (report, json, markdown, _) = Validate(spec, specPath, rootDirectory, dataPathOverride, outputDirectory, keepData: false);
        return (report, json, markdown);
    }

    /// <summary>
    /// As <see cref="Validate(DatasetSpec, string, string, string?, string)"/>; with <paramref name="keepData"/>, also
    /// the data as <see cref="DatasetLoader.Load(DatasetSpec, string, string?)"/> would load it when the report has no
    /// error (else null), for a run that trains after validating without parsing the file again.
    /// </summary>
    /// <exception cref="DataException">The data file or the schema file cannot be opened or read.</exception>
    public static (ValidationReport Report, string JsonPath, string MarkdownPath, Dataset? Data) Validate(
        DatasetSpec spec, string specPath, string rootDirectory, string? dataPathOverride, string outputDirectory, bool keepData)
    {
        var started = Stopwatch.GetTimestamp();
        var schemaPath = SchemaPath(spec, specPath);
        var schema = File.Exists(schemaPath) ? DataSchema.Load(schemaPath) : null;
        var schemaLoaded = Stopwatch.GetTimestamp();
        using var source = DataSource.Open(spec, rootDirectory, dataPathOverride);
        var (report, data) = DataValidator.Validate(spec, source, schema, Path.GetRelativePath(rootDirectory, schemaPath), keepData);
        var validated = Stopwatch.GetTimestamp();
        var (json, markdown) = ValidationReportWriter.Write(report, outputDirectory);
        if (Environment.GetEnvironmentVariable(PhaseTimesVariable) == "1")
            Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
                $"validation phases: process start to validation {(DateTime.Now - Process.GetCurrentProcess().StartTime).TotalSeconds - Stopwatch.GetElapsedTime(started).TotalSeconds:F3} s, " +
                $"schema {Stopwatch.GetElapsedTime(started, schemaLoaded).TotalSeconds:F3} s, pass + checks + leakage {Stopwatch.GetElapsedTime(schemaLoaded, validated).TotalSeconds:F3} s, " +
                $"reports {Stopwatch.GetElapsedTime(validated).TotalSeconds:F3} s; garbage collections {GC.CollectionCount(0)}/{GC.CollectionCount(1)}/{GC.CollectionCount(2)} (gen 0/1/2), " +
                $"{System.Runtime.JitInfo.GetCompiledMethodCount()} methods compiled in {System.Runtime.JitInfo.GetCompilationTime().TotalSeconds:F3} s"));
        return (report, json, markdown, data);
    }

    /// <summary>Infers the schema from reference data and writes it next to the spec; returns its path.</summary>
    /// <exception cref="DataException">The data cannot be read or has errors.</exception>
    public static (DataSchema Schema, string Path) InferSchema(DatasetSpec spec, string specPath, string rootDirectory, string? dataPathOverride)
    {
        using var source = DataSource.Open(spec, rootDirectory, dataPathOverride);
        var schema = DataValidator.InferSchema(spec, source);
        if (source.FilePath is { } file)
            schema = schema with { InferredFrom = Path.GetRelativePath(rootDirectory, file) }; // no machine-specific path in a committed file
        var path = SchemaPath(spec, specPath);
        schema.Save(path);
        return (schema, path);
    }
}
