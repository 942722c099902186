namespace Geographie.Tiles.Tests;

public class TileAddressTests
{
    [Theory]
    [InlineData(0, 0, 0)]
    [InlineData(12, 4095, 4095)]
    [InlineData(20, 1048575, 0)]
    public void Accepts_addresses_in_range(int z, int x, int y)
    {
        Assert.True(TileAddress.TryCreate(z, x, y, out TileAddress address, out string? error));
        Assert.Null(error);
        Assert.Equal(new TileAddress(z, x, y), address);
        Assert.Equal($"{z}/{x}/{y}", address.ToString());
    }

    [Theory]
    [InlineData(-1, 0, 0, "z=-1")]
    [InlineData(21, 0, 0, "z=21")]
    [InlineData(0, 1, 0, "x=1")]
    [InlineData(3, -1, 0, "x=-1")]
    [InlineData(3, 0, 8, "y=8")]
    [InlineData(12, 0, 4096, "between 0 and 4095")]
    public void Rejects_out_of_range_values_and_says_which(int z, int x, int y, string expected)
    {
        Assert.False(TileAddress.TryCreate(z, x, y, out TileAddress address, out string? error));
        Assert.Equal(default, address);
        Assert.Contains(expected, error, StringComparison.Ordinal);
        Assert.Throws<ArgumentOutOfRangeException>(() => TileAddress.Create(z, x, y));
    }
}
