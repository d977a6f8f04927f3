using System.Runtime.CompilerServices;

namespace Pipeline.Data.Text;

/// <summary>
/// Reads the plain integers ids are made of (<c>1</c>, <c>4711</c>: digits only, no sign, no leading zero, at most 18
/// digits) without the culture lookups of <see cref="long.TryParse(ReadOnlySpan{char}, out long)"/>. A plain integer is
/// the same text exactly when it is the same number, so ids written this way can be compared as numbers.
/// </summary>
internal static class PlainInteger
{
    /// <summary>Parses <paramref name="cell"/> if it is a plain integer; false (value 0) otherwise, not necessarily invalid.</summary>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    public static bool TryParse(ReadOnlySpan<char> cell, out long value)
    {
        value = 0;
        if (cell.Length is 0 or > 18 || (cell[0] == '0' && cell.Length > 1)) return false;
        foreach (var c in cell)
        {
            if ((uint)(c - '0') > 9) return false;
            value = value * 10 + (c - '0');
        }
        return true;
    }
}
