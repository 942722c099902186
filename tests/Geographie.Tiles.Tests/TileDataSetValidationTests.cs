using NetTopologySuite.Geometries;

namespace Geographie.Tiles.Tests;

/// <summary>Input validation and synthetic geometry cases (holes, winding, degenerate rings).</summary>
public class TileDataSetValidationTests
{
    private static readonly GeometryFactory F = new(new PrecisionModel(), 4326);

    private static Dictionary<string, object> Props(string name) => new() { ["name"] = name };

    [Fact]
    public void Rejects_unsupported_geometries_properties_and_layer_names()
    {
        LineString line = F.CreateLineString([new Coordinate(0, 0), new Coordinate(1, 1)]);
        Point point = F.CreatePoint(new Coordinate(5, 43));
        Assert.Throws<ArgumentException>(() => new TileDataSet([new TileLayer("l", [new TileFeature(1, line, Props("a"))])]));
        Assert.Throws<ArgumentException>(() => new TileDataSet([new TileLayer("l", [new TileFeature(1, point, new Dictionary<string, object> { ["d"] = DateTime.Now })])]));
        Assert.Throws<ArgumentException>(() => new TileDataSet([new TileLayer("l", []), new TileLayer("l", [])]));
        Assert.Throws<ArgumentException>(() => new TileDataSet([new TileLayer("l", [], MinZoom: 5, MaxZoom: 4)]));
        Assert.Throws<ArgumentOutOfRangeException>(() => new TileDataSet([]).BuildTile(2, 4, 0));
    }

    [Theory]
    [InlineData(false)]
    [InlineData(true)]
    public void Exterior_rings_are_clockwise_on_screen_and_holes_counter_clockwise_whatever_the_input_order(bool reverse)
    {
        // A 2 km square around Marseille with a 1 km hole, at z12 (≈ 1 tile unit = 2.4 m).
        Polygon p = F.CreatePolygon(
            F.CreateLinearRing(Square(5.36, 43.29, 0.02)),
            [F.CreateLinearRing(Square(5.365, 43.295, 0.01))]);
        if (reverse)
        {
            p = (Polygon)p.Reverse();
        }

        var set = new TileDataSet([new TileLayer("l", [new TileFeature(7, p, Props("sq"))])]);
        TileAddress tile = Support.TileRange.At(5.37, 43.30, 12);
        Support.MvtFeature f = Support.MvtDecoder.Decode(set.BuildTile(tile)!).Single().Features.Single();
        Assert.Equal(2, f.Rings.Count);
        Assert.True(Support.MvtDecoder.Area2(f.Rings[0]) > 0);
        Assert.True(Support.MvtDecoder.Area2(f.Rings[1]) < 0);
        Assert.True(f.Geometry.IsValid);
        Assert.Equal(4, f.Rings[0].Count);
    }

    [Fact]
    public void Rings_that_collapse_below_a_tile_unit_are_dropped()
    {
        // 1 m square: ~0.4 tile units at z12 → collapses; the feature disappears and the tile is empty.
        Polygon tiny = F.CreatePolygon(Square(5.37, 43.30, 0.00001));
        var set = new TileDataSet([new TileLayer("l", [new TileFeature(1, tiny, Props("t"))])]);
        Assert.Null(set.BuildTile(Support.TileRange.At(5.37, 43.30, 12)));
        Assert.NotNull(set.BuildTile(Support.TileRange.At(5.37, 43.30, 20)));
    }

    private static Coordinate[] Square(double lon, double lat, double size) =>
    [
        new(lon, lat), new(lon + size, lat), new(lon + size, lat + size), new(lon, lat + size), new(lon, lat),
    ];
}
