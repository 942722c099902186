namespace Geographie.Tiles.Internal;

/// <summary>A feature projected to Web Mercator, with its tags as indices into the layer's global key/value tables.</summary>
/// <remarks>
/// Polygon features also hold a lazily filled per-zoom cache of their Douglas–Peucker simplification in Web Mercator
/// (tolerance = the tile tolerance in metres at that zoom), so a tile only transforms, clips and rounds the simplified
/// rings instead of simplifying the full ring again for every tile. Thread-safe: each slot is computed at most a few
/// times under a race (deterministic result, first writer wins) and published with <see cref="Interlocked"/>.
/// Memory is bounded: a zoom is stored only when its simplification keeps at most half of the vertices; otherwise the
/// slot points at <see cref="Polygons"/> itself (no copy) and tiles simplify after clipping as before.
/// </remarks>
internal sealed class PreparedFeature
{
    private readonly PreparedRing[][][]?[]? _simplified;

    public PreparedFeature(ulong id, PreparedRing[][]? polygons, double[]? points, int[] tags)
    {
        Id = id;
        Polygons = polygons;
        Points = points;
        Tags = tags;
        if (polygons is not null)
        {
            _simplified = new PreparedRing[][][]?[TileAddress.MaxZoom + 1];
        }
    }

    public ulong Id { get; }

    /// <summary>Polygons: element 0 is the shell, the rest are holes. Null for point features.</summary>
    public PreparedRing[][]? Polygons { get; }

    /// <summary>Points, interleaved x,y in metres. Null for polygon features.</summary>
    public double[]? Points { get; }

    /// <summary>Pairs (global key index, global value index).</summary>
    public int[] Tags { get; }

    /// <summary>
    /// The polygons simplified for zoom <paramref name="z"/> with <paramref name="toleranceMetres"/> (constant per
    /// zoom for a data set), or <see cref="Polygons"/> itself when simplification would not pay (then the caller
    /// simplifies per tile). Polygon features only.
    /// </summary>
    public PreparedRing[][] Simplified(int z, double toleranceMetres)
    {
        PreparedRing[][][]?[] cache = _simplified!;
        PreparedRing[][][]? slot = Volatile.Read(ref cache[z]);
        if (slot is null)
        {
            var computed = new[] { Compute(Polygons!, toleranceMetres) };
            slot = Interlocked.CompareExchange(ref cache[z], computed, null) ?? computed;
        }

        return slot[0];
    }

    private static PreparedRing[][] Compute(PreparedRing[][] polygons, double tolerance)
    {
        if (!(tolerance > 0))
        {
            return polygons;
        }

        double tol2 = tolerance * tolerance;
        long before = 0, after = 0;
        var result = new List<PreparedRing[]>(polygons.Length);
        var rings = new List<PreparedRing>();
        foreach (PreparedRing[] polygon in polygons)
        {
            rings.Clear();
            for (int h = 0; h < polygon.Length; h++)
            {
                before += polygon[h].Count;
                PreparedRing simplified = Simplify(polygon[h], tol2);
                if (simplified.Count < 3)
                {
                    if (h == 0)
                    {
                        break;
                    }

                    continue;
                }

                rings.Add(simplified);
                after += simplified.Count;
            }

            if (rings.Count > 0)
            {
                result.Add(rings.ToArray());
            }
        }

        return after * 2 <= before ? result.ToArray() : polygons;
    }

    /// <summary>Douglas–Peucker on the closed ring, in metres (the algorithm of the per-tile processor).</summary>
    private static PreparedRing Simplify(PreparedRing ring, double tol2)
    {
        double[] c = ring.Coords;
        int n = ring.Count;
        if (n < 3)
        {
            return ring;
        }

        var keep = new bool[n];
        int[] stack = new int[64];
        if (!DouglasPeucker.Mark(new InterleavedPoints(c), n, tol2, keep, ref stack))
        {
            return new PreparedRing([c[0], c[1]]);
        }

        int m = 0;
        for (int i = 0; i < n; i++)
        {
            if (keep[i])
            {
                m++;
            }
        }

        if (m == n)
        {
            return ring;
        }

        var coords = new double[2 * m];
        for (int i = 0, j = 0; i < n; i++)
        {
            if (keep[i])
            {
                coords[j++] = c[2 * i];
                coords[j++] = c[(2 * i) + 1];
            }
        }

        return new PreparedRing(coords);
    }
}
