using System.Globalization;
using Pipeline.Data.Loading;
using Pipeline.Data.Specs;

namespace Pipeline.Data.Validation;

/// <summary>
/// Validates a data source against its spec and, if there is one, the reviewed schema, in one streaming pass:
/// cell errors (type, missing, NaN/Inf, physical range, unknown category), duplicate ids, ragged rows, label rules,
/// drift from the reference (range, categories, class balance), constant columns and label leakage.
/// </summary>
public static class DataValidator
{
    /// <summary>Validates <paramref name="source"/>; never throws for bad data — everything goes into the report.</summary>
    public static ValidationReport Validate(DatasetSpec spec, DataSource source, DataSchema? schema, string? schemaPath = null) =>
        Validate(spec, source, schema, schemaPath, keepData: false).Report;

    /// <summary>
    /// Validates <paramref name="source"/> as <see cref="Validate(DatasetSpec, DataSource, DataSchema, string)"/> does
    /// and, with <paramref name="keepData"/>, returns the data as <see cref="DatasetLoader"/> would load it when the
    /// report has no error (null otherwise), so a run that validates and then trains parses the file once.
    /// </summary>
    public static (ValidationReport Report, Dataset? Data) Validate(DatasetSpec spec, DataSource source, DataSchema? schema, string? schemaPath, bool keepData) =>
        Validate(spec, source, schema, schemaPath, keepData, ParallelPass.Default);

    /// <summary>As the public overload, with the pass parallel over chunks of a file as <paramref name="parallel"/> says (the report is the same).</summary>
    internal static (ValidationReport Report, Dataset? Data) Validate(DatasetSpec spec, DataSource source, DataSchema? schema, string? schemaPath,
        bool keepData, ParallelPass parallel)
    {
        var profile = DataProfiler.Profile(spec, source, schema, keepData, parallel);
        var anomalies = profile.Anomalies.ToAnomalies(Summary).ToList();
        var leakage = profile.Aborted ? [] : LeakageDetector.Find(profile);
        if (!profile.Aborted)
        {
            anomalies.AddRange(ExtraColumns(profile));
            anomalies.AddRange(SchemaFindings(profile, schema, schemaPath));
            anomalies.AddRange(ClassBalance(profile, schema));
            anomalies.AddRange(LabelMappingCheck.Check(profile));
            anomalies.AddRange(LeakageScreenCheck.Check(profile, leakage));
            anomalies.AddRange(LeakageAgreementCheck.Check(profile, leakage));
            anomalies.AddRange(ConstantColumns(profile));
            anomalies.AddRange(leakage.Where(l => l.IsLeakage).Select(l => new Anomaly
            {
                Kind = "leakage",
                Severity = l.Excluded ? Severity.Info : l.Conclusive ? Severity.Error : Severity.Warning,
                Column = l.Column,
                Count = 1,
                Message = l.Excluded
                    ? $"Column '{l.Column}' leaks the label and is correctly excluded by the spec: {l.Evidence}"
                    : l.Conclusive
                        ? $"Column '{l.Column}' leaks the label but the spec uses it as a feature; set its role to \"excluded\" with reason \"leakage\": {l.Evidence}"
                        : $"Column '{l.Column}' may leak the label: {l.Evidence} If it is recorded after the outcome, exclude it with reason \"leakage\"; if it is a strong but legitimate predictor, ignore this warning.",
            }));
        }
        var report = new ValidationReport
        {
            Dataset = spec.Name,
            Source = profile.SourceDescription,
            ContentHash = profile.ContentHash,
            Rows = profile.Rows,
            Schema = schema is null ? null : schemaPath,
            PositiveFraction = profile.Positives + profile.Negatives == 0 ? null
                : Math.Round((double)profile.Positives / (profile.Positives + profile.Negatives), 6),
            Anomalies = anomalies.OrderByDescending(a => a.Severity).ToList(),
            Columns = profile.Columns.Select(Summarise).ToList(),
            Leakage = leakage,
        };
        return (report, report.Errors == 0 ? profile.Data : null);
    }

    /// <summary>Infers a schema from reference data, which must be free of errors.</summary>
    /// <exception cref="DataException">The reference data has errors; the message gives the first.</exception>
    public static DataSchema InferSchema(DatasetSpec spec, DataSource source)
    {
        var profile = DataProfiler.Profile(spec, source, null);
        if (profile.Anomalies.HasErrors)
        {
            var report = new ValidationReport
            {
                Dataset = spec.Name, Source = source.Description, Anomalies = profile.Anomalies.ToAnomalies(Summary).ToList(),
                Columns = [], Leakage = [],
            };
            try
            {
                report.ThrowIfFailed(null);
            }
            catch (DataException e)
            {
                throw new DataException("Cannot infer a schema from reference data with errors. " + e.Message, e.FilePath, e.Line, e.Column, e);
            }
        }
        var positiveFraction = (double)profile.Positives / Math.Max(1, profile.Positives + profile.Negatives);
        return new DataSchema
        {
            Dataset = spec.Name,
            InferredFrom = profile.SourceDescription,
            ContentHash = profile.ContentHash!,
            Rows = profile.Rows,
            PositiveFraction = Math.Round(positiveFraction, 6),
            AllowedPositiveFraction = [Math.Round(positiveFraction / 2, 6), Math.Round(Math.Min(1, positiveFraction * 2), 6)],
            Columns = profile.Columns.Select(c =>
            {
                var summary = Summarise(c);
                return new SchemaColumn
                {
                    Name = summary.Name,
                    Type = summary.Type,
                    Min = summary.Min,
                    Max = summary.Max,
                    Mean = summary.Mean,
                    StandardDeviation = summary.StandardDeviation,
                    AllowedRange = AllowedRange(c),
                    Frequencies = summary.Frequencies?.Where(f => f.Value > 0).ToDictionary(),
                    TrueFraction = summary.TrueFraction,
                    Distinct = summary.Distinct,
                };
            }).ToList(),
        };
    }

    private static double[]? AllowedRange(ColumnProfile c)
    {
        if (c.Spec.ValueType != ColumnValueType.Numeric || c.Valid == 0 || c.Spec.Role == ColumnRole.Id) return null;
        var margin = c.Max > c.Min ? (c.Max - c.Min) / 2 : Math.Max(1, Math.Abs(c.Min) * 0.1);
        var low = Math.Max(c.Min - margin, c.Spec.Min ?? double.NegativeInfinity);
        var high = Math.Min(c.Max + margin, c.Spec.Max ?? double.PositiveInfinity);
        return [Math.Round(low, 6), Math.Round(high, 6)];
    }

    private static ColumnSummary Summarise(ColumnProfile c)
    {
        var numeric = c.Spec.ValueType == ColumnValueType.Numeric && c.Valid > 0;
        return new ColumnSummary
        {
            Name = c.Spec.Name,
            Role = c.Spec.Role,
            Type = c.Spec.ValueType,
            Valid = c.Valid,
            Min = numeric ? c.Min : null,
            Max = numeric ? c.Max : null,
            Mean = numeric ? Math.Round(c.Mean, 6) : null,
            StandardDeviation = numeric ? Math.Round(c.StandardDeviation, 6) : null,
            Distinct = c.Spec.ValueType == ColumnValueType.Text || c.Spec.Role == ColumnRole.Id ? null : c.Distinct, // ids: uniqueness is checked instead
            TrueFraction = c.Spec.ValueType == ColumnValueType.Boolean && c.Valid > 0 ? Math.Round((double)c.TrueCount / c.Valid, 6) : null,
            Frequencies = c.Spec.ValueType == ColumnValueType.Categorical && c.Valid > 0
                ? c.Spec.Domain!.Select((v, i) => (v, i)).ToDictionary(p => p.v, p => Math.Round((double)c.CategoryCounts[p.i] / c.Valid, 6))
                : null,
        };
    }

    private static IEnumerable<Anomaly> ExtraColumns(DataProfile profile) =>
        profile.ExtraColumns.Select(name => new Anomaly
        {
            Kind = "extra-column",
            Severity = Severity.Warning,
            Column = name,
            Count = 1,
            Message = $"{profile.SourceName}, line 1, column '{name}': the file has a column the spec '{profile.Spec.Name}' does not declare; it is ignored (declare it, e.g. as excluded, to silence this).",
        });

    private static IEnumerable<Anomaly> SchemaFindings(DataProfile profile, DataSchema? schema, string? schemaPath)
    {
        if (schema is null)
        {
            yield return new Anomaly
            {
                Kind = "no-schema",
                Severity = Severity.Warning,
                Count = 1,
                Message = $"There is no reviewed schema{(schemaPath is null ? "" : $" at {schemaPath}")}, so drift from reference data (ranges, categories, class balance) was not checked; run ./build.sh InferSchema on reference data, review and commit it.",
            };
            yield break;
        }
        foreach (var column in profile.Spec.Columns)
        {
            var entry = schema.FindColumn(column.Name);
            if (entry is not null && entry.Type == column.ValueType) continue;
            yield return new Anomaly
            {
                Kind = "stale-schema",
                Severity = Severity.Warning,
                Column = column.Name,
                Count = 1,
                Message = entry is null
                    ? $"The reviewed schema {schemaPath} has no entry for column '{column.Name}'; re-run ./build.sh InferSchema and review the change."
                    : $"The reviewed schema {schemaPath} reads column '{column.Name}' as {entry.Type} but the spec as {column.ValueType}; re-run ./build.sh InferSchema and review the change.",
            };
        }
    }

    private static IEnumerable<Anomaly> ClassBalance(DataProfile profile, DataSchema? schema)
    {
        var total = profile.Positives + profile.Negatives;
        if (total == 0) yield break;
        var fraction = (double)profile.Positives / total;
        var text = $"{profile.Positives} of {total} rows ({Percent(fraction)}) have the positive label ({profile.Spec.LabelMapping.Describe()}) in '{profile.Spec.Label}'";
        if (profile.Positives == 0 || profile.Negatives == 0)
        {
            yield return new Anomaly
            {
                Kind = "class-balance", Severity = Severity.Error, Column = profile.Spec.Label, Count = total,
                Message = text + "; a classifier needs both classes. Check the label column and its positiveValue, positiveValues or negativeValues in the spec.",
            };
            yield break;
        }
        var allowed = schema?.AllowedPositiveFraction;
        var outside = allowed is [var low, var high] && (fraction < low || fraction > high);
        yield return new Anomaly
        {
            Kind = "class-balance",
            Severity = outside ? Severity.Warning : Severity.Info,
            Column = profile.Spec.Label,
            Count = profile.Positives,
            Message = outside
                ? $"{text}, outside the reference range {Percent(allowed![0])}–{Percent(allowed[1])} of the reviewed schema (reference {Percent(schema!.PositiveFraction)})."
                : text + ".",
        };
    }

    private static IEnumerable<Anomaly> ConstantColumns(DataProfile profile) =>
        profile.Columns.Where(c => c.Spec.IsFeature && c.Valid > 1 && c.Distinct == 1).Select(c => new Anomaly
        {
            Kind = "constant-column",
            Severity = Severity.Warning,
            Column = c.Spec.Name,
            Count = c.Valid,
            Message = $"Column '{c.Spec.Name}' has the same value in all {c.Valid} rows, so it cannot help the model (a stuck sensor, or a filter upstream?).",
        });

    private static string Summary(string kind, string? column, long count)
    {
        var where = column is null ? "" : $" in column '{column}'";
        var what = kind switch
        {
            "malformed-file" => "The file cannot be read as CSV for this spec.",
            "ragged-row" => $"{count} row(s) have a different number of fields than the header.",
            "missing-value" => $"{count} missing value(s){where}.",
            "type-error" => $"{count} value(s) of the wrong type{where}.",
            "not-finite" => $"{count} NaN or infinite value(s){where}.",
            "out-of-range" => $"{count} value(s) outside the spec's physical range{where}.",
            "unseen-category" => $"{count} value(s) outside the spec's domain{where}.",
            "out-of-reference-range" => $"{count} value(s) outside the reviewed schema's reference range{where}.",
            RowChecks.PaddedNumberKind => $"{count} number(s) with spaces around them{where} (read as numbers; other tools may read the column as text).",
            "category-not-in-reference" => $"{count} value(s) of categories absent from the reference data{where}.",
            "duplicate-id" => $"{count} duplicate id(s){where}.",
            "label-rule" => $"{count} row(s) break a label rule.",
            DerivedFeatureCheck.Kind => $"{count} row(s) where the derived feature{where.Replace(" in column", "")} is not a finite number.",
            _ => $"{count} × {kind}{where}.",
        };
        return what;
    }

    private static string Percent(double fraction) => (fraction * 100).ToString("0.##", CultureInfo.InvariantCulture) + " %";
}
