using Pipeline.Data.Loading;
using Pipeline.Data.Specs;
using System.Runtime.CompilerServices;

namespace Pipeline.Data.Validation;

/// <summary>
/// One streaming pass over a source: parses every cell against the spec, records each bad cell as an anomaly
/// (rather than stopping, as the loader does), and keeps constant-memory statistics per column. A structural problem
/// (unreadable header, broken quoting, binary data) ends the pass and is recorded as <c>malformed-file</c>.
/// </summary>
internal static class DataProfiler
{
    /// <summary>
    /// Profiles <paramref name="source"/>; with <paramref name="keepData"/>, also keeps the parsed values, and
    /// <see cref="DataProfile.Data"/> is the loaded dataset when the pass found no error.
    /// </summary>
    public static DataProfile Profile(DatasetSpec spec, DataSource source, DataSchema? schema, bool keepData = false) =>
        Profile(spec, source, schema, keepData, ParallelPass.Default);

    /// <summary>As <see cref="Profile(DatasetSpec, DataSource, DataSchema?, bool)"/>, parallel over chunks of a file as <paramref name="parallel"/> says.</summary>
    public static DataProfile Profile(DatasetSpec spec, DataSource source, DataSchema? schema, bool keepData, ParallelPass parallel)
    {
        // Keeping the values for training stays sequential (the loaded columns are built in file order).
        if (!keepData && ParallelProfiler.TryProfile(spec, source, schema, parallel) is { } chunked) return chunked;
        var profile = NewProfile(spec, source.Description, source.Name, schema);
        try
        {
            using var table = new SpecTableReader(spec, source.Reader, source.Name);
            profile.ExtraColumns = table.ExtraColumns;
            var collector = ReadRows(table, profile, schema, keepData ? new DatasetCollector(spec) : null, profile.Screen = new LeakageScreen(spec), null);
            if (table.RowsRead == 0)
            {
                var error = table.NoDataRowsError();
                profile.Anomalies.Add("malformed-file", Severity.Error, error.Column, 2, null, () => error.Message);
            }
            else
            {
                profile.ContentHash = source.FinishHash();
                if (collector is not null && !profile.Anomalies.HasErrors && profile.Rows <= int.MaxValue - 1)
                    profile.Data = collector.ToDataset(source.Description, profile.ContentHash, (int)profile.Rows);
            }
        }
        catch (DataException e)
        {
            profile.Aborted = true;
            profile.Anomalies.Add("malformed-file", Severity.Error, e.Column, e.Line ?? 0, null, () => e.Message);
        }
        return profile;
    }

    /// <summary>A profile with no rows yet; <paramref name="deferMoments"/> for a chunk of a parallel pass (see <see cref="ColumnProfile.DeferMoments"/>).</summary>
    internal static DataProfile NewProfile(DatasetSpec spec, string sourceDescription, string sourceName, DataSchema? schema,
        bool deferMoments = false) => new()
    {
        Spec = spec,
        SourceDescription = sourceDescription,
        SourceName = sourceName,
        Columns = spec.Columns.Select(c => new ColumnProfile(c, BinRange(c, schema)) { DeferMoments = deferMoments }).ToArray(),
        // A chunk tells every label value apart; the merge applies the limit in file order.
        LabelValues = deferMoments ? new LabelValueCounts(int.MaxValue) : new LabelValueCounts(),
    };

    /// <summary>
    /// Reads the rows of <paramref name="table"/> into <paramref name="profile"/>. A chunk of a parallel pass gives
    /// <paramref name="chunkRows"/> and no screen: the checks that depend on the rows before (the leakage screen's
    /// sample, unique ids, the mean and variance) are left to the merge, which replays what it records in file order.
    /// Returns the collector, or null when a row showed that the dataset would not load.
    /// </summary>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    internal static DatasetCollector? ReadRows(SpecTableReader table, DataProfile profile, DataSchema? schema, DatasetCollector? collector,
        LeakageScreen? screen, ChunkRows? chunkRows)
    {
        var spec = profile.Spec;
        var anomalies = profile.Anomalies;
        var labelIndex = spec.IndexOfRole(ColumnRole.Label);
        var checks = new RowChecks(spec, schema, table, anomalies);
        var derived = new DerivedFeatureCheck(spec, table, anomalies);
        var booleans = new bool[spec.Columns.Count];
        var valid = new bool[spec.Columns.Count];
        // Read per cell: a computed property and a list interface, so taken out of the loop once.
        var types = spec.Columns.Select(c => c.ValueType).ToArray();
        var domains = spec.Columns.Select(c => c.Domain?.ToArray()).ToArray();
        var deriving = derived.HasExpressions;
        while (table.ReadRow())
        {
            anomalies.Position = table.Line * 3; // the row's own checks; its id is checked at + 1, its rules at + 2
            if (!table.RowHasHeaderWidth)
            {
                AddRaggedRow(anomalies, table);
                collector = null; // the dataset would not load: stop keeping values
                continue;
            }
            profile.Rows++;
            var labelStatus = table.ParseBoolean(labelIndex, out var positive);
            var label = labelStatus == CellStatus.Ok ? (positive ? 1 : 0) : -1;
            if (label == 1) profile.Positives++;
            else if (label == 0) profile.Negatives++;
            if (labelStatus == CellStatus.Ok) profile.LabelValues.Add(table.Cell(labelIndex).Trim());
            screen?.BeginRow(label);
            chunkRows?.BeginRow(table.Line, label);
            for (var c = 0; c < types.Length; c++)
            {
                var column = profile.Columns[c];
                CellStatus status;
                switch (types[c])
                {
                    case ColumnValueType.Numeric:
                        status = table.ParseNumber(c, out var number);
                        if (status == CellStatus.Ok)
                        {
                            column.AddNumber(number, label);
                            screen?.AddNumber(c, number);
                            chunkRows?.SetNumber(c, number);
                            checks.CheckReferenceRange(c, number);
                            if (!table.NumberWasPlain) checks.CheckPaddedNumber(c, number);
                            if (deriving) derived.SetNumber(c, number);
                            collector?.AddNumber(c, number);
                        }
                        break;
                    case ColumnValueType.Boolean:
                        status = c == labelIndex ? labelStatus : table.ParseBoolean(c, out booleans[c]);
                        if (c == labelIndex) booleans[c] = positive;
                        if (status == CellStatus.Ok)
                        {
                            column.AddBoolean(booleans[c], label);
                            screen?.AddCategory(c, booleans[c] ? 1 : 0);
                            chunkRows?.SetCategory(c, booleans[c] ? 1 : 0);
                            if (deriving) derived.SetNumber(c, booleans[c] ? 1 : 0);
                            collector?.AddBoolean(c, booleans[c]);
                        }
                        break;
                    case ColumnValueType.Categorical:
                        status = table.ParseCategory(c, out var index);
                        if (status == CellStatus.Ok)
                        {
                            column.AddCategory(index, label);
                            screen?.AddCategory(c, index);
                            chunkRows?.SetCategory(c, index);
                            checks.CheckReferenceCategory(c, index);
                            if (deriving) derived.SetText(c, domains[c]![index]);
                            collector?.AddCategory(c, index);
                        }
                        break;
                    default:
                        status = table.ParseText(c);
                        if (status == CellStatus.Ok)
                        {
                            column.AddText();
                            collector?.AddText(c, table.Cell(c));
                        }
                        break;
                }
                valid[c] = status == CellStatus.Ok;
                if (status != CellStatus.Ok)
                {
                    AddCellError(anomalies, table, c, status);
                    collector = null;
                }
            }
            if (chunkRows is null) checks.CheckId();
            else chunkRows.SetId(table);
            anomalies.Position = table.Line * 3 + 2;
            checks.CheckLabelRules(booleans, valid, label);
            derived.CheckRow(valid);
        }
        return collector;
    }

    // The lambdas of the cold paths live in methods of their own: a lambda in the row loop that captures a loop
    // variable makes the compiler allocate its closure on every pass through the loop, bad cell or not.
    private static void AddCellError(AnomalyCollector anomalies, SpecTableReader table, int column, CellStatus status) =>
        anomalies.Add(KindOf(status), Severity.Error, table.Spec.Columns[column].Name, table.Line, table.Cell(column).ToString(),
            () => table.Describe(column, status));

    private static void AddRaggedRow(AnomalyCollector anomalies, SpecTableReader table)
    {
        var error = table.RaggedRowError();
        anomalies.Add("ragged-row", Severity.Error, error.Column, table.Line, null, () => error.Message);
    }

    internal static string KindOf(CellStatus status) => status switch
    {
        CellStatus.Missing => "missing-value",
        CellStatus.NotANumber or CellStatus.NotBoolean => "type-error",
        CellStatus.NotFinite => "not-finite",
        CellStatus.BelowMinimum or CellStatus.AboveMaximum => "out-of-range",
        _ => "unseen-category",
    };

    // Numeric columns are binned for leakage detection over the reviewed schema's range, else the spec's.
    internal static double[]? BinRange(ColumnSpec column, DataSchema? schema)
    {
        if (column.ValueType != ColumnValueType.Numeric) return null;
        if (schema?.FindColumn(column.Name) is { Min: { } min, Max: { } max } && max > min) return [min, max];
        if (column is { Min: { } specMin, Max: { } specMax }) return [specMin, specMax];
        return null;
    }
}
