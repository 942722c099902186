using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;
using System.Runtime.Intrinsics;

namespace Geographie.Spatial.Internal;

/// <summary>
/// The adaptive grid built by <see cref="GridBuilder"/>, in flat arrays. A cell word is 0 (outside every perimeter),
/// −(p+1) (wholly inside perimeter p only), <see cref="SubFlag"/> | log2(side) &lt;&lt; <see cref="SubShiftBit"/> | offset
/// (a finer side × side grid whose words start at offset), or leaf+1 (a boundary leaf). Sub-grid sides are powers of
/// two, so a query descends by scaling its fractional position in the parent cell — exact, with no per-level table
/// to load. A leaf is one contiguous record in the leaf stream: a header (entry count &lt;&lt; 1 | nudged), then per
/// perimeter in ascending id order (id &lt;&lt; 1 | reference inside), the edge count and the edges' first-vertex
/// indices. The reference point is the cell centre, recomputed exactly from the cell's global index (see
/// <see cref="Centre"/>), or, if the centre lay on an edge (nudged), a point kept in a small side table.
/// Immutable; queries are thread-safe, write nothing shared and allocate nothing.
/// </summary>
internal sealed class GridIndex
{
    public const int SubFlag = 1 << 30;

    public const int SubShiftBit = 27;

    public const int SubOffsetMask = (1 << SubShiftBit) - 1;

    private readonly PerimeterSet _set;
    private readonly GridLevel _top;
    private readonly int[] _words;
    private readonly int[] _nudgedLeaf;
    private readonly double[] _nudgedRef;
    private readonly int[] _leafData;

    public GridIndex(PerimeterSet set, GridLevel top, int[] words, int[] nudgedLeaf, double[] nudgedRef, int[] leafData)
    {
        _set = set;
        _top = top;
        _words = words;
        _nudgedLeaf = nudgedLeaf;
        _nudgedRef = nudgedRef;
        _leafData = leafData;
    }

    public int LeafWords => _leafData.Length;

    public int CellCount => _words.Length;

    /// <summary>Bytes held by the grid arrays (excluding the shared <see cref="PerimeterSet"/>).</summary>
    public long MemoryBytes =>
        Unsafe.SizeOf<GridLevel>()
        + (_words.LongLength + _nudgedLeaf.LongLength + _leafData.LongLength) * sizeof(int)
        + _nudgedRef.LongLength * sizeof(double);

    /// <summary>
    /// Centre coordinate of the cell with global index <paramref name="g"/> at 2^<paramref name="shift"/> cells per top
    /// cell: origin + (g + ½) / 2^shift · top side. (g + ½) / 2^shift is exact, so builder and query agree to the bit.
    /// </summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static double Centre(double origin, double topSide, long g, int shift) =>
        origin + Math.ScaleB(g + 0.5, -shift) * topSide;

    /// <summary>Diagnostics (the benchmarks' `quick stats`): how deep the given queries descend and what they end on.</summary>
    internal string Describe(double[] xs, double[] ys)
    {
        var depth = new int[64];
        int outside = 0, inside = 0, leaves = 0;
        long leafEdges = 0;
        for (int n = 0; n < xs.Length; n++)
        {
            int word = Locate(xs[n], ys[n], out _, out _, out int d);
            depth[d]++;
            if (word == 0) outside++;
            else if (word < 0) inside++;
            else
            {
                leaves++;
                int at = word - 1 + 1;
                for (int e = _leafData[word - 1] >> 1; e > 0; e--)
                {
                    leafEdges += _leafData[at + 1];
                    at += 2 + _leafData[at + 1];
                }
            }
        }

        return $"shift histogram {string.Join('/', depth.Take(16))}; outside {outside}, inside-one {inside}, leaf {leaves} (avg edges {leafEdges / (double)Math.Max(1, leaves):F1}), words {_words.Length}, leaf words {_leafData.Length}, nudged leaves {_nudgedLeaf.Length}";
    }

    /// <summary>The final cell word of the query point, with the leaf's reference point (meaningful for leaves only).</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private int Locate(double qx, double qy, out double rx, out double ry, out int shift)
    {
        double fx = (qx - _top.Ox) * _top.InvW, fy = (qy - _top.Oy) * _top.InvH;
        shift = 0;
        rx = ry = 0;
        if (!(fx >= 0 && fy >= 0 && fx < _top.Nx && fy < _top.Ny))
        {
            return 0;
        }

        int ix = (int)fx, iy = (int)fy;
        long gi = ix, gj = iy;
        ref int words = ref MemoryMarshal.GetArrayDataReference(_words);
        int word = Unsafe.Add(ref words, iy * _top.Nx + ix);
        while (word >= SubFlag)
        {
            // Power-of-two side: (f − ⌊f⌋)·2^s is exact, so the sub-cell is ⌊f_top · 2^shift⌋ mod 2^s.
            int s = (word >> SubShiftBit) & 7;
            double k = 1 << s;
            fx = (fx - ix) * k;
            fy = (fy - iy) * k;
            ix = (int)fx;
            iy = (int)fy;
            gi = (gi << s) + ix;
            gj = (gj << s) + iy;
            shift += s;
            word = Unsafe.Add(ref words, (word & SubOffsetMask) + (iy << s) + ix);
        }

        if (word > 0)
        {
            rx = Centre(_top.Ox, _top.W, gi, shift);
            ry = Centre(_top.Oy, _top.H, gj, shift);
        }

        return word;
    }

    /// <summary>Diagnostics (the benchmarks' `quick stats`): the final word without the leaf scan.</summary>
    internal int LocateOnly(double qx, double qy) => Locate(qx, qy, out _, out _, out _);

    public int FindCovering(double qx, double qy, Span<int> hits)
    {
        int word = Locate(qx, qy, out double rx, out double ry, out _);
        if (word == 0)
        {
            return 0;
        }

        if (word < 0)
        {
            if (hits.Length > 0)
            {
                hits[0] = -word - 1;
            }

            return 1;
        }

        return ScanLeafCovering(word - 1, rx, ry, qx, qy, hits);
    }

    private int ScanLeafCovering(int leaf, double rx, double ry, double qx, double qy, Span<int> hits)
    {
        ref int data = ref MemoryMarshal.GetArrayDataReference(_leafData);
        ref double xy = ref MemoryMarshal.GetArrayDataReference(_set.Xy);
        int header = Unsafe.Add(ref data, leaf);
        if ((header & 1) != 0)
        {
            NudgedReference(leaf, out rx, out ry);
        }

        // Box of r–q as (minX, minY) and (maxX, maxY) vectors; coordinates are finite, so the native min/max are exact.
        Vector128<double> q = Vector128.Create(qx, qy), r = Vector128.Create(rx, ry);
        Vector128<double> lo = Vector128.MinNative(q, r), hi = Vector128.MaxNative(q, r);
        int count = 0;
        int at = leaf + 1;
        for (int entries = header >> 1; entries > 0; entries--)
        {
            int perim = Unsafe.Add(ref data, at);
            int kEnd = at + 2 + Unsafe.Add(ref data, at + 1);
            bool covered = (perim & 1) != 0;
            for (int k = at + 2; k < kEnd; k++)
            {
                ref double a = ref Unsafe.Add(ref xy, 2 * Unsafe.Add(ref data, k));
                Vector128<double> va = Vector128.LoadUnsafe(ref a), vb = Vector128.LoadUnsafe(ref Unsafe.Add(ref a, 2));
                // Exact bounding-box rejection (one branch): an edge that misses the box of r–q can neither cross r–q nor hold q.
                Vector128<double> miss = Vector128.LessThan(Vector128.MaxNative(va, vb), lo) | Vector128.GreaterThan(Vector128.MinNative(va, vb), hi);
                if (miss != Vector128<double>.Zero)
                {
                    continue;
                }

                double ax = va.GetElement(0), ay = va.GetElement(1), bx = vb.GetElement(0), by = vb.GetElement(1);
                int c = RobustOrientation.Crossing(rx, ry, qx, qy, ax, ay, bx, by);
                if (c < 0)
                {
                    covered = true;
                    break;
                }

                covered ^= c != 0;
            }

            if (covered)
            {
                if (count < hits.Length)
                {
                    hits[count] = perim >> 1;
                }

                count++;
            }

            at = kEnd;
        }

        return count;
    }

    [MethodImpl(MethodImplOptions.NoInlining)]
    private void NudgedReference(int leaf, out double rx, out double ry)
    {
        int i = Array.BinarySearch(_nudgedLeaf, leaf);
        rx = _nudgedRef[2 * i];
        ry = _nudgedRef[2 * i + 1];
    }

    /// <summary>
    /// Lowers (best, bestId) with the projected distance from the query point to the edges of boundary leaves that
    /// could hold an edge closer than best. Top cells are visited ring by ring outwards from the query's cell, so best
    /// shrinks early and the walk stops once a whole ring lies beyond it. <paramref name="metresPerDegreeX"/> and
    /// <paramref name="metresPerDegreeY"/> are lower bounds of projected metres per degree around the query (for pruning).
    /// <paramref name="projected"/> caches the query point per CRS (NaN = not yet projected).
    /// </summary>
    public void Nearest(double qx, double qy, double metresPerDegreeX, double metresPerDegreeY, Span<double> projected, ref double best, ref int bestId)
    {
        GridLevel g = _top;
        int ci = (int)Math.Clamp(Math.Floor((qx - g.Ox) * g.InvW), 0, g.Nx - 1);
        int cj = (int)Math.Clamp(Math.Floor((qy - g.Oy) * g.InvH), 0, g.Ny - 1);
        double ringMetres = Math.Min(g.W * metresPerDegreeX, g.H * metresPerDegreeY);
        int maxRing = Math.Max(Math.Max(ci, g.Nx - 1 - ci), Math.Max(cj, g.Ny - 1 - cj));
        for (int k = 0; k <= maxRing; k++)
        {
            // Every cell of ring k is at least k − 1 whole cells away from the query.
            if ((k - 1) * ringMetres > best)
            {
                break;
            }

            int j0 = cj - k, j1 = cj + k, i0 = ci - k, i1 = ci + k;
            for (int j = Math.Max(0, j0); j <= Math.Min(g.Ny - 1, j1); j++)
            {
                int step = j == j0 || j == j1 ? 1 : Math.Max(1, 2 * k);
                for (int i = i0; i <= i1; i += step)
                {
                    if (i >= 0 && i < g.Nx)
                    {
                        VisitCell(in g, i, j, qx, qy, metresPerDegreeX, metresPerDegreeY, projected, ref best, ref bestId);
                    }
                }
            }
        }
    }

    private void VisitCell(in GridLevel g, int i, int j, double qx, double qy, double mx, double my, Span<double> projected, ref double best, ref int bestId)
    {
        int word = _words[g.Offset + j * g.Nx + i];
        if (word <= 0)
        {
            return;
        }

        double cx0 = g.Ox + i * g.W, cy0 = g.Oy + j * g.H;
        double dx = Math.Max(0, Math.Max(cx0 - qx, qx - (cx0 + g.W))) * mx;
        double dy = Math.Max(0, Math.Max(cy0 - qy, qy - (cy0 + g.H))) * my;
        if (dx * dx + dy * dy > best * best)
        {
            return;
        }

        if (word >= SubFlag)
        {
            int k = 1 << ((word >> SubShiftBit) & 7);
            double w = g.W / k, h = g.H / k;
            var sub = new GridLevel(cx0, cy0, 1.0 / w, 1.0 / h, w, h, k, k, word & SubOffsetMask);
            double rdx = best / mx, rdy = best / my;
            int si0 = (int)Math.Clamp(Math.Floor((qx - rdx - sub.Ox) * sub.InvW), 0, sub.Nx - 1);
            int si1 = (int)Math.Clamp(Math.Floor((qx + rdx - sub.Ox) * sub.InvW), 0, sub.Nx - 1);
            int sj0 = (int)Math.Clamp(Math.Floor((qy - rdy - sub.Oy) * sub.InvH), 0, sub.Ny - 1);
            int sj1 = (int)Math.Clamp(Math.Floor((qy + rdy - sub.Oy) * sub.InvH), 0, sub.Ny - 1);
            for (int sj = sj0; sj <= sj1; sj++)
            {
                for (int si = si0; si <= si1; si++)
                {
                    VisitCell(in sub, si, sj, qx, qy, mx, my, projected, ref best, ref bestId);
                }
            }
        }
        else
        {
            ScanLeafDistance(word - 1, qx, qy, projected, ref best, ref bestId);
        }
    }

    private void ScanLeafDistance(int leaf, double qx, double qy, Span<double> projected, ref double best, ref int bestId)
    {
        double[] pxy = _set.ProjXy;
        int at = leaf + 1;
        for (int entries = _leafData[leaf] >> 1; entries > 0; entries--)
        {
            int p = _leafData[at] >> 1;
            int kStart = at + 2, kEnd = at + 2 + _leafData[at + 1];
            at = kEnd;
            if (kStart == kEnd)
            {
                continue;
            }

            int crs = _set.Crs[p];
            if (double.IsNaN(projected[2 * crs]))
            {
                MetricCrs.FromOrdinal(crs).Project(qx, qy, out projected[2 * crs], out projected[2 * crs + 1]);
            }

            double px = projected[2 * crs], py = projected[2 * crs + 1];
            double local = double.PositiveInfinity;
            for (int k = kStart; k < kEnd; k++)
            {
                int v = _leafData[k];
                double d = SegmentDistance.PointToSegment(px, py, pxy[2 * v], pxy[2 * v + 1], pxy[2 * v + 2], pxy[2 * v + 3]);
                if (d < local)
                {
                    local = d;
                }
            }

            if (local < best || (local == best && p < bestId))
            {
                best = local;
                bestId = p;
            }
        }
    }
}
