namespace Geographie.Addresses;

/// <summary>
/// What a caller asks for: free text (<see cref="Text"/>), structured fields, or both (the structured fields then
/// narrow the free text: a postcode or INSEE code filters, a number or street completes it). Immutable.
/// </summary>
/// <param name="Text">Free text such as <c>12 bis rue Joffre 54111 Mont-Bonvillers</c>.</param>
/// <param name="Number">The house number, possibly with its suffix (<c>12</c>, <c>12bis</c>, <c>12 b</c>).</param>
/// <param name="Street">The street name (<c>voie</c>).</param>
/// <param name="Postcode">The postcode (<c>code_postal</c>): a filter.</param>
/// <param name="CityCode">The commune's INSEE code (<c>citycode</c>): a filter.</param>
/// <param name="City">The commune's name (<c>commune</c>).</param>
public sealed record AddressQuery(
    string? Text = null, string? Number = null, string? Street = null, string? Postcode = null, string? CityCode = null, string? City = null)
{
    /// <summary>True when no field holds anything but blanks.</summary>
    public bool IsEmpty => new[] { Text, Number, Street, Postcode, CityCode, City }.All(string.IsNullOrWhiteSpace);

    /// <summary>
    /// Why the query cannot be used as written (empty, a postcode that is not 5 digits, a number that is not one), or
    /// null: the same check for every geocoder, so that a bad query is refused before any is asked.
    /// </summary>
    public AddressProblem? Problem() => IsEmpty ? new AddressProblem(AddressFault.Empty) : ParsedQuery.TryParse(this, out _);

    /// <summary>The query as one line, for messages and for an external geocoder's <c>q</c>.</summary>
    public string OneLine() => string.Join(' ', new[] { Number, Street, Text, Postcode, City ?? CityCode }
        .Where(p => !string.IsNullOrWhiteSpace(p)).Select(p => p!.Trim()));
}
