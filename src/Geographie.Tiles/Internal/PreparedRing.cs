namespace Geographie.Tiles.Internal;

/// <summary>A ring in Web Mercator metres, open (closing point removed), interleaved x,y, with its envelope.</summary>
internal sealed class PreparedRing
{
    public PreparedRing(double[] coords)
    {
        Coords = coords;
        double minX = double.MaxValue, minY = double.MaxValue, maxX = double.MinValue, maxY = double.MinValue;
        for (int i = 0; i < coords.Length; i += 2)
        {
            minX = Math.Min(minX, coords[i]);
            maxX = Math.Max(maxX, coords[i]);
            minY = Math.Min(minY, coords[i + 1]);
            maxY = Math.Max(maxY, coords[i + 1]);
        }

        MinX = minX;
        MinY = minY;
        MaxX = maxX;
        MaxY = maxY;
    }

    public double[] Coords { get; }

    public int Count => Coords.Length / 2;

    public double MinX { get; }

    public double MinY { get; }

    public double MaxX { get; }

    public double MaxY { get; }
}
