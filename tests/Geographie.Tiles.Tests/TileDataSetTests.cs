using Geographie.Tiles.Tests.Support;
using NetTopologySuite.Geometries;
using Xunit.Abstractions;

namespace Geographie.Tiles.Tests;

/// <summary>Decodes tiles built from the real Marseille/Lyon data with an independent decoder and checks them against the source.</summary>
public class TileDataSetTests(ITestOutputHelper output)
{
    private const int Extent = 4096;
    private const int Buffer = 64;

    public static TheoryData<string, int> CityZooms()
    {
        var data = new TheoryData<string, int>();
        foreach (string city in new[] { "marseille", "lyon" })
        {
            foreach (int z in new[] { 12, 13, 14 })
            {
                data.Add(city, z);
            }
        }

        return data;
    }

    internal static (TileDataSet Set, TileLayer[] Layers) City(string city) =>
        city == "marseille" ? (GeoData.MarseilleDataSet, GeoData.Marseille) : (GeoData.LyonDataSet, GeoData.Lyon);

    internal static IEnumerable<TileAddress> CityTiles(string city, int z) =>
        TileRange.Covering(TileRange.Extent(City(city).Layers[0].Features), z);

    [Theory]
    [MemberData(nameof(CityZooms))]
    public void Layers_ids_and_properties_match_the_source(string city, int z)
    {
        (TileDataSet set, TileLayer[] layers) = City(city);
        var seen = new HashSet<string>();
        foreach (TileAddress tile in CityTiles(city, z))
        {
            byte[]? bytes = set.BuildTile(tile);
            if (bytes is null)
            {
                continue;
            }

            foreach (MvtLayer layer in MvtDecoder.Decode(bytes))
            {
                seen.Add(layer.Name);
                Assert.Equal(2, layer.Version);
                Assert.Equal(Extent, layer.Extent);
                TileLayer source = Assert.Single(layers, l => l.Name == layer.Name);
                Assert.NotEmpty(layer.Features);
                Assert.Equal(layer.Features.Count, layer.Features.Select(f => f.Id).Distinct().Count());
                foreach (MvtFeature feature in layer.Features)
                {
                    TileFeature expected = Assert.Single(source.Features, f => f.Id == feature.Id);
                    Assert.Equal(Normalise(expected.Properties), feature.Properties);
                    Assert.Equal(expected.Geometry is Point ? 1 : 3, feature.Type);
                }
            }
        }

        Assert.Contains("quartiers", seen);
        if (city == "marseille")
        {
            Assert.Contains("communes", seen);
            Assert.Contains("etablissements", seen);
        }
    }

    [Theory]
    [MemberData(nameof(CityZooms))]
    public void Coordinates_stay_in_the_buffer_and_rings_follow_the_spec_winding(string city, int z)
    {
        (TileDataSet set, _) = City(city);
        int polygons = 0;
        foreach (TileAddress tile in CityTiles(city, z))
        {
            byte[]? bytes = set.BuildTile(tile);
            foreach (MvtFeature f in bytes is null ? [] : MvtDecoder.Decode(bytes).SelectMany(l => l.Features))
            {
                foreach (List<(int X, int Y)> ring in f.Rings)
                {
                    Assert.All(ring, p =>
                    {
                        Assert.InRange(p.X, -Buffer, Extent + Buffer);
                        Assert.InRange(p.Y, -Buffer, Extent + Buffer);
                    });
                }

                if (f.Type != 3)
                {
                    continue;
                }

                polygons++;
                Assert.True(MvtDecoder.Area2(f.Rings[0]) > 0, $"{tile} feature {f.Id}: first ring must be exterior (positive area, clockwise on screen)");
                foreach (List<(int X, int Y)> ring in f.Rings)
                {
                    Assert.True(ring.Distinct().Count() >= 3, $"{tile} feature {f.Id}: ring with < 3 distinct points");
                    Assert.NotEqual(0, MvtDecoder.Area2(ring));
                    Assert.NotEqual(ring[0], ring[^1]);
                }
            }
        }

        Assert.True(polygons > 0);
    }

    [Theory]
    [MemberData(nameof(CityZooms))]
    public void Polygons_match_the_clipped_source_within_the_pixel_tolerance(string city, int z)
    {
        (TileDataSet set, TileLayer[] layers) = City(city);
        double worst = 0;
        int compared = 0;
        foreach (TileAddress tile in CityTiles(city, z))
        {
            byte[]? bytes = set.BuildTile(tile);
            foreach (MvtLayer layer in bytes is null ? [] : MvtDecoder.Decode(bytes))
            {
                TileLayer source = layers.Single(l => l.Name == layer.Name);
                foreach (MvtFeature f in layer.Features.Where(f => f.Type == 3))
                {
                    Geometry expected = TileSpace.Expected(source.Features.Single(s => s.Id == f.Id).Geometry, tile);
                    double distance = TileSpace.BoundaryDistance(f.Geometry, expected);
                    worst = Math.Max(worst, distance);
                    Assert.True(distance <= 1.5, $"{tile} {layer.Name} {f.Id}: boundary distance {distance:F2} tile units");

                    // No allowance: every polygon is OGC-valid, along the buffer edge too (see TileValidityTests).
                    Assert.True(f.Geometry.IsValid, $"{tile} {layer.Name} {f.Id}: not OGC-valid");

                    // Boundary displacement ≤ ~1 unit bounds the symmetric difference by about perimeter × 1 unit.
                    Polygon visible = TileSpace.ClipBox(Extent, 0);
                    Geometry e = TileSpace.Polygonal(expected.Intersection(visible));
                    double symDiff = TileSpace.Polygonal(f.Geometry.Intersection(visible)).SymmetricDifference(e).Area;
                    Assert.True(symDiff <= e.Length + 2, $"{tile} {layer.Name} {f.Id}: symmetric difference {symDiff:F1} > perimeter {e.Length:F1}");
                    compared++;
                }
            }
        }

        output.WriteLine($"{city} z{z}: {compared} polygons compared (all OGC-valid), worst boundary distance {worst:F2} units");
        Assert.True(compared > 0);
    }

    [Fact]
    public void Points_are_rounded_projections_of_the_source()
    {
        TileLayer colleges = GeoData.Marseille[2];
        TileFeature college = colleges.Features[0];
        var p = (Point)college.Geometry;
        TileAddress tile = TileRange.At(p.X, p.Y, 14);
        Geometry expected = TileSpace.ToTileUnits(p, tile);
        MvtLayer layer = MvtDecoder.Decode(GeoData.MarseilleDataSet.BuildTile(tile)!).Single(l => l.Name == "etablissements");
        MvtFeature f = Assert.Single(layer.Features, f => f.Id == college.Id);
        Assert.Equal(1, f.Type);
        var decoded = (Point)f.Geometry;
        Assert.Equal(Math.Round(expected.Coordinate.X), decoded.X);
        Assert.Equal(Math.Round(expected.Coordinate.Y), decoded.Y);
    }

    [Theory]
    [MemberData(nameof(CityZooms))]
    public void Key_and_value_tables_are_deduplicated_and_all_used(string city, int z)
    {
        (TileDataSet set, _) = City(city);
        foreach (TileAddress tile in CityTiles(city, z))
        {
            byte[]? bytes = set.BuildTile(tile);
            foreach (MvtLayer layer in bytes is null ? [] : MvtDecoder.Decode(bytes))
            {
                Assert.Equal(layer.Keys.Count, layer.Keys.Distinct().Count());
                Assert.Equal(layer.Values.Count, layer.Values.Select(v => (v.GetType(), v)).Distinct().Count());
                var usedKeys = layer.Features.SelectMany(f => f.Tags.Where((_, i) => i % 2 == 0)).Distinct().Count();
                var usedValues = layer.Features.SelectMany(f => f.Tags.Where((_, i) => i % 2 == 1)).Distinct().Count();
                Assert.Equal(layer.Keys.Count, usedKeys);
                Assert.Equal(layer.Values.Count, usedValues);
            }
        }
    }

    [Fact]
    public void Shared_values_are_written_once_per_layer()
    {
        // "geography" is the same for all 111 administrative quartiers of the workload: one key, one value, referenced by every feature.
        TileAddress tile = TileRange.At(5.3811, 43.2965, 11);
        MvtLayer layer = MvtDecoder.Decode(GeoData.MarseilleDataSet.BuildTile(tile)!).Single(l => l.Name == "quartiers");
        Assert.True(layer.Features.Count > 20);
        Assert.Single(layer.Keys, k => k == "geography");
        Assert.Single(layer.Values, v => v is string s && s == "quartiers-marseille");
    }

    [Fact]
    public void Tile_without_features_is_null()
    {
        Assert.Null(GeoData.MarseilleDataSet.BuildTile(14, 0, 0));
        Assert.Null(GeoData.MarseilleDataSet.BuildTile(TileRange.At(-150, -40, 12)));
        Assert.Null(new TileDataSet([]).BuildTile(0, 0, 0));
    }

    [Fact]
    public void Whole_world_tile_contains_everything_small_enough()
    {
        byte[] bytes = GeoData.MarseilleDataSet.BuildTile(0, 0, 0)!;
        Assert.True(bytes.Length < 500 * 1024);
        List<MvtLayer> layers = MvtDecoder.Decode(bytes);
        Assert.Equal(["quartiers", "communes", "etablissements"], layers.Select(l => l.Name));
        Assert.Equal(GeoData.Marseille[2].Features.Count, layers[2].Features.Count);
    }

    [Fact]
    public void Tiles_stay_under_500_KB_at_every_zoom()
    {
        Envelope marseille = TileRange.Extent(GeoData.Marseille[0].Features);
        Envelope lyon = TileRange.Extent(GeoData.Lyon[0].Features);
        for (int z = 0; z <= 16; z++)
        {
            int max = TileRange.Covering(marseille, z).Select(t => GeoData.MarseilleDataSet.BuildTile(t)?.Length ?? 0)
                .Concat(TileRange.Covering(lyon, z).Select(t => GeoData.LyonDataSet.BuildTile(t)?.Length ?? 0))
                .Max();
            output.WriteLine($"z{z}: largest tile {max} bytes");
            Assert.InRange(max, 1, 500 * 1024);
        }
    }

    [Fact]
    public void Layer_zoom_range_is_respected()
    {
        var layers = new[] { new TileLayer("quartiers", GeoData.Marseille[0].Features, MinZoom: 10, MaxZoom: 12) };
        var set = new TileDataSet(layers);
        TileAddress at = TileRange.At(5.3811, 43.2965, 9);
        Assert.Null(set.BuildTile(at));
        Assert.NotNull(set.BuildTile(TileRange.At(5.3811, 43.2965, 10)));
        Assert.NotNull(set.BuildTile(TileRange.At(5.3811, 43.2965, 12)));
        Assert.Null(set.BuildTile(TileRange.At(5.3811, 43.2965, 13)));
    }

    [Fact]
    public void Parallel_builds_give_the_same_bytes_as_sequential_ones()
    {
        TileAddress[] tiles = CityTiles("marseille", 13).ToArray();
        byte[]?[] sequential = tiles.Select(t => GeoData.MarseilleDataSet.BuildTile(t)).ToArray();
        byte[]?[] parallel = new byte[]?[tiles.Length];
        Parallel.For(0, tiles.Length, new ParallelOptions { MaxDegreeOfParallelism = 4 }, i => parallel[i] = GeoData.MarseilleDataSet.BuildTile(tiles[i]));
        for (int i = 0; i < tiles.Length; i++)
        {
            Assert.Equal(sequential[i], parallel[i]);
        }
    }

    [Fact]
    public void The_NTS_Mapbox_reader_reads_our_tiles()
    {
        TileAddress tile = TileRange.At(5.3811, 43.2965, 13);
        byte[] bytes = GeoData.MarseilleDataSet.BuildTile(tile)!;
        var reader = new NetTopologySuite.IO.VectorTiles.Mapbox.MapboxTileReader();
        NetTopologySuite.IO.VectorTiles.VectorTile vt = reader.Read(new MemoryStream(bytes), new NetTopologySuite.IO.VectorTiles.Tiles.Tile(tile.X, tile.Y, tile.Z));
        List<MvtLayer> ours = MvtDecoder.Decode(bytes);
        Assert.Equal(ours.Select(l => l.Name), vt.Layers.Select(l => l.Name));
        foreach ((MvtLayer mine, NetTopologySuite.IO.VectorTiles.Layer theirs) in ours.Zip(vt.Layers))
        {
            Assert.Equal(mine.Features.Count, theirs.Features.Count);
            foreach ((MvtFeature a, NetTopologySuite.Features.IFeature b) in mine.Features.Zip(theirs.Features))
            {
                Assert.Equal((string)a.Properties["name"], b.Attributes["name"]);
                Assert.True(b.Geometry.IsEmpty == false);
            }
        }
    }

    private static Dictionary<string, object> Normalise(IReadOnlyDictionary<string, object> properties) =>
        properties.ToDictionary(kv => kv.Key, kv => kv.Value switch
        {
            int i => (object)(long)i,
            float f => (double)f,
            _ => kv.Value,
        });
}
