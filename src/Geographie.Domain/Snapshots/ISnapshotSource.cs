namespace Geographie.Domain.Snapshots;

/// <summary>
/// Where the data of a <see cref="GeographySnapshot"/> comes from: the PostGIS of record in the service
/// (<c>Geographie.Storage.Reading.StoredDataReader</c>), the files shipped in <c>geodata/</c> read in memory
/// (<c>Geographie.Import.Shipped.ShippedFilesSource</c>) for tests that need no database. Implementations are thread-safe.
/// </summary>
public interface ISnapshotSource
{
    /// <summary>The current revision only: cheap, asked at every poll to decide whether to read everything.</summary>
    Task<long> ReadRevisionAsync(CancellationToken cancellationToken = default);

    /// <summary>Everything, consistently, with the revision it belongs to.</summary>
    Task<SnapshotData> ReadAsync(CancellationToken cancellationToken = default);
}
