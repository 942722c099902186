using Geographie.Tiles.Tests.Support;
using NetTopologySuite.Operation.Valid;
using Xunit.Abstractions;

namespace Geographie.Tiles.Tests;

/// <summary>
/// Every polygon of every tile covering Marseille and Lyon at z10–z14, decoded with the independent decoder, must be
/// OGC-valid by NTS <see cref="IsValidOp"/> (strict: no self-touching rings, no zero-width bridges, no spikes), including
/// along the buffer edge. This is the "valid MVT geometry" requirement; MVT 2.1 winding is checked elsewhere.
/// </summary>
public class TileValidityTests(ITestOutputHelper output)
{
    public static TheoryData<string, int> CityZooms()
    {
        var data = new TheoryData<string, int>();
        foreach (string city in new[] { "marseille", "lyon" })
        {
            for (int z = 10; z <= 14; z++)
            {
                data.Add(city, z);
            }
        }

        return data;
    }

    [Theory]
    [MemberData(nameof(CityZooms))]
    public void Every_decoded_polygon_is_OGC_valid(string city, int z)
    {
        (TileDataSet set, _) = TileDataSetTests.City(city);
        int tiles = 0, polygons = 0;
        var invalid = new List<string>();
        foreach (TileAddress tile in TileDataSetTests.CityTiles(city, z))
        {
            byte[]? bytes = set.BuildTile(tile);
            tiles++;
            foreach (MvtLayer layer in bytes is null ? [] : MvtDecoder.Decode(bytes))
            {
                foreach (MvtFeature f in layer.Features.Where(f => f.Type == 3))
                {
                    polygons++;
                    var op = new IsValidOp(f.Geometry);
                    if (!op.IsValid)
                    {
                        TopologyValidationError e = op.ValidationError;
                        invalid.Add($"{tile} {layer.Name} {f.Id}: {e.Message} at ({e.Coordinate.X}, {e.Coordinate.Y})");
                    }
                }
            }
        }

        output.WriteLine($"{city} z{z}: {tiles} tiles, {polygons} polygons, {invalid.Count} not OGC-valid");
        foreach (string line in invalid.Take(20))
        {
            output.WriteLine("  " + line);
        }

        Assert.True(polygons > 0);
        Assert.True(invalid.Count == 0, $"{invalid.Count} of {polygons} polygons are not OGC-valid; first: {invalid.FirstOrDefault()}");
    }
}
