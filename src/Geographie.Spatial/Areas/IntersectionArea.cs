using System.Runtime.CompilerServices;
using Geographie.Spatial.Internal;

namespace Geographie.Spatial.Areas;

/// <summary>
/// Area of the intersection of two polygonal sets without building it: by Green's theorem, twice the area of A ∩ B is
/// the integral of x·dy − y·dx over the boundary of A ∩ B, which is the part of ∂A inside B followed by the part of
/// ∂B inside A. The edge crossings are found through B's stripes; between two crossings a ring is wholly in or out,
/// alternately, from the status of its first vertex (a point-in-polygon test); the integral of each inside chain is
/// a difference of the rings' running sums. Cost: the edges of A within B's envelope times the edges of B in their
/// stripes, plus one point-in-polygon test per ring; no allocation once the scratch buffer has grown.
/// <para>First, though, B's stripes over A's envelope are read for any edge of B meeting that box (float envelopes
/// rounded outwards, stopping at the first): when none does, A's boundary cannot cross B's, the box is wholly inside
/// B or wholly outside, and one point-in-polygon test of A's first vertex gives A's whole area or nothing, with the
/// bits the pairing would give, without pairing A's edges at all. That is the common case of a zone far from a
/// perimeter's boundary (an IRIS inside its commune's outline, a quartier whose envelope only grazes the zone's).</para>
/// </summary>
/// <remarks>
/// Degeneracies (a vertex on an edge, shared vertices, collinear shared edges, equal polygons) are decided by a
/// symbolic perturbation (Simulation of Simplicity): A is moved by (ε, ε²), ε → 0, so no vertex lies on an edge of
/// the other set and no two edges overlap; every orientation that is exactly zero (exact predicate, see
/// <see cref="RobustOrientation"/>) takes the sign of its first non-zero term in ε. The area is continuous in the
/// translation, so the integral computed with the unperturbed coordinates is the limit, the exact area. Shared
/// edges therefore need no fallback: the perturbation puts one copy inside the other set and the other outside.
/// Both sets must be valid (rings that do not cross themselves or each other): the inside/outside parity is the
/// even-odd rule. Thread-safe: the scratch buffer is per thread.
/// </remarks>
internal static class IntersectionArea
{
    [ThreadStatic]
    private static Crossing[]? _scratch;

    /// <summary>Area of <paramref name="a"/> ∩ <paramref name="b"/>, both flattened with the same origin; <paramref name="b"/> striped.</summary>
    public static double Of(RingSet a, RingSet b)
    {
        if (!a.Envelope.Intersects(b.Envelope))
        {
            return 0;
        }

        if (b.AnyEdgeMayMeet(a.Envelope))
        {
            return Paired(a, b);
        }

        // No edge of B meets A's envelope: that box lies wholly inside B or wholly outside it, A's rings with it, and
        // no edge of A crosses one of B. Paired would find no crossing, sum every ring of A (each inside B) and none of
        // B (each vertex outside the box, so outside A); the same sum, from zero in ring order, is A's TwiceArea.
        return ContainsPointOfA(b, a.X[0], a.Y[0]) ? Math.Max(0, a.TwiceArea / 2) : 0;
    }

    /// <summary>
    /// <see cref="Of"/> with every edge of <paramref name="a"/> within <paramref name="b"/>'s envelope paired with
    /// <paramref name="b"/>'s edges in its stripes, even when no edge of <paramref name="b"/> meets
    /// <paramref name="a"/>'s envelope: the path <see cref="Of"/> skips then, kept as its oracle.
    /// </summary>
    public static double Paired(RingSet a, RingSet b)
    {
        var meet = a.Envelope.Intersection(b.Envelope);
        if (meet.IsNull)
        {
            return 0;
        }

        var crossings = _scratch ??= new Crossing[64];
        int count = FindCrossings(a, b, meet, ref crossings);
        _scratch = crossings;
        var span = crossings.AsSpan(0, count);
        span.Sort(default(AOrder));
        double twice = RingIntegrals(a, b, span, onA: true);
        span.Sort(default(BOrder));
        twice += RingIntegrals(b, a, span, onA: false);
        return Math.Max(0, twice / 2);
    }

    private static int FindCrossings(RingSet a, RingSet b, NetTopologySuite.Geometries.Envelope meet, ref Crossing[] crossings)
    {
        var ax = a.X;
        var ay = a.Y;
        var bx = b.X;
        var by = b.Y;
        var bnext = b.NextOf;
        int count = 0;
        for (int r = 0; r < a.RingCount; r++)
        {
            if (!a.RingEnvelope[r].Intersects(meet))
            {
                continue;
            }

            for (int i = a.RingStart[r], end = a.RingStart[r + 1]; i < end; i++)
            {
                int i2 = i + 1 < end ? i + 1 : a.RingStart[r];
                double x1 = ax[i], y1 = ay[i], x2 = ax[i2], y2 = ay[i2];
                double minX = Math.Min(x1, x2), maxX = Math.Max(x1, x2), minY = Math.Min(y1, y2), maxY = Math.Max(y1, y2);
                if (maxX < meet.MinX || minX > meet.MaxX || maxY < meet.MinY || minY > meet.MaxY)
                {
                    continue;
                }

                for (int s = b.StripeOf(minY), last = b.StripeOf(maxY); s <= last; s++)
                {
                    var edges = b.EdgesIn(s);
                    var boxes = b.BoxesIn(s);
                    for (int k = 0; k < edges.Length; k++)
                    {
                        if (RingSet.BoxApart(boxes, k, minX, maxX, minY, maxY))
                        {
                            continue;
                        }

                        int j = edges[k];
                        int j2 = bnext[j];
                        double u1 = bx[j], v1 = by[j], u2 = bx[j2], v2 = by[j2];
                        double eMinY = Math.Min(v1, v2), eMaxY = Math.Max(v1, v2);
                        if (eMaxY < minY || eMinY > maxY || Math.Max(u1, u2) < minX || Math.Min(u1, u2) > maxX
                            || b.StripeOf(Math.Max(minY, eMinY)) != s)
                        {
                            // Apart, or a pair met in the lowest stripe the two edges share: counted there only.
                            continue;
                        }

                        if (OrientOfB(x1, y1, x2, y2, u1, v1) == OrientOfB(x1, y1, x2, y2, u2, v2)
                            || OrientOfA(u1, v1, u2, v2, x1, y1) == OrientOfA(u1, v1, u2, v2, x2, y2))
                        {
                            continue;
                        }

                        if (count == crossings.Length)
                        {
                            Array.Resize(ref crossings, count * 2);
                        }

                        crossings[count++] = Crossing.Of(i, x1, y1, x2, y2, j, u1, v1, u2, v2);
                    }
                }
            }
        }

        return count;
    }

    /// <summary>
    /// Σ over the rings of <paramref name="own"/> of their sign times the integral of the chains inside
    /// <paramref name="other"/>; <paramref name="sorted"/> holds the crossings in the order of <paramref name="own"/>'s edges.
    /// </summary>
    private static double RingIntegrals(RingSet own, RingSet other, ReadOnlySpan<Crossing> sorted, bool onA)
    {
        double total = 0;
        int c = 0;
        for (int r = 0; r < own.RingCount; r++)
        {
            int start = own.RingStart[r], end = own.RingStart[r + 1];
            int first = c;
            while (c < sorted.Length && sorted[c].Edge(onA) < end)
            {
                c++;
            }

            if (!own.RingEnvelope[r].Intersects(other.Envelope))
            {
                continue;
            }

            bool inside = onA ? ContainsPointOfA(other, own.X[start], own.Y[start]) : ContainsPointOfB(other, own.X[start], own.Y[start]);
            if (first == c)
            {
                total += inside ? own.RingSign[r] * own.RingTotal[r] : 0;
                continue;
            }

            // The status after a crossing alternates; the ring's first vertex lies before the first crossing.
            double ring = 0;
            for (int k = first; k < c; k++)
            {
                inside = !inside;
                if (inside)
                {
                    ring += ChainBetween(own, sorted[k], sorted[k + 1 < c ? k + 1 : first], wraps: k + 1 == c, onA);
                }
            }

            total += own.RingSign[r] * ring;
        }

        return total;
    }

    private static double ChainBetween(RingSet own, in Crossing from, in Crossing to, bool wraps, bool onA)
    {
        int i = from.Edge(onA), j = to.Edge(onA);
        if (i == j && !wraps)
        {
            return Cross(from.X, from.Y, to.X, to.Y);
        }

        int next = own.Next(i);
        return Cross(from.X, from.Y, own.X[next], own.Y[next]) + own.Chain(next, j) + Cross(own.X[j], own.Y[j], to.X, to.Y);
    }

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static double Cross(double x1, double y1, double x2, double y2) => (x1 * y2) - (x2 * y1);

    /// <summary>Is the point (x, y) of A, moved by (ε, ε²), inside B (even-odd, ray towards +x)?</summary>
    private static bool ContainsPointOfA(RingSet b, double x, double y)
    {
        if (y < b.Envelope.MinY || y > b.Envelope.MaxY)
        {
            return false;
        }

        bool inside = false;
        foreach (int j in b.EdgesIn(b.StripeOf(y)))
        {
            int j2 = b.Next(j);
            double v1 = b.Y[j], v2 = b.Y[j2];

            // y + ε² lies above every ordinate ≤ y.
            bool above1 = v1 > y, above2 = v2 > y;
            if (above1 != above2)
            {
                inside ^= above2
                    ? OrientOfA(b.X[j], v1, b.X[j2], v2, x, y) > 0
                    : OrientOfA(b.X[j2], v2, b.X[j], v1, x, y) > 0;
            }
        }

        return inside;
    }

    /// <summary>Is the point (x, y) of B inside A moved by (ε, ε²), that is (x − ε, y − ε²) inside A?</summary>
    private static bool ContainsPointOfB(RingSet a, double x, double y)
    {
        bool inside = false;
        var ay = a.Y;
        for (int i = 0; i < a.VertexCount; i++)
        {
            int i2 = a.Next(i);
            // y − ε² lies below every ordinate ≥ y.
            bool above1 = ay[i] >= y, above2 = ay[i2] >= y;
            if (above1 != above2)
            {
                inside ^= above2
                    ? OrientOfB(a.X[i], ay[i], a.X[i2], ay[i2], x, y) > 0
                    : OrientOfB(a.X[i2], ay[i2], a.X[i], ay[i], x, y) > 0;
            }
        }

        return inside;
    }

    /// <summary>Side of the point (x, y) of B from the edge p→q of A moved by (ε, ε²): +1 left, −1 right, never 0.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static int OrientOfB(double px, double py, double qx, double qy, double x, double y)
    {
        int o = RobustOrientation.Index(px, py, qx, qy, x, y);

        // (q − p) × (b − p − δ) = det − (q − p) × δ = det + dy·ε − dx·ε².
        return o != 0 ? o : qy != py ? Math.Sign(qy - py) : -Math.Sign(qx - px);
    }

    /// <summary>Side of the point (x, y) of A, moved by (ε, ε²), from the edge p→q of B: +1 left, −1 right, never 0.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static int OrientOfA(double px, double py, double qx, double qy, double x, double y)
    {
        int o = RobustOrientation.Index(px, py, qx, qy, x, y);

        // (q − p) × (a + δ − p) = det + (q − p) × δ = det − dy·ε + dx·ε².
        return o != 0 ? o : qy != py ? -Math.Sign(qy - py) : Math.Sign(qx - px);
    }

    /// <summary>Where edge <see cref="EdgeA"/> of A crosses edge <see cref="EdgeB"/> of B, with the parameters along each.</summary>
    private readonly record struct Crossing(int EdgeA, double TA, int EdgeB, double TB, double X, double Y)
    {
        public int Edge(bool onA) => onA ? EdgeA : EdgeB;

        public static Crossing Of(int i, double x1, double y1, double x2, double y2, int j, double u1, double v1, double u2, double v2)
        {
            double dx = x2 - x1, dy = y2 - y1, ex = u2 - u1, ey = v2 - v1;
            double denominator = Cross(dx, dy, ex, ey);
            double wx = u1 - x1, wy = v1 - y1;

            // The edges cross (decided exactly above), so only rounding can push a parameter out of [0, 1].
            double ta = Unit(Cross(wx, wy, ex, ey) / denominator);
            double tb = Unit(Cross(wx, wy, dx, dy) / denominator);
            return new Crossing(i, ta, j, tb, x1 + (ta * dx), y1 + (ta * dy));
        }

        private static double Unit(double t) => t >= 0 ? Math.Min(t, 1) : t < 0 ? 0 : 0.5;
    }

    private readonly struct AOrder : IComparer<Crossing>
    {
        public int Compare(Crossing x, Crossing y) => x.EdgeA != y.EdgeA ? x.EdgeA.CompareTo(y.EdgeA) : x.TA.CompareTo(y.TA);
    }

    private readonly struct BOrder : IComparer<Crossing>
    {
        public int Compare(Crossing x, Crossing y) => x.EdgeB != y.EdgeB ? x.EdgeB.CompareTo(y.EdgeB) : x.TB.CompareTo(y.TB);
    }
}
