using System.Globalization;
using Geographie.Domain.Eligibility;
using Geographie.Domain.Texts;

namespace Geographie.Api.Http;

/// <summary>
/// Text fields of one REST request (query string, JSON item or CSV row), parsed into an <see cref="EligibilityRequest"/>.
/// A field that is not a number or not a date is reported by name, like the domain's own checks.
/// </summary>
public static class EligibilityQuery
{
    // Exact doubles: every power of ten up to 10^22 is.

    /// <summary>Parses the fields; returns the problem of the first unreadable one, or null.</summary>
    public static RequestProblem? TryParse(
        string? lon, string? lat, string? x, string? y, string? geography, string? date, string? near, string? uncertainty,
        out EligibilityRequest request, bool commaDecimals = false)
    {
        request = default;
        RequestProblem? problem = null;
        var parsed = new EligibilityRequest(
            Number(lon, "lon", commaDecimals, ref problem), Number(lat, "lat", commaDecimals, ref problem),
            Number(x, "x", commaDecimals, ref problem), Number(y, "y", commaDecimals, ref problem),
            // No geography code is long: a long one is cut like any input quoted back in the domain's message.
            string.IsNullOrWhiteSpace(geography) ? null : InputEcho.Quote(geography.Trim()),
            null,
            Number(near, "near_distance_m", commaDecimals, ref problem), Number(uncertainty, "position_uncertainty_m", commaDecimals, ref problem));
        if (problem is null)
        {
            problem = RequestDate.TryParse(date, out var day);
            parsed = parsed with { Date = day };
        }
        request = parsed;
        return problem;
    }

    // The number in one field; null when it is empty or a problem was already found; the problem when it is not a number.
    private static double? Number(string? text, string field, bool commaDecimals, ref RequestProblem? problem)
    {
        if (problem is not null || string.IsNullOrWhiteSpace(text))
        {
            return null;
        }
        var normalized = commaDecimals && !text.Contains('.', StringComparison.Ordinal) ? text.Replace(',', '.') : text;
        if (TryParseNumber(normalized, out var value))
        {
            return value;
        }
        problem = new RequestProblem(field, DomainText.NotANumber, field, InputEcho.Quote(text));
        return null;
    }

    /// <summary>
    /// <see cref="double.TryParse(string, NumberStyles, IFormatProvider, out double)"/> with <see cref="NumberStyles.Float"/>
    /// and the invariant culture, the same value for every text, read directly when it is a plain decimal.
    /// </summary>
    internal static bool TryParseNumber(string text, out double value) =>
        PlainDecimal.TryRead(text, out value) || double.TryParse(text, NumberStyles.Float, CultureInfo.InvariantCulture, out value);
}
