using System.Numerics;

namespace Geographie.Api.Http;

/// <summary>
/// Reads a plain decimal (<c>-4.737871</c>, <c>300</c>, <c>.5</c>) of at most 15 digits directly, as UTF-16 or UTF-8
/// text; anything else is left to the caller's full parser.
/// </summary>
/// <remarks>
/// Such a decimal is an integer below 2^53 over a power of ten up to 10^15, both exact doubles, so one division is the
/// correctly rounded value, which is what <c>double.Parse</c> and <c>Utf8JsonReader.GetDouble</c> return (Clinger's
/// fast path). Coordinates are most of what a batch or a zone parses.
/// </remarks>
internal static class PlainDecimal
{
    private static readonly double[] PowersOfTen = [1e0, 1e1, 1e2, 1e3, 1e4, 1e5, 1e6, 1e7, 1e8, 1e9, 1e10, 1e11, 1e12, 1e13, 1e14, 1e15];

    /// <summary>The value of <paramref name="text"/> when it is a plain decimal of at most 15 digits; false otherwise (exponent, sign other than a leading minus, spaces, more digits, NaN).</summary>
    public static bool TryRead(ReadOnlySpan<char> text, out double value) => TryRead<char>(text, out value);

    /// <inheritdoc cref="TryRead(ReadOnlySpan{char}, out double)"/>
    public static bool TryRead(ReadOnlySpan<byte> text, out double value) => TryRead<byte>(text, out value);

    private static bool TryRead<TChar>(ReadOnlySpan<TChar> text, out double value)
        where TChar : unmanaged, IBinaryInteger<TChar>
    {
        value = 0;
        var negative = text.Length > 0 && int.CreateTruncating(text[0]) == '-';
        long digits = 0;
        var count = 0;
        var decimals = -1;
        for (var i = negative ? 1 : 0; i < text.Length; i++)
        {
            var c = int.CreateTruncating(text[i]);
            if ((uint)(c - '0') <= 9 && count < 15)
            {
                digits = (digits * 10) + (c - '0');
                count++;
                decimals += decimals >= 0 ? 1 : 0;
            }
            else if (c == '.' && decimals < 0)
            {
                decimals = 0;
            }
            else
            {
                return false;
            }
        }

        if (count == 0)
        {
            return false;
        }

        value = Value(digits, decimals, negative);
        return true;
    }

    /// <summary>
    /// The value of a plain decimal from its digits read as an integer (at most 15 of them), the number of them after the
    /// point (0 when none) and its sign: what <see cref="TryRead(ReadOnlySpan{byte}, out double)"/> gives for its text.
    /// </summary>
    public static double Value(long digits, int decimals, bool negative)
    {
        var magnitude = decimals > 0 ? digits / PowersOfTen[decimals] : digits;
        return negative ? -magnitude : magnitude;
    }
}
