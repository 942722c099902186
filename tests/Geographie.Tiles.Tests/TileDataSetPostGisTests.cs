using Geographie.Tiles.Tests.Support;
using NetTopologySuite.Geometries;
using Xunit.Abstractions;

namespace Geographie.Tiles.Tests;

/// <summary>
/// Differential test against PostGIS ST_AsMVT on the same data and tiles (TEMP tables; GEOGRAPHIE_DB or the local
/// default). Fails, never skips, when PostGIS is unreachable.
/// </summary>
public class TileDataSetPostGisTests(ITestOutputHelper output)
{
    [Theory]
    [MemberData(nameof(TileDataSetTests.CityZooms), MemberType = typeof(TileDataSetTests))]
    public void Same_features_properties_and_geometry_as_ST_AsMVT(string city, int z)
    {
        (TileDataSet set, TileLayer[] layers) = TileDataSetTests.City(city);
        using var postgis = new PostGisTiles(layers);
        int tiles = 0, features = 0, slivers = 0, peerOff = 0;
        double worst = 0;
        foreach (TileAddress tile in TileDataSetTests.CityTiles(city, z))
        {
            byte[]? ours = set.BuildTile(tile);
            byte[]? theirs = postgis.BuildTile(tile);
            Dictionary<string, MvtLayer> a = (ours is null ? [] : MvtDecoder.Decode(ours)).ToDictionary(l => l.Name);
            Dictionary<string, MvtLayer> b = (theirs is null ? [] : MvtDecoder.Decode(theirs)).ToDictionary(l => l.Name);
            tiles++;
            foreach (TileLayer layer in layers)
            {
                Dictionary<ulong, MvtFeature> mine = a.TryGetValue(layer.Name, out MvtLayer? la) ? la.Features.ToDictionary(f => f.Id) : [];
                Dictionary<ulong, MvtFeature> peer = b.TryGetValue(layer.Name, out MvtLayer? lb) ? lb.Features.ToDictionary(f => f.Id) : [];
                foreach (ulong id in mine.Keys.Union(peer.Keys))
                {
                    if (!mine.TryGetValue(id, out MvtFeature? m) || !peer.TryGetValue(id, out MvtFeature? p))
                    {
                        // Only slivers may differ: a polygon that collapses under one quantiser and not the other.
                        Geometry expected = TileSpace.Expected(layer.Features.Single(f => f.Id == id).Geometry, tile);
                        Assert.True(expected.Area < 4, $"{tile} {layer.Name} {id}: present in {(mine.ContainsKey(id) ? "ours" : "ST_AsMVT")} only, area {expected.Area:F1} units²");
                        slivers++;
                        continue;
                    }

                    Assert.Equal(p.Properties, m.Properties);
                    Assert.Equal(p.Type, m.Type);
                    double distance = m.Type == 1
                        ? m.Geometry.Distance(p.Geometry)
                        : TileSpace.BoundaryDistance(m.Geometry, p.Geometry);
                    if (distance > 2.0)
                    {
                        // ST_AsMVT (wagyu) reshapes some rings while making them valid; then it is the peer that
                        // left the source, not us: check both against the source.
                        Geometry expected = TileSpace.Expected(layer.Features.Single(f => f.Id == id).Geometry, tile);
                        double ourError = TileSpace.BoundaryDistance(m.Geometry, expected);
                        double peerError = TileSpace.BoundaryDistance(p.Geometry, expected);
                        Assert.True(ourError <= 1.5 && peerError > ourError, $"{tile} {layer.Name} {id}: {distance:F2} units from ST_AsMVT; source error ours {ourError:F2}, ST_AsMVT {peerError:F2}");
                        peerOff++;
                        continue;
                    }

                    worst = Math.Max(worst, distance);
                    features++;
                }
            }
        }

        output.WriteLine($"{city} z{z}: {tiles} tiles, {features} features equal to ST_AsMVT (worst boundary distance {worst:F2} units), {slivers} slivers in one only, {peerOff} where ST_AsMVT is > 2 units off and farther from the source than us");
        Assert.True(features > 0);
    }

    [Fact]
    public void Connects_to_PostGIS()
    {
        using var postgis = new PostGisTiles([]);
        output.WriteLine(postgis.PostGisVersion);
        Assert.Contains("POSTGIS=", postgis.PostGisVersion, StringComparison.Ordinal);
    }
}
