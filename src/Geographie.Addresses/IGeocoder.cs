namespace Geographie.Addresses;

/// <summary>
/// Turns an address query into a point. Implementations: the built-in <see cref="AddressIndex"/> over imported
/// BAL/BAN files, or an external addok-compatible service. Thread-safe.
/// </summary>
public interface IGeocoder
{
    /// <summary>Geocodes one query. An empty query or one that matches nothing is an answer with a problem, not an exception.</summary>
    ValueTask<AddressAnswer> GeocodeAsync(AddressQuery query, CancellationToken cancellationToken);

    /// <summary>
    /// Geocodes many queries, one answer each, in order, each as <see cref="GeocodeAsync"/> would answer it. A
    /// geocoder that can ask for many at once does (an external one: a CSV batch per chunk, where a chunk that fails
    /// makes only its own answers unavailable); the built-in one answers them one after the other in process.
    /// </summary>
    ValueTask<AddressAnswer[]> GeocodeBatchAsync(IReadOnlyList<AddressQuery> queries, CancellationToken cancellationToken);
}
