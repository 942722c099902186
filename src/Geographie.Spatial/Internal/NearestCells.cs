using System.Numerics;
using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;
using System.Runtime.Intrinsics;
using System.Runtime.Intrinsics.X86;

namespace Geographie.Spatial.Internal;

/// <summary>
/// Nearest-boundary cells built by <see cref="NearestCellsBuilder"/>: a lon/lat grid over the data extent widened by
/// <see cref="Radius"/>, each cell refined 4 × 4 at a time, whose leaves list the only edges that can be nearest to
/// any point of the leaf when the nearest boundary is within <see cref="Radius"/>. A cell word ≥ 0 is the offset of a
/// leaf in the leaf stream, <see cref="Unresolved"/> a leaf that would keep too many edges or, in cells that
/// widen a smaller set, one that set always answers (the caller searches otherwise), and any other negative word the bitwise complement of the offset of its 16 child words (row-major). A
/// leaf is its run count followed by its runs of consecutive ring edges (first vertex, <see cref="RunWord"/>), read
/// straight from the projected vertices; the count heads the runs so that a query misses the cache once for both
/// (offset 0 is the empty leaf, shared; identical leaves are stored once).
/// Immutable; queries are thread-safe, write nothing shared and allocate nothing.
/// </summary>
internal sealed class NearestCells
{
    public const int SplitBits = 2;

    public const int Split = 1 << SplitBits;

    /// <summary>The word of a leaf left to the grid walk.</summary>
    public const int Unresolved = int.MinValue;

    /// <summary>Integers per run: its first vertex, then <see cref="RunWord"/>.</summary>
    public const int RunInts = 2;

    /// <summary>Bits of a run word holding the edge count (a run never exceeds <see cref="NearestCellsBuilder.MaxLeafEdges"/>).</summary>
    private const int CountBits = 8;

    /// <summary>Bits of a run word holding the CRS ordinal, above the count.</summary>
    private const int CrsBits = 3;

    /// <summary>Perimeter ids a run word can hold: the builder leaves larger sets to the grid walk.</summary>
    public const int MaxPerimeters = 1 << (31 - CountBits - CrsBits);

    private readonly PerimeterSet _set;
    private readonly GridLevel _top;
    private readonly int[] _words;
    private readonly int[] _runs;

    public NearestCells(PerimeterSet set, double radius, GridLevel top, int[] words, int[] leaves)
    {
        _set = set;
        Radius = radius;
        _top = top;
        _words = words;
        _runs = leaves;
    }

    /// <summary>Metres within which answers are exact; a query with a larger radius needs another search.</summary>
    public double Radius { get; }

    /// <summary>Bytes held by the arrays (excluding the shared <see cref="PerimeterSet"/>).</summary>
    public long MemoryBytes => (_words.LongLength + _runs.LongLength) * sizeof(int);

    /// <summary>
    /// Lowers (best, bestId) with the edges of the query's leaf, ties to the smaller id, and returns true; false when
    /// the leaf is <see cref="Unresolved"/>. Exact when the nearest boundary is within <see cref="Radius"/>: every edge
    /// at the minimum distance is in the leaf. A point outside the grid is more than <see cref="Radius"/> from every
    /// edge. <paramref name="projected"/> caches the query point per CRS (NaN = not yet projected).
    /// </summary>
    public bool Nearest(double qx, double qy, Span<double> projected, ref double best, ref int bestId)
    {
        int leaf = Leaf(qx, qy);
        if (leaf == Unresolved)
        {
            return false;
        }

        // Outside the grid, or the shared empty leaf (29 % of address-like answers): nothing to scan.
        if (leaf > 0)
        {
            Scan(leaf, qx, qy, projected, ref best, ref bestId);
        }

        return true;
    }

    /// <summary>
    /// The two passes over a non-empty leaf. Pass 1, branch-free with one division per edge: squared distances in run
    /// order, kept for pass 2, four edges at a time (the builder pads runs to multiples of four where the ring allows).
    /// Pass 2: the exact formula (the one every other search uses, so answers agree to the bit) for the few edges
    /// whose squared distance can reach the minimum and best.
    /// </summary>
    [SkipLocalsInit]
    private void Scan(int leaf, double qx, double qy, Span<double> projected, ref double best, ref int bestId)
    {
        ref int runs = ref MemoryMarshal.GetArrayDataReference(_runs);
        int start = leaf + 1, end = start + RunInts * Unsafe.Add(ref runs, leaf);
        ProjectAndPrefetch(ref runs, start, end, qx, qy, projected);
        // Four spare slots: pass 2 reads whole vectors, the lanes past the last edge hold +∞.
        Span<double> squared = stackalloc double[NearestCellsBuilder.MaxLeafEdges + 4];
        ref double xy = ref MemoryMarshal.GetArrayDataReference(_set.ProjXy);
        ref double squaredAt = ref MemoryMarshal.GetReference(squared);
        var min4 = Vector256.Create(double.PositiveInfinity);
        int n = 0;
        for (int r = start; r < end; r += RunInts)
        {
            int v = Unsafe.Add(ref runs, r), word = Unsafe.Add(ref runs, r + 1), crs = CrsOf(word);
            double px = projected[2 * crs], py = projected[2 * crs + 1];
            int last = v + CountOf(word);
            for (int chunked = v + Chunked(last - v); v < chunked; v += 4, n += 4)
            {
                Vector256<double> d2 = SquaredFour(px, py, ref Unsafe.Add(ref xy, 2 * v));
                d2.StoreUnsafe(ref squaredAt, (nuint)n);
                min4 = Vector256.MinNative(min4, d2);
            }

            // Only rings too short to pad (or no AVX2) leave a tail.
            for (; v < last; v++, n++)
            {
                ref double a = ref Unsafe.Add(ref xy, 2 * v);
                double d2 = SegmentDistance.Squared(px, py, a, Unsafe.Add(ref a, 1), Unsafe.Add(ref a, 2), Unsafe.Add(ref a, 3));
                Unsafe.Add(ref squaredAt, n) = d2;
                min4 = Vector256.MinNative(min4, Vector256.Create(d2));
            }
        }

        Vector256.Create(double.PositiveInfinity).StoreUnsafe(ref squaredAt, (nuint)n);
        Vector128<double> min2 = Vector128.MinNative(min4.GetLower(), min4.GetUpper());
        double min = Vector128.MinNative(min2, Vector128.Create(min2.GetElement(1))).ToScalar();

        // Both forms are within ~1e-8 m of the true distance (coordinates below 1e7 m), so an edge at the exact
        // minimum is within 1e-6 m of the squared form's minimum.
        double reach = Math.Min(Math.Sqrt(min), best) + 1e-6;
        double cut = reach * reach;
        if (min > cut)
        {
            return;
        }

        var cut4 = Vector256.Create(cut);
        for (int k = 0; k < n; k += 4)
        {
            // Most chunks hold no edge that can reach the minimum.
            uint reaching = ~Vector256.GreaterThan(Vector256.LoadUnsafe(ref squaredAt, (nuint)k), cut4).ExtractMostSignificantBits() & 0xF;
            while (reaching != 0)
            {
                Exact(ref runs, start, k + BitOperations.TrailingZeroCount(reaching), projected, ref xy, ref best, ref bestId);
                reaching &= reaching - 1;
            }
        }
    }

    /// <summary>Lowers (best, bestId) with the leaf's edge number <paramref name="edge"/> (in run order) by the exact formula.</summary>
    private static void Exact(ref int runs, int start, int edge, Span<double> projected, ref double xy, ref double best, ref int bestId)
    {
        int r = start;
        for (int count; edge >= (count = CountOf(Unsafe.Add(ref runs, r + 1))); r += RunInts)
        {
            edge -= count;
        }

        int word = Unsafe.Add(ref runs, r + 1), p = PerimeterOf(word), crs = CrsOf(word);
        ref double a = ref Unsafe.Add(ref xy, 2 * (Unsafe.Add(ref runs, r) + edge));
        double d = SegmentDistance.PointToSegment(projected[2 * crs], projected[2 * crs + 1], a, Unsafe.Add(ref a, 1), Unsafe.Add(ref a, 2), Unsafe.Add(ref a, 3));
        if (d < best || (d == best && p < bestId))
        {
            best = d;
            bestId = p;
        }
    }

    /// <summary>
    /// Projects the query point into each run's CRS (so that pass 1 calls nothing and keeps its minimum in a register)
    /// and asks for every cache line of the leaf's vertices before pass 1 reads them: where the vertices outgrow the
    /// cache (France) the misses of all runs then overlap instead of following one another.
    /// </summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private unsafe void ProjectAndPrefetch(ref int runs, int start, int end, double qx, double qy, Span<double> projected)
    {
        fixed (double* xy = _set.ProjXy)
        {
            for (int r = start; r < end; r += RunInts)
            {
                Projected(CrsOf(Unsafe.Add(ref runs, r + 1)), qx, qy, projected, out _, out _);
                if (!Sse.IsSupported)
                {
                    continue;
                }

                int v = Unsafe.Add(ref runs, r);
                byte* line = (byte*)(xy + 2 * v), last = (byte*)(xy + 2 * (v + CountOf(Unsafe.Add(ref runs, r + 1))) + 1);
                for (; line <= last; line += 64)
                {
                    Sse.Prefetch0(line);
                }

                Sse.Prefetch0(last);
            }
        }
    }

    /// <summary>How many of a run's <paramref name="count"/> edges pass 1 takes four at a time (none without AVX2).</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static int Chunked(int count) => Avx2.IsSupported ? count & ~3 : 0;

    /// <summary>
    /// <see cref="SegmentDistance.Squared"/> of the four edges starting at vertex <paramref name="a"/> (interleaved
    /// x, y), in edge order: unpacking the vertices v..v+3 and v+1..v+4 deinterleaves x from y within each 128-bit
    /// half, in lane order v, v+2, v+1, v+3 (both unpackings permute alike, so the lanes pair each start with its own
    /// end); one permutation at the end restores the order.
    /// </summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static Vector256<double> SquaredFour(double px, double py, ref double a)
    {
        Vector256<double> v01 = Vector256.LoadUnsafe(ref a), v23 = Vector256.LoadUnsafe(ref a, 4);
        Vector256<double> v12 = Vector256.LoadUnsafe(ref a, 2), v34 = Vector256.LoadUnsafe(ref a, 6);
        Vector256<double> ax = Avx.UnpackLow(v01, v23), ay = Avx.UnpackHigh(v01, v23);
        Vector256<double> bx = Avx.UnpackLow(v12, v34), by = Avx.UnpackHigh(v12, v34);
        Vector256<double> qx = Vector256.Create(px), qy = Vector256.Create(py);
        Vector256<double> dx = bx - ax, dy = by - ay;
        Vector256<double> len2 = dx * dx + dy * dy;
        Vector256<double> t = Vector256.MinNative(Vector256.MaxNative((qx - ax) * dx + (qy - ay) * dy, Vector256<double>.Zero), len2);
        // A repeated vertex (len2 = 0) makes t / len2 NaN: its foot is the vertex itself.
        Vector256<double> f = Vector256.ConditionalSelect(Vector256.GreaterThan(len2, Vector256<double>.Zero), t / len2, Vector256<double>.Zero);
        Vector256<double> ex = qx - (ax + f * dx), ey = qy - (ay + f * dy);
        return Avx2.Permute4x64(ex * ex + ey * ey, 0b11_01_10_00);
    }

    /// <summary>
    /// The distance to <paramref name="perimeterId"/>'s boundary when the leaf can prove it: the nearest boundary of
    /// all is within <see cref="Radius"/> and <paramref name="perimeterId"/> has an edge at that distance (so no edge of
    /// it can be nearer). False otherwise.
    /// </summary>
    public bool TryDistanceTo(int perimeterId, double qx, double qy, Span<double> projected, out double distance)
    {
        distance = double.PositiveInfinity;
        double best = Radius;
        int bestId = int.MaxValue;
        if (!Nearest(qx, qy, projected, ref best, ref bestId) || bestId == int.MaxValue)
        {
            return false;
        }

        if (bestId == perimeterId)
        {
            distance = best;
            return true;
        }

        // A tie with a smaller id (a shared edge): the perimeter's own edges in the leaf tell whether it ties too.
        double own = double.PositiveInfinity;
        int ownId = int.MaxValue;
        ScanPerimeter(perimeterId, qx, qy, projected, ref own, ref ownId);
        distance = own;
        return own == best;
    }

    private void ScanPerimeter(int perimeterId, double qx, double qy, Span<double> projected, ref double best, ref int bestId)
    {
        int leaf = Leaf(qx, qy);
        double[] xy = _set.ProjXy;
        for (int r = leaf + 1, end = r + RunInts * _runs[leaf]; r < end; r += RunInts)
        {
            int word = _runs[r + 1];
            if (PerimeterOf(word) != perimeterId)
            {
                continue;
            }

            Projected(CrsOf(word), qx, qy, projected, out double px, out double py);
            for (int v = _runs[r], last = v + CountOf(word); v < last; v++)
            {
                best = Math.Min(best, SegmentDistance.PointToSegment(px, py, xy[2 * v], xy[2 * v + 1], xy[2 * v + 2], xy[2 * v + 3]));
                bestId = perimeterId;
            }
        }
    }

    /// <summary>
    /// Diagnostics (the benchmarks' `quick answer`): where the given queries end, the depth of the walk, and per
    /// answer the edges scanned (histogram), the leaf's runs, and the bytes read (cell words, leaf ints, vertices) with
    /// the 64-byte lines they span.
    /// </summary>
    internal string Describe(double[] xs, double[] ys)
    {
        int outside = 0, unresolved = 0, empty = 0, leaves = 0, oneRun = 0;
        long edges = 0, runs = 0, depth = 0, bytes = 0, lines = 0;
        int[] histogram = new int[9];
        for (int n = 0; n < xs.Length; n++)
        {
            int leaf = Leaf(xs[n], ys[n], out int levels);
            depth += levels;
            bytes += 4 * levels;
            lines += levels;
            if (leaf == Unresolved) unresolved++;
            else if (leaf < 0) outside++;
            else if (_runs[leaf] == 0) empty++;
            else
            {
                leaves++;
                oneRun += _runs[leaf] == 1 ? 1 : 0;
                int count = 0;
                bytes += 4 * (1 + RunInts * _runs[leaf]);
                lines += Lines(4L * leaf, 4L * (leaf + 1 + RunInts * _runs[leaf]));
                for (int r = leaf + 1; r < leaf + 1 + RunInts * _runs[leaf]; r += RunInts)
                {
                    int edgeCount = CountOf(_runs[r + 1]);
                    runs++;
                    count += edgeCount;
                    bytes += 16 * (edgeCount + 1);
                    lines += Lines(16L * _runs[r], 16L * (_runs[r] + edgeCount + 1));
                }

                edges += count;
                histogram[Math.Min(8, count == 0 ? 0 : 1 + (int)Math.Log2(count))]++;
            }
        }

        double all = Math.Max(1, xs.Length), inLeaf = Math.Max(1, leaves);
        string bins = string.Join(" ", histogram.Select((c, b) => $"{(b == 0 ? "0" : b == 8 ? "128+" : $"{1 << (b - 1)}-{(1 << b) - 1}")}:{c * 100.0 / inLeaf:F1}%"));
        return $"outside {outside}, unresolved {unresolved}, empty {empty}, leaf {leaves} (of one run {oneRun * 100.0 / inLeaf:F1}%, avg runs {runs / inLeaf:F1}, edges {edges / inLeaf:F1}; "
            + $"edges per answer in a leaf: {bins}); walk depth {depth / all:F2} words, bytes read per answer {bytes / all:F0} in {lines / all:F1} lines; "
            + $"words {_words.Length}, leaf ints {_runs.Length} ({MemoryBytes / 1e6:F1} MB)";

        static long Lines(long from, long to) => ((to - 1) >> 6) - (from >> 6) + 1;
    }

    /// <summary>The leaf word of the query point: a leaf offset, <see cref="Unresolved"/>, or −1 outside the grid.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private int Leaf(double qx, double qy) => Leaf(qx, qy, out _);

    /// <summary><see cref="Leaf(double, double)"/>, with the number of cell words read.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private int Leaf(double qx, double qy, out int levels)
    {
        levels = 0;
        double fx = (qx - _top.Ox) * _top.InvW, fy = (qy - _top.Oy) * _top.InvH;
        if (!(fx >= 0 && fy >= 0 && fx < _top.Nx && fy < _top.Ny))
        {
            return -1;
        }

        int ix = (int)fx, iy = (int)fy;
        ref int words = ref MemoryMarshal.GetArrayDataReference(_words);
        int word = Unsafe.Add(ref words, iy * _top.Nx + ix);
        levels = 1;
        while (word < 0 && word != Unresolved)
        {
            // (f − ⌊f⌋)·4 is exact, as in GridIndex: the child is found from the fraction already in registers.
            fx = (fx - ix) * Split;
            fy = (fy - iy) * Split;
            ix = (int)fx;
            iy = (int)fy;
            word = Unsafe.Add(ref words, ~word + (iy << SplitBits) + ix);
            levels++;
        }

        return word;
    }

    /// <summary>
    /// A run's second integer: perimeter, CRS ordinal and edge count in one word, so that pass 1 reads no table
    /// beside the run to project the query point.
    /// </summary>
    public static int RunWord(int perimeterId, int crs, int count) => (((perimeterId << CrsBits) | crs) << CountBits) | count;

    private static int CountOf(int word) => word & ((1 << CountBits) - 1);

    private static int CrsOf(int word) => (word >> CountBits) & ((1 << CrsBits) - 1);

    private static int PerimeterOf(int word) => word >> (CountBits + CrsBits);

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
