using System.Runtime.CompilerServices;
using Pipeline.Data.Specs;

namespace Pipeline.Data.Loading;

/// <summary>Collects one column's parsed values while loading, in the array type its value type calls for.</summary>
internal abstract class ColumnBuilder
{
    public static ColumnBuilder For(ColumnSpec spec) => spec.ValueType switch
    {
        ColumnValueType.Numeric => new Numbers(),
        ColumnValueType.Boolean => new Booleans(),
        ColumnValueType.Categorical => new Categories(spec.Domain!.ToArray()),
        _ => new Texts(),
    };

    /// <summary>Parses cell <paramref name="column"/> of the current row and keeps its value; returns the cell's status.</summary>
    public abstract CellStatus Add(SpecTableReader table, int column);

    public abstract Array ToArray();

    // One class per value type rather than a parse delegate: a cell costs one virtual call, not a call and a delegate.
    private sealed class Numbers : ColumnBuilder
    {
        private readonly List<double> _values = [];

        [MethodImpl(MethodImplOptions.AggressiveOptimization)]
        public override CellStatus Add(SpecTableReader table, int column)
        {
            var status = table.ParseNumber(column, out var value);
            _values.Add(value);
            return status;
        }

        public override Array ToArray() => _values.ToArray();
    }

    private sealed class Booleans : ColumnBuilder
    {
        private readonly List<bool> _values = [];

        [MethodImpl(MethodImplOptions.AggressiveOptimization)]
        public override CellStatus Add(SpecTableReader table, int column)
        {
            var status = table.ParseBoolean(column, out var value);
            _values.Add(value);
            return status;
        }

        public override Array ToArray() => _values.ToArray();
    }

    private sealed class Categories(string[] domain) : ColumnBuilder
    {
        private readonly List<string> _values = [];

        [MethodImpl(MethodImplOptions.AggressiveOptimization)]
        public override CellStatus Add(SpecTableReader table, int column)
        {
            var status = table.ParseCategory(column, out var index);
            _values.Add(index >= 0 ? domain[index] : ""); // the domain's string instance: no allocation per row
            return status;
        }

        public override Array ToArray() => _values.ToArray();
    }

    private sealed class Texts : ColumnBuilder
    {
        private readonly List<string> _values = [];

        [MethodImpl(MethodImplOptions.AggressiveOptimization)]
        public override CellStatus Add(SpecTableReader table, int column)
        {
            _values.Add(table.Cell(column).ToString());
            return table.ParseText(column);
        }

        public override Array ToArray() => _values.ToArray();
    }
}
