using System.Globalization;
using System.Text;
using Pipeline.Data.Csv;
using Pipeline.Data.Loading;
using Pipeline.Data.Specs;
using Pipeline.Data.Validation;

namespace Pipeline.Data.Proposing;

/// <summary>
/// Proposes a dataset spec and its reviewed schema from a CSV file and the name of its label column: each column's
/// role (<see cref="ColumnRoleInference"/>), the label mapping (boolean labels by themselves; any other label only
/// with the positive or negative values given), and the single-column leakage screen's findings written in
/// (a feature that alone predicts the label almost perfectly is excluded, a strong one acknowledged, both listed for
/// review). The file is read from disk once; the passes over it run in memory.
/// </summary>
public static class SpecProposer
{
    private static readonly string[] TrueLike = ["true", "yes", "1"];
    private static readonly string[] FalseLike = ["false", "no", "0"];

    /// <summary>Proposes a spec for <paramref name="dataPath"/> named <paramref name="name"/>.</summary>
    /// <param name="dataPath">The CSV file.</param>
    /// <param name="label">The label column's header name.</param>
    /// <param name="name">The dataset's name.</param>
    /// <param name="positiveValues">Label values meaning the positive class (for a label that is not boolean).</param>
    /// <param name="negativeValues">Label values meaning the negative class; every other value is positive.</param>
    /// <param name="sourcePath">The spec's <c>source.path</c> (relative to the repository), or null to leave it out.</param>
    /// <exception cref="DataException">
    /// The file cannot be read, has no such column, or its label is not boolean and no values were given (the message
    /// lists the label's values and the options to give).
    /// </exception>
    public static SpecProposal Propose(string dataPath, string label, string name,
        IReadOnlyList<string>? positiveValues = null, IReadOnlyList<string>? negativeValues = null, string? sourcePath = null)
    {
        var full = Path.GetFullPath(dataPath);
        byte[] bytes;
        try
        {
            bytes = File.ReadAllBytes(full);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            throw new DataException($"Cannot read the data file '{full}' given with --data: {e.Message}", full, innerException: e);
        }
        var (observations, rows) = Observe(bytes, full);
        var labelObservation = observations.FirstOrDefault(o => o.Name == label)
            ?? throw new DataException(
                $"The data file '{full}' has no column '{label}' (given with --label); its columns are: {string.Join(", ", observations.Select(o => o.Name))}.",
                full, 1);

        var incomplete = observations.Where(o => o.Empty > 0).ToList();
        if (incomplete.Count > 0)
            throw new DataException(
                $"The data file '{full}' has missing cells (empty, NA, null, ? …) in {string.Join(", ", incomplete.Select(o => $"'{o.Name}' ({o.Empty:N0} of {rows:N0} rows)"))}; "
                + "the pipeline needs a value in every cell of every column, excluded ones too. Fill them, or drop those columns or rows from the CSV, and run NewDataset again.",
                full);
        var decisions = new List<string>();
        var review = new List<string>();
        var columns = new List<ColumnSpec>();
        foreach (var o in observations)
        {
            if (o.Name == label) continue;
            var (column, why) = ColumnRoleInference.Infer(o);
            columns.Add(column);
            decisions.Add($"{o.Name}: {why}");
            if (column.Role == ColumnRole.Excluded)
                review.Add($"'{o.Name}' is excluded ({column.Reason}).");
        }
        var (labelColumn, mapping) = LabelMappingFor(labelObservation, positiveValues, negativeValues, full);
        columns.Add(labelColumn);
        decisions.Add($"{label}: label; positive = {mapping.Describe()}");

        var spec = new DatasetSpec
        {
            Name = name,
            Description = $"Proposed by ./build.sh NewDataset from {Path.GetFileName(full)} ({rows:N0} rows); review the roles, domains and exclusions, then commit.",
            Source = new SourceSpec { Path = sourcePath },
            Columns = columns,
            Label = label,
            PositiveValue = mapping.Positive is [var single] ? single : null,
            PositiveValues = mapping.Positive is { Count: > 1 } several ? several : null,
            NegativeValues = mapping.Negative,
            Split = new SplitSpec { TestFraction = 0.25, Seed = 7, Stratified = true },
        };
        spec = ApplyLeakageScreen(spec, bytes, full, decisions, review);

        var (report, schema) = Finish(spec, bytes, full);
        foreach (var warning in report.Anomalies.Where(a => a.Severity == Severity.Warning && a.Kind != "no-schema")) // the schema is written with the spec
            review.Add(warning.Message);
        return new SpecProposal
        {
            Spec = spec,
            Schema = schema,
            Rows = rows,
            Decisions = decisions,
            Review = review,
        };
    }

    /// <summary>A dataset name from a file name: lower case, letters, digits and hyphens (<c>My Data.csv</c> → <c>my-data</c>).</summary>
    public static string NameFromFile(string dataPath)
    {
        var builder = new StringBuilder();
        foreach (var c in Path.GetFileNameWithoutExtension(dataPath).ToLowerInvariant())
            builder.Append(char.IsAsciiLetterOrDigit(c) ? c : '-');
        var name = string.Join('-', builder.ToString().Split('-', StringSplitOptions.RemoveEmptyEntries));
        return name.Length > 0 ? name : "dataset";
    }

    private static (List<ColumnObservation> Columns, long Rows) Observe(byte[] bytes, string full)
    {
        using var source = DataSource.FromBytes(bytes, full);
        using var csv = new CsvRecordReader(source.Reader, full);
        if (!csv.ReadRecord())
            throw new DataException($"The data file '{full}' is empty; expected a header line and rows.", full, 1);
        var observations = Enumerable.Range(0, csv.FieldCount).Select(i => new ColumnObservation(csv.Field(i).Trim().ToString())).ToList();
        var duplicate = observations.GroupBy(o => o.Name).FirstOrDefault(g => g.Count() > 1);
        if (duplicate is not null)
            throw new DataException($"The data file '{full}' names the column '{duplicate.Key}' more than once in its header; rename one.", full, 1);
        long rows = 0;
        while (csv.ReadRecord())
        {
            if (csv.FieldCount != observations.Count)
                throw new DataException(
                    $"The data file '{full}' has {csv.FieldCount} fields on line {csv.RecordLine} but {observations.Count} columns in its header; fix the row.",
                    full, csv.RecordLine);
            rows++;
            for (var i = 0; i < observations.Count; i++) observations[i].Add(csv.Field(i));
        }
        if (rows == 0)
            throw new DataException($"The data file '{full}' has a header but no rows.", full, 1);
        return (observations, rows);
    }

    private sealed record Mapping(IReadOnlyList<string>? Positive, IReadOnlyList<string>? Negative)
    {
        public string Describe() => Negative is { } negatives
            ? "anything but " + string.Join(", ", negatives.Select(v => $"'{v}'"))
            : string.Join(", ", Positive!.Select(v => $"'{v}'"));
    }

    private static (ColumnSpec Column, Mapping Mapping) LabelMappingFor(ColumnObservation o,
        IReadOnlyList<string>? positiveValues, IReadOnlyList<string>? negativeValues, string full)
    {
        var values = o.Values.Select(v => v.Key).ToList();
        string Listed() => string.Join(", ", o.Values.Take(20).Select(v => $"'{v.Key}' ({v.Value:N0})")) + (values.Count > 20 ? $", … ({values.Count} values)" : "");
        if (positiveValues is { Count: > 0 } && negativeValues is { Count: > 0 })
            throw new DataException("Give either --positive-values or --negative-values, not both: the other class is every remaining value.", full);
        if ((positiveValues ?? negativeValues) is { Count: > 0 } given)
        {
            var unknown = given.Where(g => !values.Any(v => LabelMapping.Matches(v, g))).ToList();
            if (unknown.Count > 0)
                throw new DataException(
                    $"The label column '{o.Name}' of '{full}' has no value {string.Join(", ", unknown.Select(u => $"'{u}'"))}; its values are: {Listed()}.", full);
            var mapping = positiveValues is { Count: > 0 } ? new Mapping(given, null) : new Mapping(null, given);
            var positives = values.Count(v => given.Any(g => LabelMapping.Matches(v, g)) == mapping.Negative is null);
            if (positives == 0 || positives == values.Count)
                throw new DataException($"With those values every row of '{full}' is one class; the label's values are: {Listed()}.", full);
            return (new ColumnSpec { Name = o.Name, Role = ColumnRole.Label }, mapping);
        }
        if (values.Count == 2 && values.All(LabelMapping.IsBooleanLike)
            && values.Count(v => TrueLike.Contains(v.ToLowerInvariant())) == 1 && values.Count(v => FalseLike.Contains(v.ToLowerInvariant())) == 1)
        {
            var positive = values.Single(v => TrueLike.Contains(v.ToLowerInvariant()));
            var ordered = values.OrderBy(v => v == positive ? 0 : 1).ToList();
            return (new ColumnSpec { Name = o.Name, Role = ColumnRole.Label, Domain = ordered }, new Mapping([positive], null));
        }
        throw new DataException(
            $"The label column '{o.Name}' is not boolean: it has {(o.DistinctKnown ? values.Count.ToString(CultureInfo.InvariantCulture) : "more than " + ColumnObservation.MaxTrackedValues)} values ({Listed()}). " +
            "Say which mean the positive class with --positive-values <v1,v2> or which mean the negative class with --negative-values <v1,v2> (every other value is then positive).",
            full);
    }

    /// <summary>Runs ValidateData's screens on the proposed spec and writes their findings into it.</summary>
    private static DatasetSpec ApplyLeakageScreen(DatasetSpec spec, byte[] bytes, string full, List<string> decisions, List<string> review)
    {
        ValidationReport report;
        using (var source = DataSource.FromBytes(bytes, full))
            report = DataValidator.Validate(spec, source, null);
        var thresholds = spec.LeakageScreen;
        var columns = spec.Columns.ToList();
        var acknowledged = new Dictionary<string, string>();
        foreach (var finding in report.Leakage)
        {
            var index = columns.FindIndex(c => c.Name == finding.Column);
            if (index < 0 || !columns[index].IsFeature) continue;
            var auc = finding.SingleColumnRocAuc;
            var measured = auc is { } a ? $"alone it predicts the label with ROC AUC {a.ToString("0.###", CultureInfo.InvariantCulture)}" : finding.Evidence;
            var fromModels = finding.ModelAgreement is { } agreement && agreement.Flags(thresholds.AgreementRocAuc);
            if (fromModels)
                measured = LeakageAgreementCheck.Describe(finding.ModelAgreement!);
            if ((finding.IsLeakage && finding.Conclusive) || auc >= thresholds.ErrorRocAuc || fromModels)
            {
                columns[index] = columns[index] with
                {
                    Role = ColumnRole.Excluded,
                    Type = columns[index].ValueType is ColumnValueType.Categorical ? null : columns[index].ValueType,
                    Domain = null,
                    Reason = $"leakage: {measured} (NewDataset's screen); if it is known at prediction time, make it a feature again and acknowledge it in acknowledgedLeakage",
                };
                decisions.Add($"{finding.Column}: excluded as leakage ({measured})");
                review.Add($"'{finding.Column}' is excluded as leakage: {measured}. If it is known when a prediction is made, restore its role and acknowledge it.");
            }
            else if (auc >= thresholds.WarningRocAuc)
            {
                acknowledged[finding.Column] = $"proposed by NewDataset: {measured}; confirm it is known at prediction time, else exclude it";
                review.Add($"'{finding.Column}' is acknowledged as a strong predictor ({measured}): is it known at prediction time? If not, exclude it with reason \"leakage\".");
            }
            else if (finding.IsLeakage)
                review.Add($"'{finding.Column}' may leak the label: {finding.Evidence}");
        }
        // A categorical excluded as leakage is kept as text: its domain no longer applies.
        return spec with { Columns = columns, AcknowledgedLeakage = acknowledged };
    }

    /// <summary>Validates the final spec and infers its schema from the same bytes.</summary>
    private static (ValidationReport Report, DataSchema Schema) Finish(DatasetSpec spec, byte[] bytes, string full)
    {
        ValidationReport report;
        using (var source = DataSource.FromBytes(bytes, full))
            report = DataValidator.Validate(spec, source, null);
        report.ThrowIfFailed(null);
        using var schemaSource = DataSource.FromBytes(bytes, full);
        return (report, DataValidator.InferSchema(spec, schemaSource));
    }
}
