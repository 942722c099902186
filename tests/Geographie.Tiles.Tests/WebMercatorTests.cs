namespace Geographie.Tiles.Tests;

public class WebMercatorTests
{
    [Fact]
    public void Projects_like_EPSG_3857()
    {
        (double x, double y) = WebMercator.FromLonLat(5.3698, 43.2965);
        Assert.Equal(597763.4016617204, x, 1e-6); // PostGIS ST_Transform(…, 3857)
        Assert.Equal(5357211.616617034, y, 1e-6);
        (double lon, double lat) = WebMercator.ToLonLat(x, y);
        Assert.Equal(5.3698, lon, 9);
        Assert.Equal(43.2965, lat, 9);
    }

    [Fact]
    public void Tile_bounds_follow_the_XYZ_scheme_with_y_zero_at_the_north()
    {
        (double minX, double minY, double maxX, double maxY) = WebMercator.TileBounds(new TileAddress(1, 0, 0));
        Assert.Equal(-WebMercator.HalfWorld, minX, 6);
        Assert.Equal(0, minY, 6);
        Assert.Equal(0, maxX, 6);
        Assert.Equal(WebMercator.HalfWorld, maxY, 6);
    }
}
