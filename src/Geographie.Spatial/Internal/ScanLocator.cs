namespace Geographie.Spatial.Internal;

/// <summary>
/// The plain-scan oracle: NetTopologySuite's <c>RayCrossingCounter</c> logic over every edge of a perimeter.
/// Stateless, thread-safe, allocation-free.
/// </summary>
internal static class ScanLocator
{
    /// <summary>True if perimeter <paramref name="id"/> covers the point (interior or boundary).</summary>
    public static bool Covers(PerimeterSet set, int id, double qx, double qy)
    {
        double[] bb = set.Bbox;
        if (qx < bb[4 * id] || qy < bb[4 * id + 1] || qx > bb[4 * id + 2] || qy > bb[4 * id + 3])
        {
            return false;
        }

        double[] xy = set.Xy;
        int[] ringStart = set.RingStart;
        int crossings = 0;
        for (int r = set.PerimRingStart[id]; r < set.PerimRingStart[id + 1]; r++)
        {
            int end = ringStart[r + 1] - 1;
            for (int v = ringStart[r]; v < end; v++)
            {
                double x1 = xy[2 * v], y1 = xy[2 * v + 1], x2 = xy[2 * v + 2], y2 = xy[2 * v + 3];
                if (x1 < qx && x2 < qx)
                {
                    continue;
                }

                if (qx == x2 && qy == y2)
                {
                    return true;
                }

                if (y1 == qy && y2 == qy)
                {
                    if (qx >= Math.Min(x1, x2) && qx <= Math.Max(x1, x2))
                    {
                        return true;
                    }

                    continue;
                }

                if ((y1 > qy && y2 <= qy) || (y2 > qy && y1 <= qy))
                {
                    int orient = RobustOrientation.Index(x1, y1, x2, y2, qx, qy);
                    if (orient == 0)
                    {
                        return true;
                    }

                    if (y2 < y1)
                    {
                        orient = -orient;
                    }

                    if (orient > 0)
                    {
                        crossings++;
                    }
                }
            }
        }

        return (crossings & 1) == 1;
    }
}
