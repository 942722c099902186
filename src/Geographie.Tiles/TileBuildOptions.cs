namespace Geographie.Tiles;

/// <summary>Encoding parameters of a <see cref="TileDataSet"/>. Immutable.</summary>
public sealed record TileBuildOptions
{
    /// <summary>Defaults: extent 4096, buffer 64, tolerance 0.5 tile units.</summary>
    public static TileBuildOptions Default { get; } = new();

    /// <summary>Tile coordinate extent (MVT <c>extent</c>): one tile spans 0..Extent on both axes. Default 4096.</summary>
    public int Extent { get; init; } = 4096;

    /// <summary>
    /// Clipping margin around the tile, in tile units (1/Extent of a tile). Geometry is clipped to
    /// [−Buffer, Extent + Buffer] so strokes and labels join across tile edges. Default 64.
    /// </summary>
    public int Buffer { get; init; } = 64;

    /// <summary>
    /// Douglas–Peucker tolerance in tile units, applied before quantisation. Default 0.5, i.e. half of one
    /// 1/4096 "pixel": tile size in metres / Extent / 2 in Web Mercator. 0 disables simplification
    /// (quantisation and duplicate-point removal still apply).
    /// </summary>
    public double Tolerance { get; init; } = 0.5;

    internal void Validate()
    {
        if (Extent is < 256 or > 65536)
        {
            throw new ArgumentOutOfRangeException(nameof(Extent), Extent, "Extent must be between 256 and 65536.");
        }

        if (Buffer < 0 || Buffer > Extent)
        {
            throw new ArgumentOutOfRangeException(nameof(Buffer), Buffer, "Buffer must be between 0 and Extent.");
        }

        if (Tolerance < 0 || double.IsNaN(Tolerance))
        {
            throw new ArgumentOutOfRangeException(nameof(Tolerance), Tolerance, "Tolerance must be zero or positive.");
        }
    }
}
