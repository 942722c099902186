using System.Buffers;
using System.Runtime.CompilerServices;
using NetTopologySuite.Geometries;

namespace Geographie.Spatial.Areas;

/// <summary>
/// The rings of a <see cref="FlatRings"/> at one origin, for <see cref="IntersectionArea"/>: vertices shifted by an
/// integer origin (exact for projected coordinates below 2^24 m, so the orientation predicates see the geometry as
/// it was), per ring its envelope, its orientation factor (+1 when the ring is
/// a counter-clockwise shell or a clockwise hole) and the running sum of x·dy − y·dx along it, so that the boundary
/// integral of any chain of edges is one subtraction; and horizontal stripes listing the edges that cross each one,
/// so that the edges near a point or an edge are found without a scan (the y-stripes of tidwall/tg).
/// Immutable after construction; thread-safe to read.
/// </summary>
internal sealed class RingSet
{
    private const int EdgesPerStripe = 4;

    private readonly int[] _stripeStart;
    private readonly int[] _stripeEdges;
    private readonly float[] _stripeBoxes;
    private readonly double _stripeY0;
    private readonly double _stripeScale;

    /// <summary>The rings of <paramref name="flat"/> minus (<paramref name="originX"/>, <paramref name="originY"/>).</summary>
    /// <param name="flat">The rings as read from the geometry.</param>
    /// <param name="originX">Integer x of the origin.</param>
    /// <param name="originY">Integer y of the origin.</param>
    /// <param name="striped">
    /// Build the stripes. Without them (<see cref="StripeCount"/> 0) the set may only be the first operand of
    /// <see cref="IntersectionArea.Of"/>, which walks that operand's edges in order and looks up only the second's:
    /// a zone measured once does not pay for an index it never reads.
    /// </param>
    public RingSet(FlatRings flat, double originX, double originY, bool striped = true)
    {
        int n = flat.VertexCount;
        X = new double[n];
        Y = new double[n];
        Prefix = new double[n];
        var fx = flat.X;
        var fy = flat.Y;
        for (int i = 0; i < n; i++)
        {
            X[i] = fx[i] - originX;
            Y[i] = fy[i] - originY;
        }

        // The ring structure does not depend on the origin: shared with the flat copy.
        RingOf = flat.RingOf;
        NextOf = flat.NextOf;
        RingStart = flat.RingStart;
        RingCount = flat.RingCount;
        VertexCount = n;
        RingTotal = new double[RingCount];
        RingSign = new double[RingCount];
        RingEnvelope = new Envelope[RingCount];
        Envelope = new Envelope();
        for (int r = 0; r < RingCount; r++)
        {
            int start = RingStart[r], end = RingStart[r + 1];
            double sum = 0;
            double minX = X[start], maxX = minX, minY = Y[start], maxY = minY;
            for (int i = start; i < end; i++)
            {
                Prefix[i] = sum;
                int j = i + 1 < end ? i + 1 : start;
                sum += (X[i] * Y[j]) - (X[j] * Y[i]);
                minX = Math.Min(minX, X[i]);
                maxX = Math.Max(maxX, X[i]);
                minY = Math.Min(minY, Y[i]);
                maxY = Math.Max(maxY, Y[i]);
            }

            RingTotal[r] = sum;
            RingSign[r] = (sum > 0) == flat.IsShell[r] ? 1 : -1;
            RingEnvelope[r] = new Envelope(minX, maxX, minY, maxY);
            Envelope.ExpandToInclude(RingEnvelope[r]);
        }

        // Summed ring by ring from zero, as IntersectionArea sums the rings of a set lying wholly inside the other.
        double twice = 0;
        for (int r = 0; r < RingCount; r++)
        {
            twice += RingSign[r] * RingTotal[r];
        }

        TwiceArea = twice;

        if (!striped)
        {
            _stripeStart = [0];
            _stripeEdges = [];
            _stripeBoxes = [];
            return;
        }

        int stripes = Math.Max(1, n / EdgesPerStripe);
        _stripeY0 = Envelope.IsNull ? 0 : Envelope.MinY;
        _stripeScale = Envelope.IsNull || Envelope.Height <= 0 ? 0 : stripes / Envelope.Height;
        StripeCount = stripes;
        _stripeStart = new int[stripes + 1];

        // Each edge's stripe range and rounded envelope are computed once, then copied into every stripe it crosses.
        var range = ArrayPool<int>.Shared.Rent(2 * n);
        for (int i = 0; i < n; i++)
        {
            int j = NextOf[i];
            int first = range[2 * i] = StripeOf(Math.Min(Y[i], Y[j])), last = range[(2 * i) + 1] = StripeOf(Math.Max(Y[i], Y[j]));
            for (int s = first; s <= last; s++)
            {
                _stripeStart[s + 1]++;
            }
        }

        for (int s = 0; s < stripes; s++)
        {
            _stripeStart[s + 1] += _stripeStart[s];
        }

        _stripeEdges = new int[_stripeStart[stripes]];
        _stripeBoxes = new float[4 * _stripeStart[stripes]];
        var fill = _stripeStart[..stripes];
        for (int i = 0; i < n; i++)
        {
            int j = NextOf[i];
            float minX = Below(Math.Min(X[i], X[j])), maxX = Above(Math.Max(X[i], X[j]));
            float minY = Below(Math.Min(Y[i], Y[j])), maxY = Above(Math.Max(Y[i], Y[j]));
            for (int s = range[2 * i], last = range[(2 * i) + 1]; s <= last; s++)
            {
                int k = fill[s]++;
                _stripeEdges[k] = i;
                _stripeBoxes[4 * k] = minX;
                _stripeBoxes[(4 * k) + 1] = maxX;
                _stripeBoxes[(4 * k) + 2] = minY;
                _stripeBoxes[(4 * k) + 3] = maxY;
            }
        }

        ArrayPool<int>.Shared.Return(range);
    }

    /// <summary>Vertex x, minus the origin.</summary>
    public double[] X { get; }

    /// <summary>Vertex y, minus the origin.</summary>
    public double[] Y { get; }

    /// <summary>Ring of each vertex.</summary>
    public int[] RingOf { get; }

    /// <summary>Per vertex i: the sum of x·dy − y·dx over the edges of its ring from the ring's first vertex up to i.</summary>
    public double[] Prefix { get; }

    /// <summary>First vertex of each ring, and <see cref="VertexCount"/> at index <see cref="RingCount"/>.</summary>
    public int[] RingStart { get; }

    /// <summary>Twice the signed area of each ring (positive when counter-clockwise).</summary>
    public double[] RingTotal { get; }

    /// <summary>+1 for a counter-clockwise shell or a clockwise hole, −1 otherwise: what turns a ring's integral into the polygon's.</summary>
    public double[] RingSign { get; }

    /// <summary>
    /// Twice the area of the set at this origin: Σ <see cref="RingSign"/> · <see cref="RingTotal"/> in ring order, the
    /// bits <see cref="IntersectionArea.Of"/> sums when this set lies wholly inside the other operand.
    /// </summary>
    public double TwiceArea { get; }

    /// <summary>Envelope of each ring (shifted coordinates).</summary>
    public Envelope[] RingEnvelope { get; }

    /// <summary>Envelope of every ring (shifted coordinates); null envelope when empty.</summary>
    public Envelope Envelope { get; }

    /// <summary>Number of rings kept.</summary>
    public int RingCount { get; }

    /// <summary>Number of vertices kept; edge i runs from vertex i to <see cref="Next"/>(i).</summary>
    public int VertexCount { get; }

    /// <summary>Per vertex, the vertex after it in its ring (the ring closes on its first vertex): edge i runs from i to NextOf[i].</summary>
    public int[] NextOf { get; }

    /// <summary>Number of horizontal stripes; 0 when built without them.</summary>
    public int StripeCount { get; }

    /// <summary>The vertex after <paramref name="i"/> in its ring (the ring closes on its first vertex).</summary>
    public int Next(int i) => NextOf[i];

    /// <summary>The stripe holding ordinate <paramref name="y"/>, clamped to the stripes (monotone in y).</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public int StripeOf(double y)
    {
        double s = (y - _stripeY0) * _stripeScale;
        return s <= 0 ? 0 : s >= StripeCount - 1 ? StripeCount - 1 : (int)s;
    }

    /// <summary>First-vertex indices of the edges whose y-range meets stripe <paramref name="stripe"/>.</summary>
    public ReadOnlySpan<int> EdgesIn(int stripe) =>
        _stripeEdges.AsSpan(_stripeStart[stripe], _stripeStart[stripe + 1] - _stripeStart[stripe]);

    /// <summary>
    /// The envelopes of <see cref="EdgesIn"/>(<paramref name="stripe"/>), four floats each (min x, max x, min y, max y)
    /// rounded outwards: a filter read in sequence, so that pairing an edge with a stripe's edges touches the vertex
    /// arrays only for the edges whose envelope meets it.
    /// </summary>
    public ReadOnlySpan<float> BoxesIn(int stripe) =>
        _stripeBoxes.AsSpan(4 * _stripeStart[stripe], 4 * (_stripeStart[stripe + 1] - _stripeStart[stripe]));

    /// <summary>
    /// Whether some edge may meet <paramref name="box"/> (shifted coordinates, boundary included): the float envelopes
    /// of the stripes over the box's y-range tested against it, stopping at the first that meets it. Rounded outwards,
    /// so false proves that no edge meets the box; true may be a near miss. Needs the stripes.
    /// </summary>
    public bool AnyEdgeMayMeet(Envelope box)
    {
        double minX = box.MinX, maxX = box.MaxX, minY = box.MinY, maxY = box.MaxY;
        for (int s = StripeOf(minY), last = StripeOf(maxY); s <= last; s++)
        {
            var boxes = BoxesIn(s);
            for (int k = 0, count = boxes.Length / 4; k < count; k++)
            {
                if (!BoxApart(boxes, k, minX, maxX, minY, maxY))
                {
                    return true;
                }
            }
        }

        return false;
    }

    /// <summary>
    /// The boundary integral Σ x·dy − y·dx along ring edges from vertex <paramref name="from"/> forward to vertex
    /// <paramref name="to"/> of the same ring (the whole ring but the edge ending at <paramref name="from"/> when
    /// <paramref name="to"/> precedes it by one).
    /// </summary>
    public double Chain(int from, int to) =>
        to >= from ? Prefix[to] - Prefix[from] : RingTotal[RingOf[from]] - Prefix[from] + Prefix[to];

    /// <summary>
    /// Whether box <paramref name="k"/> of <paramref name="boxes"/> (a <see cref="BoxesIn"/> span) lies apart from the
    /// envelope given: rounded outwards, a box apart proves its edge is apart, never the reverse.
    /// </summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static bool BoxApart(ReadOnlySpan<float> boxes, int k, double minX, double maxX, double minY, double maxY) =>
        boxes[(4 * k) + 1] < minX || boxes[4 * k] > maxX || boxes[(4 * k) + 3] < minY || boxes[(4 * k) + 2] > maxY;

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static float Below(double value)
    {
        float f = (float)value;
        return f > value ? MathF.BitDecrement(f) : f;
    }

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static float Above(double value)
    {
        float f = (float)value;
        return f < value ? MathF.BitIncrement(f) : f;
    }
}
