using Geographie.Domain.Eligibility;
using Geographie.Domain.Texts;

namespace Geographie.Api.Http;

/// <summary>
/// Batch-wide options from the query string, applied to every item that does not set its own, and the language of
/// the answers.
/// </summary>
public sealed record BatchDefaults(string? Geography, string? Date, string? Near, string? Uncertainty, Language Language)
{
    /// <summary>The score below which an address match is not trusted (<see cref="Addresses.GeocoderOptions.Threshold"/>).</summary>
    public double AddressThreshold { get; init; } = Geographie.Addresses.AddressMatch.DefaultThreshold;

    /// <summary>
    /// Parses one item's fields (falling back on the defaults) into a point of the batch loop
    /// (<see cref="EligibilityBatch"/>), at the point of <paramref name="address"/> when the item gave an address (see
    /// <see cref="Addresses.AddressStep"/>); <paramref name="maxBandM"/> caps the uncertainty an address match adds.
    /// </summary>
    public BatchPoint Read(
        string? lon, string? lat, string? x, string? y, string? geography, string? date, string? near, string? uncertainty,
        bool commaDecimals, double maxBandM, Geographie.Addresses.AddressAnswer? address = null)
    {
        var bothEmpty = string.IsNullOrWhiteSpace(geography) && string.IsNullOrWhiteSpace(date);
        var problem = EligibilityQuery.TryParse(
            lon, lat, x, y,
            bothEmpty ? Geography : geography, bothEmpty ? Date : date,
            string.IsNullOrWhiteSpace(near) ? Near : near,
            string.IsNullOrWhiteSpace(uncertainty) ? Uncertainty : uncertainty,
            out var request, commaDecimals)
            ?? Addresses.AddressStep.Apply(address, ref request, AddressThreshold, maxBandM);
        return new BatchPoint(request, problem, problem is null ? Addresses.AddressStep.Unmatched(address, Language) : null);
    }
}
