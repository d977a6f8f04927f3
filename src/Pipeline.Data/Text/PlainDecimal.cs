using System.Runtime.CompilerServices;

namespace Pipeline.Data.Text;

/// <summary>
/// Parses the plain decimals data files are made of (<c>298.1</c>, <c>-0.25</c>, <c>1551</c>) several times faster
/// than <see cref="double.TryParse(ReadOnlySpan{char}, System.Globalization.NumberStyles, IFormatProvider, out double)"/>,
/// with the same result: at most 15 significant digits and 22 decimals make the digits and the power of ten exact
/// doubles, so one division rounds correctly (Clinger's fast path). Anything else (exponents, signs other than a
/// leading minus, spaces, more digits) is left to the general parser.
/// </summary>
internal static class PlainDecimal
{
    private const int MaxDigits = 15;

    private static readonly double[] PowersOfTen =
    [
        1e0, 1e1, 1e2, 1e3, 1e4, 1e5, 1e6, 1e7, 1e8, 1e9, 1e10, 1e11, 1e12, 1e13, 1e14, 1e15, 1e16, 1e17, 1e18, 1e19,
        1e20, 1e21, 1e22,
    ];

    /// <summary>Parses <paramref name="text"/> if it is a plain decimal; false (value 0) otherwise, not necessarily invalid.</summary>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    public static bool TryParse(ReadOnlySpan<char> text, out double value)
    {
        value = 0;
        var i = 0;
        var negative = text.Length > 0 && text[0] == '-';
        if (negative) i = 1;
        long mantissa = 0;
        int digits = 0, decimals = -1;
        for (; i < text.Length; i++)
        {
            var c = text[i];
            if ((uint)(c - '0') <= 9)
            {
                if (++digits > MaxDigits) return false;
                mantissa = mantissa * 10 + (c - '0');
                if (decimals >= 0) decimals++;
            }
            else if (c == '.' && decimals < 0) decimals = 0;
            else return false;
        }
        // "-", "." and "-." are not numbers; "5." and ".5" are, as for double.TryParse.
        if (digits == 0 || decimals >= PowersOfTen.Length) return false;
        var magnitude = decimals > 0 ? mantissa / PowersOfTen[decimals] : mantissa;
        value = negative ? -magnitude : magnitude;
        return true;
    }
}
