namespace Geographie.Tiles.Internal;

/// <summary>
/// Clips one polygon (shell + holes, tile units, doubles) against the axis-aligned square [lo, hi]² and returns valid
/// pieces: no zero-width bridges along the frame. Weiler–Atherton specialised to a rectangle: rings are oriented with
/// the interior on the left (shell positive shoelace area, holes negative); each ring that crosses the frame is cut into
/// the chains that lie inside; an exit point is then joined to the next entry point met walking the frame
/// counter-clockwise (the walk passes the rectangle corners in between), which can only cover parts of the frame that lie
/// inside the polygon. Unlike Sutherland–Hodgman, a polygon that leaves and re-enters the square several times yields
/// several pieces instead of one ring with overlapping back-and-forth runs on the frame.
/// Holes that do not cross the frame are kept unchanged and assigned to the piece that contains them.
/// Holds scratch buffers, so one instance per thread.
/// </summary>
internal sealed class RectangleClipper
{
    private double[] _cx = new double[1024];
    private double[] _cy = new double[1024];
    private readonly List<Chain> _chains = new(16);
    private readonly List<int> _next = new(16);

    /// <summary>Output coordinates of all pieces and holes (valid up to the ends recorded in <see cref="Rings"/>).</summary>
    public double[] X { get; private set; } = new double[1024];

    /// <summary>Output Y coordinates.</summary>
    public double[] Y { get; private set; } = new double[1024];

    /// <summary>Output rings in encoding order: a piece (Hole = false) followed by its holes.</summary>
    public List<(int Start, int Count, bool Hole)> Rings { get; } = new(16);

    private int _length;

    /// <summary>
    /// Clips. <paramref name="rings"/> are (start, count, hole) into <paramref name="xs"/>/<paramref name="ys"/>, the
    /// shell first; <paramref name="crossing"/>[i] tells whether ring i's envelope crosses the frame (otherwise the
    /// ring lies inside). Rings entirely outside must not be passed.
    /// </summary>
    public void Clip(double[] xs, double[] ys, List<(int Start, int Count, bool Hole)> rings, List<bool> crossing, double lo, double hi)
    {
        Rings.Clear();
        _chains.Clear();
        _length = 0;
        int chainLength = 0;
        for (int r = 0; r < rings.Count; r++)
        {
            if (!crossing[r])
            {
                continue;
            }

            (int start, int count, bool hole) = rings[r];
            chainLength = ExtractChains(xs, ys, start, count, hole, lo, hi, chainLength);
        }

        double side = hi - lo;
        if (_chains.Count == 0)
        {
            // No ring crosses the square: it is inside the polygon (whole square) or disjoint from it.
            if (!Covers(xs, ys, rings, lo, lo))
            {
                return;
            }

            int s = Reserve(4);
            X[s] = lo; Y[s] = lo;
            X[s + 1] = hi; Y[s + 1] = lo;
            X[s + 2] = hi; Y[s + 2] = hi;
            X[s + 3] = lo; Y[s + 3] = hi;
            Rings.Add((s, 4, false));
        }
        else
        {
            Assemble(lo, hi, side);
        }

        AssignInnerHoles(xs, ys, rings, crossing);
    }

    private readonly record struct Chain(int Start, int Count, double EntryS, double ExitS);

    private int ExtractChains(double[] xs, double[] ys, int start, int n, bool hole, double lo, double hi, int length)
    {
        // Orientation: interior on the left (shell positive area, hole negative).
        double area2 = 0;
        for (int i = 0, k = n - 1; i < n; k = i++)
        {
            area2 += (xs[start + k] * ys[start + i]) - (xs[start + i] * ys[start + k]);
        }

        bool reverse = (area2 > 0) == hole;
        int first = -1;
        for (int i = 0; i < n; i++)
        {
            double x = xs[start + i], y = ys[start + i];
            if (x < lo || x > hi || y < lo || y > hi)
            {
                first = i;
                break;
            }
        }

        if (first < 0)
        {
            return length;
        }

        EnsureChainScratch(length + (2 * n) + 4);
        double side = hi - lo;
        int chainStart = -1;
        double entryS = 0;
        for (int k = 0; k < n; k++)
        {
            int i = Index(first, k, n, reverse), j = Index(first, k + 1, n, reverse);
            double ax = xs[start + i], ay = ys[start + i], bx = xs[start + j], by = ys[start + j];
            bool aIn = ax >= lo && ax <= hi && ay >= lo && ay <= hi;
            bool bIn = bx >= lo && bx <= hi && by >= lo && by <= hi;
            if (aIn && bIn)
            {
                _cx[length] = bx;
                _cy[length] = by;
                length++;
            }
            else if (aIn)
            {
                (double px, double py) = Exit(ax, ay, bx, by, lo, hi);
                _cx[length] = px;
                _cy[length] = py;
                length++;
                _chains.Add(new Chain(chainStart, length - chainStart, entryS, Perimeter(px, py, lo, hi, side)));
                chainStart = -1;
            }
            else if (bIn)
            {
                (double px, double py) = Entry(ax, ay, bx, by, lo, hi);
                chainStart = length;
                entryS = Perimeter(px, py, lo, hi, side);
                _cx[length] = px;
                _cy[length] = py;
                length++;
                _cx[length] = bx;
                _cy[length] = by;
                length++;
            }
            else if (Through(ax, ay, bx, by, lo, hi, out double ex, out double ey, out double xx, out double xy))
            {
                _cx[length] = ex;
                _cy[length] = ey;
                _cx[length + 1] = xx;
                _cy[length + 1] = xy;
                _chains.Add(new Chain(length, 2, Perimeter(ex, ey, lo, hi, side), Perimeter(xx, xy, lo, hi, side)));
                length += 2;
            }
        }

        return length;
    }

    private static int Index(int first, int k, int n, bool reverse)
    {
        return reverse ? (((first - k) % n) + n) % n : (first + k) % n;
    }

    /// <summary>Joins chains: after a chain's exit, the next chain is the one whose entry comes first walking the frame counter-clockwise.</summary>
    private void Assemble(double lo, double hi, double side)
    {
        int c = _chains.Count;
        double perimeter = 4 * side;
        var used = new bool[c];
        for (int c0 = 0; c0 < c; c0++)
        {
            if (used[c0])
            {
                continue;
            }

            used[c0] = true;
            int ringStart = _length;
            int cur = c0;
            int guard = 0;
            while (true)
            {
                Chain chain = _chains[cur];
                Append(_cx, _cy, chain.Start, chain.Count);
                int best = -1;
                double bestD = double.MaxValue;
                for (int k = 0; k < c; k++)
                {
                    if (used[k] && k != c0)
                    {
                        continue;
                    }

                    double d = _chains[k].EntryS - chain.ExitS;
                    if (d < 0)
                    {
                        d += perimeter;
                    }

                    if (d < bestD)
                    {
                        bestD = d;
                        best = k;
                    }
                }

                // Corners passed between the exit and the next entry.
                for (int q = 0; q < 4; q++)
                {
                    double corner = Math.Ceiling(chain.ExitS / side) + q;
                    double cd = (corner * side) - chain.ExitS;
                    if (cd <= 0 || cd >= bestD)
                    {
                        continue;
                    }

                    (double kx, double ky) = Corner((int)corner % 4, lo, hi);
                    int s = Reserve(1);
                    X[s] = kx;
                    Y[s] = ky;
                }

                if (best == c0 || best < 0 || ++guard > c)
                {
                    break;
                }

                used[best] = true;
                cur = best;
            }

            int count = _length - ringStart;
            if (count >= 3)
            {
                Rings.Add((ringStart, count, false));
            }
            else
            {
                _length = ringStart;
            }
        }
    }

    private void AssignInnerHoles(double[] xs, double[] ys, List<(int Start, int Count, bool Hole)> rings, List<bool> crossing)
    {
        int pieces = Rings.Count;
        if (pieces == 0)
        {
            return;
        }

        _next.Clear();
        for (int r = 1; r < rings.Count; r++)
        {
            if (!crossing[r])
            {
                _next.Add(r);
            }
        }

        if (_next.Count == 0)
        {
            return;
        }

        // Output: each piece followed by its holes; rebuild the ring list in that order.
        var order = new List<(int Start, int Count, bool Hole)>(pieces + _next.Count);
        for (int p = 0; p < pieces; p++)
        {
            order.Add(Rings[p]);
            foreach (int r in _next)
            {
                (int start, int count, _) = rings[r];
                int owner = pieces == 1 ? 0 : Owner(xs[start], ys[start]);
                if (owner != p)
                {
                    continue;
                }

                int s = Reserve(count);
                Array.Copy(xs, start, X, s, count);
                Array.Copy(ys, start, Y, s, count);
                order.Add((s, count, true));
            }
        }

        Rings.Clear();
        Rings.AddRange(order);

        int Owner(double px, double py)
        {
            for (int p = 0; p < pieces; p++)
            {
                (int ps, int pc, _) = Rings[p];
                if (Contains(X, Y, ps, pc, px, py))
                {
                    return p;
                }
            }

            return -1;
        }
    }

    /// <summary>Is (px, py) inside the polygon (inside the shell and outside every hole)?</summary>
    private static bool Covers(double[] xs, double[] ys, List<(int Start, int Count, bool Hole)> rings, double px, double py)
    {
        if (!Contains(xs, ys, rings[0].Start, rings[0].Count, px, py))
        {
            return false;
        }

        for (int r = 1; r < rings.Count; r++)
        {
            if (Contains(xs, ys, rings[r].Start, rings[r].Count, px, py))
            {
                return false;
            }
        }

        return true;
    }

    /// <summary>Crossing-number point-in-ring test.</summary>
    internal static bool Contains(double[] xs, double[] ys, int start, int n, double px, double py)
    {
        bool inside = false;
        for (int i = 0, k = n - 1; i < n; k = i++)
        {
            double xi = xs[start + i], yi = ys[start + i], xk = xs[start + k], yk = ys[start + k];
            if ((yi > py) != (yk > py) && px < ((xk - xi) * (py - yi) / (yk - yi)) + xi)
            {
                inside = !inside;
            }
        }

        return inside;
    }

    private static (double X, double Y) Corner(int index, double lo, double hi) => index switch
    {
        0 => (lo, lo),
        1 => (hi, lo),
        2 => (hi, hi),
        _ => (lo, hi),
    };

    /// <summary>Position along the frame, counter-clockwise from (lo, lo): bottom y = lo, right x = hi, top y = hi, left x = lo.</summary>
    private static double Perimeter(double x, double y, double lo, double hi, double side)
    {
        if (y == lo && x < hi)
        {
            return x - lo;
        }

        if (x == hi && y < hi)
        {
            return side + (y - lo);
        }

        if (y == hi && x > lo)
        {
            return (2 * side) + (hi - x);
        }

        return (3 * side) + (hi - y);
    }

    /// <summary>Where the segment from inside a to outside b leaves the square (snapped onto the frame).</summary>
    private static (double X, double Y) Exit(double ax, double ay, double bx, double by, double lo, double hi)
    {
        double t = 1;
        int edge = -1;
        Limit(bx < lo, (lo - ax) / (bx - ax), 0, ref t, ref edge);
        Limit(bx > hi, (hi - ax) / (bx - ax), 1, ref t, ref edge);
        Limit(by < lo, (lo - ay) / (by - ay), 2, ref t, ref edge);
        Limit(by > hi, (hi - ay) / (by - ay), 3, ref t, ref edge);
        return Snap(ax + (t * (bx - ax)), ay + (t * (by - ay)), edge, lo, hi);

        static void Limit(bool violated, double tv, int e, ref double t, ref int edge)
        {
            if (violated && tv < t)
            {
                t = tv;
                edge = e;
            }
        }
    }

    /// <summary>Where the segment from outside a to inside b enters the square (snapped onto the frame).</summary>
    private static (double X, double Y) Entry(double ax, double ay, double bx, double by, double lo, double hi)
    {
        double t = 0;
        int edge = -1;
        Limit(ax < lo, (lo - ax) / (bx - ax), 0, ref t, ref edge);
        Limit(ax > hi, (hi - ax) / (bx - ax), 1, ref t, ref edge);
        Limit(ay < lo, (lo - ay) / (by - ay), 2, ref t, ref edge);
        Limit(ay > hi, (hi - ay) / (by - ay), 3, ref t, ref edge);
        return Snap(ax + (t * (bx - ax)), ay + (t * (by - ay)), edge, lo, hi);

        static void Limit(bool violated, double tv, int e, ref double t, ref int edge)
        {
            if (violated && tv > t)
            {
                t = tv;
                edge = e;
            }
        }
    }

    /// <summary>Liang–Barsky for a segment with both ends outside: does it pass through the square, and where?</summary>
    private static bool Through(double ax, double ay, double bx, double by, double lo, double hi,
        out double ex, out double ey, out double xx, out double xy)
    {
        double t0 = 0, t1 = 1;
        int e0 = -1, e1 = -1;
        double dx = bx - ax, dy = by - ay;
        bool ok = Clip(-dx, ax - lo, 0, ref t0, ref t1, ref e0, ref e1)
            && Clip(dx, hi - ax, 1, ref t0, ref t1, ref e0, ref e1)
            && Clip(-dy, ay - lo, 2, ref t0, ref t1, ref e0, ref e1)
            && Clip(dy, hi - ay, 3, ref t0, ref t1, ref e0, ref e1);
        ex = ey = xx = xy = 0;
        if (!ok || t1 - t0 <= 1e-12 || e0 < 0 || e1 < 0)
        {
            return false;
        }

        (ex, ey) = Snap(ax + (t0 * dx), ay + (t0 * dy), e0, lo, hi);
        (xx, xy) = Snap(ax + (t1 * dx), ay + (t1 * dy), e1, lo, hi);
        return ex != xx || ey != xy;

        static bool Clip(double p, double q, int e, ref double t0, ref double t1, ref int e0, ref int e1)
        {
            if (p == 0)
            {
                return q >= 0;
            }

            double r = q / p;
            if (p < 0)
            {
                if (r > t1)
                {
                    return false;
                }

                if (r > t0)
                {
                    t0 = r;
                    e0 = e;
                }
            }
            else
            {
                if (r < t0)
                {
                    return false;
                }

                if (r < t1)
                {
                    t1 = r;
                    e1 = e;
                }
            }

            return true;
        }
    }

    private static (double X, double Y) Snap(double x, double y, int edge, double lo, double hi) => edge switch
    {
        0 => (lo, Math.Clamp(y, lo, hi)),
        1 => (hi, Math.Clamp(y, lo, hi)),
        2 => (Math.Clamp(x, lo, hi), lo),
        3 => (Math.Clamp(x, lo, hi), hi),
        _ => (Math.Clamp(x, lo, hi), Math.Clamp(y, lo, hi)),
    };

    private void Append(double[] xs, double[] ys, int start, int count)
    {
        int s = Reserve(count);
        Array.Copy(xs, start, X, s, count);
        Array.Copy(ys, start, Y, s, count);
    }

    private int Reserve(int count)
    {
        int s = _length;
        _length += count;
        if (_length > X.Length)
        {
            int size = Math.Max(_length, X.Length * 2);
            double[] x = X, y = Y;
            Array.Resize(ref x, size);
            Array.Resize(ref y, size);
            X = x;
            Y = y;
        }

        return s;
    }

    private void EnsureChainScratch(int size)
    {
        if (size > _cx.Length)
        {
            int n = Math.Max(size, _cx.Length * 2);
            Array.Resize(ref _cx, n);
            Array.Resize(ref _cy, n);
        }
    }
}
