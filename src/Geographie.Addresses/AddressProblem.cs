namespace Geographie.Addresses;

/// <summary>
/// Why an address has no match, for the edge to word in the caller's language (the core writes no sentence):
/// what went wrong, the words or value at fault, and the postcode and INSEE code the query was narrowed to, said
/// too since they decided what could be found.
/// </summary>
/// <param name="Fault">What went wrong.</param>
/// <param name="Subject">The words or value at fault, as the caller wrote them (or the geocoder's own words), or null.</param>
/// <param name="Postcode">The postcode the search was narrowed to, or null.</param>
/// <param name="CityCode">The INSEE code the search was narrowed to, or null.</param>
public sealed record AddressProblem(AddressFault Fault, string? Subject = null, string? Postcode = null, string? CityCode = null);

/// <summary>What went wrong with an address (see <see cref="AddressProblem"/>).</summary>
public enum AddressFault
{
    /// <summary>No field holds anything but blanks.</summary>
    Empty,

    /// <summary>The structured postcode is not five digits (subject: as given).</summary>
    PostcodeMalformed,

    /// <summary>The structured house number is not one (subject: as given).</summary>
    NumberMalformed,

    /// <summary>The structured INSEE code is not five characters (subject: as given).</summary>
    CityCodeMalformed,

    /// <summary>The built-in geocoder holds no address.</summary>
    NothingLoaded,

    /// <summary>No commune holds addresses under this INSEE code (subject: the code).</summary>
    CityCodeUnknown,

    /// <summary>No address has this postcode (subject: the postcode; narrowed by the INSEE code when given).</summary>
    PostcodeUnknown,

    /// <summary>No commune has this name (subject: the commune words).</summary>
    CommuneUnknown,

    /// <summary>The address names no street, and its commune is known.</summary>
    StreetMissing,

    /// <summary>The address names neither a street nor a commune.</summary>
    StreetAndCommuneMissing,

    /// <summary>No street has this name (subject: the street words).</summary>
    StreetUnknown,

    /// <summary>An external geocoder found nothing (subject: the query as one line).</summary>
    GeocoderFoundNothing,

    /// <summary>An external geocoder refused the query as malformed (subject: its message).</summary>
    GeocoderRefused,

    /// <summary>An external geocoder answered with an error status (subject: code and reason phrase).</summary>
    GeocoderStatus,

    /// <summary>An external geocoder failed repeatedly and is left alone for a while (its circuit is open).</summary>
    GeocoderCircuitOpen,

    /// <summary>An external geocoder did not answer in time.</summary>
    GeocoderTimeout,

    /// <summary>Too many addresses wait for an external geocoder's rate limit.</summary>
    GeocoderRateLimited,

    /// <summary>An external geocoder cannot be reached (subject: the connection error).</summary>
    GeocoderUnreachable,

    /// <summary>An external geocoder's answer is not the GeoJSON expected.</summary>
    GeocoderUnreadable,

    /// <summary>An external geocoder's CSV answer does not hold one result row per address.</summary>
    GeocoderCsvUnreadable,
}
