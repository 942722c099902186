namespace Geographie.Tiles.Internal;

/// <summary>Maps Web Mercator metres to tile units (origin top-left, y down) for one tile, plus the clip box.</summary>
internal readonly struct TileTransform
{
    public TileTransform(TileAddress tile, int extent, int buffer)
    {
        (double minX, _, _, double maxY) = WebMercator.TileBounds(tile);
        double size = WebMercator.TileSize(tile.Z);
        OriginX = minX;
        OriginY = maxY;
        Scale = extent / size;
        ClipMin = -buffer;
        ClipMax = extent + buffer;
        double margin = buffer / Scale;
        QueryMinX = minX - margin;
        QueryMaxX = minX + size + margin;
        QueryMinY = maxY - size - margin;
        QueryMaxY = maxY + margin;
    }

    public double OriginX { get; }

    public double OriginY { get; }

    /// <summary>Tile units per metre.</summary>
    public double Scale { get; }

    public double ClipMin { get; }

    public double ClipMax { get; }

    public double QueryMinX { get; }

    public double QueryMaxX { get; }

    public double QueryMinY { get; }

    public double QueryMaxY { get; }

    public double X(double mx) => (mx - OriginX) * Scale;

    public double Y(double my) => (OriginY - my) * Scale;
}
