using NetTopologySuite.Geometries;
using NetTopologySuite.Geometries.Utilities;
using NetTopologySuite.Precision;

namespace Geographie.Tiles.Internal;

/// <summary>
/// Turns one feature's polygons (Web Mercator) into valid integer tile rings:
/// transform → clip with <see cref="RectangleClipper"/> only for polygons whose shell crosses the buffered tile
/// (bridge-free pieces) → Douglas–Peucker per ring within the tolerance → round → drop repeated points and zero-area
/// spikes → drop degenerate rings (&lt; 3 points or zero area) → MVT 2.1 winding (exterior positive surveyor's area in
/// y-down tile space, i.e. clockwise on screen; holes negative). The result is then checked with
/// <see cref="RingValidator"/>; when simplification or rounding made it non-simple (rare: 0–7 features per zoom over
/// Marseille), the feature is rebuilt with NTS from rings simplified with a quarter of the tolerance (unsimplified when
/// Douglas–Peucker made them self-intersect), snap-rounded onto the integer grid, which is valid by construction.
/// Holds scratch buffers, so one instance per thread.
/// </summary>
internal sealed class PolygonProcessor
{
    private static readonly GeometryFactory Factory = new();
    private static readonly PrecisionModel Grid = new(1.0);

    private readonly RectangleClipper _clipper = new();
    private readonly RingValidator _validator = new();
    private readonly List<(int Start, int Count, bool Hole)> _sourceRings = new(16);
    private readonly List<bool> _crossing = new(16);
    private double[] _sx = new double[1024];
    private double[] _sy = new double[1024];
    private double[] _ax = new double[1024];
    private double[] _ay = new double[1024];
    private bool[] _keep = new bool[1024];
    private int[] _stack = new int[256];
    private int[] _x = new int[1024];
    private int[] _y = new int[1024];
    private readonly List<LinearRing> _collectHoles = new();
    private List<Polygon>? _collect;
    private LinearRing? _collectShell;
    private int _length;

    /// <summary>Result X coordinates (rings in <see cref="Rings"/>).</summary>
    public int[] X => _x;

    /// <summary>Result Y coordinates.</summary>
    public int[] Y => _y;

    /// <summary>Result rings in encoding order: each exterior ring followed by its holes.</summary>
    public List<(int Start, int Count)> Rings { get; } = new(16);

    /// <summary>Is the ring's envelope entirely outside the buffered tile?</summary>
    public static bool IsOutside(PreparedRing ring, in TileTransform t) =>
        ring.MaxX < t.QueryMinX || ring.MinX > t.QueryMaxX || ring.MaxY < t.QueryMinY || ring.MinY > t.QueryMaxY;

    /// <summary>Processes a feature; returns the number of rings in <see cref="Rings"/> (0 = nothing left in the tile).</summary>
    /// <param name="polygons">The feature's polygons as prepared (used by the slow path).</param>
    /// <param name="source">
    /// The per-zoom simplification of <paramref name="polygons"/> (already within the tolerance: only clipped and
    /// rounded here), or <paramref name="polygons"/> itself (simplified per ring after clipping).
    /// </param>
    /// <param name="t">The tile transform.</param>
    /// <param name="tolerance">Douglas–Peucker tolerance in tile units.</param>
    public int Process(PreparedRing[][] polygons, PreparedRing[][] source, in TileTransform t, double tolerance)
    {
        Run(source, in t, ReferenceEquals(source, polygons) ? tolerance : 0);
        if (Rings.Count == 0 || _validator.IsSimple(_x, _y, Rings))
        {
            return Rings.Count;
        }

        Repair(polygons, in t, tolerance);
        return Rings.Count;
    }

    private void Run(PreparedRing[][] polygons, in TileTransform t, double tolerance)
    {
        Rings.Clear();
        _length = 0;
        foreach (PreparedRing[] polygon in polygons)
        {
            PreparedRing shell = polygon[0];
            if (IsOutside(shell, in t))
            {
                continue;
            }

            if (!Crosses(shell, in t))
            {
                // Fully inside the buffered tile, and so are its holes.
                int n = Transform(shell, in t, _sx, _sy, 0);
                if (!Finish(_sx, _sy, 0, n, tolerance, hole: false))
                {
                    continue;
                }

                for (int h = 1; h < polygon.Length; h++)
                {
                    n = Transform(polygon[h], in t, _sx, _sy, 0);
                    Finish(_sx, _sy, 0, n, tolerance, hole: true);
                }

                continue;
            }

            _sourceRings.Clear();
            _crossing.Clear();
            int length = 0;
            for (int h = 0; h < polygon.Length; h++)
            {
                PreparedRing ring = polygon[h];
                if (h > 0 && IsOutside(ring, in t))
                {
                    continue;
                }

                int n = Transform(ring, in t, _sx, _sy, length);
                _sourceRings.Add((length, n, h > 0));
                _crossing.Add(Crosses(ring, in t));
                length += n;
            }

            _clipper.Clip(_sx, _sy, _sourceRings, _crossing, t.ClipMin, t.ClipMax);
            bool shellKept = false;
            foreach ((int start, int count, bool hole) in _clipper.Rings)
            {
                if (!hole)
                {
                    shellKept = Finish(_clipper.X, _clipper.Y, start, count, tolerance, hole: false);
                }
                else if (shellKept)
                {
                    Finish(_clipper.X, _clipper.Y, start, count, tolerance, hole: true);
                }
            }
        }
    }

    /// <summary>Does the ring's envelope reach outside the buffered tile (so the ring may need clipping)?</summary>
    private static bool Crosses(PreparedRing ring, in TileTransform t) =>
        ring.MinX < t.QueryMinX || ring.MaxX > t.QueryMaxX || ring.MinY < t.QueryMinY || ring.MaxY > t.QueryMaxY;

    private int Transform(PreparedRing ring, in TileTransform t, double[] xs, double[] ys, int offset)
    {
        int n = ring.Count;
        if (offset + n > _sx.Length)
        {
            int size = Math.Max(offset + n, _sx.Length * 2);
            Array.Resize(ref _sx, size);
            Array.Resize(ref _sy, size);
            xs = _sx;
            ys = _sy;
        }

        double[] src = ring.Coords;
        for (int i = 0, j = 0; i < n; i++, j += 2)
        {
            xs[offset + i] = (src[j] - t.OriginX) * t.Scale;
            ys[offset + i] = (t.OriginY - src[j + 1]) * t.Scale;
        }

        return n;
    }

    /// <summary>Simplifies, rounds and orients one ring, appending it to the result; false when it degenerates.</summary>
    private bool Finish(double[] xs, double[] ys, int start, int n, double tolerance, bool hole)
    {
        if (n < 3)
        {
            return false;
        }

        EnsureScratch(n, _length + n);
        Array.Copy(xs, start, _ax, 0, n);
        Array.Copy(ys, start, _ay, 0, n);
        if (tolerance > 0)
        {
            Simplify(n, tolerance * tolerance);
        }
        else
        {
            Array.Fill(_keep, true, 0, n);
        }

        if (_collect is not null)
        {
            Collect(n, hole);
            return true;
        }

        int m = Quantise(n, _length);
        m = RemoveSpikes(_length, m);
        return Commit(m, hole);
    }

    /// <summary>Checks the ring at the end of the result, orients it and keeps it; false when degenerate.</summary>
    private bool Commit(int m, bool hole)
    {
        if (m < 3)
        {
            return false;
        }

        int o = _length;
        int[] x = _x, y = _y;
        long area2 = 0;
        for (int i = 0, k = m - 1; i < m; k = i++)
        {
            area2 += ((long)x[o + k] * y[o + i]) - ((long)x[o + i] * y[o + k]);
        }

        if (area2 == 0)
        {
            return false;
        }

        if ((area2 > 0) == hole)
        {
            Array.Reverse(x, o, m);
            Array.Reverse(y, o, m);
        }

        Rings.Add((o, m));
        _length += m;
        return true;
    }

    private int Quantise(int n, int o)
    {
        double[] ax = _ax, ay = _ay;
        bool[] keep = _keep;
        int[] x = _x, y = _y;
        int m = 0;
        for (int i = 0; i < n; i++)
        {
            if (!keep[i])
            {
                continue;
            }

            int qx = (int)Math.Round(ax[i]);
            int qy = (int)Math.Round(ay[i]);
            if (m > 0 && x[o + m - 1] == qx && y[o + m - 1] == qy)
            {
                continue;
            }

            x[o + m] = qx;
            y[o + m] = qy;
            m++;
        }

        while (m > 1 && x[o + m - 1] == x[o] && y[o + m - 1] == y[o])
        {
            m--;
        }

        return m;
    }

    /// <summary>
    /// Removes zero-area spikes (b where a → b → c turns back on the same line, including a == c) and repeated
    /// points, in one stack pass plus the wrap-around; returns the new count.
    /// </summary>
    private int RemoveSpikes(int o, int m)
    {
        int[] x = _x, y = _y;
        int top = 0;
        for (int i = 0; i < m; i++)
        {
            int px = x[o + i], py = y[o + i];
            while (true)
            {
                if (top >= 1 && x[o + top - 1] == px && y[o + top - 1] == py)
                {
                    goto Next;
                }

                if (top >= 2 && Spike(x[o + top - 2], y[o + top - 2], x[o + top - 1], y[o + top - 1], px, py))
                {
                    top--;
                    continue;
                }

                break;
            }

            x[o + top] = px;
            y[o + top] = py;
            top++;
        Next:;
        }

        // Wrap-around: the closing point and the first points.
        int first = 0;
        bool changed = true;
        while (changed && top - first >= 3)
        {
            changed = false;
            int l = o + top - 1, f = o + first;
            if (x[l] == x[f] && y[l] == y[f])
            {
                top--;
                changed = true;
            }
            else if (Spike(x[l - 1], y[l - 1], x[l], y[l], x[f], y[f]))
            {
                top--;
                changed = true;
            }
            else if (Spike(x[l], y[l], x[f], y[f], x[f + 1], y[f + 1]))
            {
                first++;
                changed = true;
            }
        }

        int count = top - first;
        if (first > 0 && count > 0)
        {
            Array.Copy(x, o + first, x, o, count);
            Array.Copy(y, o + first, y, o, count);
        }

        return Math.Max(count, 0);
    }

    private static bool Spike(long ax, long ay, long bx, long by, long cx, long cy)
    {
        long ux = bx - ax, uy = by - ay, vx = cx - bx, vy = cy - by;
        return (ux * vy) - (uy * vx) == 0 && (ux * vx) + (uy * vy) < 0;
    }

    /// <summary>
    /// Slow path for a feature whose simplified, rounded rings are not simple: the clipped rings simplified with a
    /// quarter of the tolerance, in full precision (the unsimplified ones when Douglas–Peucker made a ring self-intersect; GeometryFixer only if the source
    /// itself is invalid) are snap-rounded onto the integer grid with NTS (OverlayNG via GeometryPrecisionReducer), which yields valid output
    /// and moves nothing by more than rounding, except parts thinner than a tile unit, which collapse.
    /// </summary>
    private void Repair(PreparedRing[][] polygons, in TileTransform t, double tolerance)
    {
        // A quarter of the tolerance: the full one brought rings within a unit of each other, and snap-rounding would
        // collapse what lies between them.
        Geometry exact = CollectExact(polygons, in t, tolerance / 4);
        if (!exact.IsValid && tolerance > 0)
        {
            // Douglas–Peucker made a ring self-intersect: use the unsimplified rings for this feature.
            exact = CollectExact(polygons, in t, 0);
        }

        if (!exact.IsValid)
        {
            exact = GeometryFixer.Fix(exact);
        }

        Geometry snapped = GeometryPrecisionReducer.Reduce(exact, Grid);
        Rings.Clear();
        _length = 0;
        foreach (Polygon p in PolygonExtracter.GetPolygons(snapped).Cast<Polygon>())
        {
            if (!AppendNtsRing(p.ExteriorRing, hole: false))
            {
                continue;
            }

            foreach (LineString h in p.InteriorRings)
            {
                AppendNtsRing(h, hole: true);
            }
        }
    }

    private MultiPolygon CollectExact(PreparedRing[][] polygons, in TileTransform t, double tolerance)
    {
        _collect = new List<Polygon>();
        _collectShell = null;
        _collectHoles.Clear();
        Run(polygons, in t, tolerance);
        FlushCollected();
        MultiPolygon exact = Factory.CreateMultiPolygon(_collect.ToArray());
        _collect = null;
        return exact;
    }

    private void Collect(int n, bool hole)
    {
        var coords = new List<Coordinate>(n + 1);
        for (int i = 0; i < n; i++)
        {
            if (_keep[i])
            {
                coords.Add(new Coordinate(_ax[i], _ay[i]));
            }
        }

        if (coords.Count < 3)
        {
            return;
        }

        coords.Add(coords[0].Copy());
        LinearRing ring = Factory.CreateLinearRing(coords.ToArray());
        if (hole)
        {
            _collectHoles.Add(ring);
            return;
        }

        FlushCollected();
        _collectShell = ring;
    }

    private void FlushCollected()
    {
        if (_collectShell is not null)
        {
            _collect!.Add(Factory.CreatePolygon(_collectShell, _collectHoles.ToArray()));
        }

        _collectShell = null;
        _collectHoles.Clear();
    }

    private bool AppendNtsRing(LineString ring, bool hole)
    {
        CoordinateSequence seq = ring.CoordinateSequence;
        int n = seq.Count - 1;
        EnsureScratch(n, _length + n);
        int m = 0;
        for (int i = 0; i < n; i++)
        {
            int qx = (int)Math.Round(seq.GetX(i)), qy = (int)Math.Round(seq.GetY(i));
            if (m > 0 && _x[_length + m - 1] == qx && _y[_length + m - 1] == qy)
            {
                continue;
            }

            _x[_length + m] = qx;
            _y[_length + m] = qy;
            m++;
        }

        while (m > 1 && _x[_length + m - 1] == _x[_length] && _y[_length + m - 1] == _y[_length])
        {
            m--;
        }

        return Commit(m, hole);
    }

    /// <summary>Douglas–Peucker on the closed ring 0..n-1 (index n stands for 0 again); marks kept points in _keep.</summary>
    private void Simplify(int n, double tol2) => DouglasPeucker.Mark(new SplitPoints(_ax, _ay), n, tol2, _keep, ref _stack);

    private void EnsureScratch(int ring, int output)
    {
        if (ring > _ax.Length)
        {
            int size = Math.Max(ring, _ax.Length * 2);
            _ax = new double[size];
            _ay = new double[size];
            _keep = new bool[size];
        }

        if (output > _x.Length)
        {
            int size = Math.Max(output, _x.Length * 2);
            Array.Resize(ref _x, size);
            Array.Resize(ref _y, size);
        }
    }
}
