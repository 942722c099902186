using System.Reflection;

namespace Geographie.Api.Tests.Architecture;

/// <summary>Each project keeps to its job: the cores know nothing of HTTP, gRPC or SQL.</summary>
public sealed class LayeringTests
{
    private static readonly Assembly Spatial = typeof(Geographie.Spatial.PerimeterIndex).Assembly;
    private static readonly Assembly Domain = typeof(Geographie.Domain.Snapshots.GeographySnapshot).Assembly;
    private static readonly Assembly Tiles = typeof(Geographie.Tiles.TileDataSet).Assembly;
    private static readonly Assembly Import = typeof(Geographie.Import.Files.SourceFileReader).Assembly;
    private static readonly Assembly Features = typeof(Geographie.Features.FeatureCatalog).Assembly;
    private static readonly Assembly Storage = typeof(Geographie.Storage.Migrator).Assembly;
    private static readonly Assembly Addresses = typeof(Geographie.Addresses.AddressIndex).Assembly;

    private static string[] References(Assembly assembly) =>
        assembly.GetReferencedAssemblies().Select(a => a.Name!).Where(n => !n.StartsWith("System", StringComparison.Ordinal) && n != "netstandard" && n != "Microsoft.Win32.Primitives").Order().ToArray();

    [Fact]
    public void The_spatial_core_references_NetTopologySuite_only() =>
        Assert.Equal(["NetTopologySuite"], References(Spatial));

    [Fact]
    public void The_domain_references_the_spatial_core_and_NetTopologySuite_only() =>
        Assert.Equal(["Geographie.Spatial", "NetTopologySuite"], References(Domain));

    [Fact]
    public void The_tile_core_knows_no_web_database_or_domain() =>
        Assert.DoesNotContain(References(Tiles), n => n.StartsWith("Microsoft.AspNetCore", StringComparison.Ordinal) || n.StartsWith("Npgsql", StringComparison.Ordinal) || n.StartsWith("Geographie", StringComparison.Ordinal) || n.StartsWith("Grpc", StringComparison.Ordinal));

    [Fact]
    public void Import_knows_no_web_grpc_or_database() =>
        Assert.DoesNotContain(References(Import), n => n.StartsWith("Microsoft.AspNetCore", StringComparison.Ordinal) || n.StartsWith("Npgsql", StringComparison.Ordinal) || n.StartsWith("Grpc", StringComparison.Ordinal));

    [Fact]
    public void The_feature_core_knows_no_web_grpc_or_database() =>
        Assert.DoesNotContain(References(Features), n => n.StartsWith("Microsoft.AspNetCore", StringComparison.Ordinal) || n.StartsWith("Npgsql", StringComparison.Ordinal) || n.StartsWith("Grpc", StringComparison.Ordinal));

    [Fact]
    public void Storage_knows_no_web_or_grpc() =>
        Assert.DoesNotContain(References(Storage), n => n.StartsWith("Microsoft.AspNetCore", StringComparison.Ordinal) || n.StartsWith("Grpc", StringComparison.Ordinal));

    [Fact]
    public void The_snapshot_seam_is_the_domains_and_both_sources_implement_it()
    {
        var seam = typeof(Geographie.Domain.Snapshots.ISnapshotSource);

        Assert.Same(Domain, seam.Assembly);
        Assert.Contains(seam, typeof(Geographie.Storage.Reading.StoredDataReader).GetInterfaces());
        Assert.Contains(seam, typeof(Geographie.Import.Shipped.ShippedFilesSource).GetInterfaces());
    }

    [Fact]
    public void The_address_core_references_nothing() =>
        Assert.Empty(References(Addresses));

    [Fact]
    public void The_external_geocoder_references_the_address_core_and_Polly_only() =>
        Assert.Equal(["Geographie.Addresses", "Polly.Core", "Polly.RateLimiting"], References(typeof(Geographie.Addresses.Addok.AddokGeocoder).Assembly));
}
