using System.Globalization;
using Geographie.Domain.Eligibility;
using Geographie.Domain.Texts;

namespace Geographie.Api.Http;

/// <summary>
/// The <c>date</c> of an eligibility request, read the same way from every edge (REST query, JSON item and CSV row;
/// gRPC <c>CheckRequest</c> and <c>CheckColumnsRequest</c>): <c>yyyy-MM-dd</c>, surrounding spaces ignored, blank
/// meaning no date. One parser, one message (<see cref="DomainText.NotAnIsoDate"/>).
/// </summary>
public static class RequestDate
{
    /// <summary>Parses <paramref name="text"/>; returns the problem, on the field <c>date</c>, when it is not such a date.</summary>
    public static RequestProblem? TryParse(string? text, out DateOnly? date)
    {
        date = null;
        if (string.IsNullOrWhiteSpace(text))
        {
            return null;
        }
        if (!DateOnly.TryParseExact(text.Trim(), "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.None, out var day))
        {
            return new RequestProblem("date", DomainText.NotAnIsoDate, InputEcho.Quote(text));
        }
        date = day;
        return null;
    }
}
