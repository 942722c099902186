namespace Geographie.Tiles;

/// <summary>
/// A validated XYZ tile address in the Web Mercator (EPSG:3857) scheme: y = 0 is the northernmost row
/// (the "XYZ"/Google scheme, not TMS).
/// </summary>
/// <remarks>Immutable value; construct through <see cref="TryCreate"/> to get range checks.</remarks>
public readonly record struct TileAddress(int Z, int X, int Y)
{
    /// <summary>Highest zoom accepted (inclusive).</summary>
    public const int MaxZoom = 20;

    /// <summary>Validates <paramref name="z"/> in 0..<see cref="MaxZoom"/> and <paramref name="x"/>, <paramref name="y"/> in 0..2^z − 1.</summary>
    /// <param name="z">Zoom level.</param>
    /// <param name="x">Column, 0 at the antimeridian (west).</param>
    /// <param name="y">Row, 0 at the north.</param>
    /// <param name="address">The address when valid, otherwise <c>default</c>.</param>
    /// <param name="error">When invalid, a message naming the offending value and the allowed range; otherwise <see langword="null"/>.</param>
    /// <returns><see langword="true"/> when all three values are in range.</returns>
    public static bool TryCreate(int z, int x, int y, out TileAddress address, out string? error)
    {
        address = default;
        if (z is < 0 or > MaxZoom)
        {
            error = $"z={z} is out of range: zoom must be between 0 and {MaxZoom}.";
            return false;
        }

        int max = (1 << z) - 1;
        if (x < 0 || x > max)
        {
            error = $"x={x} is out of range: at zoom {z} it must be between 0 and {max}.";
            return false;
        }

        if (y < 0 || y > max)
        {
            error = $"y={y} is out of range: at zoom {z} it must be between 0 and {max}.";
            return false;
        }

        address = new TileAddress(z, x, y);
        error = null;
        return true;
    }

    /// <summary>Like <see cref="TryCreate"/> but throws.</summary>
    /// <exception cref="ArgumentOutOfRangeException">When a value is out of range; the message says which.</exception>
    public static TileAddress Create(int z, int x, int y) =>
        TryCreate(z, x, y, out TileAddress address, out string? error)
            ? address
            : throw new ArgumentOutOfRangeException(nameof(z), error);

    /// <inheritdoc />
    public override string ToString() => $"{Z}/{X}/{Y}";
}
