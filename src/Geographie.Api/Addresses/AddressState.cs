using Geographie.Addresses;

namespace Geographie.Api.Addresses;

/// <summary>
/// The built-in geocoder of the service: the <see cref="AddressIndex"/> of the addresses stored in PostGIS, swapped
/// atomically by the snapshot refresher when the address data's revision changes (a search keeps the index it
/// started with). Empty before the first load. Thread-safe.
/// </summary>
public sealed class AddressState : IGeocoder
{
    private sealed record Published(AddressIndex Index, long? Revision);

    private Published _current = new(AddressIndex.Empty, null);

    /// <summary>The index in use.</summary>
    public AddressIndex Current => Volatile.Read(ref _current).Index;

    /// <summary>The address revision of the index in use (see <see cref="IAddressSource.ReadRevisionAsync"/>); null before the first load.</summary>
    public long? Revision => Volatile.Read(ref _current).Revision;

    /// <summary>Publishes a new index, built from the addresses of <paramref name="revision"/>.</summary>
    public void Publish(AddressIndex index, long revision) => Volatile.Write(ref _current, new Published(index, revision));

    /// <inheritdoc />
    public ValueTask<AddressAnswer> GeocodeAsync(AddressQuery query, CancellationToken cancellationToken) =>
        Current.GeocodeAsync(query, cancellationToken);

    /// <inheritdoc />
    public ValueTask<AddressAnswer[]> GeocodeBatchAsync(IReadOnlyList<AddressQuery> queries, CancellationToken cancellationToken) =>
        Current.GeocodeBatchAsync(queries, cancellationToken);
}
