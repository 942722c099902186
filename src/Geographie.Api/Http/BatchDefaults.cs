using Geographie.Domain.Eligibility;
using Geographie.Domain.Snapshots;
using Geographie.Domain.Texts;

namespace Geographie.Api.Http;

/// <summary>
/// Batch-wide options from the query string, applied to every item that does not set its own, and the language of
/// the answers.
/// </summary>
public sealed record BatchDefaults(string? Geography, string? Date, string? Near, string? Uncertainty, Language Language)
{
    /// <summary>Parses one item's fields (falling back on the defaults) and checks it; bad input becomes INVALID.</summary>
    public EligibilityResult Check(
        GeographySnapshot snapshot, EligibilityChecker checker,
        string? lon, string? lat, string? x, string? y, string? geography, string? date, string? near, string? uncertainty,
        bool commaDecimals)
    {
        var bothEmpty = string.IsNullOrWhiteSpace(geography) && string.IsNullOrWhiteSpace(date);
        var problem = EligibilityQuery.TryParse(
            lon, lat, x, y,
            bothEmpty ? Geography : geography, bothEmpty ? Date : date,
            string.IsNullOrWhiteSpace(near) ? Near : near,
            string.IsNullOrWhiteSpace(uncertainty) ? Uncertainty : uncertainty,
            out var request, commaDecimals);
        return problem is null ? checker.Check(snapshot, request, Language) : EligibilityResult.Invalid(problem.Describe(Language));
    }
}
