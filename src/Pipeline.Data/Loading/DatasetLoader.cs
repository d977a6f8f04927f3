using Pipeline.Data.Specs;
using Pipeline.Data.Text;
using System.Runtime.CompilerServices;

namespace Pipeline.Data.Loading;

/// <summary>Reads a dataset into memory, strictly: the first malformed cell or row stops it with a <see cref="DataException"/>.</summary>
public static class DatasetLoader
{
    /// <summary>
    /// Loads <paramref name="dataPathOverride"/> if given, else the spec's source (its file, or the simulator,
    /// which is deterministic for its seed).
    /// </summary>
    /// <exception cref="DataException">The source is missing or malformed; the message names file, line and column.</exception>
    public static Dataset Load(DatasetSpec spec, string rootDirectory, string? dataPathOverride)
    {
        using var source = DataSource.Open(spec, rootDirectory, dataPathOverride);
        return Load(spec, source);
    }

    /// <summary>Loads every row of an opened source.</summary>
    /// <exception cref="DataException">The source is malformed; the message names file, line and column.</exception>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    public static Dataset Load(DatasetSpec spec, DataSource source)
    {
        using var table = new SpecTableReader(spec, source.Reader, source.Name);
        var builders = spec.Columns.Select(ColumnBuilder.For).ToArray();
        var idColumn = spec.IndexOfRole(ColumnRole.Id);
        var ids = new SeenIds();
        while (table.ReadRow())
        {
            if (!table.RowHasHeaderWidth)
                throw table.RaggedRowError();
            for (var c = 0; c < builders.Length; c++)
            {
                var status = builders[c].Add(table, c);
                if (status != CellStatus.Ok)
                    throw table.CellError(c, status);
            }
            if (idColumn >= 0)
            {
                // Ids are compared as text; a plain integer (no sign, no leading zero) is the same text exactly when it
                // is the same number, so those are kept as numbers (runs of row numbers cost no memory per row).
                var cell = table.Cell(idColumn);
                var seenOn = PlainInteger.TryParse(cell, out var number) ? ids.Add(number, table.Line) : ids.Add(cell.ToString(), table.Line);
                if (seenOn is { } firstLine)
                    throw new DataException(
                        $"{source.Name}, line {table.Line}, column '{spec.Columns[idColumn].Name}': the id '{cell.ToString()}' was already used on line {firstLine}; ids must be unique.",
                        source.Name, table.Line, spec.Columns[idColumn].Name);
            }
            if (table.RowsRead > int.MaxValue - 1)
                throw new DataException($"{source.Name}: more than {int.MaxValue - 1} rows do not fit in memory as one dataset; validate it streaming instead.", source.FilePath, table.Line);
        }
        if (table.RowsRead == 0)
            throw table.NoDataRowsError();
        var columns = new Dictionary<string, Array>();
        for (var c = 0; c < builders.Length; c++)
            columns[spec.Columns[c].Name] = builders[c].ToArray();
        return new Dataset(spec, source.Description, source.FinishHash(), (int)table.RowsRead, columns);
    }
}
