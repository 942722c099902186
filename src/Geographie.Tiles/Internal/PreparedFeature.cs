namespace Geographie.Tiles.Internal;

/// <summary>A feature projected to Web Mercator, with its tags as indices into the layer's global key/value tables.</summary>
internal sealed class PreparedFeature
{
    public PreparedFeature(ulong id, PreparedRing[][]? polygons, double[]? points, int[] tags)
    {
        Id = id;
        Polygons = polygons;
        Points = points;
        Tags = tags;
    }

    public ulong Id { get; }

    /// <summary>Polygons: element 0 is the shell, the rest are holes. Null for point features.</summary>
    public PreparedRing[][]? Polygons { get; }

    /// <summary>Points, interleaved x,y in metres. Null for polygon features.</summary>
    public double[]? Points { get; }

    /// <summary>Pairs (global key index, global value index).</summary>
    public int[] Tags { get; }
}
