using Geographie.Tiles.Tests.Support;

namespace Geographie.Tiles.Tests;

public class DataSetTileSourceTests
{
    [Fact]
    public void Serves_cached_tiles_with_ETags_and_204_for_empty_tiles()
    {
        var cache = new TileCache(10_000_000);
        var source = new DataSetTileSource("qpv", "lyon-2015", GeoData.LyonDataSet, cache,
            TileJsonOptions.ForDataSet(GeoData.LyonDataSet, "qpv", "unused"));
        TileAddress tile = TileRange.At(4.85, 45.75, 12);
        CachedTile first = source.GetTile(tile);
        Assert.False(first.IsEmpty);
        Assert.Equal(GeoData.LyonDataSet.BuildTile(tile), first.Raw);
        Assert.Same(first, source.GetTile(tile));
        Assert.True(source.GetTile(new TileAddress(12, 0, 0)).IsEmpty);
        Assert.Equal(2, cache.Count);
        Assert.Contains("/t/{z}/{x}/{y}", source.GetTileJson("/t/{z}/{x}/{y}"), StringComparison.Ordinal);
    }
}
