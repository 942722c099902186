namespace Geographie.Addresses;

/// <summary>Where the addresses of the in-memory <see cref="AddressIndex"/> are read from: the database of record, or files.</summary>
public interface IAddressSource
{
    /// <summary>
    /// The revision of the address data: it changes when, and only when, the addresses do, so that the index is not
    /// rebuilt when only the perimeters or the register moved.
    /// </summary>
    Task<long> ReadRevisionAsync(CancellationToken cancellationToken = default);

    /// <summary>Every address, read now.</summary>
    Task<IReadOnlyList<AddressRecord>> ReadAsync(CancellationToken cancellationToken = default);
}
