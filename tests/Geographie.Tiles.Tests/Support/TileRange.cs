using Geographie.Tiles;
using NetTopologySuite.Geometries;

namespace Geographie.Tiles.Tests.Support;

/// <summary>Tile ranges over a WGS84 envelope.</summary>
internal static class TileRange
{
    public static IEnumerable<TileAddress> Covering(Envelope wgs84, int z)
    {
        (int x0, int y0) = TileOf(wgs84.MinX, wgs84.MaxY, z);
        (int x1, int y1) = TileOf(wgs84.MaxX, wgs84.MinY, z);
        for (int x = x0; x <= x1; x++)
        {
            for (int y = y0; y <= y1; y++)
            {
                yield return new TileAddress(z, x, y);
            }
        }
    }

    public static TileAddress At(double lon, double lat, int z)
    {
        (int x, int y) = TileOf(lon, lat, z);
        return new TileAddress(z, x, y);
    }

    private static (int X, int Y) TileOf(double lon, double lat, int z)
    {
        (double mx, double my) = WebMercator.FromLonLat(lon, lat);
        double size = WebMercator.TileSize(z);
        int max = (1 << z) - 1;
        return (Math.Clamp((int)Math.Floor((mx + WebMercator.HalfWorld) / size), 0, max),
            Math.Clamp((int)Math.Floor((WebMercator.HalfWorld - my) / size), 0, max));
    }

    public static Envelope Extent(IEnumerable<TileFeature> features)
    {
        var env = new Envelope();
        foreach (TileFeature f in features)
        {
            env.ExpandToInclude(f.Geometry.EnvelopeInternal);
        }

        return env;
    }
}
