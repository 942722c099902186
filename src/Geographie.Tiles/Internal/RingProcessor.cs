namespace Geographie.Tiles.Internal;

/// <summary>
/// Turns one ring (Web Mercator) into integer tile coordinates: transform → clip (Sutherland–Hodgman against the
/// buffered tile, only across the edges the ring's envelope crosses) → Douglas–Peucker within the tolerance →
/// round → drop repeated points → drop degenerate rings (&lt; 3 distinct points or zero area) → enforce the MVT 2.1
/// winding (exterior positive surveyor's area in y-down tile space, i.e. clockwise on screen; holes negative).
/// Holds scratch buffers, so one instance per thread.
/// </summary>
internal sealed class RingProcessor
{
    private double[] _ax = new double[1024];
    private double[] _ay = new double[1024];
    private double[] _bx = new double[1024];
    private double[] _by = new double[1024];
    private bool[] _keep = new bool[1024];
    private int[] _stack = new int[256];

    /// <summary>Result X coordinates (valid up to the count returned by <see cref="Process"/>).</summary>
    public int[] X { get; private set; } = new int[1024];

    /// <summary>Result Y coordinates.</summary>
    public int[] Y { get; private set; } = new int[1024];

    /// <summary>Is the ring's envelope entirely outside the buffered tile?</summary>
    public static bool IsOutside(PreparedRing ring, in TileTransform t) =>
        ring.MaxX < t.QueryMinX || ring.MinX > t.QueryMaxX || ring.MaxY < t.QueryMinY || ring.MinY > t.QueryMaxY;

    /// <summary>Processes a ring; returns the number of points in <see cref="X"/>/<see cref="Y"/>, or 0 when the ring is dropped.</summary>
    public int Process(PreparedRing ring, in TileTransform t, double tolerance, bool hole)
    {
        int n = ring.Count;
        EnsureScratch(n);
        double[] src = ring.Coords;
        double[] ax = _ax, ay = _ay;
        for (int i = 0, j = 0; i < n; i++, j += 2)
        {
            ax[i] = (src[j] - t.OriginX) * t.Scale;
            ay[i] = (t.OriginY - src[j + 1]) * t.Scale;
        }

        // Envelope in tile units (y flips).
        double minX = (ring.MinX - t.OriginX) * t.Scale, maxX = (ring.MaxX - t.OriginX) * t.Scale;
        double minY = (t.OriginY - ring.MaxY) * t.Scale, maxY = (t.OriginY - ring.MinY) * t.Scale;
        if (minX < t.ClipMin)
        {
            n = ClipPass(n, 0, t.ClipMin);
        }

        if (n > 0 && maxX > t.ClipMax)
        {
            n = ClipPass(n, 1, t.ClipMax);
        }

        if (n > 0 && minY < t.ClipMin)
        {
            n = ClipPass(n, 2, t.ClipMin);
        }

        if (n > 0 && maxY > t.ClipMax)
        {
            n = ClipPass(n, 3, t.ClipMax);
        }

        if (n < 3)
        {
            return 0;
        }

        if (tolerance > 0)
        {
            Simplify(n, tolerance * tolerance);
        }
        else
        {
            Array.Fill(_keep, true, 0, n);
        }

        int m = Quantise(n);
        if (m < 3)
        {
            return 0;
        }

        long area2 = 0;
        int[] x = X, y = Y;
        for (int i = 0, k = m - 1; i < m; k = i++)
        {
            area2 += ((long)x[k] * y[i]) - ((long)x[i] * y[k]);
        }

        if (area2 == 0)
        {
            return 0;
        }

        if ((area2 > 0) == hole)
        {
            Array.Reverse(x, 0, m);
            Array.Reverse(y, 0, m);
        }

        return m;
    }

    private int Quantise(int n)
    {
        double[] ax = _ax, ay = _ay;
        bool[] keep = _keep;
        int[] x = X, y = Y;
        int m = 0;
        for (int i = 0; i < n; i++)
        {
            if (!keep[i])
            {
                continue;
            }

            int qx = (int)Math.Round(ax[i]);
            int qy = (int)Math.Round(ay[i]);
            if (m > 0 && x[m - 1] == qx && y[m - 1] == qy)
            {
                continue;
            }

            x[m] = qx;
            y[m] = qy;
            m++;
        }

        while (m > 1 && x[m - 1] == x[0] && y[m - 1] == y[0])
        {
            m--;
        }

        return m;
    }

    /// <summary>Douglas–Peucker on the closed ring 0..n-1 (index n stands for 0 again); marks kept points in _keep.</summary>
    private void Simplify(int n, double tol2)
    {
        double[] ax = _ax, ay = _ay;
        bool[] keep = _keep;
        Array.Clear(keep, 0, n);
        keep[0] = true;

        // The closing segment is degenerate (p0 → p0), so split at the point farthest from p0 first.
        int far = -1;
        double farD = tol2;
        for (int i = 1; i < n; i++)
        {
            double dx = ax[i] - ax[0], dy = ay[i] - ay[0];
            double d = (dx * dx) + (dy * dy);
            if (d > farD)
            {
                farD = d;
                far = i;
            }
        }

        if (far < 0)
        {
            return;
        }

        keep[far] = true;
        int sp = 0;
        Push(ref sp, 0, far);
        Push(ref sp, far, n);
        while (sp > 0)
        {
            int b = _stack[--sp];
            int a = _stack[--sp];
            if (b - a < 2)
            {
                continue;
            }

            int bi = b == n ? 0 : b;
            double x0 = ax[a], y0 = ay[a], x1 = ax[bi], y1 = ay[bi];
            double dx = x1 - x0, dy = y1 - y0;
            double len2 = (dx * dx) + (dy * dy);
            int best = -1;
            double bestD = tol2;
            for (int i = a + 1; i < b; i++)
            {
                double px = ax[i] - x0, py = ay[i] - y0;
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
                        double qx = ax[i] - x1, qy = ay[i] - y1;
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
                Push(ref sp, a, best);
                Push(ref sp, best, b);
            }
        }
    }

    private void Push(ref int sp, int a, int b)
    {
        if (sp + 2 > _stack.Length)
        {
            Array.Resize(ref _stack, _stack.Length * 2);
        }

        _stack[sp++] = a;
        _stack[sp++] = b;
    }

    /// <summary>One Sutherland–Hodgman pass from (_ax,_ay) into (_bx,_by), then swaps so the result is in (_ax,_ay).</summary>
    private int ClipPass(int n, int edge, double bound)
    {
        EnsureScratch(2 * n);
        double[] ix = _ax, iy = _ay, ox = _bx, oy = _by;
        int m = 0;
        int prev = n - 1;
        bool prevIn = Inside(ix[prev], iy[prev], edge, bound);
        for (int i = 0; i < n; i++)
        {
            bool curIn = Inside(ix[i], iy[i], edge, bound);
            if (curIn != prevIn)
            {
                double t;
                if (edge < 2)
                {
                    t = (bound - ix[prev]) / (ix[i] - ix[prev]);
                    ox[m] = bound;
                    oy[m] = iy[prev] + (t * (iy[i] - iy[prev]));
                }
                else
                {
                    t = (bound - iy[prev]) / (iy[i] - iy[prev]);
                    ox[m] = ix[prev] + (t * (ix[i] - ix[prev]));
                    oy[m] = bound;
                }

                m++;
            }

            if (curIn)
            {
                ox[m] = ix[i];
                oy[m] = iy[i];
                m++;
            }

            prev = i;
            prevIn = curIn;
        }

        _ax = ox;
        _ay = oy;
        _bx = ix;
        _by = iy;
        return m;
    }

    private static bool Inside(double x, double y, int edge, double bound) => edge switch
    {
        0 => x >= bound,
        1 => x <= bound,
        2 => y >= bound,
        _ => y <= bound,
    };

    private void EnsureScratch(int n)
    {
        if (n <= _ax.Length)
        {
            return;
        }

        int size = Math.Max(n, _ax.Length * 2);
        Array.Resize(ref _ax, size);
        Array.Resize(ref _ay, size);
        Array.Resize(ref _bx, size);
        Array.Resize(ref _by, size);
        _keep = new bool[size];
        X = new int[size];
        Y = new int[size];
    }
}
