using System.Buffers;
using Geographie.Spatial.Internal;
using NetTopologySuite.Geometries;

namespace Geographie.Spatial.Areas;

/// <summary>
/// A cheap proof that a Polygon or MultiPolygon is valid, for the common zone (simple rings that meet nowhere), so that
/// NTS <c>IsValidOp</c> — a noding of every edge against every other, most of a valid zone's validation before this
/// test — runs only on the zones this test cannot vouch for. Thread-safe.
/// </summary>
/// <remarks>
/// <para>Proven valid: every ring closed, of finite coordinates and at least three distinct vertices; no two edges
/// meet except consecutive edges at their shared vertex without folding back (exact orientation predicates, the edges
/// paired by a sweep over x); each hole inside its own shell and outside its sibling holes;
/// no shell inside another polygon's shell. With no two rings meeting, one vertex of a ring decides on which side of
/// another ring it lies.</para>
/// <para>One-sided: false means "not proven", never "invalid". A ring touching itself or another ring (valid in some
/// cases, such as a hole touching its shell at a point), a polygon nested in another's hole, and geometries of more
/// than <see cref="MaxRings"/> rings are left to <c>IsValidOp</c>.</para>
/// </remarks>
public static class PolygonValidity
{
    /// <summary>Beyond this many rings the ring-against-ring placement (quadratic) is left to <c>IsValidOp</c>.</summary>
    public const int MaxRings = 64;

    /// <summary>Up to this many vertices the proof's scratch (seven numbers a vertex) is on the stack; beyond, pooled.</summary>
    private const int MaxStackVertices = 256;

    /// <summary>True when <paramref name="polygonal"/> is certainly valid (OGC rules, as NTS <c>IsValidOp</c> judges); false when not proven.</summary>
    public static bool IsProvenValid(Geometry polygonal) =>
        polygonal is (Polygon or MultiPolygon) && IsProvenValid(FlatRings.Of(polygonal));

    /// <summary>
    /// True when the geometry of <paramref name="rings"/> is certainly valid (as <see cref="IsProvenValid(Geometry)"/>
    /// judges it), from its rings as already read.
    /// </summary>
    public static bool IsProvenValid(FlatRings rings)
    {
        ArgumentNullException.ThrowIfNull(rings);
        var polygonal = rings.Geometry;
        if (polygonal.IsEmpty || !rings.WellFormed || rings.RingCount > MaxRings)
        {
            return false;
        }

        int n = rings.VertexCount;
        double[]? pooled = n > MaxStackVertices ? ArrayPool<double>.Shared.Rent(7 * n) : null;
        try
        {
            var scratch = pooled is null ? stackalloc double[7 * n] : pooled.AsSpan(0, 7 * n);

            // An integer origin keeps the shift exact, so the predicates judge the geometry as given.
            var centre = rings.Envelope.Centre;
            double originX = Math.Round(centre.X), originY = Math.Round(centre.Y);
            var x = scratch[..n];
            var y = scratch.Slice(n, n);
            for (int i = 0; i < n; i++)
            {
                x[i] = rings.X[i] - originX;
                y[i] = rings.Y[i] - originY;
            }

            var vertices = new Vertices(x, y, rings.NextOf, rings.RingStart);
            return EdgesMeetOnlyAtJoints(vertices, scratch[(2 * n)..]) && RingsNest(polygonal, vertices);
        }
        finally
        {
            if (pooled is not null)
            {
                ArrayPool<double>.Shared.Return(pooled);
            }
        }
    }

    /// <summary>
    /// No two edges meet, except consecutive ones at their shared vertex without folding back onto each other. A sweep:
    /// the edges in order of their least x, each paired with those starting before it ends whose y-ranges meet its own
    /// (every pair of meeting edges is one). <paramref name="scratch"/>: five numbers per edge.
    /// </summary>
    private static bool EdgesMeetOnlyAtJoints(in Vertices vertices, Span<double> scratch)
    {
        int n = vertices.X.Length;
        var right = scratch[..n];
        var bottom = scratch.Slice(n, n);
        var top = scratch.Slice(2 * n, n);
        var byLeft = scratch.Slice(3 * n, n);

        // The edge numbers, sorted with their least x, held as doubles (exact below 2^53) so that one scratch serves.
        var order = scratch.Slice(4 * n, n);
        for (int i = 0; i < n; i++)
        {
            int j = vertices.NextOf[i];
            double x1 = vertices.X[i], x2 = vertices.X[j], y1 = vertices.Y[i], y2 = vertices.Y[j];
            byLeft[i] = x1 < x2 ? x1 : x2;
            right[i] = x1 < x2 ? x2 : x1;
            bottom[i] = y1 < y2 ? y1 : y2;
            top[i] = y1 < y2 ? y2 : y1;
            order[i] = i;
        }

        byLeft.Sort(order);
        for (int a = 0; a < n; a++)
        {
            int i = (int)order[a];
            double end = right[i], low = bottom[i], high = top[i];
            for (int b = a + 1; b < n && byLeft[b] <= end; b++)
            {
                int j = (int)order[b];
                if (top[j] >= low && bottom[j] <= high && PairMeets(vertices, Math.Min(i, j), Math.Max(i, j)))
                {
                    return false;
                }
            }
        }

        return true;
    }

    /// <summary>Whether edges <paramref name="i"/> &lt; <paramref name="j"/> meet other than as consecutive edges at their joint.</summary>
    private static bool PairMeets(in Vertices vertices, int i, int j) =>
        vertices.NextOf[i] == j ? FoldsBack(vertices, i, j)
        : vertices.NextOf[j] == i ? FoldsBack(vertices, j, i)
        : Meet(vertices, i, j);

    /// <summary>Whether edge <paramref name="next"/>, which follows edge <paramref name="edge"/>, turns straight back along it.</summary>
    private static bool FoldsBack(in Vertices set, int edge, int next)
    {
        int end = set.NextOf[next];
        double ax = set.X[edge], ay = set.Y[edge], bx = set.X[next], by = set.Y[next], cx = set.X[end], cy = set.Y[end];

        // Exactly collinear, the two products have the same sign and the sum cannot cancel: its sign is exact. Tested
        // first, it spares the orientation for the common joint, turning by less than a right angle.
        return ((bx - ax) * (cx - bx)) + ((by - ay) * (cy - by)) < 0 && RobustOrientation.Index(ax, ay, bx, by, cx, cy) == 0;
    }

    /// <summary>Whether the closed edges <paramref name="i"/> and <paramref name="j"/> share a point (exact).</summary>
    private static bool Meet(in Vertices set, int i, int j)
    {
        int i2 = set.NextOf[i], j2 = set.NextOf[j];
        double px = set.X[i], py = set.Y[i], qx = set.X[i2], qy = set.Y[i2];
        double rx = set.X[j], ry = set.Y[j], sx = set.X[j2], sy = set.Y[j2];
        if (Math.Max(px, qx) < Math.Min(rx, sx) || Math.Max(rx, sx) < Math.Min(px, qx)
            || Math.Max(py, qy) < Math.Min(ry, sy) || Math.Max(ry, sy) < Math.Min(py, qy))
        {
            return false;
        }

        int o1 = RobustOrientation.Index(px, py, qx, qy, rx, ry), o2 = RobustOrientation.Index(px, py, qx, qy, sx, sy);
        if (o1 == o2 && o1 != 0)
        {
            return false;
        }

        int o3 = RobustOrientation.Index(rx, ry, sx, sy, px, py), o4 = RobustOrientation.Index(rx, ry, sx, sy, qx, qy);

        // All four zero: collinear edges whose envelopes meet, which overlap or touch.
        return o3 != o4 || o3 == 0;
    }

    /// <summary>Holes inside their shell and apart from each other; shells apart from each other. Rings are numbered as <see cref="FlatRings"/> numbers them.</summary>
    private static bool RingsNest(Geometry polygonal, in Vertices set)
    {
        var shells = new int[polygonal.NumGeometries];
        int ring = 0;
        for (int g = 0; g < polygonal.NumGeometries; g++)
        {
            int holes = ((Polygon)polygonal.GetGeometryN(g)).NumInteriorRings;
            int shell = shells[g] = ring;
            for (int h = shell + 1; h <= shell + holes; h++)
            {
                if (Side(set, h, shell) != 1)
                {
                    return false;
                }

                for (int other = shell + 1; other <= shell + holes; other++)
                {
                    if (other != h && Side(set, h, other) != -1)
                    {
                        return false;
                    }
                }
            }

            ring = shell + holes + 1;
        }

        foreach (int a in shells)
        {
            foreach (int b in shells)
            {
                if (a != b && Side(set, a, b) != -1)
                {
                    return false;
                }
            }
        }

        return true;
    }

    /// <summary>
    /// Where the first vertex of ring <paramref name="ring"/> lies against ring <paramref name="of"/>: 1 inside, −1
    /// outside, 0 on it (a crossing count over the edges of <paramref name="of"/>, exact predicates).
    /// </summary>
    private static int Side(in Vertices set, int ring, int of)
    {
        int v = set.RingStart[ring];
        double px = set.X[v], py = set.Y[v];
        bool inside = false;
        for (int e = set.RingStart[of], end = set.RingStart[of + 1]; e < end; e++)
        {
            int e2 = set.NextOf[e];
            double y1 = set.Y[e], y2 = set.Y[e2];
            if ((y1 > py) == (y2 > py))
            {
                if (y1 == py && y2 == py && RobustOrientation.OnSegment(set.X[e], y1, set.X[e2], y2, px, py))
                {
                    return 0;
                }

                continue;
            }

            int o = RobustOrientation.Index(set.X[e], y1, set.X[e2], y2, px, py);
            if (o == 0)
            {
                return 0;
            }

            if ((o > 0) == (y2 > y1))
            {
                inside = !inside;
            }
        }

        return inside ? 1 : -1;
    }

    /// <summary>A zone's vertices at its origin, in the proof's scratch, and its ring structure.</summary>
    private readonly ref struct Vertices(ReadOnlySpan<double> x, ReadOnlySpan<double> y, int[] nextOf, int[] ringStart)
    {
        public ReadOnlySpan<double> X { get; } = x;

        public ReadOnlySpan<double> Y { get; } = y;

        public int[] NextOf { get; } = nextOf;

        public int[] RingStart { get; } = ringStart;
    }
}
