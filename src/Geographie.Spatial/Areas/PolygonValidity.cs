using System.Buffers;
using System.Numerics;
using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;
using System.Runtime.Intrinsics;
using Geographie.Spatial.Internal;
using NetTopologySuite.Geometries;

namespace Geographie.Spatial.Areas;

/// <summary>
/// A cheap proof that a Polygon or MultiPolygon is valid, for the common zone (simple rings that meet nowhere), so that
/// NTS <c>IsValidOp</c> — a noding of every edge against every other, most of a valid zone's validation before this
/// test — runs only on the zones this test cannot vouch for. Thread-safe.
/// </summary>
/// <remarks>
/// <para>Proven valid: every ring closed, of finite coordinates and at least three distinct vertices; no two edges
/// meet except consecutive edges at their shared vertex without folding back (exact orientation predicates, the edges
/// paired all at once up to <see cref="MaxPairwiseEdges"/> edges, by a sweep over x-monotone chains beyond); each hole inside its own shell and outside its sibling holes;
/// no shell inside another polygon's shell. With no two rings meeting, one vertex of a ring decides on which side of
/// another ring it lies.</para>
/// <para>One-sided: false means "not proven", never "invalid". A ring touching itself or another ring (valid in some
/// cases, such as a hole touching its shell at a point), a polygon nested in another's hole, and geometries of more
/// than <see cref="MaxRings"/> rings are left to <c>IsValidOp</c>.</para>
/// </remarks>
public static class PolygonValidity
{
    /// <summary>Beyond this many rings the ring-against-ring placement (quadratic) is left to <c>IsValidOp</c>.</summary>
    public const int MaxRings = 64;

    /// <summary>
    /// Up to this many edges every pair of edges is tried, their ranges compared four pairs at a time, instead of the
    /// chains' sweep: cutting and sorting chains costs more than the pairs of a commune's fifty edges (session 24).
    /// </summary>
    internal const int MaxPairwiseEdges = 128;

    /// <summary>Up to this many vertices the proof's scratch (eight numbers a vertex, sixteen more) is on the stack; beyond, pooled.</summary>
    private const int MaxStackVertices = 256;

    /// <summary>Below 2^52 a coordinate's unit in the last place divides every integer, so an integer origin is a multiple of it.</summary>
    private const double MaxExactlyShifted = 4503599627370496.0;

    /// <summary>True when <paramref name="polygonal"/> is certainly valid (OGC rules, as NTS <c>IsValidOp</c> judges); false when not proven.</summary>
    public static bool IsProvenValid(Geometry polygonal) =>
        polygonal is (Polygon or MultiPolygon) && IsProvenValid(FlatRings.Of(polygonal));

    /// <summary>
    /// True when the geometry of <paramref name="rings"/> is certainly valid (as <see cref="IsProvenValid(Geometry)"/>
    /// judges it), from its rings as already read.
    /// </summary>
    public static bool IsProvenValid(FlatRings rings) => IsProvenValid(rings, MaxPairwiseEdges);

    /// <summary>
    /// <see cref="IsProvenValid(FlatRings)"/> trying every pair of edges up to <paramref name="pairwiseUpTo"/> edges, the
    /// chains' sweep beyond: the tests hold both ways of pairing edges to the oracle on every case.
    /// </summary>
    [SkipLocalsInit]
    internal static bool IsProvenValid(FlatRings rings, int pairwiseUpTo)
    {
        ArgumentNullException.ThrowIfNull(rings);
        var polygonal = rings.Geometry;
        if (polygonal.IsEmpty || !rings.WellFormed || rings.RingCount > MaxRings)
        {
            return false;
        }

        int n = rings.VertexCount;
        int scratchLength = (8 * n) + (4 * Vector256<double>.Count);
        double[]? pooled = n > MaxStackVertices ? ArrayPool<double>.Shared.Rent(scratchLength) : null;
        try
        {
            var scratch = pooled is null ? stackalloc double[scratchLength] : pooled.AsSpan(0, scratchLength);

            // The predicates must judge the geometry as given, so the shift to the zone's integer origin is kept only
            // where it is exact: a difference no larger than the coordinate is a multiple of the coordinate's unit in
            // the last place (the origin is an integer) within its range. Where one is not (a zone spanning more than
            // its distance from the origin: far-flung parts of one territory), the zone is judged unshifted.
            var centre = rings.Envelope.Centre;
            var x = scratch[..n];
            var y = scratch.Slice(n, n);
            if (!ShiftedExactly(rings.X, Math.Round(centre.X), x) || !ShiftedExactly(rings.Y, Math.Round(centre.Y), y))
            {
                rings.X.AsSpan(0, n).CopyTo(x);
                rings.Y.AsSpan(0, n).CopyTo(y);
            }

            var vertices = new Vertices(x, y, rings.NextOf, rings.RingStart);
            bool edgesMeetOnlyAtJoints = n <= pairwiseUpTo && Vector256.IsHardwareAccelerated
                ? EveryPairMeetsOnlyAtJoints(vertices, scratch[(2 * n)..])
                : EdgesMeetOnlyAtJoints(vertices, scratch[(2 * n)..]);
            return edgesMeetOnlyAtJoints && RingsNest(polygonal, vertices);
        }
        finally
        {
            if (pooled is not null)
            {
                ArrayPool<double>.Shared.Return(pooled);
            }
        }
    }

    /// <summary>Writes <paramref name="coordinates"/> less <paramref name="origin"/> to <paramref name="shifted"/>; false when a difference may have been rounded.</summary>
    private static bool ShiftedExactly(double[] coordinates, double origin, Span<double> shifted)
    {
        bool exact = true;
        for (int i = 0; i < shifted.Length; i++)
        {
            double c = coordinates[i], d = c - origin;
            shifted[i] = d;
            exact &= Math.Abs(d) <= Math.Abs(c) && Math.Abs(c) < MaxExactlyShifted;
        }

        return exact;
    }

    /// <summary>
    /// No two edges meet, except consecutive ones at their shared vertex without folding back onto each other. The
    /// edges are cut into chains along which x strictly grows or strictly falls (a vertical edge is a chain of its
    /// own): two edges of one chain lie apart in x but for consecutive ones, which meet only at their joint. So only
    /// edges of different chains are paired: a sweep over x takes the chains in order of their least x, each with those
    /// starting before it ends whose y-ranges meet its own, and walks the two chains' edges together in x. Every pair
    /// of meeting edges is one. <paramref name="scratch"/>: six numbers per edge.
    /// </summary>
    private static bool EdgesMeetOnlyAtJoints(in Vertices vertices, Span<double> scratch)
    {
        int n = vertices.X.Length;
        var chains = new Chains(
            MemoryMarshal.Cast<double, int>(scratch[..n]),
            scratch.Slice(n, n),
            scratch.Slice(2 * n, n),
            scratch.Slice(3 * n, n),
            scratch.Slice(4 * n, n));
        int count = chains.Cut(vertices);

        // Each chain's sort key: its least x as ordered bits, the lowest numberBits of them given up for the chain's
        // number. A sort of plain integers; chains whose least x differ only in the bits given up may come out of order,
        // which the sweep allows for (it stops only past the first key whose kept bits exceed the chain's end).
        int numberBits = 32 - BitOperations.LeadingZeroCount((uint)count);
        long numberMask = (1L << numberBits) - 1;
        var keys = MemoryMarshal.Cast<double, long>(scratch.Slice(5 * n, count));
        for (int c = 0; c < count; c++)
        {
            keys[c] = ((OrderedBits(chains.Left[c]) >> numberBits) << numberBits) | (long)c;
        }

        keys.Sort();
        for (int a = 0; a < count; a++)
        {
            int p = (int)(keys[a] & numberMask);
            double end = chains.Right[p], low = chains.Bottom[p], high = chains.Top[p];
            long endKept = OrderedBits(end) >> numberBits;
            for (int b = a + 1; b < count; b++)
            {
                int q = (int)(keys[b] & numberMask);
                if (chains.Left[q] > end)
                {
                    if (keys[b] >> numberBits > endKept)
                    {
                        break;
                    }

                    continue;
                }

                if (chains.Top[q] >= low && chains.Bottom[q] <= high && ChainsMeet(vertices, chains, p, q))
                {
                    return false;
                }
            }
        }

        return true;
    }

    /// <summary>
    /// What <see cref="EdgesMeetOnlyAtJoints"/> says, every pair of edges tried: consecutive edges first (they meet at
    /// their joint, and only a fold back is a fault), then each edge's x- and y-ranges against those of every later
    /// edge but the one after it, four at a time, and the pairs whose ranges meet judged exactly. A valid ring has few
    /// such pairs. <paramref name="scratch"/>: four numbers and an integer per edge, and four numbers per vector lane
    /// (the ranges past the last edge are NaN, which meet nothing, so that the last vector may run past it).
    /// </summary>
    private static bool EveryPairMeetsOnlyAtJoints(in Vertices vertices, Span<double> scratch)
    {
        int n = vertices.X.Length, padded = n + Vector256<double>.Count;
        Span<double> left = scratch[..padded], right = scratch.Slice(padded, padded), bottom = scratch.Slice(2 * padded, padded), top = scratch.Slice(3 * padded, padded);
        for (int e = 0; e < n; e++)
        {
            if (FoldsBack(vertices, e, vertices.NextOf[e]))
            {
                return false;
            }

            var range = new EdgeRange(vertices, e);
            left[e] = range.Left;
            right[e] = range.Right;
            bottom[e] = range.Bottom;
            top[e] = range.Top;
        }

        left[n..].Fill(double.NaN);
        right[n..].Fill(double.NaN);
        bottom[n..].Fill(double.NaN);
        top[n..].Fill(double.NaN);
        ref double lefts = ref MemoryMarshal.GetReference(left), rights = ref MemoryMarshal.GetReference(right);
        ref double bottoms = ref MemoryMarshal.GetReference(bottom), tops = ref MemoryMarshal.GetReference(top);

        // The edges whose ranges meet edge i's, judged once the scan of i is over: a call inside the scan would make
        // the JIT keep its vectors on the stack.
        var meeting = MemoryMarshal.Cast<double, int>(scratch[(4 * padded)..])[..n];
        for (int i = 0; i < n - 1; i++)
        {
            Vector256<double> l = Vector256.Create(left[i]), r = Vector256.Create(right[i]), b = Vector256.Create(bottom[i]), t = Vector256.Create(top[i]);
            int found = 0;
            for (int j = vertices.NextOf[i] == i + 1 ? i + 2 : i + 1; j < n; j += Vector256<double>.Count)
            {
                var meet = Vector256.LessThanOrEqual(Vector256.LoadUnsafe(ref lefts, (nuint)j), r)
                    & Vector256.GreaterThanOrEqual(Vector256.LoadUnsafe(ref rights, (nuint)j), l)
                    & Vector256.LessThanOrEqual(Vector256.LoadUnsafe(ref bottoms, (nuint)j), t)
                    & Vector256.GreaterThanOrEqual(Vector256.LoadUnsafe(ref tops, (nuint)j), b);
                for (uint lanes = meet.ExtractMostSignificantBits(); lanes != 0; lanes &= lanes - 1)
                {
                    meeting[found++] = j + BitOperations.TrailingZeroCount(lanes);
                }
            }

            foreach (int j in meeting[..found])
            {
                if (PairMeets(vertices, i, j))
                {
                    return false;
                }
            }
        }

        return true;
    }

    /// <summary>
    /// Whether an edge of chain <paramref name="a"/> meets one of chain <paramref name="b"/> other than as consecutive
    /// edges at their joint: both chains' edges taken in order of x, each edge of <paramref name="a"/> within the
    /// ranges both chains share paired with the edges of <paramref name="b"/> whose ranges meet its own.
    /// </summary>
    private static bool ChainsMeet(in Vertices vertices, in Chains chains, int a, int b)
    {
        double fromX = Math.Max(chains.Left[a], chains.Left[b]), toX = Math.Min(chains.Right[a], chains.Right[b]);
        double fromY = Math.Max(chains.Bottom[a], chains.Bottom[b]), toY = Math.Min(chains.Top[a], chains.Top[b]);
        int lengthA = Math.Abs(chains.Length[a]), lengthB = Math.Abs(chains.Length[b]);
        int next = FirstEndingFrom(vertices, chains, b, lengthB, fromX);
        for (int k = FirstEndingFrom(vertices, chains, a, lengthA, fromX); k < lengthA; k++)
        {
            var edge = new EdgeRange(vertices, chains.Edge(a, k));
            if (edge.Left > toX)
            {
                break;
            }

            // The walk starts at the first edge ending at or past fromX: only the y-window is left to check.
            if (edge.Top < fromY || edge.Bottom > toY)
            {
                continue;
            }

            // Edges' ends grow along a chain: an edge of b skipped here, ending before this edge of a starts, ends
            // before every later edge of a starts too.
            while (next < lengthB && new EdgeRange(vertices, chains.Edge(b, next)).Right < edge.Left)
            {
                next++;
            }

            for (int m = next; m < lengthB; m++)
            {
                var other = new EdgeRange(vertices, chains.Edge(b, m));
                if (other.Left > edge.Right)
                {
                    break;
                }

                if (other.Top >= edge.Bottom && other.Bottom <= edge.Top
                    && PairMeets(vertices, Math.Min(edge.Number, other.Number), Math.Max(edge.Number, other.Number)))
                {
                    return true;
                }
            }
        }

        return false;
    }

    /// <summary>
    /// The position along chain <paramref name="c"/> (in order of x) of its first edge ending at or past
    /// <paramref name="x"/>: a binary search, edges' right ends growing along a chain. A long chain paired with many
    /// short ones is then walked only where they face each other.
    /// </summary>
    private static int FirstEndingFrom(in Vertices vertices, in Chains chains, int c, int length, double x)
    {
        int low = 0, high = length;
        while (low < high)
        {
            int middle = (low + high) >>> 1;
            if (new EdgeRange(vertices, chains.Edge(c, middle)).Right < x)
            {
                low = middle + 1;
            }
            else
            {
                high = middle;
            }
        }

        return low;
    }

    /// <summary>The bits of <paramref name="x"/> (finite) as a signed integer in the order of the numbers; −0 as +0.</summary>
    private static long OrderedBits(double x)
    {
        long bits = BitConverter.DoubleToInt64Bits(x);

        // A negative double's magnitude bits run backwards: flipping them (not the sign) puts them in order.
        return x == 0 ? 0 : bits ^ ((bits >> 63) & long.MaxValue);
    }

    /// <summary>Whether edges <paramref name="i"/> &lt; <paramref name="j"/> meet other than as consecutive edges at their joint.</summary>
    private static bool PairMeets(in Vertices vertices, int i, int j) =>
        vertices.NextOf[i] == j ? FoldsBack(vertices, i, j)
        : vertices.NextOf[j] == i ? FoldsBack(vertices, j, i)
        : Meet(vertices, i, j);

    /// <summary>Whether edge <paramref name="next"/>, which follows edge <paramref name="edge"/>, turns straight back along it.</summary>
    private static bool FoldsBack(in Vertices set, int edge, int next)
    {
        int end = set.NextOf[next];
        double ax = set.X[edge], ay = set.Y[edge], bx = set.X[next], by = set.Y[next], cx = set.X[end], cy = set.Y[end];

        // Exactly collinear, the two products have the same sign and the sum cannot cancel: its sign is exact. Tested
        // first, it spares the orientation for the common joint, turning by less than a right angle (at most zero, not
        // below: products that underflow to zero must not pass for a turn).
        return ((bx - ax) * (cx - bx)) + ((by - ay) * (cy - by)) <= 0 && RobustOrientation.Index(ax, ay, bx, by, cx, cy) == 0;
    }

    /// <summary>Whether the closed edges <paramref name="i"/> and <paramref name="j"/> share a point (exact).</summary>
    private static bool Meet(in Vertices set, int i, int j)
    {
        int i2 = set.NextOf[i], j2 = set.NextOf[j];
        double px = set.X[i], py = set.Y[i], qx = set.X[i2], qy = set.Y[i2];
        double rx = set.X[j], ry = set.Y[j], sx = set.X[j2], sy = set.Y[j2];
        if (Math.Max(px, qx) < Math.Min(rx, sx) || Math.Max(rx, sx) < Math.Min(px, qx)
            || Math.Max(py, qy) < Math.Min(ry, sy) || Math.Max(ry, sy) < Math.Min(py, qy))
        {
            return false;
        }

        int o1 = RobustOrientation.Index(px, py, qx, qy, rx, ry), o2 = RobustOrientation.Index(px, py, qx, qy, sx, sy);
        if (o1 == o2 && o1 != 0)
        {
            return false;
        }

        int o3 = RobustOrientation.Index(rx, ry, sx, sy, px, py), o4 = RobustOrientation.Index(rx, ry, sx, sy, qx, qy);

        // All four zero: collinear edges whose envelopes meet, which overlap or touch.
        return o3 != o4 || o3 == 0;
    }

    /// <summary>Holes inside their shell and apart from each other; shells apart from each other. Rings are numbered as <see cref="FlatRings"/> numbers them.</summary>
    private static bool RingsNest(Geometry polygonal, in Vertices set)
    {
        var shells = new int[polygonal.NumGeometries];
        int ring = 0;
        for (int g = 0; g < polygonal.NumGeometries; g++)
        {
            int holes = ((Polygon)polygonal.GetGeometryN(g)).NumInteriorRings;
            int shell = shells[g] = ring;
            for (int h = shell + 1; h <= shell + holes; h++)
            {
                if (Side(set, h, shell) != 1)
                {
                    return false;
                }

                for (int other = shell + 1; other <= shell + holes; other++)
                {
                    if (other != h && Side(set, h, other) != -1)
                    {
                        return false;
                    }
                }
            }

            ring = shell + holes + 1;
        }

        foreach (int a in shells)
        {
            foreach (int b in shells)
            {
                if (a != b && Side(set, a, b) != -1)
                {
                    return false;
                }
            }
        }

        return true;
    }

    /// <summary>
    /// Where the first vertex of ring <paramref name="ring"/> lies against ring <paramref name="of"/>: 1 inside, −1
    /// outside, 0 on it (a crossing count over the edges of <paramref name="of"/>, exact predicates).
    /// </summary>
    private static int Side(in Vertices set, int ring, int of)
    {
        int v = set.RingStart[ring];
        double px = set.X[v], py = set.Y[v];
        bool inside = false;
        for (int e = set.RingStart[of], end = set.RingStart[of + 1]; e < end; e++)
        {
            int e2 = set.NextOf[e];
            double y1 = set.Y[e], y2 = set.Y[e2];
            if ((y1 > py) == (y2 > py))
            {
                if (y1 == py && y2 == py && RobustOrientation.OnSegment(set.X[e], y1, set.X[e2], y2, px, py))
                {
                    return 0;
                }

                continue;
            }

            int o = RobustOrientation.Index(set.X[e], y1, set.X[e2], y2, px, py);
            if (o == 0)
            {
                return 0;
            }

            if ((o > 0) == (y2 > y1))
            {
                inside = !inside;
            }
        }

        return inside ? 1 : -1;
    }

    /// <summary>
    /// A zone's edges cut into x-monotone chains, in the proof's scratch: chain c holds |Length[c]| consecutive edges of
    /// one ring from edge _first[c], in order of x (forward along the ring when Length is positive, backward when
    /// negative), and its x- and y-ranges.
    /// </summary>
    private readonly ref struct Chains(Span<int> startsAndLengths, Span<double> left, Span<double> right, Span<double> bottom, Span<double> top)
    {
        private readonly Span<int> _first = startsAndLengths[..left.Length];

        public Span<int> Length { get; } = startsAndLengths.Slice(left.Length, left.Length);

        public Span<double> Left { get; } = left;

        public Span<double> Right { get; } = right;

        public Span<double> Bottom { get; } = bottom;

        public Span<double> Top { get; } = top;

        /// <summary>The <paramref name="k"/>th edge of chain <paramref name="c"/> in order of x.</summary>
        public int Edge(int c, int k) => Length[c] > 0 ? _first[c] + k : _first[c] - k;

        /// <summary>Cuts every ring of <paramref name="vertices"/> into chains; returns how many.</summary>
        public int Cut(in Vertices vertices)
        {
            int count = 0;
            for (int r = 0; r + 1 < vertices.RingStart.Length; r++)
            {
                int start = vertices.RingStart[r], end = vertices.RingStart[r + 1];
                int chainStart = start, direction = Direction(vertices, start);
                double bottom = double.PositiveInfinity, top = double.NegativeInfinity;
                for (int i = start; i < end; i++)
                {
                    int d = Direction(vertices, i);
                    if (i > chainStart && (d != direction || d == 0))
                    {
                        Add(count++, vertices, chainStart, i, direction, bottom, top);
                        chainStart = i;
                        direction = d;
                        bottom = double.PositiveInfinity;
                        top = double.NegativeInfinity;
                    }

                    double y = vertices.Y[i];
                    bottom = y < bottom ? y : bottom;
                    top = y > top ? y : top;
                }

                Add(count++, vertices, chainStart, end, direction, bottom, top);
            }

            return count;
        }

        /// <summary>Edges <paramref name="from"/> to <paramref name="to"/> (excluded) as chain <paramref name="c"/>; the y-range seen so far lacks the last vertex.</summary>
        private void Add(int c, in Vertices vertices, int from, int to, int direction, double bottom, double top)
        {
            double firstX = vertices.X[from], lastX = vertices.X[vertices.NextOf[to - 1]], lastY = vertices.Y[vertices.NextOf[to - 1]];
            Left[c] = firstX < lastX ? firstX : lastX;
            Right[c] = firstX < lastX ? lastX : firstX;
            Bottom[c] = lastY < bottom ? lastY : bottom;
            Top[c] = lastY > top ? lastY : top;
            _first[c] = direction < 0 ? to - 1 : from;
            Length[c] = direction < 0 ? from - to : to - from;
        }

        private static int Direction(in Vertices vertices, int edge)
        {
            double x1 = vertices.X[edge], x2 = vertices.X[vertices.NextOf[edge]];
            return x2 > x1 ? 1 : x2 < x1 ? -1 : 0;
        }
    }

    /// <summary>An edge's number and its x- and y-ranges.</summary>
    private readonly ref struct EdgeRange
    {
        // Built in the proof's innermost loops: a call per edge cost more than the ranges (session 24 profile).
        [MethodImpl(MethodImplOptions.AggressiveInlining)]
        public EdgeRange(in Vertices vertices, int number)
        {
            int end = vertices.NextOf[number];
            double x1 = vertices.X[number], x2 = vertices.X[end], y1 = vertices.Y[number], y2 = vertices.Y[end];
            Number = number;
            Left = x1 < x2 ? x1 : x2;
            Right = x1 < x2 ? x2 : x1;
            Bottom = y1 < y2 ? y1 : y2;
            Top = y1 < y2 ? y2 : y1;
        }

        public int Number { get; }

        public double Left { get; }

        public double Right { get; }

        public double Bottom { get; }

        public double Top { get; }
    }

    /// <summary>A zone's vertices at its origin, in the proof's scratch, and its ring structure.</summary>
    private readonly ref struct Vertices(ReadOnlySpan<double> x, ReadOnlySpan<double> y, int[] nextOf, int[] ringStart)
    {
        public ReadOnlySpan<double> X { get; } = x;

        public ReadOnlySpan<double> Y { get; } = y;

        public int[] NextOf { get; } = nextOf;

        public int[] RingStart { get; } = ringStart;
    }
}
