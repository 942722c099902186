using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;

namespace Geographie.Spatial.Internal;

/// <summary>
/// Nearest-boundary cells built by <see cref="NearestCellsBuilder"/>: a lon/lat grid over the data extent widened by
/// <see cref="Radius"/>, each cell refined 4 × 4 at a time, whose leaves hold the only edges that can be nearest to any
/// point of the leaf, when the nearest boundary is within <see cref="Radius"/>. A cell word ≥ 0 is a leaf index,
/// &lt; 0 the bitwise complement of the offset of its 16 child words (row-major). A leaf's candidates are stored
/// inline (projected segment end points and perimeter id), so a query reads one contiguous run.
/// Immutable; queries are thread-safe, write nothing shared and allocate nothing.
/// </summary>
internal sealed class NearestCells
{
    public const int SplitBits = 2;

    public const int Split = 1 << SplitBits;

    private readonly PerimeterSet _set;
    private readonly GridLevel _top;
    private readonly int[] _words;
    private readonly int[] _leafStart;
    private readonly double[] _segments;
    private readonly int[] _perimeters;

    public NearestCells(PerimeterSet set, double radius, GridLevel top, int[] words, int[] leafStart, double[] segments, int[] perimeters)
    {
        _set = set;
        Radius = radius;
        _top = top;
        _words = words;
        _leafStart = leafStart;
        _segments = segments;
        _perimeters = perimeters;
    }

    /// <summary>Metres within which answers are exact; a query with a larger radius needs another search.</summary>
    public double Radius { get; }

    /// <summary>Number of leaves.</summary>
    public int LeafCount => _leafStart.Length - 1;

    /// <summary>Number of stored candidates, all leaves together.</summary>
    public int CandidateCount => _perimeters.Length;

    /// <summary>Bytes held by the arrays (excluding the shared <see cref="PerimeterSet"/>).</summary>
    public long MemoryBytes =>
        (_words.LongLength + _leafStart.LongLength + _perimeters.LongLength) * sizeof(int) + _segments.LongLength * sizeof(double);

    /// <summary>
    /// Lowers (best, bestId) with the candidates of the query's leaf, ties to the smaller id. Exact when the nearest
    /// boundary is within <see cref="Radius"/>: every edge at the minimum distance is a candidate. A point outside
    /// the grid is more than <see cref="Radius"/> from every edge. <paramref name="projected"/> caches the query
    /// point per CRS (NaN = not yet projected).
    /// </summary>
    public void Nearest(double qx, double qy, Span<double> projected, ref double best, ref int bestId)
    {
        int leaf = Leaf(qx, qy);
        if (leaf < 0)
        {
            return;
        }

        ref double seg = ref MemoryMarshal.GetArrayDataReference(_segments);
        ref int perim = ref MemoryMarshal.GetArrayDataReference(_perimeters);
        byte[] crsOf = _set.Crs;
        int lastCrs = -1;
        double px = 0, py = 0;
        for (int c = _leafStart[leaf], end = _leafStart[leaf + 1]; c < end; c++)
        {
            int p = Unsafe.Add(ref perim, c);
            int crs = crsOf[p];
            if (crs != lastCrs)
            {
                Projected(crs, qx, qy, projected, out px, out py);
                lastCrs = crs;
            }

            ref double s = ref Unsafe.Add(ref seg, 4 * c);
            double d = SegmentDistance.PointToSegment(px, py, s, Unsafe.Add(ref s, 1), Unsafe.Add(ref s, 2), Unsafe.Add(ref s, 3));
            if (d < best || (d == best && p < bestId))
            {
                best = d;
                bestId = p;
            }
        }
    }

    /// <summary>
    /// The distance to <paramref name="perimeterId"/>'s boundary when the leaf can prove it: that perimeter holds a
    /// candidate at the leaf's minimum distance and that minimum is within <see cref="Radius"/> (so it is the true
    /// minimum over all edges, and no edge of the perimeter can be nearer). False otherwise.
    /// </summary>
    public bool TryDistanceTo(int perimeterId, double qx, double qy, Span<double> projected, out double distance)
    {
        distance = double.PositiveInfinity;
        int leaf = Leaf(qx, qy);
        if (leaf < 0)
        {
            return false;
        }

        double all = double.PositiveInfinity;
        int lastCrs = -1;
        double px = 0, py = 0;
        for (int c = _leafStart[leaf], end = _leafStart[leaf + 1]; c < end; c++)
        {
            int p = _perimeters[c];
            int crs = _set.Crs[p];
            if (crs != lastCrs)
            {
                Projected(crs, qx, qy, projected, out px, out py);
                lastCrs = crs;
            }

            double d = SegmentDistance.PointToSegment(px, py, _segments[4 * c], _segments[4 * c + 1], _segments[4 * c + 2], _segments[4 * c + 3]);
            all = Math.Min(all, d);
            if (p == perimeterId)
            {
                distance = Math.Min(distance, d);
            }
        }

        return distance == all && all <= Radius;
    }

    /// <summary>Diagnostics (benchmarks only): candidates in the query's leaf, or −1 outside the grid.</summary>
    internal int CandidatesAt(double qx, double qy)
    {
        int leaf = Leaf(qx, qy);
        return leaf < 0 ? -1 : _leafStart[leaf + 1] - _leafStart[leaf];
    }

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private int Leaf(double qx, double qy)
    {
        double fx = (qx - _top.Ox) * _top.InvW, fy = (qy - _top.Oy) * _top.InvH;
        if (!(fx >= 0 && fy >= 0 && fx < _top.Nx && fy < _top.Ny))
        {
            return -1;
        }

        int ix = (int)fx, iy = (int)fy;
        ref int words = ref MemoryMarshal.GetArrayDataReference(_words);
        int word = Unsafe.Add(ref words, iy * _top.Nx + ix);
        while (word < 0)
        {
            // (f − ⌊f⌋)·4 is exact, as in GridIndex: the child is found from the fraction already in registers.
            fx = (fx - ix) * Split;
            fy = (fy - iy) * Split;
            ix = (int)fx;
            iy = (int)fy;
            word = Unsafe.Add(ref words, ~word + (iy << SplitBits) + ix);
        }

        return word;
    }

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static void Projected(int crs, double qx, double qy, Span<double> projected, out double px, out double py)
    {
        if (double.IsNaN(projected[2 * crs]))
        {
            MetricCrs.FromOrdinal(crs).Project(qx, qy, out projected[2 * crs], out projected[2 * crs + 1]);
        }

        px = projected[2 * crs];
        py = projected[2 * crs + 1];
    }
}
