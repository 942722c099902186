using System.IO.Compression;

namespace Geographie.Tiles.Tests;

public class CachedTileTests
{
    [Fact]
    public void Gzip_round_trips_and_ETag_is_strong_quoted_and_stable()
    {
        byte[] raw = GeoDataBytes();
        CachedTile a = CachedTile.Create(raw), b = CachedTile.Create((byte[])raw.Clone());
        Assert.False(a.IsEmpty);
        Assert.Equal(a.ETag, b.ETag);
        Assert.Matches("^\"[0-9a-f]{32}\"$", a.ETag);
        using var gz = new GZipStream(new MemoryStream(a.Gzip!), CompressionMode.Decompress);
        using var back = new MemoryStream();
        gz.CopyTo(back);
        Assert.Equal(raw, back.ToArray());
        raw[10] ^= 1;
        Assert.NotEqual(a.ETag, CachedTile.Create(raw).ETag);
    }

    [Fact]
    public void Empty_tile_has_no_bytes_and_a_fixed_ETag()
    {
        CachedTile empty = CachedTile.Create(null);
        Assert.True(empty.IsEmpty);
        Assert.Null(empty.Raw);
        Assert.Null(empty.Gzip);
        Assert.Equal(empty.ETag, CachedTile.Create([]).ETag);
    }

    private static byte[] GeoDataBytes() => Support.GeoData.LyonDataSet.BuildTile(Support.TileRange.At(4.85, 45.75, 12))!;
}
