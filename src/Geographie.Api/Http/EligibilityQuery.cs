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
    /// <summary>Parses the fields; returns the problem of the first unreadable one, or null.</summary>
    public static RequestProblem? TryParse(
        string? lon, string? lat, string? x, string? y, string? geography, string? date, string? near, string? uncertainty,
        out EligibilityRequest request, bool commaDecimals = false)
    {
        request = default;
        RequestProblem? problem = null;
        double? Number(string? text, string field)
        {
            if (problem is not null || string.IsNullOrWhiteSpace(text))
            {
                return null;
            }
            var normalized = commaDecimals && !text.Contains('.', StringComparison.Ordinal) ? text.Replace(',', '.') : text;
            if (double.TryParse(normalized, NumberStyles.Float, CultureInfo.InvariantCulture, out var value))
            {
                return value;
            }
            problem = new RequestProblem(field, DomainText.NotANumber, field, InputEcho.Quote(text));
            return null;
        }
        var parsed = new EligibilityRequest(
            Number(lon, "lon"), Number(lat, "lat"), Number(x, "x"), Number(y, "y"),
            // No geography code is long: a long one is cut like any input quoted back in the domain's message.
            string.IsNullOrWhiteSpace(geography) ? null : InputEcho.Quote(geography.Trim()),
            null,
            Number(near, "near_distance_m"), Number(uncertainty, "position_uncertainty_m"));
        if (problem is null)
        {
            problem = RequestDate.TryParse(date, out var day);
            parsed = parsed with { Date = day };
        }
        request = parsed;
        return problem;
    }
}
