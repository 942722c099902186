using System.Runtime.CompilerServices;

namespace Geographie.Spatial.Internal;

/// <summary>Planar point–segment distance, the same formula as NetTopologySuite's <c>DistanceComputer.PointToSegment</c>.</summary>
internal static class SegmentDistance
{
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static double PointToSegment(double px, double py, double ax, double ay, double bx, double by)
    {
        double dx = bx - ax, dy = by - ay;
        double len2 = dx * dx + dy * dy;
        if (len2 == 0)
        {
            return Math.Sqrt((px - ax) * (px - ax) + (py - ay) * (py - ay));
        }

        double r = ((px - ax) * dx + (py - ay) * dy) / len2;
        if (r <= 0.0)
        {
            return Math.Sqrt((px - ax) * (px - ax) + (py - ay) * (py - ay));
        }

        if (r >= 1.0)
        {
            return Math.Sqrt((px - bx) * (px - bx) + (py - by) * (py - by));
        }

        double s = ((ay - py) * dx - (ax - px) * dy) / len2;
        return Math.Abs(s) * Math.Sqrt(len2);
    }

    /// <summary>
    /// Squared point–segment distance, branch-free (the foot is clamped to the segment), for filtering before
    /// <see cref="PointToSegment"/>: its root is within ~1e-8 m of the true distance for coordinates below 1e7 m.
    /// </summary>
    public static double Squared(double px, double py, double ax, double ay, double bx, double by)
    {
        double dx = bx - ax, dy = by - ay;
        double len2 = dx * dx + dy * dy;
        double t = Math.Min(Math.Max((px - ax) * dx + (py - ay) * dy, 0), len2);
        double f = len2 > 0 ? t / len2 : 0;
        double ex = px - (ax + f * dx), ey = py - (ay + f * dy);
        return ex * ex + ey * ey;
    }

    /// <summary>Distance from a projected point to the boundary (all ring edges) of one perimeter, metres.</summary>
    public static double ToBoundary(PerimeterSet set, int id, double px, double py)
    {
        double[] xy = set.ProjXy;
        int[] ringStart = set.RingStart;
        double best = double.PositiveInfinity;
        for (int r = set.PerimRingStart[id]; r < set.PerimRingStart[id + 1]; r++)
        {
            int end = ringStart[r + 1] - 1;
            for (int v = ringStart[r]; v < end; v++)
            {
                double d = PointToSegment(px, py, xy[2 * v], xy[2 * v + 1], xy[2 * v + 2], xy[2 * v + 3]);
                if (d < best)
                {
                    best = d;
                }
            }
        }

        return best;
    }
}
