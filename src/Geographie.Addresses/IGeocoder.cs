namespace Geographie.Addresses;

/// <summary>
/// Turns an address query into a point. Implementations: the built-in <see cref="AddressIndex"/> over imported
/// BAL/BAN files, or an external addok-compatible service. Thread-safe.
/// </summary>
public interface IGeocoder
{
    /// <summary>Geocodes one query. An empty query or one that matches nothing is an answer with a problem, not an exception.</summary>
    ValueTask<AddressAnswer> GeocodeAsync(AddressQuery query, CancellationToken cancellationToken);
}
