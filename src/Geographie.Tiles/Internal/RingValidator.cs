namespace Geographie.Tiles.Internal;

/// <summary>
/// Fast, conservative simplicity check of a feature's integer rings: fails when any two segments that are not
/// consecutive in the same ring intersect or touch (sweep over segments sorted by min x, exact integer orientation
/// tests). OGC allows some point contacts between different rings; they are reported too, which only sends such a
/// feature down the slower fallback path. One instance per thread.
/// </summary>
internal sealed class RingValidator
{
    private long[] _sorted = new long[1024];
    private int[] _keys = new int[1024];
    private int[] _order = new int[1024];
    private int[] _a = new int[1024];
    private int[] _b = new int[1024];
    private int[] _ring = new int[1024];

    public bool IsSimple(int[] x, int[] y, List<(int Start, int Count)> rings)
    {
        int total = 0;
        foreach ((_, int count) in rings)
        {
            total += count;
        }

        if (total > _keys.Length)
        {
            int size = Math.Max(total, _keys.Length * 2);
            _sorted = new long[size];
            _keys = new int[size];
            _order = new int[size];
            _a = new int[size];
            _b = new int[size];
            _ring = new int[size];
        }

        int k = 0;
        for (int r = 0; r < rings.Count; r++)
        {
            (int start, int m) = rings[r];
            for (int i = 0; i < m; i++)
            {
                int a = start + i, b = start + (i + 1 == m ? 0 : i + 1);
                // One packed key (min x, then segment index) sorts faster than a key/item pair sort.
                _sorted[k] = ((long)Math.Min(x[a], x[b]) << 32) | (uint)k;
                _a[k] = a;
                _b[k] = b;
                _ring[k] = r;
                k++;
            }
        }

        Array.Sort(_sorted, 0, k);
        for (int p = 0; p < k; p++)
        {
            long packed = _sorted[p];
            _keys[p] = (int)(packed >> 32);
            _order[p] = (int)packed;
        }

        for (int p = 0; p < k; p++)
        {
            int s = _order[p];
            int sa = _a[s], sb = _b[s];
            int maxX = Math.Max(x[sa], x[sb]);
            int minY = Math.Min(y[sa], y[sb]), maxY = Math.Max(y[sa], y[sb]);
            for (int q = p + 1; q < k && _keys[q] <= maxX; q++)
            {
                int u = _order[q];
                int ua = _a[u], ub = _b[u];
                if (_ring[u] == _ring[s] && (sb == ua || ub == sa))
                {
                    continue;
                }

                if (Math.Max(y[ua], y[ub]) < minY || Math.Min(y[ua], y[ub]) > maxY)
                {
                    continue;
                }

                if (Intersect(x[sa], y[sa], x[sb], y[sb], x[ua], y[ua], x[ub], y[ub]))
                {
                    return false;
                }
            }
        }

        return true;
    }

    private static bool Intersect(long ax, long ay, long bx, long by, long cx, long cy, long dx, long dy)
    {
        int o1 = Orient(ax, ay, bx, by, cx, cy), o2 = Orient(ax, ay, bx, by, dx, dy);
        int o3 = Orient(cx, cy, dx, dy, ax, ay), o4 = Orient(cx, cy, dx, dy, bx, by);
        if (o1 * o2 < 0 && o3 * o4 < 0)
        {
            return true;
        }

        return (o1 == 0 && Within(ax, ay, bx, by, cx, cy))
            || (o2 == 0 && Within(ax, ay, bx, by, dx, dy))
            || (o3 == 0 && Within(cx, cy, dx, dy, ax, ay))
            || (o4 == 0 && Within(cx, cy, dx, dy, bx, by));
    }

    private static int Orient(long ax, long ay, long bx, long by, long px, long py) =>
        Math.Sign(((bx - ax) * (py - ay)) - ((by - ay) * (px - ax)));

    /// <summary>Collinear point p lies on the closed segment ab.</summary>
    private static bool Within(long ax, long ay, long bx, long by, long px, long py) =>
        px >= Math.Min(ax, bx) && px <= Math.Max(ax, bx) && py >= Math.Min(ay, by) && py <= Math.Max(ay, by);
}
