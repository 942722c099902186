namespace Geographie.Tiles;

/// <summary>
/// Spherical Web Mercator (EPSG:3857) maths used by the tile builder: WGS84 degrees to metres, and tile bounds.
/// Pure functions; thread-safe.
/// </summary>
public static class WebMercator
{
    /// <summary>Sphere radius in metres (WGS84 semi-major axis), as EPSG:3857.</summary>
    public const double Radius = 6378137.0;

    /// <summary>Half the world width in metres (π·R ≈ 20 037 508.34 m).</summary>
    public const double HalfWorld = Math.PI * Radius;

    /// <summary>Latitude limit (degrees) where the square world ends; latitudes beyond are clamped.</summary>
    public const double MaxLatitude = 85.0511287798066;

    /// <summary>Projects longitude/latitude in degrees to Web Mercator metres. Latitude is clamped to ±<see cref="MaxLatitude"/>.</summary>
    public static (double X, double Y) FromLonLat(double lon, double lat)
    {
        lat = Math.Clamp(lat, -MaxLatitude, MaxLatitude);
        double x = lon * (Math.PI / 180.0) * Radius;
        double y = Math.Log(Math.Tan((Math.PI / 4.0) + (lat * (Math.PI / 360.0)))) * Radius;
        return (x, y);
    }

    /// <summary>Inverse of <see cref="FromLonLat"/>: metres to degrees.</summary>
    public static (double Lon, double Lat) ToLonLat(double x, double y)
    {
        double lon = x / Radius * (180.0 / Math.PI);
        double lat = ((2.0 * Math.Atan(Math.Exp(y / Radius))) - (Math.PI / 2.0)) * (180.0 / Math.PI);
        return (lon, lat);
    }

    /// <summary>Width (= height) of one tile at zoom <paramref name="z"/>, in metres.</summary>
    public static double TileSize(int z) => 2.0 * HalfWorld / (1L << z);

    /// <summary>Tile bounds in metres: (minX, minY, maxX, maxY). Same as PostGIS <c>ST_TileEnvelope(z, x, y)</c>.</summary>
    public static (double MinX, double MinY, double MaxX, double MaxY) TileBounds(TileAddress tile)
    {
        double size = TileSize(tile.Z);
        double minX = -HalfWorld + (tile.X * size);
        double maxY = HalfWorld - (tile.Y * size);
        return (minX, maxY - size, minX + size, maxY);
    }
}
