using Geographie.Addresses;
using Geographie.Import.Addresses;

namespace Geographie.Import.Shipped;

/// <summary>The shipped address files (<see cref="ShippedGeodata.AddressFiles"/>) read without a database, as <see cref="ShippedFilesSource"/> reads the rest.</summary>
public sealed class ShippedAddressesSource(string geodata) : IAddressSource
{
    /// <summary>Always 1: files read once never change under the service.</summary>
    public Task<long> ReadRevisionAsync(CancellationToken cancellationToken = default) => Task.FromResult(1L);

    /// <inheritdoc />
    public Task<IReadOnlyList<AddressRecord>> ReadAsync(CancellationToken cancellationToken = default) =>
        Task.FromResult<IReadOnlyList<AddressRecord>>(ShippedGeodata.AddressFiles
            .SelectMany(relative => AddressFileReader.Read(Path.Combine(geodata, relative), out _))
            .ToArray());
}
