namespace Geographie.Addresses;

/// <summary>
/// One known address, as imported from a BAL or BAN file: an identifier (<c>cle_interop</c> or BAN <c>id</c>), the
/// commune, the street (or lieu-dit) name, the house number and its suffix, and a WGS84 position. Immutable.
/// </summary>
/// <param name="Id">The BAL <c>cle_interop</c> or the BAN <c>id</c>, unique.</param>
/// <param name="CommuneInsee">The INSEE code of the commune (5 characters, <c>2A</c>/<c>2B</c> in Corsica).</param>
/// <param name="CommuneName">The commune's name as written in the file.</param>
/// <param name="Postcode">The postcode, or null when the file has none (BAL files carry no postcode).</param>
/// <param name="Street">The street or lieu-dit name (<c>voie_nom</c>, <c>nom_voie</c>).</param>
/// <param name="Number">The house number; 0 for none.</param>
/// <param name="Suffix">The suffix (<c>bis</c>, <c>ter</c>, <c>a</c>…), lower case, or null.</param>
/// <param name="Lon">WGS84 longitude, degrees.</param>
/// <param name="Lat">WGS84 latitude, degrees.</param>
public sealed record AddressRecord(
    string Id, string CommuneInsee, string CommuneName, string? Postcode, string Street, int Number, string? Suffix,
    double Lon, double Lat)
{
    /// <summary>The label written back to callers, BAN style: <c>12 bis Rue Joffre 54111 Mont-Bonvillers</c> (no postcode when unknown).</summary>
    public string Label => AddressLabels.Of(Number, Suffix, Street, Postcode, CommuneName);
}
