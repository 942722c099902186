namespace Geographie.Tiles.Internal;

/// <summary>Reads point i of a ring, whatever its storage (separate x/y arrays or interleaved coordinates).</summary>
internal interface IRingPoints
{
    double X(int i);

    double Y(int i);
}

/// <summary>Separate x and y arrays.</summary>
internal readonly struct SplitPoints(double[] x, double[] y) : IRingPoints
{
    public double X(int i) => x[i];

    public double Y(int i) => y[i];
}

/// <summary>Interleaved x0, y0, x1, y1, … coordinates.</summary>
internal readonly struct InterleavedPoints(double[] coords) : IRingPoints
{
    public double X(int i) => coords[2 * i];

    public double Y(int i) => coords[(2 * i) + 1];
}

/// <summary>
/// Douglas–Peucker on a closed ring, shared by the per-zoom cache of a feature and the per-tile processor. Generic over
/// the storage so both keep their layout and the JIT inlines the reads. Not thread-safe: callers own the scratch arrays.
/// </summary>
internal static class DouglasPeucker
{
    /// <summary>
    /// Marks in <paramref name="keep"/>[0..n) the points of the closed ring 0..n−1 (index n stands for 0 again) kept at
    /// squared tolerance <paramref name="tol2"/>; returns false when every point lies within the tolerance of point 0.
    /// </summary>
    public static bool Mark<T>(in T p, int n, double tol2, bool[] keep, ref int[] stack)
        where T : struct, IRingPoints
    {
        Array.Clear(keep, 0, n);
        keep[0] = true;

        // The closing segment is degenerate (p0 → p0), so split at the point farthest from p0 first.
        int far = -1;
        double farD = tol2;
        for (int i = 1; i < n; i++)
        {
            double dx = p.X(i) - p.X(0), dy = p.Y(i) - p.Y(0);
            double d = (dx * dx) + (dy * dy);
            if (d > farD)
            {
                farD = d;
                far = i;
            }
        }

        if (far < 0)
        {
            return false;
        }

        keep[far] = true;
        int sp = 0;
        Push(ref stack, ref sp, 0, far);
        Push(ref stack, ref sp, far, n);
        while (sp > 0)
        {
            int b = stack[--sp];
            int a = stack[--sp];
            if (b - a < 2)
            {
                continue;
            }

            int bi = b == n ? 0 : b;
            double x0 = p.X(a), y0 = p.Y(a), x1 = p.X(bi), y1 = p.Y(bi);
            double dx = x1 - x0, dy = y1 - y0;
            double len2 = (dx * dx) + (dy * dy);
            int best = -1;
            double bestD = tol2;
            for (int i = a + 1; i < b; i++)
            {
                double px = p.X(i) - x0, py = p.Y(i) - y0;
                double d;
                if (len2 == 0)
                {
                    d = (px * px) + (py * py);
                }
                else
                {
                    double u = ((px * dx) + (py * dy)) / len2;
                    if (u <= 0)
                    {
                        d = (px * px) + (py * py);
                    }
                    else if (u >= 1)
                    {
                        double qx = p.X(i) - x1, qy = p.Y(i) - y1;
                        d = (qx * qx) + (qy * qy);
                    }
                    else
                    {
                        double cross = (px * dy) - (py * dx);
                        d = cross * cross / len2;
                    }
                }

                if (d > bestD)
                {
                    bestD = d;
                    best = i;
                }
            }

            if (best >= 0)
            {
                keep[best] = true;
                Push(ref stack, ref sp, a, best);
                Push(ref stack, ref sp, best, b);
            }
        }

        return true;
    }

    private static void Push(ref int[] stack, ref int sp, int a, int b)
    {
        if (sp + 2 > stack.Length)
        {
            Array.Resize(ref stack, stack.Length * 2);
        }

        stack[sp++] = a;
        stack[sp++] = b;
    }
}
