using Geographie.Addresses;
using Geographie.Api.Texts;
using Geographie.Domain.Eligibility;
using Geographie.Domain.Texts;

namespace Geographie.Api.Addresses;

/// <summary>
/// The one step that turns address input into the point path's input, before it and apart from it: the address is
/// geocoded, its point becomes the request's lon/lat, and the match's plausible error (see
/// <see cref="AddressMatch.PlausibleErrorM"/>) its position uncertainty, so that the checker answers UNCERTAIN when
/// a QPV boundary lies within it. The answer is then decorated with what was matched.
/// </summary>
public static class AddressStep
{
    /// <summary>Geocodes <paramref name="query"/>; null when the request holds no address field.</summary>
    public static async ValueTask<AddressAnswer?> GeocodeAsync(IGeocoder geocoder, AddressQuery query, CancellationToken cancellationToken) =>
        query.IsEmpty ? null : await geocoder.GeocodeAsync(query, cancellationToken);

    /// <summary>
    /// Geocodes the address queries of a batch with one <see cref="IGeocoder.GeocodeBatchAsync"/> call (an external
    /// geocoder then sends CSV batches rather than one search a row): one answer per query in order, null where the
    /// query is null or empty (a row that gave no address).
    /// </summary>
    public static async ValueTask<AddressAnswer?[]> GeocodeAllAsync(IGeocoder geocoder, IReadOnlyList<AddressQuery?> queries, CancellationToken cancellationToken)
    {
        var located = new AddressAnswer?[queries.Count];
        await GeocodeAllAsync(geocoder, queries.Count, i => queries[i], located, cancellationToken);
        return located;
    }

    /// <summary>
    /// As above, into <paramref name="located"/> (a pooled array of at least <paramref name="count"/> answers), the
    /// query of row i read by <paramref name="queryAt"/>: a batch of points alone allocates nothing here.
    /// </summary>
    public static async ValueTask GeocodeAllAsync(
        IGeocoder geocoder, int count, Func<int, AddressQuery?> queryAt, AddressAnswer?[] located, CancellationToken cancellationToken)
    {
        List<int>? rows = null;
        List<AddressQuery>? asked = null;
        for (var i = 0; i < count; i++)
        {
            located[i] = null;
            if (queryAt(i) is { IsEmpty: false } query)
            {
                (rows ??= []).Add(i);
                (asked ??= []).Add(query);
            }
        }
        if (rows is null)
        {
            return;
        }
        var answers = await geocoder.GeocodeBatchAsync(asked!, cancellationToken);
        for (var j = 0; j < rows.Count; j++)
        {
            located[rows[j]] = answers[j];
        }
    }

    /// <summary>
    /// Puts the matched point into <paramref name="request"/>, its position uncertainty raised to the match's
    /// plausible error (capped at <paramref name="maxBandM"/>). Returns the problem, on the field <c>address</c>,
    /// when the request also gives a location or the address cannot be used as written; null otherwise (an address
    /// that matches nothing leaves the request as it is: see <see cref="Unmatched"/>).
    /// </summary>
    public static RequestProblem? Apply(AddressAnswer? answer, ref EligibilityRequest request, double threshold, double maxBandM)
    {
        if (answer is not { } found)
        {
            return null;
        }
        if (request.Lon is not null || request.Lat is not null || request.X is not null || request.Y is not null)
        {
            return new RequestProblem("address", language => language.Say(EdgeText.AddressAndLocation));
        }
        if (found.Match is not { } match)
        {
            return found.BadQuery ? new RequestProblem("address", language => language.Say(found.Problem!)) : null;
        }
        var uncertainty = Math.Max(request.PositionUncertaintyM ?? 0, Math.Min(match.PlausibleErrorM(threshold), maxBandM));
        request = request with { Lon = match.Lon, Lat = match.Lat, PositionUncertaintyM = uncertainty > 0 ? uncertainty : request.PositionUncertaintyM };
        return null;
    }

    /// <summary>
    /// The answer for an address that was not matched, or null when it matched: INVALID when it matched nothing or
    /// could not be used; UNKNOWN when the geocoder could not be asked (an external one down or refusing us), since
    /// nothing is then known of the address, right or wrong. The reason is in <paramref name="language"/>.
    /// </summary>
    public static EligibilityResult? Unmatched(AddressAnswer? answer, Language language) => answer switch
    {
        { Match: null, Problem: { } problem, Unavailable: true } =>
            new EligibilityResult(EligibilityStatus.Unknown, $"address: {language.Say(problem)}", null, null, null, null, null, null),
        { Match: null, Problem: { } problem } => EligibilityResult.Invalid($"address: {language.Say(problem)}"),
        _ => null,
    };

    /// <summary>What was matched, for the answer; null without address input or match.</summary>
    public static MatchedAddress? Matched(AddressAnswer? answer) => answer?.Match is { } m
        ? new MatchedAddress(m.Label, m.Id, m.Score, m.Type.Wire(), m.Lon, m.Lat)
        : null;

    /// <summary>The match type as written on every wire: housenumber, street, locality (addok's names).</summary>
    public static string Wire(this AddressMatchType type) => type switch
    {
        AddressMatchType.HouseNumber => "housenumber",
        AddressMatchType.Street => "street",
        _ => "locality",
    };
}

/// <summary>The address an answer was computed for: label, BAL <c>cle_interop</c> or BAN id (the INSEE code for a locality), score in [0, 1], match type, and the WGS84 point tested.</summary>
public sealed record MatchedAddress(string Label, string? Id, double Score, string MatchType, double Lon, double Lat);
