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
/// paired through the y-stripes of <see cref="RingSet"/>); each hole inside its own shell and outside its sibling holes;
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

        // An integer origin keeps the shift exact, so the predicates judge the geometry as given.
        var centre = polygonal.EnvelopeInternal.Centre;
        var set = new RingSet(rings, Math.Round(centre.X), Math.Round(centre.Y));
        return EdgesMeetOnlyAtJoints(set) && RingsNest(polygonal, set);
    }

    /// <summary>No two edges meet, except consecutive ones at their shared vertex without folding back onto each other.</summary>
    private static bool EdgesMeetOnlyAtJoints(RingSet set)
    {
        // Two edges that meet at a point share the stripe of that point's ordinate: pairing within stripes finds every meeting.
        for (int s = 0; s < set.StripeCount; s++)
        {
            var edges = set.EdgesIn(s);
            var boxes = set.BoxesIn(s);
            for (int a = 0; a < edges.Length; a++)
            {
                int i = edges[a];
                float minX = boxes[4 * a], maxX = boxes[(4 * a) + 1], minY = boxes[(4 * a) + 2], maxY = boxes[(4 * a) + 3];
                for (int b = a + 1; b < edges.Length; b++)
                {
                    // Envelopes apart (rounded outwards, so never wrongly): the edges neither meet nor join.
                    if (RingSet.BoxApart(boxes, b, minX, maxX, minY, maxY))
                    {
                        continue;
                    }

                    int j = edges[b];
                    bool meet = set.Next(i) == j ? FoldsBack(set, i, j)
                        : set.Next(j) == i ? FoldsBack(set, j, i)
                        : Meet(set, i, j);
                    if (meet)
                    {
                        return false;
                    }
                }
            }
        }

        return true;
    }

    /// <summary>Whether edge <paramref name="next"/>, which follows edge <paramref name="edge"/>, turns straight back along it.</summary>
    private static bool FoldsBack(RingSet set, int edge, int next)
    {
        int end = set.Next(next);
        double ax = set.X[edge], ay = set.Y[edge], bx = set.X[next], by = set.Y[next], cx = set.X[end], cy = set.Y[end];

        // Exactly collinear, the two products have the same sign and the sum cannot cancel: its sign is exact. Tested
        // first, it spares the orientation for the common joint, turning by less than a right angle.
        return ((bx - ax) * (cx - bx)) + ((by - ay) * (cy - by)) < 0 && RobustOrientation.Index(ax, ay, bx, by, cx, cy) == 0;
    }

    /// <summary>Whether the closed edges <paramref name="i"/> and <paramref name="j"/> share a point (exact).</summary>
    private static bool Meet(RingSet set, int i, int j)
    {
        int i2 = set.Next(i), j2 = set.Next(j);
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

    /// <summary>Holes inside their shell and apart from each other; shells apart from each other. Rings are numbered as <see cref="RingSet"/> numbers them.</summary>
    private static bool RingsNest(Geometry polygonal, RingSet set)
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
    /// outside, 0 on it (a crossing count over the edges of the vertex's stripe, exact predicates).
    /// </summary>
    private static int Side(RingSet set, int ring, int of)
    {
        int v = set.RingStart[ring];
        double px = set.X[v], py = set.Y[v];
        bool inside = false;
        foreach (int e in set.EdgesIn(set.StripeOf(py)))
        {
            if (set.RingOf[e] != of)
            {
                continue;
            }

            int e2 = set.Next(e);
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
}
