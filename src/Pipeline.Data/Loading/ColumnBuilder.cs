using Pipeline.Data.Specs;
using System.Runtime.CompilerServices;

namespace Pipeline.Data.Loading;

/// <summary>Collects one column's parsed values while loading, in the array type its value type calls for.</summary>
internal abstract class ColumnBuilder
{
    private delegate CellStatus ParseCell<T>(SpecTableReader table, int column, out T value);

    public static ColumnBuilder For(ColumnSpec spec) => spec.ValueType switch
    {
        ColumnValueType.Numeric => new Builder<double>((SpecTableReader t, int c, out double v) => t.ParseNumber(c, out v)),
        ColumnValueType.Boolean => new Builder<bool>((SpecTableReader t, int c, out bool v) => t.ParseBoolean(c, out v)),
        ColumnValueType.Categorical => new Builder<string>((SpecTableReader t, int c, out string v) =>
        {
            var status = t.ParseCategory(c, out var index);
            v = index >= 0 ? spec.Domain![index] : ""; // the domain's string instance: no allocation per row
            return status;
        }),
        _ => new Builder<string>((SpecTableReader t, int c, out string v) =>
        {
            v = t.Cell(c).ToString();
            return t.ParseText(c);
        }),
    };

    public abstract CellStatus Add(SpecTableReader table, int column);

    public abstract Array ToArray();

    private sealed class Builder<T>(ParseCell<T> parse) : ColumnBuilder
    {
        private readonly List<T> _values = [];

        [MethodImpl(MethodImplOptions.AggressiveOptimization)]
        public override CellStatus Add(SpecTableReader table, int column)
        {
            var status = parse(table, column, out var value);
            _values.Add(value);
            return status;
        }

        public override Array ToArray() => _values.ToArray();
    }
}
