using Geographie.Addresses;

namespace Geographie.Api.Addresses;

/// <summary>
/// The built-in geocoder of the service: the <see cref="AddressIndex"/> of the addresses stored in PostGIS, swapped
/// atomically by the snapshot refresher when the data revision changes (a search keeps the index it started with).
/// Empty before the first load. Thread-safe.
/// </summary>
public sealed class AddressState : IGeocoder
{
    private AddressIndex _current = AddressIndex.Empty;

    /// <summary>The index in use.</summary>
    public AddressIndex Current => Volatile.Read(ref _current);

    /// <summary>Publishes a new index.</summary>
    public void Publish(AddressIndex index) => Volatile.Write(ref _current, index);

    /// <inheritdoc />
    public ValueTask<AddressAnswer> GeocodeAsync(AddressQuery query, CancellationToken cancellationToken) =>
        Current.GeocodeAsync(query, cancellationToken);
}
