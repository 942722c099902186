using Geographie.Domain.Snapshots;
using Geographie.Import.Shipped;

namespace Geographie.Domain.Tests;

/// <summary>The snapshot a service builds after <c>load-shipped</c>, from the real files in geodata/ read in memory.</summary>
internal static class ShippedSnapshot
{
    private static readonly Lazy<GeographySnapshot> Shared = new(() => Build(ShippedGeodata.Find()));

    /// <summary>One snapshot for every test of the run: it is immutable, and building it is the slow part.</summary>
    public static GeographySnapshot Value => Shared.Value;

    private static GeographySnapshot Build(string geodata)
    {
        var data = new ShippedFilesSource(geodata).Read();
        return new GeographySnapshot(data.Revision, data.Quartiers, data.Communes, data.Contrat, DateTimeOffset.UnixEpoch);
    }
}
