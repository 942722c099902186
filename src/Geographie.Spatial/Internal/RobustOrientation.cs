using System.Runtime.CompilerServices;
using NetTopologySuite.Algorithm;

namespace Geographie.Spatial.Internal;

/// <summary>
/// Orientation predicate with Shewchuk's static error filter and NetTopologySuite's double-double
/// <see cref="CGAlgorithmsDD.OrientationIndex(double,double,double,double,double,double)"/> as the fallback,
/// so near-degenerate cases are decided exactly as NTS decides them. Thread-safe, allocation-free.
/// </summary>
internal static class RobustOrientation
{
    /// <summary>(3 + 16ε)ε: if |det| exceeds this times the sum of the product magnitudes, the sign of det is exact.</summary>
    private const double ErrBound = 3.3306690738754716e-16;

    /// <summary>
    /// +1 if c lies to the left of the directed line a→b (counter-clockwise), −1 if to the right, 0 if collinear.
    /// Same convention as <c>Orientation.Index(a, b, c)</c>.
    /// </summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static int Index(double ax, double ay, double bx, double by, double cx, double cy)
    {
        // Shewchuk orient2d(a, b, c) = (a − c) × (b − c).
        double detLeft = (ax - cx) * (by - cy);
        double detRight = (ay - cy) * (bx - cx);
        double det = detLeft - detRight;
        double bound = ErrBound * (Math.Abs(detLeft) + Math.Abs(detRight));
        if (det > bound)
        {
            return 1;
        }

        if (-det > bound)
        {
            return -1;
        }

        return Exact(ax, ay, bx, by, cx, cy);
    }

    [MethodImpl(MethodImplOptions.NoInlining)]
    private static int Exact(double ax, double ay, double bx, double by, double cx, double cy) =>
        CGAlgorithmsDD.OrientationIndex(ax, ay, bx, by, cx, cy);

    /// <summary>True if (qx, qy) lies on the closed segment a–b (exact).</summary>
    public static bool OnSegment(double ax, double ay, double bx, double by, double qx, double qy)
    {
        if (qx < Math.Min(ax, bx) || qx > Math.Max(ax, bx) || qy < Math.Min(ay, by) || qy > Math.Max(ay, by))
        {
            return false;
        }

        return Index(ax, ay, bx, by, qx, qy) == 0;
    }

    /// <summary>
    /// Does the segment r→q cross the edge a–b, under the half-open rule that puts points exactly on the line r–q
    /// on its right side (a symbolic perturbation, so the parity of crossings between r and q equals the change of
    /// inside/outside status between r and q)? Returns 1 for a crossing, 0 for none, and −1 if q lies on the edge.
    /// Precondition: r does not lie on the edge.
    /// </summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static int Crossing(double rx, double ry, double qx, double qy, double ax, double ay, double bx, double by)
    {
        int sa = Index(rx, ry, qx, qy, ax, ay);
        int sb = Index(rx, ry, qx, qy, bx, by);
        if ((sa > 0) != (sb > 0))
        {
            int oq = Index(ax, ay, bx, by, qx, qy);
            if (oq == 0)
            {
                return -1;
            }

            int or = Index(ax, ay, bx, by, rx, ry);
            return oq != or ? 1 : 0;
        }

        if ((sa == 0 || sb == 0) && OnSegment(ax, ay, bx, by, qx, qy))
        {
            return -1;
        }

        return 0;
    }
}
