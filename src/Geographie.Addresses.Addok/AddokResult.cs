using System.Globalization;

namespace Geographie.Addresses.Addok;

/// <summary>
/// One result of an addok-compatible API as it came (the single search's first feature, or a CSV row's
/// <c>result_*</c> columns): label, score, addok type (<c>housenumber</c>, <c>street</c>, <c>locality</c>,
/// <c>municipality</c>), id (the BAN or BAL identifier) and WGS84 point. Immutable.
/// </summary>
public sealed record AddokResult(string Label, double Score, string Type, string? Id, double Lon, double Lat)
{
    /// <summary>
    /// The match this result stands for. addok's types map onto ours by how precise they are: <c>housenumber</c> is a
    /// house number; <c>street</c> a street; <c>locality</c> (a lieu-dit: a named place without numbers) is sized like
    /// a street; <c>municipality</c> and anything unknown are the commune. The score is addok's, in [0, 1], on the
    /// scale the 0.8 threshold was set on. addok gives no extent, so <paramref name="options"/> supplies it.
    /// </summary>
    public AddressMatch ToMatch(AddokOptions options)
    {
        var (type, extent) = Type switch
        {
            "housenumber" => (AddressMatchType.HouseNumber, options.StreetExtentM),
            "street" or "locality" => (AddressMatchType.Street, options.StreetExtentM),
            _ => (AddressMatchType.Locality, options.MunicipalityExtentM),
        };
        return new AddressMatch(Label, Id, Math.Round(Math.Clamp(Score, 0, 1), 4), type, Lon, Lat, extent);
    }

    /// <summary>Reads a number written by addok (invariant culture); null when absent or not a finite number.</summary>
    internal static double? Number(string? text) =>
        double.TryParse(text, NumberStyles.Float, CultureInfo.InvariantCulture, out var value) && double.IsFinite(value) ? value : null;
}
