namespace Geographie.Addresses;

/// <summary>Where the addresses of the in-memory <see cref="AddressIndex"/> are read from: the database of record, or files.</summary>
public interface IAddressSource
{
    /// <summary>Every address, read now.</summary>
    Task<IReadOnlyList<AddressRecord>> ReadAsync(CancellationToken cancellationToken = default);
}
